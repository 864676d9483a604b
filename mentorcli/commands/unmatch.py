"""`mentorcli unmatch`: undo a trajectory created by mistake, before any session."""

from __future__ import annotations

import typer

from mentorcli.commands._common import database


def unmatch(
    trajectory: int = typer.Argument(..., help="The trajectory id."),
) -> None:
    """Undo a trajectory that has no sessions yet: the mentee waits again.

    The event log keeps the fact. Example: mentorcli unmatch 14
    """
    from mentorcli import pairing
    from mentorcli.db import transaction
    from mentorcli.output import message

    db = database(create=False)
    with transaction(db):
        undone = pairing.unmatch(db, trajectory)
    message(
        f"Trajectory {trajectory} undone: mentee {undone['mentee_id']} is waiting again, "
        f"mentor {undone['mentor_id']} has the place back."
    )
