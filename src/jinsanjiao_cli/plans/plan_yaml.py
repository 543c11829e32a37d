"""Reading a plan file as YAML, with bounded work: the text layer under plan.py's schema.

A plan file comes from outside, so reading one must stay cheap whatever it holds. Before any object is
built this module refuses:
- a file over MAX_BYTES, or anything that is not a regular file (a FIFO would block the read forever);
- any alias (`*name`): a plan states each value where it applies, and aliases are how a 29 KB "billion
  laughs" file expands into gigabytes;
- nesting deeper than MAX_DEPTH, and more than MAX_NODES nodes in all (tiny nodes are what make a small
  file slow and big in memory);
- a key given twice in one mapping, and a key that YAML 1.1 reads as something other than text (a bare
  `no:` is the boolean false);
- control characters other than line breaks and tabs, and bidirectional controls (U+202E …), in any text:
  they would reach terminals as escape sequences, or make a title read backwards;
- any tag but the plain data ones (text, numbers, true/false, null, lists, mappings): `!!python/object/apply`
  and its kin are never constructed (the loader is safe), but they are refused at their line, not failed on;
- a whole number longer than MAX_DIGITS digits (Python refuses to convert one over 4,300 digits, and no
  value in a plan needs more than a year or a count).
Everything else keeps PyYAML's safe loader, less its implicit dates, so a malformed date reaches the
schema, which names the field. Each node's line is kept, so every later problem can name its line.
"""

import hashlib
import os
import re
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent, Event
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from jinsanjiao_cli.core.errors import PlanError
from jinsanjiao_cli.core.values import BIDI_CONTROLS
from jinsanjiao_cli.text.i18n import t

# The bundled plan is 28 KB and 1,300 nodes, nested 6 deep. These bounds leave room for a plan ~70 times
# as large while a file at every bound still reads in well under a second and about 100 MB.
MAX_BYTES = 2 * 1024 * 1024
MAX_NODES = 100_000
MAX_DEPTH = 20
MAX_DIGITS = 18


YamlPath = tuple[str | int, ...]

_TEXT_TAG = "tag:yaml.org,2002:str"
_INT_TAG = "tag:yaml.org,2002:int"
_DATA_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map"))


@dataclass(frozen=True)
class PlanFileProblem:
    """One thing wrong with a plan file: what, and where (its YAML path and line) when that is known."""

    message: str
    path: YamlPath = ()
    line: int | None = None

    @property
    def where(self) -> str:
        """The path as one writes it: tasks[3].lead[0]."""
        text = ""
        for part in self.path:
            text += f"[{part}]" if isinstance(part, int) else f".{part}"
        return text.lstrip(".")

    def located(self, file: str) -> str:
        """The problem on one line, as compilers write it: file:line: path: message."""
        place = f"{file}:{self.line}" if self.line else file
        return ": ".join(filter(None, [place, self.where, self.message]))


class PlanProblems(PlanError):
    """The plan file cannot be used as it is; every problem found is listed, each with its path and line."""

    def __init__(self, file: str, problems: list[PlanFileProblem]):
        self.file = file
        self.problems = problems
        located = [problem.located(file) for problem in problems]
        if len(located) == 1:
            super().__init__(located[0])
        else:
            header = t("plan.problems", file=file, count=len(located))
            super().__init__("\n".join([header, *("  " + line for line in located)]))


@dataclass(frozen=True)
class YamlDocument:
    """A plan file read as plain data, with the line of every key and list item."""

    data: dict
    sha256: str
    lines: dict[YamlPath, int] = field(repr=False)

    def line_of(self, path: YamlPath) -> int | None:
        """The line of `path`, or of its nearest ancestor the file has (a missing key has no line)."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return None


def shown(path: Path) -> str:
    """The file name for a message, with bytes that are not UTF-8 escaped so the message can be printed."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def read_plan_yaml(path: Path) -> YamlDocument:
    """Read a plan file into plain data. Raises PlanProblems, each problem with its line where it has one."""
    file = shown(path)
    raw = _read_bounded(path, file)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise PlanProblems(file, [PlanFileProblem(t("plan.not_utf8"), line=line)]) from exc
    root = _compose(text, file)
    if not isinstance(root, MappingNode):
        raise PlanProblems(file, [PlanFileProblem(t("plan.not_mapping"), line=root.start_mark.line + 1 if root else 1)])
    lines: dict[YamlPath, int] = {(): 1}
    if problems := list(_walk(root, (), lines)):
        raise PlanProblems(file, problems)
    try:
        data = _bounded_loader(text).construct_document(root)
    except (yaml.YAMLError, ValueError) as exc:  # a belt: _walk refuses what the safe constructor cannot build
        raise PlanProblems(file, [PlanFileProblem(t("plan.not_yaml", error=" ".join(str(exc).split())))]) from exc
    return YamlDocument(data=data, sha256=hashlib.sha256(raw).hexdigest(), lines=lines)


def _read_bounded(path: Path, file: str) -> bytes:
    """The file's bytes, refusing what is not a regular file or is too large before reading it in full."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise PlanProblems(file, [PlanFileProblem(t("plan.not_a_file"))])
        if info.st_size > MAX_BYTES:
            raise PlanProblems(file, [PlanFileProblem(t("plan.too_large", size=info.st_size, limit=MAX_BYTES))])
        with path.open("rb") as stream:
            raw = stream.read(MAX_BYTES + 1)  # the file may have grown since stat()
    except OSError as exc:
        raise PlanProblems(file, [PlanFileProblem(t("plan.unreadable", error=exc.strerror or exc))]) from exc
    if len(raw) > MAX_BYTES:
        raise PlanProblems(file, [PlanFileProblem(t("plan.too_large", size=len(raw), limit=MAX_BYTES))])
    return raw


def _compose(text: str, file: str) -> Node | None:
    """The node tree of the one document in `text`; YAML errors and refusals become a located problem."""
    loader = _bounded_loader(text)
    try:
        return loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise PlanProblems(file, [PlanFileProblem(_yaml_message(exc), line=line)]) from exc
    except yaml.YAMLError as exc:
        raise PlanProblems(file, [PlanFileProblem(t("plan.not_yaml", error=" ".join(str(exc).split())))]) from exc
    finally:
        loader.dispose()


def _yaml_message(exc: yaml.MarkedYAMLError) -> str:
    if isinstance(exc, _Refused):
        return exc.problem or ""  # always the message it was raised with
    error = " ".join(filter(None, [exc.context, exc.problem]))
    return t("plan.not_yaml", error=" ".join(error.split()))


class _Refused(yaml.MarkedYAMLError):
    """Raised inside the composer, so a refusal carries its line like any YAML error."""

    def __init__(self, message: str, mark):
        super().__init__(problem=message, problem_mark=mark)


class _BoundedComposer(Composer):
    """PyYAML's composer, counting nodes and depth and refusing aliases before they are resolved."""

    nodes_seen: int
    depth: int
    peek_event: Callable[[], Event]  # the parser's, which the loader class mixes in

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            raise _Refused(t("plan.alias", anchor=event.anchor), event.start_mark)
        self.nodes_seen += 1
        if self.nodes_seen > MAX_NODES:
            raise _Refused(t("plan.too_many_nodes", limit=MAX_NODES), event.start_mark)
        if self.depth >= MAX_DEPTH:
            raise _Refused(t("plan.too_deep", limit=MAX_DEPTH), event.start_mark)
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _bounded_loader(text: str):
    return _loader_class()(text)


@cache
def _loader_class() -> type:
    """A safe loader with the bounded composer and no implicit dates.

    libyaml's parser (CSafeLoader) is used where PyYAML has it: it turns text into events about four times
    faster than the pure-Python one; the composing, where the bounds are enforced, stays in Python.
    """
    base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # chosen at run time: checked as Any

    class PlanLoader(_BoundedComposer, base):
        def __init__(self, stream):
            base.__init__(self, stream)
            Composer.__init__(self)
            self.nodes_seen = 0
            self.depth = 0

    PlanLoader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return PlanLoader


def _walk(node: Node, path: YamlPath, lines: dict[YamlPath, int]) -> Iterator[PlanFileProblem]:
    """Record the line of every key and item under `node`; yield keys that repeat or are not text, and text
    holding control characters. Recursion is safe here: the composer has already bounded the depth."""
    if node.tag not in _DATA_TAGS:
        yield PlanFileProblem(t("plan.tag", tag=_short_tag(node.tag)), path, node.start_mark.line + 1)
    elif isinstance(node, ScalarNode):
        yield from _scalar_problems(node, path)
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            lines[(*path, index)] = item.start_mark.line + 1
            yield from _walk(item, (*path, index), lines)
    elif isinstance(node, MappingNode):
        first_line: dict[str, int] = {}
        for key, value in node.value:
            line = key.start_mark.line + 1
            if problem := _key_problem(key, first_line, line):
                yield PlanFileProblem(problem, (*path, key.value) if isinstance(key, ScalarNode) else path, line)
                continue
            first_line[key.value] = line
            lines[(*path, key.value)] = line
            yield from _walk(value, (*path, key.value), lines)


def _scalar_problems(node: ScalarNode, path: YamlPath) -> Iterator[PlanFileProblem]:
    line = node.start_mark.line + 1
    if bad := _CONTROL.search(node.value):
        yield PlanFileProblem(t("plan.control_character", code=ord(bad[0])), path, line)
    if node.tag == _INT_TAG and (digits := sum(c.isdigit() for c in node.value)) > MAX_DIGITS:
        yield PlanFileProblem(t("plan.long_number", digits=digits, limit=MAX_DIGITS), path, line)


def _short_tag(tag: str) -> str:
    """A tag as written: tag:yaml.org,2002:python/object/apply:os.system -> !!python/object/apply:os.system."""
    tag = tag.replace("tag:yaml.org,2002:", "!!", 1)
    return tag if len(tag) <= 60 else tag[:59] + "…"


# C0 and C1 controls and DEL, less tab and line feed (CR never survives YAML's line-break normalisation), and
# the bidirectional controls.
_CONTROL = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI_CONTROLS}]")


def _key_problem(key: Node, first_line: dict[str, int], line: int) -> str | None:
    if not isinstance(key, ScalarNode):
        return t("plan.key_not_scalar")
    if key.tag != _TEXT_TAG:
        return t("plan.key_not_text", name=key.value, kind=key.tag.rsplit(":", 1)[-1])
    if key.value in first_line:
        return t("plan.duplicate_key", name=key.value, first=first_line[key.value])
    return None
