"""How `demo` shows the programme it wrote: per city, then the matches it would propose."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from mentorcli.ui.output import message, stdout_console, table

if TYPE_CHECKING:
    from mentorcli.lifecycle.demo import DemoSummary
    from mentorcli.lifecycle.pairing import MatchProposal
    from mentorcli.reports.overview import CityFigures

COLUMNS = [
    "city",
    "mentees_waiting",
    "free_places",
    "mentors_available",
    "active_trajectories",
    "mentees_done",
]


def print_overview(rows: Sequence[CityFigures]) -> None:
    stdout_console().print(table(rows, COLUMNS, title="The programme today"))


def render_demo(
    target: Path,
    summary: DemoSummary,
    cities: Sequence[CityFigures],
    proposal: MatchProposal,
) -> None:
    from mentorcli.ui.match_view import render_proposal

    message(
        f"Wrote an invented programme to {target}: {summary.mentors} mentors, "
        f"{summary.mentees} mentees, {summary.trajectories} trajectories, "
        f"{summary.sessions} sessions in {', '.join(summary.cities)}."
    )
    print_overview(cities)
    render_proposal(proposal)
    message(f"Try: mentorcli --db {target} match --apply   (or: list mentees, show, stats)")
