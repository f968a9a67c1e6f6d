"""Robustness: fault injection, fuzzing and the network guard, on the real knowledge base."""
