"""The language a message is written in: a hint of the data's language when the user has not named it.

Two signals, used only when they are clear:

- **script**: most letters in one script that one language (or one main language) writes in: Hebrew, Arabic
  (Persian and Urdu by their own letters), Hangul, kana (Japanese), Han without kana (Chinese), Cyrillic
  (Ukrainian by its own letters, else Russian), Greek, Thai, Devanagari (Hindi), Bengali, Tamil, Georgian,
  Armenian, Burmese, Lao, Khmer;
- **Latin-script stop words**: a small profile of frequent function words per language (plus letters only one
  of them uses, e.g. "ã" for Portuguese, "ı" for Turkish, the stacked tone marks of Vietnamese).

A short message (fewer than :data:`MIN_WORDS` words or :data:`MIN_LETTERS` letters) or a mixed one (the runner-up
close to the best) gives ``None``: the hint is an assumption stated to the user, so it must rarely be wrong.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from agents.understand.languages.identify import identify

MIN_LETTERS = 12       # script detection: letters needed in total
MIN_WORDS = 6          # stop-word detection: words needed in total
MIN_HITS = 3           # stop words (or marked letters) of the best language
SHARE = 0.6            # script detection: the script's share of all letters
LEAD = 2.0             # stop-word detection: best score / runner-up score
SURE = 0.8             # statistical guess needed in a shared or unlisted script
SURE_LATIN = 0.9       # ... and in Latin script, where close languages are easily confused
FOREIGN_MIN_WORDS = 8  # words of 3+ letters needed to call a text "not English"
FOREIGN_SHARE = 0.3    # ... at most this share of them common English words (Zipf frequency >= 3, wordfreq)

# (language, first, last code point) of scripts written by one main language; order matters where one range
# holds another (checked first: the more specific).
_SCRIPTS: tuple[tuple[str, int, int], ...] = (
    ("he", 0x0590, 0x05FF), ("ar", 0x0600, 0x06FF), ("ar", 0x0750, 0x077F), ("ko", 0xAC00, 0xD7A3),
    ("ko", 0x1100, 0x11FF), ("ko", 0x3130, 0x318F), ("ja", 0x3040, 0x30FF), ("zh", 0x4E00, 0x9FFF),
    ("ru", 0x0400, 0x04FF), ("el", 0x0370, 0x03FF), ("th", 0x0E00, 0x0E7F), ("hi", 0x0900, 0x097F),
    ("bn", 0x0980, 0x09FF), ("ta", 0x0B80, 0x0BFF), ("ka", 0x10A0, 0x10FF), ("hy", 0x0530, 0x058F),
    ("my", 0x1000, 0x109F), ("lo", 0x0E80, 0x0EFF), ("km", 0x1780, 0x17FF),
)
# Main languages of scripts many languages write in: a confident statistical guess may name another one.
SHARED_SCRIPTS = frozenset({"ar", "fa", "ur", "he", "ru", "hi", "bn"})
# Letters that tell a language apart inside its script's range.
_PERSIAN = frozenset("پچژگ")
_URDU = frozenset("ٹڈڑںے")
_UKRAINIAN = frozenset("іїєґ")
# Chuvash writes "ӑ ӗ ҫ ӳ" in Cyrillic, often typed as the Latin look-alikes "ă ĕ ç ÿ" inside a Cyrillic word ("чăвашла")
_CHUVASH = re.compile(r"[ӑӗҫӳ]|[\u0400-\u04ff][ăĕçÿ]|[ăĕçÿ][\u0400-\u04ff]")

_WORD = re.compile(r"[^\W\d_]+")

# Frequent function words; words shared by several of these languages are left out where they would blur them.
STOP_WORDS: dict[str, frozenset[str]] = {k: frozenset(v.split()) for k, v in {
    "en": "the and of to is are for with we our that this it have has need want about from be not or what which "
          "they you my i can will would should there their them these those was were been into than "
          "just any some like maybe but how us if its at by does did more most much many only very get",
    "pt": "não uma com para os as das dos nossa nosso nossos nossas temos precisamos são é também muito mais pode "
          "ou tem em ao à pela pelo isso como mas só já está sem cerca nós da do no na nos um umas uns aqui "
          "queremos podemos ser vai tudo nada",
    "es": "el los las del una con para por es y en nuestro nuestra nuestros nuestras tenemos necesitamos son está "
          "pero más sin unos muy también puede como hay al lo se queremos podemos nada todo cada sobre",
    "fr": "le la les des du un une et est pour avec nous notre nos dans sur pas que qui ce en au aux il on sont "
          "mais ou très avons voulons chez tout doit être",
    "de": "der die das und ist nicht wir unsere unser unseren mit für von auf ein eine einen zu den dem es sind "
          "haben auch aus bei oder nur wie wollen brauchen muss alle",
    "it": "il lo gli della delle dei degli di è per con non una un che sono abbiamo nostro nostra nostri anche "
          "ma più come nel nella sul del al vogliamo tutto circa",
    "nl": "de het een en van is niet wij we onze ons met voor zijn op dat die er hebben ook maar naar bij te "
          "willen moet alle ongeveer",
    "pl": "i w z na nie się jest do że to mamy nasze nasz nasza naszych dla od jak ale są po czy tylko około tak "
          "chcemy musi wszystko",
    "id": "yang dan di ke dari untuk kami kita ini itu dengan tidak ada adalah akan bisa atau juga sekitar mau "
          "semua saja tanpa sudah belum harus boleh cuma hanya dalam punya perlu ingin",
    "vi": "và của là có không cho các những được một chúng tôi trong với này để khoảng cần dữ liệu muốn tìm "
          "kiếm phải nhưng cũng đã rất",
    "tr": "ve bir bu için ile çok var yok değil biz bizim olarak gibi daha ama veya mı mi yaklaşık tüm her "
          "istiyoruz lazım",
    "sv": "och att det som en på är för med har inte vi vår våra till av om kan men ett den vill behöver alla "
          "ungefär måste",
    "cs": "je se na ve že to jsou máme naše náš našich našem pro od jak ale jen nebo také asi chceme musí všechno "
          "bychom jsme bude by tak které který která jejich",
    # Javanese, ngoko and krama (words Indonesian does not share: "ing", "ora", "wonten", "mboten", "kaliyan")
    "jv": "ing lan sing ora iku kuwi karo wis arep kula wonten mboten nggih ingkang saged menika punika kaliyan kudu "
          "uga dadi aku awake gadhah namung utawa asring nganggo sampun dereng badhe",
}.items()}
# Letters that only one of the Latin-script profiles uses (each occurrence adds one point).
_MARKS: dict[str, frozenset[str]] = {
    "pt": frozenset("ãõ"), "es": frozenset("ñ¿¡"), "pl": frozenset("łąęśźżćń"), "tr": frozenset("ığş"),
    "vi": frozenset("ăđơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"), "de": frozenset("ß"),
    "sv": frozenset("å"), "cs": frozenset("ěřů"),
}


def script_language(text: str, min_letters: int = MIN_LETTERS) -> str | None:
    """The language of ``text`` by its script (see the module docstring), or None (Latin, mixed, too short)."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < min_letters:
        return None
    counts: Counter[str] = Counter()
    for c in letters:
        o = ord(c)
        lang = next((lang for lang, lo, hi in _SCRIPTS if lo <= o <= hi), None)
        if lang is not None:
            counts[lang] += 1
    if not counts:
        return None
    if counts["ja"] and counts["zh"]:    # Japanese mixes kana and kanji
        counts["ja"] += counts.pop("zh")
    lang, n = counts.most_common(1)[0]
    if n / len(letters) < SHARE:
        return None
    if lang == "ar":
        chars = set(text)
        return "ur" if chars & _URDU else "fa" if chars & _PERSIAN else "ar"
    if lang == "ru" and set(text.lower()) & _UKRAINIAN:
        return "uk"
    if lang == "ru" and len(_CHUVASH.findall(text.lower())) >= 2:
        return "cv"
    return lang


def _latin_language(text: str) -> str | None:
    low = text.lower()
    words = _WORD.findall(low)
    if len(words) < MIN_WORDS:
        return None
    scores: Counter[str] = Counter()
    for w in words:
        for lang, stop in STOP_WORDS.items():
            if w in stop:
                scores[lang] += 1
    for lang, marks in _MARKS.items():
        scores[lang] += min(sum(1 for c in low if c in marks), len(words))
    if not scores:
        return None
    ranked = scores.most_common(2)
    best, top = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0
    if top < MIN_HITS or top < LEAD * second or top < 0.2 * len(words):
        return None
    return best


def written_language(texts: str | Iterable[str]) -> str | None:
    """ISO 639-1 code of the language ``texts`` (one message, or a user's messages) are written in, or None when
    unsure (short, mixed, or a language no signal knows). English gives ``"en"``.

    The script decides when one language writes it; in a script many languages share, a confident statistical guess
    (:func:`agents.understand.languages.identify.identify`) names the other language (Uyghur or Sindhi in Arabic
    script, Yiddish in Hebrew script, Bashkir in Cyrillic); Latin script goes by the stop-word profiles, then by a
    very confident guess; any other script (Tibetan, Odia, Sinhala...) by a confident guess."""
    text = texts if isinstance(texts, str) else "\n".join(t for t in texts if isinstance(t, str))
    text = re.sub(r"https?://\S+|`[^`]*`|'[^'\n]{0,60}'|\"[^\"\n]{0,60}\"", " ", text[:8000])   # links, quoted samples
    by_script = script_language(text)
    if by_script and by_script not in SHARED_SCRIPTS:
        return by_script
    if by_script:
        guess = identify(text)
        return guess[0] if guess and guess[1] >= SURE and guess[0] != "en" else by_script
    latin = _latin_language(text)
    if latin:
        return latin
    guess = identify(text)
    if guess is None:
        return None
    sure = SURE_LATIN if _mostly_latin(text) else SURE
    return guess[0] if guess[1] >= sure else None


def _mostly_latin(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c < "\u0250" for c in letters) / len(letters) >= SHARE


def not_english(texts: str | Iterable[str]) -> bool:
    """True when ``texts`` are clearly not English although no signal names their language (Fijian, Sardinian, Tok
    Pisin...): at least :data:`FOREIGN_MIN_WORDS` words of three letters or more, at most :data:`FOREIGN_SHARE` of
    them common English words by wordfreq's English list (short words are left out: "na", "ka", "re" are common in
    many languages). Technical English ("k8s cluster, 3x A100, avg 12 pages, latency") stays well above the share."""
    from wordfreq import zipf_frequency

    text = texts if isinstance(texts, str) else "\n".join(t for t in texts if isinstance(t, str))
    words = [w for w in _WORD.findall(text[:8000].lower()) if len(w) >= 3]
    if len(words) < FOREIGN_MIN_WORDS:
        return False
    english = sum(zipf_frequency(w, "en") >= 3.0 for w in words)
    return english <= FOREIGN_SHARE * len(words)
