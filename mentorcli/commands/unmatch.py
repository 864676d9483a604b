"""`mentorcli unmatch`: undo a trajectory created by mistake, before any session."""

from __future__ import annotations

import typer

from mentorcli.commands import _options as opt
from mentorcli.commands._common import confirm_irreversible, database, resolve_trajectory


def unmatch(
    ctx: typer.Context, ref: opt.WholeTrajectoryRef, yes: opt.YesAtTerminal = False
) -> None:
    """Undo a trajectory that has no sessions yet: the mentee waits again.

    A name must be whole (a part of a name is refused: this cannot be undone). The event
    log keeps the fact. Example: mentorcli unmatch 14
    """
    from mentorcli.lifecycle import pairing, trajectories
    from mentorcli.store.db import transaction
    from mentorcli.ui.trajectory_view import render_unmatched

    db = database(ctx, create=False)
    trajectory = resolve_trajectory(db, ref, exact=True)
    confirm_irreversible(yes, f"Undo {trajectories.describe(trajectories.get(db, trajectory))}?")
    with transaction(db):
        undone = pairing.unmatch(db, trajectory)
    render_unmatched(undone)
