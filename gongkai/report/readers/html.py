"""HTML reader: a report page from a government portal into a neutral `Document`.

Portal pages wrap the report in navigation, breadcrumbs, share buttons and footers, often inside
layout tables. The reader:

- decodes by BOM, then the page's own `<meta charset>` / `http-equiv`, then UTF-8, then GB18030;
- drops script/style/nav/header/footer and similar, then takes as the report body the tightest
  element holding the most section headings of the format (plus the title if it sits outside);
- walks the body in document order: paragraphs, headings and `<br>`-separated lines become
  `TextBlock`s, leaf tables become `TableBlock`s with rowspan/colspan expanded the way
  `TableBlock` documents it; a table holding other tables, or a single big cell, is layout and
  is walked as text;
- takes `published_date` from the page's meta tags or a `发布时间：` line.

Sources: `SourceRef(line=n)` for text (n is the line in the HTML file), `SourceRef(cell="表格t
第r行第c列")` for cells (t counts data tables in the document).
"""

from __future__ import annotations

import codecs
import re
from datetime import date
from functools import lru_cache

from lxml import etree

from ..findings import Finding
from ..model import CellText, Document, SourceRef, TableBlock, TextBlock
from ._decode import decode_text, normalise_encoding
from .txt import HEADING_ENDS, clean_line, is_title, section_heading

_DROP = ("script", "style", "noscript", "nav", "iframe", "template", "svg", "button", "select")
_CHROME = ("header", "footer")  # dropped unless they hold the report title or headings
_HINT_WORDS = ("nav", "navbar", "menu", "breadcrumb", "crumb", "footer", "share", "sidebar", "topbar")
_DROP_HINT = re.compile(rf"(^|[\s_-])({'|'.join(_HINT_WORDS)})([\s_-]|$)", re.I)
# `_DROP_HINT` on many values at once: fold what `re.I` matches to an ASCII letter (lower() alone
# misses these four), then look for a word between separators (`_has_hint_word`)
_HINT_FOLD = str.maketrans({"\u017f": "s", "\u0131": "i", "\u0130": "i", "\u212a": "k"})
_HINT_SEPARATOR = re.compile(r"[\s_-]")
# every class and id value (in any order: a hint lies within one value)
_CLASSES = etree.XPath("descendant-or-self::*/@class", smart_strings=False)
_IDS = etree.XPath("descendant-or-self::*/@id", smart_strings=False)
_BR = "\x1e"  # stands for <br> until whitespace is collapsed
_BLOCK = frozenset(
    {
        *("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "section"),
        *("article", "main", "aside", "blockquote", "pre", "table", "tr", "td", "th", "thead", "tbody"),
        *("tfoot", "caption", "center", "form", "fieldset", "address", "figure", "figcaption", "hr"),
        *("body", "html"),
    }
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_DATE = re.compile(r"(\d{4})\s*[-/年.]\s*(\d{1,2})\s*[-/月.]\s*(\d{1,2})")
_DATE_LINE = re.compile(r"(发布|公开)(时间|日期)\s*[:：]?\s*(\d{4}\s*[-/年.]\s*\d{1,2}\s*[-/月.]\s*\d{1,2})")
_DATE_META = (
    "pubdate",
    "firstpublishedtime",
    "publishdate",
    "articlepublishdate",
    "publishedtime",
    "pubtime",
)
_WS = re.compile(r"[ \t\r\n\f\v]+")
_INDENT = " \t\r\n\u3000\u00a0\ufeff"
_MAX_CELL_TEXT = 400  # a "cell" holding more than this is a layout container, not data


def read(data: bytes, *, path: str | None = None) -> Document:
    """Read an HTML report page. Never raises: what cannot be read is reported as `R.*` findings."""
    doc = Document(path=path, kind="html")
    where = {"file": path} if path else {}
    try:
        declared = _declared_charset(data)
        decoded = decode_text(data, declared=declared, path=path)
        doc.findings.extend(decoded.findings)
        if decoded.text is None:
            return doc
        doc.meta["encoding"] = decoded.encoding
        text = _XML_DECL.sub("", decoded.text.lstrip("\ufeff"))
        if not text.strip():
            doc.findings.append(Finding("R.empty", "网页文件为空，没有可读取的内容。", where))
            return doc
        # UTF-8 bytes that are the text as they stand are parsed as such (lxml would otherwise
        # hand libxml2 the text in another encoding to convert back)
        same = text is decoded.text and decoded.encoding == "utf-8" and not data.startswith(codecs.BOM_UTF8)
        _read_page(doc, text, data if same and b"\x00" not in data else None)
        if not doc.blocks:
            doc.findings.append(Finding("R.empty", "网页中没有找到正文文字。", where))
    except Exception as exc:  # a reader never stops the batch
        doc.findings.append(
            Finding("R.unreadable", f"读取网页时出错（{type(exc).__name__}），已读取的内容照常保留。", where)
        )
    return doc


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:8192])
    if not match:
        return None
    return normalise_encoding(match.group(1).decode("ascii", "ignore"))


# lxml's HTML parser with plain elements: the tree `lxml.html.document_fromstring` builds, without
# a Python class lookup for every element the reader touches (and without the table of `id`s,
# which only XPath's id() would use)
_PARSER = etree.HTMLParser(collect_ids=False)


_UTF8_PARSER = etree.HTMLParser(collect_ids=False, encoding="utf-8")


def _read_page(doc: Document, text: str, utf8: bytes | None = None) -> None:
    """`utf8`: `text` encoded as UTF-8, when the file holds exactly that."""
    root = None
    if utf8 is not None:
        try:
            root = etree.fromstring(utf8, _UTF8_PARSER)
        except (etree.ParserError, ValueError):
            root = None  # as the text would: see below
    try:
        if root is None:
            root = etree.fromstring(text, _PARSER)
        if root is None:
            raise etree.ParserError("Document is empty")
    except (etree.ParserError, ValueError):
        import lxml.html

        try:
            root = lxml.html.fragment_fromstring(text, create_parent="div")
        except (etree.ParserError, ValueError):
            return  # nothing parseable: the caller reports R.empty
    doc.published_date = _meta_date(root)
    page_title = _page_title(root)
    _drop_chrome(root)
    body = _report_body(root)
    walker = _Walker()
    title_block = _outside_title(root, body)
    if title_block is not None:
        walker.emit_text(title_block[0], title_block[1])
    walker.walk(body)
    walker.flush()
    blocks = walker.blocks
    if page_title and not any(isinstance(b, TextBlock) and is_title(b.text) for b in blocks[:10]):
        blocks.insert(0, TextBlock(page_title, SourceRef(line=1)))
    doc.blocks = blocks
    if doc.published_date is None:
        doc.published_date = _text_date(root)


# ---------------------------------------------------------------- page chrome and report body


def _drop_chrome(root) -> None:
    for element in list(root.iter(etree.Comment, etree.ProcessingInstruction)):
        _remove(element)
    for element in list(root.iter(*_DROP)):
        _remove(element)
    for element in list(root.iter(*_CHROME)):
        if section_heading_count(element) == 0 and not any(is_title(t) for t in element.itertext()):
            _remove(element)
    # every class and id at once first (a hint lies within one value, and " " separates them):
    # a page where none is a hint, the usual case, needs no look at each element
    folded = " ".join(_CLASSES(root) + _IDS(root)).translate(_HINT_FOLD).lower()
    if not _has_hint_word(folded):
        return
    for element in root.xpath("descendant-or-self::*[@class or @id]"):  # no hint without them
        if element.tag in ("html", "body"):
            continue
        hint = f"{element.get('class') or ''} {element.get('id') or ''}"
        if _DROP_HINT.search(hint) and section_heading_count(element) == 0:
            _remove(element)


def _body(root):
    """The page's `<body>`, or the root of a fragment without one."""
    body = root.find(".//body")
    return root if body is None else body


def _has_hint_word(folded: str) -> bool:
    """Whether a hint word stands between separators (or the ends) in `folded`: `_DROP_HINT`
    without `re.I`, each word found by `str.find` instead of trying the pattern at every position."""
    size = len(folded)
    separator = _HINT_SEPARATOR.match
    for word in _HINT_WORDS:
        pos = folded.find(word)
        while pos >= 0:
            end = pos + len(word)
            if (pos == 0 or separator(folded, pos - 1)) and (end == size or separator(folded, end)):
                return True
            pos = folded.find(word, pos + 1)
    return False


def _remove(element) -> None:
    """Remove an element but keep its tail text in place."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    previous = element.getprevious()
    parent.remove(element)
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail


def section_heading_count(element) -> int:
    found = set()
    for text in element.itertext():
        if len(text) < 60:
            heading = section_heading(text)
            if heading:
                found.add(heading)
    return len(found)


def _report_body(root):
    """The tightest element holding the most distinct section headings (the body if none)."""
    body = _body(root)
    # An element is a heading line when its whole text is short and a heading; that text then
    # holds a character ending a heading, so only the elements around such text nodes are read.
    checked: dict[object, str | None] = {}
    for element in _heading_text_owners(body):
        while element is not None and element not in checked:
            text = _short_text(element)
            if text is None:  # a container, not a heading line; so are all its ancestors
                checked[element] = None
                break
            checked[element] = _line_heading(text) if text else None
            if element is body:
                break
            element = element.getparent()
    headings: dict[object, set[str]] = {}
    for element, heading in checked.items():
        if not heading:
            continue
        node = element
        while node is not None:
            headings.setdefault(node, set()).add(heading)
            if node is body:
                break
            node = node.getparent()
    if not headings:
        return body
    best = max(len(s) for s in headings.values())
    if best < 2:
        return body
    # deepest element with the best count: iterate in document order, keep the last ancestor chain
    tied = [element for element, found in headings.items() if len(found) == best]
    deepest = max(tied, key=_depth)
    if all(_is_inside(deepest, element) for element in tied):
        return deepest  # one chain (the usual case): its deepest element is the last in order
    chosen = body
    for element in body.iter(etree.Element):
        if element in headings and len(headings[element]) == best:
            chosen = element
    return chosen


def _depth(element) -> int:
    depth = 0
    node = element.getparent()
    while node is not None:
        depth += 1
        node = node.getparent()
    return depth


_HEADING_END = re.compile(f"[{re.escape(''.join(HEADING_ENDS))}]" if HEADING_ENDS else r"[\s\S]")


def _heading_text_owners(body) -> list:
    """The elements below `body` (and itself) whose own text or a child's tail holds a character
    ending a section heading: the text of any heading line passes through one of them."""
    owners = []
    search = _HEADING_END.search
    elements = body.iter(etree.Element)
    for element in elements:  # the body first: its tail is not inside it
        text = element.text
        if text and search(text):
            owners.append(element)
        break
    for element in elements:
        text = element.text
        if text and search(text):
            owners.append(element)
        text = element.tail
        if text and search(text):
            owners.append(element.getparent())
    return owners


def _short_text(element) -> str | None:
    """The text of an element, or None when it is longer than a line (400 characters)."""
    text = _text(element) if len(element) else element.text or ""
    return text if len(text) <= 400 else None


def _text(element) -> str:
    """`"".join(element.itertext())`, serialised by libxml2 (several times faster)."""
    return etree.tostring(element, method="text", encoding=str, with_tail=False)


@lru_cache(maxsize=16384)
def _line_heading(text: str) -> str | None:
    """The section heading an element's raw text is, when it is a short line of its own."""
    own = _WS.sub(" ", text).strip(_INDENT)
    return section_heading(own) if own and len(own) < 60 else None


def _outside_title(root, body):
    """The report title when the page prints it above the body (e.g. an `<h1>` outside)."""
    for element in root.iter("h1", "h2", "h3", "div", "p", "td", "span", "strong"):
        text = _WS.sub(" ", _text(element)).strip(_INDENT)
        if not text or len(text) > 80 or not is_title(text):
            continue
        if _is_inside(element, body):
            return None
        if _is_inside(body, element):
            continue  # an ancestor of the body, not a title line
        return text, element.sourceline
    return None


def _is_inside(element, container) -> bool:
    node = element
    while node is not None:
        if node is container:
            return True
        node = node.getparent()
    return False


def _page_title(root) -> str | None:
    title = root.find(".//title")
    if title is None:
        return None
    text = _WS.sub(" ", _text(title)).strip(_INDENT)
    text = re.split(r"\s*[_|｜—–-]{1,2}\s*", text)[0] if text else text
    return text if text and is_title(text) else None


# ---------------------------------------------------------------- dates


def _parse_date(text: str) -> date | None:
    match = _DATE.search(text)
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def _meta_date(root) -> date | None:
    for meta in root.iter("meta"):
        name = (meta.get("name") or meta.get("property") or "").strip().lower()
        if name in _DATE_META:
            found = _parse_date(meta.get("content") or "")
            if found:
                return found
    return None


def _text_date(root) -> date | None:
    if not _DATE_LINE.search(root.xpath("string()")):  # no such line in any piece either
        return None
    for text in root.itertext():
        match = _DATE_LINE.search(text)
        if match:
            found = _parse_date(match.group(3))
            if found:
                return found
    return None


# ---------------------------------------------------------------- walking the body


class _Walker:
    def __init__(self) -> None:
        self.blocks: list[TextBlock | TableBlock] = []
        self.parts: list[str] = []
        self.line: int | None = None
        self.tables = 0

    def flush(self) -> None:
        if not self.parts:
            self.line = None
            return
        text = _WS.sub(" ", "".join(self.parts))
        for piece in text.split(_BR):
            self.emit_text(piece, self.line)
        self.parts = []
        self.line = None

    def emit_text(self, text: str, line: int | None) -> None:
        text = clean_line(text)
        if text:
            self.blocks.append(TextBlock(text, _line_ref(line)))

    def add(self, text: str | None, line: int | None) -> None:
        if text:
            if self.line is None and text.strip():
                self.line = line
            self.parts.append(text)

    def walk(self, element) -> None:
        tag = element.tag
        if not isinstance(tag, str):
            tag = ""
        if tag == "table":
            rows = _data_table(element, self.tables + 1)
            if rows is not None:
                self.flush()
                self.tables += 1
                if rows:
                    self.blocks.append(
                        TableBlock(rows, SourceRef(line=element.sourceline, cell=f"表格{self.tables}"))
                    )
                return
        if tag == "br":
            self.parts.append(_BR)
            return
        block = tag in _BLOCK
        if block:
            self.flush()
        text = element.text
        if text:
            self.add(text, element.sourceline)
        for child in element:
            self.walk(child)
            text = child.tail
            if text:
                self.add(text, child.sourceline)
        if block:
            self.flush()


def _data_table(table, number: int) -> list[list[CellText]] | None:
    """The grid of `table` when it is a data table: a leaf table with more than one row and
    column, and no cell holding a whole page; None for a layout table. In the grid a merged cell
    appears once, in its first position, and the positions it covers hold empty cells."""
    if next(table.iterdescendants("table"), None) is not None:
        return None
    rows = [list(row.iterchildren("td", "th")) for row in _own_rows(table)]
    if max(map(len, rows), default=0) < 2:
        return None  # one column: paragraphs laid out in rows
    count = len(rows)
    grid: list[list[CellText | None]] = [[] for _ in range(count)]  # None: a position not filled
    holes: set[int] = set()  # rows that may have a position not filled
    leaf_text = _leaf_text
    for r, cells in enumerate(rows):
        line = grid[r]
        refs = _row_refs(number, r)
        c = 0
        for cell in cells:
            if len(cell):
                text = _text(cell)
                if len(_WS.sub("", text)) > _MAX_CELL_TEXT or section_heading_count(cell) >= 2:
                    return None
                text = None
            else:  # text only: one piece, so at most one heading
                text = cell.text or ""
                if len(text) > _MAX_CELL_TEXT and len(_WS.sub("", text)) > _MAX_CELL_TEXT:
                    return None
            size = len(line)
            while c < size and line[c] is not None:
                c += 1
            get = cell.get
            rowspan = get(b"rowspan")  # a bytes name: lxml need not encode it for every cell
            colspan = get(b"colspan")
            if rowspan is None and colspan is None:
                if text is None:
                    text = _cell_text(cell)
                elif text and not text.isdigit():  # digits hold no whitespace
                    text = leaf_text(text)
                item = CellText(text, refs[c] if c < _ROW_WIDTH else _ref(number, r, c))
                if c == size:
                    line.append(item)
                else:
                    _put(line, c, item, holes, r)
                c += 1
                continue
            rowspan = min(_span(rowspan), max(1, count - r))
            colspan = _span(colspan)
            text = _cell_text(cell, text)
            for dr in range(rowspan):
                covered = grid[r + dr]
                covered_refs = _row_refs(number, r + dr)
                for dc in range(colspan):
                    col = c + dc
                    item = CellText(
                        text if dr == 0 and dc == 0 else "",
                        covered_refs[col] if col < _ROW_WIDTH else _ref(number, r + dr, col),
                    )
                    _put(covered, col, item, holes, r + dr)
            c += colspan
    for r in holes:
        line = grid[r]
        grid[r] = [cell or CellText("", _ref(number, r, c)) for c, cell in enumerate(line)]
    return [line for line in grid if line]  # type: ignore[misc]


def _put(line: list, col: int, item: CellText, holes: set[int], row: int) -> None:
    """Set a grid position, noting the row when positions before it are left unfilled."""
    size = len(line)
    if col < size:
        line[col] = item
        return
    if col > size:
        line.extend([None] * (col - size))
        holes.add(row)
    line.append(item)


def _own_rows(table) -> list:
    rows = []
    for child in table.iterchildren("tr", "thead", "tbody", "tfoot"):
        if child.tag == "tr":
            rows.append(child)
        else:
            rows.extend(child.iterchildren("tr"))
    return rows


def _span(value: str | None) -> int:
    if value is None:
        return 1
    if value.isascii() and value.isdigit():
        return max(1, min(int(value), 1000))
    try:
        number = int(re.sub(r"[^0-9]", "", value or "") or 1)
    except ValueError:
        return 1
    return max(1, min(number, 1000))


def _cell_text(cell, text: str | None = None) -> str:
    """A cell's text: lines (`<br>`, `<p>`) joined without a break, as a broken label reads.
    `text` is the cell's own text when it has no child element (the usual cell)."""
    if text is not None or not len(cell):
        if text is None:
            text = cell.text or ""
        return text if not text or text.isdigit() else _leaf_text(text)  # digits hold no whitespace
    parts: list[str] = []

    def walk(node) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag == "br" or (tag in _BLOCK and parts):
            parts.append("\n")
        if node.text and isinstance(node.tag, str):
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(cell)
    return _joined_lines("".join(parts))


@lru_cache(maxsize=16384)
def _leaf_text(text: str) -> str:
    """`_cell_text` of a cell holding only `text` (labels recur from report to report)."""
    if "\n" not in text:
        return _WS.sub(" ", text).strip(" ")
    return _joined_lines(text)


def _joined_lines(text: str) -> str:
    lines = [_WS.sub(" ", piece).strip(" ") for piece in text.split("\n")]
    return "".join(line for line in lines if line)


_ROW_REFS: dict[tuple[int, int], list[SourceRef]] = {}
_ROW_WIDTH = 16  # the columns of a row whose sources `_row_refs` holds
_LINE_REFS: dict[int | None, SourceRef] = {}


def _line_ref(line: int | None) -> SourceRef:
    """The source of a text line; frozen, so one instance is shared (a bounded cache)."""
    ref = _LINE_REFS.get(line)
    if ref is None:
        ref = SourceRef(line=line)
        if len(_LINE_REFS) < 65536:
            _LINE_REFS[line] = ref
    return ref


def _row_refs(number: int, row: int) -> list[SourceRef]:
    """The sources of a table row's first cells (a bounded cache)."""
    refs = _ROW_REFS.get((number, row))
    if refs is None:
        refs = [_ref(number, row, col) for col in range(_ROW_WIDTH)]
        if len(_ROW_REFS) < 4096:
            _ROW_REFS[(number, row)] = refs
    return refs


_REFS: dict[tuple[int, int, int], SourceRef] = {}


def _ref(number: int, row: int, col: int) -> SourceRef:
    """The source of a table cell; frozen, so one instance is shared (a bounded cache)."""
    key = (number, row, col)
    ref = _REFS.get(key)
    if ref is None:
        ref = SourceRef(cell=f"表格{number} 第{row + 1}行第{col + 1}列")
        if len(_REFS) < 65536:
            _REFS[key] = ref
    return ref
