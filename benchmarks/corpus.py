"""Synthetic GOV.UK policy documents with a manifest of everything planted in them.

    .venv/bin/python benchmarks/corpus.py --docs 100 --seed 1 -o /tmp/corpus

writes ``doc-0001-....txt`` ... in the GOV.UK text format of the packaged seed (title line,
``Published 9 April 2025``, headings, numbered paragraphs, bullet lists) and
``manifest.json`` listing, per document, what a reader would find in it:

* **recommendations** (``- Recommendation N: title`` under theme headings) with the theme
  and the response status the section's wording states; such a document answers an
  invented inquiry ("Independent Inquiry into Coastal Flooding (IICF)"), defined with its
  abbreviation in parentheses;
* **dated commitments**: the paragraph, the sentence or bullet, the date phrase and the
  expected deadline under the README's conventions (every phrase form the deadline reader
  knows: "by December 2025", "in Autumn 2025/Spring 2026", "by late 2026", "in mid/late
  2027", "by 2028/29", "In 25/26", "this year", "later this Spring", "from 17 March 2025",
  "during 2025 and 2026", "by the end of 2025", "throughout the next year", "2025-27", ...;
  bullets under a dated lead inherit its deadline) and the body a reader takes as the lead;
* **known entities** (canonical names of reference-list bodies, posts, acts, programmes,
  mentioned by name, alias or abbreviation) and **invented entities** that pattern discovery
  should find ("Rural Broadband Bill", "Coastal Flooding Act 2029", "Healthy Nutrition
  Programme", "Regional Wellbeing Survey", "Upland Farming Panel", ...) with their type;
* **mentions**: which of those entities each paragraph names, and by which form;
* **money** amounts ("£5m", "£310 million", "£1.2bn", "£450,000") and **statistics**
  ("7.5%", "12 per cent", "3.1 million", "840,000 offenders"), with their paragraph.

Paragraphs are located as the extractor's provenance locates them (``p12``; the
recommendation lists, unnumbered blocks, as ``s5.b1``).  The text is meant to read like
GOV.UK prose, not to suit the extractor: "Working with Ofsted, we will ...", "Alongside the
Upland Farming Panel, we will ...", "According to the Regional Wellbeing Survey, 7.5% of
...", bullets that start with a verb, the seed's passive "By May 2026, the latest data ...
will be published by the ONS".

Between the fact paragraphs of the topic sections come plain-prose paragraphs (``prose``, on
average 2 per fact paragraph by default) that name, date and count nothing: real documents are
mostly such prose, and with them the generated text has the seed's density of facts (~44 bytes
of text per graph node or edge), so extraction MB/s measured here predicts MB/s on real
documents.  ``--prose 0`` writes the dense documents of earlier releases byte for byte (the
facts come from one random generator, the prose from another), a stress test at ~16 bytes per
node or edge.

The expected values are computed here from the documented conventions, never by calling
policykg, so the corpus tests the extractor.  Output is deterministic: the same
``--docs``/``--seed`` give byte-identical files (``random.Random(seed)``, no clock, no
set iteration).  The generator uses the standard library only.

>>> import tempfile
>>> manifest = generate_corpus(2, seed=7, out_dir=tempfile.mkdtemp())
>>> len(manifest.documents), manifest.totals()["documents"]
(2, 2)
"""

from __future__ import annotations

import argparse
import calendar
import json
import random
import re
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from policykg.graph.mentions import load_reference

MANIFEST_NAME = "manifest.json"
MANIFEST_VERSION = 1
MONTHS = list(calendar.month_name)[1:]
SEASONS = {"Spring": (3, 5), "Summer": (6, 8), "Autumn": (9, 11), "Winter": (12, 14)}  # 14 = February next year
SEASON_ORDER = ["Winter", "Spring", "Summer", "Autumn"]
PARTS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}

# --------------------------------------------------------------------------- vocabulary

#: Known bodies, posts and instruments: canonical name (as in policykg/data/curated/reference.yaml),
#: role, and the surface forms used, each with the article it takes.
KNOWN: list[tuple[str, str, list[tuple[str, str]]]] = [
    ("Home Office", "body", [("the", "Home Office")]),
    ("Department for Education", "body", [("the", "Department for Education"), ("", "DfE")]),
    ("Department of Health and Social Care", "body", [("the", "Department of Health and Social Care"), ("", "DHSC")]),
    ("Ministry of Justice", "body", [("the", "Ministry of Justice"), ("the", "MoJ")]),
    ("Department for Science, Innovation and Technology", "body",
     [("the", "Department for Science, Innovation and Technology"), ("", "DSIT")]),
    ("Ministry of Housing, Communities and Local Government", "body",
     [("the", "Ministry of Housing, Communities and Local Government"), ("", "MHCLG")]),
    ("Cabinet Office", "body", [("the", "Cabinet Office")]),
    ("HM Treasury", "body", [("", "HM Treasury")]),
    ("Department for Work and Pensions", "body", [("the", "Department for Work and Pensions"), ("", "DWP")]),
    ("Department for Transport", "body", [("the", "Department for Transport"), ("", "DfT")]),
    ("Department for Environment, Food & Rural Affairs", "body", [("", "Defra")]),
    ("Department for Energy Security and Net Zero", "body", [("the", "Department for Energy Security and Net Zero"), ("", "DESNZ")]),
    ("Office for Standards in Education, Children's Services and Skills", "body", [("", "Ofsted")]),
    ("Care Quality Commission", "body", [("the", "Care Quality Commission"), ("the", "CQC")]),
    ("His Majesty's Inspectorate of Constabulary and Fire & Rescue Services", "body", [("", "HMICFRS")]),
    ("His Majesty's Inspectorate of Probation", "body", [("", "HM Inspectorate of Probation")]),
    ("His Majesty's Inspectorate of Prisons", "body", [("", "HM Inspectorate of Prisons")]),
    ("Office of Communications", "body", [("", "Ofcom")]),
    ("Information Commissioner's Office", "body", [("the", "Information Commissioner’s Office"), ("the", "ICO")]),
    ("Office for National Statistics", "body", [("the", "Office for National Statistics"), ("the", "ONS")]),
    ("National Crime Agency", "body", [("the", "National Crime Agency"), ("the", "NCA")]),
    ("Disclosure and Barring Service", "body", [("the", "Disclosure and Barring Service"), ("the", "DBS")]),
    ("NHS England", "body", [("", "NHS England")]),
    ("College of Policing", "body", [("the", "College of Policing")]),
    ("National Police Chiefs' Council", "body", [("the", "National Police Chiefs’ Council"), ("the", "NPCC")]),
    ("Crown Prosecution Service", "body", [("the", "Crown Prosecution Service"), ("the", "CPS")]),
    ("His Majesty's Prison and Probation Service", "body", [("", "HM Prison and Probation Service"), ("", "HMPPS")]),
    ("Youth Justice Board for England and Wales", "body", [("the", "Youth Justice Board")]),
    ("Local Government Association", "body", [("the", "Local Government Association"), ("the", "LGA")]),
    ("Equality and Human Rights Commission", "body", [("the", "Equality and Human Rights Commission"), ("the", "EHRC")]),
    ("UK Health Security Agency", "body", [("the", "UK Health Security Agency"), ("", "UKHSA")]),
    ("Social Work England", "body", [("", "Social Work England")]),
    ("Charity Commission for England and Wales", "body", [("the", "Charity Commission")]),
    ("Sentencing Council for England and Wales", "body", [("the", "Sentencing Council")]),
    ("Legal Aid Agency", "body", [("the", "Legal Aid Agency")]),
    ("Welsh Government", "body", [("the", "Welsh Government")]),
    ("Scottish Government", "body", [("the", "Scottish Government")]),
    ("National Society for the Prevention of Cruelty to Children", "body", [("the", "NSPCC")]),
    ("Barnardo's", "body", [("", "Barnardo’s")]),
    ("Victim Support", "body", [("", "Victim Support")]),
    ("Home Secretary", "post", [("the", "Home Secretary")]),
    ("Secretary of State for Education", "post", [("the", "Secretary of State for Education"), ("the", "Education Secretary")]),
    ("Lord Chancellor and Secretary of State for Justice", "post", [("the", "Justice Secretary")]),
    ("Secretary of State for Health and Social Care", "post", [("the", "Health and Social Care Secretary")]),
    ("Equality Act 2010", "act", [("the", "Equality Act 2010")]),
    ("Data Protection Act 2018", "act", [("the", "Data Protection Act 2018")]),
    ("Care Act 2014", "act", [("the", "Care Act 2014")]),
    ("Human Rights Act 1998", "act", [("the", "Human Rights Act 1998")]),
    ("Online Safety Act 2023", "act", [("the", "Online Safety Act")]),
    ("Crime Survey for England and Wales", "survey", [("the", "Crime Survey for England and Wales")]),
    ("Public Health Grant", "programme", [("the", "Public Health Grant")]),
    ("National Referral Mechanism", "programme", [("the", "National Referral Mechanism")]),
    ("Spending Review", "publication", [("the", "Spending Review")]),
    ("Parliament of the United Kingdom", "parliament", [("", "Parliament")]),
]
KNOWN_ROLES = {name: role for name, role, _ in KNOWN}

#: Abbreviations the reference list already uses: invented ones must differ.
KNOWN_ABBREVIATIONS = {
    "HMG", "DfE", "DHSC", "MoJ", "MOJ", "DSIT", "DCMS", "MHCLG", "HMT", "FCDO", "DWP", "DBT", "DfT", "MOD", "MoD", "DEFRA",
    "DESNZ", "NIO", "CQC", "HMICFRS", "HMIP", "HMCPSI", "CJJI", "CIW", "ICO", "OfS", "IOPC", "EHRC", "GMC", "NMC", "HCPC",
    "ONS", "NCA", "DBS", "NHS", "CICA", "YCS", "CPA", "ACRO", "MACPT", "CSPRP", "IRRP", "CPS", "HMPPS", "YJB", "HMCTS",
    "UKHSA", "OHID", "UKSA", "NPCC", "CEOP", "LGA", "ADCS", "APCC", "LFF", "NSPCC", "IWF", "NAPAC", "YEF", "EU", "UN",
    "IICSA", "ICSA", "IITCSE", "DPP", "PACE", "KCSIE", "TOEX", "CAID", "JTAI", "MHST", "CYPMHS", "MAPPA", "NRM", "SARC",
    "ISVA", "CSEW", "IASC", "PCSC",
}
# ... and every abbreviation of the packaged reference lists (the machinery of government holds hundreds).
KNOWN_ABBREVIATIONS |= {a for entry in load_reference() for a in entry.get("abbreviations") or ()}

#: Invented names: qualifier + subject + head word; no qualifier ends another, so no name is a suffix of another.
QUALIFIERS = [
    "Coastal", "Rural", "Urban", "Upland", "Regional", "Community", "Digital", "Maritime", "Riverside", "Metropolitan",
    "Neighbourhood", "Heritage", "Clean", "Healthy", "Resilient", "Inclusive", "Skilled", "Connected", "Affordable",
    "Sustainable", "Accessible", "Lowland", "Estuary", "Market Town", "Moorland",
]
SUBJECTS = [
    "Waterways", "Housing", "Transport", "Broadband", "Skills", "Wellbeing", "Tenancy", "Energy", "Flooding", "Farming",
    "Nutrition", "Libraries", "Apprenticeships", "Carers", "Cycling", "Heat", "Coastline", "Fisheries", "Forestry",
    "Tourism", "Volunteering", "Literacy", "Numeracy", "Hospices", "Pharmacy", "Dentistry", "Veterans", "Allotments",
]
#: head word → (node type a reader expects, weight)
HEADS: dict[str, tuple[str, int]] = {
    "Bill": ("Legislation", 3),
    "Act": ("Legislation", 3),
    "Programme": ("Programme", 3),
    "Survey": ("Programme", 2),
    "Panel": ("Organisation", 3),
    "Scheme": ("Programme", 1),
    "Fund": ("Programme", 1),
    "Taskforce": ("Organisation", 1),
    "Strategy": ("Publication", 1),
}
INQUIRY_WORDS_A = [
    "Coastal", "Rural", "Offshore", "Municipal", "Residential", "Agricultural", "Railway", "Highway", "Maritime", "Hospital",
    "Prison", "Harbour", "Airport", "Reservoir", "Tenement", "Stadium", "Quarry", "Pipeline", "Canal", "Tunnel",
]
INQUIRY_WORDS_B = [
    "Erosion", "Subsidence", "Contamination", "Overcrowding", "Closures", "Collapse", "Fires", "Outbreaks", "Delays",
    "Evictions", "Pollution", "Shortages", "Failures", "Procurement", "Maintenance", "Inspections", "Licensing", "Safety",
]

TOPICS = [
    "coastal flood resilience", "rural bus services", "adult social care workforce", "youth mental health", "prison education",
    "school attendance", "household energy efficiency", "online fraud", "homelessness prevention", "water quality",
    "road safety", "air quality", "knife crime", "drug treatment", "early years childcare", "apprenticeships",
    "digital inclusion", "veterans’ welfare", "food standards", "library services", "community pharmacy", "fire safety",
    "unpaid carers", "adult literacy", "local museums", "river pollution", "tenant protections", "child poverty",
    "domestic abuse support", "modern slavery", "gambling harms", "loneliness", "heat resilience", "active travel",
]
DOC_KINDS = ["progress update", "action plan", "government response", "delivery plan", "strategy update", "annual report"]
THEME_VERBS = ["Improving", "Strengthening", "Protecting", "Supporting", "Reforming", "Understanding", "Preventing", "Building"]
THEME_OBJECTS = [
    "the Evidence Base", "Local Leadership", "Frontline Practice", "Oversight and Accountability", "Public Confidence",
    "Access to Justice", "Support for Families", "Data and Information Sharing", "the Workforce", "Standards of Care",
    "Redress", "Prevention and Early Help",
]
GROUPS = ["adults in England", "young people aged 16 to 24", "local authorities", "households in rural areas",
          "older people", "service users", "frontline staff", "people on low incomes", "families with children"]
MEASURES = ["referrals", "households", "offenders", "applications", "visits", "reports", "cases", "people", "incidents"]


# --------------------------------------------------------------------------- dates

def _month_end(year: int, month: int) -> date:
    while month > 12:
        year, month = year + 1, month - 12
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _season_bounds(name: str, year: int) -> tuple[date, date]:
    first, last = SEASONS[name]
    return date(year, first, 1), _month_end(year, last)


def _fy(year: int) -> str:
    return f"{year}/{(year + 1) % 100:02d}"


@dataclass(frozen=True)
class Phrase:
    """A date phrase and the deadline a reader (and the README's conventions) gives it."""

    text: str  # as it appears mid-sentence ("by December 2025")
    start: date | None
    end: date
    form: str

    @property
    def iso(self) -> str:
        if self.start is None or self.start == self.end:
            return self.end.isoformat()
        return f"{self.start.isoformat()}/{self.end.isoformat()}"

    @property
    def capitalised(self) -> str:
        return self.text[0].upper() + self.text[1:]


def _upcoming_seasons(published: date, count: int) -> list[tuple[str, int, date, date]]:
    """Seasons that have not ended by ``published``, in order (Winter YYYY = Dec YYYY – Feb YYYY+1)."""
    found = []
    for year in range(published.year - 1, published.year + count // 4 + 2):
        for name in SEASON_ORDER:
            start, end = _season_bounds(name, year)
            if end >= published and (name != "Winter" or year >= published.year):
                found.append((name, year, start, end))
    found.sort(key=lambda season: season[2])
    return found[:count]


def make_phrase(form: str, published: date, rng: random.Random) -> Phrase:
    """A phrase of ``form`` that ends after ``published`` (only "from ..." may lie in the past)."""
    target = _add_months(published, rng.randint(2, 30))
    year, month = target.year, target.month
    month_name = MONTHS[month - 1]
    if form == "by_month":
        return Phrase(f"by {month_name} {year}", None, _month_end(year, month), form)
    if form == "by_end_of_month":
        return Phrase(f"by the end of {month_name} {year}", None, _month_end(year, month), form)
    if form == "by_day":
        day = rng.randint(1, 28)
        return Phrase(f"by {day} {month_name} {year}", None, date(year, month, day), form)
    if form == "in_month":
        return Phrase(f"in {month_name} {year}", date(year, month, 1), _month_end(year, month), form)
    if form == "until_month":
        return Phrase(f"until {month_name} {year}", None, _month_end(year, month), form)
    if form == "from_day":
        when = _add_months(published, rng.randint(-6, 12))
        day = rng.randint(1, 28)
        start = date(when.year, when.month, day)
        return Phrase(f"from {day} {MONTHS[when.month - 1]} {when.year}", start, start, form)
    if form == "from_month":
        return Phrase(f"from {month_name} {year}", date(year, month, 1), _month_end(year, month), form)
    seasons = _upcoming_seasons(published, 8)
    if form == "in_season":
        name, syear, start, end = rng.choice(seasons[:6])
        return Phrase(f"in {name} {syear}", start, end, form)
    if form == "by_season":
        name, syear, _, end = rng.choice(seasons[1:7])
        return Phrase(f"by {name} {syear}", None, end, form)
    if form == "season_span":
        first = rng.randrange(0, 5)
        a, b = seasons[first], seasons[first + rng.choice([1, 2])]
        return Phrase(f"in {a[0]} {a[1]}/{b[0]} {b[1]}", a[2], b[3], form)
    if form == "part_of_season":  # "early Spring 2026": the deadline reader takes the whole season
        name, syear, start, end = rng.choice(seasons[1:7])
        part = rng.choice(["early", "mid", "late"])
        if rng.random() < 0.5:
            return Phrase(f"in {part} {name} {syear}", start, end, form)
        return Phrase(f"by {part} {name} {syear}", None, end, form)
    later_years = [y for y in range(published.year, published.year + 4)]
    if form in {"by_part_year", "in_part_year"}:
        options = []
        for y in later_years:
            for spec in ("early", "mid", "late", "early/mid", "mid/late"):
                names = spec.split("/")
                start = date(y, PARTS[names[0]][0], 1)
                end = _month_end(y, PARTS[names[-1]][1])
                if start > published:
                    options.append((spec, y, start, end))
        spec, y, start, end = rng.choice(options)
        if form == "by_part_year":
            spec = spec.split("/")[-1]
            end = _month_end(y, PARTS[spec][1])
            text = f"by mid-{y}" if spec == "mid" and rng.random() < 0.4 else f"by {spec} {y}"
            return Phrase(text, None, end, form)
        return Phrase(f"in {spec} {y}", start, end, form)
    current_fy = published.year if published.month >= 4 else published.year - 1
    if form == "fy_by":
        y = current_fy + rng.randint(1, 4)
        return Phrase(f"by {_fy(y)}", None, date(y + 1, 3, 31), form)
    if form == "fy_short":
        y = current_fy + rng.randint(0, 2)
        return Phrase(f"in {y % 100:02d}/{(y + 1) % 100:02d}", date(y, 4, 1), date(y + 1, 3, 31), form)
    if form == "fy_during":
        y = current_fy + rng.randint(0, 2)
        text = rng.choice([f"during {_fy(y)}", f"in the financial year {_fy(y)}", f"in {_fy(y)}"])
        return Phrase(text, date(y, 4, 1), date(y + 1, 3, 31), form)
    if form == "fy_range":
        y = current_fy + rng.randint(0, 1)
        last = y + rng.randint(2, 3)
        return Phrase(f"{y}-{last % 100:02d}", date(y, 4, 1), date(last, 3, 31), form)
    if form == "by_year":
        y = published.year + rng.randint(1, 4)
        return Phrase(f"by {y}", None, date(y, 12, 31), form)
    if form == "in_year":
        y = published.year + rng.randint(0, 3)
        word = rng.choice(["in", "during", "throughout"])
        return Phrase(f"{word} {y}", date(y, 1, 1), date(y, 12, 31), form)
    if form == "during_years":
        y = published.year + rng.randint(0, 2)
        return Phrase(f"during {y} and {y + 1}", date(y, 1, 1), date(y + 1, 12, 31), form)
    if form == "by_end_of_year":
        y = published.year + rng.randint(0, 3)
        return Phrase(f"by the end of {y}", None, date(y, 12, 31), form)
    if form == "this_year":
        y = published.year
        choice = rng.randrange(4)
        if choice == 0:
            return Phrase("this year", date(y, 1, 1), date(y, 12, 31), form)
        if choice == 1:
            return Phrase("by the end of this year", None, date(y, 12, 31), form)
        if choice == 2:
            return Phrase("during next year", date(y + 1, 1, 1), date(y + 1, 12, 31), form)
        return Phrase("by the end of next year", None, date(y + 1, 12, 31), form)
    if form == "later_this_year":
        return Phrase(rng.choice(["later this year", "later in the year"]), published, date(published.year, 12, 31), form)
    if form == "later_this_season":
        options = []
        for name in ("Spring", "Summer", "Autumn", "Winter"):
            start, end = _season_bounds(name, published.year)
            if end >= published and (start - published).days <= 100 and not (name == "Winter" and published.month <= 2):
                options.append((name, end))
        if not options:  # December: only this Winter is left
            options = [("Winter", _season_bounds("Winter", published.year)[1])]
        name, end = rng.choice(options)
        return Phrase(f"later this {name}", published, end, form)
    if form == "next_twelve_months":
        try:
            end = published.replace(year=published.year + 1)
        except ValueError:
            end = published.replace(year=published.year + 1, day=28)
        text = rng.choice(["throughout the next year", "over the next 12 months", "within the next year", "in the next year"])
        return Phrase(text, published, end, form)
    raise ValueError(f"unknown phrase form {form!r}")


PHRASE_FORMS = [
    "by_month", "by_end_of_month", "by_day", "in_month", "until_month", "from_day", "from_month", "in_season",
    "by_season", "season_span", "part_of_season", "by_part_year", "in_part_year", "fy_by", "fy_short", "fy_during",
    "fy_range", "by_year", "in_year", "during_years", "by_end_of_year", "this_year", "later_this_year",
    "later_this_season", "next_twelve_months",
]


# --------------------------------------------------------------------------- money and figures

def _money(rng: random.Random) -> tuple[str, int]:
    kind = rng.randrange(6)
    if kind == 0:
        n = rng.choice([2, 5, 8, 12, 20, 25, 40, 75])
        return f"£{n}m", n * 1_000_000
    if kind == 1:
        n = rng.choice([110, 150, 240, 310, 500, 650])
        return f"£{n} million", n * 1_000_000
    if kind == 2:
        whole, tenth = rng.randint(1, 4), rng.randint(1, 9)
        return f"£{whole}.{tenth}bn", (whole * 10 + tenth) * 100_000_000
    if kind == 3:
        n = rng.choice([150, 250, 450, 750, 900])
        return f"£{n},000", n * 1000
    if kind == 4:
        whole, tenth = rng.randint(2, 60), rng.choice([5, 2, 8])
        return f"£{whole}.{tenth} million", whole * 1_000_000 + tenth * 100_000
    n = rng.randint(1, 3)
    return f"£{n} billion", n * 1_000_000_000


def _percent(rng: random.Random) -> tuple[str, float]:
    if rng.random() < 0.6:
        whole, tenth = rng.randint(1, 60), rng.randint(1, 9)
        return f"{whole}.{tenth}%", float(f"{whole}.{tenth}")
    n = rng.randint(5, 90)
    return (f"{n} per cent", float(n)) if rng.random() < 0.5 else (f"{n}%", float(n))


def _count(rng: random.Random) -> tuple[str, float]:
    if rng.random() < 0.35:
        whole, tenth = rng.randint(1, 9), rng.randint(1, 9)
        return f"{whole}.{tenth} million", (whole * 10 + tenth) * 100_000.0
    n = rng.randint(12, 950) * 100 if rng.random() < 0.5 else rng.randint(2, 99) * 10_000
    return f"{n:,}", float(n)


# --------------------------------------------------------------------------- entities

@dataclass(frozen=True)
class Invented:
    name: str
    head: str
    type: str
    abbreviation: str | None


def invent_entities(rng: random.Random, count: int) -> list[Invented]:
    """``count`` distinct invented names (unique abbreviations where they have one)."""
    pairs = [(q, s) for q in QUALIFIERS for s in SUBJECTS]
    rng.shuffle(pairs)
    heads = [h for h, (_, weight) in HEADS.items() for _ in range(weight)]
    used_names: set[str] = set()
    used_abbreviations = set(KNOWN_ABBREVIATIONS)
    found: list[Invented] = []
    for qualifier, subject in pairs:
        if len(found) >= count:
            break
        head = rng.choice(heads)
        name = f"{qualifier} {subject} {head}"
        if head == "Act":
            name += f" {rng.randint(2026, 2033)}"
        if name in used_names:
            continue
        used_names.add(name)
        abbreviation = None
        if head in {"Panel", "Programme", "Taskforce", "Scheme", "Survey"}:
            letters = "".join(w[0] for w in f"{qualifier} {subject} {head}".split())
            if letters not in used_abbreviations:
                abbreviation = letters
                used_abbreviations.add(letters)
        found.append(Invented(name, head, HEADS[head][0], abbreviation))
    return found


def invent_inquiries(rng: random.Random, count: int) -> list[tuple[str, str]]:
    """``count`` invented inquiries ``(name, abbreviation)`` with distinct abbreviations."""
    combos = [(a, b) for a in INQUIRY_WORDS_A for b in INQUIRY_WORDS_B]
    rng.shuffle(combos)
    found: list[tuple[str, str]] = []
    used = set(KNOWN_ABBREVIATIONS)
    extra = ["Coastal", "Northern", "Western", "Southern", "Eastern", "Midland", "Upland", "Inner"]
    for a, b in combos:
        words = [a, b]
        abbreviation = "II" + a[0] + b[0]
        if abbreviation in used:
            for word in extra:
                candidate = "II" + word[0] + a[0] + b[0]
                if word != a and candidate not in used:
                    words, abbreviation = [word, a, b], candidate
                    break
            else:
                continue
        used.add(abbreviation)
        found.append((f"Independent Inquiry into {' '.join(words)}", abbreviation))
        if len(found) >= count:
            break
    while len(found) < count:  # very large corpora: number the rest
        n = len(found) + 1
        found.append((f"Independent Inquiry into Harbour Failures {n}", f"IIHF{n}"))
    return found


# --------------------------------------------------------------------------- prose

#: Plain-prose paragraphs per fact paragraph, on average, in the topic sections.  Real policy
#: documents are mostly prose: the seed has one graph node or edge per ~43 bytes of text, while
#: the fact paragraphs alone give one per ~16 bytes.  With this default a generated corpus has
#: the seed's density (~44 bytes per node or edge), so MB/s of generated text means what it means on
#: real documents; ``prose=0`` gives the dense corpus of earlier releases, byte for byte.
PROSE_DEFAULT = 2.0

# Sentences in the seed's register that state no fact the extractor reads: no names, numbers,
# dates, money or commitments ("will"), and no capitalised word after the first.
_PROSE_OPENERS = [
    "Too many people affected by {topic} still struggle to find help when they need it",
    "People with lived experience of {topic} have told us that services are hard to reach and slow to respond",
    "The harm caused by {topic} can last a lifetime and reaches far beyond the people directly affected",
    "Families, frontline staff and local partners have all described how fragmented the response to {topic} can be",
    "The evidence on {topic} is clear that the earliest help is the most effective help",
    "For too long the response to {topic} has depended on where people happen to live",
    "Practitioners working on {topic} want clearer expectations and fewer barriers between services",
    "Public confidence in the response to {topic} depends on openness about what has and has not worked",
]
_PROSE_MIDDLES = [
    "and those who have shared their experiences deserve to see that their voices have been heard",
    "which means that too many opportunities to act early are still being missed",
    "so that the quality of support is too often a matter of chance rather than design",
    "and the gaps between services are where people are most likely to be let down",
    "while the pressures on frontline staff have grown year on year",
    "and the people most at risk are often the least able to navigate a complicated system",
]
_PROSE_CLOSERS = [
    "Getting this right matters to every community in the country.",
    "This is why a clear and consistent approach is so important.",
    "Lasting change depends on leadership, partnership and sustained attention over many years.",
    "That is a challenge for every part of the system, not for any one service alone.",
    "Listening to those affected has shaped the approach set out in this document.",
    "It is right that progress is judged by the difference it makes to people’s lives.",
]


def prose_paragraph(rng: random.Random, topic: str) -> str:
    """Two to four sentences of plain prose about ``topic`` (no facts for the extractor to find)."""
    sentences = []
    for _ in range(rng.randint(1, 3)):
        opener = rng.choice(_PROSE_OPENERS).format(topic=topic)
        sentences.append(f"{opener}, {rng.choice(_PROSE_MIDDLES)}.")
    sentences.append(rng.choice(_PROSE_CLOSERS))
    return " ".join(sentences)


# --------------------------------------------------------------------------- documents

@dataclass
class _Item:
    text: str
    plants: list[dict[str, Any]] = field(default_factory=list)
    lead: str | None = None  # for a commitment: the body a reader takes as its lead

    def plants_dated(self) -> bool:
        return any(p["category"] == "commitment" for p in self.plants)


@dataclass
class _Para:
    lead: list[_Item]
    bullets: list[tuple[_Item, int]] = field(default_factory=list)


class _Writer:
    """Writes one document, recording what it plants."""

    def __init__(self, rng: random.Random, index: int, published: date, size: int, topic: str, kind: str,
                 invented: list[Invented], inquiry: tuple[str, str] | None, forms: _FormCycle,
                 prose: float, prose_rng: random.Random) -> None:
        self.rng, self.index, self.published, self.size = rng, index, published, size
        # Prose draws from its own generator, so that the facts planted (drawn from ``rng``) are
        # the same with or without it: ``prose=0`` writes the dense documents byte for byte.
        self.prose, self.prose_rng = prose, prose_rng
        self.topic, self.kind, self.forms = topic, kind, forms
        self.invented = invented
        self.inquiry = inquiry
        self.known_names = [name for name, _, _ in KNOWN]
        chosen = rng.sample([n for n in self.known_names if KNOWN_ROLES[n] != "parliament"], k=rng.randint(6, 16))
        self.known_pool = chosen
        self.known_pending = list(chosen)
        self.invented_pending = list(invented)
        self.known_mentioned: list[str] = []
        self.invented_mentioned: list[Invented] = []
        self.defined_abbreviations: set[str] = set()
        self.lines: list[str] = []
        self.number = 0
        self.prose_paragraphs = 0  # of self.number
        self.sections = 0  # headings so far: unnumbered blocks are located as "s<section>.b<n>"
        self.record: dict[str, Any] = {}
        self.recommendations: list[dict[str, Any]] = []

    # ---- entity references

    def _note_known(self, name: str) -> None:
        if KNOWN_ROLES[name] == "parliament":
            return  # named only as the forum ("report to Parliament", "before Parliament"): no body (NOTES.md)
        if name not in self.known_mentioned:
            self.known_mentioned.append(name)
        if name in self.known_pending:
            self.known_pending.remove(name)

    def known(self, roles: tuple[str, ...] = ("body",), *, bare: bool = False, capital: bool = False, name: str | None = None) -> tuple[str, str]:
        """``(text, canonical)``: a known entity of one of ``roles`` with its article."""
        if name is None:
            pending = [n for n in self.known_pending if KNOWN_ROLES[n] in roles]
            pool = pending or [n for n in self.known_pool if KNOWN_ROLES[n] in roles]
            if not pool:
                pool = [n for n in self.known_names if KNOWN_ROLES[n] in roles]
            name = pending[0] if pending and self.rng.random() < 0.7 else self.rng.choice(pool)
        forms = next(f for n, _, f in KNOWN if n == name)
        article, form = self.rng.choice(forms)
        self._note_known(name)
        text = form if bare or not article else f"{article} {form}"
        if capital:
            text = text[0].upper() + text[1:]
        return text, name

    def invented_ref(self, heads: tuple[str, ...] | None = None) -> Invented | None:
        pending = [e for e in self.invented_pending if heads is None or e.head in heads]
        pool = pending or [e for e in self.invented if heads is None or e.head in heads]
        if not pool:
            return None
        entity = pending[0] if pending else self.rng.choice(pool)
        if entity in self.invented_pending:
            self.invented_pending.remove(entity)
        if entity not in self.invented_mentioned:
            self.invented_mentioned.append(entity)
        return entity

    def invented_text(self, entity: Invented, *, define: bool = True) -> str:
        """The entity's name, with its abbreviation defined the first time where it has one."""
        if entity.abbreviation and define and entity.abbreviation not in self.defined_abbreviations and self.rng.random() < 0.5:
            self.defined_abbreviations.add(entity.abbreviation)
            return f"{entity.name} ({entity.abbreviation})"
        if entity.abbreviation in self.defined_abbreviations and self.rng.random() < 0.5:
            return entity.abbreviation or entity.name
        return entity.name

    # ---- sentence parts

    def action(self, plants: list[dict[str, Any]]) -> str:
        """A verb phrase for a commitment (no date, no committing-status wording)."""
        topic = self.topic
        roll = self.rng.randrange(15)
        if roll == 0 and (e := self.invented_ref(("Bill",))):
            name = self.invented_text(e)  # once: it may define the abbreviation
            return self.rng.choice([f"introduce the {name} to put new duties on providers", f"bring forward the {name}"])
        if roll == 1 and (e := self.invented_ref(("Act",))):
            return self.rng.choice([f"commence the remaining provisions of the {e.name}",
                                    f"lay regulations under the {e.name} to set minimum standards for {topic}"])
        if roll == 2 and (e := self.invented_ref(("Programme", "Scheme"))):
            name = self.invented_text(e)  # once: it may define the abbreviation
            return self.rng.choice([f"expand the {name} to every region in England", f"publish an independent evaluation of the {name}"])
        if roll == 3 and (e := self.invented_ref(("Survey",))):
            name = self.invented_text(e)  # once: it may define the abbreviation
            return self.rng.choice([f"publish the first results of the {name}", f"run the {name} every two years"])
        if roll == 4 and (e := self.invented_ref(("Panel", "Taskforce"))):
            name = self.invented_text(e)  # once: it may define the abbreviation
            return self.rng.choice([f"ask the {name} to review local practice on {topic}", f"put the {name} on a statutory footing"])
        if roll == 5 and (e := self.invented_ref(("Strategy",))):
            return f"publish the {e.name}"
        if roll == 6 and (e := self.invented_ref(("Fund",))):
            text, amount = _money(self.rng)
            plants.append({"category": "money", "text": text, "amount_gbp": amount})
            return f"open the {text} {e.name} to bids from local partnerships"
        if roll == 7:
            body, _ = self.known()
            if self.rng.random() < 0.3 and (e := self.invented_ref(("Panel", "Taskforce", "Programme"))):
                return f"work with {body} and the {e.name} to improve the quality of {topic} data"
            return f"work with {body} to improve the quality of {topic} data"
        if roll == 8:
            return f"publish a national framework for {topic}"
        if roll == 9:
            return f"consult on new statutory guidance on {topic}"
        if roll == 10:
            act, _ = self.known(("act",))
            return f"review how {act} applies to {topic} services"
        if roll == 11:
            return self.rng.choice([f"set up a cross-government working group on {topic}",
                                    f"publish new data on {topic} every quarter",
                                    f"fund local pilots that test new approaches to {topic}",
                                    f"simplify the rules that govern {topic} services"])
        if roll == 12 and self.rng.random() < 0.5:
            parliament, _ = self.known(("parliament",))
            return f"report to {parliament} on progress in tackling {topic}"
        return self.rng.choice([f"issue updated guidance to local authorities on {topic}",
                                f"strengthen the training of staff who work on {topic}",
                                f"bring together the data held by different agencies on {topic}",
                                f"review the accreditation of {topic} providers",
                                f"improve the advice available to the public on {topic}"])

    def gerund_action(self, plants: list[dict[str, Any]]) -> str:
        roll = self.rng.randrange(7)
        topic = self.topic
        if roll == 0 and (e := self.invented_ref(("Programme", "Scheme", "Survey"))):
            return f"Extending the {self.invented_text(e)} to more local areas"
        if roll == 1 and (e := self.invented_ref(("Panel", "Taskforce"))):
            return f"Asking the {self.invented_text(e)} to publish an annual report on {topic}"
        if roll == 2:
            body, _ = self.known()
            return f"Working with {body} to agree common standards for {topic}"
        if roll == 3:
            return f"Publishing a practice guide on {topic} for frontline staff"
        if roll == 4:
            return f"Reviewing the training available to professionals working on {topic}"
        if roll == 5:
            text, amount = _money(self.rng)
            plants.append({"category": "money", "text": text, "amount_gbp": amount})
            return f"Providing {text} to local partnerships to test new approaches to {topic}"
        return f"Improving how agencies share information about {topic}"

    def phrase(self) -> Phrase:
        return make_phrase(self.forms.next(self.rng), self.published, self.rng)

    def commitment(self, *, dated: bool) -> _Item:
        """A commitment sentence; dated ones record the phrase and the expected deadline."""
        plants: list[dict[str, Any]] = []
        if not dated:
            roll = self.rng.randrange(4)
            lead = "HM Government"
            if roll == 0:
                text = f"We will {self.action(plants)}."
            elif roll == 1:
                text = f"The Government will {self.action(plants)}."
            elif roll == 2:
                body, lead = self.known()
                text = f"{body[0].upper() + body[1:]} will {self.action(plants)}."
            else:
                text = f"We are committed to continuing to {self.action(plants)}."
            return _Item(text, plants, lead)
        phrase = self.phrase()
        lead = "HM Government"
        roll = self.rng.randrange(9)
        if phrase.form == "fy_range":  # "2025-27" stands in a noun phrase, not after a preposition
            body, lead = self.known()
            capital = body[0].upper() + body[1:]
            text = f"{capital} will set out its priorities for {self.topic} in its {phrase.text} delivery plan."
        elif roll == 0:
            body, lead = self.known(("body", "post"))
            text = f"{phrase.capitalised}, {body} will {self.action(plants)}."
        elif roll == 1:
            text = f"We will {self.action(plants)} {phrase.text}."
        elif roll == 2:
            text = f"The Government will {self.action(plants)} {phrase.text}."
        elif roll == 3:
            text = f"{phrase.capitalised} we will {self.action(plants)}."
        elif roll == 4:
            body, _ = self.known()
            text = f"Working with {body}, we will {self.action(plants)} {phrase.text}."
        elif roll == 5 and self.rng.random() < 0.5:
            past = _add_months(self.published, -self.rng.randint(1, 18))
            text = (f"Following the consultation that closed in {MONTHS[past.month - 1]} {past.year}, "
                    f"we will {self.action(plants)} {phrase.text}.")
        elif roll == 6:
            # the seed's passive: "By December 2025, the latest data ... will be published by the ONS"
            body, lead = self.known(("body",))
            text = f"{phrase.capitalised}, the latest data on {self.topic} will be published by {body}."
        elif roll == 7 and (e := self.invented_ref(("Panel", "Taskforce"))):
            text = f"Alongside the {e.name}, we will {self.action(plants)} {phrase.text}."
        else:
            body, lead = self.known(("body", "post"))
            text = f"{body[0].upper() + body[1:]} will {self.action(plants)} {phrase.text}."
        plants.append(self._dated(phrase, lead, inherited=False))
        return _Item(text, plants, lead)

    @staticmethod
    def _dated(phrase: Phrase, lead: str | None, *, inherited: bool) -> dict[str, Any]:
        return {"category": "commitment", "phrase": phrase.text, "form": phrase.form, "deadline": phrase.iso,
                "deadline_end": phrase.end.isoformat(), "lead": lead, "inherited": inherited}

    def statistic_sentence(self, *, follows: bool = False) -> _Item:
        plants: list[dict[str, Any]] = []
        roll = self.rng.randrange(5 if follows else 4)
        group = self.rng.choice(GROUPS)
        measure = self.rng.choice(MEASURES)
        if roll == 0 and not any(e.head == "Survey" for e in self.invented):
            roll = 2
        if roll == 0 and (e := self.invented_ref(("Survey",))):
            pct, value = _percent(self.rng)
            plants.append({"category": "statistic", "text": pct, "value": value, "unit": "percent"})
            text = f"According to the {self.invented_text(e)}, {pct} of {group} reported problems with {self.topic} last year."
        elif roll == 1:
            count, value = _count(self.rng)
            body, _ = self.known()
            plants.append({"category": "statistic", "text": count, "value": value, "unit": "count"})
            text = f"{body[0].upper() + body[1:]} estimates that there are up to {count} {measure} linked to {self.topic} each year."
        elif roll == 2:
            pct, value = _percent(self.rng)
            plants.append({"category": "statistic", "text": pct, "value": value, "unit": "percent"})
            text = f"Only {pct} of {group} say that {self.topic} services meet their needs."
        elif roll == 3:
            count, value = _count(self.rng)
            plants.append({"category": "statistic", "text": count, "value": value, "unit": "count"})
            text = f"Around {count} {measure} were recorded in {self.published.year - 1}, the highest figure on record."
        else:
            count, value = _count(self.rng)
            pct, pvalue = _percent(self.rng)
            plants.append({"category": "statistic", "text": count, "value": value, "unit": "count"})
            plants.append({"category": "statistic", "text": pct, "value": pvalue, "unit": "percent"})
            text = f"That equates to {count} {measure}, of whom {pct} live outside the major cities."
        return _Item(text, plants)

    def descriptive(self) -> _Item:
        topic = self.topic
        options = [
            f"Local areas have told us that {topic} services remain fragmented and hard to navigate.",
            f"Progress on {topic} has been uneven across the country.",
            f"People with lived experience of {topic} have shaped every part of this work.",
            f"The evidence shows that early action on {topic} prevents harm later in life.",
            f"Too often, the response to {topic} has depended on where people live.",
        ]
        return _Item(self.rng.choice(options))

    def money_sentence(self) -> _Item:
        text, amount = _money(self.rng)
        plants = [{"category": "money", "text": text, "amount_gbp": amount}]
        roll = self.rng.randrange(3)
        if roll == 0:
            body, _ = self.known()
            sentence = f"{body[0].upper() + body[1:]} is providing {text} to local authorities to improve {self.topic} services."
        elif roll == 1 and (e := self.invented_ref(("Programme", "Scheme", "Fund"))):
            sentence = f"We will invest {text} in the {self.invented_text(e)} over the next three years."
        else:
            sentence = f"Since {self.published.year - 2}, more than {text} has been invested in {self.topic} services."
        return _Item(sentence, plants)

    def entity_sentence(self) -> _Item | None:
        entity = self.invented_ref()
        if entity is None:
            return None
        text = self.invented_text(entity)
        head = entity.head
        if head == "Bill":
            sentence = f"The {text} is currently before Parliament."  # Parliament as the forum: no body (NOTES.md)
        elif head == "Act":
            sentence = f"The {text} gives local authorities new powers over {self.topic}."
        elif head in {"Panel", "Taskforce"}:
            sentence = f"The {text} brings together experts on {self.topic} from across the country."
        elif head == "Survey":
            sentence = f"The {text} is the main source of evidence on {self.topic}."
        elif head == "Strategy":
            sentence = f"The {text} sets the direction for {self.topic} for the next decade."
        else:
            sentence = f"The {text} supports local partners to improve {self.topic}."
        return _Item(sentence)

    # ---- paragraphs

    def paragraph(self) -> _Para:
        roll = self.rng.random()
        if roll < 0.18:
            items = [self.statistic_sentence()]
            if self.rng.random() < 0.5:
                items.append(self.statistic_sentence(follows=True))
            if self.rng.random() < 0.5:
                items.insert(0, self.descriptive())
            return _Para(items)
        if roll < 0.50:
            count = self.rng.randint(1, 3)
            return _Para([self.commitment(dated=self.rng.random() < 0.65) for _ in range(count)])
        if roll < 0.74:
            return self.list_paragraph()
        if roll < 0.86:
            items = [self.money_sentence()]
            if self.rng.random() < 0.5:
                items.append(self.commitment(dated=True))
            return _Para(items)
        sentence = self.entity_sentence()
        items = [sentence] if sentence else [self.descriptive()]
        items.append(self.commitment(dated=self.rng.random() < 0.5))
        return _Para(items)

    def list_paragraph(self) -> _Para:
        """A lead ending in ":" (a frame; sometimes dated) and its bullets, maybe with a sub-list.

        "... we will:" frames take bullets in the base form ("Publish a guide ..."), "the following
        steps:" frames take full sentences or gerunds ("Publishing a guide ...").
        """
        rng = self.rng
        frame_phrase = self.phrase() if rng.random() < 0.3 else None
        frame_lead = "HM Government"
        if frame_phrase is not None:
            style = rng.choice(["base", "steps"])
            if style == "base" and frame_phrase.form != "fy_range":
                frame = f"{frame_phrase.capitalised}, we will:"
            else:
                style = "steps"
                frame = f"We will take the following steps {frame_phrase.text}:" if frame_phrase.form != "fy_range" \
                    else f"We will take the following steps as part of our {frame_phrase.text} programme of work:"
        else:
            roll = rng.randrange(5)
            if roll == 0:
                style, frame = "steps", "The Government will take the following steps in response:"
            elif roll == 1:
                body, _ = self.known()
                style, frame = "base", f"To deliver this, working with {body}, we will:"  # "we" lead; the body takes part
            elif roll == 2:
                style, frame = "gerund", f"We are also taking the following steps to improve {self.topic}:"
            elif roll == 3:
                style, frame = "base", "In doing so, we will:"
            else:
                body, frame_lead = self.known(("body",))
                style, frame = "base", f"{body[0].upper() + body[1:]} will:"
        lead_items = [self.descriptive(), _Item(frame)] if rng.random() < 0.4 else [_Item(frame)]
        bullets: list[tuple[_Item, int]] = []
        for _ in range(rng.randint(2, 6)):
            plants: list[dict[str, Any]] = []
            kind = rng.random()
            if style == "steps" and kind < 0.5:
                item = self.commitment(dated=frame_phrase is None or kind < 0.25)
                if frame_phrase is not None and not item.plants_dated():
                    item.plants.append(self._dated(frame_phrase, self._lead_of(item), inherited=True))
                bullets.append((item, 1))
                continue
            own = None if (frame_phrase is not None and kind < 0.8) or kind > 0.85 else self.phrase()
            if own is not None and own.form == "fy_range":
                own = None  # "2025-27" reads only as a noun phrase ("the 2025-27 plan"), not at a bullet's end
            body = self._bullet_action(style, plants)
            text = f"{body} {own.text}." if own else f"{body}."
            if own is not None:
                plants.append(self._dated(own, frame_lead, inherited=False))
            elif frame_phrase is not None:
                plants.append(self._dated(frame_phrase, frame_lead, inherited=True))
            bullets.append((_Item(text, plants), 1))
        if rng.random() < 0.25:
            parent, sub_lead = self._sub_list(style)
            bullets.append((parent, 1))
            bullets.extend((item, 2) for item in self._sub_items(sub_lead))
        if rng.random() < 0.15:
            bullets.append((_Item("The pace of this work will depend on future funding decisions."), 1))
        return _Para(lead_items, bullets)

    def _bullet_action(self, style: str, plants: list[dict[str, Any]]) -> str:
        if style == "base":
            action = self.action(plants)
            return action[0].upper() + action[1:]
        return self.gerund_action(plants)

    @staticmethod
    def _lead_of(item: _Item) -> str:
        """The lead a full-sentence bullet names ("Ofsted will ..."), for the deadline it inherits."""
        return item.lead or "HM Government"

    def _sub_list(self, style: str) -> tuple[_Item, str]:
        body, canonical = self.known(("body",))
        survey = self.invented_ref(("Survey", "Programme"))
        thing = f"the {self.invented_text(survey)}" if survey else f"a new national survey of {self.topic}"
        if style == "base":
            return _Item(f"Support {body} to deliver {thing}, which will involve:"), canonical
        return _Item(f"We will support {body} to deliver {thing}. This will involve:"), canonical

    def _sub_items(self, sub_lead: str) -> list[_Item]:
        items = []
        verbs = ["Piloting the approach", "Producing a first estimate", "Publishing the full results", "Consulting users on the design"]
        for verb in self.rng.sample(verbs, k=self.rng.randint(2, 3)):
            phrase = self.phrase()
            if phrase.form == "fy_range":
                text = f"{verb} as part of the {phrase.text} work plan"
            else:
                text = f"{verb} {phrase.text}"
            items.append(_Item(text, [self._dated(phrase, sub_lead, inherited=False)]))
        return items

    # ---- layout

    def heading(self, text: str) -> None:
        self.lines.append(text)
        self.sections += 1

    def emit_paragraph(self, para: _Para) -> None:
        self.number += 1
        locator = f"p{self.number}"
        lead = " ".join(item.text for item in para.lead)
        self.lines.append(f"{self.number}. {lead}")
        for item in para.lead:
            self._collect(item, locator, "sentence")
        for item, _level in para.bullets:
            self.lines.append(f"- {item.text}")
            self._collect(item, locator, "bullet")
        self._mentions(locator, [lead, *(item.text for item, _ in para.bullets)])

    def emit_prose(self) -> None:
        """``self.prose`` plain-prose paragraphs on average (the whole part always, the fraction by chance)."""
        whole, fraction = divmod(self.prose, 1)
        for _ in range(int(whole) + (self.prose_rng.random() < fraction)):
            self.number += 1
            self.prose_paragraphs += 1
            self.lines.append(f"{self.number}. {prose_paragraph(self.prose_rng, self.topic)}")

    def _mentions(self, locator: str, texts: list[str]) -> None:
        """Record which planted entities each paragraph names (by any of their forms)."""
        text = "\n".join(texts)
        found = []
        for name in self.known_mentioned:
            forms = next(f for n, _, f in KNOWN if n == name)
            hits = [form for _, form in forms if re.search(rf"(?<![\w-]){re.escape(form)}(?!\w)", text)]
            if hits:
                found.append({"locator": locator, "name": name, "kind": "known", "text": hits[0]})
        for entity in self.invented_mentioned:
            forms = [entity.name] + ([entity.abbreviation] if entity.abbreviation else [])
            hits = [form for form in forms if re.search(rf"(?<![\w-]){re.escape(form)}(?!\w)", text)]
            if hits:
                found.append({"locator": locator, "name": entity.name, "kind": "invented", "type": entity.type, "text": hits[0]})
        self.record.setdefault("mentions", []).extend(found)

    def _collect(self, item: _Item, locator: str, kind: str) -> None:
        for plant in item.plants:
            entry = {"paragraph": self.number, "locator": locator, "item": kind, **plant}
            if plant["category"] == "commitment":
                entry["text"] = item.text
                self.record.setdefault("commitments", []).append(entry)
            elif plant["category"] == "money":
                self.record.setdefault("money", []).append(entry)
            else:
                self.record.setdefault("statistics", []).append(entry)

    def write(self) -> tuple[str, dict[str, Any]]:
        rng = self.rng
        topic_title = self.topic[0].upper() + self.topic[1:]
        title = f"{topic_title}: {self.kind}"
        self.lines = [title, f"Published {self.published.day} {MONTHS[self.published.month - 1]} {self.published.year}"]
        if rng.random() < 0.5:
            self.lines.append(f"{MONTHS[self.published.month - 1]} {self.published.year}")
        self.heading("Introduction")
        intro: list[_Item] = [self.descriptive(), self.statistic_sentence(), self.statistic_sentence(follows=True)]
        self.emit_paragraph(_Para(intro))
        if self.inquiry:
            name, abbreviation = self.inquiry
            when = _add_months(self.published, -rng.randint(6, 30))
            self.emit_paragraph(_Para([
                _Item(f"In {MONTHS[when.month - 1]} {when.year}, the {name} ({abbreviation}) published its final report on {self.topic}."),
                _Item(f"This document responds to each of the recommendations of {abbreviation}."),
            ]))
        partners = [self.known()[0] for _ in range(3)]
        self.emit_paragraph(_Para([_Item(f"We will work with {partners[0]}, {partners[1]} and {partners[2]} to deliver the measures in this {self.kind}.")]))

        budget = self.size - self.number - 2
        theme_sections: list[int] = []
        if self.inquiry:
            themes = rng.randint(2, 5)
            theme_sections = [max(2, budget // (themes + 1)) for _ in range(themes)]
            budget -= sum(theme_sections)
        # topic sections
        headings = rng.sample(THEME_OBJECTS, k=min(len(THEME_OBJECTS), 3 + len(theme_sections)))
        topic_sections = max(1, min(6, budget // 8))
        per_section = [budget // topic_sections] * topic_sections
        per_section[-1] += budget - sum(per_section)
        for position, count in enumerate(per_section):
            heading = f"{rng.choice(THEME_VERBS)} {headings[position % len(headings)]}"
            self.heading(heading if position else f"Our approach to {self.topic}")
            for _ in range(max(count, 1)):
                self.emit_paragraph(self.paragraph())
                self.emit_prose()
        if self.inquiry:
            self.heading(f"Government response to the recommendations of the {self.inquiry[0]}")
            number = 0
            for position, count in enumerate(theme_sections):
                heading = f"{THEME_VERBS[position % len(THEME_VERBS)]} {headings[(position + 3) % len(headings)]}"
                number = self.recommendation_section(heading, number, count)
        self.heading("Next Steps")
        closing: list[_Item] = []
        for name in list(self.known_pending):
            forms = next(f for n, _, f in KNOWN if n == name)
            article, form = forms[0]
            named = f"{article + ' ' if article else ''}{form}"
            if KNOWN_ROLES[name] in {"body", "post"}:
                closing.append(_Item(f"We will keep {named} informed of progress."))
            else:
                closing.append(_Item(f"We will keep the role of {named} under review."))
            self._note_known(name)
        for entity in list(self.invented_pending):
            self.invented_pending.remove(entity)
            self.invented_mentioned.append(entity)
            closing.append(_Item(f"We will keep the {entity.name} under review."))
        closing.append(self.commitment(dated=True))
        self.emit_paragraph(_Para(closing))
        self.emit_paragraph(_Para([_Item(f"Progress on {self.topic} will be reported on GOV.UK.")]))
        text = "\n".join(self.lines) + "\n"
        record = {
            "title": title,
            "published": self.published.isoformat(),
            "paragraphs": self.number,
            "prose_paragraphs": self.prose_paragraphs,
            "inquiry": {"name": self.inquiry[0], "abbreviation": self.inquiry[1]} if self.inquiry else None,
            "recommendations": self.recommendations,
            "commitments": self.record.get("commitments", []),
            "known_entities": sorted(self.known_mentioned),
            "invented_entities": sorted(
                ({"name": e.name, "type": e.type, "head": e.head, "abbreviation": e.abbreviation} for e in self.invented_mentioned),
                key=lambda e: e["name"],
            ),
            "mentions": self.record.get("mentions", []),
            "money": self.record.get("money", []),
            "statistics": self.record.get("statistics", []),
        }
        return text, record

    def recommendation_section(self, heading: str, number: int, paragraphs: int) -> int:
        rng = self.rng
        assert self.inquiry is not None
        abbreviation = self.inquiry[1]
        self.heading(heading)
        block = f"s{self.sections}.b1"  # the list of recommendations: an unnumbered block
        block_texts = []
        status = rng.choice(["accepted", "accepted in part", "not accepted", "alternative approach", "under consideration"])
        count = rng.randint(1, 5)
        split_dash = rng.random() < 0.2  # the seed's "-" alone on a line, the item on the next
        titles = [
            f"A single national dataset on {self.topic}",
            f"Establish an independent regulator for {self.topic}",
            f"Introduce a statutory duty to report concerns about {self.topic}",
            f"Publish an annual report to Parliament on {self.topic}",
            f"Extend the inspection regime to cover {self.topic} providers",
            f"A national guarantee of specialist support for people affected by {self.topic}",
            f"Review the funding formula for {self.topic} services",
            f"Create a register of practitioners working in {self.topic}",
            f"Improve the training available to frontline staff on {self.topic}",
            f"Set minimum standards for local {self.topic} plans",
        ]
        for title in rng.sample(titles, k=count):
            number += 1
            written = title + ("." if rng.random() < 0.6 else "")
            if split_dash:
                self.lines += ["-", f"Recommendation {number}: {written}"]
            else:
                self.lines.append(f"- Recommendation {number}: {written}")
            block_texts.append(f"Recommendation {number}: {written}")
            self.recommendations.append({"number": number, "title": title, "theme": heading, "status": status, "locator": block})
        self._mentions(block, block_texts)
        # One sentence answers the whole list: about "this recommendation", or "these recommendations" for several.
        these = "this recommendation" if count == 1 else "these recommendations"
        wording = {
            "accepted": f"The Government accepts {these} in full.",
            "accepted in part": f"The Government accepts {these} in part.",
            "not accepted": f"The Government is not currently taking forward {these} on {self.topic}.",
            "alternative approach": f"Rather than implementing {these} as drafted, we will strengthen existing guidance on {self.topic}.",
            "under consideration": f"We will consider whether {these} on {self.topic} need a statutory approach.",
        }[status]
        self.emit_paragraph(_Para([_Item(f"{abbreviation} made recommendations on {heading.lower()}."), _Item(wording)]))
        for _ in range(max(paragraphs - 1, 1)):
            self.emit_paragraph(self.paragraph())
        return number


class _FormCycle:
    """Every phrase form in turn (reshuffled each round), so even a small corpus has them all."""

    def __init__(self) -> None:
        self.queue: list[str] = []

    def next(self, rng: random.Random) -> str:
        if not self.queue:
            self.queue = list(PHRASE_FORMS)
            rng.shuffle(self.queue)
        return self.queue.pop()


# --------------------------------------------------------------------------- corpus

@dataclass
class Manifest:
    """What :func:`generate_corpus` planted: one record per document (see the module docstring)."""

    seed: int
    documents: list[dict[str, Any]]
    prose: float = 0.0

    def to_json(self) -> str:
        data = {"policykg_synthetic_corpus": MANIFEST_VERSION, "seed": self.seed, "prose": self.prose,
                "totals": self.totals(), "documents": self.documents}
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"

    def totals(self) -> dict[str, int]:
        docs = self.documents
        return {
            "documents": len(docs),
            "paragraphs": sum(d["paragraphs"] for d in docs),
            "recommendations": sum(len(d["recommendations"]) for d in docs),
            "dated_commitments": sum(len(d["commitments"]) for d in docs),
            "known_entity_mentions": sum(len(d["known_entities"]) for d in docs),
            "invented_entity_mentions": sum(len(d["invented_entities"]) for d in docs),
            "money": sum(len(d["money"]) for d in docs),
            "statistics": sum(len(d["statistics"]) for d in docs),
        }

    @classmethod
    def load(cls, path: str | Path) -> Manifest:
        path = Path(path)
        if path.is_dir():
            path = path / MANIFEST_NAME
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(seed=data["seed"], documents=data["documents"], prose=data.get("prose", 0.0))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("’", "")).strip("-")[:60]


def _sizes(rng: random.Random, n_docs: int) -> list[int]:
    """Fact-paragraph counts from 20 to 150; with several documents both ends occur."""
    sizes = [rng.randint(20, 150) for _ in range(n_docs)]
    if n_docs >= 2:
        sizes[0], sizes[1] = 20, 150
        rng.shuffle(sizes)
    return sizes


def generate_corpus(n_docs: int, seed: int, out_dir: str | Path, *, prose: float = PROSE_DEFAULT) -> Manifest:
    """Write ``n_docs`` synthetic documents and ``manifest.json`` into ``out_dir``.

    ``prose`` is the number of plain-prose paragraphs per fact paragraph (on average) in the
    topic sections: the default gives the seed's density of facts; 0 the dense corpus.
    """
    if n_docs < 1:
        raise ValueError("n_docs must be at least 1")
    if prose < 0:
        raise ValueError("prose must be 0 or more")
    rng = random.Random(seed)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    pool = invent_entities(rng, max(40, min(len(QUALIFIERS) * len(SUBJECTS), 20 + n_docs // 2)))
    with_recommendations = [rng.random() < 0.45 for _ in range(n_docs)]
    if n_docs >= 2 and not any(with_recommendations):
        with_recommendations[0] = True
    inquiries = iter(invent_inquiries(rng, sum(with_recommendations)))
    sizes = _sizes(rng, n_docs)
    forms = _FormCycle()
    used: set[tuple[str, str]] = set()
    documents = []
    width = max(4, len(str(n_docs)))
    for index in range(n_docs):
        while True:  # documents are identified by title and date: keep those unique
            topic, kind = rng.choice(TOPICS), rng.choice(DOC_KINDS)
            published = date(2024, 1, 1) + timedelta(days=rng.randrange(4 * 365))
            key = (f"{topic}: {kind}", published.isoformat())
            if key not in used:
                used.add(key)
                break
        chosen = rng.sample(pool, k=min(len(pool), max(3, sizes[index] // 12)))
        inquiry = next(inquiries) if with_recommendations[index] else None
        prose_rng = random.Random(f"prose-{seed}-{index}")
        writer = _Writer(rng, index, published, sizes[index], topic, kind, chosen, inquiry, forms, prose, prose_rng)
        text, record = writer.write()
        name = f"doc-{index + 1:0{width}d}-{_slug(record['title'])}.txt"
        (out / name).write_text(text, encoding="utf-8", newline="\n")
        documents.append({"file": name, **record})
    manifest = Manifest(seed, documents, prose)
    (out / MANIFEST_NAME).write_text(manifest.to_json(), encoding="utf-8", newline="\n")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write synthetic GOV.UK policy documents and a manifest of what they contain.")
    parser.add_argument("--docs", type=int, default=10, help="number of documents (default 10)")
    parser.add_argument("--seed", type=int, default=1, help="random seed: the same seed gives byte-identical files (default 1)")
    parser.add_argument("--prose", type=float, default=PROSE_DEFAULT,
                        help=f"plain-prose paragraphs per fact paragraph (default {PROSE_DEFAULT}: the seed's density "
                             "of facts; 0: every paragraph states facts, as in earlier releases)")
    parser.add_argument("-o", "--out", required=True, help="output folder (created if needed)")
    args = parser.parse_args(argv)
    if args.docs < 1:
        parser.error("--docs must be at least 1")
    if args.prose < 0:
        parser.error("--prose must be 0 or more")
    manifest = generate_corpus(args.docs, args.seed, args.out, prose=args.prose)
    totals = manifest.totals()
    print(f"Wrote {totals['documents']} documents ({totals['paragraphs']} paragraphs) and {MANIFEST_NAME} to {args.out}")
    print("Planted: " + ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in totals.items() if k not in {"documents", "paragraphs"}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
