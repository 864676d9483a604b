"""`mentorcli close`: end a trajectory and record what came of it."""

from __future__ import annotations

import typer

from mentorcli.commands._common import (
    Contract,
    Outcome,
    Reason,
    confirm_irreversible,
    database,
    day_option,
    format_option,
    resolve_trajectory,
)
from mentorcli.ui.output import TableOrJson


def close(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="Trajectory id, or the mentee's or mentor's whole name."),
    outcome: Outcome = typer.Option(..., "--outcome", help="What the mentee has now."),
    contract: Contract = typer.Option(None, "--contract", help="With a job: its contract."),
    reason: Reason = typer.Option(
        None,
        "--reason",
        help="completed (default on or after the planned end), or why it ended early.",
    ),
    date: str = typer.Option(None, "--date", help="Close date, YYYY-MM-DD (default today)."),
    mentor_available: bool = typer.Option(
        True,
        "--mentor-available/--mentor-leaves",
        help="Does the mentor take another mentee, or leave the programme?",
    ),
    note: str = typer.Option(None, "--note", help="A closing note (never exported)."),
    fmt: TableOrJson = format_option(TableOrJson.table, "table or json."),
    yes: bool = typer.Option(False, "--yes", help="Do not ask for confirmation at a terminal."),
) -> None:
    """Close a trajectory with its outcome; the mentor's place is free again.

    A name must be whole (a part of a name is refused: this cannot be undone). Example:
    mentorcli close "Amina Benali" --outcome job --contract fixed-term --reason job-found
    """
    from mentorcli.lifecycle import trajectories
    from mentorcli.store.db import transaction
    from mentorcli.ui.output import emit_json, message

    day = day_option(date, "--date", past=True)
    db = database(ctx, create=False)
    trajectory_id = resolve_trajectory(db, ref, exact=True)
    duo = trajectories.describe(trajectories.get(db, trajectory_id))
    confirm_irreversible(yes, f"Close {duo} on {day} with outcome {outcome.value}?")
    with transaction(db):
        result = trajectories.close(
            db,
            trajectory_id,
            day=day,
            outcome=outcome.value,
            contract=contract.value if contract else None,
            reason=reason.value if reason else None,
            mentor_leaves=not mentor_available,
            note=note,
        )
    if fmt == TableOrJson.json:
        emit_json(result)
        return
    early = "early, " if result["early"] else ""
    message(
        f"Closed trajectory {trajectory_id} on {result['closed_on']} ({early}"
        f"{result['reason']}): outcome {result['outcome']}"
        f"{' (' + result['contract'] + ')' if result['contract'] else ''}; "
        f"{result['sessions']} sessions, {result['hours']:g} h over {result['weeks']:g} weeks."
    )
