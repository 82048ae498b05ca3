"""RDF writers: Turtle, JSON-LD, N-Triples, N-Quads, TriG and RDF/XML, byte-identical for the same graph.

Determinism: triples are added to a fresh rdflib graph in sorted order (rdflib's
memory store iterates in insertion order), N-Triples and N-Quads lines are sorted,
TriG graphs come in sorted order, and JSON-LD nodes are sorted by ``id`` with their
keys and values in a fixed order; there are no blank nodes.

**Named graphs** (N-Quads, TriG): one named graph per source document, named by the
document's IRI (e.g. ``.../id/document/tackling-child-sexual-abuse-progress-update-2025-04-09``,
which is also the ``pkg:Document`` node, so ``GRAPH ?g { ... } ?g dcterms:title ?t``
works).  Every triple is in exactly one graph, chosen by its subject:

* a node, its deadline resources (``<node>/deadline``, ``.../start``, ``.../end``):
  the document the node was *first derived from* — of the documents its provenance
  quotes, the one published earliest (then the smallest IRI; documents without a
  ``pkg:Document`` node, such as the curated facts file, come last);
* a quote (``pkg:Quote``): the document it quotes;
* an edge's reification (``rdf:Statement``): the document the edge was first
  derived from, by the same rule;
* anything that no document states (the SKOS concepts of the response statuses):
  the default graph.

The union of the graphs is exactly :func:`policykg.ontology.rdf.to_rdf` (a test
checks it), so a store that queries the union sees the same data as the Turtle.

**JSON-LD**: the ``@context`` is :func:`jsonld_context`, published beside the data
as ``context.jsonld``; it gives short keys to the common properties (``label``,
``title``, ``number``, ``status``, ``deadline``, ``ledBy``, ``evidence``, ...), ``id``
and ``type`` for ``@id`` and ``@type``, and class names (``Commitment``) for the
``pkg:`` classes, so the file reads as plain JSON:

.. code-block:: json

    {"id": "https://w3id.org/policykg/id/response/iicsa/13", "type": ["Response", "prov:Entity"],
     "label": "Response to recommendation 13", "number": 13, "status": "pkg:status-accepted",
     "respondsTo": ["https://w3id.org/policykg/id/recommendation/iicsa/13"], "evidence": ["..."]}

Node IRIs stay absolute (no ``@base``: a remote context's ``@base`` is ignored by
JSON-LD processors); vocabulary IRIs are compacted with the prefixes. A value whose
form does not fit its key's declared type falls back to the prefixed property with
an explicit value object, so the file always expands to the same triples.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import OWL, RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, PROV, TIME
from rdflib.term import Node

from policykg.atomic import atomic_write_text
from policykg.graph.model import EDGE_TYPES, NODE_TYPES, Provenance
from policykg.ontology.rdf import OA, PKG, PREFIXES, new_rdf_graph, quote_iri, relation_predicate, statement_iri, to_rdf

#: format name → (rdflib serializer name, file suffix, media type)
RDF_FORMATS: dict[str, tuple[str, str, str]] = {
    "turtle": ("turtle", ".ttl", "text/turtle"),
    "jsonld": ("json-ld", ".jsonld", "application/ld+json"),
    "ntriples": ("nt", ".nt", "application/n-triples"),
    "nquads": ("nquads", ".nq", "application/n-quads"),
    "trig": ("trig", ".trig", "application/trig"),
    "rdfxml": ("xml", ".rdf", "application/rdf+xml"),
}

#: formats that carry named graphs (one per source document)
DATASET_FORMATS = frozenset({"nquads", "trig"})

Triple = tuple[Node, Node, Node]
GraphNames = Mapping[Node, URIRef]  # subject → name of its graph (absent: the default graph)


def _sorted_triples(triples: Iterable[Triple]) -> list[Triple]:
    return sorted(triples, key=lambda t: tuple(term.n3() for term in t))


def canonical(rdf: Graph | Iterable[Triple]) -> Graph:
    """A copy of ``rdf`` whose triples iterate in sorted order."""
    ordered = new_rdf_graph()
    for triple in _sorted_triples(rdf):
        ordered.add(triple)
    return ordered


# ---------------------------------------------------------------------------- named graphs


def _document_order(graph: nx.MultiDiGraph) -> dict[str, tuple[str, str]]:
    """Sort key of each source document: (publication date, IRI); unknown documents last."""
    return {iri: (str(data.get("published") or "9999-12-31"), iri) for iri, data in graph.nodes(data=True) if data.get("type") == "Document"}


def graph_names(graph: nx.MultiDiGraph) -> dict[Node, URIRef]:
    """Subject → the named graph (source document IRI) its triples go in; see the module docstring."""
    order = _document_order(graph)

    def first(records: Iterable[Provenance]) -> URIRef | None:
        documents = {record.document for record in records}
        if not documents:
            return None
        return URIRef(min(documents, key=lambda d: order.get(d, ("9999-12-31~", d))))

    names: dict[Node, URIRef] = {}
    for iri, data in graph.nodes(data=True):
        records = data.get("provenance") or ()
        for record in records:
            names[quote_iri(record)] = URIRef(record.document)
        name = first(records)
        if name is None:
            continue
        for subject in (iri, f"{iri}/deadline", f"{iri}/deadline/start", f"{iri}/deadline/end"):
            names[URIRef(subject)] = name
    for source, target, relation, data in graph.edges(keys=True, data=True):
        records = data.get("provenance") or ()
        for record in records:
            names[quote_iri(record)] = URIRef(record.document)
        name = first(records)
        if name is not None:
            names[statement_iri(source, relation, target)] = name
    return names


def split_graphs(rdf: Graph, names: GraphNames, *, ordered: bool = False) -> dict[URIRef | None, list[Triple]]:
    """The triples of ``rdf`` per graph name (``None``: the default graph), each list sorted
    (``ordered``: ``rdf`` already iterates in sorted order, see :func:`canonical`)."""
    parts: dict[URIRef | None, list[Triple]] = {}
    for triple in rdf:
        parts.setdefault(names.get(triple[0]), []).append(triple)
    return {name: parts[name] if ordered else _sorted_triples(parts[name]) for name in sorted(parts, key=lambda n: "" if n is None else str(n))}


def _in_order(triples: Iterable[Triple]) -> Graph:
    """A graph of already sorted triples, in that order."""
    graph = new_rdf_graph()
    for triple in triples:
        graph.add(triple)
    return graph


def _nquads(parts: dict[URIRef | None, list[Triple]]) -> str:
    lines: list[str] = []
    for name, triples in parts.items():
        for line in _in_order(triples).serialize(format="nt").splitlines():
            if not line.strip():
                continue
            if name is not None:
                assert line.endswith(" ."), line
                line = f"{line[:-2]} {name.n3()} ."
            lines.append(line)
    return "\n".join(sorted(lines)) + "\n"


def _trig(parts: dict[URIRef | None, list[Triple]]) -> str:
    """TriG: the prefixes once, then the default graph's triples, then each named graph in braces.

    Graph bodies are rdflib's (deterministic) Turtle, not indented: indenting would
    change multi-line literals.
    """
    prefixes: set[str] = set()
    blocks: list[str] = []
    shared = new_rdf_graph().namespace_manager  # prefixes rdflib makes up (ns1, ...) mean the same in every graph
    for name, triples in parts.items():
        part = _in_order(triples)
        part.namespace_manager = shared
        text = part.serialize(format="turtle")
        body = []
        for line in text.splitlines():
            if line.startswith("@prefix "):
                prefixes.add(line)
            else:
                body.append(line)
        content = "\n".join(body).strip("\n")
        blocks.append(content + "\n" if name is None else f"{name.n3()} {{\n{content}\n}}\n")
    return "\n".join(sorted(prefixes)) + "\n\n" + "\n".join(blocks)


# ---------------------------------------------------------------------------- JSON-LD

_ID, _STR, _INT, _BOOL, _DATE, _DECIMAL, _EN = "id", "str", "int", "bool", "date", "decimal", "en"
_SET = True

#: JSON-LD term → (property, value kind, always a list)
JSONLD_TERMS: dict[str, tuple[URIRef, str, bool]] = {
    # labels and document metadata
    "label": (RDFS.label, _STR, False),
    "aliases": (SKOS.altLabel, _STR, _SET),
    "prefLabel": (SKOS.prefLabel, _EN, False),
    "inScheme": (SKOS.inScheme, _ID, False),
    "title": (DCTERMS.title, _STR, False),
    "published": (DCTERMS.issued, _DATE, False),
    "landingPage": (DCAT.landingPage, _ID, False),
    "license": (DCTERMS.license, _ID, False),
    "source": (DCTERMS.source, _ID, False),
    "homepage": (FOAF.homepage, _ID, False),
    "sameAs": (OWL.sameAs, _ID, _SET),
    "isPartOf": (DCTERMS.isPartOf, _ID, _SET),
    "creator": (DCTERMS.creator, _ID, _SET),
    # policykg properties
    "heading": (PKG.heading, _STR, False),
    "position": (PKG.position, _INT, False),
    "number": (PKG.number, _INT, False),
    "locator": (PKG.locator, _STR, False),
    "text": (PKG.text, _STR, False),
    "sectionHeading": (PKG.sectionHeading, _STR, False),
    "paragraphNumber": (PKG.paragraphNumber, _INT, False),
    "kind": (PKG.kind, _STR, False),
    "curated": (PKG.curated, _BOOL, False),
    "planned": (PKG.planned, _BOOL, False),
    "status": (PKG.status, _ID, False),
    "statusQuote": (PKG.statusQuote, _STR, False),
    "statusSource": (PKG.statusSource, _STR, False),
    "deadline": (PKG.deadlineISO, _STR, False),
    "deadlineStart": (PKG.deadlineStart, _DATE, False),
    "deadlineDate": (PKG.deadlineDate, _DATE, False),
    "deadlineText": (PKG.deadlineText, _STR, False),
    "hasDeadline": (PKG.hasDeadline, _ID, False),
    "conditions": (PKG.conditions, _STR, False),
    "amountGBP": (PKG.amountGBP, _INT, False),
    "amountText": (PKG.amountText, _STR, False),
    "purpose": (PKG.purpose, _STR, False),
    "value": (PKG.value, _DECIMAL, False),
    "unit": (PKG.unit, _STR, False),
    "measure": (PKG.measure, _STR, False),
    "claim": (PKG.claim, _STR, False),
    "period": (PKG.period, _STR, False),
    # provenance
    "evidence": (PKG.evidence, _ID, _SET),
    "exact": (OA.exact, _STR, False),
    "startOffset": (PKG.startOffset, _INT, False),
    "endOffset": (PKG.endOffset, _INT, False),
    "wasQuotedFrom": (PROV.wasQuotedFrom, _ID, False),
    "wasDerivedFrom": (PROV.wasDerivedFrom, _ID, _SET),
    "subject": (RDF.subject, _ID, False),
    "predicate": (RDF.predicate, _ID, False),
    "object": (RDF.object, _ID, False),
    # deadlines (OWL-Time)
    "hasBeginning": (TIME.hasBeginning, _ID, False),
    "hasEnd": (TIME.hasEnd, _ID, False),
    "inXSDDate": (TIME.inXSDDate, _DATE, False),
    # relations: ledBy, answers, respondsTo, ...
    **{str(relation_predicate(relation)).removeprefix(str(PKG)): (relation_predicate(relation), _ID, _SET) for relation in EDGE_TYPES},
}

#: JSON-LD term → class (``"type": ["Commitment", "prov:Plan"]``)
JSONLD_CLASSES: dict[str, URIRef] = {name: PKG[name] for name in [*NODE_TYPES, "Quote"]} | {"Statement": RDF.Statement}

_JSONLD_PREFIXES: dict[str, str] = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()} | {"rdf": str(RDF)}

_BY_PREDICATE = {predicate: term for term, (predicate, _, _) in JSONLD_TERMS.items()}
assert len(_BY_PREDICATE) == len(JSONLD_TERMS), "two JSON-LD terms for one property"
assert not (set(JSONLD_TERMS) | set(JSONLD_CLASSES)) & set(_JSONLD_PREFIXES), "a JSON-LD term is also a prefix"
_CLASS_TERMS = {iri: term for term, iri in JSONLD_CLASSES.items()}
_CANONICAL_INTEGER = re.compile(r"-?(?:0|[1-9][0-9]*)")
_DATATYPES = {_DATE: XSD.date, _DECIMAL: XSD.decimal}


def compact_iri(iri: str) -> str:
    """``prefix:local`` for an IRI in one of the prefixed namespaces (the longest that fits), else the IRI.

    >>> compact_iri("https://w3id.org/policykg/ontology#status-accepted")
    'pkg:status-accepted'
    >>> compact_iri("https://w3id.org/policykg/id/organisation/home-office")
    'https://w3id.org/policykg/id/organisation/home-office'
    """
    best = ""
    for prefix, namespace in _JSONLD_PREFIXES.items():
        if iri.startswith(namespace) and len(namespace) > len(_JSONLD_PREFIXES.get(best, "")):
            local = iri[len(namespace):]
            if local and not local.startswith("//"):
                best = prefix
    return f"{best}:{iri[len(_JSONLD_PREFIXES[best]):]}" if best else iri


def jsonld_context() -> dict[str, Any]:
    """The JSON-LD ``@context`` of the exports (and the published ``context.jsonld``).

    >>> context = jsonld_context()
    >>> context["id"], context["status"], context["number"]
    ('@id', {'@id': 'pkg:status', '@type': '@id'}, 'pkg:number')
    >>> context["ledBy"]
    {'@id': 'pkg:ledBy', '@type': '@id', '@container': '@set'}
    """
    context: dict[str, Any] = {"id": "@id", "type": "@type"}
    context.update(sorted(_JSONLD_PREFIXES.items()))
    context.update(sorted((term, compact_iri(iri)) for term, iri in JSONLD_CLASSES.items()))
    for term, (predicate, kind, is_set) in sorted(JSONLD_TERMS.items()):
        definition: dict[str, str] = {"@id": compact_iri(predicate)}
        if kind == _ID:
            definition["@type"] = "@id"
        elif kind in _DATATYPES:
            definition["@type"] = compact_iri(_DATATYPES[kind])
        elif kind == _EN:
            definition["@language"] = "en"
        if is_set:
            definition["@container"] = "@set"
        context[term] = definition if len(definition) > 1 else definition["@id"]
    return context


def _fits(value: Node, kind: str) -> Any:
    """The plain-JSON form of ``value`` under a term of ``kind``, or ``None`` if it does not fit."""
    if kind == _ID:
        return compact_iri(str(value)) if isinstance(value, URIRef) else None
    if not isinstance(value, Literal):
        return None
    lexical, datatype, language = str(value), value.datatype, value.language
    if kind == _STR:
        return lexical if datatype is None and language is None else None
    if kind == _EN:
        return lexical if language == "en" else None
    if kind == _INT:
        return int(lexical) if datatype == XSD.integer and _CANONICAL_INTEGER.fullmatch(lexical) else None
    if kind == _BOOL:
        return {"true": True, "false": False}.get(lexical) if datatype == XSD.boolean else None
    return lexical if datatype == _DATATYPES[kind] else None


def _explicit(value: Node) -> Any:
    """The JSON-LD form of ``value`` under a key with no declared type."""
    if isinstance(value, URIRef):
        return {"id": compact_iri(str(value))}
    assert isinstance(value, Literal), f"blank nodes are not exported: {value!r}"
    for kind in (_STR, _INT, _BOOL):
        plain = _fits(value, kind)
        if plain is not None:
            return plain
    if value.language:
        return {"@value": str(value), "@language": value.language}
    return {"@value": str(value), "@type": compact_iri(str(value.datatype))}


def _json_key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def jsonld_document(rdf: Graph) -> dict[str, Any]:
    """The JSON-LD document of ``rdf`` with :func:`jsonld_context` (see the module docstring)."""
    subjects: dict[Node, dict[str, list[Any]]] = {}
    types: dict[Node, list[str]] = {}
    for subject, predicate, value in rdf:
        assert isinstance(subject, URIRef), f"blank nodes are not exported: {subject!r}"
        properties = subjects.setdefault(subject, {})
        if predicate == RDF.type and isinstance(value, URIRef):
            types.setdefault(subject, []).append(_CLASS_TERMS.get(value) or compact_iri(str(value)))
            continue
        term = _BY_PREDICATE.get(predicate)  # type: ignore[arg-type]
        plain = _fits(value, JSONLD_TERMS[term][1]) if term else None
        if term and plain is not None:
            properties.setdefault(term, []).append(plain)
        else:
            properties.setdefault(compact_iri(str(predicate)), []).append(_explicit(value))
    nodes = []
    for subject in sorted(subjects, key=str):
        node: dict[str, Any] = {"id": compact_iri(str(subject))}
        if subject in types:
            node["type"] = sorted(types[subject])
        for key in sorted(subjects[subject]):
            values = sorted(subjects[subject][key], key=_json_key)
            is_set = key in JSONLD_TERMS and JSONLD_TERMS[key][2]
            node[key] = values if is_set or len(values) > 1 else values[0]
        nodes.append(node)
    return {"@context": jsonld_context(), "@graph": nodes}


# ---------------------------------------------------------------------------- serialisation


def serialize_rdf(rdf: Graph, format: str, *, names: GraphNames | None = None, ordered: bool = False) -> str:
    """Serialise deterministically in one of :data:`RDF_FORMATS`.

    ``names`` (from :func:`graph_names`) places triples in named graphs for the
    dataset formats (N-Quads, TriG); without it everything is in the default graph.
    ``ordered``: ``rdf`` is already :func:`canonical` (saves sorting it again).
    """
    serializer = RDF_FORMATS[format][0]
    if format in DATASET_FORMATS:
        parts = split_graphs(rdf, names or {}, ordered=ordered)
        return _nquads(parts) if format == "nquads" else _trig(parts)
    if format == "jsonld":
        return json.dumps(jsonld_document(rdf), ensure_ascii=False, indent=1) + "\n"
    graph = rdf if ordered else canonical(rdf)
    if format == "ntriples":
        lines = sorted(line for line in graph.serialize(format="nt").splitlines() if line.strip())
        return "\n".join(lines) + "\n"
    text = graph.serialize(format=serializer)
    if format == "rdfxml":  # rdflib writes subjects in set order: sort the description blocks
        marker = "\n  <rdf:Description"
        head, *blocks = text.split(marker)
        if blocks:
            last = blocks[-1].rsplit("\n</rdf:RDF>", 1)
            blocks[-1] = last[0]
            text = head + "".join(marker + block for block in sorted(blocks)) + "\n</rdf:RDF>" + last[1]
    return text


def serialize_graph(graph: nx.MultiDiGraph, format: str, rdf: Graph | None = None) -> str:
    """The policy graph serialised in ``format`` (``rdf``: its :func:`to_rdf`, if already made)."""
    rdf = to_rdf(graph) if rdf is None else rdf
    return serialize_rdf(rdf, format, names=graph_names(graph) if format in DATASET_FORMATS else None)


def write_rdf(graph: nx.MultiDiGraph, path: str | Path, format: str) -> Path:
    """Write the policy graph as RDF to ``path`` (atomically)."""
    return atomic_write_text(Path(path), serialize_graph(graph, format))
