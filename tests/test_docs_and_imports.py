"""The README documents every command, and the hot paths do not import what they do not need."""

import subprocess
import sys
from pathlib import Path

import pytest

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def every_command() -> list[list[str]]:
    """Every command path of the real CLI (groups and their subcommands), so a new one cannot miss the docs."""
    import typer

    from jinsanjiao_cli.cli import app

    def walk(command, path: list[str]) -> list[list[str]]:
        if hasattr(command, "commands"):  # a group (Typer vendors its own click, so no isinstance)
            return [p for name, sub in sorted(command.commands.items()) for p in walk(sub, [*path, name])]
        return [path]

    return walk(typer.main.get_command(app), [])


def test_the_command_list_is_the_apps_own():
    names = {" ".join(path) for path in every_command()}
    assert {"status", "record", "import", "db copy", "db info", "indicator set", "plan check"} <= names


@pytest.mark.parametrize("path", every_command(), ids=" ".join)
def test_every_command_is_documented_with_an_example(jsj, path):
    assert f"`jsj {' '.join(path)}" in README, path
    help_text = jsj(*path, "--help").stdout
    assert "Example" in help_text, path


def test_readme_states_the_formulas_that_the_tests_check():
    for fragment in ("序时进度 (expected progress)", "Σ wᵢ·pᵢ / Σ wᵢ", "6.75%", "10.45%", "GDPᵢ,y−1", "26.01"):
        assert fragment in README


HEAVY = ("sqlmodel", "sqlalchemy", "openpyxl", "yaml", "pydantic", "python_calamine", "matplotlib")
PROBE = """
import sys
from jinsanjiao_cli.cli import main
sys.argv = ["jsj", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
heavy = sorted({m.split(".")[0] for m in sys.modules} & set(%r))
print("HEAVY:" + ",".join(heavy), file=sys.stderr)
"""


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["status"],
        ["status", "--format", "json"],
        ["history"],
        ["record", "9", "-u", "省交通厅", "-p", "45"],
        ["indicator", "set", "运城", "2021", "--growth", "9.1"],
        ["db", "info"],
    ],
)
def test_hot_paths_do_not_import_heavy_modules(db, args):
    result = subprocess.run(
        [sys.executable, "-c", PROBE % (HEAVY,), *args, "--db", str(db)]
        if args != ["--help"]
        else [sys.executable, "-c", PROBE % (HEAVY,), *args],
        capture_output=True,
        text=True,
        check=False,
    )
    assert "HEAVY:\n" in result.stderr, result.stderr[-500:]
