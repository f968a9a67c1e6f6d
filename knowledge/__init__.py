"""The knowledge base, which knows nothing about users: the card ``schema``, the YAML ``cards`` loaded and
validated into a catalog, the Chroma ``index`` with its ``embedding`` model and metadata ``filters``,
and ``base.KnowledgeBase``, the facade over catalog, index and keyword fallback. ``importer*`` build
cards from the MTEB registry snapshot; ``languages`` holds the ISO 639 names.
"""

import logging

# A library logs; the entry point (python -m app) decides where logs go. No handler here means no
# stray tracebacks on a CLI's stderr.
logging.getLogger(__name__).addHandler(logging.NullHandler())
