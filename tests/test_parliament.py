"""The Parliament loader: written questions (with their answers) and written statements as the
API of questions-statements-api.parliament.uk serves them (real answers in tests/fixtures/parliament/)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import policykg
from policykg.errors import LoaderError
from policykg.loaders import load_document, sniff_format
from policykg.loaders.parliament import ANSWER_SECTION, QUESTION_SECTION, parse_parliament

FIXTURES = Path(__file__).parent / "fixtures" / "parliament"
REAL = Path(__file__).parent / "fixtures" / "real"
QUESTION = FIXTURES / "written-question-1679416.json"
LIST = FIXTURES / "written-questions-list-excerpt.json"


def nodes(graph, kind: str) -> dict[str, dict]:
    return {node: data for node, data in graph.nodes(data=True) if data.get("type") == kind}


def question_item(question: str, answer: str, **extra) -> dict:
    """A written question in the API's shape (the fields of QuestionsViewModel)."""
    value = {"id": 1, "uin": "HL1234", "house": "Lords", "heading": "Schools: Funding", "questionText": question,
             "answeringBodyId": 60, "answeringBodyName": "Department for Education", "dateTabled": "2025-03-03T00:00:00",
             "dateAnswered": "2025-03-10T00:00:00", "answerText": answer, "isWithdrawn": False, "answerIsHolding": False}
    value.update(extra)
    return {"value": value, "links": [{"rel": "self", "href": "/Questions/1", "method": "GET"}]}


# Written from the API's schema (StatementsViewModel): no real statement answer was at hand (README).
STATEMENT = {"value": {
    "id": 1000, "memberId": 4000, "memberRole": "Minister of State for School Standards", "uin": "HCWS99",
    "dateMade": "2025-06-02T00:00:00", "answeringBodyId": 60, "answeringBodyName": "Department for Education",
    "title": "School Funding Update", "house": "Commons", "noticeNumber": 1, "hasAttachments": False,
    "hasLinkedStatements": False, "attachments": [], "linkedStatements": [],
    "member": {"id": 4000, "name": "A Minister", "party": "Labour", "memberFrom": "Somewhere"},
    "text": "<p>Today I am announcing the schools funding settlement.</p><p>We will publish the national funding formula by May 2026.</p>",
}}


def test_real_written_question_is_one_document_dated_by_its_answer() -> None:
    document = load_document(QUESTION)
    assert document.title == "Apprentices: Employment Agencies"
    assert document.published.isoformat() == "2024-01-10"  # dateAnswered, not dateTabled (2024-01-05)
    assert document.source_url == "https://questions-statements.parliament.uk/written-questions/detail/2024-01-05/7926"
    assert "open-parliament-licence" in document.licence
    headings = [section.heading for section in document.sections]
    assert headings == ["", QUESTION_SECTION, ANSWER_SECTION]
    lead = document.sections[0].paragraphs[0].text
    assert lead == "Written question 7926 in the House of Commons, answered by the Department for Education on 10 January 2024."
    question = document.sections[1].paragraphs
    assert [p.text for p in question] == [json.loads(QUESTION.read_text())["value"]["questionText"]]
    assert document.sections[2].paragraphs[0].text.startswith("The department is supporting sectors")


def test_sniffed_by_content_beside_govuk_content_items() -> None:
    assert sniff_format(QUESTION, QUESTION.read_text()) == "parliament"
    item = REAL / "govuk-school-revenue-funding-2017-18-written-statement.json"
    assert sniff_format(item, item.read_text()) == "govuk-content"  # .json: GOV.UK keeps its loader
    assert sniff_format(Path("no-suffix"), QUESTION.read_text()) == "parliament"


def test_answering_department_is_an_organisation_and_the_question_no_commitment() -> None:
    graph = policykg.build_graph([load_document(QUESTION)])
    organisations = {data["label"] for data in nodes(graph, "Organisation").values()}
    assert "Department for Education" in organisations
    assert not [data for data in nodes(graph, "Commitment").values() if data["section"] == QUESTION_SECTION]
    (document,) = nodes(graph, "Document").values()
    assert document["published"] == "2024-01-10"


def test_a_dated_question_is_never_a_commitment_but_the_dated_answer_is() -> None:
    item = question_item("To ask His Majesty's Government whether they will publish the new funding formula by May 2026.",
                         "<p>We will publish the new funding formula by May 2026.</p>")
    graph = policykg.build_graph([parse_parliament(json.dumps(item))])
    commitments = list(nodes(graph, "Commitment").values())
    assert [(c["section"], c["text"], c["deadline"]) for c in commitments] == [
        (ANSWER_SECTION, "We will publish the new funding formula by May 2026.", "2026-05-31")]


def test_a_question_worded_otherwise_is_not_a_commitment_either() -> None:
    item = question_item("Will the Government publish the new funding formula by May 2026?", "<p>Yes.</p>")
    graph = policykg.build_graph([parse_parliament(json.dumps(item))])
    assert not nodes(graph, "Commitment")


def test_written_statement_lead_date_and_commitment() -> None:
    document = parse_parliament(json.dumps(STATEMENT))
    assert document.title == "School Funding Update"
    assert document.published.isoformat() == "2025-06-02"
    assert document.source_url == "https://questions-statements.parliament.uk/written-statements/detail/2025-06-02/hcws99"
    assert document.paragraphs[0].text == ("Written statement HCWS99 to the House of Commons, made by the Department for "
                                           "Education on 2 June 2025.")
    graph = policykg.build_graph([document])
    assert "Department for Education" in {data["label"] for data in nodes(graph, "Organisation").values()}
    assert [c["deadline"] for c in nodes(graph, "Commitment").values()] == ["2026-05-31"]


def test_list_of_one_is_read_a_list_of_several_refused_in_one_line(tmp_path: Path) -> None:
    with pytest.raises(LoaderError) as error:
        load_document(LIST)
    message = str(error.value)
    assert "\n" not in message and "a list of 2" in message and "split it" in message and str(LIST) in message
    data = json.loads(LIST.read_text())
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"totalResults": 1, "results": data["results"][:1]}))
    document = load_document(one)
    assert document.title == "River Tame: Pollution"
    assert document.published.isoformat() == "2024-02-14"
    assert document.sections[-1].paragraphs[0].text.startswith("In the last five years")  # plain text of a list answer


def test_unanswered_question_is_dated_when_tabled() -> None:
    item = question_item("To ask His Majesty's Government what plans they have for school funding.", None, dateAnswered=None)
    document = parse_parliament(json.dumps(item))
    assert document.published.isoformat() == "2025-03-03"
    assert [s.heading for s in document.sections] == ["", QUESTION_SECTION]
    assert "not answered yet" in document.paragraphs[0].text


@pytest.mark.parametrize("text, reason", [
    ("[1, 2]", "JSON object"),
    ('{"value": {"answeringBodyName": "Home Office"}}', "not a written question or statement"),
    ('{"value": {"questionText": "", "answeringBodyName": "Home Office"}}', "no questionText"),
    ('{"value": {"dateMade": "2025-01-01", "text": "", "answeringBodyName": "Home Office"}}', "no text"),
    ('{"value": {"questionText": "To ask', "not valid JSON"),
])
def test_malformed_items_are_one_line_errors(tmp_path: Path, text: str, reason: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(text)
    with pytest.raises(LoaderError) as error:
        load_document(path, format="parliament")
    assert reason in str(error.value) and "\n" not in str(error.value)


def test_build_reads_a_folder_of_questions_and_skips_the_manifest(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from policykg.cli import cli

    shutil.copy(QUESTION, tmp_path / "q.json")
    (tmp_path / "manifest.json").write_text(json.dumps({"version": 1, "entries": []}))
    result = CliRunner().invoke(cli, ["build", str(tmp_path), "-o", str(tmp_path / "out"), "-q", "--no-cache", "-j", "1"])
    assert result.exit_code == 0, result.output
    graph = json.loads((tmp_path / "out" / "graph.json").read_text())
    assert "Department for Education" in json.dumps(graph)
