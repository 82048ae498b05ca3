"""What a run of policykg is configured with, in one value: the base of data IRIs, the
extraction limits and the output folder.

A :class:`Settings` is frozen and checked once, when it is made (a bad base IRI is one
line for the user, not a broken graph later).  The command line and the build pipeline
make one (:meth:`Settings.from_env` reads ``POLICYKG_BASE``) and pass it down; code deep
in the extractor asks for the active one (:func:`current_settings`) rather than reading
the environment itself.  Everything that shapes a graph is in :meth:`Settings.key`, which
the build caches hash with the documents, so changing the base rebuilds what it changes.

>>> settings = Settings(base="https://example.org/kg")
>>> settings.base
'https://example.org/kg/'
>>> with using(settings):
...     current_settings().base
'https://example.org/kg/'
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from policykg.errors import PolicyKGError

DEFAULT_BASE_IRI = "https://w3id.org/policykg/"
DEFAULT_OUT = Path("policykg-out")
BASE_VARIABLE = "POLICYKG_BASE"

# Characters an IRI may not hold (RFC 3987: spaces, controls and these delimiters).
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f]')


class SettingsError(PolicyKGError, ValueError):
    """A setting has a value policykg cannot work with."""


@dataclass(frozen=True)
class Limits:
    """How much of one paragraph extraction analyses (see the README on extreme input)."""

    items_per_paragraph: int = 500  # sentences and bullets analysed
    mentions_per_paragraph: int = 2_000  # mentions of organisations, legislation, ... recorded
    links_per_paragraph: int = 10_000  # links from its commitments to the bodies and bills they name

    def __post_init__(self) -> None:
        for name, value in vars(self).items():
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise SettingsError(f"limit {name} must be a whole number of at least 1, not {value!r}")


@dataclass(frozen=True)
class Settings:
    """The configuration of one run; made once, checked once, passed down.

    ``base`` is the base of data IRIs (an absolute http(s) IRI; a ``/`` is added unless it
    ends with ``/`` or ``#``), ``limits`` the extraction limits and ``out`` the folder
    commands write to.

    The extractor still applies the limits of ``policykg.graph.build`` (``MAX_*``, the same
    values as :class:`Limits`' defaults); the limits here are part of :meth:`key` so that
    caches will follow them once extraction takes them from here.
    """

    base: str = DEFAULT_BASE_IRI
    limits: Limits = field(default_factory=Limits)
    out: Path = DEFAULT_OUT

    def __post_init__(self) -> None:
        base = self.base
        if not isinstance(base, str) or not base:
            raise SettingsError(f"the base IRI must be a non-empty string, not {base!r}")
        if not base.endswith(("/", "#")):
            base += "/"
            object.__setattr__(self, "base", base)  # frozen: set once, here, before anyone reads it
        parts = urlsplit(base)
        if parts.scheme not in {"http", "https"} or not parts.netloc or _NOT_IN_IRI.search(base):
            raise SettingsError(f"the base IRI {base!r} ({BASE_VARIABLE}) must be an absolute http(s) IRI "
                                "without spaces, quotes or angle brackets")
        if not isinstance(self.limits, Limits):
            raise SettingsError(f"limits must be a Limits value, not {self.limits!r}")
        object.__setattr__(self, "out", Path(self.out))

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, *, out: Path | str = DEFAULT_OUT) -> Settings:
        """The settings the environment asks for (``POLICYKG_BASE``), else the defaults."""
        environ = os.environ if environ is None else environ
        return cls(base=environ.get(BASE_VARIABLE) or DEFAULT_BASE_IRI, out=Path(out))

    def key(self) -> str:
        """A hash of every setting that shapes a graph (not ``out``: where it is written changes nothing in it)."""
        shaping = {"base": self.base, "limits": vars(self.limits)}
        return hashlib.sha256(json.dumps(shaping, sort_keys=True).encode()).hexdigest()


_ACTIVE: ContextVar[Settings | None] = ContextVar("policykg_settings", default=None)


@contextmanager
def using(settings: Settings) -> Iterator[Settings]:
    """Make ``settings`` the active ones (:func:`current_settings`) in this thread for the ``with`` block."""
    token = _ACTIVE.set(settings)
    try:
        yield settings
    finally:
        _ACTIVE.reset(token)


def current_settings() -> Settings:
    """The active settings (see :func:`using`); outside any, those of the environment."""
    active = _ACTIVE.get()
    return active if active is not None else _from_base(os.environ.get(BASE_VARIABLE) or DEFAULT_BASE_IRI)


@lru_cache(maxsize=8)
def _from_base(base: str) -> Settings:
    return Settings(base=base)
