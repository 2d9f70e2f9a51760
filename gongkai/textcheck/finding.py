"""A finding and the line/column index that places it in the text."""

from __future__ import annotations

import bisect
import re
from dataclasses import asdict, dataclass, field

from gongkai.textcheck.codes import Code, Severity

_LONE_CR = re.compile(r"\r(?!\n)")


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem at `text[start:end]`; `line` and `column` are 1-based, counted in characters."""

    code: Code
    severity: Severity
    start: int
    end: int
    line: int
    column: int
    text: str
    suggestion: str = ""
    message: str = ""
    data: dict = field(default_factory=dict, compare=False, hash=False)

    def as_dict(self) -> dict:
        """JSON-ready form; codes and severities as their stable string values."""
        out = asdict(self)
        out["code"] = self.code.value
        out["severity"] = self.severity.value
        out["title"] = self.code.title
        if not self.data:
            del out["data"]
        return out


class LineIndex:
    """Line starts of a text, so offset → (line, column) is a bisect, not a scan per finding.

    A line ends at `\\n`; `\\r\\n` and a lone `\\r` count as one break each, as editors show them.
    """

    def __init__(self, text: str) -> None:
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        if "\r" in text:  # old Mac line ends: rare, so only paid for when present
            lone = [m.end() for m in _LONE_CR.finditer(text)]
            if lone:
                starts = sorted(set(starts).union(lone))
        self.starts = starts
        self.text = text

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column), both 1-based, of a character offset."""
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def line_span(self, offset: int) -> tuple[int, int]:
        """Start and end offsets (end without the break) of the line holding `offset`."""
        line = bisect.bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        end = self.starts[line + 1] - 1 if line + 1 < len(self.starts) else len(self.text)
        if end > start and self.text[end - 1 : end] == "\r":
            end -= 1
        return start, end

    def lines(self):
        """(start, end) of every line, breaks excluded."""
        text = self.text
        for i, start in enumerate(self.starts):
            end = self.starts[i + 1] - 1 if i + 1 < len(self.starts) else len(text)
            if end > start and text[end - 1] == "\r":
                end -= 1
            yield start, end


def make(
    index: LineIndex,
    code: Code,
    start: int,
    end: int,
    *,
    suggestion: str = "",
    message: str = "",
    severity: Severity | None = None,
    data: dict | None = None,
) -> Finding:
    """Build a finding at `[start, end)` with line/column from `index` and the code's default severity."""
    line, column = index.position(start)
    return Finding(
        code=code,
        severity=severity or code.default_severity,
        start=start,
        end=end,
        line=line,
        column=column,
        text=index.text[start:end],
        suggestion=suggestion,
        message=message or code.title,
        data=data or {},
    )
