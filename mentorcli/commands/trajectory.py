"""`mentorcli trajectory`: one duo's whole story."""

from __future__ import annotations

import typer

from mentorcli.commands import _options as opt
from mentorcli.commands._common import database, format_option, resolve_trajectory
from mentorcli.ui.output import TableOrJson


def trajectory(
    ctx: typer.Context,
    ref: opt.TrajectoryRef,
    fmt: TableOrJson = format_option(TableOrJson.table, "table or json."),
) -> None:
    """Show one duo's whole story: people, dates, sessions, check-ins, close, follow-up.

    Its event log lines come last. A name finds that person's duos, active or closed (a
    pick list at a terminal when there are several). Example: mentorcli trajectory 4
    """
    from mentorcli.lifecycle import story
    from mentorcli.ui.check_in_view import render_story

    db = database(ctx, create=False)
    trajectory_id = resolve_trajectory(db, ref, status=None)
    render_story(story.story(db, trajectory_id), fmt)
