import pytest

from analysis.segment import sentence_spans, split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The U.S. envoy met Mr. Naqvi. They agreed.", ["The U.S. envoy met Mr. Naqvi.", "They agreed."]),
        (
            "Narcotics “destroy young generations.” He welcomed the offer.",
            ["Narcotics “destroy young generations.”", "He welcomed the offer."],
        ),
        ("Is it settled? “No,” she said. Talks go on!", ["Is it settled?", "“No,” she said.", "Talks go on!"]),
        ("It cost $4.5 million in 2025. Dr. Smith paid.", ["It cost $4.5 million in 2025.", "Dr. Smith paid."]),
        ("No end punctuation here", ["No end punctuation here"]),
        ("Same. Same. Same.", ["Same.", "Same.", "Same."]),
    ],
)
def test_split_sentences(text, expected):
    assert split_sentences(text) == expected


def test_spans_point_into_the_text_even_for_repeated_sentences():
    text = "  Same.  Same. Different one. "
    spans = sentence_spans(text)
    assert [text[a:b] for a, b in spans] == ["Same.", "Same.", "Different one."]
    assert spans[0][0] == 2 and spans[1][0] > spans[0][1]


def test_white_space_only_has_no_sentences():
    assert sentence_spans(" \n\t ") == []
