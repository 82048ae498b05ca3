"""Matplotlib plumbing shared by the static figures: lazy import, deterministic saving."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from policykg.atomic import atomic_write_bytes
from policykg.errors import PolicyKGError

#: A4 portrait width in inches.
A4_WIDTH = 8.27
DPI = 150
FIGURE_FORMATS = ("png", "svg", "pdf")

RC = {
    "svg.hashsalt": "policykg",  # stable ids inside the SVG
    "svg.fonttype": "none",  # text stays text (searchable, accessible)
    "pdf.fonttype": 42,
    "font.family": "DejaVu Sans",
    "font.size": 8,
    "axes.titlesize": 10,
    "path.simplify": True,
}


def figure_format(path: str | Path, allowed: tuple[str, ...] = FIGURE_FORMATS) -> str:
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in allowed:
        raise PolicyKGError(f"{path}: unknown figure format {suffix or '(none)'!r}; use a file name ending in " + ", ".join("." + a for a in allowed))
    return suffix


def matplotlib() -> Any:
    try:
        import matplotlib as mpl
    except ImportError:
        raise PolicyKGError("static figures need matplotlib: pip install 'matplotlib>=3.8'") from None
    return mpl


@contextlib.contextmanager
def style() -> Iterator[None]:
    """rcParams for every figure (creation and saving happen inside it)."""
    mpl = matplotlib()
    with mpl.rc_context(RC):
        yield


def new_figure(width: float, height: float) -> Any:
    """A figure not registered with pyplot (no global state, no GUI backend)."""
    matplotlib()
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=DPI)


def save(figure: Any, path: str | Path, fmt: str) -> Path:
    """Save deterministically: no dates, fixed creator, fixed SVG ids."""
    metadata: dict[str, Any]
    if fmt == "svg":
        metadata = {"Date": None, "Creator": "policykg"}
    elif fmt == "pdf":
        metadata = {"CreationDate": None, "ModDate": None, "Creator": "policykg", "Producer": "policykg"}
    else:
        metadata = {"Software": "policykg"}
    buffer = io.BytesIO()
    figure.savefig(buffer, format=fmt, dpi=DPI, metadata=metadata, facecolor="white")
    return atomic_write_bytes(Path(path), buffer.getvalue())
