"""Colours, shapes and wording shared by the interactive page and the static figures.

Colours are chosen to stay distinguishable for the common colour-vision
deficiencies when combined with the shapes (no two types share colour family
and shape).
"""

from __future__ import annotations

from policykg.ontology.rdf import STATUSES

#: Node type → (fill colour, vis-network shape). Shapes are those vis-network scales by ``value``.
TYPE_STYLE: dict[str, tuple[str, str]] = {
    "Recommendation": ("#c0392b", "diamond"),
    "Response": ("#e67e22", "square"),
    "Commitment": ("#2e86de", "dot"),
    "Organisation": ("#16a085", "hexagon"),
    "Post": ("#1abc9c", "triangle"),
    "Person": ("#e84393", "triangleDown"),
    "Legislation": ("#8e44ad", "square"),
    "Programme": ("#6ab04c", "triangle"),
    "Publication": ("#a0522d", "triangleDown"),
    "Funding": ("#f1c40f", "star"),
    "Statistic": ("#00a8cc", "diamond"),
    "Theme": ("#f39c12", "hexagon"),
    "Inquiry": ("#7b241c", "star"),
    "Report": ("#b39ddb", "square"),
    "Document": ("#566573", "square"),
    "Section": ("#85929e", "triangle"),
    "Paragraph": ("#bdc3c7", "dot"),
}

#: Order of types in legends (most interesting first).
TYPE_ORDER: list[str] = list(TYPE_STYLE)

#: Provenance plumbing, hidden unless asked for.
PLUMBING_TYPES: frozenset[str] = frozenset({"Document", "Section", "Paragraph"})
PLUMBING_RELATIONS: frozenset[str] = frozenset({"mentioned_in", "stated_in", "part_of"})

#: Response status → colour (a green → red scale, grey for unknown).
STATUS_COLOURS: dict[str, str] = {
    "accepted": "#1e8449",
    "accepted in principle": "#58b368",
    "accepted in part": "#82c341",
    "alternative approach": "#2e86c1",
    "noted": "#7f8c8d",
    "under consideration": "#f0a30a",
    "not accepted": "#c0392b",
}
NO_STATUS_LABEL = "no response status"
NO_STATUS_COLOUR = "#95a5a6"

__all__ = ["NO_STATUS_COLOUR", "NO_STATUS_LABEL", "PLUMBING_RELATIONS", "PLUMBING_TYPES", "STATUSES", "STATUS_COLOURS", "TYPE_ORDER", "TYPE_STYLE"]
