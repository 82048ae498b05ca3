"""The in-memory policy graph: a networkx ``MultiDiGraph`` with typed nodes and edges.

* A node's key is its IRI; its attributes are ``type`` (a node type below),
  ``label``, type-specific properties, and ``provenance``.
* An edge's key is its relation (a name from :data:`EDGE_TYPES`), so the same
  relation between two nodes exists once; its attributes are properties and
  ``provenance``.
* ``provenance`` is a set of :class:`Provenance` records: every place in a source
  document that states the node or edge, with the quoted text.

Everything downstream (RDF, queries, visualisation, export) reads this graph
through plain functions; nothing subclasses networkx.

>>> g = new_graph()
>>> where = Provenance("https://example.org/doc", "p1", 1, "Intro", 0, 12, "We will act.")
>>> add_node(g, "https://example.org/o", "Organisation", "Home Office", where, kind="department")
>>> add_node(g, "https://example.org/c", "Commitment", "We will act.", where)
>>> add_edge(g, "https://example.org/c", "https://example.org/o", "led_by", where)
>>> count_by_type(g)
{'Commitment': 1, 'Organisation': 1}
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, fields
from typing import Any

import networkx as nx


@dataclass(frozen=True, order=True, slots=True)  # slots: a build holds one per sentence
class Provenance:
    """Where a fact was stated: document, paragraph and the quoted text."""

    document: str  # IRI of the source document (or of the curated facts file)
    locator: str  # "p29" (numbered paragraph), "s5.b1" (unnumbered block) or a curated fact id
    paragraph: int | None  # the paragraph number as printed, if numbered
    section: str  # the section heading
    start: int  # character offsets of the quote in the paragraph's text
    end: int
    quote: str
    # The hash, computed once: a record is hashed each time it joins a node's or edge's provenance
    # set (a build adds one to sets some 2,000 times a document) and again when written out, and
    # hashing the seven fields each time was a large part of every such step.
    _hash: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_hash", hash((self.document, self.locator, self.paragraph, self.section, self.start, self.end, self.quote)))

    def __hash__(self) -> int:
        return self._hash

    def __reduce__(self) -> tuple[type, tuple]:
        # Pickled by its fields (parallel builds send hundreds of thousands between processes):
        # the dataclass default for slots pickles a state to set field by field, slower both ways.
        return Provenance, (self.document, self.locator, self.paragraph, self.section, self.start, self.end, self.quote)

    def to_dict(self) -> dict[str, Any]:
        # by hand: dataclasses.asdict deep-copies field by field, and a build saves millions
        return {"document": self.document, "locator": self.locator, "paragraph": self.paragraph, "section": self.section,
                "start": self.start, "end": self.end, "quote": self.quote}


assert [f.name for f in fields(Provenance) if f.init] == list(Provenance("", "", None, "", 0, 0, "").to_dict()), "to_dict misses a field"


#: Node types, each a class of the ontology (``pkg:<Type>``).
NODE_TYPES: dict[str, str] = {
    "Document": "A published policy document, such as a GOV.UK publication.",
    "Section": "A headed section of a document.",
    "Paragraph": "A numbered (or unnumbered) paragraph of a document, with its bullet list.",
    "Inquiry": "An inquiry or review body that makes recommendations.",
    "Report": "A report in which recommendations are made.",
    "Recommendation": "A recommendation made by an inquiry to government or others.",
    "Theme": "A theme under which recommendations and responses are grouped.",
    "Response": "Government's response to one recommendation, with its status.",
    "Commitment": "An action government has taken or commits to take, as stated in a document.",
    "Organisation": "A department, inspectorate, agency, charity, board or other body.",
    "Post": "A ministerial or official post, such as Home Secretary.",
    "Person": "A named person.",
    "Legislation": "A bill, act, regulations, statutory guidance or code.",
    "Programme": "A programme, scheme, campaign, survey, fund, mission or service.",
    "Publication": "A report, review, assessment or plan cited by a document.",
    "Funding": "An amount of money committed to a purpose.",
    "Statistic": "A numeric claim cited by a document.",
}

#: Relation name → (description, source types, target types).
EDGE_TYPES: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "part_of": ("is part of", ("Section", "Paragraph", "Report"), ("Document", "Section")),
    "mentioned_in": (
        "is mentioned in a paragraph",
        ("Organisation", "Post", "Person", "Legislation", "Programme", "Publication", "Inquiry", "Report"),
        ("Paragraph",),
    ),
    "made_by": ("was made by", ("Recommendation", "Report"), ("Inquiry",)),
    "published_in": ("was published in", ("Recommendation",), ("Report",)),
    "chaired_by": ("is chaired by", ("Inquiry", "Organisation"), ("Person",)),
    "has_theme": ("is grouped under the theme", ("Recommendation",), ("Theme",)),
    "responds_to": ("responds to", ("Response",), ("Recommendation",)),
    "stated_in": ("is stated in", ("Response", "Commitment", "Statistic", "Funding"), ("Paragraph",)),
    "answers": ("answers (in part) the recommendation", ("Commitment",), ("Recommendation",)),
    "led_by": ("is led by", ("Commitment",), ("Organisation", "Post")),
    "involves": ("involves", ("Commitment",), ("Organisation", "Post", "Person")),
    "through_legislation": ("is delivered through", ("Commitment",), ("Legislation",)),
    "concerns": ("concerns", ("Commitment",), ("Programme", "Publication", "Legislation")),
    "has_funding": ("has funding", ("Commitment",), ("Funding",)),
    "funds": ("funds", ("Funding",), ("Programme", "Organisation", "Publication")),
    "funded_by": ("is provided by", ("Funding",), ("Organisation", "Post")),
    "produced_by": ("was produced by", ("Statistic", "Publication", "Programme"), ("Organisation", "Inquiry", "Programme", "Publication")),
    "post_in": ("is a post in", ("Post",), ("Organisation",)),
    "holds_post": ("holds the post", ("Person",), ("Post",)),
    "sub_organisation_of": ("is part of or sponsored by", ("Organisation", "Inquiry"), ("Organisation",)),
    "run_by": ("is run by", ("Programme", "Publication", "Legislation"), ("Organisation", "Post", "Inquiry")),
    # with an ``outcome`` (delivered, re-dated, dropped, in progress): see policykg.graph.follow
    "followed_up_by": ("is followed up by a later statement", ("Commitment",), ("Commitment",)),
}


def new_graph() -> nx.MultiDiGraph:
    """An empty policy graph."""
    return nx.MultiDiGraph()


# Private attributes: ``add_node`` and ``add_edge`` read networkx's private ``_node``, ``_succ``
# and ``_pred`` dicts, and add new nodes' and edges' dicts to them as ``MultiDiGraph`` does,
# because an extraction adds or merges into nodes and edges some 1,700 times a document and
# through the public API (``G.nodes[n]``, ``get_edge_data``, ``add_edge``) each is a chain of
# Python calls; directly, each is a dict operation (figures in benchmarks/README.md).  It assumes
# plain dicts, as networkx's default factories give (``new_graph``).


def _add_provenance(records: set[Provenance], provenance: Provenance | set[Provenance] | list[Provenance] | None) -> None:
    """Add one record or several to a node's or edge's provenance set (in place: extraction adds
    records one at a time, and a set per call would be garbage at once)."""
    if isinstance(provenance, Provenance):
        records.add(provenance)
    elif provenance:
        records.update(provenance)


def add_node(
    graph: nx.MultiDiGraph,
    iri: str,
    type: str,
    label: str,
    provenance: Provenance | set[Provenance] | list[Provenance] | None,
    **properties: Any,
) -> None:
    """Add a node, or merge into the node already at ``iri``.

    Merging keeps the existing type, fills properties that are unset, unions list properties
    (such as ``aliases``) and provenance, and of two different labels or titles keeps the least,
    so that a recommendation cited with other words by several documents is named the same
    whatever their order.
    """
    if type not in NODE_TYPES:
        raise ValueError(f"unknown node type {type!r}")
    node = graph._node.get(iri)  # private, for speed: see "Private attributes" above
    if node is None:  # a new node: its dicts, as DiGraph.add_node makes them
        node = graph._node[iri] = {"type": type, "label": label, "provenance": set()}
        graph._succ[iri], graph._pred[iri] = {}, {}
        if cache := getattr(graph, "__networkx_cache__", None):  # as networkx's add_node: its cached conversions are stale
            cache.clear()
    elif label < node["label"]:
        node["label"] = label  # two documents naming a node differently: the same label whatever their order
    if isinstance(provenance, Provenance):  # the common case, without a call
        node["provenance"].add(provenance)
    else:
        _add_provenance(node["provenance"], provenance)
    for key, value in properties.items():
        if value is None:
            continue
        if isinstance(value, (list, tuple, set)):
            node[key] = sorted(set(node.get(key, [])) | set(value))
        elif (existing := node.get(key)) is None or (key == "title" and value < existing):
            node[key] = value  # two documents titling it differently: the least, whatever their order


def add_edge(
    graph: nx.MultiDiGraph,
    source: str,
    target: str,
    relation: str,
    provenance: Provenance | set[Provenance] | list[Provenance] | None,
    **properties: Any,
) -> None:
    """Add the ``relation`` edge, or merge provenance into the existing one."""
    if relation not in EDGE_TYPES:
        raise ValueError(f"unknown relation {relation!r}")
    successors: dict[str, dict[str, dict]] | None = graph._succ.get(source)  # private, for speed: see "Private attributes" above
    keys = successors.get(target) if successors is not None else None
    edge = keys.get(relation) if keys is not None else None  # the edge's own attribute dict, or None
    if edge is None:
        if successors is None or target not in graph:
            raise KeyError(f"both ends of a {relation} edge must be nodes: {source} → {target}")
        records: set[Provenance] = set()
        edge = {"provenance": records}
        if keys is None:
            keys = successors[target] = graph._pred[target][source] = {}
        keys[relation] = edge
        if cache := getattr(graph, "__networkx_cache__", None):  # as networkx's add_edge: its cached conversions are stale
            cache.clear()
    else:
        records = edge["provenance"]
    if isinstance(provenance, Provenance):  # the common case, without a call
        records.add(provenance)
    else:
        _add_provenance(records, provenance)
    for key, value in properties.items():
        if value is not None and edge.get(key) is None:
            edge[key] = value


def nodes_of_type(graph: nx.MultiDiGraph, type: str) -> list[str]:
    """IRIs of the nodes of one type, sorted."""
    return sorted(iri for iri, data in graph.nodes(data=True) if data["type"] == type)


def count_by_type(graph: nx.MultiDiGraph) -> dict[str, int]:
    """Number of nodes per node type, sorted by type name."""
    return dict(sorted(Counter(data["type"] for _, data in graph.nodes(data=True)).items()))


def count_by_relation(graph: nx.MultiDiGraph) -> dict[str, int]:
    """Number of edges per relation, sorted by relation name."""
    return dict(sorted(Counter(key for _, _, key in graph.edges(keys=True)).items()))


#: Whether :func:`paused_gc` may pause the collector here: only inside :func:`gc_pauses_allowed`.
_PAUSES_ALLOWED: ContextVar[bool] = ContextVar("policykg_gc_pauses_allowed", default=False)


@contextmanager
def gc_pauses_allowed() -> Iterator[None]:
    """Let :func:`paused_gc` pause the collector in this thread for the ``with`` block.

    For the entry points that own their process's run: the command line and the build
    pipeline (:func:`policykg.graph.pipeline.build_from_paths` and its workers).  Library
    functions that notebooks and servers call (``build_graph``, ``load_graph``, ``to_rdf``,
    the writers) only mark where a pause pays (``paused_gc``); called on their own, they leave
    the host's collector as it is.
    """
    token = _PAUSES_ALLOWED.set(True)
    try:
        yield
    finally:
        _PAUSES_ALLOWED.reset(token)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small objects, where an entry
    point allowed it (:func:`gc_pauses_allowed`); elsewhere, do nothing.

    A build makes millions of small acyclic objects (dicts, tuples, provenance
    records); the collector would rescan the growing graph again and again for
    cycles that are not there.  Also a decorator: ``@paused_gc()``.

    On leaving, what was made meanwhile goes straight to the oldest generation
    (``freeze`` then ``unfreeze``): otherwise the first young collection after
    ``enable`` would scan every object of the new graph once.  It stays collectable by
    full collections.  A host that froze objects itself (``gc.freeze()``, say before
    forking workers) is left alone: ``unfreeze`` would hand its objects back to the
    collector, so the hand-off is skipped then.
    """
    if not _PAUSES_ALLOWED.get():
        yield
        return
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if gc.get_freeze_count() == 0:  # nothing of the host's is frozen: ours only moves
                gc.freeze()  # moves every tracked object to the permanent generation, unscanned ...
                gc.unfreeze()  # ... and back into the oldest one
            gc.enable()
