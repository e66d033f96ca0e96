"""The figures drawn from data/figures/: they render from the data, bad data fails with a named error,
meaning never rests on colour alone, every SVG has a title and a description, and the agreed anchors exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from macros import figures
from macros.data_files import DataError
from macros.schemas.base import validate
from macros.schemas.figures import LossCurves, MaskingExample

MASKING = yaml.safe_load(figures.MASKING_FILE.read_text(encoding="utf-8"))
CURVES = yaml.safe_load(figures.LOSS_CURVES_FILE.read_text(encoding="utf-8"))
LANGUAGES = ("zh", "en")

AGREED_ANCHORS = {
    "sft-data": (
        "formats alpaca-format messages-format chat-templates system-prompt eos-token loss-masking masking-figure "
        "multi-turn packing template-mismatch missing-eos cleaning deduplication eval-leakage balance how-much-data "
        "continued-pretraining-data data-mixing vocabulary-expansion knowledge-injection"
    ),
    "hyperparameters": (
        "ranges learning-rate epochs warmup batch-size lora-hyperparameters dpo-hyperparameters loss-curves "
        "underfitting good-fit overfitting memorization loss-spikes checklists low-loss-bad-outputs dumber-after-sft "
        "catastrophic-forgetting out-of-memory"
    ),
}


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def masking_problems(html: str) -> list[str]:
    """Each token must say in text whether it is trained, and carry a non-colour cue (its class → box style)."""
    problems = []
    for token in soup(html).select(".mask-fig__token"):
        label = token.select_one(".mask-fig__label")
        text = label.get_text() if label else ""
        trained = token.get("data-trained") == "true"
        kind = "mask-fig__token--trained" if trained else "mask-fig__token--masked"
        if kind not in token.get_attribute_list("class"):
            problems.append(f"token {token.get_text(' ', strip=True)!r}: no {kind} class")
        if not trained and "−100" not in text:
            problems.append(f"masked token {token.get_text(' ', strip=True)!r}: its label does not say −100")
        if trained and "−100" in text:
            problems.append(f"trained token {token.get_text(' ', strip=True)!r}: its label says −100")
    return problems


def svg_problems(html: str) -> list[str]:
    problems = []
    for svg in soup(html).find_all("svg"):
        title, desc = svg.find("title"), svg.find("desc")
        if svg.get("role") != "img":
            problems.append('svg without role="img"')
        if title is None or not title.get_text(strip=True):
            problems.append("svg without a <title>")
        if desc is None or not desc.get_text(strip=True):
            problems.append("svg without a <desc>")
        labelled = str(svg.get("aria-labelledby") or "").split()
        if title is not None and title.get("id") not in labelled:
            problems.append("svg not labelled by its <title>")
    return problems


# --- rendering from the data ----------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_masking_figure_shows_every_token_of_the_data(lang: str) -> None:
    tokens = soup(figures.render_masking_figure(lang)).select(".mask-fig__token")
    assert [t.select_one(".mask-fig__text").get_text() for t in tokens] == [t["text"] for t in MASKING["tokens"][lang]]
    assert sum(t.get("data-trained") == "true" for t in tokens) == sum(t["trained"] for t in MASKING["tokens"][lang])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_masked_and_trained_tokens_differ_by_more_than_colour(lang: str) -> None:
    assert masking_problems(figures.render_masking_figure(lang)) == []


def test_the_figure_stylesheet_gives_the_two_kinds_different_borders_and_an_underline() -> None:
    css = (Path(figures.__file__).resolve().parent.parent / "assets" / "figures.css").read_text(encoding="utf-8")
    trained = re.search(r"\.mask-fig__token--trained,[^{]*\{([^}]*)\}", css)
    masked = re.search(r"\.mask-fig__token--masked,[^{]*\{([^}]*)\}", css)
    assert trained and "solid" in trained.group(1)
    assert masked and "dashed" in masked.group(1)
    assert re.search(r"\.mask-fig__token--trained \.mask-fig__text \{[^}]*text-decoration: underline", css)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("curve", [c["id"] for c in CURVES["curves"]])
def test_each_loss_curve_is_an_svg_with_title_description_and_values(curve: str, lang: str) -> None:
    html = figures.render_loss_curves(lang, curve)
    assert svg_problems(html) == []
    data = next(c for c in CURVES["curves"] if c["id"] == curve)
    rows = soup(html).select("details.loss-fig__values tbody tr")
    assert len(rows) == len(data["train"])
    assert rows[-1].find_all("td")[1].get_text() == f"{data['train'][-1]:.2f}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_loss_curves_say_they_are_illustrative(lang: str) -> None:
    word = "示意" if lang == "zh" else "illustrative"
    html = figures.render_loss_curves(lang, "overfitting")
    assert word in soup(html).find("title").get_text()
    assert word in soup(html).find("figcaption").get_text()


def test_validation_lines_differ_from_training_lines_by_dash_and_marker() -> None:
    html = figures.render_loss_curves("en", "overfitting")
    assert soup(html).select("circle.loss-fig__marker--train") and soup(html).select(
        "rect.loss-fig__marker--validation"
    )
    css = (Path(figures.__file__).resolve().parent.parent / "assets" / "figures.css").read_text(encoding="utf-8")
    assert re.search(r"\.loss-fig__line--validation \{[^}]*stroke-dasharray", css)


# --- planted defects --------------------------------------------------------------------------


def test_a_masked_token_whose_label_is_not_minus_100_is_reported() -> None:
    planted = figures.render_masking_figure("en").replace(
        '<span class="mask-fig__label">label −100', '<span class="mask-fig__label">label 42', 1
    )
    assert any("does not say −100" in problem for problem in masking_problems(planted))


def test_an_svg_without_a_description_is_reported() -> None:
    planted = re.sub(r"<desc[^>]*>.*?</desc>", "", figures.render_loss_curves("zh", "good-fit"), flags=re.S)
    assert svg_problems(planted) == ["svg without a <desc>"]


def test_a_masking_example_without_trained_tokens_fails_naming_the_file_and_field() -> None:
    data = {
        **MASKING,
        "tokens": {**MASKING["tokens"], "en": [{**t, "trained": False} for t in MASKING["tokens"]["en"]]},
    }
    with pytest.raises(DataError) as error:
        validate(MaskingExample, data, "data/figures/masking-example.yml", "token")
    assert "data/figures/masking-example.yml" in str(error.value)
    assert "both trained and masked tokens" in str(error.value)


def test_a_token_with_a_non_boolean_trained_flag_is_refused() -> None:
    tokens = [{**MASKING["tokens"]["zh"][0], "trained": "yes"}, *MASKING["tokens"]["zh"][1:]]
    with pytest.raises(DataError, match=r"masking\.yml: token #1: field 'trained': Input should be a valid boolean"):
        validate(MaskingExample, {**MASKING, "tokens": {**MASKING["tokens"], "zh": tokens}}, "masking.yml", "token")


def test_a_curve_with_mismatched_lengths_fails_naming_the_curve() -> None:
    curves = [{**CURVES["curves"][0], "validation": [1.0, 0.9]}, *CURVES["curves"][1:]]
    with pytest.raises(DataError) as error:
        validate(LossCurves, {**CURVES, "curves": curves}, "data/figures/loss-curves.yml", "curve")
    assert "curve 'underfitting'" in str(error.value) and "validation has 2 points" in str(error.value)


def test_curves_not_marked_illustrative_are_refused() -> None:
    with pytest.raises(DataError, match="'illustrative' must be true"):
        validate(LossCurves, {**CURVES, "illustrative": False}, "data/figures/loss-curves.yml", "curve")


def test_a_non_numeric_loss_value_is_refused() -> None:
    curves = [{**CURVES["curves"][1], "train": [2.6, "low"]}]
    # The shared error locator names the innermost list entry (the value's position), not the curve's id.
    with pytest.raises(DataError, match=r"data/figures/loss-curves\.yml: curve #2: Input should be a valid number"):
        validate(LossCurves, {**CURVES, "curves": curves}, "data/figures/loss-curves.yml", "curve")


def test_markup_in_the_data_is_escaped() -> None:
    example = validate(
        MaskingExample,
        {**MASKING, "title": {"zh": "<script>x</script>", "en": "<b>x</b>"}},
        "masking.yml",
        "example",
    )
    html = figures.render_masking_figure("en", example)
    assert "<b>x</b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html


def test_an_unknown_curve_id_fails_naming_it() -> None:
    with pytest.raises(DataError, match="curve 'no-such-curve': no such curve"):
        figures.render_loss_curves("en", "no-such-curve")


# --- the built pages ------------------------------------------------------------------------


@pytest.mark.parametrize("lang_prefix", ["", "en/"])
@pytest.mark.parametrize("page_url", AGREED_ANCHORS)
def test_the_agreed_anchors_exist(page_url: str, lang_prefix: str, site_dir: Path) -> None:
    html = (site_dir / lang_prefix / page_url / "index.html").read_text(encoding="utf-8")
    ids = {tag["id"] for tag in soup(html).find_all(id=True)}
    missing = [anchor for anchor in AGREED_ANCHORS[page_url].split() if anchor not in ids]
    assert missing == [], f"{lang_prefix}{page_url}: missing anchors {missing}"


@pytest.mark.parametrize("lang_prefix", ["", "en/"])
def test_the_built_pages_hold_the_figures(lang_prefix: str, site_dir: Path) -> None:
    sft = soup((site_dir / lang_prefix / "sft-data" / "index.html").read_text(encoding="utf-8"))
    hyper = (site_dir / lang_prefix / "hyperparameters" / "index.html").read_text(encoding="utf-8")
    assert sft.select(".mask-fig .mask-fig__token--trained") and sft.select(".mask-fig .mask-fig__token--masked")
    assert len(soup(hyper).select("svg.loss-fig__svg")) == len(CURVES["curves"])
    assert svg_problems("".join(str(svg) for svg in soup(hyper).select("svg.loss-fig__svg"))) == []
