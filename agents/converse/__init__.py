"""The conversation: ``state`` (the serialisable, immutable chat state and a turn's result), ``policy``
(which questions to ask next, when there is enough to recommend, the defaults for skipped essentials)
and ``replies`` (the Markdown reply of a turn). It uses ``understand`` and ``decide``; they never use it.
"""
