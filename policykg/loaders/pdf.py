"""Loader for PDF documents (command papers, inquiry reports, progress reports).

Read with PDFium (``pypdfium2``): each character's box, font size and font (bold or not), and
the page's drawn shapes (table rules, bullet discs).  From them:

* **lines** are words on one baseline, in reading order (top to bottom, left to right);
* **running headers and footers** (lines that come back on most pages at the same place, digits
  aside, such as "Page 3 of 40" or a browser's date and URL) and page numbers are left out;
* **tables** are the parts of a page between horizontal rules of the same width: every band
  between two rules is a row, its columns are the gaps no word crosses; a table that goes on at the
  top of the next page (its heading row repeated or not) is the same table;
* **blocks** are lines that belong together: a larger vertical gap, a change of font, a bullet, or
  a new paragraph number starts a new block, and a paragraph goes on across a page break;
  a word broken by a hyphen at the end of a line is joined (unless the document writes it with a
  hyphen elsewhere);
* the **title** is the largest text on the first page; **headings** are short blocks in a larger
  or bold font; ``12. ...`` starts numbered paragraph 12; a block with a bullet is a bullet of the
  paragraph above it, nested by its indent.

Paragraph locators carry the page a paragraph starts on (``pg3.p12``, ``pg4.s2.b1``,
``pg7.s4.t1.r2`` for a table row), and :attr:`Paragraph.page` holds it.  The date is the one a date
line near the top states (:mod:`policykg.loaders.dates`), else the PDF's creation date.
"""

from __future__ import annotations

import ctypes
import itertools
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from statistics import median

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from policykg.loaders.dates import is_date_line, stated_date
from policykg.loaders.document import Document, DocumentBuilder, normalise_space

PDF_MAGIC = b"%PDF-"

_NUMBERED = re.compile(r"^(\d{1,3})\.\s+(\S.*)$")
_SUB_NUMBERED = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})+|\(?[a-z]{1,3}\)|\(?[ivx]{1,5}\))\s+\S")
_TEXT_BULLET = re.compile(r"^([•●▪■◦○·\uf0b7\uf0a7–-])\s+(\S.*)$")
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?$", re.I)
_SENTENCE_END = re.compile(r"[.!?:;][’”'\")]?$")
_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demibold|extrabold", re.I)
_CREATION_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})(\d{2})")
_HEADING_MAX = 200
_BOLD_WEIGHT = 600
_FORCE_BOLD = 1 << 18


@dataclass(slots=True)
class _Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool


@dataclass(slots=True)
class _Line:
    words: list[_Word]
    page: int
    bullet: bool = False  # a drawn bullet mark sits just left of it
    text: str = ""  # set by finish() once its words are in
    size: float = 0.0  # the size most of its characters have
    bold: bool = False  # all its words are bold
    top: float = 0.0
    bottom: float = 0.0

    def finish(self) -> _Line:
        self.words.sort(key=lambda w: w.x0)
        self.text = " ".join(w.text for w in self.words)
        counts: Counter[float] = Counter()
        for word in self.words:
            counts[round(word.size * 2) / 2] += len(word.text)
        self.size = counts.most_common(1)[0][0]
        self.bold = all(w.bold for w in self.words)
        self.top = min(w.top for w in self.words)
        self.bottom = max(w.bottom for w in self.words)
        return self

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1


@dataclass
class _Table:
    header: list[str] | None
    rows: list[tuple[list[str], int]]  # cells, page
    x0: float
    x1: float
    top: float
    page: int
    columns: int
    cut: bool = False  # its last row goes on on the next page


@dataclass
class _Page:
    number: int
    height: float
    lines: list[_Line] = field(default_factory=list)
    tables: list[_Table] = field(default_factory=list)
    images: int = 0


# --- reading the pages ---------------------------------------------------------------------------


class _FontInfo:
    """Whether a text object's font is bold, cached per object (one lookup per run of text)."""

    def __init__(self) -> None:
        self.cache: dict[int, bool] = {}
        self.buffer = ctypes.create_string_buffer(256)

    def bold(self, textpage: object, index: int) -> bool:
        obj = pdfium_c.FPDFText_GetTextObject(textpage, index)
        key = ctypes.cast(obj, ctypes.c_void_p).value or 0
        found = self.cache.get(key)
        if found is None:
            font = pdfium_c.FPDFTextObj_GetFont(obj)
            found = False
            if font:
                length = pdfium_c.FPDFFont_GetBaseFontName(font, self.buffer, len(self.buffer))
                name = self.buffer.raw[: max(length - 1, 0)].decode("latin-1")
                found = bool(_BOLD_NAME.search(name)) or pdfium_c.FPDFFont_GetWeight(font) >= _BOLD_WEIGHT
                found = found or bool(pdfium_c.FPDFFont_GetFlags(font) & _FORCE_BOLD)
            self.cache[key] = found
        return found


def _page_words(page: pdfium.PdfPage, height: float, fonts: _FontInfo) -> list[_Word]:
    """The page's words: runs of characters on one baseline with no space or gap between them."""
    textpage = page.get_textpage()
    handle = textpage.raw
    box = pdfium_c.FS_RECTF()
    words: list[_Word] = []
    chars: list[str] = []
    x0 = x1 = top = bottom = size = glyph_left = 0.0
    bold = False
    try:
        for index in range(pdfium_c.FPDFText_CountChars(handle)):
            code = pdfium_c.FPDFText_GetUnicode(handle, index)
            char = "-" if code == 2 else chr(code) if 0 < code < 0x110000 else " "  # 2: PDFium's hyphen at a line end
            if char.isspace() or pdfium_c.FPDFText_IsGenerated(handle, index) == 1:
                if chars:
                    words.append(_Word("".join(chars), x0, x1, top, bottom, size, bold))
                    chars = []
                continue
            pdfium_c.FPDFText_GetLooseCharBox(handle, index, box)
            c_top, c_bottom = height - box.top, height - box.bottom
            c_size = c_bottom - c_top  # as printed (FPDFText_GetFontSize is before the page's scale)
            # A ligature ("ffi") comes as its letters, each with the ligature's box: one word, not a step back
            same_glyph = bool(chars) and box.left == glyph_left and box.right == x1
            if chars and not same_glyph and (abs(c_top - top) > 0.3 * size or box.left < x1 - 0.5 * size or box.left - x1 > 0.25 * size):
                words.append(_Word("".join(chars), x0, x1, top, bottom, size, bold))
                chars = []
            if not chars:
                x0, top, bottom, size, bold = box.left, c_top, c_bottom, c_size, fonts.bold(handle, index)
            chars.append(char)
            glyph_left = box.left
            x1 = max(x1, box.right) if len(chars) > 1 else box.right
        if chars:
            words.append(_Word("".join(chars), x0, x1, top, bottom, size, bold))
    finally:
        textpage.close()
    return words


def _group_lines(words: list[_Word], page: int) -> list[_Line]:
    """Words on one baseline (within a third of their size) make a line, left to right."""
    lines: list[_Line] = []
    for word in sorted(words, key=lambda w: (w.bottom, w.x0)):
        if lines and abs(word.bottom - lines[-1].words[-1].bottom) <= 0.3 * word.size:
            lines[-1].words.append(word)
        else:
            lines.append(_Line([word], page))
    for line in lines:
        line.finish()
    lines.sort(key=lambda line: (round(line.top, 1), line.x0))
    return lines


def _shapes(page: pdfium.PdfPage, height: float) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float, float]], int]:
    """Horizontal rules ``(x0, x1, y)``, small marks ``(x0, x1, top, bottom)`` (bullets) and the
    number of images on the page."""
    rules: list[tuple[float, float, float]] = []
    marks: list[tuple[float, float, float, float]] = []
    images = 0
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_IMAGE]):
        left, low, right, high = obj.get_bounds()
        if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            images += 1
            continue
        width, tall = right - left, high - low
        if tall <= 2.5 and width >= 20:
            rules.append((left, right, height - (high + low) / 2))
        elif 1.5 <= width <= 9 and 1.5 <= tall <= 9 and 0.5 <= width / tall <= 2:
            marks.append((left, right, height - high, height - low))
    return rules, marks, images


# --- tables ---------------------------------------------------------------------------------------


def _column_edges(words: list[_Word], size: float) -> list[float]:
    """The x positions that separate columns: gaps at least ``0.8 × size`` wide that no word crosses."""
    spans = sorted((w.x0, w.x1) for w in words)
    edges: list[float] = []
    reach = spans[0][1]
    for start, end in spans[1:]:
        if start - reach >= 0.8 * size:
            edges.append((start + reach) / 2)
        reach = max(reach, end)
    return edges


def _cell_text(cell: list[_Word], words: set[str]) -> str:
    return _join_lines([line.text for line in _group_lines(cell, 0)], words)


def _find_tables(page: _Page, rules: list[tuple[float, float, float]], words: set[str]) -> None:
    """Take the tables out of ``page.lines`` into ``page.tables``.

    A table is two or more horizontal rules of the same extent; the rows are the bands between
    them, the lines just above the first rule (the heading row when it has no rule above it), and
    the lines just below the last one when they run to the foot of the page (a row the page break cut).
    """
    merged: list[tuple[float, float, float]] = []
    for rule in sorted(rules, key=lambda r: (round(r[2]), r[0])):  # cell borders drawn one cell at a time
        if merged and abs(merged[-1][2] - rule[2]) <= 1 and rule[0] - merged[-1][1] <= 2:
            merged[-1] = (merged[-1][0], max(merged[-1][1], rule[1]), merged[-1][2])
        else:
            merged.append(rule)
    groups: list[list[tuple[float, float, float]]] = []
    for rule in sorted(merged, key=lambda r: r[2]):
        for group in groups:
            if abs(group[0][0] - rule[0]) <= 2 and abs(group[0][1] - rule[1]) <= 2 and rule[2] - group[-1][2] > 3:
                group.append(rule)
                break
        else:
            groups.append([rule])
    for group in groups:
        if len(group) < 2:
            continue
        x0, x1 = group[0][0] - 2, group[0][1] + 2
        inside = [line for line in page.lines if line.x0 >= x0 and line.x1 <= x1]
        # The band above the first rule: the lines right above it, close together.
        above: list[_Line] = []
        edge = group[0][2]
        for line in sorted((line for line in inside if line.bottom <= group[0][2]), key=lambda line: -line.bottom):
            if edge - line.bottom > (1.5 if not above else 0.5) * line.size:
                break
            above.append(line)
            edge = line.top
        bands: list[list[_Line]] = [above[::-1]] if above else []
        for upper, lower in itertools.pairwise(group):
            band = [line for line in inside if line.top >= upper[2] and line.bottom <= lower[2]]
            if band:
                bands.append(band)
        below: list[_Line] = []
        edge = group[-1][2]
        for line in (line for line in page.lines if line.top >= group[-1][2]):
            if line.top - edge > (1.0 if not below else 0.5) * line.size or not (x0 <= line.x0 and line.x1 <= x1):
                break
            below.append(line)
            edge = line.bottom
        rest = [line for line in page.lines if line.top > edge and line.top < 0.92 * page.height]
        cut = bool(below) and not rest
        if cut:
            bands.append(below)
        found = [word for band in bands for line in band for word in line.words]
        if len(bands) < 2 or not found:
            continue
        size = median(w.size for w in found)
        edges = _column_edges(found, size)
        if not edges:
            continue
        rows: list[list[str]] = []
        for band in bands:
            cells: list[list[_Word]] = [[] for _ in range(len(edges) + 1)]
            for line in band:
                for word in line.words:
                    cells[sum(1 for e in edges if (word.x0 + word.x1) / 2 > e)].append(word)
            rows.append([_cell_text(cell, words) if cell else "" for cell in cells])
        first_bold = all(line.bold for line in bands[0])
        header = rows.pop(0) if first_bold else None
        taken = {id(line) for band in bands for line in band}
        page.lines = [line for line in page.lines if id(line) not in taken]
        top = min(line.top for line in bands[0])
        page.tables.append(_Table(header, [(row, page.number) for row in rows], x0, x1, top, page.number, len(edges) + 1, cut))


# --- running headers and footers ------------------------------------------------------------------


def _body_size(pages: list[_Page]) -> float:
    """The size of most of the document's characters."""
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            sizes[line.size] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _running_key(line: _Line) -> str:
    return re.sub(r"\d+", "#", line.text.lower())


def _drop_running_lines(pages: list[_Page]) -> None:
    """Leave out lines that come back at the same place on most pages (digits aside), and page
    numbers and small print in the outer margins."""
    margin = 0.12
    places: dict[str, list[tuple[int, float]]] = {}
    for page in pages:
        for line in page.lines:
            if line.top < margin * page.height or line.bottom > (1 - margin) * page.height:
                places.setdefault(_running_key(line), []).append((page.number, line.top))
    needed = max(2, math.ceil(0.4 * len(pages)))
    running: set[tuple[int, str]] = set()
    for key, seen in places.items():
        for page_number, top in seen:
            if len({p for p, t in seen if abs(t - top) <= 2}) >= needed:
                running.add((page_number, key))
    body = _body_size(pages)
    for page in pages:
        kept = []
        for line in page.lines:
            outer = line.top < 0.06 * page.height or line.bottom > 0.94 * page.height
            if (page.number, _running_key(line)) in running:
                continue
            if outer and (_PAGE_NUMBER.match(line.text) or line.size < 0.8 * body):
                continue
            kept.append(line)
        page.lines = kept


# --- blocks ---------------------------------------------------------------------------------------


#: Prefixes written with a hyphen ("pre-screen", "cross-border"): kept when a line breaks after them.
_HYPHEN_PREFIXES = frozenset({"anti", "co", "cross", "ex", "multi", "non", "post", "pre", "self", "inter", "sub", "well", "long", "short", "high", "low",
                              "full", "part", "half", "semi", "quasi", "mid", "pan", "over", "under", "re"})


def _keeps_hyphen(head: str, tail: str, words: set[str]) -> bool:
    """Whether ``head-`` at a line end followed by ``tail`` is a words compound (kept) rather than
    one word broken by hyphenation (joined): by how the document writes it elsewhere, else by its parts."""
    head, tail = head.lower(), tail.lower()
    if f"{head}{tail}" in words:
        return False
    if f"{head}-{tail}" in words or head in _HYPHEN_PREFIXES:
        return True
    return head in words and tail in words  # two words of the document: "evidence-based"


def _document_words(pages: list[_Page]) -> set[str]:
    """The words of the document in lower case, and the parts of its words words, leaving out
    the two halves of every word broken at a line end."""
    words: set[str] = set()
    broken = False
    for page in pages:
        for line in page.lines:
            found = re.findall(r"\w+(?:-\w+)*", line.text.lower())
            if broken:
                found = found[1:]
            broken = line.text.endswith(("-", "\u00ad"))
            if broken:
                found = found[:-1]
            words.update(found)
    return words | {part for word in words if "-" in word for part in word.split("-")}


def _join_lines(lines: list[str], words: set[str]) -> str:
    """Join a block's lines with spaces; a word broken at a line end by a hyphen is put back together
    (with its hyphen if :func:`_keeps_hyphen` says it is a compound; ``words`` are the document's)."""
    text = ""
    for line in lines:
        if not text:
            text = line
            continue
        broken = re.search(r"([^\W\d_]\w*)[-\u00ad]$", text)  # a word, not "3-" in "3- and 4-year-olds"
        if broken and line[:1].islower():
            tail = re.match(r"\w+", line)
            keep = text.endswith("-") and tail is not None and _keeps_hyphen(broken.group(1), tail.group(0), words)
            text = (text if keep else text[:-1]) + line
        elif broken and text.endswith("-") and line[:1].isupper():
            text += line  # "cross-" + "Government"
        else:
            text += " " + line
    return text


@dataclass
class _Block:
    lines: list[_Line]
    bullet_x: float | None = None  # where its bullet mark (or the text after a text bullet) starts

    @property
    def first(self) -> _Line:
        return self.lines[0]


def _starts_block(previous: _Line, line: _Line, pitch: float, body: float, expected: int) -> bool:
    """Whether ``line`` starts a new block after ``previous``."""
    if line.bullet or _TEXT_BULLET.match(line.text):
        return True
    if abs(line.size - previous.size) > 0.6 or line.bold != previous.bold:
        return True
    numbered = _NUMBERED.match(line.text)
    if numbered and int(numbered.group(1)) == expected:
        return True
    if line.page != previous.page:
        return bool((numbered or _SUB_NUMBERED.match(line.text)) and _SENTENCE_END.search(previous.text))
    if line.top - previous.top > 1.3 * pitch * line.size / body:
        return True
    if line.x0 < previous.x0 - 0.8 * line.size:
        return True
    return bool(_SUB_NUMBERED.match(line.text) and _SENTENCE_END.search(previous.text))


def _line_pitch(pages: list[_Page], body: float) -> float:
    """The usual distance between the tops of two lines of body text."""
    steps: Counter[float] = Counter()
    for page in pages:
        for previous, line in itertools.pairwise(page.lines):
            if abs(previous.size - body) < 0.6 and abs(line.size - body) < 0.6:
                step = line.top - previous.top
                if 0.9 * body < step < 3 * body:
                    steps[round(step)] += 1
    return float(steps.most_common(1)[0][0]) if steps else 1.3 * body


# --- the document ---------------------------------------------------------------------------------


def _read_pages(data: bytes, path: str) -> tuple[list[_Page], dict[str, str]]:
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        found = re.search(r"PDFium: ([^)]*)", str(exc))
        reason = (found.group(1) if found else str(exc)).strip(". ")
        if "password" in reason.lower():
            raise ValueError("is an encrypted PDF (it needs a password); save an unprotected copy and load that") from None
        raise ValueError(f"is not a readable PDF ({reason.lower()}); is the file damaged or cut short?") from None
    try:
        pages: list[_Page] = []
        page_rules: list[list[tuple[float, float, float]]] = []
        for number in range(1, len(pdf) + 1):
            try:
                page = pdf[number - 1]
            except pdfium.PdfiumError:
                raise ValueError(f"page {number} of {len(pdf)} cannot be read; is the file damaged?") from None
            try:
                height = page.get_height()
                words = _page_words(page, height, _FontInfo())  # one cache a page: objects die with their page
                rules, marks, images = _shapes(page, height)
            finally:
                page.close()
            record = _Page(number, height, _group_lines(words, number), images=images)
            for line in record.lines:
                middle = (line.top + line.bottom) / 2
                line.bullet = any(top <= middle <= bottom and 0 < line.x0 - right <= 3 * line.size for left, right, top, bottom in marks)
            pages.append(record)
            page_rules.append(rules)
        known = _document_words(pages)
        for record, rules in zip(pages, page_rules, strict=True):
            _find_tables(record, rules, known)
        return pages, {key: str(value) for key, value in pdf.get_metadata_dict(skip_empty=True).items()}
    finally:
        pdf.close()


def _creation_date(metadata: dict[str, str]) -> date | None:
    match = _CREATION_DATE.match(metadata.get("CreationDate", ""))
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def parse_pdf(data: bytes, *, path: str | None = None) -> Document:
    """Read a PDF's bytes into a :class:`Document`.

    Raises :class:`ValueError` (one line) for an encrypted, damaged or truncated file, and for
    a PDF with no text layer (a scan).
    """
    pages, metadata = _read_pages(data, path or "")
    if not any(page.lines or page.tables for page in pages):
        if any(page.images for page in pages):
            raise ValueError("has no text layer (a scanned PDF?): run OCR on it first (e.g. ocrmypdf) and load the result")
        raise ValueError("contains no text")
    _drop_running_lines(pages)
    body = _body_size(pages) or 10.0
    pitch = _line_pitch(pages, body)
    words = _document_words(pages)

    # The stream of lines and tables, page by page, top to bottom; tables spread over pages merged.
    stream: list[_Line | _Table] = []
    for page in pages:
        items: list[_Line | _Table] = [*page.lines, *page.tables]
        items.sort(key=lambda item: item.top)
        for item in items:
            previous = stream[-1] if stream else None
            if (isinstance(item, _Table) and isinstance(previous, _Table) and previous.columns == item.columns
                    and item.page == previous.rows[-1][1] + 1 and item is items[0]):
                rows = list(item.rows)
                if item.header is not None and item.header != previous.header:
                    rows.insert(0, (item.header, item.page))
                if previous.cut and rows:  # the row the page break cut goes on in the first row here
                    cells, page_number = previous.rows[-1]
                    previous.rows[-1] = ([f"{a} {b}".strip() for a, b in zip(cells, rows.pop(0)[0], strict=True)], page_number)
                previous.rows.extend(rows)
                previous.cut = item.cut
                continue
            stream.append(item)

    # Lines into blocks.
    blocks: list[_Block | _Table] = []
    expected = 1
    for item in stream:
        if isinstance(item, _Table):
            blocks.append(item)
            continue
        last = blocks[-1] if blocks else None
        if isinstance(last, _Block) and not _starts_block(last.lines[-1], item, pitch, body, expected):
            last.lines.append(item)
            continue
        block = _Block([item])
        if item.bullet or _TEXT_BULLET.match(item.text):
            block.bullet_x = item.x0
        elif numbered := _NUMBERED.match(item.text):
            expected = int(numbered.group(1)) + 1
        blocks.append(block)

    # The title: the largest text on the first page, ahead of the body.
    first_page = [b for b in blocks if isinstance(b, _Block) and b.first.page == pages[0].number]
    title_block = max(first_page, key=lambda b: b.first.size, default=None)
    if title_block is not None and title_block.first.size > body * 1.1:
        title = _join_lines([line.text for line in title_block.lines], words)
        blocks = [b for b in blocks if b is not title_block]
    else:
        title = normalise_space(metadata.get("Title", "")) or (title_block.first.text if title_block else "")

    texts = [_join_lines([line.text for line in b.lines], words) if isinstance(b, _Block) else "" for b in blocks]
    published, _ = stated_date(texts)
    published = published or _creation_date(metadata)
    bullet_xs = sorted({round(b.bullet_x) for b in blocks if isinstance(b, _Block) and b.bullet_x is not None})
    levels: list[float] = []
    for x in bullet_xs:
        if not levels or x - levels[-1] > 4:
            levels.append(x)
    margin = min((b.first.x0 for b in blocks if isinstance(b, _Block)), default=0.0)

    builder = DocumentBuilder()
    tables = 0
    for found, text in zip(blocks, texts, strict=True):
        if isinstance(found, _Table):
            tables += 1
            builder.table(found.header, found.rows, page=found.page, number=tables)
            continue
        block = found
        page_number = block.first.page
        line = block.first
        if block.bullet_x is not None:
            level = 1 + sum(1 for x in levels[1:] if block.bullet_x >= x - 4)
            match = _TEXT_BULLET.match(text)
            builder.bullet(match.group(2) if match else text, level=level, page=page_number)
        elif (line.size > body * 1.15 or line.bold) and len(block.lines) <= 3 and len(text) <= _HEADING_MAX and (
                line.size > body * 1.15 or not text.endswith((".", ":", ";", ","))):
            builder.heading_line(text)
        elif numbered := _NUMBERED.match(text):
            builder.paragraph(int(numbered.group(1)), numbered.group(2), page=page_number)
        elif _SUB_NUMBERED.match(text) and line.x0 > margin + line.size:
            builder.bullet(text, level=1, page=page_number)
        elif not (published and is_date_line(text)):
            builder.paragraph(None, text, page=page_number)
    if not title:
        raise ValueError("has no title (no larger text on its first page and no Title in its metadata)")
    return Document(title=title, published=published, sections=builder.finish(), path=path)
