"""Fetch policy documents where they live, for ``policykg build`` to read.

* A GOV.UK page (``https://www.gov.uk/<path>``, or its ``/api/content/<path>`` form) is fetched
  through the Content API (``{base}/api/content/<path>``) and saved as its content item,
  ``OUT/gov.uk/<path>.json``.  The HTML publications of a publication (``links.children`` of
  type ``html_publication``, attachments of type ``html``, links in ``details.documents`` below the
  publication's own path) are fetched too; with ``attachments=True`` so are the PDFs it lists
  (``details.attachments``, ``details.documents``), saved beside the item, in the folder named
  after it (``OUT/gov.uk/<path>/<file>.pdf``, where its HTML publications go too).
* A written question or statement of Parliament's API
  (``https://questions-statements-api.parliament.uk/api/writtenquestions/questions/<id>``,
  ``.../api/writtenstatements/statements/<id>``, their ``/<date>/<uin>`` forms, their public pages
  ``https://questions-statements.parliament.uk/written-questions/detail/<date>/<uin>``, or a list
  URL) is saved as ``OUT/parliament/written-questions/<id>.json``; a list answer is split into
  one file per item, since a file holds one document.

``OUT/manifest.json`` records, per URL fetched, the file(s) written, when, and the ``ETag`` and
``Last-Modified`` the server gave.  The next fetch sends them back (``If-None-Match``,
``If-Modified-Since``), so a page that has not changed is answered ``304 Not Modified`` and
neither it nor the manifest is written again.

The client is polite: its User-Agent names policykg and its version, it sends at most
``rate`` requests a second (3 by default; GOV.UK asks for no more than a few), it retries on
429 and 5xx answers (and on timeouts) with exponential backoff, waiting as long as a
``Retry-After`` header asks, and every failure is one line naming the URL.

``base_url`` (default ``https://www.gov.uk``) lets a mirror or a local server stand in for
GOV.UK: page URLs on ``www.gov.uk`` and attachment URLs on ``assets.publishing.service.gov.uk``
are then fetched from it, path for path.
"""

from __future__ import annotations

import email.utils
import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import httpx

from policykg import __version__
from policykg.atomic import atomic_write_bytes, atomic_write_text
from policykg.errors import FetchError

DEFAULT_BASE = "https://www.gov.uk"
PARLIAMENT_API = "https://questions-statements-api.parliament.uk"
MANIFEST = "manifest.json"
USER_AGENT = f"policykg/{__version__} (knowledge graph of UK public policy) python-httpx/{httpx.__version__}"
#: Hosts whose paths ``base_url`` stands in for.
GOVUK_HOSTS = frozenset({"www.gov.uk", "gov.uk", "assets.publishing.service.gov.uk"})
PARLIAMENT_API_HOST = "questions-statements-api.parliament.uk"
PARLIAMENT_PAGES_HOST = "questions-statements.parliament.uk"
MAX_JSON_BYTES = 50 * 1024 * 1024  # what the loaders accept
MAX_ATTACHMENT_BYTES = 200 * 1024 * 1024
_RETRIED = frozenset({429, 500, 502, 503, 504})
_PARLIAMENT_PATH = re.compile(r"^/api/(?:writtenquestions/questions|writtenstatements/statements)(?:/|$)", re.I)
_PARLIAMENT_PAGE = re.compile(r"^/(written-questions|written-statements)/detail/(\d{4}-\d{2}-\d{2})/([A-Za-z0-9]+)/?$")
_HREF = re.compile(r"""href\s*=\s*["']([^"'#]+)""", re.I)
_SAFE_SEGMENT = re.compile(r"[^A-Za-z0-9._-]+")


# --------------------------------------------------------------------------------------------
# What to fetch


@dataclass(frozen=True)
class Target:
    """One URL to request: ``kind`` is ``govuk``, ``parliament`` or ``attachment``."""

    url: str
    kind: str
    source: str  # the URL as the user gave it, or the page that listed it


def _base(base_url: str) -> str:
    parts = urlsplit(base_url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise FetchError(f"--base-url {base_url!r}: not an http(s) URL such as https://www.gov.uk")
    return base_url.rstrip("/")


def resolve(url: str, base_url: str = DEFAULT_BASE) -> Target:
    """The API URL to request for a URL a user gives.

    >>> resolve("https://www.gov.uk/government/news/x?utm=1").url
    'https://www.gov.uk/api/content/government/news/x'
    >>> resolve("https://www.gov.uk/api/content/government/news/x", "http://127.0.0.1:8000").url
    'http://127.0.0.1:8000/api/content/government/news/x'
    >>> resolve("https://questions-statements.parliament.uk/written-questions/detail/2024-01-05/7926").url
    'https://questions-statements-api.parliament.uk/api/writtenquestions/questions/2024-01-05/7926'
    """
    base = _base(base_url)
    parts = urlsplit(url.strip())
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        if url.startswith("/") and not parts.netloc:  # a bare GOV.UK path
            parts = urlsplit(DEFAULT_BASE + url.strip())
        else:
            raise FetchError(f"{url}: not an http(s) URL of a GOV.UK page or of Parliament's written questions API")
    host = (parts.hostname or "").lower()
    if host == PARLIAMENT_PAGES_HOST and (page := _PARLIAMENT_PAGE.match(parts.path)):
        kind = "writtenquestions/questions" if page.group(1) == "written-questions" else "writtenstatements/statements"
        return Target(f"{PARLIAMENT_API}/api/{kind}/{page.group(2)}/{page.group(3)}", "parliament", url)
    if host == PARLIAMENT_API_HOST or _PARLIAMENT_PATH.match(parts.path):
        return Target(parts._replace(fragment="").geturl(), "parliament", url)
    base_host = (urlsplit(base).hostname or "").lower()
    if host not in GOVUK_HOSTS and (host != base_host or parts.port != urlsplit(base).port):
        raise FetchError(f"{url}: not a GOV.UK page (www.gov.uk, or --base-url) nor Parliament's written questions API")
    path = parts.path.rstrip("/") or "/"
    if path.startswith("/api/content/"):
        path = path[len("/api/content"):]
    if path == "/":
        raise FetchError(f"{url}: the GOV.UK home page is no document; give the address of a publication")
    return Target(f"{base}/api/content{path}", "govuk", url)


def _on_base(url: str, base: str) -> str:
    """An address on a GOV.UK host (or relative to it) as the base URL serves it."""
    absolute = urljoin(base + "/", url)
    parts = urlsplit(absolute)
    if (parts.hostname or "").lower() in GOVUK_HOSTS and base != DEFAULT_BASE:
        return base + parts.path + (f"?{parts.query}" if parts.query else "")
    return absolute


def _base_path(url: str) -> str | None:
    """The GOV.UK path of a page address (absolute or relative), or ``None`` for another site."""
    parts = urlsplit(url)
    if parts.netloc and (parts.hostname or "").lower() not in {"www.gov.uk", "gov.uk"}:
        return None
    return parts.path.rstrip("/") or None


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def html_publications(item: dict[str, Any]) -> list[str]:
    """GOV.UK paths of the HTML publications of a publication, in the order listed, once each."""
    paths: list[str] = []
    for child in _dict(item.get("links")).get("children") or []:
        if isinstance(child, dict) and child.get("document_type") == "html_publication":
            path = child.get("base_path") or (child.get("api_path") or "").removeprefix("/api/content")
            paths.append(path)
    details = _dict(item.get("details"))
    for attachment in details.get("attachments") or []:
        if isinstance(attachment, dict) and attachment.get("attachment_type") == "html" and isinstance(attachment.get("url"), str):
            paths.append(_base_path(attachment["url"]) or "")
    own = item.get("base_path") if isinstance(item.get("base_path"), str) else None
    for document in details.get("documents") or []:
        for href in _HREF.findall(document) if isinstance(document, str) else []:
            path = _base_path(href)
            if own and path and path.startswith(own + "/") and not PurePosixPath(path).suffix:
                paths.append(path)
    return list(dict.fromkeys(p for p in paths if isinstance(p, str) and p.startswith("/")))


def pdf_attachments(item: dict[str, Any]) -> list[str]:
    """Addresses of the PDF files a GOV.UK content item or a Parliament item lists, once each."""
    urls: list[str] = []
    value = _dict(item.get("value")) or item
    details = _dict(value.get("details"))
    for attachment in list(details.get("attachments") or []) + list(value.get("attachments") or []):
        if not isinstance(attachment, dict):
            continue
        url = attachment.get("url") or attachment.get("fileUrl")
        kind = str(attachment.get("content_type") or attachment.get("fileType") or "").lower()
        if isinstance(url, str) and ("pdf" in kind or urlsplit(url).path.lower().endswith(".pdf")):
            urls.append(url)
    for document in details.get("documents") or []:
        urls += [href for href in _HREF.findall(document) if urlsplit(href).path.lower().endswith(".pdf")] if isinstance(document, str) else []
    return list(dict.fromkeys(urls))


# --------------------------------------------------------------------------------------------
# The client


class RateLimit:
    """At most ``rate`` calls a second: :meth:`wait` sleeps until the next one is due."""

    def __init__(self, rate: float) -> None:
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self.next = 0.0
        self.lock = threading.Lock()

    def wait(self) -> None:
        with self.lock:
            now = time.monotonic()
            if self.next > now:
                time.sleep(self.next - now)
                now = self.next
            self.next = now + self.interval


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds a ``Retry-After`` header asks to wait (delta-seconds or an HTTP date).

    >>> retry_after("2"), retry_after("soon"), retry_after(None)
    (2.0, None, None)
    """
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


@dataclass(frozen=True)
class Answer:
    """A server's answer: status, headers and (for a 200) the body."""

    status: int
    reason: str
    headers: httpx.Headers
    content: bytes


def _status_error(url: str, answer: Answer, tries: int = 1) -> FetchError:
    code = answer.status
    if code == 404:
        return FetchError(f"{url}: not found (HTTP 404); is the address right?")
    if code == 410:
        return FetchError(f"{url}: gone (HTTP 410): withdrawn or removed by its publisher")
    after = f", still after {tries} tries" if tries > 1 else ""
    return FetchError(f"{url}: HTTP {code} {answer.reason}{after}")


class Client:
    """A polite HTTP client: User-Agent, rate limit, retries with backoff, one-line errors."""

    def __init__(self, *, timeout: float = 30.0, retries: int = 3, rate: float = 3.0, backoff: float = 1.0,
                 max_wait: float = 120.0) -> None:
        self.retries, self.backoff, self.max_wait, self.timeout = retries, backoff, max_wait, timeout
        self.limit = RateLimit(rate)
        self.http = httpx.Client(headers={"User-Agent": USER_AGENT}, timeout=timeout, follow_redirects=True)
        self.requests = 0  # sent, retries included

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def get(self, url: str, headers: dict[str, str] | None = None, *, limit: int = MAX_JSON_BYTES) -> Answer:
        """GET ``url``: an :class:`Answer` of status 200 or 304, or a :class:`FetchError` of one line."""
        for attempt in range(self.retries + 1):
            self.limit.wait()
            self.requests += 1
            try:
                answer = self._send(url, headers or {}, limit)
            except httpx.TimeoutException:
                if attempt < self.retries:
                    time.sleep(self.backoff * 2**attempt)
                    continue
                tries = f" ({attempt + 1} tries)" if attempt else ""
                raise FetchError(f"{url}: no answer within {self.timeout:g} s (timed out){tries}") from None
            except httpx.ConnectError as exc:
                reason = " ".join(str(exc).split()) or type(exc).__name__
                raise FetchError(f"{url}: cannot connect ({reason}); is the network up?") from None
            except httpx.HTTPError as exc:  # the connection broke, a malformed answer, too many redirects ...
                if attempt < self.retries and isinstance(exc, httpx.TransportError):
                    time.sleep(self.backoff * 2**attempt)
                    continue
                reason = " ".join(str(exc).split()) or type(exc).__name__
                raise FetchError(f"{url}: {reason}") from None
            if answer.status in (200, 304):
                return answer
            if answer.status in _RETRIED and attempt < self.retries:
                asked = retry_after(answer.headers.get("retry-after"))
                if asked is not None and asked > self.max_wait:
                    raise FetchError(f"{url}: HTTP {answer.status}; the server asks to wait {asked:.0f} s: try again later")
                time.sleep(max(asked or 0.0, self.backoff * 2**attempt))
                continue
            raise _status_error(url, answer, attempt + 1)
        raise AssertionError("unreachable")  # the loop returns or raises

    def _send(self, url: str, headers: dict[str, str], limit: int) -> Answer:
        """One request; the body is read only for a 200, and refused past ``limit`` bytes."""
        with self.http.stream("GET", url, headers=headers) as response:
            data = bytearray()
            if response.status_code == 200:
                declared = response.headers.get("content-length", "")
                too_large = FetchError(f"{url}: larger than {limit // (1024 * 1024)} MB; is it really a policy document?")
                if declared.isdigit() and int(declared) > limit:
                    raise too_large
                for chunk in response.iter_bytes():
                    data += chunk
                    if len(data) > limit:
                        raise too_large
            return Answer(response.status_code, response.reason_phrase, response.headers, bytes(data))


# --------------------------------------------------------------------------------------------
# The manifest and the files


@dataclass
class Manifest:
    """``OUT/manifest.json``: per URL fetched, the file(s), when, ETag and Last-Modified."""

    folder: Path
    entries: dict[str, dict[str, Any]] = field(default_factory=dict)
    changed: bool = False

    @classmethod
    def load(cls, folder: Path) -> Manifest:
        path = folder / MANIFEST
        if not path.exists():
            return cls(folder)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            entries = {entry["url"]: entry for entry in data["entries"]}
        except (ValueError, KeyError, TypeError) as exc:
            raise FetchError(f"{path}: not a manifest policykg fetch wrote ({type(exc).__name__}); move it away to fetch anew") from None
        return cls(folder, entries)

    def files(self, url: str) -> list[Path]:
        entry = self.entries.get(url) or {}
        names = entry.get("files") or ([entry["file"]] if entry.get("file") else [])
        return [self.folder / name for name in names]

    def conditions(self, url: str) -> dict[str, str]:
        """The conditional headers for ``url``: only when every file it gave is still there."""
        entry, files = self.entries.get(url), self.files(url)
        if not entry or not files or not all(path.is_file() for path in files):
            return {}
        headers = {}
        if entry.get("etag"):
            headers["If-None-Match"] = entry["etag"]
        if entry.get("last_modified"):
            headers["If-Modified-Since"] = entry["last_modified"]
        return headers

    def record(self, target: Target, response: Answer, files: list[Path], *, listed: bool = False) -> None:
        """Remember what ``target`` gave: ``file``, or ``files`` for the items of a list answer."""
        names = [path.relative_to(self.folder).as_posix() for path in files]
        entry: dict[str, Any] = {"url": target.url, "source": target.source, "kind": target.kind}
        entry |= {"files": names} if listed else {"file": names[0]}
        entry |= {
            "fetched_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "etag": response.headers.get("etag"),
            "last_modified": response.headers.get("last-modified"),
            "content_type": response.headers.get("content-type"),
        }
        self.entries[target.url] = entry
        self.changed = True

    def save(self) -> None:
        if self.changed:
            entries = [self.entries[url] for url in sorted(self.entries)]
            atomic_write_text(self.folder / MANIFEST, json.dumps({"policykg": __version__, "entries": entries}, indent=1) + "\n")
            self.changed = False


def _segments(path: str) -> list[str]:
    """Safe file-name segments of a URL path (nothing climbs out of the output folder)."""
    parts = [_SAFE_SEGMENT.sub("-", unquote(part)).strip(".-") for part in path.split("/")]
    return [part for part in parts if part] or ["index"]


def _json(url: str, response: Answer) -> dict[str, Any]:
    kind = response.headers.get("content-type", "")
    try:
        data = json.loads(response.content)
    except (ValueError, UnicodeDecodeError):
        shown = kind.split(";")[0] or "no content type"
        raise FetchError(f"{url}: the answer is not JSON ({shown}); is it a GOV.UK page or Parliament API address?") from None
    if not isinstance(data, dict):
        raise FetchError(f"{url}: the answer is JSON but not an object; is it a GOV.UK page or Parliament API address?")
    return data


# --------------------------------------------------------------------------------------------
# Fetching


@dataclass
class Report:
    """What a fetch did: files written, URLs fetched (saved), unchanged (304) and skipped (attachments
    off GOV.UK and Parliament), failures (one line each)."""

    written: list[Path] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[FetchError] = field(default_factory=list)
    fetched: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line of counts (``fetched 2, unchanged 1, skipped 0, failed 0``), in the order of the progress lines' words."""
        return f"fetched {len(self.fetched)}, unchanged {len(self.unchanged)}, skipped {len(self.skipped)}, failed {len(self.failed)}"


class Fetcher:
    """Fetches URLs into ``out`` with a :class:`Client`, recording them in the manifest."""

    def __init__(self, out: str | Path, *, base_url: str = DEFAULT_BASE, attachments: bool = False,
                 client: Client | None = None, progress: Callable[[str], None] | None = None,
                 done: Callable[[str], None] | None = None) -> None:
        self.out = Path(out)
        self.base = _base(base_url)
        self.attachments = attachments
        self.client = client or Client()
        self.progress = progress or (lambda _: None)
        self.done = done or (lambda _: None)  # told each given URL once it is through (saved, unchanged or failed)
        self.manifest = Manifest.load(self.out)
        self.report = Report()

    def fetch(self, urls: list[str]) -> Report:
        """Fetch every URL (and what it leads to); a failing URL is reported and the others go on."""
        self.out.mkdir(parents=True, exist_ok=True)
        try:
            for url in urls:
                try:
                    self._fetch_one(resolve(url, self.base))
                except FetchError as exc:
                    self.report.failed.append(exc)
                self.done(url)
        finally:
            self.manifest.save()
        return self.report

    def _get(self, target: Target, limit: int = MAX_JSON_BYTES) -> Answer | None:
        """The response for ``target``, or ``None`` when the saved copy is current (304)."""
        response = self.client.get(target.url, self.manifest.conditions(target.url), limit=limit)
        if response.status == 304:
            self.report.unchanged.append(target.url)
            self.progress(f"unchanged  {target.url} (304 Not Modified)")
            return None
        return response

    def _write(self, target: Target, response: Answer, files: list[tuple[Path, bytes]], *, listed: bool = False) -> None:
        for path, data in files:
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(path, data)
            self.report.written.append(path)
        self.report.fetched.append(target.url)
        self.manifest.record(target, response, [path for path, _ in files], listed=listed)
        shown = ", ".join(str(path) for path, _ in files[:3]) + (f" and {len(files) - 3} more" if len(files) > 3 else "")
        size = sum(len(data) for _, data in files)
        self.progress(f"fetched    {target.url} -> {shown} ({max(1, round(size / 1024))} KB)")

    def _saved(self, target: Target) -> dict[str, Any]:
        """The item saved for ``target`` (after a 304)."""
        files = self.manifest.files(target.url)
        return json.loads(files[0].read_text(encoding="utf-8")) if files else {}

    def _fetch_one(self, target: Target, follow: bool = True) -> None:
        if target.kind == "parliament":
            self._fetch_parliament(target)
            return
        response = self._get(target)
        if response is None:
            item = self._saved(target)
        else:
            item = _json(target.url, response)
            if not isinstance(item.get("title"), str) and not isinstance(item.get("base_path"), str):
                raise FetchError(f"{target.url}: JSON, but not a GOV.UK content item (no title, no base_path)")
            base_path = item["base_path"] if isinstance(item.get("base_path"), str) else urlsplit(target.url).path
            path = self.out.joinpath("gov.uk", *_segments(base_path.removeprefix("/api/content")))
            self._write(target, response, [(path.with_name(path.name + ".json"), response.content)])
        if follow and item.get("document_type") != "html_publication":
            for child in html_publications(item):
                self._fetch_one(Target(f"{self.base}/api/content{child}", "govuk", target.source), follow=False)
        if self.attachments:
            self._fetch_attachments(target, item, self.manifest.files(target.url))

    def _fetch_parliament(self, target: Target) -> None:
        response = self._get(target)
        if response is None:
            if self.attachments:
                for path in self.manifest.files(target.url):
                    self._fetch_attachments(target, json.loads(path.read_text(encoding="utf-8")), [path])
            return
        data = _json(target.url, response)
        listed = isinstance(data.get("results"), list)
        if listed:
            items = [(result, json.dumps(result, indent=1, ensure_ascii=False).encode() + b"\n") for result in data["results"]]
        else:
            items = [(data, response.content)]
        files: list[tuple[Path, bytes]] = []
        for item, raw in items:
            value = item.get("value") if isinstance(item, dict) and isinstance(item.get("value"), dict) else item
            if not isinstance(value, dict) or not ("questionText" in value or "dateMade" in value):
                raise FetchError(f"{target.url}: JSON, but not a written question or statement of Parliament's API")
            folder = "written-questions" if "questionText" in value else "written-statements"
            name = _segments(str(value.get("id") or value.get("uin") or "item"))[0]
            files.append((self.out / "parliament" / folder / f"{name}.json", raw))
        if not files:
            raise FetchError(f"{target.url}: the list is empty: no written question or statement to save")
        self._write(target, response, files, listed=listed)
        if self.attachments:
            for (item, _), (path, _) in zip(items, files, strict=True):
                self._fetch_attachments(target, item, [path])

    def _fetch_attachments(self, parent: Target, item: dict[str, Any], saved: list[Path]) -> None:
        """The PDFs ``item`` lists, saved beside its file ``saved[0]``, in the folder named after it."""
        folder = saved[0].with_suffix("") if saved else self.out
        for url in pdf_attachments(item):
            target = Target(_on_base(url, self.base), "attachment", parent.url)
            host = (urlsplit(target.url).hostname or "").lower()
            allowed = {urlsplit(self.base).hostname, PARLIAMENT_API_HOST, *GOVUK_HOSTS}
            if host not in allowed and not host.endswith(".parliament.uk"):
                self.report.skipped.append(target.url)
                self.progress(f"skipped    {target.url}: not on GOV.UK or Parliament")
                continue
            response = self._get(target, limit=MAX_ATTACHMENT_BYTES)
            if response is None:
                continue
            if not response.content.startswith(b"%PDF-"):
                raise FetchError(f"{target.url}: not a PDF ({response.headers.get('content-type', 'no content type')})")
            name = _segments(PurePosixPath(urlsplit(target.url).path).name)[0]
            self._write(target, response, [(folder / name, response.content)])


def fetch(urls: list[str], out: str | Path = "sources", *, base_url: str = DEFAULT_BASE, attachments: bool = False,
          client: Client | None = None, progress: Callable[[str], None] | None = None,
          done: Callable[[str], None] | None = None) -> Report:
    """Fetch ``urls`` into the folder ``out`` (see the module's documentation); returns a :class:`Report`.

    ``progress`` is told one line per URL fetched, unchanged or skipped; ``done`` is told each of
    ``urls`` once it is through, whatever happened to it (a progress bar counts them).
    """
    own = client is None
    client = client or Client()
    try:
        return Fetcher(out, base_url=base_url, attachments=attachments, client=client, progress=progress, done=done).fetch(urls)
    finally:
        if own:
            client.close()

