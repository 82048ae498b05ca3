"""The PDF loader, on PDFs that headless Chromium printed from real GOV.UK HTML (tests/fixtures/pdf)."""

from __future__ import annotations

import random
import re
import subprocess
import sys

import pypdfium2 as pdfium
import pytest
from conftest import FIXTURES
from graph_facts import TABLE_ROW, facts, from_tables_only

from policykg.errors import LoaderError
from policykg.graph.build import build_graph
from policykg.loaders import load_document
from policykg.loaders.pdf import _join_lines

PDFS = FIXTURES / "pdf"
SEED, SCHOOL = "seed-progress-update", "school-revenue-funding"
_HYPHEN_SPACE = re.compile(r"(?<=\w)- (?=\w)")  # see graph_facts: "multi- agency" prints as "multi-" + "agency"


@pytest.fixture(scope="module")
def loaded() -> dict[str, tuple]:
    return {name: (load_document(PDFS / f"{name}.pdf"), load_document(PDFS / f"{name}.html")) for name in (SEED, SCHOOL)}


def page_texts(path) -> list[str]:
    """Each page's plain text as PDFium extracts it (headers and footers included)."""
    pdf = pdfium.PdfDocument(path)
    try:
        return [" ".join(pdf[i].get_textpage().get_text_bounded().split()) for i in range(len(pdf))]
    finally:
        pdf.close()


def model(document, tables: bool = True) -> list[tuple]:
    return [(p.number, p.section, _HYPHEN_SPACE.sub("-", p.text), [(i.kind, i.level) for i in p.items])
            for p in document.paragraphs if tables or not TABLE_ROW.search(p.locator)]


@pytest.mark.parametrize("name", [SEED, SCHOOL])
def test_pdf_and_html_give_the_same_document(loaded, name):
    pdf, html = loaded[name]
    assert (pdf.title, pdf.published) == (html.title, html.published)
    assert [s.heading for s in pdf.sections] == [s.heading for s in html.sections]
    # Tables too: each row a paragraph of its cells, with the same heading row.
    assert model(pdf) == model(html)
    assert [(p.cells, p.header) for p in pdf.paragraphs if p.cells] == [(p.cells, p.header) for p in html.paragraphs if p.cells]


@pytest.mark.parametrize("name", [SEED, SCHOOL])
def test_pdf_and_html_give_the_same_facts(loaded, name):
    pdf, html = loaded[name]
    pdf_graph, html_graph = build_graph([pdf]), build_graph([html])
    assert facts(pdf_graph) == facts(html_graph)
    if name == SEED:
        found = facts(pdf_graph)
        assert len(found["recommendations"]) == 20 and len(found["commitments"]) > 100 and found["money"]
    else:  # the pupil premium rates are read from the table's rows, in both
        from_rows = sorted(d["amount_text"] for _, d in pdf_graph.nodes(data=True) if d["type"] == "Funding" and from_tables_only(d))
        assert from_rows == ["£1,320", "£1,900", "£300", "£935"]


def test_locators_carry_the_page(loaded):
    pdf, _ = loaded[SEED]
    locators = [p.locator for p in pdf.paragraphs]
    assert len(set(locators)) == len(locators)
    for paragraph in pdf.paragraphs:
        assert paragraph.page is not None and paragraph.locator.startswith(f"pg{paragraph.page}.")
    texts = page_texts(PDFS / f"{SEED}.pdf")
    by_number = {p.number: p for p in pdf.paragraphs if p.number is not None}
    assert sorted(by_number) == list(range(1, 88))
    for paragraph in by_number.values():  # each starts on the page its locator names
        assert paragraph.lead[:40] in texts[paragraph.page - 1]
    # Paragraphs go on across page breaks: some end on a later page than the one they start on.
    spanning = [p for p in by_number.values() if " ".join(p.text.split()[-4:]) not in texts[p.page - 1]]
    assert len(spanning) >= 3
    graph = build_graph([pdf])
    sources = {r.locator for _, d in graph.nodes(data=True) if d["type"] == "Commitment" for r in d["provenance"]}
    assert sources and all(re.fullmatch(r"pg\d+\.(p\d+|s\d+\.b\d+)(-\d+)?", locator) for locator in sources)


@pytest.mark.parametrize("name", [SEED, SCHOOL])
def test_running_headers_footers_and_page_numbers_are_dropped(loaded, name):
    texts = page_texts(PDFS / f"{name}.pdf")
    count = len(texts)
    assert all(f"{n}/{count}" in text and ".html" in text for n, text in enumerate(texts, 1))  # Chromium's footer
    assert all(re.search(r"\d+/\d+/\d+, \d+:\d+", text) for text in texts)  # and header: the time it printed
    pdf, _ = loaded[name]
    everything = "\n".join([pdf.title, *(s.heading for s in pdf.sections), *(p.text for p in pdf.paragraphs)])
    assert ".html" not in everything and "file:" not in everything
    assert not re.search(r"\d+/\d+/\d+, \d+:\d+|\b\d+/" + str(count) + r"\b", everything)


def test_a_table_across_a_page_break_is_one_table(loaded):
    pdf, _ = loaded[SCHOOL]
    rows = [p for p in pdf.paragraphs if p.cells]
    assert {p.locator.split(".t")[1].split(".")[0] for p in rows} == {"1"}  # one table
    assert {p.page for p in rows} == {1, 2}
    assert [p.cells for p in rows] == [
        ("Pupils", "Per pupil rate"),
        ("Disadvantaged pupils: primary", "£1,320"),
        ("Disadvantaged pupils: secondary", "£935"),
        ("Pupil premium plus: looked-after children (LAC) and those adopted from care or who leave care under a special guardianship "
         "order or child arrangements order (formally known as a residence order)", "£1,900"),  # cut by the page break, put together
        ("Service children", "£300"),
    ]
    assert all(p.header == ("Pupils", "Per pupil rate") for p in rows)
    assert rows[1].text == "Disadvantaged pupils: primary | £1,320"
    texts = page_texts(PDFS / f"{SCHOOL}.pdf")
    assert texts[1].index("Pupils Per pupil rate") < texts[1].index("child arrangements order")  # Chromium repeated the heading row


def test_hyphens_at_line_ends():
    words = {"evidence", "based", "recommendation"}
    assert _join_lines(["we will act on the recom-", "mendation now"], words) == "we will act on the recommendation now"
    assert _join_lines(["an evidence-", "based approach"], words) == "an evidence-based approach"
    assert _join_lines(["to pre-", "screen images"], words) == "to pre-screen images"
    assert _join_lines(["for 3-", "and 4-year-olds"], words) == "for 3- and 4-year-olds"
    assert _join_lines(["the cross-", "Government group"], words) == "the cross-Government group"


def test_a_scanned_pdf_gives_one_line(tmp_path):
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (850, 1100), "white")
    draw = ImageDraw.Draw(image)
    for row in range(20):
        draw.text((60, 60 + 40 * row), f"{row + 1}. The Government will act on recommendation {row + 1} by March 2026.", fill="black")
    path = tmp_path / "scan.pdf"
    image.save(path, "PDF", resolution=100)
    with pytest.raises(LoaderError) as error:
        load_document(path)
    message = str(error.value)
    assert "no text layer" in message and str(path) in message and "\n" not in message


def test_damaged_truncated_and_encrypted_pdfs_give_one_line(tmp_path):
    data = (PDFS / f"{SCHOOL}.pdf").read_bytes()
    cases = {
        "truncated.pdf": (data[: len(data) // 2], "not a readable PDF"),
        "damaged.pdf": (b"%PDF-1.7\n" + bytes(range(256)) * 20, "not a readable PDF"),
        "encrypted.pdf": (_encrypted_pdf(), "encrypted"),
        "empty.pdf": (b"", "the file is empty"),
    }
    for name, (content, message) in cases.items():
        path = tmp_path / name
        path.write_bytes(content)
        with pytest.raises(LoaderError) as error:
            load_document(path)
        assert message in str(error.value) and str(path) in str(error.value) and "\n" not in str(error.value), name


def test_mutated_pdfs_load_or_give_one_line(tmp_path):
    """Bytes changed at random (a damaged download): the document loads or fails with one line, never a traceback."""
    rng = random.Random(20)
    sources = [(PDFS / f"{name}.pdf").read_bytes() for name in (SEED, SCHOOL)]
    for number in range(40):
        data = bytearray(rng.choice(sources))
        for _ in range(rng.randint(1, 30)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        path = tmp_path / f"mutated-{number}.pdf"
        path.write_bytes(bytes(data[: rng.randrange(len(data))] if rng.random() < 0.3 else data))
        try:
            load_document(path)
        except LoaderError as error:
            assert "\n" not in str(error) and str(path) in str(error)


def _encrypted_pdf() -> bytes:
    """A one-page PDF with a standard security handler whose user password is not empty."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
               b"<< /Filter /Standard /V 1 /R 2 /O <" + b"00" * 32 + b"> /U <" + b"11" * 32 + b"> /P -44 >>"]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj %s endobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 5\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    ident = b"<" + b"ab" * 16 + b">"
    return out + b"trailer << /Size 5 /Root 1 0 R /Encrypt 4 0 R /ID [" + ident + ident + b"] >>\nstartxref\n%d\n%%%%EOF\n" % xref


def test_a_pdf_is_known_by_its_content_and_built_from_the_command_line(tmp_path):
    renamed = tmp_path / "response.bin"
    renamed.write_bytes((PDFS / f"{SCHOOL}.pdf").read_bytes())
    assert load_document(renamed).title == "School revenue funding settlement for 2017 to 2018"
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "policykg.cli", "build", str(PDFS / f"{SCHOOL}.pdf"), "-o", str(out)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "pg2.s1.t1.r5" in (out / "graph.json").read_text(encoding="utf-8")


def test_a_ligature_s_letters_are_one_word():
    # A published PDF sets "ffi" and "ff" as one glyph, which PDFium gives as its letters, each with the glyph's box.
    document = load_document(FIXTURES / "real" / "home-affairs-committee-summer-disorder-government-response-2025-07.pdf")
    text = " ".join(item.text for paragraph in document.paragraphs for item in paragraph.items)
    assert "Office" in text and "officer" in text and "Affairs" in document.sections[0].heading
    assert not re.search(r"\b(?:Of f ice|of f icer|Af fairs)\b", text)
    # contrary: the words a space parts stay apart
    assert "Home Office" in text and "HomeOffice" not in text
