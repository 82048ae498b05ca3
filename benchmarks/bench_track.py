"""The recommendation tracker at scale: ``policykg track`` and the tracker's canned queries on 1,000 generated
documents across 50 inquiries, on the kept Oxigraph store.

    .venv/bin/python benchmarks/bench_track.py                      # 50 inquiries x 20 documents
    .venv/bin/python benchmarks/bench_track.py --inquiries 5 --repeat 3 -o /tmp/track

Each inquiry (50 of the gazetteer's inquiries, in name order, none whose name holds another's) has a series of
documents written here (standard library and the gazetteer's names only, deterministic for a ``--seed``):

* its report, listing ``--recommendations`` recommendations under ``Recommendation N: title`` headings;
* the Government's response, five to nine months later: a status per recommendation (all but one or two) and a
  dated commitment ("The Home Office will publish a national action plan on ... by March 2027.");
* progress updates every three months, each restating about half of the open commitments: delivered ("... has
  published ..."), re-dated ("... will now publish ... by ..."), dropped ("... will no longer publish ...") or in
  progress ("... will continue to publish ..."), some with a new status.

With ``--engine ladybug`` the queries' Cypher texts run on the kept LadybugDB database (``cache/graph.cypher``, as the
command line keeps it), with ``--engine neo4j`` on the server ``scripts/neo4j-server`` started (``POLICYKG_NEO4J_HOME``
names its home; the corpus replaces its ``:PolicyKG`` nodes); ``--no-track`` leaves ``track`` out.

The documents are built as ``policykg build`` builds them (``build_from_paths``, two jobs, no cache), the graph is
saved as ``graph.json`` and the kept Oxigraph store made beside it (``cache/graph.oxigraph``, as the command line
keeps it); the store is then opened and each query timed ``--repeat`` times (the median; a run is the query and
:func:`~policykg.queries.results.normalise`, as ``policykg query run`` does it): ``inquiries``,
``status-history``, ``recommendations-as-of``, ``changes``, ``follow-through``, ``due`` and
``overdue-responses``.  ``track`` is timed as the command runs it: the graph file loaded, the matrix made
(:func:`policykg.tracker.tracker`) and written in each format.  The table gives each figure's ratio to the
1 s target of issue 21 (below 1: met).  Not a unit test: figures go in benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from timing import timed

from policykg.graph.mentions import Gazetteer
from policykg.graph.pipeline import build_from_paths
from policykg.graph.storage import load_graph, save_graph
from policykg.queries import estimated_triples
from policykg.queries.catalogue import load_catalogue
from policykg.queries.ladybug import LadybugEngine
from policykg.queries.neo4j import Neo4jEngine, load_neo4j, script_server
from policykg.queries.oxigraph import OxigraphEngine
from policykg.queries.results import normalise
from policykg.tracker import FORMATS, render, tracker

TARGET_S = 1.0
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
#: Bodies the gazetteer knows, as a document names them.
LEADS = ["the Home Office", "the Department of Health and Social Care", "the Ministry of Justice", "the Department for Education",
         "the Cabinet Office", "HM Treasury", "NHS England", "the Department for Transport"]
#: (verb, past participle, what): the past participles are those a report of delivery uses ("has published").
ACTIONS = [("publish", "published", "a national action plan on {topic}"), ("launch", "launched", "a public campaign on {topic}"),
           ("introduce", "introduced", "new statutory guidance on {topic}"), ("implement", "implemented", "a training programme on {topic}"),
           ("deliver", "delivered", "an independent review of {topic}")]
TOPICS = ["safeguarding in schools", "record keeping", "complaints handling", "staff vetting", "whistleblowing", "patient safety",
          "information sharing", "victim support", "workforce training", "data quality", "building safety", "procurement",
          "leadership accountability", "family liaison", "emergency planning", "independent oversight"]
STATUSES = ["We accept this recommendation.", "We accept this recommendation in principle.",
            "We accept this recommendation in part.", "This recommendation is under consideration.",
            "The Government does not accept this recommendation."]


def inquiries(count: int) -> list[str]:
    """``count`` inquiry names of the gazetteer, in name order, leaving out any name that holds another's."""
    names = sorted({entity.name for entity in Gazetteer.packaged().entities.values() if entity.type == "Inquiry"})
    names = [name for name in names if not any(other != name and other in name for other in names) and "(" not in name]
    if len(names) < count:
        raise SystemExit(f"bench_track: the gazetteer has {len(names)} usable inquiries, fewer than {count}")
    return names[:count]


def _month(day: date, months: int) -> date:
    year, month = divmod(day.month - 1 + months, 12)
    return date(day.year + year, month + 1, 1)


def _day(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _by(day: date) -> str:
    return f"by {MONTHS[day.month - 1]} {day.year}"


def write_series(folder: Path, inquiry: str, number: int, documents: int, recommendations: int, rng: random.Random) -> list[Path]:
    """The report, the response and ``documents - 2`` progress updates of one inquiry; their paths."""
    reported = date(2012 + number % 8, 1 + number % 12, 1 + number % 27)
    responded = _month(reported, rng.randint(5, 9))
    lines: dict[str, list[str]] = {}
    slug = f"inquiry-{number:02d}"
    report = [f"{inquiry}: final report", f"Published {_day(reported)}", f"The {inquiry} makes the following recommendations."]
    response = [f"{inquiry}: government response", f"Published {_day(responded)}",
                f"The Government responds to the recommendations of the {inquiry}."]
    state: dict[int, dict[str, Any]] = {}
    for k in range(1, recommendations + 1):
        topic = TOPICS[(number + k) % len(TOPICS)]
        verb, past, what = ACTIONS[(number * 7 + k) % len(ACTIONS)]
        lead = LEADS[(number + 3 * k) % len(LEADS)]
        title = topic[0].upper() + topic[1:]
        report += [f"Recommendation {k}: {title}", f"{k}. {lead[0].upper() + lead[1:]} should {verb} {what.format(topic=topic)}."]
        if k > recommendations - 1 - number % 2:
            continue  # one or two never answered: overdue responses
        deadline = _month(responded, rng.randint(6, 18))
        state[k] = {"verb": verb, "past": past, "what": what.format(topic=topic), "lead": lead, "title": title, "open": True}
        response += [f"Recommendation {k}: {title}",
                     f"{k}. {rng.choice(STATUSES)} {lead[0].upper() + lead[1:]} will {verb} {state[k]['what']} {_by(deadline)}."]
    lines[f"{slug}-00-report.txt"] = report
    lines[f"{slug}-01-response.txt"] = response
    day = responded
    for update in range(1, documents - 1):
        day = _month(day, 3)
        text = [f"{inquiry}: progress update {update}", f"Published {_day(day)}",
                f"This update reports progress on the recommendations of the {inquiry}."]
        for k, s in state.items():
            if not s["open"] or rng.random() < 0.5:
                continue
            lead = s["lead"][0].upper() + s["lead"][1:]
            roll = rng.random()
            if roll < 0.15:
                sentence, s["open"] = f"{lead} has {s['past']} {s['what']}.", False
            elif roll < 0.35:
                sentence = f"{lead} will now {s['verb']} {s['what']} {_by(_month(day, rng.randint(3, 12)))}."
            elif roll < 0.42:
                sentence, s["open"] = f"{lead} will no longer {s['verb']} {s['what']}.", False
            else:
                sentence = f"{lead} will continue to {s['verb']} {s['what']}."
            status = f"{rng.choice(STATUSES)} " if rng.random() < 0.2 else ""
            text += [f"Recommendation {k}: {s['title']}", f"{k}. {status}{sentence}"]
        lines[f"{slug}-{update + 1:02d}-update.txt"] = text
    paths = []
    for name, text in lines.items():
        path = folder / name
        path.write_text("\n".join(text) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def write_corpus(folder: Path, inquiry_count: int = 50, documents: int = 20, recommendations: int = 12, seed: int = 1) -> list[Path]:
    """Every inquiry's series (:func:`write_series`) in ``folder``; the paths, sorted."""
    rng = random.Random(seed)
    paths = []
    for number, inquiry in enumerate(inquiries(inquiry_count)):
        paths += write_series(folder, inquiry, number, documents, recommendations, rng)
    return sorted(paths)


#: ``--engine`` choices: the query language each runs.
ENGINES = {"oxigraph": "sparql", "ladybug": "cypher", "neo4j": "cypher"}


def open_engine(engine: str, store: str) -> Any:
    """The engine over the kept store (Oxigraph, LadybugDB: opened read-only) or the server (Neo4j: loaded before)."""
    if engine == "oxigraph":
        return OxigraphEngine.open(store)
    if engine == "ladybug":
        return LadybugEngine.open(store)
    return Neo4jEngine(**neo4j_arguments())


def neo4j_arguments() -> dict[str, Any]:
    """Connection arguments for the server ``scripts/neo4j-server`` started (never NEO4J_URI's: this wipes ``:PolicyKG``
    nodes); its home is ``POLICYKG_NEO4J_HOME``."""
    server = script_server()
    if server is None:
        raise SystemExit("bench_track: no server of scripts/neo4j-server (start it, with POLICYKG_NEO4J_HOME if not the default)")
    return {"uri": server.uri, "user": server.user, "password": server.password}


def _query_worker(engine_name: str, store: str, name: str, params: dict[str, Any], repeat: int, budget: float,
                  results: Any) -> None:
    """In a child process: open the engine, run one query ``repeat`` times, send (median s, rows)."""
    engine = open_engine(engine_name, store)
    query = load_catalogue()[name]
    bound = query.bind(params)
    text = query.texts[ENGINES[engine_name]]
    if engine_name == "neo4j":  # the server ends the transaction at the budget (stopping this process would not)
        from neo4j import Query

        text = Query(text, timeout=budget)

    def run() -> list[dict[str, Any]]:
        columns, found = engine.run(text, bound)
        return normalise(columns, found, query.list_columns)

    seconds, result = timed(run, repeat)
    results.put((seconds, len(result)))


def time_query(store: Path, name: str, params: dict[str, Any], repeat: int, budget: float,
               engine: str = "oxigraph") -> tuple[float, int] | None:
    """(median seconds, rows) of a query on the kept store, or None when its runs together pass ``budget`` seconds:
    each query runs in a child process (Oxigraph's and LadybugDB's native code cannot be interrupted from Python),
    stopped then (on Neo4j the server's transaction is ended too, by its ``timeout``)."""
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    child = context.Process(target=_query_worker, args=(engine, str(store), name, params, repeat, budget, results))
    child.start()
    child.join(budget)
    if child.is_alive():
        child.terminate()
        child.join()
        return None
    return results.get() if not results.empty() else None


#: The tracker's queries and the parameters they run with on the generated corpus.
QUERIES: list[tuple[str, dict[str, Any]]] = [
    ("inquiries", {}), ("status-history", {"number": 3}), ("recommendations-as-of", {"as_of": "2018-01-01"}),
    ("recommendations-as-of", {"as_of": "2030-01-01"}), ("changes", {"from": "2016-01-01", "to": "2017-01-01"}),
    ("changes", {"from": "2000-01-01", "to": "2030-01-01"}), ("follow-through", {"as_of": "2018-01-01"}),
    ("follow-through", {"as_of": "2030-01-01"}), ("due", {"as_of": "2018-01-01"}), ("overdue-responses", {"as_of": "2030-01-01"}),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--inquiries", type=int, default=50)
    parser.add_argument("--documents", type=int, default=20, help="documents per inquiry (report, response, updates)")
    parser.add_argument("--recommendations", type=int, default=12, help="recommendations per inquiry")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--budget", type=float, default=120.0, help="seconds a query may take, all its runs together")
    parser.add_argument("--query", action="append", help="time only this query (repeatable; default: every tracker query)")
    parser.add_argument("--engine", choices=list(ENGINES), default="oxigraph",
                        help="where the queries run: the kept Oxigraph store (SPARQL), the kept LadybugDB database or the "
                             "server of scripts/neo4j-server (Cypher; loaded with the corpus, replacing its :PolicyKG nodes)")
    parser.add_argument("--no-track", action="store_true", help="time the queries only, not `policykg track`")
    parser.add_argument("-o", "--out", help="working folder (default: a temporary one)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-track-") as temporary:
        out = Path(args.out or temporary)
        docs = out / "docs"
        docs.mkdir(parents=True, exist_ok=True)
        paths = write_corpus(docs, args.inquiries, args.documents, args.recommendations, args.seed)
        size = sum(p.stat().st_size for p in paths)
        print(f"{len(paths):,} documents ({size / 1e6:.1f} MB) across {args.inquiries} inquiries")
        start = time.perf_counter()
        graph, _ = build_from_paths(paths, jobs=args.jobs)
        built = time.perf_counter() - start
        counts = {kind: sum(1 for _, d in graph.nodes(data=True) if d["type"] == kind) for kind in ("Recommendation", "Response", "Commitment")}
        follow_ups = sum(1 for *_, key in graph.edges(keys=True) if key == "followed_up_by")
        print(f"built in {built:.1f} s: {counts['Recommendation']:,} recommendations, {counts['Response']:,} responses, "
              f"{counts['Commitment']:,} commitments, {follow_ups:,} follow-ups, ~{estimated_triples(graph):,} triples")
        graph_file = save_graph(graph, out / "graph.json")
        store = out / "cache" / {"oxigraph": "graph.oxigraph", "ladybug": "graph.cypher", "neo4j": "none"}[args.engine]
        store.parent.mkdir(parents=True, exist_ok=True)
        if store.is_dir():  # an earlier run's, in the same working folder
            shutil.rmtree(store)
        elif store.exists():
            store.unlink()
        start = time.perf_counter()
        if args.engine == "oxigraph":
            OxigraphEngine.create(graph, store)
        elif args.engine == "ladybug":
            LadybugEngine.create(graph, store)
        else:
            load_neo4j(graph, wipe=True, **neo4j_arguments())
        print(f"{args.engine}: store made (or server loaded) in {time.perf_counter() - start:.1f} s")
        del graph
        rows: list[tuple[str, int | None, float | None]] = []
        for name, params in [(name, params) for name, params in QUERIES if not args.query or name in args.query]:
            label = name + "".join(f" {k}={v}" for k, v in params.items())
            timed_query = time_query(store, name, params, args.repeat, args.budget, args.engine)
            rows.append((label, timed_query[1], timed_query[0]) if timed_query else (label, None, None))
            print(f"  {label}: " + (f"> {args.budget:g} s (stopped)" if timed_query is None else f"{timed_query[0]:.3f} s"), flush=True)
        if not args.no_track:
            load_s, loaded = timed(lambda: load_graph(graph_file), max(1, args.repeat // 2))
            matrix_s, matrix = timed(lambda: tracker(loaded, as_of="2030-01-01"), args.repeat)
            rows.append((f"track: load {graph_file.name}", loaded.number_of_nodes(), load_s))
            rows.append(("track: matrix", len(matrix.rows), matrix_s))
            for format_ in FORMATS:
                seconds, _ = timed(lambda format_=format_: render(matrix, format_), args.repeat)
                rows.append((f"track: matrix + --format {format_}", len(matrix.rows), matrix_s + seconds))
        width = max(len(label) for label, *_ in rows)
        print(f"\n{'':{width}}  {'rows':>7}  {'median s':>9}  {'/ 1 s':>7}")
        for label, count, seconds in rows:
            if seconds is None:
                print(f"{label:{width}}  {'?':>7}  {'>' + format(args.budget, 'g'):>9}  {'>' + format(args.budget / TARGET_S, 'g'):>7}")
            else:
                print(f"{label:{width}}  {count:>7,}  {seconds:>9.3f}  {seconds / TARGET_S:>7.2f}")
        met = [label for label, _, seconds in rows if seconds is not None and seconds < TARGET_S]
        print(f"\nunder the 1 s target: {len(met)} of {len(rows)}"
              + ("" if args.no_track else f"; `track` (load + matrix + html): {load_s + rows[-1][2]:.2f} s"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
