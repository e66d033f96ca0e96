"""The macros that pages call, loaded by mkdocs-macros (`module_name: macros`).

Each data-backed feature lives in its own module (load + validate + render); this file
only wires them to the page being rendered.
"""

from __future__ import annotations

from typing import Any

from macros import glossary, references
from macros.i18n import page_language


def define_env(env: Any) -> None:
    def source_page() -> str:
        return f"docs/{env.page.file.src_uri}"

    @env.macro
    def term(term_id: str) -> str:
        """First mention of a glossary term, in the page's language and house style."""
        return glossary.render_term(term_id, page_language(env))

    @env.macro
    def cite(*ref_ids: str) -> str:
        """Inline citation(s) linking to the references page: {{ cite("hu-2021-lora") }}."""
        return references.render_cite(ref_ids, page_language(env), source_page())

    @env.macro
    def reference_list() -> str:
        """Every reference in data/references/, for the references page."""
        return references.render_reference_list(page_language(env))


def on_post_page_macros(env: Any) -> None:
    # Every page gets hover tooltips for the glossary's abbreviations (the `abbr` extension).
    env.markdown += "\n\n" + glossary.abbreviation_definitions(page_language(env)) + "\n"
