"""`gongkai render SOURCE --to html|docx|pdf|xlsx|json|csv [-o OUT] [--strict]`.

SOURCE is a YAML report source, the JSON `gongkai audit --json` prints, or any report file the
readers read. Every output comes from the same report model. A report with error findings is
rendered with a visible warning block listing them; `--strict` refuses it instead (exit 1).
Bad input prints `[code] 中文说明` on stderr and exits 2, never a traceback. What the writer could
not print (`O.glyph_missing`: characters the PDF's fonts have no glyph for) is a warning on stderr;
the file is still written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from gongkai.report.findings import Finding, Severity
from gongkai.report.writers import OUTPUTS

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
_TEXT_OUTPUTS = ("html", "json", "csv", "txt")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "render",
        help="年报生成：由同一份报告生成网页、Word、PDF、Excel、JSON、CSV",
        description="由年报源文件（YAML）、体检结果（JSON）或已发布的年报文件生成各种格式，数据出自同一份报告。",
    )
    parser.add_argument(
        "source", metavar="SOURCE", help="YAML源文件、gongkai audit --json 的输出，或年报文件"
    )
    parser.add_argument("--to", required=True, choices=OUTPUTS, help="输出格式")
    parser.add_argument(
        "-o", "--output", metavar="OUT", help="输出文件；默认与源文件同名、换扩展名；“-”表示标准输出"
    )
    parser.add_argument("--strict", action="store_true", help="报告有错误时不生成，返回退出码1")
    parser.set_defaults(func=run)


def _error(code: str, message: str) -> int:
    print(f"[{code}] {message}", file=sys.stderr)
    return EXIT_USAGE


def run(args: argparse.Namespace) -> int:
    path = Path(args.source)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return _error("R.unreadable", f"无法读取文件“{path}”（{exc.strerror or type(exc).__name__}）")
    report, findings, fatal = load(data, str(path))
    if fatal:
        for f in fatal:
            print(f"[{f.check}] {f.message}", file=sys.stderr)
        return EXIT_USAGE
    errors = [f for f in findings if f.severity == Severity.ERROR]
    if errors and args.strict:
        for f in errors:
            print(f"[{f.check}] {f.message}", file=sys.stderr)
        print(f"报告有{len(errors)}处错误，--strict 模式下不生成{args.to.upper()}文件", file=sys.stderr)
        return EXIT_FINDINGS
    from gongkai.report.writers import render_checked

    try:
        out, notes = render_checked(report, args.to, findings)
    except Exception as exc:  # e.g. no CJK font for PDF: a message, not a traceback
        return _error("O.render", f"生成{args.to.upper()}失败：{exc}")
    for note in notes:  # e.g. O.glyph_missing: characters the PDF prints as empty boxes
        print(f"[{note.check}] 注意：{note.message}", file=sys.stderr)
    target = args.output or str(path.with_suffix(f".{args.to}"))
    if target == str(path):
        return _error("O.overwrite", f"输出文件与源文件相同（{path}），请用 -o 指定输出文件")
    if target == "-":
        if args.to not in _TEXT_OUTPUTS:
            return _error("O.binary", f"{args.to.upper()}是二进制格式，不能写到标准输出，请用 -o 指定文件")
        sys.stdout.buffer.write(out)
        sys.stdout.flush()
    else:
        try:
            Path(target).write_bytes(out)
        except OSError as exc:
            return _error("O.write", f"无法写入“{target}”（{exc.strerror or type(exc).__name__}）")
        print(f"已生成 {target}", file=sys.stderr)
    if errors:
        print(f"注意：报告有{len(errors)}处错误，已在输出中列出", file=sys.stderr)
    return EXIT_OK


def load(data: bytes, filename: str):
    """(report, findings to show, fatal problems). Source errors block; checks' findings do not."""
    from gongkai.report.api import read_report, sniff

    if sniff(data, filename) == "source":
        from gongkai.report.source import load_source

        report, errors = load_source(data, filename)
        blocking = [e.to_finding(filename) for e in errors if e.severity == Severity.ERROR]
        if report is None or blocking:
            return report, [], blocking or [Finding("S.syntax", "源文件无法读取")]
        findings = [e.to_finding(filename) for e in errors]
    else:
        report = read_report(data, filename)
        if not report.readable:
            fatal = [f for f in report.reader_findings if f.severity == Severity.ERROR]
            return report, [], fatal or [Finding("R.unreadable", "文件无法读取")]
        findings = list(report.reader_findings)
    return report, findings + run_checks(report), []


def run_checks(report) -> list[Finding]:
    try:
        from gongkai.report.checks import run_checks as checks
    except ImportError:  # the checks package may not be installed yet
        return []
    try:
        result = checks(report)
    except Exception as exc:  # a check bug must not block rendering
        return [Finding("R.unreadable", f"体检未能完成（{type(exc).__name__}）", severity=Severity.WARNING)]
    items = getattr(result, "findings", result)
    return [f for f in items if isinstance(f, Finding)]
