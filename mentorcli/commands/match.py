"""`mentorcli match`: propose the best mentor for every waiting mentee, and accept pairs."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from mentorcli.commands._common import (
    city_option,
    database,
    day_option,
    format_option,
    number_option,
    resolve_person,
)
from mentorcli.ui.match_view import (
    DEFAULT_TABLE_ROWS,
    render_applied,
    render_candidates,
    render_proposal,
)
from mentorcli.ui.output import TableOrJson

if TYPE_CHECKING:
    from mentorcli.lifecycle.pairing import ProposedPair


def match(
    ctx: typer.Context,
    city: str | None = typer.Option(
        None, "--city", parser=city_option, metavar="CITY", help="Only this programme city."
    ),
    min_score: float | None = typer.Option(
        None,
        "--min-score",
        parser=number_option(0, 100),
        metavar="SCORE",
        help="Lowest score to propose, 0 to 100 (default: config).",
    ),
    pin: list[str] = typer.Option(
        [], "--pin", metavar="MENTEE:MENTOR", help="Keep this pair (ids or names); repeatable."
    ),
    forbid: list[str] = typer.Option(
        [],
        "--forbid",
        metavar="MENTEE:MENTOR",
        help="Never propose this pair again (remembered); repeatable.",
    ),
    start_date: str | None = typer.Option(
        None, "--start-date", help="Start of accepted trajectories, YYYY-MM-DD (default today)."
    ),
    apply: bool = typer.Option(False, "--apply", help="Accept every proposed pair, no questions."),
    mentee: str | None = typer.Option(
        None, "--mentee", help="Rank the mentors for one mentee (id or name) instead."
    ),
    top: int = typer.Option(5, "--top", min=0, help="With --mentee: how many (0: all allowed)."),
    fmt: TableOrJson = format_option(TableOrJson.table, "table or json."),
    limit: int = typer.Option(
        DEFAULT_TABLE_ROWS,
        "--limit",
        min=0,
        help="Table: show at most N pairs and N waiting mentees (0: all); json has all.",
    ),
) -> None:
    """Propose mentors for the whole waiting list: most mentees matched, best total score.

    On a terminal you tick the pairs to accept; --apply accepts them all; otherwise the
    proposal is only printed. Example: mentorcli match --city Gent --forbid 12:7
    """
    from mentorcli.core.clock import today
    from mentorcli.core.errors import UsageError
    from mentorcli.lifecycle import pairing
    from mentorcli.store.db import transaction
    from mentorcli.ui import prompts

    start = day_option(start_date, "--start-date", past=True)
    db = database(ctx, create=False)
    if mentee is not None:
        if pin or forbid or apply:
            raise UsageError("--mentee only ranks mentors; use --pin or --apply without it")
        mentee_id = resolve_person(db, mentee, "mentee")
        ranked = pairing.candidates_for(db, mentee_id, as_of=today(), top=top, min_score=min_score)
        render_candidates(ranked, fmt)
        return
    # Pick lists and the ticking of pairs come first; then one transaction writes the
    # forbidden pairs and the accepted ones together, or nothing at all.
    forbidden = [pairing.resolve_pair(db, text, prompts.pick_person) for text in forbid]
    pins = [pairing.resolve_pair(db, text, prompts.pick_person) for text in pin]
    proposal = pairing.propose(
        db, as_of=today(), city=city, min_score=min_score, pins=pins, forbidden=forbidden
    )
    chosen: list[ProposedPair] = []
    if apply:
        chosen = proposal["pairs"]
    elif fmt == TableOrJson.table and proposal["pairs"] and prompts.interactive():
        render_proposal(proposal, limit=limit)
        chosen = prompts.checkbox(
            "Accept which pairs? (space toggles, enter confirms)",
            [
                (f"{p['mentee_name']} + {p['mentor_name']} ({p['score']:g})", p)
                for p in proposal["pairs"]
            ],
        )
    if chosen or forbidden:
        from mentorcli.store import settings

        with transaction(db):
            pairing.remember_forbidden(db, forbidden)
            months = settings.load(db)["trajectory.months"]
            trajectory_ids = pairing.create_trajectories(
                db,
                [(p["mentee_id"], p["mentor_id"], p["score"]) for p in chosen],
                start=start,
                months=months,
            )
            for pair, trajectory_id in zip(chosen, trajectory_ids, strict=True):
                pair["trajectory_id"] = trajectory_id
    if fmt == TableOrJson.json:
        from mentorcli.ui.output import emit_json

        emit_json({"pairs": proposal["pairs"], "unmatched": proposal["unmatched"]})
        return
    if not (chosen and not apply):  # the table was already shown before ticking
        render_proposal(proposal, limit=limit)
    render_applied(chosen, start)
