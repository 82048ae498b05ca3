"""The synthetic corpus (benchmarks/corpus.py) as a recall test of the extractor.

Five generated documents (fixed seed) are loaded and built; everything the manifest says
was planted must come out of ``build_graph``: every recommendation with its exact title,
≥ 95 % of dated commitments with the expected deadline end, every known entity, ≥ 90 % of
invented entities with the right type, every money amount.  Building the documents one at
a time and merging the graphs must give the joint build.

Run ``python tests/test_corpus.py [N SEED]`` for a recall report with examples of misses.
"""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from policykg.graph.build import build_graph, document_iri, finish_graph
from policykg.graph.mentions import Gazetteer, entity_iri
from policykg.graph.merge import merge_graphs
from policykg.graph.model import count_by_relation, count_by_type
from policykg.graph.storage import dumps, to_data
from policykg.iris import curated_source
from policykg.loaders import load_document, seed_path

ROOT = Path(__file__).resolve().parents[1]
N_DOCS, SEED = 5, 20250409


def load_corpus_module():
    """benchmarks/corpus.py (not part of the installed package)."""
    path = ROOT / "benchmarks" / "corpus.py"
    spec = importlib.util.spec_from_file_location("policykg_benchmarks_corpus", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


corpus = load_corpus_module()


# --------------------------------------------------------------------------- recall


@dataclass
class Tally:
    """Found / planted for one kind of thing, with examples of misses."""

    planted: int = 0
    found: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, ok: bool, miss: str) -> None:
        self.planted += 1
        if ok:
            self.found += 1
        else:
            self.misses.append(miss)

    @property
    def rate(self) -> float:
        return self.found / self.planted if self.planted else 1.0

    def __str__(self) -> str:
        return f"{self.found}/{self.planted} ({100 * self.rate:.1f}%)"


def _in_document(data: dict[str, Any], iri: str) -> list[Any]:
    return [p for p in data.get("provenance", ()) if p.document == iri]


def _mentioned_in(graph, entity: str, doc_iri: str) -> bool:
    prefix = f"{doc_iri}/paragraph/"
    return entity in graph and any(
        key == "mentioned_in" and target.startswith(prefix) for _, target, key in graph.out_edges(entity, keys=True)
    )


def _paragraph_text(document, locator: str, limit: int = 160) -> str:
    text = next((p.text for p in document.paragraphs if p.locator == locator), "")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def recall(graph, manifest, documents: dict[str, Any]) -> dict[str, Tally]:
    """Compare the graph with the manifest; ``documents`` maps manifest file names to loaded documents."""
    gazetteer = Gazetteer.packaged()
    tallies: dict[str, Tally] = defaultdict(Tally)
    by_type: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    for iri, data in graph.nodes(data=True):
        by_type[data["type"]].append((iri, data))

    for record in manifest.documents:
        doc_iri = document_iri(documents[record["file"]])
        where = record["file"]

        recommendations = {d["number"]: (iri, d) for iri, d in by_type["Recommendation"] if _in_document(d, doc_iri)}
        for planted in record["recommendations"]:
            got = recommendations.get(planted["number"])
            title = got[1].get("title") if got else None
            tallies["recommendations (exact title)"].add(
                title == planted["title"], f"{where}: Recommendation {planted['number']}: {planted['title']!r} → {title!r}")
            status = None
            if got:
                responses = [s for s, _, k in graph.in_edges(got[0], keys=True) if k == "responds_to"]
                status = graph.nodes[responses[0]].get("status") if responses else None
            tallies["response status"].add(status == planted["status"],
                                           f"{where}: Recommendation {planted['number']}: {planted['status']!r} → {status!r}")
            made_by = [t for _, t, k in graph.out_edges(got[0], keys=True) if k == "made_by"] if got else []
            abbreviation = record["inquiry"]["abbreviation"]
            tallies["recommendation attributed to its inquiry"].add(
                any(graph.nodes[t].get("type") == "Inquiry" and abbreviation in (graph.nodes[t].get("aliases") or []) for t in made_by),
                f"{where}: Recommendation {planted['number']} of {record['inquiry']['name']} ({abbreviation}) → made_by {made_by}")
        if record["inquiry"]:
            inquiry = record["inquiry"]
            found = [iri for iri, d in by_type["Inquiry"] if d["label"] == inquiry["name"] and inquiry["abbreviation"] in (d.get("aliases") or [])]
            tallies["invented inquiries"].add(bool(found) and _mentioned_in(graph, found[0], doc_iri),
                                              f"{where}: {inquiry['name']} ({inquiry['abbreviation']}) not an Inquiry node")

        commitments: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        for iri, data in by_type["Commitment"]:
            for p in _in_document(data, doc_iri):
                leads = [graph.nodes[t]["label"] for _, t, k in graph.out_edges(iri, keys=True) if k == "led_by"]
                commitments[(p.locator, data["text"])].append({**data, "lead": leads[0] if leads else None})
        used: Counter = Counter()
        for planted in record["commitments"]:
            key = (planted["locator"], planted["text"])
            candidates = commitments.get(key, [])
            got = candidates[used[key]] if used[key] < len(candidates) else None
            used[key] += 1
            label = f"{where} {planted['locator']} [{planted['form']}] {planted['text']!r}"
            tallies["dated commitments found"].add(got is not None, f"{label}: no commitment")
            end = got.get("deadline_end") if got else None
            tallies["dated commitments: deadline end"].add(end == planted["deadline_end"], f"{label}: expected {planted['deadline_end']}, got {end}")
            iso = got.get("deadline") if got else None
            tallies["dated commitments: full deadline"].add(iso == planted["deadline"], f"{label}: expected {planted['deadline']}, got {iso}")
            if planted.get("lead"):
                lead = got.get("lead") if got else None
                tallies["commitment lead"].add(lead == planted["lead"], f"{label}: lead expected {planted['lead']!r}, got {lead!r}")

        for name in record["known_entities"]:
            entity = gazetteer.lookup(name)
            ok = entity is not None and _mentioned_in(graph, entity.iri, doc_iri)
            tallies["known entities"].add(ok, f"{where}: {name}")

        for planted in record["invented_entities"]:
            iri = entity_iri(planted["type"], planted["name"])
            node = graph.nodes.get(iri)
            ok = node is not None and node.get("type") == planted["type"] and _mentioned_in(graph, iri, doc_iri)
            if not ok:
                near = sorted(d["label"] for _, d in graph.nodes(data=True) if planted["name"] in d.get("label", "") and d["type"] not in
                              {"Commitment", "Paragraph", "Funding", "Statistic", "Response", "Recommendation"})[:3]
                miss = f"{where}: {planted['name']} ({planted['type']}) → " + (f"{node.get('type')}" if node else f"not found; near: {near}")
            else:
                miss = ""
            tallies["invented entities (right type)"].add(ok, miss)

        for planted in record["mentions"]:
            if planted["kind"] == "known":
                entity = gazetteer.lookup(planted["name"])
                iri, wanted = (entity.iri, entity.type) if entity else (None, None)
            else:
                iri, wanted = entity_iri(planted["type"], planted["name"]), planted["type"]
            paragraph = f"{doc_iri}/paragraph/{planted['locator']}"
            ok = iri is not None and graph.has_edge(iri, paragraph, "mentioned_in") and graph.nodes[iri]["type"] == wanted
            context = _paragraph_text(documents[record["file"]], planted["locator"])
            tallies[f"{planted['kind']} entity mentions (per paragraph)"].add(
                ok, f"{where} {planted['locator']}: {planted['text']!r} ({planted['name']}) in {context!r}")

        planted_names = {e["name"] for e in record["invented_entities"]} | ({record["inquiry"]["name"]} if record["inquiry"] else set())
        for iri, data in graph.nodes(data=True):
            if data.get("curated") is False and _mentioned_in(graph, iri, doc_iri):
                tallies["discovered entities that were planted"].add(
                    data["label"] in planted_names, f"{where}: {data['label']!r} ({data['type']}) was not planted")

        money: dict[tuple[str, int], int] = Counter()
        for _, data in by_type["Funding"]:
            for p in _in_document(data, doc_iri):
                money[(p.locator, data.get("amount_gbp"))] += 1
        for planted in record["money"]:
            key = (planted["locator"], planted["amount_gbp"])
            tallies["money amounts"].add(money[key] > 0, f"{where} {planted['locator']}: {planted['text']}")
            money[key] -= 1

        statistics: dict[tuple[str, float, str], int] = Counter()
        for _, data in by_type["Statistic"]:
            for p in _in_document(data, doc_iri):
                statistics[(p.locator, float(data.get("value")), data.get("unit"))] += 1
        for planted in record["statistics"]:
            key = (planted["locator"], float(planted["value"]), planted["unit"])
            tallies["statistics"].add(statistics[key] > 0, f"{where} {planted['locator']}: {planted['text']} ({planted['unit']})")
            statistics[key] -= 1
    return dict(tallies)


def report(tallies: dict[str, Tally], examples: int = 5) -> str:
    lines = []
    for name, tally in tallies.items():
        lines.append(f"{name:<45} {tally}")
        lines += [f"    miss: {m}" for m in tally.misses[:examples]]
    return "\n".join(lines)


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    out = tmp_path_factory.mktemp("corpus")
    manifest = corpus.generate_corpus(N_DOCS, SEED, out)
    return out, manifest


@pytest.fixture(scope="module")
def documents(generated):
    out, manifest = generated
    return {record["file"]: load_document(out / record["file"]) for record in manifest.documents}


@pytest.fixture(scope="module")
def joint_graph(generated, documents):
    _, manifest = generated
    return build_graph([documents[r["file"]] for r in manifest.documents])


@pytest.fixture(scope="module")
def tallies(generated, documents, joint_graph):
    return recall(joint_graph, generated[1], documents)


# --------------------------------------------------------------------------- the generator


def test_deterministic_and_byte_identical(tmp_path, generated):
    out, manifest = generated
    again = corpus.generate_corpus(N_DOCS, SEED, tmp_path)
    assert again.to_json() == manifest.to_json()
    for record in manifest.documents:
        assert (tmp_path / record["file"]).read_bytes() == (out / record["file"]).read_bytes()
    other = corpus.generate_corpus(N_DOCS, SEED + 1, tmp_path / "other")
    assert other.to_json() != manifest.to_json()


def test_corpus_has_the_planned_variety(generated):
    _, manifest = generated
    docs = manifest.documents
    sizes = [d["paragraphs"] - d["prose_paragraphs"] for d in docs]  # the fact paragraphs
    assert min(sizes) <= 25 and max(sizes) >= 140, sizes
    assert len({d["published"] for d in docs}) == len(docs)
    assert any(d["recommendations"] for d in docs)
    forms = {c["form"] for d in docs for c in d["commitments"]}
    assert forms == set(corpus.PHRASE_FORMS), set(corpus.PHRASE_FORMS) - forms
    assert any(c["inherited"] for d in docs for c in d["commitments"])
    heads = {e["head"] for d in docs for e in d["invented_entities"]}
    assert {"Bill", "Act", "Programme", "Survey", "Panel"} <= heads
    assert all(d["money"] and d["statistics"] for d in docs)


def test_prose_adds_text_but_no_facts(tmp_path, generated, joint_graph):
    """The default corpus's prose paragraphs (the seed's density of facts) change nothing the
    extractor finds but the paragraphs themselves: a dense corpus of the same seed plants the
    same facts and its graph differs only by the prose paragraphs' nodes and ``part_of`` edges."""
    out, manifest = generated
    dense = corpus.generate_corpus(N_DOCS, SEED, tmp_path, prose=0)
    assert manifest.prose > 0 and dense.prose == 0
    facts = lambda m, key: [(e["text"], e.get("item")) for d in m.documents for e in d[key]]  # noqa: E731
    for key in ("commitments", "money", "statistics"):
        assert facts(manifest, key) == facts(dense, key), key
    dense_graph = build_graph([load_document(tmp_path / r["file"]) for r in dense.documents])
    prose_paragraphs = sum(d["prose_paragraphs"] for d in manifest.documents)
    assert prose_paragraphs > 0 and all(d["prose_paragraphs"] == 0 for d in dense.documents)
    with_prose, without = count_by_type(joint_graph), count_by_type(dense_graph)
    assert with_prose.pop("Paragraph") - without.pop("Paragraph") == prose_paragraphs
    assert with_prose == without
    with_prose, without = count_by_relation(joint_graph), count_by_relation(dense_graph)
    assert with_prose.pop("part_of") - without.pop("part_of") == prose_paragraphs
    assert with_prose == without
    # ... and the text is as dense in facts as the seed's, within a fifth (bytes per node or edge).
    def bytes_per_element(paths, graph):
        return sum(p.stat().st_size for p in paths) / (graph.number_of_nodes() + graph.number_of_edges())

    seed = bytes_per_element([seed_path()], build_graph([load_document(seed_path())]))
    generated_density = bytes_per_element([out / r["file"] for r in manifest.documents], joint_graph)
    assert 0.8 < generated_density / seed < 1.2, (generated_density, seed)


def test_a_paragraph_at_once_finds_what_sentence_by_sentence_finds(documents):
    """``MentionFinder.find_each`` (one scan a paragraph when it can) equals ``find`` per sentence."""
    from policykg.graph.mentions import MentionFinder

    gazetteer = Gazetteer.packaged()
    batched = 0
    for document in [*documents.values(), load_document(seed_path())]:
        by_item, by_paragraph = MentionFinder(gazetteer.copy()), MentionFinder(gazetteer.copy())
        for paragraph in document.paragraphs:
            texts = [item.text for item in paragraph.items]
            expected = [by_item.find(text) for text in texts]
            assert by_paragraph.find_each(texts) == expected, paragraph.locator
            assert by_paragraph.recent == by_item.recent
            batched += len(texts) > 1 and not any("(" in text for text in texts)
    assert batched > 100  # many paragraphs took the one-scan way


def test_planted_names_are_what_the_manifest_says():
    """Known names are in the reference list; invented ones are not, and contain no known name."""
    gazetteer = Gazetteer.packaged()
    for name, _, forms in corpus.KNOWN:
        entity = gazetteer.lookup(name)
        assert entity is not None, f"{name} is not in reference.yaml"
        for _, form in forms:
            assert gazetteer.lookup(form) is entity, f"{form!r} does not name {name}"
    for entity in corpus.invent_entities(__import__("random").Random(1), 400):
        assert gazetteer.scan(entity.name) == [], entity.name
        if entity.abbreviation:
            assert gazetteer.lookup(entity.abbreviation) is None, entity.abbreviation
    for name, abbreviation in corpus.invent_inquiries(__import__("random").Random(1), 300):
        assert gazetteer.lookup(abbreviation) is None and gazetteer.scan(name) == [], name


def test_phrase_expectations_follow_the_readme():
    from datetime import date

    published = date(2025, 4, 9)
    rng = __import__("random").Random(3)
    for form in corpus.PHRASE_FORMS:
        for _ in range(30):
            phrase = corpus.make_phrase(form, published, rng)
            assert phrase.end >= published or form == "from_day", (form, phrase)
            assert phrase.start is None or phrase.start <= phrase.end, (form, phrase)


# --------------------------------------------------------------------------- recall


def test_every_document_loads(generated, documents):
    _, manifest = generated
    for record in manifest.documents:
        document = documents[record["file"]]
        assert document.title == record["title"]
        assert document.published.isoformat() == record["published"]
        assert len([p for p in document.paragraphs if p.number is not None]) == record["paragraphs"]


def test_all_recommendations_with_exact_titles(tallies):
    tally = tallies["recommendations (exact title)"]
    assert tally.planted > 0 and tally.rate == 1.0, report({"recommendations": tally})


def test_dated_commitments_have_the_expected_deadline_end(tallies):
    tally = tallies["dated commitments: deadline end"]
    assert tally.planted > 100 and tally.rate >= 0.95, report({"deadline end": tally}, examples=15)


def test_all_known_entities(tallies):
    tally = tallies["known entities"]
    assert tally.planted > 0 and tally.rate == 1.0, report({"known entities": tally}, examples=15)


def test_invented_entities_are_discovered_with_the_right_type(tallies):
    tally = tallies["invented entities (right type)"]
    assert tally.planted > 0 and tally.rate >= 0.90, report({"invented entities": tally}, examples=15)


def test_all_money_amounts(tallies):
    tally = tallies["money amounts"]
    assert tally.planted > 0 and tally.rate == 1.0, report({"money": tally}, examples=15)


def test_all_statistics(tallies):
    tally = tallies["statistics"]
    assert tally.planted > 0 and tally.rate == 1.0, report({"statistics": tally}, examples=15)


def test_response_status_from_wording(tallies):
    tally = tallies["response status"]
    assert tally.rate == 1.0, report({"status": tally}, examples=15)


# Extractor behaviours a reader expects (these were misses found by the generator, now fixed).


def test_recommendations_are_attributed_to_their_inquiry(tallies):
    tally = tallies["recommendation attributed to its inquiry"]
    assert tally.planted > 0 and tally.rate == 1.0, report({"made_by": tally})


def test_invented_inquiries_are_discovered(tallies):
    tally = tallies["invented inquiries"]
    assert tally.planted > 0 and tally.rate == 1.0, report({"inquiries": tally})


def test_invented_entities_at_every_mention(tallies):
    tally = tallies["invented entity mentions (per paragraph)"]
    spurious = tallies["discovered entities that were planted"]
    assert tally.rate == 1.0 and spurious.rate == 1.0, report({"mentions": tally, "spurious": spurious}, examples=10)


def test_known_entities_at_every_mention(tallies):
    tally = tallies["known entity mentions (per paragraph)"]
    assert tally.planted > 0 and tally.rate == 1.0, report({"known mentions": tally}, examples=10)


def test_commitment_lead_as_a_reader_reads_it(tallies):
    tally = tallies["commitment lead"]
    assert tally.rate >= 0.95, report({"lead": tally}, examples=10)


# --------------------------------------------------------------------------- merge


@pytest.fixture(scope="module")
def separate_graphs(generated, documents):
    _, manifest = generated
    return [build_graph([documents[r["file"]]]) for r in manifest.documents]


def test_separate_builds_finished_together_equal_the_joint_build(separate_graphs, joint_graph):
    """Building one document at a time, then merging and adding the curated relations, is the joint build."""
    assert dumps(finish_graph(separate_graphs)) == dumps(joint_graph)


def test_plain_merge_lacks_only_curated_relations_across_documents(separate_graphs, joint_graph):
    """``merge_graphs`` alone equals the joint build except for the curated relations (``add_reference_facts``:
    parent bodies, posts' departments) between entities that no single document names together, e.g.
    "HM Inspectorate of Prisons sub_organisation_of Ministry of Justice" when each is named in another document,
    and the follow-ups of commitments across documents (``followed_up_by``, linked once every document is built)."""
    merged = _resolved(to_data(merge_graphs(separate_graphs)))
    joint = _resolved(to_data(joint_graph))
    assert merged["nodes"] == joint["nodes"]
    key = lambda e: (e["source"], e["relation"], e["target"])  # noqa: E731
    merged_edges = {key(e): e for e in merged["edges"]}
    missing = [e for e in joint["edges"] if key(e) not in merged_edges]
    assert all(merged_edges[key(e)] == e for e in joint["edges"] if key(e) in merged_edges)
    assert len(merged_edges) + len(missing) == len(joint["edges"])
    curated = [e for e in missing if e["relation"] != "followed_up_by"]
    assert curated and all(p["document"] == curated_source() for e in curated for p in e["provenance"]), curated[:3]


def _resolved(data: dict) -> dict:
    """``to_data``'s dict with each node's and edge's provenance positions replaced by the records."""
    def resolve(record: dict) -> dict:
        return {**record, "provenance": [data["provenance"][index] for index in record["provenance"]]}

    return {"nodes": [resolve(n) for n in data["nodes"]], "edges": [resolve(e) for e in data["edges"]]}


if __name__ == "__main__":  # a recall report: python tests/test_corpus.py [N SEED]
    import tempfile

    n, seed = (int(sys.argv[1]), int(sys.argv[2])) if len(sys.argv) > 2 else (N_DOCS, SEED)
    with tempfile.TemporaryDirectory() as folder:
        manifest = corpus.generate_corpus(n, seed, folder)
        loaded = {r["file"]: load_document(Path(folder) / r["file"]) for r in manifest.documents}
        graph = build_graph([loaded[r["file"]] for r in manifest.documents])
        print(report(recall(graph, manifest, loaded), examples=int(__import__("os").environ.get("EXAMPLES", "8"))))


def test_a_document_s_gazetteer_skips_lower_case_forms_it_cannot_hold_and_finds_the_same(documents):
    """A document's copy of the gazetteer leaves the listed forms that may start in lower case out of
    its scans when their keywords are absent from its text; the mentions must be the same."""
    from policykg.graph.mentions import MentionFinder

    gazetteer = Gazetteer.packaged()
    skipped = 0
    for document in [*documents.values(), load_document(seed_path())]:
        text = "\n".join(paragraph.text for paragraph in document.paragraphs)
        fast, full = MentionFinder(gazetteer.copy(text)), MentionFinder(gazetteer.copy())
        skipped += bool(fast.gazetteer._faster)
        for paragraph in document.paragraphs:
            texts = [item.text for item in paragraph.items]
            assert fast.find_each(texts) == full.find_each(texts), paragraph.locator
    # The packaged lists hold lower-case forms (inquiries as Hansard writes them) whose keywords most
    # documents hold; a text without any of them skips them all.
    assert MentionFinder(gazetteer.copy("The Home Office will act.")).gazetteer._faster
    assert not MentionFinder(gazetteer.copy(seed_path().read_text(encoding="utf-8"))).gazetteer._faster  # the seed names them


def test_the_lower_case_gate_finds_forms_written_with_curly_quotes_or_capitals():
    from policykg.graph.mentions import MentionFinder

    gazetteer = Gazetteer([{"name": "the Children's Fund", "type": "Programme", "kind": "fund"},
                           {"name": "Home Office", "type": "Organisation", "kind": "department"}])
    for text in ("We back the Children’s Fund.", "THE CHILDREN'S FUND will grow."):
        finder = MentionFinder(gazetteer.copy(text))
        assert not finder.gazetteer._faster and [m.entity.name for m in finder.find(text)] == ["the Children's Fund"]
    finder = MentionFinder(gazetteer.copy("The Home Office will act."))
    assert finder.gazetteer._faster and [m.entity.name for m in finder.find("The Home Office will act.")] == ["Home Office"]


def test_keyword_letters_match_only_their_own_cases_under_re_ignorecase():
    """The gate looks for a keyword in lower-cased text; its letters must be ones that no other
    character matches under ``re.I`` (as "K", the Kelvin sign, matches "k"), for every code point."""
    import re

    from policykg.graph.mentions import _FOLD_SAFE

    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    for character in _FOLD_SAFE:
        matched = {match.group() for match in re.finditer(re.escape(character), everything, re.I)}
        assert {m.lower() for m in matched} == {character.lower()}, (character, matched)
    assert {m.group() for m in re.finditer("k", everything, re.I)} > {"k", "K"}  # why "k" is left out
