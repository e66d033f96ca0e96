"""The bibliography (data/references/*.yml): validation, the `cite` macro, the references page."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from macros.data_files import DATA_DIR, DataError, check_fields, files_stamp, read_yaml, relative
from macros.templating import render
from macros.ui import strings

REFERENCES_DIR = DATA_DIR / "references"
REFERENCES_PAGE = "references.md"
_ID = re.compile(r"^[a-z0-9][a-z0-9\-]*$")
_ARXIV = re.compile(r"^\d{4}\.\d{4,5}$")


@dataclass(frozen=True)
class Reference:
    id: str
    title: str
    authors: tuple[str, ...]
    year: int
    venue: str | None
    url: str
    arxiv: str | None
    file: str

    def short(self, lang: str) -> str:
        """Author–year label: 'Hu et al., 2021' / 'Hu 等，2021' (see short_label)."""
        return short_label(self.authors, self.year, lang)


def _load_file(path: Path, references: dict[str, Reference]) -> None:
    name = relative(path)
    records = read_yaml(path)
    if not isinstance(records, list):
        raise DataError(name, None, "expected a list of references")
    for index, record in enumerate(records):
        label = f"reference #{index + 1}"
        if isinstance(record, dict) and isinstance(record.get("id"), str):
            label = f"reference '{record['id']}'"
        check_fields(name, label, record, ["id", "title", "authors", "year"], ["venue", "url", "arxiv"])
        ref_id = record["id"]
        if not isinstance(ref_id, str) or not _ID.match(ref_id):
            raise DataError(name, label, "id must be lowercase letters, digits and hyphens")
        if ref_id in references:
            raise DataError(name, label, f"duplicate id (also in {references[ref_id].file})")
        authors = record["authors"]
        if isinstance(authors, str):
            authors = [authors]
        if not isinstance(authors, list) or not authors or not all(isinstance(a, str) and a for a in authors):
            raise DataError(name, label, "authors must be a name or a list of names")
        if not isinstance(record["title"], str) or not record["title"].strip():
            raise DataError(name, label, "title must be text")
        venue = record.get("venue")
        if venue is not None and not isinstance(venue, str):
            raise DataError(name, label, "venue must be text (quote it in YAML)")
        if not isinstance(record["year"], int) or isinstance(record["year"], bool):
            raise DataError(name, label, "year must be a number")
        arxiv = record.get("arxiv")
        if arxiv is not None and not _ARXIV.match(str(arxiv)):
            raise DataError(name, label, f"arxiv id '{arxiv}' is not of the form 2106.09685 (quote it in YAML)")
        url = record.get("url") or (f"https://arxiv.org/abs/{arxiv}" if arxiv else None)
        if not url:
            raise DataError(name, label, "needs an arxiv id or a url")
        if not isinstance(url, str) or not url.startswith("https://") or any(c in url for c in "\"'<> "):
            raise DataError(name, label, f"url '{url}' must start with https://")
        references[ref_id] = Reference(
            id=ref_id,
            title=str(record["title"]).strip(),
            authors=tuple(authors),
            year=record["year"],
            venue=record.get("venue"),
            url=str(url),
            arxiv=str(arxiv) if arxiv else None,
            file=name,
        )


def load_references(directory: Path = REFERENCES_DIR) -> dict[str, Reference]:
    references: dict[str, Reference] = {}
    for path in sorted(directory.glob("*.yml")):
        _load_file(path, references)
    return references


@lru_cache(maxsize=1)
def _cached(stamp: tuple[tuple[str, float], ...]) -> dict[str, Reference]:
    return load_references()


def references() -> dict[str, Reference]:
    """All references, re-read when a file changes (so `make serve` picks up edits)."""
    return _cached(files_stamp(REFERENCES_DIR.glob("*.yml")))


def reference(ref_id: str, used_in: str) -> Reference:
    known = references()
    if ref_id not in known:
        raise DataError(used_in, f"citation '{ref_id}'", f"no such reference in {relative(REFERENCES_DIR)}/")
    return known[ref_id]


def ui(lang: str) -> dict[str, str]:
    """Citation strings in one language (data/ui/<lang>.yml, `citation`)."""
    return strings(lang, "citation")


def _surname(author: str) -> str:
    """The last word of a name; a name in capitals (an acronym, an organisation) stays whole."""
    return author if " " not in author or author.isupper() else author.split()[-1]


def short_label(authors: tuple[str, ...], year: int, lang: str) -> str:
    """The author–year label of a reference in one language, from the catalogue's forms."""
    texts = ui(lang)
    form = {1: "one_author", 2: "two_authors"}.get(len(authors), "more_authors")
    second = _surname(authors[1]) if len(authors) > 1 else ""
    return texts[form].format(surname=_surname(authors[0]), second=second, year=year)


def render_cite(ref_ids: tuple[str, ...], lang: str, used_in: str) -> str:
    """Markdown for an inline citation linking to the references page: (Hu et al., 2021; …).

    The labels go into the page's Markdown, so they are plain() text (the plain filter)."""
    refs = [{"label": reference(ref_id, used_in).short(lang), "id": ref_id} for ref_id in ref_ids]
    return render("cite.html", ui=ui(lang), refs=refs, page=REFERENCES_PAGE)


def render_reference_list(lang: str) -> str:
    """The references page body: every reference, sorted by author and year, each with an id."""
    ordered = sorted(references().values(), key=lambda r: (r.authors[0].split()[-1].lower(), r.year, r.id))
    return render("reference-list.html", references=ordered)
