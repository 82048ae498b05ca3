"""OpenDocument text (.odt) read into the document model and the graph: the real GOV.UK pages that
LibreOffice Writer saved as ODT (tests/fixtures/odt) against the HTML and text they came from."""

from __future__ import annotations

import io
import random
import re
import subprocess
import sys
import zipfile

import pytest
from conftest import FIXTURES
from graph_facts import facts, from_tables_only
from test_office import make_docx

from policykg.errors import LoaderError
from policykg.graph.build import build_graph
from policykg.loaders import load_document, office, seed_path

ODT, PDFS = FIXTURES / "odt", FIXTURES / "pdf"
SEED, SCHOOL = "seed-progress-update", "school-revenue-funding"
NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
      'xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"')
# Real sentences: the seed (Tackling child sexual abuse: progress update, Home Office, 9 April 2025).
LEAD = "These measures include responding directly to several of IICSA’s recommendations:"
BULLET = ("Legislating to make grooming a statutory aggravating factor in the sentencing of child sexual offences.")
RECOMMENDATION = "Recommendation 2: Establish Child Protection Authorities for England and Wales."
CABINET = "The Secretary of State for Education is the Cabinet minister for children."
AGREES = "The Government agrees with the importance of having a clear focus on children across Government, including at Cabinet level."
BOARD = "A new Keeping Children Safe ministerial board will also drive and mainstream the strong collective focus on children."


def odt(body: str, *, styles: str = "", prolog: str = "", extra: dict[str, str] | None = None) -> bytes:
    """An ODT package whose content.xml holds ``body`` (ODF XML, as Writer writes it)."""
    content = (f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<office:document-content {NS}>'
               f"<office:automatic-styles>{styles}</office:automatic-styles><office:body><office:text>{body}</office:text>"
               "</office:body></office:document-content>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content)
        for name, text in (extra or {}).items():
            archive.writestr(name, text)
    return out.getvalue()


def model(document) -> list[tuple]:
    return [(p.number, p.section, p.locator, p.text, [(i.kind, i.level) for i in p.items], p.cells, p.header) for p in document.paragraphs]


@pytest.fixture(scope="module")
def loaded() -> dict[str, tuple]:
    return {name: (load_document(ODT / f"{name}.odt"), load_document(PDFS / f"{name}.html")) for name in (SEED, SCHOOL)}


@pytest.mark.parametrize("name", [SEED, SCHOOL])
def test_odt_and_html_give_the_same_document(loaded, name):
    from_odt, from_html = loaded[name]
    assert (from_odt.title, from_odt.published) == (from_html.title, from_html.published)
    assert [s.heading for s in from_odt.sections] == [s.heading for s in from_html.sections]
    assert model(from_odt) == model(from_html)
    if name == SEED:  # Writer's level-1 heading is the title; its numbered paragraphs and nested bullets are kept
        assert from_odt.title == "Tackling child sexual abuse: progress update" and from_odt.sections[0].heading == "Introduction"
        assert sorted(p.number for p in from_odt.paragraphs if p.number is not None) == list(range(1, 88))
        assert {i.level for p in from_odt.paragraphs for i in p.bullets} == {1, 2}
    else:
        rows = [(p.cells, p.header) for p in from_odt.paragraphs if p.cells]
        assert rows[0] == (("Pupils", "Per pupil rate"), ("Pupils", "Per pupil rate")) and len(rows) == 5


@pytest.mark.parametrize("name", [SEED, SCHOOL])
def test_odt_html_and_text_give_the_same_facts(loaded, name):
    from_odt, from_html = loaded[name]
    odt_graph = build_graph([from_odt])
    found = facts(odt_graph)
    assert found == facts(build_graph([from_html]))
    if name == SEED:  # the packaged seed is the same document as GOV.UK text
        assert found == facts(build_graph([load_document(seed_path())]))
        assert len(found["recommendations"]) == 20 and len(found["responses"]) == 20 and len(found["commitments"]) > 100
        assert found["money"] and any(kind == "Commitment" for kind, _, _ in found["dates"])
    else:  # the pupil premium rates are read from the table's rows
        from_rows = sorted(d["amount_text"] for _, d in odt_graph.nodes(data=True) if d["type"] == "Funding" and from_tables_only(d))
        assert from_rows == ["£1,320", "£1,900", "£300", "£935"]


def test_a_word_document_saved_by_writer_reads_as_the_word_document(tmp_path):
    word = tmp_path / "response.docx"
    make_docx(word)
    from_odt, from_word = load_document(ODT / "response-from-word.odt"), load_document(word)
    assert (from_odt.title, from_odt.published) == (from_word.title, from_word.published)
    assert model(from_odt) == model(from_word)
    assert [p.locator for p in from_odt.paragraphs] == ["s1.b1", "p1", "p2", "s3.t1.r1", "s3.t1.r2", "s3.t1.r3"]
    assert {(b.text, b.level) for b in from_odt.paragraphs[2].bullets} == {
        ("Ofsted will inspect local safeguarding partnerships from April 2026.", 2), ("We will report to Parliament each year.", 2)}
    assert facts(build_graph([from_odt])) == facts(build_graph([from_word]))


LIST_STYLES = ('<text:list-style style:name="N"><text:list-level-style-number text:level="1" style:num-format="1"/>'
               '<text:list-level-style-bullet text:level="2" text:bullet-char="•"/></text:list-style>'
               '<text:list-style style:name="B"><text:list-level-style-bullet text:level="1" text:bullet-char="•"/></text:list-style>'
               '<style:style style:name="P9" style:family="paragraph" style:parent-style-name="Title"/>'
               '<style:style style:name="Title" style:family="paragraph"/>')


def test_writer_lists_numbering_and_what_is_not_body_text(tmp_path):
    body = (
        '<text:p text:style-name="P9">Tackling child sexual abuse: progress update</text:p>'
        '<text:table-of-content><text:index-body><text:p>Introduction 3</text:p></text:index-body></text:table-of-content>'
        '<text:h text:outline-level="2">Introduction</text:h>'
        f'<text:list text:style-name="N" xml:id="list1"><text:list-item><text:p>{CABINET}</text:p></text:list-item></text:list>'
        f'<text:p>{LEAD}</text:p>'
        f'<text:list text:style-name="N"><text:list-item><text:p>{BULLET}</text:p></text:list-item></text:list>'
        f'<text:p>{AGREES}</text:p>'
        # continues list1's numbering: 2, then 7 (a start value), with a nested bullet
        f'<text:list text:style-name="N" text:continue-list="list1"><text:list-item><text:p>{BOARD}<text:note text:note-class="footnote">'
        '<text:note-citation>1</text:note-citation><text:note-body><text:p>A footnote.</text:p></text:note-body></text:note>'
        '<office:annotation><dc:creator>Editor</dc:creator><text:p>A comment.</text:p></office:annotation></text:p></text:list-item>'
        f'<text:list-item text:start-value="7"><text:p>The<text:s text:c="2"/>Board<text:tab/>meets.<text:line-break/>Monthly.</text:p>'
        f'<text:list><text:list-item><text:p>{RECOMMENDATION}</text:p></text:list-item></text:list></text:list-item></text:list>'
        '<text:tracked-changes><text:changed-region><text:deletion><text:p>Deleted words.</text:p></text:deletion></text:changed-region></text:tracked-changes>'
        '<text:section text:name="S1"><text:p>Published 9 April 2025</text:p><text:p>In a section.</text:p></text:section>'
        '<text:p><draw:frame><draw:text-box><text:p>In a text box.</text:p></draw:text-box></draw:frame>After a frame.</text:p>'
    )
    path = tmp_path / "lists.odt"
    path.write_bytes(odt(body, styles=LIST_STYLES))
    document = load_document(path)
    assert document.title == "Tackling child sexual abuse: progress update" and str(document.published) == "2025-04-09"
    assert [(p.locator, p.number, p.text) for p in document.paragraphs] == [
        ("p1", 1, CABINET),
        ("s1.b2", None, f"{LEAD}\n{BULLET}"),  # a numbered list right after a lead-in is its bullets
        ("s1.b3", None, AGREES),
        ("p2", 2, BOARD),
        ("p7", 7, f"The Board meets. Monthly.\n{RECOMMENDATION}"),
        ("s1.b6", None, "In a section."),
        ("s1.b7", None, "After a frame."),
    ]
    text = "\n".join(p.text for p in document.paragraphs)
    for absent in ("Introduction 3", "A footnote", "A comment", "Editor", "Deleted words", "In a text box"):
        assert absent not in text


HOSTILE = ["<script>alert('policykg')</script>", "{{7*7}} ${jndi:ldap://127.0.0.1/x} =cmd|' /C calc'!A0", "<b>not bold</b> &amp; &lt;"]


def test_script_like_text_stays_text_and_macros_are_not_read(tmp_path):
    """Text that looks like markup or code comes out as written; a macro in the package is never read."""
    from xml.sax.saxutils import escape

    body = '<text:h text:outline-level="1">Tackling child sexual abuse: progress update</text:h>' + "".join(
        f"<text:p>{number}. {escape(text)}</text:p>" for number, text in enumerate([CABINET, *HOSTILE], 1))
    macro = {"Basic/Standard/Module1.xml": "<script:module>Sub Main : Shell(\"touch /tmp/policykg-pwned\") : End Sub</script:module>",
             "META-INF/manifest.xml": "<manifest:manifest/>"}
    hostile, benign = tmp_path / "hostile.odt", tmp_path / "benign.odt"
    hostile.write_bytes(odt(body, extra=macro))
    benign.write_bytes(odt(body))
    assert model(load_document(hostile)) == model(load_document(benign))
    paragraphs = load_document(hostile).paragraphs
    assert [p.lead for p in paragraphs] == [CABINET, *HOSTILE]
    assert office._odt_package(hostile.read_bytes()).count(b"Basic/") == 0


def test_xml_entities_are_refused_in_one_line(tmp_path):
    body = '<text:h text:outline-level="1">Title</text:h><text:p>{}</text:p>'
    laughs = "<!DOCTYPE office:document-content [<!ENTITY a \"aaaaaaaaaa\">" + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9)) + "]>"
    external = '<!DOCTYPE office:document-content [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    benign = tmp_path / "benign.odt"
    benign.write_bytes(odt(body.format(CABINET)))
    assert load_document(benign).paragraphs[0].text == CABINET
    for name, prolog, text in (("laughs.odt", laughs, "&j;"), ("external.odt", external, "&x;")):
        path = tmp_path / name
        path.write_bytes(odt(body.format(text), prolog=prolog))
        with pytest.raises(LoaderError) as error:
            load_document(path)
        message = str(error.value)
        assert message.startswith(f"{path}: ") and "\n" not in message and "root:" not in message


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_bad_odt_files_give_one_line(tmp_path):
    good = (ODT / f"{SCHOOL}.odt").read_bytes()
    cases = {
        "empty.odt": (b"", "the file is empty"),
        "truncated.odt": (good[: len(good) // 2], "not a readable OpenDocument text (.odt) document"),
        "notzip.odt": (b"This is not a zip archive at all, just text.", "not a readable OpenDocument text (.odt) document"),
        "spreadsheet.odt": (_zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"}),
                            "its mimetype is 'application/vnd.oasis.opendocument.spreadsheet'"),
        "nomimetype.odt": (_zip({"content.xml": b"<x/>"}), "a zip archive with no mimetype"),
        "garbled.odt": (odt("<text:p>unclosed"), "not a readable OpenDocument text (.odt) document"),
        "encrypted.odt": ((ODT / "school-revenue-funding-encrypted.odt").read_bytes(), "is encrypted (password-protected)"),
        "untitled.odt": (odt(f"<text:p>{CABINET}</text:p>"), "has no title"),
    }
    path = tmp_path / "good.odt"
    path.write_bytes(good)
    assert load_document(path).title == "School revenue funding settlement for 2017 to 2018"
    for name, (content, message) in cases.items():
        path = tmp_path / name
        path.write_bytes(content)
        with pytest.raises(LoaderError) as error:
            load_document(path)
        assert message in str(error.value) and str(error.value).startswith(f"{path}: ") and "\n" not in str(error.value), name


def test_a_zip_bomb_is_refused_before_it_is_inflated(tmp_path):
    """65 MB of XML packed into a small file: refused from the sizes the zip declares, in well under a second."""
    import time

    body = f'<text:h text:outline-level="1">Title</text:h><text:p>{CABINET}</text:p>'
    bomb = odt(body + " " * (office.MAX_ODT_XML_BYTES + 1))
    assert len(bomb) < 1024 * 1024
    (tmp_path / "bomb.odt").write_bytes(bomb)
    (tmp_path / "small.odt").write_bytes(odt(body + " " * 1024))
    assert load_document(tmp_path / "small.odt").paragraphs[0].text == CABINET
    started = time.perf_counter()
    with pytest.raises(LoaderError) as error:
        load_document(tmp_path / "bomb.odt")
    assert time.perf_counter() - started < 1.0
    assert re.search(r": holds 67,1\d\d,\d{3} bytes of XML, more than 64 MB; ", str(error.value)) and "\n" not in str(error.value)


def test_xml_over_the_limit_is_refused(tmp_path, monkeypatch):
    small, large = (ODT / f"{SCHOOL}.odt").read_bytes(), (ODT / f"{SEED}.odt").read_bytes()
    with zipfile.ZipFile(io.BytesIO(small)) as archive:
        limit = sum(archive.getinfo(name).file_size for name in office._ODT_PARTS if name in archive.namelist()) + 1
    monkeypatch.setattr(office, "MAX_ODT_XML_BYTES", limit)
    (tmp_path / "small.odt").write_bytes(small)
    (tmp_path / "large.odt").write_bytes(large)
    assert load_document(tmp_path / "small.odt").paragraphs
    with pytest.raises(LoaderError) as error:
        load_document(tmp_path / "large.odt")
    assert "bytes of XML, more than" in str(error.value) and "\n" not in str(error.value)


def test_mutated_odts_load_or_give_one_line(tmp_path):
    """Bytes changed at random (a damaged download): the document loads or fails with one line, never a traceback."""
    rng = random.Random(20)
    sources = [(ODT / f"{name}.odt").read_bytes() for name in (SEED, SCHOOL)]
    failed = 0
    for number in range(40):
        data = bytearray(rng.choice(sources))
        for _ in range(rng.randint(1, 30)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        path = tmp_path / f"mutated-{number}.odt"
        path.write_bytes(bytes(data[: rng.randrange(len(data))] if rng.random() < 0.3 else data))
        try:
            load_document(path)
        except LoaderError as error:
            failed += 1
            assert "\n" not in str(error) and str(error).startswith(f"{path}: ")
    assert failed > 0


def test_an_odt_is_known_by_its_content_and_built_from_the_command_line(tmp_path):
    renamed = tmp_path / "response.bin"
    renamed.write_bytes((ODT / f"{SCHOOL}.odt").read_bytes())
    assert load_document(renamed).title == "School revenue funding settlement for 2017 to 2018"
    runs = []
    for name in ("out", "again"):
        result = subprocess.run([sys.executable, "-m", "policykg.cli", "build", str(ODT / f"{SCHOOL}.odt"), "-o", str(tmp_path / name)],
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        runs.append((tmp_path / name / "graph.json").read_bytes())
    assert runs[0] == runs[1] and b"s1.t1.r5" in runs[0]  # same input, same bytes; the table's rows are read


def test_a_damaged_odt_leaves_the_last_build_as_it_was(tmp_path):
    out = tmp_path / "out"
    command = [sys.executable, "-m", "policykg.cli", "build", "-o", str(out)]
    assert subprocess.run([*command, str(ODT / f"{SCHOOL}.odt")], capture_output=True, text=True).returncode == 0
    before = (out / "graph.json").read_bytes()
    damaged = tmp_path / "damaged.odt"
    damaged.write_bytes((ODT / f"{SEED}.odt").read_bytes()[:30_000])
    result = subprocess.run([*command, str(ODT / f"{SCHOOL}.odt"), str(damaged)], capture_output=True, text=True)
    assert result.returncode != 0 and str(damaged) in result.stderr
    errors = [line for line in result.stderr.splitlines() if "damaged.odt" in line]
    assert len(errors) == 1 and "not a readable OpenDocument text (.odt) document" in errors[0]
    assert (out / "graph.json").read_bytes() == before
