"""Execute notebooks in place, in order, deterministically (run by `make`).

nbclient runs each notebook top to bottom in a fresh kernel, so execution
counts are 1..n. Timing metadata is not recorded, so a rerun leaves the files
byte-identical when the results are. The kernel talks over local IPC sockets in a
temporary folder rather than TCP, so nothing listens on the network and the
kernel has no "unencrypted TCP" warning to print.
"""

import sys
import tempfile
from pathlib import Path

import nbformat
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient


def execute(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory() as sockets:
        kernel = KernelManager(kernel_name="python3", transport="ipc", ip=str(Path(sockets) / "kernel"))
        client = NotebookClient(
            notebook, km=kernel, timeout=600, record_timing=False,
            resources={"metadata": {"path": str(path.parent)}},
        )
        try:
            client.execute()
        finally:  # nbclient only shuts down kernels it started itself
            kernel.shutdown_kernel()
    notebook.metadata.pop("widgets", None)
    nbformat.write(notebook, path)


def main(paths: list[str]) -> None:
    for name in paths:
        print(f"executing {name}", flush=True)
        execute(Path(name))


if __name__ == "__main__":
    main(sys.argv[1:])
