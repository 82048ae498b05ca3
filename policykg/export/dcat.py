"""Metadata of a publication: the DCAT catalogue (``catalog.ttl``) and the VoID description (``void.ttl``).

IRIs. With a ``base_url`` (``https://data.example.org/policykg/``) every resource of
the publication is absolute under it: the catalogue is ``<base>catalog.ttl#catalog``,
the dataset ``<base>catalog.ttl#dataset`` (the same resource in ``void.ttl``), each
distribution ``<base>catalog.ttl#<file name>``, and its ``dcat:downloadURL`` /
``dcat:accessURL`` ``<base><file name>``. Without one, the files hold *relative*
IRIs (``<catalog.ttl#dataset>``, ``<graph.ttl>``) that a reader resolves against the
file's own location, i.e. the folder: the publication can be moved or uploaded
anywhere and still describes itself. (Relative references always name a file,
never a bare ``#fragment``, so both files resolve them to the same IRIs.)

Dates are never read from the clock: ``dct:issued`` and ``dct:modified`` are the
publication date of the newest source document unless a date is given, so two
publications of the same graph are byte-identical.

Checksums are SPDX (``spdx:checksum [ spdx:algorithm spdx:checksumAlgorithm_sha256 ;
spdx:checksumValue "…"^^xsd:hexBinary ]``), as in DCAT 3; sizes ``dcat:byteSize``
(``xsd:nonNegativeInteger``); media types are IANA IRIs; formats the EU file-type
authority's.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import IO, Any, NamedTuple

import networkx as nx
import pyoxigraph as ox
from rdflib import OWL, RDF, RDFS, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, PROV, VOID

from policykg.export.rdf import JSONLD_PREFIXES, compact_iri
from policykg.graph.model import count_by_type
from policykg.iris import base

SPDX = Namespace("http://spdx.org/rdf/terms#")
OGL = URIRef("http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/")
CC_BY = URIRef("https://creativecommons.org/licenses/by/4.0/")
ONTOLOGY = URIRef("https://w3id.org/policykg/ontology")
ATTRIBUTION = "Contains public sector information licensed under the Open Government Licence v3.0."
EU = "http://publications.europa.eu/resource/authority/"
THEMES = [URIRef(EU + "data-theme/GOVE"), URIRef(EU + "data-theme/JUST")]
ENGLISH = URIRef(EU + "language/ENG")
UNITED_KINGDOM = URIRef(EU + "country/GBR")
PUBLIC = URIRef(EU + "access-right/PUBLIC")
KEYWORDS = ["UK public policy", "government response", "public inquiry", "recommendations", "commitments", "deadlines",
            "knowledge graph", "linked data", "provenance"]

#: Stands for the folder while the graphs are built; removed from the Turtle (relative IRIs) when no base URL is given.
PLACEHOLDER = "https://publication.policykg.invalid/"

METADATA_PREFIXES = {"dcat": DCAT, "dcterms": DCTERMS, "foaf": FOAF, "prov": PROV, "spdx": SPDX, "void": VOID, "xsd": XSD,
            "rdfs": RDFS, "owl": OWL}


@dataclass(frozen=True)
class FileInfo:
    """One file of a publication, as the catalogue describes it."""

    name: str
    title: str
    description: str
    media_type: str  # IANA, e.g. "text/turtle"
    file_type: str | None = None  # EU file-type authority code, e.g. "RDF_TURTLE"
    conforms_to: tuple[str, ...] = ()  # specifications: the format's, the ontology
    licence: URIRef = OGL
    data: bool = False  # a serialisation of the dataset itself (a void:dataDump)


# ---------------------------------------------------------------------------- source documents


def source_documents(graph: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """The Document nodes (``iri``, ``title``, ``published``, ``source_url``, ...), oldest first."""
    documents = [dict(data, iri=iri) for iri, data in graph.nodes(data=True) if data.get("type") == "Document"]
    documents = [{key: value for key, value in doc.items() if key != "provenance"} for doc in documents]
    return sorted(documents, key=lambda d: (str(d.get("published") or ""), d["iri"]))


def _as_date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def newest_publication(graph: nx.MultiDiGraph) -> date | None:
    """The publication date of the newest source document, if any has one.

    >>> from policykg.graph.model import new_graph, add_node
    >>> g = new_graph()
    >>> add_node(g, "https://example.org/d", "Document", "D", None, published="2025-04-09")
    >>> newest_publication(g)
    datetime.date(2025, 4, 9)
    """
    dates = [d for d in (_as_date(doc.get("published")) for doc in source_documents(graph)) if d]
    return max(dates) if dates else None


# ---------------------------------------------------------------------------- helpers


def prefix(base_url: str | None) -> str:
    """The IRI prefix of the publication's files: ``base_url`` (with a final ``/``) or :data:`PLACEHOLDER`."""
    if not base_url:
        return PLACEHOLDER
    return base_url if base_url.endswith("/") else base_url + "/"


def new_metadata_graph() -> Graph:
    graph = Graph()
    for name, namespace in METADATA_PREFIXES.items():
        graph.bind(name, namespace, replace=True)
    return graph


def to_turtle(graph: Graph, base_url: str | None) -> str:
    """Turtle, with the placeholder prefix dropped (relative IRIs) when there is no base URL."""
    text = graph.serialize(format="turtle")
    if not base_url:
        text = text.replace("<" + PLACEHOLDER, "<")
    assert PLACEHOLDER not in text, "a placeholder IRI was abbreviated"
    return text


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Written(NamedTuple):
    """What the catalogue says of a file's content: its size in bytes and its SHA-256."""

    size: int
    sha256: str


def _fragment(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-")


def _title(documents: list[dict[str, Any]]) -> str:
    if len(documents) == 1:
        return f"policykg knowledge graph: {documents[0].get('title') or documents[0].get('label')}"
    return f"policykg knowledge graph of {len(documents)} UK public policy documents"


def describe_contents(graph: nx.MultiDiGraph) -> str:
    """One sentence on what the graph holds, e.g. ``20 recommendations, 20 responses, 136 commitments``."""
    counts = count_by_type(graph)
    parts = [(counts.get(t, 0), word) for t, word in [("Recommendation", "recommendations"), ("Response", "government responses"),
                                                      ("Commitment", "commitments"), ("Organisation", "organisations"),
                                                      ("Legislation", "pieces of legislation"), ("Programme", "programmes"),
                                                      ("Funding", "funding amounts"), ("Statistic", "statistics")]]
    return ", ".join(f"{n} {word}" for n, word in parts if n)


def _description(graph: nx.MultiDiGraph, documents: list[dict[str, Any]], escape: Callable[[str], str] = str) -> str:
    """What the dataset holds, in a sentence or three; document text goes through ``escape`` (the README's Markdown)."""
    sources = "; ".join(f"“{escape(str(d.get('title') or d.get('label')))}” ({d.get('published') or 'undated'})"
                        for d in documents) or "no documents"
    return (f"A knowledge graph of UK public policy built by policykg from {sources}: {describe_contents(graph) or 'no facts'}. "
            "Who recommended what, what government committed to in response, by when, and through which bodies, bills and "
            "programmes. Every fact carries the quote, paragraph and character offsets in the source document that state it.")


# ---------------------------------------------------------------------------- DCAT


def catalog_graph(graph: nx.MultiDiGraph, files: Mapping[str, Written], infos: Mapping[str, FileInfo], *,
                  base_url: str | None = None, issued: date | None = None, publisher: str | None = None,
                  publisher_url: str | None = None) -> Graph:
    """The DCAT catalogue of a publication whose files are ``files`` (name → size and SHA-256)."""
    at = prefix(base_url)
    documents = source_documents(graph)
    when = issued or newest_publication(graph)
    catalog, dataset, rights = URIRef(at + "catalog.ttl#catalog"), URIRef(at + "catalog.ttl#dataset"), URIRef(at + "catalog.ttl#rights")
    agent = URIRef(publisher_url) if publisher_url else URIRef(at + "catalog.ttl#publisher")
    landing = URIRef(at + "README.md")
    g = new_metadata_graph()

    def dated(subject: URIRef) -> None:
        if when:
            g.add((subject, DCTERMS.issued, Literal(when.isoformat(), datatype=XSD.date)))
            g.add((subject, DCTERMS.modified, Literal(when.isoformat(), datatype=XSD.date)))

    g.add((agent, RDF.type, FOAF.Agent))
    g.add((agent, FOAF.name, Literal(publisher or "policykg")))

    g.add((catalog, RDF.type, DCAT.Catalog))
    g.add((catalog, DCTERMS.title, Literal("policykg open data", lang="en")))
    g.add((catalog, DCTERMS.description, Literal("Open data published with policykg: knowledge graphs of UK public policy with the "
                                                 "quote behind every fact, in every common RDF format.", lang="en")))
    g.add((catalog, DCTERMS.publisher, agent))
    g.add((catalog, DCTERMS.license, OGL))
    g.add((catalog, DCTERMS.language, ENGLISH))
    g.add((catalog, FOAF.homepage, landing))
    g.add((catalog, DCAT.themeTaxonomy, URIRef(EU + "data-theme")))
    g.add((catalog, DCAT.dataset, dataset))
    dated(catalog)

    g.add((dataset, RDF.type, DCAT.Dataset))
    g.add((dataset, DCTERMS.title, Literal(_title(documents), lang="en")))
    g.add((dataset, DCTERMS.description, Literal(_description(graph, documents), lang="en")))
    g.add((dataset, DCTERMS.publisher, agent))
    g.add((dataset, DCTERMS.license, OGL))
    g.add((dataset, DCTERMS.rights, rights))
    g.add((dataset, DCTERMS.accessRights, PUBLIC))
    g.add((dataset, DCTERMS.language, ENGLISH))
    g.add((dataset, DCTERMS.spatial, UNITED_KINGDOM))
    g.add((dataset, DCTERMS.conformsTo, ONTOLOGY))
    g.add((dataset, DCAT.landingPage, landing))
    g.add((dataset, RDFS.seeAlso, URIRef(at + "void.ttl")))
    for theme in THEMES:
        g.add((dataset, DCAT.theme, theme))
    inquiries = sorted(str(d["label"]) for _, d in graph.nodes(data=True) if d.get("type") == "Inquiry" and d.get("label"))
    for keyword in sorted({*KEYWORDS, *inquiries}):
        g.add((dataset, DCAT.keyword, Literal(keyword, lang="en")))
    dated(dataset)

    g.add((rights, RDF.type, DCTERMS.RightsStatement))
    g.add((rights, RDFS.label, Literal(ATTRIBUTION, lang="en")))
    g.add((ONTOLOGY, RDF.type, DCTERMS.Standard))
    g.add((ONTOLOGY, DCTERMS.title, Literal("The policykg ontology", lang="en")))
    g.add((ONTOLOGY, DCTERMS.license, CC_BY))

    for doc in documents:  # attribution: the source documents, by their public URLs
        source = URIRef(str(doc.get("source_url") or doc["iri"]))
        g.add((dataset, DCTERMS.source, source))
        g.add((dataset, PROV.wasDerivedFrom, source))
        g.add((source, RDF.type, FOAF.Document))
        if doc.get("title"):
            g.add((source, DCTERMS.title, Literal(str(doc["title"]), lang="en")))
        if _as_date(doc.get("published")):
            g.add((source, DCTERMS.issued, Literal(str(_as_date(doc.get("published"))), datatype=XSD.date)))
        g.add((source, DCTERMS.license, URIRef(str(doc.get("licence") or OGL))))
        if doc.get("source_url"):
            g.add((source, OWL.sameAs, URIRef(doc["iri"])))

    for name in sorted(files):
        info = infos[name]
        written = files[name]
        distribution = URIRef(at + "catalog.ttl#" + _fragment(name))
        url = URIRef(at + name)
        g.add((dataset, DCAT.distribution, distribution))
        g.add((distribution, RDF.type, DCAT.Distribution))
        g.add((distribution, DCTERMS.title, Literal(info.title, lang="en")))
        g.add((distribution, DCTERMS.description, Literal(info.description, lang="en")))
        g.add((distribution, DCAT.downloadURL, url))
        g.add((distribution, DCAT.accessURL, url))
        g.add((distribution, DCAT.mediaType, URIRef("https://www.iana.org/assignments/media-types/" + info.media_type)))
        if info.file_type:
            g.add((distribution, DCTERMS.format, URIRef(EU + "file-type/" + info.file_type)))
        for spec in info.conforms_to:
            g.add((distribution, DCTERMS.conformsTo, URIRef(spec)))
        g.add((distribution, DCAT.byteSize, Literal(str(written.size), datatype=XSD.nonNegativeInteger)))
        checksum = BNode(_fragment("checksum-" + name).replace(".", "-"))
        g.add((distribution, SPDX.checksum, checksum))
        g.add((checksum, RDF.type, SPDX.Checksum))
        g.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
        g.add((checksum, SPDX.checksumValue, Literal(written.sha256, datatype=XSD.hexBinary)))
        g.add((distribution, DCTERMS.license, info.licence))
        dated(distribution)
    return g


# ---------------------------------------------------------------------------- VoID


def _namespace(iri: str) -> str:
    compact = compact_iri(iri)
    if compact != iri:
        return JSONLD_PREFIXES[compact.split(":", 1)[0]]
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[: cut + 1]


def void_graph(ntriples: IO[bytes], data_files: list[str], *, base_url: str | None = None, title: str = "policykg knowledge graph",
               formats: Mapping[str, str] | None = None) -> Graph:
    """The VoID description of the data (duplicate-free N-Triples, read as a stream), whose dumps are ``data_files``."""
    at = prefix(base_url)
    dataset = URIRef(at + "catalog.ttl#dataset")
    g = new_metadata_graph()
    subjects: set[str] = set()
    objects: set[str] = set()
    typed: dict[URIRef, set[str]] = {}
    predicates: Counter[URIRef] = Counter()
    rdf_type = str(RDF.type)
    for triple in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES):
        subject, predicate, value = str(triple.subject), triple.predicate.value, str(triple.object)
        subjects.add(subject)
        objects.add(value)
        predicates[URIRef(predicate)] += 1
        if predicate == rdf_type and isinstance(triple.object, ox.NamedNode):
            typed.setdefault(URIRef(triple.object.value), set()).add(triple.subject.value)
    triples = sum(predicates.values())
    g.add((dataset, RDF.type, VOID.Dataset))
    g.add((dataset, DCTERMS.title, Literal(title, lang="en")))
    g.add((dataset, DCTERMS.license, OGL))
    g.add((dataset, VOID.triples, Literal(triples, datatype=XSD.integer)))
    g.add((dataset, VOID.entities, Literal(len({s for members in typed.values() for s in members}), datatype=XSD.integer)))
    g.add((dataset, VOID.classes, Literal(len(typed), datatype=XSD.integer)))
    g.add((dataset, VOID.properties, Literal(len(predicates), datatype=XSD.integer)))
    g.add((dataset, VOID.distinctSubjects, Literal(len(subjects), datatype=XSD.integer)))
    g.add((dataset, VOID.distinctObjects, Literal(len(objects), datatype=XSD.integer)))
    g.add((dataset, VOID.uriSpace, Literal(base() + "id/")))
    examples = sorted(typed.get(URIRef(str(ONTOLOGY) + "#Recommendation"), ())) or sorted(subjects)[:1]
    if examples:
        g.add((dataset, VOID.exampleResource, URIRef(examples[0])))
    for vocabulary in sorted({_namespace(str(p)) for p in predicates} | {_namespace(str(c)) for c in typed}):
        g.add((dataset, VOID.vocabulary, URIRef(vocabulary)))
    for name in data_files:
        g.add((dataset, VOID.dataDump, URIRef(at + name)))
        if formats and name in formats:
            g.add((dataset, VOID.feature, URIRef(formats[name])))
    for klass in sorted(typed, key=str):
        partition = URIRef(at + "void.ttl#class-" + _fragment(compact_iri(str(klass)).replace(":", "-")))
        g.add((dataset, VOID.classPartition, partition))
        g.add((partition, VOID["class"], klass))
        g.add((partition, VOID.entities, Literal(len(typed[klass]), datatype=XSD.integer)))
    for predicate in sorted(predicates, key=str):
        partition = URIRef(at + "void.ttl#property-" + _fragment(compact_iri(str(predicate)).replace(":", "-")))
        g.add((dataset, VOID.propertyPartition, partition))
        g.add((partition, VOID.property, predicate))
        g.add((partition, VOID.triples, Literal(predicates[predicate], datatype=XSD.integer)))
    return g
