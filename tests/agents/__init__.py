"""Tests of agents/: the needs, the field registry, the Advisor facade, and one folder per part."""
