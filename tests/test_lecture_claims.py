"""Every claim of the seed lecture is carried by the page that expands it and by the lecture page.

The claims are data (tests/data/lecture_claims.yml): each quotes the transcript sentence it comes
from, names the page it belongs to, and lists key phrases that must appear on the BUILT page in
Chinese and in English, and on the built lecture page in both languages. A rewrite that drops a
claim, or an English twin that loses it, fails here with the claim and the missing phrase named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.support.build import REPO_ROOT
from tests.support.pages import DOCS, LANGUAGES, Page, article, built, english_name, page_for, text_of

CLAIMS_FILE = REPO_ROOT / "tests" / "data" / "lecture_claims.yml"
# A verbatim copy of the seed transcript (the ASR output the lecture page is cleaned from).
TRANSCRIPT = REPO_ROOT / "tests" / "data" / "seed-lecture.md"
LECTURE_PAGE = "lecture.md"
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Claim:
    id: str
    source: str
    page: str
    phrases: dict[str, tuple[str, ...]]  # language → phrases on the claim's own page
    lecture: dict[str, tuple[str, ...]]  # language → phrases on the lecture page

    def __str__(self) -> str:
        return self.id


def _phrases(record: dict[str, Any], where: str) -> dict[str, tuple[str, ...]]:
    result = {}
    for lang in LANGUAGES:
        phrases = record.get(lang)
        assert isinstance(phrases, list) and phrases, f"{where}: '{lang}' must be a non-empty list of phrases"
        assert all(isinstance(p, str) and p.strip() for p in phrases), f"{where}: every '{lang}' phrase is text"
        result[lang] = tuple(phrases)
    return result


def load_claims(path: Path = CLAIMS_FILE) -> list[Claim]:
    records = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(records, list) and records, f"{path.name}: expected a list of claims"
    claims = []
    for index, record in enumerate(records, start=1):
        where = f"{path.name}: claim #{index} ({record.get('id', 'no id')})"
        assert set(record) == {"id", "source", "page", "zh", "en", "lecture"}, f"{where}: fields {sorted(record)}"
        claims.append(
            Claim(
                id=record["id"],
                source=record["source"],
                page=record["page"],
                phrases=_phrases(record, where),
                lecture=_phrases(record["lecture"], f"{where} lecture"),
            )
        )
    return claims


def missing_phrases(claim_id: str, page: Page, text: str, phrases: tuple[str, ...]) -> list[str]:
    """One message per phrase absent from the page text; English ignores case."""
    haystack = text.casefold() if page.language == "en" else text
    return [
        f"claim '{claim_id}': {page} lacks {phrase!r}"
        for phrase in phrases
        if (phrase.casefold() if page.language == "en" else phrase) not in haystack
    ]


def _page(chinese_file: str, lang: str) -> Page:
    return page_for(chinese_file if lang == "zh" else english_name(chinese_file))


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


CLAIMS = load_claims()
CASES = [(claim, lang) for claim in CLAIMS for lang in LANGUAGES]
CASE_IDS = [f"{claim.id}-{lang}" for claim, lang in CASES]


# --- the data ---------------------------------------------------------------------------------


def test_claim_ids_are_unique_and_kebab_case() -> None:
    ids = [claim.id for claim in CLAIMS]
    assert [i for i in ids if not _ID.match(i)] == []
    assert sorted({i for i in ids if ids.count(i) > 1}) == []


def test_every_claim_names_a_page_that_exists_in_both_languages() -> None:
    missing = [
        f"claim '{claim.id}': no {page}"
        for claim in CLAIMS
        for page in (_page(claim.page, lang) for lang in LANGUAGES)
        if not (DOCS / page.source).is_file()
    ]
    assert missing == []


def test_every_claim_quotes_the_transcript() -> None:
    transcript = _squeeze(TRANSCRIPT.read_text(encoding="utf-8"))
    assert [claim.id for claim in CLAIMS if _squeeze(claim.source) not in transcript] == []


# --- the gates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("claim", "lang"), CASES, ids=CASE_IDS)
def test_claim_is_on_the_page_that_expands_it(claim: Claim, lang: str, site_dir: Path) -> None:
    page = _page(claim.page, lang)
    text = text_of(article(built(page, site_dir)))
    assert missing_phrases(claim.id, page, text, claim.phrases[lang]) == []


@pytest.mark.parametrize(("claim", "lang"), CASES, ids=CASE_IDS)
def test_claim_is_on_the_lecture_page(claim: Claim, lang: str, site_dir: Path) -> None:
    page = _page(LECTURE_PAGE, lang)
    text = text_of(article(built(page, site_dir)))
    assert missing_phrases(claim.id, page, text, claim.lecture[lang]) == []


# --- the check catches a planted defect ----------------------------------------------------------


def test_a_missing_phrase_is_reported_with_the_claim_and_the_phrase() -> None:
    page = _page("training-stages.md", "zh")
    text = "经典流程是 预训练 → 有监督微调 → 奖励模型。"
    assert missing_phrases("four-stages", page, text, ("预训练 → 有监督微调", "强化学习")) == [
        "claim 'four-stages': docs/training-stages.md lacks '强化学习'"
    ]


def test_english_phrases_ignore_case_and_chinese_ones_match_exactly() -> None:
    english, chinese = _page("methods.md", "en"), _page("methods.md", "zh")
    assert missing_phrases("c", english, "Fine-Tuning starts at step two.", ("fine-tuning starts",)) == []
    assert missing_phrases("c", chinese, "微调从第二步开始", ("微调从第三步",)) == [
        "claim 'c': docs/methods.md lacks '微调从第三步'"
    ]


def test_a_claim_with_a_missing_field_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "claims.yml"
    broken.write_text("- id: x\n  source: s\n  page: methods.md\n  zh: [a]\n  en: [b]\n", encoding="utf-8")
    with pytest.raises(AssertionError, match=r"claim #1 \(x\): fields"):
        load_claims(broken)
