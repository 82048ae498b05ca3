"""Extraction: turn loaded documents into the policy graph.

``build_graph(documents)`` is the library entry point; the CLI's ``policykg build``
is a thin layer over it.  For each document, in reading order:

1. the document, its sections and paragraphs become nodes (the provenance anchors);
2. mentions of organisations, posts, people, legislation and programmes are found
   sentence by sentence (:mod:`policykg.graph.mentions`);
3. "Recommendation N: title" items become recommendations of the inquiry the
   document responds to, under the theme heading they sit in;
4. each recommendation gets a response (the paragraphs answering it, and a status
   from plain wording or, failing that, the curated annotation);
5. sentences and bullets that commit to action become commitments, linked to the
   recommendations they answer, the bodies that lead or take part, the
   legislation and programmes they use, their deadline and funding;
6. money amounts become funding; numeric claims become statistics.

Every node and edge carries the provenance of the sentence that states it.

>>> from policykg.loaders import load_document, seed_path
>>> graph = build_graph([load_document(seed_path())])
>>> from policykg.graph.model import count_by_type
>>> count_by_type(graph)["Recommendation"]
20
"""

from __future__ import annotations

import hashlib
import logging
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from itertools import accumulate
from typing import Any, NamedTuple

import networkx as nx
import yaml

from policykg.graph import statements
from policykg.graph.deadlines import Deadline, find_stated_deadline
from policykg.graph.figures import Money, find_money, find_money_in_row, find_statistics, out_of_range
from policykg.graph.follow import link_follow_ups
from policykg.graph.mentions import YAML_LOADER, Entity, Gazetteer, Mention, MentionFinder
from policykg.graph.merge import merge_graphs
from policykg.graph.model import Provenance, add_edge, add_node, new_graph, paused_gc
from policykg.graph.previous import link_previous_responses
from policykg.graph.progress import progress_from_wording
from policykg.graph.responses import add_response_deadlines
from policykg.iris import curated_source, mint, slug
from policykg.legislatures import LEGISLATURES, RECORD_TITLES
from policykg.loaders.dates import MONTHS
from policykg.loaders.document import Document, Item, Paragraph, Section, split_sentences

log = logging.getLogger(__name__)

# Limits per paragraph, so that extreme input (a "paragraph" of 400,000 sentences, a sentence
# naming 50,000 bodies) costs bounded memory and time instead of gigabytes: a real paragraph has
# fewer than 50 sentences or bullets, names fewer than 100 bodies, bills and programmes, and its
# commitments link to fewer than 1,000 of them.  Past a limit the rest of the paragraph is left
# out of the analysis (its text is still kept whole) and one line is logged, naming the file and
# the paragraph; the README's conventions document the limits.
MAX_ITEMS_PER_PARAGRAPH = 500  # sentences and bullets analysed
MAX_MENTIONS_PER_PARAGRAPH = 2_000  # mentions of organisations, legislation, ... recorded
MAX_LINKS_PER_PARAGRAPH = 10_000  # links from its commitments to the bodies and bills they name

_RECOMMENDATION = re.compile(r"^Recommendation\s+(\d{1,3})(?!\.\d|\s?\([a-z])\s*[:.–—-]\s*(\S.*)$")
# "Recommendation 33.1: ...", "Recommendation 3.1(a) – ...", "Recommendation R3: ...": numbered by section or letter.
_SUB_RECOMMENDATION = re.compile(r"^Recommendation\s+(\d{1,3}(?:\.\d{1,3}){1,2}(?:\s?\([a-z]{1,3}\))?|\d{1,3}\s?\([a-z]{1,3}\)|R\d{1,3})\s*[:.–—-]\s*(\S.*)$")
_RESPONSE_HEADING = re.compile(r"(?:the )?(?:government )?response")  # "Response to Recommendations": answers, not a list
_RECOMMENDATION_HEADING = re.compile(r"^Recommendation\s+(\d{1,3})(?!\.\d|\s?\([a-z])\s*(?:[:.–—-]\s*(\S.*))?$")
# "No. 1. Cass Review Recommendation", "3. Committee recommendation": the number first, the text below.
_NUMBER_FIRST_HEADING = re.compile(r"^(?:No\.?\s*)?(\d{1,3})[.:]?\s+(?:[A-Z][\w’'-]*\s+){0,4}[Rr]ecommendation$")


def _recommendation_heading(heading: str) -> re.Match[str] | None:
    """The match of a heading that states a recommendation's number ("Recommendation 3: title",
    "No. 3. Cass Review Recommendation"): group 1 the number, group 2 the title if the heading has it."""
    if found := _NUMBER_FIRST_HEADING.match(heading):
        heading = f"Recommendation {found.group(1)}"
    return _RECOMMENDATION_HEADING.match(heading)
# "Mandatory reporting (Recommendation 13)", "recommendations 31, 32 and 33": numbers cited in text or a heading.
_NUMBERS = r"(\d{1,3}(?:\s*(?:,|and|&)\s*\d{1,3})*)"
_CITED = re.compile(rf"\brecommendations?\s+{_NUMBERS}\b(?!\s*[:.–—-]\s*\S)(?![.,]\d)", re.I)
# "each recommendation, including recommendation nine": a number cited in words (not "a recommendation one of
# them made", "the recommendation one of the most important").
_NUMBER_WORDS = {word: n for n, word in enumerate([
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
    "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"], start=1)}
_CITED_IN_WORDS = re.compile(
    rf"\brecommendation\s+(?P<word>{'|'.join(_NUMBER_WORDS)})\b(?<!one)(?!\s*[:.–—-]\s*\S)(?!-)|"
    r"\brecommendation\s+(?P<one>one)\b(?!\s*[:.–—-]\s*\S)(?!\s+(?:of|that|which|who|another|or)\b)(?!-)", re.I)
# "the single construction regulator (1)": bare numbers in brackets, read only in text about recommendations.
_BRACKETED = re.compile(rf"(?<=\w) \({_NUMBERS}\)")
_CLAUSE_START = re.compile(r".*(?:[,;:(]|\bsuch as|\bincluding|\band|—|–)\s+", re.S)
_DETERMINER = re.compile(r"^(?:the|a|an|our|its|their)\s+", re.I)
# "has accepted Sir Wyn's recommendation that claimants should ...", "agrees with the Committee's finding
# that, “...”", "accepted Lord Bradley's recommendation for a National Advisory Group to be established": a
# recommendation stated without a number, and the position taken on it. "The recommendation for Government
# is that ..." names whom it is for, not what (:data:`_RECOMMENDATION_IS_THAT`).
_POSITIONS = r"(?P<verb>(?:do|does|did) not accept|(?:has |have )?(?:accept(?:s|ed)?|agree(?:s|d)? with|reject(?:s|ed)?|note(?:s|d)?))"
# "The draft Terms of Reference reflect Baroness Casey's call for a national inquiry ...", "we are implementing the
# Review's recommendation that ...": what is done reflects or carries out the recommendation (or call), which is
# accepted; not where it is negated ("will not implement the recommendation that ..."), nor a finding reflected.
_CARRIED_OUT = r"(?<!not )(?<!n't )(?P<done>implement(?:s|ed|ing)?|deliver(?:s|ed|ing)?|reflect(?:s|ed|ing)?)"
_POSITION_ON_UNNUMBERED = re.compile(
    rf"\b(?:{_POSITIONS}|{_CARRIED_OUT})\s+(?:[\w’'-]+\s+){{0,5}}?(?P<noun>recommendation|finding|call(?=\s+for\b))\s+"
    r"(?P<link>that|to|(?:(?<=recommendation )|(?<=call ))for(?!\s+(?:the\s+)?(?:government|ministers?|departments?|us|them)\b))\b,?\s*[“\"‘]?"
    r"(?P<text>[^“”\"]{12,300}?)[”\"’]?\s*(?:[.;]|$)",
    re.I)
# "The Mayor and I have accepted the committee's recommendations that the contracts ... should remain under ...":
# several recommendations named together, the one the "that" clause states (with its "should" or "must"). Not
# "accepted recommendations that are truly challenging": there "accepted" describes them, and "that" opens a
# relative clause, so a determiner or a possessive must come between the verb and "recommendations".
_POSITION_ON_THAT_OF_SEVERAL = re.compile(
    rf"\b{_POSITIONS}\s+(?:the|its|their|[\w-]+[’']s?)\s+(?:[\w’'-]+\s+){{0,3}}?recommendations\s+that\s+"
    r"(?P<text>[^.;“”\"]{0,200}?\b(?:should|must)\b[^.;“”\"]{0,200})", re.I)
# "The Inquiry recommended that ...": a recommendation reported, with no position taken.
_RECOMMENDED_THAT = re.compile(
    r"\b(?:the (?:[\w’'-]+\s+){0,3}?(?:Inquiry|Review|Committee|Panel|report|group|Commission|taskforce)|it|he|she)\s+(?:also\s+)?"
    r"(?:has\s+|had\s+)?(?:also\s+)?recommend(?:s|ed)?\s+that,?\s+(?P<text>[^.;]{12,300})",
    re.I)
# "Following the recommendation that we should improve access to the Guide, we are ...", "the Nolan report
# recommendations that planners should be impartial": one named by what it asks (a "should" or "must" clause),
# with no position taken. Not "the recommendations that are challenging": there "that" opens a relative clause.
_THE_RECOMMENDATION_THAT = re.compile(
    r"\b(?:the|its|their|[\w-]+[’']s)\s+(?:[\w’'-]+\s+){0,3}?recommendations?\s+that\s+"
    r"(?P<text>[^.;,“”\"]{0,200}?\b(?:should|must)\b[^.;,“”\"]{0,200})", re.I)
_NEGATED_BEFORE = re.compile(r"\b(?:not|never)\s+(?:[\w’'-]+\s+){0,2}$|n[’']t\s+(?:[\w’'-]+\s+){0,2}$", re.I)  # "will not implement the ..."
# "The review recommends that A; that B; and that C": the recommendations after the first, one "that" clause each.
_AND_THAT = re.compile(r";\s+(?:and\s+)?that\s+(?P<text>[^.;]{12,300})", re.I)
# "That review has concluded, and I have accepted the recommendations": a position taken on every recommendation of a
# review, which applies to those the statement then reports ("The review recommends that ..."). Not where only some are
# meant ("most of the recommendations", "a number of its recommendations"), nor in a question.
_SOME_OF_THEM = re.compile(
    r"\b(?:some|most|many|several|certain|few|majority|number|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+"
    r"(?:of\s+)?(?:the\s+|its\s+|their\s+|these\s+)?(?:[\w’'-]+\s+){0,2}?recommendations\b", re.I)
_ON_THEM_ALL = re.compile(
    r"\b(?:I|we|the (?:Government|Minister|Executive|Department))\s+(?:\w+\s+){0,2}?"
    r"(?:accept(?:s|ed)?|agree(?:s|d)? with|reject(?:s|ed)?)\s+(?:all\s+(?:of\s+)?)?(?:the|its|their|these)\s+"
    r"(?:[\w’'-]+\s+){0,2}?recommendations\b(?!\s+(?:that|which|on|about|in)\b)", re.I)
_POSITION_WINDOW = 2  # paragraphs before the reported recommendations, in their section, where that position may be taken
# "the key recommendation of Bernard Gray's review of acquisition—that the assessment ... should be ...": one named by
# whose it is, then stated after a dash.
_RECOMMENDATION_OF_DASH = re.compile(
    r"\brecommendation\s+of\s+[^—–.;:?]{3,80}?\s*[—–]\s*that\s+(?P<text>[^.;?]{12,300})", re.I)
# "the one significant recommendation that I do not accept is that we will improve procurement by ...": one named by the
# position taken on it, then stated.
_RECOMMENDATION_POSITION_IS = re.compile(
    r"\brecommendations?\s+(?:that|which)\s+(?:I|we|the Government)\s+(?P<verb>(?:do|does|did) not accept|cannot accept|"
    r"(?:have\s+|has\s+)?(?:accept(?:s|ed)?|reject(?:s|ed)?))\s+(?:is|was)\s+(?:that\s+)?(?P<text>[^.;?]{12,300})", re.I)
# "... languages will become a compulsory part of the national curriculum, as recommended by Lord Dearing": the clause
# before it is the recommendation, reported (not a name the phrase stands in: "The board, as recommended by X, will ...").
_AS_RECOMMENDED_BY = re.compile(
    r"(?:^|[,;:—–(]\s*)(?P<text>[^,;:—–()]{12,300}?),?\s+as\s+(?:was\s+)?recommended\s+(?:by|in)\s+[^,;:—–()]{2,120}?(?:[.;?!]|$)", re.I)
# "Government Departments agreed in 1978, following recommendations by the Select Committee on Procedure, that replies
# should ...": agreement, after recommendations, that a thing be done accepts it.
_AGREED_FOLLOWING = re.compile(
    r"\b(?:agreed|accepted)\b[^.;,]{0,40},\s+(?:following|in response to|after)\s+(?:the\s+)?(?:[\w’'-]+\s+){0,3}?"
    r"recommendations?\s+(?:by|of|from)\s+[^,.;]{3,80},\s+that\s+(?P<text>[^.;]{12,300})", re.I)
# "The Government's response to each of the Committees' recommendations on A, B and C was: "We are giving careful
# consideration ..."": recommendations named by subject, the position the reply quoted after the colon states.
_RESPONSE_TO_ON = re.compile(
    r"\bresponse\s+to\s+(?:each\s+of\s+|all\s+of\s+)?(?:the\s+)?(?:[\w’'-]+\s+){0,3}?recommendations\s+on\s+"
    r"(?P<list>[^.;:]{8,300}?)\s+(?:was|is|were|has been)\s*:", re.I)
_SUBJECTS_SPLIT = re.compile(r",\s+(?:and\s+)?|\s+and\s+(?=[A-Z“\"‘]|the\s)")
# "the recommendation to close the HSS Dispute Resolution Process has not been accepted": a position in the passive.
_UNNUMBERED_PASSIVE = re.compile(
    r"\bthe\s+(?:[\w’'-]+\s+){0,3}?recommendation\s+(?:to|that)\s+(?P<text>[^.;]{8,250}?)\s+"
    r"(?:has|have|had|was|were|is|are|will)\s+(?:been\s+|be\s+)?(?P<negation>not\s+(?:been\s+|be\s+)?)?"
    r"(?P<verb>accepted|agreed|rejected|noted)\b", re.I)
# "We have responded to the IICSA recommendation to establish the authority, and therefore it will be done": a
# recommendation named, then said to be carried out (or not) in the clause joined to it.
_NAMED_THEN_DONE = re.compile(
    r"\bthe\s+(?:[\w’'-]+\s+){0,3}?recommendation\s+(?:to|that)\s+(?P<text>[^.;,]{8,250}?),?\s+and\s+(?:so\s+|therefore\s+|thus\s+)?"
    r"(?:it|this)\s+will\s+(?P<negation>not\s+)?be\s+(?:done|implemented|delivered|carried out|taken forward)\b", re.I)
# "... is not currently taking forward any further steps on the IICSA proposal for a separate, national
# redress scheme ...": a recommendation (or proposal) declined.
_DECLINED_PROPOSAL = re.compile(
    r"\b(?:not (?:currently )?tak(?:e|ing) forward|will not (?:be )?tak(?:e|ing) forward|(?:do|does|did) not accept)\s+"
    r"(?:[\w’'-]+\s+){0,5}?(?:on\s+)?the\s+(?:[\w’'-]+\s+){0,2}?(?:recommendation|proposal)s?\s+(?:for|to|that|on)\s+"
    r"(?P<text>[^.;]{12,300})", re.I)
# "The overarching recommendation for Government is that there should be ...": one stated as a clause.
_RECOMMENDATION_IS_THAT = re.compile(
    r"\brecommendation(?:\s+(?:for|to|of)(?:\s+[\w’'-]+){1,4}?)?\s+(?:is|was)\s+that\s+(?P<text>[^.;]{12,300})", re.I)
# "... will accept all 12 of Baroness Casey’s recommendations, including A, and B.", "... address
# IICSA’s recommendations, including A and B": the recommendations a list names, with the position
# of the verb before it, if any.
_RECOMMENDATIONS_INCLUDING = re.compile(
    r"(?:\b(?P<verb>(?:do|does|did) not accept|accept(?:s|ed)?|agree(?:s|d)? with|reject(?:s|ed)?|note(?:s|d)?)\s+)?"
    r"(?:all\s+(?:\d+|\w+)\s+of\s+)?(?:[\w’'-]+\s+){0,4}?recommendations,?\s+including\s+(?P<list>[^.;:]{12,400})", re.I)
# "These recommendations are that the Home Office should conduct A; commission B; and launch C.": recommendations
# a sentence lists one per clause (two or more, between semicolons) after naming them together.
_RECOMMENDATIONS_ARE = re.compile(
    r"\b(?:these|the|those|both|its|their)\s+(?:[\w’'-]+\s+){0,2}?recommendations\s+(?:are|were)\s+that\s+"
    r"(?P<list>[^.;]{12,300}(?:;\s+[^.;]{8,300})+)", re.I)
_CLAUSES = re.compile(r";\s+(?:and\s+)?")
# "Your Committee reached three conclusions. First, that A. Second, that B. And finally, that C.": conclusions (or
# recommendations, findings) counted, then stated one a sentence, each opening with its ordinal and "that".
_COUNTED = re.compile(
    r"\b(?:reached|made|drew|came to|set out|offered)\s+(?:\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|several|a number of)\s+"
    r"(?:[\w-]+\s+)?(?:conclusions|recommendations|findings)\b", re.I)
_ORDINAL_THAT = re.compile(
    r"^(?:(?:And|and)\s+(?:[Ff]inally|[Ll]astly)|First|Second|Third|Fourth|Fifth|Sixth|Finally|Lastly)(?:ly)?,?\s+that\s+"
    r"(?P<text>\S.{11,300}?)[.;]?$")
# "He has made a number of recommendations. He has proposed new key principles ...—leadership, ...": after the
# recommendations are counted, what their author is said to propose is one of them (up to a dash or the end).
_HAS_PROPOSED = re.compile(
    r"^(?:He|She|It|They|The (?:Inquiry|Review|Committee|Panel|report))\s+(?:has\s+|have\s+)?(?:also\s+)?proposed\s+(?!that\b)"
    r"(?P<text>[^.;:—–]{12,300})")
# A sentence that speaks of every recommendation it names ("acceptance of all three of the recommendations").
_OF_THEM_ALL = re.compile(r"\b(?:all|both|these|each|every)\b", re.I)
_LIST_SPLIT = re.compile(r",?\s+and\s+(?=(?:the|a|an)\s)|,\s+(?=(?:the|a|an)\s)", re.I)
_LISTED_THING = re.compile(r"(?:the|a|an|\w+ing)\s+\S+\s+\S+", re.I)  # "the removal of ...", "improving the ..."
# "... delivering against IICSA’s recommendation on improving the provision of ...": one named by its subject.
_RECOMMENDATION_ON = re.compile(
    r"[’']s\s+[Rr]ecommendation\s+on\s+(?P<text>[^.;:,]{8,200}?)(?=[.;:,]|\s+(?:the Government|we|I|it|they)\b|$)")
_POSITION = {"not accept": "not accepted", "accept": "accepted", "agree": "accepted", "reject": "not accepted", "note": "noted"}
MAX_RECOMMENDATION_NUMBER = 300  # more than any inquiry has made in one report: a larger number is something else
_ACCESSIBLE = re.compile(r"\s*\((?:accessible version|HTML)\)\s*$", re.I)
_WE = re.compile(r"\b(?:we|our|government)\b", re.I)  # "we will", "our plan", "the government will"
_SET_ASIDE = re.compile(r"\b(?:beyond|besides|outside|apart from|other than)\s+(?:the\s+)?$", re.I)  # ... before a name
_CLAUSE_END = re.compile(r"[.;]|\s[–-]\s")


def load_annotations(path: str | None = None) -> dict[str, Any]:
    """The curated annotations (packaged, or from ``path``)."""
    if path is None:
        text = (resources.files("policykg") / "data" / "curated" / "annotations.yaml").read_text(encoding="utf-8")
    else:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    return yaml.load(text, Loader=YAML_LOADER) or {}  # YAML_LOADER is a safe loader


def document_title(document: Document) -> str:
    """The title without rendering notes such as "(accessible version)"."""
    return _ACCESSIBLE.sub("", document.title)


def document_iri(document: Document) -> str:
    """Documents are identified by title and publication date, not by file; a day's record titled by its kind alone
    ("Written Answers") also by its text, since every legislature publishes one that day."""
    date = document.published.isoformat() if document.published else "undated"
    title = document_title(document)
    key = f"{slug(title)}-{date}"
    if title.strip().casefold() in RECORD_TITLES:
        text = "\n".join(paragraph.text for paragraph in document.paragraphs)
        key += "-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]
    return mint("document", key)


@dataclass
class _Context:
    """State shared while extracting one document."""

    graph: nx.MultiDiGraph
    document: Document
    iri: str
    finder: MentionFinder
    annotations: dict[str, Any]
    mentions: dict[tuple[str, int], list[Mention]] = field(default_factory=dict)  # (locator, item position) → mentions
    recommendations: dict[int, str] = field(default_factory=dict)  # number → IRI
    response_paragraphs: dict[int, list[str]] = field(default_factory=dict)  # rec number → paragraph locators
    answered_in: dict[str, list[int]] = field(default_factory=dict)  # paragraph locator → rec numbers (the reverse)
    recommendation_paragraphs: set[int] = field(default_factory=set)  # ids of the paragraphs that list recommendations
    keywords: dict[int, list[str]] = field(default_factory=dict)
    inquiry: Entity | None = None  # the inquiry whose recommendations the document answers
    heading_mentions: list[Mention] = field(default_factory=list)  # in the title and the section headings
    table_statuses: dict[int, tuple[str, str, Provenance]] = field(default_factory=dict)  # rec number → status a table row states
    table_progress: dict[int, tuple[str, str]] = field(default_factory=dict)  # rec number → progress a table row states
    # A part ("3.1. ...") under its recommendation's heading → the paragraphs answering it, up to the next part.
    part_paragraphs: dict[tuple[str, str], list[Paragraph]] = field(default_factory=dict)  # (IRI, notation) → paragraphs
    in_part: set[str] = field(default_factory=set)  # locators of the paragraphs answering a part, not the whole
    # One Provenance per paragraph or item, shared by every node and edge it supports: equal
    # records would merge in the provenance sets anyway, and one object is cheaper than many.
    # Keyed by identity: the document holds its paragraphs and items for the whole extraction.
    places: dict[int, Provenance] = field(default_factory=dict)  # id of the paragraph or item → record
    commitment_iris: dict[tuple[str, str, int], str] = field(default_factory=dict)  # item key → IRI of its commitment
    commitment_prefix: str = ""
    # Commitment IRI → its lead's, for funding: kept here, not read back from the graph, which may hold
    # other documents' nodes (extract_document(into=...)), even a commitment of the same IRI.
    commitment_leads: dict[str, str] = field(default_factory=dict)
    entities_added: dict[str, Entity] = field(default_factory=dict)  # IRI → the entity whose properties the node has
    mention_counts: dict[str, int] = field(default_factory=dict)  # paragraph locator → mentions recorded
    link_counts: dict[str, int] = field(default_factory=dict)  # paragraph locator → commitment links added
    warned: set[tuple[str, str]] = field(default_factory=set)
    joined_text: str | None = None  # the paragraphs' texts joined by "\0", and where each starts in it (find_quote)
    paragraph_starts: list[int] = field(default_factory=list)

    def over_limit(self, paragraph: Paragraph, what: str) -> None:
        """Say (once per paragraph and limit) that part of a paragraph is left out."""
        if (paragraph.locator, what) not in self.warned:
            self.warned.add((paragraph.locator, what))
            log.warning("policykg: warning: %s, paragraph %s: %s", self.document.path or document_title(self.document), paragraph.locator, what)

    @property
    def slug(self) -> str:
        return self.iri.rsplit("/", 1)[-1]

    def paragraph_iri(self, paragraph: Paragraph) -> str:
        return f"{self.iri}/paragraph/{paragraph.locator}"

    def where(self, paragraph: Paragraph, item: Item | None = None) -> Provenance:
        """Provenance of a whole paragraph, or of one of its items."""
        key = id(paragraph) if item is None else id(item)  # the document keeps both alive: ids stay unique
        found = self.places.get(key)
        if found is None:
            if item is None:
                found = Provenance(self.iri, paragraph.locator, paragraph.number, paragraph.section, 0, len(paragraph.text), paragraph.text)
            else:
                found = Provenance(self.iri, paragraph.locator, paragraph.number, paragraph.section, item.start, item.end, item.text)
            self.places[key] = found
        return found

    def find_quote(self, quote: str) -> Provenance | None:
        """Provenance of a curated quote, found verbatim in this document (in the first paragraph holding it)."""
        paragraphs = self.document.paragraphs
        found: tuple[Paragraph, int] | None = None
        if "\0" in quote:  # it could match across paragraphs in the joined text below
            for paragraph in paragraphs:
                if (start := paragraph.text.find(quote)) >= 0:
                    found = paragraph, start
                    break
        else:
            # One search of the paragraphs' texts joined by "\0" (which the quote lacks, so a match
            # lies within a paragraph): one search per paragraph cost more (benchmarks/README.md).
            if self.joined_text is None:
                self.joined_text = "\0".join(p.text for p in paragraphs)
                self.paragraph_starts = list(accumulate((len(p.text) + 1 for p in paragraphs[:-1]), initial=0))
            offset = self.joined_text.find(quote)
            if offset >= 0 and paragraphs:
                index = bisect_right(self.paragraph_starts, offset) - 1
                found = paragraphs[index], offset - self.paragraph_starts[index]
        if found is None:
            return None
        paragraph, start = found
        return Provenance(self.iri, paragraph.locator, paragraph.number, paragraph.section, start, start + len(quote), quote)


def build_graph(
    documents: Iterable[Document],
    *,
    gazetteer: Gazetteer | None = None,
    annotations: dict[str, Any] | None = None,
    progress: Callable[[Document], None] | None = None,
) -> nx.MultiDiGraph:
    """Build one graph from several documents; entities merge by IRI.

    Each document is extracted on its own (:func:`extract_document`), so the result
    does not depend on the order of documents and per-document graphs can be
    cached or built in parallel, then merged; here they are extracted straight into
    one graph, which gives the same graph without a merge.
    """
    gazetteer = gazetteer or Gazetteer.packaged()
    annotations = load_annotations() if annotations is None else annotations
    graph = new_graph()
    with paused_gc():
        for document in documents:
            extract_document(document, gazetteer, annotations, into=graph)
            if progress:
                progress(document)
        link_documents(graph, gazetteer)
    return graph


def link_documents(graph: nx.MultiDiGraph, gazetteer: Gazetteer) -> None:
    """What only the whole graph gives, once every document is in it: the curated relations between
    its entities, commitments followed across documents, response deadlines, and each response's place among its
    recommendation's responses."""
    add_reference_facts(graph, gazetteer)
    link_follow_ups(graph)
    add_response_deadlines(graph)
    link_previous_responses(graph)


def finish_graph(graphs: Iterable[nx.MultiDiGraph], gazetteer: Gazetteer | None = None) -> nx.MultiDiGraph:
    """Merge per-document graphs and add what only the whole graph gives (:func:`link_documents`)."""
    graph = merge_graphs(graphs)
    link_documents(graph, gazetteer or Gazetteer.packaged())
    return graph


def extract_document(
    document: Document, gazetteer: Gazetteer, annotations: dict[str, Any], *, into: nx.MultiDiGraph | None = None,
) -> nx.MultiDiGraph:
    """The graph of one document (the gazetteer is copied: documents do not teach each other).

    With ``into``, the document's nodes and edges are added to that graph and it is returned:
    the same as merging the document's own graph into it (:func:`merge_graphs`), without
    building the document's graph first.  Extraction reads back only what the document
    itself added, so other documents' nodes in ``into`` change nothing.
    """
    graph = new_graph() if into is None else into
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)  # all that the finder will scan
    context = _Context(graph, document, document_iri(document), MentionFinder(gazetteer.copy(text)), annotations)
    context.document = _within_limits(context, document)
    _add_structure(context)
    _add_mentions(context)
    _add_recommendations(context)
    _add_commitments(context)
    _add_figures(context)
    return graph


def _within_limits(context: _Context, document: Document) -> Document:
    """The document with at most MAX_ITEMS_PER_PARAGRAPH items per paragraph (the same object if none has more)."""
    if all(len(p.items) <= MAX_ITEMS_PER_PARAGRAPH for s in document.sections for p in s.paragraphs):
        return document
    sections = []
    for section in document.sections:
        paragraphs = []
        for paragraph in section.paragraphs:
            if len(paragraph.items) > MAX_ITEMS_PER_PARAGRAPH:
                context.over_limit(paragraph, f"{len(paragraph.items):,} sentences and bullets; only the first "
                                              f"{MAX_ITEMS_PER_PARAGRAPH:,} are analysed")
                paragraph = replace(paragraph, items=paragraph.items[:MAX_ITEMS_PER_PARAGRAPH])  # same text and locator
            paragraphs.append(paragraph)
        sections.append(Section(section.heading, paragraphs))
    return replace(document, sections=sections)


def _add_structure(context: _Context) -> None:
    document, graph = context.document, context.graph
    title = document_title(document)
    title_quote = Provenance(context.iri, "title", None, "", 0, len(document.title), document.title)
    add_node(
        graph, context.iri, "Document", title, title_quote,
        title=title,
        published=document.published.isoformat() if document.published else None,
        source_url=document.source_url,
        licence=document.licence,
    )
    for position, section in enumerate(document.sections, start=1):
        section_iri = f"{context.iri}/section/{position}"
        quote = Provenance(context.iri, f"s{position}", None, section.heading, 0, len(section.heading), section.heading)
        if not section.heading.strip():
            quote = title_quote  # text before the first heading: the document's title is what states it
        add_node(graph, section_iri, "Section", section.heading or "(untitled)", quote, heading=section.heading, position=position)
        add_edge(graph, section_iri, context.iri, "part_of", quote)
        for paragraph in section.paragraphs:
            where = context.where(paragraph)
            label = f"¶{paragraph.number}" if paragraph.number is not None else paragraph.locator
            paragraph_iri = context.paragraph_iri(paragraph)
            add_node(
                graph, paragraph_iri, "Paragraph", label, where,
                number=paragraph.number, locator=paragraph.locator, text=paragraph.text, section=section.heading,
            )
            add_edge(graph, paragraph_iri, section_iri, "part_of", where)


def _add_entity(context: _Context, entity: Entity, where: Provenance) -> None:
    if context.entities_added.get(entity.iri) is entity:
        # Its properties are merged already, and merging them again changes nothing: only the
        # provenance is new (an entity is added for every sentence that names it).
        add_node(context.graph, entity.iri, entity.type, entity.name, where)
        return
    context.entities_added[entity.iri] = entity
    properties: dict[str, Any] = {
        "kind": entity.kind or None,
        "aliases": [*entity.aliases, *entity.abbreviations] or None,
        "curated": entity.curated,
    }
    for key in ("website", "legislation_gov_uk", "planned"):
        properties[key] = entity.fact(key)
    add_node(context.graph, entity.iri, entity.type, entity.name, where, **properties)


def _add_mentions(context: _Context) -> None:
    # The title names bodies too ("Independent Inquiry into Child Sexual Abuse: Update"): they are the document's subject.
    title = context.document.title
    title_quote = Provenance(context.iri, "title", None, "", 0, len(title), title)
    # Known names only (no discovery, nothing learnt): a heading names what the text then defines ("... (IIMO)").
    for mention in context.finder.gazetteer.scan(title):
        if _addressed_as_forum(title, mention, heading=True):
            continue
        _add_entity(context, mention.entity, title_quote)
        _add_department_of_post(context, mention.entity, title_quote)
        context.heading_mentions.append(mention)
    for position, section in enumerate(context.document.sections, start=1):
        if not section.heading.strip():
            continue
        # Headings name bodies too ("Department: Cabinet Office", "Answered by ... (Department for Education)").
        quote = Provenance(context.iri, f"s{position}", None, section.heading, 0, len(section.heading), section.heading)
        known = [m for m in context.finder.gazetteer.scan(section.heading) if m.entity.type != "Legislation"]
        for mention in sorted(known + context.finder.legislation_in_heading(section.heading), key=lambda m: m.start):
            if _addressed_as_forum(section.heading, mention, heading=True):
                continue
            _add_entity(context, mention.entity, quote)
            _add_department_of_post(context, mention.entity, quote)
            context.heading_mentions.append(mention)
    for paragraph in context.document.paragraphs:
        paragraph_iri = context.paragraph_iri(paragraph)
        found = context.finder.find_each([item.text for item in paragraph.items])
        for position, (item, mentions) in enumerate(zip(paragraph.items, found, strict=True)):
            recorded = context.mention_counts.get(paragraph.locator, 0)
            if recorded + len(mentions) > MAX_MENTIONS_PER_PARAGRAPH:
                context.over_limit(paragraph, f"more than {MAX_MENTIONS_PER_PARAGRAPH:,} mentions of organisations, "
                                              "legislation and programmes; the rest are left out")
                mentions = mentions[: max(0, MAX_MENTIONS_PER_PARAGRAPH - recorded)]
            context.mention_counts[paragraph.locator] = recorded + len(mentions)
            mentions = [m for m in mentions if not _addressed_as_forum(item.text, m)]
            context.mentions[(paragraph.locator, position)] = mentions
            if not mentions:
                continue  # (an item's provenance is made when something needs it: many items never do)
            where = context.where(paragraph, item)
            for mention in mentions:
                _add_entity(context, mention.entity, where)
                if _introduced_as_planned(item.text, mention):
                    add_node(context.graph, mention.entity.iri, mention.entity.type, mention.entity.name, where, planned=True)
                add_edge(context.graph, mention.entity.iri, paragraph_iri, "mentioned_in", where)
                if department := _add_department_of_post(context, mention.entity, where):
                    add_edge(context.graph, department.iri, paragraph_iri, "mentioned_in", where)


# Legislatures are named most often as where government speaks or sends a text, not as a body that acts.
_FORUM_BEFORE = re.compile(
    r"(?<!reserved )(?<!accountable )(?<!answerable )\b(?:to|before|in|through|into|updat(?:e|es|ed|ing)|inform(?:s|ed|ing)?|tell|told|"
    r"address(?:es|ed|ing)?|inside|outside|members?\s+of)\s+(?:the\s+)?$", re.I)  # "debate outside Parliament", "your Member of Parliament"
# "this Parliament", "over the life of the Parliament": a Parliament as a period of time.
_PERIOD_BEFORE = re.compile(r"\b(?:this|last|next|current|previous|new|same|whole|(?:life|end|rest) of the|(?:over|during|across|throughout) the)\s+$", re.I)
_POST_OF = re.compile(r"\b(?:Leader|Speaker|Deputy Speaker|Clerk|Presiding Officer) of (?:the )?$")
_FORUM_WORDS = 30  # how far back the words naming the forum are looked for
_MONEY_TO = re.compile(r"(?:£|\b(?:allocations?|allocated|funding|grants?|paid)\b)[^.;:]{0,80}\bto\s+(?:the\s+)?$")
# The House offices where papers are to be had ("copies are available in the Vote Office and the Printed Paper
# Office"): places a document goes, like the Library, not bodies that act.
_HOUSE_DOCUMENT_OFFICES = frozenset({"Vote Office", "Printed Paper Office"})
_FROM_THE = re.compile(r"(?:\b(?:from|at|and)|,)\s+(?:the\s+)?$", re.I)
# A legislature's library and its other places for papers; the forms a legislature is written in.
_PAPERS_PLACE = re.compile(r"\b(?:Information Centre|Library|Libraries)$")
_LEGISLATURE_FORMS = ("Parliament", "House of", *(form for forms in LEGISLATURES.values() for form in forms))
_LEGISLATURE_POSSESSIVE = re.compile(r"(?:Parliament|House of (?:Commons|Lords)|Assembly|Senedd)[’']s\s+$")
_LEGISLATURE_PLACE_AFTER = re.compile(r"(?:[’']s)?\s+(?:website|web site|Official Report|Hansard|Library|Libraries|Information Centre)\b", re.I)
# A capitalised word right after the legislature's name, not a connector: the name is the start of another one.
_NAME_GOES_ON = re.compile(r" (?!(?:And|Or|The|To|In|On|Of|For)\b)[A-Z][a-z]")


def _addressed_as_forum(text: str, mention: Mention, heading: bool = False) -> bool:
    """Whether a legislature is named as the forum ("Presented to Parliament", "update the House",
    "a Bill before Parliament", "made in the House of Commons") or a period ("this Parliament"), not as a body that acts ("the
    sovereignty of Parliament", "a matter reserved to the UK Parliament").

    >>> parliament = Entity("Parliament of the United Kingdom", "Organisation", "government", "https://example.org/p")
    >>> _addressed_as_forum("Presented to Parliament by the Secretary of State", Mention(parliament, 13, 23, "Parliament"))
    True
    >>> _addressed_as_forum("uphold the sovereignty of Parliament", Mention(parliament, 26, 36, "Parliament"))
    False

    The House offices where papers are had ("available in the Vote Office") are read the same way.
    """
    before = text[max(0, mention.start - _FORUM_WORDS) : mention.start]
    if mention.entity.name in _HOUSE_DOCUMENT_OFFICES:
        return _FORUM_BEFORE.search(before) is not None or _FROM_THE.search(before) is not None
    if _PAPERS_PLACE.search(mention.entity.name):
        # "tables placed in the Scottish Parliament Information Centre", "available from the Scottish Parliament's
        # Information Centre": a legislature's library, where papers go
        return mention.entity.name.startswith(_LEGISLATURE_FORMS) or _LEGISLATURE_POSSESSIVE.search(before) is not None
    if mention.entity.name not in LEGISLATURES:
        return False
    if _LEGISLATURE_PLACE_AFTER.match(text, mention.end) or _NAME_GOES_ON.match(text, mention.end):
        # "the Scottish Parliament's website", "Scottish Parliament Official Report": where papers are; "the Open
        # Parliament Licence": the first words of another name
        return True
    if heading and text.strip(" .:") == mention.text:
        return True  # "House of Commons" alone as the title of a day's record: where it was said
    if _POST_OF.search(before):
        return True  # "The Leader of the House of Commons": a post's title, not the House acting
    if _MONEY_TO.search(text, max(0, mention.start - 120), mention.start):
        return False  # "allocations of £0·1 million ... to the Northern Ireland Assembly": it is given money, a body
    return _FORUM_BEFORE.search(before) is not None or _PERIOD_BEFORE.search(before) is not None


# "will create a Child Protection Authority", "plans to launch the East Coast Partnership", "the establishment of a
# victim and survivor panel", "proposals for a new X": a body the text introduces as to be made ("A new X board will
# drive ...", "funding for a new X" may be one just made: not enough alone).
_PLANNED_BEFORE = re.compile(
    r"\b(?:(?:will|shall|to|would)\s+(?:(?:now|also|then)\s+)?(?:create|establish|set\s+up|form|launch)\s+(?:a|an|the)"
    r"|(?:creation|establishment|setting[ -]up|formation)\s+of\s+(?:a|an)"
    r"|(?:proposals?|plans?)\s+(?:for|to\s+create)\s+(?:a|an))\s+(?:new\s+)?$", re.I)
_PLANNED_WORDS = 40  # how far back the words introducing it are looked for


def _introduced_as_planned(text: str, mention: Mention) -> bool:
    """Whether the sentence introduces a body as one to be created ("will create a Child Protection Authority",
    "proposals for a new Child Protection Authority", "planning to establish a Professional Football ...
    Committee"), not one that exists ("The Child Protection Authority published its report", "has established
    a Technical Group"): such a body is marked ``planned``, as the reference list marks those it knows.

    >>> authority = Entity("Child Protection Authority", "Organisation", "agency", "https://example.org/cpa")
    >>> _introduced_as_planned("We will create a Child Protection Authority", Mention(authority, 17, 43, "Child Protection Authority"))
    True
    >>> _introduced_as_planned("The Child Protection Authority met", Mention(authority, 4, 30, "Child Protection Authority"))
    False
    """
    if mention.entity.type not in {"Organisation", "Inquiry"}:
        return False
    return _PLANNED_BEFORE.search(text, max(0, mention.start - _PLANNED_WORDS), mention.start) is not None


def _add_department_of_post(context: _Context, entity: Entity, where: Provenance) -> Entity | None:
    """A post names its department ("Minister for the Cabinet Office"): the department is mentioned too."""
    if entity.type != "Post" or not isinstance(entity.fact("post_in"), str):
        return None
    department = context.finder.gazetteer.lookup(entity.fact("post_in"))
    if department is None or department.name not in entity.name:  # "Home Secretary" does not name the Home Office
        return None
    _add_entity(context, department, where)
    return department


def _inquiry(context: _Context) -> tuple[Entity | None, dict[str, Any]]:
    """The inquiry whose recommendations this document lists: the one it mentions most."""
    counts: dict[str, int] = {}
    for mentions in [context.heading_mentions, *context.mentions.values()]:
        for mention in mentions:
            if mention.entity.type == "Inquiry":
                counts[mention.entity.iri] = counts.get(mention.entity.iri, 0) + 1
    if not counts:
        return None, {}
    iri = max(sorted(counts), key=counts.__getitem__)
    entity = context.finder.gazetteer.entities[iri]
    curated: dict[str, Any] = next(
        (i for i in context.annotations.get("inquiries", []) if i.get("abbreviation") in entity.abbreviations or i.get("name") == entity.name),
        {},
    )
    return entity, curated


def _mentioned(context: _Context, iri: str) -> bool:
    """Whether the document's text names the entity at ``iri``."""
    return any(m.entity.iri == iri for mentions in context.mentions.values() for m in mentions)


def _curated_where(context: _Context, quote: str | None, fallback_id: str) -> Provenance:
    """Provenance of a curated fact: its quote in the document, else the curated file itself."""
    if quote and (found := context.find_quote(quote)):
        return found
    text = quote or fallback_id
    return Provenance(curated_source(), fallback_id, None, "", 0, len(text), text)


def _responses_annotation(context: _Context, inquiry: Entity | None) -> dict[int, dict[str, Any]]:
    title = document_title(context.document)
    for block in context.annotations.get("responses", []):
        same_inquiry = inquiry is not None and block.get("inquiry") in {*inquiry.abbreviations, inquiry.name}
        if block.get("document") == title and same_inquiry:
            return {int(number): facts for number, facts in block.get("recommendations", {}).items()}
    return {}


def _add_recommendations(context: _Context) -> None:
    graph = context.graph
    inquiry, curated_inquiry = _inquiry(context)
    context.inquiry = inquiry
    owner = inquiry.iri.rsplit("/", 1)[-1] if inquiry else context.slug  # recommendations belong to their inquiry
    report_iri = None
    if inquiry is not None:
        where = _curated_where(context, curated_inquiry.get("quote"), f"inquiry:{owner}")
        _add_entity(context, inquiry, where)
        # Curated facts about the inquiry (its report, its chair) enter a document's graph only where the
        # document states them: a written answer naming IICSA says nothing of its chair.
        report = curated_inquiry.get("report")
        if report and any(context.find_quote(q) for q in (report.get("quote"), report["title"]) if q):
            known = context.finder.gazetteer.lookup(report["title"])
            report_iri = known.iri if known is not None else mint("report", owner, "final-report")
            report_where = _curated_where(context, report.get("quote"), f"report:{owner}")
            add_node(
                graph, report_iri, "Report", report["title"], report_where,
                published=str(report.get("published") or "") or None, period=str(report.get("period") or "") or None,
            )
            add_edge(graph, report_iri, inquiry.iri, "made_by", report_where)
        chair = curated_inquiry.get("chair")
        chair_entity = context.finder.gazetteer.lookup(chair) if chair else None
        if chair_entity is not None and _mentioned(context, chair_entity.iri):
            _add_entity(context, chair_entity, where)
            add_edge(graph, inquiry.iri, chair_entity.iri, "chaired_by", where)

    annotation = _responses_annotation(context, inquiry)
    locators_of_number: dict[int, list[str]] = {}  # paragraph number → its paragraphs' locators (an annex may repeat one)
    for paragraph in context.document.paragraphs:
        if paragraph.number is not None:
            locators_of_number.setdefault(paragraph.number, []).append(paragraph.locator)
    theme = ""  # the last heading that is not itself a recommendation

    def add_recommendation(number: int, title: str, where: Provenance, theme: str) -> None:
        iri = mint("recommendation", owner, number)
        add_node(graph, iri, "Recommendation", f"Recommendation {number}: {title}", where, number=number, title=title,
                 notation=str(number))
        _link_recommendation(context, iri, where, theme, report_iri)
        context.recommendations[number] = iri

    for section_position, section in enumerate(context.document.sections, start=1):
        numbers_here: list[int] = []
        heading = _recommendation_heading(section.heading)
        if heading and section.paragraphs and int(heading.group(1)) >= 1:
            # "Recommendation 3" (or "Recommendation 3: title") as a heading, the text below it.
            first = section.paragraphs[0]
            title = (heading.group(2) or (first.items[0].text if first.items else first.lead)).strip().rstrip(".").strip()
            quote = Provenance(context.iri, f"s{section_position}", None, section.heading, 0, len(section.heading), section.heading)
            add_recommendation(int(heading.group(1)), title, quote, theme)
            numbers_here.append(int(heading.group(1)))
        else:
            theme = section.heading
        # Under "Recommendation 3 - ...", lines "3.1. Addressing the gulf ..." (or "2.1.The FA ...") state its
        # parts; the paragraphs after a part, up to the next, answer that part, and parts stated one after
        # another with nothing between them ("6.5 ...", "6.6 ...", then the answer) are answered together.
        part_of = re.compile(rf"^({heading.group(1)}(?:\.\d{{1,2}})(?:\.[a-z])?)(?:\.?\s+|\.(?=[A-Z]))(\S.*)$") if heading else None
        answering: list[list[Paragraph]] = []  # the answering paragraphs of each part being answered
        for paragraph in section.paragraphs:
            if part_of is not None and paragraph.number is None and (part := part_of.match(paragraph.text)):
                part_iri = _add_sub_recommendation(context, owner, part.group(1), part.group(2), context.where(paragraph), section.heading)
                context.recommendation_paragraphs.add(id(paragraph))
                if any(answering):
                    answering = []
                answering.append(context.part_paragraphs.setdefault((part_iri, re.sub(r"\s+", "", part.group(1))), []))
                continue
            for paragraphs in answering:
                paragraphs.append(paragraph)
                context.in_part.add(paragraph.locator)
            for item in paragraph.items:
                match = _RECOMMENDATION.match(item.text)
                if match and int(match.group(1)) >= 1:  # "Recommendation 0" numbers nothing
                    number = int(match.group(1))
                    add_recommendation(number, match.group(2).strip().rstrip(".").strip(), context.where(paragraph, item), section.heading)
                    numbers_here.append(number)
                    context.recommendation_paragraphs.add(id(paragraph))
                elif match := _SUB_RECOMMENDATION.match(item.text):
                    _add_sub_recommendation(context, owner, match.group(1), match.group(2), context.where(paragraph, item), section.heading)
        section_paragraphs = [p.locator for p in section.paragraphs if id(p) not in context.recommendation_paragraphs]
        for number in numbers_here:
            facts = annotation.get(number, {})
            # Curated paragraphs by number: a paged source's locators carry the page ("pg19.p79")
            curated = [locator for n in facts.get("paragraphs") or [] for locator in locators_of_number.get(n, [])]
            listed = context.response_paragraphs.get(number, [])
            context.response_paragraphs[number] = list(dict.fromkeys(listed + (curated or section_paragraphs)))
            context.keywords[number] = list(facts.get("keywords") or [])
    _add_table_recommendations(context, add_recommendation)
    _add_cited_recommendations(context, add_recommendation)
    _add_answered_recommendations(context, add_recommendation)
    _add_flattened_table_statuses(context)
    _add_verdict_headings(context)
    for number, locators in context.response_paragraphs.items():
        for locator in locators:
            context.answered_in.setdefault(locator, []).append(number)
    document_paragraphs = context.document.paragraphs
    for number in sorted(context.recommendations):
        _add_response(context, number, annotation.get(number, {}), document_paragraphs)
    answered_together: dict[tuple[str, ...], list[str]] = {}  # the same paragraphs → the parts they answer
    for (part_iri, _), paragraphs in context.part_paragraphs.items():
        answered_together.setdefault(tuple(p.locator for p in paragraphs), []).append(part_iri)
    for (part_iri, notation), paragraphs in sorted(context.part_paragraphs.items(), key=lambda entry: entry[0]):
        if paragraphs:
            sharing = answered_together[tuple(p.locator for p in paragraphs)]
            _add_part_response(context, part_iri, notation, paragraphs, [iri for iri in sharing if iri != part_iri])
    _add_unnumbered_recommendations(context, owner, report_iri)


def _add_sub_recommendation(context: _Context, owner: str, notation: str, title: str, where: Provenance, theme: str) -> str:
    """A recommendation numbered by section or letter ("33.1", "3.1(a)", "R3"): its notation as
    written, in its IRI (``recommendation/<inquiry>/33-1``) and in ``notation``; no whole number.
    Returns its IRI."""
    graph, title = context.graph, title.strip().rstrip(".").strip()
    notation = re.sub(r"\s+", "", notation)
    iri = mint("recommendation", owner, slug(notation))
    add_node(graph, iri, "Recommendation", f"Recommendation {notation}: {title}", where, title=title, notation=notation)
    _link_recommendation(context, iri, where, theme, None)
    return iri


# "We agree that the licensing should be extended to all grounds used in the league": agreement that what
# the recommendation asks should be done, in its words, accepts it; agreement with an aim ("agrees that more
# should be done", "agrees that investment in the pipeline is needed") does not.
_AGREES_THAT = re.compile(
    r"\b(?:we|government)\s+(?!not\b)(?:\w+\s+)?agree[sd]?\s+that\s+(?P<clause>[^.;]{0,200}?\b(?:should|must)\b[^.;]{0,200})", re.I)
# "The Government has also committed to remove the three-year time limit for victims ...", "we are committed to
# removing ...": a commitment to do what the recommendation asks, in its words, accepts it; a commitment to weigh
# it ("committed to an ongoing assessment of whether ...", "commit to consider ...") does not.
_COMMITS_TO = re.compile(
    r"\b(?:we|government)\s+(?:(?!not\b|never\b)\w+\s+){0,2}?(?:commit(?:s|ted)?|committed)\s+(?:ourselves\s+|itself\s+)?to\s+"
    r"(?P<clause>[^.;]{0,200})", re.I)
_WEIGHING = re.compile(r"\b(?:whether|consider\w*|assess\w*|explor\w*|determin\w*)\b", re.I)
_RESTATED_WORDS = 3  # so many of the title's telling words (:func:`_title_stems`) in the clause restate it


def _agrees_restating(text: str, stems: list[str]) -> bool:
    """Whether ``text`` agrees that the recommendation whose title has these ``stems`` be done, or commits to doing it."""
    clauses = [m["clause"] for m in _AGREES_THAT.finditer(text)]
    clauses += [m["clause"] for m in _COMMITS_TO.finditer(text) if not _WEIGHING.search(m["clause"])]
    return any(statements.count_keywords(clause, stems) >= _RESTATED_WORDS for clause in clauses)


class _Positions(NamedTuple):
    """The status a response's items state (its strongest wording, with the item saying it) and the progress."""

    status: str | None
    quote: str | None
    where: Provenance | None
    progress: str | None
    progress_quote: str | None


def _positions_stated(context: _Context, items: list[tuple[Paragraph, Item]], *, read_status: bool = True,
                      progress: tuple[str | None, str | None] = (None, None), title: str = "") -> _Positions:
    """What ``items`` state: the strongest status wording (:data:`statements.STATUS_WORDING`'s order, or
    agreement that restates the recommendation's ``title``) unless ``read_status`` is false (a table said
    it), and the first progress unless ``progress`` is given already."""
    status = quote = where = None
    progress_stated, progress_quote = progress
    stems = sorted(_title_stems(context, title)) if title else []
    for paragraph, item in items:
        if progress_stated is None and (stated := progress_from_wording(item.text)):
            progress_stated, progress_quote = stated[0], item.text
        found = statements.status_from_wording(item.text) if read_status else None
        if read_status and found is None and stems and _agrees_restating(item.text, stems):
            found = ("accepted", item.text)
        if found and (status is None or _rank(found[0]) < _rank(status)):
            status, quote, where = found[0], item.text, context.where(paragraph, item)
    return _Positions(status, quote, where, progress_stated, progress_quote)


def _add_part_response(context: _Context, recommendation: str, notation: str, paragraphs: list[Paragraph],
                       others: list[str]) -> None:
    """The response to a part of a recommendation ("3.1"): the status and progress its own
    paragraphs state (those after its line, up to the next part). Where ``others`` (parts stated just
    before or after it) share the paragraphs, only the items that speak of this part (:func:`_speaks_of`)."""
    items = [(paragraph, item) for paragraph in paragraphs for item in paragraph.items]
    if others:
        titles = [str(context.graph.nodes[iri].get("title") or "") for iri in (recommendation, *others)]
        stems = [_title_stems(context, title) for title in titles]
        own = [sorted(these - set().union(*(stems[:i] + stems[i + 1:]))) for i, these in enumerate(stems)]
        items = [(paragraph, item) for paragraph, item in items if _speaks_of(context, item.text, titles, own)]
    read = _positions_stated(context, items, title=str(context.graph.nodes[recommendation].get("title") or ""))
    anchor = read.where or context.where(paragraphs[0])
    iri = mint("response", context.slug, slug(notation))
    add_node(context.graph, iri, "Response", f"Response to recommendation {notation}", anchor, notation=notation, status=read.status,
             status_quote=read.quote, status_source="text" if read.status else None, progress=read.progress,
             progress_quote=read.progress_quote)
    add_edge(context.graph, iri, recommendation, "responds_to", anchor)
    for paragraph in paragraphs:
        add_edge(context.graph, iri, context.paragraph_iri(paragraph), "stated_in", context.where(paragraph))


def _link_recommendation(context: _Context, iri: str, where: Provenance, theme: str, report_iri: str | None) -> None:
    """A recommendation's theme, inquiry and report, where the document gives them."""
    graph = context.graph
    if theme:
        theme_iri = mint("theme", theme)
        add_node(graph, theme_iri, "Theme", theme, where)
        add_edge(graph, iri, theme_iri, "has_theme", where)
    if context.inquiry is not None:
        add_edge(graph, iri, context.inquiry.iri, "made_by", where)
    if report_iri is not None:
        add_edge(graph, iri, report_iri, "published_in", where)


# "Recommendation: The Government should ...", then "Response:" and the answer: a committee's recommendation
# quoted under a label without a number, as a Government response appended to a Special Report sets them out.
_LABELLED = re.compile(r"^Recommendation\s*[:–—]\s*(?P<text>\S.{11,})$", re.S)
_RESPONSE_LABEL_ONLY = re.compile(r"^(?:Government\s+)?Response\s*[:–—]?\s*$", re.I)


def _add_labelled_recommendations(context: _Context, owner: str, report_iri: str | None) -> None:
    """Recommendations each a paragraph opening "Recommendation:", answered by the paragraphs after it in its
    section up to the next one (a bare "Response:" line among them is only a label)."""
    for section in context.document.sections:
        labelled = [i for i, p in enumerate(section.paragraphs) if _LABELLED.match(p.text) and p.items]
        for n, start in enumerate(labelled):
            paragraph = section.paragraphs[start]
            match = _LABELLED.match(paragraph.text)
            assert match is not None  # for mypy: the list holds matching paragraphs only
            title = " ".join(match["text"].split())
            context.recommendation_paragraphs.add(id(paragraph))
            end = labelled[n + 1] if n + 1 < len(labelled) else len(section.paragraphs)
            answer = [p for p in section.paragraphs[start + 1:end] if not _RESPONSE_LABEL_ONLY.match(p.text)]
            iri = _add_unnumbered(context, owner, report_iri, paragraph, paragraph.items[0], title, None)
            read = _positions_stated(context, [(p, item) for p in answer for item in p.items], title=title)
            if read.status is None and read.progress is None:
                continue
            anchor = read.where or context.where(answer[0])
            response = mint("response", context.slug, slug(title, 60))
            add_node(context.graph, response, "Response", f"Response to: {title[:70]}", anchor, status=read.status,
                     status_quote=read.quote, status_source="text" if read.status else None, progress=read.progress,
                     progress_quote=read.progress_quote)
            add_edge(context.graph, response, iri, "responds_to", anchor)
            for p in answer:
                add_edge(context.graph, response, context.paragraph_iri(p), "stated_in", context.where(p))


def _add_unnumbered_recommendations(context: _Context, owner: str, report_iri: str | None) -> None:
    """Recommendations a text states without a number, with the position taken on them where it is stated.

    Their IRI is made from their words (``recommendation/<inquiry>/<slug of the text>``), so two
    documents quoting the same recommendation meet on one node.
    """
    _add_labelled_recommendations(context, owner, report_iri)
    paragraphs = context.document.paragraphs
    for position, paragraph in enumerate(paragraphs):
        if id(paragraph) in context.recommendation_paragraphs or paragraph.locator in context.answered_in:
            continue  # a response to a numbered recommendation restates it ("The Review recommended that ...")
        earlier: list[str] = []  # the paragraph's sentences before this one
        counted = False  # whether a sentence before has counted the conclusions the next ones state in turn
        for item in paragraph.items:
            if counted and (ordinal := _ORDINAL_THAT.match(item.text) or _HAS_PROPOSED.match(item.text)):
                _add_unnumbered(context, owner, report_iri, paragraph, item, ordinal["text"], None)
                earlier.append(item.text)
                continue
            counted = counted or _COUNTED.search(item.text) is not None
            if "ecommend" not in item.text and "finding" not in item.text and "proposal" not in item.text and "call for" not in item.text:
                earlier.append(item.text)
                continue  # most sentences: neither pattern can match
            found: list[tuple[str, str | None]] = [
                (f"{m['noun'].capitalize()} for {m['text']}" if m["link"].lower() == "for" else m["text"],
                 _position(m["verb"]) if m["verb"] else "accepted")
                for m in _POSITION_ON_UNNUMBERED.finditer(item.text)
                if not (m["done"] and m["noun"].lower() == "finding")]  # "this reflects the finding that ...": a fact, not acted on
            found += [(m["text"], _position(m["verb"])) for m in _POSITION_ON_THAT_OF_SEVERAL.finditer(item.text)]
            for reported in _RECOMMENDED_THAT.finditer(item.text):
                on_all = _position_on_all_reported(paragraphs, position)
                found.append((reported["text"], on_all))
                at = reported.end()
                while more := _AND_THAT.match(item.text, at):  # "...; that B; and that C"
                    found.append((more["text"], on_all))
                    at = more.end()
            found += [(m["text"], None) for m in _RECOMMENDATION_OF_DASH.finditer(item.text)]
            found += [(m["text"], _position(m["verb"])) for m in _RECOMMENDATION_POSITION_IS.finditer(item.text)]
            found += [(m["text"], None) for m in _AS_RECOMMENDED_BY.finditer(item.text)]
            found += [(m["text"], "accepted") for m in _AGREED_FOLLOWING.finditer(item.text)]
            for listed in _RESPONSE_TO_ON.finditer(item.text):
                stated = statements.status_from_wording(item.text[listed.end():])
                found += [(part, stated[0] if stated else None) for part in _SUBJECTS_SPLIT.split(listed["list"]) if len(part) >= 8]
            if item.text.rstrip().endswith("?"):  # "Will the Government implement the recommendation that ...?": asked, no position
                answered = _answer_position(paragraphs, position) if item is paragraph.items[-1] else None
                found = [(text, answered) for text, _ in found]  # unless the reply opens with one
            found += [(m["text"], None) for m in _RECOMMENDATION_IS_THAT.finditer(item.text)]
            found += [(m["text"], "not accepted") for m in _DECLINED_PROPOSAL.finditer(item.text)]
            found += [(m["text"], "not accepted" if m["negation"] else "accepted") for m in _NAMED_THEN_DONE.finditer(item.text)]
            found += [(m["text"], "not accepted" if m["negation"] else _position(m["verb"])) for m in _UNNUMBERED_PASSIVE.finditer(item.text)]
            found += [(m["text"], None) for m in _RECOMMENDATION_ON.finditer(item.text) if not _names_numbered(context, m["text"])]
            if not found:  # the patterns above read the same words with the position taken on them
                found += [(m["text"], None) for m in _THE_RECOMMENDATION_THAT.finditer(item.text)
                          if not _NEGATED_BEFORE.search(item.text[:m.start()])]
            for listed in _RECOMMENDATIONS_INCLUDING.finditer(item.text):
                status = _position(listed["verb"]) if listed["verb"] else None
                found += [(part, status) for part in _LIST_SPLIT.split(listed["list"]) if _LISTED_THING.match(part)]
            for listed in _RECOMMENDATIONS_ARE.finditer(item.text):
                status = _position_on_them_all([*earlier, item.text[:listed.start()]])
                found += [(part, status) for part in _CLAUSES.split(listed["list"])]
            earlier.append(item.text)
            for text, status in found:
                _add_unnumbered(context, owner, report_iri, paragraph, item, text, status)
    _add_listed_under_position(context, owner, report_iri)


_SPEAKER_WORDS = 8  # a line naming who speaks next ("Lord Young of Norwood Green") is short, with no full stop


def _answer_position(paragraphs: list[Paragraph], position: int) -> str | None:
    """The position the reply to the question ending the paragraph at ``position`` opens with ("My Lords, we
    are considering a range of options, including ..."), in the next paragraph, or the one after the speaker's name."""
    for after in paragraphs[position + 1:position + 3]:
        if len(after.items) <= 1 and len(after.text.split()) <= _SPEAKER_WORDS and not after.text.rstrip().endswith((".", "?", "!")):
            continue
        stated = statements.status_from_wording(after.items[0].text) if after.items else None
        return stated[0] if stated else None
    return None


def _position_on_all_reported(paragraphs: list[Paragraph], position: int) -> str | None:
    """The position taken on every recommendation of a review ("I have accepted the recommendations"), in the
    paragraph at ``position`` or up to :data:`_POSITION_WINDOW` paragraphs before it in its section, nearest first:
    that of the recommendations the paragraph reports."""
    for back in range(_POSITION_WINDOW + 1):
        if position - back < 0 or paragraphs[position - back].section != paragraphs[position].section:
            break
        for item in reversed(paragraphs[position - back].items):
            text = item.text
            if (text.rstrip().endswith("?") or not _ON_THEM_ALL.search(text) or _SOME_OF_THEM.search(text)
                    or _CONDITIONAL_POSITION.match(text)):
                continue
            if stated := statements.status_from_wording(text):
                return stated[0]
    return None


_CONDITIONAL_POSITION = re.compile(r"(?:where|if|when|unless|whether)\b", re.I)


def _position_on_them_all(texts: list[str]) -> str | None:
    """The position the nearest of ``texts`` (the sentences before a list) states of all the recommendations it
    names ("Today I can confirm acceptance of all three of the recommendations"), if it states one."""
    for text in reversed(texts):
        if "ecommendation" in text and _OF_THEM_ALL.search(text) and (stated := statements.status_from_wording(text)):
            return stated[0]
    return None


def _add_unnumbered(context: _Context, owner: str, report_iri: str | None, paragraph: Paragraph, item: Item,
                    text: str, status: str | None) -> str:
    """One recommendation stated without a number (``text``), with the response ``status`` if stated. Returns its IRI."""
    graph, inquiry = context.graph, context.inquiry
    title = text.strip().rstrip(".,;?”’\"").strip()
    where = context.where(paragraph, item)
    iri = mint("recommendation", owner, slug(title, 60))
    add_node(graph, iri, "Recommendation", title if len(title) <= 90 else title[:87].rstrip() + "…", where, title=title)
    if inquiry is not None:
        add_edge(graph, iri, inquiry.iri, "made_by", where)
    if report_iri is not None:
        add_edge(graph, iri, report_iri, "published_in", where)
    if status is None:
        return iri
    response = mint("response", context.slug, slug(title, 60))
    progress = progress_from_wording(item.text)
    add_node(graph, response, "Response", f"Response to: {title[:70]}", where,
             status=status, status_quote=item.text, status_source="text",
             progress=progress[0] if progress else None, progress_quote=item.text if progress else None)
    add_edge(graph, response, iri, "responds_to", where)
    add_edge(graph, response, context.paragraph_iri(paragraph), "stated_in", where)
    return iri


# A heading over a list of recommendations that states their position ("Main recommendations accepted").
_POSITION_HEADING = re.compile(
    r"\brecommendations?\s+(?:which\s+)?(?:have been\s+|were\s+)?(?P<verb>not accepted|accepted|rejected|agreed|noted)\b", re.I)
_POSITION_HEADING_WORDS = 12
# A table row's first cell run into the next, as a table flattened to lines reads: the report and its
# date ("First Report: Organisation of Research May 1983 There should be ..."), the next cell starting
# with a capital right after the year.
_REPORT_CELL = re.compile(
    rf"(?:[A-Z][a-z]+\s+){{0,2}}Report\s*:\s*[^.:;]{{3,200}}?\s(?:{'|'.join(m.capitalize() for m in MONTHS)})\s+\d{{4}}\s+(?=[A-Z])")


def _add_listed_under_position(context: _Context, owner: str, report_iri: str | None) -> None:
    """Under a heading such as "Main recommendations accepted", the sentences phrased as recommendations
    ("There should be a Chief Scientist post ...") are recommendations with that position."""
    status: str | None = None
    for section in context.document.sections:
        heading = _POSITION_HEADING.search(section.heading)
        if heading and len(section.heading.split()) <= _POSITION_HEADING_WORDS:
            status = _position(heading["verb"])
        if status is None:
            continue
        in_rows = False  # after a flattened row, the section's lines are that table's next rows
        for paragraph in section.paragraphs:
            if id(paragraph) in context.recommendation_paragraphs or paragraph.locator in context.answered_in:
                continue
            for item in paragraph.items:
                # A table flattened to lines runs a row's first cell (the report and its date) into the recommendation.
                text = item.text[cell.end():] if (cell := _REPORT_CELL.match(item.text)) else item.text
                if _states_recommendation(text) or (in_rows and len(paragraph.items) == 1):
                    # A later row's line is a recommendation however it is worded ("Provisions made for ...").
                    _add_unnumbered(context, owner, report_iri, paragraph, item, text, status)
                    in_rows = in_rows or cell is not None


def _names_numbered(context: _Context, subject: str) -> bool:
    """Whether "recommendation on <subject>" names one the document numbers ("IICSA’s recommendation on
    therapeutic support" is recommendation 16, "A national guarantee of specialist therapeutic support")."""
    words = set(_TITLE_WORD.findall(subject.lower())) - _GENERIC_WORDS
    titles = (str(context.graph.nodes[iri].get("title") or "").lower() for iri in context.recommendations.values())
    return bool(words) and any(words <= set(_TITLE_WORD.findall(title)) for title in titles)


def _position(verb: str) -> str:
    """The status a verb of :data:`_POSITION_ON_UNNUMBERED` states ("has accepted" → accepted)."""
    verb = verb.lower()
    return next(status for stem, status in _POSITION.items() if stem in verb)


# Column headings of a table of recommendations ("Rec. no. | Recommendation | Government response | Lead").
_NUMBER_COLUMN = re.compile(r"^(?:rec(?:ommendation)?\.?\s*(?:no\.?|number|ref(?:erence)?)|no\.?|number|ref(?:erence)?|#)$", re.I)
_TEXT_COLUMN = re.compile(r"^(?:(?:the|inquiry|report)(?:'s)?\s+)?recommendations?(?:\s+(?:text|summary|made))?$|^(?:summary|text|description)$", re.I)
_ACCEPTANCE_COLUMN = re.compile(r"\b(?:response|accepted|acceptance|position|agreed)\b", re.I)
# "Status" holds the response, or the progress where another column holds the response.
_STATUS_COLUMN = re.compile(r"\b(?:response|status|accepted|acceptance|position|agreed)\b", re.I)
_PROGRESS_COLUMN = re.compile(r"\b(?:progress|implementation|implemented|delivery|rag|status)\b", re.I)
_ROW_NUMBER = re.compile(r"^(?:R|Rec(?:ommendation)?\.?\s*)?(\d{1,3})\.?$", re.I)


def _column(header: tuple[str, ...], pattern: re.Pattern[str], taken: set[int]) -> int | None:
    return next((i for i, heading in enumerate(header) if i not in taken and pattern.search(heading)), None)


def _add_table_recommendations(context: _Context, add_recommendation: Callable[[int, str, Provenance, str], None]) -> None:
    """A table of recommendations yields one recommendation per row: its number, its text, and the
    response its status column states ("Accepted in full", "In principle", "Not accepted").

    A row's number is in a number column ("No.", "Rec. ref") or, failing one, leads the
    recommendation column ("13", "R13"); the row is the response's paragraph.
    """
    for section in context.document.sections:
        for paragraph in section.paragraphs:
            header, cells = paragraph.header, paragraph.cells
            if not header or not cells or cells == header or len(cells) != len(header):
                continue
            number_at = _column(header, _NUMBER_COLUMN, set())
            text_at = _column(header, _TEXT_COLUMN, {number_at} if number_at is not None else set())
            if number_at is not None:
                found = _ROW_NUMBER.match(cells[number_at])
                title = cells[text_at] if text_at is not None else ""
            elif text_at is not None:  # no number column: the number leads the recommendation's text ("13", "R13")
                first, _, title = cells[text_at].partition(" ")
                found = _ROW_NUMBER.match(first)
            else:
                continue
            taken = {i for i in (number_at, text_at) if i is not None}
            status_at = _column(header, _ACCEPTANCE_COLUMN, taken)
            status_at = _column(header, _STATUS_COLUMN, taken) if status_at is None else status_at
            if found is None or not 1 <= int(found.group(1)) <= MAX_RECOMMENDATION_NUMBER:
                continue
            number, where = int(found.group(1)), context.where(paragraph)
            if number not in context.recommendations:
                # A row without the recommendation's text (a heading above states it) adds none of its own.
                if text_at is None or not re.search(r"[^\W\d_]{3}", title):
                    continue
                add_recommendation(number, title.strip().rstrip(".").strip() or cells[text_at], where, section.heading)
            listed = context.response_paragraphs.get(number, [])
            context.response_paragraphs[number] = list(dict.fromkeys([*listed, paragraph.locator]))
            context.keywords.setdefault(number, [])
            if status_at is not None and (stated := statements.status_from_cell(cells[status_at])):
                context.table_statuses[number] = (stated[0], cells[status_at], where)
            progress_at = _column(header, _PROGRESS_COLUMN, {i for i in (number_at, text_at, status_at) if i is not None})
            if progress_at is not None and (progress := progress_from_wording(cells[progress_at])):
                context.table_progress[number] = (progress[0], cells[progress_at])


# A response cell run into its row's other cells, as text taken from a PDF table reads:
# "1. The new entity tasked with running elite FA, NewCo Support - the FA and NewCo should ...".
_RUN_IN_CELL = re.compile(
    r"(?<=[\w,.)] )(?:Support(?:ed)?|Accept(?:ed)?|Agreed?|Reject(?:ed)?|Not accepted|Noted|Partially accepted|In principle)"
    r"(?: in (?:full|part|principle))?\s+[-–—:]\s")


def _add_flattened_table_statuses(context: _Context) -> None:
    """Statuses from a recommendations table whose rows came out as numbered lines of run-in cells.

    Only after a table heading with a recommendation column and a response column, and only the
    first such row of each recommendation; a row read as a table keeps its own status.
    """
    seen_header = False
    for paragraph in context.document.paragraphs:
        header = paragraph.header
        if header and _column(header, _TEXT_COLUMN, set()) is not None and _column(header, _STATUS_COLUMN, set()) is not None:
            seen_header = True
            continue
        number = paragraph.number
        if not seen_header or number is None or number not in context.recommendations or number in context.table_statuses:
            continue
        if (cell := _RUN_IN_CELL.search(paragraph.text)) and (stated := statements.status_from_cell(paragraph.text[cell.start():])):
            context.table_statuses[number] = (stated[0], paragraph.text[cell.start():], context.where(paragraph))


# A response table flattened to headings: under a recommendation's heading, a heading "MDT Response" (or
# "Government response") with nothing under it, then the verdict as the next heading ("Accepted", "Partially
# Applicable to Scotland").
_RESPONSE_LABEL = re.compile(r"^(?:[\w’'-]+\s+){0,2}response$", re.I)
_VERDICT_WORDS = 6
# "Applicable to Scotland" is a verdict on where a recommendation applies, not on whether it is accepted; it states
# acceptance only where the document says it accepts them where they apply ("we have accepted them where we feel
# they should apply in a Scottish context").
_ACCEPTED_WHERE_APPLYING = re.compile(
    r"\baccept(?:s|ed)?\s+(?:them|these|those|the recommendations)\s+where\s+(?:we\s+(?:feel|consider|think|judge)\s+)?"
    r"(?:they|it)\s+(?:should\s+|would\s+|can\s+|do\s+)?apply\b", re.I)
_APPLICABILITY = [("accepted in part", re.compile(r"^(?:partially|partly|in part)\s+applicable\b", re.I)),
                  ("not accepted", re.compile(r"^not\s+applicable\b", re.I)),
                  ("accepted", re.compile(r"^(?:fully\s+)?applicable\b", re.I))]


def _add_verdict_headings(context: _Context) -> None:
    """Statuses stated as a heading after an empty response heading, under a recommendation's heading."""
    sections = context.document.sections
    applying = any(_ACCEPTED_WHERE_APPLYING.search(item.text) for p in context.document.paragraphs for item in p.items)
    number: int | None = None
    for position, section in enumerate(sections):
        if (heading := _recommendation_heading(section.heading)) is not None:
            number = int(heading.group(1))
            continue
        if number is None or number not in context.recommendations or number in context.table_statuses:
            continue
        if not _RESPONSE_LABEL.match(section.heading) or section.paragraphs or position + 1 >= len(sections):
            continue
        verdict = sections[position + 1].heading
        if len(verdict.split()) > _VERDICT_WORDS:
            continue
        stated = statements.status_from_cell(verdict)
        if stated is None and applying:
            stated = next(((status, verdict) for status, pattern in _APPLICABILITY if pattern.match(verdict)), None)
        if stated is not None:
            where = Provenance(context.iri, f"s{position + 2}", None, verdict, 0, len(verdict), verdict)
            context.table_statuses[number] = (stated[0], verdict, where)


def _cited_numbers(text: str) -> list[int]:
    numbers = [int(n) for n in re.findall(r"\d+", text)]
    return [n for n in numbers if 1 <= n <= MAX_RECOMMENDATION_NUMBER]


def _topic_before(text: str, position: int) -> str:
    """The words naming what a cited number is about: the clause before it ("the college of fire and rescue")."""
    before = text[:position].rstrip(" (")
    topic = _CLAUSE_START.sub("", before).strip(" ,;:")
    return _DETERMINER.sub("", topic).strip()


_LIST_TITLE = re.compile(r"^(?:(?:summary|list) of )?(?:the )?(?:conclusions and )?recommendations$", re.I)


def _numbered_list(section: Section, heading: str) -> list[Paragraph]:
    """The numbered paragraphs of a section headed (``heading``) as a list of recommendations, if they count from 1."""
    lower = heading.lower()
    if "recommendations" not in lower or _recommendation_heading(heading) or _RESPONSE_HEADING.match(lower):
        return []
    numbered = [p for p in section.paragraphs if p.number is not None]
    return numbered if numbered and numbered[0].number == 1 else []


def _add_cited_recommendations(context: _Context, add_recommendation: Callable[[int, str, Provenance, str], None]) -> None:
    """Recommendations a document lists or cites by number, besides those stated as "Recommendation N: title".

    A numbered list under a heading about recommendations states them; "Mandatory reporting
    (Recommendation 13)" as a heading, "recommendations 59 and 61" in a sentence, and, in a
    paragraph about recommendations, "the college of fire and rescue (29 and 30)" cite them.
    The section or paragraph citing one is part of the response to it.
    """
    def cite(number: int, title: str, where: Provenance, theme: str, locators: list[str]) -> None:
        if number not in context.recommendations:
            add_recommendation(number, title or where.quote, where, theme)
        known = context.response_paragraphs.setdefault(number, [])
        context.response_paragraphs[number] = list(dict.fromkeys(known + locators))
        context.keywords.setdefault(number, [])

    for section_position, section in enumerate(context.document.sections, start=1):
        if not _recommendation_heading(section.heading) and (match := _CITED.search(section.heading)):
            quote = Provenance(context.iri, f"s{section_position}", None, section.heading, 0, len(section.heading), section.heading)
            title = section.heading[: match.start()].strip(" (–—-:") or section.heading
            for number in _cited_numbers(match.group(1)):
                cite(number, title, quote, "", [p.locator for p in section.paragraphs])
        # A list right under a title that names only it ("Conclusions and recommendations") is headed by it.
        title = context.document.title
        heading = section.heading or (title if section_position == 1 and _LIST_TITLE.match(title) else "")
        for paragraph in _numbered_list(section, heading):
            if id(paragraph) in context.recommendation_paragraphs or paragraph.number is None:
                continue
            context.recommendation_paragraphs.add(id(paragraph))
            cite(paragraph.number, paragraph.lead.rstrip(".").strip(), context.where(paragraph), section.heading, [])
        for paragraph in section.paragraphs:
            if id(paragraph) in context.recommendation_paragraphs:
                continue
            about_recommendations = "recommendation" in paragraph.text.lower()
            for item in paragraph.items:
                where = context.where(paragraph, item)
                for match in _CITED.finditer(item.text):
                    title = _topic_before(item.text, match.start()) if item.text[: match.start()].rstrip().endswith("(") else ""
                    for number in _cited_numbers(match.group(1)):
                        cite(number, title, where, section.heading, [paragraph.locator])
                for match in _CITED_IN_WORDS.finditer(item.text):
                    cite(_NUMBER_WORDS[(match["word"] or match["one"]).lower()], "", where, section.heading, [paragraph.locator])
                if about_recommendations:
                    for match in _BRACKETED.finditer(item.text):
                        for number in _cited_numbers(match.group(1)):
                            cite(number, _topic_before(item.text, match.start()), where, section.heading, [paragraph.locator])


_MODAL = re.compile(r"\b(?:should|must)\b|\brecommends? that\b")
_NOT_A_SUBJECT = re.compile(r"\b(?:that|which|who|if|when|where|whether|agrees?|believes?|accepts?|recognises?|expects?|thinks?)\b", re.I)
_SUBJECT_WORDS_MAX = 12


def _states_recommendation(sentence: str) -> bool:
    """Whether a sentence is phrased as a recommendation: a subject, then "should" or "must"
    ("The Government must immediately remove ..."), not a view about one ("We agree that X should").

    >>> _states_recommendation("The Government must immediately remove the Post Office from redress.")
    True
    >>> _states_recommendation("The Government agrees that clubs should do more.")
    False
    """
    modal = _MODAL.search(sentence)
    if modal is None:
        return False
    subject = sentence[: modal.start()]
    return len(subject.split()) <= _SUBJECT_WORDS_MAX and not _NOT_A_SUBJECT.search(subject)


def _add_answered_recommendations(context: _Context, add_recommendation: Callable[[int, str, Provenance, str], None]) -> None:
    """Under a "Government Response" heading, numbered paragraphs phrased as recommendations ("1. The
    Government must ...") restate a committee's recommendations; the paragraphs after each answer it."""
    for section in context.document.sections:
        if not _RESPONSE_HEADING.match(section.heading.lower()):
            continue
        answered: int | None = None
        for paragraph in section.paragraphs:
            first = paragraph.items[0].text if paragraph.items else paragraph.lead
            number = paragraph.number
            if number is not None and 1 <= number <= MAX_RECOMMENDATION_NUMBER and _states_recommendation(first):
                if number not in context.recommendations:
                    add_recommendation(number, first.rstrip(".").strip(), context.where(paragraph), section.heading)
                    context.keywords.setdefault(number, [])
                context.recommendation_paragraphs.add(id(paragraph))
                context.response_paragraphs.setdefault(number, [])
                answered = number
            elif answered is not None and number is None:
                context.response_paragraphs[answered].append(paragraph.locator)
            else:
                answered = None


def _add_response(context: _Context, number: int, facts: dict[str, Any], document_paragraphs: list[Paragraph]) -> None:
    graph = context.graph
    locators = context.response_paragraphs[number]
    wanted = set(locators)
    paragraphs = [p for p in document_paragraphs if p.locator in wanted]
    status = quote = None
    where = None
    source = None
    # Whether other recommendations are answered in the same paragraphs (then only items with this one's keywords count).
    sharing = {n for locator in locators for n in context.answered_in[locator]}
    several = len(sharing) > 1
    keywords = context.keywords[number] or (_title_keywords(context, number, sharing) if several else [])
    if number in context.table_statuses:  # a table row's status column says it plainly
        status, quote, where = context.table_statuses[number]
        source = "text"
    others = sorted(n for n in sharing if n != number and n in context.recommendations)
    titles = [_title_of(context, n) for n in (number, *others)]
    own = [keywords] + [context.keywords.get(n) or _title_keywords(context, n, sharing) for n in others]
    items = [(paragraph, item) for paragraph in paragraphs
             if paragraph.locator not in context.in_part  # a part's paragraphs state the part's response, not the whole's
             for item in paragraph.items
             # unless about them all, an item about another of the recommendations answered here says nothing of this one
             if not several or _speaks_of(context, item.text, titles, own)]
    read = _positions_stated(context, items, read_status=number not in context.table_statuses,
                             progress=context.table_progress.get(number, (None, None)), title=_title_of(context, number))
    progress, progress_quote = read.progress, read.progress_quote
    if read.status is not None:
        status, quote, where, source = read.status, read.quote, read.where, "text"
    if status is None and facts.get("status"):
        status, quote, source = facts["status"], facts.get("quote"), "curated"
        where = _curated_where(context, quote, f"response:{context.slug}:{number}")
    iri = mint("response", context.slug, number)
    recommendation = context.recommendations[number]
    label = f"Response to recommendation {number}"
    anchor = where or context.where(paragraphs[0]) if paragraphs else where
    if anchor is None:
        anchor = Provenance(context.iri, "title", None, "", 0, len(context.document.title), context.document.title)
    add_node(graph, iri, "Response", label, anchor, number=number, status=status, status_quote=quote, status_source=source,
             progress=progress, progress_quote=progress_quote)
    add_edge(graph, iri, recommendation, "responds_to", anchor)
    for paragraph in paragraphs:
        add_edge(graph, iri, context.paragraph_iri(paragraph), "stated_in", context.where(paragraph))


def _speaks_of(context: _Context, text: str, titles: list[str], own: list[list[str]]) -> bool:
    """Whether an item answering several recommendations (or parts) at once speaks of the first of ``titles``,
    whose own words (those of its title the others lack) are ``own``'s first list: it speaks of them all; or
    it restates a phrase of titles ("registration of care staff") and this one's is among them; or, restating
    none, it uses at least as many of this one's own words as of any other's (every item does when it has
    none); or, using no one's own words, it uses this one's title words that only some share ("registration")."""
    if _COLLECTIVE.search(text):
        return True
    words = f" {' '.join(_WORD.findall(_fold_quotes(text.lower())))} "
    restated = [any(f" {phrase} " in words for phrase in _title_phrases(title)) for title in titles]
    if any(restated):
        return restated[0]
    if not own[0]:
        return True
    counts = [statements.count_keywords(text, words) for words in own]
    if max(counts):
        return counts[0] == max(counts)
    return statements.matches_keywords(text, sorted(_title_stems(context, titles[0])))


def _title_of(context: _Context, number: int) -> str:
    return str(context.graph.nodes[context.recommendations[number]].get("title") or "")


_WORD = re.compile(r"[a-z0-9][a-z0-9'-]*")
_PHRASE_WORDS = 4  # so many title words in a row, most of them telling ones, restate a title
_TELLING_IN_PHRASE = 3


def _fold_quotes(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'")


@lru_cache(maxsize=1024)
def _title_phrases(title: str) -> tuple[str, ...]:
    """The runs of :data:`_PHRASE_WORDS` words of a title with :data:`_TELLING_IN_PHRASE` telling ones (four
    letters or more, not generic): "registration of care staff", not "the work of the"."""
    words = _WORD.findall(_fold_quotes(title.lower()))
    runs = (words[i : i + _PHRASE_WORDS] for i in range(len(words) - _PHRASE_WORDS + 1))
    return tuple(" ".join(run) for run in runs
                 if sum(len(word) >= 4 and word not in _GENERIC_WORDS for word in run) >= _TELLING_IN_PHRASE)


# "The Government accepts these recommendations", "all three recommendations": a sentence about every one answered.
_COLLECTIVE = re.compile(r"\b(?:these|all|both|each of the|all of the)\s+(?:\w+\s+)?recommendations\b", re.I)
_TITLE_WORD = re.compile(r"[a-z][a-z’'-]{4,}")
# Words any response may use: they say nothing of which recommendation a sentence is about.
_GENERIC_WORDS = frozenset({
    "about", "across", "after", "against", "before", "being", "between", "child", "children", "could", "every",
    "from", "further", "other", "people", "should", "their", "there", "these", "those", "through", "under", "where",
    "which", "while", "within", "would", "ensure", "establish", "extend", "extended", "improve", "improved",
    "increase", "introduce", "introduction", "provide", "require", "requirement", "support", "develop", "deliver",
    "national", "public", "review", "system", "services",
})
_KEYWORD_STEM = 6  # "registr" starts "registration" and "registered": keywords match as word starts


def _title_keywords(context: _Context, number: int, sharing: set[int]) -> list[str]:
    """The words of a recommendation's title that no other recommendation answered in the same
    paragraphs has: a sentence there speaks of this one only if it uses one of them."""
    def stems(n: int) -> set[str]:
        return _title_stems(context, _title_of(context, n))

    others = set().union(*(stems(n) for n in sharing if n != number and n in context.recommendations))
    return sorted(stems(number) - others)


def _title_stems(context: _Context, title: str) -> set[str]:
    """The starts of a title's telling words: not generic, and not the inquiry's own words ("child",
    "sexual", "abuse"), which are in most of what answers it."""
    inquiry_words = set(_TITLE_WORD.findall(context.inquiry.name.lower())) if context.inquiry else set()
    return {word[:_KEYWORD_STEM] for word in _TITLE_WORD.findall(title.lower()) if word not in _GENERIC_WORDS | inquiry_words}


def _rank(status: str) -> int:
    return [name for name, _ in statements.STATUS_WORDING].index(status)


def _answerable(context: _Context, paragraph: Paragraph) -> tuple[list[int], bool]:
    """What the commitments in ``paragraph`` may answer: the recommendations whose responses
    it is part of, and, when there are none, whether it cites the inquiry's recommendations."""
    numbers = context.answered_in.get(paragraph.locator, [])
    cites = not numbers and context.inquiry is not None and _cites_inquiry_recommendations(paragraph.lead, context.inquiry)
    return numbers, cites


def _recommendations_answered(context: _Context, answerable: tuple[list[int], bool], text: str) -> list[str]:
    """The recommendations a commitment answers, of those its paragraph may answer (:func:`_answerable`)."""
    numbers, cites = answerable
    if cites:
        # "These measures include responding directly to several of IICSA's recommendations:"
        numbers = [n for n in context.keywords if context.keywords[n] and statements.matches_keywords(text, context.keywords[n])]
        return [context.recommendations[n] for n in sorted(numbers)]
    if len(numbers) > 1:
        matched = [n for n in numbers if context.keywords.get(n) and statements.matches_keywords(text, context.keywords[n])]
        numbers = matched or numbers
    return [context.recommendations[n] for n in sorted(numbers)]


def _cites_inquiry_recommendations(text: str, inquiry: Entity) -> bool:
    """Whether ``text`` speaks of this inquiry's recommendations ("IICSA’s recommendations")."""
    return bool(_inquiry_recommendations_pattern((inquiry.name, *inquiry.abbreviations, *inquiry.aliases)).search(text))


@lru_cache(maxsize=64)  # asked for every commitment outside a response; the inquiry rarely changes
def _inquiry_recommendations_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(n) for n in names)
    return re.compile(rf"(?:{alternatives})(?:[’']s?)?\s+(?:\w+\s+)?recommendations?")


_GERUND_OPENING = re.compile(r"[A-Za-z]+ing\b")  # "securing efficiencies ...": a bullet that opens with its action


_TO_THE_READER = re.compile(
    r"^(?:please\s+)?(?:read|see|find|download|view|visit|contact|e-?mail|apply|use|check|follow|go to|select|choose|"
    r"click|call|write to|sign up|register|search)\b", re.I)


def _add_commitments(context: _Context) -> None:
    government = context.finder.gazetteer.government()
    for paragraph in context.document.paragraphs:
        items = paragraph.items
        if id(paragraph) in context.recommendation_paragraphs:
            continue
        is_caveat = [statements.CAVEAT.search(i.text) is not None for i in items]
        caveats = [i.text for i, caveat in zip(items, is_caveat, strict=True) if caveat]
        answerable = _answerable(context, paragraph)
        frame_position = max((n for n, i in enumerate(items) if i.kind == "sentence"), default=None)
        frame = items[frame_position] if frame_position is not None and statements.is_frame(items[frame_position].text) else None
        # A lead that tells the reader what to do ("Read detailed information about the funds:") introduces a
        # list of things to read or use, not of actions.
        frame_acts = frame is not None and _TO_THE_READER.match(frame.text) is None
        frame_mentions = _frame_mentions(context, paragraph, frame_position) if frame and frame_position is not None else []
        frame_lead = _stated_lead(frame.text, frame_mentions, government) if frame else None
        published = context.document.published
        # A dated lead ("... the following steps by 2028/29:") dates the bullets it introduces.
        frame_deadline = find_stated_deadline(frame.text, published) if frame else None
        # A lead that dates an action of its own ("We are supporting ... by 20% by 2020, by:") is a
        # commitment itself, and its bullets are the means, not dated by it; a bare lead
        # ("This will include the following steps by 2028/29:") dates the bullets it introduces.
        frame_commits = frame is not None and frame_deadline is not None and not statements.is_bare_lead(frame.text) and statements.is_commitment(
            frame.text, names_actor=any(m.entity.type in {"Organisation", "Post"} for m in frame_mentions), dated=True)
        parent: tuple[list[Mention], Entity | None] = ([], None)  # the last bullet's mentions and lead
        for position, item in enumerate(items):
            mentions = context.mentions[(paragraph.locator, position)]
            stated_lead: Entity | None = None  # _stated_lead of the item, once asked (asked twice for most bullets)
            stated_lead_known = False
            if item.kind == "bullet" and item.level <= 1:
                # "... this will involve the ONS:" hands its sub-bullets to the body it names last.
                named = [m.entity for m in mentions if m.entity.type in {"Organisation", "Post"}]
                if statements.is_frame(item.text) and named:
                    parent = (mentions, named[-1])
                else:
                    stated_lead, stated_lead_known = _stated_lead(item.text, mentions, government), True
                    parent = (mentions, stated_lead or frame_lead)
            if is_caveat[position]:
                continue
            if statements.is_frame(item.text) and item.kind == "sentence" and (item is not frame or not frame_commits):
                continue  # a lead commits through its bullets, unless it dates an action of its own
            # A bullet under a lead ending in ":", or one that opens with the action ("introducing ..."), commits.
            # Under a lead that dates an action of its own, a bullet without a verb of action is a label of
            # the lead's schedule ("due diligence and contracting August to September 2015"), not a commitment.
            subject = statements.subject_of(item.text)
            framed = item.kind == "bullet" and (
                (frame_acts and (not frame_commits or subject is not None or _GERUND_OPENING.match(item.text) is not None))
                or statements.opens_with_action(item.text))
            refusal = statements.is_refusal(item.text)
            if not framed and subject is None and "£" not in item.text and not refusal and statements.dated_plan(item.text) is None:
                # Commits to nothing, dated or not (is_commitment needs a committing verb, and
                # funded_and_dated an amount of money): spare the search for a deadline.
                continue
            subject = subject or ""
            # "Several measures in the Crime and Policing Bill will ...": a government bill acts for it.
            actors = [m for m in mentions if (m.entity.type in {"Organisation", "Post"} or m.entity.kind == "bill") and m.end <= len(subject)]
            deadline = find_stated_deadline(item.text, published)
            dated = deadline is not None
            if framed:
                committed = True
            else:
                # "£500m ... from April 2025"; not "This locked in ... £16.3 billion by 2019 to 2020" nor a forecast
                funded_and_dated = (dated and bool(find_money(item.text)) and not statements.is_forecast(item.text)
                                    and not statements.opens_with_consequence(item.text) and not statements.states_a_figure(item.text))
                committed = refusal or funded_and_dated or statements.is_commitment(item.text, names_actor=bool(actors), dated=dated)
            if not committed:
                continue
            inherited, context_lead = list(frame_mentions), frame_lead
            if item.level == 2:  # a sub-bullet's nearest context is its parent bullet
                inherited, context_lead = parent[0] + inherited, parent[1] or frame_lead
            if not stated_lead_known:
                stated_lead = _stated_lead(item.text, mentions, government)
            lead = stated_lead or context_lead or government
            if deadline is None and item.kind == "bullet" and not frame_commits:
                deadline = frame_deadline
            _add_commitment(context, paragraph, item, mentions, inherited, deadline, caveats, lead, answerable)


def _stated_lead(text: str, mentions: list[Mention], government: Entity | None) -> Entity | None:
    """Who the sentence says does the action, if it says: the agent of a passive ("will be
    published by the ONS"), else a body in the subject's clause ("By May, the Home Office
    will"), else government for "we" ("Working with Ofsted, we will"); ``None`` if unsaid."""
    actors = [m for m in mentions if m.entity.type in {"Organisation", "Post"}]
    if passive := statements.PASSIVE_AGENT.search(text):
        agents = [m for m in actors if m.start >= passive.end()]
        if agents:
            return agents[0].entity
    subject = statements.subject_of(text) or ""
    clause_start = max(subject.rfind(statements.subject_clause(subject)), 0)
    # A name may hold the comma the clause was cut at ("Department for Science, Innovation and Technology").
    in_clause = [m for m in actors if m.end > clause_start and m.end <= len(subject)]
    if in_clause:
        return in_clause[0].entity
    if _WE.search(subject[clause_start:]):
        return government
    return None


def _frame_mentions(context: _Context, paragraph: Paragraph, position: int) -> list[Mention]:
    """Mentions in a list's lead that apply to its bullets ("... through the Crime and Policing Bill:"),
    leaving out those the lead sets aside ("Beyond the Crime and Policing Bill, ...")."""
    text = paragraph.items[position].text
    return [
        m for m in context.mentions.get((paragraph.locator, position), [])
        if not _SET_ASIDE.search(text, 0, m.start)
    ]


def _item_key(paragraph: Paragraph, item: Item) -> tuple[str, str, int]:
    return paragraph.locator, "b" if item.kind == "bullet" else "s", item.index


def _commitment_iri(context: _Context, paragraph: Paragraph, item: Item) -> str:
    """``commitment/<document>/p29-b3``: the third bullet of paragraph 29 (``s`` for a sentence).

    Remembered in ``context.commitment_iris``, which thus holds the items that are commitments.
    """
    key = _item_key(paragraph, item)
    if not context.commitment_iris:
        context.commitment_prefix = mint("commitment", context.slug)
    locator, letter, index = key
    # mint() joins slugged parts with "/": the same IRI as mint("commitment", slug, local)
    iri = context.commitment_iris[key] = f"{context.commitment_prefix}/{slug(f'{locator}-{letter}{index}')}"
    return iri


def _sentence_holding(text: str, phrase: str) -> str:
    """The sentence of ``text`` (a bullet may hold several) that holds ``phrase``: "We have introduced
    PIP. PIP is exempt from the freeze over the life of the Parliament." is dated by its second."""
    at = text.find(phrase)
    return next((text[start:end] for start, end in split_sentences(text) if start <= at < end), text)


def _add_commitment(
    context: _Context,
    paragraph: Paragraph,
    item: Item,
    mentions: list[Mention],
    inherited: list[Mention],
    deadline: Deadline | None,
    caveats: list[str],
    lead: Entity | None,
    answerable: tuple[list[int], bool],
) -> None:
    graph = context.graph
    where = context.where(paragraph, item)
    iri = _commitment_iri(context, paragraph, item)
    label = item.text if len(item.text) <= 90 else item.text[:87].rstrip() + "…"
    add_node(
        graph, iri, "Commitment", label, where,
        text=item.text,
        paragraph=paragraph.number,
        locator=paragraph.locator,
        section=paragraph.section,
        deadline=deadline.iso if deadline else None,
        deadline_start=deadline.start.isoformat() if deadline and deadline.start else None,
        deadline_end=deadline.end.isoformat() if deadline else None,
        deadline_text=deadline.text if deadline else None,
        conditions=" ".join(caveats) or None,
        kind=statements.commitment_kind(_sentence_holding(item.text, deadline.text) if deadline else item.text),
    )
    add_edge(graph, iri, context.paragraph_iri(paragraph), "stated_in", where)
    for recommendation in _recommendations_answered(context, answerable, item.text):
        add_edge(graph, iri, recommendation, "answers", where)

    if lead is not None:
        _add_entity(context, lead, where)
        add_edge(graph, iri, lead.iri, "led_by", where)
        context.commitment_leads[iri] = lead.iri
    # Bullets inherit the names in their list's lead: a lead naming thousands, over thousands of
    # bullets, would make millions of links; the paragraph's budget stops that.
    links = context.link_counts.get(paragraph.locator, 0)
    for mention in [*mentions, *inherited]:
        links += 1
        if links > MAX_LINKS_PER_PARAGRAPH:
            context.over_limit(paragraph, f"its commitments name more than {MAX_LINKS_PER_PARAGRAPH:,} bodies, bills "
                                          "and programmes; the rest are not linked")
            break
        entity = mention.entity
        if lead is not None and entity.iri == lead.iri:
            continue
        _add_entity(context, entity, where)
        if entity.type in {"Organisation", "Post", "Person", "Inquiry"} and entity.type != "Inquiry":
            add_edge(graph, iri, entity.iri, "involves", where)
        elif entity.type == "Legislation":
            add_edge(graph, iri, entity.iri, "through_legislation", where)
        elif entity.type in {"Programme", "Publication"}:
            add_edge(graph, iri, entity.iri, "concerns", where)
    context.link_counts[paragraph.locator] = links


def _add_figures(context: _Context) -> None:
    graph = context.graph
    for paragraph in context.document.paragraphs:
        earlier_sources: list[Entity] = []
        earlier_programmes: list[Entity] = []
        for position, item in enumerate(paragraph.items):
            mentions = context.mentions[(paragraph.locator, position)]
            bodies = [m.entity for m in mentions if m.entity.type in {"Organisation", "Inquiry"} and m.entity.kind != "government"]
            programmes = [m.entity for m in mentions if m.entity.type in {"Programme", "Publication"}]
            commitment = context.commitment_iris.get(_item_key(paragraph, item))  # None: the item commits to nothing
            for number_text in out_of_range(item.text):
                context.over_limit(paragraph, f"{number_text[:40]}: a number out of range, kept as text and not as a figure")
            in_row = find_money_in_row(paragraph.cells, paragraph.header, paragraph.section) if item.text == " | ".join(paragraph.cells) else []
            for number, money in enumerate(find_money(item.text) + in_row, start=1):
                where = context.where(paragraph, item)
                iri = mint("funding", context.slug, f"{paragraph.locator}-{position + 1}-{number}")
                purpose = _row_purpose(paragraph, money) if money in in_row else _purpose(item.text, money.end)
                add_node(graph, iri, "Funding", f"{money.text} {purpose}".strip()[:90], where,
                         amount_gbp=money.amount_gbp, amount_text=money.text, purpose=purpose,
                         # in another currency: the amount as stated, never converted to pounds
                         amount=None if money.amount_gbp is not None else money.amount,
                         currency=None if money.amount_gbp is not None else money.currency,
                         paragraph=paragraph.number, locator=paragraph.locator)
                add_edge(graph, iri, context.paragraph_iri(paragraph), "stated_in", where)
                for target in programmes or earlier_programmes[-1:]:
                    add_edge(graph, iri, target.iri, "funds", where)
                funders = [m.entity for m in mentions if m.entity.type in {"Organisation", "Post"} and m.start < money.start]
                for funder in funders[:1]:
                    add_edge(graph, iri, funder.iri, "funded_by", where)
                if commitment is not None:
                    add_edge(graph, commitment, iri, "has_funding", where)
                    if not funders and (lead := context.commitment_leads.get(commitment)):
                        add_edge(graph, iri, lead, "funded_by", where)
            if commitment is None:
                for number, figure in enumerate(find_statistics(item.text), start=1):
                    where = context.where(paragraph, item)
                    iri = mint("statistic", context.slug, f"{paragraph.locator}-{position + 1}-{number}")
                    source = bodies[0] if bodies else (earlier_sources[-1] if earlier_sources else None)
                    add_node(graph, iri, "Statistic", f"{figure.text} {figure.measure}".strip(), where,
                             value=figure.value, unit=figure.unit, measure=figure.measure, claim=item.text,
                             paragraph=paragraph.number, locator=paragraph.locator)
                    add_edge(graph, iri, context.paragraph_iri(paragraph), "stated_in", where)
                    if source is not None:
                        add_edge(graph, iri, source.iri, "produced_by", where)
            earlier_sources += bodies
            earlier_programmes += programmes


def _row_purpose(paragraph: Paragraph, money: Money) -> str:
    """What a table cell's amount pays for: its column's heading, and the row's first cell ("Costs (£ million): 4")."""
    column = " | ".join(paragraph.cells)[:money.start].count(" | ")
    heading = paragraph.header[column] if column < len(paragraph.header) and paragraph.header != paragraph.cells else paragraph.section
    return f"{heading}: {paragraph.cells[0]}" if column else heading


def _purpose(text: str, after: int) -> str:
    """What an amount pays for: the words after it, up to the end of the clause."""
    rest = _CLAUSE_END.split(text[after:], maxsplit=1)[0]
    words = rest.split()
    return " ".join(words[:16]).strip(" ,")


def add_reference_facts(graph: nx.MultiDiGraph, gazetteer: Gazetteer) -> None:
    """Curated relations between entities already in the graph (parent bodies, posts' departments)."""
    # A "parent" means different things for different kinds of entity.
    parent_relation = {"Organisation": "sub_organisation_of", "Inquiry": "sub_organisation_of", "Report": "made_by", "Post": "post_in"}
    for entity in sorted(gazetteer.entities.values(), key=lambda e: e.iri):
        if entity.iri not in graph:
            continue
        facts = [
            ("parent", parent_relation.get(entity.type, "run_by"), False),
            ("post_in", "post_in", False),
            ("chairs", "chaired_by", True),  # "Professor Alexis Jay chairs IICSA" → IICSA chaired_by her
        ]
        for key, relation, reverse in facts:
            target_name = entity.fact(key)
            target = gazetteer.lookup(target_name) if isinstance(target_name, str) else None
            if target is None or target.iri not in graph:
                continue
            source, other = (target, entity) if reverse else (entity, target)
            text = entity.fact("quote") or entity.fact("source") or f"{entity.name} → {target.name}"
            where = Provenance(curated_source(), f"reference:{slug(entity.name)}", None, "", 0, len(text), text)
            add_edge(graph, source.iri, other.iri, relation, where)
