"""Tests of agents/converse/: chat state, dialogue policy, replies."""
