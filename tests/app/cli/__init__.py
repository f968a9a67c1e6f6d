"""Tests of app/cli/: the commands run as real processes (JSON contract, errors, exit codes)."""
