"""`mentorcli unmatch`: undo a trajectory created by mistake, before any session."""

from __future__ import annotations

import typer

from mentorcli.commands._common import confirm_irreversible, database, resolve_trajectory


def unmatch(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="Trajectory id, or the mentee's or mentor's whole name."),
    yes: bool = typer.Option(False, "--yes", help="Do not ask for confirmation at a terminal."),
) -> None:
    """Undo a trajectory that has no sessions yet: the mentee waits again.

    A name must be whole (a part of a name is refused: this cannot be undone). The event
    log keeps the fact. Example: mentorcli unmatch 14
    """
    from mentorcli.lifecycle import pairing, trajectories
    from mentorcli.store.db import transaction
    from mentorcli.ui.output import message

    db = database(ctx, create=False)
    trajectory = resolve_trajectory(db, ref, exact=True)
    confirm_irreversible(yes, f"Undo {trajectories.describe(trajectories.get(db, trajectory))}?")
    with transaction(db):
        undone = pairing.unmatch(db, trajectory)
    message(
        f"Trajectory {trajectory} undone: mentee {undone['mentee_id']} is waiting again, "
        f"mentor {undone['mentor_id']} has the place back."
    )
