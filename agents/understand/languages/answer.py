"""How the languages a message names combine with the languages already in the profile.

"English only" replaces, "also French" adds, "German, not Spanish" edits, a new list replaces the old one.
Languages named in pasted or quoted material may only add (stricter), never drop one the user asked for.
"""

from __future__ import annotations

from agents.understand.languages.columns import column_languages
from agents.understand.languages.countries import country_languages
from agents.understand.languages.examples import example_languages
from agents.understand.languages.names import LanguageFinding, find_languages
from agents.understand.prep import Prepared
from knowledge.languages import language_name


def combine(found: LanguageFinding, current: list[str]) -> list[str]:
    """The languages after a message naming ``found``, given the ``current`` ones.

    A new language adds to the list ("Spanish as well", "we also get Dutch tickets", or just "Spanish"); it
    replaces the list only when the user says so ("only French", "I meant German", "Spanish instead").
    """
    codes, removed = found.codes, found.removed
    if found.only:                       # "English only"
        new = list(codes)
    elif removed and current:            # an edit: "German, not Spanish", "Spanish instead of Italian"
        new = [c for c in current if c not in removed] + [c for c in codes if c not in current]
    elif found.replaces:                 # "I meant German"
        new = list(codes)
    elif current:                        # "also French", "Spanish": adds
        new = current + [c for c in codes if c not in current]
    else:
        new = list(codes)
    return [c for c in new if c not in removed]


def with_pasted(prep: Prepared, found: LanguageFinding, current: list[str], combined: list[str],
                expecting: bool) -> tuple[list[str], str | None]:
    """Languages when some were named in pasted or quoted material, and a note when the user's own were kept.

    The user's own words decide; the material may only add languages.
    """
    own = find_languages(prep.own_words(), expecting=expecting)
    kept = combine(own, current) if own.codes or (own.removed and current) else current
    added = [c for c in found.codes if c not in kept and c not in own.codes and c not in own.removed]
    spared = [c for c in kept if c in current and c not in combined]
    note = None
    if spared:
        also = f", and added {names(added)}" if added else ""
        named = language_name((added or found.codes or spared)[0])
        note = (f"Pasted or quoted text can add languages but not remove the ones you gave: I kept {names(spared)}"
                f"{also}. If that text is right, tell me in your own words (e.g. \u201conly {named}\u201d).")
    return kept + added, note


def from_examples(prep: Prepared, found: LanguageFinding) -> LanguageFinding:
    """``found`` with the languages of quoted example queries added ("like 'cocina con isla'"), and a note saying
    so; used only when the message names no language and none is known yet."""
    read = example_languages(prep)
    if not any(r.code != "en" for r in read):    # English examples only: the default anyway, nothing to add
        return found
    for r in read:
        found.add(r.code, r.span, False)
    shown = ", ".join(f"\u2018{r.quote}\u2019 ({language_name(r.code)})" for r in read)
    found.notes.append(f"From your example queries {shown} I take it queries come in {names(found.codes)}; "
                       "tell me if other languages matter too.")
    return found


def implied(prep: Prepared, found: LanguageFinding) -> LanguageFinding:
    """Languages the message implies without naming one: quoted example queries first, then a pasted table's language
    column, else where the users are ("customers mostly in Germany and France" -> German, French); each reading is
    stated in a note."""
    found = from_examples(prep, found)
    if found.codes:
        return found
    for code, span in column_languages(prep):   # a pasted table's language column ("sku,title,lang" ... "de")
        found.add(code, span, False)
    if found.codes:
        found.notes.append(f"The language column of your sample lists {names(found.codes)}, so I take it the text comes "
                           "in those; tell me if others matter too.")
        return found
    read = country_languages(prep)
    for code, span, _ in read:
        found.add(code, span, False)
    if found.codes:
        where = ", ".join(dict.fromkeys(country for _, _, country in read))
        found.notes.append(f"Your users are in {where}, so I take it the text comes in {names(found.codes)}; "
                           "tell me if it is in other languages.")
    return found


def names(codes: list[str]) -> str:
    """"English", "English and German", "English, German and French"."""
    named = [language_name(c) for c in codes]
    return named[0] if len(named) == 1 else f"{', '.join(named[:-1])} and {named[-1]}"
