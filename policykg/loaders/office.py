"""Loader for Word documents (``.docx``), read with python-docx.

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

``.odt`` files are refused with a message saying what to do instead: the library that reads
them (odfpy) has had no release since 2020.
"""

from __future__ import annotations

import io
import re
import zipfile

from policykg.loaders.dates import is_date_line, stated_date
from policykg.loaders.document import Document, DocumentBuilder, normalise_space
from policykg.loaders.govuk_text import MONTH_YEAR

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
        elif match := _NUMBERED.match(text):
            builder.paragraph(int(match.group(1)), match.group(2))
            lead_in = text.endswith(":")
        elif not (published and (is_date_line(text) or MONTH_YEAR.fullmatch(text))):
            builder.paragraph(None, text)
            lead_in = text.endswith(":")
    if not title:
        raise ValueError("has no title (no paragraph in the Title or Heading 1 style, no title property)")
    return Document(title=title, published=published, sections=builder.finish(), path=path)


def parse_odt(data: bytes, *, path: str | None = None) -> Document:
    """Refuse an OpenDocument text file with a one-line message saying what to do instead."""
    raise ValueError("OpenDocument text (.odt) is not read (its Python library, odfpy, has had no release since 2020); "
                     "save it as Word (.docx) or PDF and load that")
