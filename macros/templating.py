"""Render widget HTML from Jinja templates in macros/templates/, with autoescape on.

Every value a template prints is HTML-escaped unless it is marked safe (markupsafe.Markup):
data from contributors never becomes live markup by accident. Pages embed the output as raw
HTML inside Markdown, so templates must not produce blank lines (a blank line ends an HTML
block in Markdown); `trim_blocks` and `lstrip_blocks` keep the tag lines out of the output.

Markup enters a template only as Markup built in Python from the Markdown renderer (answers) or
from another template. Two filters: `plain` escapes text that lands in the page's Markdown
(cite.html, question-bank.md) for Markdown as well as HTML; `fill` puts values (a <kbd>, a
count <span>) into a catalogue text's {placeholders} while escaping the text itself. Interface
words come from data/ui/<lang>.yml (macros/ui.py), never from the templates or the Python.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from macros.escape import plain

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"


_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def fill(text: str, **values: Any) -> Markup:
    """A catalogue text with its {name} placeholders replaced: the text is escaped, each value is
    escaped unless it is Markup (a <kbd> or a <span> the template built). In a template:
    `{{ ui.keys | fill(space=kbd(ui.key_space)) }}`."""
    parts = _PLACEHOLDER.split(str(text))
    out = [escape(parts[0])]
    for index in range(1, len(parts), 2):
        name = parts[index]
        if name not in values:
            raise ValueError(f"the text {text!r} has the placeholder {{{name}}}, but no value was given for it")
        out += [escape(values[name]), escape(parts[index + 1])]
    return Markup("").join(out)


@cache
def environment() -> Environment:
    """One environment per process; FileSystemLoader re-reads a template when it changes."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["fill"] = fill
    env.filters["plain"] = lambda text: Markup(plain(text))  # plain() escapes: its output is markup-safe
    return env


def render(template: str, **context: Any) -> str:
    """The template macros/templates/<template> rendered with `context`, as an HTML string."""
    return environment().get_template(template).render(**context)
