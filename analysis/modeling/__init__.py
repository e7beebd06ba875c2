"""Fitting the project's models from public data (MSRP train), reproducibly.

The fitted parameters ship as data in `analysis/resources/`; the scripts in
`scripts/` only call these functions and write the files.
"""
