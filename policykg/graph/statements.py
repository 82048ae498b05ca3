"""Read what a sentence commits to, and what a response's wording says about a recommendation.

Commitments: a sentence or bullet is a commitment when its subject is government
or a named body and its verb commits to or reports an action ("we will", "the
Government has already introduced", "DHSC is providing", "By May 2025, the
Government will ..."). A bullet under a lead that ends in ":" ("The Government will
take the following steps in response:") is a commitment by virtue of its lead.

>>> is_commitment("By May 2025, the Government will introduce an improved police performance framework.")
True
>>> is_commitment("This will protect victims from having to relive their trauma.")
False
>>> status_from_wording("The Government is not currently taking forward any further steps on the proposal.")
('not accepted', 'is not currently taking forward')
"""

from __future__ import annotations

import re
from functools import lru_cache

# Verb phrases that commit to, or report, an action by the subject before them.
_COMMITTING = re.compile(
    r"\b(?:will|shall|intends? to|plans? to|(?:is|are) (?:also )?committed to|commits? to|"
    r"sets? out|(?:has|have) (?:also |already |therefore |recently )*(?:committed|introduced|announced|established|asked|"
    r"commissioned|provided|set out|launched|appointed|legislated|completed|agreed)|"
    r"(?:is|are) (?:also |already )?(?:providing|taking forward|leading|undertaking|introducing|investing|"
    r"reviewing|awaiting|ensuring|working to))\b",
    re.I,
)
# Subjects that are consequences or descriptions, not actors: "This will protect ...".
_NON_ACTOR = re.compile(r"^(?:this|it|that|these|those|which|such|doing so|there is)\b|\bwhich\s*$|\bthat\s*$", re.I)
_ACTOR = re.compile(r"\b(?:we|government|ministers?|secretary|minister|there)\b", re.I)
# A standalone caveat that qualifies the commitments around it.
CAVEAT = re.compile(r"\b(?:will depend on|subject to) (?:future )?funding", re.I)
_DESCRIPTIVE_WILL = re.compile(r"\bwill (?:depend|benefit|need to comply|apply when|reserve)\b", re.I)


# Extraction asks the same questions of a sentence several times (is it a commitment, who
# leads it, which status its wording states, for each recommendation it may answer); the
# answers depend on the text alone, so the last few thousand are kept.
@lru_cache(maxsize=4096)
def subject_of(text: str) -> str | None:
    """The text before the committing verb, or ``None`` when nothing commits."""
    match = _COMMITTING.search(text)
    if match is None:
        return None
    return text[: match.start()]


# "... will be published by the ONS": the body after "by" does the action.
PASSIVE_AGENT = re.compile(r"\bwill be (?:\w+ )?\w+(?:ed|en|t) by\b", re.I)


def subject_clause(subject: str) -> str:
    """The clause that holds the grammatical subject: after the last comma, and after "that".

    >>> subject_clause("Working with Ofsted, we ")
    'we'
    >>> subject_clause("However, we know that meaningful change ")
    'meaningful change'
    """
    clause = subject.split(",")[-1]
    if re.search(r"\bthat\s+\w", clause):
        clause = re.split(r"\bthat\s+(?=\w)", clause)[-1]
    return clause.strip()


def is_commitment(text: str, *, names_actor: bool = False, dated: bool = False) -> bool:
    """Whether a sentence commits to (or reports) an action by government or a body.

    ``names_actor`` says that a known organisation or post is named before the verb;
    ``dated`` that the sentence has a deadline (a dated action needs no named actor).
    """
    subject = subject_of(text)
    if subject is None or CAVEAT.search(text) or _DESCRIPTIVE_WILL.search(text):
        return False
    clause = subject_clause(subject)
    last_word = clause.split()[-1].lower() if clause.split() else ""
    if last_word in {"this", "it", "that", "these", "those", "which"}:
        return False
    if _NON_ACTOR.search(clause) and not _ACTOR.search(clause):
        return False
    if _ACTOR.search(clause) or names_actor or dated:
        return True
    # "By December 2025, the latest data ... will be published by the ONS": a dated passive.
    return bool(re.match(r"^(?:By|In|During|From|Later)\b", text)) and " will be " in text


def is_frame(text: str) -> bool:
    """A lead that introduces a list of actions: "The Government will take the following steps:"."""
    return text.rstrip().endswith(":")


# Plain wording → response status.  Checked in this order: the first that fires wins.
STATUS_WORDING: list[tuple[str, re.Pattern[str]]] = [
    ("not accepted", re.compile(
        r"is not (?:currently )?taking forward|will not (?:be )?tak(?:e|ing) forward|(?:do|does|did) not accept|"
        r"\brejects? (?:the|this|that) recommendation|will not (?:be )?implement|"
        r"(?:do|does) not (?:support|agree with) (?:the|this) recommendation|"
        r"makes it difficult to amend", re.I)),
    ("alternative approach", re.compile(r"does not need an amendment|rather than implementing|instead of implementing", re.I)),
    ("accepted in part", re.compile(
        r"accepts? (?:the recommendation )?in part|partially accept|accepts? (?:(?:the|this|that) recommendation )?in principle", re.I)),
    ("accepted", re.compile(
        r"has already introduced clauses|have introduced primary legislation|(?:has|have) (?:also )?committed to remov|"
        r"(?<!not )accepts? (?:the|this|that) recommendation|(?<!not )agrees? with (?:the|this|that) recommendation|"
        r"will create an? [A-Z]", re.I)),
    ("under consideration", re.compile(
        r"determine (?:whether|the most suitable)|ongoing assessment of whether|continue to monitor whether|"
        r"will consider whether|work on ambitious proposals|announce our decision", re.I)),
]


@lru_cache(maxsize=4096)
def status_from_wording(text: str) -> tuple[str, str] | None:
    """``(status, matched words)`` when the text states a position plainly, else ``None``."""
    for status, pattern in STATUS_WORDING:
        if match := pattern.search(text):
            return status, match.group(0)
    return None


def matches_keywords(text: str, keywords: list[str]) -> bool:
    """Whether any keyword starts a word in ``text`` (case-insensitive, curly quotes folded)."""
    return bool(keywords) and _keywords_pattern(tuple(keywords)).search(text.replace("’", "'").lower()) is not None


@lru_cache(maxsize=256)
def _keywords_pattern(keywords: tuple[str, ...]) -> re.Pattern[str]:
    """One regex for "any of these keywords starts a word" (an alternation finds a match where any would)."""
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(k.replace("’", "'").lower()) for k in keywords) + ")")
