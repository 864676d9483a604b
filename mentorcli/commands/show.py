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

    A mentee's disability and homelessness answers are shown at a terminal only.

    Example: mentorcli show nour
    """
    from mentorcli.privacy import records
    from mentorcli.ui.output import is_terminal
    from mentorcli.ui.person_view import render_record

    db = database(ctx, create=False)
    # Disability and homelessness: for the coordinator's eyes, never into a pipe or file.
    person_id = resolve_person(db, ref)
    render_record(records.person_record(db, person_id, special=is_terminal()), fmt)
