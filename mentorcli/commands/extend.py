"""`mentorcli extend`: a duo that needs longer gets a later planned end."""

from __future__ import annotations

import typer

from mentorcli.commands import _options as opt
from mentorcli.commands._common import database, day_option, format_option, resolve_trajectory
from mentorcli.ui.output import TableOrJson


def extend(
    ctx: typer.Context,
    ref: opt.TrajectoryRef,
    until: str = typer.Option(None, "--until", help="The new planned end, YYYY-MM-DD."),
    months: int = typer.Option(
        None, "--months", min=1, max=24, help="Or: this many months after the current planned end."
    ),
    fmt: TableOrJson = format_option(TableOrJson.table, "table or json."),
) -> None:
    """Move the planned end of an active trajectory; `remind` follows the new date.

    Example: mentorcli extend 14 --months 2
    """
    from mentorcli.lifecycle import changes
    from mentorcli.store.db import transaction
    from mentorcli.ui.trajectory_view import render_extended

    day = day_option(until, "--until", past=False) if until else None
    changes.check_end_options(day, months)  # before the file is opened
    db = database(ctx, create=False)
    trajectory_id = resolve_trajectory(db, ref)
    with transaction(db):
        result = changes.extend(db, trajectory_id, until=day, months=months)
    render_extended(result, fmt)
