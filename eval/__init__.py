"""Evaluation and benchmarks, ``python -m eval all``: each ``bench_*`` / ``robustness`` suite returns flat
dotted metrics (``kb.cards``, ``advisor.hit_at_3`` ...). Quality is judged by code that does not share
the logic under test (``checks``, ``slots``); ``faults*``, ``fuzz*`` and ``netguard*`` attack the app.
"""
