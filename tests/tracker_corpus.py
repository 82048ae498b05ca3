"""The documents the recommendation tracker is tested on: two real series and a small made-up one.

* IICSA: the final report's recommendations (undated), the Home Secretary's written statement of
  10 January 2024 (recommendations 13 and 19) and the April 2025 progress update (the packaged seed);
* Grenfell Tower Inquiry: the progress reports of May and September 2025;
* a made-up series on the Infected Blood Inquiry whose statuses change from one document to the
  next (the real ones state a status once each): recommendation 1 is under consideration in March
  2025 and accepted in September; 2 accepted in both; 3 first answered (not accepted) in September;
* a made-up series whose commitments are followed across three documents (:data:`FOLLOW_UP_SERIES`).
"""

from __future__ import annotations

from pathlib import Path

from policykg.loaders import seed_path

REAL = Path(__file__).parent / "fixtures" / "real"

#: The real documents, in date order (the final report states no date).
REAL_DOCUMENTS = [
    REAL / "iicsa-final-report-recommendations-2022-10.txt",
    REAL / "iicsa-wms-progress-update-2024-01.txt",
    Path(str(seed_path())),
    REAL / "grenfell-progress-report-2025-05.txt",
    REAL / "grenfell-progress-report-2025-09.txt",
]

IICSA = "Independent Inquiry into Child Sexual Abuse"
GRENFELL = "Grenfell Tower Inquiry"

SERIES = {
    "ibi-response.txt": """Infected Blood Inquiry: government response
Published 3 March 2025
The Government responds to the recommendations of the Infected Blood Inquiry.
Recommendation 1: Compensation
1. The Government will respond in full once the scheme is designed.
Recommendation 2: Patient safety
2. We accept this recommendation.
""",
    "ibi-update.txt": """Infected Blood Inquiry: progress update
Published 1 September 2025
This update reports progress on the recommendations of the Infected Blood Inquiry.
Recommendation 1: Compensation
1. We accept this recommendation. The Cabinet Office will pay compensation by June 2026.
Recommendation 2: Patient safety
2. We accept this recommendation.
Recommendation 3: Memorials
3. The Government does not accept this recommendation.
""",
}


def write_texts(folder: Path, texts: dict[str, str]) -> list[Path]:
    """Write each text into ``folder`` under its name; their paths, in the dict's order."""
    paths = []
    for name, text in texts.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def write_series(folder: Path) -> list[Path]:
    """Write the made-up series into ``folder``; its paths in date order."""
    return write_texts(folder, SERIES)


#: Commitments followed across three documents on the Infected Blood Inquiry (made up; recommendations 4 to 8,
#: apart from :data:`SERIES`).  As of 1 June 2026: 4 delivered, 5 re-dated (June 2025 → March 2026) then
#: in progress, 6 silent (past due, never mentioned again), 7 dropped ("no longer"), 8 dropped (a refusal).
FOLLOW_UP_SERIES = {
    "ibi-commitments-response.txt": """Infected Blood Inquiry: government response
Published 3 March 2024
The Government responds to the recommendations of the Infected Blood Inquiry.
Recommendation 4: Guidance
4. We accept this recommendation. The Department of Health and Social Care will publish new guidance on patient safety by May 2025.
Recommendation 5: Training
5. We accept this recommendation. NHS England will publish a training framework for clinicians by June 2025.
Recommendation 6: Records
6. We accept this recommendation. The Department of Health and Social Care will review medical records retention by December 2024.
Recommendation 7: Register
7. We accept this recommendation. The Cabinet Office will establish a national register of infected people by September 2024.
Recommendation 8: Helpline
8. We accept this recommendation. NHS England will set up a national helpline for infected people by April 2025.
""",
    "ibi-commitments-update.txt": """Infected Blood Inquiry: progress update
Published 1 September 2025
This update reports progress on the recommendations of the Infected Blood Inquiry.
Recommendation 4: Guidance
4. The Department of Health and Social Care has published the new guidance on patient safety.
Recommendation 5: Training
5. NHS England will now publish the training framework for clinicians by March 2026.
Recommendation 7: Register
7. The Cabinet Office will no longer establish a national register of infected people.
Recommendation 8: Helpline
8. There are no plans to set up a national helpline for infected people.
""",
    "ibi-commitments-second-update.txt": """Infected Blood Inquiry: second progress update
Published 2 February 2026
This update reports further progress on the recommendations of the Infected Blood Inquiry.
Recommendation 5: Training
5. NHS England will continue to develop the training framework for clinicians with the royal colleges.
""",
}


def write_follow_up_series(folder: Path) -> list[Path]:
    """Write :data:`FOLLOW_UP_SERIES` into ``folder``; its paths in date order."""
    return write_texts(folder, FOLLOW_UP_SERIES)


#: Reports that set when responses are due, and their responses (made up).  The Infected Blood Inquiry is a
#: statutory inquiry: six months from its report of 20 May 2024 (20 November 2024); recommendations 1 and 2 are
#: answered late (3 March 2025), 3 never.  The Telford inquiry (not statutory) asks for a response "within three
#: months" of its report of 12 July 2022 (12 October 2022): 1 is answered on time, 2 never.  Two coroners' reports to
#: prevent future deaths: one stating the 56 days, one not (the regulations' 56 days apply).
RESPONSE_DEADLINE_SERIES = {
    "ibi-report.txt": """Infected Blood Inquiry: the report
Published 20 May 2024
The Infected Blood Inquiry makes the following recommendations.
Recommendation 1: Compensation
1. A compensation scheme should be set up without delay.
Recommendation 2: Patient safety
2. Patient safety should be a standing item for every NHS board.
Recommendation 3: Memorials
3. A national memorial should be built.
""",
    "ibi-late-response.txt": """Infected Blood Inquiry: government response
Published 3 March 2025
The Government responds to the recommendations of the Infected Blood Inquiry.
Recommendation 1: Compensation
1. We accept this recommendation.
Recommendation 2: Patient safety
2. We accept this recommendation in principle.
""",
    "telford-report.txt": """Independent Inquiry Telford Child Sexual Exploitation: report
Published 12 July 2022
The Independent Inquiry Telford Child Sexual Exploitation makes these recommendations.
We ask the Council and its partners to respond to this report within three months.
Recommendation 1: Training
1. Every taxi driver should be trained to spot exploitation.
Recommendation 2: Records
2. Records of every referral should be kept for ten years.
""",
    "telford-response.txt": """Independent Inquiry Telford Child Sexual Exploitation: response
Published 1 September 2022
The Council responds to the recommendations of the Independent Inquiry Telford Child Sexual Exploitation.
Recommendation 1: Training
1. We accept this recommendation.
""",
    "pfd-stated.txt": """Regulation 28: Report to Prevent Future Deaths (ward staffing)
Published 2 January 2025
This report is made under paragraph 7, Schedule 5, of the Coroners and Justice Act 2009.
You are under a duty to respond to this report within 56 days of the date of this report.
Recommendation 1: Staffing
1. The trust should review night staffing on the ward.
""",
    "pfd-unstated.txt": """Prevention of Future Deaths report (level crossing)
Published 6 February 2025
This report is sent to the railway operator.
Recommendation 1: Level crossing
1. The operator should add a barrier to the level crossing.
""",
}


def write_response_deadline_series(folder: Path) -> list[Path]:
    """Write :data:`RESPONSE_DEADLINE_SERIES` into ``folder``; its paths."""
    return write_texts(folder, RESPONSE_DEADLINE_SERIES)
