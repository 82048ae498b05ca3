"""Word documents (.docx, built here with python-docx) read into the document model and the graph."""

from __future__ import annotations

import datetime as dt

import docx
import pytest
from graph_facts import facts

from policykg.errors import LoaderError
from policykg.graph.build import build_graph
from policykg.loaders import load_document

RECOMMENDATIONS = ["Recommendation 1: Establish a Child Protection Authority for England.",
                   "Recommendation 2: Appoint a Cabinet Minister for Children."]
RESPONSES = ["The Government accepts recommendation 1. The Home Office will consult on a Child Protection Authority by December 2025.",
             "The Government accepts recommendation 2 in principle. The Department for Education will publish new guidance by March 2026, "
             "backed by £5 million of funding:"]
BULLETS = ["Ofsted will inspect local safeguarding partnerships from April 2026.", "We will report to Parliament each year."]
# The same document as GOV.UK text (the text format has no tables).
TEXT = "\n".join(["Child protection: government response", "Published 3 March 2025", "Recommendations",
                  "The Inquiry made the following recommendations:", *(f"- {r}" for r in RECOMMENDATIONS), "Government response",
                  *(f"{n}. {r}" for n, r in enumerate(RESPONSES, 1)), *(f"- {b}" for b in BULLETS)])


def make_docx(path, *, date_line: bool = True, table: bool = True) -> None:
    document = docx.Document()
    document.add_paragraph("Child protection: government response", style="Title")
    if date_line:
        document.add_paragraph("Published 3 March 2025")
    document.add_heading("Recommendations", level=1)
    document.add_paragraph("The Inquiry made the following recommendations:")
    for text in RECOMMENDATIONS:
        document.add_paragraph(text, style="List Bullet")
    document.add_heading("Government response", level=1)
    for text in RESPONSES:
        document.add_paragraph(text, style="List Number")
    for text in BULLETS:
        document.add_paragraph(text, style="List Bullet 2")
    if table:
        document.add_heading("Annex: progress", level=2)
        grid = document.add_table(rows=3, cols=3)
        for row, cells in zip(grid.rows, [("Recommendation", "Status", "Lead"), ("1", "Accepted", "Home Office"),
                                          ("2", "Accepted in principle", "Department for Education")], strict=True):
            for cell, text in zip(row.cells, cells, strict=True):
                cell.text = text
        for cell in grid.rows[0].cells:
            cell.paragraphs[0].runs[0].bold = True
    document.core_properties.created = dt.datetime(2024, 11, 5, 10, 0, tzinfo=dt.UTC)
    document.save(path)


def test_docx_document_model(tmp_path):
    path = tmp_path / "response.docx"
    make_docx(path)
    document = load_document(path)
    assert document.title == "Child protection: government response"
    assert document.published == dt.date(2025, 3, 3)
    assert [s.heading for s in document.sections] == ["Recommendations", "Government response", "Annex: progress"]
    paragraphs = document.paragraphs
    assert [p.locator for p in paragraphs] == ["s1.b1", "p1", "p2", "s3.t1.r1", "s3.t1.r2", "s3.t1.r3"]
    assert [b.text for b in paragraphs[0].bullets] == RECOMMENDATIONS
    assert paragraphs[1].number == 1 and paragraphs[1].lead == RESPONSES[0]
    assert [(b.text, b.level) for b in paragraphs[2].bullets] == [(b, 2) for b in BULLETS]
    table = paragraphs[3:]
    assert [p.cells for p in table] == [("Recommendation", "Status", "Lead"), ("1", "Accepted", "Home Office"),
                                        ("2", "Accepted in principle", "Department for Education")]
    assert table[2].text == "2 | Accepted in principle | Department for Education"
    assert all(p.header == ("Recommendation", "Status", "Lead") for p in table)


def test_docx_and_text_give_the_same_graph(tmp_path):
    path = tmp_path / "response.docx"
    make_docx(path, table=False)
    text = tmp_path / "response.txt"
    text.write_text(TEXT, encoding="utf-8")
    from_word, from_text = build_graph([load_document(path)]), build_graph([load_document(text)])
    found = facts(from_word)
    assert found == facts(from_text)
    assert {number for number, _ in found["recommendations"]} == {1, 2}
    assert ("The Home Office will consult on a Child Protection Authority by December 2025.", "2025-12-31") in found["commitments"]
    assert {"Home Office", "Department for Education"} <= found["bodies"] and found["money"]


def test_docx_date_from_core_properties_and_by_content(tmp_path):
    path = tmp_path / "response.data"  # no suffix to go by: a zip with word/document.xml
    make_docx(path, date_line=False)
    assert load_document(path).published == dt.date(2024, 11, 5)


@pytest.mark.parametrize(("name", "content", "message"), [
    ("damaged.docx", b"PK\x03\x04" + b"\x00" * 200, "not a readable Word (.docx) document"),
    ("notzip.docx", b"this is not a zip file at all", "not a readable Word (.docx) document"),
    ("paper.odt", None, "not a readable OpenDocument text (.odt) document"),
])
def test_bad_word_files_give_one_line(tmp_path, name, content, message):
    path = tmp_path / name
    if content is None:  # a zip with the ODT mimetype whose content.xml uses a prefix it never declares
        import zipfile

        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
            archive.writestr("content.xml", "<office:document-content/>")
    else:
        path.write_bytes(content)
    with pytest.raises(LoaderError) as error:
        load_document(path)
    assert message in str(error.value) and str(path) in str(error.value) and "\n" not in str(error.value)
