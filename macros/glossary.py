"""The glossary (data/glossary.yml): validation, the `term` macro and abbreviation tooltips."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from macros.data_files import (
    DATA_DIR,
    DOCS_DIR,
    LANGUAGES,
    DataError,
    check_fields,
    check_translations,
    files_stamp,
    read_yaml,
    relative,
)
from macros.doc_links import check_link, href
from macros.escape import plain
from macros.templating import render
from macros.ui import strings

GLOSSARY_FILE = DATA_DIR / "glossary.yml"
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


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


def _check_avoid(name: str, label: str, avoid: object) -> None:
    """`avoid` is read by tests/test_terminology.py; a typo there must not silently disable a check."""
    if avoid is None:
        return
    if not isinstance(avoid, dict) or not avoid or set(avoid) - {"zh", "en"}:
        raise DataError(name, label, "avoid must map zh and/or en to a list of variants")
    for lang, variants in avoid.items():
        if not isinstance(variants, list) or not all(isinstance(v, str) and v.strip() for v in variants):
            raise DataError(name, label, f"avoid: {lang} must be a list of non-empty text")


def load_glossary(path: Path = GLOSSARY_FILE, docs_dir: Path = DOCS_DIR) -> dict[str, Term]:
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
        check_fields(name, label, record, ["id", "zh", "en", "definition"], ["abbr", "link", "avoid"])
        _check_avoid(name, label, record.get("avoid"))
        term_id = record["id"]
        if not isinstance(term_id, str) or not _ID.match(term_id):
            raise DataError(name, label, "id must be kebab-case: lowercase letters and digits joined by hyphens")
        if term_id in terms:
            raise DataError(name, label, "duplicate id")
        for lang in ("zh", "en"):
            if not isinstance(record[lang], str):
                raise DataError(name, label, f"{lang} must be text, got {record[lang]!r} (quote it in YAML)")
        abbr = record.get("abbr")
        if abbr is not None:
            if not isinstance(abbr, str) or not abbr.strip():
                raise DataError(name, label, "abbr must be a non-empty string")
            if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9.\-]*", abbr):
                raise DataError(name, label, f"abbr '{abbr}' must be letters, digits, dots and hyphens")
            if abbr in abbreviations:
                raise DataError(name, label, f"abbreviation '{abbr}' is already used by term '{abbreviations[abbr]}'")
            abbreviations[abbr] = term_id
        link = record.get("link")
        if link is not None:
            check_link(name, label, link, docs_dir)
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
def _cached_glossary(stamp: tuple[tuple[str, float], ...]) -> dict[str, Term]:
    return load_glossary()


def glossary() -> dict[str, Term]:
    """The glossary, re-read when the file changes (so `make serve` picks up edits)."""
    return _cached_glossary(files_stamp([GLOSSARY_FILE]))


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
