"""``policykg fetch`` against a local HTTP server on 127.0.0.1 serving real content items.

The server stands in for GOV.UK (``--base-url``) and for Parliament's API (its URLs are given on
127.0.0.1).  Name resolution of any other host fails in these tests, and every request the client
sends is checked to go to 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import hashlib
import http.server
import json
import re
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner

from policykg.cli import cli
from policykg.errors import FetchError
from policykg.fetch import MANIFEST, Client, fetch, html_publications, pdf_attachments, resolve, retry_after
from policykg.graph.storage import load_graph

FIXTURES = Path(__file__).parent / "fixtures"
REAL = FIXTURES / "real"
STATEMENT = REAL / "govuk-school-revenue-funding-2017-18-written-statement.json"  # a speech item: a written statement
PAPER = FIXTURES / "govuk" / "publication-safeguarding-charities-policy-paper.json"
FOI = FIXTURES / "govuk" / "publication-fr20-foi-release-pdf.json"
# The policy paper's HTML publication is not among GOV.UK's examples: a real html_publication
# item of another publication is served at its address instead (the test is of the following).
HTML_PUBLICATION = REAL / "govuk-dwp-single-departmental-plan-2015-2020.json"
QUESTION = FIXTURES / "parliament" / "written-question-1679416.json"
QUESTIONS = FIXTURES / "parliament" / "written-questions-list-excerpt.json"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def base_path(item: Path) -> str:
    return json.loads(item.read_text())["base_path"]


@dataclass
class Route:
    """What the server answers at a path: a body, or a script of statuses to go through first."""

    body: bytes = b""
    content_type: str = "application/json"
    status: int = 200
    before: list[tuple[int, dict[str, str]]] = field(default_factory=list)  # (status, headers) answered first, in turn
    delay: float = 0.0
    validators: bool = True  # send ETag and Last-Modified, answer 304 to a matching condition


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.routes: dict[str, Route] = {}
        self.log: list[tuple[str, dict[str, str]]] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def serve(self, path: str, source: Path | bytes, **options) -> Route:
        route = Route(source if isinstance(source, bytes) else source.read_bytes(), **options)
        self.routes[path] = route
        return route

    def paths(self) -> list[str]:
        return [path for path, _ in self.log]


class _Handler(http.server.BaseHTTPRequestHandler):
    server: Server

    def log_message(self, *_: object) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        self.server.log.append((path, dict(self.headers)))
        route = self.server.routes.get(path)
        if route is None:
            return self._answer(404, b'{"error": "not found"}', {})
        if route.delay:
            time.sleep(route.delay)
        if route.before:
            status, headers = route.before.pop(0)
            return self._answer(status, b"{}", headers)
        headers = {"Content-Type": route.content_type}
        if route.validators and route.status == 200:
            etag = '"' + hashlib.sha256(route.body).hexdigest()[:16] + '"'
            headers |= {"ETag": etag, "Last-Modified": "Tue, 06 Jan 2026 10:00:00 GMT"}
            if self.headers.get("If-None-Match") == etag:
                return self._answer(304, b"", headers)
        self._answer(route.status, route.body, headers)

    def _answer(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if status != 304:
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up (timeout test)
                self.wfile.write(body)


@pytest.fixture(autouse=True)
def only_localhost(monkeypatch: pytest.MonkeyPatch) -> None:
    """No name but 127.0.0.1 resolves: nothing in these tests can reach another host."""
    real = socket.getaddrinfo

    def getaddrinfo(host, *args, **kwargs):
        if host not in ("127.0.0.1", b"127.0.0.1"):
            raise socket.gaierror(socket.EAI_NONAME, f"{host}: resolution refused in tests")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def server() -> Iterator[Server]:
    server = Server()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def client() -> Iterator[Client]:
    """A fast client (no rate limit, short backoff) that records every host it sends to."""
    hosts: list[str] = []
    with Client(timeout=5, retries=2, rate=0, backoff=0.05) as client:
        client.http.event_hooks["request"].append(lambda request: hosts.append(request.url.host))
        client.hosts = hosts  # type: ignore[attr-defined]
        yield client
    assert set(hosts) <= {"127.0.0.1"}, hosts


def serve_statement(server: Server) -> str:
    """Serve a real content item at its Content API path; return its GOV.UK page URL."""
    server.serve("/api/content" + base_path(STATEMENT), STATEMENT)
    return "https://www.gov.uk" + base_path(STATEMENT)


def manifest(folder: Path) -> dict[str, dict]:
    return {entry["url"]: entry for entry in json.loads((folder / MANIFEST).read_text())["entries"]}


# --------------------------------------------------------------------------------------------


def test_page_fetched_through_the_content_api_and_saved_with_a_manifest(tmp_path: Path, server: Server, client: Client) -> None:
    page = serve_statement(server)
    report = fetch([page], tmp_path, base_url=server.url, client=client)
    saved = tmp_path / "gov.uk" / (base_path(STATEMENT).strip("/") + ".json")
    assert report.written == [saved] and not report.failed
    assert saved.read_bytes() == STATEMENT.read_bytes()  # as served, byte for byte
    api_url = f"{server.url}/api/content{base_path(STATEMENT)}"
    entry = manifest(tmp_path)[api_url]
    assert entry["source"] == page and entry["file"] == saved.relative_to(tmp_path).as_posix()
    assert entry["etag"].startswith('"') and entry["last_modified"] == "Tue, 06 Jan 2026 10:00:00 GMT"
    assert entry["fetched_at"].endswith("Z")
    (path, headers), = server.log
    assert path == "/api/content" + base_path(STATEMENT)  # --base-url honoured: GOV.UK's path on the local server
    assert headers["User-Agent"].startswith("policykg/0.1.0 ")


def test_second_fetch_of_an_unchanged_page_downloads_and_writes_nothing(tmp_path: Path, server: Server, client: Client) -> None:
    page = serve_statement(server)
    fetch([page], tmp_path, base_url=server.url, client=client)
    files = {path: path.stat().st_mtime_ns for path in tmp_path.rglob("*")}
    time.sleep(0.01)
    report = fetch([page], tmp_path, base_url=server.url, client=client)
    assert report.written == [] and len(report.unchanged) == 1
    assert server.log[-1][1]["If-None-Match"] == manifest(tmp_path)[report.unchanged[0]]["etag"]
    assert server.log[-1][1]["If-Modified-Since"] == "Tue, 06 Jan 2026 10:00:00 GMT"
    assert {path: path.stat().st_mtime_ns for path in tmp_path.rglob("*")} == files  # manifest included

    # The page changes: the next fetch downloads it again.
    item = json.loads(STATEMENT.read_text()) | {"title": "Changed"}
    server.serve("/api/content" + base_path(STATEMENT), json.dumps(item).encode())
    report = fetch([page], tmp_path, base_url=server.url, client=client)
    assert len(report.written) == 1 and json.loads(report.written[0].read_text())["title"] == "Changed"


def test_a_deleted_file_is_fetched_again_unconditionally(tmp_path: Path, server: Server, client: Client) -> None:
    page = serve_statement(server)
    (saved,) = fetch([page], tmp_path, base_url=server.url, client=client).written
    saved.unlink()
    assert fetch([page], tmp_path, base_url=server.url, client=client).written == [saved]
    assert "If-None-Match" not in server.log[-1][1]


def test_publication_brings_its_html_publications_and_with_attachments_its_pdfs(tmp_path: Path, server: Server,
                                                                                 client: Client) -> None:
    paper = base_path(PAPER)
    child = paper + "/strategy-for-dealing-with-safeguarding-issues-in-charities"
    pdf = "/government/uploads/system/uploads/attachment_data/file/664637/The_role_of_other_agencies.pdf"
    server.serve("/api/content" + paper, PAPER)
    server.serve("/api/content" + child, HTML_PUBLICATION)
    server.serve(pdf, PDF, content_type="application/pdf")
    server.serve("/api/content" + base_path(FOI), FOI)
    # An absolute assets.publishing.service.gov.uk address, fetched from the base URL instead.
    server.serve("/government/uploads/system/uploads/attachment_data/file/315163/PUBLIC_1392629965.pdf", PDF,
                 content_type="application/pdf")
    urls = [f"https://www.gov.uk{paper}", f"https://www.gov.uk/api/content{base_path(FOI)}"]

    report = fetch(urls, tmp_path, base_url=server.url, attachments=True, client=client)
    assert not report.failed
    written = sorted(path.relative_to(tmp_path).as_posix() for path in report.written)
    dwp = base_path(HTML_PUBLICATION).strip("/")
    assert written == sorted([
        f"gov.uk{paper}.json", f"gov.uk/{dwp}.json", f"gov.uk{base_path(FOI)}.json",
        f"gov.uk{paper}/The_role_of_other_agencies.pdf",
        f"gov.uk{base_path(FOI)}/PUBLIC_1392629965.pdf",
    ])
    entries = manifest(tmp_path)
    assert entries[f"{server.url}{pdf}"]["source"] == f"{server.url}/api/content{paper}"
    assert entries[f"{server.url}/api/content{child}"]["source"] == urls[0]
    assert set(client.hosts) == {"127.0.0.1"}  # type: ignore[attr-defined]

    # Without --attachments, no PDF is asked for; unchanged pages are not downloaded again.
    before = len(server.log)
    report = fetch(urls, tmp_path, base_url=server.url, client=client)
    assert report.written == [] and len(report.unchanged) == 3
    assert not [path for path in server.paths()[before:] if path.endswith(".pdf")]


def test_publication_links_found_in_real_items() -> None:
    paper = json.loads(PAPER.read_text())
    child = paper["base_path"] + "/strategy-for-dealing-with-safeguarding-issues-in-charities"
    assert html_publications(paper) == [child]
    assert pdf_attachments(paper) == ["/government/uploads/system/uploads/attachment_data/file/664637/The_role_of_other_agencies.pdf"]
    assert pdf_attachments(json.loads(FOI.read_text())) == [
        "https://assets.publishing.service.gov.uk/government/uploads/system/uploads/attachment_data/file/315163/PUBLIC_1392629965.pdf"]
    assert html_publications(json.loads(STATEMENT.read_text())) == []


def test_429_with_retry_after_is_waited_for_then_succeeds(tmp_path: Path, server: Server, client: Client) -> None:
    page = serve_statement(server)
    server.routes["/api/content" + base_path(STATEMENT)].before = [(429, {"Retry-After": "1"})]
    started = time.monotonic()
    report = fetch([page], tmp_path, base_url=server.url, client=client)
    assert len(report.written) == 1 and not report.failed
    assert time.monotonic() - started >= 1.0  # Retry-After honoured, not the 0.05 s backoff
    assert len(server.log) == 2


def test_5xx_retried_with_backoff_then_one_line(tmp_path: Path, server: Server, client: Client) -> None:
    page = serve_statement(server)
    server.routes["/api/content" + base_path(STATEMENT)].before = [(503, {})] * 5
    (error,) = fetch([page], tmp_path, base_url=server.url, client=client).failed
    assert str(error) == f"{server.url}/api/content{base_path(STATEMENT)}: HTTP 503 Service Unavailable, still after 3 tries"
    assert len(server.log) == 3  # one try and two retries
    assert not (tmp_path / MANIFEST).exists() or manifest(tmp_path) == {}


@pytest.mark.parametrize("route, expected", [
    (None, "not found (HTTP 404); is the address right?"),
    (Route(b"{}", status=410, validators=False), "gone (HTTP 410): withdrawn or removed by its publisher"),
    (Route(b"<!doctype html><p>Hello</p>", content_type="text/html; charset=utf-8"),
     "the answer is not JSON (text/html); is it a GOV.UK page or Parliament API address?"),
    (Route(b'{"title": "x"}', delay=1.0), "no answer within 0.3 s (timed out)"),
])
def test_failures_are_one_line_naming_the_url(tmp_path: Path, server: Server, route: Route | None, expected: str) -> None:
    path = "/government/publications/some-report"
    if route is not None:
        server.routes["/api/content" + path] = route
    result = CliRunner().invoke(cli, ["fetch", f"https://www.gov.uk{path}", "-o", str(tmp_path), "--base-url", server.url,
                                      "--timeout", "0.3", "--retries", "0"])
    assert result.exit_code == 1
    assert result.stderr == f"policykg: error: {server.url}/api/content{path}: {expected}\n"


def test_no_network_is_one_line(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = CliRunner().invoke(cli, ["fetch", "https://www.gov.uk/government/news/x", "-o", str(tmp_path),
                                      "--base-url", f"http://127.0.0.1:{port}", "--retries", "0"])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"policykg: error: http://127.0.0.1:{port}/api/content/government/news/x: cannot connect (")
    assert result.stderr.endswith("is the network up?\n") and result.stderr.count("\n") == 1


def test_one_failing_url_does_not_stop_the_others(tmp_path: Path, server: Server) -> None:
    page = serve_statement(server)
    result = CliRunner().invoke(cli, ["fetch", page, "https://www.gov.uk/government/news/missing", "-o", str(tmp_path),
                                      "--base-url", server.url, "-q"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"policykg: error: {server.url}/api/content/government/news/missing: not found (HTTP 404); is the address right?",
        f"policykg: error: 1 URL(s) could not be fetched; the others were saved in {tmp_path}",
    ]
    assert len(manifest(tmp_path)) == 1


def test_parliament_urls_single_and_list_saved_one_file_per_item(tmp_path: Path, server: Server, client: Client) -> None:
    server.serve("/api/writtenquestions/questions/1679416", QUESTION)
    server.serve("/api/writtenquestions/questions", QUESTIONS)
    single = f"{server.url}/api/writtenquestions/questions/1679416"
    listed = f"{server.url}/api/writtenquestions/questions?tabledWhenFrom=2024-01-05&take=20"
    report = fetch([single, listed], tmp_path, client=client)
    assert not report.failed
    folder = tmp_path / "parliament" / "written-questions"
    assert sorted(path.name for path in report.written) == ["1679326.json", "1679416.json", "1679507.json"]
    assert (folder / "1679416.json").read_bytes() == QUESTION.read_bytes()
    entries = manifest(tmp_path)
    assert entries[single]["file"] == "parliament/written-questions/1679416.json"
    assert entries[listed]["files"] == ["parliament/written-questions/1679507.json", "parliament/written-questions/1679326.json"]
    assert fetch([single, listed], tmp_path, client=client).unchanged == [single, listed]


def test_build_reads_the_fetched_folder(tmp_path: Path, server: Server) -> None:
    page = serve_statement(server)
    server.serve("/api/writtenquestions/questions/1679416", QUESTION)
    server.serve("/api/writtenquestions/questions", QUESTIONS)
    sources, out = tmp_path / "sources", tmp_path / "out"
    runner = CliRunner()
    result = runner.invoke(cli, ["fetch", page, f"{server.url}/api/writtenquestions/questions/1679416",
                                 f"{server.url}/api/writtenquestions/questions", "-o", str(sources), "--base-url", server.url])
    assert result.exit_code == 0, result.output
    assert f"fetched    {server.url}/api/content{base_path(STATEMENT)} -> " in result.stderr
    result = runner.invoke(cli, ["build", str(sources), "-o", str(out), "-q", "-j", "1"])
    assert result.exit_code == 0, result.output
    graph = load_graph(out / "graph.json")
    documents = {data["title"]: data.get("published") for _, data in graph.nodes(data=True) if data.get("type") == "Document"}
    assert documents == {
        "School revenue funding settlement for 2017 to 2018": "2016-12-20",  # as its gold says
        "Apprentices: Employment Agencies": "2024-01-10",
        "River Tame: Pollution": "2024-02-14",
        "MOD Boscombe Down: Domestic Visits": "2024-01-15",
    }  # four documents: manifest.json is no document
    organisations = {data["label"] for _, data in graph.nodes(data=True) if data.get("type") == "Organisation"}
    # Each answering department, under its name in the machinery of government ("&" for "and").
    assert {"Department for Education", "Home Office", "Department for Environment, Food & Rural Affairs"} <= organisations
    assert not [data for _, data in graph.nodes(data=True) if data.get("type") == "Commitment" and data.get("section") == "Question"]


def test_quiet_prints_nothing_and_progress_one_line_per_url(tmp_path: Path, server: Server) -> None:
    page = serve_statement(server)
    runner = CliRunner()
    quiet = runner.invoke(cli, ["fetch", page, "-o", str(tmp_path), "--base-url", server.url, "-q"])
    assert quiet.exit_code == 0 and quiet.output == ""
    loud = runner.invoke(cli, ["fetch", page, "-o", str(tmp_path), "--base-url", server.url])
    assert loud.stderr.splitlines() == [
        f"unchanged  {server.url}/api/content{base_path(STATEMENT)} (304 Not Modified)",
        f"policykg: fetched 0, unchanged 1, skipped 0, failed 0; 0 file(s) written in {tmp_path}",
    ]


_LINE = re.compile(r"^(fetched|unchanged|skipped) {2,}(\S+)")
_SUMMARY = re.compile(r"^policykg: fetched (\d+), unchanged (\d+), skipped (\d+), failed (\d+); (\d+) file\(s\) written in (.+)$")


def _counted(stderr: str) -> tuple[dict[str, int], tuple[int, ...]]:
    """The per-URL lines counted by their first word (every line must parse) and the summary's counts."""
    counts = {"fetched": 0, "unchanged": 0, "skipped": 0, "failed": 0}
    summary: tuple[int, ...] = ()
    for line in stderr.splitlines():
        if match := _LINE.match(line):
            counts[match.group(1)] += 1
        elif match := _SUMMARY.match(line):
            summary = tuple(int(group) for group in match.groups()[:5])
        elif line.startswith("policykg: error: ") and "URL(s) could not be fetched" not in line:
            counts["failed"] += 1
        else:
            assert line.startswith("policykg: error: "), line
    return counts, summary


def test_summary_counts_what_the_lines_say_when_stderr_is_no_terminal(tmp_path: Path, server: Server) -> None:
    """Not a terminal (a pipe, a file, a test runner): one line per URL, no bar, and a last line counting them."""
    page = serve_statement(server)
    item = json.loads(QUESTION.read_text())
    item["value"]["attachments"] = [{"url": f"{server.url}/files/table.pdf", "title": "Table", "fileType": "PDF"},
                                    {"url": "https://elsewhere.example/x.pdf", "title": "Elsewhere", "fileType": "PDF"}]
    server.serve("/api/writtenquestions/questions/1679416", json.dumps(item).encode())
    server.serve("/files/table.pdf", PDF, content_type="application/pdf")
    urls = [page, f"{server.url}/api/writtenquestions/questions/1679416", "https://www.gov.uk/government/news/missing"]
    command = ["fetch", *urls, "-o", str(tmp_path), "--base-url", server.url, "--attachments"]
    runner = CliRunner()
    first = runner.invoke(cli, command)
    assert first.exit_code == 1 and "Fetching" not in first.stderr and "[#" not in first.stderr
    counts, summary = _counted(first.stderr)
    assert counts == {"fetched": 3, "unchanged": 0, "skipped": 1, "failed": 1}
    assert summary == (3, 0, 1, 1, 3)  # the statement, the question and its PDF; the PDF elsewhere; the missing page
    again = runner.invoke(cli, command)
    counts, summary = _counted(again.stderr)
    assert counts == {"fetched": 0, "unchanged": 3, "skipped": 1, "failed": 1} and summary == (0, 3, 1, 1, 0)
    assert _counted(runner.invoke(cli, [*command[:-1], "-v"]).stderr)[1] == (0, 2, 0, 1, 0)  # -v: lines as well


def _on_a_terminal(arguments: list[str]) -> tuple[int, str]:
    """Run ``policykg ARGUMENTS`` with stderr on a pseudo-terminal; its exit code and what the terminal showed."""
    import os
    import pty
    import select
    import subprocess
    import sys

    main, side = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "policykg.cli", *arguments], stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=side, env={**os.environ, "COLUMNS": "120"})
    os.close(side)
    shown = b""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([main], [], [], 1)
        if ready:
            try:
                chunk = os.read(main, 4096)
            except OSError:  # the terminal closed: the process is done
                break
            if not chunk:
                break
            shown += chunk
        elif process.poll() is not None:
            break
    os.close(main)
    return process.wait(timeout=30), shown.decode("utf-8", "replace")


def test_progress_bar_on_a_terminal_then_the_summary(tmp_path: Path, server: Server) -> None:
    page = serve_statement(server)
    server.serve("/api/writtenquestions/questions/1679416", QUESTION)
    urls = [page, f"{server.url}/api/writtenquestions/questions/1679416"]
    code, shown = _on_a_terminal(["fetch", *urls, "-o", str(tmp_path), "--base-url", server.url])
    assert code == 0, shown
    assert "Fetching" in shown and "1/2" in shown and "2/2" in shown and "[####################################]" in shown
    assert "fetched    " not in shown  # the bar instead of the lines
    lines = shown.replace("\r\n", "\n").split("\n")
    assert f"policykg: fetched 2, unchanged 0, skipped 0, failed 0; 2 file(s) written in {tmp_path}" in lines
    code, shown = _on_a_terminal(["fetch", *urls, "-o", str(tmp_path), "--base-url", server.url, "-v"])
    assert code == 0 and "Fetching" not in shown and shown.count("unchanged  ") == 2  # -v: the lines on a terminal too
    code, shown = _on_a_terminal(["fetch", *urls, "-o", str(tmp_path), "--base-url", server.url, "-q"])
    assert code == 0 and shown == ""


@pytest.mark.parametrize("url, expected", [
    ("https://www.gov.uk/government/publications/x", "https://www.gov.uk/api/content/government/publications/x"),
    ("https://www.gov.uk/api/content/government/publications/x/", "https://www.gov.uk/api/content/government/publications/x"),
    ("/government/publications/x", "https://www.gov.uk/api/content/government/publications/x"),
    ("https://questions-statements-api.parliament.uk/api/writtenstatements/statements/2024-06-20/HCWS123",
     "https://questions-statements-api.parliament.uk/api/writtenstatements/statements/2024-06-20/HCWS123"),
    ("https://questions-statements.parliament.uk/written-statements/detail/2024-06-20/hcws123",
     "https://questions-statements-api.parliament.uk/api/writtenstatements/statements/2024-06-20/hcws123"),
])
def test_resolve(url: str, expected: str) -> None:
    assert resolve(url).url == expected


@pytest.mark.parametrize("url, expected", [
    ("https://example.com/government/x", "not a GOV.UK page"),
    ("ftp://www.gov.uk/x", "not an http(s) URL"),
    ("https://www.gov.uk/", "the GOV.UK home page is no document"),
])
def test_resolve_refuses_in_one_line(url: str, expected: str) -> None:
    with pytest.raises(FetchError, match="^" + re.escape(f"{url}: {expected}")):
        resolve(url)


def test_retry_after_dates_and_rate_limit() -> None:
    from datetime import UTC, datetime
    from email.utils import format_datetime

    now = 1_800_000_000.0
    assert retry_after(format_datetime(datetime.fromtimestamp(now + 30, UTC), usegmt=True), now=now) == pytest.approx(30)
    calls: list[float] = []
    with Client(rate=20, retries=0, timeout=1) as client:
        for _ in range(4):
            client.limit.wait()
            calls.append(time.monotonic())
    assert calls[-1] - calls[0] >= 3 / 20 - 0.01


def test_user_agent_names_policykg_and_its_version() -> None:
    import policykg

    with Client() as client:
        assert client.http.headers["User-Agent"].startswith(f"policykg/{policykg.__version__} ")


def test_parliament_attachments_saved_beside_their_question(tmp_path: Path, server: Server, client: Client) -> None:
    item = json.loads(QUESTION.read_text())
    # Attachments as the API lists them (AttachmentViewModel: url, title, fileType, fileSizeBytes).
    item["value"]["attachments"] = [{"url": f"{server.url}/files/table.pdf", "title": "Table", "fileType": "PDF", "fileSizeBytes": 80},
                                    {"url": "https://elsewhere.example/x.pdf", "title": "Elsewhere", "fileType": "PDF"}]
    server.serve("/api/writtenquestions/questions/1679416", json.dumps(item).encode())
    server.serve("/files/table.pdf", PDF, content_type="application/pdf")
    lines: list[str] = []
    report = fetch([f"{server.url}/api/writtenquestions/questions/1679416"], tmp_path, base_url=server.url,
                   attachments=True, client=client, progress=lines.append)
    assert [path.relative_to(tmp_path).as_posix() for path in report.written] == [
        "parliament/written-questions/1679416.json", "parliament/written-questions/1679416/table.pdf"]
    assert "skipped    https://elsewhere.example/x.pdf: not on GOV.UK or Parliament" in lines
