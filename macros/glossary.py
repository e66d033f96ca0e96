"""The glossary (data/glossary.yml): validation, the `term` macro and abbreviation tooltips."""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from macros.data_files import DATA_DIR, DataError, check_fields, check_translations, read_yaml, relative
from macros.doc_links import check_link

GLOSSARY_FILE = DATA_DIR / "glossary.yml"


@dataclass(frozen=True)
class Term:
    id: str
    zh: str
    en: str
    abbr: str | None
    definition: dict[str, str]
    link: str | None

    def name(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


def load_glossary(path: Path = GLOSSARY_FILE) -> dict[str, Term]:
    name = relative(path)
    records = read_yaml(path)
    if not isinstance(records, list):
        raise DataError(name, None, "expected a list of terms")
    terms: dict[str, Term] = {}
    abbreviations: dict[str, str] = {}
    for index, record in enumerate(records):
        label = f"term #{index + 1}"
        if isinstance(record, dict) and isinstance(record.get("id"), str):
            label = f"term '{record['id']}'"
        check_fields(name, label, record, ["id", "zh", "en", "definition"], ["abbr", "link"])
        term_id = record["id"]
        if term_id in terms:
            raise DataError(name, label, "duplicate id")
        abbr = record.get("abbr")
        if abbr is not None:
            if abbr in abbreviations:
                raise DataError(name, label, f"abbreviation '{abbr}' is already used by term '{abbreviations[abbr]}'")
            abbreviations[abbr] = term_id
        link = record.get("link")
        if link is not None:
            check_link(name, label, link)
        terms[term_id] = Term(
            id=term_id,
            zh=str(record["zh"]).strip(),
            en=str(record["en"]).strip(),
            abbr=abbr,
            definition=check_translations(name, label, "definition", record["definition"]),
            link=link,
        )
    return terms


@lru_cache(maxsize=1)
def _cached_glossary(mtime: float) -> dict[str, Term]:
    return load_glossary()


def glossary() -> dict[str, Term]:
    """The glossary, re-read when the file changes (so `make serve` picks up edits)."""
    return _cached_glossary(GLOSSARY_FILE.stat().st_mtime)


def render_term(term_id: str, lang: str) -> str:
    """A term's first mention in house style: 有监督微调（supervised fine-tuning，SFT）."""
    terms = glossary()
    if term_id not in terms:
        raise DataError(relative(GLOSSARY_FILE), f"term '{term_id}'", "no such term (used in a term() call)")
    term = terms[term_id]
    if lang == "zh":
        inner = f"{term.en}，{term.abbr}" if term.abbr else term.en
        return html.escape(f"{term.zh}（{inner}）", quote=False)
    return html.escape(f"{term.en} ({term.abbr})" if term.abbr else term.en, quote=False)


def abbreviation_definitions(lang: str) -> str:
    """Markdown `abbr` definitions for every abbreviated term, appended to every page."""
    lines = []
    for term in glossary().values():
        if term.abbr:
            expansion = f"{term.zh}（{term.en}）" if lang == "zh" else term.en
            lines.append(f"*[{term.abbr}]: {expansion}")
    return "\n".join(lines)
