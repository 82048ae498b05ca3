"""The explorer's network view (``policykg explore``, tab "Network") in a real headless Chromium.

Clicks a node and checks that its neighbours in the graph appear; asks for the path between
two named nodes and compares it with networkx's shortest paths on the graph built from the
seed; colours by acceptance and compares the legend's counts with the responses in the
graph; downloads the view as PNG and SVG; runs the hostile document through the view.
Screenshots go to docs/screenshots/ (as tests/test_explore.py's).
"""

from __future__ import annotations

import base64
import io
import itertools
import xml.etree.ElementTree as ET
from collections import Counter

import networkx as nx
import pytest
import test_explore as tracker
from test_explore import HOSTILE_BODY, HOSTILE_INQUIRY, SCREENSHOTS, TODAY, _save_small_png, many_recommendations, open_page

from policykg.viz.explore import BODY_TYPES, OVERVIEW_MAIN, OVERVIEW_OTHERS, explore_data, write_explore_page
from policykg.viz.network import recommendation_node
from policykg.viz.style import NO_STATUS_LABEL

# the fixtures of the tracker's tests: the seed's graph, its page, one Chromium per module, the hostile graph
browser, graph, hostile_graph, out, page_path = tracker.browser, tracker.graph, tracker.hostile_graph, tracker.out, tracker.page_path


def open_network(browser, path, fragment: str = "", viewport: tuple[int, int] = (1440, 900)):
    page = open_page(browser, path, "view=network" + ("&" + fragment if fragment else ""), viewport=viewport)
    wait_stable(page)
    return page


def wait_stable(page) -> None:
    page.wait_for_function("() => window.explore.net.stable()", timeout=60_000)


@pytest.fixture
def net(browser, page_path):
    opened = open_network(browser, page_path)
    yield opened
    opened.assert_clean()
    opened.close()


def visible(page) -> list[str]:
    return page.evaluate("() => window.explore.net.visible()")


def names(page, ids: list[str]) -> list[str]:
    return page.evaluate("(ids) => ids.map(id => window.explore.net.node(id).name)", ids)


def click_node(page, node_id: str) -> None:
    """A real mouse click on the node where it is drawn."""
    where = page.evaluate("(id) => window.explore.net.at(id)", node_id)
    assert where, node_id
    page.mouse.click(where["x"], where["y"])
    wait_stable(page)


def rec_id(graph, number: int) -> str:
    """The page's id of recommendation ``number``: ``r`` and its position in the explorer's list."""
    key = recommendation_node(graph, number).split("/recommendation/", 1)[1]
    return "r" + str([r["key"] for r in explore_data(graph)["recs"]].index(key))


def answering(graph, rec: str) -> list[str]:
    return sorted(s for s, _, k in graph.in_edges(rec, keys=True) if k == "answers" and graph.nodes[s]["type"] == "Commitment")


def explorer_graph(graph) -> nx.Graph:
    """The graph the network view draws, made from the policykg graph with networkx (documents left out).

    Recommendations with their inquiry (the first by IRI, as the tracker shows one) and themes;
    commitments with the recommendations they answer, the bodies that lead or take part in them,
    and the bills, programmes and publications they are delivered through.
    """
    view = nx.Graph()
    for node, data in graph.nodes(data=True):
        if data["type"] == "Recommendation":
            view.add_node(node)
            made = sorted(t for _, t, k in graph.out_edges(node, keys=True) if k == "made_by")
            if made:
                view.add_edge(node, made[0])
            view.add_edges_from((node, t) for _, t, k in graph.out_edges(node, keys=True) if k == "has_theme")
        elif data["type"] == "Commitment":
            view.add_node(node)
            for _, target, relation in graph.out_edges(node, keys=True):
                kind = graph.nodes[target]["type"]
                if ((relation in ("led_by", "involves") and kind in BODY_TYPES) or relation in ("through_legislation", "concerns")
                        or (relation == "answers" and kind == "Recommendation")):
                    view.add_edge(node, target)
    return view


def shown_name(graph, node: str) -> str:
    data = graph.nodes[node]
    if data["type"] == "Recommendation":
        return f"Recommendation {data['number']}"
    return str(data["text"] if data["type"] == "Commitment" else data["label"])


def node_named(graph, name: str, types: tuple[str, ...]) -> str:
    found = [n for n, d in graph.nodes(data=True) if d["type"] in types and d["label"] == name]
    assert len(found) == 1, (name, found)
    return found[0]


# --------------------------------------------------------------------------- overview, expand, layout


def test_network_opens_on_an_overview_not_the_whole_graph(net, graph):
    shown = visible(net)
    kinds = Counter(node[0] for node in shown)
    recommendations = sum(1 for _, d in graph.nodes(data=True) if d["type"] == "Recommendation")
    assert kinds["r"] == recommendations, "every recommendation of the seed"
    assert kinds["c"] == 0, "commitments are folded into edges"
    assert 0 < kinds["b"] <= 40 and len(shown) < graph.number_of_nodes() / 4
    edges = net.evaluate("() => window.explore.net.edges()")
    # a folded edge recommendation–body counts the commitments answering one and led by or involving the other
    rec13 = rec_id(graph, 13)
    led = Counter()
    for commitment in answering(graph, recommendation_node(graph, 13)):
        for _, target, relation in graph.out_edges(commitment, keys=True):
            if relation in ("led_by", "involves") and graph.nodes[target]["type"] in BODY_TYPES:
                led[graph.nodes[target]["label"]] += 1
    ends = {(e["to"] if e["from"] == rec13 else e["from"]): e for e in edges if rec13 in (e["from"], e["to"])}
    bodies = {names(net, [end])[0]: e["w"] for end, e in ends.items() if end.startswith("b")}
    assert bodies and all(led[name] == weight for name, weight in bodies.items()), (bodies, led)
    assert all(e["folded"] == e["w"] for end, e in ends.items() if end.startswith("b"))
    inquiry = [e for end, e in ends.items() if end.startswith("q")]
    assert len(inquiry) == 1 and inquiry[0]["folded"] == 0, "made by its inquiry: a direct edge"
    assert "nodes drawn" in net.inner_text("#ex-netnote")


def test_overview_of_a_large_graph_draws_the_most_connected_and_says_what_it_leaves_out(browser, tmp_path):
    path = write_explore_page(many_recommendations(OVERVIEW_MAIN + 7, OVERVIEW_MAIN + 3), tmp_path / "big.html", today=TODAY)
    page = open_network(browser, path)
    try:
        kinds = Counter(node[0] for node in visible(page))
        assert kinds["r"] == OVERVIEW_MAIN and kinds["b"] == OVERVIEW_OTHERS
        assert "7 recommendations with fewer commitments left out" in page.inner_text("#ex-netnote")
        # each has one commitment: ties go to the list order, so the last 7 are left out
        assert names(page, [n for n in visible(page) if n[0] == "r"]) == [f"Recommendation {i + 1}" for i in range(OVERVIEW_MAIN)]
        page.fill("#ex-search", f"Recommendation {OVERVIEW_MAIN + 7}")
        page.press("#ex-search", "Enter")
        wait_stable(page)
        assert page.inner_text("#ex-card h2") == f"Recommendation {OVERVIEW_MAIN + 7}", "search reaches what the overview left out"
        page.assert_clean()
    finally:
        page.close()


def test_click_opens_a_node_and_its_neighbours_appear(net, graph, browser, page_path):
    rec = rec_id(graph, 13)
    before = set(visible(net))
    click_node(net, rec)
    after = visible(net)
    expected = {graph.nodes[c]["text"] for c in answering(graph, recommendation_node(graph, 13))}
    new = [node for node in after if node not in before]
    assert len(expected) == 4 and expected <= set(names(net, new)), "its four commitments are drawn"
    assert net.inner_text("#ex-card h2") == "Recommendation 13"
    fragment = net.evaluate("() => location.hash").lstrip("#")
    assert "open=" + rec in fragment
    # the link reproduces the view
    again = open_page(browser, page_path, fragment)
    try:
        wait_stable(again)
        assert sorted(visible(again)) == sorted(after)
        again.assert_clean()
    finally:
        again.close()
    # a second click closes it again
    click_node(net, rec)
    assert set(visible(net)) == before


def test_hovering_a_node_shows_its_whole_name_and_the_tooltip_never_outlives_it(net, graph):
    node = net.evaluate("() => window.explore.net.find('HM Government')")
    where = net.evaluate("(id) => window.explore.net.at(id)", node)
    net.mouse.move(where["x"], where["y"])
    net.wait_for_function("() => window.explore.net.tip() !== null")
    tip = net.evaluate("() => window.explore.net.tip()")
    degree = net.evaluate("(id) => window.explore.net.node(id).degree", node)
    assert tip["id"] == node and tip["text"] == f"HM GovernmentOrganisation · {degree} connections"
    box = net.locator("#ex-tip").bounding_box()
    frame = net.locator("#ex-canvas").bounding_box()
    assert frame["x"] <= box["x"] and box["x"] + box["width"] <= frame["x"] + frame["width"] + 1
    net.mouse.move(frame["x"] + 3, frame["y"] + 3)  # off every node
    net.wait_for_function("() => window.explore.net.tip() === null")
    net.mouse.move(where["x"], where["y"])
    net.wait_for_function("() => window.explore.net.tip() !== null")
    net.select_option("#ex-colour", "acceptance")  # any change redraws: no tooltip left behind
    wait_stable(net)
    assert net.evaluate("() => window.explore.net.tip()") is None


def test_keyboard_selects_and_opens_nodes_on_the_drawing(net, graph):
    def selected() -> str:
        return net.inner_text("#ex-card h2")

    def name(node: str) -> str:
        return net.evaluate("(id) => window.explore.net.node(id).name", node)

    order = net.evaluate("() => window.explore.net.order()")  # largest first
    net.focus("#ex-canvas")
    net.keyboard.press("ArrowRight")
    assert selected() == name(order[0])
    net.keyboard.press("ArrowRight")
    assert selected() == name(order[1])
    net.keyboard.press("ArrowLeft")
    assert selected() == name(order[0])
    before = set(visible(net))
    net.keyboard.press("Enter")
    wait_stable(net)
    assert order[0] in net.evaluate("() => window.explore.net.state().open") and len(set(visible(net)) - before) > 0
    net.focus("#ex-canvas")
    scale = net.evaluate("() => window.explore.net.scale()")
    net.keyboard.press("+")
    assert net.evaluate("() => window.explore.net.scale()") > scale
    net.keyboard.press("0")
    assert abs(net.evaluate("() => window.explore.net.scale()") - scale) < 0.05 * scale, "0 fits the drawing again"


def test_labels_never_collide_and_the_drawing_fills_the_canvas(net, graph):
    click_node(net, rec_id(graph, 13))  # opening a node re-lays out everything drawn
    labels = net.evaluate("() => window.explore.net.labels()")
    shown = visible(net)
    assert 0 < len(labels) <= len(shown)
    boxes = [label["box"] for label in labels]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a["x1"] < b["x2"] and b["x1"] < a["x2"] and a["y1"] < b["y2"] and b["y1"] < a["y2"]), (a, b)
    frame = net.locator("#ex-canvas").bounding_box()
    points = [net.evaluate("(id) => window.explore.net.at(id)", node) for node in shown]
    xs, ys = [p["x"] for p in points], [p["y"] for p in points]
    assert all(frame["x"] <= x <= frame["x"] + frame["width"] and frame["y"] <= y <= frame["y"] + frame["height"] for x, y in zip(xs, ys, strict=True))
    assert (max(xs) - min(xs)) > 0.6 * frame["width"] or (max(ys) - min(ys)) > 0.6 * frame["height"], "the drawing fills the canvas"


def test_focus_and_type_filter_re_lay_out_what_is_visible(net, graph):
    body = net.evaluate("() => window.explore.net.find('HM Government')")
    click_node(net, body)
    net.click(".net-actions .net-focus")
    wait_stable(net)
    government = node_named(graph, "HM Government", BODY_TYPES)
    commitments = {s for s, _, k in graph.in_edges(government, keys=True) if k in ("led_by", "involves")}
    assert len(commitments) > 40, "more than a click opens"
    shown = visible(net)
    assert shown[0] == body and len(shown) == 1 + min(40, len(commitments))
    frame = net.locator("#ex-canvas").bounding_box()
    points = [net.evaluate("(id) => window.explore.net.at(id)", node) for node in shown]
    spread = max(p["x"] for p in points) - min(p["x"] for p in points), max(p["y"] for p in points) - min(p["y"] for p in points)
    assert spread[0] > 0.6 * frame["width"] or spread[1] > 0.6 * frame["height"], "no scattered dots: re-laid out and fitted"
    assert "focus=" + body in net.evaluate("() => location.hash")
    net.click("#ex-net-reset")
    wait_stable(net)
    net.uncheck('#ex-facets input[data-kind="body"]')
    wait_stable(net)
    assert not [node for node in visible(net) if node.startswith("b")]
    assert "hide=body" in net.evaluate("() => location.hash")


# --------------------------------------------------------------------------- paths


@pytest.mark.parametrize(("start", "end"), [
    ("Public Health Grant", "Home Office"),  # one shortest path, 8 steps
    ("Evolving Challenges", "Public Health Grant"),  # several of 9 steps: the page shows one of them
])
def test_path_between_two_named_nodes_is_a_shortest_path(net, graph, start, end):
    view = explorer_graph(graph)
    types = ("Theme", "Programme", *BODY_TYPES)
    source, target = node_named(graph, start, types), node_named(graph, end, types)
    expected = {tuple(shown_name(graph, n) for n in path) for path in nx.all_shortest_paths(view, source, target)}
    net.fill("#ex-path-from", start)
    net.fill("#ex-path-to", end)
    net.click("#ex-path-go")
    wait_stable(net)
    listed = tuple(net.eval_on_selector_all("#ex-path li button", "items => items.map(b => b.dataset.name)"))
    assert len(listed) == nx.shortest_path_length(view, source, target) + 1
    assert listed in expected
    assert set(net.evaluate("() => window.explore.net.path()")) <= set(visible(net)), "the path is drawn"
    assert "from=" in net.evaluate("() => location.hash")


def test_path_from_the_card_buttons(net, graph):
    click_node(net, rec_id(graph, 13))
    net.click(".net-actions .net-from")
    wait_stable(net)
    click_node(net, rec_id(graph, 2))
    net.click(".net-actions .net-to")
    wait_stable(net)
    listed = net.eval_on_selector_all("#ex-path li button", "items => items.map(b => b.dataset.name)")
    view = explorer_graph(graph)
    a, b = recommendation_node(graph, 13), recommendation_node(graph, 2)
    assert listed[0] == "Recommendation 13" and listed[-1] == "Recommendation 2"
    assert len(listed) == nx.shortest_path_length(view, a, b) + 1


# --------------------------------------------------------------------------- colour and size


def test_colour_by_acceptance_legend_counts_match_the_graph(net, graph):
    net.select_option("#ex-colour", "acceptance")
    wait_stable(net)
    legend = dict(net.eval_on_selector_all("#ex-legend li", "items => items.map(li => [li.dataset.value, Number(li.querySelector('.n').textContent)])"))
    statuses: Counter[str] = Counter()
    for node, data in graph.nodes(data=True):
        if data["type"] == "Recommendation":
            responses = [graph.nodes[s]["status"] for s, _, k in graph.in_edges(node, keys=True) if k == "responds_to"]
            assert len(responses) <= 1  # the seed has one response per recommendation
            statuses[responses[0] if responses else NO_STATUS_LABEL] += 1
    assert {k: v for k, v in legend.items() if k != "not applicable"} == dict(statuses)
    assert legend["not applicable"] == len(visible(net)) - sum(statuses.values())
    assert "colour=acceptance" in net.evaluate("() => location.hash")
    # colour by degree: every drawn node in exactly one bucket
    net.select_option("#ex-colour", "degree")
    wait_stable(net)
    counts = net.eval_on_selector_all("#ex-legend li .n", "items => items.map(n => Number(n.textContent))")
    assert sum(counts) == len(visible(net))


def test_size_by_commitments_follows_the_graph(net, graph):
    net.select_option("#ex-size", "commitments")
    wait_stable(net)
    assert "size=commitments" in net.evaluate("() => location.hash")
    sizes = []
    for number in range(1, 21):
        count = len(answering(graph, recommendation_node(graph, number)))
        sizes.append((count, net.evaluate("(id) => window.explore.net.size(id)", rec_id(graph, number))))
    sizes.sort()
    assert sizes[0][0] < sizes[-1][0]
    assert all(a[1] < b[1] if a[0] < b[0] else a[1] == b[1] for a, b in itertools.pairwise(sizes)), sizes


# --------------------------------------------------------------------------- downloads


def test_png_and_svg_of_the_view(net, graph):
    from PIL import Image

    click_node(net, rec_id(graph, 13))
    png = net.evaluate("() => window.explore.net.png()")
    assert png.startswith("data:image/png;base64,")
    image = Image.open(io.BytesIO(base64.b64decode(png.split(",", 1)[1])))
    frame = net.locator("#ex-canvas").bounding_box()
    assert image.size[0] >= int(frame["width"]) - 2 and len(image.convert("RGB").getcolors(1 << 20)) > 5, "a drawing, not a blank"
    svg = net.evaluate("() => window.explore.net.svg()")
    root = ET.fromstring(svg.split("\n", 1)[1])
    ns = {"s": "http://www.w3.org/2000/svg"}
    circles = root.findall("s:g[@class='nodes']/s:circle", ns)
    assert sorted(c.get("data-id") for c in circles) == sorted(visible(net))
    assert len(root.findall("s:g[@class='edges']/s:line", ns)) == len(net.evaluate("() => window.explore.net.edges()"))
    texts = [t.text for t in root.findall("s:g[@class='labels']/s:text", ns)]
    assert texts == [label["text"] for label in net.evaluate("() => window.explore.net.labels()")]
    for button, name in (("#ex-png", "policykg-network.png"), ("#ex-svg", "policykg-network.svg"), ("#ex-csv", "policykg-network.csv")):
        with net.expect_download() as download:
            net.click(button)
        assert download.value.suggested_filename == name
    rows = net.evaluate("() => window.explore.csv()").strip().split("\r\n")
    assert len(rows) == 1 + len(visible(net))


def test_png_and_svg_are_offered_only_in_the_network_view(browser, page_path):
    page = open_page(browser, page_path)
    try:
        assert page.is_hidden("#ex-png") and page.is_hidden("#ex-svg") and page.is_visible("#ex-csv")
        page.click("#ex-tab-network")
        wait_stable(page)
        assert page.is_visible("#ex-png") and page.is_visible("#ex-svg")
        page.assert_clean()
    finally:
        page.close()


# --------------------------------------------------------------------------- hostile text


def test_hostile_text_in_the_network_view_runs_nothing(browser, hostile_graph, tmp_path):
    path = write_explore_page(hostile_graph, tmp_path / "hostile.html", today=TODAY)
    page = open_network(browser, path)
    try:
        seen = [page.inner_text("body")]
        for node in visible(page):
            if page.evaluate("(id) => window.explore.net.at(id)", node):
                click_node(page, node)
                seen.append(page.inner_text("body"))
        hostile_org = page.evaluate("(name) => window.explore.net.find(name)", HOSTILE_BODY)
        assert hostile_org, "the hostile body is a node"
        page.fill("#ex-path-from", HOSTILE_BODY)
        page.fill("#ex-path-to", HOSTILE_INQUIRY)
        page.click("#ex-path-go")
        wait_stable(page)
        seen.append(page.inner_text("body"))
        text = "\n".join(seen)
        assert HOSTILE_BODY in text and "<script>window.__pwned=7</script>" in text
        where = page.evaluate("(id) => window.explore.net.at(id)", hostile_org)
        assert where, "the hostile body is on the path, so drawn"
        page.mouse.move(where["x"], where["y"])
        page.wait_for_function("() => window.explore.net.tip() !== null")
        assert page.evaluate("() => window.explore.net.tip().text").startswith(HOSTILE_BODY)
        assert page.evaluate("() => document.querySelectorAll('#ex-tip *').length") == 2, "a strong and a div, nothing parsed"
        labels = [label["text"] for label in page.evaluate("() => window.explore.net.labels()")]
        assert any("<" in label for label in labels), "hostile names are drawn as text on the canvas"
        svg = page.evaluate("() => window.explore.net.svg()")
        root = ET.fromstring(svg.split("\n", 1)[1])  # well-formed: every name escaped
        elements = list(root.iter())
        assert {e.tag.split("}")[1] for e in elements} <= {"svg", "title", "rect", "g", "line", "circle", "text"}
        assert not [name for e in elements for name in e.attrib if name.lower().startswith("on") or "href" in name.lower()]
        assert any(HOSTILE_BODY in (t.text or "") for t in root.iter("{http://www.w3.org/2000/svg}title"))
        assert page.evaluate("() => typeof window.__pwned") == "undefined"
        assert page.evaluate("() => document.querySelectorAll('img, a, iframe, object, embed, svg').length") == 0
        assert page.evaluate("() => document.scripts.length") == 3, "the data block, vis-network and the page's script"
        page.assert_clean()
    finally:
        page.close()


def test_benign_page_network_view_draws_labels(net):
    """The benign twin of the hostile test: the same checks find labels, so they are not vacuous."""
    labels = [label["text"] for label in net.evaluate("() => window.explore.net.labels()")]
    assert "HM Government" in labels and not any("<" in label for label in labels)


# --------------------------------------------------------------------------- screenshots and fit


@pytest.mark.parametrize("viewport", [(1440, 900), (1280, 720)], ids=["1440x900", "1280x720"])
def test_network_screenshots(browser, page_path, graph, viewport):
    width, height = viewport
    views = {
        "network": "",
        "network-open": f"open={rec_id(graph, 13)}&rec={recommendation_node(graph, 13).split('/recommendation/', 1)[1]}",
        "network-acceptance": "colour=acceptance",
    }
    data = explore_data(graph)
    grant = "t" + str([t["name"] for t in data["things"]].index("Public Health Grant"))
    home = "b" + str([b["name"] for b in data["bodies"]].index("Home Office"))
    views["network-path"] = f"from={grant}&to={home}"
    for name, fragment in views.items():
        page = open_network(browser, page_path, fragment, viewport=viewport)
        try:
            assert page.evaluate("() => document.scrollingElement.scrollHeight") <= height
            for selector in ("#ex-canvas", "#ex-colour", "#ex-path-go", "#ex-png"):
                box = page.locator(selector).bounding_box()
                assert box and box["y"] + min(box["height"], 40) <= height and box["x"] + box["width"] <= width, (name, selector, box)
            if name == "network-path":
                assert page.locator("#ex-path li").count() == 9
            page.assert_clean()
            _save_small_png(page, SCREENSHOTS / f"explore-{name}-{width}x{height}.png")
        finally:
            page.close()
    assert all((SCREENSHOTS / f"explore-{name}-{width}x{height}.png").stat().st_size < 200_000 for name in views)


def test_documents_join_through_commitments_only_in_their_own_overview(net, graph, browser, page_path):
    """Opening a recommendation draws its document (a response is in it); folded edges to it only in the document overview."""
    click_node(net, rec_id(graph, 13))
    document = [n for n in visible(net) if n.startswith("d")]
    assert document, "the response's document is a neighbour"
    edges = net.evaluate("() => window.explore.net.edges()")
    assert not [e for e in edges if document[0] in (e["from"], e["to"]) and e["folded"]]
    page = open_network(browser, page_path, "agg=doc")
    try:
        edges = page.evaluate("() => window.explore.net.edges()")
        weights = {(e["to"] if e["from"].startswith("d") else e["from"]): e["w"] for e in edges if "d0" in (e["from"], e["to"])}
        iri = recommendation_node(graph, 13)
        # recommendation 13 and the document: its response (direct) and its four commitments stated there (folded)
        assert weights[rec_id(graph, 13)] == 1 + len(answering(graph, iri))
        page.assert_clean()
    finally:
        page.close()
