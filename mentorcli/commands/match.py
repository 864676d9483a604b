"""`mentorcli match`: propose the best mentor for every waiting mentee, and accept pairs."""

from __future__ import annotations

from typing import Any

import typer

from mentorcli.commands._common import (
    city_option,
    database,
    day_option,
    number_option,
    resolve_person,
)
from mentorcli.output import OutputFormat

# Rich lays out a table row in about half a millisecond: 10,000 pairs took seconds to
# show and would scroll by unread anyway. The title keeps the full count.
DEFAULT_TABLE_ROWS = 200


def match(
    city: str = typer.Option(
        None, "--city", parser=city_option, metavar="CITY", help="Only this programme city."
    ),
    min_score: float = typer.Option(
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
    start_date: str = typer.Option(
        None, "--start-date", help="Start of accepted trajectories, YYYY-MM-DD (default today)."
    ),
    apply: bool = typer.Option(False, "--apply", help="Accept every proposed pair, no questions."),
    mentee: str = typer.Option(
        None, "--mentee", help="Rank the mentors for one mentee (id or name) instead."
    ),
    top: int = typer.Option(5, "--top", min=0, help="With --mentee: how many (0: all allowed)."),
    fmt: OutputFormat = typer.Option(OutputFormat.table, "--format", help="table or json."),
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
    from mentorcli import pairing, prompts
    from mentorcli.clock import today
    from mentorcli.db import transaction
    from mentorcli.errors import UsageError

    if fmt == OutputFormat.csv:
        raise UsageError("match prints a table or json")
    start = day_option(start_date, "--start-date", past=True)
    db = database(create=False)
    if mentee is not None:
        if pin or forbid or apply:
            raise UsageError("--mentee only ranks mentors; use --pin or --apply without it")
        mentee_id = resolve_person(db, mentee, "mentee")
        ranked = pairing.candidates_for(db, mentee_id, as_of=today(), top=top, min_score=min_score)
        _render_candidates(ranked, fmt)
        return
    # Pick lists and the ticking of pairs come first; then one transaction writes the
    # forbidden pairs and the accepted ones together, or nothing at all.
    forbidden = [pairing.resolve_pair(db, text, prompts.pick_person) for text in forbid]
    pins = [pairing.resolve_pair(db, text, prompts.pick_person) for text in pin]
    proposal = pairing.propose(
        db, as_of=today(), city=city, min_score=min_score, pins=pins, forbidden=forbidden
    )
    chosen: list[dict[str, Any]] = []
    if apply:
        chosen = proposal["pairs"]
    elif fmt == OutputFormat.table and proposal["pairs"] and prompts.interactive():
        render_proposal(proposal, limit=limit)
        chosen = prompts.checkbox(
            "Accept which pairs? (space toggles, enter confirms)",
            [
                (f"{p['mentee_name']} + {p['mentor_name']} ({p['score']:g})", p)
                for p in proposal["pairs"]
            ],
        )
    if chosen or forbidden:
        from mentorcli import settings

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
    if fmt == OutputFormat.json:
        from mentorcli.output import emit_json

        emit_json({"pairs": proposal["pairs"], "unmatched": proposal["unmatched"]})
        return
    if not (chosen and not apply):  # the table was already shown before ticking
        render_proposal(proposal, limit=limit)
    _report_applied(chosen, start)


def _bar(score: float) -> str:
    full = int(round(score / 10))
    return f"{'█' * full}{'░' * (10 - full)} {score:5.1f}"


def render_proposal(proposal: dict[str, Any], *, limit: int = DEFAULT_TABLE_ROWS) -> None:
    """The proposal as two tables, each cut to ``limit`` rows (0: all) with a note."""
    from rich.table import Table

    from mentorcli.output import message, stdout_console

    console = stdout_console()
    pairs = proposal["pairs"]
    unmatched = proposal["unmatched"]
    if pairs:
        grid = Table(
            title=f"{len(pairs)} proposed pair(s) of {proposal['waiting']} waiting",
            title_justify="left",
            header_style="bold",
        )
        for name in ("mentee", "mentor", "city", "score", "why"):
            grid.add_column(name, no_wrap=name in {"mentee", "mentor", "score"})
        for p in pairs[:limit] if limit else pairs:
            why = "; ".join(p["reasons"][:3])
            if p["pinned"]:
                why = "pinned; " + why
            elif p["first_choice"]:
                first = p["first_choice"]
                taken = ", ".join(first["taken_by"]) or "another mentee"
                why += f"; choice {p['rank']}: {first['mentor_name']} went to {taken}"
            grid.add_row(
                f"{p['mentee_id']} {p['mentee_name']}",
                f"{p['mentor_id']} {p['mentor_name']}",
                p["city"],
                _bar(p["score"]),
                why,
            )
        console.print(grid)
        _note_cut(len(pairs), limit, "proposed pairs")
    else:
        message("No pair to propose.")
    if unmatched:
        grid = Table(
            title=f"{len(unmatched)} mentee(s) left waiting",
            title_justify="left",
            header_style="bold",
        )
        for name in ("mentee", "city", "why"):
            grid.add_column(name, no_wrap=name == "mentee")
        for u in unmatched[:limit] if limit else unmatched:
            grid.add_row(f"{u['mentee_id']} {u['mentee_name']}", u["city"], u["why"])
        console.print(grid)
        _note_cut(len(unmatched), limit, "mentees left waiting")


def _note_cut(total: int, limit: int, what: str) -> None:
    from mentorcli.output import message

    if limit and total > limit:
        message(
            f"Showing {limit} of {total} {what}: --limit 0 shows all, "
            "--format json lists them all for a script."
        )


def _report_applied(chosen: list[dict[str, Any]], start: Any) -> None:
    from mentorcli.output import message

    if chosen:
        ids = ", ".join(str(p["trajectory_id"]) for p in chosen)
        message(f"Started {len(chosen)} trajectory(ies) on {start}: {ids}.")
    else:
        message("Nothing was changed (use --apply to accept every proposed pair).")


def _render_candidates(ranked: dict[str, Any], fmt: OutputFormat) -> None:
    from mentorcli.output import emit_json, message, stdout_console, table

    if fmt == OutputFormat.json:
        emit_json(ranked)
        return
    rows = [
        {
            "rank": n,
            "mentor": f"{c['mentor_id']} {c['mentor_name']}",
            "score": _bar(c["score"]),
            "why": "; ".join(c["reasons"][:4]),
        }
        for n, c in enumerate(ranked["candidates"], start=1)
    ]
    if not rows:
        message(f"No mentor with a free place fits {ranked['mentee_name']}.")
        return
    stdout_console().print(
        table(
            rows,
            ["rank", "mentor", "score", "why"],
            title=f"Mentors for {ranked['mentee_id']} {ranked['mentee_name']}",
        )
    )
