"""The canned query catalogue: pairs of ``NAME.rq`` (SPARQL) and ``NAME.cypher`` files.

Each file starts with the same header, as comments (``#`` in SPARQL, ``//`` in Cypher)::

    # title: Recommendations
    # description: Every recommendation with its theme, response status and commitments.
    # param: number int required -- the recommendation number
    # param: as_of date = today -- count deadlines up to this date
    # columns: number, title, theme, status, commitments, organisations[]

A column marked ``[]`` holds a list (SPARQL returns it as a ``GROUP_CONCAT`` joined
with :data:`LIST_SEPARATOR`; Cypher as a list); results give it as a sorted list.

Parameter types are ``int``, ``str``, ``date`` and ``point`` (a point in a series of documents: a date written
``YYYY-MM-DD`` or a document's IRI, passed on as text: the query tells them apart); a parameter is ``required``, has a
default (``= VALUE``; ``today`` for dates), or is optional (neither: passed as null /
left unbound).  Values are always *bound* by the engines, never pasted into query text.

>>> catalogue = load_catalogue()
>>> query = catalogue["recommendation"]
>>> query.columns[:3]
['number', 'title', 'status']
>>> query.bind({"number": "13"})
{'number': 13}
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from typing import Any

from policykg.errors import QueryError
from policykg.values import iri_problem, iso_date

LIST_SEPARATOR = "\u001f"  # ASCII unit separator: never in document text
_HEADER = re.compile(r"^\s*(?:#|//)\s*(title|description|param|columns):\s*(.*)$")
_PARAM = re.compile(r"^(\w+)\s+(int|str|date|point)(?:\s+(required)|\s*=\s*(\S+))?\s*(?:--\s*(.*))?$")


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    required: bool = False
    default: str | None = None
    help: str = ""

    def convert(self, value: Any) -> Any:
        """A typed value from a user's string (or a typed value passed through).

        Integers must fit in 64 bits and dates be written ``YYYY-MM-DD`` (not ``20250101`` nor
        ``2025-W01-1``, which :meth:`date.fromisoformat` would take), the same for every engine.
        """
        if value is None:
            return None
        try:
            if self.type == "int":
                if isinstance(value, str) and not _INTEGER.fullmatch(value.strip()):
                    raise ValueError(value)
                return checked_value(self.name, int(value))
            if self.type == "date":
                if isinstance(value, date):
                    return value
                return date.today() if value == "today" else iso_date(str(value))
            if self.type == "point":
                return point(value)
            return str(value)
        except (ValueError, TypeError):
            what = {"int": "an int", "date": "a date (YYYY-MM-DD)", "point": "a date (YYYY-MM-DD) or a document's IRI"}.get(
                self.type, f"a {self.type}")
            raise QueryError(f"parameter {self.name!r} must be {what}, not {value!r}") from None


def point(value: Any) -> str:
    """A ``point`` parameter as the queries take it: a date as ``YYYY-MM-DD`` text, else a document's IRI;
    ``ValueError`` for anything else (text that starts like a date must be one).

    >>> point(date(2025, 4, 9)), point("https://w3id.org/policykg/id/document/x")
    ('2025-04-09', 'https://w3id.org/policykg/id/document/x')
    """
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    if text[:1].isdigit():
        return iso_date(text).isoformat()
    if iri_problem(text):
        raise ValueError(text)
    return text


#: The integers every engine holds: Cypher's INT64 (Neo4j, LadybugDB); SPARQL would take more.
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
_INTEGER = re.compile(r"[+-]?[0-9]+")


def checked_value(name: str, value: Any) -> Any:
    """``value`` of parameter ``name``, refused with a :class:`QueryError` if an integer beyond 64 bits.

    >>> checked_value("n", 2**63)
    Traceback (most recent call last):
    ...
    policykg.errors.QueryError: parameter 'n' must be an integer from -9223372036854775808 to 9223372036854775807, not 9223372036854775808
    """
    if isinstance(value, int) and not isinstance(value, bool) and not INT64_MIN <= value <= INT64_MAX:
        raise QueryError(f"parameter {name!r} must be an integer from {INT64_MIN} to {INT64_MAX}, not {value}")
    return value


def checked_params(params: dict[str, Any]) -> dict[str, Any]:
    """``params`` with every value checked by :func:`checked_value` (each engine's ``run`` calls it)."""
    return {name: checked_value(name, value) for name, value in params.items()}


@dataclass(frozen=True)
class CannedQuery:
    name: str
    title: str
    description: str
    parameters: tuple[Parameter, ...]
    columns: list[str]
    list_columns: frozenset[str] = frozenset()
    texts: dict[str, str] = field(default_factory=dict)  # language ("sparql", "cypher") → query text

    def bind(self, values: dict[str, Any]) -> dict[str, Any]:
        """Typed parameter values: defaults filled, unknown names and missing required ones refused."""
        known = {p.name: p for p in self.parameters}
        unknown = sorted(set(values) - set(known))
        if unknown:
            hint = ", ".join(known) or "none"
            raise QueryError(f"query {self.name!r} has no parameter {unknown[0]!r} (parameters: {hint})")
        bound: dict[str, Any] = {}
        for parameter in self.parameters:
            value = values.get(parameter.name, parameter.default)
            if value is None and parameter.required:
                raise QueryError(f"query {self.name!r} needs -p {parameter.name}=... ({parameter.help or parameter.type})")
            bound[parameter.name] = parameter.convert(value)
        return bound


def parse_header(text: str) -> dict[str, Any]:
    """The header fields of one query file."""
    header: dict[str, Any] = {"param": []}
    for line in text.splitlines():
        match = _HEADER.match(line)
        if not match:
            if line.strip() and not line.strip().startswith(("#", "//")):
                break
            continue
        key, value = match.groups()
        if key == "param":
            param = _PARAM.match(value.strip())
            if not param:
                raise ValueError(f"bad param line: {value!r}")
            name, type_, required, default, help_ = param.groups()
            header["param"].append(Parameter(name, type_, bool(required), default, (help_ or "").strip()))
        elif key == "columns":
            header[key] = [c.strip() for c in value.split(",") if c.strip()]
        else:
            header[key] = value.strip()
    return header


LANGUAGES = {".rq": "sparql", ".cypher": "cypher"}


def load_catalogue() -> dict[str, CannedQuery]:
    """Every canned query, by name; both files of a pair must declare the same header."""
    folder = resources.files("policykg") / "queries" / "catalogue"
    files: dict[str, dict[str, str]] = {}
    for entry in folder.iterdir():
        for suffix, language in LANGUAGES.items():
            if entry.name.endswith(suffix):
                files.setdefault(entry.name[: -len(suffix)], {})[language] = entry.read_text(encoding="utf-8")
    catalogue = {}
    for name in sorted(files):
        texts = files[name]
        headers = {language: parse_header(text) for language, text in texts.items()}
        first = next(iter(headers.values()))
        for language, header in headers.items():
            if header != first:
                raise ValueError(f"query {name}: the {language} header differs from the others")
        catalogue[name] = CannedQuery(
            name=name,
            title=first.get("title", name),
            description=first.get("description", ""),
            parameters=tuple(first["param"]),
            columns=[c.removesuffix("[]") for c in first.get("columns", [])],
            list_columns=frozenset(c.removesuffix("[]") for c in first.get("columns", []) if c.endswith("[]")),
            texts=texts,
        )
    return catalogue


def get_query(name: str) -> CannedQuery:
    catalogue = load_catalogue()
    if name not in catalogue:
        close = [n for n in catalogue if n.startswith(name[:3])]
        hint = f"; did you mean {', '.join(close)}?" if close else "; `policykg query list` shows them"
        raise QueryError(f"no canned query named {name!r}{hint}")
    return catalogue[name]
