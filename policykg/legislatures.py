"""The UK's legislatures, named once for every reader that needs them.

A leaf module: the loaders read a sitting's record by the names its header is written with, and the graph reader
tells a legislature named as the forum of words from one that acts, by the gazetteer's entity names.

>>> LEGISLATURES["Senedd Cymru"]
('Senedd', 'Welsh Parliament')
>>> "Westminster Hall" in CHAMBERS, "House of Lords" in HOUSES
(True, True)
>>> "written answers" in RECORD_TITLES
True
"""

from __future__ import annotations

#: Each legislature by its entity name in the reference data, with the forms a record or a text writes it in.
LEGISLATURES: dict[str, tuple[str, ...]] = {
    "Parliament of the United Kingdom": (),  # written "Parliament", a word too common to head a record
    "House of Commons": ("House of Commons",),
    "House of Lords": ("House of Lords",),
    "Scottish Parliament": ("Scottish Parliament",),
    "Senedd Cymru": ("Senedd", "Welsh Parliament"),
    "Northern Ireland Assembly": ("Northern Ireland Assembly",),
}

#: The two Houses of the UK Parliament.
HOUSES: tuple[str, ...] = ("House of Commons", "House of Lords")

#: The places a sitting's record is headed with: each legislature's written forms, and Westminster Hall (the
#: Commons' second debating chamber).
CHAMBERS: tuple[str, ...] = (*(form for forms in LEGISLATURES.values() for form in forms), "Westminster Hall")

#: Titles that name only a kind of record, not its subject: each legislature publishes a "Written Answers" of the day,
#: so such a title and its date do not tell two records apart (lower case).
RECORD_TITLES: frozenset[str] = frozenset({
    "written answers", "written answers to questions", "written question", "written questions",
    "written statements", "written ministerial statements", "oral answers", "oral answers to questions",
    "debates", "official report",
})
