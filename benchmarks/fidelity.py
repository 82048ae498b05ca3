"""Fidelity on real documents: precision and recall per field against gold annotations.

Each document of ``tests/fixtures/real/`` (see its README) is built on its own, as a user would
build it, and read back through the canned queries (the interface users have): recommendations
and statuses through ``recommendations``, dated commitments through ``timeline``, money through
``funding``; bodies and legislation are the graph's Organisation, Inquiry and Legislation nodes
with their names and aliases (legislation as the gold defines it: acts, bills, regulations and orders,
not the codes of practice, statutory guidance and standards the graph types Legislation with their
``kind``; bodies as the gold defines them: those that exist, not those marked ``planned``).  The gold was made by reading the text, not from policykg's output.

    .venv/bin/python benchmarks/fidelity.py            # the table, per field and per document
    .venv/bin/python benchmarks/fidelity.py --misses 20 --json figures.json

``tests/test_fidelity.py`` asserts floors on these figures so that fidelity cannot fall back.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from policykg.graph.build import build_graph, document_iri
from policykg.loaders import load_document
from policykg.queries import run_query

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "real"
FIELDS = ("recommendations", "statuses", "bodies", "legislation", "dated commitments", "funding", "follow-ups")
#: How the gold's acceptance words map to policykg's status names.
ACCEPTANCE = {"accepted in full": "accepted"}


@dataclass
class Score:
    """Counts for one field: true positives against the gold (recall) and against the output (precision)."""

    found: int = 0  # gold items found
    gold: int = 0
    correct: int = 0  # extracted items that match the gold
    extracted: int = 0
    misses: list[str] = field(default_factory=list)  # gold items not found, for the worst-misses list
    wrong: list[str] = field(default_factory=list)  # extracted items the gold lacks

    def add(self, other: Score) -> None:
        self.found += other.found
        self.gold += other.gold
        self.correct += other.correct
        self.extracted += other.extracted

    @property
    def recall(self) -> float | None:
        return self.found / self.gold if self.gold else None

    @property
    def precision(self) -> float | None:
        return self.correct / self.extracted if self.extracted else None


def normal(name: str) -> str:
    """A name compared loosely: case, apostrophes, "&", a leading "the" and punctuation ignored."""
    name = name.lower().replace("’", "'").replace("&", "and")
    name = re.sub(r"^the\s+", "", name.strip())
    return re.sub(r"[^\w']+", " ", name).strip()


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'").replace("‘", "'")).strip().lower()


def document_path(gold_path: Path) -> Path:
    slug = gold_path.name.removesuffix(".gold.yaml")
    for suffix in (".txt", ".html", ".json", ".pdf", ".docx", ".odt"):
        if (candidate := gold_path.with_name(slug + suffix)).exists():
            return candidate
    raise FileNotFoundError(f"{gold_path}: no document beside it")


def rows(graph: Any, name: str) -> list[dict[str, Any]]:
    return run_query(graph, name, engine="sparql", store="rdflib")[1]


def score_recommendations(gold: dict[str, Any], graph: Any) -> tuple[Score, Score]:
    recommendations, statuses = Score(), Score()
    found_rows = rows(graph, "recommendations")
    # Recommendations stated, and those only cited by number ("as per recommendation 12"): both are nodes.
    wanted = (gold.get("recommendations") or []) + [{**r, "title": None} for r in gold.get("recommendation_references") or []]

    def matches(item: dict[str, Any], row: dict[str, Any]) -> bool:
        if item.get("number") not in (None, ""):
            return str(row.get("notation") or row.get("number")) == str(item["number"])
        title, found = squeeze(str(item.get("title") or "")), squeeze(str(row.get("title") or ""))
        return bool(title) and (title in found or (len(found.split()) >= 3 and found in title))

    recommendations.gold = len(wanted)
    recommendations.extracted = len(found_rows)
    for item in wanted:
        hit = next((r for r in found_rows if matches(item, r)), None)
        if hit is not None:
            recommendations.found += 1
        else:
            recommendations.misses.append(f"recommendation {item.get('number') or item.get('title')}")
        if item.get("acceptance"):
            statuses.gold += 1
            expected = ACCEPTANCE.get(item["acceptance"], item["acceptance"])
            if hit is not None and hit.get("status") == expected:
                statuses.found += 1
            else:
                statuses.misses.append(f"status of {item.get('number') or item.get('title')}: {expected} "
                                       f"(got {hit.get('status') if hit else 'no recommendation'})")
    for row in found_rows:
        if any(matches(item, row) for item in wanted):
            recommendations.correct += 1
        else:
            recommendations.wrong.append(f"recommendation {row.get('number')}: {row.get('title')}")
        if row.get("status"):
            statuses.extracted += 1
            item = next((i for i in wanted if matches(i, row)), None)
            if item is not None and ACCEPTANCE.get(item.get("acceptance"), item.get("acceptance")) == row["status"]:
                statuses.correct += 1
            else:
                statuses.wrong.append(f"status {row['status']} of recommendation {row.get('number')}")
    return recommendations, statuses


#: Kinds of Legislation node that the gold's "legislation" (acts, bills, regulations, orders) leaves out.
SOFT_LAW = frozenset({"code", "statutory_guidance", "guidance", "standards"})


def _names(graph: Any, types: Iterable[str]) -> list[tuple[str, set[str]]]:
    """(label, every normalised name) of the graph's nodes of these types: no soft law, and no body marked
    ``planned`` (announced, not yet made: the gold lists the bodies that exist)."""
    found = []
    for _, data in graph.nodes(data=True):
        if data.get("type") in types and data.get("kind") not in SOFT_LAW and not (data.get("planned") and data["type"] != "Legislation"):
            names = {normal(data["label"]), *(normal(a) for a in data.get("aliases") or [])}
            found.append((data["label"], names))
    return found


def score_names(wanted: list[Any], graph: Any, types: tuple[str, ...], what: str) -> Score:
    score = Score()
    gold_names = []
    for item in wanted:
        if isinstance(item, dict):
            gold_names.append({normal(item["name"]), *(normal(a) for a in item.get("aliases") or [])})
        else:
            gold_names.append({normal(str(item))})
    every = _names(graph, types)
    # HM Government is the default lead of "we will": no wrong extraction when the text does not name it,
    # but found when the gold says the text names it ("the UK Government").
    extracted = [(label, names) for label, names in every if label != "HM Government"]
    score.gold, score.extracted = len(gold_names), len(extracted)
    for names, item in zip(gold_names, wanted, strict=True):
        if any(names & found for _, found in every):
            score.found += 1
        else:
            score.misses.append(f"{what} {item['name'] if isinstance(item, dict) else item}")
    for label, found in extracted:
        if any(found & names for names in gold_names):
            score.correct += 1
        else:
            score.wrong.append(f"{what} {label}")
    return score


def _list_leads(gold: dict[str, Any], document: Any) -> dict[str, tuple[str, set[str]]]:
    """Gold commitments quoted from a list's lead ("This will include taking the following steps by
    2028/29:"): quote → (the paragraph's locator, its bullets' texts). A dated lead and the bullets it
    dates are one dated commitment: annotated at the lead, or extracted at its bullets."""
    leads = {}
    for item in gold.get("commitments") or []:
        quote = squeeze(str(item["quote"]))
        for paragraph in document.paragraphs:
            lead = next((i for i in paragraph.items if i.kind == "sentence" and quote in squeeze(i.text)), None)
            if lead is not None and lead.text.rstrip().endswith(":"):
                leads[quote] = (paragraph.locator, {squeeze(i.text) for i in paragraph.items if i.kind == "bullet"})
    return leads


def score_commitments(gold: dict[str, Any], graph: Any, document: Any = None) -> Score:
    """Dated commitments: found when a timeline row quotes the gold sentence (or, for a list's lead,
    one of its bullets) and ends on the gold deadline."""
    score = Score()
    leads = _list_leads(gold, document) if document is not None else {}
    wanted = [c for c in gold.get("commitments") or [] if c.get("deadline") and c.get("kind", "commitment") == "commitment"]
    # Actions reported as done and refusals are kept apart from commitments (the ``kind`` column).
    dated_rows = [r for r in rows(graph, "timeline") if r.get("kind") in (None, "commitment")]
    every_dated = [c for c in gold.get("commitments") or [] if c.get("deadline")]

    def same_sentence(item: dict[str, Any], row: dict[str, Any]) -> bool:
        quote, text = squeeze(str(item["quote"])), squeeze(row["commitment"])
        if quote in leads and row.get("locator") == leads[quote][0] and text in leads[quote][1]:
            return True
        return quote in text or text in quote or _sentence_part(quote) in text

    def _sentence_part(quote: str) -> str:
        # A quote copied across a sentence end ("... from September 2024. To promote"): its longest sentence.
        return max(re.split(r"(?<=[.!?]) (?=\w)", quote), key=len)

    score.gold, score.extracted = len(wanted), len(dated_rows)
    for item in wanted:
        hits = [r for r in dated_rows if same_sentence(item, r)]
        if any(str(r["deadline_end"]) == str(item["deadline"]) for r in hits):
            score.found += 1
        else:
            got = ", ".join(str(r["deadline_end"]) for r in hits) or "not in the timeline"
            score.misses.append(f"commitment '{item['quote'][:60]}' {item.get('when')} → {item['deadline']} ({got})")
    for row in dated_rows:
        if any(same_sentence(item, row) and str(row["deadline_end"]) == str(item["deadline"]) for item in every_dated
               if item.get("kind", "commitment") == "commitment"):
            score.correct += 1
        else:
            score.wrong.append(f"dated commitment '{row['commitment'][:60]}' → {row['deadline_end']}")
    return score


def score_funding(gold: dict[str, Any], graph: Any) -> Score:
    """Amounts of money, each an (amount, currency) pair: the gold's ``currency`` is GBP unless it says another."""
    score = Score()
    wanted = [f for f in gold.get("funding") or [] if f.get("amount") is not None]
    found_rows = rows(graph, "funding")
    # The gold lists each distinct amount once; an amount the text repeats (summary, then body) is one fact.
    amounts = sorted({(int(r["amount"]), str(r["currency"])) for r in found_rows})
    score.gold, score.extracted = len(wanted), len(amounts)
    gold_amounts = {(int(f["amount"]), f.get("currency") or "GBP") for f in wanted}
    for item in wanted:
        if (int(item["amount"]), item.get("currency") or "GBP") in amounts:
            score.found += 1
        else:
            score.misses.append(f"funding {item['text']} = {item['amount']}")
    for amount, currency in amounts:
        if (amount, currency) in gold_amounts:
            score.correct += 1
        else:
            score.wrong.append(f"funding {amount}" + ("" if currency == "GBP" else f" {currency}"))
    return score


def score_document(gold_path: Path) -> dict[str, Score]:
    """The scores of one annotated document."""
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    # The reader alone: the curated annotations (the seed's facts that its text does not give) are left out.
    document = load_document(document_path(gold_path))
    graph = build_graph([document], annotations={})
    recommendations, statuses = score_recommendations(gold, graph)
    return {
        "recommendations": recommendations,
        "statuses": statuses,
        "bodies": score_names(gold.get("bodies") or [], graph, ("Organisation", "Inquiry"), "body"),
        "legislation": score_names(gold.get("legislation") or [], graph, ("Legislation",), "legislation"),
        "dated commitments": score_commitments(gold, graph, document),
        "funding": score_funding(gold, graph),
        "follow-ups": score_follow_ups(gold, gold_path, document),
    }


def score_follow_ups(gold: dict[str, Any], gold_path: Path, document: Any) -> Score:
    """Commitments followed across documents (issue 21): the document built with each earlier one its gold
    names; found when a ``followed_up_by`` edge runs from the earlier commitment to the later statement with
    the gold outcome. Extracted: the edges from the earlier document into this one."""
    score = Score()
    wanted = gold.get("follow_ups") or []
    for earlier_slug in sorted({str(f["earlier"]) for f in wanted}):
        earlier = load_document(document_path(gold_path.with_name(f"{earlier_slug}.gold.yaml")))
        graph = build_graph([earlier, document], annotations={})
        # An edge's relation is its key (graph/model.add_edge), not an attribute: reading a "type" attribute found none.
        edges = [(graph.nodes[u], graph.nodes[v], data.get("outcome")) for u, v, key, data in graph.edges(keys=True, data=True)
                 if key == "followed_up_by"]
        between = [(a, b, outcome) for a, b, outcome in edges
                   if _in_document(a, earlier) and _in_document(b, document)]

        def same(item: dict[str, Any], edge: tuple[dict[str, Any], dict[str, Any], Any]) -> bool:
            first, then, _ = edge
            return _quotes(str(item["earlier_quote"]), str(first.get("text", ""))) and _quotes(str(item["quote"]), str(then.get("text", "")))

        pairs = [f for f in wanted if f["earlier"] == earlier_slug]
        score.gold += len(pairs)
        score.extracted += len(between)
        for item in pairs:
            hits = [e for e in between if same(item, e)]
            if any(outcome == item.get("outcome") for _, _, outcome in hits):
                score.found += 1
            else:
                got = ", ".join(str(o) for _, _, o in hits) or "no link"
                score.misses.append(f"follow-up of '{str(item['earlier_quote'])[:50]}' → {item.get('outcome')} ({got})")
        for edge in between:
            if any(same(item, edge) and edge[2] == item.get("outcome") for item in pairs):
                score.correct += 1
            else:
                score.wrong.append(f"follow-up '{str(edge[0].get('text', ''))[:50]}' → '{str(edge[1].get('text', ''))[:40]}' {edge[2]}")
    return score


def _quotes(quote: str, text: str) -> bool:
    quote, text = squeeze(quote), squeeze(text)
    return bool(text) and (quote in text or text in quote)


def _in_document(node: dict[str, Any], document: Any) -> bool:
    """Whether the node is stated in the document (its evidence quotes it)."""
    iri = document_iri(document)
    return any(record.document == iri for record in node.get("provenance") or ())


def score_corpus(corpus: Path = CORPUS) -> tuple[dict[str, Score], dict[str, dict[str, Score]]]:
    """Totals per field, and the scores of each document (by slug)."""
    totals = {name: Score() for name in FIELDS}
    per_document = {}
    gold_paths = sorted(corpus.glob("*.gold.yaml"))
    # Each document is scored on its own (its own graph): two processes halve the wait on the 2-core machine.
    with ProcessPoolExecutor(max_workers=min(2, os.cpu_count() or 1)) as pool:
        all_scores = list(pool.map(score_document, gold_paths))
    for gold_path, scores in zip(gold_paths, all_scores, strict=True):
        per_document[gold_path.name.removesuffix(".gold.yaml")] = scores
        for name in FIELDS:
            totals[name].add(scores[name])
    return totals, per_document


def _figure(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.2f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--misses", type=int, default=10, help="how many misses (and wrong extractions) to list")
    parser.add_argument("--json", type=Path, help="also write the totals as JSON here")
    parser.add_argument("--documents", action="store_true", help="also print each document's recall")
    args = parser.parse_args(argv)
    totals, per_document = score_corpus(args.corpus)
    print(f"Fidelity over {len(per_document)} real documents ({args.corpus.relative_to(ROOT) if args.corpus.is_relative_to(ROOT) else args.corpus})")
    print(f"{'field':<20} {'recall':>7} {'found':>11} {'precision':>10} {'correct':>11}")
    for name in FIELDS:
        s = totals[name]
        print(f"{name:<20} {_figure(s.recall):>7} {s.found:>5}/{s.gold:<5} {_figure(s.precision):>10} {s.correct:>5}/{s.extracted:<5}")
    if args.documents:
        print()
        print(f"{'document':<62} " + " ".join(f"{n[:8]:>8}" for n in FIELDS))
        for slug, scores in per_document.items():
            print(f"{slug[:62]:<62} " + " ".join(f"{scores[n].found:>3}/{scores[n].gold:<4}" for n in FIELDS))
    for kind in ("misses", "wrong"):
        listed = [(slug, line) for slug, scores in per_document.items() for name in FIELDS for line in getattr(scores[name], kind)]
        print(f"\n{'Misses' if kind == 'misses' else 'Extracted but not in the gold'} ({len(listed)}; first {min(args.misses, len(listed))}):")
        for slug, line in listed[: args.misses]:
            print(f"  {slug}: {line}")
    if args.json:
        args.json.write_text(json.dumps({n: {"recall": totals[n].recall, "precision": totals[n].precision,
                                            "found": totals[n].found, "gold": totals[n].gold,
                                            "correct": totals[n].correct, "extracted": totals[n].extracted}
                                        for n in FIELDS}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    from policykg.graph.model import gc_pauses_allowed

    with gc_pauses_allowed():  # a benchmark owns its process, as the command line does
        sys.exit(main())
