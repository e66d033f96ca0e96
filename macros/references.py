"""The bibliography (data/references/*.yml): validation, the `cite` macro, the references page."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from macros.data_files import DATA_DIR, DataError, build_stamp, loading, read_yaml, relative
from macros.schemas.base import DataErrors, raise_all, validate
from macros.schemas.references import ReferencesFile
from macros.templating import render
from macros.ui import strings

REFERENCES_DIR = DATA_DIR / "references"
REFERENCES_PAGE = "references.md"


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
    cite_as: str | None = None

    @property
    def first_name_cited(self) -> str:
        """The first author as short citations name it: `cite_as`, else the surname."""
        return self.cite_as or _surname(self.authors[0])

    def short(self, lang: str) -> str:
        """Author–year label: 'Hu et al., 2021' / 'Hu 等，2021' (see short_label)."""
        return short_label(self.authors, self.year, lang, self.first_name_cited)


def _load_file(path: Path, references: dict[str, Reference], errors: list[DataError]) -> None:
    name = relative(path)
    try:
        records = validate(ReferencesFile, read_yaml(path), name, "reference").root
    except DataErrors as error:
        errors += error.errors
        return
    except DataError as error:
        errors.append(error)
        return
    for record in records:
        if record.id in references:
            label = f"reference '{record.id}'"
            errors.append(DataError(name, label, f"duplicate id (also in {references[record.id].file})"))
            continue
        references[record.id] = Reference(
            id=record.id,
            title=record.title,
            authors=tuple(record.authors),
            year=record.year,
            venue=record.venue,
            url=record.url or f"https://arxiv.org/abs/{record.arxiv}",
            arxiv=record.arxiv,
            file=name,
            cite_as=record.cite_as,
        )


def load_references(directory: Path = REFERENCES_DIR) -> dict[str, Reference]:
    """Every file of data/references/ (schema: macros/schemas/references.py); all problems at once."""
    references: dict[str, Reference] = {}
    errors: list[DataError] = []
    for path in sorted(directory.glob("*.yml")):
        try:
            with loading(relative(path)):
                _load_file(path, references, errors)
        except DataError as error:
            errors.append(error)
    raise_all(errors)
    return references


@lru_cache(maxsize=1)
def _cached(stamp: tuple[tuple[str, float], ...]) -> dict[str, Reference]:
    return load_references()


def references() -> dict[str, Reference]:
    """All references, re-read when a file changes (so `make serve` picks up edits)."""
    directory = REFERENCES_DIR
    return _cached(build_stamp(("references", directory), lambda: directory.glob("*.yml")))


def reference(ref_id: str, used_in: str) -> Reference:
    known = references()
    if ref_id not in known:
        raise DataError(used_in, f"citation '{ref_id}'", f"no such reference in {relative(REFERENCES_DIR)}/")
    return known[ref_id]


def ui(lang: str) -> dict[str, str]:
    """Citation strings in one language (data/ui/<lang>.yml, `citation`)."""
    return strings(lang, "citation")


ET_AL = "et al."


def _surname(author: str) -> str:
    """The last word of a name; a name in capitals (an acronym, an organisation) stays whole."""
    return author if " " not in author or author.isupper() else author.split()[-1]


def short_label(authors: tuple[str, ...], year: int, lang: str, first: str | None = None) -> str:
    """The author–year label of a reference in one language, from the catalogue's forms.

    `first` names the first author (a reference's `cite_as`); by default its surname."""
    texts = ui(lang)
    # A list cut short with a final "et al." has more authors than it names.
    count = len(authors) + 1 if authors[-1] == ET_AL else len(authors)
    form = {1: "one_author", 2: "two_authors"}.get(count, "more_authors")
    second = _surname(authors[1]) if len(authors) > 1 else ""
    return texts[form].format(surname=first or _surname(authors[0]), second=second, year=year)


def render_cite(ref_ids: tuple[str, ...], lang: str, used_in: str) -> str:
    """Markdown for an inline citation linking to the references page: (Hu et al., 2021; …).

    The labels go into the page's Markdown, so they are plain() text (the plain filter)."""
    refs = [{"label": reference(ref_id, used_in).short(lang), "id": ref_id} for ref_id in ref_ids]
    return render("cite.html", ui=ui(lang), refs=refs, page=REFERENCES_PAGE)


def render_reference_list(lang: str) -> str:
    """The references page body: every reference, sorted by author and year, each with an id."""
    ordered = sorted(references().values(), key=lambda r: (r.first_name_cited.lower(), r.year, r.id))
    return render("reference-list.html", references=ordered)
