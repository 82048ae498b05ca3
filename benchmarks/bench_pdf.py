"""PDF reading speed: pages per second of policykg's PDF loader against PDFium's own plain text.

    .venv/bin/python benchmarks/bench_pdf.py              # the test PDFs and a 50-page PDF made from them
    .venv/bin/python benchmarks/bench_pdf.py --repeat 5 --pages 100

For each PDF, the median of ``--repeat`` runs in this process of:

* ``loader``: ``policykg.loaders.pdf.parse_pdf`` (characters with their boxes and fonts, shapes,
  tables, running headers, blocks, the document model);
* ``pdfium text``: pypdfium2's plain text of every page (``PdfTextPage.get_text_bounded``), the
  library's own extraction, with no layout or structure;
* ``pdfplumber text`` (only if pdfplumber is installed; it is not a dependency): ``extract_text``
  of every page, the other library considered (see benchmarks/README.md).

The long PDF repeats the pages of the test PDFs (PDFium's ``import_pages``) up to ``--pages``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from policykg.loaders.pdf import parse_pdf  # noqa: E402

PDFS = ROOT / "tests" / "fixtures" / "pdf"


def long_pdf(sources: list[Path], pages: int, target: Path) -> Path:
    """A PDF of ``pages`` pages, the sources' pages over and over."""
    out = pdfium.PdfDocument.new()
    while len(out) < pages:
        for source in sources:
            pdf = pdfium.PdfDocument(source)
            take = min(len(pdf), pages - len(out))
            out.import_pages(pdf, list(range(take)))
            pdf.close()
            if len(out) >= pages:
                break
    out.save(target)
    out.close()
    return target


def pdfium_text(data: bytes) -> int:
    pdf = pdfium.PdfDocument(data)
    try:
        return sum(len(pdf[i].get_textpage().get_text_bounded()) for i in range(len(pdf)))
    finally:
        pdf.close()


def pdfplumber_text(data: bytes) -> int:
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return sum(len(page.extract_text() or "") for page in pdf.pages)


def timed(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pages", type=int, default=50, help="pages of the long PDF")
    args = parser.parse_args()
    sources = sorted(PDFS.glob("*.pdf"))
    readers: dict[str, Callable[[bytes], object]] = {"loader": lambda data: parse_pdf(data), "pdfium text": pdfium_text}
    try:
        import pdfplumber  # noqa: F401

        readers["pdfplumber text"] = pdfplumber_text
    except ImportError:
        pass
    with tempfile.TemporaryDirectory() as folder:
        files = [*sources, long_pdf(sources, args.pages, Path(folder) / f"long-{args.pages}-pages.pdf")]
        print(f"{'PDF':34} {'pages':>5} " + " ".join(f"{name + ' pages/s':>22}" for name in readers) + f" {'loader / pdfium':>16}")
        for path in files:
            data = path.read_bytes()
            pdf = pdfium.PdfDocument(data)
            pages = len(pdf)
            pdf.close()
            rates = {name: pages / timed(lambda read=read, data=data: read(data), args.repeat) for name, read in readers.items()}
            print(f"{path.name:34} {pages:5} " + " ".join(f"{rate:22.1f}" for rate in rates.values())
                  + f" {rates['loader'] / rates['pdfium text']:16.2f}")


if __name__ == "__main__":
    main()
