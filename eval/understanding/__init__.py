"""Held-out evaluation of message understanding (issue 14): labelled sets and their scorers."""
