"""The policykg ontology (policykg.ttl), the SHACL shapes (shapes.ttl) and validation.

The seed document's graph is built, converted to RDF and validated once per
module; the deliberately broken copy is also validated once, with all its
breaks, and each break is checked by its own test.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS
from rdflib.term import Node

from policykg.graph.build import build_graph
from policykg.graph.model import EDGE_TYPES, NODE_TYPES
from policykg.iris import VOCAB, mint
from policykg.loaders import load_document, seed_path
from policykg.ontology.rdf import (
    NODE_PROPERTIES,
    OA,
    PKG,
    STANDARD_CLASS,
    STANDARD_PROPERTY,
    STATUSES,
    relation_predicate,
    status_iri,
    to_rdf,
)
from policykg.ontology.validate import ValidationReport, ontology_graph, short_name, validate

XSD = Namespace("http://www.w3.org/2001/XMLSchema#")  # rdflib's closed XSD namespace trips pytest's doctest collector
ONTOLOGY = URIRef("https://w3id.org/policykg/ontology")
VANN = "http://purl.org/vocab/vann/"
DECLARATIONS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
KIND_RANGE = {"int": XSD.integer, "date": XSD.date, "decimal": XSD.decimal, "bool": XSD.boolean, "str": XSD.string}


# --- fixtures: everything expensive is built once per module -------------------------------------


@pytest.fixture(scope="module")
def seed_rdf() -> Graph:
    return to_rdf(build_graph([load_document(seed_path())]))


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return ontology_graph()


@pytest.fixture(scope="module")
def seed_report(seed_rdf: Graph) -> ValidationReport:
    return validate(seed_rdf)


def _in_pkg(node: Node) -> bool:
    return isinstance(node, URIRef) and str(node).startswith(VOCAB)


def _classes(ontology: Graph, node: Node) -> set[Node]:
    """A class expression as a set of named classes: the class itself, or the members of its owl:unionOf."""
    union = ontology.value(node, OWL.unionOf)
    return set(Collection(ontology, union)) if union is not None else {node}


# --- (a) the ontology parses, and declares every term the data uses -------------------------------


def test_ontology_header(ontology: Graph) -> None:
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(ONTOLOGY, OWL.versionInfo) == Literal("0.1.0")
    assert ontology.value(ONTOLOGY, URIRef(VANN + "preferredNamespacePrefix")) == Literal("pkg")
    assert str(ontology.value(ONTOLOGY, URIRef(VANN + "preferredNamespaceUri"))) == VOCAB
    assert ontology.value(ONTOLOGY, DCTERMS.creator) == Literal("policykg")
    assert ontology.value(ONTOLOGY, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    for predicate in (DCTERMS.title, DCTERMS.description):
        assert ontology.value(ONTOLOGY, predicate).language == "en"


def test_every_pkg_term_used_by_the_data_is_declared(seed_rdf: Graph, ontology: Graph) -> None:
    types = {o for o in seed_rdf.objects(None, RDF.type) if _in_pkg(o)}
    predicates = {p for p in seed_rdf.predicates() if _in_pkg(p)}
    assert PKG.Commitment in types and PKG.evidence in predicates
    missing = []
    for term in sorted(types | predicates):
        expected = OWL.Class if term in types else (OWL.ObjectProperty, OWL.DatatypeProperty)
        declared = set(ontology.objects(term, RDF.type))
        if not declared & ({expected} if isinstance(expected, URIRef) else set(expected)):
            missing.append(f"{short_name(term)} is not declared")
        for annotation in (RDFS.label, RDFS.comment):
            if not any(value.language == "en" for value in ontology.objects(term, annotation)):
                missing.append(f"{short_name(term)} has no {annotation.n3(ontology.namespace_manager)}@en")
    assert not missing, "\n".join(missing)


def test_every_pkg_iri_in_the_data_is_defined_by_the_ontology(seed_rdf: Graph, ontology: Graph) -> None:
    used = {node for triple in seed_rdf for node in triple if _in_pkg(node)}
    assert sorted(short_name(n) for n in used if (n, RDFS.isDefinedBy, ONTOLOGY) not in ontology) == []


def test_a_class_for_every_node_type(ontology: Graph) -> None:
    for node_type in NODE_TYPES:
        cls = PKG[node_type]
        assert (cls, RDF.type, OWL.Class) in ontology, node_type
        assert (cls, RDFS.subClassOf, STANDARD_CLASS[node_type]) in ontology or (
            node_type == "Inquiry" and (cls, RDFS.subClassOf, PKG.Organisation) in ontology
        ), node_type
    assert (PKG.Inquiry, RDFS.subClassOf, PKG.Organisation) in ontology
    assert {OA.TextQuoteSelector, URIRef("http://www.w3.org/ns/prov#Entity")} <= set(ontology.objects(PKG.Quote, RDFS.subClassOf))


def test_an_object_property_for_every_relation(ontology: Graph) -> None:
    for relation, (_, sources, targets) in EDGE_TYPES.items():
        predicate = relation_predicate(relation)
        assert (predicate, RDF.type, OWL.ObjectProperty) in ontology, relation
        assert _classes(ontology, ontology.value(predicate, RDFS.domain)) == {PKG[t] for t in sources}, relation
        assert _classes(ontology, ontology.value(predicate, RDFS.range)) == {PKG[t] for t in targets}, relation
        if relation in STANDARD_PROPERTY:
            assert (predicate, RDFS.subPropertyOf, STANDARD_PROPERTY[relation]) in ontology, relation


def test_a_datatype_property_for_every_node_property(ontology: Graph) -> None:
    checked = 0
    for key, (predicate, kind) in NODE_PROPERTIES.items():
        if not _in_pkg(predicate):
            continue
        if kind == "iri":  # a link stored as a node property (policykg.graph.previous): an object property to a pkg: class
            assert (predicate, RDF.type, OWL.ObjectProperty) in ontology, key
            assert (ontology.value(predicate, RDFS.range), RDF.type, OWL.Class) in ontology, key
            continue
        assert (predicate, RDF.type, OWL.DatatypeProperty) in ontology, key
        assert ontology.value(predicate, RDFS.range) == KIND_RANGE[kind], key
        checked += 1
    assert checked > 20
    for predicate in (PKG.startOffset, PKG.endOffset):
        assert ontology.value(predicate, RDFS.range) == XSD.integer


# --- (b) every declared pkg: term is documented ------------------------------------------------


def test_every_declared_term_has_label_and_comment(ontology: Graph) -> None:
    terms = {s for kind in (*DECLARATIONS, SKOS.ConceptScheme) for s in ontology.subjects(RDF.type, kind) if _in_pkg(s)}
    assert len(terms) > 60
    problems = []
    for term in sorted(terms):
        for annotation in (RDFS.label, RDFS.comment):
            values = [v for v in ontology.objects(term, annotation) if isinstance(v, Literal) and v.language == "en" and str(v)]
            if len(values) != 1:
                problems.append(f"{short_name(term)}: {len(values)} {annotation.n3(ontology.namespace_manager)}@en")
        if (term, RDFS.isDefinedBy, ONTOLOGY) not in ontology:
            problems.append(f"{short_name(term)}: no rdfs:isDefinedBy")
    assert not problems, "\n".join(problems)


def test_pkg_terms_the_ontology_refers_to_are_declared(ontology: Graph) -> None:
    declared = {s for s in ontology.subjects() if _in_pkg(s)}
    referred = {o for o in ontology.objects() if _in_pkg(o)}
    assert sorted(short_name(t) for t in referred - declared) == []


# --- (c) the seed graph conforms to the shapes --------------------------------------------------


def test_seed_graph_conforms(seed_report: ValidationReport) -> None:
    if seed_report.warnings:
        print("\n".join(seed_report.warnings))
    assert seed_report.conforms, str(seed_report)
    assert seed_report.count == 0 and seed_report.violations == []


# --- (d) a deliberately broken copy does not conform, and the report says why ---------------------

RECOMMENDATION = URIRef(mint("recommendation", "iicsa", 13))


def _commitment_with(rdf: Graph, *predicates: URIRef, skip: int = 0) -> URIRef:
    """A commitment that has all ``predicates`` (the ``skip``-th in IRI order)."""
    found = sorted(s for s in rdf.subjects(RDF.type, PKG.Commitment) if all(rdf.value(s, p) is not None for p in predicates))
    return found[skip]


def _paragraph_quote(rdf: Graph) -> URIRef:
    return min(q for q in rdf.subjects(RDF.type, PKG.Quote) if rdf.value(rdf.value(q, URIRef("http://www.w3.org/ns/prov#wasQuotedFrom")), PKG.text))


def _break_number(rdf: Graph) -> str:
    assert rdf.value(RECOMMENDATION, PKG.number) == Literal(13)
    rdf.set((RECOMMENDATION, PKG.number, Literal(0)))  # a recommendation may have no number, never number 0
    return f"{short_name(RECOMMENDATION)}: A recommendation has at most one number (pkg:number), a whole number from 1 up"


def _break_deadline(rdf: Graph) -> str:
    commitment = _commitment_with(rdf, PKG.deadlineStart, PKG.deadlineDate)
    end = date.fromisoformat(str(rdf.value(commitment, PKG.deadlineDate)))
    rdf.set((commitment, PKG.deadlineStart, Literal((end + timedelta(days=1)).isoformat(), datatype=XSD.date)))
    return f"{short_name(commitment)}: A commitment's deadline period cannot start (pkg:deadlineStart) after it ends"


def _break_evidence(rdf: Graph) -> str:
    commitment = _commitment_with(rdf, PKG.evidence, skip=1)
    rdf.remove((commitment, PKG.evidence, None))
    return f"{short_name(commitment)}: Every commitment needs at least one piece of evidence (pkg:evidence)"


def _break_status(rdf: Graph) -> str:
    response = min(rdf.subjects(PKG.status, None))
    rdf.set((response, PKG.status, PKG["status-maybe"]))
    return f"{short_name(response)}: A response's status (pkg:status) must be one of"


def _break_quote(rdf: Graph) -> str:
    quote = _paragraph_quote(rdf)
    rdf.set((quote, OA.exact, Literal(str(rdf.value(quote, OA.exact)) + " (misquoted)")))
    return f"{short_name(quote)}: The quoted text (oa:exact) is not what its paragraph's text (pkg:text) says"


def _break_funding(rdf: Graph) -> str:
    funding = min(rdf.subjects(RDF.type, PKG.Funding))
    amount = rdf.value(funding, PKG.amountGBP)
    rdf.remove((funding, PKG.amountGBP, None))
    rdf.add((funding, PKG.amount, amount))  # an amount in another currency, and no currency said
    return f"{short_name(funding)}: Every funding needs an amount in pounds (pkg:amountGBP) or an amount in another currency"


BREAKS: dict[str, Callable[[Graph], str]] = {
    "recommendation numbered 0": _break_number,
    "deadline starts after it ends": _break_deadline,
    "commitment without evidence": _break_evidence,
    "status outside the scheme": _break_status,
    "quote that is not in its paragraph": _break_quote,
    "funding in a currency not said": _break_funding,
}


@pytest.fixture(scope="module")
def broken(seed_rdf: Graph) -> tuple[ValidationReport, dict[str, str]]:
    rdf = Graph()
    rdf += seed_rdf
    expected = {name: make_break(rdf) for name, make_break in BREAKS.items()}
    # a relation between the wrong kinds of node: reported as a warning only
    rdf.add((RECOMMENDATION, PKG.ledBy, URIRef(mint("organisation", "Home Office"))))
    return validate(rdf), expected


def test_broken_copy_does_not_conform(broken: tuple[ValidationReport, dict[str, str]]) -> None:
    report, _ = broken
    assert not report.conforms
    assert report.count == len(report.violations) >= len(BREAKS)
    assert report.violations == sorted(report.violations)


@pytest.mark.parametrize("name", list(BREAKS))
def test_report_names_the_problem(broken: tuple[ValidationReport, dict[str, str]], name: str) -> None:
    report, expected = broken
    assert any(line.startswith(expected[name]) for line in report.violations), f"{expected[name]!r} not in\n{report}"


def test_relation_between_wrong_kinds_of_node_is_a_warning(broken: tuple[ValidationReport, dict[str, str]]) -> None:
    report, _ = broken
    expected = f"{short_name(RECOMMENDATION)}: Only a commitment can be the subject of the relation \"is led by\" (pkg:ledBy)."
    assert expected in report.warnings
    assert not any(line.startswith(expected) for line in report.violations)


def test_validating_in_place_reports_the_same_and_only_adds_the_ontology(broken: tuple[ValidationReport, dict[str, str]],
                                                                         seed_rdf: Graph) -> None:
    """``in_place`` (the command line's way, sparing a copy of the data) gives the same report; the graph
    then holds the ontology besides its own triples."""
    rdf = Graph()
    rdf += seed_rdf
    for make_break in BREAKS.values():
        make_break(rdf)
    rdf.add((RECOMMENDATION, PKG.ledBy, URIRef(mint("organisation", "Home Office"))))
    before = len(rdf)
    report = validate(rdf, in_place=True)
    assert (report.violations, report.warnings) == (broken[0].violations, broken[0].warnings)
    assert len(rdf) > before and (PKG.Commitment, RDF.type, OWL.Class) in rdf


# --- (e) response statuses are SKOS concepts of the scheme ----------------------------------------


def test_status_concepts_are_in_the_scheme(ontology: Graph, seed_rdf: Graph) -> None:
    scheme = PKG.ResponseStatusScheme
    assert (scheme, RDF.type, SKOS.ConceptScheme) in ontology
    assert set(ontology.objects(scheme, SKOS.hasTopConcept)) == {status_iri(s) for s in STATUSES}
    for status in STATUSES:
        concept = status_iri(status)
        assert (concept, RDF.type, SKOS.Concept) in ontology, status
        assert (concept, SKOS.inScheme, scheme) in ontology, status
        assert (concept, SKOS.topConceptOf, scheme) in ontology, status
        assert ontology.value(concept, SKOS.definition).language == "en", status
        # the same preferred label as the data gives it, so the merge has one per language
        assert list(ontology.objects(concept, SKOS.prefLabel)) == [Literal(status, lang="en")], status
    used = set(seed_rdf.objects(None, PKG.status))
    assert used and used <= {status_iri(s) for s in STATUSES}
    merged = ontology + seed_rdf
    for concept in used:
        assert len(list(merged.objects(concept, SKOS.prefLabel))) == 1, short_name(concept)
