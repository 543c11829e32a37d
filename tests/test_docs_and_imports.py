"""The hot paths do not import what they do not need. (The docs checks are in test_docs.py.)"""

import os
import subprocess
import sys

import pytest

HEAVY = ("sqlmodel", "sqlalchemy", "openpyxl", "yaml", "pydantic", "python_calamine", "matplotlib", "apprise")
PROBE = """
import sys
from jinsanjiao_cli.cli.app import main
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
        ["remind", "--as-of", "2022-06-30", "--format", "text"],
        ["remind", "--upcoming", "--as-of", "2022-06-22"],
        ["remind", "--send", "--dry-run", "--as-of", "2022-06-30"],
        ["remind", "--log"],
        ["unit", "list"],
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


def test_apprise_is_loaded_to_send(db):
    """The probe sees Apprise when a notice is really sent (here to an address nobody listens at)."""
    args = ["remind", "--send", "--as-of", "2022-06-30", "-u", "省交通厅", "--db", str(db)]
    env = {**os.environ, "JSJ_NOTIFY": "json://127.0.0.1:9/nobody?cto=1&rto=1"}
    result = subprocess.run(
        [sys.executable, "-c", PROBE % (HEAVY,), *args], capture_output=True, text=True, check=False, env=env
    )
    assert "HEAVY:apprise\n" in result.stderr, result.stderr[-500:]
