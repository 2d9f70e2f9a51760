"""Report source files: a YAML file a person writes and reviews in git, or the JSON `gongkai audit
--json` prints (and `gongkai render --to json` writes). Both become the same `AnnualReport`.

YAML shape (see examples/demo-report.yaml)::

    agency: 示例市示例局
    year: 2023
    format_version: "2021"          # optional: the version expected for the year
    sections: {overview: "…", proactive: "…", …}      # all six, Markdown-light text
    tables:
      two:   {rules: {issued: 1, repealed: 0, in_force: 12}, …}
      three: {received: [5, 1, 0, 0, 0, 0, 6], …}     # a list follows the column order
      four:  {reconsideration: {upheld: 0, …}, …}

`null` (or `""`, `-`) is a blank cell, kept apart from 0. Every problem is a `SourceError` with a
stable code and a located Chinese message; nothing here raises on bad input.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

import yaml

from .findings import CHECKS, Finding, Severity
from .formats import FORMATS, ReportFormat, expected_format
from .formats.base import Column, ValueKind
from .model import AnnualReport, Cell, ReportSection, SourceRef, Table
from .normalize import BLANK_VALUES, label_key, parse_count, parse_money

TABLE_NAMES = ("two", "three", "four")
SCHEMA_VERSION = 1
_IGNORED = {"path", "findings", "not_run", "schema_version", "source_kind", "summary", "chars", "counts"}
_KNOWN = {
    "agency",
    "year",
    "format_version",
    "title",
    "agency_kind",
    "signed_date",
    "published_date",
    "preamble",
    "sections",
    "tables",
}
AGENCY_KINDS = ("department", "government", "township")


@dataclass(frozen=True)
class SourceError:
    code: str  # S.* id from the findings registry
    message: str  # Chinese, with its location
    line: int | None = None
    where: str = ""  # dotted path in the file, e.g. tables.three.received.total

    @property
    def severity(self) -> Severity:
        return CHECKS[self.code].severity

    def to_finding(self, path: str | None = None) -> Finding:
        return Finding(self.code, self.message, {"path": path, "line": self.line, "field": self.where})

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


# ---------------------------------------------------------------- a located tree


@dataclass
class _Node:
    value: Any  # dict[str, _Node] / list[_Node] / scalar
    line: int | None
    where: str
    raw: str | None = None  # a scalar's text as written (money keeps its digits exactly)


def _from_yaml(node: yaml.Node, where: str, loader: yaml.SafeLoader) -> _Node:
    line = node.start_mark.line + 1 if node.start_mark else None
    if isinstance(node, yaml.MappingNode):
        out: dict[str, _Node] = {}
        for key_node, value_node in node.value:
            key = str(loader.construct_object(key_node, deep=True))
            out[key] = _from_yaml(value_node, f"{where}.{key}" if where else key, loader)
        return _Node(out, line, where)
    if isinstance(node, yaml.SequenceNode):
        return _Node([_from_yaml(n, f"{where}[{i}]", loader) for i, n in enumerate(node.value)], line, where)
    return _Node(loader.construct_object(node, deep=True), line, where, raw=node.value)


def _from_plain(value: Any, where: str) -> _Node:
    if isinstance(value, dict):
        return _Node(
            {str(k): _from_plain(v, f"{where}.{k}" if where else str(k)) for k, v in value.items()},
            None,
            where,
        )
    if isinstance(value, list):
        return _Node([_from_plain(v, f"{where}[{i}]") for i, v in enumerate(value)], None, where)
    return _Node(value, None, where, raw=None if value is None else str(value))


def _at(node: _Node | None) -> str:
    if node is None:
        return ""
    if node.line is not None:
        return f"第{node.line}行（{node.where}）：" if node.where else f"第{node.line}行："
    return f"{node.where}：" if node.where else ""


def _parse(data: bytes, path: str | None) -> tuple[_Node | None, list[SourceError]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, [
            SourceError("S.encoding", f"源文件不是UTF-8编码（第{exc.start + 1}个字节），请另存为UTF-8")
        ]
    if not text.strip():
        return None, [SourceError("S.syntax", "源文件为空")]
    if text.lstrip().startswith("{"):  # JSON (what `audit --json` and `render --to json` write):
        try:  # the C parser is ~100x faster than YAML's; problems are still located by path
            return _from_plain(json.loads(text), ""), []
        except (ValueError, RecursionError):
            pass  # fall through to YAML, which says on which line the syntax breaks
    loader = None
    try:
        loader = yaml.SafeLoader(text)
        root = loader.get_single_node()
        if root is None:
            return None, [SourceError("S.syntax", "源文件为空")]
        return _from_yaml(root, "", loader), []
    except yaml.YAMLError as exc:
        yaml_error: Exception = exc
    except (ValueError, TypeError, RecursionError) as exc:  # odd constructors or nesting
        yaml_error = exc
    finally:
        if loader is not None:
            loader.dispose()
    try:  # JSON that YAML 1.1 trips over (rare escapes): no line numbers, still located by path
        return _from_plain(json.loads(text), ""), []
    except (ValueError, RecursionError):
        pass
    mark = getattr(yaml_error, "problem_mark", None)
    line = mark.line + 1 if mark is not None else None
    problem = getattr(yaml_error, "problem", None) or str(yaml_error).splitlines()[0]
    where = f"第{line}行：" if line else ""
    return None, [SourceError("S.syntax", f"{where}源文件无法解析（{problem}）", line)]


# ---------------------------------------------------------------- the loader


@dataclass
class _Ctx:
    errors: list[SourceError] = field(default_factory=list)

    def add(self, code: str, node: _Node | None, message: str) -> None:
        self.errors.append(
            SourceError(
                code, f"{_at(node)}{message}", node.line if node else None, node.where if node else ""
            )
        )


def table_title(fmt: ReportFormat, name: str) -> str:
    """表二/表三/表四: the number of the section that holds the table."""
    return "表" + next(s.number for s in fmt.sections if s.table == name)


def load_source(data: bytes, path: str | None = None) -> tuple[AnnualReport | None, list[SourceError]]:
    """YAML or audit JSON → the report and every problem found; None when nothing usable was read."""
    root, errors = _parse(data, path)
    if root is None:
        return None, errors
    ctx = _Ctx(errors)
    if not isinstance(root.value, dict):
        ctx.add("S.type", root, "源文件顶层应为键值对（agency、year、sections、tables 等）")
        return None, ctx.errors
    top: dict[str, _Node] = root.value
    for key, node in top.items():
        if key not in _KNOWN and key not in _IGNORED:
            hint = _suggest(key, _KNOWN)
            ctx.add("S.unknown_field", node, f"无法识别的项“{key}”{hint}，已忽略")
    version = top.get("schema_version")
    if version is not None and version.value != SCHEMA_VERSION:
        ctx.add("S.version", version, f"schema_version 应为 {SCHEMA_VERSION}，文件中为“{version.value}”")

    kind = "json" if (path or "").lower().endswith(".json") else "yaml"
    report = AnnualReport(path=path, source_kind=kind)
    report.agency = _text_field(ctx, top, "agency", root, required=True)
    report.year = _year(ctx, top, root)
    report.title = _text_field(ctx, top, "title", root)
    report.agency_kind = _text_field(ctx, top, "agency_kind", root)
    if report.agency_kind is not None and report.agency_kind not in AGENCY_KINDS:
        ctx.add(
            "S.type",
            top["agency_kind"],
            f"agency_kind 应为 {' / '.join(AGENCY_KINDS)} 之一，文件中为“{report.agency_kind}”",
        )
        report.agency_kind = None
    report.signed_date = _date_field(ctx, top, "signed_date")
    report.published_date = _date_field(ctx, top, "published_date")
    report.preamble = _text_field(ctx, top, "preamble", root) or ""
    fmt = _format(ctx, top, report.year)
    report.format_version = fmt.version
    _sections(ctx, report, fmt, top.get("sections"), root)
    _tables(ctx, report, fmt, top.get("tables"), root)
    return report, ctx.errors


def read_report(data: bytes, *, path: str | None = None) -> AnnualReport:
    """Like the readers: never raises; source problems become the report's reader findings."""
    try:
        report, errors = load_source(data, path)
    except Exception as exc:  # a bug must not cost the user a traceback
        report, errors = None, [SourceError("S.syntax", f"源文件无法读取（{type(exc).__name__}）")]
    if report is None:
        report = AnnualReport(path=path, source_kind="source", readable=False)
    report.reader_findings.extend(e.to_finding(path) for e in errors)
    return report


def _suggest(key: str, options) -> str:
    close = difflib.get_close_matches(key, list(options), n=1, cutoff=0.6)
    return f"（是否应为“{close[0]}”？）" if close else ""


def _text_field(
    ctx: _Ctx, top: dict[str, _Node], key: str, root: _Node, *, required: bool = False
) -> str | None:
    node = top.get(key)
    if node is None or node.value is None or node.value == "":
        if required:
            ctx.add("S.missing_field", root, f"缺少必填项“{key}”")
        return None
    if isinstance(node.value, dict | list):
        ctx.add("S.type", node, f"“{key}”应为文字")
        return None
    return str(node.value).strip()


def _year(ctx: _Ctx, top: dict[str, _Node], root: _Node) -> int | None:
    node = top.get("year")
    if node is None or node.value is None:
        ctx.add("S.missing_field", root, "缺少必填项“year”（报告年度，如 2023）")
        return None
    value = node.value
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or not 1990 <= value <= 2100:
        ctx.add("S.type", node, f"“year”应为四位数年份，文件中为“{node.value}”")
        return None
    return value


def _date_field(ctx: _Ctx, top: dict[str, _Node], key: str) -> date | None:
    node = top.get(key)
    if node is None or node.value in (None, ""):
        return None
    if isinstance(node.value, date):
        return node.value
    try:
        return date.fromisoformat(str(node.value).strip())
    except ValueError:
        ctx.add("S.type", node, f"“{key}”应为日期，如 2024-01-20，文件中为“{node.value}”")
        return None


def _format(ctx: _Ctx, top: dict[str, _Node], year: int | None) -> ReportFormat:
    node = top.get("format_version")
    fallback = expected_format(year) or FORMATS["2021"]
    if node is None or node.value in (None, "", "unknown", "mixed"):
        return fallback
    version = str(node.value).strip()
    if version not in FORMATS:
        ctx.add("S.version", node, f"format_version 应为 {' / '.join(FORMATS)} 之一，文件中为“{version}”")
        return fallback
    return FORMATS[version]


# ---------------------------------------------------------------- sections


def _sections(ctx: _Ctx, report: AnnualReport, fmt: ReportFormat, node: _Node | None, root: _Node) -> None:
    texts: dict[str, str] = {}
    by_number = {s.number: s.code for s in fmt.sections}
    codes = [s.code for s in fmt.sections]
    if node is None or node.value is None:
        ctx.add("S.missing_section", root, "缺少“sections”（报告的六个部分）")
    elif isinstance(node.value, dict):
        for code, child in node.value.items():
            code = by_number.get(code, code)
            if code not in codes:
                ctx.add(
                    "S.unknown_section",
                    child,
                    f"没有“{code}”这一部分{_suggest(code, codes)}，可用：{'、'.join(codes)}",
                )
                continue
            texts[code] = _section_text(ctx, child)
    elif isinstance(node.value, list):  # audit JSON: [{number, code, heading, chars, text}]
        for child in node.value:
            item = child.value if isinstance(child.value, dict) else {}
            code_node = item.get("code") or item.get("number")
            code = by_number.get(str(code_node.value), str(code_node.value)) if code_node else None
            if code not in codes:
                ctx.add(
                    "S.unknown_section",
                    child,
                    f"无法确定这一部分是哪一部分（code 应为 {'、'.join(codes)} 之一）",
                )
                continue
            text_node = item.get("text")
            if text_node is None:
                ctx.add("S.missing_section", child, f"“{fmt.section(code).heading}”没有正文（缺少 text）")
                continue
            texts[code] = _section_text(ctx, text_node)
    else:
        ctx.add("S.type", node, "“sections”应为六个部分的键值对")
    offset = 0
    parts: list[str] = []
    if report.preamble:
        parts.append(report.preamble)
        offset = len(report.preamble) + 1
    for order, section in enumerate(fmt.sections):
        text = texts.get(section.code)
        if node is not None and isinstance(node.value, dict | list) and not text:
            ctx.add("S.missing_section", node, f"缺少“{section.heading}”（{section.code}）的正文")
        rs = ReportSection(
            section.code,
            section.number,
            section.heading,
            text or "",
            heading_status="exact",
            order=order,
            has_table=section.table is not None,
        )
        offset += len(section.heading) + 1
        rs.start = offset
        offset += len(rs.text) + 1
        parts += [section.heading, rs.text]
        report.sections[section.code] = rs
    report.text = "\n".join(parts)


def _section_text(ctx: _Ctx, node: _Node) -> str:
    if node.value is None:
        return ""
    if isinstance(node.value, dict | list):
        ctx.add("S.type", node, "正文应为文字（可用 | 写多段）")
        return ""
    return normalise_text(str(node.value))


def normalise_text(text: str) -> str:
    """Markdown-light: one paragraph per non-empty line, surrounding whitespace dropped."""
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


# ---------------------------------------------------------------- tables


def _tables(ctx: _Ctx, report: AnnualReport, fmt: ReportFormat, node: _Node | None, root: _Node) -> None:
    if node is None or not isinstance(node.value, dict):
        if node is not None and node.value is not None:
            ctx.add("S.type", node, "“tables”应为 two、three、four 三张表的键值对")
        else:
            ctx.add("S.missing_table", root, "缺少“tables”（表二、表三、表四）")
        return
    for name, child in node.value.items():
        if name not in TABLE_NAMES:
            ctx.add(
                "S.unknown_table",
                child,
                f"没有“{name}”这张表{_suggest(name, TABLE_NAMES)}，可用：two、three、four",
            )
    for name in TABLE_NAMES:
        child = node.value.get(name)
        title = table_title(fmt, name)
        if child is None or child.value is None:
            ctx.add("S.missing_table", node, f"缺少{title}（tables.{name}）")
            continue
        if not isinstance(child.value, dict):
            ctx.add("S.type", child, f"{title}应为“行: 各列数值”的键值对")
            continue
        _table(ctx, getattr(report, name), fmt, name, child)


def _layout(fmt: ReportFormat, name: str) -> tuple[dict[str, tuple[str, tuple[Column, ...]]], dict[str, str]]:
    """row code → (label, its columns); label-only parents → label (to explain why they take no numbers)."""
    rows: dict[str, tuple[str, tuple[Column, ...]]] = {}
    parents: dict[str, str] = {}
    if name == "two":
        for block in fmt.two.blocks:
            for row in block.rows:
                rows[row.code] = (row.label, block.columns)
    elif name == "three":
        for row in fmt.three.data_rows():
            rows[row.code] = (row.label, fmt.three.columns)
        for parent in fmt.three.parents():
            if parent.code:
                parents[parent.code] = parent.label
    else:
        for group in fmt.four.groups:
            rows[group.code] = (group.label, fmt.four.columns)
    return rows, parents


def _table(ctx: _Ctx, table: Table, fmt: ReportFormat, name: str, node: _Node) -> None:
    title = table_title(fmt, name)
    rows, parents = _layout(fmt, name)
    by_label = {label_key(label): code for code, (label, _) in rows.items()}
    table.found = True
    table.source = SourceRef(line=node.line, cell=f"tables.{name}")
    for code, child in node.value.items():
        if code in rows:
            continue
        if code in parents:
            ctx.add("S.unknown_row", child, f"{title}“{parents[code]}”是标题行，没有数字，请填写它下面的各行")
        elif label_key(code) in by_label:
            ctx.add(
                "S.unknown_row", child, f"{title}的行请用代码“{by_label[label_key(code)]}”，而不是“{code}”"
            )
        else:
            other = [v for v in FORMATS.values() if v is not fmt and code in _layout(v, name)[0]]
            why = (
                f"（这一行属于{other[0].version}年版格式，本报告用{fmt.version}年版）"
                if other
                else _suggest(code, rows)
            )
            ctx.add("S.unknown_row", child, f"{title}没有“{code}”这一行{why}")
    absent = [code for code in rows if code not in node.value]
    if absent:
        shown = "、".join(f"“{rows[c][0]}”（{c}）" for c in absent[:5]) + ("等" if len(absent) > 5 else "")
        ctx.add("S.missing_cell", node, f"{title}缺少{len(absent)}行：{shown}；空白请写 null")
    for code, (label, columns) in rows.items():
        child = node.value.get(code)
        if child is None:
            continue
        values = _row_values(ctx, child, title, label, columns)
        if values is None:
            continue
        missing = [c for c in columns if c.code not in values]
        if missing:
            names = "、".join(f"“{c.label}”（{c.code}）" for c in missing)
            ctx.add("S.missing_cell", child, f"{title}“{label}”行缺少{names}；空白请写 null")
        for column in columns:
            if column.code in values:
                table.set(
                    code, column.code, _cell(ctx, values[column.code], title, label, column, name, code)
                )


def _row_values(ctx: _Ctx, node: _Node, title: str, label: str, columns) -> dict[str, _Node] | None:
    if isinstance(node.value, list):
        if len(node.value) != len(columns):
            ctx.add(
                "S.type",
                node,
                f"{title}“{label}”行应有{len(columns)}个数（{'、'.join(c.label for c in columns)}），文件中为{len(node.value)}个",
            )
            return None
        return {c.code: v for c, v in zip(columns, node.value, strict=True)}
    if isinstance(node.value, dict):
        codes = [c.code for c in columns]
        for key, child in node.value.items():
            if key not in codes:
                by_label = {label_key(c.label): c.code for c in columns}
                hint = (
                    f"（请用代码“{by_label[label_key(key)]}”）"
                    if label_key(key) in by_label
                    else _suggest(key, codes)
                )
                ctx.add(
                    "S.unknown_column",
                    child,
                    f"{title}“{label}”行没有“{key}”这一列{hint}，可用：{'、'.join(codes)}",
                )
        return {k: v for k, v in node.value.items() if k in codes}
    if len(columns) == 1:
        return {columns[0].code: node}
    ctx.add("S.type", node, f"{title}“{label}”行应为各列数值（键值对或{len(columns)}个数的列表）")
    return None


def _cell(ctx: _Ctx, node: _Node, title: str, label: str, column: Column, name: str, code: str) -> Cell:
    where = f"{title}“{label}”行“{column.label}”列"
    source = SourceRef(line=node.line, cell=f"tables.{name}.{code}.{column.code}")
    value = node.value
    if value is None or (isinstance(value, str) and value.strip() in BLANK_VALUES):
        return Cell(raw="" if value is None else value, blank=True, source=source)
    if isinstance(value, bool | dict | list | date):
        ctx.add("S.type", node, f"{where}应为数字，文件中为“{node.raw if node.raw is not None else value}”")
        return Cell(raw=str(value), invalid=True, source=source)
    raw = node.raw if node.raw is not None else str(value)
    if column.kind == ValueKind.MONEY:
        text = format(Decimal(str(value)), "f") if isinstance(value, float) and node.raw is None else raw
        parsed = parse_money(text.lstrip("-") if text.strip().startswith("-") else text)
        if parsed.value is not None and text.strip().startswith("-"):
            ctx.add("S.negative", node, f"{where}不能为负数，文件中为{raw}")
            return Cell(raw=raw, invalid=True, source=source)
    else:
        if isinstance(value, float):
            ctx.add("S.type", node, f"{where}应为整数，文件中为“{raw}”")
            return Cell(raw=raw, invalid=True, source=source)
        parsed = parse_count(str(value), signed=True)
        if parsed.value is not None and parsed.value < 0 and column.kind != ValueKind.SIGNED:
            ctx.add("S.negative", node, f"{where}不能为负数，文件中为{raw}")
            return Cell(raw=raw, invalid=True, source=source)
    if parsed.value is None:
        ctx.add(
            "S.type",
            node,
            f"{where}应为{'金额' if column.kind == ValueKind.MONEY else '整数'}，文件中为“{raw}”",
        )
        return Cell(raw=raw, invalid=True, source=source)
    return Cell(raw=raw, value=parsed.value, unit=parsed.unit, source=source)
