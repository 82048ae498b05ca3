"""A synthetic policy graph of any size, for benchmarks and demos of the visualisation.

Shaped like the real one: inquiries make recommendations under themes; each has a
response with a status; commitments answer recommendations, are led by a body,
involve others and go through legislation or programmes; some have funding and
deadlines. Deterministic for a given ``nodes`` and ``seed``.

>>> from policykg.graph.model import count_by_type
>>> graph = synthetic_graph(500)
>>> 480 <= graph.number_of_nodes() <= 520
True
>>> count_by_type(graph)["Recommendation"] == count_by_type(graph)["Response"]
True
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import networkx as nx

from policykg.graph.model import Provenance, add_edge, add_node, new_graph
from policykg.ontology.rdf import STATUSES

BASE = "https://example.org/synthetic/"
DOCUMENT = BASE + "document"


def synthetic_graph(nodes: int = 5000, *, seed: int = 1) -> nx.MultiDiGraph:
    """About ``nodes`` nodes and two to three times as many edges."""
    rng = random.Random(seed)
    graph = new_graph()

    def where(paragraph: int, quote: str) -> Provenance:
        return Provenance(DOCUMENT, f"p{paragraph}", paragraph, "Synthetic section", 0, len(quote), quote)

    # Proportions roughly as in the seed graph (without plumbing nodes).
    n_orgs = max(5, nodes // 12)
    n_legislation = max(2, nodes // 50)
    n_programmes = max(2, nodes // 25)
    n_themes = max(2, nodes // 100)
    n_inquiries = max(1, nodes // 500)
    n_recommendations = max(3, nodes // 15)
    n_funding = max(1, nodes // 60)
    used = n_orgs + n_legislation + n_programmes + n_themes + n_inquiries + 2 * n_recommendations + n_funding
    n_commitments = max(3, nodes - used)

    orgs = [f"{BASE}organisation/{i}" for i in range(n_orgs)]
    for i, iri in enumerate(orgs):
        name = f"Department {i}" if i < n_orgs // 4 else f"Agency {i}"
        add_node(graph, iri, "Organisation", name, where(1, f"{name} works here."),
                 kind="department" if i < n_orgs // 4 else "agency", aliases=[f"D{i}"] if i % 3 == 0 else None)
    laws = [f"{BASE}legislation/{i}" for i in range(n_legislation)]
    for i, iri in enumerate(laws):
        add_node(graph, iri, "Legislation", f"Synthetic Bill {i}", where(2, f"The Synthetic Bill {i}."), kind="bill")
    programmes = [f"{BASE}programme/{i}" for i in range(n_programmes)]
    for i, iri in enumerate(programmes):
        add_node(graph, iri, "Programme", f"Programme {i}", where(3, f"Programme {i} runs."), kind="programme")
    themes = [f"{BASE}theme/{i}" for i in range(n_themes)]
    for i, iri in enumerate(themes):
        add_node(graph, iri, "Theme", f"Theme {i}", where(4, f"Theme {i}"))
    inquiries = [f"{BASE}inquiry/{i}" for i in range(n_inquiries)]
    for i, iri in enumerate(inquiries):
        add_node(graph, iri, "Inquiry", f"Inquiry {i}", where(5, f"Inquiry {i} reported."), kind="inquiry")
    recommendations = []
    for i in range(n_recommendations):
        inquiry = inquiries[i % n_inquiries]
        iri = f"{BASE}recommendation/{i}"
        recommendations.append(iri)
        quote = f"Recommendation {i + 1}: do thing {i + 1}."
        add_node(graph, iri, "Recommendation", quote.rstrip("."), where(6 + i, quote), number=i + 1, title=f"do thing {i + 1}")
        add_edge(graph, iri, inquiry, "made_by", where(6 + i, quote))
        add_edge(graph, iri, rng.choice(themes), "has_theme", where(6 + i, quote))
        response = f"{BASE}response/{i}"
        status = rng.choice(STATUSES)
        add_node(graph, response, "Response", f"Response to recommendation {i + 1}", where(6 + i, quote),
                 number=i + 1, status=status, status_quote=quote)
        add_edge(graph, response, iri, "responds_to", where(6 + i, quote))
    funding = []
    for i in range(n_funding):
        iri = f"{BASE}funding/{i}"
        funding.append(iri)
        amount = rng.randrange(1, 500) * 100_000
        if i % 7 == 3:  # now and then an amount in another currency, never converted
            sign, currency = ("€", "EUR") if i % 2 else ("$", "USD")
            add_node(graph, iri, "Funding", f"{sign}{amount / 1e6:g}m for work {i}", where(7, f"{sign}{amount / 1e6:g}m for work {i}."),
                     amount=amount, currency=currency, amount_text=f"{sign}{amount / 1e6:g}m", purpose=f"work {i}")
        else:
            add_node(graph, iri, "Funding", f"£{amount / 1e6:g}m for work {i}", where(7, f"£{amount / 1e6:g}m for work {i}."),
                     amount_gbp=amount, amount_text=f"£{amount / 1e6:g}m", purpose=f"work {i}")
        add_edge(graph, iri, rng.choice(programmes), "funds", where(7, "Funds."))
    start = date(2025, 1, 1)
    for i in range(n_commitments):
        iri = f"{BASE}commitment/{i}"
        paragraph = 10 + i // 3
        text = f"We will deliver action {i} with partners."
        deadline: dict[str, str] = {}
        if rng.random() < 0.3:
            due = start + timedelta(days=rng.randrange(0, 5 * 365))
            deadline = {"deadline": due.isoformat(), "deadline_end": due.isoformat(), "deadline_text": f"by {due:%B %Y}"}
        add_node(graph, iri, "Commitment", text, where(paragraph, text), text=text, paragraph=paragraph, locator=f"p{paragraph}", **deadline)
        # Popular bodies lead more (a long-tailed degree distribution, as in real graphs).
        lead = orgs[min(int(rng.paretovariate(1.2)) - 1, n_orgs - 1)]
        add_edge(graph, iri, lead, "led_by", where(paragraph, text))
        for _ in range(rng.choice((0, 1, 1, 2))):
            add_edge(graph, iri, rng.choice(orgs), "involves", where(paragraph, text))
        for _ in range(rng.choice((1, 1, 2))):
            add_edge(graph, iri, rng.choice(recommendations), "answers", where(paragraph, text))
        if rng.random() < 0.3:
            add_edge(graph, iri, rng.choice(laws), "through_legislation", where(paragraph, text))
        if rng.random() < 0.3:
            add_edge(graph, iri, rng.choice(programmes), "concerns", where(paragraph, text))
        if funding and rng.random() < 0.05:
            add_edge(graph, iri, rng.choice(funding), "has_funding", where(paragraph, text))
    return graph
