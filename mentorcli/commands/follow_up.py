"""`mentorcli follow-up`: what became of the mentee, a year after the start."""

from __future__ import annotations

import typer

from mentorcli.commands import _options as opt
from mentorcli.commands._common import database, day_option, format_option, resolve_trajectory
from mentorcli.ui.output import TableOrJson


def follow_up(
    ctx: typer.Context,
    ref: opt.TrajectoryRef,
    outcome: opt.FollowUpOutcomeChoice = None,
    contract: opt.ContractChoice = None,
    contract_months: opt.ContractMonths = None,
    situation: opt.Situation = None,
    date: opt.EventDate = None,
    amend: opt.Amend = False,
    fmt: TableOrJson = format_option(TableOrJson.table, "table or json."),
) -> None:
    """Record the mentee's situation at the follow-up (12 months after the start).

    Statistics use it instead of the outcome at closing; unreachable: the mentee could not
    be reached (not a positive outcome; no more reminders). The situation (ESF+) follows
    from the outcome; after none it is job-searching or inactive. Example:
    mentorcli follow-up 14 --outcome job --contract fixed-term --contract-months 6
    """
    from mentorcli.lifecycle import changes, trajectories
    from mentorcli.store.db import transaction
    from mentorcli.ui.prompts import ask_situation
    from mentorcli.ui.trajectory_view import render_follow_up

    day = day_option(date, "--date", past=True) if date else None
    fields = changes.follow_up_fields(
        outcome, contract, day, situation, contract_months, amend=amend
    )
    db = database(ctx, create=False)
    # a pick list, so before the write lock; a follow-up is only for a closed trajectory
    trajectory_id = resolve_trajectory(db, ref, status="closed")
    if not amend and fields["outcome"] == "none" and not fields["situation"]:
        fields["situation"] = ask_situation()  # at a terminal; None: a script must say it
    with transaction(db):
        if amend:
            result = changes.amend_follow_up(db, trajectory_id, fields)
        else:
            result = trajectories.follow_up(db, trajectory_id, **fields)
    render_follow_up(result, fmt)
