"""Bad values never reach published data: numbers out of range stay text, impossible numbers are refused."""

from __future__ import annotations

import json
import logging

import pytest

from policykg.graph.build import build_graph
from policykg.graph.storage import dumps
from policykg.loaders.govuk_text import parse_govuk_text
from policykg.queries import run_query

HOSTILE = (
    "Absurd figures\nPublished 9 April 2025\nFunding\n"
    "1. The Government will provide £99999999999999999999999bn for the Fund by May 2026.\n"
    "2. There are " + "9" * 400 + " people and " + "7" * 5000 + " pounds of rates, and £" + "5" * 5000 + " more.\n"
    "Recommendations\n- Recommendation 0: Do nothing.\n"
)
BENIGN = (
    "Sensible figures\nPublished 9 April 2025\nFunding\n"
    "1. The Government will provide £2.5bn for the Fund by May 2026.\n"
    "2. There are 12,500 people waiting.\n"
    "Recommendations\n- Recommendation 1: Do something.\n"
)


@pytest.mark.parametrize("engine", ["sparql", "cypher"])
def test_numbers_out_of_range_stay_text_and_every_engine_reads_the_graph(engine, caplog):
    with caplog.at_level(logging.WARNING):
        graph = build_graph([parse_govuk_text(HOSTILE)])
    assert run_query(graph, "funding", engine=engine)[1] == []
    assert not [d for _, d in graph.nodes(data=True) if d["type"] == "Statistic" and d["value"] > 1e15]
    assert not [d for _, d in graph.nodes(data=True) if d["type"] == "Recommendation"]  # "Recommendation 0" numbers nothing
    assert "out of range" in caplog.text  # said, naming the paragraph
    commitments = run_query(graph, "commitments", engine=engine)[1]
    assert any("99999999999999999999999bn" in row["commitment"] for row in commitments)  # the text is kept whole
    json.loads(dumps(graph))  # standard JSON: no Infinity, no huge integer


@pytest.mark.parametrize("engine", ["sparql", "cypher"])
def test_numbers_in_range_are_read(engine):
    graph = build_graph([parse_govuk_text(BENIGN)])
    assert [row["amount_gbp"] for row in run_query(graph, "funding", engine=engine)[1]] == [2_500_000_000]
    assert [d["value"] for _, d in graph.nodes(data=True) if d["type"] == "Statistic"] == [12500.0]
    assert [row["number"] for row in run_query(graph, "recommendations", engine=engine)[1]] == [1]


IMPOSSIBLE_DATES = ("by 31 February 2025", "by 0 March 2026", "by 29 February 2027", "from 32 May 2026")


@pytest.mark.parametrize("phrase", IMPOSSIBLE_DATES)
def test_an_impossible_date_is_kept_as_text_and_the_folder_builds(phrase, tmp_path):
    from policykg.graph.pipeline import build_from_paths

    (tmp_path / "a.txt").write_text(f"Plan\nPublished 9 April 2025\nActions\n1. We will publish the plan {phrase}.\n",
                                    encoding="utf-8")
    (tmp_path / "b.txt").write_text("Other\nPublished 9 April 2025\nActions\n1. We will publish the code by May 2026.\n",
                                    encoding="utf-8")
    graph, _ = build_from_paths(sorted(tmp_path.glob("*.txt")))
    commitments = {d["text"]: d.get("deadline") for _, d in graph.nodes(data=True) if d["type"] == "Commitment"}
    assert commitments == {f"We will publish the plan {phrase}.": None, "We will publish the code by May 2026.": "2026-05-31"}
