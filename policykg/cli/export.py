"""``policykg publish``, ``policykg validate-publication`` and ``policykg serve``: the command-line face of
:mod:`policykg.export.publish`, :mod:`policykg.export.publication_check` and :mod:`policykg.queries.endpoint`.

Registered by :mod:`policykg.cli.main` with ``cli.add_command(...)``; user errors are
:class:`~policykg.errors.PolicyKGError`, which the main command prints as one line.
"""

from __future__ import annotations

import ipaddress
import sys
from datetime import date
from pathlib import Path

import click

from policykg.cli.workspace import DEFAULT_OUT, graph_option, note, open_graph
from policykg.errors import PolicyKGError


@click.command("publish")
@click.argument("folder", type=click.Path(file_okay=False), default=str(DEFAULT_OUT / "publication"), required=False)
@graph_option
@click.option("--base-url", metavar="URL",
              help="Where the folder will be served, e.g. https://data.example.org/policykg/ (download URLs become absolute) "
                   "[default: URLs relative to the folder].")
@click.option("--issued", type=click.DateTime(["%Y-%m-%d"]), help="Publication date [default: that of the newest source document].")
@click.option("--publisher", metavar="NAME", help="Publisher's name for the catalogue [default: policykg].")
@click.option("--publisher-url", metavar="URL", help="Publisher's IRI (a web page or identifier).")
@click.option("--check/--no-check", default=True, show_default=True, help="Validate the folder once written.")
def publish_command(folder: str, graph_path: str | None, base_url: str | None, issued, publisher: str | None,
                    publisher_url: str | None, check: bool) -> None:
    """Write FOLDER, ready to upload: the graph in every RDF format, its JSON-LD context,
    the ontology (Turtle and web page), SHACL shapes, a DCAT catalogue, a VoID description,
    a README and SHA256SUMS [default: policykg-out/publication].

    Byte-identical for the same graph: dates come from the source documents, not the clock.
    The folder is replaced atomically (only an empty folder or an earlier publication).

    \b
    Examples:
      policykg publish
      policykg publish site/data --base-url https://data.example.org/policykg/
    """
    from policykg.export.publication_check import validate_publication
    from policykg.export.publish import publish
    from policykg.ontology.validate import duration_note, too_big_for_shacl
    from policykg.queries import estimated_triples

    day: date | None = issued.date() if issued else None
    graph = open_graph(graph_path)
    path = publish(graph, folder, base_url=base_url, issued=day, publisher=publisher, publisher_url=publisher_url)
    files = sorted(p.name for p in path.iterdir())
    click.echo(f"Wrote {len(files)} files to {path}: {', '.join(files)}")
    if check:
        triples = estimated_triples(graph)
        shacl = (reason := too_big_for_shacl(triples)) is None
        if not shacl:
            note(f"policykg: not checking the data against shapes.ttl: {reason} (the other checks run)")
        elif line := duration_note(triples, "checking the publication: its data,"):
            note(f"{line} (--no-check skips the checks)")
        report = validate_publication(path, shacl=shacl)
        if not report.ok:
            _print_report(report)
            sys.exit(1)
        click.echo("Checked: every file parses, the checksums and the catalogue match"
                   + (", the data conforms to shapes.ttl." if shacl else "."))


def _print_report(report) -> None:
    for line in report.problems:
        click.echo(f"problem: {line}")
    click.echo(f"{len(report.problems)} problem(s) in {report.folder}", err=True)


def validate_publication_folder(folder: str | Path, *, shacl: bool = True, verbose: bool = False) -> None:
    """Check a publication folder once, print the outcome (with ``verbose``, each check that passed too),
    exit 1 on any problem (for ``policykg validate FOLDER`` too)."""
    from policykg.export.publication_check import validate_publication

    report = validate_publication(folder, shacl=shacl)
    if verbose:
        for line in report.passed:
            click.echo(f"ok: {line}")
    for line in report.notes:
        note(f"policykg: {line}")
    if not report.ok:
        _print_report(report)
        sys.exit(1)
    click.echo(f"{folder}: a valid publication ({len(report.passed)} checks passed).")


@click.command("validate-publication")
@click.argument("folder", type=click.Path(file_okay=False))
@click.option("--no-shacl", is_flag=True, help="Skip the SHACL validation of the data (the slowest check).")
@click.option("-v", "--verbose", is_flag=True, help="Also list the checks that passed.")
def validate_publication_command(folder: str, no_shacl: bool, verbose: bool) -> None:
    """Check a folder written by `policykg publish`: every file parses, checksums match SHA256SUMS
    and the catalogue, the catalogue lists exactly the files present, the data formats agree,
    the data conforms to shapes.ttl and the catalogue to the catalogue shapes. Exit 1 on any problem."""
    validate_publication_folder(folder, shacl=not no_shacl, verbose=verbose)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command("serve")
@graph_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0: every interface).")
@click.option("--port", type=click.IntRange(0, 65535), default=3030, show_default=True, help="Port (0: any free port).")
@click.option("--publication", type=click.Path(exists=True, file_okay=False),
              help="A folder written by `policykg publish`: its files are served at /files/..., and its graph.nt is the data "
                   "when no --graph is given.")
@click.option("--timeout", type=click.FloatRange(0.1, 3600), default=10.0, show_default=True,
              help="Seconds a request may take, waiting included (then 503 and the query is stopped).")
@click.option("--workers", type=click.IntRange(1, 64), default=4, show_default=True, help="Queries answered at once (one Oxigraph process each).")
@click.option("-q", "--quiet", is_flag=True, help="Do not log requests.")
def serve_command(graph_path: str | None, host: str, port: int, publication: str | None, timeout: float, workers: int, quiet: bool) -> None:
    """Serve the graph over SPARQL (read-only SPARQL 1.1 Protocol at /sparql, a query page at /).

    The queries are answered by the Oxigraph server over the store kept beside the graph
    (cache/graph.oxigraph), one process per running query, each stopped at the timeout.

    \b
    Examples:
      policykg serve
      policykg serve --publication policykg-out/publication --port 8080
      curl -H 'Accept: text/csv' 'http://127.0.0.1:3030/sparql' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 3'
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from contextlib import ExitStack

    from policykg.cli.workspace import kept_oxigraph_store
    from policykg.queries.endpoint import serve, temporary_store

    if not _is_loopback(host):
        click.echo(f"policykg: warning: listening on {host}: anyone who can reach this machine can query the graph", err=True)

    def ready(url: str) -> None:
        click.echo(f"SPARQL endpoint: {url}sparql   (query page: {url}; Ctrl-C stops)", err=True)

    with ExitStack() as stack:
        store = None
        if graph_path or not publication:
            # made in a process of its own: loading the graph would leave this long-running one holding its memory
            with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as maker:
                store = maker.submit(kept_oxigraph_store, graph_path).result()
        if store is None and publication and not graph_path:
            nt = Path(publication) / "graph.nt"
            if not nt.is_file():
                raise PolicyKGError(f"{publication}: no graph.nt here; is it a folder written by `policykg publish`?")
            store = stack.enter_context(temporary_store(ntriples=nt))
        elif store is None:
            store = stack.enter_context(temporary_store(open_graph(graph_path)))
        serve(store, host, port, publication=publication, timeout=timeout, workers=workers, quiet=quiet, ready=ready)
