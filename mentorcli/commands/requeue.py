"""`mentorcli requeue`: a mentee goes back on the waiting list for a new mentor."""

from __future__ import annotations

import typer

from mentorcli.commands import _options as opt
from mentorcli.commands._common import (
    confirm_irreversible,
    database,
    day_option,
    format_option,
    resolve_person,
)
from mentorcli.ui.output import TableOrJson


def requeue(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="The mentee's id, or whole name."),
    date: str = typer.Option(None, "--date", help="Back on the list from, YYYY-MM-DD (today)."),
    force: bool = typer.Option(False, "--force", help="Even after a completed duo or a job."),
    fmt: TableOrJson = format_option(TableOrJson.table, "table or json."),
    yes: opt.YesAtTerminal = False,
) -> None:
    """Put a mentee back on the waiting list: after a duo that ended early, or a return.

    They are matched like anyone else, never with a mentor they had; their waiting time
    counts from this date. A name must be whole. Example: mentorcli requeue "Amina Benali"
    """
    from mentorcli import people
    from mentorcli.lifecycle import changes
    from mentorcli.store.db import transaction
    from mentorcli.ui.trajectory_view import render_requeued

    day = day_option(date, "--date", past=True)
    db = database(ctx, create=False)
    mentee_id = resolve_person(db, ref, "mentee", exact=True)
    mentee, _ = changes.check_requeue(db, mentee_id, day, force=force)
    confirm_irreversible(yes, f"Put {people.describe(mentee)} back on the waiting list on {day}?")
    with transaction(db):
        result = changes.requeue(db, mentee_id, day, force=force)
    render_requeued(mentee, result, fmt)
