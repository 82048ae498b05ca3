"""The IRIs of the graph now live in :mod:`policykg.iris`, which both ``graph/`` and ``ontology/`` use
(``graph/`` imports nothing of ``ontology/``); this module names the same functions for code written
against the old place.
"""

from policykg.iris import DEFAULT_BASE, VOCAB, base, curated_source, mint, slug, term

__all__ = ["DEFAULT_BASE", "VOCAB", "base", "curated_source", "mint", "slug", "term"]
