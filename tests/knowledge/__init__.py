"""Tests of knowledge/: card schema, loading, importer, the Chroma index."""
