"""Stable, readable IRIs for everything in the graph.

Data IRIs live under the base of the active settings (:mod:`policykg.settings`:
``POLICYKG_BASE`` unless a caller passes its own), vocabulary terms under the fixed
ontology namespace.  An IRI is made
from what a thing *is*, never from where it was read, so the same entity found in
two documents (or two formats of one document) gets the same IRI and merges.

>>> mint("organisation", "Home Office")
'https://w3id.org/policykg/id/organisation/home-office'
>>> mint("recommendation", "iicsa", 13)
'https://w3id.org/policykg/id/recommendation/iicsa/13'
"""

from __future__ import annotations

import re
import unicodedata

from policykg.settings import DEFAULT_BASE_IRI, current_settings

__all__ = ["DEFAULT_BASE_IRI", "VOCAB", "base", "curated_source", "mint", "slug", "term"]

VOCAB = "https://w3id.org/policykg/ontology#"


def base() -> str:
    """The base for data IRIs of the active settings; ends with ``/`` or ``#``."""
    return current_settings().base


def slug(text: str, max_length: int = 80) -> str:
    """Lower-case ASCII words joined by hyphens.

    >>> slug("Children’s Wellbeing and Schools Bill")
    'childrens-wellbeing-and-schools-bill'
    """
    text = str(text)
    if not text.isascii():  # ASCII text is its own NFKD form: most IRIs skip the Unicode work
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = _NOT_ALPHANUMERIC.sub("-", text.lower().replace("'", "")).strip("-")  # "’" is not ASCII: gone already
    return text[:max_length].rstrip("-") or "unnamed"


_NOT_ALPHANUMERIC = re.compile(r"[^a-z0-9]+")


def mint(kind: str, *parts: object) -> str:
    """The IRI of a ``kind`` of thing identified by ``parts`` (each slugged)."""
    return current_settings().base + "id/" + "/".join([kind, *(slug(str(p)) for p in parts)])


def curated_source() -> str:
    """The IRI standing for the curated facts file: the source of facts no document states."""
    return mint("source", "policykg-curated-facts")


def term(name: str) -> str:
    """The IRI of a vocabulary term, e.g. ``term("Commitment")``."""
    return VOCAB + name
