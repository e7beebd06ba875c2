"""The seed case: files unchanged, and the structure the ingestion issue asks for."""

import hashlib

import pytest

from analysis.paths import SEEDS

BOILERPLATE = ["POLITICS & POLICY MAKING", "LEAVE A REPLY", "Please enter your", "Must Read", "Greenland", "COPENHAGEN"]


def test_seed_files_match_their_recorded_sha256(seed_metadata):
    for _, row in seed_metadata.iterrows():
        assert hashlib.sha256((SEEDS / row["file"]).read_bytes()).hexdigest() == row["sha256"]


def test_metadata_fields_are_what_the_parser_finds(seed_metadata, report_a, report_b):
    for report, (_, row) in zip([report_a, report_b], seed_metadata.iterrows()):
        assert (report.headline, report.date, report.dateline) == (row["headline"], row["date_printed"], row["dateline"])


@pytest.mark.parametrize("fragment", BOILERPLATE)
def test_no_boilerplate_in_kept_sentences(report_a, report_b, fragment):
    for report in (report_a, report_b):
        assert not any(fragment in s.text for s in report.sentences)


def test_headline_appears_once(report_a, report_b):
    for report in (report_a, report_b):
        assert sum(s.text == report.headline for s in report.sentences) == 1


def test_subheads_are_tagged(report_a):
    subheads = [s.text for s in report_a.sentences if s.role == "subhead"]
    assert "High-Level Exchanges" in subheads and len(subheads) == 4


def test_dateline_is_a_field_not_part_of_the_lead(report_b):
    lead = next(s for s in report_b.sentences if s.role == "body")
    assert lead.text.startswith("Pakistan and the United States") and report_b.dateline == "ISLAMABAD"


def test_the_quote_ending_a_sentence_stays_with_it(report_a):
    assert any(s.text.endswith("“destroy young generations.”") for s in report_a.sentences)


def test_the_seeds_are_read_as_two_successive_meetings(seed_metadata):
    from analysis import seeds

    dates = list(seed_metadata["meeting_date_external"])
    assert seeds.successive_meetings() == (dates[0] < dates[1])
