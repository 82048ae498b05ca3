"""The compiled extractor (``POLICYKG_COMPILE=1 pip install .``, see setup.py) builds the same graphs as pure Python.

The package is compiled once per run with mypyc into a folder (about 40 s), then used through
``PYTHONPATH`` by fresh processes started with ``-P`` (Python does not put the working
directory, which holds the pure-Python source, first on the path).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXTRACTION_TESTS = ["test_extraction.py", "test_loaders.py", "test_hostile.py", "test_fuzz.py", "test_other_documents.py", "test_corpus.py",
                    "test_pipeline.py", "test_storage.py"]


@pytest.fixture(scope="module")
def compiled(tmp_path_factory) -> Path:
    """A folder holding policykg with its extractor compiled."""
    target = tmp_path_factory.mktemp("compiled")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(ROOT)],
        env={**os.environ, "POLICYKG_COMPILE": "1"}, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return target


def python(args: list[str], cwd: Path, package: Path | None = None) -> subprocess.CompletedProcess:
    """Run ``python -P args`` with ``package`` (a folder holding policykg) first on the path, else the pure-Python install."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    if package is not None:
        env["PYTHONPATH"] = str(package)
    return subprocess.run([sys.executable, "-P", *args], cwd=cwd, env=env, capture_output=True, text=True)


def policykg(args: list[str], cwd: Path, package: Path | None = None) -> subprocess.CompletedProcess:
    result = python(["-c", "from policykg.cli import main; main()", *args], cwd, package)
    assert result.returncode == 0, result.stderr
    return result


def test_the_extractor_runs_compiled(compiled, tmp_path):
    result = python(["-c", "from policykg.graph.pipeline import compiled_modules; print('\\n'.join(compiled_modules()))"], tmp_path, compiled)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["policykg.graph.build", "policykg.graph.deadlines", "policykg.graph.figures",
                                     "policykg.graph.mentions", "policykg.graph.merge", "policykg.graph.model",
                                     "policykg.graph.statements", "policykg.iris", "policykg.loaders.document",
                                     "policykg.loaders.govuk_text"]
    assert "extractor compiled with mypyc" in policykg(["--version"], tmp_path, compiled).stdout
    assert "pure Python" in policykg(["--version"], tmp_path).stdout  # the test suite's own install


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    policykg(["bench", "corpus", "--docs", "12", "--seed", "5", "-o", str(folder)], folder)
    return folder


@pytest.mark.parametrize("source", ["seed", "html", "corpus", "corpus, 2 jobs"])
def test_compiled_builds_write_the_same_bytes(compiled, corpus, tmp_path, source):
    arguments = {"seed": [], "html": [str(ROOT / "tests" / "fixtures" / "seed.html")],
                 "corpus": [str(corpus), "--jobs", "1"], "corpus, 2 jobs": [str(corpus), "--jobs", "2"]}[source]
    # The pure-Python source is this tree's (ROOT), as the compiled copy is: the virtualenv's own install may be
    # another checkout's (a worktree run with the main checkout's virtualenv).
    for name, package in (("pure", ROOT), ("compiled", compiled)):
        policykg(["build", *arguments, "-o", str(tmp_path / name), "--no-cache", "-q"], tmp_path, package)
    for output in ("graph.json", "graph.ttl"):
        pure, built = (tmp_path / "pure" / output).read_bytes(), (tmp_path / "compiled" / output).read_bytes()
        assert len(pure) > 10_000 and built == pure, output


def test_the_extraction_tests_pass_on_the_compiled_extractor(compiled):
    """Compiled code checks its type annotations as it runs: hostile and odd input must not trip them."""
    result = python(["-m", "pytest", "-p", "no:cacheprovider", *(f"tests/{name}" for name in EXTRACTION_TESTS)], ROOT, compiled)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "policykg: extractor compiled with mypyc" in result.stdout  # the header conftest.py writes
    assert " passed" in result.stdout and "failed" not in result.stdout
