"""How `match` shows a proposal, the ranked mentors for one mentee, and what was applied."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mentorcli.ui.output import OutputFormat

if TYPE_CHECKING:
    import datetime as dt

    from mentorcli.lifecycle.pairing import MatchProposal, MentorsFor, PairRequests, ProposedPair

# Rich lays out a table row in about half a millisecond: 10,000 pairs took seconds to
# show and would scroll by unread anyway. The title keeps the full count.
DEFAULT_TABLE_ROWS = 200


def _bar(score: float) -> str:
    full = int(round(score / 10))
    return f"{'█' * full}{'░' * (10 - full)} {score:5.1f}"


def render_proposal(proposal: MatchProposal, *, limit: int = DEFAULT_TABLE_ROWS) -> None:
    """The proposal as two tables, each cut to ``limit`` rows (0: all) with a note."""
    from mentorcli.ui.output import message, stdout_console, table

    console = stdout_console()
    pairs = proposal["pairs"]
    unmatched = proposal["unmatched"]
    if pairs:
        rows = []
        for p in pairs[:limit] if limit else pairs:
            why = "; ".join(p["reasons"][:3])
            if p["pinned"]:
                why = "pinned; " + why
            elif p["first_choice"]:
                first = p["first_choice"]
                taken = ", ".join(first["taken_by"]) or "another mentee"
                why += f"; choice {p['rank']}: {first['mentor_name']} went to {taken}"
            rows.append(
                {
                    "mentee": f"{p['mentee_id']} {p['mentee_name']}",
                    "mentor": f"{p['mentor_id']} {p['mentor_name']}",
                    "city": p["city"],
                    "score": _bar(p["score"]),
                    "why": why,
                }
            )
        title = f"{len(pairs)} proposed pair(s) of {proposal['waiting']} waiting"
        console.print(table(rows, ["mentee", "mentor", "city", "score", "why"], title=title))
        _note_cut(len(pairs), limit, "proposed pairs")
    else:
        message("No pair to propose.")
    if unmatched:
        rows = [
            {"mentee": f"{u['mentee_id']} {u['mentee_name']}", "city": u["city"], "why": u["why"]}
            for u in (unmatched[:limit] if limit else unmatched)
        ]
        title = f"{len(unmatched)} mentee(s) left waiting"
        console.print(table(rows, ["mentee", "city", "why"], title=title))
        _note_cut(len(unmatched), limit, "mentees left waiting")


def _note_cut(total: int, limit: int, what: str) -> None:
    from mentorcli.ui.output import message

    if limit and total > limit:
        message(
            f"Showing {limit} of {total} {what}: --limit 0 shows all, "
            "--format json lists them all for a script."
        )


def render_applied(
    chosen: list[ProposedPair], start: dt.date, requests: PairRequests | None = None
) -> None:
    from mentorcli.ui.output import message

    for pair in requests.allowed if requests else []:
        message(f"{pair.names} are no longer a forbidden pair.")
    if chosen:
        ids = ", ".join(str(p["trajectory_id"]) for p in chosen)
        message(f"Started {len(chosen)} trajectory(ies) on {start}: {ids}.")
    elif requests and (requests.forbidden or requests.allowed):  # those were written
        message("No trajectory was started (use --apply to accept every proposed pair).")
    else:
        message("Nothing was changed (use --apply to accept every proposed pair).")


def render_candidates(ranked: MentorsFor, fmt: str) -> None:
    from mentorcli.ui.output import emit_json, message, stdout_console, table

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


def tick_pairs(proposal: MatchProposal, *, limit: int) -> list[ProposedPair]:
    """At a terminal, show the proposal and let the coordinator tick the pairs to accept."""
    from mentorcli.ui import prompts

    render_proposal(proposal, limit=limit)
    return prompts.checkbox(
        "Accept which pairs? (space toggles, enter confirms)",
        [
            (f"{p['mentee_name']} + {p['mentor_name']} ({p['score']:g})", p)
            for p in proposal["pairs"]
        ],
    )


def render_match(
    proposal: MatchProposal,
    chosen: list[ProposedPair],
    start: dt.date,
    fmt: str,
    *,
    limit: int,
    shown: bool,
    requests: PairRequests | None = None,
) -> None:
    """The proposal (unless ``shown`` already, before the ticking) and what was started;
    as JSON, every pair (with its trajectory id once started) and who is left waiting."""
    if fmt == OutputFormat.json:
        from mentorcli.ui.output import emit_json

        emit_json({"pairs": proposal["pairs"], "unmatched": proposal["unmatched"]})
        return
    if not shown:
        render_proposal(proposal, limit=limit)
    render_applied(chosen, start, requests)
