"""The one error type a user should ever see: bad input, told in one line.

Raised by ingestion (every notebook reads the seeds through it) and the commands.

The CLI turns it into `error: <message>` and exit status 2; every other
exception is a bug and keeps its traceback.
"""


class InputError(ValueError):
    """Input the pipeline cannot analyse honestly (missing, empty, binary, ...)."""
