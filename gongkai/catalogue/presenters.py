"""Turning findings into what reviewers see: the body with each finding's text marked in place."""

from __future__ import annotations

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from gongkai.textcheck import Severity

SEVERITY_CLASS = {s.value: s.value for s in Severity}
SEVERITY_TITLE = {s.value: s.title for s in Severity}


def numbered(findings: list[dict]) -> list[dict]:
    """Findings with a stable anchor id and their Chinese severity, for the list and the marks."""
    out = []
    for n, f in enumerate(findings, 1):
        out.append({**f, "anchor": f"finding-{n}", "severity_title": SEVERITY_TITLE.get(f["severity"], "")})
    return out


def highlighted(text: str, findings: list[dict], source: str = "body") -> SafeString:
    """`text` escaped, with <mark> around each finding of `source` (overlaps: the first one wins)."""
    spans = sorted(
        (f for f in findings if f.get("source") == source and 0 <= f["start"] < f["end"] <= len(text)),
        key=lambda f: (f["start"], -f["end"]),
    )
    parts, pos = [], 0
    for f in spans:
        if f["start"] < pos:
            continue
        parts.append(escape(text[pos : f["start"]]))
        parts.append(
            format_html(
                '<mark class="finding-mark {}" id="{}-text" title="{}：{}" data-code="{}">{}</mark>',
                SEVERITY_CLASS.get(f["severity"], "info"),
                f.get("anchor", ""),
                f.get("title", ""),
                f.get("message", ""),
                f["code"],
                text[f["start"] : f["end"]],
            )
        )
        pos = f["end"]
    parts.append(escape(text[pos:]))
    return mark_safe("".join(str(p) for p in parts).replace("\n", "<br>"))
