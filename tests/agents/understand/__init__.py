"""Tests of agents/understand/: extraction (with the labelled utterances), numbers, model names, LLM assist."""
