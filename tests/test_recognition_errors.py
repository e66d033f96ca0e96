"""No speech-recognition error of the lecture transcript survives anywhere in the built site.

The errors are the "heard" column of the corrections table in docs/lecture.md (one list, kept
where readers see it). Each is searched for in every built page of both languages: the page text,
the <title>, the meta description, tooltip and label attributes, and the search index; only the
corrections tables themselves may show them. Heard strings that are also ordinary words get a
documented search rule in tests/data/recognition_errors.yml.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup, Tag

from tests.support.build import REPO_ROOT, html_pages
from tests.support.pages import DOCS, LANGUAGES, meta_description, normalize, text_of

RULES_FILE = REPO_ROOT / "tests" / "data" / "recognition_errors.yml"
CORRECTIONS_ID = "corrections"
# Material's search index puts each section under "page/#heading-id".
CORRECTIONS_SECTION = f"lecture/#{CORRECTIONS_ID}"
SHOWN_ATTRIBUTES = ("title", "alt", "aria-label", "placeholder")
_LATIN = re.compile(r"[A-Za-z]")


# --- the heard strings, from the corrections table ------------------------------------------------


def _cells(row: str) -> list[str]:
    return [cell.strip() for cell in row.strip().strip("|").split("|")]


def corrections_rows(markdown: str, source: str = "docs/lecture.md") -> list[list[str]]:
    """The body rows of the first table after the heading with id `corrections`."""
    lines = markdown.splitlines()
    heading = re.compile(rf"^#{{1,6}}\s.*\{{[^}}]*#{CORRECTIONS_ID}(?![\w-])[^}}]*\}}\s*$")
    start = next((i for i, line in enumerate(lines) if heading.match(line)), None)
    assert start is not None, f"{source}: no heading with {{ #{CORRECTIONS_ID} }}"
    table: list[str] = []
    for line in lines[start + 1 :]:
        if line.lstrip().startswith("|"):
            table.append(line)
        elif table or line.startswith("#"):
            break
    assert len(table) > 2, f"{source}: no table under the {CORRECTIONS_ID} heading"
    return [_cells(row) for row in table[2:]]


def heard_strings(cell: str) -> list[str]:
    """The code spans of a "heard" cell (several errors may share a row), or the whole cell."""
    return re.findall(r"`([^`]+)`", cell) or [cell]


def table_heard_strings(markdown: str, source: str = "docs/lecture.md") -> list[str]:
    return [heard for row in corrections_rows(markdown, source) for heard in heard_strings(row[0])]


# --- how each one is searched -------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    heard: str
    pattern: re.Pattern[str]
    languages: tuple[str, ...]
    why: str | None = None


def default_pattern(heard: str) -> re.Pattern[str]:
    """Exact Chinese text; Latin text case-insensitive, as whole words, any whitespace for a space."""
    body = r"\s+".join(re.escape(word) for word in heard.split())
    if not _LATIN.search(heard):
        return re.compile(body)
    return re.compile(rf"(?<![A-Za-z]){body}(?![A-Za-z])", re.IGNORECASE)


def _rule(record: dict[str, Any], where: str) -> Rule:
    fields = {"heard", "why", "pattern", "languages", "ignore_case"}
    assert set(record) <= fields, f"{where}: unknown field(s) {sorted(set(record) - fields)}"
    heard, why = record.get("heard"), record.get("why")
    assert isinstance(heard, str) and heard, f"{where}: 'heard' is required"
    assert isinstance(why, str) and why.strip(), f"{where} ({heard}): 'why' is required"
    languages = tuple(record.get("languages", LANGUAGES))
    assert set(languages) <= set(LANGUAGES), f"{where} ({heard}): languages must be among {LANGUAGES}"
    if "pattern" in record:
        flags = re.IGNORECASE if record.get("ignore_case") else 0
        pattern = re.compile(record["pattern"], flags)
    else:
        pattern = default_pattern(heard)
    return Rule(heard=heard, pattern=pattern, languages=languages, why=why)


def load_rules(path: Path = RULES_FILE) -> tuple[dict[str, Rule], list[Rule]]:
    """(decisions by heard string, extra errors) from the rules file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    decisions = [_rule(r, f"{path.name}: decisions #{i}") for i, r in enumerate(data["decisions"], start=1)]
    extra = [_rule(r, f"{path.name}: extra #{i}") for i, r in enumerate(data["extra"], start=1)]
    return {rule.heard: rule for rule in decisions}, extra


def rules_for(heard: list[str], decisions: dict[str, Rule], extra: list[Rule]) -> list[Rule]:
    """Every heard string of the table (its decision, or the default search), then the extra ones."""
    return [decisions.get(h) or Rule(heard=h, pattern=default_pattern(h), languages=LANGUAGES) for h in heard] + extra


LECTURE_MARKDOWN = (DOCS / "lecture.md").read_text(encoding="utf-8")
TABLE_HEARD = table_heard_strings(LECTURE_MARKDOWN)
DECISIONS, EXTRA = load_rules()
RULES = rules_for(TABLE_HEARD, DECISIONS, EXTRA)


# --- what a reader (or a search engine) can see ----------------------------------------------------


@dataclass(frozen=True)
class Surface:
    where: str  # "en/lecture/index.html: title"
    language: str
    text: str


def without_corrections_table(soup: BeautifulSoup) -> BeautifulSoup:
    heading = soup.find(id=CORRECTIONS_ID)
    table = heading.find_next("table") if isinstance(heading, Tag) else None
    if isinstance(table, Tag):
        table.decompose()
    return soup


def html_surfaces(html: str, where: str, language: str) -> list[Surface]:
    soup = without_corrections_table(BeautifulSoup(html, "html.parser"))
    attributes = [str(tag[name]) for name in SHOWN_ATTRIBUTES for tag in soup.find_all(attrs={name: True})]
    parts = {
        "text": text_of(soup.body or soup),
        "title": soup.title.get_text() if soup.title else "",
        "description": meta_description(soup) or "",
        "attributes": " | ".join(attributes),
    }
    return [Surface(f"{where}: {part}", language, normalize(text)) for part, text in parts.items()]


def search_index_surfaces(index: dict[str, Any], where: str, language: str) -> list[Surface]:
    surfaces = []
    for doc in index["docs"]:
        if doc["location"] == CORRECTIONS_SECTION:
            continue
        text = BeautifulSoup(f"{doc['title']} {doc['text']}", "html.parser").get_text()
        surfaces.append(Surface(f"{where} #{doc['location'] or '(home)'}", language, normalize(text)))
    return surfaces


@cache
def site_surfaces(site_dir: Path) -> list[Surface]:
    surfaces = []
    for path in html_pages(site_dir):
        relative = path.relative_to(site_dir)
        language = "en" if relative.parts[0] == "en" else "zh"
        surfaces += html_surfaces(path.read_text(encoding="utf-8"), str(relative), language)
    for path in sorted(site_dir.rglob("search/search_index.json")):
        relative = path.relative_to(site_dir)
        language = "en" if relative.parts[0] == "en" else "zh"
        surfaces += search_index_surfaces(json.loads(path.read_text(encoding="utf-8")), str(relative), language)
    return surfaces


def occurrences(rule: Rule, surfaces: list[Surface]) -> list[str]:
    return [
        f"{surface.where}: {match.group()!r} (…{surface.text[max(0, match.start() - 15) : match.end() + 15]}…)"
        for surface in surfaces
        if surface.language in rule.languages
        for match in rule.pattern.finditer(surface.text)
    ]


# --- the data -----------------------------------------------------------------------------------


def test_the_corrections_table_lists_heard_strings() -> None:
    assert len(TABLE_HEARD) >= 20
    assert "china gym" in TABLE_HEARD


def test_the_english_corrections_table_lists_the_same_heard_strings() -> None:
    english = (DOCS / "lecture.en.md").read_text(encoding="utf-8")
    assert table_heard_strings(english, "docs/lecture.en.md") == TABLE_HEARD


def test_every_decision_is_about_a_heard_string_of_the_table() -> None:
    assert sorted(set(DECISIONS) - set(TABLE_HEARD)) == []


def test_extra_errors_are_not_already_in_the_table() -> None:
    assert [rule.heard for rule in EXTRA if rule.heard in TABLE_HEARD] == []


# --- the gate -----------------------------------------------------------------------------------


@pytest.mark.parametrize("rule", RULES, ids=[rule.heard for rule in RULES])
def test_recognition_error_is_nowhere_outside_the_corrections_table(rule: Rule, site_dir: Path) -> None:
    assert occurrences(rule, site_surfaces(site_dir)) == [], f"ASR error {rule.heard!r} is still in the site"


def test_the_site_is_searched_in_both_languages_with_its_search_index(site_dir: Path) -> None:
    wheres = [surface.where for surface in site_surfaces(site_dir)]
    assert any(w.startswith("en/lecture/index.html") for w in wheres)
    assert any(w.startswith("search/search_index.json") for w in wheres)
    assert any(w.startswith("en/search/search_index.json") for w in wheres)


# --- each piece catches a planted defect ---------------------------------------------------------

LECTURE_SAMPLE = """# 讲稿 { #lecture }

正文。

## 语音识别更正 { #corrections }

说明。

| 识别结果 | 应为 | 说明 |
| --- | --- | --- |
| `china gym` | ChatGLM | 近音 |
| `zero shot`、`few shot` | zero-shot、few-shot | 统一写法 |
| 分格 | 风格 | 同音 |

## 之后 { #after }

| 不是 | 这张表 |
| --- | --- |
| `x` | y |
"""


def test_heard_strings_are_the_code_spans_or_the_cells_of_the_first_column() -> None:
    assert table_heard_strings(LECTURE_SAMPLE) == ["china gym", "zero shot", "few shot", "分格"]


def test_a_lecture_without_the_corrections_table_is_refused() -> None:
    with pytest.raises(AssertionError, match="no heading with"):
        table_heard_strings("# 讲稿\n\n| a | b |\n| --- | --- |\n| `x` | y |\n")
    with pytest.raises(AssertionError, match="no table under"):
        table_heard_strings("# 讲稿\n\n## 更正 { #corrections }\n\n还没有表。\n\n## 下一节\n")


PAGE_SAMPLE = """<html><head><title>{title}</title><meta name="description" content="{description}"></head>
<body><article><h1>讲稿</h1><p>{body}</p><abbr title="{tooltip}">PE</abbr>
<h2 id="corrections">语音识别更正</h2><table><tr><td><code>china gym</code></td><td>ChatGLM</td></tr></table>
</article></body></html>"""


def _sample(body: str = "正文", title: str = "讲稿", description: str = "简介", tooltip: str = "提示工程") -> str:
    return PAGE_SAMPLE.format(body=body, title=title, description=description, tooltip=tooltip)


def _found(heard: str, html: str, language: str = "zh") -> list[str]:
    rule = DECISIONS.get(heard) or Rule(heard, default_pattern(heard), LANGUAGES)
    return [hit.split(": ")[1] for hit in occurrences(rule, html_surfaces(html, "page.html", language))]


def test_the_corrections_table_itself_may_show_the_errors() -> None:
    assert _found("china gym", _sample()) == []


@pytest.mark.parametrize(
    ("where", "html"),
    [
        ("text", _sample(body="国内的 china gym 模型")),
        ("title", _sample(title="China Gym 讲稿")),
        ("description", _sample(description="讲到 china  gym")),
        ("attributes", _sample(tooltip="china gym 的缩写")),
    ],
)
def test_an_error_in_the_text_title_description_or_a_tooltip_is_reported(where: str, html: str) -> None:
    assert _found("china gym", html) == [where]


def test_the_search_index_is_searched_except_the_corrections_section() -> None:
    index = {
        "docs": [
            {"location": "lecture/#corrections", "title": "更正", "text": "<code>china gym</code>"},
            {"location": "lecture/#base-vs-chat", "title": "对话模型", "text": "<p>china\u200b gym</p>"},
        ]
    }
    rule = Rule("china gym", default_pattern("china gym"), LANGUAGES)
    assert [hit.split(": ")[0] for hit in occurrences(rule, search_index_surfaces(index, "idx", "zh"))] == [
        "idx #lecture/#base-vs-chat"
    ]


def test_latin_errors_match_whole_words_in_any_case() -> None:
    assert _found("few shot", _sample(body="用 Few Shot 推理")) == ["text"]
    assert _found("few shot", _sample(body="a few shots of espresso")) == []


def test_him_is_reported_for_the_model_but_not_inside_other_words() -> None:
    assert _found("他", _sample(body="他的理解能力并不高")) == ["text"]
    assert _found("他", _sample(body="其他模型；他们和他人")) == []


def test_ordinary_words_around_an_error_are_not_reported() -> None:
    assert _found("分格", _sample(body="部分格式和划分格局")) == []
    assert _found("分格", _sample(body="输出一些分格")) == ["text"]
    assert _found("大于模型", _sample(body="显存需求大于模型本身")) == []
    assert _found("我们一条", _sample(body="我们一条一条地看")) == []


def test_an_error_that_is_ordinary_english_is_searched_only_in_chinese_pages() -> None:
    assert _found("a future", _sample(body="in a future version"), language="en") == []
    assert _found("a future", _sample(body="然后 a future 呢"), language="zh") == ["text"]


def test_a_decision_without_a_reason_is_refused(tmp_path: Path) -> None:
    rules = tmp_path / "rules.yml"
    rules.write_text("decisions:\n  - heard: 分格\n    pattern: 分格\nextra: []\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="'why' is required"):
        load_rules(rules)
