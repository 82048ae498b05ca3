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

from policykg.graph.deadlines import reported_as_done, text_to_search


class GatedPattern:
    """A case-insensitive pattern, searched only in texts that hold ``gate``.

    Most sentences cannot match: ``gate in text.lower()`` tells so for a fraction of the
    cost of a case-insensitive scan (CAVEAT over the items of 100 generated documents:
    0.034 s scanned, 0.005 s gated).  The gate must be a part of every match, in lower case,
    without "i" or "s": re.I folds "ı", "İ" and "ſ" onto those letters, str.lower() does
    not, so a gate "funding" would turn away "fundıng", which the pattern matches.

    >>> CAVEAT.search("Roll-out is Subject to Funding.").group(0)
    'Subject to Funding'
    >>> CAVEAT.search("The fund will open in May.") is None
    True
    """

    def __init__(self, pattern: str, gate: str) -> None:
        if gate != gate.lower() or {"i", "s"} & set(gate):
            raise ValueError(f"gate {gate!r}: lower case, without i or s")
        self.pattern = re.compile(pattern, re.I)
        self.gate = gate

    def search(self, text: str) -> re.Match[str] | None:
        """The first match in ``text``, as ``re.Pattern.search``."""
        if self.gate not in text.lower():
            return None
        return self.pattern.search(text)


# Verb phrases that commit to, or report, an action by the subject before them.
_COMMITTING = re.compile(
    r"\b(?:(?:includes?|will (?:also )?include) (?=[a-z]+ing\b)|will|shall|intends? to|plans? to|ambitions? to|"
    r"next steps? (?:is|are|will be) to|(?:intention|aim) is (?:to|that)\b|"
    r"(?:is|are) (?:also )?committed to|commits? to|commits? (?:ourselves|itself|themselves)\b[^.;]{0,60}?\bto|"
    r"(?<=\bI )committed to|(?<=\bwe )committed to|undert(?:ook|akes?) to|"
    r"sets? out|(?:has|have) (?:also |already |therefore |recently )*(?:committed|introduced|announced|established|asked|"
    r"commissioned|provided|set out|launched|appointed|legislated|completed|agreed|published|created|opened|decided(?= to\b)|"
    r"delivered|invested|begun|started)|"
    r"(?:is|are) (?:also |already )?(?:providing|taking forward|leading|undertaking|introducing|investing|working with|"
    r"reviewing|awaiting|ensuring|working to|increasing|creating|building|expanding|extending|rolling out|"
    r"publishing|consulting|delivering|funding|supporting|managing|improving|helping|reforming|tackling|transforming|"
    r"protecting|strengthening|modernising|reducing|piloting|trialling|developing|updating|preparing|exploring|"
    r"implementing|establishing|drafting|setting up|removing|abolishing|amending|changing|replacing|legislating|"
    r"bringing forward|scrapping|ending|raising|lowering|requiring|embarking on|conducting|carrying out)|"
    r"(?:is|are) (?:now |also )?(?:on track|expected|planning|intending) to|"
    # a thing scheduled: "is due to be launched in the new year", "is due to report in December"; not "is due to the"
    r"(?:is|are) (?:now |also )?due to (?:be|report|start|begin|open|close|conclude|complete|finish|end|launch|"
    r"come into force|take effect|commence|expire|meet))\b",
    re.I,
)
# The same for the lower-cased text (the pattern is written in lower case): see deadlines.text_to_search.
_COMMITTING_LOWER = re.compile(_COMMITTING.pattern)
# Subjects that are consequences or descriptions, not actors: "This will protect ...".
_NON_ACTOR = re.compile(r"^(?:this|it|that|these|those|which|such|doing so|there is)\b|\b(?:which|that|who)\s*$", re.I)
_ACTOR = re.compile(r"\b(?:we|i|government|ministers?|secretary|minister|there)\b", re.I)
# A standalone caveat that qualifies the commitments around it.
CAVEAT = GatedPattern(r"\b(?:will depend on|subject to) (?:future )?funding", "fund")
_DESCRIPTIVE_WILL = re.compile(r"\bwill (?:depend|benefit|need to comply|apply when|reserve)\b", re.I)
# A forecast of what others will do or what will happen: "We expect that ...", "It is anticipated that ...".
_FORECAST = re.compile(
    r"\b(?:expects?|expected|anticipates?|anticipated|forecasts?|predicts?|projects?|estimates?) that\b|"
    r"\bas (?:forecast|projected|estimated) by\b|"  # "AME in 2015 to 2016 is £170.5 billion, as forecast by the OBR"
    r"\b(?:assessment|forecast|projection|estimate)\b.{0,80}?\b(?:was|is) that\b|"  # "The OBR assessment ... was that"
    r"\b(?:investment|funding|spending) (?:is |are |will be )?(?:needed|required)\b|"
    r"\b(?:am|is|are) (?:also )?confident that\b", re.I)  # "I am confident that services will cope over the winter"  # "£100 billion investment needed by 2020"


def is_forecast(text: str) -> bool:
    """Whether the sentence forecasts rather than commits ("..., as forecast by the OBR").

    >>> is_forecast("Spending in 2016 is £170.5 billion, as forecast by the OBR."), is_forecast("We will spend £1bn by 2016.")
    (True, False)
    """
    return _FORECAST.search(text) is not None
# A question asks; it commits to nothing: "To ask the Secretary of State ... if she will ...",
# "Will the Government publish the formula by May 2026?".
_QUESTION = re.compile(r"\s*(?:To ask|Asked by)\b|.*\?[’”'\")]*\s*$", re.S)
_DATED_OPENING = re.compile(r"(?:By|In|During|From|Later)\b")  # case-sensitive, matched at the start


# Extraction asks the same questions of a sentence several times (is it a commitment, who
# leads it, which status its wording states, for each recommendation it may answer); the
# answers depend on the text alone, so the last few thousand are kept.
@lru_cache(maxsize=4096)
def subject_of(text: str) -> str | None:
    """The text before the committing verb, or ``None`` when nothing commits."""
    searched, as_written = text_to_search(text)
    match = (_COMMITTING if as_written else _COMMITTING_LOWER).search(searched)
    if match is None:
        return None
    return text[: match.start()]


# "... will be published by the ONS": the body after "by" does the action.
PASSIVE_AGENT = GatedPattern(r"\bwill be (?:\w+ )?\w+(?:ed|en|t) by\b", "ll be ")
_THAT = re.compile(r"\bthat\s+(?=\w)")  # "that" opening a clause (case-sensitive)


def subject_clause(subject: str) -> str:
    """The clause that holds the grammatical subject: after the last comma, and after "that".

    >>> subject_clause("Working with Ofsted, we ")
    'we'
    >>> subject_clause("However, we know that meaningful change ")
    'meaningful change'
    """
    clause = subject.split(",")[-1]
    if "that" in clause:  # most clauses have none: skip the split
        clause = _THAT.split(clause)[-1]
    return clause.strip()


# A pronoun and its verb at the start, case-sensitive: "This locked in", not "This programme has".
_CONSEQUENCE_OPENING = re.compile(
    r"(?:This|It|That|These|Those)\s+(?:\w+ed|will|would|could|can|may|has|have|had|is|was|are|were|means|meant)\b")


def opens_with_consequence(text: str) -> bool:
    """Whether the sentence opens on what came before ("This locked in ...", "It will mean ..."): a
    consequence or description, not an action of its own.

    >>> opens_with_consequence("This locked in a reduction."), opens_with_consequence("This programme has £500m.")
    (True, False)
    """
    return _CONSEQUENCE_OPENING.match(text) is not None


# What the committing verb opens that commits to nothing: a description ("Women's sport will also be a
# highlight"), a plan's possibilities ("The roadmap sets out the potential contribution ...").
_DESCRIBING = re.compile(r"will (?:also |now |still )?be an? |sets? out (?:the )?(?:potential|possible)\b", re.I)
_AMBITION = re.compile(r"ambitions? to\b", re.I)
_THERE = re.compile(r"\bthere\s+$", re.I)
_THIS_THING = re.compile(r"(?:this|these)\s+[\w’'-]+(?:\s+[\w’'-]+)*$", re.I)  # "This consultation", not "This"
_INCLUDES_ACTION = re.compile(r"(?:includes?|will (?:also )?include) [a-z]+ing\b", re.I)
# A committing verb in an indirect question hangs on another verb: "I now wish to inform the House of
# the spending plans ..., together with further information on how we will deploy the funds".
# Not "That is why we will ...": a main clause.
_INDIRECT_QUESTION = re.compile(r"(?<!\bis )\b(?:how|what|why|whether|where)\s+(?:[\w’'-]+\s+){0,3}$", re.I)
# "We expect an update from the FA ...", "We expect to hear further details ...": what others are to do.
_EXPECTATION = re.compile(r"\bexpects?\s+(?:an?\s+|regular\s+|further\s+)*updates?\b|\bexpects?\s+to\s+(?:hear|see|receive)\b", re.I)
# A plan reported in indirect speech: "The Government stated that they would report ... by the end of
# October 2009", "The presidency hoped that the framework decision would be adopted at the November Council".
_REPORTED_FUTURE = re.compile(
    r"\b(?:stated|said|confirmed|announced|agreed|concluded|hoped|undertook|promised|pledged|indicated|decided|"
    r"made (?:it )?clear) that\b[^.;:?]{0,120}?\b(would)\b", re.I)


def reported_future(text: str) -> str | None:
    """The text before "would" in a plan reported in indirect speech, else ``None``.

    >>> reported_future("The Government stated that they would report to Parliament by October 2009.")
    'The Government stated that they '
    >>> reported_future("It would be wrong to act now.") is None
    True
    """
    if "would" not in text.lower():  # most sentences: spare the search
        return None
    match = _REPORTED_FUTURE.search(text)
    return None if match is None else text[: match.start(1)]


# A plan the speaker looks forward to carrying out: "Prince Philip and I look forward to welcoming the President
# on a State Visit in November"; not what others are to do or show ("look forward to seeing/hearing/receiving").
_LOOK_FORWARD = re.compile(
    r"\b(?:I|we)\s+(?:very much\s+|greatly\s+)?look forward to\s+(?!seeing|hearing|receiving|reading|learning|watching)[a-z]+ing\b",
    re.I)


# A plan the speaker hopes or expects to carry out, hedged as ministers hedge: "we hope to get the first
# findings from that next year", "I hope to be able to share more information ... in the new year"; not what
# others are to show or send ("we expect to hear from the Commission", "we expect to have an update", "I hope to see ...").
# A body's own plan, likewise: "The National Galleries expects to be able to confirm details by the end of this year".
_HOPE = re.compile(r"(?:\b(?:I|we)\s+(?:also\s+|very much\s+|now\s+|still\s+)?(?:hope|expect)|\b(?:hopes|expects))\s+to\s+"
                   r"(?!hear|see|receive|read|learn|have)[a-z]+\b", re.I)


def dated_plan(text: str) -> str | None:
    """The text before the verb of a plan that commits only when dated: reported in indirect speech
    (:func:`reported_future`), looked forward to, or hoped or expected by the speaker; ``None`` if none.

    >>> dated_plan("Prince Philip and I look forward to welcoming the President on a State Visit in November.")
    'Prince Philip and I '
    >>> dated_plan("I look forward to hearing about your plans next year.") is None
    True
    >>> dated_plan("As a result the study was set up, and we hope to get the first findings next year.")
    'As a result the study was set up, and we '
    """
    if (subject := reported_future(text)) is not None:
        return subject
    if ("hope" in text or "expect" in text) and (hoped := _HOPE.search(text)) is not None:
        verb = hoped.group(0).split()[0]
        return text[: hoped.start() + (0 if verb.lower() in {"hopes", "expects"} else len(verb) + 1)]
    if "forward" not in text.lower():  # most sentences: spare the search
        return None
    match = _LOOK_FORWARD.search(text)
    return None if match is None else text[: match.start() + len(match.group(0).split()[0]) + 1]


# A subject that is a share of something: "more than a third of spending ... will be administered by
# other departments" states a figure, not an action.
_SHARE = re.compile(
    r"^(?:more than |less than |fewer than |over |under |around |about |almost |nearly |up to |at least )?"
    r"(?:an? |one |two |three |the )?(?:half|third|quarter|fifth|tenth|majority|minority|proportion|share|"
    r"\d+(?:\.\d+)?\s*(?:%|per ?cent))s? of\b", re.I)


def is_commitment(text: str, *, names_actor: bool = False, dated: bool = False) -> bool:
    """Whether a sentence commits to (or reports) an action by government or a body.

    ``names_actor`` says that a known organisation or post is named before the verb;
    ``dated`` that the sentence has a deadline (a dated action needs no named actor, and a dated
    plan may be reported: "The presidency hoped that the decision would be adopted in November").
    """
    subject = subject_of(text)
    if subject is None and dated:
        subject = dated_plan(text)
    if subject is None or CAVEAT.search(text) or _DESCRIPTIVE_WILL.search(text) or _QUESTION.match(text) or _EXPECTATION.search(text):
        return False
    if _FORECAST.search(subject):
        return False  # "We expect that pay awards over the next three years will be ...": a forecast
    if (_DESCRIBING.match(text, len(subject)) and not _THERE.search(subject)) or _INDIRECT_QUESTION.search(subject):
        return False  # but "There will be a review by 2026" commits
    if not dated and _AMBITION.match(text, len(subject)):
        return False  # an ambition commits only with a date: "an ambition to get a million more children active by 2030"
    clause = subject_clause(subject)
    if _SHARE.match(clause):
        return False  # "In 2016 to 2017, more than a third of spending will be ...": a figure
    words = clause.split()
    # "This includes creating four new prisons ...": the actions of what came before, named
    elaborates = _INCLUDES_ACTION.match(text, len(subject)) is not None
    # "Ministers agreed to double the capacity, which will be achieved by the end of this week": the dated
    # outcome of an action of the actor the main clause names.
    outcome_of_action = dated and bool(words) and words[-1].lower() == "which" and (names_actor or _ACTOR.search(subject) is not None)
    if words and words[-1].lower() in {"this", "it", "that", "these", "those", "which"} and not elaborates and not outcome_of_action:
        return False
    has_actor = _ACTOR.search(clause) is not None
    # "This England-only consultation will last 12 weeks, finishing on 8 January 2010": a thing named, dated.
    names_a_thing = dated and _THIS_THING.match(clause) is not None
    if _NON_ACTOR.search(clause) and not has_actor and not elaborates and not names_a_thing and not outcome_of_action:
        return False
    if has_actor or names_actor or dated:
        return True
    # "By December 2025, the latest data ... will be published by the ONS": a dated passive.
    return " will be " in text and _DATED_OPENING.match(text) is not None


# A verb of a clause: an auxiliary, or a word in -ed or -ing ("Total Departmental Expenditure Limit" has none).
_VERB = re.compile(r"\b(?:is|are|was|were|has|have|had|will|shall|would|can|could|may|might|must|be|been|being|goes|go|"
                   r"gets?|gives?|takes?|makes?|provides?|funds?|pays?|costs?|receives?|\w+ed|\w+ing)\b", re.I)
_PAST_FIGURE = re.compile(r"\b(?:was|were)\b", re.I)
# A verb that states a sum: "the current efficiencies amount to £700 million over three years".
_SUM_VERB = re.compile(r"\b(?:amounts? to|totals|totalled|comes? to)\b", re.I)  # not "a total budget"
_AHEAD = re.compile(r"\b(?:will|shall|would|to be|going to|due to|plans?|intends?)\b", re.I)


def states_a_figure(text: str) -> bool:
    """Whether a sentence with an amount only states a figure: a label without a verb ("£6bn Total
    Departmental Expenditure Limit (DEL) in financial year 2015 to 2016"), or a past figure ("The
    indicative budget for 2010-11 was £844 million"), not money committed.

    >>> states_a_figure("£6bn Total Departmental Expenditure Limit (DEL) in financial year 2015 to 2016")
    True
    >>> states_a_figure("This programme has over £500m in funding going out to local areas from April 2025.")
    False
    """
    if _VERB.search(text) is None:
        return True
    return (_PAST_FIGURE.search(text) is not None or _SUM_VERB.search(text) is not None) and _AHEAD.search(text) is None


# A bullet of a plan that opens with the action itself: "introducing a new Work and Health programme from 2017".
_ACTION_OPENING = re.compile(
    r"^(?:continuing|introducing|implementing|delivering|ensuring|extending|expanding|creating|building|publishing|"
    r"developing|establishing|launching|reforming|rolling out|providing|supporting|working|reducing|increasing|"
    r"improving|investing|legislating|consulting|reviewing|setting up|bringing forward|freezing|lowering|raising|"
    r"replacing|transforming|strengthening|modernising|funding|making|giving|helping|encouraging|identifying)\b", re.I)


def opens_with_action(text: str) -> bool:
    """Whether a bullet names an action without a subject ("introducing a new programme from 2017").

    >>> opens_with_action("introducing Youth Obligation from 2017"), opens_with_action("Ofsted inspects homes.")
    (True, False)
    """
    return _ACTION_OPENING.match(text) is not None


# "There are no plans to ...", "The Government does not intend to ...": a refusal, recorded as such.
_REFUSAL = re.compile(
    r"\b(?:there (?:are|is) (?:currently )?no (?:current )?plans? to|(?:has|have) no (?:current )?plans? to|"
    r"(?:do|does) not (?:intend|plan|propose) to|will not (?:be )?(?:introduc|tak|implement|legislat|bring|creat|fund)\w*)",
    re.I)
# A committing verb in the perfect ("has introduced", "have launched") reports an action already taken,
# unless what was done is to commit ("have committed to", "has agreed to", "I have decided to allocate").
_DONE = re.compile(r"^(?:has|have)\b(?!.*\b(?:committed|agreed|decided)$)", re.I)


_ASKED = re.compile(r"\b(?:asked|commissioned)$", re.I)
_TO_ACT = re.compile(r"\bto\s+[a-z]")
_ANNOUNCED = re.compile(r"\b(?:announced|set out|confirmed)$", re.I)
_THAT_FUTURE = re.compile(r"\s+that\b[^.;]*?\b(?:will|shall)\b")  # lower-cased text, as _TO_ACT


def is_refusal(text: str) -> bool:
    """Whether the sentence declines to act ("There are no plans to extend the scheme.").

    >>> is_refusal("There are no plans to extend the scheme."), is_refusal("We plan to extend the scheme.")
    (True, False)
    """
    return _REFUSAL.search(text) is not None and not _QUESTION.match(text)


def commitment_kind(text: str) -> str:
    """``refusal``, ``action_taken`` (reported as done) or ``commitment`` (to be done).

    >>> [commitment_kind(t) for t in ("We have published the strategy.", "We will publish the strategy.",
    ...                               "There are no plans to publish it.")]
    ['action_taken', 'commitment', 'refusal']
    """
    if is_refusal(text):
        return "refusal"
    if reported_as_done(text):
        return "action_taken"  # "In my statement of 1 February 2011, I set out the spending for 2011-12."
    searched, as_written = text_to_search(text)
    match = (_COMMITTING if as_written else _COMMITTING_LOWER).search(searched)
    if match is not None and _DONE.match(match.group(0)):
        if _ASKED.search(match.group(0)) and _TO_ACT.search(searched, match.end()):
            return "commitment"  # "I have asked HMIC to include ...": the action asked for is still to come
        if _ANNOUNCED.search(match.group(0)) and _THAT_FUTURE.match(searched, match.end()):
            return "commitment"  # "The Chair has announced that the report will now be published in March 2024"
        return "action_taken"
    return "commitment"


def is_frame(text: str) -> bool:
    """A lead that introduces a list of actions: "The Government will take the following steps:"."""
    return text.rstrip().endswith(":")


_BARE_LEAD = re.compile(r"\b(?:the following|as follows|below)\b|\b(?:will|shall|also|to|we|we are)\s*:\s*$", re.I)


def is_bare_lead(text: str) -> bool:
    """A lead that names no action of its own: its bullets are the actions ("By May 2026, we will:",
    "We will take the following steps by 2028:"), unlike "We are supporting ... by 2020, by:".

    >>> is_bare_lead("By May 2026, we will:"), is_bare_lead("We are reducing costs by 2020, by:")
    (True, False)
    """
    return _BARE_LEAD.search(text) is not None


# Plain wording → response status.  Checked in this order: the first that fires wins.
STATUS_WORDING: list[tuple[str, re.Pattern[str]]] = [
    ("not accepted", re.compile(
        r"^not accepted\b|is not (?:currently )?taking forward|will not (?:be )?tak(?:e|ing) forward|(?:do|does|did) not accept|"
        r"(?:do|does) not agree\b|\brejected (?:the|this|that) recommendation|there are no plans to|"
        r"\brejects? (?:the|this|that) recommendation|will not (?:be )?implement|"
        r"(?:do|does) not (?:support|agree with) (?:the|this) recommendation", re.I)),
    ("alternative approach", re.compile(r"does not need an amendment|rather than implementing|instead of implementing", re.I)),
    ("accepted in part", re.compile(r"^accepted in part\b|accept(?:s|ed)? (?:(?:the|this|that|these|both) recommendations? )?in part|partially accept", re.I)),
    # "Supports the recommendation": endorsing it, mostly when others are to act on it (the corpus's gold reads it so).
    ("accepted in principle", re.compile(
        r"^(?:accepted )?in principle\b|accept(?:s|ed)? (?:(?:the|this|that|these|all|both) (?:\w+ )?recommendations? )?in principle|"
        r"(?<!not )\bsupports? (?:the|this|that)(?: [\w’']+’s| [\w']+'s)? recommendation\b|"
        r"\b(?:government|we) (?:\w+ )?supports? this(?=[.,;]| and\b)", re.I)),
    ("accepted", re.compile(
        r"^accepted(?: in full)?\b|^in full\b|(?<!not )accept(?:s|ed|ance of)? (?:in full )?(?:the|this|that|these|both|all|each|every) (?:\w+ )?"
        r"(?:of (?:the|these|its|their) )?recommendations?|"
        r"(?<!not )agree[sd]? with (?:the|this|that) recommendation", re.I)),
    ("noted", re.compile(r"^noted\b|\bnotes? (?:the|this|that) recommendation", re.I)),
    ("under consideration", re.compile(
        # Not "continue to monitor whether" an existing power works, nor "an ongoing assessment of whether" more
        # is needed, nor "makes it difficult to amend": views of the policy in place, no position taken (both
        # independent readings of the seed, tests/fixtures/seed_annotation.yaml and the corpus gold, say so).
        r"determine (?:whether|the most suitable)|"
        r"will consider whether|announce our decision|will respond (?:once|when|in full)|"
        # "Decisions have not been taken on the form it may take and proposals will continue to be considered":
        # no decision yet, the options still weighed (not "a decision has not been taken lightly").
        r"\b(?:decisions? (?:has|have) not (?:yet )?been|no decisions? (?:has|have) (?:yet )?been) (?:taken|made) (?:on|about|as to)\b|"
        r"\b(?:options|proposals) (?:will continue to be|are (?:still )?being|continue to be) (?:considered|explored)\b|"
        r"(?:is|are) (?:still )?considering (?:the|this|these) recommendation|"
        # "we are considering a range of options for boosting take-up, including making this benchmark mandatory"
        r"\b(?:we|government) (?:is|are) (?:still |now )?considering (?:a range of|several|various|the) options\b|"
        # "We are giving careful consideration to the CAEC recommendations": being weighed now (or to be), not
        # "having given careful consideration to the recommendation, we have decided ...".
        r"\b(?:(?:is|are|am) (?:now |still )?giving|will (?:now )?give) (?:careful |full |serious |further |detailed |urgent )?"
        r"consideration to (?:the|this|these|those|its|their|all) (?:[\w’'-]+ ){0,2}?recommendations?\b", re.I)),
]
# The same for the lower-cased text (the patterns are written in lower case; "[a-z]" with
# re.I is "[A-Z]" with re.I): see deadlines.text_to_search (faster so: benchmarks/README.md).
_STATUS_WORDING_LOWER = [(status, re.compile(pattern.pattern)) for status, pattern in STATUS_WORDING]


# "We accept in full or accept in principle all of the recommendations": a summary over several
# statuses, the status of none of them in particular.
# "Where recommendations are accepted in principle, we have explained why": a condition, no position.
_CONDITIONAL = re.compile(r"(?:where|if|when|unless|whether)\b", re.I)
_EITHER_STATUS = re.compile(r"\baccept(?:s|ed)? in full,? or (?:accept(?:s|ed)? )?in principle\b", re.I)


@lru_cache(maxsize=4096)
def status_from_wording(text: str) -> tuple[str, str] | None:
    """``(status, matched words)`` when the text states a position plainly, else ``None``.

    >>> status_from_wording("We accept this recommendation in principle.")[0]
    'accepted in principle'
    >>> status_from_wording("The Government accept in full or accept in principle all of the recommendations.") is None
    True
    >>> status_from_wording("Where recommendations are accepted in principle, we have explained why.") is None
    True
    """
    if _EITHER_STATUS.search(text) or _CONDITIONAL.match(text):
        return None
    searched, as_written = text_to_search(text)
    for status, pattern in STATUS_WORDING if as_written else _STATUS_WORDING_LOWER:
        if match := pattern.search(searched):
            return status, text[match.start() : match.end()]
    return None


# A response as a table cell states it in a word or two ("Accept - the Government will ...",
# "Support", "In principle"): words that, opening a sentence, would say nothing.
_CELL_STATUS: list[tuple[str, re.Pattern[str]]] = [
    ("not accepted", re.compile(r"^(?:not accepted|not agreed|rejected?|disagreed?)\b", re.I)),
    ("accepted in part", re.compile(r"^(?:accept(?:ed)? in part|partially accepted|partly accepted|in part)\b", re.I)),
    ("accepted in principle", re.compile(r"^(?:accept(?:ed)? in principle|agreed? in principle|in principle|support(?:ed)?)\b", re.I)),
    ("accepted", re.compile(r"^(?:accept(?:ed)?|agreed?|in full)\b", re.I)),
    ("noted", re.compile(r"^noted\b", re.I)),
    ("under consideration", re.compile(r"^under consideration\b", re.I)),
]


def status_from_cell(text: str) -> tuple[str, str] | None:
    """``(status, matched words)`` of a table's response cell, which may state it in a word.

    >>> status_from_cell("Support - the FA should develop a sustainable talent pathway.")[0]
    'accepted in principle'
    >>> status_from_cell("Accept - DfE will continue to drive forward equal access")[0]
    'accepted'
    """
    for status, pattern in _CELL_STATUS:
        if match := pattern.search(text.strip()):
            return status, match.group(0)
    return status_from_wording(text)


def matches_keywords(text: str, keywords: list[str]) -> bool:
    """Whether any keyword starts a word in ``text`` (case-insensitive, curly quotes folded).

    >>> matches_keywords("The Panel’s Review", ["panel's"]), matches_keywords("Subpanel", ["panel"])
    (True, False)
    """
    if not keywords:
        return False
    folded = _fold(text)
    pattern, folded_keywords = _keywords_pattern(tuple(keywords))
    # Most texts hold none of the keywords at all: substring tests say so faster than the
    # regex, which the lookbehind first keeps from skipping ahead to a keyword's first letter.
    return any(k in folded for k in folded_keywords) and pattern.search(folded) is not None


def count_keywords(text: str, keywords: list[str]) -> int:
    """How many of the keywords start a word in ``text`` (as :func:`matches_keywords` tests).

    >>> count_keywords("Supporters engage with the supporters' trust", ["support", "engag", "trust", "club"])
    3
    """
    folded = _fold(text)
    # The substring test first, as in matches_keywords: most keywords are not in the text at all.
    return sum(1 for keyword in keywords if _fold(keyword) in folded and _keywords_pattern((keyword,))[0].search(folded))


def _fold(text: str) -> str:
    return text.replace("’", "'").lower()


@lru_cache(maxsize=256)
def _keywords_pattern(keywords: tuple[str, ...]) -> tuple[re.Pattern[str], tuple[str, ...]]:
    """One regex for "any of these keywords starts a word" (an alternation finds a match where any
    would), and the keywords folded as the text is."""
    folded = tuple(_fold(k) for k in keywords)
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(k) for k in folded) + ")"), folded
