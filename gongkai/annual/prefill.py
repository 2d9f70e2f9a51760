"""The first draft of a year's report, from the platform's own data (issue 7 "draft this year's report").

Table 二's document rows come from the catalogue, tables 三/四 from the cases, section 二's count from
the catalogue's statistics and section 六's fee sentence from the fee notices. Every number carries
its provenance (`source` + the query that produced it); the narrative is a skeleton with the numbers
in place, for the editor to complete.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gongkai.agencies.models import Agency
from gongkai.report.formats import expected_format
from gongkai.report.model import AnnualReport, Cell, ReportSection, SourceRef
from gongkai.report.source import normalise_text

from .document import cell_specs
from .vocab import Source


@dataclass
class Prefill:
    report: AnnualReport
    provenance: dict[str, dict[str, Any]] = field(default_factory=dict)
    figures: dict[str, Any] = field(default_factory=dict)  # the non-table numbers used in the text


def _mark(prefill: Prefill, key: str, source: Source, query: str, value) -> None:
    prefill.provenance[key] = {
        "source": source.value,
        "query": query,
        "value": value if value is None or isinstance(value, int) else str(value),
    }


def build(agency: Agency, year: int) -> Prefill:
    from gongkai.applications import statistics as cases
    from gongkai.catalogue import statistics as catalogue

    fmt = expected_format(year)
    report = AnnualReport(
        title=f"{agency.name}{year}年政府信息公开工作年度报告",
        agency=agency.name,
        year=year,
        agency_kind=agency.kind if agency.kind in ("department", "government", "township") else "department",
        format_version=fmt.version,
        source_kind="json",
    )
    prefill = Prefill(report)
    specs = cell_specs(fmt)

    # table 二 — documents from the catalogue; the other rows have no source in the platform
    documents = catalogue.table_two_documents(agency, year) if fmt.version == "2021" else {}
    for key, spec in specs.items():
        if spec.table != "two":
            continue
        counts = documents.get(spec.row)
        if counts is not None and hasattr(counts, spec.column):
            value = getattr(counts, spec.column)
            query = (
                f"公开目录：“{spec.row_label}”栏目（及其下级栏目）中已发布的文件，按成文日期（无则按发布日期）"
                f"和有效性统计{year}年的“{spec.column_label}”"
            )
            _mark(prefill, key, Source.CATALOGUE, query, value)
        else:
            value = 0
            _mark(prefill, key, Source.MANUAL, "平台中没有该项数据，预填为0，请核实后填写", value)
        report.two.set(spec.row, spec.column, Cell(raw=str(value), value=value, source=SourceRef(cell=key)))
    report.two.found = True

    # tables 三 and 四 — from the cases
    three = cases.table_three(agency, year, version=fmt.version)
    four = cases.table_four(agency, year, version=fmt.version)
    report.three, report.four = three, four
    for key, spec in specs.items():
        if spec.table == "three":
            query = (
                f"依申请公开案件：本机关{year}年新收、上年结转、本年办结和结转下年度的申请，"
                f"按申请人类型和办理结果计数（“{spec.row_label}”×“{spec.column_label}”）"
            )
            _mark(prefill, key, Source.CASES, query, three.number(spec.row, spec.column))
        elif spec.table == "four":
            query = (
                f"依申请公开案件的行政复议、行政诉讼记录：本机关作为原行政行为机关、{year}年提起的案件，"
                f"按{year}年12月31日的结果计数（“{spec.row_label}”×“{spec.column_label}”）"
            )
            _mark(prefill, key, Source.CASES, query, four.number(spec.row, spec.column))

    published = catalogue.published_counts(agency, year)
    fees = cases.fee_summary(agency, year)
    prefill.figures = {
        "published_total": published.total,
        "published_columns": [(c.column.name, c.count) for c in published.columns if c.count],
        "fee_notices": fees["notices"],
        "fee_amount": fees["amount"],
        "fee_paid": fees["paid"],
    }
    _mark(
        prefill,
        "text.proactive.published_total",
        Source.CATALOGUE,
        f"公开目录：{year}年首次在门户发布的信息条数（按栏目统计，撤回的不扣减）",
        published.total,
    )
    _mark(
        prefill,
        "text.other_matters.fees",
        Source.FEES,
        f"信息处理费记录：{year}年发出的收费通知件数、总金额和实际收取金额",
        f"{fees['notices']}件/{fees['amount']}元/{fees['paid']}元",
    )
    texts = skeleton(report, prefill.figures)
    report.preamble = texts.pop("preamble")
    for order, section in enumerate(fmt.sections):
        report.sections[section.code] = ReportSection(
            code=section.code,
            number=section.number,
            heading=section.heading,
            text=normalise_text(texts[section.code]),
            heading_status="exact",
            order=order,
            has_table=section.table is not None,
        )
    return prefill


def skeleton(report: AnnualReport, figures: dict[str, Any]) -> dict[str, str]:
    """The narrative with the prefilled numbers in place; 【请填写…】 marks what only people know."""
    fmt = report.format
    year = report.year
    t3, t4 = report.three, report.four
    topics = fmt.overview_topics
    columns = "、".join(f"{name}{n}条" for name, n in figures["published_columns"])
    listed = f"，其中{columns}" if columns else ""
    received, concluded = t3.number("received", "total"), t3.number("total", "total")
    review_group, *suits = fmt.four.groups
    review = t4.number(review_group.code, "total") or 0
    suit_total = sum(t4.number(g.code, "total") or 0 for g in suits)
    docs = report.two
    if review == 0 and suit_total == 0:
        litigation = "本年度未发生因政府信息公开工作引起的行政复议、行政诉讼案件。"
    else:
        litigation = (
            f"本年度因政府信息公开工作被申请{review_group.label}{review}件，"
            f"被提起{suits[0].parent_label}{suit_total}件。具体情况见下表。"
        )
    if figures["fee_notices"]:
        fee = (
            f"本年度发出收费通知{figures['fee_notices']}件，总金额{figures['fee_amount']}元，"
            f"实际收取信息处理费{figures['fee_paid']}元。"
        )
    else:
        fee = "本年度未发出收费通知，未收取信息处理费。"
    titles = "、".join(section.title for section in fmt.sections)
    return {
        "preamble": (
            f"本报告根据《中华人民共和国政府信息公开条例》要求编制，全文包括{titles}。"
            f"本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
        ),
        "overview": "\n".join(
            (
                f"{year}年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，【请填写本年度工作总体情况】",
                f"{topics[0].number}{topics[0].topic}情况",
                f"本机关通过门户网站主动公开政府信息共{figures['published_total']}条{listed}。【请补充重点领域信息公开情况】",
                f"{topics[1].number}{topics[1].topic}情况",
                f"本年新收政府信息公开申请{received}件，办结{concluded}件。【请补充办理情况】",
                f"{topics[2].number}{topics[2].topic}情况",
                "【请填写政府信息管理情况】",
                f"{topics[3].number}{topics[3].topic}情况",
                "【请填写政府信息公开平台建设情况】",
                f"{topics[4].number}{topics[4].topic}情况",
                "【请填写监督保障情况，含工作考核、社会评议和责任追究结果情况】",
            )
        ),
        "proactive": (
            f"本年度本机关制发行政规范性文件{docs.number('normative_documents', 'issued')}件，"
            f"废止{docs.number('normative_documents', 'repealed')}件，"
            f"现行有效{docs.number('normative_documents', 'in_force')}件。具体情况见下表。"
            if fmt.version == "2021"
            else "本年度主动公开政府信息情况见下表。"
        ),
        "applications": (
            f"本年度本机关新收政府信息公开申请{received}件，上年结转{t3.number('carried_in', 'total')}件。"
            f"全年办结{concluded}件，其中予以公开{t3.number('granted', 'total')}件。"
            f"结转下年度继续办理{t3.number('carried_out', 'total')}件。"
        ),
        "reconsideration_litigation": litigation,
        "problems": "【请填写本年度政府信息公开工作存在的主要问题及改进情况】",
        "other_matters": f"1.{fee}\n2.【请填写其他需要报告的事项】",
    }
