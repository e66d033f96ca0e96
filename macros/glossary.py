"""The glossary (data/glossary.yml): validation, the `term` macro and abbreviation tooltips."""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from macros.data_files import DATA_DIR, DOCS_DIR, DataError, files_stamp, loading, read_yaml, relative
from macros.doc_links import check_link, href
from macros.escape import plain
from macros.schemas.base import raise_all, validate
from macros.schemas.glossary import GlossaryFile

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


def load_glossary(path: Path = GLOSSARY_FILE, docs_dir: Path = DOCS_DIR) -> dict[str, Term]:
    """Read and validate the glossary (schema: macros/schemas/glossary.py); every problem at once."""
    with loading(relative(path)):
        return _load_glossary(path, docs_dir)


def _load_glossary(path: Path, docs_dir: Path) -> dict[str, Term]:
    name = relative(path)
    records = validate(GlossaryFile, read_yaml(path), name, "term").root
    terms: dict[str, Term] = {}
    abbreviations: dict[str, str] = {}
    errors: list[DataError] = []
    for record in records:
        label = f"term '{record.id}'"
        if record.id in terms:
            errors.append(DataError(name, label, "duplicate id"))
        if record.abbr is not None:
            if record.abbr in abbreviations:
                used_by = abbreviations[record.abbr]
                errors.append(
                    DataError(name, label, f"abbreviation '{record.abbr}' is already used by term '{used_by}'")
                )
            abbreviations.setdefault(record.abbr, record.id)
        if record.link is not None:
            try:
                check_link(name, label, record.link, docs_dir)
            except DataError as error:
                errors.append(error)
        terms.setdefault(
            record.id,
            Term(
                id=record.id,
                zh=record.zh,
                en=record.en,
                abbr=record.abbr,
                definition=record.definition.as_dict(),
                link=record.link,
            ),
        )
    raise_all(errors)
    return terms


@lru_cache(maxsize=1)
def _cached_glossary(stamp: tuple[tuple[str, float], ...]) -> dict[str, Term]:
    return load_glossary()


def glossary() -> dict[str, Term]:
    """The glossary, re-read when the file changes (so `make serve` picks up edits)."""
    return _cached_glossary(files_stamp([GLOSSARY_FILE]))


def render_term(term_id: str, lang: str, sentence_start: bool = False) -> str:
    """A term's first mention in house style: 有监督微调（supervised fine-tuning，SFT）.

    English names are lowercase; `sentence_start` capitalizes the first letter only
    (Jinja's `capitalize` filter would also lowercase the abbreviation).
    """
    terms = glossary()
    if term_id not in terms:
        raise DataError(relative(GLOSSARY_FILE), f"term '{term_id}'", "no such term (used in a term() call)")
    term = terms[term_id]
    if lang == "zh":
        inner = f"{term.en}，{term.abbr}" if term.abbr else term.en
        return plain(f"{term.zh}（{inner}）")
    english = f"{term.en} ({term.abbr})" if term.abbr else term.en
    if sentence_start:
        english = english[:1].upper() + english[1:]
    return plain(english)


def abbreviation_definitions(lang: str) -> str:
    """Markdown `abbr` definitions for every abbreviated term, appended to every page."""
    lines = []
    for term in glossary().values():
        if term.abbr:
            expansion = f"{term.zh}（{term.en}）" if lang == "zh" else term.en
            # The abbreviation is matched as written in the page, so it must be plain letters.
            lines.append(f"*[{term.abbr}]: {plain(expansion)}")
    return "\n".join(lines)


GLOSSARY_HEADERS = {
    "zh": ("中文", "English", "缩写", "定义"),
    "en": ("Chinese", "English", "Abbr.", "Definition"),
}


def _name_cell(term: Term, name_lang: str, page_lang: str, page_url: str) -> str:
    """A name cell; the name in the page's language links to the section that explains the term."""
    name = plain(term.name(name_lang))
    if term.link and name_lang == page_lang:
        name = f'<a href="{html.escape(href(term.link, page_lang, page_url))}">{name}</a>'
    return f'<td lang="{name_lang}">{name}</td>'


def render_glossary_table(lang: str, page_url: str) -> str:
    """The glossary page's table, sorted by English name; each row has the anchor #term-<id>."""
    headers = "".join(f'<th scope="col">{header}</th>' for header in GLOSSARY_HEADERS[lang])
    rows = []
    for term in sorted(glossary().values(), key=lambda t: t.en.casefold()):
        abbr = plain(term.abbr) if term.abbr else ""
        rows.append(
            f'<tr id="term-{html.escape(term.id)}">'
            f"{_name_cell(term, 'zh', lang, page_url)}{_name_cell(term, 'en', lang, page_url)}"
            f"<td>{abbr}</td><td>{plain(term.definition[lang])}</td></tr>"
        )
    # No class on <table>: Material styles (and scroll-wraps) only tables without one.
    return (
        '<div class="glossary-table">\n<table>\n'
        f"<thead><tr>{headers}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n</div>\n"
    )
