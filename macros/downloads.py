"""The link to this language's PDF (made by `make pdf`, scripts/make_pdf.py): {{ pdf_download() }}."""

from __future__ import annotations

from macros.languages import site_languages
from macros.templating import render
from macros.ui import strings

# scripts/make_pdf.py prints one PDF per language to these paths (tests/test_pdf.py checks the link resolves there).
PDF_FILES = {lang: f"pdf/fine-tuning-handbook-{lang}.pdf" for lang in site_languages()}


def render_pdf_download(lang: str, page_url: str) -> str:
    """A sentence with a relative link from page_url (e.g. "en/") to the language's PDF."""
    depth = len([part for part in page_url.split("/") if part])
    href = "../" * depth + PDF_FILES[lang]
    return render("pdf-download.html", href=href, text=strings(lang, "downloads"))
