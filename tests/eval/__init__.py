"""Tests of eval/ itself: the suite runner and the scorers, with fakes."""
