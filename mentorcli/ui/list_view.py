"""How `list trajectories` and `list forbidden` show their rows (`list mentors` and
`list mentees` are in ``person_view``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from mentorcli.ui.output import OutputFormat, render

if TYPE_CHECKING:
    from mentorcli.reports.listings import ForbiddenPair, TrajectoryRow

TRAJECTORY_COLUMNS = [
    "id",
    "mentee",
    "mentor",
    "city",
    "started_on",
    "planned_end",
    "closed_on",
    "status",
    "outcome",
    "sessions",
    "hours",
    "last_session",
]
HEADERS = {"started_on": "start", "closed_on": "closed", "last_session": "last session"}


def render_trajectories(rows: Sequence[TrajectoryRow], fmt: OutputFormat) -> None:
    """A table with each person as "id name"; JSON and CSV keep ids and names apart."""
    if fmt != OutputFormat.table:
        render(rows, fmt, list(rows[0]) if rows else [])
        return
    shown = [
        {
            **row,
            "mentee": f"{row['mentee_id']} {row['mentee_name']}",
            "mentor": f"{row['mentor_id']} {row['mentor_name']}",
        }
        for row in rows
    ]
    render(
        shown,
        fmt,
        TRAJECTORY_COLUMNS,
        title=f"{len(rows)} trajectories",
        empty="No trajectories found.",
        headers=HEADERS,
    )


def render_forbidden(rows: Sequence[ForbiddenPair], fmt: OutputFormat) -> None:
    if fmt != OutputFormat.table:
        render(rows, fmt, list(rows[0]) if rows else [])
        return
    shown = [
        {
            "mentee": f"{row['mentee_id']} {row['mentee_name']}",
            "mentor": f"{row['mentor_id']} {row['mentor_name']}",
            "since": row["since"],
        }
        for row in rows
    ]
    render(
        shown,
        fmt,
        ["mentee", "mentor", "since"],
        title=f"{len(rows)} forbidden pair(s)",
        empty="No forbidden pairs.",
    )
