"""Regenerate knowledge/tokenization.yaml from Petrov et al. 2023's published token counts.

Usage: python -m scripts.tokenization_table DIR   (prints the ``languages:`` section of knowledge/tokenization.yaml)

DIR is a checkout of https://github.com/AleksandarPetrov/tokenization-fairness (commit 365c3f8 was used): its
``assets/tokenization_lengths.csv`` holds the number of tokens each tokenizer needs for the whole FLORES-200 dev +
devtest text of each language, ``assets/flores_language_map.csv`` the FLORES code of each language name, and
``flores200_dataset/`` the text itself (counted here for words, the way their script joins it).
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from knowledge.languages import MAIN_SCRIPT_NOT_LATIN, language_name, to_iso639_1

TOKENIZER = "cl100k_base"
# Scripts written without spaces between words: a whitespace count is not a word count, so no per-word figure.
UNSPACED = frozenset({"Thai", "Laoo", "Khmr", "Mymr", "Hans", "Hant", "Jpan", "Tibt"})
# Several FLORES varieties share one ISO 639-1 code: the standard written variety is kept.
STANDARD = {"ar": "arb_Arab", "zh": "zho_Hans", "fa": "pes_Arab", "ku": "kmr_Latn", "az": "azj_Latn",
            "ks": "kas_Arab", "mn": "khk_Cyrl", "lv": "lvs_Latn", "ff": "fuv_Latn", "kr": "knc_Latn"}


def _words(root: Path, flores: str) -> int:
    text = [(root / "flores200_dataset" / part / f"{flores}.{part}").read_text(encoding="utf-8").split("\n")
            for part in ("dev", "devtest")]
    return len(" ".join(text[0] + text[1]).split())


def rows(root: Path) -> list[tuple[str, str, float, float | None]]:
    """(ISO 639-1 code, FLORES code, premium vs English, tokens per whitespace word or None) per language."""
    lengths = {r["Language"]: r for r in csv.DictReader((root / "assets/tokenization_lengths.csv").open(encoding="utf-8"))}
    names = {r[0].strip(): r[1].strip() for r in csv.reader((root / "assets/flores_language_map.csv").open(encoding="utf-8"))
             if r and r[0] != "Language"}
    english = float(lengths["English"][TOKENIZER])
    by_code: dict[str, list[str]] = {}
    for name, flores in names.items():
        code = to_iso639_1(flores)
        value = lengths.get(name, {}).get(TOKENIZER, "")
        if len(code) == 2 and value.replace(".", "").isdigit():
            by_code.setdefault(code, []).append(name)
    out = []
    for code, options in sorted(by_code.items()):
        script = MAIN_SCRIPT_NOT_LATIN.get(code, "Latn")
        chosen = [n for n in options if names[n] == STANDARD.get(code)] or \
            [n for n in options if names[n].endswith("_" + script)] or options
        name = chosen[0]
        flores, tokens = names[name], float(lengths[name][TOKENIZER])
        per_word = None if flores.split("_")[1] in UNSPACED else round(tokens / _words(root, flores), 2)
        out.append((code, flores, round(tokens / english, 2), per_word))
    return out


def main(root: Path) -> None:
    print("languages:")
    for code, flores, premium, per_word in rows(root):
        words = "null" if per_word is None else f"{per_word:g}"
        print(f"  {code}: {{flores: {flores}, premium: {premium:g}, tokens_per_word: {words}}}   # {language_name(code)}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
