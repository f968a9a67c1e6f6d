"""Tests of agents/trial/: inputs, queries, metrics, candidates, the runner (with a tiny real model)."""
