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


def write_series(folder: Path) -> list[Path]:
    """Write the made-up series into ``folder``; its paths in date order."""
    paths = []
    for name, text in SERIES.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


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
    paths = []
    for name, text in FOLLOW_UP_SERIES.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
