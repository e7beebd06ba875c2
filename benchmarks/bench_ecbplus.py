"""Benchmark of analysis.align on ECB+ silver same-fact pairs (topics 1-35).

ECB+ (Cybulska & Vossen 2014, CC BY 3.0) annotates, per sentence, the
cross-document event instances it mentions. Two sentences of different
documents of one sub-topic (one real-world event) that share an instance are
a silver same-fact pair. For every pair of documents of a sub-topic (at most
PAIRS_PER_SUBTOPIC, in file order) the default aligner runs on the two
documents' sentences; linked pairs (match or partial) and match pairs are
held against the silver pairs.

How to read it: recall is the share of silver pairs the aligner links. ECB+
annotates only some sentences of each document (the rest carry no instance),
so an aligner link between unannotated sentences is not known to be wrong:
precision is given over all links (a lower bound) and over links whose two
sentences are both annotated (the fairer figure). A silver pair shares one
event mention, not necessarily the whole fact, so a sentence pair sharing an
instance can rightly be `partial`. The last rows align documents of the two
sub-topics of a topic (two similar but different events): every link there
is between two events, and a `match` there is a false friend.
Topics 36-45 are held out and not in the data. Prints one line and exits 0
when the data is absent.
"""

from __future__ import annotations

import itertools
import json
import time

from common import data_file

from analysis.align import align_texts

#: Document pairs aligned per sub-topic (and per topic across its sub-topics), in file order.
PAIRS_PER_SUBTOPIC = 12


def documents() -> dict[tuple[int, str], list[dict]]:
    """ECB+ documents grouped by (topic, sub-topic)."""
    groups: dict[tuple[int, str], list[dict]] = {}
    with open(data_file("ecbplus", "ecbplus_topics_1-35.jsonl"), encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            groups.setdefault((doc["topic"], doc["subtopic"]), []).append(doc)
    return groups


def silver(a: dict, b: dict) -> set[tuple[int, int]]:
    """Sentence pairs of two documents that share an annotated event instance."""
    return {(i, j) for i, x in enumerate(a["event_instances"]) for j, y in enumerate(b["event_instances"])
            if set(x) & set(y)}


def linked(a: dict, b: dict) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
    """(linked, match) sentence pairs by the default aligner, as indices."""
    table = align_texts(a["sentences"], b["sentences"])
    rows = table[table.relation.isin(["match", "partial"])]
    pairs = {(int(x[1:]) - 1, int(y[1:]) - 1, r) for x, y, r in zip(rows.a_id, rows.b_id, rows.relation)}
    return {(i, j) for i, j, _ in pairs}, {(i, j) for i, j, r in pairs if r == "match"}


def ratio(n: int, d: int) -> str:
    return f"{n / d:.3f}" if d else "  n/a"


def main() -> None:
    groups = documents()
    totals = dict(gold=0, linked=0, matched=0, links=0, matches=0, links_ok=0, matches_ok=0, annotated_links=0,
                  annotated_ok=0, pairs=0)
    start = time.perf_counter()
    for docs in groups.values():
        for a, b in list(itertools.combinations(docs, 2))[:PAIRS_PER_SUBTOPIC]:
            gold = silver(a, b)
            links, matches = linked(a, b)
            annotated = {(i, j) for i, j in links if a["event_instances"][i] and b["event_instances"][j]}
            totals["pairs"] += 1
            totals["gold"] += len(gold)
            totals["linked"] += len(gold & links)
            totals["matched"] += len(gold & matches)
            totals["links"] += len(links)
            totals["matches"] += len(matches)
            totals["links_ok"] += len(links & gold)
            totals["matches_ok"] += len(matches & gold)
            totals["annotated_links"] += len(annotated)
            totals["annotated_ok"] += len(annotated & gold)
    across = dict(pairs=0, sentences=0, linked=0, matches=0)
    topics = sorted({t for t, _ in groups})
    for topic in topics:
        subs = [docs for (t, _), docs in sorted(groups.items()) if t == topic]
        if len(subs) < 2:
            continue
        for a, b in list(itertools.product(subs[0], subs[1]))[:PAIRS_PER_SUBTOPIC]:
            links, matches = linked(a, b)
            across["pairs"] += 1
            across["sentences"] += len(a["sentences"]) + len(b["sentences"])
            across["linked"] += len({i for i, _ in links}) + len({j for _, j in links})
            across["matches"] += len(matches)
    seconds = time.perf_counter() - start
    t = totals
    print(f"ECB+ topics 1-35, default (lexical) aligner: {t['pairs']:,} document pairs of one sub-topic "
          f"(at most {PAIRS_PER_SUBTOPIC} per sub-topic), {t['gold']:,} silver same-fact sentence pairs")
    print(f"  recall, linked (match or partial)                          {ratio(t['linked'], t['gold'])}")
    print(f"  recall, match                                              {ratio(t['matched'], t['gold'])}")
    print(f"  precision of links, all links ({t['links']:,})                    {ratio(t['links_ok'], t['links'])}")
    print(f"  precision of links, both sentences annotated ({t['annotated_links']:,})     "
          f"{ratio(t['annotated_ok'], t['annotated_links'])}")
    print(f"  precision of matches, all matches ({t['matches']:,})                {ratio(t['matches_ok'], t['matches'])}")
    print(f"Across the two sub-topics of a topic (two similar events): {across['pairs']:,} document pairs")
    print(f"  share of sentences linked                                  {ratio(across['linked'], across['sentences'])}")
    print(f"  match links per document pair                              {ratio(across['matches'], across['pairs'])}")
    print(f"({seconds:.0f} s in all)")


if __name__ == "__main__":
    main()
