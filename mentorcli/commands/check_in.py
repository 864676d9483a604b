"""`mentorcli check-in`: write down how a duo is doing."""

from __future__ import annotations

import typer

from mentorcli.commands import _options as opt
from mentorcli.commands._common import (
    CheckInStatus,
    CheckInWith,
    database,
    day_option,
    format_option,
    resolve_trajectory,
)
from mentorcli.ui.output import TableOrJson


def check_in(
    ctx: typer.Context,
    ref: opt.TrajectoryRef,
    status: CheckInStatus = typer.Option(
        ..., "--status", help="How the duo is doing: good, concern or at-risk."
    ),
    with_whom: CheckInWith = typer.Option(
        CheckInWith("both"), "--with", help="Who you spoke with: both, mentor or mentee."
    ),
    note: str = typer.Option(None, "--note", help="A short note (never in the event log)."),
    date: str = typer.Option(None, "--date", help="When, YYYY-MM-DD (default today)."),
    fmt: TableOrJson = format_option(TableOrJson.table, "table or json."),
) -> None:
    """Record a check-in with a duo: good, concern or at-risk.

    A duo whose last check-in is concern or at-risk comes first in `remind` until a
    later check-in says good. Example:
    mentorcli check-in 3 --status concern --with mentee --note "misses meetings"
    """
    from mentorcli.lifecycle import check_ins
    from mentorcli.store.db import transaction
    from mentorcli.ui.check_in_view import render_check_in

    day = day_option(date, "--date", past=True)
    db = database(ctx, create=False)
    trajectory_id = resolve_trajectory(db, ref)  # a pick list, so before the write lock
    with transaction(db):
        recorded = check_ins.record(
            db,
            trajectory_id,
            day=day,
            status=status.value,
            with_whom=with_whom.value,
            note=note,
        )
    render_check_in(recorded, fmt)
