"""The facts of a graph that two renderings of one document must share (PDF and HTML, Word and text)."""

from __future__ import annotations

import re

import networkx as nx

#: A table row's locator: "s3.t1.r2", "pg4.s3.t1.r2".
TABLE_ROW = re.compile(r"(?:^|\.)t\d+\.r\d+")
# "multi- agency" in the source prints as "multi-" at a line end then "agency": the space after a
# hyphen at a line break cannot be seen on paper, so it is not compared.
_HYPHEN_SPACE = re.compile(r"(?<=\w)- (?=\w)")


def from_tables_only(data: dict) -> bool:
    """Whether a node was found only in table rows (the HTML and text loaders skip tables)."""
    records = data.get("provenance") or set()
    return bool(records) and all(TABLE_ROW.search(record.locator) for record in records)


def facts(graph: nx.MultiDiGraph, skip_tables: bool = False) -> dict[str, set]:
    """Recommendations, commitments (text, deadline), bodies, money and dates of a graph, as sets."""
    found: dict[str, set] = {"recommendations": set(), "commitments": set(), "bodies": set(), "money": set(), "dates": set(), "responses": set()}
    for _, data in graph.nodes(data=True):
        if skip_tables and from_tables_only(data):
            continue
        kind = data["type"]
        if kind == "Recommendation":
            found["recommendations"].add((data.get("number"), data.get("title")))
        elif kind == "Response":
            found["responses"].add((data.get("number"), data.get("status")))
        elif kind == "Commitment":
            found["commitments"].add((_HYPHEN_SPACE.sub("-", data["text"]), data.get("deadline")))
        elif kind in {"Organisation", "Inquiry"}:
            found["bodies"].add(data["label"])
        elif kind == "Funding":
            found["money"].add((data.get("amount_gbp"), data.get("amount_text")))
        for key in ("published", "deadline"):
            if data.get(key):
                found["dates"].add((kind, key, data[key]))
    return found
