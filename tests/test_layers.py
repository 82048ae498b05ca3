"""The layers: the click layer (``policykg/cli/``) sits on top of the library, and nothing in the library
reaches back up to it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import policykg

PACKAGE = Path(policykg.__file__).parent
CLI = PACKAGE / "cli"

def module_name(path: Path) -> str:
    """``policykg/graph/model.py`` → ``policykg.graph.model``; a package's ``__init__.py`` → the package."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def library_files() -> list[Path]:
    """Every Python file of the package outside ``policykg/cli/``."""
    return sorted(path for path in PACKAGE.rglob("*.py") if CLI not in path.parents)


def test_the_library_is_every_package_but_cli() -> None:
    names = {module_name(path) for path in library_files()}
    assert {"policykg.graph.model", "policykg.export.publish", "policykg.viz", "policykg.queries", "policykg.tracker",
            "policykg.fetch", "policykg.settings", "policykg.iris", "policykg.loaders.pdf"} <= names
    assert not any(name.startswith("policykg.cli") for name in names)
    assert not (PACKAGE / "workspace.py").exists() and not (PACKAGE / "cli.py").exists()


# Imports each library module in turn in one fresh interpreter.  After each one it lists the modules of
# policykg.cli (and the old policykg.workspace) that have appeared in sys.modules, and every import of
# click made by a policykg module: the first library module to pull one in is named.  click itself may
# be loaded by a third-party library (httpx imports it for its own command line when it is installed),
# so for click the probe records who imported it rather than whether it is loaded.
_PROBE = """
import builtins, importlib, json, sys
forbidden, names = {forbidden!r}, {names!r}
clicks = []
original_import = builtins.__import__

def watching_import(name, globals=None, locals=None, fromlist=(), level=0):
    importer = (globals or {{}}).get("__name__", "")
    if level == 0 and (name == "click" or name.startswith("click.")) and importer.startswith("policykg"):
        clicks.append(importer)
    return original_import(name, globals, locals, fromlist, level)

builtins.__import__ = watching_import
found = {{}}
for name in names:
    importlib.import_module(name)
    loaded = sorted(m for m in sys.modules if any(m == f or m.startswith(f + ".") for f in forbidden))
    if loaded or clicks:
        found[name] = sorted(set(loaded + [f"click (imported by {{who}})" for who in clicks]))
        break
print(json.dumps(found))
"""


def probe(names: list[str]) -> dict[str, list[str]]:
    """What importing ``names`` in turn (in a fresh interpreter) pulled in of the command line, by the first that did."""
    code = _PROBE.format(forbidden=("policykg.cli", "policykg.workspace"), names=names)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def test_no_library_module_imports_the_command_line() -> None:
    assert probe([module_name(path) for path in library_files()]) == {}


def test_most_of_the_library_leaves_click_unloaded() -> None:
    """Without httpx (only :mod:`policykg.fetch` needs it), importing the library does not load click at all."""
    names = [module_name(path) for path in library_files() if module_name(path) != "policykg.fetch"]
    code = ("import importlib, sys\n"
            f"for name in {names!r}:\n"
            "    importlib.import_module(name)\n"
            "print(sorted(m for m in sys.modules if m == 'click' or m.startswith(('click.', 'httpx', 'policykg.cli'))))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_the_probe_sees_the_command_line_when_it_is_imported() -> None:
    """Paired with the tests above: the same probe, given the cli package, does see it and its imports of click."""
    found = probe(["policykg.cli"])["policykg.cli"]
    assert "policykg.cli.main" in found and "click (imported by policykg.cli.main)" in found


def test_no_library_file_imports_click() -> None:
    offenders = [str(path.relative_to(PACKAGE)) for path in library_files()
                 if "import click" in path.read_text(encoding="utf-8") or "from click" in path.read_text(encoding="utf-8")]
    assert offenders == []
    cli_files = [path.name for path in sorted(CLI.glob("*.py")) if "import click" in path.read_text(encoding="utf-8")]
    assert {"main.py", "export.py", "viz.py", "workspace.py"} <= set(cli_files)


def test_python_dash_m_runs_the_command() -> None:
    result = subprocess.run([sys.executable, "-m", "policykg.cli", "--version"], capture_output=True, text=True, check=True)
    assert result.stdout.startswith("policykg ")


# ---------------------------------------------------------------------------- graph/ and ontology/: one direction only

GRAPH = PACKAGE / "graph"

# Imports every module of policykg.graph and policykg.loaders (which graph/ reads documents with) in a fresh
# interpreter in which policykg.ontology cannot be imported (a finder refuses it): any import of ontology/
# by them, direct or through another module, fails.  The package's __init__ (the public API, which
# gathers every layer) is not run: the package is entered as a bare namespace.
_WITHOUT_ONTOLOGY = """
import importlib, importlib.abc, importlib.util, sys

class NoOntology(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "policykg.ontology" or name.startswith("policykg.ontology."):
            raise ImportError(f"blocked: {{name}}")
        return None

sys.meta_path.insert(0, NoOntology())
spec = importlib.util.spec_from_file_location("policykg", {init!r}, submodule_search_locations=[{package!r}])
sys.modules["policykg"] = importlib.util.module_from_spec(spec)
for name in {names!r}:
    importlib.import_module(name)
print("ok")
"""


def without_ontology(names: list[str]) -> subprocess.CompletedProcess:
    """Import ``names`` in a fresh interpreter that refuses to import ``policykg.ontology``."""
    code = _WITHOUT_ONTOLOGY.format(init=str(PACKAGE / "__init__.py"), package=str(PACKAGE), names=names)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)


def test_graph_imports_nothing_of_ontology() -> None:
    """ontology/ maps the graph to RDF (it imports graph/); graph/ takes its IRIs from policykg.iris: no cycle."""
    modules = sorted([*GRAPH.glob("*.py"), *(PACKAGE / "loaders").glob("*.py")])
    result = without_ontology([module_name(path) for path in modules])
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_the_ontology_blocker_blocks() -> None:
    """Paired with the test above: ontology/ does import graph/ (rdf.py), and the blocker refuses ontology/."""
    result = without_ontology(["policykg.graph.model", "policykg.ontology.rdf"])
    assert result.returncode != 0 and "blocked: policykg.ontology" in result.stderr
    assert "from policykg.graph" in (PACKAGE / "ontology" / "rdf.py").read_text(encoding="utf-8")


def test_no_graph_or_loader_file_names_ontology() -> None:
    """Also imports made inside functions, which importing the modules does not run."""
    files = sorted([*GRAPH.glob("*.py"), *(PACKAGE / "loaders").glob("*.py")])
    offenders = [path.name for path in files if "policykg.ontology" in path.read_text(encoding="utf-8")]
    assert offenders == []


# ---------------------------------------------------------------------------- query engines: one registry


def click_choices(command: object, option: str) -> tuple[str, ...]:
    """The choices of ``option`` of a click command."""
    (parameter,) = [p for p in command.params if p.name == option]  # type: ignore[attr-defined]
    return tuple(parameter.type.choices)


def test_engine_choices_come_from_the_registry() -> None:
    from policykg.cli import cli
    from policykg.queries import ENGINES, STORES, engine_choices

    user_engines = tuple(name for name, spec in ENGINES.items() if spec.store_of is None)
    assert click_choices(cli.commands["query"].commands["run"], "engine") == engine_choices() == user_engines  # type: ignore[attr-defined]
    cypher_engines = tuple(name for name in user_engines if ENGINES[name].language == "cypher")
    assert click_choices(cli.commands["cypher"], "engine") == engine_choices("cypher") == cypher_engines  # type: ignore[attr-defined]
    assert click_choices(cli.commands["sparql"], "store") == STORES == ("auto", *(s.store for s in ENGINES.values() if s.store))  # type: ignore[attr-defined]
    assert set(user_engines) < set(ENGINES)  # the registry also holds stores, which are not offered as engines


def test_every_registered_engine_has_what_the_registry_says() -> None:
    from policykg.queries import ENGINES

    for name, spec in ENGINES.items():
        engine = spec.load()
        assert engine.language == spec.language, name
        assert callable(engine.run) and callable(engine.close), name
        assert callable(getattr(engine, "create", None)) == spec.persistent, name
        assert callable(getattr(engine, "open", None)) == spec.persistent, name
        assert spec.store_of is None or ENGINES[spec.store_of].language == spec.language, name


def test_no_cli_module_tests_an_engine_name() -> None:
    """The command line asks the registry (needs_graph, persistent, stores) instead of naming engines."""
    for path in sorted(CLI.glob("*.py")):
        text = path.read_text(encoding="utf-8")
        for name in ("neo4j", "sparql", "cypher", "oxigraph"):
            assert f'engine == "{name}"' not in text and f'name == "{name}"' not in text, (path.name, name)


def test_iris_and_values_live_in_one_place_only() -> None:
    """``policykg.iris`` and ``policykg.values`` are the only homes of IRIs and value checks: the old
    re-exports under ``ontology/`` are gone, and no file of the project imports from there."""
    import importlib.util

    assert (PACKAGE / "iris.py").is_file() and (PACKAGE / "values.py").is_file()
    for name in ("iris", "values"):
        assert not (PACKAGE / "ontology" / f"{name}.py").exists()
        assert importlib.util.find_spec(f"policykg.ontology.{name}") is None
    root = PACKAGE.parent
    files = [*PACKAGE.rglob("*.py"), *(root / "tests").glob("*.py"), *(root / "benchmarks").glob("*.py"),
             *(path for path in (root / "scripts").iterdir() if path.is_file())]
    offenders = [str(path.relative_to(root)) for path in files
                 if any(old in path.read_text(encoding="utf-8", errors="replace") for old in ("ontology.iris", "ontology.values"))
                 and path.name != "test_layers.py"]
    assert offenders == []


# ---------------------------------------------------------------------------- one meaning per name

#: Public names defined in more than one module on purpose, each with the one meaning it has everywhere.
SHARED_NAMES = {
    "FORMAT": "each RDF writer module's description of its format (policykg/export/rdf/, gathered in RDF_FORMATS)",
    "MONTHS": "month name → number, in the date reader of loaders/ and in graph/deadlines.py",
    "OGL": "the Open Government Licence v3's IRI",
    "log": "the module's logger",
    "to_csv": "rows as CSV text (tracker rows, query rows)",
    "to_json": "rows as JSON text (tracker rows, query rows)",
    "to_table": "rows as an aligned text table (tracker rows, query rows)",
}


def public_names() -> dict[str, list[str]]:
    """Each public name defined at the top level of a module of the package → the modules defining it."""
    import ast

    found: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                names = [node.name]
            elif isinstance(node, ast.Assign):
                names = [target.id for target in node.targets if isinstance(target, ast.Name)]
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                names = [node.target.id]
            else:
                names = []
            for name in names:
                if not name.startswith("_") and name != "main":
                    found.setdefault(name, []).append(module_name(path))
    return found


def test_each_public_name_means_one_thing() -> None:
    """No two modules define the same public name for different things (two WRITERS, two new_graph, three FORMATS ...);
    the few shared on purpose are listed with their one meaning."""
    names = public_names()
    shared = {name for name, modules in names.items() if len(modules) > 1}
    assert shared == set(SHARED_NAMES), {name: names[name] for name in shared ^ set(SHARED_NAMES)}
    for gone in ("WRITERS", "SUFFIXES", "DEFAULT_GRAPH", "FORMATS", "new_graph", "ntriples_lines", "PREFIXES", "Settings"):
        assert len(names.get(gone, [])) <= 1, gone
    figures = sorted(str(path.relative_to(PACKAGE)) for path in PACKAGE.rglob("figures.py"))
    assert figures == ["graph/figures.py"]  # the numbers found in text; the static charts are viz/static_figure.py
