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
    from mentorcli.ui.person_view import render_record

    db = database(ctx, create=False)
    render_record(records.person_record(db, resolve_person(db, ref)), fmt)
