"""Find mentions of organisations, legislation, programmes and people in text.

Three ways, in order of trust:

1. **Curated reference list** (``data/curated/reference.yaml``): canonical names,
   aliases and abbreviations, matched longest-first.  Multi-word names match
   case-insensitively; single words and abbreviations only with their exact case.
2. **Abbreviations defined in the text**: "Care and Quality Commission (CQC)"
   teaches that the long form is another name of the body called CQC (or, for a
   body the list lacks, creates it with both names).
3. **Pattern discovery**: capitalised names ending in a telling word ("... Bill",
   "... Act 1989", "... Programme", "... Survey", "... Panel") that the list lacks
   become entities marked ``curated=False``.

Definite references such as "the Bill" or "This Board" resolve to the entity of
that kind mentioned most recently in the same document.

>>> finder = MentionFinder(Gazetteer([{"name": "Care Quality Commission", "type": "Organisation",
...                                    "kind": "inspectorate", "abbreviations": ["CQC"]}]))
>>> [m.text for m in finder.find("Ofsted and the Care and Quality Commission (CQC) will act.")]
['Care and Quality Commission', 'CQC']
>>> [(m.entity.name, m.entity.curated) for m in finder.find("The Crime and Policing Bill is before Parliament.")]
[('Crime and Policing Bill', False)]
>>> [m.entity.name for m in finder.find("The Bill introduces a criminal offence.")]
['Crime and Policing Bill']
"""

from __future__ import annotations

import copy
import functools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from importlib import resources
from itertools import accumulate
from typing import Any

import yaml

from policykg.iris import mint
from policykg.legislatures import HOUSES, LEGISLATURES
from policykg.loaders.dates import MONTHS

#: PyYAML's C parser when it was built with libyaml (much faster on the reference list), else
#: the pure-Python one; both give the same data for the same file.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: The reference entry that "we" and "the Government" stand for.
DEFAULT_LEAD = "HM Government"

#: Node type → the IRI path segment of its entities.
IRI_KIND = {
    "Organisation": "organisation",
    "Inquiry": "inquiry",
    "Post": "post",
    "Person": "person",
    "Legislation": "legislation",
    "Programme": "programme",
    "Publication": "publication",
    "Report": "report",
}

#: Head word → (node type, kind) for names the reference list lacks.
HEAD_WORDS: dict[str, tuple[str, str]] = {
    "Inquiry": ("Inquiry", "inquiry"),
    "Bill": ("Legislation", "bill"),
    "Act": ("Legislation", "act"),
    "Regulations": ("Legislation", "regulations"),
    "Programme": ("Programme", "programme"),
    "Survey": ("Programme", "survey"),
    "Scheme": ("Programme", "scheme"),
    "Fund": ("Programme", "fund"),
    "Campaign": ("Programme", "campaign"),
    "Network": ("Programme", "network"),
    "Database": ("Programme", "database"),
    "Strategy": ("Publication", "plan"),
    "Plan": ("Publication", "plan"),
    "Review": ("Publication", "review"),
    "Panel": ("Organisation", "board"),
    "Board": ("Organisation", "board"),
    "Taskforce": ("Organisation", "board"),
    "Group": ("Organisation", "board"),
    "Commission": ("Organisation", "agency"),
    "Authority": ("Organisation", "agency"),
    "Agency": ("Organisation", "agency"),
    "Office": ("Organisation", "agency"),
    "Service": ("Organisation", "service"),
    "Inspectorate": ("Organisation", "inspectorate"),
    "Foundation": ("Organisation", "charity"),
    "Society": ("Organisation", "charity"),
    "Trust": ("Organisation", "charity"),
    "Centre": ("Organisation", "agency"),
    "Council": ("Organisation", "local_authority"),
    "Councils": ("Organisation", "agency"),  # "UK Research Councils": a body of councils
    "Department": ("Organisation", "department"),
    "Ministry": ("Organisation", "department"),
    # The other head words of UK public bodies' names ("Joint Work and Health Unit", "London Fire Brigade").
    "Committee": ("Organisation", "board"),
    "Unit": ("Organisation", "agency"),
    "Executive": ("Organisation", "agency"),
    "Regulator": ("Organisation", "regulator"),
    "Ombudsman": ("Organisation", "regulator"),
    "Tribunal": ("Organisation", "tribunal"),
    "Court": ("Organisation", "court"),
    "Police": ("Organisation", "police"),
    "Constabulary": ("Organisation", "police"),
    "Brigade": ("Organisation", "service"),
    "Services": ("Organisation", "service"),
    "Federation": ("Organisation", "association"),
    "Association": ("Organisation", "association"),
    "Institute": ("Organisation", "agency"),
    "College": ("Organisation", "agency"),
    "Partnership": ("Organisation", "partnership"),
    "Alliance": ("Organisation", "partnership"),
    "Borough": ("Organisation", "local_authority"),
    "Organisation": ("Organisation", "agency"),
    # Bodies outside government that policy texts name: universities, forums, leagues, companies, forces.
    "University": ("Organisation", "university"),
    "School": ("Organisation", "university"),
    "Forum": ("Organisation", "association"),
    "League": ("Organisation", "association"),
    "Assembly": ("Organisation", "government"),
    "Administration": ("Organisation", "government"),  # "the Republic of Ireland Administration", "Northern Ireland Administration"
    "Army": ("Organisation", "armed_forces"),
    "Regiment": ("Organisation", "armed_forces"),  # "the Royal Anglian Regiment", "the Parachute Regiment"
    "Force": ("Organisation", "service"),
    "Forces": ("Organisation", "armed_forces"),
    "Team": ("Organisation", "board"),
    "Division": ("Organisation", "agency"),
    "Directorate": ("Organisation", "agency"),  # "the Central Procurement Directorate"
    "Hospital": ("Organisation", "nhs_body"),  # "the Mater Hospital", "University College London Hospitals"
    "Hospitals": ("Organisation", "nhs_body"),
    "Bank": ("Organisation", "company"),  # "the Royal Bank of Scotland", "the European Bank for Reconstruction and Development"
    "Ltd": ("Organisation", "company"),
    "Ltd.": ("Organisation", "company"),
    "Limited": ("Organisation", "company"),
    "plc": ("Organisation", "company"),
    "LLP": ("Organisation", "company"),
    "UK": ("Organisation", "charity"),  # "Age UK", "Diabetes UK", "Women in Nuclear UK" (not "the UK": see _type_of)
}

# Words that start sentences or phrases but never a name.
_NOT_NAME_START = {
    "The", "This", "That", "These", "Those", "A", "An", "Our", "Its", "Their", "His", "Her", "Each", "Every",
    "Beyond", "Through", "In", "As", "To", "By", "With", "Under", "From", "For", "Of", "On", "At", "And", "Or",
    "Whilst", "While", "When", "Where", "If", "Furthermore", "However", "Additionally", "Also", "Both", "All",
    "Any", "New", "Existing", "Current", "Introducing", "Updating", "Legislating", "Removing", "Amending",
    "Strengthening", "Commissioning", "Appointing", "Setting", "Bringing", "Modernising", "Making",
    "Following", "Subject", "Including", "We", "It", "Government", "Relevant",
    "Your", "My",  # "Your Committee reached three conclusions": a form of address, the committee unnamed
}
_CONNECTORS = {"of", "for", "and", "the", "on", "in", "into", "to", "at", "&"}
# A new name holds one of the head words as a word (its type comes from one): text without one
# as much as a substring names nothing new, and skipping it spares most of the discovery work.
#: Words that start a body's name and type it ("HMP Five Wells", "HMYOI Wetherby").
PREFIX_WORDS: dict[str, tuple[str, str]] = {"HMP": ("Organisation", "prison"), "HMYOI": ("Organisation", "prison"),
                                            "HMPYOI": ("Organisation", "prison")}
#: First words that make a name a post, not a body ("Chief Executive", "Secretary of State for ...").
_POST_WORDS = {"Chief", "Controller", "Secretary", "Minister", "Director", "Head", "Chair", "Chairman", "Commissioner", "Deputy",
               "Permanent", "Under-Secretary", "Parliamentary", "President", "Lord", "Baroness", "Sir", "Dame"}
# ... or an order with its year ("Order" alone heads no name: "the Order of the Bath", "Standing Order No. 24").
_HEAD_WORD_INSIDE = re.compile("|".join([*map(re.escape, [*HEAD_WORDS, *PREFIX_WORDS]), r"Order \d{4}"]))
_HEAD_WORD = re.compile(r"\b(?:" + "|".join(map(re.escape, HEAD_WORDS)) + r")\b")  # as a whole word
_WORD = r"[A-Z][\w’'!-]*"
# A run of capitalised words; ``more`` is what follows its first word (empty for a lone word).
# Bracketed words inside a name, as UK legislation is titled: "Furniture and Furnishings (Fire) (Safety) Regulations
# 1988", "Crime (International Co-operation) Act 2003", "Electoral Law Act (Northern Ireland) 1962".
_BRACKETED = rf"\({_WORD}(?:\s+(?:(?:of|for|and|the|on|in|to|by|from|with|at|&)\s+){{0,2}}{_WORD}){{0,5}}\)"
_NAME_RUN = re.compile(
    rf"{_WORD}(?P<more>(?:\s+(?:(?:of|for|and|the|on|in|into|to|at|&)\s+)*(?:{_BRACKETED}\s+)*{_WORD})*"
    rf"(?:(?:\s+{_BRACKETED})?\s+\d{{4}})?)")
# An abbreviation the text defines inside a name, before its last word or year: no part of the name.
_INNER_ABBREVIATION = re.compile(r" \([A-Z][A-Z&]{1,9}s?\)(?= \S)")  # not "(Fire) (Safety)": words of a title
# The title of an instrument made under an act, after the act's name and year: " (Commencement No. 2) Order 2005".
_INSTRUMENT_TAIL = re.compile(r" \((?:[A-Z][\w'’.-]*|\d+)(?: (?:[A-Z][\w'’.-]*|\d+|of|for|and|the|on|in|to))*\) (Order|Regulations|Rules) \d{4}\b")
# "Council Directive 93/7/EEC", "EU Council Directive 93/7/EC 1993": a directive by its number (and year).
_NUMBERED_DIRECTIVE = re.compile(r"\b(?:(?:EU|EC|EEC|European)\s+)?(?:Council\s+)?Directive\s+\d{2,4}/\d{1,4}/(?:EC|EU|EEC)\b(?:\s+(?:19|20)\d{2}\b)?")
_LOWER_CASE_INSTRUMENTS = {"regulations": "regulations", "act": "act"}  # the last word of a lower-case title → its kind
_TITLE_YEAR = re.compile(r" \d{4}$")  # "Localism Act 2011": the year that ends a title
_YEAR_AFTER = re.compile(r" (\d{4})\b")
_ABBREVIATION_DEF = re.compile(r"\(\s*[‘'“\"]?((?:the\s+)?[A-Z][A-Za-z&]{1,10}s?)[’'”\"]?\s*\)")
# "The Bill", "this Board": a "T" or "t" not inside a word, then "he" or "his".  Starting with the
# letter (not ``\b``) lets the regex engine jump from one "T"/"t" to the next, which is faster.
_ANAPHOR = re.compile(r"[Tt](?<!\w[Tt])(?:he|his)\s+(Bill|Board|Panel|Scheme|Act|Programme|Survey|Authority)\b")


@dataclass(frozen=True)
class Entity:
    """A named thing the graph has a node for."""

    name: str
    type: str
    kind: str
    iri: str
    aliases: tuple[str, ...] = ()
    abbreviations: tuple[str, ...] = ()
    curated: bool = True
    facts: tuple[tuple[str, Any], ...] = ()  # extra curated facts: website, parent, legislation_gov_uk, ...

    def fact(self, key: str) -> Any:
        return dict(self.facts).get(key)


@dataclass(frozen=True, slots=True)
class Mention:
    entity: Entity
    start: int
    end: int
    text: str


def _norm(text: str) -> str:
    """Same-length normalisation so offsets survive: curly quotes → straight."""
    return text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')


def entity_iri(type: str, name: str, abbreviations: Iterable[str] = ()) -> str:
    """The IRI of a named entity; inquiries use their abbreviation (``inquiry/iicsa``)."""
    abbreviations = list(abbreviations)
    if type == "Inquiry" and abbreviations:
        return mint("inquiry", abbreviations[0])
    return mint(IRI_KIND[type], name)


def entity_from_entry(entry: dict[str, Any]) -> Entity:
    """An :class:`Entity` from one reference-list entry."""
    name, type = entry["name"], entry.get("type", "Organisation")
    if type not in IRI_KIND:
        raise ValueError(f"reference entry {name!r}: unknown type {type!r}")
    abbreviations = tuple(entry.get("abbreviations") or ())
    known = {"name", "type", "kind", "aliases", "abbreviations"}
    facts = tuple(sorted((k, v) for k, v in entry.items() if k not in known and v is not None))
    return Entity(
        name=name,
        type=type,
        kind=entry.get("kind") or "",
        iri=entity_iri(type, name, abbreviations),
        aliases=tuple(entry.get("aliases") or ()),
        abbreviations=abbreviations,
        facts=facts,
    )


#: The packaged reference lists: bodies, posts, legislation and programmes of UK policy texts,
#: the machinery of government (every department, agency, public body, inquiry and committee),
#: and the international organisations the UK belongs to (UN, EU, NATO, Council of Europe ...).
PACKAGED_REFERENCE = ("reference.yaml", "machinery.yaml", "international.yaml")


def load_reference(path: str | None = None) -> list[dict[str, Any]]:
    """The curated reference list: the packaged lists (:data:`PACKAGED_REFERENCE`), or the file at ``path``."""
    if path is None:
        curated = resources.files("policykg") / "data" / "curated"
        texts = [(curated / name).read_text(encoding="utf-8") for name in PACKAGED_REFERENCE]
    else:
        with open(path, encoding="utf-8") as handle:
            texts = [handle.read()]
    entries: list[dict[str, Any]] = []
    for text in texts:
        loaded = yaml.load(text, Loader=YAML_LOADER) or []  # YAML_LOADER is a safe loader
        if not isinstance(loaded, list):
            raise ValueError("the reference list must be a YAML list of entries")
        entries += loaded
    return [_with_written_forms(entry) for entry in entries]


_TRANSPORT_FOR = re.compile(r"\bTransport for (?:the )?[A-Z][a-z]+(?: [A-Z][a-z]+)*")
_INTERCAPPED_WORD = re.compile(r"[a-z][A-Z]")
#: A word with a capital after a small letter ("QinetiQ", "PwC", not "McDonald" nor "MacLeod": surnames), with the
#: capitalised words next to it.
_INTERCAPPED_NAME = re.compile(r"(?<![\w’'.@/-])(?:[A-Z][A-Za-z-]+ )?(?!Ma?c[A-Z])[A-Z][A-Za-z-]*[a-z][A-Z][A-Za-z-]*"
                               r"(?: [A-Z][A-Za-z]+)?(?![\w’'.@/-])")
#: A small word after a name that is no function word: the name qualifies a thing ("the Quest AirManager system").
_NOT_A_BODY_NEXT = re.compile(r" (?!(?:and|or|is|was|has|had|have|are|were|as|in|on|at|to|of|for|with|by|which|who|will|would|"
                              r"said|says|should|could|can|may|must|did|does|also|the|a|an|that|its|from)\b)[a-z]")
_INDEFINITE_BEFORE = re.compile(r"(?<![\w’'])[Aa]n? $")  # "a" or "an" before a word: a thing or a title, not a name
_FORMER = re.compile(r"\bformer\s+$")
_HOSPITAL_TOWN = re.compile(r", [A-Z][a-z]+(?=[ .;:)]|$)(?! [A-Z])")  # "Mater Hospital, Belfast prior to", not ", Royal Victoria"
_SUBJECT_LIST = re.compile(r"\w, [\w' ]+ (?:and|&) \w")  # "Business, Innovation and Skills"
_MONARCH = re.compile(r"\b(His|Her) Majesty(?=['’]s\b)")
_OTHER_MONARCH = {"His": "Her Majesty", "Her": "His Majesty"}


def _with_written_forms(entry: dict[str, Any]) -> dict[str, Any]:
    """The entry with the other ways texts write its name: "&" as "and" (and back), and an
    inquiry's name in lower case ("the infected blood inquiry", as Hansard writes it)."""
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
        return entry  # entity_from_entry says what is wrong with it
    names = [entry["name"], *(entry.get("aliases") or [])]
    forms = [n.replace(" & ", " and ") if " & " in n else n.replace(" and ", " & ") for n in names if " & " in n or " and " in n]
    # The Crown's bodies are named for the reigning monarch: "His Majesty's Government" was "Her Majesty's Government".
    forms += [_MONARCH.sub(lambda m: _OTHER_MONARCH[m.group(1)], n) for n in names if _MONARCH.search(n)]
    if entry.get("type") == "Inquiry" and len(entry["name"].split()) >= 3:
        forms.append(entry["name"].lower())
    # A list of subjects written without its commas: "Department for Business Innovation and Skills".
    forms += [n.replace(",", "") for n in [*names, *forms] if _SUBJECT_LIST.search(n)]
    taken = {n.lower() for n in names}
    new = [f for f in dict.fromkeys(forms) if f.lower() not in taken or f == entry["name"].lower() != entry["name"]]
    return {**entry, "aliases": [*(entry.get("aliases") or []), *new]} if new else entry


#: A surface form as the scanning regex sees it: (the form, the characters its match may start
#: with, the regex of the rest).  Exact forms must start and continue as written; multi-word
#: forms ignore case after the first letter, and a form listed in lower case may start either way.
_Branch = tuple[str, str, str]

#: How many tiers merge into one (see ``Gazetteer.__post_init__``).
_TIER_BASE = 4


def _branch(form: str, folded: bool) -> _Branch:
    if not folded:
        return form, form[0], re.escape(form[1:])
    # "Keeping Children Safe" the board, not "keeping children safe" the phrase.
    first = form[0] if form[0].isupper() else "".join(dict.fromkeys(form[0] + form[0].upper()))
    return form, first, f"(?i:{re.escape(form[1:])})"


# Every document works on its own copy of the gazetteer and compiles the forms it learns into
# small tiers (35-60 us a form, 100-150 us a tier of four): ~10 tiers a generated document, the
# largest single cost of the mention finder.  Yet documents learn the same forms ("CQC", the
# Bill of a series) and so build the same tiers: of the 1,003 tiers that 100 generated documents
# build, 623 repeat one compiled before.  A pattern is a pure function of its branches, so tiers
# are shared through this process-wide cache, which leaks nothing a document learns into
# another's gazetteer; unlike ``re``'s own cache (512 patterns, oldest out, shared by every regex
# of the process) it keeps the tiers in use and skips building the pattern text.  Bounded: the
# largest tier, the ~500 curated forms, takes ~0.3 MB compiled; the small ones a few KB.
@functools.lru_cache(maxsize=256)
def _compile_branches(branches: tuple[_Branch, ...]) -> re.Pattern[str]:
    """One regex finding, at each position, the longest of ``branches`` that is a whole word.

    Branches are grouped by their first character, each group starting with that literal, so
    the regex engine skips positions whose character starts no form (it gets a first-character
    set to search with) and tries only one group elsewhere; inside a group, longer forms come
    first, so the first alternative that matches is the longest form at that position.  The
    "not inside a word" check looks back past the first character.

    Forms that may start with a lower-case letter make that set hold common letters, so the
    engine would try the groups inside most words; there the "not inside a word" check comes
    first instead, which rejects those positions at once (the curated tier searches 26% faster).
    """
    by_first: dict[str, list[tuple[int, str]]] = {}
    for form, firsts, rest in branches:
        for first in firsts:
            by_first.setdefault(first, []).append((len(form), rest))
    not_in_word, word_ends = r"(?<![\w-])", r"(?![\w])"
    groups = {}  # first character (escaped) → its forms' rests, longest first
    for first, rests in by_first.items():
        rests.sort(key=lambda pair: pair[0], reverse=True)  # stable: equal lengths keep their order
        groups[re.escape(first)] = "|".join(rest for _, rest in rests)
    if any(first.islower() for first in by_first):
        alternatives = "|".join(f"{first}(?:{rests})" for first, rests in groups.items())
        return re.compile(f"{not_in_word}(?:{alternatives}){word_ends}")
    not_in_word_after_first = r"(?<![\w-][\s\S])"  # the same check, looking back past the first character
    alternatives = "|".join(f"{first}{not_in_word_after_first}(?:{rests})" for first, rests in groups.items())
    return re.compile(f"(?:{alternatives or '(?!x)x'}){word_ends}")


# A tier holding a form that may start with a lower-case letter is compiled the slow way (see
# _compile_branches): slower to scan than one without.  The reference list has 21 such forms
# ("the Treasury", "national redress scheme"), and most documents hold none of them: a document's
# copy of the gazetteer leaves them out of its scans then (Gazetteer.copy), found by a substring of
# each form that every match must contain, in the lower-cased text.  Only characters that no
# other character matches under ``re.I`` qualify ("i", "k" and "s" do not: "ı", "K" and "ſ" match
# them and lower-case otherwise; checked for every code point).
_FOLD_SAFE = frozenset(map(chr, range(32, 127))) - set("iIkKsS")
_MIN_KEYWORD = 3

#: How a document's copy may skip a tier's lower-case forms: the keywords (one a form) that must
#: all be absent from its text, and the tier's other branches; ``None`` if it has no such form, or
#: one without a keyword.
_Gate = tuple[tuple[str, ...], tuple[_Branch, ...]] | None


def _lower_case_gate(branches: Iterable[_Branch]) -> _Gate:
    keywords, others = [], []
    for branch in branches:
        form, firsts, _ = branch
        if not any(first.islower() for first in firsts):  # as _compile_branches decides
            others.append(branch)
            continue
        runs = re.findall("[" + re.escape("".join(sorted(_FOLD_SAFE))) + "]+", form[1:].lower())
        keyword = max(runs, key=len, default="")
        if len(keyword) < _MIN_KEYWORD:
            return None
        keywords.append(keyword)
    return (tuple(keywords), tuple(others)) if keywords else None


@dataclass
class Gazetteer:
    """Names → entities, with compiled longest-first patterns."""

    entries: list[dict[str, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.entities: dict[str, Entity] = {}
        self._exact: dict[str, Entity] = {}  # case-sensitive surface forms
        self._folded: dict[str, Entity] = {}  # lower-cased multi-word surface forms
        self._folded_original: dict[str, str] = {}  # lower-cased → as first written
        # The surface forms as regex branches, in compiled tiers plus those not compiled yet.
        # Compiling the ~700 forms of the reference list takes tens of milliseconds, and a
        # document teaches new forms one at a time (abbreviations it defines, names it
        # discovers): recompiling everything after each would dominate extraction.  So new forms
        # wait in ``_pending`` and are compiled into a small tier when a scan needs them; tiers
        # merge like the digits of a base-4 counter (the four youngest become one once the
        # youngest is as large as the fourth youngest), so each form is recompiled O(log n)
        # times and a scan runs O(log n) regexes.  Base 4, not 2: a compile costs far more than
        # running one more small regex over a document's sentences, and base 2 compiles more
        # tiers (figures in benchmarks/README.md).  Copies share the tiers compiled so far.
        self._tiers: list[tuple[dict[tuple[bool, str], _Branch], re.Pattern[str], _Gate]] = []
        self._pending: dict[tuple[bool, str], _Branch] = {}
        self._patterns: list[re.Pattern[str]] = []  # the tiers' patterns, as scans use them
        self._faster: dict[re.Pattern[str], re.Pattern[str]] = {}  # a tier's pattern → the one this copy scans with (see copy)
        for entry in self.entries:
            self.add(entity_from_entry(entry))

    @classmethod
    def packaged(cls) -> Gazetteer:
        return cls(load_reference())

    def copy(self, text: str | None = None) -> Gazetteer:
        """An independent copy: what one document teaches it does not leak into another.

        Given ``text``, all the text the copy will scan (a document's), its scans leave out the
        forms that may start with a lower-case letter if none of them can occur in it (see
        ``_lower_case_gate``): the same mentions, found faster.
        """
        self._compiled()  # compile once here, not once per copy
        twin = copy.copy(self)
        twin.entities = dict(self.entities)
        twin._exact, twin._folded, twin._folded_original = dict(self._exact), dict(self._folded), dict(self._folded_original)
        twin._tiers, twin._pending = list(self._tiers), dict(self._pending)
        if text is not None:
            lowered = _norm(text).lower()  # forms match the normalised text
            twin._faster = {pattern: _compile_branches(gate[1]) for _, pattern, gate in twin._tiers
                            if gate and not any(keyword in lowered for keyword in gate[0])}
            twin._patterns = [twin._faster.get(pattern, pattern) for _, pattern, _ in twin._tiers]
        return twin

    def add(self, entity: Entity) -> Entity:
        """Register an entity and all its surface forms; returns the registered one."""
        entity = self.entities.setdefault(entity.iri, entity)
        if entity.name == DEFAULT_LEAD:
            return entity  # "the Government" is everywhere: it is the default lead, not a mention
        for form in (entity.name, *entity.aliases, *entity.abbreviations):
            self.add_form(form, entity)
        return entity

    def add_form(self, form: str, entity: Entity) -> None:
        form = _norm(" ".join(form.split()))  # as documents' text is: single spaces, no line breaks
        if not form:
            return
        if " " in form:
            self._folded.setdefault(form.lower(), entity)
            previous = self._folded_original.setdefault(form.lower(), form)
            if previous[0].isupper() and form[0].islower():  # a lower-case spelling is listed: allow both
                self._folded_original[form.lower()] = form
            key, branch = (True, form.lower()), _branch(self._folded_original[form.lower()], folded=True)
        else:
            self._exact.setdefault(form, entity)
            key, branch = (False, form), _branch(form, folded=False)
        self._queue(key, branch)

    def _queue(self, key: tuple[bool, str], branch: _Branch) -> None:
        """Make the next scan see ``branch`` (new, or replacing the branch of the same form)."""
        if self._pending.get(key) == branch:
            return
        for position, (branches, _, _) in enumerate(self._tiers):
            if key in branches:
                if branches[key] == branch:
                    return
                # A form's branch changed: its tier goes back to pending, to be compiled anew.
                del self._tiers[position]
                self._pending = {**branches, **self._pending}
                break
        self._pending[key] = branch

    def forget(self, form: str) -> None:
        """Make scans skip ``form`` (a document defines it as another name): they still match it, to no entity."""
        form = _norm(" ".join(form.split()))
        if " " in form:
            self._folded.pop(form.lower(), None)
        else:
            self._exact.pop(form, None)

    def lookup(self, form: str) -> Entity | None:
        form = _norm(" ".join(form.split()))
        return self._exact.get(form) or self._folded.get(form.lower())

    def government(self) -> Entity | None:
        """The body that "we" and "the Government" stand for."""
        return next((e for e in self.entities.values() if e.name == DEFAULT_LEAD), None)

    def _compiled(self) -> list[re.Pattern[str]]:
        """The compiled tiers, after compiling pending forms (oldest, largest tier first)."""
        if self._pending:
            self._tiers.append(_tier(self._pending))
            self._pending = {}
            while len(self._tiers) >= _TIER_BASE and len(self._tiers[-_TIER_BASE][0]) <= len(self._tiers[-1][0]):
                merged = {key: branch for branches, _, _ in self._tiers[-_TIER_BASE:] for key, branch in branches.items()}
                del self._tiers[-_TIER_BASE:]
                self._tiers.append(_tier(merged))
            self._patterns = [self._faster.get(pattern, pattern) for _, pattern, _ in self._tiers]
        return self._patterns

    def scan(self, text: str) -> list[Mention]:
        """Longest, leftmost, non-overlapping matches of known surface forms."""
        return self._scan(text, _norm(text))

    def _scan(self, text: str, normalised: str) -> list[Mention]:
        found = []
        for start, end in _leftmost_longest(self._compiled(), normalised):
            form = normalised[start:end]  # a form as stored (normalised, no outer space): no need for lookup()
            entity = self._exact.get(form) or self._folded.get(form.lower())
            if entity is not None:
                found.append(Mention(entity, start, end, text[start:end]))
        return found


def _tier(branches: dict[tuple[bool, str], _Branch]) -> tuple[dict[tuple[bool, str], _Branch], re.Pattern[str], _Gate]:
    return branches, _compile_branches(tuple(branches.values())), _lower_case_gate(branches.values())


def _leftmost_longest(patterns: list[re.Pattern[str]], text: str) -> Iterator[tuple[int, int]]:
    """Spans found as one regex holding every pattern's branches would find them.

    Scanning left to right, such a regex takes the leftmost position where some branch
    matches and there the longest; so does this, from each pattern's next match.
    """
    upcoming = [pattern.search(text) for pattern in patterns]
    matching = [number for number, match in enumerate(upcoming) if match is not None]
    if len(matching) <= 1:  # most sentences: no tier matches, or one (the curated list): its own matches are the spans
        for pattern, first in zip(patterns, upcoming, strict=True):
            if first is not None:
                yield from (match.span() for match in pattern.finditer(text, first.start()))
        return
    position = 0
    while True:
        best = None
        for number, match in enumerate(upcoming):
            if match is not None and match.start() < position:  # overlapped by the span just taken
                match = upcoming[number] = patterns[number].search(text, position)
            if match is not None and (best is None or match.start() < best.start() or (match.start() == best.start() and match.end() > best.end())):
                best = match
        if best is None:
            return
        yield best.span()
        position = best.end()


# "the BBC Trust", "the NHS Pension Board", "the HMRC Clearances Team": a listed body's abbreviation, then a head
# word of a body of its own (a unit of the first, or one it runs), with at most three capitalised words between.
# A listed abbreviation before a board or committee in lower case, or before a named team or unit in lower case, is that
# body's too ("the TfL board", "the MOD Information Rights team"; "the HMRC team" names no team).
_QUALIFIED_BODY = re.compile(
    r"\b([A-Z][A-Za-z]{1,5}) ((?:[A-Z][a-z]+ ){0,3}(?:(Trust|Board|Council|Committee|Panel|Foundation|Unit|Authority|Team|Group|Directorate)"
    r"\b(?! [A-Z])|(board|committee)\b)|(?:[A-Z][a-z]+ ){1,3}(team|unit)\b)")


# A legislature's own bodies and services, named after it: "the House of Commons Commission", "the House of Commons
# Service", "the Scottish Parliament Information Centre" (capitalised words ending in a head word of a body).
_LEGISLATURE_UNIT = re.compile(
    rf"\b(?:{'|'.join(form for forms in LEGISLATURES.values() for form in forms)}) (?:[A-Z][a-z]+ ){{0,3}}([A-Z][a-z]+)\b")


# Capitalised words just before a name, inside a sentence (after a lower-case word): "raised by the Public".
_WORDS_BEFORE_COMMITTEE = re.compile(r"(?<=[a-z,] )((?:[A-Z][a-z]+ ){1,2})$")
#: Capitalised words that start no committee's name: determiners, Houses' and posts' words, days and months.
_NOT_PART_OF_A_NAME = frozenset({"The ", "This ", "That ", "Our ", "Your ", "Its ", "Lords ", "Commons ", "Select ", "Joint ",
                                 "House ", "Chair ", "Chairman ", "Members "})


# "Shrewsbury and Telford Hospital NHS Trust", "East Kent Hospitals University NHS Foundation Trust": the NHS's
# naming scheme for its trusts (some 200, not listed one by one), capitalised words before "NHS (Foundation) Trust".
_NHS_TRUST = re.compile(r"\b((?:[A-Z][\w'’-]*|and|of|&) ){0,10}?(?<![\w'’-])[A-Z][\w'’-]* NHS (?:Foundation )?[Tt]rust\b")


# A paragraph about the European Union's business: its Council's presidency, its member states.
_EU_CONTEXT = re.compile(r"\b(?:EU|European Union|[Pp]residency|[Mm]ember [Ss]tates|Schengen|ECOFIN|Ecofin)\b")
# "the Commission" named alone: not "the Commission for Equality ...", not "the Commission on Carers".
_BARE_EXECUTIVE = re.compile(r"\bthe (Executive)\b(?!\s+(?:[A-Z]|of\s+[A-Z]))")
_BARE_ASSEMBLY = re.compile(r"\bthe (Assembly)\b(?!\s+(?:[A-Z]|of\s+[A-Z]))")
_BARE_COMMISSION = re.compile(r"\b[Tt]he (Commission)\b(?!\s+(?:of|for|on|into|to|in)\s+[A-Z])(?!\s+[A-Z])")


class MentionFinder:
    """Finds mentions paragraph by paragraph through one document (keeps anaphora state)."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.recent: dict[str, Entity] = {}  # head word → last entity mentioned with that head
        self.expansions: dict[str, str] = {}  # abbreviation the document defines → the words it stands for
        self.paragraph = ""  # the paragraph the text found in belongs to (``find_each``), for what it says of the text
        self.northern_ireland = False  # whether the document has named Northern Ireland (then "the Executive" is its)
        self.addressed = False  # whether the paragraph being read holds a postcode (then names may run into an address)
        self.wales = False  # whether it has named Wales (then "the Assembly" may be Wales's)
        self.dated_acts: dict[str, Entity] = {}  # an act's name without its year → the act the document named with it

    def find(self, text: str) -> list[Mention]:
        normalised = _norm(text)  # same length as text: offsets carry over
        self._learn_abbreviations(normalised)
        mentions = self.gazetteer._scan(text, normalised)
        if _QUALIFIED_BODY.search(normalised):
            mentions = self._bodies_of_bodies(text, normalised, mentions)
        if "NHS" in normalised:
            mentions = self._nhs_trusts(text, normalised, mentions)
        if _LEGISLATURE_UNIT.search(normalised):
            mentions = self._units_of_legislatures(text, normalised, mentions)
        if "Committee" in text:
            mentions = self._longer_committees(text, mentions)
        if " and " in normalised and (subjects := _department_subjects()).search(normalised):
            mentions = self._departments_by_subject(text, normalised, mentions, subjects)
        discovered = self._discover(text, normalised, mentions)
        if "Transport for " in normalised:
            discovered += self._transport_bodies(text, normalised, [*mentions, *discovered])
        if _INTERCAPPED_WORD.search(normalised) and (intercapped := self._intercapped_names(text, normalised, [*mentions, *discovered])):
            # "CITB-ConstructionSkills": the listed "CITB" joined to the name is part of it
            mentions = [m for m in mentions if not any(n.start <= m.start and m.end <= n.end for n in intercapped)]
            discovered += intercapped
        if " review" in normalised:
            discovered += self._named_reviews(text, normalised, [*mentions, *discovered])
        if _LOWER_CASE_NAME.search(normalised) or _LOWER_CASE_HOSPITAL.search(normalised):
            discovered += self._lower_case_names(text, normalised, [*mentions, *discovered])
        if "Directive " in normalised:
            discovered += self._numbered_directives(text, normalised)
        if ", a" in normalised or " called " in normalised:
            discovered += self._introduced_names(text, normalised, [*mentions, *discovered])
        mentions += discovered
        resolved = self._anaphora(text, mentions)
        if "Commission" in text and _EU_CONTEXT.search(self.paragraph if text in self.paragraph else text):
            resolved += self._bare_name(text, mentions, _BARE_COMMISSION, "European Commission")
        self.northern_ireland = self.northern_ireland or "Northern Ireland" in text
        if self.northern_ireland and "the Executive" in text:
            resolved += self._bare_name(text, mentions, _BARE_EXECUTIVE, "Northern Ireland Executive")
        self.wales = self.wales or "Wales" in text or "Welsh" in text
        if self.northern_ireland and not self.wales and "the Assembly" in text:
            resolved += self._bare_name(text, [*mentions, *resolved], _BARE_ASSEMBLY, "Northern Ireland Assembly")
        mentions += resolved
        if discovered or resolved:  # the scan's own mentions come in order already
            mentions.sort(key=lambda m: (m.start, -m.end))
        if "Committee" in text or "UK " in text:
            mentions = _fuller_forms(text, mentions)
        if ") " in text:
            mentions = self._instruments_under_acts(text, mentions)
        mentions = _without_document_titles(text, mentions)
        if self.dated_acts:
            mentions = [self._dated(mention) for mention in mentions]
        for mention in mentions:
            self.recent[_head_word(mention.entity.name)] = mention.entity
            if mention.entity.type == "Legislation" and (year := _TITLE_YEAR.search(mention.entity.name)) is not None:
                self.dated_acts[mention.entity.name[:year.start()]] = mention.entity
        return mentions

    def _dated(self, mention: Mention) -> Mention:
        """An act found without its year that the document has named with it ("the Localism Act 2011 ... the
        Localism Act"): the dated act, not a second one (a listed act keeps its own entry)."""
        entity = mention.entity
        if entity.type != "Legislation" or entity.curated or _TITLE_YEAR.search(entity.name):
            return mention
        dated = self.dated_acts.get(entity.name)
        return mention if dated is None else replace(mention, entity=dated)

    def legislation_in_heading(self, heading: str) -> list[Mention]:
        """Acts, regulations and orders a heading names with their year ("Complaints under the Data Protection Act
        1998"), listed or not; nothing else is discovered in a heading, and nothing is learnt from it (a
        heading names what the text then defines)."""
        found = [m for m in self.gazetteer.scan(heading) if m.entity.type == "Legislation"]
        for match in _NAME_RUN.finditer(_norm(heading)):
            name, offset = _trim_name(match.group(0))
            start, end = match.start() + offset, match.end()
            typed = _type_of(name) if name and name.split()[-1].isdigit() else None
            if typed is None or typed[0] != "Legislation" or len(name.split()) < 3 or any(m.start < end and start < m.end for m in found):
                continue
            entity = self.gazetteer.lookup(name) or self.gazetteer.add(Entity(name, *typed, entity_iri(typed[0], name), curated=False))
            found.append(Mention(entity, start, end, heading[start:end]))
        return sorted(found, key=lambda m: m.start)

    def find_each(self, texts: list[str]) -> list[list[Mention]]:
        """``[self.find(text) for text in texts]`` (the sentences and bullets of one paragraph, in order).

        Most paragraphs define no abbreviation, hold no head word a new name could end in and
        refer back to nothing ("the Bill"): then nothing learnt from one sentence changes what
        the next one yields, and one scan of the whole paragraph finds every sentence's
        mentions, instead of one scan per sentence (the finder's main cost on prose).
        """
        joined = "\n".join(texts)  # no form holds a line break, and it is no word character: matches stay inside a text
        self.paragraph = joined
        self.northern_ireland = self.northern_ireland or "Northern Ireland" in joined
        self.wales = self.wales or "Wales" in joined or "Welsh" in joined
        if len(texts) < 2:
            return [self.find(text) for text in texts]
        normalised = _norm(joined)
        if ("(" in normalised or _HEAD_WORD_INSIDE.search(normalised) or _ANAPHOR.search(joined)
                or ("NHS" in normalised and _NHS_TRUST.search(normalised)) or _QUALIFIED_BODY.search(normalised)
                or (" review" in normalised and _NAMED_REVIEW.search(normalised))
                or _LOWER_CASE_NAME.search(normalised) or _LOWER_CASE_HOSPITAL.search(normalised)
                or _NAME_IN_APPOSITION.search(normalised) or _NAME_CALLED.search(normalised)
                or (" and " in normalised and _department_subjects().search(normalised))
                or (_INTERCAPPED_WORD.search(normalised) and _INTERCAPPED_NAME.search(normalised))
                or "Transport for " in normalised):
            return [self.find(text) for text in texts]  # it may teach or refer back: text by text
        found: list[list[Mention]] = [[] for _ in texts]
        starts = list(accumulate((len(text) + 1 for text in texts[:-1]), initial=0))  # each text's offset in ``joined``
        mentions = self.gazetteer._scan(joined, normalised)
        mentions = _without_document_titles(joined, mentions)
        for mention in mentions:
            index = bisect_right(starts, mention.start) - 1
            offset = starts[index]
            found[index].append(Mention(mention.entity, mention.start - offset, mention.end - offset, mention.text))
            self.recent[_head_word(mention.entity.name)] = mention.entity
        return found

    def _learn_abbreviations(self, normalised: str) -> None:
        words: list[tuple[int, int]] | None = None  # the text's words, found at the first definition
        for match in _ABBREVIATION_DEF.finditer(normalised):
            short = match.group(1)
            if short.lower().startswith("the "):
                continue  # "('the Panel')" is an anaphor, handled by the head word
            if words is None:
                words = [word.span() for word in _WORD_SPAN.finditer(normalised)]
            long_form = _name_before(normalised, match.start(), short, words)
            if (not long_form or len(long_form.split()) < 2) and (listed := self.gazetteer.lookup(short)) is not None \
                    and (spelt := _spelt_in_lower_case(normalised, match.start(), short)) \
                    and self.gazetteer.lookup(spelt.strip()) is not listed:
                # "the review of public administration (RPA)": here the abbreviation is not the listed body's (unlike
                # "children and young people's mental health services (CYPMHS)", the listed name in lower case)
                self.gazetteer.forget(short)
                continue
            if (not long_form or len(long_form.split()) < 2) and self.gazetteer.lookup(short) is None \
                    and (spelt := _spelt_in_lower_case(normalised, match.start(), short).strip()) \
                    and (kind := _LOWER_CASE_INSTRUMENTS.get(spelt.rsplit(" ", 1)[-1])):
                # "the environmental information regulations (EIRs)": an instrument named in lower case, as answers write it
                self.gazetteer.add(Entity(spelt, "Legislation", kind, entity_iri("Legislation", spelt), abbreviations=(short,), curated=False))
                continue
            if not long_form or len(long_form.split()) < 2:
                continue
            known_short, known_long = self.gazetteer.lookup(short), self.gazetteer.lookup(long_form)
            if known_short and not known_long and not _shares_a_word(long_form, known_short):
                # "Primary Surveillance Radar (PSR)": here the abbreviation is not the listed body's
                # (the Payment Systems Regulator); a misnamed body still shares a word ("Care and
                # Quality Commission (CQC)").
                self.gazetteer.forget(short)
                known_short = None
            if known_short and not known_long:
                self.gazetteer.add_form(long_form, known_short)
            elif known_long and not known_short:
                self.gazetteer.add_form(short, known_long)
            elif not known_short and not known_long and (typed := _type_of(long_form)):
                type, kind = typed
                name = long_form
                if type == "Legislation" and (year := _YEAR_AFTER.match(normalised, match.end())) is not None:
                    name = f"{long_form} {year.group(1)}"  # "the Environmental Information Regulations (EIR) 2004": the year is the title's
                entity = Entity(name, type, kind, entity_iri(type, name), abbreviations=(short,), curated=False)
                self.gazetteer.add(entity)
                if name != long_form:
                    self.gazetteer.add_form(long_form, entity)
            elif not known_short and not known_long:
                self.expansions[short] = long_form  # "Freedom of Information (FOI)": "FOI Act 2000" is spelt out

    def _discover(self, text: str, normalised: str, known: list[Mention]) -> list[Mention]:
        if not _HEAD_WORD_INSIDE.search(normalised):
            return []  # two sentences in three: no run here can name anything
        found = []
        self.addressed = _POSTCODE.search(text) is not None  # once a paragraph: a sentence may hold thousands of runs
        # ``known`` comes from the scan: left to right, not overlapping, so its ends ascend too and
        # the mentions that touch a span are found by bisection (a sentence may hold thousands).
        ends = [m.end for m in known]
        taken_until = 0  # the end of a name run on across a list ("..., Tissues and Organs"): no new run before it
        for match in _NAME_RUN.finditer(normalised):
            if match.start() < taken_until:
                continue
            if not match["more"] or not _HEAD_WORD_INSIDE.search(normalised, match.start(), match.end()):
                continue  # a lone word, or words without a head word (together 3 runs in 4), name nothing
            # Known names inside a run ("UKHSA and the X Programme") split it; the rest may hold a new name.
            pieces = [(match.start(), match.end())]
            for index in range(bisect_right(ends, match.start()), len(known)):  # those ending before the run leave it whole
                mention = known[index]
                if mention.start >= match.end():
                    break  # ... and so do those starting after it
                pieces = [part for s, e in pieces for part in ((s, min(e, mention.start)), (max(s, mention.end), e)) if part[0] < part[1]]
            for piece_start, piece_end in pieces:
                raw = normalised[piece_start:piece_end]
                stripped = raw.lstrip(" ,;)")  # after a known "(LWA)": not ") Board"
                if stripped.startswith("("):
                    continue  # a bracket after a known name ("NHS (Pharmaceutical Services) Regulations"): no name alone
                raw_offset = len(raw) - len(stripped)
                name, offset = _trim_name(stripped.rstrip())
                start = piece_start + raw_offset + offset
                end = start + len(name)
                if end == match.end() and _SUBJECT_NAME.search(name) and (tail := _LIST_TAIL.match(normalised, end)) \
                        and not any(self.gazetteer.lookup(word) for word in _TAIL_WORD.findall(tail.group(0))):
                    # "Advisory Committee on the Safety of Bloods, Tissues and Organs": the subject is a list
                    name, end = normalised[start:tail.end()], tail.end()
                    taken_until = end
                if _POST_SUBJECTS_BEFORE.search(normalised, max(0, start - 80), start):
                    continue  # "the Minister of Health, Social Services and Public Safety": a post's subjects, no body
                if name and not _overlaps_ordered(known, ends, start, end):
                    found.extend(self._discovered(name, text, start, end))
        return found

    def _departments_by_subject(self, text: str, normalised: str, mentions: list[Mention], subjects: re.Pattern[str]) -> list[Mention]:
        """A department named by its subjects alone, as Hansard names it ("Communities and Local Government has
        undertaken two reviews", "the Communities and Local Government website"): that department. Not the
        subjects of a post ("Secretary of State for Communities and Local Government"), nor the start of a
        longer name ("Work and Pensions Committee")."""
        spans = _Spans((m.start, m.end) for m in mentions)
        for match in subjects.finditer(normalised):
            start, end = match.span()
            before = normalised[max(0, start - 12):start]
            if spans.overlaps(start, end) or _SUBJECT_OF_A_POST.search(before) or _NAME_GOES_ON.match(normalised, end) \
                    or not normalised.strip(" \n.:").replace(match.group(0), ""):  # a heading: "Work and Pensions"
                continue
            entity = self.gazetteer.lookup(_department_subjects_names()[match.group(0)])
            if entity is not None:
                if match.group(0) not in entity.aliases:  # the department's node gets the form as an alias
                    entity = replace(entity, aliases=(*entity.aliases, match.group(0)))
                mentions = sorted([*mentions, Mention(entity, start, end, text[start:end])], key=lambda m: (m.start, -m.end))
        return mentions

    def _transport_bodies(self, text: str, normalised: str, known: list[Mention]) -> list[Mention]:
        """"Transport for the North", "Transport for Greater Manchester": a transport body named for the place it
        serves, as Transport for London is. Not a department's or a minister's subjects ("Department for Transport
        for ...") nor a fund the next word names ("Transport for City Regions funding")."""
        found = []
        spans = _Spans((m.start, m.end) for m in known)
        for match in _TRANSPORT_FOR.finditer(normalised):
            start, end = match.span()
            if spans.overlaps(start, end) or _SUBJECT_OF_A_POST.search(normalised, max(0, start - 12), start) \
                    or _NOT_A_BODY_NEXT.match(normalised, end):
                continue
            name = text[start:end]
            entity = self.gazetteer.lookup(name) or self.gazetteer.add(
                Entity(name, "Organisation", "local_government", entity_iri("Organisation", name), curated=False))
            found.append(Mention(entity, start, end, name))
        return found

    def _intercapped_names(self, text: str, normalised: str, known: list[Mention]) -> list[Mention]:
        """A name with a capital inside a word ("QinetiQ", "TravelWatch SouthWest", "CITB-ConstructionSkills",
        "Scotland TranServ"), as companies and bodies outside government style theirs, with the capitalised words
        next to it: a body. Not a product or a thing the next word names ("the Quest AirManager system"), nor words
        run together at a line's start where a page's parts were joined ("Written StatementsToday")."""
        found = []
        for match in _INTERCAPPED_NAME.finditer(normalised):
            start, end = match.span()
            joined = [m for m in known if m.start < end and start < m.end]
            if any(not (start <= m.start and m.end < end and normalised[m.end] == "-") for m in joined) \
                    or start == 0 or normalised[start - 1] == "\n" \
                    or _NOT_A_BODY_NEXT.match(normalised, end) or match.group(0).split()[0] in _NOT_NAME_START \
                    or match.group(0).removesuffix("s") in self.expansions \
                    or _INDEFINITE_BEFORE.search(normalised, max(0, start - 4), start) or match.group(0).endswith("ies"):
                # "Memorandum of Understanding (MoU)", "a LeasCheann Comhairle" (a title), "phones and BlackBerries" (things)
                continue
            name = text[start:end]
            entity = self.gazetteer.lookup(name) or self.gazetteer.add(
                Entity(name, "Organisation", "company", entity_iri("Organisation", name), curated=False))
            found.append(Mention(entity, start, end, name))
        return found

    def _named_reviews(self, text: str, normalised: str, known: list[Mention]) -> list[Mention]:
        """"The Pitt review", "the Haddon-Cave review": a review named by one capitalised word, its chair's name or
        its subject, is a review body (an Inquiry) as "the Nimrod Review" is; not a round of policy ("the Spending
        review") nor a review by a body the text names ("the Ofsted review")."""
        found = []
        spans = _Spans((m.start, m.end) for m in known)
        for match in _NAMED_REVIEW.finditer(normalised):
            start, end = match.span(1)
            word = match.group(1).split()[0]
            if word in _POLICY_REVIEW_WORDS or word in _NOT_NAME_START or spans.overlaps(start, end) \
                    or self.gazetteer.lookup(word) is not None or word.isupper():
                continue
            name = text[start:end]
            entity = self.gazetteer.lookup(name) or self.gazetteer.add(
                Entity(name, "Inquiry", "review", entity_iri("Inquiry", name), curated=False))
            found.append(Mention(entity, start, end, name))
        return found

    def _lower_case_names(self, text: str, normalised: str, known: list[Mention]) -> list[Mention]:
        """"the Scottish flu response centre", "the Nimrod integrated project team", "the Scottish expert group on ECMO":
        a body named, as the Scottish Parliament's Official Report and Hansard often write names, by a capitalised word
        (a place, a nation, a project) and words in lower case ending in a body's head word; a hospital so named after
        "at", "in", "from" or "to" ("at Glenfield hospital", "at Aberdeen royal infirmary"). Not a place's body named
        by its head word alone ("the Leicester team"), nor words inside a known name."""
        found = []
        spans = _Spans((m.start, m.end) for m in known)
        for match in _LOWER_CASE_HOSPITAL.finditer(normalised):
            start, end = match.span(1)
            if not spans.overlaps(start, end) and match.group(2) not in _NOT_NAME_START and self.gazetteer.lookup(match.group(2)) is None \
                    and not _NOT_A_BODY_NEXT.match(normalised, end):  # "in Scottish hospital wards": the wards
                name = text[start:end]
                entity = self.gazetteer.lookup(name) or self.gazetteer.add(
                    Entity(name, "Organisation", "nhs_body", entity_iri("Organisation", name), curated=False))
                found.append(Mention(entity, start, end, name))
        for match in _LOWER_CASE_NAME.finditer(normalised):
            start, end = match.span(1)
            between = set(normalised[match.end(2):match.start(3)].split())
            if spans.overlaps(start, end) or match.group(2) in _NOT_NAME_START or self.gazetteer.lookup(match.group(2)) is not None \
                    or _FUNCTION_WORDS & between or _NOT_A_BODY_NEXT.match(normalised, end):
                continue  # "the Chair and her panel", "the Nimrod aircraft over its service life": a phrase, no name
            name = text[start:end]
            type, kind = HEAD_WORDS[match.group(3).capitalize()]
            entity = self.gazetteer.lookup(name) or self.gazetteer.add(Entity(name, type, kind, entity_iri(type, name), curated=False))
            found.append(Mention(entity, start, end, name))
        return found

    def _introduced_names(self, text: str, normalised: str, known: list[Mention]) -> list[Mention]:
        """A name the text says is a body's: "Lowland Widgets, a high-tech engineering company that", "an organisation
        called the west country makers club, which" (a company, a charity, an organisation in apposition or "called").
        Not a known name, nor words that start no name ("The ..."), nor a place said to be something else."""
        found = []
        spans = _Spans((m.start, m.end) for m in known)
        for pattern in (_NAME_IN_APPOSITION, _NAME_CALLED):
            for match in pattern.finditer(normalised):
                start, end = match.span("name")
                name = text[start:end]
                if spans.overlaps(start, end) or name.split()[0] in _NOT_NAME_START or self.gazetteer.lookup(name) is not None:
                    continue
                kind = _CLASS_KINDS.get(match.group("noun"), "association")
                entity = self.gazetteer.add(Entity(name, "Organisation", kind, entity_iri("Organisation", name), curated=False))
                found.append(Mention(entity, start, end, name))
        return found

    def _bodies_of_bodies(self, text: str, normalised: str, mentions: list[Mention]) -> list[Mention]:
        """A listed body's abbreviation and a head word name another body ("the BBC Trust", "the NHS Pension
        Board"): that one."""
        by_start = {m.start: m for m in mentions}
        taken = {m.start for m in mentions}
        for match in _QUALIFIED_BODY.finditer(normalised):
            known = by_start.get(match.start())
            if known is None or known.end != match.end(1) or known.entity.type != "Organisation" or match.start(2) in taken:
                continue
            head = match.group(3) or match.group(4) or match.group(5)
            if (head.islower() or not match.group(1).isupper()) and known.text not in known.entity.abbreviations:
                continue  # "the Ofsted board": a name, not an abbreviation, before the head word in lower case
            name = match.group(0)
            type, kind = HEAD_WORDS[head.capitalize()]
            entity = self.gazetteer.lookup(name) or self.gazetteer.add(Entity(name, type, kind, entity_iri(type, name), curated=False))
            mentions = [Mention(entity, match.start(), match.end(), text[match.start():match.end()]) if m is known else m for m in mentions]
        return mentions

    def _nhs_trusts(self, text: str, normalised: str, mentions: list[Mention]) -> list[Mention]:
        """An NHS trust named in full ("Maidstone and Tunbridge Wells NHS Trust") is that trust, not the NHS."""
        for match in _NHS_TRUST.finditer(normalised):
            name, offset = _trim_name(match.group(0))  # "At The X NHS Trust": the name after the leading words
            start, end = match.start() + offset, match.end()
            if " " not in name.removesuffix(" Foundation Trust").removesuffix(" Trust").removesuffix(" trust").strip():
                continue  # "NHS Trust" alone after the trimming: no trust named
            inside = [m for m in mentions if start <= m.start and m.end <= end]
            if any(m.start < end and start < m.end for m in mentions if m not in inside):
                continue  # a listed name runs across its edge: leave the listed reading
            name = " ".join([*text[start:end].split()[:-1], "Trust"])  # "NHS trust" in running text is "NHS Trust"
            entity = self.gazetteer.lookup(name) or self.gazetteer.add(
                Entity(name, "Organisation", "nhs_body", entity_iri("Organisation", name), curated=False))
            mentions = sorted([m for m in mentions if m not in inside] + [Mention(entity, start, end, text[start:end])],
                              key=lambda m: (m.start, -m.end))
        return mentions

    def _units_of_legislatures(self, text: str, normalised: str, mentions: list[Mention]) -> list[Mention]:
        """A legislature's body or service named after it ("the House of Commons Commission", "the Scottish
        Parliament Information Centre") is that body, not the legislature; a listed committee after a House is
        left to :func:`_fuller_forms` ("House of Lords Statutory Inquiries Committee")."""
        for match in _LEGISLATURE_UNIT.finditer(normalised):
            start, end = match.span()
            typed = HEAD_WORDS.get(match.group(1)) if match.group(1) != "Committee" else None  # a House's committees: _fuller_forms
            if normalised.startswith((" on ", " of ", " for "), end):
                continue  # the name goes on ("the House of Lords Select Committee on the Constitution")
            inside = [m for m in mentions if start <= m.start and m.end <= end]
            if typed is None or any(m.entity.curated and m.start > start for m in inside) \
                    or any(m.start < end and start < m.end for m in mentions if m not in inside):
                continue
            name = text[start:end]
            entity = self.gazetteer.lookup(name) or self.gazetteer.add(
                Entity(name, typed[0], typed[1], entity_iri(typed[0], name), curated=False))
            mentions = sorted([m for m in mentions if m not in inside] + [Mention(entity, start, end, name)],
                              key=lambda m: (m.start, -m.end))
        return mentions

    def _longer_committees(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """A listed committee's name with capitalised words before it inside a sentence is another committee ("the
        Public Administration Committee" is not the Administration Committee): that one, found from the text."""
        longer = []
        for mention in mentions:
            match = _WORDS_BEFORE_COMMITTEE.search(text, 0, mention.start)
            if mention.entity.curated and mention.entity.name.endswith(" Committee") and match is not None \
                    and match.group(1) not in _NOT_PART_OF_A_NAME:
                name = text[match.start(1):mention.end]
                entity = self.gazetteer.lookup(name) or self.gazetteer.add(
                    Entity(name, "Organisation", mention.entity.kind, entity_iri("Organisation", name), curated=False))
                mention = Mention(entity, match.start(1), mention.end, name)
            longer.append(mention)
        return longer

    def _discovered(self, name: str, text: str, start: int, end: int) -> list[Mention]:
        """A mention of ``name`` if its head word gives it a type (registering a new entity); two
        when it joins two names ("Premier League and Football Foundation")."""
        if (date := _TRAILING_DATE.search(name)) is not None:  # "the Select Committee on the Constitution in May"
            name, end = name[: date.start()], start + date.start()
        if (letter := _TRAILING_LETTER.search(name)) is not None:
            name, end = name[: letter.start()], start + letter.start()
        if self.addressed and (cut := _end_of_addressee(name)) < len(name):
            name, end = name[:cut], start + cut  # "The Ministerial Correspondence Unit Level 5, ... London SW1A 2HB"
        if (lone := _LONE_HEAD_AND_THE.match(name)) is not None:
            # "findings from the Inspectorate and the Committee": a head word alone refers back to a body, names none
            return self._discovered(name[lone.end():], text, start + lone.end(), end)
        if (pair := _two_names(name)) is not None:
            first, second_offset, second = pair
            return [*self._discovered(first, text, start, start + len(first)),
                    *self._discovered(second, text, start + second_offset, start + second_offset + len(second))]
        if " at " in name and _type_of(name.rsplit(" at ", 1)[0]) is None:
            # "Clinical Microbiology at University College London Hospitals": the body after the field or post
            skipped = name.rindex(" at ") + 4
            if name.startswith("the ", skipped):
                skipped += 4
            return self._discovered(name[skipped:], text, start + skipped, end)
        words = name.split(" ")
        if (body_at := _after_post(words)) is not None:
            # "National Chairman of Age UK", "Head of Care at Diabetes UK": the body after the post
            skipped = len(" ".join(words[:body_at])) + 1
            return self._discovered(" ".join(words[body_at:]), text, start + skipped, end) if body_at < len(words) else []
        if words[0] in PREFIX_WORDS and {"and", "in", "at"} & set(words):  # "HMP Five Wells in Northamptonshire"
            words = words[: min(words.index(w) for w in ("and", "in", "at") if w in words)]
            name, end = " ".join(words), start + len(" ".join(words))
        if words[0] in _MEETING_MONTHS:
            return []  # "the November JHA Council", "the June Council conclusions": a meeting, not a body
        if len(words) > 2 and words[-1] in _CONNECTORS and HEAD_WORDS.get(words[-2], ("",))[0] == "Legislation":
            words = words[:-1]  # "the Child Poverty Bill into [Parliament]": a known name cut the run after the bill's
            name, end = " ".join(words), start + len(" ".join(words))
        typed = _type_of(name)
        # "the Lowland Apprenticeships Bill in November 2027": the name ends before a trailing phrase.
        for cut in range(len(words) - 1, 1, -1):
            if typed is not None:
                break
            if words[cut] == "and" and any(w in HEAD_WORDS for w in words[cut + 1:]):
                continue  # "Claimant Service and Experience Survey 2011": "and" inside one name
            if words[cut] in _CONNECTORS and words[cut - 1] in HEAD_WORDS:
                name = " ".join(words[:cut])
                end = start + len(name)
                typed = _type_of(name)
        if typed is None or len(name.split()) < 2 or name.rsplit(" ", 1)[-1] in _CONNECTORS:
            return []  # "the Department of Business, Innovation ...": a name cut at its comma ends in "of": no name
        if name.endswith(" Assembly") and text.startswith((" government", " Government"), end):
            name, end = name + text[end:end + 11], end + 11  # "Welsh Assembly government ministers": the government, not the Assembly
            typed = ("Organisation", "government")
        if name.endswith((" Hospital", " Hospitals")):
            if _FORMER.search(text, max(0, start - 40), start):
                return []  # "the site of the former Runwell Hospital": a site, no longer a body
            if (town := _HOSPITAL_TOWN.match(text, end)) is not None:
                name, end = name + town.group(0), town.end()  # "the Mater Hospital, Belfast": the town is part of its name
        type, kind = typed
        written = name
        name = _INNER_ABBREVIATION.sub("", name)  # "Freedom of Information (FOI) Act 2000" is the Freedom of Information Act 2000
        if (first := name.split(" ", 1)[0]) in self.expansions:  # "FOI Act 2000", after "Freedom of Information (FOI)"
            name = self.expansions[first] + name[len(first):]
        entity = self.gazetteer.lookup(name) or self.gazetteer.add(Entity(name, type, kind, entity_iri(type, name), curated=False))
        if written != name and type != "Legislation" and written not in entity.aliases:
            entity = replace(entity, aliases=(*entity.aliases, written))  # a body keeps the form as written among its names
        found = [Mention(entity, start, end, text[start:end])]
        if type == "Organisation" and (department := _OF_A_DEPARTMENT.search(name)) is not None:
            # "the Railway Inspectorate of the Department of Transport": the unit, and the department it belongs to
            found += self._discovered(department.group(1), text, start + department.start(1), end)
        return found

    def _numbered_directives(self, text: str, normalised: str) -> list[Mention]:
        """A European directive named by its number ("the EU Council Directive 93/7/EC"): legislation, with
        the words before the number that name its maker."""
        found = []
        for match in _NUMBERED_DIRECTIVE.finditer(normalised):
            name = match.group(0)
            entity = self.gazetteer.lookup(name) or self.gazetteer.add(
                Entity(name, "Legislation", "directive", entity_iri("Legislation", name), curated=False))
            found.append(Mention(entity, match.start(), match.end(), text[match.start():match.end()]))
        return found

    def _instruments_under_acts(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """A statutory instrument titled after its parent act, "the Proceeds of Crime Act 2002 (External Requests
        and Orders) Order 2005": one mention of the instrument; the act inside its title is not named alone."""
        found: list[Mention] = []
        for mention in mentions:
            if found and found[-1].end > mention.start and found[-1].entity.kind in {"order", "regulations", "rules"}:
                continue  # a word of the instrument's title ("Fees) Regulations 2001"): no name of its own
            tail = _INSTRUMENT_TAIL.match(text, mention.end) if mention.entity.type == "Legislation" and mention.text[-1:].isdigit() else None
            if tail is not None:
                name = text[mention.start:tail.end()]
                kind = tail.group(1).lower()
                entity = self.gazetteer.lookup(name) or self.gazetteer.add(
                    Entity(name, "Legislation", kind, entity_iri("Legislation", name), curated=False))
                mention = Mention(entity, mention.start, tail.end(), name)
            found.append(mention)
        return found

    def _bare_name(self, text: str, known: list[Mention], pattern: re.Pattern[str], name: str) -> list[Mention]:
        """A body named by its head word alone where the context says which one it is: "the Commission" in a paragraph
        about the EU is the European Commission, "the Executive" and "the Assembly" in a document naming Northern Ireland
        (and not Wales) the Northern Ireland Executive and Assembly (as those texts name them); the bare form joins the body's names.  Elsewhere "the
        Commission" refers back to a commission the text names ("the Standing Commission on Carers ... the
        Commission's work"), and a name in full ("the Health and Safety Executive") is left alone by ``pattern``."""
        body = self.gazetteer.lookup(name)
        if body is None:
            return []
        spans = _Spans((m.start, m.end) for m in known)
        found = []
        for match in pattern.finditer(text):
            start, end = match.start(1), match.end(1)
            if spans.overlaps(start, end):
                continue
            if match.group(1) not in body.aliases:
                body = replace(body, aliases=(*body.aliases, match.group(1)))
            found.append(Mention(body, start, end, match.group(1)))
        return found

    def _anaphora(self, text: str, known: list[Mention]) -> list[Mention]:
        found = []
        spans = None  # built at the first anaphor: most sentences have none, and building costs ~8 us
        for match in _ANAPHOR.finditer(text):
            start, end = match.start(), match.end()
            if not (entity := self.recent.get(match.group(1))):
                continue
            if spans is None:
                spans = _Spans((m.start, m.end) for m in known)
            if not spans.overlaps(start, end):
                found.append(Mention(entity, start, end, match.group(0)))
        return found


# Capitalised words ending in a code's or a manual's title word: "the Civil Service Management Code".
_DOCUMENT_TITLE_AFTER = re.compile(r" (?:Code|Codes|Handbook|Manual)\b")  # a quick test that a text may hold one
_DOCUMENT_TITLE_WORDS = re.compile(r"(?: [A-Z][a-z]+){0,2} (?:Code|Codes|Handbook|Manual)\b")
# A unit of time or a fraction after a number: "the NHS 24 hours a day", "24/7".
_QUANTITY_AFTER = re.compile(r"(?:[ -](?:hours?|days?|weeks?|months?|years?|per\b|%)|/\d)")


def _without_document_titles(text: str, mentions: list[Mention]) -> list[Mention]:
    """A body's name that starts a code's or a manual's title ("in accordance with the Civil Service Code", "Section 8 of
    the Civil Service Management Code") names the document, not the body: such mentions are left out; so is a name
    ending in a number that is a quantity there ("NHS 24" in "the NHS 24 hours a day").

    >>> service = Entity("Civil Service", "Organisation", "government", "https://example.org/cs")
    >>> len(_without_document_titles("under the Civil Service Code.", [Mention(service, 10, 23, "Civil Service")]))
    0
    >>> len(_without_document_titles("the Civil Service and its code", [Mention(service, 4, 17, "Civil Service")]))
    1
    """
    titles = _DOCUMENT_TITLE_AFTER.search(text) is not None
    return [m for m in mentions if m.entity.type not in {"Organisation", "Inquiry"}
            or not ((titles and _DOCUMENT_TITLE_WORDS.match(text, m.end)) or (m.text[-1:].isdigit() and _QUANTITY_AFTER.match(text, m.end)))]


def _fuller_forms(text: str, mentions: list[Mention]) -> list[Mention]:
    """A listed body named in a fuller form, "House of Lords Statutory Inquiries Committee" (a House's
    committee: the committee alone, the House is not named as a body there) or "UK Border Force": one
    mention of the fuller form, which the body's node gets as an alias.

    >>> committee = Entity("Statutory Inquiries Committee", "Organisation", "board", "https://example.org/c")
    >>> lords = Entity("House of Lords", "Organisation", "government", "https://example.org/l")
    >>> found = _fuller_forms("The House of Lords Statutory Inquiries Committee", [Mention(lords, 4, 18, "House of Lords"),
    ...                       Mention(committee, 19, 48, "Statutory Inquiries Committee")])
    >>> [(m.text, m.entity.aliases) for m in found]
    [('House of Lords Statutory Inquiries Committee', ('House of Lords Statutory Inquiries Committee',))]
    """
    fuller: list[Mention] = []
    previous: Mention | None = None
    for mention in mentions:
        entity, start = mention.entity, None
        if entity.type == "Organisation" and previous is not None and previous.entity.name in HOUSES \
                and previous.end + 1 == mention.start and text[previous.end] == " " and "Committee" in entity.name.split():
            start = previous.start
            fuller.pop()  # the House
        elif entity.type == "Organisation" and text[max(0, mention.start - 3):mention.start] == "UK " \
                and not text[max(0, mention.start - 4):mention.start - 3].strip(" ("):
            start = mention.start - 3
        if start is not None:
            form = text[start:mention.end]
            if form.lower() not in {f.lower() for f in (entity.name, *entity.aliases, *entity.abbreviations)}:
                entity = replace(entity, aliases=(*entity.aliases, form))
            mention = Mention(entity, start, mention.end, form)
        fuller.append(mention)
        previous = mention
    return fuller


class _Spans:
    """Answers "does [start, end) overlap one of these spans?" by bisection, not by a scan of all."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [start for start, _ in ordered]
        self.reach = list(accumulate((end for _, end in ordered), max))  # furthest end among the first i + 1

    def overlaps(self, start: int, end: int) -> bool:
        before = bisect_left(self.starts, end)  # the spans starting before ``end``
        return before > 0 and self.reach[before - 1] > start


def _overlaps_ordered(spans: list[Mention], ends: list[int], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of ``spans``, which are in order and do not overlap.

    Their ends ascend like their starts (``ends`` lists them), so only the first span ending
    after ``start`` can overlap.
    """
    first = bisect_right(ends, start)
    return first < len(spans) and spans[first].start < end


@functools.lru_cache(maxsize=4096)
def _head_word(name: str) -> str:
    """The word "the ..." refers back with: the last of ``name`` ("Children Act 1989" → "Act")."""
    words = name.split()
    if words[-1][:4].isdigit() and len(words) > 1:
        return words[-2]
    return words[-1]


_WORD_SPAN = re.compile(r"\S+")  # a word as str.split() sees it


def _shares_a_word(name: str, entity: Entity) -> bool:
    """Whether ``name`` has a word (not a connector) of one of ``entity``'s names."""
    words = {w for w in re.findall(r"[a-z]+", name.lower()) if w not in _CONNECTORS}
    return any(words & set(re.findall(r"[a-z]+", form.lower())) for form in (entity.name, *entity.aliases))


def _name_before(text: str, position: int, abbreviation: str, words: list[tuple[int, int]] | None = None) -> str:
    """The name ending right before ``position`` whose initials spell ``abbreviation``.

    ``words`` are the spans of the words of ``text`` (``_WORD_SPAN``), when the caller has them.

    >>> _name_before("Ofsted and the Care and Quality Commission (CQC)", 43, "CQC")
    'Care and Quality Commission'
    """
    # The last twelve words before ``position``, without a possessive "'s": only they can form
    # the name, and slicing and splitting all the text before each definition would make a
    # sentence of thousands of definitions take quadratic time.
    if words is None:
        words = [word.span() for word in _WORD_SPAN.finditer(text)]
    count = bisect_left(words, (position,))  # words starting before position (the last may run past it)
    before = [text[start:min(end, position)] for start, end in words[max(0, count - 13):count]]
    if before:
        last = re.sub(r"'s?$", "", before[-1])
        if last:
            before[-1] = last
        else:
            before.pop()
    before = before[-12:]
    letters = re.sub(r"[^A-Z]", "", abbreviation.upper().removesuffix("S") if abbreviation.endswith("s") else abbreviation)
    best = ""
    for size in range(1, len(before) + 1):
        candidate = before[-size:]
        if not candidate[0][:1].isupper():
            continue
        initials = "".join(w[0] for w in candidate if w[:1].isupper())
        # "Freedom of Information (FOI)": some abbreviations keep the small words' letters too
        every_initial = "".join(w[0] for w in candidate) if candidate[-1][:1].isupper() else ""
        if initials.upper() == letters or every_initial.upper() == letters:
            best = " ".join(candidate)
    return best


_SMALL_WORDS = frozenset({"of", "the", "and", "for", "on", "in", "to", "&"})


def _spelt_in_lower_case(text: str, position: int, abbreviation: str) -> str:
    """The words in lower case just before ``position`` that spell ``abbreviation`` with their initials, small words
    left out ("service family accommodation (SFA)", "the review of public administration (RPA)"), else "".

    >>> _spelt_in_lower_case("in the review of public administration (RPA)", 39, "RPA")
    'review of public administration '
    >>> _spelt_in_lower_case("the Rural Payments Agency (RPA)", 26, "RPA")
    ''
    """
    before = text[max(0, position - 120):position]
    words = [w for w in _WORD_SPAN.finditer(before) if w.group(0) not in _SMALL_WORDS]
    letters = abbreviation.removesuffix("s")
    candidate = words[-len(letters):] if len(words) >= len(letters) else []
    if candidate and all(w.group(0)[:1].islower() for w in candidate) \
            and "".join(w.group(0)[0] for w in candidate).upper() == letters.upper():
        return before[candidate[0].start():]
    return ""


# "Alongside the X Panel", "According to the X Survey", "Introduce the X Bill": a word (and a
# preposition) before "the" that starts the run is not part of the name.
_LEADING_PHRASE = re.compile(r"^[A-Z][\w'’-]*(?:\s+(?:to|with|from|by))?\s+the\s+(?=[A-Z])")


# "Friend the Minister for the Armed Forces": a minister's title ends the run before "the", whatever words lead it.
_MINISTER_FOR = re.compile(r"\b(?:Minister|Secretary of State|Under-Secretary of State) for$")
_NAME_POSSESSORS = ("Women", "Children", "Men", "People", "Girls", "Boys", "Veterans", "Workers", "Citizens", "Patients", "Victims")
_MAJESTY = re.compile(r"^(?:Her|His) Majesty's$")  # "His Majesty's Inspectorate of Prisons": part of the name


def _trim_name(run: str) -> tuple[str, int]:
    """Drop leading words that cannot start a name; return the name and its offset in ``run``.

    A possessive before the name is no part of it ("Katy Bourne's Youth Commission", "Government's
    Criminal Justice Bill"), nor are words before "the" that precedes the head word ("Chair and
    Panellists of the Independent Inquiry into Grooming Gangs").

    >>> _trim_name("Katy Bourne's Youth Commission"), _trim_name("Chair of the Independent Inquiry into X")
    (('Youth Commission', 14), ('Independent Inquiry into X', 13))
    """
    offset = 0
    possessive = run.rfind("'s ")
    # "His Majesty's ...", "Women's Engineering Society", "Children's Commissioner": the possessive is part of the name
    if possessive >= 0 and re.fullmatch(r"\d{4}", run[possessive + 3:]):
        run = run[:possessive]  # "The World Economic Forum's 2015 [Global Gender Gap Report]": the name is the possessor
    elif possessive >= 0 and not run[:possessive].endswith(("Majesty", *_NAME_POSSESSORS)):
        offset, run = possessive + 3, run[possessive + 3:]
    if (head := _HEAD_WORD.search(run)) and (article := run.rfind(" the ", 0, head.start())) >= 0:
        if run.split(" ", 1)[0] in {"Secretary", "Under-Secretary", "Minister", "Parliamentary"} or _MINISTER_FOR.search(run, 0, article):
            return "", 0  # "Secretary of State for the Home Department": a post ("Chair of the X Inquiry" names X)
        cut = article + len(" the ")
        offset, run = offset + cut, run[cut:]
    if match := _LEADING_PHRASE.match(run):
        offset, run = offset + match.end(), run[match.end():]
    words = run.split(" ")
    while words and (words[0] in _NOT_NAME_START or words[0] in _CONNECTORS) and not _MAJESTY.match(" ".join(words[:2])):
        offset += len(words[0]) + 1
        words.pop(0)
    name = " ".join(words)
    name = re.sub(r"'s$", "", name)
    return name, offset


def _names_body(words: list[str], position: int) -> bool:
    """Whether a post word starts a body's name there: "Parliamentary Office of Science and Technology",
    unlike "Parliamentary Under-Secretary of State"."""
    return (words[position] == "Parliamentary" and position + 1 < len(words) and words[position + 1] not in _PARLIAMENTARY_POSTS
            and words[position + 1] not in _POST_WORDS)  # "Parliamentary Commissioner for Administration": a post


_PARLIAMENTARY_POSTS = {"Under-Secretary", "Secretary", "Private", "Under"}


def _after_post(words: list[str]) -> int | None:
    """Where the body named after a post starts: after "at" if the post has one ("Head of Care at
    Diabetes UK"), else after its "of" ("National Chairman of Age UK"); ``None`` without a post.

    >>> _after_post("Head of Care at Diabetes UK".split()), _after_post("Age UK".split())
    (4, None)
    """
    post = next((i for i, word in enumerate(words) if word in _POST_WORDS and not _names_body(words, i)), None)
    if post is None:
        return None
    for joint in ("at", "of"):
        if joint in words[post + 1:]:
            return words.index(joint, post + 1) + 1
    return None


# A month or a day of the week after a name ends it: "... on the Constitution in May", "... Committee by March 2025",
# "gave evidence to the Committee on Thursday".
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_TRAILING_DATE = re.compile(rf" (?:in|on|by|from|until|since|before|after) (?:{'|'.join([*(m.capitalize() for m in MONTHS), *_WEEKDAYS])})\b.*$")
# A single capital letter after the subject's connector is a symbol, not a subject: "follow the Committee on X" (the
# social network), "Group B".
_TRAILING_LETTER = re.compile(r" (?:on|of|for|at) [A-Z]$")
#: A month that starts a name makes it a meeting of the body, not the body ("the June Council conclusions"); "May" is a
#: surname as often ("May Committee").
_MEETING_MONTHS = frozenset(m.capitalize() for m in MONTHS) - {"May"}
# A name whose head word takes a subject ("Committee on the Safety of Bloods"), and a list of single
# capitalised words that continues the subject (", Tissues and Organs").
_SUBJECT_NAME = re.compile(r"\b(?:Committee|Commission|Council|Board|Group|Panel|Inquiry|Review|Department|Office|Centre|Institute)"
                           r" (?:on|of|for|into) \S")
_LIST_TAIL = re.compile(r"(?:, [A-Z][a-z]+)+,? and [A-Z][a-z]+\b(?! [A-Z])")
_TAIL_WORD = re.compile(r"[A-Z][a-z]+")
_BARE_ABBREVIATION = re.compile(r"(?!(?:UK|GB|EU|US|UN)$)[A-Z]{2,6}")  # not a place: "UK and Ireland Regional Board" is one name


# A UK postcode ("SW1P 4QP"): the text is an address, whose lines (run together where a page breaks them with <br>)
# follow the addressee's name.
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}\b")


def _end_of_addressee(name: str) -> int:
    """Where the addressee's name ends in a run of an address's capitalised words: after its last head word of a body.

    >>> name = "Office of the Parliamentary Commissioner for Administration Millbank Tower London SW1P"
    >>> name[: _end_of_addressee(name)]
    'Office of the Parliamentary Commissioner for Administration'
    """
    words = name.split(" ")
    last = max((i for i, word in enumerate(words) if HEAD_WORDS.get(word, ("",))[0] == "Organisation"), default=len(words) - 1)
    return len(" ".join(words[: last + 1]))


# A unit's name ending in the department it belongs to: "Railway Inspectorate of the Department of Transport".
_OF_A_DEPARTMENT = re.compile(r" of the ((?:Department|Ministry) (?:of|for) [A-Z].*)$")
# A head word, then "of" and one capitalised word (a place): "Bank of Scotland", "University of Leeds".
_OF_A_PLACE = re.compile(r"\b(?:" + "|".join(map(re.escape, HEAD_WORDS)) + r") of [A-Z][a-z]+$")
# A head word alone, then "and the": "the Assembly and the Executive", "the Inspectorate and the Committee".
_LONE_HEAD_AND_THE = re.compile(r"(?:" + "|".join(map(re.escape, HEAD_WORDS)) + r") and the ")


def _two_names(name: str) -> tuple[str, int, str] | None:
    """``(first, offset of second, second)`` when ``name`` joins two names that each have a head word:
    at "and the" ("X School of Medicine and the Y School of Hygiene"), or at "and" between names that
    end in one, of one type ("Premier League and Football Foundation"); ``None`` for one name ("Department of
    Health and Social Care").

    >>> _two_names("Premier League and Football Foundation")
    ('Premier League', 19, 'Football Foundation')
    >>> _two_names("Department of Health and Social Care") is None
    True
    >>> _two_names("FA and Premier League")
    ('FA', 7, 'Premier League')
    """
    for joint in (" and the ", " and "):
        position = name.find(joint)
        if position < 0:
            continue
        first, second = name[:position], name[position + len(joint):]
        first_type, second_type = _type_of(first), _type_of(second)
        if joint == " and " and _BARE_ABBREVIATION.fullmatch(first) and second_type is not None and len(second.split()) >= 2:
            return first, position + len(joint), second  # "the FA and Premier League": an unknown abbreviation, then a name
        if len(first.split()) < 2 or len(second.split()) < 2 or first_type is None or second_type is None:
            continue
        if joint == " and " and not (first.split()[-1] in HEAD_WORDS and second.split()[-1] in HEAD_WORDS
                                     and first_type[0] == second_type[0]) \
                and not (_OF_A_PLACE.search(first) and second.split()[-1] in HEAD_WORDS and first_type[0] == second_type[0] == "Organisation"):
            # "Claimant Service and Experience Survey": one survey's name, not a body and a survey; but "Royal Bank of
            # Scotland and Lloyds Banking Group" joins a body named for a place and a body with its head word last
            continue
        return first, position + len(joint), second
    return None


#: Nouns that head the name of a text, not of a body, when an "of"/"for" phrase follows ("Code of Practice for
#: Victims", "Standards for Food and Catering Services").
_DOCUMENT_HEADS = frozenset({"Standards", "Standard", "Code", "Codes", "Guidance", "Guidelines", "Framework", "Charter",
                             "Principles", "Rules", "Report", "Statement", "Specification", "Guide", "Handbook", "Introduction"})
#: The words a UK court's name holds besides "Court" ("Crown Court", "Magistrates' Court", "Court of Appeal" has "of").
_COURT_WORDS = frozenset({"Supreme", "High", "Crown", "County", "Family", "Magistrates", "Magistrates'", "Youth", "Coroner's",
                          "Coroners'", "Coroners", "Criminal", "Civil", "Appeal", "Appeals", "Combined", "Sheriff", "Justiciary",
                          "Military", "Martial", "Constitutional", "District", "Commercial", "Admiralty", "Chancery", "Probate",
                          "Justice", "Session", "Claims", "Lands", "Consistory", "Divisional", "Arbitration", "Tax", "Patents",
                          "Employment", "International", "European", "Administrative", "Circuit", "Federal", "of"})


#: Words of a review that is a round of government policy or budgeting, or a legal process, not a body that reviews
#: ("Spending Review", "Strategic Defence and Security Review", "Judicial Review", "Annual Review").
_POLICY_REVIEW_WORDS = frozenset({"Spending", "Comprehensive", "Strategic", "Defence", "Security", "Integrated", "Judicial",
                                  "Periodic", "Annual", "Quinquennial", "Triennial", "Fundamental", "Policy", "Budget", "Pay",
                                  "Price", "Tailored", "Case", "Serious", "Peer", "Performance", "Interim", "Mid-Term",
                                  "Quarterly", "Monthly", "Regulatory", "Structural", "Senior", "Salaries"})
# The nouns that say what kind of body a name is ("a semiconductor company", "an organisation called ...").
_CLASS_KINDS = {"company": "company", "firm": "company", "business": "company", "manufacturer": "company", "charity": "charity",
                "organisation": "association", "organization": "association", "club": "association", "society": "charity"}
_CLASS_NOUN = r"(?P<noun>" + "|".join(_CLASS_KINDS) + r")"
# "Lowland Widgets, a multi-award-winning company": capitalised words (a name), a comma, "a"/"an", up to three words, the noun.
_NAME_IN_APPOSITION = re.compile(r"(?<![\w’'-])(?P<name>[A-Z][\w&’'-]*(?: (?:&|and|of) [A-Z][\w&’'-]*| [A-Z][\w&’'-]*){0,3}), an? "
                                 r"(?:[\w-]+ ){0,3}" + _CLASS_NOUN + r"\b")
# "an organisation called the west country makers club, which": the words after "called", to the clause's end.
_NAME_CALLED = re.compile(r"\b(?:an?|one) " + _CLASS_NOUN + r" (?:called|named) (?:the )?(?P<name>[\w&’'-]+(?: [\w&’'-]+){0,5}?)"
                          r"(?=[,.;:)]| (?:which|that|who|whose|and|in|to|for)\b)")
# "at Glenfield hospital", "in Aberdeen royal infirmary": a hospital's place name (and one word) in lower case after a
# preposition of place ("in every Scottish hospital" has no place name after "in").
_LOWER_CASE_HOSPITAL = re.compile(r"(?:(?<=\bat )|(?<=\bin )|(?<=\bfrom )|(?<=\bto ))(([A-Z][a-z]+) (?:[a-z]+ )?(?:hospital|infirmary))(?![\w’'-])")
_FUNCTION_WORDS = frozenset({"and", "or", "of", "the", "a", "an", "to", "in", "on", "for", "with", "by", "at", "over", "from", "her", "his",
                             "its", "their", "our", "is", "was", "are", "were", "has", "had", "have", "be", "will", "would"})
# "the" (not a sentence's start), a capitalised word, one to three words in lower case and a body's head word in lower
# case, and the subject if one follows: "the Scottish expert group on ECMO".
_LOWER_CASE_NAME = re.compile(r"(?<=\bthe )(([A-Z][a-z]+) (?:[a-z]+ ){1,3}(group|centre|service|board|committee|council|unit|team|"
                              r"panel|agency)(?: (?:on|for) [A-Z][A-Za-z]+\b(?! [A-Z]))?)(?![\w’'-])")
#: "the Pitt review", "the Haddon-Cave review": a review named by one capitalised word (its chair or subject).
_NAMED_REVIEW = re.compile(r"\b[Tt]he ([A-Z][\w'’-]+ review)\b")


_DEPARTMENT_NAME = re.compile(r"^(?:Department (?:for|of)|Ministry of) (?P<subjects>[A-Z][\w’']*(?:,? [A-Z][\w’']*)*,? and [A-Z][\w’' ]*)$")
# A post's or a department's first subject and a comma: the words after it are its further subjects.
_POST_SUBJECTS_BEFORE = re.compile(r"\b(?:Minister|Secretary of State|Department|Ministry) (?:of|for) (?:[A-Z][\w’'-]* )*?[A-Z][\w’'-]*, $")
_SUBJECT_OF_A_POST = re.compile(r"(?:\b(?:for|of|and|to|in)|[A-Z][\w’'-]*|&) $")  # "Secretary of State for", "Adult Health and"
_NAME_GOES_ON = re.compile(r" (?:[A-Z(]|and [A-Z]|& )")  # "... Committee", "... (CLG)" is fine but rare: left out


@functools.cache
def _department_subjects_names() -> dict[str, str]:
    """The subjects of the listed departments named by two or more ("Communities and Local Government") →
    the department's listed name ("Department for Communities and Local Government")."""
    subjects: dict[str, str] = {}
    for entry in load_reference():
        if entry.get("type") == "Organisation" and "department" in str(entry.get("kind")):
            for form in [entry["name"], *(entry.get("aliases") or [])]:
                if (match := _DEPARTMENT_NAME.match(form)) is not None:
                    subjects.setdefault(match["subjects"], entry["name"])
    return subjects


@functools.cache
def _department_subjects() -> re.Pattern[str]:
    forms = sorted(_department_subjects_names(), key=len, reverse=True)
    return re.compile(r"(?<![\w’'-])(?:" + "|".join(map(re.escape, forms)) + r")(?![\w’'-])")


def _type_of(name: str) -> tuple[str, str] | None:
    """The type a name's head word implies.

    The head is the last word ("Crime and Policing Bill" → Legislation/bill, "Children Act 1989"
    → act) or the word before the first "into"/"on"/"of"/"for" ("Independent Inquiry into X" → Inquiry).

    >>> _type_of("Independent Inquiry into Youth Violence"), _type_of("Children Act 1989")
    (('Inquiry', 'inquiry'), ('Legislation', 'act'))
    """
    words = re.sub(r" \([^()]*\)(?= \d{4}$)", "", name).split()  # "Electoral Law Act (Northern Ireland) 1962": an act
    if words[0] in PREFIX_WORDS and len(words) > 1:
        return PREFIX_WORDS[words[0]] if "and" not in words else None  # "HMP Five Wells and HMYOI Wetherby": two names
    # "Chief Executive", "Her Majesty's Chief Inspector of Constabulary": posts ("Parliamentary Office of ...": a body)
    if not _names_body(words, 0) and (words[0] in _POST_WORDS or (len(words) > 2 and words[0] in {"Her", "His"} and words[2] in _POST_WORDS)):
        return None
    head = words[-1]
    if head == "Government" and len(words) > 2 and words[-2] == "Assembly":
        return ("Organisation", "government")  # "Welsh Assembly Government"
    if head == "UK" and ({"the", "of"} & set(words) or len(words) < 2):
        return None  # "across the UK", "Invest in the UK", "Digest of UK": the country
    if head.isdigit() and len(words) > 1:
        head = words[-2]
        if head not in {"Act", "Regulations", "Order"}:  # "Children Act 1989", "... Regulations 1988"
            return None
    if len(words) > 1 and words[0] in _DOCUMENT_HEADS and words[1] == "to":
        return None  # "Guide to Coroner Services for Bereaved People": a guide's title
    first_connector = next((i for i, w in enumerate(words) if w in {"into", "on", "of", "for"}), None)
    if first_connector and words[first_connector - 1] in _DOCUMENT_HEADS:
        return None  # "Government Buying Standards for Food and Catering Services": a standard, not a service
    if head == "Court" and not _COURT_WORDS & set(words):
        return None  # "EDF's Cannington Court", "Hampton Court": a building or a place
    if head == "Order" and words[-1].isdigit():
        return ("Legislation", "order")  # "Wareham Bypass Scheme (Side Roads) Order 1973": an order is titled with its year
    typed = HEAD_WORDS.get(head) or (HEAD_WORDS.get(words[first_connector - 1]) if first_connector else None)
    if typed == ("Publication", "review") and words[0] != "Review" and not _POLICY_REVIEW_WORDS & set(words):
        # "the Nimrod Review", "Independent Review of Women's Football": a review body ("Review of X" is a review done)
        return ("Inquiry", "review")
    return typed

