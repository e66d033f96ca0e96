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

    @env.macro
    def question_bank() -> str:
        """Every interview question in data/questions.yml, grouped by topic."""
        from macros import questions
        from macros.i18n import page_url

        return questions.render_question_bank(page_language(env), page_url(env))

    @env.macro
    def practice_deck() -> str:
        """The interview questions as flashcards (assets/practice.js), for the practice page."""
        from macros import practice
        from macros.i18n import page_url

        return practice.render_deck(page_language(env), page_url(env))

    @env.macro
    def glossary_table() -> str:
        """The glossary (data/glossary.yml) as a table, for the glossary page."""
        from macros.i18n import page_url

        return glossary.render_glossary_table(page_language(env), page_url(env))

    @env.macro
    def decision_tree(tree_id: str) -> str:
        """An interactive decision tree from data/decision-trees/<tree_id>.yml: {{ decision_tree("id") }}."""
        from macros.decision_tree import decision_tree as load
        from macros.decision_tree_render import render_tree
        from macros.i18n import page_url

        return render_tree(load(tree_id), page_language(env), page_url(env))


def on_post_page_macros(env: Any) -> None:
    # Every page gets hover tooltips for the glossary's abbreviations (the `abbr` extension).
    env.markdown += "\n\n" + glossary.abbreviation_definitions(page_language(env)) + "\n"
