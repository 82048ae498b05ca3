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
  ``rdf:Statement`` reification, whose IRI is a hash of the triple;
* a commitment's deadline is an OWL-Time instant or interval, plus plain
  ``pkg:deadlineDate`` (xsd:date) for easy querying;
* response statuses are SKOS concepts of the ``pkg:ResponseStatusScheme``.

No blank nodes are produced, so serialisations are stable.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal
from typing import Any

import networkx as nx
from rdflib import OWL, RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, ORG, PROV, TIME

from policykg.graph.model import EDGE_TYPES, NODE_TYPES, Provenance
from policykg.ontology.iris import VOCAB, base, slug

PKG = Namespace(VOCAB)
ELI = Namespace("http://data.europa.eu/eli/ontology#")
OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = Namespace("https://schema.org/")

#: Prefixes used in every serialisation.
PREFIXES: dict[str, Namespace] = {
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

_INT, _DATE, _DEC, _BOOL, _STR, _IRI = "int", "date", "decimal", "bool", "str", "iri"

#: Node property → (predicate, value kind).
NODE_PROPERTIES: dict[str, tuple[URIRef, str]] = {
    "title": (DCTERMS.title, _STR),
    "published": (DCTERMS.issued, _DATE),
    "source_url": (DCAT.landingPage, _IRI),
    "licence": (DCTERMS.license, _IRI),
    "heading": (PKG.heading, _STR),
    "position": (PKG.position, _INT),
    "number": (PKG.number, _INT),
    "locator": (PKG.locator, _STR),
    "text": (PKG.text, _STR),
    "section": (PKG.sectionHeading, _STR),
    "kind": (PKG.kind, _STR),
    "curated": (PKG.curated, _BOOL),
    "planned": (PKG.planned, _BOOL),
    "website": (FOAF.homepage, _IRI),
    "legislation_gov_uk": (OWL.sameAs, _IRI),
    "status_quote": (PKG.statusQuote, _STR),
    "status_source": (PKG.statusSource, _STR),
    "paragraph": (PKG.paragraphNumber, _INT),
    "deadline": (PKG.deadlineISO, _STR),
    "deadline_start": (PKG.deadlineStart, _DATE),
    "deadline_end": (PKG.deadlineDate, _DATE),
    "deadline_text": (PKG.deadlineText, _STR),
    "conditions": (PKG.conditions, _STR),
    "amount_gbp": (PKG.amountGBP, _INT),
    "amount_text": (PKG.amountText, _STR),
    "purpose": (PKG.purpose, _STR),
    "value": (PKG.value, _DEC),
    "unit": (PKG.unit, _STR),
    "measure": (PKG.measure, _STR),
    "claim": (PKG.claim, _STR),
    "period": (PKG.period, _STR),
}

STATUSES = ["accepted", "accepted in part", "alternative approach", "under consideration", "not accepted"]


def status_iri(status: str) -> URIRef:
    """The SKOS concept for a response status, e.g. ``pkg:status-accepted-in-part``."""
    return PKG["status-" + slug(status)]


def relation_predicate(relation: str) -> URIRef:
    """``led_by`` → ``pkg:ledBy``."""
    head, *rest = relation.split("_")
    return PKG[head + "".join(word.capitalize() for word in rest)]


def _literal(value: Any, kind: str) -> Literal | URIRef:
    if kind == _IRI:
        return URIRef(str(value))
    if kind == _INT:
        return Literal(int(value), datatype=XSD.integer)
    if kind == _DATE:
        return Literal(str(value), datatype=XSD.date)
    if kind == _DEC:  # canonical form: "3100000.0", "7.5" (never "3.1E+6", which is no xsd:decimal)
        text = format(Decimal(str(value)), "f")
        text = text.rstrip("0") if "." in text else text + "."
        return Literal(text + "0" if text.endswith(".") else text, datatype=XSD.decimal)
    if kind == _BOOL:
        return Literal(bool(value), datatype=XSD.boolean)
    return Literal(str(value))


def anchor_iri(record: Provenance) -> URIRef:
    """The node a quote was taken from: a paragraph, a section heading or the title."""
    if record.locator == "title":
        return URIRef(record.document)
    if record.locator.startswith("s") and "." not in record.locator:
        return URIRef(f"{record.document}/section/{record.locator[1:]}")
    if record.locator.startswith(("p", "s")) and record.document.startswith(base()):
        return URIRef(f"{record.document}/paragraph/{record.locator}")
    return URIRef(record.document)


def quote_iri(record: Provenance) -> URIRef:
    """``<document>/quote/<locator>/<start>-<end>-<hash of the text>``: two different texts
    quoted at the same place (a re-issued document under the same title and date) stay apart."""
    digest = hashlib.sha1(record.quote.encode()).hexdigest()[:8]
    return URIRef(f"{record.document}/quote/{slug(record.locator, 120)}/{record.start}-{record.end}-{digest}")


def _add_quote(rdf: Graph, record: Provenance) -> URIRef:
    iri = quote_iri(record)
    rdf.add((iri, RDF.type, PKG.Quote))
    rdf.add((iri, OA.exact, Literal(record.quote)))
    rdf.add((iri, PKG.startOffset, Literal(record.start, datatype=XSD.integer)))
    rdf.add((iri, PKG.endOffset, Literal(record.end, datatype=XSD.integer)))
    rdf.add((iri, PKG.locator, Literal(record.locator)))
    rdf.add((iri, DCTERMS.source, URIRef(record.document)))
    rdf.add((iri, PROV.wasQuotedFrom, anchor_iri(record)))
    if record.paragraph is not None:
        rdf.add((iri, PKG.paragraphNumber, Literal(record.paragraph, datatype=XSD.integer)))
    if record.section:
        rdf.add((iri, PKG.sectionHeading, Literal(record.section)))
    return iri


def statement_iri(source: str, relation: str, target: str) -> URIRef:
    """A stable IRI for the reification of one edge."""
    digest = hashlib.sha1(f"{source} {relation} {target}".encode()).hexdigest()[:24]
    return URIRef(f"{base()}id/statement/{digest}")


def _add_deadline(rdf: Graph, subject: URIRef, data: dict[str, Any]) -> None:
    deadline = URIRef(f"{subject}/deadline")
    end = URIRef(f"{deadline}/end")
    rdf.add((subject, PKG.hasDeadline, deadline))
    rdf.add((deadline, RDFS.label, Literal(data["deadline_text"])))
    rdf.add((end, RDF.type, TIME.Instant))
    rdf.add((end, TIME.inXSDDate, Literal(data["deadline_end"], datatype=XSD.date)))
    if data.get("deadline_start") and data["deadline_start"] != data["deadline_end"]:
        start = URIRef(f"{deadline}/start")
        rdf.add((deadline, RDF.type, TIME.ProperInterval))
        rdf.add((deadline, TIME.hasBeginning, start))
        rdf.add((start, RDF.type, TIME.Instant))
        rdf.add((start, TIME.inXSDDate, Literal(data["deadline_start"], datatype=XSD.date)))
        rdf.add((deadline, TIME.hasEnd, end))
    else:
        rdf.add((deadline, RDF.type, TIME.Interval))
        rdf.add((deadline, TIME.hasEnd, end))


def new_rdf_graph() -> Graph:
    rdf = Graph()
    for prefix, namespace in PREFIXES.items():
        rdf.bind(prefix, namespace, replace=True)
    return rdf


def to_rdf(graph: nx.MultiDiGraph) -> Graph:
    """The RDF graph of a policy graph (data only; the ontology is separate)."""
    rdf = new_rdf_graph()
    used_statuses: set[str] = set()
    for iri, data in graph.nodes(data=True):
        subject = URIRef(iri)
        node_type = data["type"]
        assert node_type in NODE_TYPES, node_type
        rdf.add((subject, RDF.type, PKG[node_type]))
        rdf.add((subject, RDF.type, STANDARD_CLASS[node_type]))
        rdf.add((subject, RDFS.label, Literal(data["label"])))
        for alias in data.get("aliases") or []:
            rdf.add((subject, SKOS.altLabel, Literal(alias)))
        for key, (predicate, kind) in NODE_PROPERTIES.items():
            if data.get(key) is not None and data.get(key) != "":
                rdf.add((subject, predicate, _literal(data[key], kind)))
        if data.get("status"):
            used_statuses.add(data["status"])
            rdf.add((subject, PKG.status, status_iri(data["status"])))
        if data.get("deadline_end"):
            _add_deadline(rdf, subject, data)
        for record in data["provenance"]:
            rdf.add((subject, PKG.evidence, _add_quote(rdf, record)))
            anchor = anchor_iri(record)
            if anchor != subject and record.document != iri:
                rdf.add((subject, PROV.wasDerivedFrom, anchor))
    for source, target, relation, data in graph.edges(keys=True, data=True):
        assert relation in EDGE_TYPES, relation
        predicate = relation_predicate(relation)
        triple = (URIRef(source), predicate, URIRef(target))
        rdf.add(triple)
        if relation in STANDARD_PROPERTY:
            rdf.add((URIRef(source), STANDARD_PROPERTY[relation], URIRef(target)))
        statement = statement_iri(source, relation, target)
        rdf.add((statement, RDF.type, RDF.Statement))
        rdf.add((statement, RDF.subject, triple[0]))
        rdf.add((statement, RDF.predicate, predicate))
        rdf.add((statement, RDF.object, triple[2]))
        for record in data["provenance"]:
            rdf.add((statement, PKG.evidence, _add_quote(rdf, record)))
    for status in sorted(used_statuses):
        concept = status_iri(status)
        rdf.add((concept, RDF.type, SKOS.Concept))
        rdf.add((concept, SKOS.prefLabel, Literal(status, lang="en")))
        rdf.add((concept, SKOS.inScheme, PKG.ResponseStatusScheme))
    return rdf


def to_ntriples(graph: nx.MultiDiGraph) -> str:
    """The RDF of ``graph`` as one sorted N-Triples document (each triple once).

    The fast route into other stores (Oxigraph, bulk loaders) and the base of the
    N-Triples, N-Quads, Turtle and TriG writers.
    """
    lines = {line for line in to_rdf(graph).serialize(format="nt").splitlines() if line.strip()}
    return "".join(line + "\n" for line in sorted(lines))
