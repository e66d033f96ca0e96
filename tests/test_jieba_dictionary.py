"""The jieba user dictionary keeps domain terms whole in the Chinese search index.

At build time Material cuts Chinese text into words with jieba and joins the words with U+200B,
which the search separator splits on. Left alone, jieba cuts 奖励模型 into 奖励 + 模型, and a
search for the term then ranks every page that says 模型. data/jieba-user-dict.txt lists the
terms to keep whole (one per line: term, frequency, part of speech). Each listed term must occur
on some Chinese page, and wherever a page has it, the built index must hold it as one token.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.support.build import REPO_ROOT

USER_DICT = REPO_ROOT / "data" / "jieba-user-dict.txt"
ZERO_WIDTH_SPACE = "\u200b"
# jieba's own pattern for a user dictionary line: the word, then an optional frequency and tag.
_ENTRY = re.compile(r"^(.+?)( [0-9]+)?( [a-z]+)?$")
_TAG = re.compile(r"<[^>]+>")


def dictionary_terms(path: Path = USER_DICT) -> list[str]:
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [match.group(1) for line in lines if line and (match := _ENTRY.match(line))]


TERMS = dictionary_terms()


def page_texts(index: dict) -> dict[str, list[str]]:
    """Each page's indexed title and text (HTML tags blanked), by page location, sections together."""
    pages: dict[str, list[str]] = {}
    for doc in index["docs"]:
        page = doc["location"].split("#")[0] or "(home)"
        pages.setdefault(page, []).extend(_TAG.sub(" ", doc[field]) for field in ("title", "text"))
    return pages


def word_breaks(segmented: str) -> tuple[str, set[int]]:
    """The text without U+200B, and the offsets in it where jieba put a word break."""
    plain, breaks = [], set()
    for char in segmented:
        if char == ZERO_WIDTH_SPACE:
            breaks.add(len(plain))
        else:
            plain.append(char)
    return "".join(plain), breaks


def cut_occurrences(term: str, segmented: str) -> list[str]:
    """Each place where the text has `term` but the index cut it, shown as 奖励|模型."""
    plain, breaks = word_breaks(segmented)
    cuts = []
    for match in re.finditer(re.escape(term), plain):
        inside = sorted(offset for offset in breaks if match.start() < offset < match.end())
        if inside:
            pieces = [
                term[a - match.start() : b - match.start()]
                for a, b in zip([match.start(), *inside], [*inside, match.end()], strict=True)
            ]
            cuts.append("|".join(pieces))
    return cuts


def pages_with(term: str, pages: dict[str, list[str]]) -> list[str]:
    return [page for page, texts in pages.items() if any(term in word_breaks(text)[0] for text in texts)]


def term_problems(term: str, pages: dict[str, list[str]], separator: str) -> list[str]:
    """Why `term` is not one search token on the pages that use it (empty when it is)."""
    if re.search(separator, term):
        return [f"{term!r} contains a search separator, so it can never be one token"]
    found = pages_with(term, pages)
    if not found:
        return [f"{term!r} is on no Chinese page: remove it from the dictionary or fix its spelling"]
    problems = []
    for page in found:
        cuts = sorted({cut for text in pages[page] for cut in cut_occurrences(term, text)})
        if cuts:
            problems.append(f"{term!r} is cut as {', '.join(cuts)} on {page}")
    return problems


@pytest.fixture(scope="module")
def zh_index(site_dir: Path) -> dict:
    return json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))


def test_the_dictionary_lists_terms() -> None:
    assert len(TERMS) >= 20
    assert len(TERMS) == len(set(TERMS)), "a term is listed twice"


@pytest.mark.parametrize("term", TERMS)
def test_dictionary_term_is_one_token_where_a_page_uses_it(term: str, zh_index: dict) -> None:
    problems = term_problems(term, page_texts(zh_index), zh_index["config"]["separator"])
    assert not problems, "\n".join(problems)


# --- planted defects ------------------------------------------------------------------------

SEPARATOR = r"[\s\u200b\u3000\-、。，．？！；：（）「」“”]+"


def sample_pages(*texts: str) -> dict[str, list[str]]:
    index = {"docs": [{"location": f"page-{i}/", "title": "", "text": text} for i, text in enumerate(texts)]}
    return page_texts(index)


def test_a_term_kept_whole_passes() -> None:
    pages = sample_pages("<p>训练\u200b奖励模型\u200b。</p>")
    assert term_problems("奖励模型", pages, SEPARATOR) == []


def test_a_term_inside_a_longer_term_counts_as_whole() -> None:
    pages = sample_pages("<p>先做\u200b有监督微调\u200b，再\u200b微调\u200b。</p>")
    assert term_problems("微调", pages, SEPARATOR) == []


def test_a_cut_term_is_reported_with_its_page_and_pieces() -> None:
    pages = sample_pages("<p>训练\u200b奖励模型</p>", "<p>训练\u200b奖励\u200b模型\u200b。</p>")
    assert term_problems("奖励模型", pages, SEPARATOR) == ["'奖励模型' is cut as 奖励|模型 on page-1/"]


def test_a_term_cut_twice_shows_every_piece() -> None:
    pages = sample_pages("<p>基于\u200b人类\u200b反馈</p>")
    assert term_problems("基于人类反馈", pages, SEPARATOR) == ["'基于人类反馈' is cut as 基于|人类|反馈 on page-0/"]


def test_a_term_on_no_page_is_reported() -> None:
    assert term_problems("全参数微调", sample_pages("<p>全量微调</p>"), SEPARATOR) == [
        "'全参数微调' is on no Chinese page: remove it from the dictionary or fix its spelling"
    ]


def test_a_term_with_a_separator_in_it_is_reported() -> None:
    assert term_problems("基于 AI 反馈", sample_pages("<p>基于 AI 反馈</p>"), SEPARATOR) == [
        "'基于 AI 反馈' contains a search separator, so it can never be one token"
    ]


def test_dictionary_lines_are_read_like_jieba_reads_them(tmp_path: Path) -> None:
    path = tmp_path / "dict.txt"
    path.write_text("奖励模型 20000 n\n\n低秩适配\n上下文学习 3\n", encoding="utf-8")
    assert dictionary_terms(path) == ["奖励模型", "低秩适配", "上下文学习"]
