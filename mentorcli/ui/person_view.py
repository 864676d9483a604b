"""How `enrol`, `edit` and `show` show a person."""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from mentorcli.core.vocabulary import SPECIAL_FIELDS
from mentorcli.ui.output import (
    OutputFormat,
    cell_text,
    emit_json,
    message,
    stdout_console,
    table,
)

if TYPE_CHECKING:
    from mentorcli.people import Person
    from mentorcli.people.enrolment import Edited
    from mentorcli.privacy.records import PersonRecord

TRAJECTORY_COLUMNS = [
    "id",
    "partner",
    "started_on",
    "planned_end",
    "status",
    "closed_on",
    "outcome",
    "sessions",
    "hours",
]


def render_enrolled(stored: Person, fmt: str) -> None:
    """The new id alone on stdout (for a script), the sentence on stderr; or the record."""
    if fmt == OutputFormat.json:
        emit_json(stored)
        return
    sys.stdout.write(f"{stored['id']}\n")
    message(f"Enrolled {stored['role']} {stored['id']}: {stored['name']} ({stored['city']}).")


def render_edited(edited: Edited, fmt: str) -> None:
    person = edited.person
    if fmt == OutputFormat.json:
        emit_json(person)
    else:
        message(f"Updated {person['id']} {person['name']}: {', '.join(edited.changed)}.")


def render_record(record: PersonRecord, fmt: str) -> None:
    """Everything held about a person as JSON; or the filled-in fields and a table of
    their trajectories."""
    if fmt == OutputFormat.json:
        emit_json(record)
        return
    from rich.table import Table

    console = stdout_console()
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    for key, value in record.items():
        if key in {"trajectories", "events", "forbidden_pairs"} or value in (None, ""):
            continue
        if key == "education_unsure":
            if value:
                grid.add_row("", "migrated from 'secondary': lower or upper? (mentorcli edit)")
            continue
        text = cell_text(key, value)
        if key in SPECIAL_FIELDS:  # next to the consent that allows it
            text += f" (consent of {record.get('special_consent_on')})"
        grid.add_row(key.replace("_", " "), text)
    if record["role"] == "mentee":
        from mentorcli.people import esf

        derived = {
            "long-term unemployed": esf.long_term_unemployed(record),
            "third-country national": esf.third_country_national(record),
        }
        for name, value in derived.items():
            if value is not None:
                grid.add_row(name, cell_text(name, value))
    console.print(grid)
    trajectories = record["trajectories"]
    if trajectories:
        console.print(table(trajectories, TRAJECTORY_COLUMNS, title="Trajectories"))
    else:
        console.print("No trajectories yet.")


LIST_COLUMNS = {
    "mentors": ["id", "name", "city", "sector", "languages", "capacity", "free_places", "status"],
    "mentees": ["id", "name", "city", "sector", "languages", "enrolled_on", "status"],
}


def render_people(rows: Sequence[Mapping[str, object]], who: str, fmt: OutputFormat) -> None:
    """A table of the main columns; JSON and CSV carry every field."""
    from mentorcli.ui.output import render

    columns = LIST_COLUMNS[who]
    render(
        rows,
        fmt,
        columns,
        all_columns=list(rows[0]) if rows else columns,
        title=f"{len(rows)} {who}",
        empty=f"No {who} found.",
    )
