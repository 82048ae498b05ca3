"""Exports (N-Quads, TriG, JSON-LD with its context, GEXF, CSV) and the open-data publication."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import OWL, RDF, RDFS, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic

from policykg.export import EXPORT_FORMATS, FORMAT_CHOICES, export, publication_check
from policykg.export import publish as publish_module
from policykg.export.dcat import ATTRIBUTION, OGL, SPDX
from policykg.export.gexf import gexf_text
from policykg.export.layout import ALL_FILES, DATA_FILES
from policykg.export.pages import check_html, ontology_page
from policykg.export.publication_check import validate_catalog, validate_publication
from policykg.export.publish import publish
from policykg.export.rdf import RDF_FORMATS, graph_names, jsonld_context, serialize_graph
from policykg.graph.model import EDGE_TYPES, NODE_TYPES
from policykg.ontology.rdf import PKG, to_rdf
from policykg.ontology.validate import ontology_graph

# rdflib's own N-Quads, TriG and JSON-LD parsers use its deprecated ConjunctiveGraph API
pytestmark = [pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning"),
              pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")]

DCAT = Namespace("http://www.w3.org/ns/dcat#")  # (plain namespaces: pytest's collection trips over rdflib's closed ones)
DCTERMS = Namespace("http://purl.org/dc/terms/")
VOID = Namespace("http://rdfs.org/ns/void#")
#: our format name → rdflib parser: every export is read back by a parser other than the writer's
PARSERS = {"turtle": "turtle", "jsonld": "json-ld", "ntriples": "nt", "nquads": "nquads", "trig": "trig", "rdfxml": "xml"}
assert set(PARSERS) == set(RDF_FORMATS)


def parse(text: str, format: str) -> Graph:
    """Parse an export; for the dataset formats, the union of its graphs."""
    if format in ("nquads", "trig"):
        dataset = Dataset()
        dataset.parse(data=text, format=PARSERS[format])
        union = Graph()
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            union.add((s, p, o))
        return union
    return Graph().parse(data=text, format=PARSERS[format])


@pytest.fixture(scope="module")
def seed_rdf(seed_graph) -> Graph:
    return to_rdf(seed_graph)


@pytest.fixture(scope="module")
def publication(seed_graph, tmp_path_factory) -> Path:
    return publish(seed_graph, tmp_path_factory.mktemp("pub") / "publication")


@pytest.fixture(scope="module")
def small_graph(seed_graph) -> nx.MultiDiGraph:
    """Part of the seed graph (its document, inquiries, recommendations, themes): quick to publish and check."""
    keep = [iri for iri, data in seed_graph.nodes(data=True) if data["type"] in ("Document", "Inquiry", "Recommendation", "Theme", "Report")]
    return seed_graph.subgraph(keep).copy()


@pytest.fixture(scope="module")
def small_publication(small_graph, tmp_path_factory) -> Path:
    return publish(small_graph, tmp_path_factory.mktemp("small") / "publication")


@pytest.fixture
def copy_of(small_publication, tmp_path):
    """A fresh copy of a (small) publication, to tamper with."""

    def make() -> Path:
        target = tmp_path / "copy"
        shutil.copytree(small_publication, target)
        assert validate_publication(target).ok
        return target

    return make


# ---------------------------------------------------------------------------- RDF formats


def test_registry_knows_every_format():
    assert {"turtle", "jsonld", "ntriples", "nquads", "trig", "rdfxml", "graphml", "gexf", "csv", "cypher", "neo4j-csv"} == set(EXPORT_FORMATS)
    assert all(spec.name == name and spec.suffix for name, spec in EXPORT_FORMATS.items())
    assert FORMAT_CHOICES[: len(EXPORT_FORMATS)] == list(EXPORT_FORMATS) and {"nq", "ttl", "nt"} <= set(FORMAT_CHOICES)
    assert {name for name, spec in EXPORT_FORMATS.items() if spec.folder} == {"csv", "neo4j-csv"}


def test_one_module_per_rdf_writer_in_one_registry():
    """Each writer module of policykg/export/rdf/ describes its format (FORMAT), and the registry holds exactly those."""
    import importlib

    import policykg.export.rdf as package

    helpers = {"__init__", "streams", "named_graphs"}
    modules = sorted(path.stem for path in Path(package.__file__).parent.glob("*.py") if path.stem not in helpers)
    assert modules == sorted(RDF_FORMATS) == ["jsonld", "nquads", "ntriples", "rdfxml", "trig", "turtle"]
    for name in modules:
        spec = importlib.import_module(f"policykg.export.rdf.{name}").FORMAT
        assert RDF_FORMATS[name] is spec and EXPORT_FORMATS[name].suffix == spec.suffix
    assert {name for name, spec in RDF_FORMATS.items() if spec.named_graphs} == {"nquads", "trig"}


def test_jsonld_terms_come_from_the_one_table_of_properties():
    """The JSON-LD context and the RDF mapping read one table: a node property's JSON-LD term names its predicate with its kind."""
    from policykg.export.rdf import JSONLD_TERMS
    from policykg.ontology.rdf import EDGE_PROPERTIES, NODE_PROPERTIES, PROPERTIES

    for spec in PROPERTIES:
        if spec.term is not None:
            assert JSONLD_TERMS[spec.term] == (spec.predicate, spec.kind, spec.many), spec.term
        if spec.key is not None:
            assert (EDGE_PROPERTIES if spec.edge else NODE_PROPERTIES)[spec.key] == (spec.predicate, spec.kind), spec.key
    assert len({spec.predicate for spec in PROPERTIES}) == len(PROPERTIES)  # one row per property
    assert JSONLD_TERMS["landingPage"][0] == NODE_PROPERTIES["source_url"][0] and "notation" not in JSONLD_TERMS
    assert jsonld_context()["sameAs"] == {"@id": "owl:sameAs", "@type": "@id", "@container": "@set"}


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_every_rdf_format_parses_back_isomorphic(seed_graph, seed_rdf, fmt):
    parsed = parse(serialize_graph(seed_graph, fmt), fmt)
    assert len(parsed) == len(seed_rdf)
    assert isomorphic(parsed, seed_rdf)


@pytest.mark.parametrize("fmt", ["nquads", "trig"])
def test_named_graphs_are_the_source_documents(seed_graph, fmt):
    dataset = Dataset()
    dataset.parse(data=serialize_graph(seed_graph, fmt), format=PARSERS[fmt])
    documents = {URIRef(iri) for iri, data in seed_graph.nodes(data=True) if data["type"] == "Document"}
    names = {g.identifier for g in dataset.graphs() if len(g) and g.identifier != dataset.default_graph.identifier}
    assert documents <= names
    assert all(str(name).startswith("https://w3id.org/policykg/id/") for name in names)


def test_named_graphs_partition_the_triples(seed_graph, seed_rdf):
    quads = list(ox.parse(serialize_graph(seed_graph, "nquads").encode(), format=ox.RdfFormat.N_QUADS))
    parts: dict[str, set[ox.Triple]] = {}
    for quad in quads:
        parts.setdefault(str(quad.graph_name), set()).add(quad.triple)
    assert len(quads) == sum(len(triples) for triples in parts.values()) == len(seed_rdf)  # each triple in one graph
    assert {line for line in serialize_graph(seed_graph, "ntriples").splitlines()} == {str(quad.triple) + " ." for quad in quads}
    assert graph_names(seed_graph)  # the partition below is by these names
    # only what no document states (the status concepts) is in the default graph
    assert {triple.subject.value.startswith(str(PKG)) for triple in parts.get(str(ox.DefaultGraph()), set())} <= {True}
    # a node's triples are in the graph of the document it was derived from
    document = next(iri for iri, data in seed_graph.nodes(data=True) if data["type"] == "Document")
    recommendation = "https://w3id.org/policykg/id/recommendation/iicsa/13"
    assert any(triple.subject.value == recommendation for triple in parts[f"<{document}>"])


def test_trig_and_nquads_name_graphs_by_document(seed_graph):
    document = next(iri for iri, data in seed_graph.nodes(data=True) if data["type"] == "Document")
    assert f"<{document}> {{\n" in serialize_graph(seed_graph, "trig")
    assert f" <{document}> .\n" in serialize_graph(seed_graph, "nquads")


def test_trig_prefixes_made_up_by_rdflib_agree_across_graphs():
    from policykg.export.rdf import serialize_rdf

    a, b = URIRef("https://example.org/a"), URIRef("https://example.org/b")
    rdf = Graph()
    rdf += [(a, URIRef("https://one.example/p"), Literal("x")), (b, URIRef("https://two.example/q"), Literal("y"))]
    text = serialize_rdf(rdf, "trig", names={str(a): "https://example.org/g1", str(b): "https://example.org/g2"})
    assert set(parse(text, "trig")) == set(rdf)


# ---------------------------------------------------------------------------- JSON-LD


def test_jsonld_reads_as_plain_json(seed_graph):
    document = json.loads(serialize_graph(seed_graph, "jsonld"))
    assert document["@context"] == jsonld_context()
    nodes = {node["id"]: node for node in document["@graph"]}
    recommendation = nodes["https://w3id.org/policykg/id/recommendation/iicsa/13"]
    assert recommendation["number"] == 13 and "Recommendation" in recommendation["type"]
    assert isinstance(recommendation["title"], str) and isinstance(recommendation["evidence"], list)
    response = next(n for n in nodes.values() if recommendation["id"] in n.get("respondsTo", []))
    assert response["status"] == "pkg:status-accepted"
    dated = [n for n in nodes.values() if "Commitment" in n.get("type", []) and "deadline" in n]
    assert dated and all(isinstance(n["deadlineDate"], str) and isinstance(n["ledBy"], list) for n in dated if "ledBy" in n)
    quote = nodes[recommendation["evidence"][0]]
    assert isinstance(quote["exact"], str) and isinstance(quote["startOffset"], int)


def test_jsonld_expands_with_the_published_context_file(seed_graph, seed_rdf, tmp_path):
    """The data with ``"@context": "context.jsonld"`` (a reference, as a consumer would use it) gives the same triples."""
    (tmp_path / "context.jsonld").write_text(json.dumps({"@context": jsonld_context()}), encoding="utf-8")
    document = json.loads(serialize_graph(seed_graph, "jsonld"))
    document["@context"] = "context.jsonld"
    (tmp_path / "data.jsonld").write_text(json.dumps(document), encoding="utf-8")
    parsed = Graph().parse(tmp_path / "data.jsonld", format="json-ld")
    assert isomorphic(parsed, seed_rdf)


def test_jsonld_gives_the_same_triples_in_pyld(seed_graph, seed_rdf):
    """pyld, a JSON-LD 1.1 processor (stricter than rdflib's parser), reads the same triples."""
    from pyld import jsonld  # in the test extra
    quads = jsonld.to_rdf(json.loads(serialize_graph(seed_graph, "jsonld")), {"format": "application/n-quads"})
    assert set(Graph().parse(data=quads, format="nt")) == set(seed_rdf)  # (all in the default graph)


def test_jsonld_falls_back_to_explicit_values_when_a_key_does_not_fit():
    """A value whose form differs from its key's declared type keeps its exact RDF meaning."""
    from rdflib import XSD

    from policykg.export.rdf import serialize_rdf

    subject = URIRef("https://example.org/x")
    rdf = Graph()
    rdf += [
        (subject, PKG.number, Literal("7", datatype=XSD.int)),  # an xsd:int, not the declared xsd:integer
        (subject, PKG.deadlineDate, Literal("2025", datatype=XSD.gYear)),  # not an xsd:date
        (subject, PKG.status, Literal("accepted")),  # a literal where an IRI is declared
        (subject, RDFS.label, Literal("Label", lang="en")),  # a language where a plain string is declared
        (subject, URIRef("https://example.org/unknown"), Literal(2.5)),
        (subject, PKG.evidence, URIRef("https://example.org/q")),
    ]
    text = serialize_rdf(rdf, "jsonld")
    node = json.loads(text)["@graph"][0]
    assert node["evidence"] == ["https://example.org/q"]
    assert node["pkg:number"] == {"@value": "7", "@type": "xsd:int"}
    assert node["pkg:status"] == "accepted"
    assert isomorphic(Graph().parse(data=text, format="json-ld"), rdf)


# ---------------------------------------------------------------------------- GEXF and CSV


def test_gexf_parses_back_with_the_right_counts(seed_graph, tmp_path):
    path = export(seed_graph, "gexf", tmp_path / "graph.gexf")
    parsed = nx.read_gexf(path)
    assert parsed.number_of_nodes() == seed_graph.number_of_nodes()
    assert parsed.number_of_edges() == seed_graph.number_of_edges()
    node = parsed.nodes["https://w3id.org/policykg/id/recommendation/iicsa/13"]
    assert node["type"] == "Recommendation" and node["number"] == 13 and node["sources"] >= 1
    assert 'lastmodifieddate="2025-04-09"' in path.read_text(encoding="utf-8")  # the source's date, not the clock
    assert {data["relation"] for *_, data in parsed.edges(data=True)} <= set(EDGE_TYPES)


def test_gexf_writes_mixed_type_attributes_as_text(tmp_path):
    from policykg.graph.model import Provenance, add_node, new_graph

    where = Provenance("https://example.org/d", "p1", 1, "S", 0, 1, "x")
    graph = new_graph()
    add_node(graph, "https://example.org/a", "Statistic", "a", where, value=3)
    add_node(graph, "https://example.org/b", "Statistic", "b", where, value=2.5)
    add_node(graph, "https://example.org/c", "Organisation", "c", where, kind="agency")
    add_node(graph, "https://example.org/d", "Organisation", "d", where, kind=7)
    (tmp_path / "g.gexf").write_text(gexf_text(graph), encoding="utf-8")
    parsed = nx.read_gexf(tmp_path / "g.gexf")
    assert parsed.nodes["https://example.org/a"]["value"] == 3.0 and parsed.nodes["https://example.org/d"]["kind"] == "7"


def test_csv_folder_has_a_file_per_type_and_relation(seed_graph, tmp_path):
    folder = export(seed_graph, "csv", tmp_path / "graph-csv")
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted([f"nodes-{t}.csv" for t in NODE_TYPES] + [f"edges-{r}.csv" for r in EDGE_TYPES])
    node_rows = edge_rows = 0
    for path in folder.iterdir():
        with path.open(encoding="utf-8", newline="") as stream:
            rows = list(csv.DictReader(stream))
        header = path.read_bytes().decode("utf-8").split("\r\n", 1)[0].split(",")
        assert header[-3:] == ["quote", "paragraphs", "sources"]
        if path.name.startswith("nodes-"):
            assert header[:2] == ["id", "label"]
            node_rows += len(rows)
        else:
            assert header[:4] == ["source", "source_label", "target", "target_label"]
            edge_rows += len(rows)
    assert node_rows == seed_graph.number_of_nodes() and edge_rows == seed_graph.number_of_edges()
    with (folder / "nodes-Organisation.csv").open(encoding="utf-8", newline="") as stream:
        organisations = {row["id"]: row for row in csv.DictReader(stream)}
    aliased = [row for row in organisations.values() if "; " in row.get("aliases", "")]
    assert aliased, "lists are joined with '; '"
    assert all(int(row["sources"]) >= 1 and row["quote"] for row in organisations.values())


def test_csv_export_refuses_to_replace_a_folder_of_other_files(seed_graph, tmp_path):
    from policykg.errors import PolicyKGError

    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "thesis.docx").write_text("precious")
    with pytest.raises(PolicyKGError, match="not empty"):
        export(seed_graph, "csv", tmp_path / "mine")
    assert (tmp_path / "mine" / "thesis.docx").read_text() == "precious"
    export(seed_graph, "csv", tmp_path / "again")
    export(seed_graph, "csv", tmp_path / "again")  # an earlier CSV export is replaced


# ---------------------------------------------------------------------------- determinism across processes

_EXPORT_SCRIPT = """
import sys, policykg
from policykg.export import export
from policykg.export.publish import publish
graph = policykg.build_graph([policykg.load_document(policykg.seed_path())])
out = sys.argv[1]
for fmt in ("nquads", "trig", "jsonld", "gexf", "csv"):
    export(graph, fmt, f"{out}/graph-{fmt}")
publish(graph, f"{out}/publication")
"""


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_exports_and_publication_are_byte_identical_across_processes(tmp_path):
    trees = []
    for seed in ("1", "2"):
        out = tmp_path / f"run{seed}"
        out.mkdir()
        result = subprocess.run([sys.executable, "-c", _EXPORT_SCRIPT, str(out)], capture_output=True, text=True,
                                env={**os.environ, "PYTHONHASHSEED": seed}, timeout=600)
        assert result.returncode == 0, result.stderr
        trees.append(_tree(out))
    assert len(trees[0]) > 40 and trees[0].keys() == trees[1].keys()
    different = [name for name in trees[0] if trees[0][name] != trees[1][name]]
    assert not different


def test_publish_twice_gives_the_same_bytes(seed_graph, publication, tmp_path):
    again = publish(seed_graph, tmp_path / "again")
    assert _tree(again) == _tree(publication)


# ---------------------------------------------------------------------------- the publication


def test_publication_has_every_file_and_validates(publication):
    assert sorted(p.name for p in publication.iterdir()) == ALL_FILES
    report = validate_publication(publication)
    assert report.ok, str(report)
    assert any("conforms to shapes.ttl" in line for line in report.passed)
    assert not [p for p in publication.parent.iterdir() if p.name.startswith(".")], "temporary folders are cleaned up"


def test_every_data_file_is_the_export(publication, seed_graph, seed_rdf):
    for name, fmt in DATA_FILES.items():  # (each export parses back to the graph: test_every_rdf_format_parses_back_isomorphic)
        assert (publication / name).read_text(encoding="utf-8") == serialize_graph(seed_graph, fmt), name
    context = json.loads((publication / "context.jsonld").read_text(encoding="utf-8"))
    assert json.loads((publication / "graph.jsonld").read_text(encoding="utf-8"))["@context"] == context["@context"]
    assert (publication / "ontology.ttl").read_bytes() == (Path(publish_module.__file__).parents[1] / "ontology" / "policykg.ttl").read_bytes()


def test_catalogue_describes_every_file(publication, seed_graph):
    catalog = Graph().parse(publication / "catalog.ttl", format="turtle")
    assert validate_catalog(catalog) == []
    dataset = next(catalog.subjects(RDF.type, DCAT.Dataset))
    distributions = list(catalog.objects(dataset, DCAT.distribution))
    urls = {str(catalog.value(d, DCAT.downloadURL)).rsplit("/", 1)[-1] for d in distributions}
    assert urls == set(ALL_FILES) - {"catalog.ttl", "SHA256SUMS"}
    for distribution in distributions:
        name = str(catalog.value(distribution, DCAT.downloadURL)).rsplit("/", 1)[-1]
        assert int(catalog.value(distribution, DCAT.byteSize)) == (publication / name).stat().st_size
        checksum = catalog.value(distribution, SPDX.checksum)
        assert catalog.value(checksum, SPDX.algorithm) == SPDX.checksumAlgorithm_sha256
        assert str(catalog.value(distribution, DCAT.downloadURL)).startswith(publication.resolve().as_uri())  # relative → the folder
    assert catalog.value(dataset, DCTERMS.license) == OGL
    assert str(catalog.value(dataset, DCTERMS.issued)) == "2025-04-09"  # the source's date, not the clock
    assert URIRef("https://www.gov.uk/government/publications/tackling-child-sexual-abuse-progress-update") in set(
        catalog.objects(dataset, DCTERMS.source))
    rights = catalog.value(dataset, DCTERMS.rights)
    assert str(catalog.value(rights, RDFS.label)) == ATTRIBUTION
    assert {str(t).rsplit("/", 1)[-1] for t in catalog.objects(dataset, DCAT.theme)} == {"GOVE", "JUST"}


def test_catalogue_shapes_catch_a_broken_catalogue(publication):
    catalog = Graph().parse(publication / "catalog.ttl", format="turtle")
    distribution = next(catalog.subjects(RDF.type, DCAT.Distribution))
    catalog.remove((distribution, DCAT.byteSize, None))
    dataset = next(catalog.subjects(RDF.type, DCAT.Dataset))
    catalog.remove((dataset, DCTERMS.license, None))
    problems = validate_catalog(catalog)
    assert any("dcat:byteSize" in line for line in problems)
    assert any("Open Government Licence" in line for line in problems)


def test_void_counts_the_data(publication, seed_rdf):
    void = Graph().parse(publication / "void.ttl", format="turtle")
    dataset = next(void.subjects(RDF.type, VOID.Dataset))
    assert int(void.value(dataset, VOID.triples)) == len(seed_rdf)
    assert int(void.value(dataset, VOID.properties)) == len(set(seed_rdf.predicates()))
    partitions = {void.value(p, VOID["class"]): int(void.value(p, VOID.entities)) for p in void.objects(dataset, VOID.classPartition)}
    assert partitions[PKG.Recommendation] == 20
    assert len(list(void.objects(dataset, VOID.dataDump))) == len(DATA_FILES)
    # the catalogue and the VoID file describe the same dataset
    catalog = Graph().parse(publication / "catalog.ttl", format="turtle")
    assert (dataset, RDF.type, DCAT.Dataset) in catalog


def test_base_url_makes_download_urls_absolute(small_graph, tmp_path):
    folder = publish(small_graph, tmp_path / "pub", base_url="https://data.example.org/policykg", issued="2026-01-31",
                     publisher="Example Unit", publisher_url="https://example.org/unit")
    catalog = Graph().parse(folder / "catalog.ttl", format="turtle")
    urls = sorted(str(u) for u in catalog.objects(None, DCAT.downloadURL))
    assert urls and all(u.startswith("https://data.example.org/policykg/") for u in urls)
    assert {str(d) for d in catalog.objects(None, DCTERMS.issued) if isinstance(d, Literal) and d.datatype} >= {"2026-01-31"}
    assert (URIRef("https://example.org/unit"), None, None) in catalog
    assert validate_publication(folder).ok


def test_readme_has_the_attribution_and_a_working_query(publication, seed_rdf):
    readme = (publication / "README.md").read_text(encoding="utf-8")
    assert ATTRIBUTION in readme and str(OGL) in readme
    assert all(f"`{name}`" in readme for name in ALL_FILES)
    query = readme.split("```sparql\n", 1)[1].split("```", 1)[0]
    rows = list(seed_rdf.query(query))
    assert len(rows) == 20 and int(rows[12][0]) == 13


def test_sha256sums_works_with_sha256sum(publication):
    assert shutil.which("sha256sum"), "coreutils' sha256sum checks SHA256SUMS the way a downloader would"
    result = subprocess.run(["sha256sum", "--check", "--strict", "SHA256SUMS"], cwd=publication, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


# ---------------------------------------------------------------------------- validation finds problems


def test_a_changed_byte_is_reported_naming_the_file(copy_of):
    folder = copy_of()
    data = bytearray((folder / "graph.ttl").read_bytes())
    data[len(data) // 2] ^= 0x01
    (folder / "graph.ttl").write_bytes(bytes(data))
    report = validate_publication(folder, shacl=False)
    assert not report.ok
    assert "graph.ttl: SHA-256 does not match SHA256SUMS (the file has changed)" in report.problems
    assert "graph.ttl: SHA-256 does not match catalog.ttl (the file has changed)" in report.problems
    assert all(line.startswith("graph.ttl: ") for line in report.problems)


def test_a_missing_file_is_reported(copy_of):
    folder = copy_of()
    (folder / "void.ttl").unlink()
    report = validate_publication(folder, shacl=False)
    assert report.problems == ["void.ttl: missing"]


def test_an_unlisted_file_is_reported(copy_of):
    folder = copy_of()
    (folder / "notes.txt").write_text("hello")
    report = validate_publication(folder, shacl=False)
    assert report.problems == ["notes.txt: not listed in SHA256SUMS", "notes.txt: not listed in catalog.ttl"]


def test_an_unparseable_file_is_reported(copy_of):
    folder = copy_of()
    (folder / "graph.nt").write_text("<not a triple\n", encoding="utf-8")
    report = validate_publication(folder, shacl=False)
    assert any(line.startswith("graph.nt: does not parse") for line in report.problems)


@pytest.mark.parametrize("name", ["graph.nq", "graph.trig", "graph.ttl", "graph.jsonld", "graph.rdf"])
def test_a_data_file_with_other_triples_is_reported(copy_of, name):
    """Each data format is parsed and compared with graph.nt: a triple more (written in the file's own
    syntax, by the same writer) is found in any of them."""
    from policykg.export.rdf import serialize_ntriples

    folder = copy_of()
    extra = '<https://example.org/s> <https://example.org/p> "an extra triple" .'
    ntriples = (folder / "graph.nt").read_text(encoding="utf-8")
    lines = sorted([*ntriples.splitlines(), extra])
    format = {"graph.nq": "nquads", "graph.trig": "trig", "graph.ttl": "turtle", "graph.jsonld": "jsonld", "graph.rdf": "rdfxml"}[name]
    (folder / name).write_text(serialize_ntriples("\n".join(lines) + "\n", format), encoding="utf-8")
    report = validate_publication(folder, shacl=False)
    assert f"{name}: holds different triples from graph.nt (0 missing, 1 extra)" in report.problems
    assert f"{name}: parses ({len(lines)} triples)" in report.passed


def test_a_data_file_that_is_not_utf8_is_one_problem(copy_of):
    folder = copy_of()
    (folder / "graph.ttl").write_bytes((folder / "graph.ttl").read_bytes() + b"\xff\xfe")
    report = validate_publication(folder, shacl=False)
    reading = [line for line in report.problems if line.startswith(("graph.ttl: is not UTF-8", "graph.ttl: does not parse"))]
    assert len(reading) == 1 and reading[0].startswith("graph.ttl: is not UTF-8 text"), reading


@pytest.mark.parametrize("where", ["the middle", "the end (a character cut short)"])
def test_a_data_file_is_checked_for_utf8_across_its_pieces(copy_of, monkeypatch, where):
    """Files are read in pieces: a bad byte is found in any piece, and a character cut at the end too."""
    monkeypatch.setattr(publication_check, "_PIECE", 4096)
    folder = copy_of()
    data = (folder / "graph.nt").read_bytes()
    assert len(data) > 3 * 4096
    broken = data[:10_000] + b"\xff" + data[10_000:] if where == "the middle" else data + "é".encode()[:1]
    (folder / "graph.nt").write_bytes(broken)
    report = validate_publication(folder, shacl=False)
    expected = "graph.nt: is not UTF-8 text (invalid start byte at byte 10000)" if where == "the middle" else \
        "graph.nt: is not UTF-8 text (unexpected end of data at the end)"
    assert expected in report.problems


def test_a_bad_byte_after_a_character_cut_between_pieces_is_placed_right(tmp_path, monkeypatch):
    monkeypatch.setattr(publication_check, "_PIECE", 4)
    (tmp_path / "f").write_bytes(b"abc" + "é".encode() + b"\xff" + b"zz")  # é is cut between the first two pieces
    assert publication_check._read_facts(tmp_path / "f").not_utf8 == "invalid start byte at byte 5"


def test_json_ld_is_written_for_streaming_parsers(seed_graph):
    """Each node's keys come in the order of Streaming JSON-LD ("type", "id", then the rest), so a
    streaming parser reads the file without holding it, and finds the N-Triples' triples."""
    text = serialize_graph(seed_graph, "jsonld")
    triples = {quad.triple for quad in ox.parse(text.encode(), format=ox.RdfFormat.STREAMING_JSON_LD)}
    assert triples == {quad.triple for quad in ox.parse(serialize_graph(seed_graph, "ntriples").encode(), format=ox.RdfFormat.N_TRIPLES)}
    assert len(triples) > 1000


def test_a_json_ld_file_not_in_streaming_order_is_still_checked(copy_of):
    """A JSON-LD file whose keys are in another order (not ours, but valid) is read whole instead."""
    folder = copy_of()
    document = json.loads((folder / "graph.jsonld").read_text(encoding="utf-8"))
    document["@graph"] = [dict(sorted(node.items())) for node in document["@graph"]]  # "id" before "type"
    (folder / "graph.jsonld").write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(SyntaxError):
        list(ox.parse(path=folder / "graph.jsonld", format=ox.RdfFormat.STREAMING_JSON_LD))
    report = validate_publication(folder, shacl=False)
    assert not [line for line in report.problems if line.startswith("graph.jsonld") and "SHA-256" not in line and "bytes" not in line]


def test_validation_of_a_missing_folder(tmp_path):
    assert validate_publication(tmp_path / "nope").problems == [f"{tmp_path / 'nope'}: no such folder"]


# ---------------------------------------------------------------------------- atomic writes


def test_a_failed_publish_leaves_the_old_publication(small_graph, small_publication, tmp_path, monkeypatch):
    folder = tmp_path / "pub"
    shutil.copytree(small_publication, folder)
    before = _tree(folder)
    original = publish_module._Digesting.write
    written = []

    def failing(self, data):  # the disk fills up in the fifth data file, four are written
        name = Path(self.stream.name).name
        written.append(name)
        if name == list(DATA_FILES)[4]:
            raise OSError(28, "No space left on device")
        return original(self, data)

    monkeypatch.setattr(publish_module._Digesting, "write", failing)
    with pytest.raises(OSError):
        publish(small_graph, folder)
    assert set(written) == set(list(DATA_FILES)[:5])
    monkeypatch.undo()
    assert _tree(folder) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pub"], "no temporary folder is left behind"


def test_publish_refuses_a_folder_that_is_not_a_publication(seed_graph, tmp_path):
    from policykg.errors import PolicyKGError

    (tmp_path / "home").mkdir()
    (tmp_path / "home" / "letter.txt").write_text("keep me")
    with pytest.raises(PolicyKGError, match="not empty"):
        publish(seed_graph, tmp_path / "home")
    assert (tmp_path / "home" / "letter.txt").read_text() == "keep me"


# ---------------------------------------------------------------------------- the ontology page


def test_ontology_page_lists_every_class_label(publication):
    page = (publication / "ontology.html").read_text(encoding="utf-8")
    ontology = ontology_graph()
    classes = [c for c in ontology.subjects(RDF.type, OWL.Class) if str(c).startswith(str(PKG))]
    assert len(classes) >= len(NODE_TYPES)
    for klass in classes:
        label = str(ontology.value(klass, RDFS.label))
        assert f"<h3>{label}</h3>" in page
        assert f'id="{str(klass)[len(str(PKG)):]}"' in page
    assert check_html(page) == []


def test_ontology_page_escapes_everything():
    hostile = """@prefix pkg: <https://w3id.org/policykg/ontology#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
pkg:Evil a owl:Class ; rdfs:label "<script>alert(1)</script>" ; rdfs:comment "a & b \\" <img src=x onerror=alert(1)>" ;
    rdfs:seeAlso <https://example.org/"onmouseover="alert(1)> .
"""
    page = ontology_page(hostile)
    assert "<script>" not in page and "<img" not in page and '"onmouseover="' not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert check_html(page) == []


def test_check_html_finds_unbalanced_tags():
    assert check_html("<html><head><title>t</title></head><body><div><p>x</div></body></html>") == []
    assert check_html("<html><head><title>t</title></head><body><div><span></div></body></html>") != []
    assert "no <title> element" in check_html("<html><head></head><body></body></html>")


# ---------------------------------------------------------------------------- commands


def test_publish_and_validate_commands(small_graph, tmp_path, monkeypatch):
    from policykg.cli.export import publish_command, validate_publication_command
    from policykg.graph.storage import save_graph

    monkeypatch.chdir(tmp_path)
    save_graph(small_graph, tmp_path / "graph.json")
    runner = CliRunner()
    result = runner.invoke(publish_command, ["out", "--graph", "graph.json", "--issued", "2025-05-01"])
    assert result.exit_code == 0, result.output
    assert "Wrote 14 files" in result.output and "Checked" in result.output
    catalog = Graph().parse(tmp_path / "out" / "catalog.ttl", format="turtle")
    assert Literal("2025-05-01", datatype=URIRef("http://www.w3.org/2001/XMLSchema#date")) in set(catalog.objects(None, DCTERMS.issued))
    result = runner.invoke(validate_publication_command, ["out", "-v"])
    assert result.exit_code == 0 and "a valid publication" in result.output and "ok: graph.nt: conforms to shapes.ttl" in result.output
    (tmp_path / "out" / "README.md").write_text("changed")
    result = runner.invoke(validate_publication_command, ["out", "--no-shacl"])
    assert result.exit_code == 1
    assert "problem: README.md: SHA-256 does not match SHA256SUMS (the file has changed)" in result.output



@pytest.mark.parametrize("command", [["validate-publication", "-v"], ["validate", "-v"]])
def test_verbose_validation_checks_the_folder_once(small_publication, monkeypatch, command):
    from policykg.cli import cli

    runs = []
    real = publication_check.validate_publication

    def counted(*args, **kwargs):
        runs.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(publication_check, "validate_publication", counted)
    result = CliRunner().invoke(cli, [*command, str(small_publication)])
    assert result.exit_code == 0, result.output
    assert len(runs) == 1
    assert "ok: graph.nt: conforms to shapes.ttl" in result.output and "a valid publication" in result.output

def test_a_graph_too_big_for_shacl_here_is_published_and_checked_without_it(small_graph, tmp_path, monkeypatch):
    """pyshacl holds the whole graph in rdflib (~2 KB a triple): where that does not fit the memory
    available, publish skips only the SHACL check, saying why, and validate refuses in one line."""
    from policykg.cli import cli
    from policykg.cli.export import publish_command, validate_publication_command
    from policykg.graph.storage import save_graph
    from policykg.ontology import validate as validate_module

    monkeypatch.chdir(tmp_path)
    save_graph(small_graph, tmp_path / "graph.json")
    monkeypatch.setattr(validate_module, "available_memory", lambda: 1_000_000)  # 1 MB
    runner = CliRunner()
    result = runner.invoke(publish_command, ["out", "--graph", "graph.json"])
    assert result.exit_code == 0, result.output
    assert "not checking the data against shapes.ttl: the SHACL check of about" in result.output
    assert "Checked: every file parses, the checksums and the catalogue match." in result.output
    result = runner.invoke(validate_publication_command, ["out", "-v"])
    assert result.exit_code == 0 and "not checking graph.nt against shapes.ttl" in result.output
    assert "conforms to shapes.ttl" not in result.output
    result = runner.invoke(cli, ["validate", "--graph", "graph.json"])
    assert result.exit_code == 1 and "GB of memory" in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    monkeypatch.setattr(validate_module, "available_memory", lambda: None)  # unknown: the check runs
    assert validate_module.too_big_for_shacl(10**9) is None


def test_ntriples_lines_are_the_sorted_distinct_lines():
    """``ntriples_lines`` sorts by subject group; that must be the order of the whole lines, even for
    subjects that are prefixes of one another or hold characters N-Triples escapes."""
    import random

    from policykg.ontology.rdf import Lit, nt_term, ntriples_lines

    rng = random.Random(4)
    iris = ["https://x.org/a", "https://x.org/a/b", "https://x.org/a b", "https://x.org/a>b", "https://x.org/a-b",
            "https://x.org/a/", "https://x.org/é", "https://x.org/A", "https://x.org/a\"b"]
    triples = [(rng.choice(iris), rng.choice(iris), rng.choice([*iris, Lit("v"), Lit("3", "https://x.org/int"), Lit("é\n")]))
               for _ in range(2000)]
    expected = sorted({f"{nt_term(s)} {nt_term(p)} {nt_term(o)} ." for s, p, o in triples})
    assert ntriples_lines(triples) == expected


def test_turtle_says_what_the_ntriples_say():
    """Our Turtle writer shortens terms (prefixed names, bare numbers and booleans, ``a``): parsed by
    pyoxigraph and by rdflib it must give exactly the N-Triples' triples, for every kind of term,
    including names that must not be shortened and literals that only look like numbers."""
    import pyoxigraph as ox

    from policykg.export.rdf import serialize_ntriples
    from policykg.ontology.rdf import Lit, ntriples_lines

    xsd = "http://www.w3.org/2001/XMLSchema#"
    subject, vocabulary = "https://x.org/s", str(PKG)
    values = [
        Lit("3", f"{xsd}integer"), Lit("-007", f"{xsd}integer"), Lit("3.0E4", f"{xsd}integer"), Lit("7.5", f"{xsd}decimal"),
        Lit("7.", f"{xsd}decimal"), Lit("true", f"{xsd}boolean"), Lit("1", f"{xsd}boolean"), Lit("2026-01-31", f"{xsd}date"),
        Lit("accepted", language="en"), Lit('say "no" \\ \n\r\t\x00 é ☃'), Lit(""), Lit("v", "https://x.org/type#t"),
        f"{vocabulary}Commitment", f"{vocabulary}has.dot", f"{vocabulary}1st", f"{vocabulary}a%20b", f"{vocabulary}",
        "https://x.org/o", "https://schema.org/Thing", "https://x.org/a b",
    ]
    triples = [(subject, str(RDF.type), f"{vocabulary}Commitment"), (f"{vocabulary}status-accepted", str(RDFS.label), Lit("A"))]
    triples += [(subject, f"{vocabulary}p{number % 3}", value) for number, value in enumerate(values)]
    ntriples = "\n".join(ntriples_lines(triples)) + "\n"
    turtle = serialize_ntriples(ntriples, "turtle")
    assert "<https://x.org/s> a pkg:Commitment ;\n\tpkg:p0 " in turtle and "pkg:status-accepted rdfs:label" in turtle
    assert ' , 3 , 7.5 , ' in turtle and " true , " in turtle and ' -007 , "2026-01-31"^^xsd:date , "7."^^xsd:decimal , ' in turtle
    assert '"3.0E4"^^xsd:integer' in turtle and '"1"^^xsd:boolean' in turtle and "<https://w3id.org/policykg/ontology#has.dot>" in turtle
    assert set(ox.parse(turtle.encode(), format=ox.RdfFormat.TURTLE)) == set(ox.parse(ntriples.encode(), format=ox.RdfFormat.N_TRIPLES))
    assert isomorphic(Graph().parse(data=turtle, format="turtle"), Graph().parse(data=ntriples, format="nt"))
    assert len(set(ox.parse(ntriples.encode(), format=ox.RdfFormat.N_TRIPLES))) == len(triples)
