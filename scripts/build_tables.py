"""Write the pipeline's tables for the seeds into tables/ (run by `make`)."""

from analysis import seeds, tables
from analysis.paths import SEEDS, TABLES
from analysis.sources import read_report, removed_frame, sentences_frame


def main() -> None:
    TABLES.mkdir(exist_ok=True)
    for _, row in seeds.metadata().iterrows():
        report = read_report(SEEDS / row["file"])
        stem = row["file"].removesuffix(".txt")
        tables.write(sentences_frame(report), TABLES / f"sentences-{stem}.csv")
        tables.write(removed_frame(report), TABLES / f"removed-{stem}.csv")
        print(f"tables/sentences-{stem}.csv: {len(report.sentences)} sentences, {len(report.removed)} removals")


if __name__ == "__main__":
    main()
