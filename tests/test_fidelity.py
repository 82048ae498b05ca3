"""Fidelity on real documents (tests/fixtures/real): floors that extraction may not fall below.

The gold annotations were made by reading each text, by sessions that had not seen policykg's
output; ``benchmarks/fidelity.py`` prints the figures, the misses and the wrong extractions.
Raise a floor when extraction improves; never lower one to pass.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "real"

# The licences the corpus README names: Crown copyright (OGL), the UK Parliament's (OPL), the Scottish Parliamentary
# Corporate Body's (Scottish Parliament Copyright Licence) and the Northern Ireland Assembly Commission's copyright.
LICENCES = {"OGL-3.0", "OPL-3.0", "SPCB", "NIAC"}

# (recall, precision) floors per field, measured on the corpus (benchmarks/README.md has the figures).
# Re-based when the corpus grew from 33 to 46 documents (session 8): the 13 new ones (a command
# paper taken from its PDF, the seed read independently, written answers) read worse than the
# first 33, on which no figure fell; a floor rises with extraction, never falls for it.
FLOORS = {
    # Re-based in session 12 on 120 documents: batch 7 (14 texts: an Infected Blood Inquiry series 2019-2025 and a
    # Justice Committee series 2021-22 with follow-ups, a committee's Government response as a PDF, Hansard debates,
    # Lords, Scottish Parliament and NI Assembly answers) was added by a blind annotator and measured before its misses
    # were read (benchmarks/README.md); then raised with the session's rules; the 106 older documents did not fall.
    # Now: recommendations 143/144, 143/143; statuses 59/62, 59/60; bodies 638/746, 652/705; legislation 74/78,
    # 74/75; dated commitments 173/215, 176/189; funding 229/230, 221/222; follow-ups 10/19, 10/11.
    "recommendations": (0.99, 0.99),
    "statuses": (0.95, 0.98),
    "bodies": (0.85, 0.92),
    "legislation": (0.94, 0.98),
    "dated commitments": (0.80, 0.93),
    "funding": (0.99, 0.99),
    # issue 21: 10 of the gold's 19 restatements linked; the eleventh link, read by hand, restates the same action as
    # the gold's pair from the earlier document's other sentence about it (tests/test_follow_up.py REAL_LINKS)
    "follow-ups": (0.52, 0.90),
}


def _fidelity():
    spec = importlib.util.spec_from_file_location("policykg_benchmarks_fidelity", ROOT / "benchmarks" / "fidelity.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scores():
    return _fidelity().score_corpus(CORPUS)


def test_the_corpus_is_real_varied_and_annotated():
    golds = sorted(CORPUS.glob("*.gold.yaml"))
    assert len(golds) >= 25
    annotations = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in golds]
    assert all(a["source_url"].startswith(("https://", "http://")) and a["licence"] in LICENCES for a in annotations)
    assert len({a["publisher"] for a in annotations}) >= 5
    inquiries = {i for a in annotations for i in a.get("inquiries") or []}
    assert len(inquiries) >= 4


@pytest.mark.parametrize("field", sorted(FLOORS))
def test_fidelity_does_not_fall_below_its_floor(scores, field):
    totals, _ = scores
    recall_floor, precision_floor = FLOORS[field]
    score = totals[field]
    assert score.gold > 0 and score.extracted > 0, field
    assert score.recall >= recall_floor, (field, score.found, score.gold, score.misses[:10])
    assert score.precision >= precision_floor, (field, score.correct, score.extracted, score.wrong[:10])


def _violations(gold: Path) -> tuple[str, list[str]]:
    """A real document's name and the first violations of its graph's shapes (none when it conforms)."""
    from policykg.graph.build import build_graph
    from policykg.loaders import load_document
    from policykg.ontology.rdf import to_rdf
    from policykg.ontology.validate import validate

    graph = build_graph([load_document(_fidelity().document_path(gold))])
    report = validate(to_rdf(graph), in_place=True)
    return gold.name, [] if report.conforms else [str(v) for v in report.violations[:3]]


def test_every_real_document_builds_and_validates():
    """Each real document's graph conforms to the shapes (none did before: an empty quote for an unnumbered block)."""
    golds = sorted(CORPUS.glob("*.gold.yaml"))
    with ProcessPoolExecutor(max_workers=min(2, os.cpu_count() or 1)) as pool:  # each document alone: 2 cores, half the wait
        results = list(pool.map(_violations, golds))
    assert len(results) == len(golds) > 100
    assert [(name, violations) for name, violations in results if violations] == []
