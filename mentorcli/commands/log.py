"""`mentorcli log`: the append-only audit trail of who did what, when."""

from __future__ import annotations

import typer

from mentorcli.commands._common import database, format_option, resolve_person
from mentorcli.ui.output import OutputFormat


def log(
    ctx: typer.Context,
    person: str = typer.Option(None, "--person", help="Only events about this person."),
    action: str = typer.Option(None, "--action", help="Only this action (enrol, close, …)."),
    limit: int = typer.Option(
        50, "--limit", min=0, max=2**63 - 1, help="How many, newest first (0: all)."
    ),
    fmt: OutputFormat = format_option(OutputFormat.table, "table, json or csv."),
) -> None:
    """Show the event log: enrolments, changes, matches, closes, exports, erasures.

    Example: mentorcli log --person 12
    """
    from mentorcli.privacy import records
    from mentorcli.ui.output import render

    db = database(ctx, create=False)
    person_id = resolve_person(db, person) if person else None
    rows = records.event_log(db, person_id=person_id, action=action, limit=limit)
    columns = ["id", "at", "actor", "action", "person_id", "trajectory_id", "details"]
    render(rows, fmt, columns, title="Event log", empty="No events.")
