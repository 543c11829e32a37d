"""The hot paths do not import what they do not need. (The docs checks are in test_docs.py.)"""

import subprocess
import sys

import pytest

HEAVY = ("sqlmodel", "sqlalchemy", "openpyxl", "yaml", "pydantic", "python_calamine", "matplotlib")
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
