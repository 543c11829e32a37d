"""Reading a plan file is bounded: hostile files are refused quickly, in little memory, with one located line.

Each hostile file is built here, small enough to keep the suite fast and large enough to prove the bound:
an alias bomb that would expand to 9⁹ nodes, nesting 100,000 deep, a file past the size limit, a file of
tiny nodes. Each is loaded in a fresh Python process that reports its own elapsed time and peak memory.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from jinsanjiao_cli.core.errors import PlanError
from jinsanjiao_cli.plans.plan import load_plan
from jinsanjiao_cli.plans.plan_yaml import MAX_BYTES, MAX_DEPTH, MAX_NODES, read_plan_yaml

REPO = Path(__file__).resolve().parent.parent
BUNDLED = (REPO / "data" / "plan.yaml").read_text(encoding="utf-8")

# Loads the plan named on the command line; prints what happened, the CPU time it took (not the wall clock, which
# a busy machine or a parallel test run stretches) and the peak memory.
PROBE = """
import json, resource, sys, time
from pathlib import Path
from jinsanjiao_cli.core.errors import PlanError
from jinsanjiao_cli.text.i18n import set_lang
from jinsanjiao_cli.plans.plan import load_plan
set_lang("en")
started = time.process_time()
try:
    load_plan(Path(sys.argv[1]))
    message = None
except PlanError as exc:
    message = str(exc)
seconds = time.process_time() - started
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
print(json.dumps({"message": message, "seconds": seconds, "peak_mb": peak_mb}))
"""


def alias_bomb() -> str:
    """The "billion laughs": nine levels of nine aliases each, 9⁹ = 387 million strings once expanded."""
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]" for n in range(1, 10)]
    return "\n".join(lines) + "\n"


def deep_flow(depth: int = 100_000) -> str:
    return "format: " + "[" * depth + "]" * depth + "\n"


def deep_block(depth: int = 200) -> str:
    return "".join("  " * level + "k:\n" for level in range(depth))


def tiny_nodes() -> str:
    return "format: [" + "x, " * (MAX_NODES + 10) + "]\n"


def near_limit_plan() -> str:
    """A plan just under the size limit: the bundled tasks repeated (their numbers repeat, which is refused)."""
    head, rest = BUNDLED.split("tasks:\n", 1)
    tasks, tail = rest.split("targets:", 1)
    copies = (MAX_BYTES - len(BUNDLED.encode())) // len(tasks.encode())
    return head + "tasks:\n" + tasks * copies + "targets:" + tail


HOSTILE = {
    "alias bomb": (alias_bomb, "aliases"),
    "deep flow nesting": (deep_flow, "nesting"),
    "deep block nesting": (deep_block, f"more than {MAX_DEPTH} levels"),
    "tiny nodes": (tiny_nodes, f"more than {MAX_NODES:,} YAML nodes"),
    "near the size limit": (near_limit_plan, "appears more than once"),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_hostile_plans_are_refused_fast_and_small(case, tmp_path):
    build, expected = HOSTILE[case]
    path = tmp_path / "plan.yaml"
    path.write_text(build(), encoding="utf-8")
    assert path.stat().st_size <= MAX_BYTES
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    outcome = json.loads(result.stdout)
    assert outcome["message"] is not None and expected in outcome["message"], outcome["message"]
    assert str(path) in outcome["message"]
    assert outcome["seconds"] < 5, outcome
    assert outcome["peak_mb"] < 300, outcome


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "plan.yaml"
    with path.open("wb") as stream:
        stream.truncate(MAX_BYTES + 1)  # sparse: costs no disk, and must not be read
    with pytest.raises(PlanError, match=r"plan\.yaml: .*2,097,153.*2,097,152"):
        load_plan(path)


def test_the_alias_bomb_names_its_line(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text(alias_bomb(), encoding="utf-8")
    with pytest.raises(PlanError) as refused:
        load_plan(path)
    assert str(refused.value) == f"{path}:2: 计划文件中不允许使用 YAML 别名（*l0）；请把值直接写出"


def test_duplicate_keys_are_all_named_with_their_lines(tmp_path):
    path = tmp_path / "plan.yaml"
    text = BUNDLED.replace(
        "  issuer: 山西省发展和改革委员会\n", "  issuer: 山西省发展和改革委员会\n  issuer: 别的单位\n", 1
    )
    text = text.replace("  role_weights: {lead: 1, support: 1}", "  role_weights: {lead: 1, support: 1, lead: 2}")
    path.write_text(text, encoding="utf-8")
    issuer_line = text.splitlines().index("  issuer: 别的单位") + 1
    weights_line = text.splitlines().index("  role_weights: {lead: 1, support: 1, lead: 2}") + 1
    with pytest.raises(PlanError) as refused:
        load_plan(path)
    lines = str(refused.value).splitlines()
    assert lines[0] == f"{path}：计划文件有 2 处问题："
    assert lines[1] == f"  {path}:{issuer_line}: plan.issuer: 键 issuer 重复出现（第一次在第 {issuer_line - 1} 行）"
    assert (
        lines[2]
        == f"  {path}:{weights_line}: settings.role_weights.lead: 键 lead 重复出现（第一次在第 {weights_line} 行）"
    )


def test_a_bare_no_key_is_refused_with_the_quoting_rule(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text(BUNDLED.replace('  - "no": 4\n', "  - no: 4\n", 1), encoding="utf-8")
    line = BUNDLED.splitlines().index('  - "no": 4') + 1
    with pytest.raises(
        PlanError, match=rf"plan\.yaml:{line}: tasks\[3\]\.no: 键 no 被 YAML 读作 bool 而不是文本；请加引号：“no”"
    ):
        load_plan(path)


def test_dates_stay_text_until_the_schema_reads_them(tmp_path):
    """No implicit timestamps: a date is parsed by the schema, which names the field when it is wrong."""
    path = tmp_path / "plan.yaml"
    path.write_text(BUNDLED, encoding="utf-8")
    assert read_plan_yaml(path).data["plan"]["issued_on"] == "2021-12-19"


def test_control_characters_in_text_are_refused(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text(BUNDLED.replace("title: 主要目标,", 'title: "主要\\e[31m目标",', 1), encoding="utf-8")
    with pytest.raises(PlanError, match=r"parts\[0\]\.title: 文本中有控制字符 U\+001B"):
        load_plan(path)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"format: 1\nplan: \xff\n", ":2: 不是 UTF-8 文本"),
        (b"format: [1, 2\nplan: 3\n", ":2: 不是有效的 YAML"),
        (b"- 1\n", ":1: 顶层应为映射"),
        (b"", ":1: 顶层应为映射"),
        (b"a: 1\n---\nb: 2\n", "不是有效的 YAML"),
    ],
)
def test_broken_files_get_one_located_line(tmp_path, content, expected):
    path = tmp_path / "plan.yaml"
    path.write_bytes(content)
    with pytest.raises(PlanError) as refused:
        load_plan(path)
    assert len(str(refused.value).splitlines()) == 1 and expected in str(refused.value)


def test_a_fifo_is_refused_without_blocking(tmp_path):
    import os

    path = tmp_path / "plan.yaml"
    os.mkfifo(path)
    with pytest.raises(PlanError, match="不是普通文件"):
        load_plan(path)


def test_a_missing_file_is_one_line(tmp_path):
    with pytest.raises(PlanError, match=r"missing\.yaml: 无法读取计划文件"):
        load_plan(tmp_path / "missing.yaml")


def test_init_refuses_a_hostile_plan_in_one_line(jsj, tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text(alias_bomb(), encoding="utf-8")
    result = jsj("init", "--plan", path)
    assert result.exit_code == 1
    assert result.stderr == f"jsj: {path}:2: 计划文件中不允许使用 YAML 别名（*l0）；请把值直接写出\n"
