"""Tests, mirroring the packages: knowledge/, agents/ (understand/, decide/, converse/, trial/), app/ (cli/,
web/, report/), eval/ and robustness/ (fault injection, fuzzing, network guard).
"""
