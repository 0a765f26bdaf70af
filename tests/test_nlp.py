"""Mentions found by the spaCy pipeline: inflection, compounds, adjectives, people."""
import pytest

from graph.nlp import build_pipeline


def mentions(lang, text):
    doc = build_pipeline(lang)(text)
    return [(m.text, m.key, m.form) for m in doc._.mentions]


def keys(lang, text):
    return [k for _, k, _ in mentions(lang, text)]


def test_pipeline_is_built_once_per_language():
    assert build_pipeline("de") is build_pipeline("de")
    assert build_pipeline("en") is not build_pipeline("de")


def test_pipeline_rejects_unknown_language():
    with pytest.raises(ValueError, match="unsupported language"):
        build_pipeline("fr")


@pytest.mark.parametrize("text, key", [
    ("Frankreichs Regierung", "France"),
    ("die französischen Soldaten", "France"),
    ("des ukrainischen Präsidenten", "Ukraine"),
    ("600 Ukrainer", "Ukraine"),
    ("in Kiew", "Kyiv"),
])
def test_german_inflected_and_adjective_forms(text, key):
    assert key in keys("de", text)


@pytest.mark.parametrize("text, key", [
    ("Scalp-Marschflugkörper", "SCALP"),
    ("Caesar-Haubitzen", "CAESAR"),
    ("Leopard-2-Panzer", "Leopard_2"),
    ("IRIS-T SLM", "IRIS_T_SLM"),
])
def test_weapon_names_inside_german_compounds(text, key):
    assert key in keys("de", text)


def test_english_adjectives_and_possessives():
    assert keys("en", "British troops and the UK's support") == ["United_Kingdom", "United_Kingdom"]


def test_short_acronyms_need_capitals():
    assert keys("en", "Let us go.") == []
    assert keys("en", "The US sent aid.") == ["United_States"]


@pytest.mark.parametrize("text", ["Wolodymyr Selenskyj", "Volodymyr Zelenskyy", "Zelenskiy",
                                  "Zelensky", "Selenskyj"])
def test_transliterations_are_one_person(text):
    assert keys("de", text) == ["Volodymyr_Zelenskyy"]


def test_people_found_by_title_and_surname_resolved():
    found = mentions("de", "Generalmajor a. D. Verteidigungsminister Hans Beispielmann sagte etwas. "
                           "Später sprach Beispielmann erneut.")
    people = [(t, k, f) for t, k, f in found if k == "Hans_Beispielmann"]
    assert ("Hans Beispielmann", "Hans_Beispielmann", "name") in people
    assert ("Beispielmann", "Hans_Beispielmann", "surname") in people


def test_sentences_split_at_punctuation_and_lines_not_inside_brackets():
    doc = build_pipeline("de")("Erster Satz (mit Red.) hier. Zweiter Satz.\nDritter")
    assert [s.text.strip() for s in doc.sents] == ["Erster Satz (mit Red.) hier.", "Zweiter Satz.",
                                                   "Dritter"]


def test_no_mentions_in_unrelated_text():
    assert keys("en", "The weather was sunny and the football match ended in a draw.") == []
