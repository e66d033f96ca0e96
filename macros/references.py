"""The bibliography (data/references/*.yml): validation, the `cite` macro, the references page."""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from macros.data_files import DATA_DIR, DataError, files_stamp, loading, read_yaml, relative
from macros.escape import plain
from macros.schemas.base import DataErrors, raise_all, validate
from macros.schemas.references import ReferencesFile

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

    def short(self, lang: str) -> str:
        """Author–year label: 'Hu et al., 2021' / 'Hu 等，2021'."""
        first = self.authors[0]
        surname = first if " " not in first or first.isupper() else first.split()[-1]
        if len(self.authors) == 1:
            return f"{surname}, {self.year}" if lang == "en" else f"{surname}，{self.year}"
        if len(self.authors) == 2 and lang == "en":
            second = self.authors[1].split()[-1]
            return f"{surname} and {second}, {self.year}"
        return f"{surname} et al., {self.year}" if lang == "en" else f"{surname} 等，{self.year}"


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
    return _cached(files_stamp(REFERENCES_DIR.glob("*.yml")))


def reference(ref_id: str, used_in: str) -> Reference:
    known = references()
    if ref_id not in known:
        raise DataError(used_in, f"citation '{ref_id}'", f"no such reference in {relative(REFERENCES_DIR)}/")
    return known[ref_id]


def render_cite(ref_ids: tuple[str, ...], lang: str, used_in: str) -> str:
    """Markdown for an inline citation linking to the references page: (Hu et al., 2021; …)."""
    links = [f"[{plain(reference(ref_id, used_in).short(lang))}]({REFERENCES_PAGE}#{ref_id})" for ref_id in ref_ids]
    separator = "；" if lang == "zh" else "; "
    opening, closing = ("（", "）") if lang == "zh" else ("(", ")")
    return f'<span class="citation">{opening}{separator.join(links)}{closing}</span>'


def render_reference_list(lang: str) -> str:
    """The references page body: every reference, sorted by author and year, each with an id."""
    items = []
    ordered = sorted(references().values(), key=lambda r: (r.authors[0].split()[-1].lower(), r.year, r.id))
    for ref in ordered:
        authors = ", ".join(ref.authors)
        venue = f" {plain(ref.venue)}." if ref.venue else ""
        arxiv = f" arXiv:{ref.arxiv}." if ref.arxiv else ""
        items.append(
            f'<li id="{html.escape(ref.id)}"><span class="reference__authors">{plain(authors)}</span> '
            f"({int(ref.year)}). <cite>{plain(ref.title)}</cite>.{venue}{arxiv} "
            f'<a href="{html.escape(ref.url)}">{html.escape(ref.url)}</a></li>'
        )
    return '<ol class="reference-list">\n' + "\n".join(items) + "\n</ol>"
