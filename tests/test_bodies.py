"""Named bodies: readings that keep false bodies out and find bodies texts name, each with a contrary case."""

from __future__ import annotations

from policykg.graph.build import _addressed_as_forum, build_graph
from policykg.graph.mentions import Gazetteer, MentionFinder, _with_written_forms, load_reference
from policykg.loaders.govuk_text import parse_govuk_text


def _names(text: str) -> list[str]:
    return [m.entity.name for m in MentionFinder(Gazetteer.packaged().copy()).find(text)]


def _discovered(text: str) -> list[str]:
    return [m.entity.name for m in MentionFinder(Gazetteer([])).find(text)]


def test_a_month_before_a_council_names_its_meeting_not_a_body():
    assert _discovered("The presidency hoped that the decision would be formally adopted at the November JHA Council.") == []
    assert _discovered("The test should take place in line with the June Council conclusions.") == []
    # contrary: a council named without a month is found, and a name after "May" (a surname as often) is kept
    assert _discovered("The Lowland Water Council met in Luxembourg.") == ["Lowland Water Council"]
    assert _discovered("The May Committee reported in 1931.") == ["May Committee"]


def test_a_committee_addressed_as_your_committee_is_no_name():
    assert _discovered("Your Committee reached three conclusions.") == []
    # contrary: the committee's own name is found
    assert _discovered("The Lowland Affairs Committee reached three conclusions.") == ["Lowland Affairs Committee"]


def test_a_name_cut_before_a_listed_name_and_ending_in_of_or_the_is_no_name():
    # "Business, Innovation and Skills" and "BBC" are listed: the words left before them end in "of" / "on the"
    assert _names("the Department of Business, Innovation and Skills (BIS) has reached agreement") == [
        "Department for Business, Innovation & Skills", "Department for Business, Innovation & Skills"]
    assert _names("The Extended Advisory Group on the BBC meets monthly.") == ["BBC"]
    # contrary: the whole name, where nothing listed cuts it, is a name
    assert _discovered("The Extended Advisory Group on the Lowland Waters meets monthly.") == [
        "Extended Advisory Group on the Lowland Waters"]


def test_a_minister_s_title_names_no_body():
    assert _discovered("My hon. Friend the Minister for the Armed Forces and I wish to make a statement.") == []
    # contrary: the chair of a named body names the body
    assert _discovered("The Chair of the Lowland Water Commission wrote to me.") == ["Lowland Water Commission"]


def test_parliament_outside_which_a_debate_runs_or_whose_member_one_writes_to_is_a_forum():
    parliament = next(m for m in MentionFinder(Gazetteer.packaged().copy()).find("Parliament decides.")
                      if m.entity.name == "Parliament of the United Kingdom")
    for text in ("It should have been subject to informed debate both inside and outside Parliament",
                 "You may contact the Ombudsman through your Member of Parliament"):
        position = text.index("Parliament", len(text) - 12)
        assert _addressed_as_forum(text, parliament.__class__(parliament.entity, position, position + 10, "Parliament"))
    # contrary: Parliament that approves is a body
    text = "The regulations are subject to approval by Parliament"
    position = text.index("Parliament")
    assert not _addressed_as_forum(text, parliament.__class__(parliament.entity, position, position + 10, "Parliament"))


def test_a_crown_body_is_named_for_either_monarch():
    government = next(e for e in load_reference() if e["name"] == "HM Government")
    assert "Her Majesty's Government" in government["aliases"] and "His Majesty's Government" in government["aliases"]
    assert _names("Estimates were agreed with Her Majesty’s Treasury in 1998.") == ["HM Treasury"]
    # contrary: a name without "Majesty's" gains no other form
    assert _with_written_forms({"name": "Home Office", "aliases": ["Her Office"]}) == {"name": "Home Office", "aliases": ["Her Office"]}


def test_the_commission_in_a_paragraph_about_the_eu_is_the_european_commission():
    finder = MentionFinder(Gazetteer.packaged().copy())
    found = finder.find_each(["The Justice and Home Affairs Council was held in Luxembourg.",
                              "Following the meeting, the presidency invited the Commission to provide a summary."])
    commission = [m for m in found[1] if m.text == "Commission"]
    assert [m.entity.name for m in commission] == ["European Commission"]
    assert "Commission" in commission[0].entity.aliases
    # contrary: "the Commission" referring back to another commission, in a paragraph that is not about the EU
    found = MentionFinder(Gazetteer.packaged().copy()).find_each([
        "The Standing Commission on Carers published its report.", "I thank the Commission members for their work."])
    assert [m.entity.name for m in found[1]] == []
    # contrary: a commission named in full in an EU paragraph is that commission
    found = MentionFinder(Gazetteer.packaged().copy()).find_each(["Member states and the Commission for Lowland Waters met."])
    assert "European Commission" not in [m.entity.name for m in found[0]]


def test_a_listed_abbreviation_before_a_board_or_a_named_team_in_lower_case_is_that_body_s():
    finder = MentionFinder(Gazetteer.packaged().copy())
    found = finder.find_each(["The panel will report its findings directly to the TfL board.",
                              "Write to the MOD Information Rights team Ground floor, zone D Main Building."])
    assert [[m.entity.name for m in sentence] for sentence in found] == [["TfL board"], ["MOD Information Rights team"]]
    # contrary: a team without a name of its own, and a name (not an abbreviation) before "team", are not bodies
    found = finder.find_each(["The HMRC team will reply.", "the Network Rail team and train operators will meet."])
    assert [[m.entity.name for m in sentence] for sentence in found] == [["HM Revenue & Customs"], ["Network Rail"]]


def test_an_administration_named_is_a_body_and_a_devolved_administration_is_none():
    assert _discovered("The United Kingdom has taken the formal legal steps, along with the Republic of Ireland Administration, to act.") == [
        "Republic of Ireland Administration"]
    # contrary: an administration unnamed, and an order named after one, are no bodies
    assert _discovered("They will allow a devolved Administration to undertake an option.") == []
    assert _discovered("The revised Administration Order will apply.") == []


def test_a_parliamentary_post_is_no_body_and_a_parliamentary_office_is_one():
    assert _discovered("You may contact the Parliamentary Commissioner for Administration through your MP.") == []
    # contrary: "Parliamentary" before a body's head word names a body
    assert _discovered("The Parliamentary Office of Science and Technology published a note.") == [
        "Parliamentary Office of Science and Technology"]


def test_a_name_in_an_address_ends_at_its_head_word_before_the_address_lines():
    assert _discovered("The Ministerial Correspondence Unit Level 5, Zone A Main Building Whitehall London SW1A 2HB") == [
        "Ministerial Correspondence Unit"]
    assert _discovered("The Office of the Parliamentary Commissioner for Administration Millbank Tower London SW1P 4QP") == [
        "Office of the Parliamentary Commissioner for Administration"]
    # contrary: without a postcode the text is no address, and a name after its head word is whole
    assert _discovered("The Office of the Lowland Commissioner for Canals wrote to us.") == [
        "Office of the Lowland Commissioner for Canals"]


def _bodies_of(text: str) -> set[str]:
    graph = build_graph([parse_govuk_text(text)], annotations={})
    return {d["label"] for _, d in graph.nodes(data=True) if d["type"] in {"Organisation", "Inquiry"}}


def test_a_house_named_as_the_title_of_its_record_or_in_a_post_is_no_body():
    # A day's Hansard record is headed by its House; "the Leader of the House of Commons" is a post.
    record = _bodies_of("House of Commons\nWednesday 28 October 2009\nNimrod Review\n"
                        "The Leader of the House of Commons said that the Ministry of Defence will respond.\n")
    assert "House of Commons" not in record and "Ministry of Defence" in record
    # contrary: the House acting, and a legislature listed on its own line in the text, are bodies
    acting = _bodies_of("Devolved parliaments\nPublished 1 May 2013\n- Scottish Parliament\n- Northern Ireland Assembly\n"
                        "The House of Commons approved the motion on 3 May.\n")
    assert {"House of Commons", "Scottish Parliament", "Northern Ireland Assembly"} <= acting


def test_a_legislature_s_own_body_named_after_it_is_that_body():
    names = _names("the hon. Member representing the House of Commons Commission said the House of Commons Service "
                   "and the Scottish Parliament Information Centre keep the figures.")
    assert names == ["House of Commons Commission", "House of Commons Service", "Scottish Parliament Information Centre"]
    # contrary: a House's committee named in full is the committee, and a House followed by no name of a body is the House
    assert _names("the House of Lords Select Committee on the Constitution reported") == ["Select Committee on the Constitution"]
    assert _names("the House of Commons voted on Tuesday") == ["House of Commons"]


def test_words_before_a_listed_committee_s_name_make_another_committee():
    # "Administration Committee" is listed; "the Public Administration Committee" (1997-2015) is another committee.
    assert _names("The matter was also raised by the Public Administration Committee in its report.") == [
        "Public Administration Committee"]
    # contrary: the listed committee named alone, or after a House's word, is the listed one
    assert _names("It was raised by the Administration Committee in its report.") == ["Administration Committee"]
    assert _names("as the Lords Constitution Committee said") == ["Constitution Committee"]


def test_a_review_named_by_its_chair_or_subject_is_a_review_body():
    assert _discovered("The Government published their response to the Pitt review last December.") == ["Pitt review"]
    assert _discovered("I am today publishing the report of the Nimrod Review.") == ["Nimrod Review"]
    found = [(m.entity.name, m.entity.type) for m in MentionFinder(Gazetteer([])).find("The Haddon-Cave review found failings.")]
    assert found == [("Haddon-Cave review", "Inquiry")]
    # contrary: a round of policy or budgeting is no body, nor a review a listed body makes, nor "Review of X" (a review done)
    assert [m.entity.type for m in MentionFinder(Gazetteer([])).find("over the Spending Review period")] == ["Publication"]
    assert [m.entity.type for m in MentionFinder(Gazetteer([])).find("since the Strategic Defence Review")] == ["Publication"]
    assert _names("The Ofsted review of schools was published.") == ["Office for Standards in Education, Children's Services and Skills"]
    assert [m.entity.type for m in MentionFinder(Gazetteer([])).find("By launching a Review into Lowland Football")] == ["Publication"]


def test_a_department_named_by_its_subjects_alone_is_that_department():
    found = MentionFinder(Gazetteer.packaged().copy()).find(
        "On 11 August 2009, Communities and Local Government issued for consultation proposals to amend PPS25.")
    assert [(m.entity.name, m.text) for m in found] == [
        ("Department for Communities and Local Government", "Communities and Local Government")]
    assert "Communities and Local Government" in found[0].entity.aliases
    # contrary: the subjects of a post, of a committee's name, or a heading alone name no department
    assert _names("the Secretary of State for Communities and Local Government said") == []
    assert _names("The Work and Pensions Committee reported.") == ["Work and Pensions Committee"]
    assert _names("Work and Pensions") == []


def test_a_listed_name_written_without_its_commas_is_that_body():
    assert _names("The Department for Business Innovation and Skills will not go ahead.") == [
        "Department for Business, Innovation & Skills"]
    # contrary: a name without a list of subjects gains no other form
    assert _with_written_forms({"name": "Home Office", "aliases": []}) == {"name": "Home Office", "aliases": []}


def test_a_hospital_or_directorate_is_a_body_named_with_its_town():
    assert _discovered("She was Director of Nursing at the Mater Hospital, Belfast prior to her appointment.") == ["Mater Hospital, Belfast"]
    assert _discovered("He is a retired consultant in Clinical Microbiology at University College London Hospitals.") == [
        "University College London Hospitals"]
    assert _discovered("The Central Procurement Directorate (CPD) carries out the work.") == [
        "Central Procurement Directorate", "Central Procurement Directorate"]
    # contrary: a former hospital is a site; a list of hospitals gives no town
    assert _discovered("One is on the site of the former Runwell Secure Psychiatric Hospital in Essex.") == []
    assert _discovered("the Mater Hospital, Royal Victoria Hospital and others") == ["Mater Hospital", "Royal Victoria Hospital"]


def test_a_name_with_a_capital_inside_a_word_is_a_body():
    assert _discovered("The report is critical of the project team, and of QinetiQ and BAE, including individuals.") == ["QinetiQ"]
    assert _discovered("I received information from Chris Irwin of TravelWatch SouthWest as a result.") == ["TravelWatch SouthWest"]
    assert _discovered("Our operating company, Scotland TranServ, is in consultation.") == ["Scotland TranServ"]
    assert _names("option 3, CITB Northern Ireland to merge with CITB-ConstructionSkills in Great Britain") == [
        "Construction Industry Training Board", "CITB-ConstructionSkills"]
    # contrary: a product the next word names, a surname, an abbreviation the text spells out as no body, joined words
    assert _discovered("the addition of the Quest AirManager system to prevent contamination") == []
    assert _discovered("Mr McDonald and Mr MacLeod spoke.") == []
    assert _discovered("enabled by a Memorandum of Understanding (MoU) on Defence. The MoU covers it.") == []
    assert _discovered("(2 days ago)\nWritten StatementsToday, the independent inquiry published") == []


def test_a_regiment_or_a_body_of_councils_is_a_body():
    assert _discovered("Three companies of my local Royal Anglian Regiment went to Afghanistan.") == ["Royal Anglian Regiment"]
    assert _discovered("Our partners include UK Research Councils and others.") == ["UK Research Councils"]
    # contrary: plural committees of no name are no body
    assert _discovered("The Committees and the Select Committees reported.") == []


def test_a_legislature_given_money_is_a_body_not_a_forum():
    assembly = next(m for m in MentionFinder(Gazetteer.packaged().copy()).find("The Northern Ireland Assembly met.")
                    if m.entity.name == "Northern Ireland Assembly")
    text = "the Executive have agreed small allocations of £0·1 million current expenditure to the Northern Ireland Assembly"
    position = text.index("Northern Ireland Assembly")
    assert not _addressed_as_forum(text, assembly.__class__(assembly.entity, position, position + 25, "Northern Ireland Assembly"))
    # contrary: a statement made to the Assembly names its forum
    text = "I would like to make a statement to the Northern Ireland Assembly"
    position = text.index("Northern Ireland Assembly")
    assert _addressed_as_forum(text, assembly.__class__(assembly.entity, position, position + 25, "Northern Ireland Assembly"))


def test_the_executive_in_a_document_naming_northern_ireland_is_its_executive():
    finder = MentionFinder(Gazetteer.packaged().copy())
    found = finder.find_each(["Northern Ireland Assembly: public expenditure.", "Following the Executive meeting this morning, I make a statement."])
    assert [(m.entity.name, m.text) for m in found[1]] == [("Northern Ireland Executive", "Executive")]
    # contrary: elsewhere "the Executive" is left alone, and a named executive or its committee is no such mention
    assert _names("Following the Executive meeting this morning, I make a statement.") == []
    finder = MentionFinder(Gazetteer.packaged().copy())
    found = finder.find_each(["Northern Ireland Assembly: public expenditure.", "the Executive Committee of the Lowland Board met."])
    assert "Northern Ireland Executive" not in [m.entity.name for m in found[1]]


def test_an_assembly_s_government_is_the_government_not_the_assembly():
    assert _discovered("Scottish ministers, Lowland Assembly government ministers, and others agreed.") == ["Lowland Assembly government"]
    assert _discovered("The Lowland Assembly Government has agreed.") == ["Lowland Assembly Government"]
    # contrary: the assembly alone is the assembly
    assert _discovered("The Lowland Assembly debated it.") == ["Lowland Assembly"]


def test_transport_for_a_place_is_a_transport_body():
    assert _discovered("We are working on the next generation of schemes with Transport for the North on rail.") == [
        "Transport for the North"]
    # contrary: a fund the next word names, and a department's or post's subjects
    assert _discovered("West Yorkshire’s £2.1 billion Transport for City Regions funding begins") == []
    assert _names("the Secretary of State for Transport for the Region said") == []


def test_head_words_alone_joined_by_and_the_refer_back_and_name_no_body():
    assert _discovered("The plan will answer the findings from the Inspectorate and the Committee in full.") == []
    # contrary: a named body after the lone head word is still found
    assert _discovered("The plan will answer the Inspectorate and the Lowland Affairs Committee in full.") == [
        "Lowland Affairs Committee"]


def test_a_day_of_the_week_or_a_lone_letter_after_a_name_ends_it():
    assert _discovered("The Fire Service gave evidence to the Committee on Thursday.") == ["Fire Service"]
    assert _discovered("You can follow the Committee on X (formerly Twitter) for news.") == []
    # contrary: a subject in words is part of the name
    assert _discovered("The Committee on Lowland Waters met on Thursday.") == ["Committee on Lowland Waters"]


def test_an_abbreviation_spelt_by_words_in_lower_case_is_not_the_listed_body_s():
    # "RPA" and "SFA" are listed bodies' abbreviations; here lower-case words define them as something else
    assert _names("That work is further along in the review of public administration (RPA) process.") == []
    assert _names("We upgraded 4,000 service family accommodation (SFA) homes; the SFA estate is better.") == []
    # contrary: the listed body defined by its own name, and the abbreviation used alone
    assert _names("The Rural Payments Agency (RPA) paid farmers.") == ["Rural Payments Agency", "Rural Payments Agency"]
    assert _names("The RPA paid farmers.") == ["Rural Payments Agency"]
    # contrary: a listed programme's own name in lower case keeps its abbreviation
    assert _names("Children and young people’s mental health services (CYPMHS) help; CYPMHS waits fell.") == [
        "Children and Young People's Mental Health Services"] * 3


def test_the_further_subjects_of_a_post_after_a_comma_are_no_body():
    assert _discovered("I asked the Minister of Health, Social Services and Public Safety about waiting lists.") == []
    # contrary: a body after a comma in a plain list is found
    assert _discovered("We met the Minister of Health, and the Social Services Board agreed.") == ["Social Services Board"]


def test_the_assembly_in_a_document_naming_northern_ireland_is_its_assembly():
    finder = MentionFinder(Gazetteer.packaged().copy())
    found = finder.find_each(["Northern Ireland: health questions.", "The targets were agreed by the Assembly and the Executive."])
    assert [(m.entity.name, m.text) for m in found[1]] == [("Northern Ireland Assembly", "Assembly"),
                                                           ("Northern Ireland Executive", "Executive")]
    # contrary: a document naming Wales too may mean the Senedd, and elsewhere "the Assembly" is left alone
    finder = MentionFinder(Gazetteer.packaged().copy())
    found = finder.find_each(["Wales and Northern Ireland: health questions.", "The targets were agreed by the Assembly."])
    assert found[1] == []
    assert _names("The targets were agreed by the Assembly.") == []


def test_an_intercapped_word_after_a_or_in_the_plural_is_no_company():
    assert _discovered("Thank you, a LeasCheann Comhairle.") == []
    assert _discovered("Members should switch off phones and BlackBerries before the debate.") == []
    # contrary: an intercapped name used as a name is a body
    assert _discovered("The contract went to QinetiQ and others.") == ["QinetiQ"]


def test_a_body_s_name_that_starts_a_code_s_title_names_the_code_and_a_guide_is_no_body():
    assert _names("Staff are recruited in accordance with the Civil Service Code.") == []
    assert _names("Travel follows Section 8 of the Civil Service Management Code and other rules.") == []
    assert _discovered("We have published the Guide to Lowland Services for Bereaved People.") == []
    # contrary: the body named for itself, and a body whose name holds "Guide"
    assert _names("The Civil Service will publish its code.") == ["Civil Service"]
    assert _discovered("The Lowland Guide Dogs Association met.") == ["Lowland Guide Dogs Association"]


def test_a_legislature_as_the_start_of_another_name_or_the_place_of_its_papers_is_no_body():
    def acting(text: str) -> list[str]:
        return [m.entity.name for m in MentionFinder(Gazetteer.packaged().copy()).find(text) if not _addressed_as_forum(text, m)]
    assert acting("It may be reproduced under the terms of the Open Parliament Licence.") == []
    assert acting("All answers are available on the Scottish Parliament’s website.") == []
    assert acting("Figures are available from the Scottish Parliament’s Information Centre (Bib. number 1).") == []
    assert acting("I have placed tables in the Scottish Parliament Information Centre (Bib. number 2).") == []
    # contrary: the legislature acting is a body
    assert acting("The Scottish Parliament voted for the Bill.") == ["Scottish Parliament"]
    assert acting("Parliament approved the order.") == ["Parliament of the United Kingdom"]


def test_a_unit_of_a_department_names_the_department_too():
    assert _discovered("It was a requirement of the Lowland Inspectorate of the Department of Lowland Affairs.") == [
        "Lowland Inspectorate of the Department of Lowland Affairs", "Department of Lowland Affairs"]
    # contrary: a body of a body that is no department is one name
    assert _discovered("The Lowland Board of the Lowland Trust met.") == ["Lowland Board of the Lowland Trust"]


def test_a_name_with_an_abbreviation_inside_keeps_the_form_as_written():
    found = MentionFinder(Gazetteer([])).find("The Lowland Base Areas (LBA) Administration agreed.")
    assert [(m.entity.name, m.entity.aliases) for m in found] == [
        ("Lowland Base Areas Administration", ("Lowland Base Areas (LBA) Administration",))]
    # contrary: a name written without one has no such alias
    found = MentionFinder(Gazetteer([])).find("The Lowland Base Areas Administration agreed.")
    assert [(m.entity.name, m.entity.aliases) for m in found] == [("Lowland Base Areas Administration", ())]


def test_nhs_scotland_s_health_boards_are_listed_and_a_number_that_is_a_quantity_is_no_name():
    assert _names("The group includes NHS Lothian, NHS Greater Glasgow and Clyde and NHS Health Scotland.") == [
        "NHS Lothian", "NHS Greater Glasgow and Clyde", "NHS Health Scotland"]
    assert _names("Patients are supported by NHS 24 at night.") == ["NHS 24"]
    assert _names("The painting is on loan to the National Galleries of Scotland.") == ["National Galleries of Scotland"]
    # contrary: "24" as a quantity after "NHS" names no board
    assert "NHS 24" not in _names("The NHS 24 hours a day is a promise.")
    assert "NHS 24" not in _names("The NHS 24/7 is a promise.")


def test_a_bank_is_a_body_and_one_named_for_a_place_ends_before_and():
    assert _discovered("The Government took stakes in the Lowland Bank of Ruritania and Lowland Banking Group.") == [
        "Lowland Bank of Ruritania", "Lowland Banking Group"]
    # contrary: a department's subjects joined by "and" are one name
    assert _discovered("The Department of Lowland Waters and Coastal Affairs met.") == ["Department of Lowland Waters and Coastal Affairs"]


def test_a_name_written_in_lower_case_after_a_capitalised_word_is_a_body():
    assert _discovered("GPs, helped by the Lowland flu response centre, coped.") == ["Lowland flu response centre"]
    assert _discovered("I asked the Lowland expert group on ECMO for advice.") == ["Lowland expert group on ECMO"]
    # contrary: a place's team named by its head word alone, and a sentence's start
    assert _discovered("It was agreed with the Leicester team.") == []
    assert _discovered("Lowland flu response centre staff coped.") == []
    # contrary: a phrase with small words, and a head word that qualifies the next noun
    assert _discovered("We thank the Chair and her panel for their work.") == []
    assert _discovered("It kept the Lowland aircraft over its service life.") == []


def test_a_name_the_text_says_is_a_company_or_an_organisation_is_a_body():
    assert _discovered("Grants went to Lowland Widgets, a high-tech engineering company that exports.") == ["Lowland Widgets"]
    assert _discovered("I visited an organisation called the west country makers club, which helps inventors.") == [
        "west country makers club"]
    # contrary: a place said to be something else, and a sentence without such a noun
    assert _discovered("We visited Lowtown, a city of culture, and Hightown, a town near Leeds.") == []
    assert _discovered("Grants went to Lowland Widgets, a success story.") == []


def test_a_hospital_named_in_lower_case_after_a_preposition_of_place_is_a_body():
    assert _discovered("Care was provided at Lowtown royal infirmary on two occasions.") == ["Lowtown royal infirmary"]
    assert _discovered("Capacity will double at Hightown hospital in the spring.") == ["Hightown hospital"]
    # contrary: a nation's hospitals in general, and a hospital's wards
    assert _discovered("It is used in every Scottish hospital.") == []
    assert _discovered("It happened in Lowland hospital wards.") == []
