"""The README documents every command, and the hot paths do not import what they do not need."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
COMMANDS = [
    "init",
    "record",
    "history",
    "status",
    "indicator",
    "target",
    "export",
    "template",
    "import",
    "batches",
    "undo",
]


def test_every_command_is_registered_and_documented(jsj):
    listed = jsj("--help").stdout
    for command in COMMANDS:
        assert re.search(rf"^\s+{command}\s", listed, re.M), command
        assert f"`jsj {command}" in README, command
        help_text = jsj(command, "--help").stdout
        assert "Example" in help_text or command == "indicator", command


def test_readme_states_the_formulas_that_the_tests_check():
    for fragment in ("序时进度 (expected progress)", "Σ wᵢ·pᵢ / Σ wᵢ", "6.75%", "10.45%", "GDPᵢ,y−1", "26.01"):
        assert fragment in README


HEAVY = ("sqlmodel", "sqlalchemy", "openpyxl", "yaml", "pydantic", "python_calamine")
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
