"""`mentorcli close`: end a trajectory and record what came of it, or correct a close."""

from __future__ import annotations

import typer

from mentorcli.commands import _options as opt
from mentorcli.commands._common import confirm_irreversible, database, day_option, format_option
from mentorcli.commands._common import resolve_trajectory as resolve
from mentorcli.ui.output import TableOrJson


def close(
    ctx: typer.Context,
    ref: opt.WholeTrajectoryRef,
    outcome: opt.OutcomeOrKept = None,
    contract: opt.ContractChoice = None,
    reason: opt.ReasonChoice = None,
    date: opt.EventDate = None,
    mentor_available: opt.MentorAvailable = None,
    contract_months: opt.ContractMonths = None,
    job_searching: opt.JobSearching = None,
    qualification: opt.Qualification = None,
    requeue: bool = typer.Option(False, "--requeue", help="The mentee waits for a new mentor."),
    note: str = typer.Option(None, "--note", help="A closing note (never exported)."),
    amend: opt.Amend = False,
    fmt: TableOrJson = format_option(TableOrJson.table, "table or json."),
    yes: opt.YesAtTerminal = False,
) -> None:
    """Close a trajectory with its outcome; the mentor's place is free again.

    A name must be whole (a part of a name is refused: this cannot be undone). Example:
    mentorcli close "Amina Benali" --outcome job --contract fixed-term --reason job-found
    """
    from mentorcli.lifecycle import changes
    from mentorcli.lifecycle import trajectories as tr
    from mentorcli.store.db import transaction
    from mentorcli.ui import trajectory_view as view

    day = day_option(date, "--date", past=True) if date else None
    given = (outcome, contract, reason, day, mentor_available, note)
    esf = (contract_months, job_searching, qualification)
    terms = changes.close_terms(*given, *esf, requeue=requeue, amend=amend)
    db = database(ctx, create=False)
    trajectory_id = resolve(db, ref, "closed" if amend else "active", exact=True)
    if amend:
        question = view.amend_question(changes.check_amend_close(db, trajectory_id, terms))
    else:
        trajectory, _ = tr.check_close(db, trajectory_id, **terms)
        question = view.close_question(trajectory, terms["day"], terms["outcome"])
    confirm_irreversible(yes, question)
    with transaction(db):
        if amend:
            result = changes.amend_close(db, trajectory_id, terms)
        else:
            result = tr.close(db, trajectory_id, **terms, note=note)
    view.render_closed(trajectory_id, result, fmt)
