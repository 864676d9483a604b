"""Options declared once, as ``Annotated`` types that a command names in its signature
(``city: opt.City = None``): the ones several commands share, the vocabulary choices of
`close` and `follow-up`, and the many of `match`, so that each command module fits on
one screen. The person fields of `enrol` and `edit` are in ``_person_options``.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

import typer

from mentorcli.commands._common import (
    Contract,
    FollowUpOutcome,
    Outcome,
    Reason,
    city_option,
    number_option,
    word_option,
)
from mentorcli.core.vocabulary import (
    CONTRACTS,
    FOLLOWUP_OUTCOMES,
    OUTCOMES,
    REASONS,
    SITUATIONS,
    TOPICS,
)

City = Annotated[
    str | None,
    typer.Option("--city", parser=city_option, metavar="CITY", help="Only this programme city."),
]
TrajectoryRef = Annotated[
    str, typer.Argument(help="Trajectory id, or the mentee's or mentor's name.")
]
WholeTrajectoryRef = Annotated[
    str, typer.Argument(help="Trajectory id, or the mentee's or mentor's whole name.")
]
YesAtTerminal = Annotated[
    bool, typer.Option("--yes", help="Do not ask for confirmation at a terminal.")
]
YesForScripts = Annotated[
    bool, typer.Option("--yes", help="Do not ask for confirmation (scripts).")
]

# list
ListStatus = Annotated[
    str | None,
    typer.Option(
        "--status",
        help="mentees: waiting, matched, done, withdrawn, erased; mentors: available, full, "
        "inactive, erased; trajectories: active (default), closed, all (default with --year).",
    ),
]
ListYear = Annotated[
    int | None,
    typer.Option("--year", min=1900, max=9999, help="Trajectories active on a day of that year."),
]

# log-session and edit-session
Minutes = Annotated[int | None, typer.Option("--minutes", help="How long, in minutes.")]
Hours = Annotated[
    float | None,
    typer.Option(
        "--hours",
        metavar="HOURS",
        parser=number_option(0, 12, unit=" hours"),
        help="Or how long, in hours (1.5).",
    ),
]
Topics = Annotated[
    list[str] | None,
    typer.Option("--topic", help=f"What they worked on (repeatable): {', '.join(TOPICS)}."),
]
SessionId = Annotated[str, typer.Argument(help="The session's id (`mentorcli sessions` shows it).")]

ByCity = Annotated[
    Literal["city"] | None, typer.Option("--by", help="city: one column per city as well.")
]
# stats
Years = Annotated[
    list[int], typer.Option("--year", help="Year to report (repeatable; default this year).")
]
Preset = Annotated[
    Literal["esf"] | None,
    typer.Option("--preset", help="esf: the ESF+ common indicators of one --year instead."),
]
SuppressBelow = Annotated[
    int | None,
    typer.Option(
        "--suppress-below",
        min=2,
        help="Blank breakdown counts below this, from 1 (for figures leaving the organisation).",
    ),
]

# close and follow-up: words of the one vocabulary, also in Dutch and French
OutcomeChoice = Annotated[Outcome, word_option("outcome", OUTCOMES, "What the mentee has now.")]
ContractChoice = Annotated[
    Contract | None, word_option("contract", CONTRACTS, "With a job: its contract.")
]
# --amend takes only what changes: every field is optional then
OutcomeOrKept = Annotated[
    Outcome | None,
    word_option("outcome", OUTCOMES, "What the mentee has now (required unless --amend)."),
]
FollowUpOutcomeChoice = Annotated[
    FollowUpOutcome | None,
    word_option(
        "outcome",
        FOLLOWUP_OUTCOMES,
        "What the mentee has now, or unreachable (required unless --amend).",
    ),
]
MentorAvailable = Annotated[
    bool | None,
    typer.Option("--mentor-available/--mentor-leaves", help="Does the mentor take another mentee?"),
]
# What ESF+ asks about the result (issue 14)
ContractMonths = Annotated[
    int | None,
    typer.Option(
        "--contract-months",
        parser=number_option(1, 120, whole=True, unit=" months"),
        help="A fixed-term or interim contract: its length in months.",
    ),
]
JobSearching = Annotated[
    bool | None,
    typer.Option(
        "--job-searching/--not-job-searching",
        help="Left without a job, and looking for one (ESF+).",
        show_default=False,
    ),
]
Qualification = Annotated[
    bool | None,
    typer.Option(
        "--qualification/--no-qualification",
        help="Gained a qualification during the duo (ESF+).",
        show_default=False,
    ),
]
Situation = Annotated[
    str | None,
    word_option(
        "situation",
        SITUATIONS,
        "Their situation then (default: what the outcome means; after none, say which).",
    ),
]
Amend = Annotated[
    bool,
    typer.Option("--amend", help="Correct the one recorded before: only given options change."),
]
EventDate = Annotated[
    str | None, typer.Option("--date", help="Date, YYYY-MM-DD (default today; --amend: kept).")
]
ReasonChoice = Annotated[
    Reason | None,
    word_option(
        "reason",
        REASONS,
        "completed (default on or after the planned end), or why it ended early.",
    ),
]

# match
MinScore = Annotated[
    float | None,
    typer.Option(
        "--min-score",
        parser=number_option(0, 100),
        metavar="SCORE",
        help="Lowest score to propose, 0 to 100 (default: config).",
    ),
]
Pins = Annotated[
    list[str] | None,
    typer.Option(
        "--pin", metavar="MENTEE:MENTOR", help="Keep this pair (ids or names); repeatable."
    ),
]
Forbidden = Annotated[
    list[str] | None,
    typer.Option(
        "--forbid",
        metavar="MENTEE:MENTOR",
        help="Never propose this pair again (remembered); repeatable.",
    ),
]
Allowed = Annotated[
    list[str] | None,
    typer.Option(
        "--allow",
        metavar="MENTEE:MENTOR",
        help="Lift a forbid: propose this pair again (ids or names); repeatable.",
    ),
]
StartDate = Annotated[
    str | None,
    typer.Option(
        "--start-date",
        help="Start of accepted trajectories, YYYY-MM-DD or DD/MM/YYYY (default today); "
        "waiting time counts to it.",
    ),
]
Apply = Annotated[bool, typer.Option("--apply", help="Accept every proposed pair, no questions.")]
OneMentee = Annotated[
    str | None,
    typer.Option("--mentee", help="Rank the mentors for one mentee (id or name) instead."),
]
Top = Annotated[int, typer.Option("--top", min=0, help="With --mentee: how many (0: all allowed).")]
TableLimit = Annotated[
    int,
    typer.Option(
        "--limit",
        min=0,
        help="Table: show at most N pairs and N waiting mentees (0: all); json has all.",
    ),
]

# remind: how many days make each kind due
MAX_DAYS = 36_500  # a century: any longer span is a typo, and overflows date arithmetic


def _days(name: str, low: int, help: str) -> Any:
    return typer.Option(name, min=low, max=MAX_DAYS, help=help)


SilentDays = Annotated[int, _days("--silent-days", 1, "Active duos with no session this long.")]
EndingDays = Annotated[
    int, _days("--ending-days", 0, "Trajectories whose planned end is this close.")
]
WaitingDays = Annotated[int, _days("--waiting-days", 0, "Mentees waiting for a mentor this long.")]
CheckInDays = Annotated[int, _days("--check-in-days", 1, "Active duos with no check-in this long.")]
