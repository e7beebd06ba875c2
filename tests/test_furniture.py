"""Page furniture by class, on pages written for the tests, and the labelled fixture pages."""

from pathlib import Path

import pytest

from analysis import furniture
from analysis.emphasis import lead_ids, theme_emphasis
from analysis.errors import InputError
from analysis.overlap import shares
from analysis.sources import parse_report, read_report

PAGES = Path(__file__).parent / "fixtures" / "pages"
BODY = (
    "HARBOURTON: The port authority said on Monday that the harbour would reopen to ferries next week.\n\n"
    "Repairs to the breakwater took three weeks and cost about two million euros, officials said.\n\n"
    "The first ferry to the islands is due to leave on Tuesday morning at seven.\n"
)
HEAD = "Harbour to reopen to ferries next week\n\n"


def removed_as(report, rule):
    return [r.text.strip() for r in report.removed if r.rule == rule]


def kept_text(report):
    return " ".join(s.text for s in report.sentences)


@pytest.mark.parametrize(
    ("furniture_lines", "where", "rule"),
    [
        (["By", "HNA", "|"], "head", ("byline", "header-label", "separator")),
        (["By Staff Reporter | Harbour News Agency"], "head", ("byline",)),
        (["Published: 3 March 2026 09:10", "Updated 2 hours ago"], "head", ("timestamp",)),
        (["4 min read"], "head", ("timestamp",)),
        (["Listen to this article"], "head", ("header-label",)),
        (["Home | News | Local"], "top", ("navigation",)),
        (["Ports"], "top", ("kicker",)),
        (["Ferries wait at the quay on Monday. — HNA photo"], "head", ("caption",)),
        (["Photo: Ferries wait at the quay"], "head", ("photo-label",)),
        (["— HNA"], "tail", ("credit-line",)),
        (["Load Next Story"], "tail", ("trailer",)),
        (["Ports, Ferries, Islands"], "tail", ("trailer",)),
        (["Read more:", "Bus fares rise in the new year"], "middle", ("link-label",)),
        (["Also Read: Bus fares rise in the new year"], "middle", ("inline-teaser",)),
        (["Share this article"], "middle", ("share-prompt",)),
        (["Follow", "Copy link", "Print this page"], "middle", ("stray-label",)),
        (["See the photos: pic.twitter.com/abc123 @harbournews"], "middle", ("link",)),
        (["* * *"], "middle", ("separator",)),
        (["Reporting by a staff writer; editing by the desk"], "tail", ("wire-credits",)),
        (["Published in The Harbour Times, March 4th, 2026"], "tail", ("trailer", "timestamp")),
    ],
)
def test_each_furniture_class_is_removed_and_the_report_is_kept(furniture_lines, where, rule):
    block = "\n".join(furniture_lines) + "\n\n"
    paragraphs = BODY.split("\n\n")
    if where == "top":
        page = block + HEAD + BODY
    elif where == "head":
        page = HEAD + block + BODY
    elif where == "middle":
        page = HEAD + paragraphs[0] + "\n\n" + block + "\n\n".join(paragraphs[1:])
    else:
        page = HEAD + BODY + "\n" + block
    report = parse_report(page)
    logged = " ".join(t for r in rule for t in removed_as(report, r))
    for line in furniture_lines:
        assert line in logged or line in report.date
        assert line not in kept_text(report)
    assert report.headline == HEAD.strip()
    assert [s.role for s in report.sentences].count("body") == 3
    assert report.dateline == "HARBOURTON"


def test_a_credit_after_the_last_paragraph_is_taken_off_and_the_paragraph_kept():
    report = parse_report(HEAD + BODY.rstrip() + " — HNA\n")
    assert report.sentences[-1].text == "The first ferry to the islands is due to leave on Tuesday morning at seven."
    assert removed_as(report, "credit") == ["— HNA"]


def test_a_caption_printed_twice_is_removed_both_times():
    caption = "Ferries wait at the quay on Monday. — HNA"
    paragraphs = BODY.split("\n\n")
    page = HEAD + caption + "\n\n" + paragraphs[0] + "\n\n" + caption + "\n\n" + "\n\n".join(paragraphs[1:])
    report = parse_report(page)
    assert len(removed_as(report, "caption")) == 2
    assert "quay" not in kept_text(report)


def test_a_repeated_pull_quote_is_logged_once_kept_once():
    quote = "“We have waited long enough for the ferries to come back,” the mayor said."
    paragraphs = BODY.split("\n\n")
    page = HEAD + paragraphs[0] + "\n\n" + quote + "\n\n" + paragraphs[1] + "\n\n" + quote + "\n\n" + paragraphs[2]
    report = parse_report(page)
    assert kept_text(report).count("waited long enough") == 1
    assert removed_as(report, "repeated-line") == [quote]


def test_an_embedded_post_in_another_script_and_its_signature_are_logged_not_aligned():
    paragraphs = BODY.split("\n\n")
    post = "بندرگاہ دوبارہ کھل رہی ہے، بہت خوشی کی بات ہے"
    signature = "— Harbour Fans (@harbourfans) March 3, 2026"
    page = HEAD + paragraphs[0] + "\n\n" + post + "\n" + signature + "\n\n" + "\n\n".join(paragraphs[1:])
    report = parse_report(page)
    assert removed_as(report, "embed-signature") == [post + "\n" + signature]
    assert all(furniture.scripts(s.text).keys() <= {"LATIN"} for s in report.sentences)


def test_a_line_in_another_script_alone_is_logged_as_other_script():
    paragraphs = BODY.split("\n\n")
    page = HEAD + paragraphs[0] + "\n\nท่าเรือจะเปิดอีกครั้งในสัปดาห์หน้า\n\n" + "\n\n".join(paragraphs[1:])
    report = parse_report(page)
    assert removed_as(report, "other-script") == ["ท่าเรือจะเปิดอีกครั้งในสัปดาห์หน้า"]


SUMMARY = "• Ferries return after three weeks of repairs.\n• The breakwater cost two million euros.\n\n"


def test_summary_bullets_are_kept_with_their_own_role_and_no_mark():
    report = parse_report(HEAD + SUMMARY + BODY)
    roles = [s.role for s in report.sentences]
    assert roles == ["headline", "summary", "summary", "body", "body", "body"]
    assert report.sentences[1].text == "Ferries return after three weeks of repairs."
    assert removed_as(report, "list-mark") == ["•", "•"]


def test_summary_bullets_are_not_counted_by_shares_lead_or_emphasis():
    plain, bulleted = parse_report(HEAD + BODY), parse_report(HEAD + SUMMARY + BODY)
    assert [s.text for s in bulleted.counted] == [s.text for s in plain.counted]
    summary_ids = {s.id for s in bulleted.sentences if s.role == "summary"}
    assert not summary_ids & lead_ids(bulleted)
    assert len(lead_ids(bulleted)) == len(lead_ids(plain))
    columns = ["theme", "sentences", "word_share", "weighted_share"]
    assert theme_emphasis(bulleted)[columns].equals(theme_emphasis(plain)[columns])
    import pandas as pd

    empty = pd.DataFrame(columns=["a_id", "b_id", "relation"])
    assert shares(empty, bulleted, bulleted).sentences == shares(empty, plain, plain).sentences


def test_a_list_inside_the_body_stays_body():
    paragraphs = BODY.split("\n\n")
    items = "- The ferry to the north island leaves at seven.\n- The ferry to the south island leaves at nine.\n"
    report = parse_report(HEAD + paragraphs[0] + "\n\n" + items + "\n" + "\n\n".join(paragraphs[1:]))
    assert [s.role for s in report.sentences].count("summary") == 0
    assert "The ferry to the south island leaves at nine." in [s.text for s in report.sentences]


def labelled(page: Path) -> dict[int, str]:
    rows = [line.split("\t") for line in page.with_suffix(".labels").read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]
    return {int(number): label for number, label in rows}


@pytest.mark.parametrize("page", sorted(PAGES.glob("*.txt")), ids=lambda p: p.stem)
def test_fixture_pages_lose_no_report_line(page):
    report = read_report(page)
    kept = furniture.kept_lines(report.raw, [(s.start, s.end) for s in report.sentences])
    lost = [n for n, label in labelled(page).items() if label == "R" and n not in kept]
    assert lost == []


def test_fixture_pages_keep_at_most_a_tenth_of_their_furniture():
    kept_furniture = total = 0
    for page in sorted(PAGES.glob("*.txt")):
        report = read_report(page)
        kept = furniture.kept_lines(report.raw, [(s.start, s.end) for s in report.sentences])
        furniture_lines = [n for n, label in labelled(page).items() if label != "R"]
        total += len(furniture_lines)
        kept_furniture += sum(n in kept for n in furniture_lines)
    assert total >= 40
    assert kept_furniture / total <= 0.10


def test_a_saved_page_keeps_the_article_and_drops_comments_and_related_boxes():
    report = read_report(PAGES / "market-day.html")
    text = kept_text(report)
    assert report.headline == "Farmers' market returns to the old square"
    assert report.date == "2026-04-11"
    assert "busiest they could remember" in text
    for furniture_text in ("parking is a nightmare", "cycle lanes", "Copyright", "Storm damages", "Facebook", "Home"):
        assert furniture_text not in text


def test_a_page_with_navigation_and_footer_only_is_a_one_line_error():
    with pytest.raises(InputError, match="no article text") as info:
        read_report(PAGES / "navigation-only.html")
    assert "\n" not in str(info.value)


def test_kept_lines_maps_spans_to_line_numbers():
    raw = "first line\nsecond line\n\nfourth line\n"
    assert furniture.kept_lines(raw, [(0, 5), (raw.index("fourth"), len(raw) - 1)]) == {1, 4}
    assert furniture.kept_lines(raw, [(6, raw.index("line", 12))]) == {1, 2}


@pytest.mark.parametrize(
    ("text", "max_words", "fragment"),
    [
        ("Share this", 2, True),  # at the limit
        ("Share this now", 2, False),
        ("One two three four five six", 2, False),  # too long, though without end mark
        ("Done.", 5, False),  # an end mark makes it a sentence
    ],
)
def test_is_fragment(text, max_words, fragment):
    assert furniture.is_fragment(text, max_words) is fragment


@pytest.mark.parametrize(
    ("text", "prose"),
    [
        ("One two three four five six seven eight.", True),  # PROSE_MIN_WORDS words and an end mark
        ("One two three four five six seven.", False),
        ("One two three four five six seven eight nine", False),  # long but no end mark
    ],
)
def test_is_prose(text, prose):
    assert furniture.is_prose(text) is prose


@pytest.mark.parametrize(
    ("text", "timestamp"),
    [
        ("Last updated on 5 June 2025", True),  # three words left beside the date
        ("Story last updated on 5 June 2025", False),  # four words left: a sentence about a date
        ("5 June 2025", True),
        ("Published 4 min read", True),
        ("It happened on 5 June 2025.", False),
    ],
)
def test_is_timestamp(text, timestamp):
    assert furniture.is_timestamp(text) is timestamp


@pytest.mark.parametrize(
    ("text", "navigation"),
    [
        ("Home | World News Today | Asia", True),  # items of up to three words
        ("Home | World News Today Live | Asia", False),
        ("Home | Asia", False),  # one separator is not a menu
    ],
)
def test_is_navigation(text, navigation):
    assert furniture.is_navigation(text) is navigation


@pytest.mark.parametrize(
    ("text", "mark"),
    [("• item", 2), ("- item", 2), ("-item", 0), ("•", 0), ("• ", 0), ("item", 0)],  # a mark needs an item after it
)
def test_list_mark(text, mark):
    assert furniture.list_mark(text) == mark


def test_scripts_count_accented_and_plain_latin_letters_together():
    assert furniture.scripts("café") == {"LATIN": 4}
    assert furniture.main_script([]) == ""
    assert furniture.main_script([furniture.scripts("ابت ثج"), furniture.scripts("ab"), furniture.scripts("cd")]) == "ARABIC"


@pytest.mark.parametrize(
    ("text", "shape"),
    [
        ("abc ابت", None),  # half the letters in the page's script is not another script
        ("ابت ثج", "other-script"),
        ("ab ابتثجحخ", "other-script"),  # a few letters in the page's script do not make it the page's
        ("(@abc)", "link"),
        ("(https://t.co/abc)", "link"),  # brackets and punctuation around a link are stripped
        ("Follow @XX", "link"),
        ("@aa @bb @cc one two three four five six seven", "link"),  # 3 of 10 tokens: LINK_MIN_SHARE exactly
        ("@aa @bb one two three four five six seven eight", None),
        ("Read the full statement at https://example.com/statement with the annex and the list.", None),
    ],
)
def test_shape(text, shape):
    assert furniture.shape(text, "LATIN", furniture.scripts(text)) == shape


@pytest.mark.parametrize(
    ("spans", "lines"),
    [([(0, 4)], {1, 2}), ([(0, 3)], {1}), ([(0, 2)], {1}), ([(3, 5)], {2}), ([(6, 8)], {3}), ([(1, 1)], {1})],
)
def test_kept_lines_are_the_lines_a_span_touches(spans, lines):
    assert furniture.kept_lines("ab\ncd\nef", spans) == lines
