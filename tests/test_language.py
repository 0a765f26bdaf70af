"""Tests for graph.language: offline German/English detection."""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.language import (
    _ENGLISH_WORDS,
    _GERMAN_WORDS,
    detect_language,
    language_scores,
    normalize_language_tag,
)

GERMAN = [
    "Die Bundesregierung hat der Ukraine weitere Haubitzen zugesagt.",
    "Der Minister sagte, die Lieferung werde noch in diesem Jahr beginnen.",
    "Nach Angaben des Ministeriums sind bereits zwölf Panzer unterwegs.",
]
ENGLISH = [
    "The government has pledged further howitzers to Ukraine.",
    "The minister said the delivery would begin later this year.",
    "According to the ministry, twelve tanks are already on their way.",
]


@pytest.mark.parametrize("text", GERMAN)
def test_german_sentences(text: str) -> None:
    assert detect_language(text) == "de"


@pytest.mark.parametrize("text", ENGLISH)
def test_english_sentences(text: str) -> None:
    assert detect_language(text) == "en"


def test_german_paragraph_with_english_loanwords() -> None:
    text = (
        "Das Briefing im Pentagon dauerte nur zehn Minuten. Danach erklärte der Sprecher, "
        "die Drohnen würden über Polen geliefert und seien für die Front bestimmt."
    )
    assert detect_language(text) == "de"


def test_english_paragraph_with_german_names_is_english() -> None:
    text = (
        "Defence minister Jörg Müller met his counterpart in Berlin on Friday. "
        "He said the Panzerhaubitze 2000 systems would be handed over within weeks."
    )
    assert detect_language(text) == "en"


def test_english_war_is_not_german_evidence() -> None:
    # "war", "will", "was", "also", "in", "an" exist in both languages
    assert detect_language("war will was also in an") == "en"
    assert language_scores("war will was also in an") == {"de": 0.0, "en": 0.0}


def test_umlauts_tip_a_headline_without_function_words() -> None:
    assert detect_language("Kiew erhält Flugabwehrsysteme") == "de"


@pytest.mark.parametrize("text", ["", "   \n\t", "2023 123 45,6", "Leopard IRIS-T HIMARS", "!!!"])
def test_no_evidence_defaults_to_english(text: str) -> None:
    assert detect_language(text) == "en"


def test_tie_defaults_to_english() -> None:
    # one function word each
    assert language_scores("der the") == {"de": 1.0, "en": 1.0}
    assert detect_language("der the") == "en"


def test_mixed_text_follows_the_majority() -> None:
    german = " ".join(GERMAN[:3])
    english = ENGLISH[0]
    assert detect_language(f"{german}\n{english}") == "de"
    assert detect_language(f"{' '.join(ENGLISH[:3])}\n{GERMAN[0]}") == "en"


def test_case_insensitive() -> None:
    assert detect_language("DIE REGIERUNG HAT DER ARMEE NICHT GEHOLFEN") == "de"
    assert detect_language("THE ARMY HAS NOT BEEN HELPED BY THE GOVERNMENT") == "en"


def test_word_lists_are_disjoint() -> None:
    assert not (_GERMAN_WORDS & _ENGLISH_WORDS)
    for ambiguous in ("war", "will", "was", "also", "in", "an", "so", "am", "man"):
        assert ambiguous not in _GERMAN_WORDS and ambiguous not in _ENGLISH_WORDS


def test_large_input_is_sampled_and_fast() -> None:
    text = (GERMAN[0] + " ") * 1_500_000  # about 100 MB
    start = time.perf_counter()
    assert detect_language(text) == "de"
    assert time.perf_counter() - start < 1.0


def test_sample_sees_middle_and_end() -> None:
    # neutral filler, English only in the middle of a long text
    filler = "1234 " * 100_000
    assert detect_language(filler + ENGLISH[0] * 20 + filler) == "en"
    assert detect_language(filler + GERMAN[0] * 20 + filler) == "de"
    assert detect_language(filler + filler + GERMAN[0] * 20) == "de"


@given(st.text(max_size=300))
def test_always_de_or_en(text: str) -> None:
    assert detect_language(text) in ("de", "en")


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("de", "de"), ("DE", "de"), ("de-DE", "de"), ("de_AT", "de"), ("German", "de"),
        ("deutsch", "de"), ("deu", "de"), ("en", "en"), ("en-US", "en"), ("en_GB", "en"),
        ("English", "en"), (" eng ", "en"), ("fr", None), ("", None), (None, None), (3, None),
    ],
)
def test_normalize_language_tag(tag: object, expected: str | None) -> None:
    assert normalize_language_tag(tag) == expected
