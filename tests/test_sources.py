import hypothesis.strategies as st
import pytest
from hypothesis import given, settings

from analysis.errors import InputError
from analysis.repair import apply
from analysis.sources import (
    REMOVED_COLUMNS,
    SENTENCE_COLUMNS,
    accounting_frame,
    boilerplate_rules,
    parse_report,
    read_report,
    read_text,
    removed_frame,
    sentences_frame,
    structure_frame,
)

PAGE = """WORLD NEWS

Ministers agree to share border data

Two ministers agreed on Monday to share border data.
Monday, 5 January 2026
Ministers agree to share border data

LONDON: The two ministers agreed on Monday to share border data. Officials said talks would go on.

Next Steps

They will meet again in March.
Also read: Another story entirely
Share this article

Related Stories
Floods hit the coast
"""


def covered(report):
    """The source rebuilt from its partition, and the kinds of its non-blank pieces."""
    spans = report.spans()
    rebuilt = "".join(report.raw[s.start:s.end] for s in spans)
    kinds = {s.kind for s in spans if report.raw[s.start:s.end].strip()}
    return rebuilt, kinds, spans


def restored(report, sentence):
    """The raw characters of a sentence with the logged repairs inside them applied."""
    inside = [r for r in report.repairs if sentence.start <= r.start and r.end <= sentence.end]
    return apply(report.raw[sentence.start:sentence.end], sentence.start, inside).text


def test_structure_fields_of_a_templated_page():
    report = parse_report(PAGE)
    assert report.headline == "Ministers agree to share border data"
    assert report.standfirst == "Two ministers agreed on Monday to share border data."
    assert report.date == "Monday, 5 January 2026"
    assert report.dateline == "LONDON"
    assert report.subheads == ["Next Steps"]
    roles = [s.role for s in report.sentences]
    assert roles == ["headline", "standfirst", "body", "body", "subhead", "body"]
    assert report.sentences[2].text.startswith("The two ministers")


@pytest.mark.parametrize(
    ("rule", "fragment"),
    [
        ("section-label", "WORLD NEWS"),
        ("repeated-headline", "Ministers agree to share border data"),
        ("inline-teaser", "Also read: Another story entirely"),
        ("share-prompt", "Share this article"),
        ("teaser-block", "Related Stories\nFloods hit the coast"),
    ],
)
def test_furniture_is_removed_with_its_rule(rule, fragment):
    report = parse_report(PAGE)
    assert any(r.rule == rule and r.text == fragment for r in report.removed)
    assert not any(fragment.splitlines()[-1] in s.text for s in report.sentences if s.role == "body")


def test_every_character_is_kept_or_logged():
    report = parse_report(PAGE)
    rebuilt, kinds, spans = covered(report)
    assert rebuilt == PAGE
    assert kinds <= {"sentence", "field", "removed"}
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))


def test_sentence_offsets_point_into_the_source():
    report = parse_report(PAGE)
    assert all(report.raw[s.start:s.end] == s.text for s in report.sentences)


def test_ids_are_stable_and_ordered():
    first, second = parse_report(PAGE), parse_report(PAGE)
    assert [s.id for s in first.sentences] == [s.id for s in second.sentences]
    assert [s.id for s in first.sentences][:3] == ["s001", "s002", "s003"]


def test_plain_paragraphs_without_headline():
    text = "A long first paragraph that runs on. " * 10 + "\n\nSecond paragraph here."
    report = parse_report(text)
    assert report.headline == ""
    assert {s.role for s in report.sentences} == {"body"}


def test_byte_order_mark_and_crlf():
    text = "\ufeffHeadline here\r\n\r\nBody sentence one. Body two.\r\n"
    report = parse_report(text)
    assert report.headline == "Headline here"
    assert report.removed[0].rule == "byte-order-mark"
    rebuilt, kinds, _ = covered(report)
    assert rebuilt == text and kinds <= {"sentence", "field", "removed"}


def test_a_text_that_is_all_furniture_has_no_sentences():
    with pytest.raises(InputError, match="no sentences"):
        parse_report("LEAVE A REPLY\nPlease enter your comment!\n")
    assert parse_report("LEAVE A REPLY\n", allow_empty=True).removed


def test_rules_file_is_well_formed():
    rules = boilerplate_rules()
    assert len({r.name for r in rules}) == len(rules)
    assert {r.action for r in rules} <= {"drop", "truncate", "kicker", "label", "signature", "credit"}
    assert all(r.reason for r in rules)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        (b"", "empty"),
        (b"  \n\n", "empty"),
        (b"\x7fELF\x02\x01\x00\x00binary", "binary"),
        ("caf\u00e9 au lait".encode("latin-1"), "not UTF-8"),
        ("Headline".encode("utf-16"), "UTF-16"),
    ],
)
def test_bad_files_raise_one_line_input_errors(tmp_path, content, message):
    path = tmp_path / "report.txt"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputError, match=message) as info:
        read_text(path)
    assert "\n" not in str(info.value)


def test_folder_is_not_a_report(tmp_path):
    with pytest.raises(InputError, match="folder"):
        read_report(tmp_path)


LINES = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80),
    st.sampled_from(["LEAVE A REPLY", "Must Read", "2025-12-06", "ISLAMABAD: Talks went on. Then more.", "POLITICS", ""]),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(LINES, max_size=12), st.sampled_from(["\n", "\r\n", "\n\n"]))
def test_nothing_is_lost_on_generated_pages(lines, newline):
    raw = newline.join(lines)
    report = parse_report(raw, allow_empty=True)
    rebuilt, kinds, _ = covered(report)
    assert rebuilt == raw
    assert kinds <= {"sentence", "field", "removed"}
    assert all(restored(report, s) == s.text for s in report.sentences)


@pytest.mark.parametrize(
    ("page", "headline", "removed"),
    [
        ("WORLD\n\nTalks end in a deal\n\nThe sides agreed.\n", "Talks end in a deal", ["WORLD"]),
        ("POLITICS & POLICY MAKING\nTalks end\n\nThe sides agreed.\n", "Talks end", ["POLITICS & POLICY MAKING"]),
        # a headline set in capitals is longer than a section label: kept
        ("PAKISTAN AND US AGREE TO DEEPEN SECURITY TIES\n\nThe sides agreed.\n",
         "PAKISTAN AND US AGREE TO DEEPEN SECURITY TIES", []),
    ],
)
def test_section_labels_are_short_capitals_above_the_headline(page, headline, removed):
    report = parse_report(page)
    assert report.headline == headline
    assert [r.text for r in report.removed] == removed


def test_a_200000_character_run_of_white_space_before_a_credit_is_read_whole():
    """The trailing-credit rule starts only where white space starts: retried at every offset of the run, a
    search grew with the square of its length (a 200,000-character run took over 15 minutes)."""
    run = " \t" * 100_000
    report = parse_report(f"Talks end\n\nThe minister {run} said the talks would resume in May. — AFP\n")
    assert any("resume in May" in s.text for s in report.sentences)


def test_the_tables_of_a_report_restate_it():
    report = parse_report(PAGE, "page")
    sentences = sentences_frame(report)
    assert list(sentences.columns) == SENTENCE_COLUMNS
    assert sentences.values.tolist() == [[s.id, s.role, s.paragraph, s.start, s.end, s.text] for s in report.sentences]
    removed = removed_frame(report)
    assert list(removed.columns) == REMOVED_COLUMNS and removed.start.is_monotonic_increasing
    assert all(PAGE[a:b] == text for a, b, text in zip(removed.start, removed.end, removed.text))
    assert set(removed.rule) == {r.rule for r in report.removed}
    assert len(removed) == len(report.removed) and set(removed.reason) == {r.reason for r in report.removed}
    counts = dict(accounting_frame(report).values.tolist())
    assert list(counts) == ["sentence", "field", "removed", "space"]
    assert counts["sentence"] == sum(s.end - s.start for s in report.sentences)
    assert counts["field"] == sum(b - a for a, b in report.fields.values()) > 0
    assert counts["removed"] == sum(r.end - r.start for r in report.removed) > 0
    assert sum(counts.values()) == len(PAGE) and counts["space"] > 0
    column = structure_frame([report])["page"].to_dict()
    assert column == {
        "headline": report.headline, "standfirst": report.standfirst, "date printed": report.date,
        "dateline": report.dateline, "subheads": "; ".join(report.subheads), "body paragraphs": report.body_paragraphs,
        "body sentences": sum(s.role == "body" for s in report.sentences),
        "words kept": sum(len(s.text.split()) for s in report.sentences), "characters removed": counts["removed"],
    }
    assert all(column[k] for k in ("headline", "standfirst", "date printed", "dateline", "subheads"))


def test_the_structure_table_says_none_for_what_a_report_lacks():
    bare = parse_report("Talks\n\nTwo ministers met today and agreed on a plan for the border.", "bare")
    other = parse_report(PAGE, "page")
    table = structure_frame([bare, other])
    assert list(table.columns) == ["bare", "page"]
    assert [table.loc[k, "bare"] for k in ("standfirst", "date printed", "dateline", "subheads")] == ["(none)"] * 4
    assert table.loc["characters removed", "bare"] == 0 and table.loc["body sentences", "bare"] == 1
