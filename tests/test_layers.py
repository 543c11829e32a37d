"""The folder is the layer (docs/design.md): each layer imports only the layers below it, and the
frameworks stay in their doors. Every import in the package is read, at module level and inside functions."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "jinsanjiao_cli"

# Each layer and what it may import of ours; a layer may always import itself.
MAY_IMPORT = {
    "text": set(),
    "core": {"text"},
    "io": {"text", "core"},
    "plans": {"text", "core", "io"},
    "ledger": {"text", "core", "io", "plans"},
    "views": {"text", "core"},
    "render": {"text", "core", "views"},
    "workbooks": {"text", "core", "views", "render"},
    "actions": {"text", "core", "io", "plans", "ledger", "views", "render", "workbooks"},
    "cli": {"text", "core", "io", "plans", "ledger", "views", "render", "workbooks", "actions"},
    "web": {"text", "core", "io", "plans", "ledger", "views", "render", "workbooks", "actions"},  # never cli/
}
# The one door that opens the other: `jsj serve` starts the web portal, importing it inside its command only
# (checked below), so no other command loads it and nothing of the CLI reaches the web layer.
BRIDGES = {"cli/serve.py": {"web"}}
# Outside packages that belong to one place only.
FRAMEWORKS = {
    "typer": {"cli"},
    "click": {"cli"},
    "fastapi": {"web"},
    "starlette": {"web"},
    "jinja2": {"web"},
    "sqlite3": {"ledger/db"},
    "psycopg": {"ledger/db"},
    "apprise": {"io"},  # io/notify.py: the one place that delivers a notice
    "openpyxl": {"workbooks"},  # writes workbooks; reading is python-calamine's, in io/sheets
    "python_calamine": {"io/sheets"},
    "docx": {"render/officialdoc", "plans/drafting"},  # writes the bulletin; reads a .docx plan text
    "yaml": {"plans"},
    "sqlmodel": {"ledger"},
    "argon2": {"actions"},
    "uvicorn": {"cli"},  # `jsj serve` starts it, inside the command
}


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if p.relative_to(PACKAGE).parts[0] in MAY_IMPORT)


def imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            if node.module == "jinsanjiao_cli":
                found.update(f"jinsanjiao_cli.{alias.name}" for alias in node.names)
    return found


def module_level_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {n.module for n in tree.body if isinstance(n, ast.ImportFrom) and n.module} | {
        alias.name for n in tree.body if isinstance(n, ast.Import) for alias in n.names
    }


def layer_of(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0]


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_a_layer_imports_only_the_layers_below_it(path):
    layer = layer_of(path)
    ours = {name.split(".")[1] for name in imports(path) if name.startswith("jinsanjiao_cli.")}
    bridged = BRIDGES.get(str(path.relative_to(PACKAGE)), set())
    above = ours - MAY_IMPORT[layer] - {layer, "__version__"} - bridged
    assert not above, f"{path.relative_to(PACKAGE)} ({layer}) imports {sorted(above)}"
    if bridged:
        top = {name.split(".")[1] for name in module_level_imports(path) if name.startswith("jinsanjiao_cli.")}
        assert not top & bridged, f"{path.relative_to(PACKAGE)} imports {sorted(bridged)} at module level"


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_frameworks_stay_in_their_doors(path):
    where = str(path.relative_to(PACKAGE).parent)
    for name in imports(path):
        homes = FRAMEWORKS.get(name.split(".")[0])
        if homes is not None:
            assert any(where == home or where.startswith(home + "/") for home in homes), (
                f"{path.relative_to(PACKAGE)} imports {name}, which belongs in {sorted(homes)}"
            )


def test_every_module_sits_in_a_layer():
    loose = [p.name for p in PACKAGE.glob("*.py") if p.name not in ("__init__.py", "__main__.py")]
    assert not loose, f"modules outside any layer: {loose}"


# No top-level folder or module holds more than a fifth of the package's lines (issue 18): a layer that
# grows past that is two layers.
SIZE_CAP = 0.20


def test_no_layer_holds_more_than_a_fifth_of_the_lines():
    lines: dict[str, int] = {}
    for path in PACKAGE.rglob("*.py"):
        top = path.relative_to(PACKAGE).parts[0]
        lines[top] = lines.get(top, 0) + len(path.read_text(encoding="utf-8").splitlines())
    total = sum(lines.values())
    over = {top: f"{n / total:.0%}" for top, n in lines.items() if n > SIZE_CAP * total}
    assert not over, f"over {SIZE_CAP:.0%} of {total} lines: {over}"
