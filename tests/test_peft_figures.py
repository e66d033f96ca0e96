"""The two figures of docs/peft.md: the PEFT taxonomy and the LoRA diagram. Their data validate,
bad data fails naming the file and the item, every method links to a heading that exists, meaning
never rests on colour alone, the SVG has a title, a description and its parts as text, and the
built pages hold both figures and every agreed anchor."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from macros import figures
from macros.data_files import DOCS_DIR, DataError
from macros.schemas.base import validate
from macros.schemas.peft_figures import LoraDiagram, PeftTaxonomy

TAXONOMY = yaml.safe_load(figures.PEFT_TAXONOMY_FILE.read_text(encoding="utf-8"))
LORA = yaml.safe_load(figures.LORA_DIAGRAM_FILE.read_text(encoding="utf-8"))
LANGUAGES = ("zh", "en")
CSS = (Path(figures.__file__).resolve().parent.parent / "assets" / "figures.css").read_text(encoding="utf-8")

# The anchors other pages and data link to (the brief's agreed list); all are explicit heading ids.
AGREED_ANCHORS = [
    *["taxonomy", "adapters", "p-tuning", "ia3", "bitfit", "lora", "lora-initialization", "rank-and-alpha"],
    *["target-modules", "trainable-parameters", "adalora", "dora", "qlora", "nf4", "typical-values"],
    *["merging", "multi-adapter-serving", "comparison"],
]


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def heading_ids(markdown: str) -> set[str]:
    return set(re.findall(r"^#{1,6} .*\{ #([a-z0-9-]+) \}\s*$", markdown, re.M))


def svg_problems(html: str) -> list[str]:
    """Every SVG must be an image labelled by its own non-empty <title> and <desc>."""
    problems = []
    svgs = soup(html).find_all("svg")
    if not svgs:
        return ["no svg"]
    for svg in svgs:
        title, desc = svg.find("title"), svg.find("desc")
        labelled = str(svg.get("aria-labelledby") or "").split()
        if svg.get("role") != "img":
            problems.append('svg without role="img"')
        if title is None or not title.get_text(strip=True):
            problems.append("svg without a <title>")
        elif title.get("id") not in labelled:
            problems.append("svg not labelled by its <title>")
        if desc is None or not desc.get_text(strip=True):
            problems.append("svg without a <desc>")
        elif desc.get("id") not in labelled:
            problems.append("svg not described by its <desc>")
    return problems


def taxonomy_problems(html: str) -> list[str]:
    """Each family names itself in text and carries a marker; each method is a same-page link."""
    problems = []
    families = soup(html).select("li.peft-tax__family")
    if not families:
        return ["no families"]
    for family in families:
        name = family.select_one(".peft-tax__name")
        marker = family.select_one(".peft-tax__marker")
        if name is None or not name.get_text(strip=True):
            problems.append(f"family {family.get('data-family')!r} has no name")
        if marker is None or not marker.get_text(strip=True):
            problems.append(f"family {family.get('data-family')!r} has no text marker")
        for link in family.select(".peft-tax__method a"):
            if not str(link.get("href", "")).startswith("#"):
                problems.append(f"method {link.get_text()!r} does not link to a section of the page")
    return problems


# --- the data ------------------------------------------------------------------------------------


def test_the_real_figure_data_validate() -> None:
    assert len(figures.load_peft_taxonomy().families) == 4
    assert figures.load_lora_diagram().default_modules == ["q_proj", "v_proj"]


def test_the_taxonomy_has_every_family_and_method_of_the_handbook() -> None:
    families = {f["id"]: [m["id"] for m in f["methods"]] for f in TAXONOMY["families"]}
    assert families == {
        "additive": ["adapters", "prefix-tuning", "prompt-tuning", "p-tuning", "ia3"],
        "selective": ["bitfit"],
        "reparameterization": ["lora", "adalora", "dora"],
        "quantized": ["qlora"],
    }


@pytest.mark.parametrize("page_file", ["peft.md", "peft.en.md"])
def test_every_method_links_to_a_heading_of_the_page(page_file: str) -> None:
    ids = heading_ids((DOCS_DIR / page_file).read_text(encoding="utf-8"))
    anchors = {m["anchor"] for f in TAXONOMY["families"] for m in f["methods"]}
    assert anchors - ids == set()


@pytest.mark.parametrize("page_file", ["peft.md", "peft.en.md"])
def test_the_agreed_anchors_are_explicit_heading_ids(page_file: str) -> None:
    ids = heading_ids((DOCS_DIR / page_file).read_text(encoding="utf-8"))
    assert [anchor for anchor in AGREED_ANCHORS if anchor not in ids] == []


# --- rendering -----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_taxonomy_shows_every_method_as_a_link_with_what_it_trains(lang: str) -> None:
    html = figures.render_peft_taxonomy(lang)
    methods = [m for f in TAXONOMY["families"] for m in f["methods"]]
    links = soup(html).select(".peft-tax__method a")
    assert [a.get_text() for a in links] == [m["name"][lang] for m in methods]
    assert [a["href"] for a in links] == [f"#{m['anchor']}" for m in methods]
    trains = [t.get_text() for t in soup(html).select(".peft-tax__trains")]
    assert all(m["trains"][lang] in t for m, t in zip(methods, trains, strict=True))
    assert taxonomy_problems(html) == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_taxonomy_has_a_title_and_a_caption(lang: str) -> None:
    figure = soup(figures.render_peft_taxonomy(lang)).find("figure")
    title = figure.find(id=figure["aria-labelledby"])
    assert title is not None and title.get_text() == TAXONOMY["title"][lang]
    assert figure.find("figcaption").get_text() == TAXONOMY["caption"][lang]


def test_families_differ_by_more_than_colour() -> None:
    markers = [f["marker"] for f in TAXONOMY["families"]]
    assert len(set(markers)) == len(markers)
    assert re.search(r"\.peft-tax__family--selective \{[^}]*border-inline-start-style: double", CSS)
    assert re.search(r"\.peft-tax__family--quantized \{[^}]*border-style: dashed", CSS)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_lora_diagram_is_an_svg_with_title_and_description(lang: str) -> None:
    assert svg_problems(figures.render_lora_diagram(lang)) == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_lora_diagram_lists_every_part_as_text(lang: str) -> None:
    html = soup(figures.render_lora_diagram(lang))
    parts = [li.get_text() for li in html.select("ul.lora-fig__parts > li")]
    assert parts == [LORA[part]["text"][lang] for part in ("frozen", "a", "b", "scaling", "rslora", "output")]
    svg_text = html.find("svg").get_text(" ")
    assert "α / r" in svg_text and "α / √r" in svg_text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_frozen_and_trained_boxes_say_so_in_words_and_in_line_style(lang: str) -> None:
    svg = soup(figures.render_lora_diagram(lang)).find("svg")
    assert len(svg.select("rect.lora-fig__box--frozen")) == 1
    assert len(svg.select("rect.lora-fig__box--trained")) == 2
    badges = [t.get_text() for t in svg.select("text.lora-fig__badge-text")]
    assert sorted(badges) == sorted([LORA["frozen_badge"][lang]] + [LORA["trained_badge"][lang]] * 2)
    assert re.search(r"\.lora-fig__box--frozen \{[^}]*stroke-dasharray: \d", CSS)
    assert re.search(r"\.lora-fig__box--trained \{[^}]*stroke-width: 3", CSS)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_diagram_lists_the_seven_modules_and_marks_the_peft_defaults_in_text(lang: str) -> None:
    html = soup(figures.render_lora_diagram(lang))
    modules = [li.find("code").get_text() for li in html.select("li.lora-fig__module")]
    assert modules == ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]
    items = html.select("li.lora-fig__module")
    marked = [li.find("code").get_text() for li in items if li.select(".lora-fig__default")]
    assert marked == ["q_proj", "v_proj"]


# --- planted defects -----------------------------------------------------------------------------


def test_an_svg_without_a_description_is_reported() -> None:
    planted = re.sub(r"<desc[^>]*>.*?</desc>", "", figures.render_lora_diagram("en"), flags=re.S)
    assert svg_problems(planted) == ["svg without a <desc>"]


def test_a_family_without_a_marker_is_reported() -> None:
    html = figures.render_peft_taxonomy("zh")
    planted = re.sub(r'<span class="peft-tax__marker"[^>]*>[^<]*</span>', "", html, count=1)
    assert taxonomy_problems(planted) == ["family 'additive' has no text marker"]


def test_a_method_without_its_anchor_fails_naming_the_file_and_the_family() -> None:
    families = [dict(TAXONOMY["families"][0]), *TAXONOMY["families"][1:]]
    families[0]["methods"] = [{k: v for k, v in families[0]["methods"][0].items() if k != "anchor"}]
    with pytest.raises(DataError) as error:
        validate(PeftTaxonomy, {**TAXONOMY, "families": families}, "data/figures/peft-taxonomy.yml", "family")
    message = str(error.value)
    assert message.startswith("data/figures/peft-taxonomy.yml: ")
    assert "family 'adapters': missing field(s): anchor" in message


def test_a_duplicate_method_id_is_refused() -> None:
    first, second, *rest = TAXONOMY["families"]
    extra = {**second, "methods": [*second["methods"], first["methods"][0]]}
    families = [first, extra, *rest]
    with pytest.raises(DataError, match="duplicate method id"):
        validate(PeftTaxonomy, {**TAXONOMY, "families": families}, "data/figures/peft-taxonomy.yml", "family")


def test_a_default_module_in_no_group_fails_naming_it() -> None:
    with pytest.raises(DataError, match=r"peft-lora\.yml: Value error, default module\(s\) not in any group: qkv_proj"):
        validate(LoraDiagram, {**LORA, "default_modules": ["qkv_proj"]}, "data/figures/peft-lora.yml", "group")


def test_a_missing_translation_fails_naming_the_field() -> None:
    with pytest.raises(DataError, match=r"peft-lora\.yml: field 'b\.text' is missing its translation: en"):
        validate(LoraDiagram, {**LORA, "b": {**LORA["b"], "text": {"zh": "B"}}}, "data/figures/peft-lora.yml", "group")


def test_markup_in_the_figure_data_is_escaped() -> None:
    hostile = {**TAXONOMY, "title": {"zh": "<b>x</b>", "en": "<script>alert(1)</script>"}}
    html = figures.render_peft_taxonomy("en", validate(PeftTaxonomy, hostile, "t.yml", "family"))
    assert "<script>" not in html and "&lt;script&gt;" in html
    diagram = validate(LoraDiagram, {**LORA, "title": {"zh": "x", "en": "</title><script>x</script>"}}, "l.yml")
    assert "<script>" not in figures.render_lora_diagram("en", diagram)


# --- the built pages -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang_prefix", ["", "en/"])
def test_the_built_page_holds_both_figures_and_the_agreed_anchors(lang_prefix: str, site_dir: Path) -> None:
    page = soup((site_dir / lang_prefix / "peft" / "index.html").read_text(encoding="utf-8"))
    ids = {tag["id"] for tag in page.find_all(id=True)}
    assert [anchor for anchor in AGREED_ANCHORS if anchor not in ids] == []
    assert len(page.select("figure.peft-tax li.peft-tax__family")) == len(TAXONOMY["families"])
    assert svg_problems("".join(str(svg) for svg in page.select("figure.lora-fig svg"))) == []
    targets = {a["href"][1:] for a in page.select(".peft-tax__method a")}
    assert targets - ids == set()
    assert page.select("[data-lora-table='qwen2.5-7b'] table")
