"""Property-based fuzzing of the loaders and extractor (hypothesis).

Every generated input either builds a graph, or is refused with a one-line LoaderError naming
the file; never a traceback, a hang or a half-written file.  The graphs of generated documents
are checked against the SHACL shapes too (`test_built_graphs_conform_to_the_shapes`, 10 of
them: pyshacl takes about a second a graph).
`benchmarks/fuzz_loaders.py --examples N` runs the same properties much longer, on demand.
"""

from __future__ import annotations

import os
import string
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policykg.errors import LoaderError
from policykg.graph.build import build_graph
from policykg.loaders import load_document
from policykg.ontology.rdf import to_rdf
from policykg.ontology.validate import validate

TRIED = {"inputs": 0, "refused": 0, "built": 0, "crashes": 0}

words = st.text(alphabet=string.ascii_letters + "’'-£%&<>\"()/:;,. 0123456789", min_size=1, max_size=40)
unicode_words = st.text(min_size=1, max_size=60)  # any code points: RTL, combining marks, NUL, ...
phrases = st.sampled_from([
    "The Government will act by December 2025.", "We will work with Ofsted in Autumn 2025/Spring 2026.",
    "Recommendation 3: Appoint a Cabinet Minister for Children", "- Recommendation 4: Public awareness raising",
    "The Home Office has committed £5m in 2025/26.", "7.5% of all adults (ONS).", "<script>alert(1)</script>",
    "-", "- - -", "1.", "99. ", "Published 31 February 2025", "Care and Quality Commission (CQC)", "the Bill", "x" * 5000,
])
lines = st.lists(st.one_of(phrases, words, unicode_words, st.builds(lambda n, t: f"{n}. {t}", st.integers(0, 999), words),
                           st.builds(lambda t: f"- {t}", words)), min_size=0, max_size=40)


def check(path: Path) -> None:
    """The property every input must satisfy."""
    TRIED["inputs"] += 1
    try:
        document = load_document(path)
    except LoaderError as error:
        message = str(error)
        assert "\n" not in message and str(path) in message
        TRIED["refused"] += 1
        return
    except Exception:
        TRIED["crashes"] += 1  # counted for the report, and the test fails with it
        raise
    try:
        graph = build_graph([document])
    except Exception:
        TRIED["crashes"] += 1
        raise
    TRIED["built"] += 1
    assert graph.number_of_nodes() > 0


EXAMPLES = int(os.environ.get("POLICYKG_FUZZ_EXAMPLES", "40"))  # benchmarks/fuzz_loaders.py raises it
fuzz = settings(max_examples=EXAMPLES, deadline=20_000, suppress_health_check=[HealthCheck.too_slow])


@fuzz
@given(lines=lines, suffix=st.sampled_from([".txt", ".html", ""]))
def test_random_text_documents(lines, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"doc{suffix}"
        path.write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")
        check(path)


@fuzz
@given(data=st.binary(max_size=4000), suffix=st.sampled_from([".txt", ".html"]))
def test_random_bytes(data, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"junk{suffix}"
        path.write_bytes(data)
        check(path)


tags = st.sampled_from(["h1", "h2", "h3", "p", "ul", "ol", "li", "div", "script", "header", "footer", "b", "table", "td"])


@st.composite
def html_documents(draw):
    parts = []
    for _ in range(draw(st.integers(0, 30))):
        tag = draw(tags)
        text = draw(st.one_of(words, phrases))
        closed = draw(st.booleans())
        parts.append(f"<{tag}>{text}" + (f"</{tag}>" if closed else ""))
    return "<!DOCTYPE html><html><body>" + "".join(parts) + draw(st.sampled_from(["</body></html>", "", "<div class='govspeak'"]))


@fuzz
@given(html=html_documents())
def test_random_html(html):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "page.html"
        path.write_text(html, encoding="utf-8")
        check(path)


@settings(max_examples=10, deadline=30_000, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(st.one_of(phrases, words, st.builds(lambda n, t: f"{n}. {t}", st.integers(1, 99), phrases)), min_size=3, max_size=25))
def test_built_graphs_conform_to_the_shapes(lines):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.txt"
        path.write_text("A policy document\nPublished 9 April 2025\nIntroduction\n" + "\n".join(lines), encoding="utf-8")
        try:
            document = load_document(path)
        except LoaderError as error:  # e.g. every line read as a heading: refused in one line, naming the file
            assert "\n" not in str(error) and str(path) in str(error)
            return
        report = validate(to_rdf(build_graph([document])))
        assert report.conforms, report.violations[:5]


def test_wrong_encodings_and_truncation(tmp_path):
    text = "Title\nPublished 9 April 2025\nIntro\n1. The Home Office will act by May 2026 — café.\n"
    cases = {
        "utf16.txt": text.encode("utf-16"),  # with BOM: read
        "latin1.txt": text.encode("latin-1", errors="replace"),  # refused: not UTF-8
        "truncated.txt": text.encode("utf-8")[:-3],  # cut inside the text: still valid or refused, never a crash
        "big.txt": (text + "2. " + "word " * 2_000_000 + "\n").encode(),  # ~10 MB
        "nul.txt": text.encode() + b"\x00" * 10,
    }
    for name, data in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        check(path)


def test_report_fuzz_figures():
    print(f"\nfuzz: {TRIED['inputs']} inputs tried, {TRIED['built']} built, {TRIED['refused']} refused, "
          f"{TRIED['crashes']} crashes")
    assert TRIED["inputs"] > 0 and TRIED["crashes"] == 0
    assert TRIED["built"] + TRIED["refused"] == TRIED["inputs"]
