"""ISO 639-1 language codes and English names, and the ISO 639-3 codes the MTEB registry uses.

The table was generated from the ``langcodes`` package (CLDR/IANA data) and is committed so the
runtime needs no extra dependency. Languages without a 639-1 code keep their 639-3 code.
"""

from __future__ import annotations

ISO639_1: dict[str, str] = {
    "aa": "Afar",
    "ab": "Abkhazian",
    "ae": "Avestan",
    "af": "Afrikaans",
    "ak": "Akan",
    "am": "Amharic",
    "an": "Aragonese",
    "ar": "Arabic",
    "as": "Assamese",
    "av": "Avaric",
    "ay": "Aymara",
    "az": "Azerbaijani",
    "ba": "Bashkir",
    "be": "Belarusian",
    "bg": "Bulgarian",
    "bh": "Bihari languages",
    "bi": "Bislama",
    "bm": "Bambara",
    "bn": "Bangla",
    "bo": "Tibetan",
    "br": "Breton",
    "bs": "Bosnian",
    "ca": "Catalan",
    "ce": "Chechen",
    "ch": "Chamorro",
    "co": "Corsican",
    "cr": "Cree",
    "cs": "Czech",
    "cu": "Church Slavic",
    "cv": "Chuvash",
    "cy": "Welsh",
    "da": "Danish",
    "de": "German",
    "dv": "Divehi",
    "dz": "Dzongkha",
    "ee": "Ewe",
    "el": "Greek",
    "en": "English",
    "eo": "Esperanto",
    "es": "Spanish",
    "et": "Estonian",
    "eu": "Basque",
    "fa": "Persian",
    "ff": "Fula",
    "fi": "Finnish",
    "fj": "Fijian",
    "fo": "Faroese",
    "fr": "French",
    "fy": "Western Frisian",
    "ga": "Irish",
    "gd": "Scottish Gaelic",
    "gl": "Galician",
    "gn": "Guarani",
    "gu": "Gujarati",
    "gv": "Manx",
    "ha": "Hausa",
    "he": "Hebrew",
    "hi": "Hindi",
    "ho": "Hiri Motu",
    "hr": "Croatian",
    "ht": "Haitian Creole",
    "hu": "Hungarian",
    "hy": "Armenian",
    "hz": "Herero",
    "ia": "Interlingua",
    "id": "Indonesian",
    "ie": "Interlingue",
    "ig": "Igbo",
    "ii": "Sichuan Yi",
    "ik": "Inupiaq",
    "io": "Ido",
    "is": "Icelandic",
    "it": "Italian",
    "iu": "Inuktitut",
    "ja": "Japanese",
    "jv": "Javanese",
    "ka": "Georgian",
    "kg": "Kongo",
    "ki": "Kikuyu",
    "kj": "Kuanyama",
    "kk": "Kazakh",
    "kl": "Kalaallisut",
    "km": "Khmer",
    "kn": "Kannada",
    "ko": "Korean",
    "kr": "Kanuri",
    "ks": "Kashmiri",
    "ku": "Kurdish",
    "kv": "Komi",
    "kw": "Cornish",
    "ky": "Kyrgyz",
    "la": "Latin",
    "lb": "Luxembourgish",
    "lg": "Ganda",
    "li": "Limburgish",
    "ln": "Lingala",
    "lo": "Lao",
    "lt": "Lithuanian",
    "lu": "Luba-Katanga",
    "lv": "Latvian",
    "mg": "Malagasy",
    "mh": "Marshallese",
    "mi": "Māori",
    "mk": "Macedonian",
    "ml": "Malayalam",
    "mn": "Mongolian",
    "mr": "Marathi",
    "ms": "Malay",
    "mt": "Maltese",
    "my": "Burmese",
    "na": "Nauru",
    "nb": "Norwegian Bokmål",
    "nd": "North Ndebele",
    "ne": "Nepali",
    "ng": "Ndonga",
    "nl": "Dutch",
    "nn": "Norwegian Nynorsk",
    "no": "Norwegian",
    "nr": "South Ndebele",
    "nv": "Navajo",
    "ny": "Nyanja",
    "oc": "Occitan",
    "oj": "Ojibwa",
    "om": "Oromo",
    "or": "Odia",
    "os": "Ossetic",
    "pa": "Punjabi",
    "pi": "Pali",
    "pl": "Polish",
    "ps": "Pashto",
    "pt": "Portuguese",
    "qu": "Quechua",
    "rm": "Romansh",
    "rn": "Rundi",
    "ro": "Romanian",
    "ru": "Russian",
    "rw": "Kinyarwanda",
    "sa": "Sanskrit",
    "sc": "Sardinian",
    "sd": "Sindhi",
    "se": "Northern Sami",
    "sg": "Sango",
    "si": "Sinhala",
    "sk": "Slovak",
    "sl": "Slovenian",
    "sm": "Samoan",
    "sn": "Shona",
    "so": "Somali",
    "sq": "Albanian",
    "sr": "Serbian",
    "ss": "Swati",
    "st": "Southern Sotho",
    "su": "Sundanese",
    "sv": "Swedish",
    "sw": "Swahili",
    "ta": "Tamil",
    "te": "Telugu",
    "tg": "Tajik",
    "th": "Thai",
    "ti": "Tigrinya",
    "tk": "Turkmen",
    "tl": "Filipino",
    "tn": "Tswana",
    "to": "Tongan",
    "tr": "Turkish",
    "ts": "Tsonga",
    "tt": "Tatar",
    "tw": "Twi",
    "ty": "Tahitian",
    "ug": "Uyghur",
    "uk": "Ukrainian",
    "ur": "Urdu",
    "uz": "Uzbek",
    "ve": "Venda",
    "vi": "Vietnamese",
    "vo": "Volapük",
    "wa": "Walloon",
    "wo": "Wolof",
    "xh": "Xhosa",
    "yi": "Yiddish",
    "yo": "Yoruba",
    "za": "Zhuang",
    "zh": "Chinese",
    "zu": "Zulu",
}

# ISO 639-3 individual languages whose 639-1 code belongs to their macrolanguage (SIL ISO 639-3
# macrolanguage mappings), as they appear in the MTEB registry.
MACRO_TO_639_1: dict[str, str] = {
    "cmn": "zh", "yue": "zh", "wuu": "zh", "arb": "ar", "ary": "ar", "arz": "ar", "apc": "ar", "ajp": "ar",
    "acm": "ar", "aeb": "ar", "ars": "ar", "acq": "ar", "azj": "az", "azb": "az", "zsm": "ms", "ekk": "et",
    "lvs": "lv", "khk": "mn", "npi": "ne", "swh": "sw", "uzn": "uz", "pes": "fa", "prs": "fa", "als": "sq",
    "pbt": "ps", "kmr": "ku", "ckb": "ku", "plt": "mg", "gaz": "om", "quy": "qu", "ydd": "yi", "lvs_": "lv",
    "nob": "nb", "nno": "nn", "knc": "kr", "ory": "or", "fuv": "ff", "tgl": "tl", "fil": "tl",
    "ltg": "lv", "mvf": "mn",
}


# The main script of each ISO 639-1 language that is not written in Latin letters by default (CLDR likely subtags,
# via the ``langcodes`` package 3.5.0, generated 2026-12-02). A language absent here is written in Latin script.
MAIN_SCRIPT_NOT_LATIN: dict[str, str] = dict(pair.split(":") for pair in (
    "ab:Cyrl ae:Avst am:Ethi ar:Arab as:Beng av:Cyrl ba:Cyrl be:Cyrl bg:Cyrl bh:Deva bn:Beng bo:Tibt ce:Cyrl "
    "cr:Cans cu:Cyrl cv:Cyrl dv:Thaa dz:Tibt el:Grek fa:Arab gu:Gujr he:Hebr hi:Deva hy:Armn ii:Yiii iu:Cans "
    "ja:Jpan ka:Geor kk:Cyrl km:Khmr kn:Knda ko:Kore ks:Arab kv:Cyrl ky:Cyrl lo:Laoo mk:Cyrl ml:Mlym mn:Cyrl "
    "mr:Deva my:Mymr ne:Deva or:Orya os:Cyrl pa:Guru ps:Arab ru:Cyrl sa:Deva sd:Arab si:Sinh sr:Cyrl ta:Taml "
    "te:Telu tg:Cyrl th:Thai ti:Ethi tt:Cyrl ug:Arab uk:Cyrl ur:Arab yi:Hebr zh:Hans"
).split())


# ISO 639-2 "undetermined": the user writes in a language that is clearly not English but that no signal could name.
# As a data language it asks for a broadly multilingual model (``card.multilingual``), see :func:`covers`.
UNIDENTIFIED = "und"


def language_name(code: str) -> str:
    """English name for a language code (ISO 639-1, else the code itself)."""
    if code == UNIDENTIFIED:
        return "the language you write in (not identified)"
    return ISO639_1.get(code, code)


def covers(languages: frozenset[str] | set[str] | list[str], multilingual: bool | None, code: str) -> bool:
    """True when a card's complete language list (and multilingual flag) covers ``code``: listed, or, for
    :data:`UNIDENTIFIED`, a broadly multilingual card."""
    return bool(multilingual) if code == UNIDENTIFIED else code in languages


def to_iso639_1(code: str) -> str:
    """Map an ISO 639-3 code (optionally with a script suffix such as ``eng-Latn``) to ISO 639-1 when one exists."""
    base = code.split("-")[0].split("_")[0].lower()
    if len(base) == 2:
        return base
    if base in MACRO_TO_639_1:
        return MACRO_TO_639_1[base]
    return _THREE_TO_TWO.get(base, base)


def _build_three_to_two() -> dict[str, str]:
    out: dict[str, str] = {}
    for two in ISO639_1:
        three = _ALPHA3.get(two)
        if three:
            out[three] = two
    return out


# ISO 639-2/T (= 639-3 for individual languages) codes of the 639-1 languages.
_ALPHA3: dict[str, str] = {
    "aa": "aar", "ab": "abk", "ae": "ave", "af": "afr", "ak": "aka", "am": "amh", "an": "arg", "ar": "ara",
    "as": "asm", "av": "ava", "ay": "aym", "az": "aze", "ba": "bak", "be": "bel", "bg": "bul", "bh": "bih",
    "bi": "bis", "bm": "bam", "bn": "ben", "bo": "bod", "br": "bre", "bs": "bos", "ca": "cat", "ce": "che",
    "ch": "cha", "co": "cos", "cr": "cre", "cs": "ces", "cu": "chu", "cv": "chv", "cy": "cym", "da": "dan",
    "de": "deu", "dv": "div", "dz": "dzo", "ee": "ewe", "el": "ell", "en": "eng", "eo": "epo", "es": "spa",
    "et": "est", "eu": "eus", "fa": "fas", "ff": "ful", "fi": "fin", "fj": "fij", "fo": "fao", "fr": "fra",
    "fy": "fry", "ga": "gle", "gd": "gla", "gl": "glg", "gn": "grn", "gu": "guj", "gv": "glv", "ha": "hau",
    "he": "heb", "hi": "hin", "ho": "hmo", "hr": "hrv", "ht": "hat", "hu": "hun", "hy": "hye", "hz": "her",
    "ia": "ina", "id": "ind", "ie": "ile", "ig": "ibo", "ii": "iii", "ik": "ipk", "io": "ido", "is": "isl",
    "it": "ita", "iu": "iku", "ja": "jpn", "jv": "jav", "ka": "kat", "kg": "kon", "ki": "kik", "kj": "kua",
    "kk": "kaz", "kl": "kal", "km": "khm", "kn": "kan", "ko": "kor", "kr": "kau", "ks": "kas", "ku": "kur",
    "kv": "kom", "kw": "cor", "ky": "kir", "la": "lat", "lb": "ltz", "lg": "lug", "li": "lim", "ln": "lin",
    "lo": "lao", "lt": "lit", "lu": "lub", "lv": "lav", "mg": "mlg", "mh": "mah", "mi": "mri", "mk": "mkd",
    "ml": "mal", "mn": "mon", "mr": "mar", "ms": "msa", "mt": "mlt", "my": "mya", "na": "nau", "nb": "nob",
    "nd": "nde", "ne": "nep", "ng": "ndo", "nl": "nld", "nn": "nno", "no": "nor", "nr": "nbl", "nv": "nav",
    "ny": "nya", "oc": "oci", "oj": "oji", "om": "orm", "or": "ori", "os": "oss", "pa": "pan", "pi": "pli",
    "pl": "pol", "ps": "pus", "pt": "por", "qu": "que", "rm": "roh", "rn": "run", "ro": "ron", "ru": "rus",
    "rw": "kin", "sa": "san", "sc": "srd", "sd": "snd", "se": "sme", "sg": "sag", "si": "sin", "sk": "slk",
    "sl": "slv", "sm": "smo", "sn": "sna", "so": "som", "sq": "sqi", "sr": "srp", "ss": "ssw", "st": "sot",
    "su": "sun", "sv": "swe", "sw": "swa", "ta": "tam", "te": "tel", "tg": "tgk", "th": "tha", "ti": "tir",
    "tk": "tuk", "tl": "fil", "tn": "tsn", "to": "ton", "tr": "tur", "ts": "tso", "tt": "tat", "tw": "twi",
    "ty": "tah", "ug": "uig", "uk": "ukr", "ur": "urd", "uz": "uzb", "ve": "ven", "vi": "vie", "vo": "vol",
    "wa": "wln", "wo": "wol", "xh": "xho", "yi": "yid", "yo": "yor", "za": "zha", "zh": "zho", "zu": "zul",
}
_THREE_TO_TWO = _build_three_to_two()
