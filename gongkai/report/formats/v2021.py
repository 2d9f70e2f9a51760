"""《中华人民共和国政府信息公开工作年度报告格式》, 国办公开办函〔2021〕30号 (report years 2021 on)."""

from __future__ import annotations

from .base import Block, Column, Parent, ReportFormat, Row, TableTwo, ValueKind
from .common import (
    OVERVIEW_TOPICS,
    SECTIONS,
    T3_OTHER_LABEL,
    T3_RESULT_GROUPS_BEFORE_OTHER,
    TABLE_FOUR,
    table_three,
)

_DOCUMENTS = (
    Column("issued", "本年制发件数"),
    Column("repealed", "本年废止件数"),
    Column("in_force", "现行有效件数"),
)
_DECISIONS = (Column("decisions", "本年处理决定数量"),)

TABLE_TWO = TableTwo(
    "主动公开政府信息情况",
    (
        Block(
            "第二十条第（一）项",
            (Row("rules", "规章"), Row("normative_documents", "行政规范性文件")),
            _DOCUMENTS,
        ),
        Block("第二十条第（五）项", (Row("licensing", "行政许可"),), _DECISIONS),
        Block("第二十条第（六）项", (Row("penalty", "行政处罚"), Row("enforcement", "行政强制")), _DECISIONS),
        Block(
            "第二十条第（八）项",
            (Row("administrative_fees", "行政事业性收费"),),
            (Column("amount", "本年收费金额（单位：万元）", kind=ValueKind.MONEY, unit="万元"),),
        ),
    ),
)

_OTHER = Parent(
    T3_OTHER_LABEL,
    code="other",
    children=(
        Row(
            "other_no_correction",
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            variants=("1.申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请",),
        ),
        Row(
            "other_fee_unpaid",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            variants=("2.申请人逾期未按收费通知要求缴纳费用，行政机关不再处理其政府信息公开申请",),
        ),
        Row("other", "3.其他"),
    ),
)
_RESULTS = (*T3_RESULT_GROUPS_BEFORE_OTHER, _OTHER)

TABLE_THREE = table_three(_RESULTS)

FORMAT_2021 = ReportFormat(
    version="2021",
    name="中华人民共和国政府信息公开工作年度报告格式",
    issued_by="国办公开办函〔2021〕30号",
    first_year=2021,
    last_year=None,
    sections=SECTIONS,
    two=TABLE_TWO,
    three=TABLE_THREE,
    four=TABLE_FOUR,
    overview_topics=OVERVIEW_TOPICS,
    fee_placeholder="（文字描述，收取信息处理费情况在此处报告。）",
)
