"""The reference for start-up: a bare Typer app with mentorcli's command names, no work.

`mentorcli --help` is measured against `python bench/reference_app.py --help`.
"""

import typer

app = typer.Typer(add_completion=False)

NAMES = [
    "enrol",
    "import",
    "list",
    "show",
    "edit",
    "withdraw",
    "match",
    "unmatch",
    "log-session",
    "sessions",
    "close",
    "follow-up",
    "remind",
    "stats",
    "export",
    "backup",
    "restore",
    "doctor",
    "forget",
    "purge",
    "log",
    "demo",
]


def _make(name: str):
    def command(ref: str = typer.Argument(None), fmt: str = typer.Option("table", "--format")):
        """A command that does nothing."""

    command.__name__ = name.replace("-", "_")
    return command


for _name in NAMES:
    app.command(_name)(_make(_name))
config = typer.Typer(help="Settings.")
config.command("show")(_make("show"))
config.command("set")(_make("set"))
app.add_typer(config, name="config")


@app.callback()
def main(db: str = typer.Option(None, "--db"), version: bool = typer.Option(False, "--version")):
    """The reference app."""


if __name__ == "__main__":
    app()
