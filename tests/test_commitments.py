"""Behaviour of the commitment extractor on tables of tricky sentences and on the seeds."""

import pandas as pd
import pytest

from analysis.actors import build_cast
from analysis.commitments import COLUMNS, commitments_table, find_commitments, is_commitment
from analysis.paths import SEEDS
from analysis.sources import parse_report, read_report


def strongest(text: str) -> int | None:
    records = find_commitments(text)
    return max((r.strength for r in records), default=None)


@pytest.mark.parametrize(
    "text, strength",
    [
        ("Pakistan and the United States agreed to strengthen cooperation.", 4),
        ("Both sides signed a memorandum of understanding on trade.", 5),
        ("Japan provided 20 scanners to the customs service.", 5),
        ("The envoy assured full technical assistance to Pakistan.", 4),
        ("India pledged $50 million for the project.", 4),
        ("China plans to open a consulate in Karachi.", 3),
        ("The minister said Pakistan would soon establish a coordination centre.", 3),
        ("Germany will provide training to the police.", 3),
        ("Germany will sign the accord next month.", 3),  # future modal caps an enacted cue at 3
        ("Turkey is ready to help with reconstruction.", 2),
        ("Norway offered to host the next round.", 2),
        ("Pakistan could provide transit facilities.", 2),
        ("The establishment of an academy came under review.", 1),
        ("The delegation discussed expanding training programmes.", 1),
        ("Britain proposed a joint working group.", 1),
        ("The minister urged Washington to speed up deliveries.", 0),
        ("The envoy stressed the need to curb smuggling.", 0),
        ("Iran did not agree to the new inspection regime.", -1),
        ("No agreement was reached on the border dispute.", -1),
        ("The leader vowed not to return the territory.", -1),
        ("Kabul refused to hand over the suspects.", -1),
        ("Islamabad and Washington appear committed to deeper coordination.", 2),  # hedge caps at 2
        ("Egypt said Israel must agree to a ceasefire.", 0),  # obligation put on someone else: a demand
    ],
)
def test_strength_scale(text, strength):
    assert strongest(text) == strength


@pytest.mark.parametrize(
    "text",
    [
        "Prices would rise, the minister said.",  # modal only, no agent
        "Analysts said exports will increase next year.",  # modal + non-cooperative verb
        "The renewed tone in Washington offers a chance to diversify partnerships.",  # figurative offer
        "The proposed initiatives aim to modernise investigative practices.",  # adjective, not a proposal
        "The ceasefire agreement signed in March was violated.",  # a participle about an older act
        "The party will boycott the elections unless the president agrees to step down.",  # threat and condition
        "The government plans to impose a curfew in the city.",  # intention to coerce is a threat
        "She said the upgrades would greatly enhance capacity.",
    ],
)
def test_not_commitments(text):
    assert not is_commitment(text)


@pytest.mark.parametrize(
    "text, actor, joint",
    [
        ("Pakistan and the United States on Saturday agreed to expand trade.", "both", True),
        ("Both sides agreed to meet again in March.", "both", True),
        ("It was also agreed that the agencies would be equipped with scanners.", "both", True),
        ("Pakistan, US agree to deepen security cooperation", "both", True),
        ("Washington pledged support for the programme.", "United States", False),
        ("The Pakistani government promised to act.", "Pakistan", False),
        ("The Ruritanian cabinet agreed to cut tariffs.", "The Ruritanian cabinet", False),  # unknown party: literal
    ],
)
def test_actor_and_joint(text, actor, joint):
    record = find_commitments(text)[0]
    assert (record.actor, record.joint) == (actor, joint)


def test_reported_speech_gives_speaker_and_actor():
    report = parse_report(
        "Naqvi and envoy meet\n\n"
        "ISLAMABAD: Interior Minister Mohsin Naqvi met Acting US Ambassador Natalie Baker in Islamabad on Saturday.\n\n"
        "Naqvi said Pakistan would soon establish a narcotics coordination centre.\n\n"
        "Ambassador Baker welcomed the plan. She assured full support to the new centre.\n\n"
        "The minister said Pakistan was committed to the plan.\n"
    )
    table = commitments_table(report)
    by_cue = {cue: row for cue, row in zip(table["cue"], table.itertuples())}
    assert by_cue["would soon establish"].speaker == "Mohsin Naqvi"
    assert by_cue["would soon establish"].actor == "Pakistan"
    assert by_cue["assured"].speaker == "Natalie Baker"  # pronoun -> last named person (gender is not used)
    assert by_cue["assured"].actor == "United States"  # her title names her country
    assert by_cue["committed to"].speaker == "Mohsin Naqvi"  # role noun -> last minister


def test_noun_offer_belongs_to_its_modifier():
    records = find_commitments("He welcomed the US offer of technical support.")
    assert [(r.actor, r.strength, r.plover) for r in records] == [("United States", 2, "AGREE")]


def test_cue_inside_content_adds_no_record():
    assert len(find_commitments("Japan agreed to provide and deliver equipment.")) == 1


def test_beneficiary_is_the_other_party():
    record = find_commitments("Washington assured full technical assistance to Pakistan.")[0]
    assert record.beneficiary == "Pakistan"


def test_table_columns_and_order_are_stable():
    report = read_report(SEEDS / "003_5207cdf50054b922.txt")
    first, second = commitments_table(report), commitments_table(report)
    assert list(first.columns[: len(COLUMNS)]) == COLUMNS
    pd.testing.assert_frame_equal(first, second)
    assert list(first["sentence_id"]) == sorted(first["sentence_id"])


def test_seed_000_background_sections_are_background():
    report = read_report(SEEDS / "000_d484b0bbc5c06899.txt")
    table = commitments_table(report)
    sections = {s.id: s.paragraph for s in report.sentences}
    background = table[[10 <= sections[i] <= 15 for i in table["sentence_id"]]]  # paragraphs under the two subheads
    assert len(background) > 0 and set(background["scope"]) == {"background"}
    assert table.loc[table["sentence_id"] == "s011", "strength_label"].tolist() == ["intended"]


def test_seed_003_joint_agreements():
    table = commitments_table(read_report(SEEDS / "003_5207cdf50054b922.txt"))
    agreed = table[table["cue"].str.contains("agree", case=False)]
    assert set(agreed["sentence_id"]) >= {"s002", "s005", "s009"}
    assert agreed["joint"].all()
    review = table[table["sentence_id"] == "s006"]
    assert review["strength_label"].tolist() == ["considered"]


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        ("Pakistan asked the United States to provide scanners.", [("asked", 0)]),
        ("Kabul asked for more aid.", [("asked", 0)]),
        ("He was asked how genuine his ambition is.", []),  # a question, not a request
        ("She asked about it during an interview.", []),
    ],
)
def test_asking_is_a_request_only_when_something_is_asked_for(text, cues):
    assert [(c.cue, c.strength) for c in find_commitments(text)] == cues


# Off the seeds' topic: the cases a new user met (issue 13), in the project's own words.
@pytest.mark.parametrize(
    "text, actor, strength",
    [
        ("The union agreed to suspend the strike after talks on Tuesday.", "The union", 4),  # a de-escalation
        ("Rebel commanders pledged to halt attacks on the highway.", "Rebel commanders", 4),
        ("Mayor Weber said he's prepared to sign the contract next week.", "Weber", 2),  # readiness, not an act
        ("The governor is prepared to veto the bill.", "The governor", 2),
        ("Officials are expected to sign the lease in May.", "Officials", 2),
        ("The council did not approve the budget.", "The council", -1),  # negation of a base-form verb
        ("The board voted 7-2 to approve the flood wall.", "The board", 4),
        ("The board voted against the proposal on Monday.", "The board", -1),
        ("The company pledged to hire 200 workers.", "The company", 4),
        ("The envoy offered full technical assistance.", "The envoy", 2),
        ("The minister assured the mayor of full support.", "The minister", 4),
        ("Pelosi called on Trump to release the documents.", "Pelosi", 0),
        ("The city said it would build 3,000 new homes by 2030.", "The city", 3),
        ("France is ready to send 4,000 troops.", "France", 2),  # a name ending like an abstract noun
    ],
)
def test_off_topic_actor_and_strength(text, actor, strength):
    (record,) = [r for r in find_commitments(text) if r.kind == "commitment"]
    assert (record.actor, record.strength) == (actor, strength)


@pytest.mark.parametrize(
    "text",
    [
        "Several residents held signs reading 'Build it now' outside the town hall.",  # a sign is not a signing
        "Protesters waved signs and banners.",
        "Construction is expected to begin in March.",  # no agent: a schedule, not a commitment
        "Completion is expected to take two years.",
    ],
)
def test_nouns_and_agentless_schedules_are_no_commitment(text):
    assert [r for r in find_commitments(text) if r.kind == "commitment"] == []


def test_numbers_keep_their_separators_in_actor_and_content():
    (record,) = find_commitments("Officials said 3,000 volunteers will help clear the debris.")
    assert record.actor == "3,000 volunteers"
    assert (record.cue, record.content) == ("will help", "clear the debris")


@pytest.mark.parametrize(
    "text",
    [
        "Both sides discussed ways to expand trade.",
        "The meeting focused on border security and trade.",
        "The talks centred on water rights.",
        "The establishment of an academy came under review.",
        "Britain proposed a joint working group.",
        "The delegations exchanged views on regional security.",
    ],
)
def test_discussion_is_its_own_kind(text):
    records = find_commitments(text)
    assert records and {r.kind for r in records} == {"discussion"}
    assert not is_commitment(text)


def test_the_table_has_a_kind_column_and_keeps_discussion_rows():
    report = parse_report("Talks held\n\nThe two mayors discussed ways to share buses. The city agreed to fund a depot.\n")
    table = commitments_table(report)
    assert list(table["kind"]) == ["discussion", "commitment"]


# Issue 13, item 1: one tricky sentence per rule, on council, strike, trade, sport and diplomacy stories.
@pytest.mark.parametrize(
    "text, cue, actor, strength",
    [
        # will/would + any deliberate act is an intention; a reporting verb may come after
        ("The mayor said the council would reopen the library in June.", "would reopen", "the council", 3),
        ("The club will appeal the suspension, its chairman said.", "will appeal", "The club", 3),
        ("The ambassador would not attend the summit, the ministry said.", "would not attend", "The ambassador", -1),
        ("The union said it will not end the walkout.", "will not end", "The union", -1),  # negated future
        ("The company will likely raise prices, a trader said.", "will likely raise", "The company", 2),  # hedge
        ("The cartel does not plan to cut quotas.", "does not plan to", "The cartel", -1),  # negation inside the cue
        ("The striker was planning to retire after the final.", "planning to", "The striker", 3),
        ("The assembly passed the rent freeze bill on Monday.", "passed the rent freeze bill", "The assembly", 4),
    ],
)
def test_modal_and_verb_rules(text, cue, actor, strength):
    records = [r for r in find_commitments(text) if r.cue == cue]
    assert [(r.actor, r.strength) for r in records] == [(actor, strength)]


@pytest.mark.parametrize(
    "text",
    [
        "The coach said the team will win the league.",  # stative/outcome verb after a modal: a prediction
        "The minister said talks will be difficult.",
        "The envoy said tariffs could fall next year.",
        "Officials said the airline can expand its fleet.",  # can + unlisted verb: a possibility, not an offer
        "The council's proposed budget drew criticism.",  # participle after a possessive is an adjective
        "Voters backed a council-approved list of projects.",  # participle glued to a hyphen
        "The senator cited the Congressional Review Act.",  # a capitalised cue inside a name
        "The captain offered condolences to the family.",  # an offer of words, not a deed
        "Both managers seem assured of new contracts.",  # "assured of": certain to get
        "Fans saw no signs of a strike.",  # "signs of" is evidence, not a signing
        "Her diagnosis drove her to focus on public health.",  # "focus on" without a meeting as subject
    ],
)
def test_no_commitment_in_predictions_names_and_nouns(text):
    assert [r for r in find_commitments(text) if r.kind == "commitment"] == []
    assert not any(r.kind == "discussion" for r in find_commitments(text) if "focus" in r.cue)


@pytest.mark.parametrize(
    "text, cue",
    [
        ("The ministers' discussion with the envoys lasted an hour.", "discussion with"),
        ("The city attorney weighs filing charges against the driver.", "weighs filing"),
        ("The governor is considering a run for the senate.", "considering"),
        ("The trade talks focused on steel quotas.", "focused on"),
    ],
)
def test_more_discussion_rows(text, cue):
    assert [(r.cue, r.kind) for r in find_commitments(text)] == [(cue, "discussion")]


def test_pronoun_after_a_reporting_verb_is_its_speaker():
    """'she' continues the speaker just named, not the report's last titled person."""
    context = "Councillor Ana Ruiz and Mayor Tom Hale met residents on Monday."
    text = "Ruiz said she would veto the parking plan."
    (record,) = find_commitments(text, cast=build_cast([context, text]), context=context)
    assert (record.actor, record.strength) == ("Ana Ruiz", 3)
