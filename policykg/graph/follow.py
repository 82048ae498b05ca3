"""Commitments followed across documents: a later statement about the same action is linked to the
earlier commitment with a ``followed_up_by`` edge and an ``outcome``.

Two commitments state the same action when

* the later one's document is later than the earlier one's: the earlier document states its date; the later
  one states a later date, or (undated) names as past a day or month no earlier than it ("On 17 December 2024
  the Government published ...", "published ... in April 2025": :func:`estimated_date`).  A date a document
  only mentions tells what it comes after, never what it comes before;
* they share an anchor: a recommendation both answer (``answers``); or a bill, act, programme, publication or
  planned body both name (``through_legislation``, ``concerns``, ``involves`` a body marked ``planned``) when
  their leads agree (the same ``led_by`` body, or either names none), the commitments of at most
  :data:`MAX_DOCUMENTS_PER_ANCHOR` documents name it, and the later document refers back to the earlier one by
  the day or month it was published ("In April, the Government published the ... Progress Update":
  :func:`cited_dates`); or, with no anchor, another sentence of the later statement's paragraph names the earlier
  document's very day ("On 17 December 2024, the Government published our initial response ...":
  :func:`_here`), or the later statement reports something done on a day after the earlier document and by the
  earlier deadline, and both use a name few statements of the earlier document use (:func:`_done_in_time`);
* they share a content word besides the anchors: the action ("consult"), not only the thing it is about;
* their wording is alike (:func:`similarity` at least :data:`SIMILARITY`): the cosine of their terms, each
  weighted by its rarity among the statements being linked (:func:`rarity`), so that "awareness" counts for
  more than "work" or "support".  The terms are the Snowball stems of the content words ("consult" and
  "consultation" meet), one term per anchor named in place of its name (so that "CPA" and "Child Protection
  Authority" meet, through the node both name) and the deadline (a restated "by May 2025");
* they are each other's best match: no statement of the later document is more like the earlier
  commitment, and no commitment of the earlier document more like the later statement (ties kept).

A later statement may be a sentence that is no commitment of the extractor, in a paragraph naming the earlier
document's day, when it reports the act done (:func:`reports_done`: "This statement fulfils that commitment." after
it, or "I now wish to inform the House ..."), or when it restates in nearly its words an act the earlier commitment
reports done on a day both name (:func:`_restates`): it is added as an action taken (:func:`_reports`).

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
...     add_node(g, "r1", "Recommendation", "Publish a plan", where); add_edge(g, f"c{n}", "r1", "answers", where)
>>> link_follow_ups(g)
>>> [(a, b, data["outcome"]) for a, b, key, data in g.edges(keys=True, data=True) if key == "followed_up_by"]
[('c0', 'c1', 'delivered')]
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache

import networkx as nx
import snowballstemmer

from policykg.graph.model import Provenance, add_edge, add_node
from policykg.graph.previous import documents_stating
from policykg.iris import mint
from policykg.loaders.dates import MONTHS
from policykg.loaders.document import split_sentences

#: The least :func:`similarity` of two statements for them to be about the same action: a floor under the other
#: tests, which do most of the sorting.  On the real documents (tests/fixtures/real/ built together, or each gold
#: pair alone as benchmarks/fidelity.py builds it) the restatements linked score 0.17-0.25, the made-up series'
#: 0.50-0.90.  Pairs about different actions that share an anchor and words score up to 0.26, so wording alone
#: cannot tell them apart: the reference back does (:func:`cited_dates`).  Left below the floor, a true
#: restatement at 0.09-0.11 (a Lords statement whose sentence carries an aside, "which I know seems like a long
#: time to noble Lords and Baronesses"): a floor that close to it would link it in one build and not another.
SIMILARITY = 0.15

#: The least unweighted :func:`similarity` of two statements' content words for a later one naming the same day
#: done as an earlier one to restate the same act (:func:`_restates`).  The restatement on the real documents (the
#: £11.8bn of the Budget of 30 October 2024) scores 0.88, and no other pair of them names one day done; pairs about
#: different actions that share an anchor and words score up to 0.26 (:data:`SIMILARITY`), as two acts of one day
#: (a Budget's) may.
RESTATED = 0.5

#: A bill, act, programme or publication anchors two statements to the same action only if the commitments of at
#: most this many documents name it: a programme that a few progress updates follow is specific, an act or a
#: Spending Review that every other document names is not.  On the generated corpus of benchmarks/corpus.py, where
#: every programme and act recurs in dozens of documents in the same few sentence frames ("We will review how the
#: Equality Act 2010 applies to ..."), a looser rule linked 190,000 pairs of 300 documents.
MAX_DOCUMENTS_PER_ANCHOR = 6

#: A phrase of three content words is an anchor in a document only if at most this many of its statements use it:
#: "three-year limitation period" is about one action, "child sexual abuse" in a progress update is about all.
PHRASE_STATEMENTS = 2

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
#: The Snowball ("Porter 2") stemmer for English: "consult", "consulting" and "consultation" meet, and
#: "removing" and "removal"; the crude suffix stripping it replaced met neither.
_STEMMER = snowballstemmer.stemmer("english")
#: The prefixes of the terms that are not words: an anchor (a node's IRI follows), a deadline, a phrase anchor.
_ANCHOR, _DEADLINE, _PHRASE = "@", "@by:", "@phrase:"
#: The edges from a commitment that name what it is about.  ``involves`` counts only for a body that does not yet
#: exist (``planned``): creating it is the action; an existing body involved (NHS England, Parliament) is a partner.
_NAMING = ("through_legislation", "concerns")

_DELIVERED = re.compile(
    r"\b(?:has|have) (?:(?:now|already|since|this \w+|recently|today) )?(?:been )?"
    r"(?:completed|published|delivered|launched|introduced|implemented)\b"
    r"|\bwas (?:published|completed|delivered|launched)\b|\bhas come into force\b"
    r"|\b(?:fulfils|fulfilled|delivers on|delivered on|meets|met) (?:that|this|the|our) (?:commitment|promise|pledge)\b", re.I)
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

_MONTH_NAMES = "|".join(MONTHS)
#: A day or a month, with or without its year, as a document names an event: "on 17 December 2024", "in April 2025",
#: "In April", "on 16 June"; the word before it tells a past event from a deadline (:data:`_NOT_PAST`).
_NAMED_DATE = re.compile(rf"(?:\b(?P<preposition>in|on|since|during|from|by|before|until|till)\s+)?\b(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+)?"
                         rf"(?P<month>{_MONTH_NAMES})\b(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?", re.I)
#: A day of a month ("17 December", "1st February 2011").
_DAY = re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTH_NAMES})\b", re.I)
#: A sentence about the future: its dates are deadlines, not events the document comes after.  ("plan", "aim" and
#: "due" alone are as often nouns and adjectives: "In March, the Department published its action plan".)
_FUTURE = re.compile(r"\b(?:will|shall|going to|(?:plans?|intends?|aims?|expects?|due) to)\b|'ll\b", re.I)
#: The words before a date that make it a deadline or a start, not an event past: "by May 2025", "from April 2026".
_NOT_PAST = frozenset({"by", "before", "until", "till", "from"})
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
#: A capitalised word that does not open the text or a sentence: a name ("Baroness Casey's audit").
_NAME = re.compile(r"(?<![.!?:]\s)(?<!^)\b[A-Z][a-z]+(?:['’-][a-z]+)*")
#: Titles and forms of address: they name a rank, not a thing ("noble Lords and Baronesses", "my hon. Friend").
_TITLES = frozenset({"baroness", "baronesses", "lord", "lords", "lady", "sir", "dame", "mr", "mrs", "ms", "dr", "professor",
                     "hon", "honourable", "right", "friend", "member", "members", "noble"})
#: A sentence that goes on about the one before it ("This statement fulfils that commitment.", "This is a step in
#: delivering ..."): read with it, it says what the sentence before it reports.
_CONTINUATION = re.compile(r"(?:This|That|These|It)\b")
#: A document doing, as it speaks, what an earlier one promised: "I now wish to inform the House of ...", "I am
#: pleased to announce ..."; the verb is the promise's own (:func:`performs`).
_PERFORMATIVE = re.compile(r"\b(?:I|we) (?:now |today |hereby )*(?:wish|am pleased|are pleased|want) to ([a-z]+)\b", re.I)


@lru_cache(maxsize=1 << 16)  # the stemmer is pure Python and a corpus repeats a few thousand words
def stem(word: str) -> str:
    """The Snowball stem of a lower-case word.

    >>> [stem(w) for w in ("consult", "consultation", "removing", "removal", "published")]
    ['consult', 'consult', 'remov', 'remov', 'publish']
    """
    return str(_STEMMER.stemWord(word))


def content_words(text: str) -> frozenset[str]:
    """The stemmed content words of a statement.

    >>> sorted(content_words("We will publish the new action plan by May 2025."))
    ['action', 'plan', 'publish']
    """
    return frozenset(stem(word) for word in _WORD.findall(text.lower()) if word not in _STOP_WORDS)


def phrases(text: str) -> frozenset[str]:
    """The runs of three content words in a row in a statement, stemmed: the distinctive noun phrases
    ("three-year limitation period", "national financial redress") that name an action's object when no node does.

    >>> sorted(phrases("We are removing the three-year limitation period for claims."))
    ['three-year limit period']
    """
    found: set[str] = set()
    run: list[str] = []  # the last content words in a row
    for word in _WORD.findall(text.lower()):
        run = [*run[-2:], stem(word)] if word not in _STOP_WORDS else []
        if len(run) == 3:
            found.add(" ".join(run))
    return frozenset(found)


def similarity(first: Iterable[str], second: Iterable[str], weights: Mapping[str, float] | None = None) -> float:
    """The cosine of two sets of terms, each term weighted (by its rarity: :func:`rarity`; 1 when not given).

    0 when either set is empty; 1 for the same terms.

    >>> similarity(content_words("We will publish the action plan."), content_words("The action plan has been published."))
    1.0
    >>> round(similarity({"consult", "roadmap"}, {"consult", "report"}, {"consult": 1.0, "roadmap": 3.0, "report": 3.0}), 2)
    0.1
    """
    first, second = set(first), set(second)
    if not first or not second:
        return 0.0
    weight = (lambda term: 1.0) if weights is None else (lambda term: weights.get(term, 1.0))
    shared = sum(weight(term) ** 2 for term in first & second)
    return shared / math.sqrt(sum(weight(term) ** 2 for term in first) * sum(weight(term) ** 2 for term in second))


def rarity(term_sets: Iterable[frozenset[str]]) -> dict[str, float]:
    """Each term's inverse document frequency over the statements (smoothed: ``ln((1 + n) / (1 + df)) + 1``).

    >>> weights = rarity([frozenset({"plan", "publish"}), frozenset({"plan"}), frozenset({"plan", "register"})])
    >>> weights["plan"] < weights["publish"] == weights["register"]
    True
    """
    counts: Counter[str] = Counter()
    total = 0
    for terms in term_sets:
        counts.update(terms)
        total += 1
    return {term: math.log((1 + total) / (1 + count)) + 1 for term, count in counts.items()}


def past_sentences(paragraphs: Iterable[str]) -> Iterator[str]:
    """The sentences of the paragraphs that may speak of the past: those with no future wording ("will",
    "shall", "plans to", ...), whose dates are deadlines rather than events the document comes after.

    >>> list(past_sentences(["In April, we published the update. We will report by May 2026."]))
    ['In April, we published the update.']
    """
    for paragraph in paragraphs:
        yield from (sentence for sentence in _SENTENCE_END.split(paragraph) if not _FUTURE.search(sentence))


def named_dates(sentence: str, published: date | None = None) -> list[tuple[date, bool]]:
    """The days and months a sentence names, each as (its last day, whether a whole month).

    A day or month without a year ("on 16 June", "In April") is the latest one not after ``published``;
    without ``published`` it is left out.

    >>> named_dates("On 17 December 2024 and in April 2025 we published reports.")
    [(datetime.date(2024, 12, 17), False), (datetime.date(2025, 4, 30), True)]
    >>> named_dates("In April, the Government published the update.", date(2025, 12, 22))
    [(datetime.date(2025, 4, 30), True)]
    """
    found = []
    for match in _NAMED_DATE.finditer(sentence):
        month, day = MONTHS[match["month"].lower()], int(match["day"]) if match["day"] else None
        if (match["preposition"] or "").lower() in _NOT_PAST:
            continue
        if match["year"]:
            year = int(match["year"])
        elif published is not None and (day or match["preposition"]):  # a bare "May" is the verb as often as the month
            # the latest such day or month that had begun by the document's date
            year = published.year if (month, day or 1) <= (published.month, published.day) else published.year - 1
        else:
            continue
        if (named := _last_day(year, month, day)) is not None:
            found.append((named, day is None))
    return found


def estimated_date(paragraphs: Iterable[str]) -> str | None:
    """The date an undated document is at least as late as: the latest day, or last day of the latest month,
    that it names with its year in a sentence about the past (:func:`past_sentences`), ISO; or ``None``.

    >>> estimated_date(["On 17 December 2024, the Government published our initial response.", "We will report by May 2026."])
    '2024-12-17'
    >>> estimated_date(["The Home Office published a progress update in April 2025."])
    '2025-04-30'
    >>> estimated_date(["We will act before Easter."]) is None
    True
    """
    named = [day for sentence in past_sentences(paragraphs) for day, _ in named_dates(sentence)]
    return max(named).isoformat() if named else None


def cited_dates(paragraphs: Iterable[str], published: date | None) -> frozenset[str]:
    """The days (ISO) and months (``YYYY-MM``) a document names in its sentences about the past: a later
    document that names the day or month an earlier one was published refers back to it ("In April, the
    Government published the ... Progress Update").

    >>> sorted(cited_dates(["In April, the Government published the update.", "It will report in June."], date(2025, 12, 22)))
    ['2025-04']
    """
    cited = set()
    for sentence in past_sentences(paragraphs):
        for day, whole_month in named_dates(sentence, published):
            cited.add(day.isoformat()[:7] if whole_month else day.isoformat())
    return frozenset(cited)


def _last_day(year: int, month: int, day: int | None) -> date | None:
    """The day named, or the last day of the month; ``None`` for no such day ("31 February")."""
    try:
        return date(year, month, day) if day else date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class _Statement:
    iri: str
    date: str  # the document's publication date, ISO (or the date it is at least as late as)
    stated: bool  # whether the document states its date (only then can it be the earlier one)
    cited: frozenset[str]  # the days and months its document names as past (:func:`cited_dates`)
    document: str
    kind: str
    deadline_end: str | None
    text: str
    terms: frozenset[str]  # stemmed content words, anchors named, the deadline
    recommendations: frozenset[str]  # answered: an anchor on its own
    named: frozenset[str]  # bills, acts, programmes, publications, planned bodies: anchors when the leads agree
    lead: str | None
    phrases: frozenset[str]  # runs of three content words (:func:`phrases`): anchors when distinctive
    here: frozenset[str] = frozenset()  # the days its own paragraph names as past (:func:`_paragraph_days`)
    following: str = ""  # a sentence that is no commitment: the sentence after it (:func:`reports_done`)
    where: tuple[str, int, int] | None = None  # a sentence that is no commitment: its paragraph, start and end
    done_on: frozenset[str] = frozenset()  # the days (ISO) on which it says something was done (:func:`done_on`)
    names: frozenset[str] = frozenset()  # the names it uses (:func:`proper_names`)
    rare_names: frozenset[str] = frozenset()  # those that few statements of its document use (:func:`_with_rare_names`)

    @property
    def anchors(self) -> frozenset[str]:
        return self.recommendations | self.named


def outcome(earlier_deadline: str | None, later_kind: str, later_text: str, later_deadline: str | None,
            earlier_text: str = "", later_following: str = "") -> str:
    """What a later statement says of an earlier commitment.

    Parameters
    ----------
    earlier_deadline, later_deadline:
        The ISO end dates of the two deadlines, if any.
    later_kind, later_text:
        The later statement's kind (``commitment``, ``action_taken``, ``refusal``) and wording.
    earlier_text:
        The earlier commitment's wording: "will no longer VERB" drops it only when VERB is its own.
    later_following:
        The sentence after the later statement: read with it when it goes on about it ("In it I committed to
        set out a plan. This statement fulfils that commitment.").

    Returns
    -------
    str
        ``dropped`` (a refusal, or the action itself no longer going ahead: :func:`drops`), ``delivered``
        (reported as done), ``re-dated`` (a commitment with another deadline) or ``in progress``.

    Examples
    --------
    >>> outcome("2025-05-31", "action_taken", "We have published the plan.", None)
    'delivered'
    >>> outcome("2025-05-31", "commitment", "We have this month published the plan.", None)
    'delivered'
    >>> outcome("2025-05-31", "commitment", "We will now publish the plan by March 2026.", "2026-03-31")
    're-dated'
    >>> outcome("2025-05-31", "commitment", "We will no longer publish the plan.", None, "We will publish the plan by May 2025.")
    'dropped'
    >>> outcome("2025-05-31", "commitment", "Victims will no longer have to wait for the plan.", None, "We will publish the plan.")
    'in progress'
    >>> outcome("2025-05-31", "commitment", "Work on the plan continues.", None)
    'in progress'
    >>> outcome("2025-05-31", "commitment", "In it I committed to publish the plan.", None, "", "This statement fulfils that commitment.")
    'delivered'
    >>> outcome("2025-05-31", "commitment", "In it I committed to publish the plan.", None, "", "Work on the plan continues.")
    'in progress'
    """
    if later_kind == "refusal" or drops(later_text, earlier_text):
        return "dropped"
    if later_kind == "action_taken" or reports_done(later_text, later_following):
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
    return any(stem(match.group(1).lower()) in earlier for match in _NO_LONGER_DOING.finditer(later_text))


def _document_of(graph: nx.MultiDiGraph, commitment: str) -> str | None:
    """The IRI of the document stating a commitment (the least, if several)."""
    documents = documents_stating(graph, commitment)
    return documents[0] if documents else None


def _paragraphs(graph: nx.MultiDiGraph) -> dict[str, list[tuple[str, str]]]:
    """Each document's paragraphs, as (IRI, text)."""
    paragraphs: dict[str, list[tuple[str, str]]] = {}
    for iri, data in graph.nodes(data=True):
        if data["type"] != "Paragraph" or not data.get("text"):
            continue
        for section, up in graph._succ[iri].items():
            for document, top in (graph._succ[section].items() if "part_of" in up else ()):
                if "part_of" in top and graph.nodes[document]["type"] == "Document":
                    paragraphs.setdefault(document, []).append((iri, str(data["text"])))
    return paragraphs


def _document_dates(graph: nx.MultiDiGraph, paragraphs: Mapping[str, list[tuple[str, str]]]) -> dict[str, tuple[str, bool, frozenset[str]]]:
    """Each document's (ISO date, whether the document states it, the days and months it names as past): its
    publication date, else the date it is at least as late as (:func:`estimated_date` over its paragraphs);
    documents with neither are left out."""
    dates = {}
    for iri, data in graph.nodes(data=True):
        if data["type"] != "Document":
            continue
        texts = sorted(text for _, text in paragraphs.get(iri, ()))
        published = date.fromisoformat(str(data["published"])[:10]) if data.get("published") else None
        if published is not None:
            dates[iri] = (published.isoformat(), True, cited_dates(texts, published))
        elif (estimate := estimated_date(texts)) is not None:
            dates[iri] = (estimate, False, cited_dates(texts, None))
    return dates


def _names(graph: nx.MultiDiGraph, node: str) -> list[str]:
    """A node's label and aliases, longest first (so that "Child Protection Authority for England" goes before
    "Child Protection Authority")."""
    data = graph.nodes[node]
    names = {str(name) for name in [data.get("label"), *(data.get("aliases") or ())] if name and len(str(name)) > 2}
    return sorted(names, key=lambda name: (-len(name), name))


def _terms(graph: nx.MultiDiGraph, text: str, anchors: Iterable[str], deadline: str | None) -> frozenset[str]:
    """A statement's terms: the content words of its text with each anchor's name replaced by one term for the
    anchor (the words "Child Protection Authority" and "CPA" both become the authority's term), and its deadline."""
    terms = set()
    for anchor in sorted(anchors):
        for name in _names(graph, anchor):
            text = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", " ", text, flags=re.I)
        terms.add(_ANCHOR + anchor)
    if deadline:
        terms.add(_DEADLINE + deadline)
    return frozenset(terms) | content_words(text)


def _paragraph_days(paragraphs: Mapping[str, list[tuple[str, str]]],
                    dates: Mapping[str, tuple[str, bool, frozenset[str]]]) -> dict[str, list[tuple[str, frozenset[str]]]]:
    """Each paragraph's sentences about the past that name a day, with the days (ISO) ("On 17 December 2024, the
    Government published our initial response", "In my statement to the House of 10 July 2012, ... I set out"):
    the other sentences of the paragraph refer back to the documents of those days (:func:`_here`)."""
    days: dict[str, list[tuple[str, frozenset[str]]]] = {}
    for document, texts in paragraphs.items():
        if document not in dates:
            continue
        iso, stated, _ = dates[document]
        published = date.fromisoformat(iso) if stated else None
        for paragraph, text in texts:
            if not _DAY.search(text):  # most paragraphs name no day: one search, not a reading of each sentence
                continue
            for sentence in past_sentences([text]):
                # a day, not a month: "In April" is near enough for a document, not for one paragraph's sentence
                if named := frozenset(day for day in cited_dates([sentence], published) if len(day) == 10):
                    days.setdefault(paragraph, []).append((sentence, named))
    return days


def _here(sentences: Iterable[tuple[str, frozenset[str]]], text: str) -> frozenset[str]:
    """The days named by the sentences of a statement's paragraph other than its own: the sentence naming the day
    says what that document did ("In my statement of 10 July 2012, I set out the allocations for 2012-13"); the
    sentences after it say what has become of it ("I now wish to inform the House of the plans for 2013-14")."""
    text = text.strip()
    return frozenset().union(*(named for sentence, named in sentences if sentence.strip() not in text and text not in sentence))


def _statements(graph: nx.MultiDiGraph, dates: Mapping[str, tuple[str, bool, frozenset[str]]],
                days: Mapping[str, list[tuple[str, frozenset[str]]]]) -> list[_Statement]:
    statements = []
    for iri, data in graph.nodes(data=True):
        if data["type"] != "Commitment" or not data.get("text"):
            continue
        document = _document_of(graph, iri)
        if document is None or document not in dates:
            continue
        targets = graph._succ[iri]
        recommendations = frozenset(target for target, relations in targets.items() if "answers" in relations)
        named = frozenset(target for target, relations in targets.items()
                          if any(relation in relations for relation in _NAMING)
                          or ("involves" in relations and graph.nodes[target].get("planned")))
        lead = min((target for target, relations in targets.items() if "led_by" in relations), default=None)
        deadline = str(data["deadline_end"]) if data.get("deadline_end") else None
        text = str(data["text"])
        here = frozenset().union(*(_here(days[target], text) for target, relations in targets.items()
                                   if "stated_in" in relations and target in days))
        published = date.fromisoformat(dates[document][0]) if dates[document][1] else None
        done = done_on(text, published)
        # names are read only where a day in time may join two statements (:func:`_done_in_time`)
        names = proper_names(text) if deadline or done else frozenset()
        statements.append(_Statement(iri, *dates[document], document, data.get("kind") or "commitment", deadline, text,
                                     _terms(graph, text, named, deadline), recommendations, named, lead, phrases(text), here,
                                     done_on=done, names=names))
    return sorted(statements, key=lambda s: (s.date, s.document, s.iri))


def proper_names(text: str) -> frozenset[str]:
    """The stemmed capitalised words of a statement that open neither it nor a sentence, and are no stop words.

    >>> sorted(proper_names("By June 2025, the Government will set out a timetable to act on Baroness Casey’s audit."))
    ['casey']
    """
    return frozenset(stem(word) for match in _NAME.finditer(text)
                     if (word := re.sub(r"['’]s$", "", match.group().lower())) not in _STOP_WORDS and word not in _TITLES)


def done_on(text: str, published: date | None) -> frozenset[str]:
    """The days (ISO) a statement names as those on which something was done: in its words before any about the
    future ("That is why, on 16 June, the Home Secretary made it abundantly clear that this Government will
    accept ..."), not a deadline or a start ("by", "from": :data:`_NOT_PAST`); a day without its year is the
    latest not after ``published``; a whole month is too loose to say the act came in time.

    >>> sorted(done_on("That is why, on 16 June, the Home Secretary made it clear that we will accept them.", date(2025, 9, 4)))
    ['2025-06-16']
    >>> sorted(done_on("We will publish the plan on 16 June.", date(2025, 9, 4)))
    []
    """
    if not _DAY.search(text):
        return frozenset()
    past = _FUTURE.split(text, 1)[0]
    return frozenset(day.isoformat() for day, whole_month in named_dates(past, published) if not whole_month)


def _following_in(graph: nx.MultiDiGraph, statement: _Statement) -> str:
    """The sentence after a commitment of the graph in its paragraph, or ``""``."""
    paragraphs = sorted(target for target, relations in graph._succ[statement.iri].items() if "stated_in" in relations)
    return next((found for paragraph in paragraphs if (found := _following(str(graph.nodes[paragraph].get("text") or ""), statement.text))), "")


def _following(paragraph: str, text: str) -> str:
    """The sentence of the paragraph after the one holding the text, or ``""``.

    >>> _following("In it I committed to act. This statement fulfils that commitment.", "In it I committed to act.")
    'This statement fulfils that commitment.'
    """
    lead = paragraph.split("\n", 1)[0]
    spans = split_sentences(lead)
    at = lead.find(text)
    return next((lead[spans[n + 1][0]:spans[n + 1][1]] for n, (start, end) in enumerate(spans[:-1]) if at >= 0 and start <= at < end), "")


def _reports(graph: nx.MultiDiGraph, paragraphs: Mapping[str, list[tuple[str, str]]],
             dates: Mapping[str, tuple[str, bool, frozenset[str]]],
             days: Mapping[str, list[tuple[str, frozenset[str]]]]) -> list[_Statement]:
    """The sentences, not themselves commitments, of the paragraphs that name a day as past, which may report an
    earlier commitment done (:func:`reports_done`): "I laid before the House an accompanying written statement, in
    which I committed to come before the House with a comprehensive update ... This statement fulfils that
    commitment."  Each is given the IRI the extractor gives a commitment in that place (``…/p5-s2``)."""
    found = []
    for document, texts in paragraphs.items():
        if document not in dates:
            continue
        published = date.fromisoformat(dates[document][0])
        for paragraph, text in texts:
            if paragraph not in days:
                continue
            lead = text.split("\n", 1)[0]  # the sentences; a list's bullets follow, one a line
            spans = split_sentences(lead)
            for index, (start, end) in enumerate(spans, start=1):
                locator = graph.nodes[paragraph].get("locator") or graph.nodes[paragraph]["label"]
                iri = mint("commitment", document.rsplit("/", 1)[-1], f"{locator}-s{index}")
                following = lead[spans[index][0]:spans[index][1]] if index < len(spans) else ""
                sentence = lead[start:end]
                # "This statement fulfils that commitment." reports the sentence before it, which is the report
                if iri in graph or _CONTINUATION.match(sentence):
                    continue
                # or it restates an act done on a day it names, which an earlier commitment names too (:func:`_restates`)
                done = done_on(sentence, published) if dates[document][1] else frozenset()
                reports = reports_done(sentence, following) or _PERFORMATIVE.search(sentence)
                here = _here(days[paragraph], sentence) if reports else frozenset()
                if here or done:
                    found.append(_Statement(iri, *dates[document], document, "action_taken", None, sentence,
                                            _terms(graph, sentence, (), None), frozenset(), frozenset(), None, frozenset(),
                                            here, following, (paragraph, start, end), done_on=done))
    return sorted(found, key=lambda s: (s.date, s.document, s.iri))


def reports_done(sentence: str, following: str = "", earlier_text: str | None = None) -> bool:
    """Whether a sentence that is no commitment reports an earlier commitment's action done: it says so itself
    ("has been published"), the sentence after it says so of it ("This statement fulfils that commitment."), or
    the document does it as it speaks, with the promise's own verb ("I now wish to inform the House of ...";
    any such verb when ``earlier_text`` is not given).

    >>> reports_done("I laid a statement, in which I committed to come before the House.", "This statement fulfils that commitment.")
    True
    >>> reports_done("I laid a statement, in which I committed to come before the House.", "Work continues.")
    False
    >>> reports_done("I now wish to inform the House of our plans.", "", "I undertook to inform the House of our plans.")
    True
    >>> reports_done("I now wish to thank the House for its patience.", "", "I undertook to inform the House of our plans.")
    False
    """
    if _DELIVERED.search(sentence) or (_CONTINUATION.match(following) and _DELIVERED.search(following)):
        return True
    if earlier_text is None:
        return False
    return any(stem(match.group(1).lower()) in content_words(earlier_text) for match in _PERFORMATIVE.finditer(sentence))


def _aligned(graph: nx.MultiDiGraph, statement: _Statement, other: _Statement) -> _Statement:
    """The statement naming, besides its own anchors, each node the other statement names that its text names
    too without an edge ("the child protection authority", in lower case, beside the node "Child Protection
    Authority"): its terms then carry the node's term in place of the name, as the other's do."""
    nodes = {anchor for anchor in other.named - statement.named if not anchor.startswith(_ANCHOR)}
    mentioned = {node for node in nodes if any(_mentions(statement.text, name) for name in _names(graph, node))}
    if not mentioned:
        return statement
    named = statement.named | mentioned
    own = {anchor for anchor in named if not anchor.startswith(_ANCHOR)}
    return replace(statement, named=named, terms=_terms(graph, statement.text, own, statement.deadline_end))


def _mentions(text: str, name: str) -> bool:
    """Whether the text names the name as whole words, in any case."""
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.I) is not None


def _with_rare_names(statements: list[_Statement]) -> list[_Statement]:
    """The statements with the names that at most :data:`PHRASE_STATEMENTS` statements of their document use: a
    name a whole document repeats ("Scheme", "Commission") says little of which action a statement is about."""
    uses = Counter((statement.document, name) for statement in statements for name in statement.names)
    # only a dated commitment of a dated document is read by its rare names (:func:`_done_in_time`)
    return [replace(statement, rare_names=frozenset(name for name in statement.names if uses[statement.document, name] <= PHRASE_STATEMENTS))
            if statement.names and statement.deadline_end and statement.stated and statement.kind == "commitment" else statement
            for statement in statements]


def _with_phrase_anchors(statements: list[_Statement]) -> list[_Statement]:
    """The statements with their distinctive phrases among their named anchors: a phrase that at most
    :data:`PHRASE_STATEMENTS` statements of its document use (its documents are limited as for any anchor)."""
    uses = Counter((statement.document, phrase) for statement in statements for phrase in statement.phrases)
    return [replace(statement, named=statement.named | {_PHRASE + phrase for phrase in statement.phrases
                                                         if uses[statement.document, phrase] <= PHRASE_STATEMENTS})
            if statement.phrases else statement for statement in statements]


def _later(earlier: _Statement, later: _Statement) -> bool:
    """Whether the later statement's document comes after the earlier one's: the earlier must state its date;
    an undated later document may name the earlier one's very day ("On 17 December 2024 ... published")."""
    if not earlier.stated or later.document == earlier.document:
        return False
    return later.date > earlier.date or (not later.stated and later.date == earlier.date)


def follow_ups(graph: nx.MultiDiGraph, threshold: float = SIMILARITY) -> list[tuple[str, str, str]]:
    """The (earlier commitment, later statement, outcome) links of a merged graph, sorted.

    Parameters
    ----------
    graph:
        A merged policy graph (every document built).
    threshold:
        The least :func:`similarity` of the two statements' terms.

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
    return [(earlier.iri, later.iri, result) for earlier, later, result in _links(graph, threshold)]


def _links(graph: nx.MultiDiGraph, threshold: float = SIMILARITY) -> list[tuple[_Statement, _Statement, str]]:
    """The (earlier commitment, later statement, outcome) links of a merged graph, sorted by IRI (:func:`follow_ups`);
    a later statement may be a sentence that is no commitment of the graph (:func:`_reports`)."""
    paragraphs = _paragraphs(graph)
    dates = _document_dates(graph, paragraphs)
    days = _paragraph_days(paragraphs, dates)
    statements = _with_rare_names(_with_phrase_anchors(_statements(graph, dates, days)))
    documents: dict[str, set[str]] = {}
    for statement in statements:
        for anchor in statement.named:
            documents.setdefault(anchor, set()).add(statement.document)
    common = {anchor for anchor, where in documents.items() if len(where) > MAX_DOCUMENTS_PER_ANCHOR}
    statements = [replace(statement, named=statement.named - common) if statement.named & common else statement
                  for statement in statements]
    weights = rarity(statement.terms for statement in statements)
    reports = _reports(graph, paragraphs, dates, days)
    # the rarity of the commitments' terms alone, so that the sentences added change no other link; a term only
    # they use is as rare as a term can be
    unseen = math.log(1 + len(statements)) + 1
    weights.update({term: unseen for report in reports for term in report.terms if term not in weights})
    commitments = len(statements)
    statements = statements + reports
    by_anchor: dict[str, list[int]] = {}
    by_day: dict[str, list[int]] = {}
    for index, statement in enumerate(statements):
        for anchor in statement.anchors:
            by_anchor.setdefault(anchor, []).append(index)
        for day in statement.here:
            by_day.setdefault(day, []).append(index)
    done = sorted((day, index) for index, statement in enumerate(statements) for day in statement.done_on)
    by_done: dict[str, list[int]] = {}
    for day, index in done:
        by_done.setdefault(day, []).append(index)
    pairs: dict[tuple[int, int], tuple[float, frozenset[str]]] = {}  # the score and the anchors shared
    for index, earlier in enumerate(statements[:commitments]):
        if earlier.kind != "commitment":
            continue
        candidates = {other for anchor in earlier.anchors for other in by_anchor[anchor]} | set(by_day.get(earlier.date, ()))
        candidates.update(other for day in earlier.done_on for other in by_done[day])  # the same act on the same day
        if earlier.stated and earlier.deadline_end:  # the statements reporting an act done in its time
            candidates.update(other for _, other in done[bisect_right(done, (earlier.date, len(statements))):
                                                      bisect_right(done, (earlier.deadline_end, len(statements)))])
        for other in sorted(candidates):
            later = statements[other]
            if not _later(earlier, later):
                continue
            if later.where is not None and not reports_done(later.text, later.following, earlier.text) and not _restates(earlier, later):
                continue
            first, second = _aligned(graph, earlier, later), _aligned(graph, later, earlier)
            if _same_action(first, second) and (score := similarity(first.terms, second.terms, weights)) >= threshold:
                pairs[index, other] = score, first.anchors & second.anchors
    links = []
    for earlier_at, later_at in _mutual_best(pairs, statements):
        earlier, later = statements[earlier_at], statements[later_at]
        following = later.following if later.where is not None else _following_in(graph, later)  # read only for the links made
        kind = "action_taken" if _done_in_time(earlier, later) else later.kind  # done, and in time
        links.append((earlier, later, outcome(earlier.deadline_end, kind, later.text, later.deadline_end, earlier.text, following)))
    return sorted(links, key=lambda link: (link[0].iri, link[1].iri, link[2]))


def _mutual_best(pairs: dict[tuple[int, int], tuple[float, frozenset[str]]], statements: list[_Statement]) -> list[tuple[int, int]]:
    """The pairs that are each other's best among those sharing the same anchors: of a later document's
    statements, the most like the earlier commitment; of an earlier document's commitments, the most like the
    later statement (ties kept).  A restatement has one antecedent in each document, and boilerplate ("we will
    review how the Act applies to ...") matches no more; a sentence restating two commitments names each by its
    own anchor ("measures in the Bill ..., including a new mandatory duty ... and the removal of the three-year
    limitation period")."""
    best_later: dict[tuple[int, str, frozenset[str]], float] = {}
    best_earlier: dict[tuple[int, str, frozenset[str]], float] = {}
    for (earlier_at, later_at), (score, shared) in pairs.items():
        key_later, key_earlier = (earlier_at, statements[later_at].document, shared), (later_at, statements[earlier_at].document, shared)
        best_later[key_later] = max(best_later.get(key_later, 0.0), score)
        best_earlier[key_earlier] = max(best_earlier.get(key_earlier, 0.0), score)
    return [(earlier_at, later_at) for (earlier_at, later_at), (score, shared) in pairs.items()
            if score == best_later[earlier_at, statements[later_at].document, shared] == best_earlier[later_at, statements[earlier_at].document, shared]]


def _same_action(earlier: _Statement, later: _Statement) -> bool:
    """Whether two statements are about the same action: they share a content word (the action, not only the
    thing it is about) and an anchor: a recommendation both answer, or a bill, act, programme, publication or
    planned body both name when their leads agree (the same body, or either names none) and the later document
    refers back to the earlier one by the day or month it was published (:func:`cited_dates`).  A programme or a
    Spending Review named ten years apart in unrelated documents is a coincidence; a recommendation is not."""
    if not any(not term.startswith(_ANCHOR) for term in earlier.terms & later.terms):
        return False
    if earlier.recommendations & later.recommendations:
        return True
    if earlier.stated and earlier.date in later.here:  # the later statement's paragraph names the earlier document's day
        return True
    if _done_in_time(earlier, later) or _restates(earlier, later):
        return True
    leads_agree = earlier.lead is None or later.lead is None or earlier.lead == later.lead
    return leads_agree and bool(earlier.named & later.named) and _refers_back(later, earlier)


def _done_in_time(earlier: _Statement, later: _Statement) -> bool:
    """Whether the later statement says something was done on a day after the earlier document and by the earlier
    commitment's deadline, to a thing both name by a name few statements of the earlier document use ("By June 2025,
    the Government will also set out a timetable to act on Baroness Casey's audit" / "on 16 June, the Home
    Secretary made it abundantly clear that this Government will accept all 12 of Baroness Casey's
    recommendations"): the report of the act promised, made in time.  A day in the window alone is common."""
    if not earlier.stated or not earlier.deadline_end or not earlier.rare_names & later.names:
        return False
    return any(earlier.date < day <= earlier.deadline_end for day in later.done_on)


def _restates(earlier: _Statement, later: _Statement) -> bool:
    """Whether the later statement restates an act the earlier one reports done on a day both name, in nearly its
    words ("The UK Government has committed £11.8bn in the Budget, delivered on 30 October 2024, to deliver the ...
    Scheme" / "The UK Government committed £11.8 billion in the Budget, delivered on 30 October 2024, for the ...
    scheme"): the same day alone is common (a Budget, a report's publication), and so are like words about it; both,
    and most words shared (:data:`RESTATED`), are the same act told again."""
    if not earlier.done_on & later.done_on:
        return False
    return similarity(content_words(earlier.text), content_words(later.text)) >= RESTATED


def _refers_back(later: _Statement, earlier: _Statement) -> bool:
    """Whether the later statement's document names the day or the month the earlier one's was published."""
    return earlier.date in later.cited or earlier.date[:7] in later.cited


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
    for earlier, later, result in _links(graph, threshold):
        if later.where is not None and later.iri not in graph:
            _add_report(graph, later)
        add_edge(graph, earlier.iri, later.iri, "followed_up_by", graph.nodes[later.iri]["provenance"], outcome=result)


def _add_report(graph: nx.MultiDiGraph, report: _Statement) -> None:
    """Add a sentence that is no commitment of the graph, but reports an earlier one done, as an action taken
    stated in its paragraph: a ``followed_up_by`` edge joins commitments."""
    assert report.where is not None
    paragraph, start, end = report.where
    data = graph.nodes[paragraph]
    record = min(data["provenance"], key=lambda r: (r.document, r.locator, r.start))
    where = Provenance(record.document, record.locator, record.paragraph, record.section, record.start + start,
                       record.start + end, report.text)
    label = report.text if len(report.text) <= 90 else report.text[:87].rstrip() + "…"
    add_node(graph, report.iri, "Commitment", label, where, text=report.text, paragraph=record.paragraph,
             locator=data.get("locator"), section=data.get("section"), kind="action_taken")
    add_edge(graph, report.iri, paragraph, "stated_in", where)
