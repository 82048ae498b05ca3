"""Implementation progress stated in plain wording: not started, in progress or complete.

The acceptance of a recommendation (``statements.STATUS_WORDING``) says what government thinks
of it; progress says how far the work has gone, as progress reports, written statements and
the tables of recommendations they print state it ("we have completed two recommendations",
"The Government are taking concerted action", a cell reading "In progress").

:func:`progress_from_wording` reads one sentence, bullet or table cell. Wording about the future or
about a condition does not count ("will be completed within months", "until all recommendations
have been implemented"), nor does a negated completion ("has not yet been implemented", which
says nothing of whether work has started).

>>> progress_from_wording("Since May, we have completed two recommendations related to evacuation plans.")
('complete', 'we have completed')
>>> progress_from_wording("The Government are taking concerted action on several of the inquiry's recommendations.")
('in progress', 'are taking concerted action')
>>> progress_from_wording("In progress")
('in progress', 'In progress')
>>> progress_from_wording("We will publish progress reports until all recommendations have been implemented.") is None
True
"""

from __future__ import annotations

import re
from functools import lru_cache

#: The progress values, in the order of work (the ``pkg:progress`` concepts of the ontology).
PROGRESS = ("not started", "in progress", "complete")

# A table cell or a line that is nothing but the value ("Complete", "In progress.", "Not yet started").
_CELL = r"^\s*(?:{})\s*\.?\s*$"

#: (progress, pattern), tried in order; the first match wins. A label may come more than once:
#: "partially implemented" is in progress although "implemented" alone would be complete.
PROGRESS_WORDING: list[tuple[str, re.Pattern[str]]] = [
    ("not started", re.compile(
        _CELL.format(r"not (?:yet )?started|not begun|yet to start") + "|"
        r"\b(?:ha(?:s|ve)|had) not (?:yet )?(?:started|begun|commenced)|\bnot yet (?:started|begun|commenced)\b|"
        r"\b(?:work|implementation|delivery) (?:has |is )?yet to (?:start|begin|commence)\b|\bno work has (?:yet )?(?:started|begun)",
        re.I)),
    ("in progress", re.compile(
        _CELL.format(r"in progress|ongoing|under ?way|on track|partially (?:complete|completed|implemented|met)|started") + "|"
        r"\b(?:partially|partly) (?:complete|completed|implemented|delivered|met)\b", re.I)),
    ("complete", re.compile(
        _CELL.format(r"complete|completed|implemented|delivered|done|met|achieved|closed") + "|"
        r"\b(?:we|government|it|they|\w+) ha(?:ve|s) (?:now |already |successfully |fully )*(?:completed|implemented|delivered|fulfilled)\b|"
        r"\bha(?:ve|s) (?:now |already )?been (?:fully |successfully )?(?:completed|implemented|delivered|fulfilled)\b|"
        r"\b(?:is|are) now (?:fully )?(?:complete|in place|in force)\b|\bcame into force\b", re.I)),
    ("in progress", re.compile(
        r"\b(?:is|are) (?:now |currently |well )?(?:in progress|under ?way|on track)\b|"
        r"\b(?:is|are|were|was) (?:already |now |currently )?being (?:addressed|implemented|delivered|taken forward|progressed|developed)\b|"
        r"\b(?:is|are) (?:now |already |currently )?taking (?:concerted |forward |further )?action\b|"
        r"\b(?:we|government|they) (?:is|are) (?:now |currently )?(?:working (?:on|to|with|towards)|progressing|developing|implementing|delivering)\b|"
        r"\b(?:work|implementation|delivery) (?:is|has) (?:now |already )?(?:started|begun|commenced|progressing|continuing)\b|"
        r"\bha(?:ve|s) (?:now |already )?(?:started|begun|commenced) (?:work|to|implementing|delivering)\b|"
        r"\bcontinues? to (?:make progress|progress|implement|deliver)\b|\bgood progress\b", re.I)),
]

# Words that make a completion hypothetical or future when they come just before it in its clause.
_NOT_DONE = re.compile(
    r"(?:\b(?:until|once|when|after|before|if|unless|will|would|should|expect(?:s|ed)?|to be|not|yet to|n't)\b[^.;:,]{0,40})$", re.I)


@lru_cache(maxsize=4096)
def progress_from_wording(text: str) -> tuple[str, str] | None:
    """``(progress, matched words)`` when ``text`` plainly states how far implementation has gone, else None.

    Parameters
    ----------
    text : str
        One sentence, bullet or table cell.

    Returns
    -------
    tuple of (str, str) or None
        The progress (one of :data:`PROGRESS`) and the words of ``text`` that state it.

    Examples
    --------
    >>> progress_from_wording("Work is underway with the fire and rescue services.")
    ('in progress', 'is underway')
    >>> progress_from_wording("Recommendation 4 has not yet been implemented.") is None
    True
    >>> progress_from_wording("Not started")
    ('not started', 'Not started')
    """
    for progress, pattern in PROGRESS_WORDING:
        for match in pattern.finditer(text):
            if progress == "complete" and _NOT_DONE.search(text, 0, match.start() + _lead(match)):
                continue  # "until all ... have been implemented", "will be completed", "has not been completed"
            return progress, match.group(0).strip().rstrip(".").strip()
    return None


def _lead(match: re.Match[str]) -> int:
    """Offset in the match of its verb phrase: a negation or "will" inside it ("it has not ...") counts too."""
    words = match.group(0)
    found = re.search(r"\bha(?:ve|s)\b|\b(?:is|are) now\b|\bcame\b", words, re.I)
    return found.start() if found else 0


__all__ = ["PROGRESS", "PROGRESS_WORDING", "progress_from_wording"]
