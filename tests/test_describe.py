"""Behaviour of analysis.describe: stems, stop words, entities, speakers, numbers, negation."""

from __future__ import annotations

import pytest

from analysis.describe import describe, is_content, is_stopword, stem, unmatched_entities


def entities(*texts: str) -> list[tuple[str, ...]]:
    """Entity spans of each sentence, described as one pool."""
    return [info.entities for info in describe(list(texts))]


# --- stems and stop words ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "left, right",
    [
        ("agrees", "agree"),  # third person
        ("technology", "technological"),  # derivation
        ("Pakistan’s", "Pakistan's"),  # curly and straight possessive
        ("Pakistan's", "Pakistan"),
        ("companies", "company"),  # -ies -> -y
        ("classes", "class"),  # -sses -> -ss
        ("Security", "security"),  # case
    ],
)
def test_inflections_share_a_stem(left, right):
    assert stem(left) == stem(right)


@pytest.mark.parametrize(
    "left, right",
    [
        ("agreed", "agree"),  # "agreed" loses -ed and becomes "agre"
        ("meetings", "meeting"),  # one suffix only: "meeting" loses -ing, "meetings" only -s
    ],
)
def test_inflections_that_need_two_steps(left, right):
    assert stem(left) == stem(right)


@pytest.mark.parametrize(
    "token, expected",
    [
        ("status", "status"),  # -us is not a plural
        ("analysis", "analysi"),  # Porter 2's stem; -is is not a plural
        ("US", "us"),
        ("is", "is"),  # too short to strip
        ("stressed", "stress"),
    ],
)
def test_stem_keeps_what_is_not_an_inflection(token, expected):
    assert stem(token) == expected


@pytest.mark.parametrize(
    "token, stopword, content",
    [
        ("The", True, False),
        ("between", True, False),
        ("said", False, False),  # a reporting verb: the frame, not the fact
        ("told", False, False),
        ("security", False, True),
        ("Islamabad", False, True),
    ],
)
def test_stopwords_and_content_words(token, stopword, content):
    assert is_stopword(token) is stopword
    assert is_content(token) is content


# --- named entities ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "texts, expected",
    [
        (  # a sentence-initial capital opens a run of capitals
            ["Interior Minister Mohsin Naqvi met the envoy."],
            [("Interior Minister Mohsin Naqvi",)],
        ),
        (["The minister met Natalie Baker in Islamabad."], [("Natalie Baker", "Islamabad")]),
        (  # "Officials" is capitalised only because it opens the sentence: the pool writes it in lower case
            ["Officials met in Islamabad.", "The officials left."],
            [("Islamabad",), ()],
        ),
        (["Washington agreed to talks."], [("Washington",)]),  # never in lower case: a name
        (["Pakistan, US and China met."], [("Pakistan", "US", "China")]),  # punctuation ends a run
        (  # title-case headline: a word is a name only if the body capitalises it mid-sentence
            ["Naqvi Says Pakistan Will Act on Crime", "Interior Minister Naqvi said Pakistan would act."],
            [("Naqvi", "Pakistan"), ("Interior Minister Naqvi", "Pakistan")],
        ),
        (["Security Talks Open in Capital With Hopes High"], [()]),  # nothing named elsewhere
    ],
)
def test_entity_spans(texts, expected):
    assert entities(*texts) == expected


def test_us_is_a_name_in_a_title_case_headline():
    headline, _ = entities("Pakistan, US Agree to Deepen Security Cooperation", "Officials from Pakistan and the US agreed.")
    assert headline == ("Pakistan", "US")


@pytest.mark.parametrize(
    "a, b",
    [
        ("The United States signed the deal.", "The US signed the deal."),
        ("The Federal Investigation Agency arrested him.", "The FIA arrested him."),
        ("Mohsin Naqvi's ministry agreed.", "Naqvi agreed."),  # one shared word finds the name
    ],
)
def test_names_found_by_acronym_or_shared_word_are_matched(a, b):
    x, y = describe([a, b])
    assert unmatched_entities(x, y) == [] and unmatched_entities(y, x) == []


def test_a_name_absent_from_the_other_sentence_is_unmatched():
    x, y = describe(["Pakistan signed the deal.", "India signed the deal."])
    assert unmatched_entities(x, y) == ["Pakistan"]


# --- speakers and numbers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("Interior Minister Naqvi said the deal was signed.", {"interior", "minist", "naqvi"}),
        ("Interior Minister Naqvi also said the deal was signed.", {"interior", "minist", "naqvi"}),  # adverb between
        ('"We will cooperate," said John Smith.', {"john", "smith"}),  # inverted after a quote
        ("“We agree,” said Smith on Monday.", {"smith"}),  # curly quotes; the run stops at "on"
        ("She said the plan would work.", set()),  # a pronoun: we do not guess whom
        ("They said nothing new.", set()),
        ("The plan would work, officials said.", set()),  # unnamed
        ("It is a plan, said the minister.", set()),  # inverted, but no name follows
        ("The council approved the budget.", set()),  # no reporting verb
        ("Police said two men were arrested.", {"polic"}),
    ],
)
def test_speaker(text, speaker):
    assert describe([text])[0].speaker == frozenset(speaker)


@pytest.mark.parametrize(
    ("text", "pronoun"),
    [("She said the plan would work.", "she"), ("He also told reporters it would work.", "he"),
     ("Mayor Linda Park said the plan would work.", ""), ("The plan works.", "")],
)
def test_a_pronoun_speaker_is_kept_for_the_report_to_resolve(text, pronoun):
    info = describe([text])[0]
    assert info.speaker_pronoun == pronoun
    assert not (pronoun and info.speaker)


def test_title_case_headline_has_no_speaker():
    headline, _ = describe(["Naqvi Says Pakistan Will Act on Crime", "Interior Minister Naqvi said Pakistan would act."])
    assert headline.speaker == frozenset()


@pytest.mark.parametrize(
    "text, numbers",
    [
        ("It cost 4.2 million dollars.", {"4.2"}),
        ("About 1,000 people came in 2025 and 2026.", {"1000", "2025", "2026"}),  # thousands separator dropped
        ("The score was 3-0.", {"3", "0"}),
        ("Version 1.2.3 shipped.", {"1.2.3"}),
        ("No numbers here.", set()),
    ],
)
def test_numbers(text, numbers):
    assert describe([text])[0].numbers == frozenset(numbers)


@pytest.mark.parametrize(
    "text, negated",
    [
        ("The talks did not end.", True),
        ("He didn’t go.", True),  # curly apostrophe
        ("Officials said no decision was taken.", True),
        ("Pakistan cannot accept it.", True),
        ("Nobody knows; it is notable.", False),  # words that only begin like a negation
        ("The talks ended.", False),
    ],
)
def test_negation(text, negated):
    assert describe([text])[0].negated is negated


def test_the_stemmer_in_use_agrees_with_snowballs_reference_code():
    """snowballstemmer hands over to PyStemmer's C build when installed: same algorithm, same stems."""
    from snowballstemmer.english_stemmer import EnglishStemmer

    words = ["agreed", "meetings", "technological", "capacities", "cooperation", "narcotics", "Pakistan's", "stressed"]
    reference = EnglishStemmer()
    assert [stem(w) for w in words] == [reference.stemWord(w.casefold().removesuffix("'s")) for w in words]


def test_stop_words_are_scikit_learns_read_without_importing_it():
    import subprocess
    import sys

    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    from analysis.describe import english_stop_words

    assert english_stop_words() == ENGLISH_STOP_WORDS
    code = "import sys; from analysis.describe import is_stopword; assert is_stopword('the'); print('sklearn' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"
