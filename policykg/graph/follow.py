"""Commitments followed across documents: a later statement about the same action is linked to the
earlier commitment with a ``followed_up_by`` edge and an ``outcome``.

Two commitments state the same action when

* the later one's document was published after the earlier one's (undated documents have no place
  in time and are left out);
* they share an anchor: a recommendation both answer (``answers``), or a bill, act, programme or
  publication both name (``through_legislation``, ``concerns``) when their leads agree (the same
  ``led_by`` body, or either names none) and the commitments of at most
  :data:`MAX_DOCUMENTS_PER_ANCHOR` documents name it;
* their wording is alike: the token sets of their content words (lower case, stop words and
  numbers left out, a plural's ``s`` and the endings ``-ed``/``-ing`` stripped so that "publish",
  "published" and "publishing" meet) have a Jaccard similarity of at least :data:`SIMILARITY`;
* they are each other's best match: no statement of the later document is more like the earlier
  commitment, and no commitment of the earlier document more like the later statement (ties kept).

Only forward-looking commitments (kind ``commitment``) are followed.  The outcome is read from the
later statement (:func:`outcome`; dropped only when the action itself no longer goes ahead, :func:`drops`):
``dropped``, ``delivered``, ``re-dated`` or ``in progress``.
``silent`` (past due, no later mention) depends on a date and is computed by the queries
(``follow-through``, ``due``), not stored.

The links are a pure function of the merged graph: building the documents in any order gives the
same edges (:func:`link_follow_ups` reads the graph, sorts, and adds).

>>> from policykg.graph.model import Provenance, add_edge, add_node, new_graph
>>> g = new_graph()
>>> for n, (day, text, kind, deadline) in enumerate([("2024-01-10", "We will publish the action plan by May 2025.", "commitment", "2025-05-31"),
...                                                  ("2025-04-09", "We have published the action plan.", "action_taken", None)]):
...     where = Provenance(f"d{n}", "p1", 1, "", 0, 1, text)
...     add_node(g, f"d{n}", "Document", f"D{n}", where, published=day)
...     add_node(g, f"s{n}", "Section", "S", where); add_edge(g, f"s{n}", f"d{n}", "part_of", where)
...     add_node(g, f"p{n}", "Paragraph", "P", where); add_edge(g, f"p{n}", f"s{n}", "part_of", where)
...     add_node(g, f"c{n}", "Commitment", text, where, text=text, kind=kind, deadline_end=deadline)
...     add_edge(g, f"c{n}", f"p{n}", "stated_in", where)
...     add_node(g, "plan", "Publication", "Action plan", where); add_edge(g, f"c{n}", "plan", "concerns", where)
>>> link_follow_ups(g)
>>> [(a, b, data["outcome"]) for a, b, key, data in g.edges(keys=True, data=True) if key == "followed_up_by"]
[('c0', 'c1', 'delivered')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import networkx as nx

from policykg.graph.model import add_edge

#: The least Jaccard similarity of two statements' content words for them to be about the same action.
#: Calibrated on the real documents (tests/fixtures/real/ and the seed, all built together): the six
#: pairs of dated commitments there that share an anchor are all about different actions (a 2016
#: speech and a 2026 answer both naming the Spending Review, say) and score 0.08-0.19; a restatement
#: ("We will publish the plan by May 2025" / "We have published the plan") scores 0.5 or more.
SIMILARITY = 0.3

#: A bill, act, programme or publication anchors two statements to the same action only if the commitments of at
#: most this many documents name it: a programme that a few progress updates follow is specific, an act or a
#: Spending Review that every other document names is not.  On the generated corpus of benchmarks/corpus.py, where
#: every programme and act recurs in dozens of documents in the same few sentence frames ("We will review how the
#: Equality Act 2010 applies to ..."), a looser rule linked 190,000 pairs of 300 documents.
MAX_DOCUMENTS_PER_ANCHOR = 6

#: The outcomes a ``followed_up_by`` edge may carry (``silent`` is the queries', for no edge).
OUTCOMES = ("delivered", "re-dated", "dropped", "in progress")

_WORD = re.compile(r"[a-z][a-z'-]+")
_STOP_TEXT = """
a about above after again all also am an and any are as at be been before being below between both but by can could
did do does doing done down during each few for from further had has have having he her here hers him his how i if in
into is it its itself just may me more most must my no nor not now of off on once only or other our ours out over own
per same shall she should so some such than that the their them then there these they this those through to too under
until up upon very was we were what when where which while who whom why will with within would you your
government department ministry minister ministers secretary state uk
january february march april may june july august september october november december spring summer autumn winter
year years month months end early later new next
"""
_STOP_WORDS = frozenset(_STOP_TEXT.split())
_DELIVERED = re.compile(
    r"\b(?:has|have) (?:now |already |since )?(?:been )?(?:completed|published|delivered|launched|introduced|implemented)\b"
    r"|\bwas (?:published|completed|delivered|launched)\b|\bhas come into force\b", re.I)
#: The action itself is no longer going ahead, whoever the subject: "is no longer being taken forward", "will no
#: longer proceed", "has been withdrawn", "decided not to proceed".  Not any "no longer": "victims will no longer have
#: to wait" and "children will no longer be placed in unregulated homes" say what the action achieves.
_DROPPED = re.compile(
    r"\bno longer (?:be |being )?(?:proceed(?:ing|ed)?|go(?:ing)? ahead|going forward|tak(?:e|en|ing) forward|pursu(?:e|ed|ing)"
    r"|progress(?:ed|ing)?|planned|intend(?:s|ed)? to|(?:brought|bring(?:ing)?) forward)\b"
    r"|\b(?:has|have|had) been (?:dropped|withdrawn|abandoned|cancell?ed|scrapped|shelved|discontinued)\b"
    r"|\b(?:was|were) (?:dropped|withdrawn|abandoned|cancell?ed|scrapped|shelved|discontinued)\b"
    r"|\bdecided not to (?:proceed|go ahead|pursue|take forward|progress)\b", re.I)
#: An actor that "will no longer" do something: dropped when the verb is the earlier commitment's own ("will
#: establish a register" / "will no longer establish a register"); "have to", "need to", "be ..." never are.
_NO_LONGER_DOING = re.compile(r"\b(?:will|shall|would|do|does|did|can|could) no longer ([a-z]+)\b", re.I)


def _stem(word: str) -> str:
    """A crude stem: enough for "publish" / "publishes" / "published" / "publishing" to meet."""
    for ending in ("ing", "ed", "es", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def content_words(text: str) -> frozenset[str]:
    """The stemmed content words of a statement.

    >>> sorted(content_words("We will publish the new action plan by May 2025."))
    ['action', 'plan', 'publish']
    """
    return frozenset(_stem(word) for word in _WORD.findall(text.lower()) if word not in _STOP_WORDS)


def similarity(first: frozenset[str], second: frozenset[str]) -> float:
    """The Jaccard similarity of two token sets: shared words over all words (0 when either is empty).

    >>> similarity(content_words("We will publish the action plan."), content_words("The action plan has been published."))
    1.0
    """
    if not first or not second:
        return 0.0
    return len(first & second) / len(first | second)


@dataclass(frozen=True, slots=True)
class _Statement:
    iri: str
    date: str  # the document's publication date, ISO
    document: str
    kind: str
    deadline_end: str | None
    text: str
    words: frozenset[str]
    recommendations: frozenset[str]  # answered: an anchor on its own
    named: frozenset[str]  # bills, acts, programmes, publications: anchors when the leads agree
    lead: str | None

    @property
    def anchors(self) -> frozenset[str]:
        return self.recommendations | self.named


def outcome(earlier_deadline: str | None, later_kind: str, later_text: str, later_deadline: str | None,
            earlier_text: str = "") -> str:
    """What a later statement says of an earlier commitment.

    Parameters
    ----------
    earlier_deadline, later_deadline:
        The ISO end dates of the two deadlines, if any.
    later_kind, later_text:
        The later statement's kind (``commitment``, ``action_taken``, ``refusal``) and wording.
    earlier_text:
        The earlier commitment's wording: "will no longer VERB" drops it only when VERB is its own.

    Returns
    -------
    str
        ``dropped`` (a refusal, or the action itself no longer going ahead: :func:`drops`), ``delivered``
        (reported as done), ``re-dated`` (a commitment with another deadline) or ``in progress``.

    Examples
    --------
    >>> outcome("2025-05-31", "action_taken", "We have published the plan.", None)
    'delivered'
    >>> outcome("2025-05-31", "commitment", "We will now publish the plan by March 2026.", "2026-03-31")
    're-dated'
    >>> outcome("2025-05-31", "commitment", "We will no longer publish the plan.", None, "We will publish the plan by May 2025.")
    'dropped'
    >>> outcome("2025-05-31", "commitment", "Victims will no longer have to wait for the plan.", None, "We will publish the plan.")
    'in progress'
    >>> outcome("2025-05-31", "commitment", "Work on the plan continues.", None)
    'in progress'
    """
    if later_kind == "refusal" or drops(later_text, earlier_text):
        return "dropped"
    if later_kind == "action_taken" or _DELIVERED.search(later_text):
        return "delivered"
    if later_deadline and later_deadline != earlier_deadline:
        return "re-dated"
    return "in progress"


def drops(later_text: str, earlier_text: str = "") -> bool:
    """Whether a later statement says that the action of an earlier commitment is no longer going ahead.

    >>> drops("The review is no longer being taken forward.")
    True
    >>> drops("The Cabinet Office will no longer establish a register.", "The Cabinet Office will establish a register by May.")
    True
    >>> drops("Victims will no longer have to wait for compensation.", "We will pay compensation by June.")
    False
    """
    if _DROPPED.search(later_text):
        return True
    earlier = content_words(earlier_text)
    return any(_stem(match.group(1).lower()) in earlier for match in _NO_LONGER_DOING.finditer(later_text))


def _document_of(graph: nx.MultiDiGraph, commitment: str) -> tuple[str, str] | None:
    """(publication date, document IRI) of the document stating a commitment, if dated."""
    found = []
    for paragraph, relations in graph._succ[commitment].items():
        if "stated_in" not in relations:
            continue
        for section, up in graph._succ[paragraph].items():
            if "part_of" not in up:
                continue
            for document, top in graph._succ[section].items():
                published = graph.nodes[document].get("published")
                if "part_of" in top and graph.nodes[document]["type"] == "Document" and published:
                    found.append((str(published), document))
    return min(found) if found else None


def _statements(graph: nx.MultiDiGraph) -> list[_Statement]:
    statements = []
    for iri, data in graph.nodes(data=True):
        if data["type"] != "Commitment" or not data.get("text"):
            continue
        where = _document_of(graph, iri)
        if where is None:
            continue
        targets = graph._succ[iri]
        recommendations = frozenset(target for target, relations in targets.items() if "answers" in relations)
        named = frozenset(target for target, relations in targets.items()
                          if "through_legislation" in relations or "concerns" in relations)
        if not recommendations and not named:
            continue
        lead = min((target for target, relations in targets.items() if "led_by" in relations), default=None)
        deadline = data.get("deadline_end")
        statements.append(_Statement(iri, where[0], where[1], data.get("kind") or "commitment", str(deadline) if deadline else None,
                                     data["text"], content_words(data["text"]), recommendations, named, lead))
    return sorted(statements, key=lambda s: (s.date, s.document, s.iri))


def follow_ups(graph: nx.MultiDiGraph, threshold: float = SIMILARITY) -> list[tuple[str, str, str]]:
    """The (earlier commitment, later statement, outcome) links of a merged graph, sorted.

    Parameters
    ----------
    graph:
        A merged policy graph (every document built).
    threshold:
        The least :func:`similarity` of the two statements' content words.

    Returns
    -------
    list of tuple
        One (earlier IRI, later IRI, outcome) per pair of statements about the same action.

    Examples
    --------
    >>> from policykg.graph.model import new_graph
    >>> follow_ups(new_graph())
    []
    """
    statements = _statements(graph)
    documents: dict[str, set[str]] = {}
    for statement in statements:
        for anchor in statement.named:
            documents.setdefault(anchor, set()).add(statement.document)
    common = {anchor for anchor, where in documents.items() if len(where) > MAX_DOCUMENTS_PER_ANCHOR}
    statements = [replace(statement, named=statement.named - common) if statement.named & common else statement
                  for statement in statements]
    by_anchor: dict[str, list[int]] = {}
    for index, statement in enumerate(statements):
        for anchor in statement.anchors:
            by_anchor.setdefault(anchor, []).append(index)
    pairs: dict[tuple[int, int], float] = {}
    for index, earlier in enumerate(statements):
        if earlier.kind != "commitment":
            continue
        for other in sorted({other for anchor in earlier.anchors for other in by_anchor[anchor] if other > index}):
            later = statements[other]
            if later.date <= earlier.date or not _same_action(earlier, later):
                continue
            if (score := similarity(earlier.words, later.words)) >= threshold:
                pairs[index, other] = score
    # Mutual best: of a later document's statements, only the most like the earlier commitment; of an earlier
    # document's commitments, only the most like the later statement (ties kept).  A restatement has one
    # antecedent in each document, and boilerplate ("we will review how the Act applies to ...") matches no more.
    best_later: dict[tuple[int, str], float] = {}
    best_earlier: dict[tuple[int, str], float] = {}
    for (earlier_at, later_at), score in pairs.items():
        key_later, key_earlier = (earlier_at, statements[later_at].document), (later_at, statements[earlier_at].document)
        best_later[key_later] = max(best_later.get(key_later, 0.0), score)
        best_earlier[key_earlier] = max(best_earlier.get(key_earlier, 0.0), score)
    links = []
    for (earlier_at, later_at), score in pairs.items():
        first, second = statements[earlier_at], statements[later_at]
        if score == best_later[earlier_at, second.document] == best_earlier[later_at, first.document]:
            links.append((first.iri, second.iri, outcome(first.deadline_end, second.kind, second.text, second.deadline_end,
                                                                first.text)))
    return sorted(links)


def _same_action(earlier: _Statement, later: _Statement) -> bool:
    """Whether two statements share an anchor: a recommendation both answer, or a bill, act, programme or
    publication both name when their leads agree (the same body, or either names none)."""
    if earlier.recommendations & later.recommendations:
        return True
    leads_agree = earlier.lead is None or later.lead is None or earlier.lead == later.lead
    return leads_agree and bool(earlier.named & later.named)


def link_follow_ups(graph: nx.MultiDiGraph, threshold: float = SIMILARITY) -> None:
    """Add a ``followed_up_by`` edge, with its ``outcome``, from each commitment to each later statement
    about the same action (:func:`follow_ups`); its evidence is the later statement's.

    Parameters
    ----------
    graph:
        A merged policy graph, changed in place.
    threshold:
        The least similarity of wording (:data:`SIMILARITY` by default).

    Returns
    -------
    None
    """
    for earlier, later, result in follow_ups(graph, threshold):
        add_edge(graph, earlier, later, "followed_up_by", graph.nodes[later]["provenance"], outcome=result)
