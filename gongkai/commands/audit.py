"""`gongkai audit PATH...`: read published annual reports, check them, explain every finding."""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any, TextIO

from gongkai.report.batch import BatchItem, audit_paths
from gongkai.report.findings import CHECKS
from gongkai.report.formats import FORMATS

SEVERITY_LABELS = {"error": "错误", "warning": "提示", "info": "信息"}
TABLE_NAMES = (("two", "表二"), ("three", "表三"), ("four", "表四"))


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "audit",
        help="年报体检：读取并检查政府信息公开工作年度报告",
        description="读取政府信息公开工作年度报告（TXT/HTML/DOCX/PDF/XLSX/YAML/JSON），检查格式、表格勾稽关系和正文，逐条说明问题。",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="报告文件或目录（目录递归查找）")
    parser.add_argument("--json", action="store_true", help="输出 JSON Lines，每份报告一行")
    parser.add_argument("--summary", action="store_true", help="每份报告只输出一行摘要")
    parser.add_argument("--jobs", type=int, default=None, metavar="N", help="并行进程数（默认：全部CPU核）")
    parser.add_argument("--prior", metavar="FILE", help="上一年度报告，用于跨年度检查")
    parser.add_argument("--no-pair", action="store_true", help="不在同一批文件中查找同一机关的上一年度报告")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.jobs is not None and args.jobs < 1:
        print("gongkai audit: [U.jobs] --jobs 必须是正整数", file=sys.stderr)
        return 2
    if args.prior and not os.path.isfile(args.prior):
        print(f"gongkai audit: [U.prior] 上一年度报告不存在：{args.prior}", file=sys.stderr)
        return 2
    out = sys.stdout
    progress = _Progress(sys.stderr) if sys.stderr.isatty() else None
    status = 0
    count = 0
    for item in audit_paths(
        args.paths,
        jobs=args.jobs,
        prior=args.prior,
        pair=not args.no_pair,
        on_total=progress.total if progress else None,
        on_done=progress.step if progress else None,
    ):
        count += 1
        if args.json:
            out.write(json.dumps(item.record, ensure_ascii=False) + "\n")
        elif args.summary:
            out.write(summary_line(item) + "\n")
        else:
            out.write(human_report(item) + "\n")
        out.flush()
        if item.unreadable:
            status = 2
        elif item.errors and status == 0:
            status = 1
    if progress:
        progress.close()
    if count > 1 and not args.json:
        out.write(f"共检查{count}份报告。\n")
    return status


def summary_line(item: BatchItem) -> str:
    r = item.record
    name = r.get("agency") or "（机关未识别）"
    year = f"{r['year']}年度" if r.get("year") else "年度未识别"
    state = "无法读取" if item.unreadable else f"错误{item.errors} 提示{item.warnings}"
    return f"{r['path']}\t{name}\t{year}\t格式{r.get('format_version')}\t{state}"


def human_report(item: BatchItem) -> str:
    r = item.record
    lines = [f"━━ {r['path']}"]
    fmt = FORMATS.get(r.get("format_version") or "")
    fmt_text = f"{fmt.version}版格式（{fmt.issued_by}）" if fmt else _version_text(r.get("format_version"))
    lines.append(
        f"{r.get('agency') or '（机关未识别）'}　{r['year']}年度　{fmt_text}"
        if r.get("year")
        else f"{r.get('agency') or '（机关未识别）'}　年度未识别　{fmt_text}"
    )
    if r.get("title"):
        lines.append(f"标题：{r['title']}")
    found = [s for s in r["sections"] if s["heading"]]
    lines.append(
        f"六个部分：找到{len(found)}个　"
        + "　".join(_table_count(r, name, label) for name, label in TABLE_NAMES)
    )
    findings = r["findings"]
    errors = [f for f in findings if f["severity"] == "error"]
    warnings = [f for f in findings if f["severity"] == "warning"]
    infos = [f for f in findings if f["severity"] == "info"]
    verdict = "无法读取" if item.unreadable else ("有错误" if errors else "未发现错误")
    lines.append(
        f"结论：{verdict}　错误{len(errors)}项　提示{len(warnings)}项　未运行的检查{len(r['not_run'])}项"
    )
    for group in (errors, warnings, infos):
        for f in group:
            lines.append(_finding_text(f))
    if r["not_run"]:
        reasons: dict[str, list[str]] = {}
        for n in r["not_run"]:
            reasons.setdefault(n["reason"], []).append(n["check"])
        for reason, checks in reasons.items():
            lines.append(f"  未运行：{'、'.join(checks)}（{reason}）")
    return "\n".join(lines) + "\n"


def _version_text(version: str | None) -> str:
    return {"mixed": "格式混用（2019版与2021版标签同时出现）", "unknown": "格式未识别"}.get(
        version or "", "格式未识别"
    )


def _table_count(record: dict[str, Any], name: str, label: str) -> str:
    cells = sum(1 for row in record["tables"].get(name, {}).values() for v in row.values() if v is not None)
    return f"{label}{cells}格" if cells else f"{label}未找到"


def _finding_text(f: dict[str, Any]) -> str:
    severity = SEVERITY_LABELS.get(f["severity"], f["severity"])
    title = CHECKS[f["check"]].title if f["check"] in CHECKS else ""
    text = [f"  [{severity}] {f['check']} {title}", f"      {f['message']}"]
    where = _where(f.get("location") or {})
    if where:
        text.append(f"      位置：{where}")
    return "\n".join(text)


def _where(loc: dict[str, Any]) -> str:
    parts = []
    if loc.get("table"):
        parts.append(f"表{loc['table']}")
    for key in ("row_label", "column_label"):
        if loc.get(key):
            parts.append(f"“{loc[key]}”")
    if loc.get("heading"):
        parts.append(f"“{loc['heading']}”")
    if loc.get("source"):
        parts.append(str(loc["source"]))
    return " ".join(parts)


class _Progress:
    """A one-line progress counter on stderr (only when stderr is a terminal)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream, self.n, self.of = stream, 0, 0

    def total(self, n: int) -> None:
        self.of = n

    def step(self, _item: BatchItem) -> None:
        self.n += 1
        if self.of > 1:
            width = 30
            done = int(width * self.n / self.of)
            self.stream.write(f"\r[{'#' * done}{'.' * (width - done)}] {self.n}/{self.of}")
            self.stream.flush()

    def close(self) -> None:
        if self.of > 1:
            self.stream.write("\n")
