"""The macros that pages call, loaded by mkdocs-macros (`module_name: macros`).

Each data-backed feature lives in its own module (load + validate + render); this file
only wires them to the page being rendered: its language, its URL and its source file.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from macros import (
    decision_tree,
    decision_tree_render,
    downloads,
    figures,
    glossary,
    memory_render,
    practice,
    questions,
    recipes,
    references,
)
from macros.data_files import DataError
from macros.i18n import page_language, page_url


class MacroError(RuntimeError):
    """An unexpected exception inside a macro, with the page and the macro call that raised it."""


def _call_text(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    arguments = [repr(arg) for arg in args] + [f"{key}={value!r}" for key, value in kwargs.items()]
    return f"{name}({', '.join(arguments)})"


def guarded(env: Any, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """`function` as a macro whose unexpected exceptions name the page and the call.

    A DataError already names its data file and item and passes unchanged; anything else (a
    KeyError, a TypeError from a wrong argument) becomes a MacroError such as
    `docs/peft.md: {{ term('lora') }}: KeyError: 'en'`.
    """

    @functools.wraps(function)
    def call(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except DataError:
            raise
        except Exception as error:
            page = getattr(getattr(getattr(env, "page", None), "file", None), "src_uri", None)
            where = f"docs/{page}" if page else "a page"
            call_text = _call_text(name, args, kwargs)
            raise MacroError(f"{where}: {{{{ {call_text} }}}}: {type(error).__name__}: {error}") from error

    return call


def define_env(env: Any) -> None:
    builtin = set(env.macros)
    _define_macros(env)
    for name in set(env.macros) - builtin:
        env.macros[name] = guarded(env, name, env.macros[name])


def _define_macros(env: Any) -> None:
    @env.macro
    def term(term_id: str, sentence_start: bool = False) -> str:
        """First mention of a glossary term, in the page's language and house style.

        {{ term("sft") }}; at the start of an English sentence {{ term("sft", sentence_start=True) }}.
        """
        return glossary.render_term(term_id, page_language(env), sentence_start)

    @env.macro
    def cite(*ref_ids: str) -> str:
        """Inline citation(s) linking to the references page: {{ cite("hu-2021-lora") }}."""
        return references.render_cite(ref_ids, page_language(env), f"docs/{env.page.file.src_uri}")

    @env.macro
    def reference_list() -> str:
        """Every reference in data/references/, for the references page."""
        return references.render_reference_list(page_language(env))

    @env.macro
    def glossary_table() -> str:
        """The glossary (data/glossary.yml) as a table, for the glossary page."""
        return glossary.render_glossary_table(page_language(env), page_url(env))

    @env.macro
    def question_bank() -> str:
        """Every interview question in data/questions.yml, grouped by topic."""
        return questions.render_question_bank(page_language(env), page_url(env))

    @env.macro
    def pdf_download() -> str:
        """The link to this language's PDF (made by `make pdf`), for the home page."""
        return downloads.render_pdf_download(page_language(env), page_url(env))

    @env.macro
    def practice_deck() -> str:
        """The interview questions as flashcards (assets/practice.js), for the practice page."""
        return practice.render_deck(page_language(env), page_url(env))

    def render_decision_tree(tree_id: str) -> str:
        """An interactive decision tree from data/decision-trees/<tree_id>.yml: {{ decision_tree("id") }}."""
        tree = decision_tree.decision_tree(tree_id)
        return decision_tree_render.render_tree(tree, page_language(env), page_url(env))

    env.macro(render_decision_tree, "decision_tree")  # named after the data, not the module

    @env.macro
    def lora_trainable_table(model_id: str) -> str:
        """The LoRA trainable-parameter worked example for a preset of data/models.yml:
        {{ lora_trainable_table("qwen2.5-7b") }}."""
        return memory_render.render_lora_trainable_table(model_id, page_language(env), page_url(env))

    @env.macro
    def memory_calculator() -> str:
        """The memory and cost calculator widget (assets/memory-calculator.js enhances it)."""
        return memory_render.render_calculator(page_language(env), page_url(env))

    @env.macro
    def memory_default_table() -> str:
        """Every model preset x method at the default setting, computed at build time."""
        return memory_render.render_default_table(page_language(env), page_url(env))

    @env.macro
    def memory_presets() -> str:
        """The model and GPU presets of the calculator, with the links their numbers come from."""
        return memory_render.render_presets(page_language(env))

    @env.macro
    def memory_estimate(model_id: str, method: str, **options: object) -> str:
        """One estimate as text: {{ memory_estimate("qwen2.5-7b", "lora", seq_len=512) }}."""
        return memory_render.estimate_gb(model_id, method, **options)

    @env.macro
    def recipe(name: str) -> str:
        """A file of recipes/ as a fenced code block, never a copy: {{ recipe("qlora.py") }}."""
        return recipes.render_recipe(name, f"docs/{env.page.file.src_uri}")

    @env.macro
    def masking_figure() -> str:
        """The loss-masking example (data/figures/masking-example.yml), token by token."""
        return figures.render_masking_figure(page_language(env))

    @env.macro
    def loss_curve(curve_id: str) -> str:
        """One illustrative loss curve from data/figures/loss-curves.yml: {{ loss_curve("overfitting") }}."""
        return figures.render_loss_curves(page_language(env), curve_id)

    @env.macro
    def peft_taxonomy() -> str:
        """The PEFT families (data/figures/peft-taxonomy.yml), each method linking to its section."""
        return figures.render_peft_taxonomy(page_language(env))

    @env.macro
    def lora_diagram() -> str:
        """The LoRA diagram (data/figures/peft-lora.yml): W beside B·A, the init, the scale, the modules."""
        return figures.render_lora_diagram(page_language(env))


def on_post_page_macros(env: Any) -> None:
    # Every page gets hover tooltips for the glossary's abbreviations (the `abbr` extension).
    env.markdown += "\n\n" + glossary.abbreviation_definitions(page_language(env)) + "\n"
