"""Query results: one normal form for every engine, and the ways to print them.

Engines return rows of engine-specific values (rdflib terms, Neo4j dates, ...).
:func:`normalise` turns each into plain JSON-ready Python: numbers as ``int`` when
whole, else ``float``; dates as ISO strings; IRIs as strings; list columns as sorted
lists.  Two engines agree when their normalised rows are equal.

>>> from decimal import Decimal
>>> normalise_value(Decimal("7.50")), normalise_value(3.0), normalise_value("x")
(7.5, 3, 'x')
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from rdflib.term import Literal, Node

from policykg.queries.catalogue import LIST_SEPARATOR


def normalise_value(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, Literal):
        value = value.toPython()
    elif isinstance(value, Node):  # IRIs (and blank nodes)
        return str(value)
    if hasattr(value, "to_native"):  # neo4j.time.Date
        value = value.to_native()
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float, Decimal)):
        number = float(value)
        return int(number) if number.is_integer() else number
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [normalise_value(v) for v in value]
    return str(value)


def normalise(columns: list[str], rows: list[list[Any]], list_columns: frozenset[str] = frozenset()) -> list[dict[str, Any]]:
    """Rows as dicts with normalised values; list columns as sorted, de-duplicated lists."""
    result = []
    for row in rows:
        record = {}
        for column, value in zip(columns, row, strict=True):
            value = normalise_value(value)
            if column in list_columns:
                if isinstance(value, str):
                    value = [part for part in value.split(LIST_SEPARATOR) if part != ""]
                value = sorted({v for v in (value or []) if v is not None}, key=lambda v: (str(type(v)), v))
            record[column] = value
        result.append(record)
    return result


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(map(str, value))
    return str(value)


def to_json(records: list[dict[str, Any]]) -> str:
    return json.dumps(records, ensure_ascii=False, indent=2)


def to_csv(columns: list[str], records: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for record in records:
        writer.writerow([_cell(record[c]) for c in columns])
    return buffer.getvalue()


def to_jsonl(records: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def _wrap(text: str, width: int) -> list[str]:
    """``textwrap.wrap(text, width) or [""]``, without its cost for the short, plain cells most tables are made of."""
    if len(text) <= width and text == text.strip() and not any(character in text for character in "\t\n\x0b\x0c\r"):
        return [text]
    return textwrap.wrap(text, width) or [""]


def to_table(columns: list[str], records: list[dict[str, Any]], max_width: int = 48) -> str:
    """A plain aligned text table; long cells wrap onto further lines.

    >>> print(to_table(["n", "text"], [{"n": 1, "text": "a b c"}], max_width=3))
    n  text
    -  ----
    1  a b
       c
    (1 row)
    """
    wrapped_text: dict[str, list[str]] = {}  # each distinct text wrapped once: a wide matrix repeats a few statuses

    def wrap(value: Any) -> list[str]:
        text = _cell(value)
        if (lines := wrapped_text.get(text)) is None:
            lines = wrapped_text[text] = _wrap(text.replace("\n", " "), max_width)
        return lines

    wrapped = [[wrap(r[c]) for c in columns] for r in records]
    widest = {id(cell): max(map(len, cell)) for cell in wrapped_text.values()}
    widths = [max([len(c), *(widest[i] for i in set(map(id, cells)))]) for c, cells in zip(columns, zip(*wrapped, strict=True), strict=False)]
    widths += [len(c) for c in columns[len(widths):]]  # no rows: the headers' widths
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    blanks = [" " * w for w in widths]
    for row in wrapped:
        lines.append("  ".join(map(str.ljust, (cell[0] for cell in row), widths)).rstrip())
        deeper = [i for i, depth in enumerate(map(len, row)) if depth > 1]  # most cells are one line: blank below
        for depth in range(1, max(len(row[i]) for i in deeper) if deeper else 1):
            parts = blanks.copy()
            for i in deeper:
                if depth < len(row[i]):
                    parts[i] = row[i][depth].ljust(widths[i])
            lines.append("  ".join(parts).rstrip())
    lines.append(f"({len(records)} row{'s' if len(records) != 1 else ''})")
    return "\n".join(lines)


#: output format → writer(columns, records)
RESULT_FORMATS = {
    "table": to_table,
    "csv": to_csv,
    "json": lambda columns, records: to_json(records) + "\n",
    "jsonl": lambda columns, records: to_jsonl(records),
}
