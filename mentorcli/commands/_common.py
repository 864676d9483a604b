"""What every command shares: the global options on ``ctx.obj``, the one way to open the
database, the --format option, and the parsers of dates, numbers and cities."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from mentorcli.core import vocabulary

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class Globals:
    """The root options, set on ``ctx.obj`` by the root callback; sub-contexts inherit it.

    Held by the invocation rather than a module global, so two invocations in one process
    (tests, an embedding program) each open the database they were given.
    """

    db: str | None = None


def db_option(ctx: typer.Context) -> str | None:
    """The --db given before the command name, or None (then $MENTORCLI_DB or the default)."""
    found = ctx.find_object(Globals)
    return found.db if found is not None else None


def db_path(ctx: typer.Context) -> Path:
    """Where the database is, without opening it (for `doctor`, which checks the file)."""
    from mentorcli.store.db import resolve_path

    return resolve_path(db_option(ctx))


def database(
    ctx: typer.Context, *, create: bool = True, empty: bool = False, path: Path | None = None
) -> Database:
    """The one way a command opens the database: the --db of this invocation, or ``path``
    when the command names its own file (`demo`); ``create`` and ``empty`` as for
    :func:`mentorcli.store.db.open_db`."""
    from mentorcli.store.db import open_db

    return open_db(path if path is not None else db_option(ctx), create=create, empty=empty)


def format_option(default: StrEnum, help: str) -> Any:
    """The one --format option; its choices are exactly the members of ``default``'s enum
    (``OutputFormat``, ``TableOrJson``, ``JsonOrCsv``, ``TextFormat``), so a format a
    command cannot write is a usage error naming the choices, never silently ignored."""
    return typer.Option(default, "--format", help=help)


# The choices of close and follow-up, from the one vocabulary.
Outcome = StrEnum("Outcome", {v: v for v in vocabulary.OUTCOMES})  # type: ignore[misc]
Contract = StrEnum("Contract", {v: v for v in vocabulary.CONTRACTS})  # type: ignore[misc]
Reason = StrEnum("Reason", {v: v for v in vocabulary.REASONS})  # type: ignore[misc]
CheckInStatus = StrEnum(  # type: ignore[misc]
    "CheckInStatus", {v: v for v in vocabulary.CHECK_IN_STATUSES}
)
CheckInWith = StrEnum("CheckInWith", {v: v for v in vocabulary.CHECK_IN_WITH})  # type: ignore[misc]
FollowUpOutcome = StrEnum(  # type: ignore[misc]
    "FollowUpOutcome", {v: v for v in vocabulary.FOLLOWUP_OUTCOMES}
)


class Role(StrEnum):
    mentor = "mentor"
    mentee = "mentee"


class Listing(StrEnum):
    """What the coordinator types after `list`: people in the plural, or duos, or pairs."""

    mentors = "mentors"
    mentees = "mentees"
    trajectories = "trajectories"
    forbidden = "forbidden"


def resolve_person(db: Database, ref: str, role: str | None = None, *, exact: bool = False) -> int:
    """A person's id from an id or a name; on a terminal an ambiguous name is a pick list.

    ``exact`` is for commands that cannot be undone: an id or a whole name, no guessing.
    """
    from mentorcli import people
    from mentorcli.ui import prompts

    return people.resolve(db, ref, role, choose=prompts.pick_person, exact=exact)


def day_option(text: str | None, option: str, *, past: bool) -> Any:
    """A date option, today when absent; a malformed date is a usage error.

    ``past`` for the date of something that happened (a session, a close, a withdrawal):
    then a date after today is refused too. Every caller says which it is.
    """
    from mentorcli.core.clock import parse_date, today
    from mentorcli.core.errors import UsageError

    if not text:
        return today()
    try:
        return parse_date(text, option, past=past)
    except ValueError as e:
        raise UsageError(str(e)) from None


def number_option(
    low: float, high: float, *, whole: bool = False, unit: str = ""
) -> Callable[[str], float]:
    """A Typer ``parser=`` for a number option: finite and in range, or a usage error
    naming the option (Click's own float type lets ``nan`` through every range)."""

    def parse(text: str) -> float:
        from mentorcli.core.numbers import parse_number

        try:
            return parse_number(text, low=low, high=high, whole=whole, unit=unit)
        except ValueError as e:
            raise typer.BadParameter(str(e)) from None

    parse.metavar = "INTEGER" if whole else "FLOAT"  # type: ignore[attr-defined]  # for --help
    return parse


def word_option(kind: str, keys: tuple[str, ...], help: str) -> Any:
    """A ``typer.Option`` for a word of the vocabulary (an outcome, a contract, a reason)
    that also takes its Dutch and French names (``--outcome werk``, ``--contract CDI``).

    A Typer choice would refuse those before any parser ran, so the option parses text
    instead, while ``--help`` (ui/help_text.py) and shell completion offer the stored keys.
    The command receives the key as its enum member, as with a choice.
    """
    from mentorcli.core.vocabulary import parse_word

    def parse(text: str) -> str:
        try:
            return parse_word(kind, text, keys)
        except ValueError as e:
            raise typer.BadParameter(str(e)) from None

    def complete(incomplete: str) -> list[str]:
        return [key for key in keys if key.startswith(incomplete)]

    parse.choices = keys  # type: ignore[attr-defined]  # listed by --help as a choice's
    return typer.Option(f"--{kind}", parser=parse, autocompletion=complete, help=help)


def path_option(text: str) -> Path:
    """A Typer ``parser=`` for a file or folder: an empty one is refused, not read as the
    current folder (``mentorcli backup "$DEST"`` in a cron line whose variable is unset)."""
    if not text.strip():
        raise typer.BadParameter("is empty (an unset variable in a script?)")
    return Path(text).expanduser()


def city_option(text: str) -> str:
    """A Typer ``parser=`` for a ``--city`` filter: the programme city's usual spelling."""
    from mentorcli.core.reference import canonical_city

    try:
        return canonical_city(text)
    except ValueError as e:
        raise typer.BadParameter(str(e)) from None


def resolve_trajectory(
    db: Database, ref: str, status: str | None = "active", *, exact: bool = False
) -> int:
    """A trajectory's id from an id or a name; ``exact`` as for :func:`resolve_person`."""
    from mentorcli.lifecycle import trajectories
    from mentorcli.ui import prompts

    return trajectories.resolve(db, ref, status=status, choose=prompts.pick_trajectory, exact=exact)


def require_yes(yes: bool, refusal: str) -> None:
    """A step that cannot be undone needs --yes when no one is at a terminal to ask."""
    from mentorcli.core.errors import UsageError
    from mentorcli.ui import prompts

    if not yes and not prompts.interactive():
        raise UsageError(refusal)


def confirm_irreversible(yes: bool, question: str) -> None:
    """Ask at a terminal unless --yes; a script goes on as before (no terminal, no question).

    The question names who or what in full, with the ids, because the answer cannot be
    taken back.
    """
    from mentorcli.core.errors import MentorError
    from mentorcli.ui import prompts

    if yes or not prompts.interactive():
        return
    if not prompts.confirm(question):
        raise MentorError("cancelled: nothing was changed")
