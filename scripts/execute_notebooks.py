"""Execute notebooks in place, in order, deterministically (run by `make`).

nbclient runs each notebook top to bottom in a fresh kernel, so execution
counts are 1..n. Timing metadata is not recorded, so a rerun leaves the files
byte-identical when the results are.
"""

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient


def execute(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook, timeout=600, kernel_name="python3", record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    notebook.metadata.pop("widgets", None)
    nbformat.write(notebook, path)


def main(paths: list[str]) -> None:
    for name in paths:
        print(f"executing {name}", flush=True)
        execute(Path(name))


if __name__ == "__main__":
    main(sys.argv[1:])
