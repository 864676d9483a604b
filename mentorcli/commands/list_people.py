"""`mentorcli list`: the mentors or mentees, filtered by city and status."""

from __future__ import annotations

import typer

from mentorcli.commands._common import Roles, city_option, database, format_option
from mentorcli.ui.output import OutputFormat

TABLE_COLUMNS = {
    "mentors": ["id", "name", "city", "sector", "languages", "capacity", "free_places", "status"],
    "mentees": ["id", "name", "city", "sector", "languages", "enrolled_on", "status"],
}


def list_people(
    ctx: typer.Context,
    who: Roles = typer.Argument(..., help="mentors or mentees."),
    city: str = typer.Option(
        None, "--city", parser=city_option, metavar="CITY", help="Only this programme city."
    ),
    status: str = typer.Option(
        None,
        "--status",
        help="mentees: waiting, matched, done, withdrawn, erased; "
        "mentors: available, full, inactive, erased.",
    ),
    fmt: OutputFormat = format_option(OutputFormat.table, "table, json or csv."),
) -> None:
    """List mentors or mentees with their status.

    Example: mentorcli list mentees --city Gent --status waiting
    """
    from mentorcli import people
    from mentorcli.core.errors import UsageError
    from mentorcli.ui.output import render

    role = who.value[:-1]
    allowed = {
        "mentor": ("available", "full", "inactive", "erased"),
        "mentee": ("waiting", "matched", "done", "withdrawn", "erased"),
    }[role]
    if status and status not in allowed:
        raise UsageError(f"--status for {who.value} is one of {', '.join(allowed)}")
    columns = TABLE_COLUMNS[who.value]
    shown = columns if fmt == OutputFormat.table else None  # JSON and CSV have them all
    rows = people.list_people(
        database(ctx, create=False), role, city=city, status=status, columns=shown
    )
    all_columns = list(rows[0]) if rows else columns
    render(
        rows,
        fmt,
        columns,
        all_columns=all_columns,
        title=f"{len(rows)} {who.value}",
        empty=f"No {who.value} found.",
    )
