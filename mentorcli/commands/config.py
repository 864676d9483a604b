"""`mentorcli config`: the programme's rules and matching weights."""

from __future__ import annotations

import typer

from mentorcli.commands._common import database, format_option
from mentorcli.ui.output import OutputFormat

app = typer.Typer(
    help="Show or change programme rules and matching weights.",
    no_args_is_help=True,
    add_completion=False,
)


@app.command("show")
def show(
    ctx: typer.Context, fmt: OutputFormat = format_option(OutputFormat.table, "table, json or csv.")
) -> None:
    """Show every setting, its value and its default.

    Example: mentorcli config show
    """
    from mentorcli.store import settings
    from mentorcli.ui.output import render

    rows = settings.describe(database(ctx, empty=True))
    render(rows, fmt, ["key", "value", "default", "help"], title="Settings")


@app.command("set")
def set_(
    ctx: typer.Context,
    key: str = typer.Argument(..., help="Setting name, e.g. age.mentee.max."),
    value: str = typer.Argument(..., help="New value; 'off' clears an age limit."),
) -> None:
    """Change a setting.

    Example: mentorcli config set age.mentor.min 50
    """
    from mentorcli.store import settings
    from mentorcli.ui.output import message

    parsed = settings.change(database(ctx), key, value)
    message(f"{key} = {'off' if parsed is None else parsed}")


@app.command("reset")
def reset(ctx: typer.Context, key: str = typer.Argument(..., help="Setting name.")) -> None:
    """Put a setting back to its default.

    Example: mentorcli config reset weight.sector
    """
    from mentorcli.store import settings
    from mentorcli.ui.output import message

    default = settings.change(database(ctx), key, None)
    message(f"{key} is back to its default ({'off' if default is None else default}).")
