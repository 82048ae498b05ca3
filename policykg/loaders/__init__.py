"""Loaders: read source documents into the common document model.

One module per source format; this package holds the small registry that picks
the loader for a file (by suffix, then by sniffing the content) and the checks
every file goes through first (exists, not empty, not binary, decodes).  PDF and
Word and OpenDocument text files are read from their bytes (:data:`BINARY_FORMATS`), never decoded as text.

>>> from policykg.loaders import load_document, seed_path
>>> doc = load_document(seed_path())
>>> doc.published.isoformat(), len(doc.paragraphs) > 80
('2025-04-09', True)
"""

from __future__ import annotations

import codecs
import io
import logging
import re
import zipfile
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path

import yaml

from policykg.errors import LoaderError
from policykg.loaders.document import Document
from policykg.loaders.govuk_content import is_content_item, parse_govuk_content
from policykg.loaders.govuk_html import parse_govuk_html
from policykg.loaders.govuk_text import parse_govuk_text
from policykg.loaders.parliament import is_parliament_item, parse_parliament
from policykg.values import iso_date, web_iri_problem

Parser = Callable[..., Document]

#: format name → parser of decoded text
TEXT_FORMATS: dict[str, Parser] = {
    "govuk-text": parse_govuk_text,
    "govuk-html": parse_govuk_html,
    "govuk-content": parse_govuk_content,
    "parliament": parse_parliament,
}


def _parse_pdf(data: bytes, *, path: str | None = None) -> Document:
    from policykg.loaders.pdf import parse_pdf  # imported when needed: PDFium is a large library

    return parse_pdf(data, path=path)


def _parse_docx(data: bytes, *, path: str | None = None) -> Document:
    from policykg.loaders.office import parse_docx

    return parse_docx(data, path=path)


def _parse_odt(data: bytes, *, path: str | None = None) -> Document:
    from policykg.loaders.office import parse_odt

    return parse_odt(data, path=path)


#: format name → parser of the file's bytes (formats that are not text)
BINARY_FORMATS: dict[str, Callable[..., Document]] = {"pdf": _parse_pdf, "docx": _parse_docx, "odt": _parse_odt}
#: file suffix → format name
SUFFIXES: dict[str, str] = {".txt": "govuk-text", ".text": "govuk-text", ".html": "govuk-html", ".htm": "govuk-html", ".json": "govuk-content",
                            ".pdf": "pdf", ".docx": "docx", ".odt": "odt"}

#: Files a folder may hold that are not documents: ``policykg fetch``'s record of what it saved.
NOT_DOCUMENTS = frozenset({"manifest.json"})

_ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
SEED_NAME = "tackling-child-sexual-abuse-progress-update-2025-04.txt"
MAX_BYTES = 50 * 1024 * 1024  # a policy document is never this large; refuse rather than exhaust memory
#: Text, HTML and JSON take tens of bytes of memory per byte to build (figures in benchmarks/README.md,
#: "Large inputs"); a real publication's text is far below the limit.  PDF and Word files may be larger.
MAX_TEXT_BYTES = 20 * 1024 * 1024
#: Control characters other than tab, newline, form feed and carriage return: many of them mean binary data.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
log = logging.getLogger(__name__)


def seed_path() -> Path:
    """The packaged seed document (Crown copyright, Open Government Licence v3.0)."""
    return Path(str(resources.files("policykg") / "data" / "seed" / SEED_NAME))


def decode(data: bytes, path: Path) -> str:
    """Decode a document's bytes, refusing binary files with a clear message."""
    if not data.strip():
        raise LoaderError(f"{path}: the file is empty")
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise LoaderError(f"{path}: not valid {encoding} text ({exc.reason} at byte {exc.start})") from None
    if b"\x00" in data[:8192]:
        raise LoaderError(f"{path}: looks like a binary file, not a text or HTML document")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LoaderError(
            f"{path}: not valid UTF-8 (byte 0x{data[exc.start]:02X} at offset {exc.start}); re-save the file as UTF-8"
        ) from None
    controls = len(_CONTROLS.findall(text, 0, 8192))
    if controls > 0.01 * min(len(text), 8192) + 2:
        raise LoaderError(f"{path}: looks like a binary file, not a text or HTML document")
    return text


def sniff_binary(path: Path, data: bytes) -> str | None:
    """The format of a PDF, Word or OpenDocument text file, from its first bytes (whatever its suffix), else from its
    suffix; ``None`` for a file to read as text."""
    if data[:1024].lstrip().startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
                if "word/document.xml" in names:
                    return "docx"
                if "mimetype" in names and archive.getinfo("mimetype").file_size < 200 and archive.read("mimetype").startswith(_ODT_MIMETYPE):
                    return "odt"
        except Exception:  # a damaged zip raises many kinds of error (NotImplementedError for a garbled version): the suffix decides
            pass
    format = SUFFIXES.get(path.suffix.lower())
    return format if format in BINARY_FORMATS else None


def sniff_format(path: Path, text: str) -> str:
    """The format of a file: from its suffix (for ``.json``, from its keys too), else from its first characters."""
    suffix = path.suffix.lower()
    if (suffix == ".json" or suffix not in SUFFIXES) and is_parliament_item(text):
        return "parliament"  # .json is shared by GOV.UK content items and Parliament's API
    if suffix in SUFFIXES:
        return SUFFIXES[suffix]
    if is_content_item(text):
        return "govuk-content"
    head = text.lstrip()[:200].lower()
    return "govuk-html" if head.startswith(("<!doctype html", "<html", "<head", "<body")) else "govuk-text"


class _MetadataLoader(yaml.SafeLoader):
    """Safe YAML whose dates stay text: :func:`read_metadata` checks them itself, naming the key."""


_MetadataLoader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)

#: Sidecar keys that must hold text; ``source_url`` and ``licence`` must also be http(s) IRIs.
_TEXT_KEYS = ("title", "source_url", "licence")
_IRI_KEYS = ("source_url", "licence")


def read_metadata(path: Path) -> dict:
    """Metadata kept beside a document in ``NAME.meta.yaml`` (title, source_url, published, licence).

    Each known key is checked here: ``title`` is text, ``published`` a date ``YYYY-MM-DD``,
    ``source_url`` and ``licence`` absolute http(s) IRIs.  Anything else raises a
    :class:`LoaderError` of one line naming the file and the key.
    """
    sidecar = path.with_name(path.stem + ".meta.yaml")
    if not sidecar.is_file():
        return {}
    try:
        meta = yaml.load(sidecar.read_text(encoding="utf-8"), Loader=_MetadataLoader) or {}
    except (yaml.YAMLError, UnicodeDecodeError, ValueError) as exc:
        reason = " ".join(str(exc).split())  # one line, whatever the parser said
        raise LoaderError(f"{sidecar}: not valid YAML metadata ({reason})") from None
    if not isinstance(meta, dict):
        raise LoaderError(f"{sidecar}: metadata must be a mapping of keys to values, not {type(meta).__name__}")
    for key in _TEXT_KEYS:
        if meta.get(key) is not None and not isinstance(meta[key], str):
            raise LoaderError(f"{sidecar}: {key}: must be text, not {type(meta[key]).__name__}")
    for key in _IRI_KEYS:
        if meta.get(key) and (problem := web_iri_problem(meta[key])):
            raise LoaderError(f"{sidecar}: {key}: {problem}")
    if meta.get("published") is not None:
        try:
            meta["published"] = iso_date(str(meta["published"]))
        except ValueError as exc:
            raise LoaderError(f"{sidecar}: published: {exc}") from None
    return meta


def _checked_source_url(document: Document) -> str | None:
    """The document's own source URL (an HTML page's canonical link) if it is a valid http(s) IRI;
    else ``None``, with a warning: it is the page's markup, not the user's, that is wrong."""
    url = document.source_url
    if url and (problem := web_iri_problem(url)):
        log.warning("policykg: warning: %s: source URL %r left out: %s", document.path, url[:200], problem)
        return None
    return url or None


def load_document(path: str | Path, format: str | None = None) -> Document:
    """Read one source document into the document model.

    Raises :class:`LoaderError` with a one-line message for a missing, empty,
    binary, undecodable or structureless file.
    """
    path = Path(path)
    if not path.exists():
        raise LoaderError(f"{path}: no such file")
    if not path.is_file():
        raise LoaderError(f"{path}: not a file")
    if path.stat().st_size > MAX_BYTES:
        raise LoaderError(f"{path}: larger than {MAX_BYTES // (1024 * 1024)} MB; is it really a policy document?")
    data = path.read_bytes()
    format = format or sniff_binary(path, data)
    if format in BINARY_FORMATS:
        if not data.strip():
            raise LoaderError(f"{path}: the file is empty")
        source: bytes | str = data
        parse = BINARY_FORMATS[format]
    else:
        if len(data) > MAX_TEXT_BYTES:
            raise LoaderError(f"{path}: larger than {MAX_TEXT_BYTES // (1024 * 1024)} MB of text; is it really one policy document?")
        text = decode(data, path)
        format = format or sniff_format(path, text)
        if format not in TEXT_FORMATS:
            raise LoaderError(f"unknown source format {format!r}; known: {', '.join(sorted([*TEXT_FORMATS, *BINARY_FORMATS]))}")
        source, parse = text, TEXT_FORMATS[format]
    try:
        document = parse(source, path=str(path))
    except ValueError as exc:
        raise LoaderError(f"{path}: {exc}") from None
    if not document.paragraphs:
        raise LoaderError(f"{path}: no paragraphs found; is it a GOV.UK publication in text or HTML form?")
    meta = read_metadata(path)
    document.title = meta.get("title") or document.title
    document.source_url = meta.get("source_url") or _checked_source_url(document)
    document.licence = meta.get("licence") or document.licence
    if meta.get("published") is not None:
        document.published = meta["published"]
    return document


def iter_sources(paths: list[str | Path]) -> Iterator[Path]:
    """Expand files and folders into the document files to load, in a stable order."""
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES and p.name not in NOT_DOCUMENTS)
            if not found:
                raise LoaderError(f"{path}: folder holds no {', '.join(sorted(set(SUFFIXES) - {'.text', '.htm'}))} documents")
            yield from found
        elif not path.exists():
            raise LoaderError(f"{path}: no such file")
        elif not path.is_file():
            raise LoaderError(f"{path}: not a file")
        else:
            yield path
