"""Text out of TXT, DOCX, HTML and PDF files, for the content check.

A file that cannot be read raises `ExtractError` with a stable code (`ReadError`) and a Chinese
message; callers report it and go on with the next file — never a traceback.
"""

from __future__ import annotations

import codecs
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from gongkai.textcheck.codes import ReadError

KINDS = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "txt",
    ".csv": "txt",
    ".docx": "docx",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
}
_BLOCK_TAGS = (
    "p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section",
    "article", "header", "footer", "ul", "ol", "dd", "dt", "blockquote", "pre", "title",
)  # fmt: skip


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.I)


class ExtractError(Exception):
    """An unreadable input; `code.message` is what the user reads."""

    def __init__(self, code: ReadError, path: str | Path, detail: str = "") -> None:
        self.code = code
        self.path = str(path)
        self.detail = detail
        super().__init__(f"{path}：{code.message}" + (f"（{detail}）" if detail else ""))


@dataclass
class Document:
    """The text of one file and what is needed to write a redacted copy of it."""

    path: Path
    kind: str
    text: str
    encoding: str | None = None  # TXT: the codec that decodes (and re-encodes) the bytes exactly
    paragraph_starts: list[int] = field(default_factory=list)  # DOCX: offset of each w:p in `text`


def kind_of(path: str | Path) -> str | None:
    return KINDS.get(Path(path).suffix.lower())


def extract(path: str | Path) -> Document:
    """Read `path` by its extension."""
    path = Path(path)
    if not path.is_file():
        raise ExtractError(ReadError.NOT_FOUND, path)
    kind = kind_of(path)
    if kind is None:
        raise ExtractError(ReadError.UNSUPPORTED, path, path.suffix or "无扩展名")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ExtractError(ReadError.UNREADABLE, path, exc.strerror or "") from exc
    reader = {"txt": _txt, "docx": _docx, "html": _html, "pdf": _pdf}[kind]
    try:
        return reader(path, data)
    except ExtractError:
        raise
    except Exception as exc:  # any parser failure on a broken file is "unreadable", not a crash
        raise ExtractError(ReadError.UNREADABLE, path, type(exc).__name__) from exc


def decode_text(data: bytes) -> tuple[str, str]:
    """(text, codec): UTF-8 (with or without BOM) first, then GB18030 and friends by detection.

    The codec is one that re-encodes the text to exactly `data`, so a redacted copy keeps every
    other byte.
    """
    if data.startswith(codecs.BOM_UTF8):
        return data.decode("utf-8-sig"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # the byte order is named and the BOM kept as U+FEFF, so re-encoding gives the same bytes
        codec = "utf-16-le" if data.startswith(codecs.BOM_UTF16_LE) else "utf-16-be"
        return data.decode(codec), codec
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates = ["gb18030"]
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
        if best is not None and best.encoding not in ("gb2312", "gbk", "gb18030", "utf_8"):
            candidates.append(best.encoding)
    except Exception:  # detection is a hint only
        pass
    for codec in candidates:
        try:
            text = data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        if text.encode(codec) == data:
            return text, codec
    raise UnicodeDecodeError("unknown", data[:1], 0, 1, "no codec round-trips")


def _txt(path: Path, data: bytes) -> Document:
    try:
        text, codec = decode_text(data)
    except UnicodeDecodeError as exc:
        raise ExtractError(ReadError.ENCODING, path) from exc
    return Document(path=path, kind="txt", text=text, encoding=codec)


def docx_paragraphs(document) -> list:
    """Every w:p of the body (tables included, in reading order), then headers and footers."""
    from docx.oxml.ns import qn

    paragraphs = list(document.element.body.iter(qn("w:p")))
    seen = set()
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header, section.first_page_footer):
            try:
                element = part._element
            except Exception:
                continue
            if id(element) in seen or part.is_linked_to_previous:
                continue
            seen.add(id(element))
            paragraphs.extend(element.iter(qn("w:p")))
    return paragraphs


def paragraph_atoms(p) -> list[tuple[object, str]]:
    """(element, text) for every piece of a w:p's visible text, in order.

    Runs anywhere inside the paragraph count (hyperlinks, insertions, content controls) except deleted
    text and runs of nested paragraphs (text boxes are paragraphs of their own). Tabs and breaks are
    one character each, so offsets map straight back onto w:t elements when redacting.
    """
    from docx.oxml.ns import qn

    t, tab, br, cr, hyphen = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr"), qn("w:noBreakHyphen")
    p_tag, skip = qn("w:p"), {qn("w:del"), qn("w:moveFrom")}
    atoms: list[tuple[object, str]] = []
    for run in p.iter(qn("w:r")):
        parent, ok = run.getparent(), True
        while parent is not None and parent is not p:
            if parent.tag in skip or parent.tag == p_tag:
                ok = False
                break
            parent = parent.getparent()
        if not ok:
            continue
        for child in run:
            tag = child.tag
            if tag == t:
                if child.text:
                    atoms.append((child, child.text))
            elif tag == tab:
                atoms.append((child, "\t"))
            elif tag in (br, cr):
                atoms.append((child, " "))
            elif tag == hyphen:
                atoms.append((child, "-"))
    return atoms


def paragraph_text(p) -> str:
    """The text of one w:p: its runs, with tabs and line breaks as one character each."""
    return "".join(text for _, text in paragraph_atoms(p))


def _docx(path: Path, data: bytes) -> Document:
    import docx

    if not zipfile.is_zipfile(path):
        raise ExtractError(ReadError.UNREADABLE, path, "不是有效的 DOCX（ZIP）文件")
    document = docx.Document(str(path))
    texts, starts, offset = [], [], 0
    for p in docx_paragraphs(document):
        text = paragraph_text(p)
        starts.append(offset)
        texts.append(text)
        offset += len(text) + 1
    return Document(path=path, kind="docx", text="\n".join(texts), paragraph_starts=starts)


def _html(path: Path, data: bytes) -> Document:
    import lxml.html

    text = None
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        try:
            text = data.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            text = None
    if text is None:
        try:
            text, _ = decode_text(data)
        except UnicodeDecodeError as exc:
            raise ExtractError(ReadError.ENCODING, path) from exc
    try:
        tree = lxml.html.document_fromstring(text)
    except ValueError:  # a str with an XML encoding declaration: let lxml read the bytes
        tree = lxml.html.document_fromstring(data)
    for bad in tree.xpath("//script|//style|//noscript|//template|//head/meta|//head/link"):
        bad.drop_tree()
    for element in tree.iter(*_BLOCK_TAGS):
        element.tail = "\n" + (element.tail or "")
    lines = (line.strip() for line in tree.text_content().splitlines())
    return Document(path=path, kind="html", text="\n".join(line for line in lines if line))


def _pdf(path: Path, data: bytes) -> Document:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        pages = [page.extract_text() or "" for page in pdf.pages]
    text = "\n".join(pages)
    if not text.strip():
        raise ExtractError(ReadError.NO_TEXT, path)
    return Document(path=path, kind="pdf", text=text)
