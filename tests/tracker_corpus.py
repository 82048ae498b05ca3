"""The documents the recommendation tracker is tested on: two real series and a small made-up one.

* IICSA: the final report's recommendations (undated), the Home Secretary's written statement of
  10 January 2024 (recommendations 13 and 19) and the April 2025 progress update (the packaged seed);
* Grenfell Tower Inquiry: the progress reports of May and September 2025;
* a made-up series on the Infected Blood Inquiry whose statuses change from one document to the
  next (the real ones state a status once each): recommendation 1 is under consideration in March
  2025 and accepted in September; 2 accepted in both; 3 first answered (not accepted) in September.
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
