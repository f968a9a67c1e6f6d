"""Deciding: needs plus model cards in, ranked feasible picks with reasons out (pure, deterministic).

``constraints`` turns hard needs into a card filter and per-card violations; ``evidence`` chooses the
benchmark evidence that fits the needs; ``ranking`` orders the feasible cards on it; ``footprint``
computes index size, memory, encode time and cost at the user's scale; ``finetune`` gives fine-tuning
guidance; ``explain`` writes reasons, caveats and "why not" sentences from card facts only;
``recommendation`` holds the result dataclasses and the JSON contract. Nothing here parses user text
or knows about the conversation.
"""
