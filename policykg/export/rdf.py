"""RDF writers: Turtle, JSON-LD, N-Triples, N-Quads, TriG and RDF/XML, byte-identical for the same graph.

Determinism, speed and memory: every format is written, a piece at a time, from the
sorted, duplicate-free N-Triples grouped by subject
(:func:`policykg.ontology.rdf.ntriples_groups`, built without an rdflib graph), one
writer per format (:data:`WRITERS`): Turtle one block per subject
(:func:`turtle_chunks`), TriG and RDF/XML by pyoxigraph's streaming serialisers,
which keep the input order; N-Quads in the sorted order; JSON-LD nodes
sorted by ``id`` with their keys and values in a fixed order; there are no blank
nodes. (rdflib's serialisers take ~15 s per 100k triples; this path is ~10× faster
or more: see ``benchmarks/bench_export.py``.)

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

    {"type": ["Response", "prov:Entity"], "id": "https://w3id.org/policykg/id/response/iicsa/13",
     "label": "Response to recommendation 13", "number": 13, "status": "pkg:status-accepted",
     "respondsTo": ["https://w3id.org/policykg/id/recommendation/iicsa/13"], "evidence": ["..."]}

Node IRIs stay absolute (no ``@base``: a remote context's ``@base`` is ignored by
JSON-LD processors); vocabulary IRIs are compacted with the prefixes. A value whose
form does not fit its key's declared type falls back to the prefixed property with
an explicit value object, so the file always expands to the same triples.
"""

from __future__ import annotations

import io
import itertools
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

import networkx as nx
import pyoxigraph as ox
from rdflib import OWL, RDF, RDFS, SKOS, XSD, Graph, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, PROV, TIME

from policykg.atomic import atomic_open
from policykg.graph.model import EDGE_TYPES, NODE_TYPES, Provenance, paused_gc
from policykg.ontology.rdf import (
    OA,
    PKG,
    PREFIXES,
    ChunkReader,
    encoded_chunks,
    iter_triples,
    ntriples_groups,
    quote_iri,
    relation_predicate,
    statement_iri,
)

#: format name → (pyoxigraph format or None for our own writer, file suffix, media type)
RDF_FORMATS: dict[str, tuple[ox.RdfFormat | None, str, str]] = {
    "turtle": (ox.RdfFormat.TURTLE, ".ttl", "text/turtle"),
    "jsonld": (None, ".jsonld", "application/ld+json"),
    "ntriples": (None, ".nt", "application/n-triples"),
    "nquads": (None, ".nq", "application/n-quads"),
    "trig": (ox.RdfFormat.TRIG, ".trig", "application/trig"),
    "rdfxml": (ox.RdfFormat.RDF_XML, ".rdf", "application/rdf+xml"),
}

#: formats that carry named graphs (one per source document)
DATASET_FORMATS = frozenset({"nquads", "trig"})

#: subject IRI → name (IRI) of the graph its triples go in; absent: the default graph
GraphNames = Mapping[str, str]

_PREFIXES = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}


def rdflib_ntriples(rdf: Graph) -> str:
    """An rdflib graph as a sorted, duplicate-free N-Triples document (for graphs made elsewhere)."""
    lines = {line for line in rdf.serialize(format="nt").splitlines() if line.strip()}
    return "".join(line + "\n" for line in sorted(lines))


# ---------------------------------------------------------------------------- named graphs


def _document_order(graph: nx.MultiDiGraph) -> dict[str, tuple[str, str]]:
    """Sort key of each source document: (publication date, IRI); unknown documents last."""
    return {iri: (str(data.get("published") or "9999-12-31"), iri) for iri, data in graph.nodes(data=True) if data.get("type") == "Document"}


def graph_names(graph: nx.MultiDiGraph) -> dict[str, str]:
    """Subject IRI → the named graph (source document IRI) its triples go in; see the module docstring."""
    order = _document_order(graph)

    def first(records: Iterable[Provenance]) -> str | None:
        documents = {record.document for record in records}
        if not documents:
            return None
        return min(documents, key=lambda d: order.get(d, ("9999-12-31~", d)))

    names: dict[str, str] = {}
    for iri, data in graph.nodes(data=True):
        records = data.get("provenance") or ()
        for record in records:
            names[quote_iri(record)] = record.document
        name = first(records)
        if name is None:
            continue
        for subject in (iri, f"{iri}/deadline", f"{iri}/deadline/start", f"{iri}/deadline/end"):
            names[subject] = name
    for source, target, relation, data in graph.edges(keys=True, data=True):
        records = data.get("provenance") or ()
        for record in records:
            names[quote_iri(record)] = record.document
        name = first(records)
        if name is not None:
            names[statement_iri(source, relation, target)] = name
    return names


Groups = Iterable[tuple[str, list[str]]]
"""Sorted N-Triples by subject: each subject term (``<...>``) with its sorted ``<predicate> object .``
parts, as :func:`~policykg.ontology.rdf.ntriples_groups` gives them.  Every writer below reads them."""


def _quad_groups(groups: Groups, names: GraphNames) -> Iterator[tuple[str, str | None, list[str]]]:
    """``(subject term, graph term or None for the default graph, parts)`` of each group."""
    wrapped = {f"<{subject}>": f"<{name}>" for subject, name in names.items()}
    for subject, parts in groups:
        yield subject, wrapped.get(subject), parts


def _nquads_chunks(quad_groups: Iterable[tuple[str, str | None, list[str]]]) -> Iterator[bytes]:
    """N-Quads lines, ~1,000 at a time.  In the sorted triples' order, which is also the sorted
    quads' order: an object term is followed by a space in both, so no comparison changes."""
    return encoded_chunks(f"{subject} {part}\n" if name is None else f"{subject} {part[:-2]} {name} .\n"  # part[:-2]: without " ."
                          for subject, name, parts in quad_groups for part in parts)


def _by_graph(quad_groups: Iterable[tuple[str, str | None, list[str]]]) -> list[tuple[str, str | None, list[str]]]:
    """The groups with each graph's together, the default graph first, then by name: TriG's order."""
    graphs: dict[str | None, list[tuple[str, str | None, list[str]]]] = {}
    for group in quad_groups:
        graphs.setdefault(group[1], []).append(group)
    return [group for name in sorted(graphs, key=lambda n: "" if n is None else n) for group in graphs[name]]


def _convert(data: bytes | IO[bytes], source: ox.RdfFormat, target: ox.RdfFormat, output: IO[bytes] | None = None) -> bytes:
    """pyoxigraph's streaming parser into its serialiser: into ``output`` (then ``b""`` is returned), else into bytes."""
    return ox.serialize(ox.parse(data, format=source), output, target, prefixes=_PREFIXES) or b""


# ---------------------------------------------------------------------------- Turtle

# Turtle is written here from the sorted N-Triples, a subject's triples in one block: N-Triples
# terms are Turtle terms, so what remains is grouping and shortening.  The blocks are those
# pyoxigraph's writer (used before) wrote, byte for byte; it took its input as one Python object
# per triple, and for 1.6M triples spent 2.4 s, plus 0.6 s to encode the lines for it.
_LOCAL_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")  # local names written prefixed: a safe subset of Turtle's PN_LOCAL
_BARE = {  # datatype → lexical forms Turtle writes without quotes, for the same literal
    f"<{XSD.integer}>": re.compile(r"[+-]?[0-9]+"),
    f"<{XSD.decimal}>": re.compile(r"[+-]?[0-9]*\.[0-9]+"),
    f"<{XSD.boolean}>": re.compile(r"true|false"),
}
#: About how many triples a chunk of streamed N-Triples or Turtle holds (a chunk is made whole, then written).
_CHUNK_LINES = 1_000


def turtle_chunks(groups: Iterable[tuple[str, list[str]]]) -> Iterator[str]:
    r"""Turtle text of N-Triples ``groups`` (subject term, its ``<predicate> object .`` parts, as
    :func:`~policykg.ontology.rdf.ntriples_groups` gives them), in pieces: the prefixes, then one
    block per subject (``<s> a pkg:Commitment , prov:Plan ;`` ...), vocabulary IRIs prefixed
    (:data:`~policykg.ontology.rdf.PREFIXES`), numbers and booleans bare.

    >>> chunks = turtle_chunks([("<https://e.org/s>", ['<http://www.w3.org/2000/01/rdf-schema#label> "S" .',
    ...                          '<https://w3id.org/policykg/ontology#number> "3"^^<http://www.w3.org/2001/XMLSchema#integer> .'])])
    >>> prefixes, block = next(chunks), next(chunks)
    >>> block
    '<https://e.org/s> rdfs:label "S" ;\n\tpkg:number 3 .\n'
    """
    by_length = sorted(_PREFIXES.items(), key=lambda item: len(item[1]), reverse=True)  # the longest namespace matches first
    prefix_of = {namespace: prefix for prefix, namespace in by_length}
    in_vocabulary = re.compile("<(" + "|".join(re.escape(namespace) for _, namespace in by_length) + ")")
    shortened: dict[str, str] = {f"<{RDF.type}>": "a"}  # vocabulary IRI term → as written (not data IRIs: most occur once)

    def iri(term: str) -> str:
        found = shortened.get(term)
        if found is None:
            match = in_vocabulary.match(term)
            if match is None:
                return term
            local = term[match.end() : -1]
            found = shortened[term] = f"{prefix_of[match.group(1)]}:{local}" if _LOCAL_NAME.fullmatch(local) else term
        return found

    def value(term: str) -> str:
        if term[0] == "<":
            return iri(term)
        if term[-1] != ">":
            return term  # a plain or language-tagged literal: as in N-Triples
        quote = term.rindex('"^^<')  # the closing quote (an IRI holds no '"')
        lexical, datatype = term[1:quote], term[quote + 3 :]
        bare = _BARE.get(datatype)
        if bare is not None and bare.fullmatch(lexical):
            return lexical
        return f'"{lexical}"^^{iri(datatype)}'

    yield "".join(f"@prefix {prefix}: <{namespace}> .\n" for prefix, namespace in _PREFIXES.items())
    out: list[str] = []
    lines = 0
    for subject, parts in groups:
        out += (iri(subject), " ")
        predicate = None
        for part in parts:
            part_predicate, _, term = part.partition(" ")
            if part_predicate == predicate:
                out.append(" , ")
            else:
                if predicate is not None:
                    out.append(" ;\n\t")
                out += (iri(part_predicate), " ")
                predicate = part_predicate
            out.append(value(term[:-2]))  # without " ."
        out.append(" .\n")
        lines += len(parts)
        if lines >= _CHUNK_LINES:
            yield "".join(out)
            out.clear()
            lines = 0
    yield "".join(out)


def _line_groups(lines: Iterable[str]) -> Iterator[tuple[str, list[str]]]:
    """Sorted N-Triples lines by subject, as :func:`~policykg.ontology.rdf.ntriples_groups` gives them."""
    for subject, group in itertools.groupby(lines, key=lambda line: line[: line.index(" ")]):
        yield subject, [line[len(subject) + 1 :] for line in group]


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
    "outcome": (PKG.outcome, _STR, False),  # a follow-up's, on its rdf:Statement
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

_BY_PREDICATE = {str(predicate): term for term, (predicate, _, _) in JSONLD_TERMS.items()}
assert len(_BY_PREDICATE) == len(JSONLD_TERMS), "two JSON-LD terms for one property"
assert not (set(JSONLD_TERMS) | set(JSONLD_CLASSES)) & set(_JSONLD_PREFIXES), "a JSON-LD term is also a prefix"
_CLASS_TERMS = {str(iri): term for term, iri in JSONLD_CLASSES.items()}
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


_XSD_STRING, _LANG_STRING = str(XSD.string), str(RDF.langString)


def _fits(value: ox.NamedNode | ox.Literal, kind: str) -> Any:
    """The plain-JSON form of ``value`` under a term of ``kind``, or ``None`` if it does not fit."""
    if kind == _ID:
        return compact_iri(value.value) if isinstance(value, ox.NamedNode) else None
    if not isinstance(value, ox.Literal):
        return None
    lexical, datatype, language = value.value, value.datatype.value, value.language
    if kind == _STR:
        return lexical if datatype == _XSD_STRING else None
    if kind == _EN:
        return lexical if language == "en" else None
    if kind == _INT:
        return int(lexical) if datatype == str(XSD.integer) and _CANONICAL_INTEGER.fullmatch(lexical) else None
    if kind == _BOOL:
        return {"true": True, "false": False}.get(lexical) if datatype == str(XSD.boolean) else None
    return lexical if datatype == str(_DATATYPES[kind]) else None


def _explicit(value: ox.NamedNode | ox.Literal) -> Any:
    """The JSON-LD form of ``value`` under a key with no declared type."""
    if isinstance(value, ox.NamedNode):
        return {"id": compact_iri(value.value)}
    assert isinstance(value, ox.Literal), f"blank nodes are not exported: {value!r}"
    for kind in (_STR, _INT, _BOOL):
        plain = _fits(value, kind)
        if plain is not None:
            return plain
    if value.language:
        return {"@value": value.value, "@language": value.language}
    return {"@value": value.value, "@type": compact_iri(value.datatype.value)}


def _json_key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _jsonld_node(subject: str, quads: Iterable[ox.Quad]) -> dict[str, Any]:
    """The JSON-LD node of one subject IRI, from its triples."""
    properties: dict[str, list[Any]] = {}
    types: list[str] = []
    rdf_type = str(RDF.type)
    for quad in quads:
        predicate, value = quad.predicate.value, quad.object
        if predicate == rdf_type and isinstance(value, ox.NamedNode):
            types.append(_CLASS_TERMS.get(value.value) or compact_iri(value.value))
            continue
        term = _BY_PREDICATE.get(predicate)
        plain = _fits(value, JSONLD_TERMS[term][1]) if term else None
        if term and plain is not None:
            properties.setdefault(term, []).append(plain)
        else:
            properties.setdefault(compact_iri(predicate), []).append(_explicit(value))
    # "type", then "id", then the properties: the order of Streaming JSON-LD, which parsers can read
    # without holding the whole file (pyoxigraph's RdfFormat.STREAMING_JSON_LD needs it).
    node: dict[str, Any] = {"type": sorted(types)} if types else {}
    node["id"] = compact_iri(subject)
    for key in sorted(properties):
        values = sorted(properties[key], key=_json_key)
        is_set = key in JSONLD_TERMS and JSONLD_TERMS[key][2]
        node[key] = values if is_set or len(values) > 1 else values[0]
    return node


def _jsonld_chunks(groups: Groups) -> Iterator[bytes]:
    """The JSON-LD document of ``groups`` with :func:`jsonld_context` (see the module docstring), node by
    node: the text ``json.dumps(document, ensure_ascii=False, indent=1)`` gives, without the whole
    document in memory (for 1.6M triples it took ~2 GB as Python objects)."""
    # Nodes are sorted by IRI, which is not the order of the subject terms ("<a/b>" sorts before
    # "<a>"); a term is "<" + the IRI + ">", its IRI percent-encoded, so term[1:-1] is the IRI.
    ordered = sorted(groups, key=lambda group: group[0][1:-1])
    head = json.dumps({"@context": jsonld_context(), "@graph": []}, ensure_ascii=False, indent=1)
    if not ordered:
        yield (head + "\n").encode("utf-8")
        return
    yield head.removesuffix("]\n}").encode("utf-8")
    quads = ox.parse(ntriples_reader(ordered), format=ox.RdfFormat.N_TRIPLES)
    nodes: list[str] = []
    for subject, triples in itertools.groupby(quads, key=lambda quad: quad.subject):
        assert isinstance(subject, ox.NamedNode), f"blank nodes are not exported: {subject!r}"
        # A node at depth 2 of the document: its lines indented by two more spaces (JSON strings hold no line breaks).
        nodes.append("\n  " + json.dumps(_jsonld_node(subject.value, triples), ensure_ascii=False, indent=1).replace("\n", "\n  "))
        if len(nodes) >= _CHUNK_LINES // 10:
            yield ",".join(nodes).encode("utf-8") + b","
            nodes.clear()
    yield (",".join(nodes) + "\n ]\n}\n").encode("utf-8")


# ---------------------------------------------------------------------------- serialisation


# One writer per format: (groups, graph names, binary stream) → the format's bytes written to the stream.
Writer = Callable[[Groups, GraphNames, IO[bytes]], None]


def _write_ntriples(groups: Groups, names: GraphNames, stream: IO[bytes]) -> None:
    stream.writelines(_ntriples_chunks(groups))


def _write_turtle(groups: Groups, names: GraphNames, stream: IO[bytes]) -> None:
    stream.writelines(text.encode("utf-8") for text in turtle_chunks(groups))


def _write_rdfxml(groups: Groups, names: GraphNames, stream: IO[bytes]) -> None:
    _convert(ntriples_reader(groups), ox.RdfFormat.N_TRIPLES, ox.RdfFormat.RDF_XML, stream)


def _write_nquads(groups: Groups, names: GraphNames, stream: IO[bytes]) -> None:
    stream.writelines(_nquads_chunks(_quad_groups(groups, names)))


def _write_trig(groups: Groups, names: GraphNames, stream: IO[bytes]) -> None:
    by_graph = _by_graph(_quad_groups(groups, names))  # pyoxigraph's TriG writer keeps the order: each graph's quads together
    _convert(ChunkReader(_nquads_chunks(by_graph)), ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG, stream)


def _write_jsonld(groups: Groups, names: GraphNames, stream: IO[bytes]) -> None:
    stream.writelines(_jsonld_chunks(groups))


WRITERS: dict[str, Writer] = {"turtle": _write_turtle, "jsonld": _write_jsonld, "ntriples": _write_ntriples,
                              "nquads": _write_nquads, "trig": _write_trig, "rdfxml": _write_rdfxml}
assert WRITERS.keys() == RDF_FORMATS.keys()


def write_groups(groups: Groups, format: str, stream: IO[bytes], *, names: GraphNames | None = None) -> None:
    """Write sorted N-Triples ``groups`` (:func:`~policykg.ontology.rdf.ntriples_groups`) to ``stream``
    deterministically in one of :data:`RDF_FORMATS`, a piece at a time.

    ``names`` (from :func:`graph_names`) places triples in named graphs for the
    dataset formats (N-Quads, TriG); without it everything is in the default graph.
    """
    WRITERS[format](groups, names or {}, stream)


def serialize_ntriples(ntriples: str, format: str, *, names: GraphNames | None = None) -> str:
    """Serialise a sorted N-Triples document (:func:`~policykg.ontology.rdf.to_ntriples`) in one of
    :data:`RDF_FORMATS`, as :func:`write_groups` does."""
    stream = io.BytesIO()
    write_groups(_line_groups(ntriples.splitlines()), format, stream, names=names)
    return stream.getvalue().decode("utf-8")


def serialize_rdf(rdf: Graph, format: str, *, names: GraphNames | None = None) -> str:
    """An rdflib graph serialised like the policy graph (for RDF made elsewhere, e.g. metadata)."""
    return serialize_ntriples(rdflib_ntriples(rdf), format, names=names)


def serialize_graph(graph: nx.MultiDiGraph, format: str) -> str:
    """The policy graph serialised in ``format``, as one string (:func:`write_rdf` writes it to a file)."""
    stream = io.BytesIO()
    _write_graph(graph, format, stream)
    return stream.getvalue().decode("utf-8")


def write_rdf(graph: nx.MultiDiGraph, path: str | Path, format: str) -> Path:
    """Write the policy graph as RDF to ``path`` (atomically), a piece at a time.

    Every format streams from the sorted triples to the file (:func:`write_groups`): the whole
    document is never one string in memory (for 100 generated documents, 1.6M triples,
    writing Turtle peaked at 2.0 GB that way, as the lines joined into one str, its UTF-8
    bytes and pyoxigraph's output bytes and their decoded str were all alive at once).
    The bytes are the same as :func:`serialize_graph`'s.
    """
    with atomic_open(path, "wb") as stream:
        _write_graph(graph, format, stream)
    return Path(path)


@paused_gc()  # it makes millions of small objects: see paused_gc
def _write_graph(graph: nx.MultiDiGraph, format: str, stream: IO[bytes]) -> None:
    write_groups(ntriples_groups(iter_triples(graph)), format, stream, names=graph_names(graph) if format in DATASET_FORMATS else None)


def _ntriples_chunks(groups: Iterable[tuple[str, list[str]]]) -> Iterator[bytes]:
    """The N-Triples lines of ``groups`` (:func:`~policykg.ontology.rdf.ntriples_groups`) as UTF-8, ~1,000 lines at a time."""
    return encoded_chunks(f"{subject} {part}\n" for subject, parts in groups for part in parts)


def ntriples_reader(groups: Groups) -> IO[bytes]:
    """The N-Triples of ``groups`` as a binary file to read (for pyoxigraph's streaming parser)."""
    return ChunkReader(_ntriples_chunks(groups))
