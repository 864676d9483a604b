"""`mentorcli delete-session`: remove a session logged twice or by mistake."""

from __future__ import annotations

import typer

from mentorcli.commands import _options as opt
from mentorcli.commands._common import (
    confirm_irreversible,
    database,
    format_option,
    require_yes,
)
from mentorcli.ui.output import TableOrJson


def delete_session(
    ctx: typer.Context,
    session: opt.SessionId,
    yes: opt.YesForScripts = False,
    fmt: TableOrJson = format_option(TableOrJson.table, "table or json."),
) -> None:
    """Delete a session logged twice, or for a meeting that did not take place.

    Takes the session's id, as `mentorcli sessions` shows it. This cannot be undone: on a
    terminal it shows the session and asks; a script passes --yes. The event log keeps
    its date and length. Example: mentorcli delete-session 5 --yes
    """
    from mentorcli.lifecycle import session_corrections
    from mentorcli.store.db import transaction
    from mentorcli.ui.trajectory_view import render_session_deleted

    db = database(ctx, create=False)
    session_id = session_corrections.resolve(db, session)
    question = f"Delete {session_corrections.describe(db, session_id)}?"
    require_yes(yes, "delete-session cannot be undone: confirm with --yes")
    confirm_irreversible(yes, question)
    with transaction(db):
        deleted = session_corrections.delete_session(db, session_id)
    render_session_deleted(deleted, fmt)
