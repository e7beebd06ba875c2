"""Compare news reports sentence by sentence.

The package the notebooks import: ingestion (`sources`), sentence splitting
(`segment`), alignment (`align`), commitments and themes (`commitments`,
`themes`), emphasis (`emphasis`), figures (`plot`) and the command line (`cli`).
"""

__version__ = "0.1.0"
