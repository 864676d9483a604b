"""`mentorcli follow-up`: what became of the mentee, a year after the start."""

from __future__ import annotations

import typer

from mentorcli.commands._common import (
    Contract,
    Outcome,
    database,
    day_option,
    format_option,
    resolve_trajectory,
)
from mentorcli.ui.output import TableOrJson


def follow_up(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="Trajectory id, or the mentee's or mentor's name."),
    outcome: Outcome = typer.Option(..., "--outcome", help="What the mentee has now."),
    contract: Contract = typer.Option(None, "--contract", help="With a job: its contract."),
    date: str = typer.Option(None, "--date", help="Date of the follow-up (default today)."),
    fmt: TableOrJson = format_option(TableOrJson.table, "table or json."),
) -> None:
    """Record the mentee's situation at the follow-up (12 months after the start).

    Statistics use it instead of the outcome at closing. Example:
    mentorcli follow-up 14 --outcome job --contract permanent
    """
    from mentorcli.lifecycle import trajectories
    from mentorcli.store.db import transaction
    from mentorcli.ui.output import emit_json, message

    day = day_option(date, "--date", past=True)
    db = database(ctx, create=False)
    # a pick list, so before the write lock; a follow-up is only for a closed trajectory
    trajectory_id = resolve_trajectory(db, ref, status="closed")
    with transaction(db):
        result = trajectories.follow_up(
            db,
            trajectory_id,
            day=day,
            outcome=outcome.value,
            contract=contract.value if contract else None,
        )
    if fmt == TableOrJson.json:
        emit_json(result)
    else:
        message(
            f"Follow-up of trajectory {trajectory_id} recorded on {result['recorded_on']}: "
            f"{result['outcome']}."
        )
