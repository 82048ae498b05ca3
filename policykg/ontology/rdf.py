"""Convert the policy graph to RDF, following the policykg ontology.

Mapping, in brief (the ontology file ``policykg.ttl`` is the reference):

* a node of type ``T`` is ``pkg:T`` (and the standard class it specialises, e.g.
  ``org:Organization``, ``prov:Plan``, ``eli:LegalResource``); properties map by
  :data:`NODE_PROPERTIES`; ``label`` is ``rdfs:label``, ``aliases`` ``skos:altLabel``;
* an edge ``relation`` is ``pkg:<relationInCamelCase>`` (plus its standard
  super-property where there is one, e.g. ``dcterms:isPartOf``);
* provenance: every node and edge points with ``pkg:evidence`` to a ``pkg:Quote``
  (``oa:exact`` text, offsets, ``prov:wasQuotedFrom`` the paragraph); nodes also get
  ``prov:wasDerivedFrom`` the paragraph; an edge's evidence hangs on its
  ``rdf:Statement`` reification, whose IRI is a hash of the triple, and so do its
  properties (:data:`EDGE_PROPERTIES`, e.g. a follow-up's ``pkg:outcome``);
* a commitment's deadline is an OWL-Time instant or interval, plus plain
  ``pkg:deadlineDate`` (xsd:date) for easy querying;
* response statuses are SKOS concepts of the ``pkg:ResponseStatusScheme``.

No blank nodes are produced, so serialisations are stable.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any, NamedTuple

import networkx as nx
from rdflib import OWL, RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, ORG, PROV, TIME, DefinedNamespace

from policykg.graph.model import EDGE_TYPES, NODE_TYPES, Provenance, paused_gc
from policykg.iris import VOCAB, base, slug

PKG = Namespace(VOCAB)
ELI = Namespace("http://data.europa.eu/eli/ontology#")
OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = Namespace("https://schema.org/")

#: Prefixes used in every serialisation.
PREFIXES: dict[str, Namespace | type[DefinedNamespace]] = {
    "pkg": PKG, "prov": PROV, "org": ORG, "dcat": DCAT, "dcterms": DCTERMS, "skos": SKOS, "time": TIME,
    "eli": ELI, "oa": OA, "foaf": FOAF, "schema": SCHEMA, "owl": OWL, "rdfs": RDFS, "xsd": XSD,
}

#: Node type → the standard class it specialises (materialised in the data for reuse).
STANDARD_CLASS: dict[str, URIRef] = {
    "Document": FOAF.Document,
    "Section": PROV.Entity,
    "Paragraph": PROV.Entity,
    "Inquiry": ORG.Organization,
    "Report": FOAF.Document,
    "Recommendation": PROV.Entity,
    "Theme": SKOS.Concept,
    "Response": PROV.Entity,
    "Commitment": PROV.Plan,
    "Organisation": ORG.Organization,
    "Post": ORG.Post,
    "Person": FOAF.Person,
    "Legislation": ELI.LegalResource,
    "Programme": PROV.Plan,
    "Publication": FOAF.Document,
    "Funding": PROV.Entity,
    "Statistic": PROV.Entity,
}

#: Relation → its standard super-property, also asserted in the data.
STANDARD_PROPERTY: dict[str, URIRef] = {
    "part_of": DCTERMS.isPartOf,
    "sub_organisation_of": ORG.subOrganizationOf,
    "post_in": ORG.postIn,
    "holds_post": ORG.holds,
    "published_in": DCTERMS.isPartOf,
    "made_by": DCTERMS.creator,
}

_INT, _DATE, _DEC, _BOOL, _STR, _IRI, _EN = "int", "date", "decimal", "bool", "str", "iri", "en"


class Property(NamedTuple):
    """One RDF property the mapping writes: the one table from which the node and edge properties and the
    JSON-LD terms (:mod:`policykg.export.rdf.jsonld`) are derived."""

    predicate: URIRef
    #: value kind: int, date, decimal, bool, str (xsd:string), en (an English-tagged string) or iri
    kind: str
    #: the graph's node (or, with ``edge``, edge) property it holds; None: written by the mapping itself
    key: str | None = None
    #: its short key in JSON-LD; None: written prefixed (``"pkg:progress"``)
    term: str | None = None
    #: in JSON-LD, always a list (``"@container": "@set"``)
    many: bool = False
    #: ``key`` is an edge property, written on the edge's ``rdf:Statement`` reification
    edge: bool = False


PROPERTIES: tuple[Property, ...] = (
    # node properties, in the order the mapping writes them
    Property(DCTERMS.title, _STR, "title", "title"),
    Property(DCTERMS.issued, _DATE, "published", "published"),
    Property(DCAT.landingPage, _IRI, "source_url", "landingPage"),
    Property(DCTERMS.license, _IRI, "licence", "license"),
    Property(PKG.heading, _STR, "heading", "heading"),
    Property(PKG.position, _INT, "position", "position"),
    Property(PKG.number, _INT, "number", "number"),
    Property(SKOS.notation, _STR, "notation"),
    Property(PKG.locator, _STR, "locator", "locator"),
    Property(PKG.text, _STR, "text", "text"),
    Property(PKG.sectionHeading, _STR, "section", "sectionHeading"),
    Property(PKG.kind, _STR, "kind", "kind"),
    Property(PKG.curated, _BOOL, "curated", "curated"),
    Property(PKG.planned, _BOOL, "planned", "planned"),
    Property(FOAF.homepage, _IRI, "website", "homepage"),
    Property(OWL.sameAs, _IRI, "legislation_gov_uk", "sameAs", many=True),
    Property(PKG.statusQuote, _STR, "status_quote", "statusQuote"),
    Property(PKG.progress, _STR, "progress"),
    Property(PKG.progressQuote, _STR, "progress_quote"),
    Property(PKG.statusSource, _STR, "status_source", "statusSource"),
    Property(PKG.statedInDocument, _IRI, "stated_in_document", "statedInDocument"),  # see policykg.graph.previous
    Property(PKG.firstResponse, _BOOL, "first_response", "firstResponse"),  # of a response: see policykg.graph.previous
    Property(PKG.previousResponse, _IRI, "previous_response", "previousResponse"),
    Property(PKG.paragraphNumber, _INT, "paragraph", "paragraphNumber"),
    Property(PKG.deadlineISO, _STR, "deadline", "deadline"),
    Property(PKG.deadlineStart, _DATE, "deadline_start", "deadlineStart"),
    Property(PKG.deadlineDate, _DATE, "deadline_end", "deadlineDate"),
    Property(PKG.deadlineText, _STR, "deadline_text", "deadlineText"),
    Property(PKG.reportDate, _DATE, "report_date", "reportDate"),  # of a recommendation: see policykg.graph.responses
    Property(PKG.responseDue, _DATE, "response_due", "responseDue"),
    Property(PKG.responseDueBasis, _STR, "response_due_basis", "responseDueBasis"),
    Property(PKG.conditions, _STR, "conditions", "conditions"),
    Property(PKG.amountGBP, _INT, "amount_gbp", "amountGBP"),
    Property(PKG.amount, _INT, "amount", "amount"),  # of funding in another currency than pounds
    Property(PKG.currency, _STR, "currency", "currency"),
    Property(PKG.amountText, _STR, "amount_text", "amountText"),
    Property(PKG.purpose, _STR, "purpose", "purpose"),
    Property(PKG.value, _DEC, "value", "value"),
    Property(PKG.unit, _STR, "unit", "unit"),
    Property(PKG.measure, _STR, "measure", "measure"),
    Property(PKG.claim, _STR, "claim", "claim"),
    Property(PKG.period, _STR, "period", "period"),
    # edge properties
    Property(PKG.outcome, _STR, "outcome", "outcome", edge=True),  # of a followed_up_by edge: see policykg.graph.follow
    # written by the mapping from other parts of a node: labels, statuses, deadlines
    Property(RDFS.label, _STR, term="label"),
    Property(SKOS.altLabel, _STR, term="aliases", many=True),
    Property(SKOS.prefLabel, _EN, term="prefLabel"),
    Property(SKOS.inScheme, _IRI, term="inScheme"),
    Property(DCTERMS.source, _IRI, term="source"),
    Property(DCTERMS.isPartOf, _IRI, term="isPartOf", many=True),
    Property(DCTERMS.creator, _IRI, term="creator", many=True),
    Property(PKG.status, _IRI, term="status"),
    Property(PKG.hasDeadline, _IRI, term="hasDeadline"),
    # provenance
    Property(PKG.evidence, _IRI, term="evidence", many=True),
    Property(OA.exact, _STR, term="exact"),
    Property(PKG.startOffset, _INT, term="startOffset"),
    Property(PKG.endOffset, _INT, term="endOffset"),
    Property(PROV.wasQuotedFrom, _IRI, term="wasQuotedFrom"),
    Property(PROV.wasDerivedFrom, _IRI, term="wasDerivedFrom", many=True),
    Property(RDF.subject, _IRI, term="subject"),
    Property(RDF.predicate, _IRI, term="predicate"),
    Property(RDF.object, _IRI, term="object"),
    # deadlines (OWL-Time)
    Property(TIME.hasBeginning, _IRI, term="hasBeginning"),
    Property(TIME.hasEnd, _IRI, term="hasEnd"),
    Property(TIME.inXSDDate, _DATE, term="inXSDDate"),
)

#: Node property → (predicate, value kind).
NODE_PROPERTIES: dict[str, tuple[URIRef, str]] = {p.key: (p.predicate, p.kind) for p in PROPERTIES if p.key and not p.edge}

#: Edge property → (predicate, kind): written on the edge's ``rdf:Statement`` reification.
EDGE_PROPERTIES: dict[str, tuple[URIRef, str]] = {p.key: (p.predicate, p.kind) for p in PROPERTIES if p.key and p.edge}

STATUSES = ["accepted", "accepted in principle", "accepted in part", "alternative approach", "noted", "under consideration", "not accepted"]


def status_iri(status: str) -> URIRef:
    """The SKOS concept for a response status, e.g. ``pkg:status-accepted-in-part``."""
    return PKG["status-" + slug(status)]


def relation_predicate(relation: str) -> URIRef:
    """``led_by`` → ``pkg:ledBy``."""
    head, *rest = relation.split("_")
    return PKG[head + "".join(word.capitalize() for word in rest)]


class Lit(NamedTuple):
    """An RDF literal, independent of any RDF library: lexical form, datatype IRI or language."""

    lexical: str
    datatype: str | None = None
    language: str | None = None


#: An object term: an IRI (``str``) or a literal (:class:`Lit`). Subjects and predicates are IRIs.
Term = str | Lit
Triple = tuple[str, str, Term]

_XSD_INTEGER, _XSD_DATE, _XSD_DECIMAL, _XSD_BOOLEAN = str(XSD.integer), str(XSD.date), str(XSD.decimal), str(XSD.boolean)
_XSD_STRING = str(XSD.string)


def _literal(value: Any, kind: str) -> Term:
    if kind == _IRI:
        return str(value)
    if kind == _INT:
        return Lit(str(int(value)), _XSD_INTEGER)
    if kind == _DATE:
        return Lit(str(value), _XSD_DATE)
    if kind == _DEC:  # canonical form: "3100000.0", "7.5" (never "3.1E+6", which is no xsd:decimal)
        text = format(Decimal(str(value)), "f")
        text = text.rstrip("0") if "." in text else text + "."
        return Lit(text + "0" if text.endswith(".") else text, _XSD_DECIMAL)
    if kind == _BOOL:
        return Lit("true" if value else "false", _XSD_BOOLEAN)
    return Lit(str(value))


def anchor_iri(record: Provenance, data_base: str | None = None) -> str:
    """The node a quote was taken from: a paragraph, a section heading or the title."""
    if record.locator == "title":
        return record.document
    if record.locator.startswith("s") and "." not in record.locator:
        return f"{record.document}/section/{record.locator[1:]}"
    if record.locator.startswith(("p", "s")) and record.document.startswith(data_base or base()):
        return f"{record.document}/paragraph/{record.locator}"
    return record.document


def quote_iri(record: Provenance) -> str:
    """``<document>/quote/<locator>/<start>-<end>-<hash of the text>``: two different texts
    quoted at the same place (a re-issued document under the same title and date) stay apart."""
    digest = hashlib.sha1(record.quote.encode()).hexdigest()[:8]
    return f"{record.document}/quote/{slug(record.locator, 120)}/{record.start}-{record.end}-{digest}"


def statement_iri(source: str, relation: str, target: str, data_base: str | None = None) -> str:
    """A stable IRI for the reification of one edge."""
    digest = hashlib.sha1(f"{source} {relation} {target}".encode()).hexdigest()[:24]
    return f"{data_base or base()}id/statement/{digest}"


# Predicates and classes as plain strings: the generator below runs once per triple.
_TYPE, _LABEL, _ALT_LABEL = str(RDF.type), str(RDFS.label), str(SKOS.altLabel)
_EVIDENCE, _DERIVED_FROM, _STATUS = str(PKG.evidence), str(PROV.wasDerivedFrom), str(PKG.status)
_STATEMENT, _SUBJECT, _PREDICATE, _OBJECT = str(RDF.Statement), str(RDF.subject), str(RDF.predicate), str(RDF.object)
_QUOTE, _EXACT, _START, _END, _LOCATOR = str(PKG.Quote), str(OA.exact), str(PKG.startOffset), str(PKG.endOffset), str(PKG.locator)
_SOURCE, _QUOTED_FROM, _PARAGRAPH, _SECTION = str(DCTERMS.source), str(PROV.wasQuotedFrom), str(PKG.paragraphNumber), str(PKG.sectionHeading)
_HAS_DEADLINE, _INSTANT, _IN_DATE, _HAS_END = str(PKG.hasDeadline), str(TIME.Instant), str(TIME.inXSDDate), str(TIME.hasEnd)
_PROPER_INTERVAL, _INTERVAL, _HAS_BEGINNING = str(TIME.ProperInterval), str(TIME.Interval), str(TIME.hasBeginning)
_NODE_PROPERTIES = [(key, str(predicate), kind) for key, (predicate, kind) in NODE_PROPERTIES.items()]
_EDGE_PROPERTIES = [(key, str(predicate), kind) for key, (predicate, kind) in EDGE_PROPERTIES.items()]
_CLASSES = {node_type: (str(PKG[node_type]), str(STANDARD_CLASS[node_type])) for node_type in NODE_TYPES}


def _quote_triples(iri: str, record: Provenance, anchor: str) -> Iterator[Triple]:
    yield iri, _TYPE, _QUOTE
    yield iri, _EXACT, Lit(record.quote)
    yield iri, _START, Lit(str(record.start), _XSD_INTEGER)
    yield iri, _END, Lit(str(record.end), _XSD_INTEGER)
    yield iri, _LOCATOR, Lit(record.locator)
    yield iri, _SOURCE, record.document
    yield iri, _QUOTED_FROM, anchor
    if record.paragraph is not None:
        yield iri, _PARAGRAPH, Lit(str(record.paragraph), _XSD_INTEGER)
    if record.section:
        yield iri, _SECTION, Lit(record.section)


def _deadline_triples(subject: str, data: dict[str, Any]) -> Iterator[Triple]:
    deadline = f"{subject}/deadline"
    end = f"{deadline}/end"
    yield subject, _HAS_DEADLINE, deadline
    yield deadline, _LABEL, Lit(data["deadline_text"])
    yield end, _TYPE, _INSTANT
    yield end, _IN_DATE, Lit(str(data["deadline_end"]), _XSD_DATE)
    if data.get("deadline_start") and data["deadline_start"] != data["deadline_end"]:
        start = f"{deadline}/start"
        yield deadline, _TYPE, _PROPER_INTERVAL
        yield deadline, _HAS_BEGINNING, start
        yield start, _TYPE, _INSTANT
        yield start, _IN_DATE, Lit(str(data["deadline_start"]), _XSD_DATE)
    else:
        yield deadline, _TYPE, _INTERVAL
    yield deadline, _HAS_END, end


def iter_triples(graph: nx.MultiDiGraph) -> Iterator[Triple]:
    """The RDF of a policy graph (data only; the ontology is separate), one triple at a time.

    Terms are plain strings (IRIs) and :class:`Lit` (literals), so the same mapping
    feeds rdflib (:func:`to_rdf`) and the fast N-Triples path (:func:`to_ntriples`).
    Each quote is described once, however many nodes and edges cite it.
    """
    data_base = base()
    quotes: dict[Provenance, str] = {}  # record → its quote IRI, once described

    def evidence(subject: str, record: Provenance) -> Iterator[Triple]:
        iri = quotes.get(record)
        if iri is None:
            iri = quotes[record] = quote_iri(record)
            yield from _quote_triples(iri, record, anchor_iri(record, data_base))
        yield subject, _EVIDENCE, iri

    used_statuses: set[str] = set()
    for iri, data in graph.nodes(data=True):
        node_type = data["type"]
        assert node_type in NODE_TYPES, node_type
        for klass in _CLASSES[node_type]:
            yield iri, _TYPE, klass
        yield iri, _LABEL, Lit(str(data["label"]))
        for alias in data.get("aliases") or []:
            yield iri, _ALT_LABEL, Lit(str(alias))
        for key, predicate, kind in _NODE_PROPERTIES:
            value = data.get(key)
            if value is not None and value != "":
                yield iri, predicate, _literal(value, kind)
        if data.get("status"):
            used_statuses.add(data["status"])
            yield iri, _STATUS, str(status_iri(data["status"]))
        if data.get("deadline_end"):
            yield from _deadline_triples(iri, data)
        for record in data["provenance"]:
            yield from evidence(iri, record)
            anchor = anchor_iri(record, data_base)
            if anchor != iri and record.document != iri:
                yield iri, _DERIVED_FROM, anchor
    predicates = {relation: str(relation_predicate(relation)) for relation in EDGE_TYPES}
    standard = {relation: str(predicate) for relation, predicate in STANDARD_PROPERTY.items()}
    for source, target, relation, data in graph.edges(keys=True, data=True):
        assert relation in EDGE_TYPES, relation
        predicate = predicates[relation]
        yield source, predicate, target
        if relation in standard:
            yield source, standard[relation], target
        statement = statement_iri(source, relation, target, data_base)
        yield statement, _TYPE, _STATEMENT
        yield statement, _SUBJECT, source
        yield statement, _PREDICATE, predicate
        yield statement, _OBJECT, target
        for key, property_predicate, kind in _EDGE_PROPERTIES:
            if (value := data.get(key)) is not None and value != "":
                yield statement, property_predicate, _literal(value, kind)
        for record in data["provenance"]:
            yield from evidence(statement, record)
    for status in sorted(used_statuses):
        concept = str(status_iri(status))
        yield concept, _TYPE, str(SKOS.Concept)
        yield concept, str(SKOS.prefLabel), Lit(status, language="en")
        yield concept, str(SKOS.inScheme), str(PKG.ResponseStatusScheme)


def new_rdf_graph() -> Graph:
    rdf = Graph()
    for prefix, namespace in PREFIXES.items():
        rdf.bind(prefix, namespace, replace=True)
    return rdf


@paused_gc()  # it makes millions of small objects: see paused_gc
def to_rdf(graph: nx.MultiDiGraph) -> Graph:
    """The RDF graph of a policy graph (data only; the ontology is separate), as an rdflib graph."""
    rdf = new_rdf_graph()
    iris: dict[str, URIRef] = {}  # one URIRef per IRI: most IRIs occur in many triples

    def node(term: Term) -> URIRef | Literal:
        if isinstance(term, Lit):
            datatype = term.datatype and iris.setdefault(term.datatype, URIRef(term.datatype))
            return Literal(term.lexical, datatype=datatype, lang=term.language)
        found = iris.get(term)
        if found is None:
            found = iris[term] = URIRef(safe_iri(term))
        return found

    add = rdf.add
    for subject, predicate, value in iter_triples(graph):
        add((node(subject), node(predicate), node(value)))
    return rdf


# ---------------------------------------------------------------------------- N-Triples

# IRIREF may not contain these (RDF 1.1 N-Triples grammar): they are percent-encoded,
# so an odd URL in a document's metadata cannot break or forge a line.
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
# In a literal, quote, backslash, line breaks and other control characters are escaped.
_LITERAL_ESCAPES = {ord('"'): '\\"', ord("\\"): "\\\\", ord("\n"): "\\n", ord("\r"): "\\r"}
_LITERAL_ESCAPES.update({code: f"\\u{code:04X}" for code in [*range(0x20), 0x7F] if code not in (0x0A, 0x0D)})
_NEEDS_ESCAPE = re.compile(r'["\\\x00-\x1f\x7f]')


def safe_iri(iri: str) -> str:
    """``iri`` with the characters N-Triples forbids in IRIs percent-encoded (usually unchanged).

    >>> safe_iri('https://example.org/a b"c')
    'https://example.org/a%20b%22c'
    """
    if not _IRI_FORBIDDEN.search(iri):
        return iri
    return _IRI_FORBIDDEN.sub(lambda m: "".join(f"%{byte:02X}" for byte in m.group().encode()), iri)


def nt_term(term: Term) -> str:
    """One term in N-Triples syntax.

    >>> nt_term("https://w3id.org/policykg/id/organisation/home-office")
    '<https://w3id.org/policykg/id/organisation/home-office>'
    >>> print(nt_term(Lit('say "no"')), nt_term(Lit("7", "http://www.w3.org/2001/XMLSchema#integer")))
    "say \\"no\\"" "7"^^<http://www.w3.org/2001/XMLSchema#integer>
    """
    if not isinstance(term, Lit):
        return f"<{safe_iri(term)}>"
    lexical = term.lexical.translate(_LITERAL_ESCAPES) if _NEEDS_ESCAPE.search(term.lexical) else term.lexical
    if term.language:
        return f'"{lexical}"@{term.language}'
    if term.datatype and term.datatype != _XSD_STRING:
        return f'"{lexical}"^^<{term.datatype}>'
    return f'"{lexical}"'



def ntriples_groups(triples: Iterable[Triple]) -> Iterator[tuple[str, list[str]]]:
    """The distinct triples of ``triples`` in N-Triples syntax, by subject: each subject term
    (``<...>``), in sorted order, with its sorted ``<predicate> object .`` parts.

    This is the order of the sorted lines (:func:`ntriples_lines`), because two subject terms
    ``<...>`` differ before either ends (an IRI term holds no ">" but its last), and it takes a
    fifth less time than sorting all the lines: most comparisons are short, within a group.
    """
    wrapped: dict[str, str] = {}  # IRI → "<IRI>": most IRIs occur in many triples
    groups: dict[str, set[str]] = {}  # "<subject>" → its distinct "<predicate> object ." parts
    for subject, predicate, value in triples:  # inlined, not a helper per term: this loop runs a million times
        s = wrapped.get(subject)
        if s is None:
            s = wrapped[subject] = f"<{safe_iri(subject)}>"
        p = wrapped.get(predicate)
        if p is None:
            p = wrapped[predicate] = f"<{safe_iri(predicate)}>"
        if isinstance(value, str):  # an IRI
            o = wrapped.get(value)
            if o is None:
                o = wrapped[value] = f"<{safe_iri(value)}>"
        else:
            o = nt_term(value)
        parts = groups.get(s)
        if parts is None:
            parts = groups[s] = set()
        parts.add(f"{p} {o} .")
    del wrapped
    for s in sorted(groups):
        yield s, sorted(groups.pop(s))  # each group freed once used


def ntriples_lines(triples: Iterable[Triple]) -> list[str]:
    """Sorted, distinct N-Triples lines (without newlines) of ``triples``."""
    lines: list[str] = []
    for s, parts in ntriples_groups(triples):
        lines.extend(f"{s} {part}" for part in parts)
    return lines


class ChunkReader(io.RawIOBase):
    """A binary file over an iterator of byte chunks, for pyoxigraph's streaming parsers and bulk loader."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._pending = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending:
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0  # end of file
            self._pending = memoryview(chunk)
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size


def encoded_chunks(lines: Iterable[str], size: int = 1_000) -> Iterator[bytes]:
    """``lines`` (each with its line break) as UTF-8, ``size`` lines to a chunk: what streaming
    writers write and :class:`ChunkReader` reads, without the whole text in memory."""
    lines = iter(lines)
    while chunk := "".join(itertools.islice(lines, size)):
        yield chunk.encode("utf-8")


def ntriples_stream(graph: nx.MultiDiGraph) -> ChunkReader:
    """The RDF of ``graph`` as N-Triples to read, in no order and with repeats (each quote may come
    more than once): for loading a store, which needs neither, with little memory (sorting the
    triples of 1,000 documents takes gigabytes)."""

    def lines() -> Iterator[str]:
        with paused_gc():
            for subject, predicate, value in iter_triples(graph):
                yield f"<{safe_iri(subject)}> <{safe_iri(predicate)}> {nt_term(value)} .\n"

    return ChunkReader(encoded_chunks(lines()))


@paused_gc()  # it makes millions of small objects: see paused_gc
def to_ntriples(graph: nx.MultiDiGraph) -> str:
    """The RDF of ``graph`` as one sorted N-Triples document (each triple once).

    The fast route into other stores (Oxigraph, bulk loaders) and the base of the
    N-Triples, N-Quads, Turtle and TriG writers: no rdflib graph is built.
    """
    lines = ntriples_lines(iter_triples(graph))
    return "\n".join(lines) + "\n" if lines else ""
