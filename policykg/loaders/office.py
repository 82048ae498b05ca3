"""Loaders for word-processor documents: Word (``.docx``, read with python-docx) and OpenDocument
text (``.odt``, read with odfdo).

The body is read in order, paragraphs and tables alike:

* the title is the paragraph in the ``Title`` style, else the document's title property, else
  the first ``Heading 1`` (which is then not a section heading, as an HTML page's ``<h1>``);
* ``Heading 1`` to ``Heading 6`` paragraphs are section headings;
* bulleted list paragraphs (a ``List Bullet`` style, or Word numbering whose format is a bullet)
  are bullets of the paragraph above, nested by their list level; numbered list paragraphs
  (``List Number`` or decimal numbering) at the first level are numbered paragraphs, counted as
  Word counts them, unless a lead-in ending with ``:`` introduces them (then they are bullets);
  a paragraph whose text starts ``12. `` is numbered paragraph 12, as in text and HTML;
* a table is one paragraph per row, its cells joined with `` | `` (the first row is the
  heading row when Word marks it as one or its text is all bold);
* the date is the one a date line near the top states, else the created date of the
  document's core properties.

OpenDocument text (``.odt``) is read with odfdo into the same model by the same rules: a
paragraph in the ``Title`` style is the title, else the ``dc:title`` of its metadata, else the
first level-1 heading; ``text:h`` headings are section headings (a level-1 heading that repeats
the title before any text, as LibreOffice makes of an HTML page's ``<h1>``, is the title);
list items are bullets or numbered paragraphs by their list style's level (a number format, or
a bullet), counted as Writer counts them (a list restarts unless it continues another); a table
is one paragraph per row (its ``table:table-header-rows``, or a first row in Writer's ``Table
Heading`` style, is the heading row); notes, comments, tracked deletions, indexes and frames
are not body text.  Only the package's XML parts are handed to odfdo: images, thumbnails and
macros are never read, let alone run.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date

from policykg.loaders.dates import is_date_line, stated_date
from policykg.loaders.document import Document, DocumentBuilder, normalise_space

_NUMBERED = re.compile(r"^(\d{1,3})\.\s+(\S.*)$")
_HEADING_STYLE = re.compile(r"^Heading ([1-6])$", re.I)
_LIST_LEVEL = re.compile(r"(\d)$")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _numbering_formats(document: object) -> dict[tuple[str, int], str]:
    """``(numId, level) → numFmt`` ("bullet", "decimal", ...) from the document's numbering part."""
    formats: dict[tuple[str, int], str] = {}
    try:
        numbering = document.part.numbering_part.element  # type: ignore[attr-defined]
    except (KeyError, NotImplementedError, AttributeError):
        return formats
    abstract: dict[str, dict[int, str]] = {}
    for node in numbering.iterchildren(f"{_W}abstractNum"):
        levels = abstract.setdefault(node.get(f"{_W}abstractNumId"), {})
        for level in node.iterchildren(f"{_W}lvl"):
            fmt = level.find(f"{_W}numFmt")
            levels[int(level.get(f"{_W}ilvl", "0"))] = fmt.get(f"{_W}val") if fmt is not None else "decimal"
    for node in numbering.iterchildren(f"{_W}num"):
        ref = node.find(f"{_W}abstractNumId")
        if ref is not None:
            for level, fmt in abstract.get(ref.get(f"{_W}val"), {}).items():
                formats[(node.get(f"{_W}numId"), level)] = fmt
    return formats


def _list_kind(paragraph: object, formats: dict[tuple[str, int], str]) -> tuple[str | None, int, str]:
    """``(kind, level, list id)`` of a paragraph: kind ``"bullet"``, ``"number"`` or ``None``."""
    style = (paragraph.style.name if paragraph.style is not None else "") or ""  # type: ignore[attr-defined]
    properties = paragraph._p.pPr  # type: ignore[attr-defined]
    numbering = properties.numPr if properties is not None else None
    if numbering is not None and numbering.numId is not None and numbering.numId.val:
        level = numbering.ilvl.val if numbering.ilvl is not None else 0
        list_id = str(numbering.numId.val)
        fmt = formats.get((list_id, level), "bullet" if "Bullet" in style else "decimal")
        return ("bullet" if fmt in {"bullet", "none"} else "number"), level, list_id
    if style.startswith(("List Bullet", "List Number")):
        match = _LIST_LEVEL.search(style)
        level = int(match.group(1)) - 1 if match else 0
        return ("bullet" if "Bullet" in style else "number"), level, style.split(" ")[1]
    return None, 0, ""


def _is_bold(paragraph: object) -> bool:
    runs = [run for run in paragraph.runs if run.text.strip()]  # type: ignore[attr-defined]
    return bool(runs) and all(run.bold or (run.style is not None and run.style.font.bold) for run in runs)


def _table_rows(table: object) -> tuple[list[str] | None, list[list[str]]]:
    """The heading row (or ``None``) and the rows of a table, merged cells once."""
    rows: list[list[str]] = []
    header: list[str] | None = None
    for position, row in enumerate(table.rows):  # type: ignore[attr-defined]
        cells: list[str] = []
        seen: list[object] = []
        for cell in row.cells:
            if any(cell._tc is other for other in seen):  # a merged cell comes back once per grid column
                continue
            seen.append(cell._tc)
            cells.append(normalise_space(" ".join(p.text for p in cell.paragraphs)))
        if position == 0:
            marked = row._tr.trPr is not None and row._tr.trPr.find(f"{_W}tblHeader") is not None
            bold = all(_is_bold(p) for cell in row.cells for p in cell.paragraphs if p.text.strip())
            if marked or bold:
                header = cells
                continue
        if any(cells):
            rows.append(cells)
    return header, rows



def _plain_paragraph(builder: DocumentBuilder, text: str, published: date | None, lead_in: bool) -> bool:
    """A paragraph that is neither heading nor list item: numbered when it starts "12. ", left out
    when it is the date line; returns whether a list after it belongs to it (it ends with ":")."""
    if match := _NUMBERED.match(text):
        builder.paragraph(int(match.group(1)), match.group(2))
        return text.endswith(":")
    if published and is_date_line(text):
        return lead_in
    builder.paragraph(None, text)
    return text.endswith(":")


def parse_docx(data: bytes, *, path: str | None = None) -> Document:
    """Read a Word document's bytes into a :class:`Document`.

    Raises :class:`ValueError` (one line) for a file that is not a readable ``.docx``.
    """
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise ValueError(f"is not a readable Word (.docx) document ({reason}); is the file damaged or cut short?") from None
    except Exception as exc:  # lxml and zip errors of a damaged package, whatever their class
        raise ValueError(f"is not a readable Word (.docx) document ({type(exc).__name__}); is the file damaged or cut short?") from None
    formats = _numbering_formats(document)
    blocks = list(document.iter_inner_content())
    texts = [normalise_space(block.text) for block in blocks if not isinstance(block, Table)]
    properties = document.core_properties
    title = next((normalise_space(b.text) for b in blocks if not isinstance(b, Table) and b.style is not None and b.style.name == "Title"), "")
    title_from_heading = not title and not normalise_space(properties.title or "")
    title = title or normalise_space(properties.title or "")
    published, _ = stated_date(texts)
    if published is None and properties.created is not None:
        published = properties.created.date()

    builder = DocumentBuilder()
    counters: dict[str, int] = {}
    lead_in = False  # the last paragraph ends with ":", so a list right after it belongs to it
    tables = 0
    for block in blocks:
        if isinstance(block, Table):
            tables += 1
            header, rows = _table_rows(block)
            builder.table(header, [(cells, None) for cells in rows], number=tables)
            lead_in = False
            continue
        text = normalise_space(block.text)
        if not text:
            continue
        style = block.style.name if block.style is not None else ""
        heading = _HEADING_STYLE.match(style or "")
        kind, level, list_id = _list_kind(block, formats)
        if style == "Title":
            continue
        if heading:
            if title_from_heading and heading.group(1) == "1":
                title, title_from_heading = text, False
                continue
            builder.heading_line(text)
            lead_in = False
        elif kind == "bullet" or (kind == "number" and (level > 0 or lead_in)):
            builder.bullet(text, level=level + 1)
        elif kind == "number":
            counters[list_id] = counters.get(list_id, 0) + 1
            builder.paragraph(counters[list_id], text)
        else:
            lead_in = _plain_paragraph(builder, text, published, lead_in)
    if not title:
        raise ValueError("has no title (no paragraph in the Title or Heading 1 style, no title property)")
    return Document(title=title, published=published, sections=builder.finish(), path=path)


_ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
#: The XML parts read (odfdo parses what it is given and nothing else).
_ODT_PARTS = ("mimetype", "content.xml", "styles.xml", "meta.xml", "META-INF/manifest.xml")
#: Uncompressed size of those parts together: Writer's markup of 18 MB of text is 23 MB (benchmarks/README.md,
#: "Large inputs"; more where every run is styled) and the text formats stop at 20 MB of text.
MAX_ODT_XML_BYTES = 64 * 1024 * 1024
#: Elements whose text is not body text: notes and comments (their marks stay), tracked
#: deletions, indexes and tables of contents (copies of headings), frames (images, text boxes),
#: the number a list item or heading last showed (a cache of what Writer drew), declarations.
_ODT_SKIPPED = frozenset({
    "text:note", "office:annotation", "text:tracked-changes", "text:table-of-content", "text:alphabetical-index",
    "text:illustration-index", "text:table-index", "text:object-index", "text:user-index", "text:bibliography",
    "draw:frame", "draw:a", "draw:custom-shape", "text:number", "text:sequence-decls", "text:variable-decls",
    "text:user-field-decls", "office:forms", "text:soft-page-break", "table:table-columns", "table:table-column",
})
_ODT_BLOCKS = frozenset({"text:p", "text:h"})
_WORD_LIST_LEVEL = re.compile(r"\bList_20_(?:Bullet|Number)_20_([2-9])\b")
_BOLD = frozenset({"bold", "600", "700", "800", "900"})
class _NotOdt(ValueError):
    """A file the ODT reader refuses, with the reason said in full."""


_ODT_ERROR = "is not a readable OpenDocument text (.odt) document ({}); is the file damaged or cut short?"


def _odt_package(data: bytes) -> bytes:
    """The ODT's XML parts, repacked into a small zip for odfdo.

    Raises :class:`ValueError` (one line) for a file that is not a zip, another kind of
    OpenDocument, an encrypted document or one whose XML is larger than :data:`MAX_ODT_XML_BYTES`.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "mimetype" not in names or "content.xml" not in names:
                missing = "mimetype" if "mimetype" not in names else "content.xml"
                raise _NotOdt(f"is not an OpenDocument text (.odt) document (a zip archive with no {missing})")
            if archive.getinfo("mimetype").file_size > 200:
                raise _NotOdt("is not an OpenDocument text (.odt) document (its mimetype entry is not a mimetype)")
            mimetype = archive.read("mimetype").strip()
            if mimetype != _ODT_MIMETYPE:
                shown = mimetype.decode("ascii", "replace")[:80]
                raise _NotOdt(f"is not an OpenDocument text (.odt) document (its mimetype is {shown!r})")
            parts = [name for name in _ODT_PARTS if name in names]
            size = sum(archive.getinfo(name).file_size for name in parts)
            if size > MAX_ODT_XML_BYTES:
                raise _NotOdt(f"holds {size:,} bytes of XML, more than {MAX_ODT_XML_BYTES / (1024 * 1024):g} MB; "
                                 "is it really a policy document?")
            manifest = archive.read("META-INF/manifest.xml") if "META-INF/manifest.xml" in parts else b""
            if b"encryption-data" in manifest:
                raise _NotOdt("is encrypted (password-protected); open it, save a copy without a password and load that")
            repacked = io.BytesIO()
            with zipfile.ZipFile(repacked, "w", zipfile.ZIP_STORED) as small:
                for name in parts:  # the zip checks each part's CRC as it reads: a damaged part raises here
                    small.writestr(name, archive.read(name))
    except _NotOdt:
        raise
    except Exception as exc:  # zipfile's errors for a damaged archive are of many classes (BadZipFile, EOFError, NotImplementedError, ...)
        reason = " ".join(str(exc).split())[:200] or type(exc).__name__
        raise _NotOdt(_ODT_ERROR.format(reason)) from None
    return repacked.getvalue()


def _odt_text(element: object, skipped: frozenset[str] = _ODT_SKIPPED) -> str:
    """The text of an element: spaces, tabs and line breaks as spaces, paragraphs apart, skipped
    elements (notes, frames, ...) left out but the text after them kept."""
    parts: list[str] = [element.text or ""]  # type: ignore[attr-defined]
    for child in element.children:  # type: ignore[attr-defined]
        tag = child.tag
        if tag == "text:s":
            count = child.get_attribute("text:c")
            parts.append(" " * min(int(count) if isinstance(count, str) and count.isdigit() else 1, 100))
        elif tag in {"text:tab", "text:line-break"}:
            parts.append(" ")
        elif tag not in skipped:
            text = _odt_text(child, skipped)
            parts.append(f" {text} " if tag in _ODT_BLOCKS or tag == "text:list" else text)
        parts.append(child.tail or "")
    return "".join(parts)


class _OdtReader:
    """Walks an ODT body into blocks, in order: ``("heading", text, level)``, ``("title", text)``,
    ``("para", text)``, ``("item", text, kind, level, number)`` and ``("table", header, rows)``."""

    def __init__(self, odf: object) -> None:
        self.odf = odf
        self.blocks: list[tuple] = []
        self.counters: dict[int, int] = {}  # a numbered list's chain → the last number given
        self.chains: dict[str, int] = {}  # xml:id of a list → its chain (text:continue-list)
        self.last_chain: dict[str, int] = {}  # list style → its last chain (text:continue-numbering)
        self.formats: dict[tuple[str, int], str] = {}
        self.styles: dict[str, tuple[frozenset[str], str, bool]] = {}

    def _style(self, name: str, family: str = "paragraph") -> tuple[frozenset[str], str, bool]:
        """``(names, list style, bold)`` of a style and those it derives from: an automatic style
        (``P1``) with the named style it derives from (``Heading_20_1``, ``Title``)."""
        key = f"{family}:{name}"
        if key not in self.styles:
            names: set[str] = set()
            list_style, weight, current = "", None, name
            while current and current not in names and len(names) < 20:
                style = self.odf.get_style(family, current)  # type: ignore[attr-defined]
                if style is None:
                    break
                names.add(current)
                list_style = list_style or str(style.get_attribute("style:list-style-name") or "")
                for child in style.children if weight is None else []:  # the nearest style that sets a weight decides
                    if child.tag == "style:text-properties" and child.get_attribute("fo:font-weight") is not None:
                        weight = str(child.get_attribute("fo:font-weight"))
                current = str(style.get_attribute("style:parent-style-name") or "")
            bold = weight in _BOLD
            self.styles[key] = (frozenset(names), list_style, bold)
        return self.styles[key]

    def _is_bold(self, paragraph: object) -> bool:
        """Whether all of a paragraph's text is bold (its style's, or each span's)."""
        if self._style(str(paragraph.get_attribute("text:style-name") or ""))[2]:  # type: ignore[attr-defined]
            return True
        if (paragraph.text or "").strip():  # type: ignore[attr-defined]
            return False
        for child in paragraph.children:  # type: ignore[attr-defined]
            if (child.tail or "").strip():
                return False
            bold_span = child.tag == "text:span" and self._style(str(child.get_attribute("text:style-name") or ""), "text")[2]
            if not bold_span and normalise_space(_odt_text(child)):
                return False
        return True

    def _level_format(self, list_style: str, level: int) -> str:
        """``"number"`` or ``"bullet"``: what a list style draws at a (0-based) level."""
        key = (list_style, level)
        if key not in self.formats:
            kind = "bullet"
            style = self.odf.get_style("list", list_style) if list_style else None  # type: ignore[attr-defined]
            for child in style.children if style is not None else []:
                if str(child.get_attribute("text:level") or "1") == str(level + 1):
                    # a number style with no number format ("") draws nothing: not numbered
                    if child.tag == "text:list-level-style-number" and (child.get_attribute("style:num-format") or "") != "":
                        kind = "number"
                    break
            self.formats[key] = kind
        return self.formats[key]

    def walk(self, element: object) -> None:
        """Read the blocks of ``element`` (the body, a section) in order."""
        for child in element.children:  # type: ignore[attr-defined]
            tag = child.tag
            if tag == "text:h":
                self._heading(child)
            elif tag == "text:p":
                text = normalise_space(_odt_text(child))
                names = self._style(str(child.get_attribute("text:style-name") or ""))[0]
                self.blocks.append(("title" if "Title" in names else "para", text))
            elif tag == "text:list":
                self._list(child, 0, "")
            elif tag == "table:table":
                self._table(child)
            elif tag not in _ODT_SKIPPED:  # text:section, office:text and other containers
                self.walk(child)

    def _chain(self, element: object, list_style: str) -> int:
        """The numbering a top-level list continues, else a new one."""
        continued = element.get_attribute("text:continue-list")  # type: ignore[attr-defined]
        if isinstance(continued, str) and continued in self.chains:
            chain = self.chains[continued]
        elif element.get_attribute("text:continue-numbering") in {True, "true"} and list_style in self.last_chain:  # type: ignore[attr-defined]
            chain = self.last_chain[list_style]
        else:
            chain = len(self.counters) + 1
            self.counters[chain] = 0
        own_id = element.get_attribute("xml:id")  # type: ignore[attr-defined]
        if isinstance(own_id, str):
            self.chains[own_id] = chain
        self.last_chain[list_style] = chain
        return chain

    def _list(self, element: object, level: int, inherited: str) -> None:
        list_style = str(element.get_attribute("text:style-name") or inherited)  # type: ignore[attr-defined]
        chain = self._chain(element, list_style) if level == 0 else 0
        for item in element.children:  # type: ignore[attr-defined]
            if item.tag not in {"text:list-item", "text:list-header"}:
                continue
            texts: list[str] = []
            nested: list[object] = []
            paragraph_style = ""
            for child in item.children:
                if child.tag == "text:list":
                    nested.append(child)
                elif child.tag == "text:h" and not nested and not texts:  # Writer's outline numbering puts headings in lists
                    self._heading(child)
                elif child.tag in _ODT_BLOCKS:
                    texts.append(_odt_text(child))
                    paragraph_style = paragraph_style or str(child.get_attribute("text:style-name") or "")
                    if not list_style:  # a list with no style of its own: its paragraphs' style's
                        list_style = self._style(str(child.get_attribute("text:style-name") or ""))[1]
                elif child.tag == "table:table":
                    self._table(child)
            text = normalise_space(" ".join(texts))
            if text:
                kind = "bullet" if item.tag == "text:list-header" else self._level_format(list_style, level)
                # Word's "List Bullet 2" is a list of its own, one level deep, when Writer saves it
                word_level = _WORD_LIST_LEVEL.search(" ".join(self._style(paragraph_style)[0])) if paragraph_style else None
                item_level = max(level, int(word_level.group(1)) - 1) if word_level else level
                number = None
                if kind == "number" and item_level == 0:
                    start = item.get_attribute("text:start-value")
                    if isinstance(start, str) and start.isdigit():
                        self.counters[chain] = int(start) - 1
                    self.counters[chain] += 1
                    number = self.counters[chain]
                self.blocks.append(("item", text, kind, item_level, number))
            for child in nested:
                self._list(child, level + 1, list_style)

    def _heading(self, element: object) -> None:
        level = element.get_attribute("text:outline-level")  # type: ignore[attr-defined]
        self.blocks.append(("heading", normalise_space(_odt_text(element)), int(level) if isinstance(level, str) and level.isdigit() else 1))

    def _rows(self, element: object, in_header: bool, rows: list[tuple[bool, list[str], bool]]) -> None:
        """``(in the header rows, cells, all its text bold or in the Table Heading style)`` of each row."""
        for child in element.children:  # type: ignore[attr-defined]
            if child.tag == "table:table-row":
                cells: list[str] = []
                styled = True
                for cell in child.children:
                    if cell.tag != "table:table-cell":  # covered cells of a merge: the merged cell is read once
                        continue
                    text = normalise_space(_odt_text(cell))
                    repeated = cell.get_attribute("table:number-columns-repeated")
                    times = min(int(repeated), 64) if isinstance(repeated, str) and repeated.isdigit() else 1
                    cells.extend([text] * max(times, 1))
                    for paragraph in cell.children:
                        if paragraph.tag in _ODT_BLOCKS and normalise_space(_odt_text(paragraph)):
                            heading = "Table_20_Heading" in self._style(str(paragraph.get_attribute("text:style-name") or ""))[0]
                            styled = styled and (heading or self._is_bold(paragraph))
                rows.append((in_header, cells, styled and any(cells)))
            elif child.tag in {"table:table-header-rows", "table:table-rows", "table:table-row-group"}:
                self._rows(child, in_header or child.tag == "table:table-header-rows", rows)

    def _table(self, element: object) -> None:
        rows: list[tuple[bool, list[str], bool]] = []
        self._rows(element, False, rows)
        header: list[str] | None = None
        if rows and (rows[0][0] or rows[0][2]):
            header = rows[0][1]
            rows = rows[1:]
        self.blocks.append(("table", header, [cells for _, cells, _ in rows if any(cells)]))


def _odt_meta(odf: object) -> tuple[str, date | None]:
    """The title and created date of the document's metadata (either may be missing or malformed)."""
    try:
        meta = odf.meta  # type: ignore[attr-defined]
        title = normalise_space(meta.get_title() or "")
    except Exception:  # a damaged meta.xml only costs the metadata
        return "", None
    try:
        created = meta.get_creation_date()
    except Exception:  # odfdo raises what its date parser raises
        created = None
    return title, created.date() if created is not None else None


def parse_odt(data: bytes, *, path: str | None = None) -> Document:
    """Read an OpenDocument text file's bytes into a :class:`Document`.

    Raises :class:`ValueError` (one line) for a file that is not a readable ``.odt``.
    """
    from odfdo import Document as OdfDocument

    package = _odt_package(data)
    try:
        odf = OdfDocument(io.BytesIO(package))
        reader = _OdtReader(odf)
        reader.walk(odf.body)
    except (ValueError, KeyError, TypeError, AttributeError, zipfile.BadZipFile) as exc:
        reason = " ".join(str(exc).split())[:200] or type(exc).__name__
        raise ValueError(_ODT_ERROR.format(reason)) from None
    except Exception as exc:  # lxml's errors for damaged XML and odfdo's SecurityError, whatever their class
        reason = " ".join(str(exc).split())[:200]
        raise ValueError(_ODT_ERROR.format(f"{type(exc).__name__}: {reason}" if reason else type(exc).__name__)) from None
    blocks = reader.blocks
    meta_title, created = _odt_meta(odf)
    texts = [block[1] for block in blocks if block[0] != "table"]
    title = next((block[1] for block in blocks if block[0] == "title" and block[1]), "")
    title = title or meta_title
    title_from_heading = not title
    published, _ = stated_date(texts)
    published = published or created

    builder = DocumentBuilder()
    lead_in = False  # the last paragraph ends with ":", so a numbered list right after it belongs to it
    tables = 0
    seen_text = False
    for block in blocks:
        kind = block[0]
        if kind == "table":
            tables += 1
            builder.table(block[1], [(cells, None) for cells in block[2]], number=tables)
            lead_in, seen_text = False, True
            continue
        text = block[1]
        if not text or kind == "title":
            continue
        if kind == "heading":
            if block[2] == 1 and (title_from_heading or (text == title and not seen_text)):
                title, title_from_heading = text, False
                continue
            builder.heading_line(text)
            lead_in = False
        elif kind == "item":
            _, _, item_kind, level, number = block
            if item_kind == "number" and level == 0 and not lead_in:
                builder.paragraph(number, text)
            else:
                builder.bullet(text, level=level + 1)
        else:
            lead_in = _plain_paragraph(builder, text, published, lead_in)
        seen_text = True
    if not title:
        raise ValueError("has no title (no paragraph in the Title style, no title in its metadata, no level-1 heading)")
    return Document(title=title, published=published, sections=builder.finish(), path=path)
