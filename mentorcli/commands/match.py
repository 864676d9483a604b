"""`mentorcli match`: propose the best mentor for every waiting mentee, and accept pairs."""

from __future__ import annotations

import typer

from mentorcli.commands import _options as opt
from mentorcli.commands._common import database, day_option, format_option, resolve_person
from mentorcli.ui.match_view import DEFAULT_TABLE_ROWS
from mentorcli.ui.output import TableOrJson


def match(
    ctx: typer.Context,
    city: opt.City = None,
    min_score: opt.MinScore = None,
    pin: opt.Pins = None,
    forbid: opt.Forbidden = None,
    allow: opt.Allowed = None,
    start_date: opt.StartDate = None,
    apply: opt.Apply = False,
    mentee: opt.OneMentee = None,
    top: opt.Top = 5,
    fmt: TableOrJson = format_option(TableOrJson.table, "table or json."),
    limit: opt.TableLimit = DEFAULT_TABLE_ROWS,
) -> None:
    """Propose mentors for the whole waiting list: most mentees matched, best total score.

    On a terminal you tick the pairs to accept; --apply accepts them all; otherwise the
    proposal is only printed. Example: mentorcli match --city Gent --forbid 12:7
    """
    from mentorcli.core.errors import UsageError
    from mentorcli.lifecycle import pairing
    from mentorcli.ui import match_view as view
    from mentorcli.ui import prompts

    start = day_option(start_date, "--start-date", past=True)
    db = database(ctx, create=False)
    if mentee is not None:
        if pin or forbid or allow or apply:
            raise UsageError("--mentee only ranks mentors; use --pin or --apply without it")
        mentee_id = resolve_person(db, mentee, "mentee")
        ranked = pairing.candidates_for(db, mentee_id, as_of=start, top=top, min_score=min_score)
        return view.render_candidates(ranked, fmt)
    # Pick lists and the ticking of pairs come first; then one transaction writes the
    # forbidden pairs and the accepted ones together, or nothing at all.
    requests = pairing.resolve_requests(
        db, prompts.pick_person, pin=pin or [], forbid=forbid or [], allow=allow or []
    )
    proposal = pairing.propose(db, as_of=start, city=city, min_score=min_score, requests=requests)
    tick = not apply and fmt == TableOrJson.table and proposal["pairs"] and prompts.interactive()
    chosen = proposal["pairs"] if apply else view.tick_pairs(proposal, limit=limit) if tick else []
    if chosen or requests.forbidden or requests.allowed:
        pairing.apply(db, chosen, requests, start=start)
    shown = bool(chosen) and not apply
    view.render_match(proposal, chosen, start, fmt, limit=limit, shown=shown, requests=requests)
