"""Loader for GOV.UK publications saved as plain text (the seed's format).

The format, line by line:

* line 1 is the title; a date line near the top (``Published 9 April 2025``, ``Thursday 23rd
  January 2025``, ``... made on 20 April 2023``: :mod:`policykg.loaders.dates`) gives the
  document's date (a bare ``April 2025`` line after it is repeated metadata and is skipped);
* ``12. ...`` starts numbered paragraph 12;
* ``- ...`` is a bullet of the paragraph above it (or, before any numbered
  paragraph of a section, of an unnumbered block such as a recommendation list);
* any other short line without closing punctuation is a section heading;
  a longer one is an unnumbered paragraph.

It also copes with the irregular spots found in real exports: a dash alone on
its line with the bullet text on the next line, a sub-bullet glued to its
parent with `` - ``, and sub-lists flattened into the parent list.
"""

from __future__ import annotations

import itertools
import re

from policykg.legislatures import CHAMBERS
from policykg.loaders.dates import is_date_line, stated_date
from policykg.loaders.document import Document, DocumentBuilder, normalise_space

_NUMBERED = re.compile(r"^(\d{1,3})\.\s+(\S.*)$")
_BULLET = re.compile(r"^[-•*–●▪◦○]\s*(.*)$")
_FOOTNOTE = re.compile(r"^\d{1,3}\s+(?:https?://|www\.)\S+$")  # "1 https://pubmed.ncbi.nlm.nih.gov/...": a note, not a heading
MONTH_YEAR = re.compile(r"^(January|February|March|April|May|June|July|August|September|October|November|December) \d{4}$")
_HEADING_MAX = 150
_SENTENCE_MIN_WORDS = 12  # headings of real documents this long are in title case
# "(Paragraph 58)", "(Paragraphs 12 and 13)": a committee's reference closing the paragraph above it.
_PARAGRAPH_REFERENCE = re.compile(r"^\((?:paragraphs?|paras?\.?)\s+[\d ,.–-]+(?:\s*(?:and|to)\s*[\d.]+)?\)\.?$", re.I)
_TABLE_ROW = re.compile(r"\S\s+\|\s+\S.*\||^\|.*\S.*\|$")  # two cell separators at least, or "| one cell |"
_TWO_CELLS = re.compile(r"^[^|]*\S\s+\|\s+\S[^|]*$")  # "Year | Amount recovered": a row when a neighbour is one too
# "|---|---|" or "| --- | :---: |" under a table's heading row: it says how many columns the table has.
_SEPARATOR_ROW = re.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?$|^\|\s*:?-{3,}:?\s*\|$")


# "Recommendation 1 - The new entity ... should ...": a recommendation stated as the heading of its response.
_RECOMMENDATION_LINE = re.compile(r"^Recommendation\s+\d{1,3}\s*[-–—:]\s+\S")
_RECOMMENDATION_LINE_MAX = 600


def is_heading(line: str) -> bool:
    """A short line that does not read as a sentence is a heading.

    A long line of mostly lower-case words is a sentence that lost its full stop (a page cut
    short, a written answer's last line), not a heading, even under the length limit.

    >>> is_heading("Update on the Government’s response to the Independent Inquiry into Child Sexual Abuse")
    True
    >>> is_heading("WYCA plan to submit their first business case for approval to the Government in 2026")
    False
    """
    if _RECOMMENDATION_LINE.match(line):
        return len(line) <= _RECOMMENDATION_LINE_MAX
    if len(line) > _HEADING_MAX or line.rstrip().endswith((".", ":", ";", ",")):
        return False
    words = line.split()
    return len(words) < _SENTENCE_MIN_WORDS or sum(w[0].islower() for w in words) < 0.7 * len(words)


_STARTS_BLOCK = re.compile(r"^(?:\d{1,3}\.\s|[-•*–●▪◦○]\s|\(?[a-z]\)\s|(?:Recommendation|Principle|Chapter|Annex|Table|Figure)\s+\d|\|)")
_ENDS_SENTENCE = (".", "!", "?", ":", ";", ".”", ".’", ".\"")
_WRAPPED_MIN = 5  # line breaks inside sentences before a text counts as hard-wrapped


def unwrap_lines(lines: list[str]) -> list[str]:
    """The lines of a hard-wrapped text (text taken from a PDF: every line cut at the page width)
    joined back into one line per paragraph; other texts' lines unchanged.

    A text is hard-wrapped when many full-width lines end inside a sentence and the next line goes
    on in lower case. Then a line that reached the wrap width, or that stops inside a sentence
    before a lower-case line, is continued by the next, unless that one starts a numbered
    paragraph, a bullet, a table row or a "Recommendation 2" heading; a blank line always ends one.

    >>> wrapped = ["1. We will act on", "the review", "2. We will act on", "the review", "3. We will act on", "the review",
    ...            "4. We will act on", "the review", "5. We will act on", "the review", "6. Done."]
    >>> unwrap_lines(wrapped)[-2:]
    ['5. We will act on the review', '6. Done.']
    >>> unwrap_lines(["Title", "We will act.", "1. Next"])
    ['Title', 'We will act.', '1. Next']
    """
    lengths = sorted(len(line) for line in lines if line)
    if len(lengths) < 2 * _WRAPPED_MIN:
        return lines
    full = 0.75 * lengths[int(0.9 * (len(lengths) - 1))]  # a line this long reached the wrap width

    def continues(previous: str, line: str) -> bool:
        if not previous or not line or _STARTS_BLOCK.match(line) or is_date_line(line):
            return False
        inside_sentence = not previous.endswith(_ENDS_SENTENCE)
        return (inside_sentence and line[0].islower()) or (len(previous) >= full and (inside_sentence or line[0].isupper()))

    wrapped = sum(1 for a, b in itertools.pairwise(lines) if len(a) >= full and not a.endswith(_ENDS_SENTENCE) and b[:1].islower())
    if wrapped < max(_WRAPPED_MIN, 0.1 * len(lengths)):
        return lines
    joined: list[str] = []
    last = ""  # the last physical line read: its length, not the joined one's, says whether it was full
    for line in lines:
        if joined and continues(last, line):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
        last = line
    return joined


_PAGE_NUMBER = re.compile(r"^\d{1,3}$")
_TITLE_LINES_MAX = 4


def _wrapped_title(lines: list[str], date_position: int | None) -> int:
    """How many of the first lines the title takes: a cover's title broken over lines ("Government
    Response to the", "Independent Review of Women’s", ...) runs to the date line below it."""
    if date_position is None or not 1 < date_position <= _TITLE_LINES_MAX:
        return 1
    head = lines[:date_position]
    if any(line.endswith(_ENDS_SENTENCE) or len(line) > _HEADING_MAX // 2 for line in head):
        return 1
    return date_position


def _heading_rows_joined(rows: list[list[str]], columns: int) -> list[list[str]]:
    """The rows read above a table's separator line, whose heading row a copy may have broken
    over lines ("| Recommendation number |" then "Inquiry reference | Status |"): one heading row
    when together they have the separator's number of columns.

    >>> _heading_rows_joined([["Recommendation number"], ["Status", "Lead"]], 3)
    [['Recommendation number', 'Status', 'Lead']]
    >>> _heading_rows_joined([["Theme", "Status"]], 2)
    [['Theme', 'Status']]
    """
    if len(rows) > 1 and sum(len(row) for row in rows) == columns:
        return [[cell for row in rows for cell in row]]
    return rows


#: The lines a day's parliamentary record opens with, above the sitting's date.
_RECORD_HEADERS = frozenset(CHAMBERS)


def parse_govuk_text(text: str, *, path: str | None = None) -> Document:
    """Parse the text of a GOV.UK publication into a :class:`Document`.

    >>> doc = parse_govuk_text("My title\\nPublished 9 April 2025\\nIntro\\n1. We will act.\\n- Do X.")
    >>> doc.title, doc.published.isoformat(), doc.sections[0].heading
    ('My title', '2025-04-09', 'Intro')
    >>> [i.text for i in doc.paragraphs[0].items]
    ['We will act.', 'Do X.']
    """
    lines = unwrap_lines([normalise_space(line) for line in text.splitlines()])
    lines = [line for line in lines if line]
    if not lines:
        raise ValueError("contains no text")
    published, date_position = stated_date(lines)
    if date_position == 0 and len(lines) > 1 and is_date_line(lines[0]):
        lines, date_position = lines[1:], None  # a Hansard page opens with the sitting's date: the title follows
    elif date_position == 1 and len(lines) > 2 and lines[0] in _RECORD_HEADERS:
        # "House of Commons / Wednesday 28 October 2009 / Nimrod Review": the House says where it was said, the item's
        # heading is the title (two items of one sitting are two documents, not one "House of Commons" of that day)
        lines = [lines[2], lines[1], *lines[3:]]
    title_lines = _wrapped_title(lines, date_position)
    title, body = " ".join(lines[:title_lines]), lines[title_lines:]
    if date_position is not None:
        date_position -= title_lines - 1  # the title took more than line 1
    body = [line for line in body if not _PAGE_NUMBER.match(line)]  # page numbers of a text taken from a PDF
    if date_position is not None:
        date_position -= 1  # its position in ``body``
    builder = DocumentBuilder()
    pending_dash = False
    table: list[list[str]] = []  # the rows of the table being read ("Theme | In progress | Complete")
    tables = 0
    # Two-cell rows have one separator only: lines like that next to each other are a table's rows.
    two_cells = [_TWO_CELLS.match(line) is not None for line in body]
    paired = {n for n, is_row in enumerate(two_cells) if is_row and (
        (n > 0 and two_cells[n - 1]) or (n + 1 < len(body) and two_cells[n + 1]))}
    for position, line in enumerate(body):
        is_row = _TABLE_ROW.search(line) is not None or position in paired
        if table and not is_row and not _SEPARATOR_ROW.match(line):
            tables += 1
            builder.table(table[0], [(row, None) for row in table[1:]], number=tables)  # the first row heads it
            table = []
        if position == date_position and is_date_line(line):
            continue
        if date_position is not None and position <= date_position + 2 and MONTH_YEAR.match(line):
            continue  # GOV.UK repeats the month of publication under the date
        if line in {"-", "–", "•"}:
            pending_dash = True  # the bullet's text is on the next line
            continue
        if pending_dash:
            pending_dash = False
            builder.bullet(line)
            continue
        if _PARAGRAPH_REFERENCE.match(line) and builder.continue_lead(line):
            continue
        if match := _NUMBERED.match(line):
            builder.paragraph(int(match.group(1)), match.group(2))
        elif match := _BULLET.match(line):
            builder.bullet(match.group(1))
        elif _SEPARATOR_ROW.match(line):
            table = _heading_rows_joined(table, line.strip(" |").count("|") + 1)
            continue
        elif is_row:
            table.append([cell.strip() for cell in line.strip(" |").split("|")])  # data, never a heading
            continue
        elif is_heading(line) and not _FOOTNOTE.match(line):
            builder.heading_line(line)
        else:
            builder.paragraph(None, line)
    if table:
        builder.table(table[0], [(row, None) for row in table[1:]], number=tables + 1)
    return Document(title=title, published=published, sections=builder.finish(), path=path)
