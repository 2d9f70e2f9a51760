"""Letters a case produces, each from an agency-editable template with its legal basis:

- the reply letter (答复书 / 告知书) that closes the case, one default per outcome (DOMAIN §7.7);
- the notices sent while it runs (DOMAIN §7.3–7.5, §9): the correction notice (art. 30), the
  extension notice (art. 33), the fee notice (art. 42 and 国办函〔2020〕109号) and the third-party
  consultation letter (art. 32), one default per notice kind.

A template is found by its key: an outcome code or a notice kind (the two sets never overlap).
Templates use `{{占位符}}` placeholders, each key with its own set; an unknown one is refused when
the template is saved. Every letter is rendered by `render_docx` (python-docx) and `render_pdf`
(Typst, the fixed template `templates/applications/letter.typ` fed the letter as JSON, with the
report writer's compiler and embedded Noto CJK face), and nothing else renders one.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

log = logging.getLogger(__name__)

REGULATION = "《中华人民共和国政府信息公开条例》"
FEE_RULES = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"

_CASE = {
    "申请编号": "申请编号",
    "收到申请日期": "收到申请之日",
    "申请内容": "申请公开的政府信息的描述",
    "机关名称": "本机关名称",
}
_SENT = {"发出日期": "通知书或函件的发出日期（落款日期）"}
# the reply letter's placeholders
PLACEHOLDERS = {
    "申请人": "申请人姓名或名称",
    **_CASE,
    "答复日期": "答复书落款日期",
    "说明": "办理人员在办结时填写的具体说明",
}
# each notice kind's placeholders; the consultation letter goes to the third party, so it has no
# placeholder for the applicant's name
NOTICE_PLACEHOLDERS: dict[str, dict[str, str]] = {
    "correction_notice": {
        "申请人": "申请人姓名或名称", **_CASE, **_SENT,
        "补正事项": "需要补正的事项（一次性告知）",
        "补正期限": "补正期限（申请人提交补正的最后一日）",
    },
    "extension_notice": {
        "申请人": "申请人姓名或名称", **_CASE, **_SENT,
        "延长天数": "延长的工作日数（最长20个工作日）",
        "延期理由": "延期答复的理由",
        "原答复期限": "延期前的答复期限",
        "新的答复期限": "延期后的答复期限",
    },
    "fee_notice": {
        "申请人": "申请人姓名或名称", **_CASE, **_SENT,
        "计收方式": "按件计收或按量计收",
        "费用金额": "信息处理费金额（元）",
        "计算方式": "费用的计算过程，每段一行",
        "缴费期限": "缴费的最后一日",
    },
    "consultation_letter": {
        **_CASE, **_SENT,
        "第三方名称": "被征求意见的第三方名称",
        "征求意见答复期限": "第三方提出意见的期限（自收到本函之日起15个工作日内）",
    },
}  # fmt: skip
_PLACEHOLDER = re.compile(r"\{\{\s*([^{}\s]+)\s*\}\}")

ABOUT = (
    "{{申请人}}：\n"
    "本机关于{{收到申请日期}}收到您提出的政府信息公开申请（申请编号：{{申请编号}}），"
    "您申请获取“{{申请内容}}”。"
)
OPENING = f"{ABOUT}现答复如下："
REMEDY = (
    "如对本答复不服，可以自收到本答复之日起六十日内依法申请行政复议，"
    "或者自收到本答复之日起六个月内依法提起行政诉讼。"
)
ANSWER, NOTICE = "政府信息公开申请答复书", "政府信息公开申请告知书"

# outcome -> (title, legal basis, the outcome's own paragraph)
DEFAULTS: dict[str, tuple[str, str, str]] = {
    "granted": (
        ANSWER,
        f"{REGULATION}第三十六条第（一）项、第（二）项",
        "经审查，您申请获取的政府信息属于可以公开的政府信息。根据"
        f"{REGULATION}第三十六条第（一）项、第（二）项的规定，本机关向您提供该政府信息"
        "（已经主动公开的，告知您获取的方式和途径），请按照您选择的方式查收。{{说明}}",
    ),
    "partial": (
        ANSWER,
        f"{REGULATION}第三十七条",
        "经审查，您申请获取的政府信息中含有不应当公开或者不属于政府信息的内容，但能够作区分处理。根据"
        f"{REGULATION}第三十七条的规定，本机关向您提供可以公开的政府信息内容，"
        "并对不予公开的内容说明理由：{{说明}}",
    ),
    "withheld_state_secret": (
        ANSWER,
        f"{REGULATION}第十四条、第三十六条第（三）项",
        f"经审查，您申请获取的政府信息属于国家秘密。根据{REGULATION}第十四条、"
        "第三十六条第（三）项的规定，本机关不予公开。{{说明}}",
    ),
    "withheld_prohibited_by_law": (
        ANSWER,
        f"{REGULATION}第十四条、第三十六条第（三）项",
        f"经审查，您申请获取的政府信息属于法律、行政法规禁止公开的政府信息。根据{REGULATION}第十四条、"
        "第三十六条第（三）项的规定，本机关不予公开。{{说明}}",
    ),
    "withheld_three_securities": (
        ANSWER,
        f"{REGULATION}第十四条、第三十六条第（三）项",
        "经审查，您申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定。根据"
        f"{REGULATION}第十四条、第三十六条第（三）项的规定，本机关不予公开。{{说明}}",
    ),
    "withheld_third_party": (
        ANSWER,
        f"{REGULATION}第十五条、第三十二条、第三十六条第（三）项",
        "经审查，您申请获取的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害。根据"
        f"{REGULATION}第十五条、第三十二条、第三十六条第（三）项的规定，本机关不予公开。{{说明}}",
    ),
    "withheld_internal_affairs": (
        ANSWER,
        f"{REGULATION}第十六条第一款、第三十六条第（三）项",
        "经审查，您申请获取的政府信息属于行政机关的人事管理、后勤管理、内部工作流程等方面的内部事务信息。根据"
        f"{REGULATION}第十六条第一款、第三十六条第（三）项的规定，本机关不予公开。{{说明}}",
    ),
    "withheld_process_info": (
        ANSWER,
        f"{REGULATION}第十六条第二款、第三十六条第（三）项",
        "经审查，您申请获取的政府信息属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、"
        f"请示报告等过程性信息。根据{REGULATION}第十六条第二款、第三十六条第（三）项的规定，本机关不予公开。{{说明}}",
    ),
    "withheld_enforcement_file": (
        ANSWER,
        f"{REGULATION}第十六条第二款、第三十六条第（三）项",
        f"经审查，您申请获取的政府信息属于行政执法案卷信息。根据{REGULATION}第十六条第二款、"
        "第三十六条第（三）项的规定，本机关不予公开。{{说明}}",
    ),
    "withheld_query_matter": (
        ANSWER,
        f"{REGULATION}第三十六条第（七）项",
        "经审查，法律、行政法规对您申请获取的信息有专门规定。根据"
        f"{REGULATION}第三十六条第（七）项的规定，请您按照有关法律、行政法规的规定办理。{{说明}}",
    ),
    "unavailable_not_held": (
        ANSWER,
        f"{REGULATION}第三十六条第（四）项、第（五）项",
        "经检索查找，本机关未制作、获取您申请公开的政府信息，或者该信息不属于本机关负责公开。根据"
        f"{REGULATION}第三十六条第（四）项、第（五）项的规定，特此告知。{{说明}}",
    ),
    "unavailable_needs_creation": (
        ANSWER,
        f"{REGULATION}第三十八条",
        "经审查，本机关没有您申请获取的现成信息，提供该信息需要对现有政府信息进行加工、分析。根据"
        f"{REGULATION}第三十八条的规定，本机关不予提供。{{说明}}",
    ),
    "unavailable_still_unclear": (
        ANSWER,
        f"{REGULATION}第三十条",
        f"本机关已向您发出补正通知，您补正后申请内容仍不明确。根据{REGULATION}第三十条的规定，"
        "本机关无法提供您申请的政府信息。{{说明}}",
    ),
    "not_processed_petition": (
        NOTICE,
        f"{REGULATION}第三十九条第一款",
        "您以政府信息公开申请的形式提出的是信访、投诉、举报等诉求。根据"
        f"{REGULATION}第三十九条第一款的规定，本机关不作为政府信息公开申请处理，"
        "请您通过相应渠道提出。{{说明}}",
    ),
    "not_processed_repeat": (
        NOTICE,
        f"{REGULATION}第三十六条第（六）项",
        f"本机关已就您申请公开的政府信息作出过答复，您重复申请公开相同的政府信息。根据{REGULATION}"
        "第三十六条第（六）项的规定，本机关不予重复处理。{{说明}}",
    ),
    "not_processed_publication": (
        NOTICE,
        f"{REGULATION}第三十九条第二款",
        "您要求提供政府公报、报刊、书籍等公开出版物。根据"
        f"{REGULATION}第三十九条第二款的规定，请您通过相应渠道获取。{{说明}}",
    ),
    "not_processed_excessive": (
        NOTICE,
        f"{REGULATION}第三十五条",
        "您申请公开政府信息的数量、频次明显超过合理范围，本机关已要求您说明理由，您说明的理由不合理。根据"
        f"{REGULATION}第三十五条的规定，本机关不予处理。{{说明}}",
    ),
    "not_processed_confirmation": (
        NOTICE,
        "年度报告格式“要求行政机关确认或重新出具已获取信息”情形（条例未单列条款）",
        "您要求本机关确认或者重新出具您已获取的信息，不属于政府信息公开申请的处理范围，"
        "本机关不予处理。{{说明}}",
    ),
    "other_no_correction": (
        NOTICE,
        f"{REGULATION}第三十条",
        "本机关已向您发出补正通知，您无正当理由逾期未补正。根据"
        f"{REGULATION}第三十条的规定，视为您放弃申请，本机关不再处理您的政府信息公开申请。{{说明}}",
    ),
    "other_fee_unpaid": (
        NOTICE,
        FEE_RULES,
        f"本机关已向您发出收费通知，您逾期未按收费通知要求缴纳信息处理费。根据{FEE_RULES}的规定，"
        "本机关不再处理您的政府信息公开申请。{{说明}}",
    ),
    "other": (
        NOTICE,
        f"{REGULATION}",
        "关于您的政府信息公开申请，处理情况如下：{{说明}}",
    ),
}


# notice kind -> (title, legal basis, body)
NOTICES: dict[str, tuple[str, str, str]] = {
    "correction_notice": (
        "政府信息公开申请补正通知书",
        f"{REGULATION}第三十条",
        f"{ABOUT}经审查，您的申请内容不明确，本机关无法据此确定您所需的政府信息。"
        f"根据{REGULATION}第三十条的规定，现一次性告知您对申请作出补正，需要补正的事项如下：\n"
        "{{补正事项}}\n"
        "请您于{{补正期限}}前（含当日）向本机关提交补正后的申请。答复期限自本机关收到补正的申请之日起计算。"
        "您无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。\n"
        "特此通知。",
    ),
    "extension_notice": (
        "政府信息公开申请延期答复告知书",
        f"{REGULATION}第三十三条第二款",
        f"{ABOUT}因{{{{延期理由}}}}，本机关不能在{{{{原答复期限}}}}前作出答复。"
        f"根据{REGULATION}第三十三条第二款的规定，经本机关政府信息公开工作机构负责人同意，"
        "答复期限延长{{延长天数}}个工作日，本机关将于{{新的答复期限}}前（含当日）作出答复。\n"
        "特此告知。",
    ),
    "fee_notice": (
        "政府信息公开申请收费通知书",
        f"{REGULATION}第四十二条第一款、{FEE_RULES}",
        f"{ABOUT}经审查，您申请公开政府信息的数量、频次明显超过合理范围。"
        f"根据{REGULATION}第四十二条第一款和{FEE_RULES}的规定，本机关决定对该申请收取信息处理费，"
        "计收方式为{{计收方式}}，金额为人民币{{费用金额}}元。计算方式如下：\n"
        "{{计算方式}}\n"
        "请您于{{缴费期限}}前（含当日）缴纳上述费用。信息处理费按照行政事业性收费管理，缴入同级国库，"
        "具体缴费方式请与本机关政府信息公开工作机构联系。本机关收到费用后继续处理您的申请；"
        "您逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。\n"
        "如对本收费决定不服，可以自收到本通知之日起六十日内依法申请行政复议，"
        "或者自收到本通知之日起六个月内依法提起行政诉讼。",
    ),
    "consultation_letter": (
        "政府信息公开征求第三方意见函",
        f"{REGULATION}第三十二条",
        "{{第三方名称}}：\n"
        "本机关于{{收到申请日期}}收到一件政府信息公开申请（申请编号：{{申请编号}}），"
        "申请公开“{{申请内容}}”。经审查，该政府信息可能涉及贵方的商业秘密、个人隐私等合法权益，"
        f"公开可能损害贵方的合法权益。根据{REGULATION}第三十二条的规定，现书面征求贵方意见。\n"
        "请贵方{{征求意见答复期限}}，以书面形式向本机关提出是否同意公开的意见；不同意公开的，请说明理由。"
        f"逾期未提出意见的，由本机关依照{REGULATION}的规定决定是否公开。贵方不同意公开且有合理理由的，"
        "本机关不予公开；本机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，"
        "并将决定公开的政府信息内容和理由书面告知贵方。\n"
        "特此函询。",
    ),
}
assert not set(NOTICES) & set(DEFAULTS)


def default_body(outcome: str) -> str:
    return f"{OPENING}\n{DEFAULTS[outcome][2]}\n{REMEDY}"


def default_template(key: str) -> tuple[str, str, str]:
    """(title, legal basis, body) of the default template for an outcome or a notice kind."""
    if key in NOTICES:
        return NOTICES[key]
    title, basis, _ = DEFAULTS[key]
    return title, basis, default_body(key)


def placeholders(key: str) -> dict[str, str]:
    """The placeholders a template for this outcome or notice kind may use, with their meaning."""
    return NOTICE_PLACEHOLDERS.get(key, PLACEHOLDERS)


def unknown_placeholders(text: str, key: str = "") -> list[str]:
    return sorted({m.group(1) for m in _PLACEHOLDER.finditer(text)} - set(placeholders(key)))


def fill(text: str, values: dict[str, str]) -> str:
    """Replace `{{名称}}` by its value; unknown names stay visible so nothing is silently dropped."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


@dataclass(frozen=True)
class Letter:
    title: str
    body: str  # paragraphs separated by newlines
    agency_name: str
    dated: date
    case_number: str

    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.body.splitlines() if p.strip()]


def render_docx(letter: Letter) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Noto Serif CJK SC"
    style.font.size = Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Noto Serif CJK SC")
    head = doc.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = head.add_run(letter.title)
    run.bold = True
    run.font.size = Pt(20)
    number = doc.add_paragraph(f"申请编号：{letter.case_number}")
    number.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for i, text in enumerate(letter.paragraphs()):
        p = doc.add_paragraph(text)
        if i > 0:
            p.paragraph_format.first_line_indent = Pt(28)
    for text in (letter.agency_name, cn_date(letter.dated)):
        p = doc.add_paragraph(text)
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


LETTER_TEMPLATE = Path(__file__).with_name("templates") / "applications" / "letter.typ"


def letter_data(letter: Letter, serif: str) -> dict[str, object]:
    """The letter as the data `letter.typ` prints: every text a string, never markup."""
    from gongkai.report.writers.typst_source import clean

    return {
        "fonts": {"serif": serif},
        "title": clean(letter.title),
        "number": clean(f"申请编号：{letter.case_number}"),
        "paras": [clean(p) for p in letter.paragraphs()],
        "agency": clean(letter.agency_name),
        "date": cn_date(letter.dated),
    }


def missing_glyphs(data: dict) -> list[str]:
    """The characters of the letter the embedded face has no glyph for (printed as empty boxes)."""
    from gongkai.report.writers.pdf import missing_glyphs as missing

    serif = data["fonts"]["serif"]
    found = dict.fromkeys(missing(data["title"], serif, "bold"))
    for text in (data["number"], *data["paras"], data["agency"]):
        found.update(dict.fromkeys(missing(text, serif)))
    return list(found)


def render_pdf(letter: Letter) -> bytes:
    """The letter as PDF (Typst, `templates/applications/letter.typ`) with the Noto CJK face
    embedded; raises PdfError, or FontMissing without the font. Characters the face cannot show
    are logged as a warning (`O.glyph_missing`): they print as empty boxes."""
    from gongkai.report.writers.pdf import compile_pdf, describe_glyphs, fonts

    serif, _, _ = fonts()
    data = letter_data(letter, serif)
    pdf = compile_pdf(LETTER_TEMPLATE, data, name="letter")
    chars = missing_glyphs(data)
    if chars:
        log.warning(
            "[O.glyph_missing] %s（申请编号%s）中的%s在PDF所用字体中没有字形，PDF中显示为空框，复制或检索时会丢失",
            letter.title, letter.case_number, describe_glyphs(chars),
        )  # fmt: skip
    return pdf
