"""What a publication folder holds: its files, as the catalogue describes them (title, media type,
file type, specification, licence), and the texts packaged with policykg that it copies.

The data files carry the Open Government Licence v3 (the documents they come from are Crown
copyright under it); the vocabulary files (ontology, shapes, JSON-LD context) CC BY 4.0.
"""

from __future__ import annotations

from importlib import resources

from policykg.export import dcat
from policykg.export.dcat import CC_BY, OGL, FileInfo
from policykg.export.rdf import RDF_FORMATS

#: data file → export format
DATA_FILES: dict[str, str] = {
    "graph.ttl": "turtle", "graph.nt": "ntriples", "graph.nq": "nquads",
    "graph.trig": "trig", "graph.jsonld": "jsonld", "graph.rdf": "rdfxml",
}
_W3C = "https://www.w3.org/TR/"
_ONTOLOGY = str(dcat.ONTOLOGY)
_DATA_INFO: dict[str, tuple[str, str, str, str]] = {  # format → (title, file type, specification, note)
    "turtle": ("Turtle", "RDF_TURTLE", _W3C + "turtle/", "The most readable RDF format."),
    "ntriples": ("N-Triples", "RDF_N_TRIPLES", _W3C + "n-triples/", "One triple per line, sorted: easy to diff and to stream."),
    "nquads": ("N-Quads", "RDF_N_QUADS", _W3C + "n-quads/",
               "One quad per line: each source document's facts in a named graph named by the document's IRI."),
    "trig": ("TriG", "RDF_TRIG", _W3C + "trig/", "Turtle with named graphs: one per source document, named by its IRI."),
    "jsonld": ("JSON-LD", "JSON_LD", _W3C + "json-ld11/", "Reads as plain JSON: short keys defined by context.jsonld."),
    "rdfxml": ("RDF/XML", "RDF_XML", _W3C + "rdf-syntax-grammar/", "For older RDF tools."),
}

#: every file of a publication, as the catalogue describes it (SHA256SUMS and catalog.ttl are not in the catalogue)
FILE_INFO: dict[str, FileInfo] = {
    **{
        name: FileInfo(name, f"The knowledge graph in {title}", note, RDF_FORMATS[fmt].media_type, file_type, (spec, _ONTOLOGY), OGL, data=True)
        for name, fmt in DATA_FILES.items()
        for title, file_type, spec, note in [_DATA_INFO[fmt]]
    },
    "context.jsonld": FileInfo("context.jsonld", "JSON-LD context", "The @context of graph.jsonld: which JSON key is which RDF property.",
                               "application/ld+json", "JSON_LD", (_W3C + "json-ld11/",), CC_BY),
    "ontology.ttl": FileInfo("ontology.ttl", "The policykg ontology (OWL)", "Classes and properties the data uses, with labels and definitions.",
                             "text/turtle", "RDF_TURTLE", (_W3C + "owl2-overview/",), CC_BY),
    "ontology.html": FileInfo("ontology.html", "The policykg ontology (web page)", "The ontology as a page for people: classes, properties, statuses.",
                              "text/html", "HTML", (), CC_BY),
    "shapes.ttl": FileInfo("shapes.ttl", "SHACL shapes", "The constraints every graph.* file satisfies.",
                           "text/turtle", "RDF_TURTLE", (_W3C + "shacl/",), CC_BY),
    "void.ttl": FileInfo("void.ttl", "VoID description", "Counts of triples, entities, classes and properties; links to the data dumps.",
                         "text/turtle", "RDF_TURTLE", (_W3C + "void/",), OGL),
    "README.md": FileInfo("README.md", "README", "What the data is, its licence and sources, and how to query it.", "text/markdown", None, (), OGL),
}
CATALOG, SUMS = "catalog.ttl", "SHA256SUMS"
ALL_FILES = sorted([*FILE_INFO, CATALOG, SUMS])



def ontology_text(name: str) -> str:
    """A file of the packaged vocabulary (``policykg.ttl``, ``shapes.ttl``, ``catalogue-shapes.ttl``) as text."""
    return (resources.files("policykg.ontology") / name).read_text(encoding="utf-8")

