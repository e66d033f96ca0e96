"""The glossary (data/glossary.yml): validation, the `term` macro and abbreviation tooltips."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from macros.data_files import (
    DATA_DIR,
    DOCS_DIR,
    LANGUAGES,
    DataError,
    build_stamp,
    loading,
    read_yaml,
    relative,
)
from macros.doc_links import check_link, href
from macros.escape import plain
from macros.schemas.base import raise_all, validate
from macros.schemas.glossary import GlossaryFile
from macros.templating import render
from macros.ui import strings

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
    path = GLOSSARY_FILE
    return _cached_glossary(build_stamp(("glossary", path), lambda: [path]))


def ui(lang: str) -> dict[str, str]:
    """The glossary's interface strings in one language (data/ui/<lang>.yml, `glossary`)."""
    return strings(lang, "glossary")


def _term(terms: dict[str, Term], term_id: str) -> Term:
    if term_id not in terms:
        raise DataError(relative(GLOSSARY_FILE), f"term '{term_id}'", "no such term (used in a term() call)")
    return terms[term_id]


def render_term(term_id: str, lang: str, sentence_start: bool = False) -> str:
    """A term's first mention in house style: 有监督微调（supervised fine-tuning，SFT）.

    The catalogue's first_mention texts give the form per language. English names are
    lowercase; `sentence_start` capitalizes the first letter only (Jinja's `capitalize` filter
    would also lowercase the abbreviation). The result goes into the page's Markdown: plain().
    """
    term = _term(glossary(), term_id)
    form = ui(lang)["first_mention" if term.abbr else "first_mention_no_abbr"]
    text = form.format(name=term.name(lang), english=term.en, abbr=term.abbr)
    if sentence_start:
        text = text[:1].upper() + text[1:]
    return plain(text)


def abbreviation_definitions(lang: str) -> str:
    """Markdown `abbr` definitions for every abbreviated term, appended to every page."""
    form = ui(lang)["abbr_expansion"]
    lines = []
    for term in glossary().values():
        if term.abbr:
            # The abbreviation is matched as written in the page, so it must be plain letters.
            expansion = form.format(name=term.name(lang), english=term.en)
            lines.append(f"*[{term.abbr}]: {plain(expansion)}")
    return "\n".join(lines)


def _name(term: Term, name_lang: str, page_lang: str, page_url: str) -> dict[str, str | None]:
    """A name cell; the name in the page's language links to the section that explains the term."""
    link = href(term.link, page_lang, page_url) if term.link and name_lang == page_lang else None
    return {"lang": name_lang, "text": term.name(name_lang), "href": link}


def render_glossary_table(lang: str, page_url: str) -> str:
    """The glossary page's table, sorted by English name; each row has the anchor #term-<id>."""
    rows = [
        {
            "id": term.id,
            "names": [_name(term, name_lang, lang, page_url) for name_lang in LANGUAGES],
            "abbr": term.abbr or "",
            "definition": term.definition[lang],
        }
        for term in sorted(glossary().values(), key=lambda t: t.en.casefold())
    ]
    return render("glossary-table.html", ui=ui(lang), languages=LANGUAGES, rows=rows) + "\n"
