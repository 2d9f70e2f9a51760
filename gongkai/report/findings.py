"""Findings, severities and the registry of every check id with its severity and Chinese title.

Ids never change meaning (DOMAIN §6.1). `R.*` are reader findings: what could not be read; `O.*`
output (writer) findings: what an output could not print. (`W.*` are the working-day calendar's.)
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        return {"error": "错误", "warning": "提示", "info": "信息"}[self.value]


@dataclass(frozen=True)
class CheckSpec:
    id: str
    severity: Severity
    title: str


_SPECS = (
    # readers
    CheckSpec("R.unreadable", Severity.ERROR, "文件无法读取"),
    CheckSpec("R.empty", Severity.ERROR, "文件为空或没有文字"),
    CheckSpec("R.unsupported", Severity.ERROR, "不支持的文件类型"),
    CheckSpec("R.encoding", Severity.WARNING, "文字编码有误，部分字符无法识别"),
    CheckSpec("R.no_text_layer", Severity.ERROR, "PDF没有文字层（扫描件），无法读取"),
    CheckSpec("R.table_missing", Severity.ERROR, "未找到表格（可能以图片形式发布）"),
    CheckSpec("R.ambiguous_cells", Severity.WARNING, "单元格数字粘连，拆分结果不唯一"),
    CheckSpec("R.recovered_cells", Severity.INFO, "单元格数字粘连，已按表内合计关系拆分"),
    CheckSpec("R.label_variant", Severity.WARNING, "栏目名称与格式不一致"),
    CheckSpec("R.not_a_report", Severity.ERROR, "不是政府信息公开工作年度报告"),
    CheckSpec("R.year_unknown", Severity.WARNING, "无法确定报告年度"),
    # report source files (YAML / audit JSON), gongkai.report.source
    CheckSpec("S.syntax", Severity.ERROR, "源文件格式错误"),
    CheckSpec("S.encoding", Severity.ERROR, "源文件编码错误"),
    CheckSpec("S.missing_field", Severity.ERROR, "源文件缺少必填项"),
    CheckSpec("S.unknown_field", Severity.WARNING, "源文件有无法识别的项"),
    CheckSpec("S.version", Severity.ERROR, "源文件格式版本无法识别"),
    CheckSpec("S.missing_section", Severity.ERROR, "源文件缺少报告部分"),
    CheckSpec("S.unknown_section", Severity.ERROR, "源文件有不存在的报告部分"),
    CheckSpec("S.missing_table", Severity.ERROR, "源文件缺少统计表"),
    CheckSpec("S.unknown_table", Severity.ERROR, "源文件有不存在的统计表"),
    CheckSpec("S.unknown_row", Severity.ERROR, "源文件有不存在的行"),
    CheckSpec("S.unknown_column", Severity.ERROR, "源文件有不存在的列"),
    CheckSpec("S.missing_cell", Severity.ERROR, "源文件缺少单元格"),
    CheckSpec("S.type", Severity.ERROR, "源文件数值类型错误"),
    CheckSpec("S.negative", Severity.ERROR, "源文件数值为负数"),
    # writers: what an output could not print (gongkai.report.writers)
    CheckSpec("O.glyph_missing", Severity.WARNING, "字体中没有该字符，PDF中显示为空框"),
    # table 二
    CheckSpec("T2.shape", Severity.ERROR, "表二缺少栏目"),
    CheckSpec("T2.int", Severity.ERROR, "表二数值不是非负整数"),
    CheckSpec("T2.fee", Severity.ERROR, "表二金额格式错误"),
    CheckSpec("T2.unit", Severity.WARNING, "表二金额单位可疑"),
    CheckSpec("T2.blank", Severity.WARNING, "表二有空白单元格"),
    CheckSpec("T2.stock_continuity", Severity.WARNING, "表二现行有效件数与上年不衔接"),
    CheckSpec("T2.repeal_bound", Severity.WARNING, "表二废止件数超过可废止的数量"),
    CheckSpec("T2.items_continuity", Severity.WARNING, "表二上一年项目数量与上年不衔接"),
    # table 三
    CheckSpec("T3.shape", Severity.ERROR, "表三缺少行或列"),
    CheckSpec("T3.extra", Severity.WARNING, "表三有格式之外的单元格"),
    CheckSpec("T3.int", Severity.ERROR, "表三数值不是非负整数"),
    CheckSpec("T3.blank", Severity.WARNING, "表三有空白单元格"),
    CheckSpec("T3.balance", Severity.ERROR, "表三勾稽关系不平衡"),
    CheckSpec("T3.total_col", Severity.ERROR, "表三行合计不符"),
    CheckSpec("T3.total_row", Severity.ERROR, "表三“（七）总计”不符"),
    CheckSpec("T3.carry_continuity", Severity.WARNING, "表三上年结转与上年报告不衔接"),
    # table 四
    CheckSpec("T4.shape", Severity.ERROR, "表四缺少单元格"),
    CheckSpec("T4.int", Severity.ERROR, "表四数值不是非负整数"),
    CheckSpec("T4.blank", Severity.WARNING, "表四有空白单元格"),
    CheckSpec("T4.review_total", Severity.ERROR, "表四行政复议总计不符"),
    CheckSpec("T4.direct_total", Severity.ERROR, "表四未经复议直接起诉总计不符"),
    CheckSpec("T4.after_total", Severity.ERROR, "表四复议后起诉总计不符"),
    # whole report
    CheckSpec("X.sections", Severity.ERROR, "缺少部分或顺序有误"),
    CheckSpec("X.heading", Severity.WARNING, "标题不规范"),
    CheckSpec("X.subheadings", Severity.WARNING, "总体情况缺少小标题"),
    CheckSpec("X.text_vs_table", Severity.WARNING, "正文数字与表格不一致"),
    CheckSpec("X.text_self", Severity.WARNING, "正文前后数字矛盾"),
    CheckSpec("X.text_sum", Severity.WARNING, "正文合计与分项之和不符"),
    CheckSpec("X.fee_text", Severity.WARNING, "信息处理费情况未报告或与表格矛盾"),
    CheckSpec("X.period", Severity.ERROR, "统计期限有误"),
    CheckSpec("X.period_missing", Severity.WARNING, "未说明统计期限"),
    CheckSpec("X.year_ref", Severity.WARNING, "正文引用了其他年度"),
    CheckSpec("X.format_version", Severity.ERROR, "报告格式版本不符"),
    CheckSpec("X.late", Severity.ERROR, "报告发布逾期"),
    CheckSpec("X.similarity", Severity.WARNING, "与往年报告雷同"),
    CheckSpec("X.other_items", Severity.WARNING, "其他需要报告的事项缺少要求的内容"),
    CheckSpec("X.summary_length", Severity.WARNING, "总体情况篇幅过长"),
)

CHECKS: dict[str, CheckSpec] = {spec.id: spec for spec in _SPECS}


@dataclass
class Finding:
    """One failed rule, with where it is and the numbers on both sides."""

    check: str
    message: str
    location: dict[str, Any] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)
    severity: Severity | None = None

    def __post_init__(self) -> None:
        if self.severity is None:
            self.severity = CHECKS[self.check].severity
        self.severity = Severity(self.severity)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["severity"] = str(self.severity)
        data["values"] = _jsonable(self.values)
        data["location"] = _jsonable(self.location)
        return {k: data[k] for k in ("check", "severity", "message", "location", "values")}


@dataclass(frozen=True)
class NotRun:
    check: str
    reason: str


def _jsonable(value: Any) -> Any:
    from datetime import date
    from decimal import Decimal

    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() and "." not in str(value) else str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value
