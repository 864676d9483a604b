"""`mentorcli list`: the mentors or mentees, filtered by city and status."""

from __future__ import annotations

import typer

from mentorcli.commands import _options as opt
from mentorcli.commands._common import Roles, database, format_option
from mentorcli.ui.output import OutputFormat

STATUSES = {
    "mentor": ("available", "full", "inactive", "erased"),
    "mentee": ("waiting", "matched", "done", "withdrawn", "erased"),
}


def list_people(
    ctx: typer.Context,
    who: Roles = typer.Argument(..., help="mentors or mentees."),
    city: opt.City = None,
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
    from mentorcli.ui.person_view import LIST_COLUMNS, render_people

    role = who.value[:-1]
    if status and status not in STATUSES[role]:
        raise UsageError(f"--status for {who.value} is one of {', '.join(STATUSES[role])}")
    shown = LIST_COLUMNS[who.value] if fmt == OutputFormat.table else None  # else them all
    rows = people.list_people(
        database(ctx, create=False), role, city=city, status=status, columns=shown
    )
    render_people(rows, who.value, fmt)
