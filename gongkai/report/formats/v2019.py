"""《中华人民共和国政府信息公开工作年度报告格式（试行）》, 国办公开办函〔2019〕60号 (report years 2019–2020)."""

from __future__ import annotations

from .base import Block, Column, ReportFormat, Row, TableTwo, ValueKind
from .common import (
    OVERVIEW_TOPICS,
    SECTIONS,
    T3_OTHER_LABEL,
    T3_RESULT_GROUPS_BEFORE_OTHER,
    TABLE_FOUR,
    table_three,
)

_ITEMS = (
    Column("items_last_year", "上一年项目数量"),
    Column("items_change", "本年增/减", kind=ValueKind.SIGNED, variants=("本年增减", "本年增/减少")),
    Column("decisions", "处理决定数量"),
)

TABLE_TWO = TableTwo(
    "主动公开政府信息情况",
    (
        Block(
            "第二十条第（一）项",
            (Row("rules", "规章"), Row("normative_documents", "规范性文件")),
            (
                Column("produced", "本年新制作数量"),
                Column("published", "本年新公开数量"),
                Column("total_published", "对外公开总数量"),
            ),
        ),
        Block(
            "第二十条第（五）项",
            (Row("licensing", "行政许可"), Row("other_services", "其他对外管理服务事项")),
            _ITEMS,
        ),
        Block("第二十条第（六）项", (Row("penalty", "行政处罚"), Row("enforcement", "行政强制")), _ITEMS),
        Block("第二十条第（八）项", (Row("administrative_fees", "行政事业性收费"),), _ITEMS[:2]),
        Block(
            "第二十条第（九）项",
            (Row("procurement", "政府集中采购"),),
            (Column("projects", "采购项目数量"), Column("amount", "采购总金额", kind=ValueKind.MONEY)),
        ),
    ),
)

_RESULTS = (*T3_RESULT_GROUPS_BEFORE_OTHER, Row("other", T3_OTHER_LABEL))

TABLE_THREE = table_three(_RESULTS)

FORMAT_2019 = ReportFormat(
    version="2019",
    name="中华人民共和国政府信息公开工作年度报告格式（试行）",
    issued_by="国办公开办函〔2019〕60号",
    first_year=2019,
    last_year=2020,
    sections=SECTIONS,
    two=TABLE_TWO,
    three=TABLE_THREE,
    four=TABLE_FOUR,
    overview_topics=OVERVIEW_TOPICS,
)
