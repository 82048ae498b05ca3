"""The tracker matrix (policykg.tracker, ``policykg track``): real document series, agreement with the canned
queries, dates, build order, formats and hostile text."""

from __future__ import annotations

import json
import re
from datetime import date
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner
from test_cypher_engines import answers
from tracker_corpus import IICSA, REAL_DOCUMENTS, write_follow_up_series, write_series

from policykg.cli import cli
from policykg.errors import PolicyKGError
from policykg.graph.build import build_graph
from policykg.graph.storage import save_graph
from policykg.loaders import load_document
from policykg.queries.sparql import SparqlEngine
from policykg.tracker import FORMATS, NO_STATUS, follow_through_text, render, tracker


def build(paths):
    return build_graph([load_document(path) for path in paths])


@pytest.fixture(scope="module")
def real_graph():
    return build(REAL_DOCUMENTS)


@pytest.fixture(scope="module")
def series_paths(tmp_path_factory):
    return write_series(tmp_path_factory.mktemp("series"))


def test_real_series_matrix(real_graph):
    matrix = tracker(real_graph)
    assert [c.date for c in matrix.columns] == ["2024-01-10", "2025-04-09", "2025-05-29", "2025-09-30"]  # the final report responds to none
    row = next(r for r in matrix.rows if r.inquiry == IICSA and r.number == 13)
    cells = [row.cells.get(c.iri) for c in matrix.columns]
    assert [cell.status if cell else "-" for cell in cells] == [None, "accepted", "-", "-"]
    assert cells[1].locator == "p57" and "already introduced clauses" in cells[1].quote
    assert (row.current, row.current_date) == ("accepted", "2025-04-09")
    iicsa = tracker(real_graph, inquiry="iicsa")
    assert [r.number for r in iicsa.rows] == list(range(1, 21)) and len(iicsa.columns) == 2


def test_the_matrix_agrees_with_the_queries(real_graph):
    """Cells are the rows of status-history, the current status that of recommendations-as-of."""
    engine = SparqlEngine(real_graph)
    matrix = tracker(real_graph)
    columns = {c.iri: c for c in matrix.columns}
    current = {(r["inquiry"], r["number"], r["title"]): r["status"] for r in answers(engine, "recommendations-as-of", {"as_of": "2100-01-01"})}
    for row in matrix.rows:
        assert current[(row.inquiry, row.number, row.title)] == row.current
        if row.number is None:
            continue
        history = [r for r in answers(engine, "status-history", {"number": row.number}) if r["inquiry"] == row.inquiry]
        cells = sorted(((columns[d].date, columns[d].title, c.status, c.quote, c.locator, c.response) for d, c in row.cells.items()),
                       key=lambda cell: (cell[0] or "", cell[1], cell[5]))
        assert cells == [(r["date"], r["document"], r["status"], r["status_quote"], r["locator"], r["response"]) for r in history]


def test_as_of_keeps_the_documents_by_then(series_paths):
    graph = build(series_paths)
    early = tracker(graph, as_of="2025-06-01")
    assert [c.date for c in early.columns] == ["2025-03-03"]
    assert [(r.number, r.current) for r in early.rows] == [(1, "under consideration"), (2, "accepted"), (3, None)]
    late = tracker(graph)
    assert [(r.number, r.current) for r in late.rows] == [(1, "accepted"), (2, "accepted"), (3, "not accepted")]
    assert tracker(graph, as_of="2025-01-01").columns == []
    with pytest.raises(PolicyKGError, match="must be a date"):
        tracker(graph, as_of="March 2025")


def test_any_build_order_gives_the_same_bytes(series_paths, real_graph):
    paths = [*series_paths, *REAL_DOCUMENTS[3:]]  # no two documents give one recommendation different titles
    first, second = build(paths), build(list(reversed(paths)))
    for format_ in FORMATS:
        assert render(tracker(first), format_) == render(tracker(second), format_), format_


def test_real_documents_in_any_order_give_the_same_statuses(real_graph):
    """All but the titles: see test_tracker_queries.test_the_graph_does_not_depend_on_the_build_order."""
    def untitled(graph) -> dict:
        data = json.loads(render(tracker(graph), "json"))
        for row in data["recommendations"]:
            row.pop("title")
        return data

    assert untitled(build(list(reversed(REAL_DOCUMENTS)))) == untitled(real_graph)


def test_real_documents_in_any_order_give_the_same_bytes(real_graph):
    assert render(tracker(build(list(reversed(REAL_DOCUMENTS)))), "json") == render(tracker(real_graph), "json")


# -- follow-through of commitments ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def follow_up_graph(tmp_path_factory):
    return build(write_follow_up_series(tmp_path_factory.mktemp("follow")))


def follow_through_of(matrix) -> dict:
    return {row.number: follow_through_text(row) for row in matrix.rows}


def test_each_row_has_the_follow_through_of_its_commitments(follow_up_graph):
    # 4 delivered, 5 re-dated then in progress, 6 never mentioned again, 7 "no longer", 8 a refusal
    assert follow_through_of(tracker(follow_up_graph, as_of="2026-06-01")) == {
        4: "1 delivered", 5: "1 in progress", 6: "1 silent", 7: "1 dropped", 8: "1 dropped"}
    # before the first update: what is past due is silent, what is not yet due pending
    assert follow_through_of(tracker(follow_up_graph, as_of="2025-06-01")) == {
        4: "1 silent", 5: "1 pending", 6: "1 silent", 7: "1 silent", 8: "1 silent"}
    assert follow_through_of(tracker(follow_up_graph, as_of="2024-01-01")) == dict.fromkeys(range(4, 9), "")  # no document yet
    row = next(r for r in tracker(follow_up_graph, as_of="2025-12-01").rows if r.number == 5)
    (commitment,) = row.commitments  # the re-dating restates it: evidence, not a second commitment
    assert (commitment.outcome, commitment.deadline_end, commitment.new_deadline_end) == ("re-dated", "2025-06-30", "2026-03-31")
    assert commitment.evidence.startswith("NHS England will now publish") and commitment.evidence_date == "2025-09-01"
    assert row.follow_through == {"re-dated": 1}


def test_the_follow_through_agrees_with_the_query(follow_up_graph):
    engine = SparqlEngine(follow_up_graph)
    for as_of in ("2025-06-01", "2025-12-01", "2026-06-01", "2030-01-01"):
        rows = {r["iri"]: r for r in answers(engine, "follow-through", {"as_of": as_of})}
        compared = 0
        for row in tracker(follow_up_graph, as_of=as_of).rows:
            for commitment in row.commitments:
                if commitment.outcome == "pending":
                    assert commitment.iri not in rows
                    continue
                query = rows[commitment.iri]
                assert (commitment.outcome, commitment.evidence, commitment.evidence_date, commitment.new_deadline_end) == (
                    query["outcome"], query["evidence"], query["evidence_date"], query["new_deadline_end"]), as_of
                compared += 1
        assert compared == (4 if as_of == "2025-06-01" else 5), as_of  # 5 is due in June 2025


def test_the_follow_through_in_every_format(follow_up_graph):
    matrix = tracker(follow_up_graph, as_of="2026-06-01")
    assert render(matrix, "csv").splitlines()[2].endswith(",accepted,2024-03-03,1 in progress")
    assert "| 1 dropped |" in render(matrix, "markdown") and "follow-through" in render(matrix, "table")
    data = json.loads(render(matrix, "json"))
    five = data["recommendations"][1]["follow_through"]
    assert five["counts"] == {"in progress": 1} and five["commitments"][0]["new_deadline_end"] == "2026-03-31"
    assert five["commitments"][0]["evidence_document"] == "Infected Blood Inquiry: second progress update"
    page = render(matrix, "html")
    parser = _Page()
    parser.feed(page)
    ids = {value for tag, name, value in parser.attributes if name == "id"}
    assert {"f1", "f5"} <= ids and '<a href="#f4">1 dropped</a>' in page
    assert "The Cabinet Office will no longer establish a national register of infected people." in "".join(parser.text)


HOSTILE_COMMITMENTS = ("Infected Blood Inquiry: government response\nPublished 3 March 2024\n"
                       "The Government responds to the recommendations of the Infected Blood Inquiry.\n"
                       "Recommendation 4: Guidance\n4. We accept this recommendation. The Department of Health and Social Care will "
                       "publish new guidance <script>alert(1)</script> on patient safety by May 2025.\n",
                       "Infected Blood Inquiry: progress update\nPublished 1 September 2025\n"
                       "This update reports progress on the recommendations of the Infected Blood Inquiry.\n"
                       "Recommendation 4: Guidance\n4. The Department of Health and Social Care has published the new guidance "
                       "<img src=x onerror=alert(2)> on patient safety.\n")


@pytest.mark.parametrize("hostile", [False, True], ids=["benign", "hostile"])
def test_the_follow_through_section_escapes_document_text(tmp_path, hostile):
    texts = HOSTILE_COMMITMENTS if hostile else tuple(t.replace(" <script>alert(1)</script>", "").replace(" <img src=x onerror=alert(2)>", "")
                                                      for t in HOSTILE_COMMITMENTS)
    paths = []
    for n, text in enumerate(texts):
        paths.append(tmp_path / f"d{n}.txt")
        paths[-1].write_text(text, encoding="utf-8")
    page = render(tracker(build(paths), as_of="2026-01-01"), "html")
    parser = _Page()
    parser.feed(page)
    assert "script" not in parser.tags and "img" not in parser.tags
    assert not [a for a in parser.attributes if a[1].startswith("on")]
    assert '<a href="#f1">1 delivered</a>' in page  # the row links to its commitments
    shown = "".join(parser.text)
    assert "has published the new guidance" in shown
    if hostile:
        assert "<script>alert(1)</script>" in shown and "onerror=alert(2)" in shown  # shown as text, not markup


# -- formats and hostile text --------------------------------------------------------------------------------
BENIGN = """Infected Blood Inquiry: government response
Published 3 March 2025
The Government responds to the recommendations of the Infected Blood Inquiry.
Recommendation 1: Compensation for every person infected
1. We accept this recommendation.
"""
HOSTILE = """<script>alert('title')</script> Infected Blood Inquiry: javascript:alert(1) response
Published 3 March 2025
The Government responds to the recommendations of the Infected Blood Inquiry.
Recommendation 1: Compensation <img src=x onerror=alert(2)> [click](javascript:alert(3)) </td></table>
1. We accept this recommendation. <script>alert(4)</script> *bold* | pipe
"""


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: list[tuple[str, str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes += [(tag, name, value) for name, value in attrs]

    def handle_data(self, data):
        self.text.append(data)


def _graph_of(tmp_path, text: str):
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    return build([path])


@pytest.mark.parametrize("text", [BENIGN, HOSTILE], ids=["benign", "hostile"])
def test_html_is_offline_and_escapes_document_text(tmp_path, text):
    page = render(tracker(_graph_of(tmp_path, text)), "html")
    parser = _Page()
    parser.feed(page)
    assert parser.tags <= {"html", "head", "meta", "title", "style", "body", "h1", "h2", "p", "table", "thead", "tbody", "tr", "th", "td",
                           "a", "br", "dl", "dt", "dd", "blockquote"}
    assert "script" not in parser.tags and "img" not in parser.tags
    assert not [a for a in parser.attributes if a[1].startswith("on")]
    hrefs = [value for tag, name, value in parser.attributes if name == "href"]
    ids = {value for tag, name, value in parser.attributes if name == "id"}
    assert hrefs and all(h.startswith("#") and h[1:] in ids for h in hrefs)  # every cell links to its quote on the page
    policy = next(value for tag, name, value in parser.attributes if tag == "meta" and value and value.startswith("default-src"))
    assert "default-src 'none'" in policy and "script-src 'none'" in policy and "connect-src 'none'" in policy
    shown = "".join(parser.text)
    assert "accepted" in shown and "Compensation" in shown  # the rows are there
    if text is HOSTILE:
        assert "<script>alert('title')</script>" in shown and "onerror=alert(2)" in shown  # shown as text, not markup


@pytest.mark.parametrize("text", [BENIGN, HOSTILE], ids=["benign", "hostile"])
def test_markdown_escapes_document_text(tmp_path, text):
    lines = render(tracker(_graph_of(tmp_path, text)), "markdown").splitlines()
    assert len(lines) == 3 and lines[2].count(" | ") == lines[0].count(" | ")  # one row, as many cells as headers
    assert "accepted" in lines[2] and "Compensation" in lines[2]
    page = "\n".join(lines)
    cells = [cell for line in (lines[0], lines[2]) for cell in line[2:-2].split(" | ")]
    assert [cell for cell in cells if re.search(r"(?<!\\)[<>\[\]()*|]", cell)] == []  # markup characters only escaped
    if text is HOSTILE:
        assert r"\<script\>" in page and r"\[click\]\(javascript:alert\(3\)\)" in page


def test_csv_json_and_table(series_paths):
    matrix = tracker(build(series_paths), today=date(2026, 1, 1))
    csv_lines = render(matrix, "csv").splitlines()
    assert csv_lines[0] == ("inquiry,number,title,2025-03-03 Infected Blood Inquiry: government response,"
                            "2025-09-01 Infected Blood Inquiry: progress update,current_status,current_date,follow_through")
    # "will respond in full once the scheme is designed" (no deadline) and "will pay compensation by June 2026" (not yet due)
    assert csv_lines[1] == "Infected Blood Inquiry,1,Compensation,under consideration,accepted,accepted,2025-09-01,2 pending"
    assert csv_lines[3] == "Infected Blood Inquiry,3,Memorials,,not accepted,not accepted,2025-09-01,"
    assert render(tracker(build(series_paths), today=date(2026, 7, 1)), "csv").splitlines()[1].endswith(',"1 silent, 1 pending"')
    data = json.loads(render(matrix, "json"))
    assert [d["date"] for d in data["documents"]] == ["2025-03-03", "2025-09-01"]
    assert data["recommendations"][2]["cells"][0] is None and data["recommendations"][2]["cells"][1]["status"] == "not accepted"
    table = render(matrix, "table")
    assert "D1: 2025-03-03  Infected Blood Inquiry: government response" in table and "(3 rows)" in table
    assert NO_STATUS not in table


def test_cli_track(tmp_path, series_paths):
    graph_file = tmp_path / "graph.json"
    save_graph(build(series_paths), graph_file)
    runner = CliRunner()
    result = runner.invoke(cli, ["track", "--graph", str(graph_file), "--format", "csv", "--as-of", "2025-06-01"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1] == "Infected Blood Inquiry,1,Compensation,under consideration,under consideration,2025-03-03,1 pending"
    page = tmp_path / "tracker.html"
    result = runner.invoke(cli, ["track", "--graph", str(graph_file), "--inquiry", "infected blood inquiry", "-o", str(page)])
    assert result.exit_code == 0 and page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "3 recommendation(s) and 2 document(s)" in result.stderr
    empty = runner.invoke(cli, ["track", "--graph", str(graph_file), "--inquiry", "nobody", "--format", "json"])
    assert empty.exit_code == 0 and json.loads(empty.stdout)["recommendations"] == []
    bad = runner.invoke(cli, ["track", "--graph", str(graph_file), "--as-of", "2025-02-30"])
    assert bad.exit_code == 1 and bad.stderr.strip() == "policykg: error: --as-of must be a date (YYYY-MM-DD), not '2025-02-30'"
