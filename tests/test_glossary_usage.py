"""Every glossary term is defined once and used somewhere outside the glossary page.

"Defined once": in data/glossary.yml no two terms share an id, a Chinese name, an English name
(ignoring case) or an abbreviation, and the built glossary page has exactly one row per term.
"Used": the Chinese name appears on some Chinese page, or the English name or the abbreviation
on some English page (ignoring case, as whole words), the glossary pages themselves excluded.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from macros.glossary import GLOSSARY_FILE
from tests.support.pages import LANGUAGES, PAGES, article, built, text_of

GLOSSARY_PAGE = "glossary.md"
NAME_FIELDS = ("id", "zh", "en", "abbr")


def load_terms(path: Path = GLOSSARY_FILE) -> list[dict[str, Any]]:
    """The raw records: the loader stops at the first duplicate, these tests list them all."""
    records = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(records, list) and records, f"{path.name}: expected a list of terms"
    return records


def duplicates(terms: list[dict[str, Any]], field: str) -> list[str]:
    """Values of `field` that more than one term uses (English compared without case)."""
    values = [str(term[field]).strip() for term in terms if term.get(field)]
    counts = Counter(value.casefold() if field == "en" else value for value in values)
    return sorted(value for value, count in counts.items() if count > 1)


def _mentions(name: str, text: str, language: str) -> bool:
    if language == "zh":
        return name in text
    return re.search(rf"(?<![A-Za-z]){re.escape(name)}(?![A-Za-z])", text, re.IGNORECASE) is not None


def unused_terms(terms: list[dict[str, Any]], texts: dict[str, list[str]]) -> list[str]:
    """Terms named on no page: neither the zh name on a zh page nor the en name/abbr on an en page."""
    unused = []
    for term in terms:
        english = [term["en"], *([term["abbr"]] if term.get("abbr") else [])]
        in_chinese = any(_mentions(term["zh"], text, "zh") for text in texts["zh"])
        in_english = any(_mentions(name, text, "en") for name in english for text in texts["en"])
        if not (in_chinese or in_english):
            unused.append(f"{term['id']} ({term['zh']} / {' / '.join(english)})")
    return unused


def page_texts(site_dir: Path) -> dict[str, list[str]]:
    """The article text of every built page except the glossary, by language."""
    return {
        lang: [
            text_of(article(built(page, site_dir)))
            for page in PAGES
            if page.language == lang and page.twin != GLOSSARY_PAGE
        ]
        for lang in LANGUAGES
    }


TERMS = load_terms()


# --- the real glossary -------------------------------------------------------------------------


@pytest.mark.parametrize("field", NAME_FIELDS)
def test_no_two_terms_share_a_name(field: str) -> None:
    assert duplicates(TERMS, field) == [], f"data/glossary.yml: terms sharing a {field!r}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_glossary_page_has_one_row_per_term(language: str, site_dir: Path) -> None:
    page = next(p for p in PAGES if p.twin == GLOSSARY_PAGE and p.language == language)
    rows = Counter(str(row["id"]) for row in article(built(page, site_dir)).select("tr[id^='term-']"))
    expected = Counter(f"term-{term['id']}" for term in TERMS)
    assert rows == expected


def test_every_term_is_used_outside_the_glossary(site_dir: Path) -> None:
    unused = unused_terms(TERMS, page_texts(site_dir))
    assert unused == [], f"glossary terms no page uses: {', '.join(unused)}"


# --- each check catches a planted defect ---------------------------------------------------------

SAMPLE_TERMS = [
    {"id": "sft", "zh": "有监督微调", "en": "supervised fine-tuning", "abbr": "SFT"},
    {"id": "lora", "zh": "低秩适配", "en": "low-rank adaptation", "abbr": "LoRA"},
    {"id": "rank", "zh": "秩", "en": "rank"},
]


def test_a_duplicate_id_name_or_abbreviation_is_reported() -> None:
    terms = [*SAMPLE_TERMS, {"id": "sft", "zh": "指令微调", "en": "Supervised Fine-Tuning", "abbr": "LoRA"}]
    assert duplicates(terms, "id") == ["sft"]
    assert duplicates(terms, "en") == ["supervised fine-tuning"]
    assert duplicates(terms, "abbr") == ["LoRA"]
    assert duplicates(terms, "zh") == []


def test_a_term_no_page_uses_is_listed() -> None:
    texts = {"zh": ["先做有监督微调。"], "en": ["We use LoRA adapters."]}
    assert unused_terms(SAMPLE_TERMS, texts) == ["rank (秩 / rank)"]


def test_english_names_match_whole_words_in_any_case() -> None:
    assert unused_terms(SAMPLE_TERMS[2:], {"zh": [], "en": ["The Rank r is 8."]}) == []
    assert unused_terms(SAMPLE_TERMS[2:], {"zh": [], "en": ["ranking answers", "frank"]}) == ["rank (秩 / rank)"]


def test_a_name_used_only_in_the_wrong_language_does_not_count() -> None:
    texts = {"zh": ["用 SFT 和 supervised fine-tuning"], "en": ["有监督微调 in Chinese"]}
    assert unused_terms(SAMPLE_TERMS[:1], texts) == ["sft (有监督微调 / supervised fine-tuning / SFT)"]
