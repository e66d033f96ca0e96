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

from macros.data_files import DATA_DIR, DOCS_DIR, DataError, build_stamp, loading, parse_yaml, relative
from macros.doc_links import check_link
from macros.schemas.base import DataErrors, raise_all, validate
from macros.schemas.decision_tree import QuestionNode, RecommendationNode, TreeFile

TREES_DIR = DATA_DIR / "decision-trees"
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ID_LINE = re.compile(r"^\s*-?\s*id:\s*['\"]?([^'\"#\s]+)")

Text = dict[str, str]


class DecisionTreeError(DataError):
    """Bad content in a decision tree file: names the file, the node and the problem."""


class DecisionTreeErrors(DataErrors, DecisionTreeError):
    """Every problem of one decision tree file, one line each."""


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


def _field_name(field: str) -> str:
    """'answers.1.label' reads 'answer 2 label' in messages."""
    return re.sub(r"answers\.(\d+)\.?", lambda match: f"answer {int(match[1]) + 1} ", field).strip()


def _node(record: QuestionNode | RecommendationNode) -> Node:
    if isinstance(record, QuestionNode):
        return Question(
            id=record.id,
            question=record.question.as_dict(),
            why=record.why.as_dict(),
            answers=tuple(Answer(label=answer.label.as_dict(), next=answer.next) for answer in record.answers),
            link=record.link,
        )
    return Recommendation(
        id=record.id,
        recommendation=record.recommendation.as_dict(),
        explanation=record.explanation.as_dict(),
        next_step=record.next_step.as_dict(),
        links=tuple(record.links),
        refs=tuple(record.refs),
        cost=record.cost.as_dict(),
        cost_link=record.cost_link,
    )


def _page_links(node: Node) -> list[tuple[str, str]]:
    """(field, link) for every link of a node to a page section."""
    if isinstance(node, Question):
        return [("link", node.link)] if node.link else []
    links = [("links", link) for link in node.links]
    return links + ([("cost_link", node.cost_link)] if node.cost_link else [])


def _check_node(name: str, node: Node, docs_dir: Path, known_refs: Collection[str]) -> list[DataError]:
    errors: list[DataError] = []
    for _field, link in _page_links(node):
        try:
            check_link(name, f"node '{node.id}'", link, docs_dir)
        except DataError as error:
            errors.append(_error(name, node.id, error.problem))
    if isinstance(node, Recommendation):
        errors += [
            _error(name, node.id, f"reference '{ref}' is not in data/references/")
            for ref in node.refs
            if ref not in known_refs
        ]
    return errors


def _check_targets(name: str, nodes: Mapping[str, Node]) -> list[DataError]:
    errors = []
    for node in nodes.values():
        if isinstance(node, Question):
            for number, answer in enumerate(node.answers, start=1):
                if answer.next not in nodes:
                    errors.append(
                        _error(name, node.id, f"answer {number} leads to '{answer.next}', which is not a node here")
                    )
    return errors


def _check_cycles(name: str, nodes: Mapping[str, Node], start: str, errors: list[DataError]) -> set[str]:
    """Depth-first from the start; returns the reachable node ids and adds every cycle to `errors`."""
    done: set[str] = set()
    trail: list[str] = []

    def visit(node_id: str) -> None:
        if node_id in trail:
            cycle = [*trail[trail.index(node_id) :], node_id]
            errors.append(_error(name, node_id, f"cycle: {' → '.join(cycle)} (a tree may share nodes, never loop)"))
            return
        if node_id in done or node_id not in nodes:
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
    """Validate the YAML text of a tree (schema: macros/schemas/decision_tree.py); `name` is the
    file as contributors see it. Every problem of the file is reported at once."""
    with loading(name, DecisionTreeError):
        return _parse_tree(text, name, tree_id, docs_dir, known_refs)


def _parse_tree(text: str, name: str, tree_id: str, docs_dir: Path, known_refs: Collection[str]) -> DecisionTree:
    try:
        data = parse_yaml(text, name, locate=_node_at_line)
    except DataError as error:
        raise DecisionTreeError(error.path, error.item, error.problem) from error
    if not isinstance(data, Mapping):
        raise _error(name, None, f"the file must be a mapping of fields, got {type(data).__name__}")
    tree = validate(TreeFile, data, name, "node", field_name=_field_name, errors=DecisionTreeErrors)
    errors: list[DataError] = []
    nodes: dict[str, Node] = {}
    for record in tree.nodes:
        if record.id in nodes:
            errors.append(_error(name, record.id, "duplicate id: another node already uses it"))
            continue
        nodes[record.id] = _node(record)
        errors += _check_node(name, nodes[record.id], docs_dir, known_refs)
    errors += _check_targets(name, nodes)
    start = next(iter(nodes))
    reachable = _check_cycles(name, nodes, start, errors)
    errors += [
        _error(name, node_id, f"unreachable: no path of answers from '{start}' leads to it")
        for node_id in nodes
        if node_id not in reachable
    ]
    if not isinstance(nodes[start], Question):
        errors.append(_error(name, start, "the first node is where the tree starts: it must be a question"))
    raise_all(errors, DecisionTreeErrors)
    return DecisionTree(
        id=tree_id,
        file=name,
        title=tree.title.as_dict(),
        intro=tree.intro.as_dict() if tree.intro else None,
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
    docs, refs = DOCS_DIR, DATA_DIR / "references"
    return build_stamp(("decision tree", path, docs, refs), lambda: [path, *docs.rglob("*.md"), *refs.glob("*.yml")])


def decision_tree(tree_id: str) -> DecisionTree:
    """The validated tree data/decision-trees/<tree_id>.yml."""
    if not isinstance(tree_id, str) or not _ID.match(tree_id):
        raise DecisionTreeError(relative(TREES_DIR), None, f"'{tree_id}' is not a tree id like 'should-i-fine-tune'")
    path = tree_file(tree_id)
    if not path.is_file():
        raise DecisionTreeError(relative(path), None, f"no decision tree '{tree_id}' in {relative(TREES_DIR)}/")
    return _cached(tree_id, _stamp(path))
