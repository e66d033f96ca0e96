"""Short citations name the first author as readers know it: a surname, or an organisation whole."""

from __future__ import annotations

from macros import references


def test_cite_as_replaces_the_surname_in_every_language() -> None:
    assert references.short_label(("Hugging Face",), 2026, "en", "Hugging Face") == "Hugging Face, 2026"
    assert references.short_label(("Elad Ben Zaken", "Shauli Ravfogel", "Yoav Goldberg"), 2021, "zh", "Ben Zaken") == (
        "Ben Zaken 等，2021"
    )
    assert references.short_label(("Edward J. Hu", "Yelong Shen", "Phillip Wallis"), 2021, "en") == "Hu et al., 2021"


def test_a_list_cut_short_with_et_al_counts_as_more_authors() -> None:
    assert references.short_label(("Yaowei Zheng", "et al."), 2025, "en") == "Zheng et al., 2025"
    assert references.short_label(("Yaowei Zheng", "et al."), 2025, "zh") == "Zheng 等，2025"


def test_a_lone_author_of_several_words_says_how_to_cite_it() -> None:
    """The last word of "Hugging Face" or "Qwen Team" is not a surname: such a reference needs cite_as."""
    unclear = [
        ref.id
        for ref in references.references().values()
        if len(ref.authors) == 1 and " " in ref.authors[0] and not ref.authors[0].isupper() and not ref.cite_as
    ]
    assert unclear == [], "add cite_as (the name short citations use) to these references"


def test_the_real_references_cite_organisations_whole() -> None:
    labels = {ref.short("en") for ref in references.references().values()}
    assert not any(label.startswith(("Face,", "Team,", "Zaken")) for label in labels), sorted(labels)
    # An organisation or an "et al." read as a second surname: "Schulman and Lab", "Zheng and al."
    assert not any(
        " and " in label and label.split(" and ")[1].startswith(("Lab,", "al.,", "Team,", "Face,")) for label in labels
    ), sorted(labels)
