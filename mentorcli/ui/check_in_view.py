"""How `check-in` shows what it recorded, and how `trajectory` tells one duo's story."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mentorcli.core.vocabulary import label
from mentorcli.ui.output import OutputFormat, emit_json, message, stdout_console, table

if TYPE_CHECKING:
    from mentorcli.lifecycle.check_ins import CheckIn
    from mentorcli.lifecycle.story import Story


def render_check_in(recorded: CheckIn, fmt: str) -> None:
    if fmt == OutputFormat.json:
        emit_json(recorded)
        return
    who = "both" if recorded["with_whom"] == "both" else f"the {recorded['with_whom']}"
    message(
        f"Check-in {recorded['id']} of trajectory {recorded['trajectory_id']} on "
        f"{recorded['date']} (with {who}): {label('check_in', recorded['status'])}."
    )


def render_story(story: Story, fmt: str) -> None:
    """The duo at a glance, then its sessions, check-ins and event log as tables."""
    if fmt == OutputFormat.json:
        emit_json(story)
        return
    from rich.table import Table

    console = stdout_console()
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    for key, value in _summary(story):
        grid.add_row(key, value)
    console.print(grid)
    sections: list[tuple[str, list[Any], list[str], str]] = [
        ("Sessions", list(story["session_log"]), SESSION_COLUMNS, "No session logged."),
        (
            "Check-ins",
            [{**c, "status": label("check_in", c["status"])} for c in story["check_ins"]],
            CHECK_IN_COLUMNS,
            "No check-in yet.",
        ),
        ("Event log", list(story["events"]), EVENT_COLUMNS, "No events."),
    ]
    for title, rows, columns, empty in sections:
        console.print()
        if rows:
            console.print(table(rows, columns, title=title, headers=HEADERS))
        else:
            console.print(f"{title}: {empty[0].lower()}{empty[1:]}")


SESSION_COLUMNS = ["id", "date", "hours", "topics"]
CHECK_IN_COLUMNS = ["id", "date", "status", "with_whom", "note"]
EVENT_COLUMNS = ["id", "at", "actor", "action", "person_id", "details"]
HEADERS = {"with_whom": "with", "person_id": "person"}


def _summary(story: Story) -> list[tuple[str, str]]:
    """The lines above the tables: every fact of the duo that is one value."""
    mentee, mentor = story["mentee"], story["mentor"]
    lines = [
        ("trajectory", f"{story['id']} ({label('status', story['status'])})"),
        ("mentee", f"{mentee['id']} {mentee['name']}"),
        ("mentor", f"{mentor['id']} {mentor['name']}"),
        ("city", story["city"]),
        ("started on", story["started_on"]),
        ("planned end", story["planned_end"]),
    ]
    if story["score"] is not None:
        lines.append(("score", f"{story['score']:g}"))
    lines.append(("sessions", f"{story['sessions']} ({story['hours']:g} h)"))
    close = story["close"]
    if close is not None:
        contract = f" ({label('contract', close['contract'])})" if close["contract"] else ""
        early = "early, " if close["early"] else ""
        leaves = "; the mentor left" if close["mentor_leaves"] else ""
        lines.append(
            (
                "closed on",
                f"{close['closed_on']} ({early}{label('reason', close['reason'])}): "
                f"{label('outcome', close['outcome'])}{contract}{leaves}",
            )
        )
    follow_up = story["follow_up"]
    if follow_up is not None:
        contract = f" ({label('contract', follow_up['contract'])})" if follow_up["contract"] else ""
        lines.append(
            (
                "follow-up",
                f"{follow_up['recorded_on']}: {label('outcome', follow_up['outcome'])}{contract}",
            )
        )
    return lines
