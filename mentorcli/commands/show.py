"""`mentorcli show`: one person, with their trajectories (and, as JSON, all we hold)."""

from __future__ import annotations

import typer

from mentorcli.commands._common import database, format_option, resolve_person
from mentorcli.ui.output import TableOrJson


def show(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="An id or a name (a part of it will do)."),
    fmt: TableOrJson = format_option(
        TableOrJson.table, "table, or json: everything held about the person."
    ),
) -> None:
    """Show one person and their trajectories.

    Example: mentorcli show nour
    """
    from mentorcli.privacy import records
    from mentorcli.ui.output import emit_json, stdout_console, table

    db = database(ctx, create=False)
    person_id = resolve_person(db, ref)
    record = records.person_record(db, person_id)
    if fmt == TableOrJson.json:
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
        grid.add_row(key.replace("_", " "), str(value))
    console.print(grid)
    trajectories = record["trajectories"]
    if trajectories:
        columns = [
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
        console.print(table(trajectories, columns, title="Trajectories"))
    else:
        console.print("No trajectories yet.")
