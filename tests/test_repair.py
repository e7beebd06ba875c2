"""Text repair before segmentation: mojibake, lost bytes, run-together sentences, and the way back to raw offsets."""

import hypothesis.strategies as st
import pytest
from hypothesis import given, settings

from analysis.paths import SEEDS
from analysis.repair import apply, mend, within
from analysis.sources import parse_report, read_report

HEAD = "Bridge to close for repairs\n\n"


def restored(report, sentence):
    """The raw characters of a sentence with the logged repairs inside them applied."""
    inside = within(report.repairs, sentence.start, sentence.end)
    return apply(report.raw[sentence.start:sentence.end], sentence.start, inside).text


@pytest.mark.parametrize(
    ("raw", "fixed", "rule"),
    [
        ("The cityâ€™s engineers agreed.", "The city’s engineers agreed.", "mojibake"),
        ("She said â€œsoonâ€\x9d and left.", "She said “soon” and left.", "mojibake"),
        ("A cafÃ© will open.", "A café will open.", "mojibake"),
        ("The cityโs engineers agreed.", "The city’s engineers agreed.", "lost-byte-apostrophe"),
        ("The cityโ€s engineers agreed.", "The city’s engineers agreed.", "lost-byte-apostrophe"),
    ],
)
def test_mojibake_is_repaired_and_logged_with_raw_offsets(raw, fixed, rule):
    mended, repairs = mend(raw, 100)
    assert mended.text == fixed
    assert repairs and {r.rule for r in repairs} == {rule}
    for repair in repairs:
        assert raw[repair.start - 100:repair.end - 100] == repair.before


@pytest.mark.parametrize(
    "text",
    ["Chargé d’Affaires said “narcotics destroy.” He left — fast.", "The U.S.The end", "Mrs.Smith and Gen.Khan met.",
     "It cost $4.5m. The rest is 3.2%.", "naïve café ﬁne", "Visit example.com today."],
)
def test_text_that_is_not_broken_is_left_alone(text):
    mended, repairs = mend(text)
    assert mended.text == text and repairs == []


def test_run_together_sentences_are_split_and_the_split_is_logged():
    report = parse_report(HEAD + "The council approved the plan in a late vote.The mayor said work starts in May.\n")
    assert [s.text for s in report.sentences[1:]] == [
        "The council approved the plan in a late vote.", "The mayor said work starts in May."]
    assert [(r.rule, r.before, r.after) for r in report.repairs] == [("run-together", "", " ")]
    assert report.raw[report.repairs[0].start:].startswith("The mayor")
    assert all(report.raw[s.start:s.end] == s.text for s in report.sentences)


def test_run_together_after_a_closing_quote_and_across_mojibake():
    report = parse_report(HEAD + "He said it was “a good day.”The work starts in May.\n"
                          "Officials agreed.â€œWe are ready,â€\x9d one said.\n")
    texts = [s.text for s in report.sentences[1:]]
    assert texts == ["He said it was “a good day.”", "The work starts in May.", "Officials agreed.",
                     "“We are ready,” one said."]
    assert all(restored(report, s) == s.text for s in report.sentences)


def test_a_repaired_sentence_covers_its_raw_characters():
    raw = HEAD + "The cityâ€™s engineers agreed on Monday. Work starts soon.\n"
    report = parse_report(raw)
    first = report.sentences[1]
    assert first.text == "The city’s engineers agreed on Monday."
    assert report.raw[first.start:first.end] == "The cityâ€™s engineers agreed on Monday."
    assert [r.before for r in report.repairs] == ["â€™"]


def test_seeds_need_no_repair():
    for path in sorted(SEEDS.glob("*.txt")):
        report = read_report(path)
        assert report.repairs == []
        assert all(report.raw[s.start:s.end] == s.text for s in report.sentences)


BROKEN = st.sampled_from(["cityâ€™s", "â€œquoteâ€\x9d", "cafÃ©", "townโs", "deal.The", "said.”Then", "Â£5"])
WORDS = st.sampled_from(["the", "council", "Monday", "agreed", "said.", "“We", "go,”", "U.S.", "Mr.", "—", "3.5",
                         "naïve", "Chargé", "d’Affaires", "ISLAMABAD:", "By", "|", "•"])
LINE = st.lists(st.one_of(WORDS, BROKEN), min_size=1, max_size=14).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(LINE, st.just("")), min_size=1, max_size=10), st.sampled_from(["\n", "\r\n", "\n\n"]))
def test_accounting_is_exact_with_repairs(lines, newline):
    raw = newline.join(lines)
    report = parse_report(raw, allow_empty=True)
    spans = report.spans()
    assert "".join(raw[s.start:s.end] for s in spans) == raw
    assert {s.kind for s in spans if raw[s.start:s.end].strip()} <= {"sentence", "field", "removed"}
    for sentence in report.sentences:
        assert restored(report, sentence) == sentence.text
        assert "â€" not in sentence.text and "โ" not in sentence.text
    assert len({(r.start, r.end, r.rule) for r in report.repairs}) == len(report.repairs)
    for repair in report.repairs:
        assert raw[repair.start:repair.end] == repair.before


def test_a_list_mark_repaired_from_a_control_character_is_removed_alone():
    """A C1 control read as Windows-1252 is repaired character by character, so removing the repaired bullet
    takes that one raw character and the sentence beside it keeps the rest (no character is counted twice)."""
    raw = "Talks end\n\x95Deal\x92s terms hold.\n"
    report = parse_report(raw)
    spans = sorted([(s.start, s.end) for s in report.sentences] + [(r.start, r.end) for r in report.removed]
                   + list(report.fields.values()))
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:]))
    mark = raw.index("\x95")
    assert any((r.start, r.end) == (mark, mark + 1) for r in report.removed)
    assert any("Deal’s terms" in s.text and s.start == mark + 1 for s in report.sentences)
