"""Issue 19, second hardening round: bad metadata, bad IRIs, failing documents, interrupted runs,
published text and query parameters.  Each hostile case is paired with a benign one."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from policykg.cli import cli
from policykg.errors import LoaderError
from policykg.graph.build import build_graph
from policykg.loaders import load_document
from policykg.ontology.rdf import to_rdf
from policykg.ontology.validate import validate

#: A small document that builds in a fraction of a second.
TEXT = """Small progress update
Published 1 May 2025
Introduction
1. The Home Office will publish guidance by June 2026.
2. We will fund the Tackling Child Sexual Abuse Programme with £5m in 2025/26.
"""


@pytest.fixture
def document(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


# ---------------------------------------------------------------------------- 1. sidecar metadata

BAD_METADATA = [
    ("published: 2025-02-31\n", "published: '2025-02-31' is not a date (day is out of range for month)"),
    ("published: 20250101\n", "published: '20250101' is not a date written YYYY-MM-DD"),
    ("title: 42\n", "title: must be text, not int"),
    ("title: [a, b]\n", "title: must be text, not list"),
    ("title: {a: 1}\n", "title: must be text, not dict"),
    ("- a\n- b\n", "metadata must be a mapping of keys to values, not list"),
    ("just a sentence\n", "metadata must be a mapping of keys to values, not str"),
    ("licence: 7\n", "licence: must be text, not int"),
]


@pytest.mark.parametrize(("meta", "message"), BAD_METADATA)
def test_bad_sidecar_metadata_is_one_line_naming_file_and_key(document, tmp_path, meta, message):
    sidecar = tmp_path / "doc.meta.yaml"
    sidecar.write_text(meta, encoding="utf-8")
    result = run("build", str(document), "-o", str(tmp_path / "out"), "-q")
    assert result.exit_code == 1
    assert result.output.splitlines() == [f"policykg: error: {sidecar}: {message}"]
    assert not (tmp_path / "out" / "graph.json").exists()


def test_good_sidecar_metadata_is_used(document, tmp_path):
    (tmp_path / "doc.meta.yaml").write_text(
        "title: A better title\npublished: 2025-02-28\nsource_url: https://www.gov.uk/x?a=1#top\n", encoding="utf-8")
    loaded = load_document(document)
    assert (loaded.title, loaded.published.isoformat(), loaded.source_url) == (
        "A better title", "2025-02-28", "https://www.gov.uk/x?a=1#top")
    result = run("build", str(document), "-o", str(tmp_path / "out"), "-q")
    assert result.exit_code == 0, result.output


# ---------------------------------------------------------------------------- 2. IRIs

@pytest.mark.parametrize("url", ["http://example.org/a b", "http://example.org/a[b", "not a url", "relative/path",
                                 "javascript:alert(1)", "http://[::1", "http://example.org/%zz"])
def test_bad_source_url_in_sidecar_is_refused_naming_file_and_key(document, tmp_path, url):
    sidecar = tmp_path / "doc.meta.yaml"
    sidecar.write_text(f"source_url: {url!r}\n".replace("'", '"'), encoding="utf-8")
    with pytest.raises(LoaderError, match=r"doc\.meta\.yaml: source_url: not"):
        load_document(document)
    result = run("build", str(document), "-o", str(tmp_path / "out"), "-q")
    assert result.exit_code == 1 and len(result.output.splitlines()) == 1
    assert f"{sidecar}: source_url: " in result.output


@pytest.mark.parametrize("url", ["https://www.gov.uk/government/publications/x", "http://[::1]/x", "https://example.org/é?q=1"])
def test_good_source_url_in_sidecar_is_kept(document, tmp_path, url):
    (tmp_path / "doc.meta.yaml").write_text(f'source_url: "{url}"\n', encoding="utf-8")
    assert load_document(document).source_url == url


HTML = """<!doctype html><html><head><title>Small update</title>
<link rel="canonical" href="{url}"></head><body><main><h1>Small update</h1>
<p>1. The Home Office will publish guidance by June 2026.</p></main></body></html>"""


@pytest.mark.parametrize(("url", "kept"), [("https://www.gov.uk/a b[1]", False), ("https://www.gov.uk/good", True)])
def test_html_canonical_link_is_kept_only_if_a_valid_iri(tmp_path, caplog, url, kept):
    path = tmp_path / "page.html"
    path.write_text(HTML.format(url=url), encoding="utf-8")
    loaded = load_document(path)
    assert loaded.source_url == (url if kept else None)
    assert ("source URL" in caplog.text) is not kept
    if not kept:
        assert str(path) in caplog.text
    # whatever it was, the graph now writes in every RDF format
    from policykg.export import export

    graph = build_graph([loaded])
    for fmt in ("trig", "rdfxml", "jsonld"):
        assert export(graph, fmt, tmp_path / f"out.{fmt}").stat().st_size > 0


@pytest.mark.parametrize(("url", "conforms"), [("http://example.org/a[b", False), ("ftp://example.org/x", False), ("http://example.org/x]", False),
                                               ("https://www.gov.uk/ok", True), ("http://[::1]/ok", True)])
def test_shacl_checks_the_source_url(document, url, conforms):
    graph = build_graph([load_document(document)])
    (iri,) = [n for n, d in graph.nodes(data=True) if d["type"] == "Document"]
    # As a graph from elsewhere (an old graph.json) might hold it; spaces and quotes are percent-encoded on the way to RDF.
    graph.nodes[iri]["source_url"] = url
    report = validate(to_rdf(graph))
    assert report.conforms is conforms
    assert any("source URL (dcat:landingPage)" in line for line in report.violations) is not conforms


# ---------------------------------------------------------------------------- 6. query parameters

ENGINES = [("sparql", "rdflib"), ("sparql", "oxigraph"), ("cypher", "auto")]  # neo4j: tests/test_neo4j.py's server


@pytest.fixture(scope="module")
def small_graph_file(tmp_path_factory):
    folder = tmp_path_factory.mktemp("small")
    (folder / "doc.txt").write_text(TEXT, encoding="utf-8")
    assert run("build", str(folder / "doc.txt"), "-o", str(folder / "out"), "-q", "--no-cache").exit_code == 0
    return str(folder / "out" / "graph.json")


@pytest.mark.parametrize(("engine", "store"), ENGINES)
@pytest.mark.parametrize(("query", "param", "message"), [
    ("recommendation", "number=9223372036854775808",
     "parameter 'number' must be an integer from -9223372036854775808 to 9223372036854775807, not 9223372036854775808"),
    ("recommendation", "number=-99999999999999999999999", "parameter 'number' must be an integer from"),
    ("recommendation", "number=١٣", "parameter 'number' must be an int, not '١٣'"),
    ("due", "as_of=20250101", "parameter 'as_of' must be a date (YYYY-MM-DD), not '20250101'"),
    ("due", "as_of=2025-W01-1", "parameter 'as_of' must be a date (YYYY-MM-DD), not '2025-W01-1'"),
    ("due", "as_of=2025-02-31", "parameter 'as_of' must be a date (YYYY-MM-DD), not '2025-02-31'"),
])
def test_out_of_range_parameters_get_one_line_on_every_engine(small_graph_file, engine, store, query, param, message):
    result = run("query", "run", query, "-p", param, "--engine", engine, "--store", store, "--graph", small_graph_file)
    assert result.exit_code == 1
    assert len(result.output.splitlines()) == 1 and result.output.startswith(f"policykg: error: {message}")


@pytest.mark.parametrize(("engine", "store"), ENGINES)
@pytest.mark.parametrize(("query", "param"), [("recommendation", "number=9223372036854775807"), ("recommendation", "number=1"),
                                              ("due", "as_of=2025-01-01")])
def test_parameters_in_range_run_on_every_engine(small_graph_file, engine, store, query, param):
    result = run("query", "run", query, "-p", param, "--engine", engine, "--store", store, "--graph", small_graph_file,
                 "--format", "json")
    assert result.exit_code == 0, result.output
    assert result.output.lstrip().startswith("[")


@pytest.mark.parametrize(("engine", "store"), ENGINES)
@pytest.mark.parametrize(("value", "ok"), [(2**63, False), (-(2**63) - 1, False), (2**63 - 1, True), (-(2**63), True)])
def test_engines_refuse_integers_beyond_64_bits_alike(small_graph_file, engine, store, value, ok):
    from policykg.errors import QueryError
    from policykg.graph.storage import load_graph
    from policykg.queries import open_engine

    text = "SELECT ?n ?_n WHERE { BIND(?_n + 0 AS ?n) }" if engine == "sparql" else "RETURN $n AS n"
    opened = open_engine(engine, load_graph(small_graph_file), store)
    try:
        if ok:
            (row,) = opened.run(text, {"n": value})[1]
            assert int(str(row[0])) == value
        else:
            with pytest.raises(QueryError, match=f"parameter 'n' must be an integer from .* not {value}$"):
                opened.run(text, {"n": value})
    finally:
        opened.close()


@pytest.mark.parametrize(("value", "expected"), [("2025-02-31", None), ("2025-02-28", "2025-02-28"), ("20250101", 20250101)])
def test_adhoc_parameters_are_typed_strictly(small_graph_file, value, expected):
    result = run("sparql", "SELECT ?v WHERE { BIND(?_v AS ?v) }", "-p", f"v={value}", "--graph", small_graph_file, "--format", "json")
    if expected is None:
        assert result.exit_code == 1 and result.output == f"policykg: error: parameter value '{value}' is not a date (day is out of range for month)\n"
    else:
        assert result.exit_code == 0 and str(expected) in result.output


# ---------------------------------------------------------------------------- 5. the published README

@pytest.mark.parametrize(("title", "url", "hostile"), [
    ('<img src=x onerror=alert(1)> *T* [x](javascript:alert(2))', "javascript:alert(1)", True),
    ("Small progress update", "https://www.gov.uk/ok", False),
])
def test_published_readme_escapes_document_text_and_links_only_http(document, title, url, hostile):
    from policykg.export.pages import readme_text

    graph = build_graph([load_document(document)])
    (iri,) = [n for n, d in graph.nodes(data=True) if d["type"] == "Document"]
    graph.nodes[iri].update(title=title, source_url=url)  # as an old graph.json might hold them
    text = readme_text(graph, {}, title=title, issued=None, publisher="<b>Me</b>", triples=1)
    if hostile:
        assert not re.search(r"(?<!\\)<(img|b)", text) and "javascript:alert(2))" not in text
        assert "](<javascript" not in text and "](javascript" not in text
        assert "- \\<img src=x onerror=alert\\(1\\)\\> \\*T\\* \\[x\\]\\(javascript:alert\\(2\\)\\), published" in text
        assert text.startswith("# \\<img src=x onerror=alert\\(1\\)\\>")
    else:
        assert "- [Small progress update](<https://www.gov.uk/ok>), published" in text
        assert text.startswith("# Small progress update\n")


# ---------------------------------------------------------------------------- 3. one bad document in a folder build

def small_corpus(folder, bad: bytes | None = b"\x00\x01 binary"):
    folder.mkdir()
    for name in "abd":
        (folder / f"{name}.txt").write_text(TEXT.replace("Small progress update", f"Update {name}"), encoding="utf-8")
    if bad is not None:
        (folder / "c.txt").write_bytes(bad)
    return folder


def graph_bytes(out) -> bytes:
    return (out / "graph.json").read_bytes()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_bad_document_stops_the_build_in_one_line_and_leaves_nothing_trusted(tmp_path, jobs):
    corpus, out = small_corpus(tmp_path / "corpus"), tmp_path / "out"
    result = run("build", str(corpus), "-o", str(out), "-j", jobs, "-q")
    assert result.exit_code == 1
    assert result.output == f"policykg: error: {corpus / 'c.txt'}: looks like a binary file, not a text or HTML document\n"
    assert not (out / "graph.json").exists() and not (out / "cache" / "last-build.json").exists()
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]
    # fixed, the next build (trusting whatever the failed one cached) equals a clean build
    (corpus / "c.txt").write_text(TEXT.replace("Small progress update", "Update c"), encoding="utf-8")
    assert run("build", str(corpus), "-o", str(out), "-j", jobs, "-q").exit_code == 0
    assert run("build", str(corpus), "-o", str(tmp_path / "clean"), "--no-cache", "-q").exit_code == 0
    assert graph_bytes(out) == graph_bytes(tmp_path / "clean")


@pytest.mark.parametrize("cache", ["--cache", "--no-cache"])
def test_an_extraction_fault_names_the_document_in_one_line(tmp_path, monkeypatch, cache):
    import policykg.graph.build
    import policykg.graph.pipeline

    real = policykg.graph.build.extract_document

    def faulty(document, *args, **kwargs):
        if "Update b" in document.title:
            raise ValueError("day is out of range for month")
        return real(document, *args, **kwargs)

    monkeypatch.setattr(policykg.graph.build, "extract_document", faulty)
    monkeypatch.setattr(policykg.graph.pipeline, "extract_document", faulty)
    corpus, out = small_corpus(tmp_path / "corpus", bad=None), tmp_path / "out"
    result = run("build", str(corpus), "-o", str(out), "-j", "1", cache, "-q")
    assert result.exit_code == 1 and not (out / "graph.json").exists()
    assert result.output == (f"policykg: error: {corpus / 'b.txt'}: could not be extracted "
                             "(ValueError: day is out of range for month); please report it with the document\n")
    keep = run("build", str(corpus), "-o", str(out), "-j", "1", cache, "-q", "--keep-going")
    assert keep.exit_code == 0 and (out / "graph.json").exists()
    assert keep.output.splitlines()[-1] == "policykg: 1 of 3 document(s) left out (--keep-going); the graph holds the others"


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_keep_going_leaves_the_bad_document_out_and_says_so_at_the_end(tmp_path, jobs):
    from policykg.graph.storage import load_graph

    corpus, out = small_corpus(tmp_path / "corpus"), tmp_path / "out"
    result = run("build", str(corpus), "-o", str(out), "-j", jobs, "--keep-going")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-2:] == [
        f"policykg: left out: {corpus / 'c.txt'}: looks like a binary file, not a text or HTML document",
        "policykg: 1 of 4 document(s) left out (--keep-going); the graph holds the others"]
    titles = sorted(d["title"] for _, d in load_graph(out / "graph.json").nodes(data=True) if d["type"] == "Document")
    assert titles == ["Update a", "Update b", "Update d"]
    # not remembered as up to date: building again says again what was left out
    again = run("build", str(corpus), "-o", str(out), "-j", jobs, "--keep-going")
    assert "no document changed" not in again.output and "policykg: left out: " in again.output
    (corpus / "c.txt").unlink()
    assert run("build", str(corpus), "-o", str(tmp_path / "clean"), "--no-cache", "-q").exit_code == 0
    assert graph_bytes(out) == graph_bytes(tmp_path / "clean")


def test_keep_going_with_every_document_bad_is_an_error(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "x.txt").write_bytes(b"\x00\x01")
    result = run("build", str(corpus), "-o", str(tmp_path / "out"), "--keep-going", "-q")
    assert result.exit_code == 1 and result.output.startswith("policykg: error: no document could be built; the first: ")


# ---------------------------------------------------------------------------- 4. interrupted runs

def policykg(*args: str, crash_at: str | None = None, **env: str):
    """Run the command in a process of its own, killed with SIGKILL at ``crash_at`` (policykg.atomic.crash_point)."""
    import os
    import subprocess
    import sys

    environment = {**os.environ, **env}
    environment.pop("POLICYKG_TEST_CRASH_AT", None)
    if crash_at:
        environment["POLICYKG_TEST_CRASH_AT"] = crash_at
    return subprocess.run([sys.executable, "-c", "from policykg.cli import cli; cli()", *args], env=environment,
                          capture_output=True, text=True, timeout=300, cwd=environment.get("POLICYKG_TEST_CWD"))


def dead_pid() -> int:
    import subprocess

    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def pair(out) -> tuple[bytes, bytes]:
    return (out / "graph.json").read_bytes(), (out / "graph.ttl").read_bytes()


@pytest.mark.parametrize(("crash_at", "new"), [("build-written", False), ("build-switched", True)])
def test_build_killed_leaves_graph_json_and_ttl_of_one_build(tmp_path, crash_at, new):
    corpus, out = small_corpus(tmp_path / "corpus", bad=None), tmp_path / "out"
    assert policykg("build", str(corpus), "-o", str(out), "-q").returncode == 0
    old = pair(out)
    (corpus / "d.txt").unlink()  # the next build differs
    assert policykg("build", str(corpus), "-o", str(tmp_path / "clean"), "-q", "--no-cache").returncode == 0
    killed = policykg("build", str(corpus), "-o", str(out), "-q", crash_at=crash_at)
    assert killed.returncode == -9
    assert pair(out) == (pair(tmp_path / "clean") if new else old)
    assert len(list((out / ".builds").glob("gen-*"))) == 2  # the killed run's folder is left ...
    assert policykg("build", str(corpus), "-o", str(out), "-q").returncode == 0
    assert pair(out) == pair(tmp_path / "clean")
    assert len(list((out / ".builds").glob("gen-*"))) == 1  # ... and removed by the next run


def test_temporary_files_of_a_killed_build_are_removed_by_the_next(tmp_path):
    corpus, out = small_corpus(tmp_path / "corpus", bad=None), tmp_path / "out"
    temp = tmp_path / "tmp"
    temp.mkdir()
    killed = policykg("build", str(corpus), "-o", str(out), "-q", "-j", "1", crash_at="atomic-written")
    assert killed.returncode == -9
    left = [p.name for p in (out / "cache").iterdir() if p.name.endswith(".tmp")]
    assert left and all(re.fullmatch(r"\..+\.json\.[0-9]+\.[^.]+\.tmp", name) for name in left)  # .NAME.<pid>.<random>.tmp
    stale = temp / f"policykg-build-{dead_pid()}-abcd1234"
    stale.mkdir()
    (stale / "chunk-0.pickle").write_bytes(b"x")
    running = temp / f"policykg-build-{__import__('os').getpid()}-abcd1234"  # a live process's: kept
    running.mkdir()
    assert policykg("build", str(corpus), "-o", str(out), "-q", "-j", "2", TMPDIR=str(temp)).returncode == 0
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]
    assert not stale.exists() and running.exists()
    assert (out / "graph.json").is_file()


@pytest.mark.parametrize("crash_at", ["publish-written", "publish-exchanged"])
def test_publish_killed_keeps_a_publication_folder_and_the_next_run_cleans_up(tmp_path, crash_at):
    here = {"POLICYKG_TEST_CWD": str(tmp_path)}  # no graph there: the packaged seed
    pub = tmp_path / "pub"
    assert policykg("publish", str(pub), "--no-check", **here).returncode == 0
    before = (pub / "README.md").read_bytes()
    killed = policykg("publish", str(pub), "--no-check", "--publisher", "Another publisher", crash_at=crash_at, **here)
    assert killed.returncode == -9
    assert (pub / "SHA256SUMS").is_file()  # a whole publication, old or new, is there
    assert ((pub / "README.md").read_bytes() == before) is (crash_at == "publish-written")
    assert len([p for p in tmp_path.iterdir() if p.name.startswith(".pub.")]) == 1
    assert policykg("publish", str(pub), "--no-check", **here).returncode == 0
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".pub.")] == []
    assert (pub / "README.md").read_bytes() == before


@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)])
def test_atomic_writes_respect_the_umask(tmp_path, mask, mode):
    import os

    from policykg.atomic import atomic_write_text

    previous = os.umask(mask)
    try:
        path = atomic_write_text(tmp_path / "file.txt", "x\n")
    finally:
        os.umask(previous)
    assert path.stat().st_mode & 0o777 == mode
