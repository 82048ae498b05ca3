"""Loaders: the document model from text and HTML, and clear errors for bad input."""

from __future__ import annotations

import random
import re
import subprocess
import sys
from datetime import date

import pytest
from conftest import FIXTURES

from policykg.errors import LoaderError
from policykg.graph.build import build_graph
from policykg.graph.storage import dumps
from policykg.loaders import load_document, seed_path
from policykg.loaders.dates import stated_date
from policykg.loaders.document import normalise_space
from policykg.loaders.govuk_text import parse_govuk_text


def test_seed_structure(seed_document):
    assert seed_document.title == "Tackling child sexual abuse: progress update"
    assert seed_document.published.isoformat() == "2025-04-09"
    assert seed_document.source_url == "https://www.gov.uk/government/publications/tackling-child-sexual-abuse-progress-update"
    numbers = [p.number for p in seed_document.paragraphs if p.number is not None]
    assert numbers == list(range(1, 88))
    headings = [s.heading for s in seed_document.sections]
    assert headings[0] == "Introduction" and headings[-1] == "Next Steps" and len(headings) == 13


def test_irregular_spots_of_the_text_format(seed_document):
    by_locator = {p.locator: p for p in seed_document.paragraphs}
    # A dash alone on its line, the bullet's text on the next.
    justice = next(p for p in seed_document.paragraphs if p.section.startswith("The Justice System") and p.number is None)
    assert [b.text for b in justice.bullets] == [
        "Recommendation 14: Compliance with the Victims’ Code",
        "Recommendation 15: Removal of the three-year limitation period for personal injury claims brought by victims.",
    ]
    # A sub-bullet glued to its parent with " - ".
    p56 = by_locator["p56"].bullets
    assert p56[1].text.startswith("We will monitor the implementation") and p56[1].level == 2
    assert p56[0].text.endswith("online child sexual abuse material.")
    # A flattened sub-list under "this will involve the ONS:".
    levels = [(b.text.split()[0], b.level) for b in by_locator["p29"].bullets]
    assert levels == [("By", 1), ("We", 1), ("Piloting", 2), ("Producing", 2), ("Producing", 2), ("We", 1)]


def test_item_offsets_point_into_paragraph_text(seed_document):
    for paragraph in seed_document.paragraphs:
        for item in paragraph.items:
            assert paragraph.text[item.start : item.end] == item.text


def test_html_and_text_loaders_give_the_same_document_and_graph(seed_document):
    html = load_document(FIXTURES / "seed.html")
    assert html.title == "Tackling child sexual abuse: progress update"
    assert [s.heading for s in html.sections] == [s.heading for s in seed_document.sections]
    assert [(p.locator, p.text) for p in html.paragraphs] == [(p.locator, p.text) for p in seed_document.paragraphs]
    assert dumps(build_graph([html])) == dumps(build_graph([seed_document]))


def test_html_chrome_is_ignored():
    document = load_document(FIXTURES / "seed.html")
    everything = " ".join(p.text for p in document.paragraphs)
    assert "Cookies" not in everything and "Open Government Licence" not in everything


def test_an_aside_in_the_body_is_read_and_one_outside_it_is_chrome(tmp_path):
    # GOV.UK's statistic headlines sit in <aside> inside the body; a page's sidebar is an <aside> outside it.
    page = tmp_path / "plan.html"
    page.write_text(
        '<h1>Departmental plan</h1><aside><p>Related content: Cookies on GOV.UK</p></aside>'
        '<div class="govspeak"><aside class="stat-headline"><p><em>£6bn</em> Total Departmental Expenditure'
        ' Limit in financial year 2015 to 2016</p></aside><h2>Vision</h2><p>We will act.</p></div>',
        encoding="utf-8",
    )
    document = load_document(page)
    texts = [p.text for p in document.paragraphs]
    assert "£6bn Total Departmental Expenditure Limit in financial year 2015 to 2016" in texts
    assert "We will act." in texts
    assert not any("Cookies" in text for text in texts)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "the file is empty"),
        ("blank.txt", b"   \n\n  ", "the file is empty"),
        ("binary.txt", bytes(range(256)) * 4, "binary"),
        ("latin1.txt", "Caf\u00e9 policy\n1. We will act.".encode("latin-1"), "not valid UTF-8"),
        ("truncated.txt", "Title\n1. We will act \u00a3".encode()[:-1], "not valid UTF-8"),
        ("noparagraphs.html", b"<html><body><h1>Only a title</h1></body></html>", "no paragraphs found"),
        ("notitle.html", b"<html><body><p>1. Text.</p></body></html>", "no <h1> title"),
    ],
)
def test_bad_input_gives_a_one_line_error(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(LoaderError) as error:
        load_document(path)
    assert message in str(error.value) and str(path) in str(error.value)
    assert "\n" not in str(error.value)


def test_missing_file_and_unknown_format(tmp_path):
    with pytest.raises(LoaderError, match="no such file"):
        load_document(tmp_path / "nope.txt")
    with pytest.raises(LoaderError, match="unknown source format"):
        load_document(seed_path(), format="epub")


def test_utf16_with_bom_is_read(tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_text(seed_path().read_text(encoding="utf-8"), encoding="utf-16")
    assert len(load_document(path).paragraphs) == len(load_document(seed_path()).paragraphs)


def test_hostile_text_is_kept_verbatim(tmp_path):
    text = "Hostile <script>alert(1)</script>\nPublished 1 May 2025\nIntro\n1. The Home Office will act on <img src=x onerror=alert(1)> by June 2025.\n"
    path = tmp_path / "hostile.txt"
    path.write_text(text, encoding="utf-8")
    document = load_document(path)
    assert "<img src=x onerror=alert(1)>" in document.paragraphs[0].text
    graph = build_graph([document])
    commitment = next(d for _, d in graph.nodes(data=True) if d["type"] == "Commitment")
    assert commitment["deadline"] == "2025-06-30" and "<img" in commitment["text"]


def test_cli_reports_bad_input_without_traceback(tmp_path):
    bad = tmp_path / "binary.txt"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "policykg.cli", "build", str(bad), "-o", str(out)],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0 and "binary" in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()  # nothing half-written


def test_whitespace_is_collapsed_as_the_regex_would():
    """``normalise_space`` skips texts needing no change; it must equal collapsing ``\\s+`` for every
    character (each code point between letters, and at either end) and for random mixes."""
    def expected(text: str) -> str:
        return re.sub(r"\s+", " ", text).strip(" ")

    for code in range(sys.maxunicode + 1):
        character = chr(code)
        for text in (f"a{character}b", f"{character}a", f"a{character}"):
            assert normalise_space(text) == expected(text), hex(code)
    alphabet = [" ", "  ", "a", "b", "\xa0", "\t", "\n", "\u2003", "\u200b", "\xad", "é", "\x85", "\u3000"]
    chooser = random.Random(8)
    for _ in range(50_000):
        text = "".join(chooser.choice(alphabet) for _ in range(chooser.randint(0, 8)))
        assert normalise_space(text) == expected(text), repr(text)


def test_a_text_is_binary_when_more_than_one_in_a_hundred_characters_are_controls(tmp_path):
    """The controls counted are those below U+0020 other than tab, newline, form feed and carriage return."""
    controls = [chr(code) for code in range(32) if chr(code) not in "\n\r\t\f\x00"]  # NUL is refused on sight
    body = "Title\n\n1. We will act by March 2026.\n" + "x" * 4000  # ~4,050 characters: 42 controls allowed
    for control in controls:
        ok, bad = tmp_path / "ok.txt", tmp_path / "bad.txt"
        ok.write_text(control * 40 + body, encoding="utf-8")
        bad.write_text(control * 60 + body, encoding="utf-8")
        assert load_document(ok).paragraphs, repr(control)
        with pytest.raises(LoaderError, match="binary"):
            load_document(bad)
    harmless = tmp_path / "harmless.txt"
    harmless.write_text("\t\r\f\x7f\x85" * 200 + body, encoding="utf-8")  # not counted: layout, DEL, C1
    assert load_document(harmless).paragraphs


def test_text_over_the_limit_is_refused_in_one_line_and_a_pdf_size_is_not(tmp_path, monkeypatch):
    from policykg import loaders
    from policykg.errors import LoaderError

    monkeypatch.setattr(loaders, "MAX_TEXT_BYTES", 1000)  # the same rule at 20 MB, without writing 20 MB
    big = tmp_path / "big.txt"
    big.write_text("Title\nPublished 9 April 2025\nIntro\n" + "1. We will act by May 2026.\n" * 100, encoding="utf-8")
    with pytest.raises(LoaderError, match=r"big\.txt: larger than 0 MB of text"):
        loaders.load_document(big)
    small = tmp_path / "small.txt"
    small.write_text("Title\nPublished 9 April 2025\nIntro\n1. We will act by May 2026.\n", encoding="utf-8")
    assert loaders.load_document(small).paragraphs


def test_html_is_read_as_an_html5_parser_builds_it():
    """Tags the standard leaves implied (unclosed items, cells and rows; a paragraph a list or table
    closes) give the structure a browser shows, not one depending on how sloppy the markup is."""
    from policykg.loaders.govuk_html import parse_govuk_html

    sloppy = ('<h1>T</h1><div class="govspeak"><h2>Steps</h2><p>1. We will act:<ul><li>First step<li>Second step</ul>'
              '<table><tr><th>Theme<th>Complete<tr><td>Data<td>4</table><p>2. We will report.</div>')
    tidy = ('<h1>T</h1><div class="govspeak"><h2>Steps</h2><p>1. We will act:</p><ul><li>First step</li><li>Second step</li></ul>'
            '<table><thead><tr><th>Theme</th><th>Complete</th></tr></thead><tbody><tr><td>Data</td><td>4</td></tr></tbody></table>'
            '<p>2. We will report.</p></div>')
    read = [[(p.number, p.locator, [i.text for i in p.items], p.cells, p.header) for p in parse_govuk_html(html).paragraphs]
            for html in (sloppy, tidy)]
    assert read[0] == read[1]
    assert read[0] == [(1, "p1", ["We will act:", "First step", "Second step"], (), ()),
                       (None, "s1.t1.r1", ["Theme | Complete"], ("Theme", "Complete"), ("Theme", "Complete")),
                       (None, "s1.t1.r2", ["Data | 4"], ("Data", "4"), ("Theme", "Complete")),
                       (2, "p2", ["We will report."], (), ())]


def test_html_nested_beyond_any_page_is_refused_in_one_line_and_a_deep_page_is_read(tmp_path):
    from policykg.loaders import load_document

    deep = tmp_path / "deep.html"
    deep.write_text("<h1>T</h1>" + "<div>" * 5_000 + "<p>1. We will act.</p>" + "</div>" * 5_000, encoding="utf-8")
    with pytest.raises(LoaderError) as refused:
        load_document(deep)
    assert "deep.html" in str(refused.value) and "5,000 deep" in str(refused.value) and "\n" not in str(refused.value)
    fine = tmp_path / "fine.html"  # deeper than real pages, unclosed items and cells as real pages have them
    fine.write_text("<h1>T</h1>" + "<div>" * 200 + "<p>1. We will act.<ul>" + "<li>item" * 3_000 + "</ul>" + "</div>" * 200,
                    encoding="utf-8")
    document = load_document(fine)
    assert [p.number for p in document.paragraphs] == [1] and len(document.paragraphs[0].items) == 3_001
    from policykg.loaders.govuk_html import nesting_depth

    # tags never closed by a ">" nest nothing (and each is read once, not to the end of the text)
    assert nesting_depth("<a " * 100_000) == 0 and nesting_depth("<div><div>" + "<a " * 1_000 + "</div>") == 2


def test_a_debate_record_s_line_dates_the_document():
    # TheyWorkForYou and Parallel Parliament head a debate "Department – in the House of Commons at <time> on <day>".
    assert stated_date(["Infected Blood Inquiry", "Cabinet Office – in the House of Commons at on 18 January 2024."])[0] \
        == date(2024, 1, 18)
    # contrary: a sentence that only mentions a day in the House, going on past it, is no date line
    assert stated_date(["Infected Blood Inquiry",
                        "The Minister said in the House of Commons on 18 January 2024 that the report would follow."]) == (None, None)


def test_a_sitting_s_record_is_titled_by_its_item_not_its_house():
    # Two items of one sitting are two documents: the House line says where, the item's heading is the title.
    first = parse_govuk_text("Northern Ireland Assembly\nTuesday 13 October 2009\nConstruction Industry Training Board\n"
                             "I have received notice from the Minister that she wishes to make a statement.\n")
    second = parse_govuk_text("Northern Ireland Assembly\nTuesday 13 October 2009\nSeptember Monitoring\n"
                              "I have received notice from the Minister of Finance that he wishes to make a statement.\n")
    assert (first.title, second.title) == ("Construction Industry Training Board", "September Monitoring")
    assert first.published == second.published == date(2009, 10, 13)
    # contrary: a title that only begins with a House's name, or a House line with no sitting's date under it, stays
    assert parse_govuk_text("House of Lords reform\nPublished 9 April 2025\nIntro\n1. We will act.\n").title == "House of Lords reform"
    assert parse_govuk_text("House of Commons\nCommittee papers\n1. We will act.\n").title == "House of Commons"
