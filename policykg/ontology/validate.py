"""Check RDF data against the policykg SHACL shapes.

The shapes (``shapes.ttl``) and the ontology (``policykg.ttl``) ship as package
data.  :func:`validate` runs pyshacl *without* inference, mixing the ontology
into (a copy of) the data so that, for instance, an inquiry counts as an
organisation; the data graph itself is not modified.

Each problem becomes one readable line: the node it is about (its IRI without
the data base, e.g. ``recommendation/iicsa/13``), then the shape's message.

>>> from rdflib import Graph, Literal, RDF, RDFS, URIRef
>>> from policykg.ontology.rdf import PKG
>>> rec = URIRef("https://w3id.org/policykg/id/recommendation/iicsa/13")
>>> data = Graph()
>>> data += [(rec, RDF.type, PKG.Recommendation), (rec, RDFS.label, Literal("Recommendation 13"))]
>>> report = validate(data)
>>> report.conforms, report.count
(False, 2)
>>> for line in report.violations:
...     print(line)
recommendation/iicsa/13: Every node needs at least one piece of evidence (pkg:evidence): a quote from the source that states it.
recommendation/iicsa/13: Every recommendation needs exactly one non-empty title (dcterms:title).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources

from pyshacl import validate as shacl_validate
from rdflib import RDF, Graph, Literal, Namespace
from rdflib.term import Node

from policykg.iris import VOCAB, base

SH = Namespace("http://www.w3.org/ns/shacl#")

_ONTOLOGY_FILE = "policykg.ttl"
_SHAPES_FILE = "shapes.ttl"


@dataclass
class ValidationReport:
    """The outcome of :func:`validate`.

    ``violations`` and ``warnings`` are sorted, de-duplicated one-line messages;
    ``conforms`` is true when there are no violations (warnings are allowed).
    """

    conforms: bool
    violations: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    count: int = field(init=False)

    def __post_init__(self) -> None:
        self.count = len(self.violations)

    def __str__(self) -> str:
        head = "conforms" if self.conforms else f"{self.count} violation(s)"
        if self.warnings:
            head += f", {len(self.warnings)} warning(s)"
        return "\n".join([head, *self.violations, *(f"warning: {w}" for w in self.warnings)])


def _load(name: str) -> Graph:
    text = (resources.files("policykg.ontology") / name).read_text(encoding="utf-8")
    return Graph().parse(data=text, format="turtle")


def ontology_graph() -> Graph:
    """The policykg OWL vocabulary (``policykg.ttl``), freshly parsed.

    >>> from rdflib import OWL, RDF
    >>> from policykg.ontology.rdf import PKG
    >>> (PKG.Commitment, RDF.type, OWL.Class) in ontology_graph()
    True
    """
    return _load(_ONTOLOGY_FILE)


def shapes_graph() -> Graph:
    """The policykg SHACL shapes (``shapes.ttl``), freshly parsed.

    >>> from rdflib import Namespace, RDF
    >>> SH = Namespace("http://www.w3.org/ns/shacl#")
    >>> len(set(shapes_graph().subjects(RDF.type, SH.NodeShape))) > 10
    True
    """
    return _load(_SHAPES_FILE)


def short_name(node: Node) -> str:
    """A node as people read it: data IRIs without the base, vocabulary terms as ``pkg:``.

    >>> from rdflib import URIRef
    >>> short_name(URIRef("https://w3id.org/policykg/id/recommendation/iicsa/13"))
    'recommendation/iicsa/13'
    >>> short_name(URIRef("https://w3id.org/policykg/ontology#status-accepted"))
    'pkg:status-accepted'
    >>> short_name(Literal("x" * 100))
    '"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…"'
    """
    if isinstance(node, Literal):
        text = str(node)
        return '"' + (text if len(text) <= 60 else text[:58] + "…") + '"'
    text = str(node)
    for prefix, replacement in ((base() + "id/", ""), (VOCAB, "pkg:")):
        if text.startswith(prefix):
            return replacement + text[len(prefix):]
    return text


def _focus_name(data: Graph, focus: Node) -> str:
    """The focus node's name; a reified relation is shown with the triple it states."""
    name = short_name(focus)
    if (focus, RDF.type, RDF.Statement) in data:
        parts = [data.value(focus, p) for p in (RDF.subject, RDF.predicate, RDF.object)]
        if all(part is not None for part in parts):
            name += " (" + " ".join(short_name(part) for part in parts if part is not None) + ")"
    return name


#: About how many triples pyshacl checks a second on the project's 2-core machine (measured:
#: benchmarks/README.md, "Figures behind choices in the code").
SHACL_TRIPLES_PER_SECOND = 10_000


#: About how much memory the SHACL check takes per triple (rdflib's graph, its indexes and pyshacl's
#: work; measured: benchmarks/README.md).
SHACL_BYTES_PER_TRIPLE = 2_000


def available_memory() -> int | None:
    """Bytes of memory available to new work on this machine (Linux's ``MemAvailable``), or None if unknown."""
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def too_big_for_shacl(triples: int) -> str | None:
    """Why the SHACL check of ``triples`` would not fit in the memory available, or None if it fits
    (or the memory is unknown): pyshacl needs the whole graph in rdflib, and a check that runs out of
    memory after many minutes would help no one.

    >>> too_big_for_shacl(14_000) is None
    True
    """
    needed, available = triples * SHACL_BYTES_PER_TRIPLE, available_memory()
    if available is None or needed <= 0.8 * available:
        return None
    return (f"the SHACL check of about {triples:,} triples needs about {needed / 1e9:.0f} GB of memory, "
            f"and {available / 1e9:.1f} GB is available")


def duration_note(triples: int, what: str = "checking") -> str | None:
    """A line telling how long the SHACL check of ``triples`` will take, if it takes over ~20 s.

    >>> duration_note(1_600_000)
    'policykg: checking about 1,600,000 triples against the SHACL shapes: about 3 min'
    >>> duration_note(14_000) is None
    True
    """
    seconds = triples / SHACL_TRIPLES_PER_SECOND
    if seconds <= 20:
        return None
    return f"policykg: {what} about {triples:,} triples against the SHACL shapes: about {max(1, round(seconds / 60))} min"


def validate(rdf_graph: Graph, *, shapes: Graph | None = None, ontology: Graph | None = None, in_place: bool = False) -> ValidationReport:
    """Validate ``rdf_graph`` against the packaged shapes (or ``shapes``).

    Runs pyshacl with ``inference='none'``; the ontology (packaged, or
    ``ontology``) is mixed into a copy of the data, or with ``in_place`` into
    ``rdf_graph`` itself (for a graph made only to be validated: copying takes a
    sixth of the time).  Warnings (the domain and range checks of relations) do not
    make the graph non-conforming.

    pyshacl checks about :data:`SHACL_TRIPLES_PER_SECOND` triples a second and takes about
    :data:`SHACL_BYTES_PER_TRIPLE` bytes a triple: a large graph takes minutes and gigabytes.

    >>> from policykg.loaders import load_document, seed_path
    >>> from policykg.graph.build import build_graph
    >>> from policykg.ontology.rdf import to_rdf
    >>> report = validate(to_rdf(build_graph([load_document(seed_path())])))  # doctest: +SKIP
    >>> report.conforms, report.count  # doctest: +SKIP
    (True, 0)
    """
    conforms, results, _ = shacl_validate(
        rdf_graph,
        shacl_graph=shapes if shapes is not None else shapes_graph(),
        ont_graph=ontology if ontology is not None else ontology_graph(),
        inference="none",
        inplace=in_place,
        advanced=True,  # for the SPARQL-based target that checks quotes against their paragraphs
        allow_warnings=True,
        allow_infos=True,
    )
    assert isinstance(results, Graph)
    violations: set[str] = set()
    warnings: set[str] = set()
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        message = results.value(result, SH.resultMessage) or "does not satisfy the shapes"
        line = f"{_focus_name(rdf_graph, focus)}: {message}" if focus is not None else str(message)
        value = results.value(result, SH.value)
        if value is not None and value != focus:
            line = f"{line.rstrip('.')} (found {short_name(value)})."
        severity = results.value(result, SH.resultSeverity)
        (violations if severity == SH.Violation else warnings).add(line)
    return ValidationReport(conforms=bool(conforms), violations=sorted(violations), warnings=sorted(warnings))

