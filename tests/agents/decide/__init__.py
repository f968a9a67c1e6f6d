"""Tests of agents/decide/: constraints, evidence, ranking, footprint, explanations."""
