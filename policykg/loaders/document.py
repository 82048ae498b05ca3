"""The document model every loader produces.

A policy document is a tree: ``Document`` → ``Section`` (a heading) →
``Paragraph`` (numbered or not) → ``Item`` (a sentence of the lead text, or a
bullet).  Loaders for different source formats (plain text, HTML) must produce
*the same* model for the same content, so everything here is defined on the
normalised text, never on file positions:

* ``Paragraph.text`` is the lead text followed by each bullet on its own line
  (no dash), joined with ``"\\n"``;
* ``Item.start``/``Item.end`` are character offsets into ``Paragraph.text``.

Example:

>>> p = make_paragraph(7, "We will act. Soon.", [("Do X.", 1)], section="Intro")
>>> [(i.kind, i.text) for i in p.items]
[('sentence', 'We will act.'), ('sentence', 'Soon.'), ('bullet', 'Do X.')]
>>> p.text[p.items[2].start:p.items[2].end]
'Do X.'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)  # slots: a document holds one per sentence
class Item:
    """A sentence of a paragraph's lead text, or one bullet of its list."""

    kind: str  # "sentence" or "bullet"
    text: str
    start: int  # offset into Paragraph.text
    end: int
    level: int = 0  # 0 for lead sentences, 1 for bullets, 2 for sub-bullets
    index: int = 0  # position among the paragraph's items of the same kind (1-based)


@dataclass
class Paragraph:
    """A numbered (or unnumbered) paragraph with its bullet list."""

    number: int | None
    text: str
    items: list[Item]
    section: str
    locator: str = ""  # "p12" for numbered paragraphs, "s3.b1" otherwise, "s3.t1.r2" for a table row; "pg3.p12" in a paged source
    page: int | None = None  # the page it starts on, in paged sources (PDF)
    cells: tuple[str, ...] = ()  # a table row's cells (its text is them joined with " | ")
    header: tuple[str, ...] = ()  # the column headings of a table row's table

    @property
    def lead(self) -> str:
        """The paragraph's own text, before any bullet."""
        return self.text.split("\n", 1)[0]

    @property
    def bullets(self) -> list[Item]:
        return [item for item in self.items if item.kind == "bullet"]


@dataclass
class Section:
    heading: str
    paragraphs: list[Paragraph] = field(default_factory=list)


@dataclass
class Document:
    """A loaded policy document, independent of its source format."""

    title: str
    published: date | None
    sections: list[Section]
    source_url: str | None = None
    path: str | None = None  # the file it was read from, for messages only
    licence: str | None = None

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [p for s in self.sections for p in s.paragraphs]


# Abbreviations whose full stop does not end a sentence.
_NO_BREAK = ("e.g.", "i.e.", "etc.", "Mr.", "Mrs.", "Ms.", "Dr.", "No.", "St.", "vs.", "cf.")
# A sentence ends at . ! or ? followed by space and a capital, or (a typing slip) by a
# capitalised word with no space: "across England and Wales.In addition, ...".  The match starts
# at the punctuation mark itself, not after it (a look-behind), so that the regex engine scans
# for the three characters instead of trying every position: the same sentences, found sooner.
_SENTENCE_END = re.compile(r"[.!?](?:[’”'\")]?\s+(?=[A-Z“‘\"(£0-9])|(?<=[a-z]{2}[.!?])(?=[A-Z][a-z]+\s))")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` spans of the sentences in ``text``.

    >>> t = "We will act, e.g. soon. The Board meets monthly."
    >>> [t[s:e] for s, e in split_sentences(t)]
    ['We will act, e.g. soon.', 'The Board meets monthly.']
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        cut = match.start() + 1  # after the punctuation mark
        # A closing quote or bracket right after the full stop belongs to the sentence.
        while cut < len(text) and text[cut] in "’”'\")":
            cut += 1
        if text[start:cut].endswith(_NO_BREAK):
            continue
        if text[start:cut].strip():
            spans.append((start, cut))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def normalise_space(text: str) -> str:
    """Collapse runs of whitespace (including non-breaking spaces) to one space.

    >>> normalise_space(" Home\\u00a0 Office\\n\\tact ")
    'Home Office act'
    """
    # str.split() splits on exactly the characters ``\s`` matches in a str pattern (non-breaking
    # space included; checked for every code point) and is faster than re.sub on long lines.
    # Most lines need no change: every character split() breaks at but the space is unprintable
    # (checked for every code point too), so a printable text without double or outer spaces is
    # returned as it is, without splitting it into words and joining them again.
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


def make_paragraph(
    number: int | None,
    lead: str,
    bullets: list[tuple[str, int]],
    *,
    section: str,
    locator: str = "",
    page: int | None = None,
) -> Paragraph:
    """Build a :class:`Paragraph` from its lead text and ``(bullet, level)`` pairs.

    This is the one place that lays out ``Paragraph.text`` and item offsets, so
    that every loader produces identical paragraphs for identical content.
    """
    lead = normalise_space(lead)
    parts = [lead]
    items: list[Item] = []
    for index, (start, end) in enumerate(split_sentences(lead), start=1):
        items.append(Item("sentence", lead[start:end], start, end, 0, index))
    offset = len(lead)
    for index, (bullet, level) in enumerate(bullets, start=1):
        bullet = normalise_space(bullet)
        offset += 1  # the "\n" that separates lines
        items.append(Item("bullet", bullet, offset, offset + len(bullet), level, index))
        parts.append(bullet)
        offset += len(bullet)
    if not locator:
        locator = f"p{number}" if number is not None else ""
    return Paragraph(number, "\n".join(parts), items, section, locator, page)


# A sub-bullet glued to its parent in flattened text: "...material. - We will monitor ..."
_GLUED_SUBBULLET = re.compile(r"(?<=[.!?;])\s+-\s+(?=[A-Z])")


def _continues_sublist(text: str) -> bool:
    """Sub-items of a flattened list start with a gerund ("Piloting", "Producing")."""
    first = text.split(" ", 1)[0]
    return first.endswith("ing") and first[:1].isupper()


class DocumentBuilder:
    """Turns a stream of headings, paragraphs and bullets into sections.

    Every loader feeds it the blocks it reads, in order, so that the layout of
    paragraphs and the locators (``p12``, ``s5.b1``, ``s5.t1.r2``) are computed in one place.
    Loaders of paged sources pass the page a block starts on: its locator then starts with it
    (``pg3.p12``) and :attr:`Paragraph.page` holds it.

    >>> b = DocumentBuilder()
    >>> b.heading_line("Rates")
    >>> b.paragraph(4, "The rates are:", page=2)
    >>> b.table(["Pupils", "Rate"], [(["Primary", "£1,320"], 2), (["Secondary", "£935"], 3)], page=2, number=1)
    >>> [(p.locator, p.text) for p in b.finish()[0].paragraphs]
    [('pg2.p4', 'The rates are:'), ('pg2.s1.t1.r1', 'Pupils | Rate'), ('pg2.s1.t1.r2', 'Primary | £1,320'), ('pg3.s1.t1.r3', 'Secondary | £935')]
    """

    def __init__(self) -> None:
        self.sections: list[Section] = []
        self.heading = ""
        self.number: int | None = None
        self.lead: str | None = None
        self.bullets: list[tuple[str, int]] = []
        self.sublist_open = False
        self.locators: set[str] = set()
        self.page: int | None = None  # the page the open block starts on

    def _section(self) -> Section:
        if not self.sections or self.sections[-1].heading != self.heading:
            self.sections.append(Section(self.heading))
        return self.sections[-1]

    def _unique(self, locator: str, page: int | None) -> str:
        if page is not None:
            locator = f"pg{page}.{locator}"
        if locator in self.locators:  # numbering restarts (an annex) or repeats: keep locators unique
            locator = next(f"{locator}-{n}" for n in range(2, 10_000) if f"{locator}-{n}" not in self.locators)
        self.locators.add(locator)
        return locator

    def _flush(self) -> None:
        if self.lead is None and not self.bullets:
            return
        section = self._section()
        if self.number is not None:
            locator = f"p{self.number}"
        else:
            locator = f"s{len(self.sections)}.b{len(section.paragraphs) + 1}"
        locator = self._unique(locator, self.page)
        paragraph = make_paragraph(self.number, self.lead or "", self.bullets, section=self.heading, locator=locator, page=self.page)
        section.paragraphs.append(paragraph)
        self.number, self.lead, self.bullets, self.sublist_open, self.page = None, None, [], False, None

    def heading_line(self, text: str) -> None:
        self._flush()
        self.heading = normalise_space(text)
        self._section()

    def paragraph(self, number: int | None, lead: str, page: int | None = None) -> None:
        """Start a paragraph (numbered or not), on ``page`` in a paged source."""
        self._flush()
        self.number, self.lead, self.page = number, lead, page

    def continue_lead(self, text: str) -> bool:
        """Add ``text`` to the open paragraph's lead (a line that ends it, such as "(Paragraph 58)");
        ``False`` when no paragraph without bullets is open."""
        if self.lead is None or self.bullets:
            return False
        self.lead = f"{self.lead} {normalise_space(text)}"
        return True

    def table(self, header: list[str] | None, rows: Sequence[tuple[list[str], int | None]], *, page: int | None = None, number: int = 1) -> None:
        """Add table ``number``: its heading row (if any) and its rows ``(cells, page)``, each a
        paragraph whose text is its cells joined with `` | `` (``s3.t1.r1`` is the heading row)."""
        self._flush()
        section = self._section()
        heading = tuple(normalise_space(cell) for cell in header) if header else ()
        all_rows = ([(list(heading), page)] if heading else []) + list(rows)
        for index, (cells, row_page) in enumerate(all_rows, start=1):
            texts = tuple(normalise_space(cell) for cell in cells)
            locator = self._unique(f"s{len(self.sections)}.t{number}.r{index}", row_page)
            paragraph = make_paragraph(None, " | ".join(texts), [], section=self.heading, locator=locator, page=row_page)
            paragraph.cells, paragraph.header = texts, heading
            section.paragraphs.append(paragraph)

    def bullet(self, text: str, level: int | None = None, page: int | None = None) -> None:
        """Add a bullet; ``level=None`` infers nesting from flattened text.  A bullet that opens a
        block (no lead text before it) gives the block its ``page``."""
        if self.lead is None and not self.bullets:
            self.page = page
        if level is not None:
            self.bullets.append((text, level))
            return
        parent, *glued = _GLUED_SUBBULLET.split(text)
        level = 1
        if self.sublist_open and _continues_sublist(parent):
            level = 2
        else:
            self.sublist_open = parent.rstrip().endswith(":")
        self.bullets.append((parent, level))
        self.bullets.extend((child, 2) for child in glued)

    def finish(self) -> list[Section]:
        """The sections read, including headings with no text of their own (they can be themes)."""
        self._flush()
        return self.sections
