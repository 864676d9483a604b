"""The errors a command may refuse with; turned into one line and an exit code in cli.py."""

from __future__ import annotations

EXIT_REFUSED = 1
EXIT_USAGE = 2
EXIT_TEMPFAIL = 75  # sysexits.h EX_TEMPFAIL: cron may retry later
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report Ctrl-C


class MentorError(Exception):
    """An operation the tool refuses: bad data, unknown person, a rule broken."""

    exit_code = EXIT_REFUSED


class UsageError(MentorError):
    """The command line itself is wrong (missing or malformed option values)."""

    exit_code = EXIT_USAGE


class DatabaseLocked(MentorError):
    """Another process held the database longer than the busy timeout."""

    exit_code = EXIT_TEMPFAIL


class Interrupted(MentorError):
    """Ctrl-C: Typer would exit 130 without a word; the coordinator is told instead."""

    exit_code = EXIT_INTERRUPTED
