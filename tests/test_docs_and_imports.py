"""The hot paths do not import what they do not need. (The docs checks are in test_docs.py.)"""

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "jinsanjiao_cli"
WEB_LIBRARIES = ("fastapi", "starlette", "jinja2", "uvicorn")
HEAVY = (
    "sqlmodel",
    "sqlalchemy",
    "openpyxl",
    "yaml",
    "pydantic",
    "python_calamine",
    *WEB_LIBRARIES,
    "argon2",
    "matplotlib",
    "apprise",
)
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
        ["user", "list"],
        ["serve", "--help"],
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


# ---------------------------------------------------------------- the portal's import rules (issue 20 §2)


def imports(path: Path) -> list[tuple[str, bool]]:
    """Every module a file imports, each with whether the import sits at module level."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = {id(node) for node in tree.body}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, id(node) in top) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, id(node) in top))
    return found


def sources(folder: str = "") -> list[Path]:
    return sorted((PACKAGE / folder).rglob("*.py"))


def root(module: str) -> str:
    return module.split(".")[0]


def test_nothing_in_the_web_layer_imports_typer_or_the_cli():
    found = [(p.name, m) for p in sources("web") for m, _ in imports(p) if root(m) in {"typer", "click", "rich"}]
    found += [(p.name, m) for p in sources("web") for m, _ in imports(p) if m.startswith("jinsanjiao_cli.cli")]
    assert not found


def test_only_the_web_layer_and_jsj_serve_import_the_web_libraries():
    allowed = {*sources("web"), PACKAGE / "cli" / "serve.py"}
    found = [(str(p.relative_to(PACKAGE)), m) for p in sources() if p not in allowed for m, _ in imports(p)
             if root(m) in WEB_LIBRARIES]  # fmt: skip
    assert not found


def test_the_cli_reaches_the_web_layer_only_inside_jsj_serve():
    found = [
        (str(p.relative_to(PACKAGE)), m, at_top)
        for p in sources("cli")
        for m, at_top in imports(p)
        if m.startswith("jinsanjiao_cli.web") and (at_top or p.name != "serve.py")
    ]
    assert not found
    assert any(m.startswith("jinsanjiao_cli.web") for m, _ in imports(PACKAGE / "cli" / "serve.py"))


def test_the_use_cases_below_the_doors_import_neither():
    below = [p for layer in ("core", "ledger", "views", "actions", "render", "text", "io") for p in sources(layer)]
    doors = ("jinsanjiao_cli.web", "jinsanjiao_cli.cli")
    found = [
        (str(p.relative_to(PACKAGE)), m)
        for p in below
        for m, _ in imports(p)
        if root(m) in {"typer", *WEB_LIBRARIES} or m.startswith(doors)
    ]
    assert not found
