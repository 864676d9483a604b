"""`mentorcli log`: the append-only audit trail of who did what, when."""

from __future__ import annotations

import typer

from mentorcli.commands._common import database, format_option, resolve_person
from mentorcli.ui.output import OutputFormat


def log(
    ctx: typer.Context,
    person: str = typer.Option(None, "--person", help="Only events about this person."),
    action: str = typer.Option(None, "--action", help="Only this action (enrol, close, …)."),
    limit: int = typer.Option(50, "--limit", min=0, help="How many, newest first (0: all)."),
    fmt: OutputFormat = format_option(OutputFormat.table, "table, json or csv."),
) -> None:
    """Show the event log: enrolments, changes, matches, closes, exports, erasures.

    Example: mentorcli log --person 12
    """
    import json

    from mentorcli.ui.output import render

    db = database(ctx, create=False)
    where: list[str] = []
    params: list[object] = []
    if person:
        where.append("person_id = ?")
        params.append(resolve_person(db, person))
    if action:
        where.append("action = ?")
        params.append(action)
    sql = "SELECT id, at, actor, action, person_id, trajectory_id, details FROM events"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY id DESC" + (f" LIMIT {int(limit)}" if limit else "")
    rows = [
        {**r, "details": json.loads(r["details"]) if r["details"] else None}
        for r in db.query(sql, params)
    ]
    columns = ["id", "at", "actor", "action", "person_id", "trajectory_id", "details"]
    render(rows, fmt, columns, title="Event log", empty="No events.")
