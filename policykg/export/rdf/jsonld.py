"""JSON-LD: nodes sorted by ``id``, their keys and values in a fixed order, with a context that reads as plain JSON.

The ``@context`` is :func:`jsonld_context`, published beside the data as ``context.jsonld``; it
gives short keys to the common properties (``label``, ``title``, ``number``, ``status``,
``deadline``, ``ledBy``, ``evidence``, ...; :data:`JSONLD_TERMS`, from the mapping's one table of
properties, :data:`~policykg.ontology.rdf.PROPERTIES`), ``id`` and ``type`` for ``@id`` and
``@type``, and class names (``Commitment``) for the ``pkg:`` classes:

.. code-block:: json

    {"type": ["Response", "prov:Entity"], "id": "https://w3id.org/policykg/id/response/iicsa/13",
     "label": "Response to recommendation 13", "number": 13, "status": "pkg:status-accepted",
     "respondsTo": ["https://w3id.org/policykg/id/recommendation/iicsa/13"], "evidence": ["..."]}

Node IRIs stay absolute (no ``@base``: a remote context's ``@base`` is ignored by JSON-LD
processors); vocabulary IRIs are compacted with the prefixes.  A value whose form does not fit its
key's declared type falls back to the prefixed property with an explicit value object, so the file
always expands to the same triples.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterable, Iterator
from typing import IO, Any

import pyoxigraph as ox
from rdflib import RDF, XSD, URIRef

from policykg.export.rdf.streams import GraphNames, Groups, RdfFormat, ntriples_reader
from policykg.graph.model import EDGE_TYPES, NODE_TYPES
from policykg.ontology.rdf import PKG, PREFIXES, PROPERTIES, relation_predicate

#: JSON-LD nodes written at a time
_NODES_PER_CHUNK = 100

# value kinds, as in :data:`~policykg.ontology.rdf.PROPERTIES`
_ID, _STR, _INT, _BOOL, _DATE, _DECIMAL, _EN = "iri", "str", "int", "bool", "date", "decimal", "en"
_SET = True

#: JSON-LD term → (property, value kind, always a list): from the mapping's one table of properties,
#: and the relations (``ledBy``, ``answers``, ``respondsTo``, ...), always lists
JSONLD_TERMS: dict[str, tuple[URIRef, str, bool]] = {
    **{p.term: (p.predicate, p.kind, p.many) for p in PROPERTIES if p.term},
    **{str(relation_predicate(relation)).removeprefix(str(PKG)): (relation_predicate(relation), _ID, _SET) for relation in EDGE_TYPES},
}

#: JSON-LD term → class (``"type": ["Commitment", "prov:Plan"]``)
JSONLD_CLASSES: dict[str, URIRef] = {name: PKG[name] for name in [*NODE_TYPES, "Quote"]} | {"Statement": RDF.Statement}

JSONLD_PREFIXES: dict[str, str] = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()} | {"rdf": str(RDF)}

_BY_PREDICATE = {str(predicate): term for term, (predicate, _, _) in JSONLD_TERMS.items()}
assert len(_BY_PREDICATE) == len(JSONLD_TERMS), "two JSON-LD terms for one property"
assert not (set(JSONLD_TERMS) | set(JSONLD_CLASSES)) & set(JSONLD_PREFIXES), "a JSON-LD term is also a prefix"
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
    for prefix, namespace in JSONLD_PREFIXES.items():
        if iri.startswith(namespace) and len(namespace) > len(JSONLD_PREFIXES.get(best, "")):
            local = iri[len(namespace):]
            if local and not local.startswith("//"):
                best = prefix
    return f"{best}:{iri[len(JSONLD_PREFIXES[best]):]}" if best else iri


def jsonld_context() -> dict[str, Any]:
    """The JSON-LD ``@context`` of the exports (and the published ``context.jsonld``).

    >>> context = jsonld_context()
    >>> context["id"], context["status"], context["number"]
    ('@id', {'@id': 'pkg:status', '@type': '@id'}, 'pkg:number')
    >>> context["ledBy"]
    {'@id': 'pkg:ledBy', '@type': '@id', '@container': '@set'}
    """
    context: dict[str, Any] = {"id": "@id", "type": "@type"}
    context.update(sorted(JSONLD_PREFIXES.items()))
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
        assert isinstance(value, ox.NamedNode | ox.Literal), f"blank nodes are not exported: {value!r}"
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


def jsonld_chunks(groups: Groups) -> Iterator[bytes]:
    """The JSON-LD document of ``groups`` with :func:`jsonld_context` (see the module docstring), node by
    node: the text ``json.dumps(document, ensure_ascii=False, indent=1)`` gives, without the whole
    document in memory (as Python objects it is many times the size of the file)."""
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
        if len(nodes) >= _NODES_PER_CHUNK:
            yield ",".join(nodes).encode("utf-8") + b","
            nodes.clear()
    yield (",".join(nodes) + "\n ]\n}\n").encode("utf-8")


def write_jsonld(groups: Groups, names: GraphNames, stream: IO[bytes]) -> None:
    stream.writelines(jsonld_chunks(groups))


FORMAT = RdfFormat("jsonld", ".jsonld", "application/ld+json", write_jsonld)
