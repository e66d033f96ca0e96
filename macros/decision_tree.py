"""Decision trees (data/decision-trees/<tree id>.yml): load and validate.

A tree is a list of nodes; the first one is where the reader starts. A node is either a
question (its answers lead to other nodes) or a recommendation (a leaf). Any problem fails
the build with a DecisionTreeError naming the file, the node and what is wrong.
Rendering lives in macros/decision_tree_render.py.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from macros.data_files import (
    DATA_DIR,
    DOCS_DIR,
    LANGUAGES,
    DataError,
    check_fields,
    check_translations,
    files_stamp,
    parse_yaml,
    relative,
)
from macros.doc_links import check_link

TREES_DIR = DATA_DIR / "decision-trees"
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_LINK = re.compile(r"^[a-z0-9][a-z0-9\-/]*\.md(?:#[A-Za-z0-9_\-]+)?$")
_ID_LINE = re.compile(r"^\s*-?\s*id:\s*['\"]?([^'\"#\s]+)")
_TREE_FIELDS = (["title", "nodes"], ["intro"])
_QUESTION_FIELDS = (["id", "question", "why", "answers"], ["link"])
_LEAF_FIELDS = (["id", "recommendation", "explanation", "next_step", "cost", "links", "refs"], ["cost_link"])
_ANSWER_FIELDS = (["label", "next"], [])

Text = dict[str, str]


class DecisionTreeError(DataError):
    """Bad content in a decision tree file: names the file, the node and the problem."""


@dataclass(frozen=True)
class Answer:
    label: Text
    next: str


@dataclass(frozen=True)
class Question:
    id: str
    question: Text
    why: Text
    answers: tuple[Answer, ...]
    link: str | None = None  # a page section that helps answer, e.g. the memory calculator


@dataclass(frozen=True)
class Recommendation:
    id: str
    recommendation: Text
    explanation: Text
    next_step: Text
    links: tuple[str, ...]
    refs: tuple[str, ...]
    cost: Text | None = None  # what the step costs, as a rough hint
    cost_link: str | None = None  # where to estimate it, e.g. the memory calculator


Node = Question | Recommendation


@dataclass(frozen=True)
class Walk:
    """One way through the tree: the index of each answer chosen, and the recommendation reached."""

    answers: tuple[int, ...]
    outcome: str


@dataclass(frozen=True)
class DecisionTree:
    id: str
    file: str
    title: Text
    intro: Text | None
    nodes: dict[str, Node]  # in file order; the first node is the start

    @property
    def start(self) -> str:
        return next(iter(self.nodes))

    def questions(self) -> list[Question]:
        return [node for node in self.nodes.values() if isinstance(node, Question)]

    def recommendations(self) -> list[Recommendation]:
        return [node for node in self.nodes.values() if isinstance(node, Recommendation)]

    def paths(self) -> list[Walk]:
        """Every root-to-leaf walk, depth first in answer order."""
        return list(self._walk(self.start, ()))

    def _walk(self, node_id: str, answers: tuple[int, ...]) -> Iterator[Walk]:
        node = self.nodes[node_id]
        if isinstance(node, Recommendation):
            yield Walk(answers, node.id)
            return
        for index, answer in enumerate(node.answers):
            yield from self._walk(answer.next, (*answers, index))


def _error(name: str, node: str | None, problem: str) -> DecisionTreeError:
    return DecisionTreeError(name, f"node '{node}'" if node else None, problem)


def _node_at_line(text: str, line: int) -> str | None:
    """The last node that starts at or before `line` (1-based), to place a syntax error."""
    found = None
    for number, content in enumerate(text.splitlines(), start=1):
        if number > line:
            break
        match = _ID_LINE.match(content)
        if match:
            found = match.group(1)
    return f"node '{found}'" if found else None


def _text_keys(name: str, node: str | None, value: Any, what: str) -> Mapping[str, Any]:
    """A mapping whose keys are all text (check_fields and check_translations assume it)."""
    if not isinstance(value, Mapping):
        raise _error(name, node, f"{what} must be a mapping of fields, got {type(value).__name__}")
    odd = [repr(key) for key in value if not isinstance(key, str)]
    if odd:
        raise _error(name, node, f"{what} has field name(s) that are not text: {', '.join(odd)}")
    return value


def _translated(name: str, node: str | None, value: Any, field: str) -> Text:
    """A {zh: ..., en: ...} text; `field` names it in messages."""
    value = _text_keys(name, node, value, f"field '{field}'")
    for lang in LANGUAGES:
        if isinstance(value.get(lang), bool):
            raise _error(name, node, f"field '{field}': the {lang} text reads as yes/no in YAML; put it in quotes")
    try:
        return check_translations(name, None, field, value)
    except DataError as error:
        raise _error(name, node, error.problem) from error


def _node_id(name: str, index: int, record: Any) -> str:
    if isinstance(record, Mapping) and "id" in record:
        node_id = record["id"]
        if not isinstance(node_id, str) or not _ID.match(node_id):
            raise _error(name, str(node_id), "id must be kebab-case: lowercase letters, digits and hyphens")
        return node_id
    raise _error(name, f"#{index + 1}", "missing field(s): id")


def _answers(name: str, node_id: str, value: Any) -> tuple[Answer, ...]:
    if not isinstance(value, list) or len(value) < 2:
        count = len(value) if isinstance(value, list) else 0
        raise _error(name, node_id, f"a question needs at least two answers (has {count})")
    answers = []
    for number, record in enumerate(value, start=1):
        what = f"answer {number}"
        record = _text_keys(name, node_id, record, what)
        _check_fields(name, node_id, record, _ANSWER_FIELDS, what)
        target = record["next"]
        if not isinstance(target, str) or not _ID.match(target):
            raise _error(name, node_id, f"{what}: 'next' must be a node id, got {target!r}")
        answers.append(Answer(label=_translated(name, node_id, record["label"], f"{what} label"), next=target))
    return tuple(answers)


def _check_fields(
    name: str, node_id: str, record: Mapping[str, Any], fields: tuple[list[str], list[str]], what: str = ""
) -> None:
    try:
        check_fields(name, f"node '{node_id}'", record, *fields)
    except DataError as error:
        problem = f"{what}: {error.problem}" if what else error.problem
        raise _error(name, node_id, problem) from error


def _string_list(name: str, node_id: str, record: Mapping[str, Any], field: str) -> tuple[str, ...]:
    value = record[field]
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(item, str) and item for item in value):
        raise _error(name, node_id, f"field '{field}' must be a non-empty list of text")
    return tuple(value)


def _page_link(name: str, node_id: str, link: Any, docs_dir: Path, field: str = "link") -> str:
    if not isinstance(link, str) or not _LINK.match(link):
        raise _error(name, node_id, f"{field} '{link}' must be a docs page like 'page.md#section'")
    check_link(name, f"node '{node_id}'", link, docs_dir)
    return link


def _links(name: str, node_id: str, record: Mapping[str, Any], docs_dir: Path) -> tuple[str, ...]:
    links = _string_list(name, node_id, record, "links")
    return tuple(_page_link(name, node_id, link, docs_dir) for link in links)


def _optional_link(name: str, node_id: str, record: Mapping[str, Any], field: str, docs_dir: Path) -> str | None:
    return _page_link(name, node_id, record[field], docs_dir, field) if field in record else None


def _refs(name: str, node_id: str, record: Mapping[str, Any], known_refs: Collection[str]) -> tuple[str, ...]:
    refs = _string_list(name, node_id, record, "refs")
    for ref in refs:
        if ref not in known_refs:
            raise _error(name, node_id, f"reference '{ref}' is not in data/references/")
    return refs


def _parse_node(
    name: str, node_id: str, record: Mapping[str, Any], docs_dir: Path, known_refs: Collection[str]
) -> Node:
    is_question = "question" in record or "answers" in record
    if is_question and any(field in record for field in ("recommendation", "links", "refs", "cost", "cost_link")):
        raise _error(name, node_id, "a node is either a question (question, answers) or a recommendation, not both")
    if is_question:
        _check_fields(name, node_id, record, _QUESTION_FIELDS)
        return Question(
            id=node_id,
            question=_translated(name, node_id, record["question"], "question"),
            why=_translated(name, node_id, record["why"], "why"),
            answers=_answers(name, node_id, record["answers"]),
            link=_optional_link(name, node_id, record, "link", docs_dir),
        )
    for field, problem in (
        ("recommendation", "a leaf (a node without answers) needs a recommendation"),
        ("links", "a leaf needs at least one link to the pages that explain its recommendation"),
        ("cost", "a leaf needs a cost hint: what following the recommendation roughly costs"),
    ):
        if record.get(field) in (None, "", []):
            raise _error(name, node_id, problem)
    _check_fields(name, node_id, record, _LEAF_FIELDS)
    return Recommendation(
        id=node_id,
        recommendation=_translated(name, node_id, record["recommendation"], "recommendation"),
        explanation=_translated(name, node_id, record["explanation"], "explanation"),
        next_step=_translated(name, node_id, record["next_step"], "next_step"),
        links=_links(name, node_id, record, docs_dir),
        refs=_refs(name, node_id, record, known_refs),
        cost=_translated(name, node_id, record["cost"], "cost"),
        cost_link=_optional_link(name, node_id, record, "cost_link", docs_dir),
    )


def _check_targets(name: str, nodes: Mapping[str, Node]) -> None:
    for node in nodes.values():
        if isinstance(node, Question):
            for number, answer in enumerate(node.answers, start=1):
                if answer.next not in nodes:
                    raise _error(name, node.id, f"answer {number} leads to '{answer.next}', which is not a node here")


def _check_cycles(name: str, nodes: Mapping[str, Node], start: str) -> set[str]:
    """Depth-first from the start; returns the reachable node ids, fails on the first cycle."""
    done: set[str] = set()
    trail: list[str] = []

    def visit(node_id: str) -> None:
        if node_id in trail:
            cycle = [*trail[trail.index(node_id) :], node_id]
            raise _error(name, node_id, f"cycle: {' → '.join(cycle)} (a tree may share nodes, never loop)")
        if node_id in done:
            return
        trail.append(node_id)
        node = nodes[node_id]
        if isinstance(node, Question):
            for answer in node.answers:
                visit(answer.next)
        trail.pop()
        done.add(node_id)

    visit(start)
    return done


def parse_tree(
    text: str,
    name: str,
    tree_id: str,
    docs_dir: Path = DOCS_DIR,
    known_refs: Collection[str] = (),
) -> DecisionTree:
    """Validate the YAML text of a tree; `name` is the file as contributors see it."""
    try:
        return _parse(text, name, tree_id, docs_dir, known_refs)
    except DecisionTreeError:
        raise
    except DataError as error:  # from the shared checkers: same message, our type
        raise DecisionTreeError(error.path, error.item, error.problem) from error


def _parse(text: str, name: str, tree_id: str, docs_dir: Path, known_refs: Collection[str]) -> DecisionTree:
    data = parse_yaml(text, name, locate=_node_at_line)
    data = _text_keys(name, None, data, "the file")
    try:
        check_fields(name, None, data, *_TREE_FIELDS)
    except DataError as error:
        raise _error(name, None, error.problem) from error
    records = data["nodes"]
    if not isinstance(records, list) or not records:
        raise _error(name, None, "'nodes' must be a list of questions and recommendations")
    nodes: dict[str, Node] = {}
    for index, record in enumerate(records):
        node_id = _node_id(name, index, record)
        if node_id in nodes:
            raise _error(name, node_id, "duplicate id: another node already uses it")
        record = _text_keys(name, node_id, record, "a node")
        nodes[node_id] = _parse_node(name, node_id, record, docs_dir, known_refs)
    _check_targets(name, nodes)
    start = next(iter(nodes))
    reachable = _check_cycles(name, nodes, start)
    for node_id in nodes:
        if node_id not in reachable:
            raise _error(name, node_id, f"unreachable: no path of answers from '{start}' leads to it")
    if not isinstance(nodes[start], Question):
        raise _error(name, start, "the first node is where the tree starts: it must be a question")
    intro = data.get("intro")
    return DecisionTree(
        id=tree_id,
        file=name,
        title=_translated(name, None, data["title"], "title"),
        intro=_translated(name, None, intro, "intro") if intro else None,
        nodes=nodes,
    )


def tree_file(tree_id: str, trees_dir: Path = TREES_DIR) -> Path:
    return trees_dir / f"{tree_id}.yml"


def load_tree(path: Path, docs_dir: Path = DOCS_DIR, known_refs: Collection[str] | None = None) -> DecisionTree:
    """Load and validate one tree file; references are checked against data/references/."""
    name = relative(path)
    if known_refs is None:
        from macros.references import references  # the bibliography is only needed for real trees

        known_refs = references().keys()
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise _error(name, None, f"cannot read file ({error.strerror})") from error
    return parse_tree(text, name, path.stem, docs_dir, known_refs)


@lru_cache(maxsize=8)
def _cached(tree_id: str, stamp: tuple[tuple[str, float], ...]) -> DecisionTree:
    return load_tree(tree_file(tree_id))


def _stamp(path: Path) -> tuple[tuple[str, float], ...]:
    """Changes when the tree, a page it links to or a reference file changes (for `make serve`)."""
    return files_stamp([path, *DOCS_DIR.rglob("*.md"), *(DATA_DIR / "references").glob("*.yml")])


def decision_tree(tree_id: str) -> DecisionTree:
    """The validated tree data/decision-trees/<tree_id>.yml."""
    if not isinstance(tree_id, str) or not _ID.match(tree_id):
        raise DecisionTreeError(relative(TREES_DIR), None, f"'{tree_id}' is not a tree id like 'should-i-fine-tune'")
    path = tree_file(tree_id)
    if not path.is_file():
        raise DecisionTreeError(relative(path), None, f"no decision tree '{tree_id}' in {relative(TREES_DIR)}/")
    return _cached(tree_id, _stamp(path))
