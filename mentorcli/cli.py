"""The Typer app: wires the commands together and turns errors into one line and an exit code.

Commands are loaded lazily: `mentorcli --help` lists them from the table below without
importing a single command module, and running a command imports and builds only that
one. The database layer, rapidfuzz, scipy and questionary are imported inside the
commands that use them, so start-up stays close to a bare Typer app. Shell completion
(`--install-completion`) works the same way: command names from the table, a command's
options and choices from the command once it is named.

The root callback puts the options given before the command name (``--db``) on
``ctx.obj``; every command reads them from its context, never from a module global.
"""

from __future__ import annotations

import importlib
import os
import sqlite3
import sys
from collections.abc import Sequence
from typing import Any

import typer
from typer.core import TyperGroup

from mentorcli import __version__
from mentorcli.core import i18n
from mentorcli.core.errors import EXIT_USAGE, MentorError
from mentorcli.core.i18n import N_, _


def _start_up_language() -> str:
    """The language, from everything but the parsed command line: the app is built in it."""

    def stored() -> str | None:
        from mentorcli.store.db import resolve_path

        return i18n.stored_language(resolve_path(i18n.db_option(sys.argv[1:])))

    return i18n.setup(i18n.choose_language(os.environ, stored))


# Before any command module is imported and before the app below is built: help texts
# are evaluated then, so they must find the catalog in place.
_start_up_language()

from mentorcli.commands._common import Globals  # noqa: E402
from mentorcli.ui.help_text import ReadableContext, readable  # noqa: E402

# name: (module, attribute, the first line of its help; a test keeps them identical).
# The summaries are marked N_ and translated where the help screen lists them.
COMMANDS: dict[str, tuple[str, str, str]] = {
    "enrol": ("enrol", "enrol", N_("Enrol a mentor or a mentee; prints the new id.")),
    "import": (
        "import_people",
        "import_people",
        N_("Import people from a CSV file (UTF-8, UTF-16 or Windows-1252; comma or semicolon)."),
    ),
    "list": (
        "list_people",
        "list_people",
        N_("List mentors, mentees, trajectories (duos) or forbidden pairs."),
    ),
    "show": ("show", "show", N_("Show one person and their trajectories.")),
    "edit": (
        "edit",
        "edit",
        N_("Change fields of an enrolled person; only the options given change."),
    ),
    "withdraw": (
        "withdraw",
        "withdraw",
        N_("Withdraw a person from the programme (they stay in the statistics)."),
    ),
    "match": (
        "match",
        "match",
        N_("Propose mentors for the whole waiting list: most mentees matched, best total score."),
    ),
    "unmatch": (
        "unmatch",
        "unmatch",
        N_("Undo a trajectory that has no sessions yet: the mentee waits again."),
    ),
    "log-session": ("log_session", "log_session", N_("Log a session of an active trajectory.")),
    "edit-session": (
        "edit_session",
        "edit_session",
        N_("Correct a logged session; only the options given change."),
    ),
    "delete-session": (
        "delete_session",
        "delete_session",
        N_("Delete a session logged twice, or for a meeting that did not take place."),
    ),
    "check-in": (
        "check_in",
        "check_in",
        N_("Record a check-in with a duo: good, concern or at-risk."),
    ),
    "sessions": (
        "sessions",
        "sessions",
        N_("List a trajectory's sessions: hours, weeks covered, hours a week against 2–3."),
    ),
    "trajectory": (
        "trajectory",
        "trajectory",
        N_("Show one duo's whole story: people, dates, sessions, check-ins, close, follow-up."),
    ),
    "close": (
        "close",
        "close",
        N_("Close a trajectory with its outcome; the mentor's place is free again."),
    ),
    "reopen": (
        "reopen",
        "reopen",
        N_("Undo a close: the duo is active again, as if it had never been closed."),
    ),
    "extend": (
        "extend",
        "extend",
        N_("Move the planned end of an active trajectory; `remind` follows the new date."),
    ),
    "requeue": (
        "requeue",
        "requeue",
        N_("Put a mentee back on the waiting list: after a duo that ended early, or a return."),
    ),
    "follow-up": (
        "follow_up",
        "follow_up",
        N_("Record the mentee's situation at the follow-up (12 months after the start)."),
    ),
    "remind": (
        "remind",
        "remind",
        N_("List reminders: quiet duos, planned ends, long waits, follow-ups due."),
    ),
    "stats": (
        "stats",
        "stats",
        N_("Yearly figures: reach, trajectories, sessions, outcomes and who was reached."),
    ),
    "report": (
        "report",
        "report",
        N_("Write the year's report for funders: figures, five-year trends, charts, one file."),
    ),
    "export": (
        "export",
        "export",
        N_("Export every table: names and notes included, so keep the files private."),
    ),
    "backup": (
        "backup",
        "backup",
        N_("Back up the database (online, consistent, verified after writing)."),
    ),
    "restore": (
        "restore",
        "restore",
        N_("Replace the database by a backup; the current file is kept aside first."),
    ),
    "doctor": (
        "doctor",
        "doctor",
        N_("Check the file, its privacy and the GDPR duties; exits 1 on any problem."),
    ),
    "forget": (
        "forget",
        "forget",
        N_("Erase a person's identifying data for good; the anonymous statistics stay."),
    ),
    "purge": (
        "purge",
        "purge",
        N_("Erase everyone whose involvement ended longer ago than the retention period."),
    ),
    "log": (
        "log",
        "log",
        N_("Show the event log: enrolments, changes, matches, closes, exports, erasures."),
    ),
    "config": ("config", "app", N_("Show or change programme rules and matching weights.")),
    "demo": (
        "demo",
        "demo",
        N_("Write an invented sample programme, then show it per city and propose matches."),
    ),
}


def load_command(name: str) -> Any:
    """Import one command's module and build its Click command."""
    from typer.main import get_command

    module_name, attribute, _summary = COMMANDS[name]
    target = getattr(importlib.import_module(f"mentorcli.commands.{module_name}"), attribute)
    if isinstance(target, typer.Typer):
        return readable(_translated(get_command(target)))
    single = typer.Typer(add_completion=False)
    single.command(name)(target)
    return readable(_translated(get_command(single)))


def _translated(command: Any) -> Any:
    """Docstrings are a command's help and cannot be wrapped in ``_()``: scripts/i18n.py
    extracts them, and they are translated here, once the command is built."""
    if command.help:
        command.help = i18n.translate_help(command.help)
    for sub in getattr(command, "commands", {}).values():
        _translated(sub)
    return command


class MentorGroup(TyperGroup):
    """Lazy commands, and every failure reported as ``Error: …`` on one line of stderr."""

    _listing = False
    context_class = ReadableContext

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        readable(self)

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in COMMANDS:
            return None
        if self._listing:  # the help screen only needs the name and one line
            from typer.core import TyperCommand

            summary = _(COMMANDS[cmd_name][2])
            return TyperCommand(cmd_name, help=summary, short_help=summary)
        return load_command(cmd_name)

    def invoke(self, ctx: Any) -> Any:
        # Typer turns Ctrl-C into a silent exit 130; say it, in the one place below.
        # Click would turn a closed pipe into exit 1; a reader that stops early
        # (`| head -1`) is normal, so it is exit 0 and not a word (see `main`).
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            from mentorcli.ui.output import silence_stdout

            silence_stdout()
            raise typer.Exit(0) from None
        except KeyboardInterrupt:
            from mentorcli.core.errors import Interrupted

            raise Interrupted(
                _(
                    "interrupted: a change is written whole or not at all, so the file is "
                    "as the last finished change left it"
                )
            ) from None

    def format_help(self, ctx: Any, formatter: Any) -> None:
        self._listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing = False

    def shell_complete(self, ctx: Any, incomplete: str) -> Any:
        # Command names complete from the table, as the help screen lists them; a
        # command's own options complete from the command, loaded once it is named.
        self._listing = True
        try:
            return super().shell_complete(ctx, incomplete)
        finally:
            self._listing = False

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        from typer import _click

        code = 0
        try:
            result = super().main(
                args=args,
                prog_name=prog_name,
                complete_var=complete_var,
                standalone_mode=False,
                windows_expand_args=windows_expand_args,
                **extra,
            )
            if isinstance(result, int):
                code = result
        except _click.exceptions.NoArgsIsHelpError as e:
            sys.stdout.write(e.format_message() + "\n")
            code = 0  # asking for the help is not an error
        except _click.exceptions.UsageError as e:
            hint = (
                _(" (see `{command} --help`)").format(command=e.ctx.command_path)
                if e.ctx is not None
                else ""
            )
            code = _fail(f"{e.format_message()}{hint}", EXIT_USAGE)
        except _click.exceptions.ClickException as e:
            code = _fail(e.format_message(), e.exit_code)
        except typer.Abort:
            code = _fail(_("aborted: nothing was changed"), 1)
        except MentorError as e:
            code = _fail(str(e), e.exit_code)
        except sqlite3.Error as e:
            from mentorcli.store.db import translate

            error = translate(e)
            code = _fail(str(error), error.exit_code)
        except KeyboardInterrupt:
            code = _fail(_("interrupted: nothing was changed"), 130)
        except BrokenPipeError:
            from mentorcli.ui.output import silence_stdout

            silence_stdout()
            code = 0
        except OSError as e:
            # The system refused a file (a name too long, a permission, …): say which file
            # and why. Every write is a transaction or a renamed temporary file, so no
            # half-written file stays either way.
            where = f"{e.filename}: " if e.filename else ""
            code = _fail(f"{where}{e.strerror or type(e).__name__}", 1)
        except Exception as e:  # last resort: one line, never a traceback with data in it
            if isinstance(e, ValueError) and "null byte" in str(e):
                code = _fail(_("a file name or value contains a NUL character"), EXIT_USAGE)
            else:
                code = _fail(
                    _("internal error ({kind}). Please report it with the command you ran.").format(
                        kind=type(e).__name__
                    ),
                    1,
                )
        finally:
            if "mentorcli.store.db" in sys.modules:
                sys.modules["mentorcli.store.db"].close_all()
        if not standalone_mode:
            return code
        sys.exit(code)


def _fail(text: str, code: int) -> int:
    from mentorcli.ui.output import visible

    first_line = visible(" ".join(str(text).split()))
    sys.stderr.write(_("Error: {message}").format(message=first_line) + "\n")
    return code


app = typer.Typer(
    cls=MentorGroup,
    name="mentorcli",
    help=(
        _("Run a volunteer job-mentoring programme: enrol, match, log sessions, close, report.")
        + "\n\n"
        + _("Everyday examples:")
        + "\n\n\b\n"
        "  mentorcli list mentees --status waiting\n"
        "  mentorcli match --apply\n"
        '  mentorcli log-session "Nour El Amrani" --hours 2 --topic cv'
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"mentorcli {__version__}\n")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    db: str = typer.Option(
        None,
        "--db",
        metavar="PATH",
        help=_("Database file (default: $MENTORCLI_DB, else mentorcli.db in your data folder)."),
    ),
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help=_("Show the version and exit.")
    ),
) -> None:
    """Run a volunteer job-mentoring programme from the terminal.

    Example: mentorcli enrol mentee --name "Nour El Amrani" --city Gent --languages nl,ar
    --sector logistiek
    """
    if db is not None and not db.strip():  # `--db "$DB"` with DB unset: not the default
        raise typer.BadParameter(_("is empty (an unset variable in a script?)"), param_hint="--db")
    ctx.obj = Globals(db=db)


def main() -> None:
    app()
