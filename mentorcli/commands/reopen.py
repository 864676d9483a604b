"""`mentorcli reopen`: undo a close typed by mistake; the duo runs again."""

from __future__ import annotations

import typer

from mentorcli.commands import _options as opt
from mentorcli.commands._common import confirm_irreversible, database, resolve_trajectory


def reopen(ctx: typer.Context, ref: opt.WholeTrajectoryRef, yes: opt.YesAtTerminal = False) -> None:
    """Undo a close: the duo is active again, as if it had never been closed.

    Only while the mentee is in no other duo and the mentor has a free place; a mentor
    who left at this close comes back, a requeue after it is undone; a duo with a
    follow-up stays closed. A name must be whole. Example: mentorcli reopen 14
    """
    from mentorcli.lifecycle import changes, trajectories
    from mentorcli.store.db import transaction
    from mentorcli.ui.trajectory_view import render_reopened

    db = database(ctx, create=False)
    trajectory_id = resolve_trajectory(db, ref, status="closed", exact=True)
    checked = changes.check_reopen(db, trajectory_id)
    confirm_irreversible(yes, f"Reopen {trajectories.describe(checked['trajectory'])}?")
    with transaction(db):
        reopened = changes.reopen(db, trajectory_id)
    render_reopened(reopened)
