"""The checks of outside values now live in :mod:`policykg.values`, which ``loaders/`` (and so ``graph/``)
use without importing ``ontology/``; this module names the same functions for code written against the
old place.
"""

from policykg.values import WEB_SCHEMES, iri_problem, iso_date, web_iri_problem

__all__ = ["WEB_SCHEMES", "iri_problem", "iso_date", "web_iri_problem"]
