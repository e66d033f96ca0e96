"""Claim-like numbers and the citation that must sit in the same block (test_citations over
the built pages, test_question_bank_size over each interview question).

A block is the paragraph, list item, heading or caption holding the text; inside a table, an
interview question, a practice card, a decision-tree result or the calculator's result, any
citation anywhere in that element counts.
"""

from __future__ import annotations

import re

from bs4 import NavigableString, Tag
from bs4.element import PreformattedString

from tests.support.pages import normalize

NUMBER = r"\d(?:[\d,.]*\d)?"
CLAIM_NUMBER = re.compile(
    rf"{NUMBER}\s*(?:%|×|多?倍|GB\b|TB\b|[BT]\s*tokens?\b|万条|万亿|亿|万|(?:billion|trillion|million)\b"
    r"|k\b|times\b|-fold\b)",
    re.IGNORECASE,
)
# A number inside one of these (a table, an interview question on its page or as a practice card,
# a decision-tree result, the memory calculator's result) is backed by any citation anywhere in it.
SCOPES = ("table", "details.qa", "article.practice__card", "section.dt-result", "section.mc-result")
BLOCKS = ("p", "li", "dd", "dt", "figcaption", "summary", "h1", "h2", "h3", "h4", "h5", "h6")
NOT_PROSE = ("pre", "code", "script", "style")


def cites(element: Tag) -> bool:
    """The element holds a citation link (relative links: only the path's ending matters here)."""
    return any(re.search(r"(?:^|/)references/#.", str(a["href"])) for a in element.find_all("a", href=True))


def _matches(tag: Tag, selector: str) -> bool:
    """A minimal `name.class` selector test."""
    name, _, css_class = selector.partition(".")
    return tag.name == name and (not css_class or css_class in tag.get_attribute_list("class"))


def _scope(node: Tag | NavigableString) -> Tag | None:
    return next((parent for parent in node.parents if any(_matches(parent, s) for s in SCOPES)), None)


def _unit(node: NavigableString) -> Tag | None:
    """The block that must carry the citation for a piece of text."""
    return _scope(node) or node.find_parent(BLOCKS)


def _is_prose(node: NavigableString) -> bool:
    return not isinstance(node, PreformattedString) and node.find_parent(NOT_PROSE) is None


def _table_note_cites(table: Tag) -> bool:
    note = table.find_next_sibling()
    return table.name == "table" and isinstance(note, Tag) and note.name == "p" and cites(note)


def uncited_blocks(body: Tag) -> list[Tag]:
    """Blocks whose text has a claim-like number and no citation, in document order."""
    texts: dict[int, list[str]] = {}
    units: dict[int, Tag] = {}
    for node in body.find_all(string=True):
        if not _is_prose(node):
            continue
        unit = _unit(node)
        if unit is not None:
            units.setdefault(id(unit), unit)
            texts.setdefault(id(unit), []).append(str(node))
    return [
        unit
        for key, unit in units.items()
        if CLAIM_NUMBER.search(normalize("".join(texts[key]))) and not cites(unit) and not _table_note_cites(unit)
    ]
