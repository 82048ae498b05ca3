"""The researcher's explorer (``policykg explore``) in a real headless Chromium.

The three questions are answered by clicking, and the answers compared with the graph
built from the packaged seed: what answers recommendation 13 (its card), which
recommendations have no commitment (a facet), which bodies carry most commitments (the
bodies view). Every non-``file:`` request is aborted and fails the test (tests/browser.py).
The screenshot test writes docs/screenshots/.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import pytest
from browser import open_browser
from click.testing import CliRunner

from policykg.cli import cli
from policykg.graph.build import build_graph
from policykg.graph.model import Provenance, add_edge, add_node
from policykg.loaders import load_document, seed_path
from policykg.viz.explore import BODY_TYPES, explore_data, render_explore_page, write_explore_page
from policykg.viz.network import recommendation_node

TODAY = date(2025, 11, 1)
SCREENSHOTS = Path(__file__).parents[1] / "docs" / "screenshots"

HOSTILE_TEXT = """Hostile <script>window.__pwned=1</script> <img src=x onerror="window.__pwned=2"> report
Published 9 April 2025
Recommendations
- Recommendation 1: Stop <script>window.__pwned=3</script> attacks <a href="javascript:window.__pwned=4">now</a>.
- Recommendation 2: Never <img src=x onerror="window.__pwned=5"> again.
Response to recommendation 1 <img src=x onerror="window.__pwned=6">
1. The Home Office will publish <script>window.__pwned=7</script> guidance by December 2025 for recommendation 1. <img src=x onerror=window.__pwned=8>
2. The <a href="javascript:window.__pwned=9">Evil href</a> Programme will be launched by the Department for Education in 2027 to meet recommendation 1.
3. =HYPERLINK("http://example.com/x") the Home Office will act on recommendation 2 by December 2026.
"""
HOSTILE_BODY = '<a href="javascript:window.__pwned=10" onclick="window.__pwned=11">click href</a>'
HOSTILE_INQUIRY = "<svg onload=window.__pwned=12>Inquiry\u2028</script><script>window.__pwned=13</script>"


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def graph():
    """The graph of the packaged seed, as a user builds it from Python."""
    return build_graph([load_document(seed_path())])


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("explore")


@pytest.fixture(scope="module")
def page_path(graph, out) -> Path:
    return write_explore_page(graph, out / "explore.html", today=TODAY)


@pytest.fixture(scope="module")
def browser():
    with open_browser() as opened:
        yield opened


def open_page(browser, path: Path, fragment: str = "", viewport: tuple[int, int] = (1440, 900)):
    """The page loaded with ``#fragment`` in its URL (loaded afresh, not a same-page jump)."""
    page = browser.open(path, viewport=viewport)
    if fragment:
        page.goto(Path(path).resolve().as_uri() + "#" + fragment)
        page.reload()
    page.wait_for_function("() => window.explore && window.explore.ready === true")
    return page


@pytest.fixture
def page(browser, page_path):
    opened = open_page(browser, page_path)
    yield opened
    opened.assert_clean()
    opened.close()


@pytest.fixture(scope="module")
def hostile_graph(tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "hostile.txt"
    path.write_text(HOSTILE_TEXT, encoding="utf-8")
    graph = build_graph([load_document(path)])
    document = next(iri for iri, data in graph.nodes(data=True) if data["type"] == "Document")
    graph.nodes[document]["source_url"] = "javascript:window.__pwned=14"
    where = Provenance(document, "p9", 9, "<script>window.__pwned=15</script>", 0, len(HOSTILE_BODY), HOSTILE_BODY)
    add_node(graph, "https://example.org/hostile/org", "Organisation", HOSTILE_BODY, where)
    add_node(graph, "https://example.org/hostile/inquiry", "Inquiry", HOSTILE_INQUIRY, where)
    for iri, data in list(graph.nodes(data=True)):
        if data["type"] == "Commitment":
            add_edge(graph, iri, "https://example.org/hostile/org", "involves", where)
        if data["type"] == "Recommendation":
            add_edge(graph, iri, "https://example.org/hostile/inquiry", "made_by", where)
    return graph


def data_block(text: str) -> str:
    block = re.search(r'<script type="application/json" id="explore-data">(.*?)</script>', text, re.S)
    assert block, "no data block"
    return block.group(1)


def answering(graph, rec: str) -> list[str]:
    return sorted(s for s, _, key in graph.in_edges(rec, keys=True) if key == "answers" and graph.nodes[s]["type"] == "Commitment")


def targets(graph, source: str, relation: str) -> list[str]:
    return sorted(t for _, t, key in graph.out_edges(source, keys=True) if key == relation)


def row_ids(page) -> list[str]:
    return page.eval_on_selector_all("#ex-table tbody tr[data-id]", "rows => rows.map(r => r.dataset.id)")


def column(page, key: str) -> list[str]:
    """The texts of one column of the table, in order."""
    return page.evaluate(
        """(key) => { const heads = [...document.querySelectorAll('#ex-table thead th')].map(th => th.dataset.key);
                      const at = heads.indexOf(key);
                      return [...document.querySelectorAll('#ex-table tbody tr[data-id]')].map(r => r.cells[at].textContent); }""",
        key,
    )


def rec_key(graph, number: int) -> str:
    return recommendation_node(graph, number).split("/recommendation/", 1)[1]


# --------------------------------------------------------------------------- the file, without a browser


def test_page_is_one_offline_file_with_a_strict_policy(graph, page_path):
    text = page_path.read_text(encoding="utf-8")
    policy = html.unescape(re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', text).group(1))
    assert "default-src 'none'" in policy and "connect-src 'none'" in policy
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    # two scripts may run: vis-network (the network view) and the page's own
    assert re.search(r"script-src 'sha256-[^']+' 'sha256-[^']+';", policy) and re.search(r"style-src 'sha256-[^']+';", policy)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", text), "no remote asset"
    assert "<link" not in text and "@import" not in text
    data = json.loads(data_block(text))
    assert len(data["recs"]) == 20 and len(data["cs"]["t"]) == sum(1 for _, d in graph.nodes(data=True) if d["type"] == "Commitment")


def test_embedded_json_cannot_close_its_script_block(hostile_graph):
    text = render_explore_page(hostile_graph, title="</script><script>window.__pwned=0</script>\u2029")
    block = data_block(text)
    assert "</" not in block and "<" not in block and "\u2028" not in block and "\u2029" not in block
    data = json.loads(block)
    assert data["title"].startswith("</script>") and data["inquiries"] == [HOSTILE_INQUIRY]
    assert "<title>&lt;/script&gt;&lt;script&gt;" in text


def test_page_script_never_parses_text_as_html():
    source = (Path(__file__).parents[1] / "policykg" / "viz" / "templates" / "explore.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function", "setAttribute('href"):
        assert sink not in source, sink


def test_page_is_deterministic(graph):
    assert render_explore_page(graph, today=TODAY) == render_explore_page(graph, today=TODAY)


def test_a_large_page_carries_its_data_compressed_and_shows_the_same(browser, graph, hostile_graph, page_path, tmp_path, monkeypatch):
    """Above ``COMPRESS_ABOVE_BYTES`` the data block is gzip in base64; the page inflates it and shows the same rows,
    and hostile text that went through the compression still runs nothing."""
    from policykg.viz import explore

    monkeypatch.setattr(explore, "COMPRESS_ABOVE_BYTES", 0)
    small = write_explore_page(graph, tmp_path / "small.html", today=TODAY)
    assert set(json.loads(data_block(small.read_text(encoding="utf-8")))) == {"gzip"}
    assert small.stat().st_size < page_path.stat().st_size
    assert small.read_bytes() == write_explore_page(graph, tmp_path / "again.html", today=TODAY).read_bytes()
    shown = []
    for path in (page_path, small):
        page = open_page(browser, path)
        try:
            shown.append((row_ids(page), page.inner_text("#ex-summary"), column(page, "commitments")))
            page.assert_clean()
        finally:
            page.close()
    assert shown[0] == shown[1] and len(shown[0][0]) == 20
    page = open_page(browser, write_explore_page(hostile_graph, tmp_path / "hostile.html", today=TODAY))
    try:
        page.click("#ex-tab-bodies")
        page.locator("#ex-table tbody tr[data-id]").first.click()
        assert HOSTILE_BODY in page.inner_text("body")
        assert page.evaluate("() => typeof window.__pwned") == "undefined"
        page.assert_clean()
    finally:
        page.close()


def test_data_follows_the_graph(graph):
    data = explore_data(graph, today=TODAY)
    rec = next(r for r in data["recs"] if r["n"] == 13)
    iri = recommendation_node(graph, 13)
    assert sorted(data["cs"][i]["t"] for i in rec["cs"]) == sorted(graph.nodes[c]["text"] for c in answering(graph, iri))
    assert [r["status"] for r in rec["resp"]] == [graph.nodes[s]["status"] for s, _, k in graph.in_edges(iri, keys=True) if k == "responds_to"]


def test_command_writes_the_page(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["explore", "-o", "x.html", "--today", "2025-11-01", "--title", "Tracker"])
    assert result.exit_code == 0, result.output
    assert "Wrote x.html" in result.output
    assert json.loads(data_block((tmp_path / "x.html").read_text(encoding="utf-8")))["today"] == "2025-11-01"


def many_recommendations(recs: int, bodies: int):
    """A graph of ``recs`` recommendations, each answered by one commitment; the first ``bodies`` of them led by a body each."""
    from policykg.graph.model import new_graph

    g = new_graph()
    where = Provenance("https://example.org/doc", "p1", 1, "Intro", 0, 12, "We will act.")
    for i in range(recs):
        add_node(g, f"https://example.org/id/recommendation/x/{i + 1}", "Recommendation", f"Recommendation {i + 1}", where, number=i + 1)
        add_node(g, f"https://example.org/c/{i}", "Commitment", f"We will act {i}.", where, text=f"We will act {i}.")
        add_edge(g, f"https://example.org/c/{i}", f"https://example.org/id/recommendation/x/{i + 1}", "answers", where)
    for i in range(bodies):
        add_node(g, f"https://example.org/o/{i}", "Organisation", f"Body {i}", where)
        add_edge(g, f"https://example.org/c/{i}", f"https://example.org/o/{i}", "led_by", where)
    return g


def test_command_says_what_the_network_overview_leaves_out(tmp_path, monkeypatch):
    """A graph with more recommendations and bodies than the overview draws: the command says so; the seed: no note."""
    from policykg.graph.storage import save_graph
    from policykg.viz.explore import OVERVIEW_MAIN

    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["explore", "-o", "seed.html"])
    assert result.exit_code == 0 and "note" not in result.output, result.output
    recs, bodies = OVERVIEW_MAIN + 7, OVERVIEW_MAIN + 3
    save_graph(many_recommendations(recs, bodies), tmp_path / "big.json")
    result = CliRunner().invoke(cli, ["explore", "--graph", "big.json", "-o", "big.html"])
    assert result.exit_code == 0, result.output
    assert f"draws {OVERVIEW_MAIN} of {recs} recommendations" in result.output and "the other 7" in result.output
    assert f"draws {OVERVIEW_MAIN} of {bodies} bodies" in result.output and "the other 3" in result.output
    data = json.loads(data_block((tmp_path / "big.html").read_text(encoding="utf-8")))
    assert len(data["recs"]) == recs and len(data["cs"]["t"]) == recs, "every recommendation and commitment is in the page"


# --------------------------------------------------------------------------- the three questions, by clicking


def test_card_of_recommendation_13_shows_its_commitments(page, graph):
    key = rec_key(graph, 13)
    page.click(f'#ex-table tbody tr[data-id="{key}"]')
    page.wait_for_selector("#ex-card:not([hidden])")
    assert page.inner_text("#ex-card h2") == "Recommendation 13"
    assert graph.nodes[recommendation_node(graph, 13)]["title"] in page.inner_text("#ex-card .card-title")
    shown = page.eval_on_selector_all(
        "#ex-card ol.commitments > li",
        """items => items.map(li => ({quote: li.querySelector('.c-quote').textContent,
                                     lead: li.querySelector('.c-lead').textContent,
                                     deadline: li.querySelector('.c-deadline').textContent,
                                     kind: li.querySelector('.c-kind').textContent,
                                     where: li.querySelector('.c-where').textContent}))""",
    )
    expected = answering(graph, recommendation_node(graph, 13))
    assert len(shown) == len(expected) == 4
    by_quote = {item["quote"]: item for item in shown}
    for iri in expected:
        data = graph.nodes[iri]
        quotes = {record.quote for record in data["provenance"]}
        item = next(by_quote[q] for q in quotes if q in by_quote)
        leads = [graph.nodes[t]["label"] for t in targets(graph, iri, "led_by")]
        assert leads and all(lead in item["lead"] for lead in leads)
        if data.get("deadline_text"):
            assert data["deadline_text"] in item["deadline"] and str(data["deadline_end"]) in item["deadline"]
        else:
            assert item["deadline"] == "none stated"
        assert item["kind"] == data["kind"].replace("_", " ")
        assert f"¶{data['paragraph']}" in item["where"]
        assert data["section"] and f"¶{data['paragraph']} · {data['section']}" in item["where"], "section titles are stored once, shown in full"
    # its bills, bodies and programmes
    bills = {graph.nodes[t]["label"] for c in expected for t in targets(graph, c, "through_legislation")}
    assert bills and all(bill in page.inner_text("#ex-card .r-bills") for bill in bills)
    # the response, with its status and quote
    response = next(s for s, _, k in graph.in_edges(recommendation_node(graph, 13), keys=True) if k == "responds_to")
    assert page.inner_text("#ex-card .r-status") == graph.nodes[response]["status"]
    assert page.inner_text("#ex-card .r-quote") == graph.nodes[response]["status_quote"]
    assert page.evaluate("() => location.hash").endswith("rec=" + key.replace("/", "%2F"))


def test_no_commitment_facet_lists_exactly_the_recommendations_without_one(page, graph):
    recs = [iri for iri, d in graph.nodes(data=True) if d["type"] == "Recommendation"]
    without = sorted(iri.split("/recommendation/", 1)[1] for iri in recs if not answering(graph, iri))
    box = '#ex-facets input[data-facet="commitments"][data-value="no commitment"]'
    count = page.inner_text('#ex-facets section[data-facet="commitments"] li:has(input[data-value="no commitment"]) .n')
    assert int(count) == len(without)
    page.click(box)
    assert sorted(row_ids(page)) == without
    assert "f.commitments=no+commitment" in page.evaluate("() => location.hash")
    page.click(f'#ex-table tbody tr[data-id="{without[0]}"]')
    assert "No commitment answers this recommendation." in page.inner_text("#ex-card")


def test_bodies_view_ranks_bodies_by_commitments(page, graph):
    led: dict[str, set[str]] = defaultdict(set)
    involved: dict[str, set[str]] = defaultdict(set)
    for source, target, relation in graph.edges(keys=True):
        if relation in ("led_by", "involves") and graph.nodes[source]["type"] == "Commitment" and graph.nodes[target]["type"] in BODY_TYPES:
            (led if relation == "led_by" else involved)[graph.nodes[target]["label"]].add(source)
    totals = {name: len(led[name] | involved[name]) for name in set(led) | set(involved)}
    page.click("#ex-tab-bodies")
    names, shown = column(page, "name"), [int(n) for n in column(page, "total")]
    assert len(names) == len(totals)
    assert shown == sorted(totals.values(), reverse=True)
    for name, total in zip(names[:10], shown[:10], strict=True):
        assert totals[name] == total, name
    assert names[0] == max(totals, key=lambda n: (totals[n], len(led[n])))
    assert [int(n) for n in column(page, "led")[:5]] == [len(led[n]) for n in names[:5]]
    page.click('#ex-table tbody tr[data-id="' + names[0] + '"]')
    assert page.inner_text("#ex-card h2") == names[0]
    assert page.locator("#ex-card ol.commitments > li").count() == min(100, len(led[names[0]])) + min(100, len(involved[names[0]] - led[names[0]]))


# --------------------------------------------------------------------------- state, keyboard, timeline, CSV


def test_hash_with_recommendation_13_opens_its_card(browser, page_path, graph):
    key = rec_key(graph, 13)
    page = open_page(browser, page_path, "view=tracker&rec=" + key)
    try:
        assert page.is_visible("#ex-card")
        assert page.inner_text("#ex-card h2") == "Recommendation 13"
        assert page.locator("#ex-card ol.commitments > li").count() == 4
        assert page.get_attribute(f'#ex-table tbody tr[data-id="{key}"]', "aria-selected") == "true"
        page.assert_clean()
    finally:
        page.close()


def test_a_link_reproduces_the_view(browser, page, page_path):
    page.click("#ex-tab-timeline")
    page.click('#ex-facets input[data-facet="state"][data-value="due"]')
    page.fill("#ex-search", "2026")
    page.press("#ex-search", "Enter")
    page.click("#ex-table thead th[data-key='lead'] button")
    page.click("#ex-table tbody tr[data-id]")
    fragment = page.evaluate("() => location.hash").lstrip("#")
    rows, card = row_ids(page), page.inner_text("#ex-card")
    again = open_page(browser, page_path, fragment)
    try:
        assert again.evaluate("() => window.explore.view()") == "timeline"
        assert row_ids(again) == rows and again.inner_text("#ex-card") == card
        assert again.input_value("#ex-search") == "2026"
        assert again.is_checked('#ex-facets input[data-facet="state"][data-value="due"]')
        again.assert_clean()
    finally:
        again.close()


def test_keyboard_moves_between_rows_and_opens_cards(page, graph):
    page.focus("#ex-table tbody tr[data-id]")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert page.inner_text("#ex-card h2") == "Recommendation 3"
    page.keyboard.press("ArrowDown")  # with the card open, moving moves the card
    assert page.inner_text("#ex-card h2") == "Recommendation 4"
    assert page.evaluate("() => document.activeElement.dataset.id") == rec_key(graph, 4)
    page.keyboard.press("Escape")
    assert page.is_hidden("#ex-card")
    assert page.evaluate("() => document.activeElement.dataset.id") == rec_key(graph, 4)
    page.keyboard.press("/")
    assert page.evaluate("() => document.activeElement.id") == "ex-search"


def test_columns_sort(page):
    page.click("#ex-table thead th[data-key='commitments'] button")
    counts = [int(n) for n in column(page, "commitments")]
    assert counts == sorted(counts, reverse=True) and counts[0] > counts[-1]
    page.click("#ex-table thead th[data-key='commitments'] button")
    assert [int(n) for n in column(page, "commitments")] == sorted(counts)
    assert page.get_attribute("#ex-table thead th[data-key='commitments']", "aria-sort") == "ascending"


def test_timeline_marks_today_and_flags_past_due(page, graph):
    page.click("#ex-tab-timeline")
    dated = [d for _, d in graph.nodes(data=True) if d["type"] == "Commitment" and d.get("deadline_end")]
    assert page.locator("#ex-table tbody tr[data-id]").count() == len(dated)
    assert page.inner_text("#ex-table tr.ex-today") == f"▶ today {TODAY} — rows above are due before today"
    past = [d for d in dated if str(d["deadline_end"]) < TODAY.isoformat() and not str(d["deadline_text"]).lower().startswith("from")]
    assert page.locator("#ex-table tbody tr.past-due").count() == len(past) > 0
    due = column(page, "due")
    today_at = page.evaluate("() => [...document.querySelectorAll('#ex-table tbody tr')].findIndex(r => r.classList.contains('ex-today'))")
    assert all(d[-10:] < TODAY.isoformat() for d in due[:today_at]) and all(d[-10:] >= TODAY.isoformat() for d in due[today_at:])
    # each row says which recommendation, lead body and document
    assert all(column(page, "lead")) and all(column(page, "document"))
    assert all(bool(inquiry) == bool(rec) for rec, inquiry in zip(column(page, "rec"), column(page, "inquiry"), strict=True))
    assert page.is_hidden("#ex-table thead th[data-key='document']"), "one document: its column is not shown"
    assert page.locator('#ex-facets section[data-facet="document"] li').count() == 1
    assert any(text.startswith("Rec. ") for text in column(page, "rec"))
    page.click("#ex-table thead th[data-key='due'] button")  # latest first: today still between the two
    assert page.inner_text("#ex-table tr.ex-today") == f"▶ today {TODAY} — rows above are due after today"
    assert page.locator("#ex-table tr.ex-today").count() == 1
    page.fill("#ex-search", "Ofsted")
    page.press("#ex-search", "Enter")
    hits = [d for d in dated if "ofsted" in (d["text"]).lower()]
    assert 0 < page.locator("#ex-table tbody tr[data-id]").count() >= len(hits)


def test_csv_is_the_current_view(page):
    page.click('#ex-facets input[data-facet="status"][data-value="accepted"]')
    text = page.evaluate("() => window.explore.csv()")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:2] == ["No.", "Recommendation"]
    assert [row[0] for row in rows[1:]] == column(page, "n")
    assert {row[rows[0].index("Acceptance")] for row in rows[1:]} == {"accepted"}
    with page.expect_download() as download:
        page.click("#ex-csv")
    assert download.value.suggested_filename == "policykg-tracker.csv"


def test_layout_fits_1280_by_720(browser, page_path, graph):
    for fragment in ("", "rec=" + rec_key(graph, 13), "view=timeline", "view=bodies"):
        page = open_page(browser, page_path, fragment, viewport=(1280, 720))
        try:
            assert page.evaluate("() => document.scrollingElement.scrollHeight") <= 720
            for selector in ("#ex-search", "#ex-csv", "#ex-clear", "#ex-tab-timeline", "#ex-facets section", "#ex-table tbody tr[data-id]"):
                box = page.locator(selector).first.bounding_box()
                assert box and box["y"] + box["height"] <= 720 and box["x"] + box["width"] <= 1280, (fragment, selector, box)
            page.assert_clean()
        finally:
            page.close()


# --------------------------------------------------------------------------- hostile text


def test_hostile_text_runs_nothing_and_shows_literally(browser, hostile_graph, page_path, tmp_path):
    path = write_explore_page(hostile_graph, tmp_path / "hostile.html", today=TODAY)
    benign = open_page(browser, page_path)  # the same checks on the seed find rows, so they are not vacuous
    try:
        assert benign.locator("#ex-table tbody tr[data-id]").count() == 20
        benign.assert_clean()
    finally:
        benign.close()
    page = open_page(browser, path)
    try:
        seen = [page.inner_text("body")]
        for view in ("tracker", "bodies", "timeline"):
            page.click(f"#ex-tab-{view}")
            assert page.locator("#ex-table tbody tr[data-id]").count() > 0, view
            for i in range(page.locator("#ex-table tbody tr[data-id]").count()):
                page.locator("#ex-table tbody tr[data-id]").nth(i).click()
                seen.append(page.inner_text("body"))
        for group in ("inquiry", "body"):  # the timeline's group headings carry the inquiries' and lead bodies' names
            page.select_option("#ex-group", group)
            headings = page.eval_on_selector_all("#ex-table tr.ex-group", "rows => rows.map(r => r.dataset.group)")
            assert headings, group
            if group == "inquiry":
                assert HOSTILE_INQUIRY in headings
                assert page.inner_text("#ex-table tr.ex-group >> nth=0").startswith(HOSTILE_INQUIRY.replace("\u2028", "").strip()[:20])
            seen.append(page.inner_text("body"))
        text = "\n".join(seen)
        assert "Hostile <script>window.__pwned=1</script> <img src=x onerror=\"window.__pwned=2\"> report" in text
        assert '<a href="javascript:window.__pwned=4">now</a>' in text
        assert "<script>window.__pwned=7</script>" in text and HOSTILE_BODY in text
        assert "</script><script>window.__pwned=13</script>" in text
        assert page.evaluate("() => typeof window.__pwned") == "undefined"
        assert page.evaluate("() => document.querySelectorAll('img, a, iframe, object, embed, svg').length") == 0
        assert page.evaluate("() => document.scripts.length") == 3, "the data block, vis-network and the page's script"
        assert all(url.startswith(("file:", "data:", "blob:")) for url in page.requests), page.requests
        csv_text = page.evaluate("() => window.explore.csv()")
        assert '\'=HYPERLINK(""http://example.com/x"")' in csv_text, "a formula is quoted, not run by a spreadsheet"
        page.assert_clean()
    finally:
        page.close()


# --------------------------------------------------------------------------- screenshots


def _save_small_png(page, path: Path) -> None:
    """A screenshot with its colours reduced (a few tens of KB instead of a few hundred)."""
    from PIL import Image

    raw = page.screenshot()
    image = Image.open(io.BytesIO(raw)).convert("RGB").quantize(colors=128, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, optimize=True)


@pytest.mark.parametrize("viewport", [(1440, 900), (1280, 720)], ids=["1440x900", "1280x720"])
def test_screenshots_of_each_view(browser, page_path, graph, viewport):
    width, height = viewport
    views = {
        "tracker": "",
        "tracker-card": "rec=" + rec_key(graph, 13),
        "bodies": "view=bodies&body=HM+Government",
        "timeline": "view=timeline",
        "timeline-by-body": "view=timeline&group=body",
    }
    for name, fragment in views.items():
        page = open_page(browser, page_path, fragment, viewport=viewport)
        try:
            page.assert_clean()
            _save_small_png(page, SCREENSHOTS / f"explore-{name}-{width}x{height}.png")
        finally:
            page.close()
    assert all((SCREENSHOTS / f"explore-{name}-{width}x{height}.png").stat().st_size < 200_000 for name in views)


# --------------------------------------------------------------------------- acceptance and progress; timeline groups


@pytest.fixture(scope="module")
def series_graph():
    """The tracker's real series (IICSA and Grenfell): several inquiries, progress stated apart from acceptance."""
    from tracker_corpus import REAL_DOCUMENTS

    return build_graph([load_document(path) for path in REAL_DOCUMENTS])


@pytest.fixture(scope="module")
def series_page(series_graph, out) -> Path:
    return write_explore_page(series_graph, out / "series.html", today=TODAY)


def latest_stated(graph, rec: str, field: str) -> str | None:
    """The ``field`` (status or progress) of the latest response to ``rec`` that states one (by its document's date)."""
    stated = []
    for response, _, key in graph.in_edges(rec, keys=True):
        if key != "responds_to" or not graph.nodes[response].get(field):
            continue
        documents = {record.document for record in graph.nodes[response]["provenance"]}
        published = max(str(graph.nodes[d].get("published") or "") for d in documents if d in graph) if documents & set(graph) else ""
        stated.append((published, graph.nodes[response][field]))
    return max(stated)[1] if stated else None


def facet_counts(page, facet: str) -> dict[str, int]:
    return dict(page.eval_on_selector_all(
        f'#ex-facets section[data-facet="{facet}"] li',
        "items => items.map(li => [li.querySelector('input').dataset.value, Number(li.querySelector('.n').textContent)])"))


def test_acceptance_and_progress_are_separate_facets(browser, series_page, series_graph):
    recs = [iri for iri, d in series_graph.nodes(data=True) if d["type"] == "Recommendation"]
    acceptance = Counter(latest_stated(series_graph, r, "status") or "no response status" for r in recs)
    progress = {r: latest_stated(series_graph, r, "progress") or "no progress stated" for r in recs}
    assert {"in progress", "complete"} <= set(progress.values()), "the series states progress"
    page = open_page(browser, series_page, "")
    try:
        for facet in ("status", "progress"):  # show every value
            more = page.locator(f'#ex-facets section[data-facet="{facet}"] button.more')
            if more.count():
                more.click()
        assert facet_counts(page, "status") == dict(acceptance)
        assert facet_counts(page, "progress") == dict(Counter(progress.values()))
        page.click('#ex-facets input[data-facet="progress"][data-value="in progress"]')
        expected = sorted(r.split("/recommendation/", 1)[1] for r in recs if progress[r] == "in progress")
        assert sorted(row_ids(page)) == expected
        assert set(column(page, "progress")) == {"in progress"}
        page.click(f'#ex-table tbody tr[data-id="{expected[0]}"]')
        assert page.inner_text("#ex-card dd.r-progress") == "in progress"
        page.assert_clean()
    finally:
        page.close()


@pytest.mark.parametrize(("group", "column_key"), [("inquiry", "inquiry"), ("body", "lead")])
def test_timeline_groups_by_inquiry_or_lead_body(browser, series_page, group, column_key):
    page = open_page(browser, series_page, "view=timeline")
    try:
        total = page.locator("#ex-table tbody tr[data-id]").count()
        page.select_option("#ex-group", group)
        assert f"group={group}" in page.evaluate("() => location.hash")
        rows = page.evaluate(
            """(key) => { const heads = [...document.querySelectorAll('#ex-table thead th')].map(th => th.dataset.key);
                          const at = heads.indexOf(key);
                          return [...document.querySelectorAll('#ex-table tbody tr')].map(r =>
                            r.classList.contains('ex-group') ? ['group', r.dataset.group, r.textContent]
                            : r.dataset.id ? ['row', r.cells[at].textContent] : ['other']); }""",
            column_key,
        )
        groups: list[str] = []
        sizes: Counter[str] = Counter()
        current = None
        for kind, *rest in rows:
            if kind == "group":
                current = rest[0]
                assert current not in groups, "each group once"
                groups.append(current)
            elif kind == "row":
                assert (rest[0].split("; ")[0] or "(none)") == current, (current, rest[0])
                sizes[current] += 1
        assert len(groups) >= 2 and sum(sizes.values()) == total
        named = [g for g in groups if g != "(none)"]
        assert named == sorted(named) and (groups[-1] == "(none)" or "(none)" not in groups)
        for kind, *rest in rows:
            if kind == "group":
                assert rest[1].startswith(f"{rest[0]} — {sizes[rest[0]]} dated commitment")
        page.assert_clean()
    finally:
        page.close()


def test_a_card_with_many_commitments_shows_them_a_hundred_at_a_time(browser, tmp_path):
    g = many_recommendations(1, 0)
    where = Provenance("https://example.org/doc", "p1", 1, "Intro", 0, 12, "We will act.")
    for i in range(1, 130):
        add_node(g, f"https://example.org/c/more/{i}", "Commitment", f"We will also act {i}.", where, text=f"We will also act {i}.")
        add_edge(g, f"https://example.org/c/more/{i}", "https://example.org/id/recommendation/x/1", "answers", where)
    page = open_page(browser, write_explore_page(g, tmp_path / "many.html", today=TODAY), "rec=x/1")
    try:
        assert page.inner_text("#ex-card h3 >> nth=1") == "Commitments that answer it (130)"
        assert page.locator("#ex-card ol.commitments > li").count() == 100
        page.click("#ex-card button.more")
        assert page.locator("#ex-card ol.commitments > li").count() == 130 and page.locator("#ex-card button.more").count() == 0
        page.assert_clean()
    finally:
        page.close()


def test_timeline_flags_past_due_commitments_with_the_latest_evidence(browser, tmp_path):
    """The follow-up series of tests/tracker_corpus.py: each past-due commitment's latest outcome, as the
    ``follow-through`` query gives it in tests/test_follow_up.py (delivered, in progress, silent, dropped)."""
    from tracker_corpus import write_follow_up_series

    (tmp_path / "series").mkdir()
    graph = build_graph([load_document(path) for path in write_follow_up_series(tmp_path / "series")])
    page = open_page(browser, write_explore_page(graph, tmp_path / "follow.html", today="2026-06-01"), "view=timeline")
    try:
        shown = page.evaluate("""() => window.explore.rows().filter(c => c.state === 'past due')
                                   .map(c => [window.explore.data.docs[c.d].published, c.w.split(' · ')[0], c.outcome])""")
        assert {(day, where.replace("¶", "p")): outcome for day, where, outcome in shown} == {
            ("2024-03-03", "p4"): "delivered", ("2024-03-03", "p5"): "in progress", ("2024-03-03", "p6"): "silent",
            ("2024-03-03", "p7"): "dropped", ("2024-03-03", "p8"): "dropped", ("2025-09-01", "p5"): "in progress"}
        counts = facet_counts(page, "evidence")
        assert counts["silent"] == 1 and counts["dropped"] == 2
        page.click('#ex-facets input[data-facet="evidence"][data-value="delivered"]')
        assert [text.split(" (")[0] for text in column(page, "evidence")] == ["delivered"]
        page.click("#ex-table tbody tr[data-id]")
        assert page.inner_text("#ex-card dd.c-evidence").startswith("delivered — ")
        page.assert_clean()
    finally:
        page.close()
