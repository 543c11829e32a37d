"""The documentation says what the installed app does: every command and option is in docs/commands.md, the
README's and the guide's examples run as written, every JSON key a command prints is in docs/json.md, every
link resolves, and the formulas the tests check are stated."""

import json
import re
import shlex
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jinsanjiao_cli.cli.app import app
from jinsanjiao_cli.text import i18n

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"
SECOND_PLAN = REPO / "tests" / "plans" / "county-commerce-2024.yaml"


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


# ---------------------------------------------------------------- the app's commands and options


def every_command() -> list[tuple[list[str], object]]:
    """Every command of the real CLI, the root included, as (path, click command), so a new one cannot miss
    the docs."""
    import typer

    def walk(command, path: list[str]) -> list[tuple[list[str], object]]:
        if hasattr(command, "commands"):  # a group (Typer vendors its own click, so no isinstance)
            return [p for name, sub in sorted(command.commands.items()) for p in walk(sub, [*path, name])]
        return [(path, command)]

    root = typer.main.get_command(app)
    return [([], root), *walk(root, [])]


COMMANDS = every_command()
LEAVES = [path for path, _ in COMMANDS if path]


def long_options(command) -> list[str]:
    """The long name of every option a command takes (`--unit`, not `-u`)."""
    return [
        name
        for param in command.params
        if param.param_type_name == "option"
        for name in [*param.opts, *param.secondary_opts]
        if name.startswith("--")
    ]


def section(document: str, path: list[str]) -> str:
    """The text under the heading "### `jsj PATH`" of docs/commands.md, up to the next heading."""
    heading = re.compile(rf"^#+ `{re.escape(' '.join(['jsj', *path]))}`\s*$", re.M)
    found = heading.search(document)
    assert found, f"docs/commands.md has no heading `{' '.join(['jsj', *path])}`"
    rest = document[found.end() :]
    following = re.search(r"^#{1,3} ", rest, re.M)
    return rest[: following.start()] if following else rest


def test_the_command_list_is_the_apps_own():
    names = {" ".join(path) for path in LEAVES}
    assert {"status", "record", "import", "db copy", "db info", "indicator set", "plan check"} <= names
    assert len(long_options(dict((" ".join(p), c) for p, c in COMMANDS)["record"])) >= 8


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=lambda v: " ".join(v) if isinstance(v, list) else "")
def test_every_command_and_option_is_in_the_reference_with_an_example(path, command):
    text = section(read(DOCS / "commands.md"), path)
    missing = [name for name in long_options(command) if not re.search(rf"{re.escape(name)}(?![\w-])", text)]
    assert not missing, f"jsj {' '.join(path)}: options not in docs/commands.md: {missing}"
    example = re.compile(rf"^```sh\n(?:.*\n)*?{re.escape(' '.join(['jsj', *path]))}\b", re.M)
    assert example.search(text), f"jsj {' '.join(path)}: no ```sh example in docs/commands.md"


@pytest.mark.parametrize("path", LEAVES, ids=" ".join)
def test_every_command_has_help_with_an_example(jsj, path):
    help_text = jsj(*path, "--help").stdout
    assert "Example" in help_text, path


# ---------------------------------------------------------------- the examples run


def examples(markdown: str) -> list[tuple[str, int]]:
    """The `jsj …` lines of the ```sh blocks, in order, each with the exit code the text states beside it
    ("# exits 3"), else 0. `export JSJ_DB=…` lines are skipped (the test gives its own ledger); any other
    line would be an example the test cannot run, so it is refused."""
    found = []
    for block in re.findall(r"^```sh\n(.*?)^```", markdown, re.S | re.M):
        for line in block.replace("\\\n", " ").splitlines():
            if not line.strip() or line.lstrip().startswith("#") or line.startswith("export JSJ_DB="):
                continue
            assert line.startswith("jsj "), f"an example the docs test cannot run: {line}"
            stated = re.search(r"#.*\bexits? (\d+)\b", line)
            found.append((line, int(stated.group(1)) if stated else 0))
    return found


def run_examples(lines: list[tuple[str, int]]) -> list[str]:
    """Run each line in-process, in order, like a user at a shell; return the lines that went wrong."""
    runner, failures = CliRunner(), []
    for line, expected in lines:
        result = runner.invoke(app, shlex.split(line, comments=True)[1:])
        i18n.set_lang(None)  # a --lang en in one line must not leak into the next
        if result.exit_code != expected:
            failures.append(f"{line}\n  exit {result.exit_code}, expected {expected}: {result.output[-400:]}")
    return failures


def month_readme_lines() -> list[tuple[str, int]]:
    """The README's month: its ```sh block made only of `jsj` lines."""
    blocks = re.findall(r"^```sh\n(.*?)^```", read(REPO / "README.md"), re.S | re.M)
    month = [b for b in blocks if all(line.startswith("jsj ") for line in b.splitlines() if line.strip())]
    assert len(month) == 1, "the README should have one block of `jsj` lines: the month"
    return examples(f"```sh\n{month[0]}```\n")


@pytest.fixture(scope="module")
def june(tmp_path_factory, initialised_db) -> Path:
    """A ledger after the README's month, built once: the README's examples, and data for the JSON."""
    work = tmp_path_factory.mktemp("june")
    shutil.copytree(DOCS / "examples", work / "docs" / "examples")
    db = work / "jsj.sqlite3"
    shutil.copy(initialised_db, db)
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(work)
        mp.setenv("JSJ_DB", str(db))
        mp.setenv("NO_COLOR", "1")
        failures = run_examples(month_readme_lines())
    assert not failures, "\n".join(failures)
    return db


def test_the_readme_month_runs(june):
    lines = month_readme_lines()
    assert 12 <= len(lines) <= 20, len(lines)
    for command in ("init", "record", "reports", "remind", "import", "status", "bulletin", "assess"):
        assert any(line.startswith(f"jsj {command} ") for line, _ in lines), command
    assert (june.parent / "jsj-bulletin-2022-06-30.docx").is_file()


def test_the_guide_runs(tmp_path, monkeypatch):
    shutil.copytree(DOCS / "examples", tmp_path / "docs" / "examples")
    monkeypatch.chdir(tmp_path)
    lines = examples(read(DOCS / "guide.md"))
    assert len(lines) > 30 and any(expected for _, expected in lines)
    failures = run_examples(lines)
    assert not failures, "\n".join(failures)


# ---------------------------------------------------------------- every JSON key is documented


def keys(document) -> set[str]:
    if isinstance(document, dict):
        return set(document).union(*(keys(v) for v in document.values()))
    if isinstance(document, list):
        return set().union(*(keys(v) for v in document))
    return set()


def json_of(jsj, *args, code: int = 0):
    result = jsj(*args, "--format", "json")
    assert result.exit_code == code, (args, result.output)
    return json.loads(result.stdout)


JSON_COMMANDS = [
    ("status", "--as-of", "2022-06-30"),
    ("status", "--as-of", "2022-06-30", "--unit", "运城", "--since", "2022-05-25"),
    ("status", "--task", "9", "--as-of", "2022-06-30"),
    ("reports", "--as-of", "2022-06-30"),
    ("reports", "--period", "all", "--as-of", "2022-06-30"),
    ("remind", "--as-of", "2022-06-30"),
    ("remind", "--upcoming", "--as-of", "2022-06-22"),
    ("remind", "--send", "--dry-run", "--as-of", "2022-06-30"),
    ("history",),
    ("history", "--all"),
    ("problem", "list", "--all"),
    ("assess", "--as-of", "2022-06-30"),
    ("target",),
    ("indicator", "list"),
    ("unit", "list"),
    ("batches",),
    ("db", "info"),
    ("settings", "show"),
]


def test_every_json_key_is_documented(jsj, june, tmp_path):
    documented = read(DOCS / "json.md")
    printed: dict[str, set[str]] = {}
    for args in JSON_COMMANDS:
        printed[" ".join(args)] = keys(json_of(jsj, *args, "--db", june))
    examples_dir = DOCS / "examples"
    printed["import --dry-run"] = keys(json_of(jsj, "import", examples_dir / "reports-2022-06.csv", "--dry-run"))
    printed["import (rows refused)"] = keys(json_of(jsj, "import", examples_dir / "yuncheng-2022-06.csv", code=1))
    printed["db copy"] = keys(json_of(jsj, "db", "copy", "--from", june, "--to", tmp_path / "copy.sqlite3"))
    printed["plan check"] = keys(json_of(jsj, "plan", "check", REPO / "data" / "plan.yaml"))
    printed["plan check (second plan)"] = keys(json_of(jsj, "plan", "check", SECOND_PLAN))
    second = tmp_path / "second.sqlite3"  # level and share targets have keys of their own
    assert jsj("init", "--plan", SECOND_PLAN, "--db", second).exit_code == 0
    assert jsj("indicator", "set", "北原", "2024", "--value", "40", "--db", second).exit_code == 0
    printed["target (second plan)"] = keys(json_of(jsj, "target", "--db", second))
    printed["status (second plan)"] = keys(json_of(jsj, "status", "--db", second))
    assert jsj("user", "add", "boss", "--analyst", "--db", second).exit_code == 0
    printed["user list"] = keys(json_of(jsj, "user", "list", "--db", second))
    printed["user log"] = keys(json_of(jsj, "user", "log", "--db", second))

    assert len(set().union(*printed.values())) > 150  # the ledger had data: nested keys were printed
    missing = {command: undocumented(found, command, documented) for command, found in printed.items()}
    missing = {command: found for command, found in missing.items() if found}
    assert not missing, f"JSON keys printed but not in their command's part of docs/json.md: {missing}"


def json_section(documented: str, command: str) -> str:
    """What docs/json.md says of a command: the conventions before the first command, and the part under the
    heading that names the command (the longest that does: `jsj status --task` before `jsj status`)."""
    parts = re.split(r"^## ", documented, flags=re.MULTILINE)
    general = "".join(part for part in parts if not part.startswith("`jsj "))
    headed = {re.match(r"`jsj ([^`]+)`", part).group(1): part for part in parts if part.startswith("`jsj ")}
    words = command.split(" (")[0].split()
    for length in range(len(words), 0, -1):
        heading = " ".join(words[:length])
        if heading in headed:
            return general + "".join(headed[name] for name in (heading, *BUILDS_ON.get(heading, ())))
    return general


# The sections that give their keys as another's ("a task above", "as in `db info`").
BUILDS_ON = {"status --task": ("status", "problem list"), "target": ("status",), "db copy": ("db info",)}


def undocumented(found: set[str], command: str, documented: str) -> list[str]:
    """The keys a command printed that its part of docs/json.md does not name (as `key` or "key")."""
    text = json_section(documented, command)
    return sorted(key for key in found if not re.search(rf"[`\"]{re.escape(key)}[`\"]", text))


def test_the_key_check_fails_on_a_key_the_docs_do_not_name():
    documented = read(DOCS / "json.md")
    assert undocumented({"overdue", "units", "items"}, "remind --as-of 2022-06-30", documented) == []
    assert undocumented({"overdue", "no_such_key"}, "remind --as-of 2022-06-30", documented) == ["no_such_key"]
    # a key documented for another command only is not documented for this one
    assert undocumented({"rows_read"}, "remind --as-of 2022-06-30", documented) == ["rows_read"]
    assert undocumented({"rows_read", "readings", "rejects_file"}, "import --dry-run", documented) == []


# ---------------------------------------------------------------- the pages hold together


def pages() -> list[Path]:
    return [REPO / "README.md", *sorted(DOCS.glob("*.md"))]


def anchor(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped (CJK kept), spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(page: Path) -> set[str]:
    text = re.sub(r"^```.*?^```", "", read(page), flags=re.S | re.M)
    return {anchor(h) for h in re.findall(r"^#+ (.+)$", text, re.M)}


@pytest.mark.parametrize("page", pages(), ids=lambda p: p.name)
def test_links_resolve(page):
    text = re.sub(r"^```.*?^```", "", read(page), flags=re.S | re.M)
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:", target):
            continue
        file, _, fragment = target.partition("#")
        linked = (page.parent / file).resolve() if file else page
        assert linked.exists(), f"{page.name}: {target}"
        if fragment and linked.suffix == ".md":
            assert fragment in anchors(linked), f"{page.name}: {target}"


def test_the_readme_is_a_front_page_with_the_ci_command():
    readme = read(REPO / "README.md")
    assert len(readme.splitlines()) <= 150
    ci_command = read(REPO / ".ci" / "run").strip().splitlines()[-1]
    assert ci_command.startswith("python3 -m venv .venv") and ci_command in readme
    for page in ("guide", "commands", "formulas", "databases", "json", "plan-format", "design", "glossary"):
        assert f"](docs/{page}.md" in readme, page
    assert "JSJ_REQUIRE_PG=1" in readme and "JSJ_TEST_PG=" in readme


def test_the_formulas_that_the_tests_check_are_stated():
    formulas = read(DOCS / "formulas.md")
    for fragment in ("序时进度 (expected progress)", "Σ wᵢ·pᵢ / Σ wᵢ", "6.75%", "10.45%", "GDPᵢ,y−1", "26.01"):
        assert fragment in formulas


def test_the_glossary_fixes_the_words_for_part_section_and_item():
    glossary = read(DOCS / "glossary.md")
    for word in ("| **部分** | **part** |", "| **板块** | **section** |", "| **事项** | **item** |"):
        assert word in glossary, word
