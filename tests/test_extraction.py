"""The seed graph against an independent annotation of the seed (tests/fixtures/seed_annotation.yaml)."""

from __future__ import annotations

import pickle
import re

import networkx as nx
import pytest
import yaml
from conftest import FIXTURES, nodes, sources, targets

from policykg.graph.build import build_graph
from policykg.graph.mentions import Gazetteer, MentionFinder
from policykg.graph.merge import merge_graphs, merge_items
from policykg.graph.model import EDGE_TYPES, Provenance, add_edge, add_node, new_graph


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'")).strip().lower()


def test_all_twenty_recommendations_with_exact_titles_and_themes(seed_graph, annotation):
    found = {n["number"]: n for n in nodes(seed_graph, "Recommendation")}
    assert sorted(found) == list(range(1, 21))
    for expected in annotation["recommendations"]:
        rec = found[expected["number"]]
        assert rec["title"] == expected["title"]
        themes = [seed_graph.nodes[t]["label"] for t in targets(seed_graph, rec["iri"], "has_theme")]
        assert themes == [expected["theme"]]


def test_recommendations_belong_to_iicsa_its_final_report_and_chair(seed_graph):
    inquiry = "https://w3id.org/policykg/id/inquiry/iicsa"
    assert seed_graph.nodes[inquiry]["label"] == "Independent Inquiry into Child Sexual Abuse"
    assert "ICSA" in seed_graph.nodes[inquiry]["aliases"]  # the text's own slip
    for rec in nodes(seed_graph, "Recommendation"):
        assert targets(seed_graph, rec["iri"], "made_by") == [inquiry]
        (report,) = targets(seed_graph, rec["iri"], "published_in")
        assert seed_graph.nodes[report]["period"] == "2022-10"
    chairs = [seed_graph.nodes[p]["label"] for p in targets(seed_graph, inquiry, "chaired_by")]
    assert chairs == ["Professor Alexis Jay"]


def test_plainly_worded_statuses_match_the_annotation(seed_graph, annotation):
    responses = {n["number"]: n for n in nodes(seed_graph, "Response")}
    plain = [r for r in annotation["recommendations"] if r.get("status_plain")]
    assert len(plain) >= 8
    for expected in plain:
        response = responses[expected["number"]]
        assert response["status"] == expected["status"], expected["number"]
        assert response["status_quote"], "a status always carries its justifying quote"


def test_statuses_are_derived_from_wording_where_the_text_is_plain(seed_graph):
    responses = {n["number"]: n for n in nodes(seed_graph, "Response")}
    for number, status, words in [
        (19, "not accepted", "is not currently taking forward"),
        (6, "alternative approach", "does not need an amendment"),
    ]:
        assert responses[number]["status"] == status
        assert responses[number]["status_source"] == "text"
        assert words in responses[number]["status_quote"]
    # An action taken ("has already introduced clauses") states no position: reading it as
    # acceptance is the curator's call, and the graph says so.
    for number in (9, 13):
        assert (responses[number]["status"], responses[number]["status_source"]) == ("accepted", "curated")


def test_text_derived_statuses_agree_with_two_independent_readings_of_the_seed(seed_document, annotation):
    """The reader alone (no curated facts) against two readings made without policykg: the
    seed annotation's plainly stated statuses and the fidelity corpus's gold for the same text."""
    graph = build_graph([seed_document], annotations={})
    derived = {n["number"]: n["status"] for n in nodes(graph, "Response") if n.get("status")}
    first = {r["number"]: r["status"] for r in annotation["recommendations"] if r.get("status_plain")}
    gold = yaml.safe_load((FIXTURES / "real" / "iicsa-progress-update-2025-04.gold.yaml").read_text(encoding="utf-8"))
    second = {int(r["number"]): r["acceptance"] for r in gold["recommendations"] if r.get("acceptance")}
    assert len(derived) >= 4
    for number, status in derived.items():
        assert first.get(number, status) == status, ("first reading", number, status)
        assert second.get(number, status) == status, ("second reading", number, status)
    assert any(number in first or number in second for number in derived)  # never vacuous


def test_text_derived_statuses_agree_with_the_curated_ones(seed_graph):
    from policykg.graph.build import load_annotations

    curated = load_annotations()["responses"][0]["recommendations"]
    for response in nodes(seed_graph, "Response"):
        assert response["status"] == curated[response["number"]]["status"], response["number"]


def test_every_response_is_stated_in_the_annotated_paragraphs(seed_graph, annotation):
    responses = {n["number"]: n for n in nodes(seed_graph, "Response")}
    for expected in annotation["recommendations"]:
        stated = {seed_graph.nodes[p]["number"] for p in targets(seed_graph, responses[expected["number"]]["iri"], "stated_in")}
        core = set(expected["response_paragraphs"]) - {11, 28}  # the annotator also counted the summary paragraphs
        overlap = len(core & stated) / len(core)
        assert overlap >= 0.75, (expected["number"], sorted(core), sorted(stated))


def test_dated_commitments_have_the_annotated_deadlines(seed_graph, annotation):
    commitments = nodes(seed_graph, "Commitment")
    matched = 0
    expected_all = annotation["deadlines"]
    misses = []
    for expected in expected_all:
        candidates = [c for c in commitments if c["paragraph"] == expected["paragraph"] and _norm(expected["quote"]) in _norm(c["text"])]
        candidates = candidates or [c for c in commitments if c["paragraph"] == expected["paragraph"] and _norm(c["text"]) in _norm(expected["quote"])]
        if not candidates and expected["quote"].rstrip().endswith(":"):
            # A dated lead ("... the following steps by 2028/29:") dates the bullets it introduces.
            candidates = [c for c in commitments if c["paragraph"] == expected["paragraph"]]
        hit = [c for c in candidates if c.get("deadline_end") == str(expected["end"])]
        if hit:
            matched += 1
        else:
            misses.append((expected["paragraph"], expected["phrase"], [c.get("deadline") for c in candidates]))
    recall = matched / len(expected_all)
    print(f"deadline recall: {matched}/{len(expected_all)} = {recall:.0%}; misses: {misses}")
    assert recall >= 0.85, misses


def test_a_dozen_named_deadlines(seed_graph):
    by_phrase = {c["deadline_text"]: c for c in nodes(seed_graph, "Commitment") if c.get("deadline_text")}
    expected = {
        "By December 2025": "2025-12-31",
        "in Autumn 2025/Spring 2026": "2025-09-01/2026-05-31",
        "by late 2026": "2026-12-31",
        "in mid/late 2027": "2027-05-01/2027-12-31",
        "By May 2025": "2025-05-31",
        "By June 2025": "2025-06-30",
        "In 25/26": "2025-04-01/2026-03-31",
        "this year": "2025-01-01/2025-12-31",
        "by 2028/29": "2029-03-31",
        "by March 2026": "2026-03-31",
        "By the end of 2025": "2025-12-31",
        "During 2025 and 2026": "2025-01-01/2026-12-31",
        "From 17 March 2025": "2025-03-17",
        "later this Spring": "2025-04-09/2025-05-31",
        "in Autumn 2025": "2025-09-01/2025-11-30",
    }
    for phrase, iso in expected.items():
        assert by_phrase[phrase]["deadline"] == iso, phrase


def test_commitments_outside_recommendation_sections_answer_none_but_exist(seed_graph):
    in_paragraph_13 = [c for c in nodes(seed_graph, "Commitment") if c["paragraph"] == 13]
    assert len(in_paragraph_13) == 5
    ai_offence = next(c for c in in_paragraph_13 if "AI models" in c["text"])
    assert targets(seed_graph, ai_offence["iri"], "answers") == []
    bills = [seed_graph.nodes[t]["label"] for t in targets(seed_graph, ai_offence["iri"], "through_legislation")]
    assert bills == ["Crime and Policing Bill"]  # from the paragraph's lead: "through the Crime and Policing Bill"


def test_commitments_link_to_the_recommendation_they_answer(seed_graph):
    by_text = {c["text"][:40]: c for c in nodes(seed_graph, "Commitment")}
    overseas = next(c for t, c in by_text.items() if t.startswith("By 2026, working with ACRO"))
    numbers = [seed_graph.nodes[r]["number"] for r in targets(seed_graph, overseas["iri"], "answers")]
    assert numbers == [11]
    regs = next(c for c in nodes(seed_graph, "Commitment") if "lay regulations in Autumn 2025" in c["text"])
    assert [seed_graph.nodes[r]["number"] for r in targets(seed_graph, regs["iri"], "answers")] == [17]
    ico = [seed_graph.nodes[o]["label"] for o in targets(seed_graph, regs["iri"], "involves")]
    assert "Information Commissioner's Office" in ico


def test_entity_recall_against_the_annotation(seed_graph, annotation):
    """At least 95% of annotated organisations, legislation and programmes are found."""
    names, funding = set(), []
    for _, data in seed_graph.nodes(data=True):
        if data["type"] in {"Organisation", "Inquiry", "Legislation", "Programme", "Publication", "Post", "Person", "Report"}:
            names.add(_norm(data["label"]))
            names.update(_norm(a) for a in data.get("aliases") or [])
        if data["type"] == "Funding":
            funding.append(_norm(data["label"]))

    def found(entity: dict) -> bool:
        forms = {_norm(entity["name"])} | {_norm(a) for a in entity["appears_as"]}
        return bool(forms & names) or (entity["kind"] == "fund" and any(f in label for f in forms for label in funding))

    wanted = [e for e in annotation["entities"] if e["kind"] not in {"report", "other"}]
    missing = [e["name"] for e in wanted if not found(e)]
    recall = 1 - len(missing) / len(wanted)
    print(f"entity recall: {len(wanted) - len(missing)}/{len(wanted)} = {recall:.1%}; missing: {missing}")
    assert recall >= 0.95, missing


def test_statistics_with_values_units_and_producers(seed_graph):
    stats = {(s["value"], s["unit"]): s for s in nodes(seed_graph, "Statistic")}
    expected = {
        (7.5, "percent"): "Office for National Statistics",
        (3100000.0, "count"): "Office for National Statistics",
        (840000.0, "count"): "National Crime Agency",
        (500000.0, "count"): "Centre of Expertise on Child Sexual Abuse",
    }
    for key, producer in expected.items():
        producers = [seed_graph.nodes[t]["label"] for t in targets(seed_graph, stats[key]["iri"], "produced_by")]
        assert producers == [producer], key


def test_funding_amounts_in_pounds(seed_graph):
    amounts = sorted(f["amount_gbp"] for f in nodes(seed_graph, "Funding"))
    assert amounts == [5_000_000, 310_000_000, 500_000_000]
    families_first = next(f for f in nodes(seed_graph, "Funding") if f["amount_gbp"] == 500_000_000)
    funded = [seed_graph.nodes[t]["label"] for t in targets(seed_graph, families_first["iri"], "funds")]
    assert any("Families First" in name for name in funded)


def test_provenance_on_every_node_and_edge(seed_graph, seed_document):
    paragraphs = {p.locator: p for p in seed_document.paragraphs}
    for iri, data in seed_graph.nodes(data=True):
        assert data["provenance"], iri
    for s, t, key, data in seed_graph.edges(keys=True, data=True):
        assert data["provenance"], (s, key, t)
        assert key in EDGE_TYPES
    for _, data in seed_graph.nodes(data=True):
        for record in data["provenance"]:
            if record.locator in paragraphs:  # quotes point at the exact text they quote
                assert paragraphs[record.locator].text[record.start : record.end] == record.quote


def test_one_node_per_entity_however_written(seed_graph):
    labels = [d["label"] for _, d in seed_graph.nodes(data=True) if d["type"] == "Organisation"]
    assert len(labels) == len(set(labels))
    cqc = next(iri for iri, d in seed_graph.nodes(data=True) if d["label"] == "Care Quality Commission")
    paragraphs = {seed_graph.nodes[p]["number"] for p in targets(seed_graph, cqc, "mentioned_in")}
    assert {36, 38} <= paragraphs  # "Care and Quality Commission (CQC)" and "CQC"


def test_commitment_roles_lead_and_involved(seed_graph):
    dhsc = next(c for c in nodes(seed_graph, "Commitment") if c["text"].startswith("DHSC will work with stakeholders"))
    lead = [seed_graph.nodes[t]["label"] for t in targets(seed_graph, dhsc["iri"], "led_by")]
    assert lead == ["Department of Health and Social Care"]
    ons = next(c for c in nodes(seed_graph, "Commitment") if c["text"].startswith("Piloting the survey"))
    assert "Office for National Statistics" in [seed_graph.nodes[t]["label"] for t in
                                                 targets(seed_graph, ons["iri"], "led_by") + targets(seed_graph, ons["iri"], "involves")]
    assert sources(seed_graph, "https://w3id.org/policykg/id/organisation/home-office", "led_by")


def test_the_graph_model_builds_what_networkx_would():
    """``add_node``/``add_edge`` write into networkx's own dicts for speed; the graph must be the one
    networkx's public API builds, seen from every side (nodes, successors, predecessors, keys)."""
    where = Provenance("d", "p1", 1, "", 0, 1, "x")
    ours, theirs = new_graph(), nx.MultiDiGraph()
    theirs.add_nodes_from(["a", "b", "c"])
    for iri in ("a", "b", "c"):
        add_node(ours, iri, "Organisation", iri.upper(), where)
    for source, target, relation in [("a", "b", "involves"), ("a", "b", "led_by"), ("c", "b", "involves"), ("b", "b", "part_of")]:
        add_edge(ours, source, target, relation, where)
        theirs.add_edge(source, target, key=relation)
    assert sorted(ours.edges(keys=True)) == sorted(theirs.edges(keys=True))
    assert sorted(ours.in_edges("b", keys=True)) == sorted(theirs.in_edges("b", keys=True))
    assert dict(ours.in_degree()) == dict(theirs.in_degree()) and dict(ours.out_degree()) == dict(theirs.out_degree())
    assert ours.number_of_edges("a", "b") == 2 and ours.has_edge("c", "b", key="involves")
    assert ours.nodes["a"]["provenance"] == {where} and ours.edges["a", "b", "led_by"]["provenance"] == {where}
    reversed_view = ours.reverse(copy=True)  # networkx's own algorithms see the same graph
    assert sorted(reversed_view.edges(keys=True)) == sorted(theirs.reverse(copy=True).edges(keys=True))
    with pytest.raises(KeyError):
        add_edge(ours, "a", "nowhere", "involves", where)
    assert "nowhere" not in ours


def test_merging_builds_what_networkx_would():
    """``merge_items`` also writes networkx's dicts: merged graphs must be the graphs networkx builds,
    with new elements taken over and shared ones merged (provenance unioned, first label kept)."""
    first, second = Provenance("d1", "p1", 1, "", 0, 1, "x"), Provenance("d2", "p2", 2, "", 0, 1, "y")
    one, two = new_graph(), new_graph()
    for graph, where, names in ((one, first, "ab"), (two, second, "bc")):
        for iri in names:
            add_node(graph, iri, "Organisation", f"{iri} in {where.document}", where)
        add_edge(graph, names[0], names[1], "involves", where)
        add_edge(graph, "b", "b", "part_of", where)
    merged = merge_graphs([one, two])
    theirs = nx.MultiDiGraph()
    theirs.add_edges_from([("a", "b", "involves"), ("b", "b", "part_of"), ("b", "c", "involves")])
    assert sorted(merged.edges(keys=True)) == sorted(theirs.edges(keys=True))
    assert sorted(merged.in_edges("b", keys=True)) == sorted(theirs.in_edges("b", keys=True))
    assert dict(merged.in_degree()) == dict(theirs.in_degree()) and sorted(merged) == sorted(theirs)
    assert merged.nodes["b"]["label"] == "b in d1" and merged.nodes["b"]["provenance"] == {first, second}
    assert merged.edges["b", "b", "part_of"]["provenance"] == {first, second}
    assert one.nodes["b"]["provenance"] == {first}, "the merged graphs are left as they were"
    with pytest.raises(KeyError):
        merge_items(new_graph(), [("a", {"type": "Organisation", "label": "A", "provenance": set()})],
                    [("a", "nowhere", "involves", {"provenance": set()})])


def test_provenance_survives_pickling():
    """Parallel builds send provenance records between processes, pickled by their fields."""
    records = [Provenance("d", "p1", 1, "Intro", 0, 5, "quote"), Provenance("d", "s2.b1", None, "", 3, 9, "other")]
    back = pickle.loads(pickle.dumps(records, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == records and {*back} == {*records} and [r.paragraph for r in back] == [1, None]


def test_a_listed_name_holding_a_line_break_matches_as_text_is_written_and_never_across_sentences():
    """Documents' text has single spaces and no line breaks, and a paragraph's sentences are scanned
    joined by line breaks: a reference name written over two lines must match as one line, never across."""
    finder = MentionFinder(Gazetteer([{"name": "Home\nSafety  Unit", "type": "Organisation", "kind": "board"}]))
    assert [m.text for m in finder.find("The Home Safety Unit met.")] == ["Home Safety Unit"]
    found = finder.find_each(["We will ask the Home", "Safety Unit staff."])
    assert found[0] == [] and all(m.entity.name != "Home\nSafety  Unit" and "Home" not in m.text for m in found[1])


def test_a_place_in_a_body_s_name_is_not_the_inquiry_named_after_it():
    # The curated list holds no bare place names as aliases: "Telford" is a town before it is an inquiry.
    finder = MentionFinder(Gazetteer.packaged().copy())
    named = [m.entity.name for m in finder.find("Concerns about maternity care at Shrewsbury and Telford Hospital NHS Trust.")]
    assert "Independent Inquiry Telford Child Sexual Exploitation" not in named
    named = [m.entity.name for m in finder.find("The Telford inquiry reported in July 2022.")]
    assert named == ["Independent Inquiry Telford Child Sexual Exploitation"]


REGULATOR = [{"name": "Payment Systems Regulator", "type": "Organisation", "kind": "regulator", "abbreviations": ["PSR"]},
             {"name": "Care Quality Commission", "type": "Organisation", "kind": "inspectorate", "abbreviations": ["CQC"]}]


def test_a_listed_abbreviation_the_text_defines_as_another_name_is_not_the_listed_body():
    finder = MentionFinder(Gazetteer(REGULATOR))
    found = finder.find_each(["Turbines cause unwanted returns on Primary Surveillance Radar (PSR).", "The PSR then shows clutter."])
    assert [m.entity.name for sentence in found for m in sentence] == []


def test_a_listed_abbreviation_defined_with_its_own_or_a_misspelt_name_is_the_listed_body():
    finder = MentionFinder(Gazetteer(REGULATOR))
    found = finder.find_each(["The Payment Systems Regulator (PSR) will consult.", "The PSR and the Care and Quality Commission (CQC) met."])
    assert [m.entity.name for sentence in found for m in sentence] == [
        "Payment Systems Regulator", "Payment Systems Regulator", "Payment Systems Regulator", "Care Quality Commission", "Care Quality Commission"]


def _discovered(text: str) -> list[tuple[str, str]]:
    return [(m.entity.name, m.entity.type) for m in MentionFinder(Gazetteer([])).find(text)]


def test_a_name_headed_by_a_text_noun_or_a_place_is_no_body():
    assert _discovered("Caterers will apply the Government Buying Standards for Food and Catering Services.") == []
    assert _discovered("I met apprentices on my recent visit to EDF's Cannington Court last year.") == []
    assert _discovered("Source: Claimant Service and Experience Survey 2011.") == []
    assert _discovered("We ran the Claimant Service and Experience Survey this year.") == [("Claimant Service and Experience Survey", "Programme")]


def test_a_body_named_after_a_text_noun_a_court_or_two_bodies_joined_by_and_is_found():
    assert _discovered("The Food Standards Agency inspects the Catering Services Board.") == [
        ("Food Standards Agency", "Organisation"), ("Catering Services Board", "Organisation")]
    assert _discovered("The case went to Birmingham Crown Court and then the Court of Appeal.") == [
        ("Birmingham Crown Court", "Organisation"), ("Court of Appeal", "Organisation")]
    assert _discovered("The Premier League and Football Foundation will fund pitches.") == [
        ("Premier League", "Organisation"), ("Football Foundation", "Organisation")]


def test_a_possessor_before_a_year_is_the_name():
    assert _discovered("The World Economic Forum's 2015 Global Gender Gap Report ranks 145 economies.") == [
        ("World Economic Forum", "Organisation")]


def test_a_possessor_before_a_name_is_not_part_of_it():
    assert _discovered("Katy Bourne's Youth Commission met in 2015.") == [("Youth Commission", "Organisation")]


BROADCASTER = [{"name": "British Broadcasting Corporation", "type": "Organisation", "kind": "company", "abbreviations": ["BBC"]}]


def test_a_listed_abbreviation_and_a_head_word_name_another_body():
    found = MentionFinder(Gazetteer(BROADCASTER)).find("We will agree with the BBC Trust the operating licence.")
    assert [(m.entity.name, m.text) for m in found] == [("BBC Trust", "BBC Trust")]


def test_a_listed_abbreviation_alone_or_before_a_longer_name_is_the_listed_body():
    found = MentionFinder(Gazetteer(BROADCASTER)).find("The BBC published its plans, and the BBC Trust Board Secretariat replied.")
    assert found[0].entity.name == "British Broadcasting Corporation"
    assert "BBC Trust" not in [m.entity.name for m in found]


def test_an_nhs_trust_named_in_full_is_that_trust_and_the_nhs_alone_is_the_nhs():
    # NHS trusts are named "<place> NHS (Foundation) Trust"; "NHS" inside such a name is not the NHS.
    finder = MentionFinder(Gazetteer.packaged().copy())
    found = finder.find("In East Kent Hospitals University NHS Foundation Trust and at Maidstone and Tunbridge Wells NHS trust, care fell short.")
    assert [(m.entity.name, m.entity.type) for m in found] == [
        ("East Kent Hospitals University NHS Foundation Trust", "Organisation"), ("Maidstone and Tunbridge Wells NHS Trust", "Organisation")]
    found = finder.find("The NHS will act, and NHS England will fund the NHS Trust Development Authority.")
    assert [m.entity.name for m in found] == ["National Health Service", "NHS England", "NHS Trust Development Authority"]
    # a paragraph's sentences read together ("NHS trust" in lower case holds no head word) find it too
    found = finder.find_each(["Care fell short.", "It was at Maidstone and Tunbridge Wells NHS trust."])
    assert [[m.entity.name for m in sentence] for sentence in found] == [[], ["Maidstone and Tunbridge Wells NHS Trust"]]


def test_a_listed_abbreviation_and_a_unit_s_name_are_that_unit():
    finder = MentionFinder(Gazetteer.packaged().copy())
    found = finder.find("Write to the HMRC Clearances Team, and the NHS Pension Board will reply.")
    assert [m.entity.name for m in found] == ["HMRC Clearances Team", "NHS Pension Board"]
    found = finder.find("HMRC and the NHS agreed; the BBC Trust Board Secretariat replied.")
    assert [m.entity.name for m in found] == ["HM Revenue & Customs", "National Health Service", "BBC"]


def test_an_abbreviation_defined_inside_a_name_is_no_part_of_it_and_a_title_s_brackets_are():
    finder = MentionFinder(Gazetteer.packaged().copy())
    found = finder.find("Requests under the Freedom of Information (FOI) Act 2000 and the Fen Drainage (Pumps) (Safety) Regulations 1988.")
    assert [(m.entity.name, m.entity.type) for m in found] == [
        ("Freedom of Information Act 2000", "Legislation"), ("Fen Drainage (Pumps) (Safety) Regulations 1988", "Legislation")]
    found = finder.find("The Lowland Water Agency (LWA) Board met.")
    assert [m.entity.name for m in found] == ["Lowland Water Agency", "Lowland Water Agency"]  # no ") Board"


def test_an_abbreviation_the_text_defines_is_spelt_out_in_a_later_name():
    finder = MentionFinder(Gazetteer.packaged().copy())
    found = finder.find_each(["Requests under the Freedom of Information (FOI) Act are answered.", "Appeals under the FOI Act 2000 go to the unit."])
    assert [m.entity.name for sentence in found for m in sentence] == ["Freedom of Information Act", "Freedom of Information Act 2000"]
    # undefined, the abbreviation stays as written
    found = MentionFinder(Gazetteer.packaged().copy()).find("Appeals under the FOI Act 2000 go to the unit.")
    assert [m.entity.name for m in found] == ["FOI Act 2000"]


def test_an_unknown_abbreviation_and_a_name_are_two_and_a_place_and_a_name_are_one():
    finder = MentionFinder(Gazetteer.packaged().copy())
    assert [m.entity.name for m in finder.find("The FA and Premier League are investing £25 million.")] == ["Premier League"]
    assert [m.entity.name for m in finder.find("The UK and Ireland Regional Board met.")] == ["UK and Ireland Regional Board"]


def test_a_house_s_select_committee_on_a_subject_is_the_committee_alone():
    finder = MentionFinder(Gazetteer.packaged().copy())
    found = finder.find("We answered the House of Lords Select Committee on the Constitution in May.")
    assert [(m.entity.name, m.text) for m in found] == [
        ("Select Committee on the Constitution", "House of Lords Select Committee on the Constitution")]
    assert [m.entity.name for m in finder.find("The House of Lords and the Select Committee on the Constitution agreed.")] == [
        "House of Lords", "Select Committee on the Constitution"]


def test_a_body_s_subject_may_be_a_list_and_a_list_of_bodies_after_a_name_is_not_one():
    finder = MentionFinder(Gazetteer.packaged().copy())
    found = finder.find("The Advisory Committee on the Safety of Harbours, Rivers and Canals met.")
    assert [m.entity.name for m in found] == ["Advisory Committee on the Safety of Harbours, Rivers and Canals"]
    found = finder.find("The Commission for Lowland Communities, Ofsted and Ofqual met.")
    assert [m.text for m in found] == ["Commission for Lowland Communities", "Ofsted", "Ofqual"]


def test_legislation_titled_with_words_in_brackets_is_read_whole():
    finder = MentionFinder(Gazetteer.packaged().copy())
    found = finder.find("Under the Harbours (International Co-operation) Act 2003 and the Fen Drainage Act (Northern Ireland) 1962, "
                        "the NHS (Pharmaceutical Services) Regulations apply.")
    assert [(m.entity.name, m.entity.type) for m in found] == [
        ("Harbours (International Co-operation) Act 2003", "Legislation"), ("Fen Drainage Act (Northern Ireland) 1962", "Legislation"),
        ("National Health Service", "Organisation")]


def test_an_instrument_made_under_an_act_is_read_by_its_whole_title():
    finder = MentionFinder(Gazetteer.packaged().copy())
    found = finder.find("Requests are met under the Proceeds of Crime Act 2002 (Harbour Dues) Order 2007.")
    assert [m.entity.name for m in found] == ["Proceeds of Crime Act 2002 (Harbour Dues) Order 2007"]
    # the act alone, its section in brackets after it: the act, no instrument
    found = finder.find("Requests are met under the Proceeds of Crime Act 2002 (section 12) since 2007.")
    assert [m.entity.name for m in found] == ["Proceeds of Crime Act 2002"]


def test_an_order_is_named_by_its_title_and_year():
    finder = MentionFinder(Gazetteer.packaged().copy())
    found = finder.find("The bridge was authorised by the Fenbury Relief Road (Side Roads) Order 1981, and the crossing kept.")
    assert [(m.entity.name, m.entity.type) for m in found] == [("Fenbury Relief Road (Side Roads) Order 1981", "Legislation")]
    # "Order" without a year is no title: the order of business, a standing order
    found = finder.find("The Fenbury Relief Road Order of business was agreed.")
    assert [m.entity.type for m in found if m.entity.type == "Legislation"] == []


def test_a_bill_cut_short_by_a_known_name_after_it_keeps_its_name():
    finder = MentionFinder(Gazetteer.packaged().copy())
    found = finder.find("The Government introduced the Lowland Crofting Bill into Parliament in March.")
    assert [m.entity.name for m in found if m.entity.type == "Legislation"] == ["Lowland Crofting Bill"]
    # a body's name that ends in a connector before a known name stays unread
    found = finder.find("The Government wrote to the Department of Parliament in March.")
    assert [m.entity.type for m in found if m.entity.type == "Legislation"] == []


def test_a_year_after_an_instrument_s_abbreviation_belongs_to_its_title():
    finder = MentionFinder(Gazetteer.packaged().copy())
    found = finder.find("Requests made under the Harbour Information Regulations (HIR) 2011 are answered in 20 days.")
    assert {m.entity.name for m in found} == {"Harbour Information Regulations 2011"}
    assert [m.entity.name for m in finder.find("The HIR apply.")] == ["Harbour Information Regulations 2011"]
    # a body's abbreviation before a year: the year is no part of the body's name
    found = MentionFinder(Gazetteer.packaged().copy()).find("The Harbour Information Board (HIB) 2011 report was read.")
    assert {m.entity.name for m in found} == {"Harbour Information Board"}


def test_an_act_named_again_without_its_year_is_the_dated_act():
    finder = MentionFinder(Gazetteer.packaged().copy())
    finder.find("Communities may draw up plans through the Fenland Parishes Act 2012.")
    assert [m.entity.name for m in finder.find("New rights in the Fenland Parishes Act help them.")] == ["Fenland Parishes Act 2012"]
    # an act the document never dated stays as written
    other = MentionFinder(Gazetteer.packaged().copy())
    assert [m.entity.name for m in other.find("New rights in the Fenland Parishes Act help them.")] == ["Fenland Parishes Act"]


def test_an_instrument_named_in_lower_case_with_its_abbreviation_is_legislation():
    finder = MentionFinder(Gazetteer.packaged().copy())
    found = finder.find("The request was made under the harbour information regulations (HIRs) last year.")
    assert {(m.entity.name, m.entity.type) for m in found} == {("harbour information regulations", "Legislation")}
    # other lower-case words with an abbreviation are no instrument
    found = MentionFinder(Gazetteer.packaged().copy()).find("The harbour information review (HIR) ended last year.")
    assert [m.entity.type for m in found if m.entity.type == "Legislation"] == []


def test_a_european_directive_named_by_its_number_is_legislation():
    finder = MentionFinder(Gazetteer.packaged().copy())
    found = finder.find("Goods are returned under Council Directive 96/12/EEC 1996 between member states.")
    assert [(m.entity.name, m.entity.type) for m in found] == [("Council Directive 96/12/EEC 1996", "Legislation")]
    # a directive referred back to without its number names no instrument
    found = finder.find("No requests were made under the Council Directive this year.")
    assert [m.entity.type for m in found if m.entity.type == "Legislation"] == []
