"""The visualisation: the interactive page (in a real headless Chromium), static figures, the timeline.

Browser tests use Debian's Chromium (``scripts/install-chromium``) driven by Playwright;
every non-``file:`` request is aborted and fails the test. One browser serves the module.
"""

from __future__ import annotations

import html
import json
import re
import struct
import xml.etree.ElementTree as ET
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from browser import open_browser

from policykg.errors import PolicyKGError
from policykg.graph.build import build_graph
from policykg.graph.model import Provenance, add_node
from policykg.loaders import load_document
from policykg.viz import render_network_page, show_in_notebook, write_network_page, write_static_figure, write_timeline
from policykg.viz.network import BROWSER_LAYOUT_MAX, find_node, neighbourhood, page_data, recommendation_node, select_view
from policykg.viz.style import PLUMBING_TYPES
from policykg.viz.synthetic import synthetic_graph
from policykg.viz.timeline import PAST_DUE, timeline_items

HOSTILE_TEXT = """Hostile <b>test</b> document
Published 9 April 2025
Recommendations
- Recommendation 1: Stop <script>window.__pwned=1</script> attacks.
Response <img src=x onerror="window.__pwned=2"> section
1. The Home Office will publish <script>window.__pwned=1</script> guidance by December 2025. <img src=x onerror="window.__pwned=2">
2. The <a href="javascript:window.__pwned=3">Evil href</a> Programme will be launched by the Department for Education in 2026.
3. We will provide £5m to the <a href="x">Safety Programme</a> by March 2024.
"""
HREF_NAME = '<a href="javascript:window.__pwned=4" onclick="window.__pwned=5">click href</a>'
TODAY = date(2025, 11, 1)


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def hostile_graph(tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "hostile.txt"
    path.write_text(HOSTILE_TEXT, encoding="utf-8")
    graph = build_graph([load_document(path)])
    where = Provenance("https://example.org/hostile", "p9", 9, "<script>window.__pwned=6</script>", 0, len(HREF_NAME), HREF_NAME)
    add_node(graph, "https://example.org/hostile/org", "Organisation", HREF_NAME, where, aliases=["<img src=x onerror=window.__pwned=7>"])
    return graph


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("viz")


@pytest.fixture(scope="module")
def browser():
    with open_browser() as opened:
        yield opened


@pytest.fixture(scope="module")
def seed_page_path(seed_graph, out) -> Path:
    return write_network_page(seed_graph, out / "seed.html")


@pytest.fixture(scope="module")
def seed_page(browser, seed_page_path):
    page = browser.open(seed_page_path)
    page.wait_stable()
    yield page
    page.close()


@pytest.fixture
def page(seed_page):
    """The seed page with every filter and the focus reset."""
    seed_page.click("#pk-reset")
    seed_page.fill("#pk-search", "")
    return seed_page


def data_of(text: str) -> dict:
    block = re.search(r'<script type="application/json" id="policykg-data">(.*?)</script>', text, re.S)
    assert block, "no data block"
    return json.loads(block.group(1))


def visible_iris(page) -> set[str]:
    return set(page.evaluate("() => window.policykg.visibleNodeIds().map(id => window.policykg.data.nodes[id].iri)"))


def hover_node(page, node_id: int) -> str | None:
    """Move the real mouse over a node; the tooltip's text, or None if another node covers it."""
    point = page.evaluate(
        """(id) => {
            const net = window.policykg.network;
            const at = net.getPositions([id])[id];
            net.moveTo({position: at, scale: 1.6, animation: false});
            const dom = net.canvasToDOM(at);
            const box = document.getElementById('pk-network').getBoundingClientRect();
            return {x: dom.x + box.left, y: dom.y + box.top, under: net.getNodeAt({x: dom.x, y: dom.y})};
        }""",
        node_id,
    )
    if point["under"] != node_id:
        return None
    page.mouse.move(point["x"] + 3, point["y"] + 3)
    page.mouse.move(point["x"], point["y"])
    page.wait_for_function(
        """(id) => { const tip = document.querySelector('div.vis-tooltip');
                     const node = window.policykg.data.nodes[id];
                     return tip && tip.style.visibility !== 'hidden' && tip.textContent.includes(node.type)
                         && tip.textContent.includes(node.name.slice(0, 40)); }""",
        arg=node_id,
        timeout=5000,
    )
    return page.evaluate("() => document.querySelector('div.vis-tooltip').textContent")


# --------------------------------------------------------------------------- the page, without a browser


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_page_is_one_self_contained_file(seed_graph, tmp_path):
    path = write_network_page(seed_graph, tmp_path / "graph.html")
    assert [p.name for p in tmp_path.iterdir()] == ["graph.html"]  # no lib/ folder, no temporary file left
    text = path.read_text(encoding="utf-8")
    parser = _Tags()
    parser.feed(text)
    tags = parser.tags
    assert not [t for t in tags if t[0] in ("link", "iframe", "img", "object", "embed")]
    assert all("src" not in attrs for tag, attrs in tags if tag == "script")
    assert sum(1 for tag, _ in tags if tag == "script") == 3  # data, vis-network, the page's script
    for remote in ("bootstrap.min", "cdnjs", "jsdelivr", "unpkg", "sourceMappingURL", "@import", "lib/vis"):
        assert remote not in text, remote
    assert "vis-network" in text and "9.1.2" in text
    csp = next(attrs["content"] for tag, attrs in tags if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp and "unsafe-eval" not in csp


def test_default_view_hides_provenance_plumbing(seed_graph, seed_page_path):
    data = data_of(seed_page_path.read_text(encoding="utf-8"))
    types = {n["type"] for n in data["nodes"]}
    assert not types & PLUMBING_TYPES
    assert {"Recommendation", "Response", "Commitment", "Organisation"} <= types
    assert not {e["relation"] for e in data["edges"]} & {"mentioned_in", "stated_in", "part_of"}
    expected = sum(1 for _, d in seed_graph.nodes(data=True) if d["type"] not in PLUMBING_TYPES)
    assert len(data["nodes"]) == expected
    assert data["physics"] is (expected <= BROWSER_LAYOUT_MAX)


def test_types_option_can_ask_for_plumbing(seed_graph):
    data = data_of(render_network_page(seed_graph, types=["Commitment", "paragraphs"]))
    assert {n["type"] for n in data["nodes"]} == {"Commitment", "Paragraph"}
    assert {e["relation"] for e in data["edges"]} == {"stated_in"}
    with pytest.raises(PolicyKGError, match="unknown node type 'Widget'"):
        render_network_page(seed_graph, types=["Widget"])


def test_tooltip_data_has_properties_and_quotes(seed_graph, seed_page_path):
    data = data_of(seed_page_path.read_text(encoding="utf-8"))
    response = next(n for n in data["nodes"] if n["type"] == "Response" and "Status" in dict(n["props"]))
    assert dict(response["props"])["Status"] in ("accepted", "accepted in part", "alternative approach", "under consideration", "not accepted")
    assert response["sources"] and "Status based on" in dict(response["props"])
    where, quote = response["sources"][0]
    assert quote and (where.startswith("¶") or "block" in where or "curated" in where)
    dated = next(n for n in data["nodes"] if n["type"] == "Commitment" and "Deadline" in dict(n["props"]))
    assert "due 20" in dict(dated["props"])["Deadline"]
    funding = next(n for n in data["nodes"] if n["type"] == "Funding")
    assert "£" in dict(funding["props"])["Amount"]
    numbered = [n for n in data["nodes"] if n["sources"] and n["sources"][0][0].startswith("¶")]
    assert numbered, "quotes carry their paragraph number"


def test_unknown_focus_is_a_one_line_error(seed_graph, tmp_path):
    with pytest.raises(PolicyKGError) as error:
        write_network_page(seed_graph, tmp_path / "x.html", focus="Ministry of Magic")
    assert "no node named 'Ministry of Magic'" in str(error.value) and "policykg query run organisations" in str(error.value)
    assert "\n" not in str(error.value)
    assert not (tmp_path / "x.html").exists()
    with pytest.raises(PolicyKGError, match="no recommendation 99"):
        render_network_page(seed_graph, recommendation=99)


def test_focus_by_name_alias_or_iri(seed_graph):
    home_office = find_node(seed_graph, "Home Office")
    assert seed_graph.nodes[home_office]["label"] == "Home Office"
    assert find_node(seed_graph, "home office") == home_office == find_node(seed_graph, home_office)
    assert seed_graph.nodes[find_node(seed_graph, "DfE")]["label"] == "Department for Education"
    assert find_node(seed_graph, "recommendation 13") == recommendation_node(seed_graph, 13)


def test_recommendation_option_draws_its_neighbourhood(seed_graph):
    rec = recommendation_node(seed_graph, 13)
    data = data_of(render_network_page(seed_graph, recommendation=13))
    drawn = {n["iri"] for n in data["nodes"]}

    def shown(iri: str) -> bool:
        return seed_graph.nodes[iri]["type"] not in PLUMBING_TYPES

    expected = {rec} | {n for n in seed_graph.predecessors(rec) if shown(n)} | {n for n in seed_graph.successors(rec) if shown(n)}
    for node in list(expected):
        if seed_graph.nodes[node]["type"] in ("Commitment", "Response"):
            expected |= {n for n in seed_graph.successors(node) if shown(n)}
    assert drawn == expected
    assert data["nodes"][data["focus"]]["iri"] == rec
    assert sum(1 for n in data["nodes"] if n["type"] == "Recommendation") == 1
    assert any(n["type"] == "Organisation" for n in data["nodes"]), "the bodies of its commitments are drawn"
    focused = data_of(render_network_page(seed_graph, focus="Home Office", depth=2))
    keep, _ = select_view(seed_graph, focus="Home Office", depth=2)
    assert {n["iri"] for n in focused["nodes"]} == keep


def test_title_and_document_text_are_escaped(hostile_graph):
    text = render_network_page(hostile_graph, title="<b>x</b>")
    assert "<title>&lt;b&gt;x&lt;/b&gt;</title>" in text
    assert '<h1 id="pk-title">&lt;b&gt;x&lt;/b&gt;</h1>' in text
    assert "<b>x</b>" not in text
    block = re.search(r'id="policykg-data">(.*?)</script>', text, re.S).group(1)
    assert "<" not in block and ">" not in block and "&" not in block
    data = json.loads(block)
    assert data["title"] == "<b>x</b>"
    assert any("<script>window.__pwned=1</script>" in n["name"] for n in data["nodes"])
    assert "<script>window.__pwned" not in text and "<img src=x" not in text and "<a href" not in text
    default = render_network_page(hostile_graph)
    assert "<title>Hostile &lt;b&gt;test&lt;/b&gt; document — policy knowledge graph</title>" in default


def test_page_script_never_parses_text_as_html():
    source = (Path(__file__).parents[1] / "policykg" / "viz" / "templates" / "page.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function", "srcdoc"):
        assert sink not in source, sink


def test_page_is_deterministic(seed_graph):
    assert render_network_page(seed_graph) == render_network_page(seed_graph)


def test_large_graphs_are_laid_out_in_python():
    graph = synthetic_graph(1200)
    data = page_data(graph, set(graph.nodes))
    assert data["physics"] is False and data["large"] is True
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["nodes"])
    positions = {(n["x"], n["y"]) for n in data["nodes"]}
    assert len(positions) > 0.95 * len(data["nodes"]), "nodes are spread out"


def test_show_in_notebook_embeds_the_page_in_a_sandboxed_iframe(seed_graph):
    shown = show_in_notebook(seed_graph, recommendation=13)
    markup = shown._repr_html_()
    assert '<iframe srcdoc="' in markup and 'sandbox="allow-scripts"' in markup
    srcdoc = html.unescape(re.search(r'srcdoc="([^"]*)"', markup).group(1))
    assert srcdoc.startswith("<!DOCTYPE html>") and data_of(srcdoc)["focus"] is not None


def test_neighbourhood_depth_zero_is_the_node_alone(seed_graph):
    rec = recommendation_node(seed_graph, 13)
    assert neighbourhood(seed_graph, rec, 0) == {rec}


# --------------------------------------------------------------------------- the page in Chromium


@pytest.mark.browser
def test_page_loads_offline_without_errors(seed_page, seed_page_path, seed_graph):
    page = seed_page
    page.assert_clean()
    assert page.requests == [seed_page_path.resolve().as_uri()]
    data = data_of(seed_page_path.read_text(encoding="utf-8"))
    assert page.evaluate("() => window.policykg.nodes.length") == len(data["nodes"])
    assert page.evaluate("() => Object.keys(window.policykg.network.getPositions()).length") == len(data["nodes"])
    assert page.evaluate("() => window.policykg.edges.length") == len(data["edges"])
    assert page.evaluate("() => window.policykg.network.physics.physicsEnabled") is False, "physics stops once stable"
    legend = page.locator("#pk-legend li")
    assert legend.count() == len(data["types"])
    assert "Commitment" in page.inner_text("#pk-legend") and "Recommendation" in page.inner_text("#pk-legend")
    assert page.locator("#pk-legend svg").count() == len(data["types"])
    assert page.locator("#pk-statuses li").count() == len(data["statuses"]) >= 4
    assert page.evaluate("() => document.querySelector('#pk-network canvas').width") > 300


@pytest.mark.browser
def test_search_finds_home_office_and_zooms_to_it(page, seed_graph):
    page.fill("#pk-search", "Home Office")
    page.press("#pk-search", "Enter")
    page.wait_for_function("() => window.policykg.network.getSelectedNodes().length === 1")
    selected = page.evaluate("() => window.policykg.network.getSelectedNodes()[0]")
    assert page.evaluate("(id) => window.policykg.data.nodes[id].iri", selected) == find_node(seed_graph, "Home Office")
    page.wait_for_function(
        """(id) => { const net = window.policykg.network; const at = net.getPositions([id])[id];
                     const view = net.getViewPosition(); return Math.hypot(at.x - view.x, at.y - view.y) < 2; }""",
        arg=selected, timeout=5000,
    )
    assert "Home Office" in page.inner_text("#pk-search-status")
    assert "Home Office" in page.inner_text("#pk-details")
    page.fill("#pk-search", "DfE")
    page.click("#pk-search-form button")
    page.wait_for_function("() => window.policykg.selected !== undefined"
                           " && window.policykg.data.nodes[window.policykg.selected].name === 'Department for Education'")
    page.fill("#pk-search", "Ofsted")
    page.press("#pk-search", "Enter")
    page.wait_for_function("() => window.policykg.selected !== undefined && window.policykg.data.nodes[window.policykg.selected].iri"
                           " === 'https://w3id.org/policykg/id/organisation/office-for-standards-in-education-childrens-services-and-skills'")
    page.fill("#pk-search", "no such body anywhere")
    page.press("#pk-search", "Enter")
    assert "No node matches" in page.inner_text("#pk-search-status")
    page.assert_clean()


@pytest.mark.browser
def test_type_filter_hides_commitments(page):
    total = page.evaluate("() => window.policykg.data.nodes.length")
    commitments = page.evaluate("() => window.policykg.data.nodes.filter(n => n.type === 'Commitment').length")
    assert commitments > 50
    page.uncheck('#pk-legend input[data-type="Commitment"]')
    assert page.evaluate("() => window.policykg.nodes.get({filter: n => !n.hidden}).length") == total - commitments
    assert page.evaluate("() => window.policykg.visibleNodeIds().filter(id => window.policykg.data.nodes[id].type === 'Commitment').length") == 0
    hidden_edges = page.evaluate("() => window.policykg.edges.get({filter: e => e.hidden}).length")
    assert hidden_edges >= commitments  # every commitment had at least its led_by edge
    assert f"{total - commitments} of {total} nodes" in page.inner_text("#pk-summary")
    page.check('#pk-legend input[data-type="Commitment"]')
    assert len(page.evaluate("() => window.policykg.visibleNodeIds()")) == total
    page.assert_clean()


@pytest.mark.browser
def test_status_filter_hides_recommendations_with_that_status(page):
    page.uncheck('#pk-statuses input[data-status="not accepted"]')
    visible = page.evaluate("() => window.policykg.visibleNodeIds().map(id => window.policykg.data.nodes[id])")
    assert all("not accepted" not in n["statuses"] or any(s != "not accepted" for s in n["statuses"]) for n in visible)
    assert not [n for n in visible if n["type"] in ("Recommendation", "Response") and n["statuses"] == ["not accepted"]]
    assert [n for n in visible if n["type"] == "Recommendation"], "other recommendations stay"


@pytest.mark.browser
def test_focus_on_recommendation_13_shows_its_neighbourhood_only(page, seed_graph):
    rec = recommendation_node(seed_graph, 13)
    rec_id = page.evaluate("(iri) => window.policykg.data.nodes.find(n => n.iri === iri).id", rec)
    page.select_option("#pk-focus", str(rec_id))
    keep, _ = select_view(seed_graph, recommendation=13)
    assert visible_iris(page) == keep
    assert "https://w3id.org/policykg/id/legislation/crime-and-policing-bill" in keep  # the Bill that answers it
    assert len(keep) < page.evaluate("() => window.policykg.data.nodes.length") / 3
    assert "focus: Recommendation 13" in page.inner_text("#pk-summary")
    page.select_option("#pk-depth", "2")
    keep2, _ = select_view(seed_graph, recommendation=13, depth=2)
    assert visible_iris(page) == keep2 and len(keep2) > len(keep)
    page.select_option("#pk-focus", "")
    assert len(visible_iris(page)) == page.evaluate("() => window.policykg.data.nodes.length")
    page.assert_clean()


@pytest.mark.browser
def test_hovering_shows_tooltips_and_edge_labels(page, seed_graph):
    home = page.evaluate("(iri) => window.policykg.data.nodes.find(n => n.iri === iri).id", find_node(seed_graph, "Home Office"))
    tip = hover_node(page, home)
    assert tip is not None and "Home Office" in tip and "Organisation" in tip and "¶" in tip
    # An edge: find a point on one that no node covers, hover it, and its relationship label appears.
    # (the point is looked for edge by edge, the view centred on each: a layout may leave one edge's point unhoverable)
    found = None
    for skip in range(8):
        candidate = page.evaluate(
            """(skip) => {
                const api = window.policykg, net = api.network;
                let seen = 0;
                for (const e of api.data.edges) {
                    const ends = net.getPositions([e.from, e.to]);
                    const a = ends[e.from], b = ends[e.to];
                    if (Math.hypot(a.x - b.x, a.y - b.y) < 120) continue;
                    net.moveTo({position: {x: (a.x + b.x) / 2, y: (a.y + b.y) / 2}, scale: 1.5, animation: false});
                    for (const t of [0.5, 0.45, 0.55, 0.4, 0.6]) {
                        const dom = net.canvasToDOM({x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t});
                        if (net.getNodeAt(dom) === undefined && net.getEdgeAt(dom) === e.id) {
                            if (seen++ < skip) break;
                            const box = document.getElementById('pk-network').getBoundingClientRect();
                            return {id: e.id, x: dom.x + box.left, y: dom.y + box.top, label: e.label};
                        }
                    }
                }
                return null;
            }""", skip)
        assert candidate, "no hoverable edge found"
        page.mouse.move(5, 5)
        page.mouse.move(candidate["x"] + 2, candidate["y"] + 1)
        page.mouse.move(candidate["x"], candidate["y"])
        try:
            page.wait_for_function("(id) => window.policykg.edges.get(id).label", arg=candidate["id"], timeout=1500)
        except Exception:  # playwright's TimeoutError: try the next edge
            continue
        found = candidate
        break
    assert found, "no edge showed its label when hovered"
    assert page.evaluate("(id) => window.policykg.edges.get(id).label", found["id"]) == found["label"]
    page.wait_for_function("() => document.querySelector('div.vis-tooltip').textContent.includes('Relationship')", timeout=5000)
    page.mouse.move(5, 5)
    page.wait_for_function("(id) => !window.policykg.edges.get(id).label", arg=found["id"], timeout=5000)
    page.assert_clean()


@pytest.mark.browser
def test_screenshot_of_the_page(page, out):
    path = out / "seed.png"
    page.screenshot(path=str(path))
    width, height = struct.unpack(">II", path.read_bytes()[16:24])
    assert (width, height) == (1400, 900) and path.stat().st_size > 60_000


@pytest.mark.browser
def test_hostile_document_runs_nothing(browser, hostile_graph, tmp_path):
    path = write_network_page(hostile_graph, tmp_path / "hostile.html", title="<b>x</b>")
    page = browser.open(path)
    try:
        page.wait_stable()
        assert page.inner_text("#pk-title") == "<b>x</b>"
        names = page.evaluate("() => window.policykg.data.nodes.map(n => n.name)")
        tips = []
        for node_id in range(len(names)):
            tip = hover_node(page, node_id)
            if tip is not None:
                tips.append(tip)
        joined = "\n".join(tips)
        assert "<script>window.__pwned=1</script>" in joined
        assert '<img src=x onerror="window.__pwned=2">' in joined
        assert HREF_NAME in joined
        panels = []
        for node_id in range(len(names)):  # the details panel too
            page.evaluate("(id) => window.policykg.showNode(id)", node_id)
            panels.append(page.inner_text("#pk-details"))
        assert HREF_NAME in "\n".join(panels) and "<script>window.__pwned=6</script>" in "\n".join(panels)
        page.fill("#pk-search", "click href")
        page.press("#pk-search", "Enter")
        assert HREF_NAME in page.inner_text("#pk-search-status")
        for edge_id in range(page.evaluate("() => window.policykg.data.edges.length")):
            page.evaluate("(id) => window.policykg.edgeTooltip(id)", edge_id)
        assert page.evaluate("() => typeof window.__pwned") == "undefined"
        assert page.evaluate("() => document.querySelectorAll('img, a, iframe, object, embed').length") == 0
        assert page.evaluate("() => document.scripts.length") == 3
        assert page.requests == [path.resolve().as_uri()]
        page.assert_clean()
    finally:
        page.close()


@pytest.mark.browser
def test_large_graph_page_is_usable(browser, tmp_path):
    graph = synthetic_graph(1500)
    path = write_network_page(graph, tmp_path / "large.html")
    page = browser.open(path)
    try:
        page.wait_stable(timeout=60_000)
        assert page.evaluate("() => window.policykg.nodes.length") == graph.number_of_nodes()
        assert page.evaluate("() => window.policykg.network.physics.physicsEnabled") is False
        page.fill("#pk-search", "Department 1")
        page.press("#pk-search", "Enter")
        assert page.evaluate("() => window.policykg.data.nodes[window.policykg.selected].name") == "Department 1"
        assert page.requests == [path.resolve().as_uri()]
        page.assert_clean()
    finally:
        page.close()


@pytest.mark.browser
def test_timeline_page_in_the_browser(browser, seed_graph, tmp_path):
    path = write_timeline(seed_graph, tmp_path / "timeline.html", today=TODAY)
    page = browser.open(path)
    try:
        items = timeline_items(seed_graph, TODAY)
        assert page.locator(".row").count() == len(items)
        assert page.locator('.row[data-state="past due"]').count() == sum(1 for i in items if i.state == PAST_DUE)
        assert "today 2025-11-01" in page.inner_text(".today")
        assert page.evaluate("() => document.scripts.length") == 0
        page.screenshot(path=str(tmp_path / "timeline.png"), full_page=True)
        page.assert_clean()
    finally:
        page.close()


# --------------------------------------------------------------------------- static figures and the timeline


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_recommendation_figure_png_is_a4_readable(seed_graph, tmp_path):
    path = write_static_figure(seed_graph, tmp_path / "recs.png")
    width, height = png_size(path)
    assert 1200 <= width <= 1300, "A4 width (8.27 in) at 150 dpi"
    assert height > width * 0.9
    again = write_static_figure(seed_graph, tmp_path / "again.png")
    assert path.read_bytes() == again.read_bytes()


def test_recommendation_figure_svg_parses_and_is_deterministic(seed_graph, tmp_path):
    path = write_static_figure(seed_graph, tmp_path / "recs.svg")
    root = ET.parse(path).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("width") == "595.44pt"  # 8.27 in
    texts = " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    for expected in ("Recommendation", "Response status", "Lead body", "accepted", "HM Government", "13. "):
        assert expected in texts, expected
    assert "<dc:date>" not in path.read_text(encoding="utf-8")
    assert path.read_bytes() == write_static_figure(seed_graph, tmp_path / "again.svg").read_bytes()


def test_figure_errors(seed_graph, tmp_path):
    with pytest.raises(PolicyKGError, match="unknown figure format"):
        write_static_figure(seed_graph, tmp_path / "recs.gif")
    with pytest.raises(PolicyKGError, match="unknown figure 'pie'"):
        write_static_figure(seed_graph, tmp_path / "recs.png", kind="pie")
    types = write_static_figure(seed_graph, tmp_path / "types.svg", kind="types")
    ET.parse(types)


def test_figures_escape_nothing_needed_but_parse_with_hostile_text(hostile_graph, tmp_path):
    path = write_static_figure(hostile_graph, tmp_path / "hostile.svg")
    root = ET.parse(path).getroot()  # a well-formed XML file despite <, > and & in labels
    assert any("<script>" in (t.text or "") for t in root.iter("{http://www.w3.org/2000/svg}text"))


def test_timeline_html_marks_today_and_past_due(seed_graph, tmp_path):
    path = write_timeline(seed_graph, tmp_path / "timeline.html", today=TODAY)
    text = path.read_text(encoding="utf-8")
    items = timeline_items(seed_graph, TODAY)
    dated = [d for _, d in seed_graph.nodes(data=True) if d["type"] == "Commitment" and d.get("deadline_end")]
    assert len(items) == len(dated) > 10
    past = [i for i in items if i.state == PAST_DUE]
    assert past and all(i.end < TODAY for i in past)
    assert all(i.end >= TODAY or i.is_start for i in items if i.state != PAST_DUE)
    assert text.count('class="row"') == len(items) and text.count('data-state="past due"') == 2 * len(past)
    assert "today 2025-11-01" in text and "<script" not in text
    assert [i.end for i in items] == sorted(i.end for i in items)


def test_timeline_escapes_document_text(hostile_graph, tmp_path):
    text = write_timeline(hostile_graph, tmp_path / "t.html", today=TODAY).read_text(encoding="utf-8")
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in text
    assert "<script" not in text and "<img" not in text and "<a " not in text


def test_timeline_png_and_svg(seed_graph, tmp_path):
    width, height = png_size(write_timeline(seed_graph, tmp_path / "t.png", today="2025-11-01"))
    assert 1200 <= width <= 1300 and height > 600
    svg = write_timeline(seed_graph, tmp_path / "t.svg", today=TODAY)
    root = ET.parse(svg).getroot()
    assert "today (2025-11-01)" in " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    assert svg.read_bytes() == write_timeline(seed_graph, tmp_path / "t2.svg", today=TODAY).read_bytes()
    with pytest.raises(PolicyKGError, match="unknown figure format"):
        write_timeline(seed_graph, tmp_path / "t.txt")


# --------------------------------------------------------------------------- the `policykg viz` commands


def test_viz_commands_write_their_files(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from policykg.cli.viz import timeline, viz

    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(viz, ["--recommendation", "13", "--title", "<b>x</b>"])
    assert result.exit_code == 0, result.output
    page = tmp_path / "policykg-out" / "graph.html"
    assert f"Wrote {Path('policykg-out') / 'graph.html'}" in result.output and "&lt;b&gt;x" in page.read_text(encoding="utf-8")
    result = runner.invoke(viz, ["-o", "recs.svg"])
    assert result.exit_code == 0, result.output
    ET.parse(tmp_path / "recs.svg")
    result = runner.invoke(viz, ["--format", "png", "-o", "recs"])
    assert result.exit_code == 0 and (tmp_path / "recs.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    result = runner.invoke(timeline, ["--today", "2025-11-01", "-o", "t.html"])
    assert result.exit_code == 0 and "today 2025-11-01" in (tmp_path / "t.html").read_text(encoding="utf-8")
    result = runner.invoke(viz, ["--focus", "Ministry of Magic"])
    assert isinstance(result.exception, PolicyKGError) and "no node named" in str(result.exception)


def test_the_command_suggests_drawing_a_part_of_a_large_graph(tmp_path, monkeypatch):
    """Above LARGE_PAGE drawn nodes `policykg viz` says the page is slow and dense and how to draw a part;
    drawing a part does not say it (the threshold lowered to fit the seed)."""
    from click.testing import CliRunner

    from policykg.cli import cli
    from policykg.viz import network

    monkeypatch.setattr(network, "LARGE_PAGE", 50)
    monkeypatch.chdir(tmp_path)  # no policykg-out here: the packaged seed
    runner = CliRunner()
    whole = runner.invoke(cli, ["viz", "-o", str(tmp_path / "all.html")])
    assert whole.exit_code == 0 and "the page draws" in whole.stderr and "--recommendation N" in whole.stderr
    part = runner.invoke(cli, ["viz", "--recommendation", "13", "-o", str(tmp_path / "13.html")])
    assert part.exit_code == 0 and "the page draws" not in part.stderr
