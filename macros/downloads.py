"""The link to this language's PDF (made by `make pdf`, scripts/make_pdf.py): {{ pdf_download() }}."""

from __future__ import annotations

from macros.templating import render
from macros.ui import strings

# The same paths as scripts/make_pdf.py PDF_FILES (tests/test_pdf.py checks the link resolves there).
PDF_FILES = {"zh": "pdf/fine-tuning-handbook-zh.pdf", "en": "pdf/fine-tuning-handbook-en.pdf"}


def render_pdf_download(lang: str, page_url: str) -> str:
    """A sentence with a relative link from page_url (e.g. "en/") to the language's PDF."""
    depth = len([part for part in page_url.split("/") if part])
    href = "../" * depth + PDF_FILES[lang]
    return render("pdf-download.html", href=href, text=strings(lang, "downloads"))
