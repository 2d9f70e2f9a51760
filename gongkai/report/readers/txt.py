"""TXT reader: plain-text reports into a neutral `Document`.

Three layouts occur in practice and may be mixed in one file:

- the tab layout of DOMAIN §0.5 (what copying a Word/HTML table as text gives): one cell per
  tab-led line, a blank line ends a row, a non-tab line right after a label cell continues it
  (`⇥商业` + `企业`), a line holding only a tab is an empty cell, NBSP kept in the raw text;
- one row per line, cells separated by tabs, two or more spaces, or `|` (Markdown tables too);
  PDF text exports separate the trailing numbers by single spaces, which is accepted after a label;
- rows flattened by a web archive (`…申请数量 425000047`): such a row keeps its single digit run as
  one cell, and a line with several rows glued together stays text. `gongkai.report.recover` splits
  them; the reader never guesses.

Text that `pdftotext` extracts from PDFs comes in both other shapes too: `-layout` gives one row
per line (with long labels wrapped around the numbers), plain mode one cell per line. A page starts
with a form feed; a bare centred page number just before it is dropped (`- 3 -` and `第3页` always
are). The assembler reads wrapped labels and one-cell-per-line tables.

The reader matches no labels (the assembler does); it only decides what is table and what is text.
Text lines become one `TextBlock` each (indentation stripped), every block carries `SourceRef(line=n)`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..findings import Finding
from ..formats import FORMATS
from ..model import CellText, Document, SourceRef, TableBlock, TextBlock
from ..normalize import label_key, looks_numeric, loose_key
from ._decode import decode_text

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_MD_SEPARATOR = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$")
_SPACE_SEPARATOR = re.compile(r"[ \u00a0]{2,}|\u3000+")
_PAGE_MARK = re.compile(r"^[-—–\s]*\d{1,4}[-—–\s]*$|^第\s*\d+\s*页")
_SENTENCE_END = ("。", "；", "！", "？")
_INDENT = " \t\u3000\u00a0\ufeff"
_MAX_ABSORBED = 4  # label-only lines kept inside a row-per-line table between two rows
_CENTRED = 20  # leading spaces of a centred page footer in `pdftotext -layout` text
_TITLE_WORDS = "年度报告"


def read(data: bytes, *, path: str | None = None) -> Document:
    """Read a TXT report. Never raises: what cannot be read is reported as `R.*` findings."""
    doc = Document(path=path, kind="txt")
    try:
        decoded = decode_text(data, path=path)
        doc.findings.extend(decoded.findings)
        if decoded.text is None:
            return doc
        doc.meta["encoding"] = decoded.encoding
        text = decoded.text.lstrip("\ufeff")
        if not text.strip():
            doc.findings.append(Finding("R.empty", "文件为空，没有可读取的文字。", _where(path)))
            return doc
        lines = _LINE_BREAK.split(text)
        if "\f" in text:
            lines = _drop_page_numbers(lines)
        doc.blocks = parse_lines(lines)
    except Exception as exc:  # a reader never stops the batch
        doc.findings.append(
            Finding(
                "R.unreadable",
                f"读取文字文件时出错（{type(exc).__name__}），已读取的内容照常保留。",
                _where(path),
            )
        )
    return doc


def _drop_page_numbers(lines: list[str]) -> list[str]:
    """PDF text exports (`pdftotext`) start each page with a form feed. A bare page number (`3`)
    printed as the centred footer just before it is no text and no table value: it is dropped when
    it is indented like a centred line and is the number of the page it ends. (`- 3 -` and `第3页`
    are page marks anyway.) Line numbers are kept: the line becomes empty."""
    out = list(lines)
    page = 1
    for i, line in enumerate(lines):
        if not line.startswith("\f"):
            continue
        out[i] = line.lstrip("\f")
        j = i - 1
        while j >= 0 and not out[j].strip():
            j -= 1
        footer = out[j] if j >= 0 else ""
        if footer.strip() == str(page) and len(footer) - len(footer.lstrip(" ")) >= _CENTRED:
            out[j] = ""
        page += 1
    return out


def _where(path: str | None) -> dict:
    return {"file": path} if path else {}


# ---------------------------------------------------------------- shared with the HTML reader


def _heading_keys() -> tuple[str, ...]:
    keys = set()
    for fmt in FORMATS.values():
        for section in fmt.sections:
            keys.add(loose_key(section.title))
            keys.update(loose_key(v) for v in section.variants)
    return tuple(sorted(keys, key=len, reverse=True))


_HEADING_KEYS = _heading_keys()
# Normalising only drops characters or maps punctuation and digits, so a Chinese character that
# ends a heading key is in the text of every heading: text holding none of them is no heading.
HEADING_ENDS = tuple(sorted({key[-1] for key in _HEADING_KEYS}))
if not all("\u4e00" <= end <= "\u9fff" for end in HEADING_ENDS):
    HEADING_ENDS = ()  # a key ending in punctuation or a digit: no shortcut
_NUMERAL = re.compile(r"^(第?[一二三四五六七八九十]+[部分]*|[0-9]+)?$")


@lru_cache(maxsize=65536)
def section_heading(text: str) -> str | None:
    """The loose key of the section heading `text` is (numeral optional), or None.

    Only used to keep headings out of tables and to find the report body among a page's
    navigation; the assembler does the real heading matching.
    """
    if HEADING_ENDS and not any(end in text for end in HEADING_ENDS):
        return None
    key = loose_key(text)
    if len(key) > 40:
        return None
    for heading in _HEADING_KEYS:
        if key.endswith(heading) and _NUMERAL.match(key[: -len(heading)]):
            return heading
    return None


def clean_line(text: str) -> str:
    """A text line without its indentation (spaces, tabs, NBSP, U+3000) or stray BOMs."""
    return text.replace("\ufeff", "").strip()


def is_title(text: str) -> bool:
    key = label_key(text)
    return _TITLE_WORDS in key and len(key) <= 80


# ---------------------------------------------------------------- layout analysis


@dataclass
class _Row:
    cells: list[CellText]
    strong: bool  # carries numbers after a label: certainly a table row
    line: int
    text: str  # the line as printed, for falling back to text


@dataclass
class _Text:
    text: str
    line: int


@dataclass
class _Group:
    rows: list[_Row] = field(default_factory=list)
    pending: list[_Text] = field(default_factory=list)

    @property
    def strong(self) -> bool:
        return any(row.strong for row in self.rows)


def parse_lines(lines: list[str]) -> list[TextBlock | TableBlock]:
    """Blocks from the lines of a decoded text file (line numbers start at 1)."""
    blocks: list[TextBlock | TableBlock] = []
    loose: list[tuple[int, str]] = []  # lines outside tab regions, analysed together
    i = 0
    while i < len(lines):
        if _is_cell_line(lines[i]):
            blocks.extend(_row_blocks(loose))
            loose = []
            i = _tab_region(lines, i, blocks)
        else:
            loose.append((i + 1, lines[i]))
            i += 1
    blocks.extend(_row_blocks(loose))
    return blocks


def _is_cell_line(line: str) -> bool:
    """A tab-led line with no further tab: one cell of the tab layout (DOMAIN §0.5)."""
    return line.startswith("\t") and "\t" not in line.lstrip("\t")


def _is_numberish(text: str) -> bool:
    return looks_numeric(text) and any(ch.isdigit() for ch in text)


def _tab_region(lines: list[str], start: int, out: list[TextBlock | TableBlock]) -> int:
    """Read one tab-layout region from `start`; append its blocks; return the next line index."""
    rows: list[list[CellText]] = []
    row: list[CellText] = []
    last_was_cell = False
    i = start
    while i < len(lines):
        line = lines[i]
        if _is_cell_line(line):
            row.append(CellText(line.lstrip("\t").strip(" \t"), SourceRef(line=i + 1)))
            last_was_cell = True
        elif not line.strip():
            if row:
                rows.append(row)
                row = []
            last_was_cell = False
        elif last_was_cell and row and _continues(row[-1].text, line):
            row[-1].text += line.strip(_INDENT)
        else:
            break
        i += 1
    if row:
        rows.append(row)
    if _is_table(rows):
        out.append(TableBlock(rows, SourceRef(line=rows[0][0].source.line)))
    else:
        for cells in rows:
            out.extend(TextBlock(clean_line(c.text), c.source) for c in cells if clean_line(c.text))
    return i


def _continues(previous: str, line: str) -> bool:
    """A broken label continues on a plain line; a number cell is never continued."""
    return bool(previous.strip(_INDENT)) and not looks_numeric(previous) and "\t" not in line


def _is_prose(text: str) -> bool:
    return len(text) >= 40 and any(p in text for p in ("。", "，"))


def _is_table(rows: list[list[CellText]]) -> bool:
    """Tab-indented paragraphs are not a table: a table has a row of 2+ cells and little prose."""
    if not any(len(r) >= 2 for r in rows):
        return False
    texts = [c.text for r in rows for c in r if c.text.strip()]
    return sum(1 for t in texts if _is_prose(t)) * 2 < max(1, len(texts))


# ---------------------------------------------------------------- one row per line


def _row_blocks(lines: list[tuple[int, str]]) -> list[TextBlock | TableBlock]:
    blocks: list[TextBlock | TableBlock] = []
    group: _Group | None = None
    for number, line in lines:
        if not line.strip():
            continue
        stripped = clean_line(line)
        if _MD_SEPARATOR.match(stripped):
            if group is not None:
                _settle_pending(group, blocks)
            continue
        row = _split_row(line, number)
        if row is None:
            if group is None:
                blocks.append(TextBlock(stripped, SourceRef(line=number)))
            elif _absorbable(stripped) and len(group.pending) < _MAX_ABSORBED:
                group.pending.append(_Text(stripped, number))
            else:
                blocks.extend(_close(group))
                group = None
                blocks.append(TextBlock(stripped, SourceRef(line=number)))
            continue
        if group is None:
            group = _Group()
        _settle_pending(group, blocks)
        group.rows.append(row)
    if group is not None:
        blocks.extend(_close(group))
    return blocks


def _settle_pending(group: _Group, blocks: list[TextBlock | TableBlock]) -> None:
    """Label-only lines between two rows belong to the table (captions, parent labels)."""
    for text in group.pending:
        group.rows.append(_Row([CellText(text.text, SourceRef(line=text.line))], False, text.line, text.text))
    group.pending = []


def _close(group: _Group) -> list[TextBlock | TableBlock]:
    out: list[TextBlock | TableBlock] = []
    if group.strong:
        rows = _join_broken_labels(group.rows)
        out.append(TableBlock([r.cells for r in rows], SourceRef(line=rows[0].line)))
    else:
        out.extend(TextBlock(r.text, SourceRef(line=r.line)) for r in group.rows)
    out.extend(TextBlock(t.text, SourceRef(line=t.line)) for t in group.pending)
    return out


def _join_broken_labels(rows: list[_Row]) -> list[_Row]:
    """`（二）部分公开（区分处理的，只计这一情` + `形，不计其他情形） 0 0 …`: an open bracket
    on a label-only line means the label goes on in the next row's first cell."""
    out: list[_Row] = []
    for row in rows:
        if out and len(out[-1].cells) == 1 and not out[-1].strong and row.cells:
            head = out[-1].cells[0].text
            first = row.cells[0].text
            if head.count("（") + head.count("(") > head.count("）") + head.count(")") and not looks_numeric(
                first
            ):
                row.cells[0] = CellText(head + first, out[-1].cells[0].source)
                out[-1] = row
                continue
        out.append(row)
    return out


def _absorbable(text: str) -> bool:
    return (
        len(label_key(text)) <= 60
        and not text.endswith(_SENTENCE_END)
        and "。" not in text
        and section_heading(text) is None
        and not is_title(text)
        and not _PAGE_MARK.match(text)
    )


def _split_row(line: str, number: int) -> _Row | None:
    """The cells of a row-per-line table row, or None when the line is text."""
    text = line.strip(" \u3000\r\f\v\ufeff").rstrip("\t")
    body = text.strip("\t")
    if not body or _PAGE_MARK.match(body):
        return None
    cells: list[str] | None = None
    if body.count("|") >= 2 or (body.startswith("|") and body.endswith("|") and len(body) > 1):
        cells = [c.strip(" \t\u3000") for c in body.strip().strip("|").split("|")]
    elif "\t" in body:
        cells = [c.strip(" \u3000") for c in text.split("\t")]
    elif _SPACE_SEPARATOR.search(body.strip()):
        cells = [c for c in _SPACE_SEPARATOR.split(body.strip())]
    if cells is not None and len(cells) >= 2:
        if any(_is_prose(c) and c.endswith(_SENTENCE_END) for c in cells):
            return None
        strong = any(_is_numberish(c) for c in cells)
        if not strong and any(c.endswith(_SENTENCE_END) for c in cells):
            return None
        return _Row([CellText(c, SourceRef(line=number)) for c in cells], strong, number, body.strip())
    return _split_trailing_numbers(body.strip(), number)


def _split_trailing_numbers(text: str, number: int) -> _Row | None:
    """`label 3001 53 0 0 61 4 3119` (PDF exports) and `label 425000047` (flattened pages)."""
    tokens = list(re.finditer(r"\S+", text))
    k = 0
    while k < len(tokens) and looks_numeric(tokens[-1 - k].group()) and tokens[-1 - k].group() not in ("无",):
        k += 1
    if k == 0:
        return None
    trailing = tokens[len(tokens) - k :]
    if not any(_is_numberish(t.group()) for t in trailing):
        return None
    label = text[: trailing[0].start()].strip()
    if k == 1:
        # one number after a label: a row only when the label reads like a label, not a sentence
        if (
            not label
            or not re.search(r"[\u4e00-\u9fff]", label)
            or any(p in label for p in _SENTENCE_END)
            or len(label_key(label)) > 60
            or label[-1].isdigit()
        ):
            return None
    elif not label and sum(1 for t in trailing if _is_numberish(t.group())) < 2:
        return None
    cells = ([label] if label else []) + [t.group() for t in trailing]
    return _Row([CellText(c, SourceRef(line=number)) for c in cells], True, number, text)
