"""DOCX reader: the body's paragraphs and tables, in document order, into a neutral `Document`.

Reads the WordprocessingML with lxml straight from the zip instead of through python-docx: it is
several times faster (python-docx builds every part and recomputes the cell grid per access) and
lets merged cells be handled exactly:

- `w:gridSpan` (horizontal merge): the text sits at the first grid column, the others are empty;
- `w:vMerge` without `restart` (vertical continuation): the position is empty, the text stays
  in the first row (the `TableBlock` convention, DOMAIN §0.5);
- `w:gridBefore` / `w:gridAfter` leave empty positions, so columns stay aligned to the grid.

Text in text boxes follows its paragraph as its own `TextBlock` (the VML fallback copy of a
text box, `mc:Fallback`, is skipped so nothing is read twice). A table nested in a cell is
flattened into that cell's text. Sources: `SourceRef(line=k)` for a paragraph, k counting the
non-empty paragraphs and tables in order (the line it has in the TXT layout), and
`SourceRef(cell="表格t 第r行第c列")` for a cell (t counts top-level tables, c the grid column).
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Iterator

from lxml import etree

from ..findings import Finding, Severity
from ..model import CellText, Document, SourceRef, TableBlock, TextBlock

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_REL_OFFICE_DOCUMENT = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
    "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",  # strict OOXML
)
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MAX_XML_BYTES = 200 * 1024 * 1024  # a larger document.xml is a zip bomb, not a report


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


_P, _TBL, _TR, _TC, _T, _TAB, _BR, _CR = (_w(t) for t in ("p", "tbl", "tr", "tc", "t", "tab", "br", "cr"))
_SDT, _SDT_CONTENT, _CUSTOM_XML, _SMART_TAG = (_w(t) for t in ("sdt", "sdtContent", "customXml", "smartTag"))
_TXBX_CONTENT, _NO_BREAK_HYPHEN, _SOFT_HYPHEN = _w("txbxContent"), _w("noBreakHyphen"), _w("softHyphen")
_FALLBACK = f"{{{MC}}}Fallback"
_VAL = _w("val")
_WRAPPERS = {_SDT, _SDT_CONTENT, _CUSTOM_XML, _SMART_TAG}

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)
_RECOVER = etree.XMLParser(
    resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True, recover=True
)


def read(data: bytes, *, path: str | None = None) -> Document:
    """DOCX bytes → `Document`. Never raises: what cannot be read becomes an `R.*` finding."""
    doc = Document(path=path, kind="docx")
    try:
        _read(data, doc)
    except Exception as exc:  # lxml/zipfile on hostile input: report, never crash the batch
        doc.findings.append(
            Finding("R.unreadable", f"DOCX文件无法读取（{type(exc).__name__}）", {"path": path})
        )
    return doc


def _read(data: bytes, doc: Document) -> None:
    where = {"path": doc.path}
    if not data or not data.strip():
        doc.findings.append(Finding("R.empty", "文件为空", where))
        return
    if data.startswith(_OLE_SIGNATURE):
        doc.findings.append(
            Finding(
                "R.unsupported",
                "这是旧版Word（.doc）文件或加密的Word文档，无法读取，请在Word中另存为DOCX格式（不设密码）后再上传",
                where,
            )
        )
        return
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        part = _main_part(archive)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        doc.findings.append(
            Finding("R.unreadable", "不是有效的DOCX文件（文件已损坏或不是Word文档），无法打开", where)
        )
        return
    if part is None:
        doc.findings.append(
            Finding("R.unsupported", "压缩包中没有Word文档正文（word/document.xml），不是DOCX文件", where)
        )
        return
    info = archive.getinfo(part)
    if info.file_size > _MAX_XML_BYTES:
        doc.findings.append(
            Finding("R.unreadable", "DOCX文档正文过大，无法读取", where, {"bytes": info.file_size})
        )
        return
    try:
        xml = archive.read(part)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, NotImplementedError):
        doc.findings.append(Finding("R.unreadable", "DOCX文件已损坏，文档正文无法解压", where))
        return
    try:
        root = etree.fromstring(xml, _PARSER)
    except etree.XMLSyntaxError:
        root = etree.fromstring(xml, _RECOVER) if xml.strip() else None
        if root is None:
            doc.findings.append(Finding("R.unreadable", "DOCX文档正文已损坏，无法读取", where))
            return
        doc.findings.append(
            Finding(
                "R.unreadable",
                "DOCX文档正文部分损坏，已尽量读取，内容可能不全",
                where,
                severity=Severity.WARNING,
            )
        )
    body = root.find(_w("body"))
    if body is None:
        doc.findings.append(Finding("R.empty", "DOCX文件中没有正文", where))
        return
    _Walker(doc).body(body)
    if not doc.blocks:
        doc.findings.append(Finding("R.empty", "DOCX文件中没有文字", where))


def _main_part(archive: zipfile.ZipFile) -> str | None:
    """The main document part named by the package relationships, else the usual name."""
    names = set(archive.namelist())
    if "_rels/.rels" in names:
        try:
            rels = etree.fromstring(archive.read("_rels/.rels"), _PARSER)
        except etree.XMLSyntaxError:
            rels = None
        for rel in rels if rels is not None else ():
            if rel.get("Type") in _REL_OFFICE_DOCUMENT:
                target = posixpath.normpath(rel.get("Target", "").lstrip("/"))
                if target in names:
                    return target
    return "word/document.xml" if "word/document.xml" in names else None


class _Walker:
    """Walks the body once, appending blocks in document order."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.line = 0
        self.tables = 0

    def body(self, element) -> None:
        for child in _content(element):
            if child.tag == _P:
                self.paragraph(child)
            elif child.tag == _TBL:
                self.table(child)

    def paragraph(self, p) -> None:
        text = _paragraph_text(p).strip()
        if text:
            self.line += 1
            self.doc.blocks.append(TextBlock(text, SourceRef(line=self.line)))
        for box in _text_boxes(p):
            self.body(box)

    def table(self, tbl) -> None:
        self.tables += 1
        self.line += 1
        number = self.tables
        grid = _table_grid(tbl)
        rows = [
            [CellText(text, SourceRef(cell=f"表格{number} 第{r}行第{c}列")) for c, text in enumerate(row, 1)]
            for r, row in enumerate(grid, 1)
        ]
        if rows:
            self.doc.blocks.append(TableBlock(rows, SourceRef(line=self.line, cell=f"表格{number}")))


def _content(element) -> Iterator:
    """Block-level children, looking through content controls and custom XML wrappers."""
    for child in element:
        if child.tag in _WRAPPERS:
            yield from _content(child)
        else:
            yield child


def _paragraph_text(p) -> str:
    """The paragraph's own text: runs, tabs and breaks; not text boxes, deleted text or field codes."""
    parts: list[str] = []
    for node in p.iter(_T, _TAB, _BR, _CR, _NO_BREAK_HYPHEN, _TXBX_CONTENT, _FALLBACK):
        if _inside_box(node, p):
            continue
        tag = node.tag
        if tag == _T:
            parts.append(node.text or "")
        elif tag == _TAB:
            parts.append(" ")
        elif tag in (_BR, _CR):
            parts.append("\n")
        elif tag == _NO_BREAK_HYPHEN:
            parts.append("-")
    return "".join(parts)


def _inside_box(node, stop) -> bool:
    """True when `node` lies in a text box or a compatibility fallback below `stop`."""
    while node is not None and node is not stop:
        if node.tag in (_TXBX_CONTENT, _FALLBACK):
            return True
        node = node.getparent()
    return False


def _text_boxes(p) -> Iterator:
    """The outermost text boxes anchored in a paragraph, not counting fallback copies."""
    for box in p.iter(_TXBX_CONTENT):
        parent = box.getparent()
        if not _inside_box(parent, p):
            yield box


def _cell_text(tc) -> str:
    """A cell's paragraphs joined by line breaks; nested tables flattened in reading order."""
    lines: list[str] = []
    for child in _content(tc):
        if child.tag == _P:
            lines.append(_paragraph_text(child))
            lines.extend(_cell_text(box) for box in _text_boxes(child))
        elif child.tag == _TBL:
            for row in _table_grid(child):
                lines.extend(text for text in row if text)
    return "\n".join(line.strip() for line in lines if line.strip())


def _int_attr(element, tag: str, default: int) -> int:
    node = element.find(tag) if element is not None else None
    if node is None:
        return default
    try:
        return max(int(node.get(_VAL, default)), 0)
    except ValueError:
        return default


def _table_grid(tbl) -> list[list[str]]:
    """Rows of cell texts on the table grid, merged positions empty (see the module docstring)."""
    grid = tbl.find(_w("tblGrid"))
    width = len(grid.findall(_w("gridCol"))) if grid is not None else 0
    rows: list[list[str]] = []
    for tr in _content(tbl):
        if tr.tag != _TR:
            continue
        tr_pr = tr.find(_w("trPr"))
        row = [""] * _int_attr(tr_pr, _w("gridBefore"), 0)
        for tc in _content(tr):
            if tc.tag != _TC:
                continue
            tc_pr = tc.find(_w("tcPr"))
            span = max(_int_attr(tc_pr, _w("gridSpan"), 1), 1)
            merge = tc_pr.find(_w("vMerge")) if tc_pr is not None else None
            continues = merge is not None and merge.get(_VAL, "continue") != "restart"
            row.append("" if continues else _cell_text(tc))
            row.extend([""] * (span - 1))
        row.extend([""] * _int_attr(tr_pr, _w("gridAfter"), 0))
        rows.append(row)
    width = max([width, *(len(row) for row in rows)])
    for row in rows:
        row.extend([""] * (width - len(row)))
    return rows
