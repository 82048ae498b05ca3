"""Loader for GOV.UK publications saved as HTML.

GOV.UK renders a publication's body inside ``<div class="govspeak">``: ``h2``/``h3``
headings, ``<p>12. ...</p>`` numbered paragraphs and ``ul``/``ol`` lists (nested
for sub-lists).  When the page has a govspeak block only its content is read, so
site chrome (header, navigation, footer) never leaks into the graph; otherwise the
whole ``<body>`` is read, minus ``header``, ``nav``, ``footer``, ``script`` and
``style``.  The title is the first ``h1``; the publication date comes from
``<meta name="govuk:first-published-at">`` or a "Published 9 April 2025" line;
the source URL from ``<link rel="canonical">``.

The page is parsed by an HTML5 parser (selectolax's Lexbor engine: the tree a browser builds,
with implied and misnested tags settled as the HTML standard says), then walked in document order.
Blocks are fed to :class:`~policykg.loaders.document.DocumentBuilder`, the same
builder the text loader uses, so both give the same model for the same content.
"""

from __future__ import annotations

import re
from datetime import date

from selectolax.lexbor import LexborHTMLParser, LexborNode

from policykg.loaders.dates import is_date_line, stated_date
from policykg.loaders.document import Document, DocumentBuilder, normalise_space

_NUMBERED = re.compile(r"^(\d{1,3})\.\s+(\S.*)$")
_SKIPPED = {"script", "style", "template", "noscript", "svg"}
_CHROME = {"header", "nav", "footer", "aside"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_BLOCKS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "li"}
_CELL = "\ue000"  # starts a table cell while a row is read (private-use characters: never in text)
_HEADER_CELL = "\ue001"  # starts a heading cell (<th>)


class _BlockReader:
    """Collects ``(tag, text, list_depth, in_govspeak)`` blocks in document order from the start tags,
    end tags and text of a parsed page (:func:`_walk`)."""

    def __init__(self) -> None:
        self.blocks: list[tuple[str, str, int, bool]] = []
        self.stack: list[str] = []
        self.skipping: list[bool] = []  # per open tag: does it hide its content (script, style, site chrome)
        self.skip_depth = 0  # >0 inside script/style or site chrome
        self.govspeak_depth = 0  # stack depth at which the govspeak div opened
        self.list_depth = 0
        self.open_blocks: list[tuple[str, list[str], int]] = []
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag == "meta" and attributes.get("name", attributes.get("property")):
            self.meta[attributes.get("name") or attributes.get("property", "")] = attributes.get("content", "")
        if tag == "link" and attributes.get("rel") == "canonical":
            self.meta["canonical"] = attributes.get("href", "")
        if tag in _VOID:
            if tag == "br" and self.open_blocks:
                self.open_blocks[-1][1].append(" ")
            return
        self.stack.append(tag)
        # An aside inside the body is content (govspeak's statistic headlines and call-outs), not chrome.
        skipped = tag in _SKIPPED or (tag in _CHROME and not (tag == "aside" and self.govspeak_depth > 0))
        self.skipping.append(skipped)
        if skipped:
            self.skip_depth += 1
        if "govspeak" in attributes.get("class", "").split() and not self.govspeak_depth:
            self.govspeak_depth = len(self.stack)
        if tag in {"ul", "ol"}:
            self.list_depth += 1
        if tag == "tr":  # a table row is one block: its cells, in order ("Theme | 28 | 0")
            self.open_blocks.append(("tr", [], self.list_depth))
            return
        if tag in {"td", "th"} and self.open_blocks and self.open_blocks[-1][0] == "tr":
            self.open_blocks[-1][1].append(_HEADER_CELL if tag == "th" else _CELL)
            return
        if tag in _BLOCKS and self.open_blocks and self.open_blocks[-1][0] == "tr":
            self.open_blocks[-1][1].append(" ")  # a paragraph inside a cell stays in the cell
            return
        if tag in _BLOCKS:
            if tag == "li" and self.open_blocks and self.open_blocks[-1][0] == "li":
                # A nested list starts inside an item: emit the parent's text first.
                self._emit_open_block(keep_open=True)
            self.open_blocks.append((tag, [], self.list_depth))

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or tag not in self.stack:
            return
        while self.stack:  # close any unclosed children (tolerant of sloppy HTML)
            open_tag = self.stack.pop()
            self._close(open_tag, self.skipping.pop())
            if open_tag == tag:
                break

    def _close(self, tag: str, skipped: bool) -> None:
        if (tag in _BLOCKS or tag == "tr") and self.open_blocks and self.open_blocks[-1][0] == tag:
            self._emit_open_block()
        if tag in {"ul", "ol"}:
            self.list_depth -= 1
        if skipped:
            self.skip_depth -= 1
        if self.govspeak_depth and len(self.stack) < self.govspeak_depth:
            self.govspeak_depth = -1  # closed: later content is outside it

    def _emit_open_block(self, keep_open: bool = False) -> None:
        tag, parts, depth = self.open_blocks[-1]
        if tag == "tr":  # kept as its cells, each after its marker, for the table to split
            raw = "".join(parts)
            text = raw if normalise_space(raw.replace(_CELL, " ").replace(_HEADER_CELL, " ")) else ""
            if text and _CELL not in text:
                tag = "th-row"  # every cell a heading: the table's heading row
        else:
            text = normalise_space("".join(parts))
        if keep_open:
            self.open_blocks[-1] = (tag, [], depth)
        else:
            self.open_blocks.pop()
        if text and (self.skip_depth == 0 or tag == "h1"):
            self.blocks.append((tag, text, depth, self.govspeak_depth > 0))

    def handle_data(self, data: str) -> None:
        if self.open_blocks and (self.skip_depth == 0 or self.open_blocks[-1][0] == "h1"):
            self.open_blocks[-1][1].append(data)

    def close(self) -> None:
        while self.stack:
            self._close(self.stack.pop(), self.skipping.pop())


def _walk(html: str, reader: _BlockReader) -> None:
    """Feed ``reader`` the page's tree, in document order, without recursion (a page may nest deeply)."""
    root = LexborHTMLParser(html).root
    pending: list[tuple[LexborNode, bool]] = [(root, False)] if root is not None else []
    while pending:
        node, leaving = pending.pop()
        tag = node.tag or ""
        if leaving:
            reader.handle_endtag(tag)
            continue
        if tag == "-text":
            reader.handle_data(node.text_content or "")
        elif tag and not tag.startswith("-"):  # comments, doctypes: not text
            reader.handle_starttag(tag, list(node.attributes.items()))
            pending.append((node, True))
            children = []
            child = node.child
            while child is not None:
                children.append(child)
                child = child.next
            pending.extend((child, False) for child in reversed(children))


# HTML5 tree building checks the stack of open elements, so its time grows with the square of the
# nesting depth: a page nests a few dozen deep, a hostile one 100,000 deep would hold the parser for
# minutes. Deeper than this is refused before parsing (tags whose end the standard may imply, and
# void tags, do not count: an unclosed <li> or <p> is ordinary).
MAX_NESTING = 1_000
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^<>]*?(/?)>")  # [^<>]: a tag never left open makes no scan to the end
_IMPLIED_END = {"p", "li", "dt", "dd", "td", "th", "tr", "thead", "tbody", "tfoot", "option", "optgroup", "rb", "rt", "rp",
                "rtc", "colgroup", "caption", "html", "head", "body"}


def nesting_depth(html: str) -> int:
    """How deep the page's explicitly closed tags nest (an estimate from the tags alone, before parsing).

    >>> nesting_depth("<div><div><p>x<br></div></div>"), nesting_depth("<ul><li>a<li>b</ul>")
    (2, 1)
    """
    depth = deepest = 0
    for match in _TAG.finditer(html):
        closing, tag, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        if tag in _VOID or tag in _IMPLIED_END or self_closing:
            continue
        if closing:
            depth = max(depth - 1, 0)
        else:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def parse_govuk_html(html: str, *, path: str | None = None) -> Document:
    """Parse a GOV.UK HTML page into a :class:`Document`.

    >>> doc = parse_govuk_html('<h1>T</h1><div class="govspeak"><h2>Intro</h2>'
    ...                        '<p>1. We will act.</p><ul><li>Do X.</li></ul></div>')
    >>> doc.title, [i.text for i in doc.paragraphs[0].items]
    ('T', ['We will act.', 'Do X.'])
    """
    if (depth := nesting_depth(html)) > MAX_NESTING:
        raise ValueError(f"nests its tags {depth:,} deep (a page nests a few dozen; more than {MAX_NESTING:,} is refused)")
    reader = _BlockReader()
    _walk(html, reader)
    reader.close()
    has_govspeak = any(in_govspeak for *_, in_govspeak in reader.blocks)
    title = next((text for tag, text, _, _ in reader.blocks if tag == "h1"), "")
    published = _published(reader)
    builder = DocumentBuilder()
    table: list[tuple[str, str]] = []  # the rows of the table being read: (tag, marked cells)
    tables = 0
    for tag, text, depth, in_govspeak in [*reader.blocks, ("end", "", 0, True)]:
        if table and tag not in {"tr", "th-row"}:
            tables += 1
            _add_table(builder, table, tables)
            table = []
        if tag == "end" or tag == "h1" or (has_govspeak and not in_govspeak):
            continue
        if tag in {"tr", "th-row"}:
            table.append((tag, text))
            continue
        if tag == "li":
            builder.bullet(text, level=max(depth, 1))
        elif tag.startswith("h"):
            builder.heading_line(text)
        elif match := _NUMBERED.match(text):
            builder.paragraph(int(match.group(1)), match.group(2))
        elif not (published and is_date_line(text)):
            builder.paragraph(None, text)
    if not title:
        raise ValueError("has no <h1> title")
    source_url = reader.meta.get("canonical") or reader.meta.get("og:url") or None
    return Document(title=title, published=published, sections=builder.finish(), path=path, source_url=source_url)


def _cells(marked: str) -> list[str]:
    return [normalise_space(cell) for cell in re.split(f"[{_CELL}{_HEADER_CELL}]", marked)[1:]]


def _add_table(builder: DocumentBuilder, rows: list[tuple[str, str]], number: int) -> None:
    """A table's rows as paragraphs of their cells (never headings): its first row is its
    heading row when all its cells are <th>."""
    header = _cells(rows[0][1]) if rows[0][0] == "th-row" else None
    body = rows[1:] if header is not None else rows
    builder.table(header, [(_cells(marked), None) for _, marked in body], number=number)


def _published(reader: _BlockReader) -> date | None:
    stamp = reader.meta.get("govuk:first-published-at", "")
    if re.match(r"\d{4}-\d{2}-\d{2}", stamp):
        return date.fromisoformat(stamp[:10])
    return stated_date([text for _, text, _, _ in reader.blocks])[0]
