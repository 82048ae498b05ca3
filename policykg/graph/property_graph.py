"""The property-graph projection of the policy graph, shared by LadybugDB, Neo4j and the Cypher exports.

:func:`project` turns the networkx graph into sorted :class:`PGNode` and
:class:`PGRelationship` records plus a :class:`PGSchema` derived from the data.
The rules:

* **Nodes.** The label is the node's ``type`` (``Commitment``, ``Organisation``, ...).
  Every node has ``iri`` (the key) and ``label``; its other properties are those
  of the graph, typed by name or by value:

  - ``value`` → DOUBLE; ``published``, ``deadline_start``, ``deadline_end``, ``report_date``, ``response_due`` → DATE
    (``datetime.date``; a property with a value that is no ISO date stays STRING);
    ``curated``, ``planned`` → BOOLEAN;
  - otherwise by the Python value: ``int`` → INT64, ``float`` → DOUBLE, ``bool`` →
    BOOLEAN, lists (``aliases``) → STRING[] (elements as strings); everything else
    STRING. A property whose values mix kinds is STRING (INT64 with DOUBLE: DOUBLE).
  - A property is typed once for all labels (``paragraph`` is INT64 everywhere).
  - ``None``, ``""`` and empty lists are left out, as in the RDF mapping, so a
    missing value is ``null`` in Cypher exactly where SPARQL finds no triple.
* **Relationships.** The type is the relation name upper-cased (``led_by`` →
  ``LED_BY``); at most one relationship of a type joins two nodes (the graph's
  edge key is its relation). Edge properties, if any, follow the node rules.
* **Provenance** becomes parallel list properties on nodes *and* relationships,
  one entry per record, records sorted by (document, locator, start, end, quote):
  ``source_documents`` STRING[], ``source_locators`` STRING[], ``source_paragraphs``
  INT64[] (−1 where a record has no paragraph number: lists may not hold nulls),
  ``source_starts`` INT64[], ``source_ends`` INT64[], ``source_quotes`` STRING[].
  They are always present (empty lists when there is no record).
* **Order.** Nodes sorted by (label, iri), relationships by (type, source, target);
  properties in the order ``iri``, ``label``, the others by name, then the six
  provenance lists.
* **Schema.** Per label: the property names (in the order above) with their types;
  per relationship type: its properties and the (from label, to label) pairs
  present in the data — what LadybugDB's DDL needs.

>>> from policykg.graph.model import new_graph, add_node, add_edge, Provenance
>>> g = new_graph()
>>> where = Provenance("https://example.org/doc", "p1", 1, "Intro", 0, 12, "We will act.")
>>> add_node(g, "https://example.org/o", "Organisation", "Home Office", where, kind="department", aliases=["HO"])
>>> add_node(g, "https://example.org/c", "Commitment", "We will act.", where, paragraph=1, deadline_end="2025-12-31")
>>> add_edge(g, "https://example.org/c", "https://example.org/o", "led_by", where)
>>> pg = project(g)
>>> [(n.label, n.properties["iri"]) for n in pg.nodes]
[('Commitment', 'https://example.org/c'), ('Organisation', 'https://example.org/o')]
>>> pg.nodes[0].properties["deadline_end"], pg.nodes[0].properties["source_paragraphs"]
(datetime.date(2025, 12, 31), [1])
>>> pg.schema.nodes["Organisation"][:4]
[('iri', 'STRING'), ('label', 'STRING'), ('aliases', 'STRING[]'), ('kind', 'STRING')]
>>> pg.relationships[0].type, pg.schema.relationships["LED_BY"]
('LED_BY', [('Commitment', 'Organisation')])
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import networkx as nx

from policykg.graph.model import Provenance, paused_gc

STRING, INT64, DOUBLE, DATE, BOOLEAN = "STRING", "INT64", "DOUBLE", "DATE", "BOOLEAN"
STRING_LIST, INT64_LIST = "STRING[]", "INT64[]"

#: Properties typed by name, whatever their Python value.
NAMED_TYPES: dict[str, str] = {
    "value": DOUBLE,
    "published": DATE,
    "deadline_start": DATE,
    "deadline_end": DATE,
    "report_date": DATE,
    "response_due": DATE,
    "curated": BOOLEAN,
    "planned": BOOLEAN,
}

#: The provenance list properties, in order, with their types.
PROVENANCE_PROPERTIES: tuple[tuple[str, str], ...] = (
    ("source_documents", STRING_LIST),
    ("source_locators", STRING_LIST),
    ("source_paragraphs", INT64_LIST),
    ("source_starts", INT64_LIST),
    ("source_ends", INT64_LIST),
    ("source_quotes", STRING_LIST),
)
PROVENANCE_NAMES = tuple(name for name, _ in PROVENANCE_PROPERTIES)

#: Properties of the networkx graph that are not copied as such.
_SKIPPED = {"type", "provenance"}
#: Node property names that the projection itself sets.
RESERVED = {"iri", "label", *PROVENANCE_NAMES}


@dataclass(frozen=True)
class PGNode:
    label: str  # the node type, e.g. "Commitment"
    properties: dict[str, Any]  # iri, label, ..., provenance lists (ordered)

    @property
    def iri(self) -> str:
        return self.properties["iri"]


@dataclass(frozen=True)
class PGRelationship:
    type: str  # e.g. "LED_BY"
    source: str  # IRI
    target: str  # IRI
    source_label: str
    target_label: str
    properties: dict[str, Any]  # provenance lists (and edge properties, if any)


@dataclass
class PGSchema:
    nodes: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # label → [(property, type)]
    relationships: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # type → [(from label, to label)]
    relationship_properties: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # type → [(property, type)]

    def node_types(self) -> dict[str, str]:
        """Property name → type, over all labels."""
        return {name: type_ for columns in self.nodes.values() for name, type_ in columns}


@dataclass(frozen=True)
class PropertyGraph:
    nodes: list[PGNode]
    relationships: list[PGRelationship]
    schema: PGSchema

    def counts(self) -> dict[str, int]:
        return {"nodes": len(self.nodes), "relationships": len(self.relationships)}

    def __iter__(self):  # nodes, relationships, schema = project(graph)
        return iter((self.nodes, self.relationships, self.schema))


def relationship_type(relation: str) -> str:
    """``led_by`` → ``LED_BY``."""
    return relation.upper()


def _present(value: Any) -> bool:
    if value is None or value == "":
        return False
    return not (isinstance(value, (list, tuple, set, frozenset)) and len(value) == 0)


def _is_date(value: Any) -> bool:
    if isinstance(value, date):
        return True
    try:
        date.fromisoformat(str(value))
    except ValueError:
        return False
    return len(str(value)) == 10


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return BOOLEAN
    if isinstance(value, int):
        return INT64
    if isinstance(value, float):
        return DOUBLE
    if isinstance(value, date):
        return DATE
    if isinstance(value, (list, tuple, set, frozenset)):
        return STRING_LIST
    return STRING


def infer_types(records: Iterable[dict[str, Any]]) -> dict[str, str]:
    """Property name → type for the given property dicts (see the module rules)."""
    seen: dict[str, set[str]] = {}
    values: dict[str, list[Any]] = {}
    for record in records:
        for name, value in record.items():
            if name in _SKIPPED or not _present(value):
                continue
            seen.setdefault(name, set()).add(_kind(value))
            if name in NAMED_TYPES and NAMED_TYPES[name] == DATE:
                values.setdefault(name, []).append(value)
    types = {}
    for name, kinds in seen.items():
        if name in NAMED_TYPES:
            wanted = NAMED_TYPES[name]
            if wanted == DATE and not all(_is_date(v) for v in values.get(name, [])):
                wanted = STRING
            types[name] = wanted
        elif len(kinds) == 1:
            types[name] = next(iter(kinds))
        elif kinds == {INT64, DOUBLE}:
            types[name] = DOUBLE
        else:
            types[name] = STRING
    return types


def convert(value: Any, type_: str) -> Any:
    """A graph value as the Python value for its property-graph type."""
    if type_ == DATE:
        return value if isinstance(value, date) else date.fromisoformat(str(value))
    if type_ == DOUBLE:
        return float(value)
    if type_ == INT64:
        return int(value)
    if type_ == BOOLEAN:
        return bool(value)
    if type_ == STRING_LIST:
        items = value if isinstance(value, (list, tuple)) else sorted(value)
        return [str(v) for v in items]
    return str(value)


def provenance_properties(records: Iterable[Provenance]) -> dict[str, list[Any]]:
    """The six parallel provenance lists, records sorted by (document, locator, start, end, quote)."""
    ordered = sorted(records, key=lambda p: (p.document, p.locator, p.start, p.end, p.quote))
    return {
        "source_documents": [p.document for p in ordered],
        "source_locators": [p.locator for p in ordered],
        "source_paragraphs": [-1 if p.paragraph is None else int(p.paragraph) for p in ordered],
        "source_starts": [int(p.start) for p in ordered],
        "source_ends": [int(p.end) for p in ordered],
        "source_quotes": [p.quote for p in ordered],
    }


def _properties(data: dict[str, Any], types: dict[str, str], head: dict[str, Any]) -> dict[str, Any]:
    props = dict(head)
    for name in sorted(data):
        if name in _SKIPPED or name in head or name in PROVENANCE_NAMES or not _present(data[name]):
            continue
        props[name] = convert(data[name], types[name])
    props.update(provenance_properties(data.get("provenance") or ()))
    return props


def _columns(names: set[str], types: dict[str, str], head: tuple[str, ...]) -> list[tuple[str, str]]:
    columns = [(name, STRING) for name in head]
    columns += [(name, types[name]) for name in sorted(names - set(head) - set(PROVENANCE_NAMES))]
    columns += list(PROVENANCE_PROPERTIES)
    return columns


def project(graph: nx.MultiDiGraph) -> PropertyGraph:
    """The property graph of ``graph``: sorted nodes, relationships and the schema they imply."""
    with paused_gc():
        return _project(graph)


def _project(graph: nx.MultiDiGraph) -> PropertyGraph:
    node_data = [(iri, graph.nodes[iri]) for iri in graph.nodes]
    node_types = infer_types(data for _, data in node_data)
    node_types.update({"iri": STRING, "label": STRING})
    nodes = []
    names_by_label: dict[str, set[str]] = {}
    for iri, data in sorted(node_data, key=lambda item: (item[1]["type"], item[0])):
        label = data["type"]
        props = _properties(data, node_types, {"iri": iri, "label": str(data.get("label", ""))})
        nodes.append(PGNode(label, props))
        names_by_label.setdefault(label, set()).update(props)
    label_of = {node.iri: node.label for node in nodes}

    edge_data = [(source, target, relation, graph.edges[source, target, relation]) for source, target, relation in graph.edges(keys=True)]
    edge_types = infer_types(data for *_, data in edge_data)
    relationships = []
    names_by_type: dict[str, set[str]] = {}
    pairs: dict[str, set[tuple[str, str]]] = {}
    for source, target, relation, data in sorted(edge_data, key=lambda e: (relationship_type(e[2]), e[0], e[1])):
        type_ = relationship_type(relation)
        props = _properties(data, edge_types, {})
        relationships.append(PGRelationship(type_, source, target, label_of[source], label_of[target], props))
        names_by_type.setdefault(type_, set()).update(props)
        pairs.setdefault(type_, set()).add((label_of[source], label_of[target]))

    schema = PGSchema(
        nodes={label: _columns(names, node_types, ("iri", "label")) for label, names in sorted(names_by_label.items())},
        relationships={type_: sorted(found) for type_, found in sorted(pairs.items())},
        relationship_properties={type_: _columns(names, edge_types, ()) for type_, names in sorted(names_by_type.items())},
    )
    return PropertyGraph(nodes, relationships, schema)
