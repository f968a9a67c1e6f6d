"""Generate agents/understand/languages/cldr_names.yaml: names of common languages written in the languages users write in.

Source: the Unicode CLDR display names of languages ("enska" is English in Icelandic, "ქართული" Georgian in Georgian),
read through the ``babel`` package; ``wordfreq`` flags names that are also frequent words of another language. Neither
package is a dependency of the advisor: install them in a throwaway environment and run this script from the
repository root, then commit the regenerated file::

    python -m venv /tmp/cldrvenv && /tmp/cldrvenv/bin/pip install babel==2.19.0 wordfreq==3.1.1
    /tmp/cldrvenv/bin/python scripts/cldr_language_names.py

Rules (agents/understand/languages/lexicon.py reads the file and never lets a name here override a hand-written or
English one):

- a name shorter than 4 letters is left out when written in Latin letters ("ewe", "lao"), kept in other scripts (中文);
- a name with brackets, commas, slashes or a spaced dash ("kínverska (einfölduð)") is left out: users do not write it;
- a name that two locales give to different languages is left out and listed under ``conflicts``;
- Indonesian and Malay write a language as "bahasa" + its name, Thai as "ภาษา" + its name: those forms are added, and
  the bare names, which are the countries' names too ("Jepang" is Japan and Japanese), are listed under ``places``;
- a name that is also a country or region name in one of the locales is listed under ``places`` ("italia");
- a one-word name that is also a frequent word (wordfreq Zipf >= 3.0, about once in a million words; >= 2.5 in
  English, the advisor's main language) of another wordfreq language, where that language's own name of the same
  language is not the same word with another ending ("engelsk" is Danish for English, Swedish "engelska"), is
  listed under ``words`` with that language ("vene" is Russian in Estonian and "veins" in Italian).
"""

from __future__ import annotations

import datetime
import os
import sys
import unicodedata
from importlib.metadata import version
from pathlib import Path

import babel
from babel import Locale
from babel.core import get_cldr_version
from wordfreq import available_languages, zipf_frequency

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from knowledge.languages import ISO639_1  # noqa: E402

wordfreq_version = version("wordfreq")
OUT = ROOT / "agents" / "understand" / "languages" / "cldr_names.yaml"

# Locales users write in: the 24 official EU languages, the Nordic, Balkan, Baltic and other Slavic languages, and the
# main written languages of the Middle East, South and South-East Asia, Africa, the Caucasus and East Asia.
LOCALES = ("bg hr cs da nl en et fi fr de el hu ga it lv lt mt pl pt ro sk sl es sv "
           "is nb nn sr sr_Latn bs mk sq ru uk be ka hy az kk uz tr ar he fa ur "
           "hi bn ta te mr gu kn ml pa ne si th vi id ms fil sw am af zu zh zh_Hant ja ko mn ca eu gl cy").split()
# Languages named: those of the locales and other languages with a written standard that users name for their data.
LANGUAGES = sorted(set("""en de fr es it pt nl pl cs sk sl hr sr bs mk sq bg ro hu el fi et lv lt sv da no nb nn is ga
    mt ru uk be tr ar he fa ur hi bn ta te mr gu kn ml pa ne si th vi id ms tl sw am ka hy az kk uz zh ja ko mn ca eu gl
    cy af zu xh yo ha so km lo my la eo lb yi jv su ps ku tg ky tk tt ug sd or as bo fo gd br""".split()))
# CLDR codes that name one of LANGUAGES under another code (regional and script variants, Filipino, Cantonese).
VARIANTS = {"zh_Hans": "zh", "zh_Hant": "zh", "yue": "zh", "pt_BR": "pt", "pt_PT": "pt", "en_GB": "en", "en_US": "en",
            "fr_CA": "fr", "es_419": "es", "es_ES": "es", "es_MX": "es", "de_AT": "de", "de_CH": "de", "nl_BE": "nl",
            "fil": "tl", "ckb": "ku", "fa_AF": "fa"}
# Words written before a name in Indonesian, Malay and Thai ("bahasa Jepang", "ภาษาญี่ปุ่น").
LANGUAGE_WORD = {"id": "bahasa ", "ms": "bahasa ", "th": "ภาษา"}
# wordfreq's languages that CLDR splits into several locales (Serbo-Croatian; Norwegian).
WORDFREQ_LOCALES = {"sh": ("hr", "sr", "sr_Latn", "bs"), "nb": ("nb", "no", "nn"), "zh": ("zh", "zh_Hant")}
# wordfreq needs MeCab or jieba to read Japanese, Korean and Chinese: those word lists are not consulted.
NO_TOKENISER = {"ja", "ko", "zh"}
MIN_LATIN = 4
ZIPF_WORD = 3.0
ZIPF_ENGLISH = 2.5


def normal(name: str) -> str:
    """NFKC, lower case of the same length (Turkish "İ" -> "i"), as the advisor prepares a message."""
    text = unicodedata.normalize("NFKC", name).strip()
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower() if len(c.lower()) == 1 else "i" if c == "\u0130" else c for c in text)
    return low


def latin(name: str) -> bool:
    return all(not c.isalpha() or "LATIN" in unicodedata.name(c, "") for c in name)


def display_names(locale: str) -> dict[str, str]:
    """{name: code} of LANGUAGES (and their VARIANTS) in ``locale``."""
    shown = Locale.parse(locale).languages
    out: dict[str, str] = {}
    for key, code in [(c, c) for c in LANGUAGES] + list(VARIANTS.items()):
        if key in shown and code in LANGUAGES:
            out.setdefault(normal(shown[key]), code)
    return out


def same_word(a: str, b: str) -> bool:
    """One word the start of the other ("tysk", "tyska"), or the same word but for an ending of at most two letters
    with at least 5 letters in common ("польская", "польский"; "persa", Persian in Spanish, is not Italian "persiano")."""
    common = len(os.path.commonprefix([a, b]))
    return common == min(len(a), len(b)) or common >= max(min(len(a), len(b)) - 2, 5)


def kept(name: str) -> bool:
    if any(c in name for c in "(),;/") or " - " in name or not any(c.isalpha() for c in name):
        return False
    return not (latin(name) and len(name) < MIN_LATIN)


def main() -> int:
    raw = {loc: display_names(loc) for loc in LOCALES}
    english = {normal(n): c for c, n in ISO639_1.items()} | raw["en"]
    places = {normal(n) for loc in LOCALES for n in Locale.parse(loc).territories.values()}
    names: dict[str, dict[str, str]] = {}
    for loc, table in raw.items():
        names[loc] = {n: c for n, c in table.items() if kept(n)}
        if loc in LANGUAGE_WORD:
            names[loc].update({normal(LANGUAGE_WORD[loc] + n): c for n, c in table.items() if kept(n)})
    codes_of: dict[str, set[str]] = {}
    for table in names.values():
        for n, c in table.items():
            codes_of.setdefault(n, set()).add(c)
    conflicts = {n: sorted(cs) for n, cs in codes_of.items() if len(cs) > 1}
    for table in names.values():
        for n in conflicts:
            table.pop(n, None)
    everyone = {n: next(iter(cs)) for n, cs in codes_of.items() if n not in conflicts}
    place_names = sorted(n for n in everyone if n in places and english.get(n) != everyone[n]
                         and (n in english or not n.startswith(("bahasa ", "ภาษา"))))
    words: dict[str, str] = {}
    for n, c in sorted(everyone.items()):
        if english.get(n) == c or not n.isalpha():
            continue
        for lang in sorted(set(available_languages()) - NO_TOKENISER):
            own = [m for loc in WORDFREQ_LOCALES.get(lang, (lang,)) if loc in names
                   for m, code in names[loc].items() if code == c]
            if any(same_word(n, m) for m in own):   # "engelsk" in Swedish ("engelska")
                continue
            if zipf_frequency(n, lang) >= (ZIPF_ENGLISH if lang == "en" else ZIPF_WORD):
                words[n] = lang
                break
    write(names, conflicts, place_names, words)
    return 0


def flow(mapping: dict[str, str], indent: int = 4, width: int = 118) -> str:
    """A YAML flow mapping wrapped at ``width`` characters."""
    lines, line = [], "{"
    for k, v in mapping.items():
        item = f"{quoted(k)}: {quoted(v)}"
        if len(line) + len(item) + 2 > width and line.strip(" {"):
            lines.append(line.rstrip())
            line = " " * indent
        line += item + ", "
    return "\n".join(lines + [line.rstrip(", ") + "}"])


def quoted(s: str) -> str:
    plain = s and s[0].isalpha() and s.isprintable() and not any(c in s for c in ":{}[],#&*!|>'\"%@`") and s not in (
        "no", "yes", "on", "off", "true", "false", "null")
    return s if plain else '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write(names: dict[str, dict[str, str]], conflicts: dict[str, list[str]], places: list[str],
          words: dict[str, str]) -> None:
    today = datetime.date.today().isoformat()
    lines = [
        "# Names of languages written in other languages, generated by scripts/cldr_language_names.py: do not edit by",
        "# hand (hand-written names go to names.yaml, which wins over this file).",
        f"# Source: Unicode CLDR {get_cldr_version()} language display names, read with babel {babel.__version__};",
        f"# ambiguity from wordfreq {wordfreq_version} word frequencies; generated {today}.",
        "# names: {locale: {name: ISO 639-1 code}} - lower case, NFKC; names shorter than 4 Latin letters left out.",
        "# conflicts: names two locales give to different languages (left out of names).",
        "# places: names that are also a country or region name (\"italia\", bare Indonesian \"jepang\"): read as a",
        "#   language only next to another language or a word for language.",
        "# words: names that are also a frequent word of another language (that language's code): read as a language",
        "#   only with language context (names.py AMBIGUOUS).",
        f"source: {{cldr: \"{get_cldr_version()}\", babel: {babel.__version__}, wordfreq: {wordfreq_version}, "
        f"generated: \"{today}\"}}",
        "names:",
    ]
    lines += [f"  {quoted(loc)}: {flow(table)}" for loc, table in names.items()]
    lines.append("conflicts: " + flow({n: "[" + ", ".join(cs) + "]" for n, cs in sorted(conflicts.items())})
                 .replace('"[', "[").replace(']"', "]"))
    lines.append("places: [" + ", ".join(quoted(n) for n in places) + "]")
    lines.append("words: " + flow(words))
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {sum(map(len, names.values()))} names in {len(names)} locales, "
          f"{len(conflicts)} conflicts, {len(places)} places, {len(words)} words")


if __name__ == "__main__":
    raise SystemExit(main())
