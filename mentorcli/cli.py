"""The Typer app: wires the commands together and turns errors into one line and an exit code.

Nothing heavy is imported here: each command imports the database layer, rapidfuzz,
scipy or questionary inside its own body, so ``mentorcli --help`` stays instant.
"""

from __future__ import annotations

import sqlite3
import sys
from typing import Any

import typer
from typer.core import TyperGroup

from mentorcli import __version__
from mentorcli.commands import (
    backup,
    close,
    config,
    demo,
    doctor,
    edit,
    enrol,
    export,
    follow_up,
    forget,
    import_people,
    list_people,
    log,
    log_session,
    match,
    remind,
    sessions,
    show,
    stats,
    unmatch,
    withdraw,
)
from mentorcli.commands._common import state
from mentorcli.errors import EXIT_USAGE, MentorError


class MentorGroup(TyperGroup):
    """Runs a command and reports every failure as ``Error: …`` on one line of stderr."""

    def main(
        self, args: Any = None, prog_name: Any = None, standalone_mode: bool = True, **extra: Any
    ) -> Any:
        from typer import _click

        code = 0
        try:
            result = super().main(args=args, prog_name=prog_name, standalone_mode=False, **extra)
            if isinstance(result, int):
                code = result
        except _click.exceptions.UsageError as e:
            hint = f" (see `{e.ctx.command_path} --help`)" if e.ctx is not None else ""
            code = _fail(f"{e.format_message()}{hint}", EXIT_USAGE)
        except _click.exceptions.ClickException as e:
            code = _fail(e.format_message(), e.exit_code)
        except typer.Abort:
            code = _fail("aborted: nothing was changed", 1)
        except MentorError as e:
            code = _fail(str(e), e.exit_code)
        except sqlite3.Error as e:
            from mentorcli.db import translate

            error = translate(e)
            code = _fail(str(error), error.exit_code)
        except KeyboardInterrupt:
            code = _fail("interrupted: nothing was changed", 130)
        except BrokenPipeError:
            code = 0
        except Exception as e:  # last resort: one line, never a traceback with data in it
            if isinstance(e, ValueError) and "null byte" in str(e):
                code = _fail("a file name or value contains a NUL character", EXIT_USAGE)
            else:
                code = _fail(
                    f"internal error ({type(e).__name__}). "
                    "Please report it with the command you ran.",
                    1,
                )
        finally:
            if "mentorcli.db" in sys.modules:
                sys.modules["mentorcli.db"].close_all()
        if not standalone_mode:
            return code
        sys.exit(code)


def _fail(text: str, code: int) -> int:
    first_line = " ".join(str(text).split())
    sys.stderr.write(f"Error: {first_line}\n")
    return code


app = typer.Typer(
    cls=MentorGroup,
    name="mentorcli",
    help="Run a volunteer job-mentoring programme: enrol, match, log sessions, close, report.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"mentorcli {__version__}\n")
        raise typer.Exit()


@app.callback()
def root(
    db: str = typer.Option(
        None,
        "--db",
        metavar="PATH",
        help="Database file (default: $MENTORCLI_DB, else mentorcli.db in your data folder).",
    ),
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Run a volunteer job-mentoring programme from the terminal.

    Example: mentorcli enrol mentee --name "Nour El Amrani" --city Gent --languages nl,ar
    --sector logistiek
    """
    state.db_option = db


app.command("enrol")(enrol.enrol)
app.command("import")(import_people.import_people)
app.command("list")(list_people.list_people)
app.command("show")(show.show)
app.command("edit")(edit.edit)
app.command("withdraw")(withdraw.withdraw)
app.command("match")(match.match)
app.command("unmatch")(unmatch.unmatch)
app.command("log-session")(log_session.log_session)
app.command("sessions")(sessions.sessions)
app.command("close")(close.close)
app.command("follow-up")(follow_up.follow_up)
app.command("remind")(remind.remind)
app.command("stats")(stats.stats)
app.command("export")(export.export)
app.command("backup")(backup.backup)
app.command("restore")(backup.restore)
app.command("doctor")(doctor.doctor)
app.command("forget")(forget.forget)
app.command("purge")(forget.purge)
app.command("log")(log.log)
app.add_typer(config.app, name="config")
app.command("demo")(demo.demo)


def main() -> None:
    app()
