"""`mentorcli close`: end a trajectory and record what came of it."""

from __future__ import annotations

import typer

from mentorcli.commands import _options as opt
from mentorcli.commands._common import (
    confirm_irreversible,
    database,
    day_option,
    format_option,
    resolve_trajectory,
)
from mentorcli.ui.output import TableOrJson


def close(
    ctx: typer.Context,
    ref: opt.WholeTrajectoryRef,
    outcome: opt.OutcomeChoice,
    contract: opt.ContractChoice = None,
    reason: opt.ReasonChoice = None,
    date: str = typer.Option(None, "--date", help="Close date, YYYY-MM-DD (default today)."),
    mentor_available: bool = typer.Option(
        True,
        "--mentor-available/--mentor-leaves",
        help="Does the mentor take another mentee, or leave the programme?",
    ),
    note: str = typer.Option(None, "--note", help="A closing note (never exported)."),
    fmt: TableOrJson = format_option(TableOrJson.table, "table or json."),
    yes: opt.YesAtTerminal = False,
) -> None:
    """Close a trajectory with its outcome; the mentor's place is free again.

    A name must be whole (a part of a name is refused: this cannot be undone). Example:
    mentorcli close "Amina Benali" --outcome job --contract fixed-term --reason job-found
    """
    from mentorcli.lifecycle import trajectories
    from mentorcli.store.db import transaction
    from mentorcli.ui import trajectory_view as view

    day = day_option(date, "--date", past=True)
    db = database(ctx, create=False)
    trajectory_id = resolve_trajectory(db, ref, exact=True)
    terms = trajectories.CloseTerms(
        day=day,
        outcome=outcome.value,
        contract=contract.value if contract else None,
        reason=reason.value if reason else None,
        mentor_leaves=not mentor_available,
    )
    trajectory, _ = trajectories.check_close(db, trajectory_id, **terms)  # before asking
    confirm_irreversible(yes, view.close_question(trajectory, day, outcome))
    with transaction(db):
        result = trajectories.close(db, trajectory_id, **terms, note=note)
    view.render_closed(trajectory_id, result, fmt)
