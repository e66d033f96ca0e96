"""Render widget HTML from Jinja templates in macros/templates/, with autoescape on.

Every value a template prints is HTML-escaped unless it is marked safe (markupsafe.Markup):
data from contributors never becomes live markup by accident. Pages embed the output as raw
HTML inside Markdown, so templates must not produce blank lines (a blank line ends an HTML
block in Markdown); `trim_blocks` and `lstrip_blocks` keep the tag lines out of the output.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"


@cache
def environment() -> Environment:
    """One environment per process; FileSystemLoader re-reads a template when it changes."""
    return Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


def render(template: str, **context: Any) -> str:
    """The template macros/templates/<template> rendered with `context`, as an HTML string."""
    return environment().get_template(template).render(**context)
