"""Implementation progress from plain wording (policykg.graph.progress): real sentences and table cells."""

from __future__ import annotations

import pytest

from policykg.graph.progress import PROGRESS, progress_from_wording

CASES = [
    # real sentences (tests/fixtures/real/)
    ("Since the progress report published in May, we have completed two recommendations related to Phase 1 Residential Personal "
     "Emergency Evacuation Plans (recommendations 59 and 61), requiring high-rise building managers to provide evacuation plans.",
     "complete"),
    ("The Government are taking concerted action on several of the inquiry’s recommendations, including a central recommendation "
     "to introduce a new mandatory reporting duty.", "in progress"),
    ("Some of the recommendations will be completed within months, such as His Majesty’s Inspectorate of Constabulary and Fire & "
     "Rescue Services (31, 32 and 33), which were already being addressed before the Phase 2 report was published.", "in progress"),
    ("We will publish progress reports quarterly until all recommendations have been implemented.", None),
    ("We expect that it will take at least four years for all recommendations to be completed.", None),
    # plain wording
    ("The Home Office has now implemented this recommendation.", "complete"),
    ("This recommendation has been fully implemented.", "complete"),
    ("The new duty came into force in April 2025.", "complete"),
    ("Work is underway with the fire and rescue services.", "in progress"),
    ("Implementation is in progress.", "in progress"),
    ("This recommendation has been partially implemented.", "in progress"),
    ("Work has not yet started on this recommendation.", "not started"),
    ("Delivery is yet to begin.", "not started"),
    ("This recommendation has not yet been implemented.", None),
    ("Once the scheme has been implemented, we will review it.", None),
    ("We accept this recommendation.", None),
    # table cells
    ("In progress", "in progress"), ("Complete", "complete"), ("Completed.", "complete"), ("Not started", "not started"),
    ("Ongoing", "in progress"), ("Partially complete", "in progress"), ("Completion due 2026", None),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_progress_from_wording(text, expected):
    found = progress_from_wording(text)
    assert (found[0] if found else None) == expected
    if found:
        assert found[0] in PROGRESS and found[1] and found[1].lower() in text.lower()  # the words that state it
