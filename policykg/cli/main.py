"""The ``policykg`` command: a thin layer over the library.

Every command that needs a graph reads the one ``policykg build`` wrote
(``policykg-out/graph.json`` by default, or ``--graph``/``POLICYKG_GRAPH``); if
there is none it builds the packaged seed document in memory, so every command
works on a fresh install.
"""

from __future__ import annotations

import json
import os
import re
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import click

from policykg.cli.workspace import DEFAULT_OUT, graph_option, note, open_graph, open_query_engine, source_paths
from policykg.errors import PolicyKGError, QueryError
from policykg.export import FORMAT_CHOICES
from policykg.queries.engines import STORES, engine_choices


class _Group(click.Group):
    """Runs each command under the settings of the environment (checked once, here) with the
    garbage collector's pauses allowed (the command owns the process), and turns user errors into
    one line on stderr and exit code 1 (no traceback)."""

    def invoke(self, ctx: click.Context) -> Any:
        from policykg.graph.model import gc_pauses_allowed
        from policykg.settings import Settings, using

        try:
            with using(Settings.from_env()), gc_pauses_allowed():
                return super().invoke(ctx)
        except PolicyKGError as exc:
            click.echo(f"policykg: error: {exc}", err=True)
            sys.exit(1)
        except OSError as exc:  # disk full, permission denied, ...
            where = f"{exc.filename}: " if exc.filename else ""
            click.echo(f"policykg: error: {where}{exc.strerror or exc}", err=True)
            sys.exit(1)


def _print_version(context: click.Context, _parameter: click.Parameter, wanted: bool) -> None:
    if not wanted or context.resilient_parsing:
        return
    from importlib.metadata import version

    from policykg.graph.pipeline import compiled_modules  # here, not at the top: it imports the whole extractor

    kind = "extractor compiled with mypyc" if compiled_modules() else "pure Python"
    click.echo(f"policykg {version('policykg')} ({kind})")
    context.exit()


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_print_version,
              help="Show the version, and whether the extractor is compiled, and exit.")
def cli() -> None:
    """policykg: a knowledge graph of public policy.

    Recommendations, government responses, commitments with deadlines, and the
    bodies, bills and programmes behind them; every fact traceable to the
    paragraph it came from.

    \b
    Start here:
      policykg build                 build the graph from the packaged seed document
      policykg build docs/           ... or from your own GOV.UK text/HTML/JSON, PDF or Word files
      policykg stats                 what the graph holds
      policykg validate              check it against the SHACL shapes
      policykg query run recommendations   canned questions (`policykg query list`)
      policykg explore --open        the recommendation tracker, bodies and timeline in your browser
      policykg viz --open            the interactive graph in your browser
      policykg timeline              commitments on a time axis, past-due ones flagged
      policykg track                 each recommendation's status in every document that responds to it
      policykg export -f turtle      RDF (turtle, jsonld, ntriples, nquads, trig, rdfxml), graphml, gexf, csv
      policykg publish               a folder ready for an open data portal (DCAT, VoID, checksums)
      policykg serve                 a read-only SPARQL endpoint on 127.0.0.1:3030
    """


@cli.command()
@click.argument("sources", nargs=-1, type=click.Path())
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False), default=str(DEFAULT_OUT), show_default=True,
              help="Folder for graph.json (read by later commands) and graph.ttl.")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=None,
              help="Extract documents in N parallel processes.  [default: one per CPU core; 1 for a single document]")
@click.option("--cache/--no-cache", default=True, show_default=True,
              help="Reuse the graphs of unchanged documents (kept in OUT/cache, keyed by content hash); "
                   "with nothing changed since the last build, leave its files as they are.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@click.option("-k", "--keep-going", is_flag=True,
              help="Leave out documents that cannot be read or extracted, and list them at the end (default: stop at the first).")
def build(sources: tuple[str, ...], out_dir: str, jobs: int | None, cache: bool, quiet: bool, keep_going: bool) -> None:
    """Build the graph from SOURCES (files or folders of .txt/.html; none: the packaged seed).

    A document that cannot be read or extracted stops the build with one line naming it, and
    nothing is written; with --keep-going the graph of the other documents is written and the
    left-out ones are listed at the end (exit status 0; the build is not remembered as up to date).

    \b
    Examples:
      policykg build
      policykg build progress-update.txt response.html -o out/
      policykg build corpus/ --keep-going
    """
    from policykg.workflows import build_folder

    out = Path(out_dir)
    paths = source_paths(list(sources))
    with ExitStack() as progress_bar:  # shown while documents are extracted, closed before the first message
        bars = []

        def start(count: int) -> None:
            bars.append(progress_bar.enter_context(click.progressbar(length=count, label="Extracting documents", file=sys.stderr,
                                                                     hidden=quiet or count < 2)))

        def tell(line: str) -> None:
            progress_bar.close()
            note(line)

        result = build_folder(paths, out, jobs=jobs or _cpu_cores(), cache=cache, keep_going=keep_going,
                              started=start, progress=lambda _: bars[0].update(1), messages=None if quiet else tell)
    if result.unchanged:
        if not quiet:
            note(f"policykg: no document changed since the last build; {result.graph_file} and graph.ttl are up to date "
                 "(--no-cache builds anew)")
            click.echo(result.summary)
        return
    if not quiet:
        click.echo(result.summary)
        click.echo(f"\nWrote {result.graph_file} and {result.turtle_file}")
    for error in result.report.failed:
        note(f"policykg: left out: {error}")
    if result.report.failed:
        note(f"policykg: {len(result.report.failed)} of {result.report.documents} document(s) left out (--keep-going); "
             "the graph holds the others")


@cli.command("fetch")
@click.argument("urls", nargs=-1, required=True, metavar="URL...")
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False), default="sources", show_default=True,
              help="Folder for the saved JSON (and PDFs) and manifest.json; `policykg build` reads it.")
@click.option("--base-url", default="https://www.gov.uk", show_default=True, metavar="URL",
              help="Where GOV.UK's Content API is served: a mirror or a local server stands in for www.gov.uk.")
@click.option("--attachments", is_flag=True, help="Also download the PDF attachments the pages list (saved beside them).")
@click.option("--timeout", type=click.FloatRange(0.1), default=30, show_default=True, help="Seconds to wait for an answer.")
@click.option("--retries", type=click.IntRange(0, 10), default=3, show_default=True, help="Retries on 429, 5xx and timeouts.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@click.option("-v", "--verbose", is_flag=True,
              help="One line per URL (fetched, unchanged, skipped) instead of the progress bar; the default when stderr is no terminal.")
def fetch_command(urls: tuple[str, ...], out_dir: str, base_url: str, attachments: bool, timeout: float, retries: int,
                  quiet: bool, verbose: bool) -> None:
    """Fetch GOV.UK pages (through the Content API) and Parliament's written questions and statements.

    A publication's HTML publications are fetched with it.  A second fetch asks only for what
    changed (ETag / Last-Modified from OUT/manifest.json): unchanged pages are not downloaded.
    On a terminal a progress bar counts the URLs; otherwise (or with -v) each URL gets a line
    starting "fetched", "unchanged" or "skipped".  The last line counts them all.

    \b
    Examples:
      policykg fetch https://www.gov.uk/government/publications/tackling-child-sexual-abuse-progress-update
      policykg fetch https://questions-statements-api.parliament.uk/api/writtenquestions/questions/1679416
      policykg build sources/
    """
    from policykg.fetch import Client, fetch

    stderr = sys.stderr  # click.testing.CliRunner swaps it too
    bar = not quiet and not verbose and _is_terminal(stderr)
    with Client(timeout=timeout, retries=retries) as client:
        if bar:
            with click.progressbar(length=len(urls), label="Fetching", file=stderr, show_pos=True, item_show_func=_short_url) as progress:
                report = fetch(list(urls), out_dir, base_url=base_url, attachments=attachments, client=client,
                               done=lambda url: progress.update(1, url))
        else:
            report = fetch(list(urls), out_dir, base_url=base_url, attachments=attachments, client=client,
                           progress=None if quiet else note)
    if len(report.failed) == 1 and len(urls) == 1:
        raise report.failed[0]
    for error in report.failed:
        click.echo(f"policykg: error: {error}", err=True)
    if not quiet:
        note(f"policykg: {report.summary()}; {len(report.written)} file(s) written in {out_dir}")
    if report.failed:
        raise PolicyKGError(f"{len(report.failed)} URL(s) could not be fetched; the others were saved in {out_dir}")


def _is_terminal(stream: Any) -> bool:
    """Whether a stream is a terminal (a progress bar there; lines for a file, pipe or test runner)."""
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False


def _short_url(url: str | None) -> str:
    """The end of the URL just done, short enough for the bar's line."""
    if not url:
        return ""
    return url if len(url) <= 50 else "..." + url[-47:]


def _cpu_cores() -> int:
    """CPU cores this process may run on (fewer than the machine's under a container or taskset)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@cli.command()
@graph_option
@click.option("--json", "as_json", is_flag=True, help="Print counts as JSON.")
def stats(graph_path: str | None, as_json: bool) -> None:
    """Count nodes per type and edges per relation."""
    from policykg.graph.model import count_by_relation, count_by_type
    from policykg.workflows import graph_summary

    graph = open_graph(graph_path)
    if as_json:
        click.echo(json.dumps({"nodes": count_by_type(graph), "edges": count_by_relation(graph)}, indent=2))
    else:
        click.echo(graph_summary(graph))


@cli.command("validate")
@click.argument("folder", required=False, type=click.Path(exists=True, file_okay=False))
@graph_option
@click.option("--no-shacl", is_flag=True, help="With FOLDER: skip the SHACL check of the data (the slowest check).")
@click.option("-v", "--verbose", is_flag=True, help="With FOLDER: also list the checks that passed.")
def validate_command(folder: str | None, graph_path: str | None, no_shacl: bool, verbose: bool) -> None:
    """Check the graph against the SHACL shapes; exit 1 listing each violation.

    Given FOLDER (written by `policykg publish`), check that publication instead: every file
    parses, checksums match, SHACL conforms, the catalogue lists every file.
    """
    if folder:
        from policykg.cli.export import validate_publication_folder

        validate_publication_folder(folder, shacl=not no_shacl, verbose=verbose)
        return
    from policykg.ontology.rdf import to_rdf
    from policykg.ontology.validate import duration_note, too_big_for_shacl
    from policykg.ontology.validate import validate as shacl_validate
    from policykg.queries import estimated_triples

    graph = open_graph(graph_path)
    triples = estimated_triples(graph)
    if reason := too_big_for_shacl(triples):
        raise PolicyKGError(f"{reason}: validate a graph of fewer documents, or on a machine with more memory")
    if line := duration_note(triples):
        note(line)
    report = shacl_validate(to_rdf(graph), in_place=True)  # the RDF is made only to be checked
    if report.conforms:
        click.echo("The graph conforms to the policykg shapes.")
        return
    for line in report.violations:
        click.echo(f"violation: {line}")
    click.echo(f"{len(report.violations)} violation(s)", err=True)
    sys.exit(1)


@cli.command("export")
@graph_option
@click.option("-f", "--format", "format_", required=True,
              type=click.Choice(FORMAT_CHOICES), help="Output format.")
@click.option("-o", "--output", type=click.Path(),
              help="Output file, or folder for csv [default: policykg-out/graph.<suffix>; csv: policykg-out/graph-csv].")
def export_command(graph_path: str | None, format_: str, output: str | None) -> None:
    """Write the graph as RDF, GraphML, GEXF, CSV or for Neo4j (byte-identical for the same input).

    \b
    Examples:
      policykg export -f turtle -o graph.ttl
      policykg export -f csv -o graph-csv/
      policykg export -f cypher -o graph.cypher          # then: cypher-shell -f graph.cypher
      policykg export -f neo4j-csv -o import/            # then: the command in import/import-command.txt
    """
    from policykg.export import export_format

    chosen = export_format(format_)
    path = Path(output) if output else DEFAULT_OUT / f"graph{chosen.suffix}"
    chosen.write(open_graph(graph_path), path)
    click.echo(f"Wrote {path}", err=True)


# ---------------------------------------------------------------------------- queries


def _parse_params(pairs: tuple[str, ...]) -> dict[str, str]:
    params = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise PolicyKGError(f"parameter {pair!r} must look like key=value")
        params[key.strip()] = value
    return params


def _literal_param(value: str) -> object:
    """Type an ad hoc parameter by its form: 13 → int, 2026-01-01 → date, else text.

    A date-shaped value that is no date (2025-02-31) is refused, as is an integer beyond 64 bits
    (by the engines): the same one line on every engine.
    """
    from policykg.values import iso_date

    if re.fullmatch(r"-?[0-9]+", value):
        return int(value)
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        try:
            return iso_date(value)
        except ValueError as exc:
            raise QueryError(f"parameter value {exc}") from None
    return value


def _emit(columns: list[str], records: list[dict], format_: str | None, output: str | None) -> None:
    from policykg.atomic import atomic_write_text
    from policykg.queries.results import RESULT_FORMATS

    if format_ is None:
        format_ = "table" if (output is None and sys.stdout.isatty()) else "json"
    text = RESULT_FORMATS[format_](columns, records)
    if output:
        atomic_write_text(Path(output), text if text.endswith("\n") else text + "\n")
        click.echo(f"Wrote {len(records)} row(s) to {output}", err=True)
    else:
        click.echo(text.rstrip("\n"))


param_option = click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE",
                            help="A query parameter (repeatable); bound, never pasted into the query.")
format_option = click.option("--format", "format_", type=click.Choice(["table", "csv", "json", "jsonl"]),
                             help="Output format [default: table in a terminal, json when piped].")
output_option = click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the results to FILE.")


@cli.group()
def query() -> None:
    """The canned query catalogue: the same questions in SPARQL and Cypher, same answers on every engine.

    \b
    Examples:
      policykg query list
      policykg query show due
      policykg query run recommendation -p number=13
      policykg query run due -p as_of=2026-01-01 --format csv -o due.csv
      policykg query run commitments -p organisation=Ofsted --engine cypher
    """


@query.command("list")
def query_list() -> None:
    """List the canned queries with their parameters."""
    from policykg.queries import load_catalogue

    for name, canned in load_catalogue().items():
        params = " ".join(f"[{p.name}]" if not p.required else p.name for p in canned.parameters)
        click.echo(f"{name:<16}{canned.title}" + (f"  (-p {params})" if params else ""))
        click.echo(f"{'':<16}{canned.description}")


@query.command("show")
@click.argument("name")
def query_show(name: str) -> None:
    """Print both texts (SPARQL and Cypher) of the canned query NAME."""
    from policykg.queries import get_query

    canned = get_query(name)
    for language, text in sorted(canned.texts.items(), reverse=True):
        click.echo(f"==> {name} ({language})\n{text.rstrip()}\n")


store_option = click.option(
    "--store", type=click.Choice(STORES), default="auto", show_default=True,
    help="SPARQL store: rdflib, or Oxigraph (10-40x faster on big graphs); auto picks Oxigraph above ~200,000 triples. "
         "On such a graph the store (like LadybugDB for Cypher) is kept beside the graph file, in cache/, for the next query.")


@query.command("run")
@click.argument("name")
@param_option
@click.option("--engine", type=click.Choice(engine_choices()), default="sparql", show_default=True,
              help="sparql: rdflib; cypher: embedded LadybugDB; neo4j: the server in NEO4J_URI (load it with `policykg neo4j load`).")
@store_option
@format_option
@output_option
@graph_option
def query_run(name: str, params: tuple[str, ...], engine: str, store: str, format_: str | None, output: str | None,
              graph_path: str | None) -> None:
    """Run the canned query NAME (see `policykg query list`).

    \b
    Example:
      policykg query run due -p as_of=2026-01-01 -p within_days=90
    """
    from policykg.queries import get_query, run_canned

    canned = get_query(name)
    opened = open_query_engine(graph_path, engine, store)
    try:
        records = run_canned(opened, canned, _parse_params(params))
    finally:
        opened.close()
    _emit(canned.columns, records, format_, output)


def _read_query(text_or_file: str) -> str:
    if text_or_file == "-":
        return sys.stdin.read()
    path = Path(text_or_file)
    if len(text_or_file) < 4096 and "\n" not in text_or_file and path.is_file():
        return path.read_text(encoding="utf-8")
    return text_or_file


def _run_adhoc(engine_name: str, text: str, params: tuple[str, ...], format_: str | None, output: str | None,
               graph_path: str | None, store: str = "auto") -> None:
    from policykg.queries.results import normalise

    typed = {key: _literal_param(value) for key, value in _parse_params(params).items()}
    opened = open_query_engine(graph_path, engine_name, store)
    try:
        columns, rows = opened.run(text, typed)
    finally:
        opened.close()
    _emit(columns, normalise(columns, rows), format_, output)


@cli.command()
@click.argument("query_or_file")
@param_option
@store_option
@format_option
@output_option
@graph_option
def sparql(query_or_file: str, params: tuple[str, ...], store: str, format_: str | None, output: str | None, graph_path: str | None) -> None:
    """Run your own SPARQL SELECT (text, file, or - for stdin) with rdflib or Oxigraph.

    Parameter -p name=value is bound to the variable ?_name. With Oxigraph a
    parameter must also be in the SELECT list (its column is dropped from the
    output); the error says so if it is not.

    \b
    Example:
      policykg sparql 'PREFIX pkg: <https://w3id.org/policykg/ontology#>
        SELECT ?title WHERE { ?r pkg:number ?_n ; <http://purl.org/dc/terms/title> ?title }' -p n=13
    """
    _run_adhoc("sparql", _read_query(query_or_file), params, format_, output, graph_path, store)


@cli.command()
@click.argument("query_or_file")
@param_option
@click.option("--engine", type=click.Choice(engine_choices("cypher")), default="cypher", show_default=True,
              help="cypher: embedded LadybugDB over the graph; neo4j: the server in NEO4J_URI.")
@format_option
@output_option
@graph_option
def cypher(query_or_file: str, params: tuple[str, ...], engine: str, format_: str | None, output: str | None, graph_path: str | None) -> None:
    """Run your own Cypher (text, file, or - for stdin); parameters are $name.

    \b
    Example:
      policykg cypher 'MATCH (r:Recommendation {number: $n}) RETURN r.title AS title' -p n=13
    """
    _run_adhoc(engine, _read_query(query_or_file), params, format_, output, graph_path)


# ---------------------------------------------------------------------------- neo4j


@cli.group()
def neo4j() -> None:
    """Load the graph into a Neo4j server and run scripts there.

    Connection settings come from options or the environment: NEO4J_URI (default
    bolt://127.0.0.1:7687; neo4j:// and neo4j+s:// routing URIs work for clusters and Aura),
    NEO4J_USER (neo4j), NEO4J_PASSWORD, NEO4J_DATABASE. The password is never printed.
    For a local server: `scripts/neo4j-server start`.
    """


@neo4j.command("load")
@graph_option
@click.option("--uri", envvar="NEO4J_URI", help="Bolt or neo4j URI [env NEO4J_URI; default bolt://127.0.0.1:7687].")
@click.option("--user", envvar="NEO4J_USER", help="User [env NEO4J_USER; default neo4j].")
@click.option("--database", envvar="NEO4J_DATABASE", help="Database [env NEO4J_DATABASE; default: the server's default].")
@click.option("--wipe", is_flag=True, help="First delete what policykg loaded before (nodes labelled PolicyKG), nothing else.")
@click.option("--batch-size", type=click.IntRange(1, 100_000), default=1000, show_default=True, help="Rows per transaction.")
def neo4j_load(graph_path: str | None, uri: str | None, user: str | None, database: str | None, wipe: bool, batch_size: int) -> None:
    """Load the graph: constraints and indexes, then nodes and relationships in batches (idempotent).

    \b
    Example:
      NEO4J_PASSWORD=... policykg neo4j load --wipe
    """
    from policykg.queries.neo4j import load_neo4j

    graph = open_graph(graph_path)
    total = graph.number_of_nodes() + graph.number_of_edges()
    with click.progressbar(length=total, label="Loading into Neo4j", file=sys.stderr) as bar:
        counts = load_neo4j(graph, uri=uri, user=user, database=database, wipe=wipe, batch_size=batch_size,
                            progress=lambda kind, n: bar.update(n))
    summary = ", ".join(f"{key} {value}" for key, value in counts.items() if not isinstance(value, float))
    click.echo(f"Loaded: {summary}")


@neo4j.command("run-script")
@click.argument("script", type=click.Path(exists=True, dir_okay=False))
@click.option("--uri", envvar="NEO4J_URI", help="Bolt or neo4j URI [env NEO4J_URI].")
@click.option("--user", envvar="NEO4J_USER", help="User [env NEO4J_USER].")
@click.option("--database", envvar="NEO4J_DATABASE", help="Database [env NEO4J_DATABASE].")
def neo4j_run_script(script: str, uri: str | None, user: str | None, database: str | None) -> None:
    """Run a script written by `policykg export -f cypher`, as cypher-shell -f would (no cypher-shell needed)."""
    from policykg.export.neo4j import execute_cypher_script

    execute_cypher_script(script, uri=uri, user=user, database=database)
    click.echo(f"Ran {script}")


# ---------------------------------------------------------------------------- triple stores and benchmarks


@cli.command()
@graph_option
@click.option("--sparql-graph-store", "endpoint", required=True, metavar="URL", envvar="POLICYKG_GRAPH_STORE",
              help="SPARQL 1.1 Graph Store endpoint, e.g. http://127.0.0.1:3330/ds (scripts/fuseki-server).")
@click.option("--graph-iri", metavar="IRI", help="Named graph to replace [default: https://w3id.org/policykg/id/dataset]; 'default' for the default graph.")
@click.option("--chunk", type=click.IntRange(1), default=50_000, show_default=True, help="Triples per request.")
@click.option("--retries", type=click.IntRange(0), default=3, show_default=True, help="Retries per request on connection errors and 5xx.")
@click.option("--timeout", type=float, default=60, show_default=True, help="Seconds per request.")
@click.option("--user", envvar="POLICYKG_GRAPH_STORE_USER", help="HTTP Basic user; the password comes from POLICYKG_GRAPH_STORE_PASSWORD.")
def push(graph_path: str | None, endpoint: str, graph_iri: str | None, chunk: int, retries: int, timeout: float, user: str | None) -> None:
    """Replace a named graph in a triple store with this graph (SPARQL 1.1 Graph Store HTTP Protocol).

    Works with Fuseki, GraphDB, Virtuoso, Oxigraph server and others; idempotent per named graph.
    Credentials in the URL (http://user:password@host/ds) are sent as HTTP Basic authentication
    and never printed; --user (with POLICYKG_GRAPH_STORE_PASSWORD) takes precedence.

    \b
    Example:
      policykg push --sparql-graph-store http://127.0.0.1:3330/ds
    """
    import os

    from policykg.export.push import push_graph_store

    auth = (user, os.environ.get("POLICYKG_GRAPH_STORE_PASSWORD", "")) if user else None
    result = push_graph_store(open_graph(graph_path), endpoint, graph_iri=graph_iri, chunk_triples=chunk,
                              retries=retries, timeout=timeout, auth=auth)
    click.echo(result.summary(), err=True)


def _benchmark(name: str):
    """A module of the source checkout's benchmarks/ folder (not installed with the package)."""
    import importlib.util

    path = Path(__file__).resolve().parents[2] / "benchmarks" / f"{name}.py"
    if not path.is_file():
        raise PolicyKGError(f"{path} not found: `policykg bench` needs a source checkout (pip install -e .)")
    spec = importlib.util.spec_from_file_location(f"policykg_benchmarks_{name}", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@cli.group()
def bench() -> None:
    """Synthetic corpora and benchmarks (source checkout only; figures print, nothing is asserted)."""


@bench.command("corpus")
@click.option("--docs", type=click.IntRange(1), default=10, show_default=True, help="How many documents.")
@click.option("--seed", type=int, default=1, show_default=True, help="Random seed: the same seed gives the same files.")
@click.option("--prose", type=click.FloatRange(0), default=None,
              help="Plain-prose paragraphs per fact paragraph [default: 2, the seed's density of facts; "
                   "0: every paragraph states facts].")
@click.option("-o", "--out", required=True, type=click.Path(file_okay=False), help="Folder for the documents and manifest.json.")
def bench_corpus(docs: int, seed: int, prose: float | None, out: str) -> None:
    """Write DOCS synthetic GOV.UK documents and manifest.json (what each one plants) to OUT.

    \b
    Example:
      policykg bench corpus --docs 100 -o corpus/ && policykg build corpus/ --jobs 2
    """
    extra = [] if prose is None else ["--prose", str(prose)]
    sys.exit(_benchmark("corpus").main(["--docs", str(docs), "--seed", str(seed), *extra, "-o", out]))


@bench.command("build", context_settings={"ignore_unknown_options": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def bench_build(args: tuple[str, ...]) -> None:
    """Time load + build on 1/10/100 (--full: 1,000) synthetic documents; prints per-document time and memory."""
    sys.exit(_benchmark("bench_build").main(list(args)))


@cli.command()
@graph_option
@click.option("--inquiry", metavar="NAME", help="Only this inquiry's recommendations (its name or an alias, any case).")
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD", help="Only documents published by this date; the status as of then.")
@click.option("--format", "format_", type=click.Choice(["table", "csv", "json", "markdown", "html"]),
              help="Output format [default: table in a terminal, json when piped; html for an -o FILE ending .html].")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the tracker to FILE.")
def track(graph_path: str | None, inquiry: str | None, as_of: str | None, format_: str | None, output: str | None) -> None:
    """The recommendation tracker: one row per recommendation, one column per responding document.

    Each cell is the status that document states (with its quote in the json and html formats),
    then the current status (that of the latest response with a status) and the follow-through
    of the commitments answering it: how many are delivered, in progress, re-dated, dropped,
    silent (past due, never mentioned again) or pending, by --as-of (else today).

    \b
      policykg track --inquiry IICSA
      policykg track --as-of 2025-01-01 --format csv
      policykg track -o tracker.html      an offline page linking every cell to its quote
    """
    from policykg.atomic import atomic_write_text
    from policykg.tracker import render, tracker

    matrix = tracker(open_graph(graph_path), inquiry=inquiry, as_of=as_of)
    if format_ is None:
        if output is not None and output.lower().endswith((".html", ".htm")):
            format_ = "html"
        else:
            format_ = "table" if (output is None and sys.stdout.isatty()) else "json"
    text = render(matrix, format_)
    if output:
        atomic_write_text(Path(output), text)
        click.echo(f"Wrote {len(matrix.rows)} recommendation(s) and {len(matrix.columns)} document(s) to {output}", err=True)
    else:
        click.echo(text, nl=False)


# Command groups that live beside their library (each module is a thin click layer).
from policykg.cli.export import publish_command, serve_command, validate_publication_command  # noqa: E402
from policykg.cli.viz import explore, timeline, viz  # noqa: E402

for command in (viz, explore, timeline, publish_command, validate_publication_command, serve_command):
    cli.add_command(command)


def main() -> None:
    cli(prog_name="policykg")


if __name__ == "__main__":
    main()
