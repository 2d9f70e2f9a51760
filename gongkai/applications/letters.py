"""Reply letters (答复书 / 告知书): one default template per outcome with its legal basis (DOMAIN
§7.7), agency-editable, rendered to DOCX (python-docx) and PDF (WeasyPrint, embedded Noto CJK).

Templates use `{{占位符}}` placeholders; an unknown one is refused when the template is saved.
"""

from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass
from datetime import date

REGULATION = "《中华人民共和国政府信息公开条例》"
FEE_RULES = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"

PLACEHOLDERS = {
    "申请人": "申请人姓名或名称",
    "申请编号": "申请编号",
    "收到申请日期": "收到申请之日",
    "申请内容": "申请公开的政府信息的描述",
    "机关名称": "本机关名称",
    "答复日期": "答复书落款日期",
    "说明": "办理人员在办结时填写的具体说明",
}
_PLACEHOLDER = re.compile(r"\{\{\s*([^{}\s]+)\s*\}\}")

OPENING = (
    "{{申请人}}：\n"
    "本机关于{{收到申请日期}}收到您提出的政府信息公开申请（申请编号：{{申请编号}}），"
    "您申请获取“{{申请内容}}”。现答复如下："
)
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


def default_body(outcome: str) -> str:
    return f"{OPENING}\n{DEFAULTS[outcome][2]}\n{REMEDY}"


def unknown_placeholders(text: str) -> list[str]:
    return sorted({m.group(1) for m in _PLACEHOLDER.finditer(text)} - set(PLACEHOLDERS))


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


def letter_html(letter: Letter, font_css: str = "") -> str:
    paras = "\n".join(
        f'<p class="{"salutation" if i == 0 else "body"}">{html.escape(t)}</p>'
        for i, t in enumerate(letter.paragraphs())
    )
    return f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<title>{html.escape(letter.title)}</title><style>
{font_css}
@page {{ size: A4; margin: 30mm 26mm 28mm 28mm; }}
body {{ font-family: "Noto Serif CJK SC", serif; font-size: 15pt; line-height: 1.8; }}
h1 {{ text-align: center; font-size: 21pt; margin: 0 0 6mm; }}
p {{ margin: 0; }} p.body {{ text-indent: 2em; }} .right {{ text-align: right; }}
.number {{ text-align: right; font-size: 12pt; margin-bottom: 4mm; }}
.sign {{ margin-top: 14mm; }}
</style></head><body>
<h1>{html.escape(letter.title)}</h1>
<p class="number">申请编号：{html.escape(letter.case_number)}</p>
{paras}
<p class="right sign">{html.escape(letter.agency_name)}</p>
<p class="right">{cn_date(letter.dated)}</p>
</body></html>"""


def render_pdf(letter: Letter) -> bytes:
    """The letter as PDF with the Noto CJK face embedded; raises FontMissing without the font."""
    from weasyprint import HTML

    from gongkai.report.writers.pdf import SERIF, FontMissing, _fonts, font_file

    serif = font_file(SERIF)
    if serif is None:
        raise FontMissing(f"未找到免费中文字体“{SERIF}”，请安装 fonts-noto-cjk")
    css = f'@font-face {{ font-family: "{SERIF}"; src: url("{serif.as_uri()}"); }}'
    return HTML(string=letter_html(letter, css)).write_pdf(font_config=_fonts())
