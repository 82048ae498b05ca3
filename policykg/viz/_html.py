"""Helpers for self-contained HTML: safe JSON in ``<script>``, templates, inlined assets.

>>> script_json({"quote": "</script><script>alert(1)</script>", "amp": "a & b"})
'{"amp":"a \\\\u0026 b","quote":"\\\\u003c/script\\\\u003e\\\\u003cscript\\\\u003ealert(1)\\\\u003c/script\\\\u003e"}'
>>> fill("<h1>{{TITLE}}</h1>{{BODY}}", TITLE="{{BODY}}", BODY="x")
'<h1>{{BODY}}</h1>x'
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from policykg.errors import PolicyKGError

TEMPLATES = Path(__file__).parent / "templates"
VIS_VERSION = "9.1.2"

_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_SCRIPT_UNSAFE_RE = re.compile("[<>&\u2028\u2029]")
_PLACEHOLDER = re.compile(r"\{\{([A-Z_]+)\}\}")


def script_json(data: Any) -> str:
    """JSON that is safe inside ``<script>``: no ``<``, ``>``, ``&`` or line separators.

    Deterministic (keys sorted, no spaces). The escapes are JSON string escapes, so
    ``JSON.parse`` gives back the original text.
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return _SCRIPT_UNSAFE_RE.sub(lambda match: _SCRIPT_UNSAFE[match.group(0)], text)


def fill(template: str, **values: str) -> str:
    """Replace each ``{{NAME}}`` in one pass (inserted text is never scanned again)."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            raise KeyError(f"template placeholder {name} has no value")
        return values[name]

    return _PLACEHOLDER.sub(replace, template)


def template(name: str) -> str:
    return (TEMPLATES / name).read_text(encoding="utf-8")


def _pyvis_dir() -> Path:
    spec = importlib.util.find_spec("pyvis")  # locates the package without importing it (pyvis imports IPython)
    if spec is None or not spec.submodule_search_locations:
        raise PolicyKGError("the interactive page needs the pyvis package (it ships vis-network); pip install 'pyvis>=0.3.2'")
    return Path(next(iter(spec.submodule_search_locations)))


@cache
def vis_assets() -> tuple[str, str]:
    """vis-network's JavaScript and CSS, as shipped inside pyvis, ready to inline."""
    folder = _pyvis_dir() / "lib" / f"vis-{VIS_VERSION}"
    if not folder.is_dir():
        folder = _pyvis_dir() / "templates" / "lib" / f"vis-{VIS_VERSION}"
    try:
        script = (folder / "vis-network.min.js").read_text(encoding="utf-8")
        style = (folder / "vis-network.css").read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PolicyKGError(f"vis-network {VIS_VERSION} not found in the pyvis package at {folder}; reinstall pyvis==0.3.2") from None
    # A source-map comment would make developer tools fetch a file that is not there.
    script = re.sub(r"^//# sourceMappingURL=.*$", "", script, flags=re.M)
    style = re.sub(r"/\*# sourceMappingURL=.*?\*/", "", style)
    for name, text, closing in (("script", script, "</script"), ("style", style, "</style")):
        if closing in text.lower() or "<!--" in text:
            raise PolicyKGError(f"vis-network's {name} cannot be inlined safely (it contains {closing!r} or '<!--')")
    return script, style


def csp_hash(source: str) -> str:
    """The Content-Security-Policy source expression allowing one inline script or style."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii") + "'"


def content_security_policy(scripts: list[str], styles: list[str] | None = None) -> str:
    """A policy letting only the given inline scripts run and blocking every network request.

    Inline event handlers (``onerror=...``) cannot run under it, even if some text
    were ever parsed as HTML by mistake; ``data:`` images are allowed for vis-network's icons.
    """
    script_src = " ".join(csp_hash(s) for s in scripts) or "'none'"
    style_src = "'unsafe-inline'" if styles is None else (" ".join(csp_hash(s) for s in styles) or "'none'")
    return (
        f"default-src 'none'; script-src {script_src}; style-src {style_src}; img-src data:; font-src data:; "
        "connect-src 'none'; frame-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'"
    )
