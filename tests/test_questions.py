"""The interview question bank: data/questions.yml is validated, and rendered safely in both languages."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup

from macros import questions, references
from macros.data_files import DataError
from macros.references import Reference
from tests.support.build import build_in_process, copy_project
from tests.support.data import real_question_bank

# --- the real data --------------------------------------------------------------------


def test_the_real_question_bank_validates() -> None:
    bank = real_question_bank()
    assert len(bank.questions) >= 18


def test_the_question_bank_declares_schema_version_1() -> None:
    assert real_question_bank().version == 1


def test_every_topic_of_the_real_bank_has_questions() -> None:
    bank = real_question_bank()
    assert all(bank.in_topic(topic.id) for topic in bank.topics)


# --- a small bank in a temporary docs tree, to plant defects in -----------------------

VALID_BANK: dict[str, Any] = {
    "version": 1,
    "topics": [{"id": "basics", "zh": "基础", "en": "Basics"}],
    "questions": [
        {
            "id": "what-is-sft",
            "topic": "basics",
            "difficulty": "basic",
            "question": {"zh": "什么是 SFT？", "en": "What is SFT?"},
            "short": {"zh": "用标注样本继续训练。", "en": "Further training on labeled examples."},
            "detailed": {"zh": "见 [SFT](page.md#sft)。", "en": "See [SFT](page.md#sft)."},
            "link": "page.md#sft",
            "refs": ["known-2020"],
        }
    ],
}


@pytest.fixture
def known_references(monkeypatch: pytest.MonkeyPatch) -> None:
    """One made-up reference, so the small bank does not depend on data/references/."""
    known = Reference("known-2020", "A paper", ("Ada Lovelace",), 2020, None, "https://example.org/", None, "x.yml")
    monkeypatch.setattr(references, "references", lambda: {"known-2020": known})


@pytest.fixture
def docs_dir(tmp_path: Path, known_references: None) -> Path:
    """A docs tree with one page in both languages, for the small bank to link to."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "page.md").write_text("# 页面 { #page }\n\n## 有监督微调 { #sft }\n\n正文。\n", encoding="utf-8")
    (docs / "page.en.md").write_text(
        "# Page { #page }\n\n## Supervised fine-tuning { #sft }\n\nText.\n", encoding="utf-8"
    )
    return docs


def write_bank(tmp_path: Path, bank: dict[str, Any]) -> Path:
    path = tmp_path / "questions.yml"
    path.write_text(yaml.safe_dump(bank, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def load_error(tmp_path: Path, docs_dir: Path, bank: dict[str, Any]) -> str:
    with pytest.raises(DataError) as error:
        questions.load_questions(write_bank(tmp_path, bank), docs_dir)
    return str(error.value)


def planted(change: Any) -> dict[str, Any]:
    """A copy of the valid bank with `change` applied to its only question."""
    bank = copy.deepcopy(VALID_BANK)
    change(bank["questions"][0])
    return bank


def test_the_small_bank_is_valid(tmp_path: Path, docs_dir: Path) -> None:
    bank = questions.load_questions(write_bank(tmp_path, VALID_BANK), docs_dir)
    assert [q.id for q in bank.questions] == ["what-is-sft"]


def test_a_missing_field_names_the_file_and_the_question(tmp_path: Path, docs_dir: Path) -> None:
    message = load_error(tmp_path, docs_dir, planted(lambda q: q.pop("short")))
    assert "questions.yml" in message
    assert "question 'what-is-sft'" in message
    assert "missing field(s): short" in message


def test_an_unknown_field_names_the_file_and_the_question(tmp_path: Path, docs_dir: Path) -> None:
    message = load_error(tmp_path, docs_dir, planted(lambda q: q.update(hint="typo of short")))
    assert "questions.yml" in message
    assert "question 'what-is-sft'" in message
    assert "unknown field(s): hint" in message


def test_a_missing_translation_names_the_file_and_the_question(tmp_path: Path, docs_dir: Path) -> None:
    message = load_error(tmp_path, docs_dir, planted(lambda q: q["detailed"].pop("en")))
    assert "questions.yml" in message
    assert "question 'what-is-sft'" in message
    assert "'detailed' is missing its translation: en" in message


def test_a_duplicate_id_names_the_file_and_the_question(tmp_path: Path, docs_dir: Path) -> None:
    bank = copy.deepcopy(VALID_BANK)
    bank["questions"].append(copy.deepcopy(bank["questions"][0]))
    message = load_error(tmp_path, docs_dir, bank)
    assert "questions.yml" in message
    assert "question 'what-is-sft'" in message
    assert "duplicate id" in message


def test_an_unknown_topic_names_the_file_and_the_question(tmp_path: Path, docs_dir: Path) -> None:
    message = load_error(tmp_path, docs_dir, planted(lambda q: q.update(topic="advanced")))
    assert "questions.yml" in message
    assert "question 'what-is-sft'" in message
    assert "unknown topic 'advanced'" in message


def test_a_link_to_a_missing_heading_names_the_file_and_the_question(tmp_path: Path, docs_dir: Path) -> None:
    message = load_error(tmp_path, docs_dir, planted(lambda q: q.update(link="page.md#nowhere")))
    assert "questions.yml" in message
    assert "question 'what-is-sft'" in message
    assert "no heading with id 'nowhere'" in message


def test_a_broken_link_inside_an_answer_names_the_file_and_the_question(tmp_path: Path, docs_dir: Path) -> None:
    bank = planted(lambda q: q["detailed"].update(zh="见 [别处](missing.md#x)。"))
    message = load_error(tmp_path, docs_dir, bank)
    assert "questions.yml" in message
    assert "question 'what-is-sft'" in message
    assert "missing.md" in message


def test_a_script_link_inside_an_answer_is_refused(tmp_path: Path, docs_dir: Path) -> None:
    bank = planted(lambda q: q["short"].update(en="[click](javascript:alert(1))"))
    message = load_error(tmp_path, docs_dir, bank)
    assert "question 'what-is-sft'" in message
    assert "javascript:alert(1)" in message


def test_an_unknown_reference_names_the_file_and_the_question(tmp_path: Path, docs_dir: Path) -> None:
    message = load_error(tmp_path, docs_dir, planted(lambda q: q.update(refs=["nobody-1999"])))
    assert "questions.yml" in message
    assert "question 'what-is-sft'" in message
    assert "unknown reference 'nobody-1999'" in message


def test_a_yaml_syntax_error_names_the_file_and_the_question(tmp_path: Path, docs_dir: Path) -> None:
    text = write_bank(tmp_path, VALID_BANK).read_text(encoding="utf-8")
    broken = text.replace("en: What is SFT?", "en: [What is SFT?", 1)
    (tmp_path / "questions.yml").write_text(broken, encoding="utf-8")
    with pytest.raises(DataError) as error:
        questions.load_questions(tmp_path / "questions.yml", docs_dir)
    message = str(error.value)
    assert "questions.yml" in message
    assert "question 'what-is-sft'" in message
    assert "YAML syntax error at line" in message


def test_a_missing_difficulty_names_the_file_and_the_question(tmp_path: Path, docs_dir: Path) -> None:
    message = load_error(tmp_path, docs_dir, planted(lambda q: q.pop("difficulty")))
    assert "question 'what-is-sft'" in message
    assert "missing field(s): difficulty" in message


def test_an_unknown_difficulty_lists_the_allowed_ones(tmp_path: Path, docs_dir: Path) -> None:
    message = load_error(tmp_path, docs_dir, planted(lambda q: q.update(difficulty="hard")))
    assert "question 'what-is-sft'" in message
    assert "difficulty must be one of basic, intermediate, advanced, got 'hard'" in message


def test_a_follow_up_without_its_english_answer_is_named(tmp_path: Path, docs_dir: Path) -> None:
    follow_up = {"question": {"zh": "为什么？", "en": "Why?"}, "answer": {"zh": "因为。"}}
    message = load_error(tmp_path, docs_dir, planted(lambda q: q.update(follow_ups=[follow_up])))
    assert "question 'what-is-sft': follow-up #1" in message
    assert "'answer' is missing its translation: en" in message


def test_a_bad_link_in_a_pitfall_is_refused(tmp_path: Path, docs_dir: Path) -> None:
    pitfall = {"zh": "见 [此处](javascript:alert(1))。", "en": "See [here](page.md#sft)."}
    message = load_error(tmp_path, docs_dir, planted(lambda q: q.update(pitfall=pitfall)))
    assert "question 'what-is-sft'" in message
    assert "javascript:alert(1)" in message


def test_pitfall_and_follow_ups_render_escaped_after_the_answer(tmp_path: Path, docs_dir: Path) -> None:
    follow_up = {
        "question": {"zh": "<b>为什么</b>？", "en": "<b>Why</b>?"},
        "answer": {"zh": "因为。", "en": "Because."},
    }
    pitfall = {"zh": "别混淆。", "en": "Do not <i>confuse</i> them."}
    bank = planted(lambda q: q.update(difficulty="advanced", pitfall=pitfall, follow_ups=[follow_up]))
    loaded = questions.load_questions(write_bank(tmp_path, bank), docs_dir)
    html = questions.render_question(loaded.questions[0], "en", "page/", "questions.yml", docs_dir)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one("details")["data-difficulty"] == "advanced"
    assert soup.select_one(".qa__difficulty").get_text() == "Difficulty: Advanced"
    assert soup.select_one(".qa__pitfall").get_text(" ", strip=True) == "Common mistake Do not <i>confuse</i> them."
    assert soup.select_one(".qa__follow-ups dt").get_text() == "<b>Why</b>?"
    assert not soup.find("b") and not soup.find("i")
    text = soup.get_text(" ", strip=True)
    assert text.index("Common mistake") < text.index("Follow-up questions") < text.index("Read more")


def test_a_question_out_of_its_topic_group_is_named(tmp_path: Path, docs_dir: Path) -> None:
    bank = copy.deepcopy(VALID_BANK)
    bank["topics"].append({"id": "later", "zh": "后面", "en": "Later"})
    later = {**copy.deepcopy(bank["questions"][0]), "id": "second", "topic": "later"}
    third = {**copy.deepcopy(bank["questions"][0]), "id": "third"}
    bank["questions"] += [later, third]
    message = load_error(tmp_path, docs_dir, bank)
    assert "question 'third'" in message
    assert "topic 'basics' comes after 'later'" in message


def test_a_wrong_schema_version_is_reported(tmp_path: Path, docs_dir: Path) -> None:
    bank = {**copy.deepcopy(VALID_BANK), "version": 2}
    assert "version must be 1" in load_error(tmp_path, docs_dir, bank)


# --- rendering ------------------------------------------------------------------------


def render(tmp_path: Path, docs_dir: Path, bank: dict[str, Any], lang: str) -> BeautifulSoup:
    path = write_bank(tmp_path, bank)
    page_url = "interview-questions/" if lang == "zh" else "en/interview-questions/"
    return BeautifulSoup(questions.render_question_bank(lang, page_url, path, docs_dir), "html.parser")


def test_each_question_is_a_details_element_with_its_ids(tmp_path: Path, docs_dir: Path) -> None:
    soup = render(tmp_path, docs_dir, VALID_BANK, "zh")
    details = soup.find("details", id="q-what-is-sft")
    assert details is not None
    assert details["data-question-id"] == "what-is-sft"
    assert details.summary.select_one(".qa__text").get_text() == "什么是 SFT？"
    assert details.summary.select_one(".qa__difficulty").get_text() == "难度：基础"
    assert details["data-difficulty"] == "basic"


def test_the_short_answer_comes_before_the_detailed_answer(tmp_path: Path, docs_dir: Path) -> None:
    details = render(tmp_path, docs_dir, VALID_BANK, "en").find("details")
    blocks = [div["class"][0] for div in details.find_all("div", recursive=False)]
    assert blocks == ["qa__short", "qa__detailed"]  # the small bank has no pitfall or follow-ups


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_read_more_link_points_to_the_explaining_section_in_the_page_language(
    tmp_path: Path, docs_dir: Path, lang: str
) -> None:
    more = render(tmp_path, docs_dir, VALID_BANK, lang).find("p", class_="qa__more")
    # From /interview-questions/ (or /en/interview-questions/) to the same language's page.
    assert more.a["href"] == "../page/#sft"
    assert more.a.get_text() == ("页面 › 有监督微调" if lang == "zh" else "Page › Supervised fine-tuning")


def test_links_inside_answers_are_rewritten_to_site_urls(tmp_path: Path, docs_dir: Path) -> None:
    detailed = render(tmp_path, docs_dir, VALID_BANK, "en").find("div", class_="qa__detailed")
    assert detailed.a["href"] == "../page/#sft"


def test_references_link_to_the_references_page(tmp_path: Path, docs_dir: Path) -> None:
    refs = render(tmp_path, docs_dir, VALID_BANK, "zh").find("p", class_="qa__refs")
    assert refs.a["href"] == "../references/#known-2020"
    assert refs.a.get_text() == "Lovelace，2020"


def test_topics_become_headings_with_ids(tmp_path: Path, docs_dir: Path) -> None:
    markdown = questions.render_question_bank(
        "en", "en/interview-questions/", write_bank(tmp_path, VALID_BANK), docs_dir
    )
    assert "## Basics { #topic-basics }" in markdown


def test_html_in_the_data_is_escaped(tmp_path: Path, docs_dir: Path) -> None:
    hostile = "<script>alert(\"x\")</script> Q & A 'quoted'"

    def poison(q: dict[str, Any]) -> None:
        q["question"]["en"] = hostile
        q["short"]["en"] = hostile
        q["detailed"]["en"] = hostile

    html = questions.render_question_bank(
        "en", "en/interview-questions/", write_bank(tmp_path, planted(poison)), docs_dir
    )
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "Q &amp; A" in html
    assert "alert(&#34;x&#34;)" in html  # the question text, escaped for any context (as markupsafe writes it)


def test_the_markdown_of_answers_is_rendered(tmp_path: Path, docs_dir: Path) -> None:
    bank = planted(lambda q: q["detailed"].update(en="- **one**\n- `two`\n\n| a | b |\n| --- | --- |\n| 1 | 2 |"))
    detailed = render(tmp_path, docs_dir, bank, "en").find("div", class_="qa__detailed")
    assert detailed.find("strong").get_text() == "one"
    assert detailed.find("code").get_text() == "two"
    assert detailed.find("table") is not None


def test_a_question_without_references_has_no_references_line(tmp_path: Path, docs_dir: Path) -> None:
    details = render(tmp_path, docs_dir, planted(lambda q: q.pop("refs")), "en").find("details")
    assert details.find(class_="qa__refs") is None


# --- the built site -------------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_built_page_holds_every_question(site_dir: Path, prefix: str) -> None:
    soup = BeautifulSoup((site_dir / prefix / "interview-questions" / "index.html").read_text("utf-8"), "html.parser")
    built = [tag["data-question-id"] for tag in soup.find_all(attrs={"data-question-id": True})]
    assert built == [q.id for q in real_question_bank().questions]
    assert all(soup.find(id=f"q-{question_id}") for question_id in built)


def test_a_strict_build_with_a_bad_question_fails_naming_file_and_question(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    bank_file = project / "data" / "questions.yml"
    bank = yaml.safe_load(bank_file.read_text(encoding="utf-8"))
    bad = copy.deepcopy(bank["questions"][0])
    bad.update(id="planted-bad-question", topic="no-such-topic")
    bank["questions"].append(bad)
    bank_file.write_text(yaml.safe_dump(bank, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = build_in_process(project, tmp_path / "site")  # the copy's macros read the copy's data
    assert result.returncode != 0
    assert "data/questions.yml" in result.log
    assert "planted-bad-question" in result.log
