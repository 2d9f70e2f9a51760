"""PDF reader: text lines and ruled tables, page by page, into a neutral `Document`.

Uses PDFium (pypdfium2) rather than pdfplumber: about 15 times faster on the published reports,
which is what the throughput target needs. Tables are found from the ruling lines drawn on the
page, not from text alignment:

- stroked straight segments, and filled rectangles thinner than `_THIN` (how Word draws borders),
  are ruling lines; larger filled rectangles are cell shading (WPS shades every line) and ignored;
- lines that touch form one grid; the grid's atomic cells are merged where the separating line
  is missing, which yields the `TableBlock` convention directly (a merged cell appears once, in
  its first row and column; the positions it also covers are empty);
- every character is placed in the cell under its centre; cell text is joined without line breaks,
  so vertical headers (`三\\n、\\n本\\n年…`) come out whole.

A table that runs across pages gives one `TableBlock` per page; repeated header rows are kept.
Text inside a table is never also emitted as a `TextBlock`. Sources: `SourceRef(page=n, line=k)`
for text (k counts the page's text lines), `SourceRef(page=n, cell="表格t 第r行第c列")` for cells
(t counts tables in the whole document). `meta["images_per_page"][n - 1]` is the number of images
on page n, so the assembler can say that a missing table is probably an image.
"""

from __future__ import annotations

import ctypes
from bisect import bisect_right
from dataclasses import dataclass, field

from ..findings import Finding, Severity
from ..model import CellText, Document, SourceRef, TableBlock, TextBlock

_THIN = 2.5  # pt: a filled rectangle thinner than this is a line
_SNAP = 2.0  # pt: coordinates closer than this are the same ruling line
_JOIN = 3.0  # pt: collinear segments closer than this are one line; also the intersection tolerance
_MAX_SEGMENTS = 20000  # per page; beyond that the page is a drawing, not a table
_MAX_DEPTH = 8  # nesting of form XObjects

_PATH, _IMAGE, _FORM = 2, 3, 5  # FPDF_PAGEOBJ_*
_LINETO, _BEZIERTO, _MOVETO = 0, 1, 2  # FPDF_SEGMENT_*
_PASSWORD_ERROR = 4  # FPDF_ERR_PASSWORD
_SKIP_CHARS = frozenset("\r\n\x02")
_UNMAPPED = frozenset("\x00\ufffd\ufffe\uffff")


class _Char:
    __slots__ = ("bottom", "cx", "cy", "text", "top", "x0", "x1")

    def __init__(self, text: str, x0: float, x1: float, top: float, bottom: float) -> None:
        self.text, self.x0, self.x1, self.top, self.bottom = text, x0, x1, top, bottom
        self.cx, self.cy = (x0 + x1) / 2, (top + bottom) / 2


@dataclass
class _Grid:
    xs: list[float]
    ys: list[float]
    anchor: dict[tuple[int, int], tuple[int, int]]  # atomic cell -> the merged cell's first cell
    chars: dict[tuple[int, int], list[_Char]] = field(default_factory=dict)

    def place(self, ch: _Char) -> None:
        col = min(max(bisect_right(self.xs, ch.cx) - 1, 0), len(self.xs) - 2)
        row = min(max(bisect_right(self.ys, ch.cy) - 1, 0), len(self.ys) - 2)
        self.chars.setdefault(self.anchor[row, col], []).append(ch)


def read(data: bytes, *, path: str | None = None) -> Document:
    """PDF bytes → `Document`. Never raises: what cannot be read becomes an `R.*` finding."""
    doc = Document(path=path, kind="pdf")
    try:
        _read(data, doc)
    except Exception as exc:  # PDFium wrappers can fail in many ways on hostile files
        doc.findings.append(
            Finding("R.unreadable", f"PDF文件无法读取（{type(exc).__name__}）", {"path": path})
        )
    return doc


def _read(data: bytes, doc: Document) -> None:
    import pypdfium2 as pdfium

    where = {"path": doc.path}
    if not data or not data.strip():
        doc.findings.append(Finding("R.empty", "文件为空", where))
        return
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == _PASSWORD_ERROR:
            message = "PDF文件已加密，需要密码才能打开，无法读取"
        else:
            message = "不是有效的PDF文件或文件已损坏，无法打开"
        doc.findings.append(Finding("R.unreadable", message, where))
        return
    try:
        _read_pages(pdf, doc)
    finally:
        pdf.close()


def _read_pages(pdf, doc: Document) -> None:
    where = {"path": doc.path}
    count = len(pdf)
    images: list[int] = []
    no_text: list[int] = []
    unmapped = 0
    table_number = 0
    doc.meta["pages"] = count
    doc.meta["images_per_page"] = images
    doc.meta["pages_without_text"] = no_text
    if count == 0:
        doc.findings.append(Finding("R.empty", "PDF文件没有页面", where))
        return
    for number in range(1, count + 1):
        try:
            page = pdf[number - 1]
        except Exception:
            images.append(0)
            no_text.append(number)
            doc.findings.append(
                Finding(
                    "R.unreadable",
                    f"第{number}页无法读取，已跳过",
                    {**where, "page": number},
                    severity=Severity.WARNING,
                )
            )
            continue
        try:
            chars, bad = _chars(page)
            unmapped += bad
            segments, image_count = _graphics(page)
        finally:
            page.close()
        images.append(image_count)
        if not any(not c.text.isspace() for c in chars):
            no_text.append(number)
            continue
        grids = _grids(segments)
        free: list[_Char] = chars
        if grids:
            free = []
            boxes = [(g.xs[0] - 1, g.xs[-1] + 1, g.ys[0] - 1, g.ys[-1] + 1, g) for g in grids]
            for ch in chars:
                cx, cy = ch.cx, ch.cy
                for x0, x1, y0, y1, grid in boxes:
                    if x0 <= cx <= x1 and y0 <= cy <= y1:
                        grid.place(ch)
                        break
                else:
                    free.append(ch)
        items: list[tuple[float, int, TextBlock | TableBlock]] = []
        for grid in grids:
            rows = _table_rows(grid)
            if not rows:
                continue
            table_number += 1
            items.append((grid.ys[0], len(items), _table_block(rows, number, table_number)))
        for k, line in enumerate(_lines(free), 1):
            text = _line_text(line, gaps=True)
            if text:
                items.append(
                    (min(c.top for c in line), len(items), TextBlock(text, SourceRef(page=number, line=k)))
                )
        items.sort(key=lambda item: (item[0], item[1]))
        doc.blocks.extend(block for _, _, block in items)
    if len(no_text) == count:
        doc.findings.append(
            Finding(
                "R.no_text_layer",
                f"PDF共{count}页，均没有文字层（可能是扫描件或图片），无法读取，请提供带文字的PDF或DOCX文件",
                where,
                {"pages": count, "images": sum(images)},
            )
        )
    elif unmapped:
        doc.findings.append(
            Finding(
                "R.encoding",
                f"PDF中有{unmapped}个字符缺少文字编码，可能识别有误",
                where,
                {"characters": unmapped},
            )
        )


# ---------------------------------------------------------------- text


def _chars(page) -> tuple[list[_Char], int]:
    """The page's characters with loose boxes, in top-down coordinates; and how many lack Unicode.

    Loose boxes are uniform per font (good for grouping lines) but absurd for rotated glyphs
    (vertical headers in WPS files): outliers are replaced by the tight glyph box.
    """
    import pypdfium2.raw as raw

    textpage = page.get_textpage()
    try:
        height = page.get_height()
        handle = textpage.raw
        count = raw.FPDFText_CountChars(handle)
        text = _page_text(raw, handle, count)
        rect = raw.FS_RECTF()
        boxes: list[tuple[int, str, float, float, float, float]] = []
        bad = 0
        for i in range(count):
            ch = text[i]
            if ch in _SKIP_CHARS:
                continue
            if ch in _UNMAPPED:
                bad += 1
                continue
            if ch.isspace() and raw.FPDFText_IsGenerated(handle, i) == 1:
                continue
            if raw.FPDFText_GetLooseCharBox(handle, i, rect):
                boxes.append((i, ch, rect.left, rect.right, rect.bottom, rect.top))
        sizes = sorted(b[5] - b[4] for b in boxes if not b[1].isspace())
        limit = 3 * sizes[len(sizes) // 2] if sizes else 0.0
        out: list[_Char] = []
        left, right, bottom, top = (ctypes.c_double() for _ in range(4))
        for i, ch, x0, x1, y0, y1 in boxes:
            if (y1 - y0 > limit or x1 - x0 > limit) and raw.FPDFText_GetCharBox(
                handle, i, left, right, bottom, top
            ):
                x0, x1, y0, y1 = left.value, right.value, bottom.value, top.value
            out.append(_Char(ch, x0, x1, height - y1, height - y0))
        return out, bad
    finally:
        textpage.close()


def _page_text(raw, handle, count: int) -> str:
    """All characters in one call; per character when surrogate pairs break the 1:1 indexing."""
    buffer = (ctypes.c_ushort * (count + 1))()
    written = raw.FPDFText_GetText(handle, 0, count, buffer)
    text = bytes(buffer)[: max(written - 1, 0) * 2].decode("utf-16-le", errors="replace")
    if len(text) == count:
        return text
    out = []
    for i in range(count):
        code = raw.FPDFText_GetUnicode(handle, i)
        out.append(chr(code) if 0 <= code < 0x110000 and not 0xD800 <= code <= 0xDFFF else "\ufffd")
    return "".join(out)


def _lines(chars: list[_Char]) -> list[list[_Char]]:
    """Group characters into lines (a character joins the line its vertical centre falls in).

    A line spans the boxes of the characters it holds so far: some fonts (the Type 1 CJK fonts
    LibreOffice embeds) give glyph-sized "loose" boxes, and a line must not end at a flat `一`
    whose box is a third of the others'. Printed lines are more than half a line apart, so the
    next line's centres stay outside the span."""
    lines: list[list[_Char]] = []
    bounds: list[tuple[float, float]] = []
    for ch in sorted(chars, key=lambda c: c.cy):
        if bounds and bounds[-1][0] <= ch.cy <= bounds[-1][1]:
            lines[-1].append(ch)
            top, bottom = bounds[-1]
            if (ch.top < top or ch.bottom > bottom) and not ch.text.isspace():
                bounds[-1] = (min(top, ch.top), max(bottom, ch.bottom))
        else:
            lines.append([ch])
            bounds.append((ch.top, ch.bottom) if ch.bottom > ch.top else (ch.cy - 1, ch.cy + 1))
    for line in lines:
        line.sort(key=lambda c: c.x0)
    return lines


def _line_text(line: list[_Char], *, gaps: bool) -> str:
    """One line's text; with `gaps`, a wide horizontal gap becomes a space (justified text, columns)."""
    parts: list[str] = []
    prev: _Char | None = None
    for ch in line:
        if prev is not None and gaps and not ch.text.isspace() and not prev.text.isspace():
            size = max(prev.bottom - prev.top, ch.bottom - ch.top, 1.0)
            if ch.x0 - prev.x1 > 0.6 * size:
                parts.append(" ")
        parts.append(" " if ch.text.isspace() else ch.text)
        prev = ch
    return " ".join("".join(parts).split())


# ---------------------------------------------------------------- ruling lines


def _graphics(page) -> tuple[tuple[list, list], int]:
    """Horizontal and vertical ruling segments (top-down coordinates) and the number of images."""
    import pypdfium2.raw as raw

    height = page.get_height()
    horizontal: list[tuple[float, float, float]] = []  # (y, x0, x1)
    vertical: list[tuple[float, float, float]] = []  # (x, y0, y1)
    images = 0
    budget = [_MAX_SEGMENTS]

    def add(x0: float, y0: float, x1: float, y1: float) -> None:
        y0, y1 = height - y0, height - y1
        if abs(y1 - y0) <= 1.0 and abs(x1 - x0) > _SNAP:
            horizontal.append(((y0 + y1) / 2, min(x0, x1), max(x0, x1)))
        elif abs(x1 - x0) <= 1.0 and abs(y1 - y0) > _SNAP:
            vertical.append(((x0 + x1) / 2, min(y0, y1), max(y0, y1)))

    def walk(get, count: int, matrix: tuple[float, ...], depth: int) -> None:
        nonlocal images
        for i in range(count):
            obj = get(i)
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == _IMAGE:
                images += 1
            elif kind == _FORM and depth < _MAX_DEPTH:
                inner = _compose(_matrix(raw, obj), matrix)
                count = raw.FPDFFormObj_CountObjects(obj)
                walk(lambda j, form=obj: raw.FPDFFormObj_GetObject(form, j), count, inner, depth + 1)
            elif kind == _PATH and budget[0] > 0:
                _path_segments(raw, obj, matrix, add, budget)

    handle = page.raw
    walk(lambda i: raw.FPDFPage_GetObject(handle, i), raw.FPDFPage_CountObjects(handle), _IDENTITY, 0)
    return (horizontal, vertical), images


_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _matrix(raw, obj) -> tuple[float, ...]:
    m = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, m):
        return _IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _compose(inner: tuple[float, ...], outer: tuple[float, ...]) -> tuple[float, ...]:
    """The matrix applying `inner` then `outer` (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _white(raw, getter, obj) -> bool:
    r, g, b, a = (ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint())
    if not getter(obj, r, g, b, a):
        return False
    return a.value == 0 or (r.value > 240 and g.value > 240 and b.value > 240)


def _path_segments(raw, obj, parent: tuple[float, ...], add, budget: list[int]) -> None:
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    if not raw.FPDFPath_GetDrawMode(obj, fill_mode, stroke):
        return
    stroked = bool(stroke.value) and not _white(raw, raw.FPDFPageObj_GetStrokeColor, obj)
    filled = fill_mode.value != 0 and not _white(raw, raw.FPDFPageObj_GetFillColor, obj)
    if not stroked and not filled:
        return
    count = raw.FPDFPath_CountSegments(obj)
    if count <= 5 and parent[:4] == _IDENTITY[:4]:
        # One line or one rectangle (nearly every table border): its bounds say it all.
        # Bounds are in the parent's space: fine on the page or in a form that only translates.
        x0, y0, x1, y1 = (ctypes.c_float() for _ in range(4))
        if raw.FPDFPageObj_GetBounds(obj, x0, y0, x1, y1):
            dx, dy = parent[4], parent[5]
            left, right, bottom, top = x0.value + dx, x1.value + dx, y0.value + dy, y1.value + dy
            if top - bottom <= _THIN < right - left:
                add(left, (bottom + top) / 2, right, (bottom + top) / 2)
                return
            if right - left <= _THIN < top - bottom:
                add((left + right) / 2, bottom, (left + right) / 2, top)
                return
            if not stroked:
                return  # cell shading
    a, b, c, d, e, f = _compose(_matrix(raw, obj), parent)
    x, y = ctypes.c_float(), ctypes.c_float()
    subpaths: list[tuple[list[tuple[float, float]], bool]] = []  # points, has curves
    points: list[tuple[float, float]] = []
    curved = False
    budget[0] -= count
    if budget[0] < 0:
        return
    for i in range(count):
        seg = raw.FPDFPath_GetPathSegment(obj, i)
        if not seg or not raw.FPDFPathSegment_GetPoint(seg, x, y):
            continue
        point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        kind = raw.FPDFPathSegment_GetType(seg)
        if kind == _MOVETO:
            if points:
                subpaths.append((points, curved))
            points, curved = [point], False
            continue
        if kind == _BEZIERTO:
            curved = True
        points.append(point)
        if raw.FPDFPathSegment_GetClose(seg) and points[0] != point:
            points.append(points[0])
    if points:
        subpaths.append((points, curved))
    for pts, has_curve in subpaths:
        if stroked and not has_curve:
            for (x0, y0), (x1, y1) in zip(pts, pts[1:], strict=False):
                add(x0, y0, x1, y1)
        elif filled and not has_curve and len(pts) >= 4:
            xs, ys = [p[0] for p in pts], [p[1] for p in pts]
            x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
            if y1 - y0 <= _THIN < x1 - x0:
                add(x0, (y0 + y1) / 2, x1, (y0 + y1) / 2)
            elif x1 - x0 <= _THIN < y1 - y0:
                add((x0 + x1) / 2, y0, (x0 + x1) / 2, y1)


# ---------------------------------------------------------------- grids


def _merge(segments: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """Collinear segments that overlap or nearly touch become one."""
    out: list[list[float]] = []
    for pos, lo, hi in sorted(segments):
        for seg in reversed(out):
            if pos - seg[0] > _SNAP:
                out.append([pos, lo, hi])
                break
            if lo <= seg[2] + _JOIN and hi >= seg[1] - _JOIN:
                seg[1], seg[2] = min(seg[1], lo), max(seg[2], hi)
                break
        else:
            out.append([pos, lo, hi])
    return [(s[0], s[1], s[2]) for s in out]


def _cluster(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > _SNAP:
            out.append(v)
    return out


def _grids(segments: tuple[list, list]) -> list[_Grid]:
    horizontal, vertical = _merge(segments[0]), _merge(segments[1])
    if len(horizontal) < 2 or len(vertical) < 2:
        return []
    parent = list(range(len(horizontal) + len(vertical)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    offset = len(horizontal)
    for i, (y, hx0, hx1) in enumerate(horizontal):
        for j, (x, vy0, vy1) in enumerate(vertical):
            if hx0 - _JOIN <= x <= hx1 + _JOIN and vy0 - _JOIN <= y <= vy1 + _JOIN:
                parent[find(i)] = find(offset + j)
    groups: dict[int, tuple[list, list]] = {}
    for i, seg in enumerate(horizontal):
        groups.setdefault(find(i), ([], []))[0].append(seg)
    for j, seg in enumerate(vertical):
        groups.setdefault(find(offset + j), ([], []))[1].append(seg)
    grids = [_grid(hs, vs) for hs, vs in groups.values() if len(hs) >= 2 and len(vs) >= 2]
    return [g for g in grids if g is not None]


def _grid(hs: list, vs: list) -> _Grid | None:
    xs = _cluster([v[0] for v in vs] + [min(h[1] for h in hs), max(h[2] for h in hs)])
    ys = _cluster([h[0] for h in hs] + [min(v[1] for v in vs), max(v[2] for v in vs)])
    if len(xs) < 3 or len(ys) < 2:  # one column is a framed paragraph, not a table
        return None

    def covered(lines: list, pos: float, mid: float) -> bool:
        return any(lo - _JOIN <= mid <= hi + _JOIN for p, lo, hi in lines if abs(p - pos) <= _SNAP)

    rows, cols = len(ys) - 1, len(xs) - 1
    parent = {(r, c): (r, c) for r in range(rows) for c in range(cols)}

    def find(cell: tuple[int, int]) -> tuple[int, int]:
        while parent[cell] != cell:
            parent[cell] = parent[parent[cell]]
            cell = parent[cell]
        return cell

    def union(p: tuple[int, int], q: tuple[int, int]) -> None:
        rp, rq = find(p), find(q)
        if rp != rq:
            parent[max(rp, rq)] = min(rp, rq)  # the root is always the first (top-left) cell

    for r in range(rows):
        ymid = (ys[r] + ys[r + 1]) / 2
        for c in range(cols - 1):
            if not covered(vs, xs[c + 1], ymid):
                union((r, c), (r, c + 1))
    for c in range(cols):
        xmid = (xs[c] + xs[c + 1]) / 2
        for r in range(rows - 1):
            if not covered(hs, ys[r + 1], xmid):
                union((r, c), (r + 1, c))
    anchor = {cell: find(cell) for cell in parent}
    if len(set(anchor.values())) < 2:
        return None
    return _Grid(xs, ys, anchor)


def _table_rows(grid: _Grid) -> list[list[str]]:
    rows = len(grid.ys) - 1
    cols = len(grid.xs) - 1
    out: list[list[str]] = []
    for r in range(rows):
        row = []
        for c in range(cols):
            if grid.anchor[r, c] != (r, c):
                row.append("")
                continue
            row.append(_cell_text(grid.chars.get((r, c), [])))
        if any(row):
            out.append(row)
    return out


def _cell_text(chars: list[_Char]) -> str:
    """Lines joined without breaks: wrapped and vertical labels come out whole."""
    text = ""
    for line in _lines(chars):
        part = _line_text(line, gaps=False)
        if (
            text
            and part
            and text[-1].isascii()
            and text[-1].isalnum()
            and part[0].isascii()
            and part[0].isalnum()
        ):
            text += " "
        text += part
    return text


def _table_block(rows: list[list[str]], page: int, number: int) -> TableBlock:
    cells = [
        [
            CellText(text, SourceRef(page=page, cell=f"表格{number} 第{r}行第{c}列"))
            for c, text in enumerate(row, 1)
        ]
        for r, row in enumerate(rows, 1)
    ]
    return TableBlock(cells, SourceRef(page=page, cell=f"表格{number}"))
