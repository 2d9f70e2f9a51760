"""A generator of valid annual reports, for tests, writers and benchmarks.

`generate_report(seed)` returns an `AnnualReport` whose tables satisfy every table rule of
DOMAIN §6.3 and whose narrative states numbers that agree with the tables, so that a correct
check suite gives it no error finding. `mutate_cell` breaks one cell on a copy.
Labels always come from the format definitions; only the prose is written here.
"""

from __future__ import annotations

import copy
import random
import re
from datetime import date, timedelta
from decimal import Decimal

from .formats import FORMATS, ReportFormat, ValueKind
from .model import AnnualReport, Cell, ReportSection, SourceRef, Table

_CITIES = ("青山", "临江", "云溪", "北湖", "南屏", "东陵", "西河", "石桥", "金沙", "白水", "长宁", "安平")
_DISTRICTS = ("城关", "新华", "江岸", "滨湖", "高新", "龙泉", "河西", "望城", "天河", "永安")
_BUREAUS = (
    "教育局",
    "财政局",
    "民政局",
    "生态环境局",
    "交通运输局",
    "卫生健康委员会",
    "市场监督管理局",
    "自然资源和规划局",
    "住房和城乡建设局",
    "人力资源和社会保障局",
)
_TABLE_ATTRS = {"二": "two", "三": "three", "四": "four"}


def _agency(rng: random.Random) -> tuple[str, str]:
    """A plausible agency name and its agency_kind (DOMAIN §10.1)."""
    city = rng.choice(_CITIES)
    pick = rng.randrange(4)
    if pick == 0:
        return f"{city}市{rng.choice(_DISTRICTS)}区人民政府", "government"
    if pick == 1:
        return f"{city}市人民政府", "government"
    if pick == 2:
        return f"{city}市{rng.choice(_BUREAUS)}", "department"
    return f"{city}市{rng.choice(_DISTRICTS)}区{rng.choice(_BUREAUS)}", "department"


def _count(rng: random.Random, hi: int, zero_share: float = 0.3) -> int:
    return 0 if rng.random() < zero_share else rng.randint(0, hi)


def _split(rng: random.Random, total: int, parts: int, weights: list[float]) -> list[int]:
    """Split `total` into `parts` non-negative integers following rough weights."""
    out = [0] * parts
    for _ in range(total):
        out[rng.choices(range(parts), weights=weights)[0]] += 1
    return out


def _cell(value: int | Decimal, table: str, row: str, col: str, raw: str | None = None) -> Cell:
    return Cell(
        raw=str(value) if raw is None else raw, value=value, source=SourceRef(cell=f"表{table} {row}.{col}")
    )


# ---------------------------------------------------------------- tables


def _table_two(rng: random.Random, fmt: ReportFormat, zero: bool) -> Table:
    table = Table("two", found=True, source=SourceRef(cell="表二"))
    for _block, row, col in fmt.two.cells():
        if col.kind is ValueKind.MONEY:
            yuan = 0 if zero else _count(rng, 5_000_000, 0.4)
            # 万元 with at most 4 decimal places, written without exponent or trailing zeros
            value = Decimal(f"{(Decimal(yuan) / 10000).normalize():f}")
            table.set(row.code, col.code, _cell(value, "二", row.code, col.code, raw=f"{value:f}"))
            continue
        table.set(row.code, col.code, _cell(0, "二", row.code, col.code))
    if zero:
        return table
    codes = {col.code for _, _, col in fmt.two.cells()}
    if "issued" in codes:  # 2021: in_force = previous stock + issued - repealed, so repealed <= stock
        for row in ("rules", "normative_documents"):
            issued = _count(rng, 8 if row == "rules" else 40)
            in_force = issued + rng.randint(0, 200)
            repealed = rng.randint(0, min(in_force, 10))
            for col, value in (("issued", issued), ("repealed", repealed), ("in_force", in_force)):
                table.set(row, col, _cell(value, "二", row, col))
    if "produced" in codes:  # 2019
        for row in ("rules", "normative_documents"):
            produced = _count(rng, 30)
            published = rng.randint(0, produced)
            for col, value in (
                ("produced", produced),
                ("published", published),
                ("total_published", published + rng.randint(0, 300)),
            ):
                table.set(row, col, _cell(value, "二", row, col))
        for row in ("licensing", "other_services", "penalty", "enforcement", "administrative_fees"):
            last = _count(rng, 200)
            change = rng.randint(-min(last, 10), 10)
            raw = f"+{change}" if change > 0 else str(change)
            table.set(row, "items_last_year", _cell(last, "二", row, "items_last_year"))
            table.set(row, "items_change", _cell(change, "二", row, "items_change", raw=raw))
        table.set("procurement", "projects", _cell(_count(rng, 50), "二", "procurement", "projects"))
    for _block, row, col in fmt.two.cells():
        if col.code == "decisions":
            table.set(row.code, col.code, _cell(_count(rng, 3000), "二", row.code, col.code))
    return table


def _table_three(rng: random.Random, fmt: ReportFormat, zero: bool) -> Table:
    t3 = fmt.three
    table = Table("three", found=True, source=SourceRef(cell="表三"))
    total_row = t3.row("total")
    results = list(total_row.total_of)
    total_col = t3.column("total")
    parts = list(total_col.total_of)
    weights = [rng.random() + (3 if code in ("granted", "unavailable_not_held") else 0.2) for code in results]
    sums: dict[str, int] = {}
    for col in parts:
        busy = not zero and (col in ("natural_person", "commercial") or rng.random() < 0.35)
        received = rng.randint(0, 60 if col == "natural_person" else 15) if busy else 0
        carried_in = rng.randint(0, 5) if busy and rng.random() < 0.5 else 0
        pool = received + carried_in
        carried_out = rng.randint(0, pool // 4) if pool else 0
        concluded = _split(rng, pool - carried_out, len(results), weights)
        values = {
            "received": received,
            "carried_in": carried_in,
            "carried_out": carried_out,
            "total": pool - carried_out,
        }
        values.update(zip(results, concluded, strict=True))
        for row, value in values.items():
            table.set(row, col, _cell(value, "三", row, col))
            sums[row] = sums.get(row, 0) + value
    for row in t3.data_rows():
        table.set(row.code, "total", _cell(sums[row.code], "三", row.code, "total"))
    return table


def _table_four(rng: random.Random, fmt: ReportFormat, zero: bool) -> Table:
    table = Table("four", found=True, source=SourceRef(cell="表四"))
    total = next(col for col in fmt.four.columns if col.total_of)
    for group in fmt.four.groups:
        active = not zero and rng.random() < 0.5
        values = {code: (_count(rng, 6, 0.4) if active else 0) for code in total.total_of}
        for code, value in values.items():
            table.set(group.code, code, _cell(value, "四", group.code, code))
        table.set(group.code, total.code, _cell(sum(values.values()), "四", group.code, total.code))
    return table


# ---------------------------------------------------------------- narrative


def _strip_number(label: str) -> str:
    """`（一）予以公开` → `予以公开`; `（二）部分公开（区分处理的…）` → `部分公开`."""
    text = re.sub(r"^(（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、|\d+\.)", "", label)
    return re.sub(r"（.*）$", "", text)


_INTRO = (
    "深入贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，持续推进政府信息公开工作标准化规范化。",
    "认真执行政府信息公开各项制度，围绕中心工作加大公开力度，切实保障人民群众的知情权、参与权和监督权。",
    "按照上级政务公开工作部署，健全工作机制，完善公开内容，政府信息公开工作质量稳步提升。",
)
_MANAGEMENT = (
    "严格执行公开属性源头认定和保密审查机制，定期清理已发布的政府信息，动态更新政府信息公开指南和目录。",
    "落实信息发布三审制度，规范公文公开属性认定，对历史文件开展集中清理，确保发布内容准确规范。",
    "建立健全政府信息管理台账，做好规范性文件的统一登记、统一编号和统一发布，及时标注文件有效性。",
)
_PLATFORM = (
    "持续优化政府网站政府信息公开专栏，整合政务新媒体发布渠道，提升公开平台的集约化水平。",
    "完善门户网站栏目设置，推进政务新媒体规范运营，政府公报、公开查阅点等线下渠道同步发挥作用。",
    "依托政府门户网站集约化平台，统一专栏页面标准，提升信息检索和移动端浏览的便利程度。",
)
_OVERSIGHT = (
    "将政府信息公开工作纳入年度工作考核，通过社会评议听取群众意见，组织业务培训，本年度未发生责任追究情况。",
    "把政务公开纳入工作考核内容，邀请群众代表开展社会评议，对工作不力的严格责任追究，本年度未发生相关情形。",
    "健全工作考核、社会评议和责任追究制度，定期开展自查，主动接受人大、政协和社会公众监督。",
)


def _overview(rng: random.Random, fmt: ReportFormat, report: AnnualReport, we: str) -> str:
    t3 = report.three
    received = t3.number("received", "total")
    concluded = t3.number("total", "total")
    topics = fmt.overview_topics
    parts = [_count(rng, 400, 0.1) for _ in range(3)]
    policy_words = ("政策文件", "工作动态", "通知公告")
    listed = "、".join(f"{w}{n}条" for w, n in zip(policy_words, parts, strict=True))
    paragraphs = [
        f"{report.year}年，{we}" + rng.choice(_INTRO),
        f"{topics[0].number}{topics[0].topic}情况",
        f"{we}通过门户网站主动公开政府信息共{sum(parts)}条，其中{listed}。"
        "围绕重点领域信息公开要求，及时发布财政预决算、重大建设项目等信息。",
        f"{topics[1].number}{topics[1].topic}情况",
        f"本年新收政府信息公开申请{received}件，办结{concluded}件，均在法定期限内答复。",
        f"{topics[2].number}{topics[2].topic}情况",
        rng.choice(_MANAGEMENT),
        f"{topics[3].number}{topics[3].topic}情况",
        rng.choice(_PLATFORM),
        f"{topics[4].number}{topics[4].topic}情况",
        rng.choice(_OVERSIGHT),
    ]
    return "\n".join(paragraphs)


def _proactive(fmt: ReportFormat, report: AnnualReport, we: str) -> str:
    two = report.two
    rows = {row.code: row for block in fmt.two.blocks for row in block.rows}
    if "in_force" in {col.code for _, _, col in fmt.two.cells()}:
        label = rows["normative_documents"].label
        return (
            f"本年度{we}制发{label}{two.number('normative_documents', 'issued')}件，"
            f"废止{two.number('normative_documents', 'repealed')}件，"
            f"现行有效{two.number('normative_documents', 'in_force')}件。具体情况见下表。"
        )
    return "本年度主动公开政府信息情况见下表。"


def _applications(report: AnnualReport, we: str, fmt: ReportFormat) -> str:
    t3 = report.three
    granted = _strip_number(fmt.three.row("granted").label)
    return (
        f"本年度{we}新收政府信息公开申请{t3.number('received', 'total')}件，"
        f"上年结转{t3.number('carried_in', 'total')}件。"
        f"全年办结{t3.number('total', 'total')}件，其中{granted}{t3.number('granted', 'total')}件。"
        f"结转下年度继续办理{t3.number('carried_out', 'total')}件。"
    )


def _litigation(report: AnnualReport, fmt: ReportFormat) -> str:
    four = report.four
    review_group, *suit_groups = fmt.four.groups
    review = four.number(review_group.code, "total")
    suits = sum(four.number(g.code, "total") for g in suit_groups)
    if review == 0 and suits == 0:
        return "本年度未发生因政府信息公开工作引起的行政复议、行政诉讼案件。"
    return (
        f"本年度因政府信息公开工作被申请{review_group.label}{review}件，"
        f"被提起{suit_groups[0].parent_label}{suits}件。具体情况见下表。"
    )


_PROBLEMS = (
    "政府信息公开工作仍存在一些不足：一是部分信息发布不够及时；二是政策解读形式较为单一；"
    "三是依申请公开答复的规范化水平有待提高。",
    "下一步，将加强业务培训，完善信息发布审核流程，丰富政策解读形式，进一步提升答复质量。",
)


def _other_matters(rng: random.Random, report: AnnualReport, fmt: ReportFormat, we: str) -> str:
    unpaid = report.three.number("other_fee_unpaid", "total") if fmt.version == "2021" else 0
    if unpaid:
        notices = unpaid + rng.randint(0, 3)
        amount = 100 * notices
        fee = f"本年度{we}发出收费通知{notices}件，总金额{amount}元，实际收取信息处理费{amount - 100 * unpaid}元。"
    else:
        fee = f"本年度{we}未发出收费通知，未收取信息处理费。"
    return "\n".join(
        (
            f"1.{fee}",
            "2.认真落实上级年度政务公开工作要点，人大代表建议和政协提案办理结果均按要求公开。",
        )
    )


def _preamble(report: AnnualReport, fmt: ReportFormat) -> str:
    year = report.year
    titles = "、".join(section.title for section in fmt.sections)
    return "\n".join(
        (
            report.title or "",
            f"本报告根据《中华人民共和国政府信息公开条例》要求编制，全文包括{titles}。"
            f"本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
            "本报告电子版可在本机关门户网站查阅或下载。",
        )
    )


# ---------------------------------------------------------------- the report


def generate_report(
    seed: int,
    *,
    version: str = "2021",
    year: int | None = None,
    agency: str | None = None,
    all_zero: bool = False,
) -> AnnualReport:
    """A valid report: consistent tables, six sections, prose numbers that agree with the tables."""
    rng = random.Random(seed)
    fmt = FORMATS[version]
    if year is None:
        year = rng.randint(fmt.first_year, fmt.last_year or fmt.first_year + 3)
    name, kind = _agency(rng)
    if agency is not None:
        name = agency
        kind = "government" if agency.endswith("人民政府") else "department"
    report = AnnualReport(
        title=f"{name}{year}年政府信息公开工作年度报告",
        agency=name,
        year=year,
        agency_kind=kind,
        format_version=fmt.version,
        source_kind="synth",
    )
    report.version_signals = {fmt.version: sorted({c.label for _, _, c in fmt.two.cells()})}
    report.two = _table_two(rng, fmt, all_zero)
    report.three = _table_three(rng, fmt, all_zero)
    report.four = _table_four(rng, fmt, all_zero)
    we = "本机关"
    texts = {
        "overview": _overview(rng, fmt, report, we),
        "proactive": _proactive(fmt, report, we),
        "applications": _applications(report, we, fmt),
        "reconsideration_litigation": _litigation(report, fmt),
        "problems": "\n".join(_PROBLEMS),
        "other_matters": _other_matters(rng, report, fmt, we),
    }
    report.preamble = _preamble(report, fmt)
    for order, section in enumerate(fmt.sections):
        report.sections[section.code] = ReportSection(
            code=section.code,
            number=section.number,
            heading=section.heading,
            text=texts[section.code],
            heading_status="exact",
            order=order,
            has_table=section.table is not None,
            source=SourceRef(line=order + 1),
        )
    _rebuild_text(report)
    report.signed_date = date(year + 1, 1, rng.randint(5, 20))
    report.published_date = report.signed_date + timedelta(days=rng.randint(0, 8))
    return report


def _rebuild_text(report: AnnualReport) -> None:
    """`report.text` = preamble + each found section's heading and text; offsets follow."""
    full = report.preamble + "\n"
    for section in report.sections.values():
        if not section.found:
            continue
        full += (section.heading or "") + "\n"
        section.start = len(full)
        full += section.text + "\n"
    report.text = full


def set_section_text(
    report: AnnualReport, code: str, text: str, *, heading: str | None = None
) -> AnnualReport:
    """A copy of `report` whose section `code` reads `text` (and `heading`, when given)."""
    out = copy.deepcopy(report)
    section = out.sections[code]
    section.text = text
    if heading is not None:
        section.heading = heading
    _rebuild_text(out)
    return out


def mutate_cell(report: AnnualReport, table: str, key: str, delta: int | Decimal) -> AnnualReport:
    """A copy of `report` with cell `key` (`row.column`) of table `table` ("three" or "三") moved by
    `delta`; the original is left untouched."""
    out = copy.deepcopy(report)
    target: Table = getattr(out, _TABLE_ATTRS.get(table, table))
    cell = target.cells[key]
    value = (cell.value if cell.value is not None else 0) + delta
    target.cells[key] = Cell(
        raw=f"{value:f}" if isinstance(value, Decimal) else str(value),
        value=value,
        unit=cell.unit,
        source=cell.source,
    )
    return out


__all__ = ["generate_report", "mutate_cell", "set_section_text"]
