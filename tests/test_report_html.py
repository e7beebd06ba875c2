"""Tests for analysis.report_html: escaping, determinism, content, and the page in a real browser."""

from __future__ import annotations

import html
import json
import re
import struct
import zlib
from pathlib import Path

import pandas as pd
import pytest

from analysis import report_html
from analysis.sources import parse_report

SCRIPT = '<script>window.pwned=1;document.title="pwned"</script>'
IMG = "<img src=x onerror=window.pwned=2>"
PAYLOADS = (SCRIPT, IMG)
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")

TEXT_A = (
    "Naqvi meets US envoy on security cooperation\n\nDecember 6, 2025\n\n"
    "ISLAMABAD — Interior Minister Mohsin Naqvi met the Acting US Ambassador on Friday. "
    "The two sides agreed to expand counter-narcotics cooperation. "
    "Naqvi said Pakistan would fully support joint efforts against terrorism.\n\n"
    "Visa talks\n\n"
    "The envoy praised Pakistan's role in regional stability. "
    "Officials said a follow-up meeting will be held next month.\n"
)
TEXT_B = (
    "Pakistan, US discuss counter-terrorism cooperation\n\nDec 6, 2025\n\n"
    "WASHINGTON: Interior Minister Mohsin Naqvi met the US Chargé d’Affaires on Friday. "
    "Both sides agreed to expand cooperation on counter-narcotics. "
    "The minister said Pakistan was committed to joint efforts against terrorism. "
    f"Trade was not discussed. Sources said {SCRIPT} and {IMG} appeared.\n"
)


def _alignment(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["a", "b", "a_id", "b_id", "relation", "score", "diff"])


def _commitments(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["report", "sentence_id", "actor", "strength", "strength_label", "cue"])


def sample(labels: tuple[str, str] = ("Outlet A", "Outlet B")) -> dict:
    """Two small reports with a match, a partial, unaligned sentences and a commitment."""
    a, b = labels
    alignment = _alignment(
        [
            (a, b, "s001", "s001", "partial", 0.41, ""),
            (a, b, "s002", "s002", "match", 0.93,
             "Interior Minister Mohsin Naqvi met the [-Acting US Ambassador-]{+US Chargé d’Affaires+} on Friday."),
            (a, b, "s003", "s003", "match", 0.88,
             "[-The two-]{+Both+} sides agreed to expand {+cooperation on+} counter-narcotics[- cooperation-]."),
            (a, b, "s004", "s004", "partial", 0.61, f"Naqvi said {SCRIPT} [-would-]{{+{IMG}+}}"),
            (a, b, "s005", None, "a_only", float("nan"), ""),
            (a, b, "s006", "", "a_only", float("nan"), None),
            (a, b, "s007", "", "a_only", float("nan"), ""),
            (a, b, "", "s005", "b_only", float("nan"), ""),
            (a, b, "", "s006", "b_only", float("nan"), ""),
        ]
    )
    commitments = _commitments(
        [
            (a, "s004", "Pakistan", 4, "committed", "would fully support"),
            (b, "s004", "Pakistan", 5, "committed", "was committed to"),
            (b, "s003", f"both {SCRIPT}", 3, f"agreed {IMG}", f"agreed {SCRIPT}"),
        ]
    )
    reports = [parse_report(TEXT_A, "dawn-2025-12-06.txt"), parse_report(TEXT_B, f"app {IMG}.txt")]
    return {"reports": reports, "labels": list(labels), "alignment": alignment, "commitments": commitments}


def page_data(page: str) -> dict:
    """The JSON block the page's script reads."""
    match = re.search(r'<script type="application/json" id="page-data">(.*?)</script>', page, re.DOTALL)
    assert match, "no data block"
    return json.loads(match.group(1))


def tiny_png() -> bytes:
    """A valid 1x1 PNG, built here so the test needs no image library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixel = zlib.compress(b"\x00\x00\x72\xb2")
    return report_html.PNG_SIGNATURE + chunk(b"IHDR", header) + chunk(b"IDAT", pixel) + chunk(b"IEND", b"")


# --- escaping -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "labels",
    [("Outlet A", "Outlet B"), (SCRIPT, IMG), ('"><svg onload=alert(1)>', "A & B </script>")],
)
def test_no_payload_appears_unescaped(labels):
    page = report_html.render(**sample(labels), title=f"Title {SCRIPT}")
    for payload in PAYLOADS + tuple(labels):
        if "<" in payload:
            assert payload not in page
    assert "<img src=x" not in page
    assert "<svg" not in page
    assert page.count("<script") == 2, "only the data block and the page's own script"
    assert html.escape(SCRIPT, quote=True) in page, "the sentence text is shown as text"


def test_labels_never_reach_ids_or_attributes_unescaped():
    page = report_html.render(**sample(('x" onmouseover="alert(1)', "B")))
    assert 'onmouseover="' not in page
    assert set(re.findall(r'\sid="([^"]+)"', page)) <= {
        "comparison", "figures", "details", "details-close", "details-body", "page-data",
        *(f"r{k}" for k in range(2)), *(f"r{k}-label" for k in range(2)),
        *(f"r{k}-s{n:03d}" for k in range(2) for n in range(1, 10)),
    }


def test_json_block_cannot_close_itself():
    page = report_html.render(**sample((SCRIPT, "</script><b>")))
    block = re.search(r'id="page-data">(.*?)</script>', page, re.DOTALL).group(1)
    assert "<" not in block and ">" not in block and "&" not in block
    assert page_data(page)["labels"] == [SCRIPT, "</script><b>"]


def test_commitment_fields_are_escaped():
    page = report_html.render(**sample())
    assert f"title=\"cue: agreed {html.escape(SCRIPT, quote=True)}\"" in page
    assert html.escape(f"agreed {IMG} (3) · both {SCRIPT}", quote=True) in page


def test_content_security_policy_allows_only_the_inline_blocks():
    page = report_html.render(**sample())
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src 'none'" in policy and "img-src data:" in policy
    assert "unsafe-inline" not in policy and "http" not in policy
    assert page.index("Content-Security-Policy") < page.index("<style>")


# --- content --------------------------------------------------------------------------------


def test_same_input_same_bytes(tmp_path):
    png = tmp_path / "1-figure.png"
    png.write_bytes(tiny_png())
    first = report_html.render(**sample(), figures=[(png, "Shares")])
    assert first == report_html.render(**sample(), figures=[(png, "Shares")])
    shuffled = sample()
    shuffled["alignment"] = shuffled["alignment"].iloc[::-1]
    assert page_data(report_html.render(**shuffled)) == page_data(first)


def test_every_sentence_present_with_its_id():
    inputs = sample()
    page = report_html.render(**inputs)
    for k, report in enumerate(inputs["reports"]):
        for sentence in report.sentences:
            element = re.search(rf'<span class="[^"]*" id="r{k}-{sentence.id}" [^>]*>(.*?)</span>', page)
            assert element, f"r{k}-{sentence.id} missing"
            assert html.escape(sentence.text, quote=True) in page
    assert page.count('tabindex="0"') == sum(len(r.sentences) for r in inputs["reports"])


def test_paragraphs_and_roles():
    page = report_html.render(**sample())
    assert re.search(r'<h3 class="headline"><span [^>]*id="r0-s001"', page)
    assert re.search(r'<h4 class="subhead"><span [^>]*id="r0-s005"', page)
    first_paragraph = re.search(r'<p class="body">(.*?)</p>', page).group(1)
    assert re.findall(r'id="(r0-s\d+)"', first_paragraph) == ["r0-s002", "r0-s003", "r0-s004"]


def test_counterparts_both_ways_with_oriented_diffs():
    data = page_data(report_html.render(**sample()))
    links = data["links"]
    assert links["r0-s002"] == [
        ["r1-s002", "match", 0.93, [["=", "Interior Minister Mohsin Naqvi met the "], ["-", "Acting US Ambassador"],
                                    ["+", "US Chargé d’Affaires"], ["=", " on Friday."]], ""]
    ]
    assert links["r1-s002"][0][:3] == ["r0-s002", "match", 0.93]
    assert links["r1-s002"][0][3][1:3] == [["+", "Acting US Ambassador"], ["-", "US Chargé d’Affaires"]]
    assert [link[1] for link in links["r0-s001"]] == ["partial"]
    assert "r0-s006" not in links and "r1-s005" not in links


def test_only_here_marks_aligned_sentences_without_counterpart():
    inputs = sample()
    inputs["alignment"] = inputs["alignment"][inputs["alignment"]["a_id"] != "s007"]
    page = report_html.render(**inputs)
    only = set(re.findall(r'class="sent only" id="([^"]+)"', page))
    assert only == {"r0-s005", "r0-s006", "r1-s005", "r1-s006"}, "s007 is not in the alignment: unmarked"


def test_columns_show_label_date_and_dateline():
    page = report_html.render(**sample())
    assert '<h2 id="r0-label">Outlet A</h2>' in page
    assert '<p class="report-meta">December 6, 2025 · ISLAMABAD</p>' in page
    assert '<p class="report-meta">Dec 6, 2025 · WASHINGTON</p>' in page
    assert sample()["reports"][0].sha256 in page


def test_commitment_tag_text():
    page = report_html.render(**sample())
    assert '<span class="tag" title="cue: would fully support">committed (4) · Pakistan</span>' in page


def test_figures_embedded_with_captions(tmp_path):
    png = tmp_path / "2-share.png"
    png.write_bytes(tiny_png())
    page = report_html.render(**sample(), figures=[(png, f"Share <b>{IMG}</b>")])
    assert 'src="data:image/png;base64,iVBORw0KGgo' in page
    assert html.escape(f"Share <b>{IMG}</b>", quote=True) in page
    assert "2-share.png" in page and str(tmp_path) not in page


def test_figure_must_be_png(tmp_path):
    fake = tmp_path / "x.png"
    fake.write_text("<svg/>")
    with pytest.raises(ValueError, match="not a PNG"):
        report_html.render(**sample(), figures=[(fake, "x")])


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda s: s.update(labels=["Outlet A", "Outlet A"]), "distinct"),
        (lambda s: s.update(labels=["Outlet A"]), "2 reports but 1 labels"),
        (lambda s: s["alignment"].loc.__setitem__((0, "a"), "Nobody"), "not among the labels"),
        (lambda s: s["alignment"].loc.__setitem__((0, "a_id"), 'x" onclick="y'), "not of the form s001"),
        (lambda s: s["alignment"].loc.__setitem__((0, "a_id"), "s999"), "has no sentence 's999'"),
        (lambda s: s["alignment"].loc.__setitem__((0, "relation"), "same"), "relation 'same'"),
        (lambda s: s.update(commitments=s["commitments"].drop(columns="cue")), "missing columns cue"),
    ],
)
def test_bad_inputs_say_what_is_wrong(change, message):
    inputs = sample()
    change(inputs)
    with pytest.raises(ValueError, match=re.escape(message)):
        report_html.render(**inputs)


@pytest.mark.parametrize(
    "diff, tokens",
    [
        ("", ()),
        (None, ()),
        (float("nan"), ()),
        ("same words", (("=", "same words"),)),
        ("[-a-]{+b+}", (("-", "a"), ("+", "b"))),
        ("x [-a b-] y {+c+}", (("=", "x "), ("-", "a b"), ("=", " y "), ("+", "c"))),
        ("[-multi\nline-]", (("-", "multi\nline"),)),
    ],
)
def test_parse_diff(diff, tokens):
    assert report_html.parse_diff(diff) == tokens


def test_write_keeps_bytes(tmp_path):
    page = report_html.render(**sample())
    report_html.write(tmp_path / "report.html", page)
    assert (tmp_path / "report.html").read_bytes() == page.encode("utf-8")


# --- in a real browser ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """Headless Debian chromium; skips when it, chromedriver or selenium is missing."""
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
    for tool in (CHROMIUM, CHROMEDRIVER):
        if not tool.exists():
            pytest.skip(f"{tool} is missing (apt-get install chromium chromium-driver)")
    profile = tmp_path_factory.mktemp("chromium-profile")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1400,900",
                 f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = webdriver.ChromeService(executable_path=str(CHROMEDRIVER))
    driver = webdriver.Chrome(service=service, options=options)
    yield driver
    driver.quit()


def _open(driver, tmp_path: Path, page: str) -> None:
    path = tmp_path / "report.html"
    report_html.write(path, page)
    driver.get(path.as_uri())


def test_page_in_browser(browser, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    png = tmp_path / "1-figure.png"
    png.write_bytes(tiny_png())
    _open(browser, tmp_path, report_html.render(**sample(), figures=[(png, "A figure")], title="Test page"))
    errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == [], errors
    assert browser.title == "Test page"
    assert browser.execute_script("return window.pwned === undefined")

    browser.find_element(By.ID, "r0-s002").click()
    counterpart = browser.find_element(By.ID, "r1-s002")
    assert "counterpart-match" in counterpart.get_attribute("class")
    assert "selected" in browser.find_element(By.ID, "r0-s002").get_attribute("class")
    panel = browser.find_element(By.ID, "details")
    assert panel.is_displayed()
    assert panel.find_element(By.TAG_NAME, "del").text == "Acting US Ambassador"
    assert panel.find_element(By.TAG_NAME, "ins").text == "US Chargé d’Affaires"
    assert "met the US Chargé d’Affaires on Friday." in panel.find_element(By.CLASS_NAME, "cp-text").text

    partial = browser.find_element(By.ID, "r1-s004")
    partial.send_keys(Keys.ENTER)
    assert "counterpart-partial" in browser.find_element(By.ID, "r0-s004").get_attribute("class")
    assert "counterpart-match" not in counterpart.get_attribute("class"), "the earlier selection is cleared"
    assert SCRIPT in panel.text and "img" not in [e.tag_name for e in panel.find_elements(By.CSS_SELECTOR, "*")]

    assert SCRIPT in browser.find_element(By.ID, "r1-s006").text
    assert browser.find_elements(By.CSS_SELECTOR, ".report img, .report script") == []
    assert browser.title == "Test page" and browser.execute_script("return window.pwned === undefined")
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []


def test_each_link_says_which_rule_decided_it():
    inputs = sample()
    inputs["alignment"] = inputs["alignment"].assign(basis=["score", "lede pair"] + [""] * 7)
    links = page_data(report_html.render(**inputs))["links"]
    assert links["r0-s001"][0][4] == "score" and links["r1-s002"][0][4] == "lede pair"


def test_the_disagreement_panel_lists_each_pair_that_disagrees_escaped():
    inputs = sample()
    table = inputs["alignment"]
    table = table.assign(basis="score", discrepancy=["", "date", "", "speaker;number"] + [""] * 5,
                         discrepancy_words=["", "date: A Saturday | B Friday", "", f"speaker: A {SCRIPT} | B Naqvi"] + [""] * 5,
                         a_text=["x"] * 9, b_text=[f"said {IMG}"] * 9)
    inputs["alignment"] = table
    page = report_html.render(**inputs)
    panel = page[page.index('<section id="disagree"'):]
    panel = panel[: panel.index("</section>")]
    assert "2 linked pair(s)" in panel and "date: A Saturday | B Friday" in panel and "speaker; number" in panel
    assert SCRIPT not in panel and IMG not in panel and html.escape(SCRIPT) in panel


def test_no_panel_for_an_alignment_without_discrepancy_columns():
    assert 'id="disagree"' not in report_html.render(**sample())
