"""Shell completion, as the README promises: command names and each command's options
complete (the protocol bash's completion script speaks, run against the installed
script), and `--show-completion` prints that script. Commands stay lazily loaded."""

from __future__ import annotations

import os
import subprocess

from test_cli import installed_script


def complete(line: str) -> list[str]:
    """What bash would offer after ``line`` (a trailing space: a new, empty word)."""
    words = line.split()
    cword = len(words) if line.endswith(" ") else len(words) - 1
    env = {
        **os.environ,
        "_MENTORCLI_COMPLETE": "complete_bash",
        "COMP_WORDS": line,
        "COMP_CWORD": str(cword),
    }
    result = subprocess.run(
        [installed_script()], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    return result.stdout.split()


def test_command_names_complete():
    assert complete("mentorcli clo") == ["close"]
    assert complete("mentorcli l") == ["list", "log-session", "log"]
    offered = complete("mentorcli ")
    assert {"enrol", "match", "restore", "purge", "config"} <= set(offered)


def test_each_command_s_options_complete():
    assert "--outcome" in complete("mentorcli close 12 --")
    assert set(complete("mentorcli close 12 --ou")) == {"--outcome"}
    assert "--min-score" in complete("mentorcli match --")
    assert "--prefers-similar-background" in complete("mentorcli enrol mentee --")


def test_choices_complete():
    assert complete("mentorcli close 12 --outcome ") == ["job", "training", "internship", "none"]
    # Dutch and French words are accepted too, but only the stored keys are offered
    assert complete("mentorcli close 12 --contract ") == [
        "permanent",
        "fixed-term",
        "interim",
        "self-employed",
    ]
    assert complete("mentorcli close 12 --reason m") == [
        "mentee-withdrew",
        "mentor-withdrew",
        "moved",
        "mismatch",
    ]
    assert complete("mentorcli close 12 --format ") == ["table", "json"]
    assert complete("mentorcli config ") == ["show", "set", "reset"]


def test_root_options_complete_too():
    assert {"--db", "--version", "--install-completion", "--show-completion"} <= set(
        complete("mentorcli --")
    )


def test_show_completion_prints_the_bash_script():
    result = subprocess.run(
        [installed_script(), "--show-completion", "bash"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "_MENTORCLI_COMPLETE=complete_bash" in result.stdout
    assert "complete " in result.stdout and "mentorcli" in result.stdout


def test_help_lists_the_completion_options(cli):
    text = cli("--help").stdout
    assert "--install-completion" in text and "--show-completion" in text


def test_completing_a_command_name_imports_no_command_module():
    """Names come from cli.py's table, as for --help: completion stays as quick."""
    import sys

    code = (
        "import sys\nfrom mentorcli.cli import app\n"
        "try:\n    app(prog_name='mentorcli')\nexcept SystemExit:\n    pass\n"
        "loaded = [m for m in sys.modules if m.startswith('mentorcli.commands.')\n"
        "          and not m.rsplit('.', 1)[1].startswith('_')]\n"
        "print(sorted(loaded), file=sys.stderr)"
    )
    env = {
        **os.environ,
        "_MENTORCLI_COMPLETE": "complete_bash",
        "COMP_WORDS": "mentorcli ",
        "COMP_CWORD": "1",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    assert "close" in result.stdout.split() and "enrol" in result.stdout.split()
    assert result.stderr.strip().splitlines()[-1] == "[]"


def test_install_completion_writes_the_script_for_the_shell(tmp_path):
    env = {**os.environ, "HOME": str(tmp_path)}
    result = subprocess.run(
        [installed_script(), "--install-completion", "bash"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    script = tmp_path / ".bash_completions" / "mentorcli.sh"
    assert "_MENTORCLI_COMPLETE=complete_bash" in script.read_text()
    assert str(script) in (tmp_path / ".bashrc").read_text()
