"""Behaviour of analysis.copies on reports written for the purpose."""

from analysis.copies import COPY_SHARE, copy_share, near_copy
from analysis.sources import parse_report

WIRE = ("The regional council on Monday approved a new flood wall for the river district after a long debate. "
        "The barrier will protect about three thousand homes and is due to be finished within two years. "
        "Mayor Anna Weber said the project would be funded jointly by the city and the province.")


def test_a_trimmed_copy_of_one_wire_text_is_a_near_copy():
    full = parse_report(f"Council backs flood wall\n\n{WIRE} Opposition members said the cost was too high.")
    trimmed = parse_report(f"Flood wall approved\n\n{WIRE.rsplit('. ', 1)[0]}.")
    share = copy_share(full, trimmed)
    assert share == 1.0 and near_copy(share)


def test_reports_written_apart_are_not_copies_though_they_share_facts():
    own = parse_report("Flood wall gets green light\n\nCouncillors backed the river district barrier on Monday. "
                       "It should shield some 3,000 homes, Mayor Anna Weber said, and take two years to build.")
    wire = parse_report(f"Council backs flood wall\n\n{WIRE}")
    share = copy_share(own, wire)
    assert share < COPY_SHARE and not near_copy(share)


def test_a_report_too_short_for_one_run_shares_nothing():
    short = parse_report("Wall approved\n\nThe wall was approved.")
    assert copy_share(short, parse_report(f"Council backs flood wall\n\n{WIRE}")) == 0.0
