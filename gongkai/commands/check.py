"""`gongkai check PATH...`: content check before publishing (错别字、敏感表述、个人隐私、公文规范、涉密标识).

Exit codes: 0 nothing blocks; 1 a blocking finding (classified marker, unredacted personal data);
2 a file could not be read (reported with a stable code; the other files are still checked).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from gongkai.textcheck.check import CheckConfig, Checker, is_blocking
from gongkai.textcheck.codes import Severity
from gongkai.textcheck.dictionary import DictionaryError, load_dictionaries
from gongkai.textcheck.extract import Document, ExtractError, decode_text, extract, kind_of
from gongkai.textcheck.finding import Finding
from gongkai.textcheck.redact import RedactionPolicy, redact, redact_docx, redact_txt_file


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "check",
        help="发布前内容检查：错别字、过时机构名称、个人隐私、公文规范、涉密标识",
        description="检查 TXT、DOCX、HTML、PDF 文件中的错别字、不规范表述、个人隐私、公文规范问题和涉密标识。",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="要检查的文件或目录")
    parser.add_argument("--json", action="store_true", help="每个文件输出一行 JSON（JSON Lines）")
    parser.add_argument(
        "--redact", metavar="OUT_DIR", help="把隐藏个人隐私后的副本写入此目录（不改动原文件）"
    )
    parser.add_argument(
        "--dict", action="append", default=[], metavar="FILE", help="追加词典文件，可多次使用"
    )
    parser.add_argument("--supervisor-dict", action="append", default=[], metavar="FILE", help="主管部门词典")
    parser.add_argument(
        "--agency-dict", action="append", default=[], metavar="FILE", help="本机关词典（含反向查错规范名称）"
    )
    parser.add_argument("--as-of", metavar="YYYY-MM-DD", help="文件所述日期；此后才变更的机构名称不报")
    parser.add_argument(
        "--context", type=int, default=12, metavar="N", help="人工阅读输出中每条问题前后显示的字数"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        dictionaries = load_dictionaries(args.dict, supervisor=args.supervisor_dict, agency=args.agency_dict)
        as_of = date.fromisoformat(args.as_of) if args.as_of else None
    except DictionaryError as exc:
        print(f"词典错误：{exc}", file=sys.stderr)
        return 2
    except ValueError:
        print(f"日期格式错误：{args.as_of}（应为 YYYY-MM-DD）", file=sys.stderr)
        return 2
    checker = Checker(CheckConfig(dictionaries=dictionaries, as_of=as_of))
    out_dir = Path(args.redact) if args.redact else None
    if out_dir:
        out_dir.mkdir(parents=True, exist_ok=True)
    status = 0
    unreadable = False
    used_names: set[str] = set()
    for path in _expand(args.paths):
        try:
            document = extract(path)
        except ExtractError as exc:
            unreadable = True
            _report_error(args, exc)
            continue
        findings = checker.check(document.text, soft_line_breaks=document.kind in ("txt", "pdf"))
        record: dict = {}
        if out_dir:
            try:
                record = _write_redacted(document, checker, out_dir, used_names)
            except (OSError, ValueError) as exc:
                record = {"redact_error": str(exc)}
        if is_blocking(findings):
            status = 1
        if args.json:
            line = {
                "path": str(path),
                "findings": [f.as_dict() for f in findings],
                "blocking": is_blocking(findings),
            }
            print(json.dumps({**line, **record}, ensure_ascii=False), flush=True)
        else:
            _print_human(document, findings, record, args.context)
    return 2 if unreadable else status


def _expand(paths: list[str]):
    """Files as given; directories walked for the kinds we read, in name order."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and kind_of(p))
        else:
            yield path


def _report_error(args: argparse.Namespace, exc: ExtractError) -> None:
    if args.json:
        error = {"code": exc.code.value, "message": exc.code.message, "detail": exc.detail}
        print(json.dumps({"path": exc.path, "error": error}, ensure_ascii=False), flush=True)
    else:
        print(
            f"{exc.path}\n  无法检查 [{exc.code.value}] {exc.code.message}"
            + (f"（{exc.detail}）" if exc.detail else "")
        )
        print()


def _write_redacted(document: Document, checker: Checker, out_dir: Path, used: set[str]) -> dict:
    """Write the redacted copy; returns what to add to the file's report."""
    policy = RedactionPolicy.default()
    src = document.path
    name = src.name if document.kind != "pdf" else src.stem + ".redacted.txt"
    base, n = name, 1
    while name in used:
        n += 1
        name = f"{Path(base).stem}-{n}{Path(base).suffix}"
    used.add(name)
    dst = out_dir / name
    if dst.exists() and dst.resolve() == src.resolve():
        raise ValueError(f"输出文件与原文件相同：{src}")
    if document.kind == "txt":
        redactions = redact_txt_file(src, dst, checker, policy)
    elif document.kind == "docx":
        redactions = redact_docx(src, dst, checker, policy)
    elif document.kind == "html":
        # Mask in the HTML source itself, so markup and every other byte stay as they were.
        text, codec = decode_text(src.read_bytes())
        result = redact(text, checker.check(text), policy)
        dst.write_bytes(result.text.encode(codec))
        redactions = result.redactions
    else:  # PDF: the layout cannot be edited safely; the redacted text is written instead
        result = redact(document.text, checker.check(document.text, soft_line_breaks=True), policy)
        dst.write_text(result.text, encoding="utf-8")
        redactions = result.redactions
    return {"redacted": str(dst), "redactions": [r.as_dict() for r in redactions]}


_SEVERITY_MARK = {Severity.BLOCKING: "✖", Severity.ERROR: "✖", Severity.WARNING: "!", Severity.INFO: "·"}


def _print_human(document: Document, findings: list[Finding], record: dict, context: int) -> None:
    text = document.text
    counts: dict[Severity, int] = {}
    print(str(document.path))
    for f in findings:
        counts[f.severity] = counts.get(f.severity, 0) + 1
        before = text[max(0, f.start - context) : f.start].replace("\n", "⏎")
        after = text[f.end : f.end + context].replace("\n", "⏎")
        print(
            f"  {f.line}:{f.column}  {_SEVERITY_MARK[f.severity]} {f.severity.title}  [{f.code.value}] {f.message}"
        )
        line = f"      …{before}【{f.text}】{after}…"
        if f.suggestion:
            line += f"  → {f.suggestion}"
        print(line)
    summary = "、".join(f"{s.title}{counts[s]}条" for s in Severity if counts.get(s))
    print(
        f"  共 {len(findings)} 条"
        + (f"（{summary}）" if summary else "")
        + ("，含禁止发布内容" if is_blocking(findings) else "")
    )
    if "redacted" in record:
        print(f"  已写出隐藏处理副本：{record['redacted']}（隐藏 {len(record['redactions'])} 处）")
        if document.kind == "pdf":
            print("  注意：PDF 无法保留版式，副本为隐藏处理后的纯文本")
    elif "redact_error" in record:
        print(f"  隐藏处理副本未写出：{record['redact_error']}")
    print()
