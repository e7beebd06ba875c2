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


def _contiguous(text, spans):
    """Spans in order, never overlapping, each stripped of white space."""
    assert all(a < b for a, b in spans) and all(b <= c for (_, b), (c, _) in zip(spans, spans[1:]))
    assert all(text[a:b] == text[a:b].strip() for a, b in spans)


@pytest.mark.parametrize("separator", [" ", "  ", "\n", " \n "])
def test_a_long_paragraph_is_read_in_windows_without_moving_a_boundary(monkeypatch, separator):
    monkeypatch.setattr("analysis.segment.WINDOW", 120)
    sentences = [f"Sentence {k} of the paragraph says that talks went on." for k in range(30)]
    text = separator.join(sentences)
    spans = sentence_spans(text)
    assert [text[a:b] for a, b in spans] == sentences
    _contiguous(text, spans)


def test_the_real_window_keeps_every_sentence_of_a_long_paragraph():
    sentences = [f"Officials said on day {k} that the border talks would resume." for k in range(200)]
    text = " ".join(sentences)
    assert split_sentences(text) == sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("x" * 130, [(0, 50), (50, 100), (100, 130)]),  # no white space: cut at the window's end
        ("  " + "x" * 120, [(2, 50), (50, 100), (100, 122)]),  # leading white space is not a place to cut
        ("ab " + "x" * 100, [(0, 2), (3, 52), (52, 102), (102, 103)]),  # cut at the last space; the next window opens on it
    ],
)
def test_a_sentence_longer_than_the_window_is_cut(monkeypatch, text, expected):
    monkeypatch.setattr("analysis.segment.WINDOW", 50)
    assert sentence_spans(text) == expected


def test_a_long_sentence_without_mark_is_cut_at_white_space(monkeypatch):
    monkeypatch.setattr("analysis.segment.WINDOW", 50)
    text = " ".join(f"word{k}" for k in range(60))
    spans = sentence_spans(text)
    _contiguous(text, spans)
    assert all(b - a <= 50 for a, b in spans) and len(spans) > 1
    assert " ".join(text[a:b] for a, b in spans) == text  # every word kept, none split


def test_text_that_pysbd_rewrites_is_kept_whole_from_there(monkeypatch):
    monkeypatch.setattr("analysis.segment._pieces", lambda text: ["First one.", "changed text", "Last."])
    text = "First one. Second one.  Last. "
    assert sentence_spans(text) == [(0, 10), (11, 29)]


def test_empty_pieces_are_skipped(monkeypatch):
    monkeypatch.setattr("analysis.segment._pieces", lambda text: ["  ", "One.", "", "Two."])
    assert split_sentences("One. Two.") == ["One.", "Two."]


def test_empty_text_has_no_sentences():
    assert sentence_spans("") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (" " * 120, []),  # windows of white space only: skipped whole
        (" " * 120 + "word", [(120, 124)]),
        # the window ends inside the second sentence: it is read again from its start, not cut where the window ended
        ("Short one here. " + " ".join(["longword"] * 10), [(0, 15), (16, 60), (61, 105)]),
    ],
)
def test_windows_of_white_space_and_a_sentence_cut_by_the_window(monkeypatch, text, expected):
    monkeypatch.setattr("analysis.segment.WINDOW", 50)
    assert sentence_spans(text) == expected


def test_text_that_pysbd_rewrites_from_the_start_is_one_sentence(monkeypatch):
    monkeypatch.setattr("analysis.segment._pieces", lambda text: ["rewritten"])
    assert sentence_spans(" First one. Second one. ") == [(1, 23)]
