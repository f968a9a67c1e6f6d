"""Named devices in a message ("one RTX 4090", "a Raspberry Pi 5", "my M2 MacBook") -> the hardware table's id.

A minimal recogniser over the aliases of ``knowledge/hardware.yaml`` (longest alias first, whole words).
Ambiguous short names need context: a bare number ("4090") only next to a GPU word, and Apple's
"M1"-"M4" only next to Mac/Apple/chip words, so "4090 documents" or "an M2 motorway" name nothing. The same
devices named in other languages ("ноутбук", "लैपटॉप", "un portátil") come from ``device_words.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from agents.understand.cues import GLUED
from agents.understand.numbers.words import BEFORE_SCALE
from agents.understand.prep import Prepared
from agents.understand.vocabfile import read_vocabulary
from knowledge.hardware import hardware_table

DEVICE_WORDS = Path(__file__).resolve().parent / "device_words.yaml"

_GPU_CONTEXT = re.compile(r"\b(?:gpus?|rtx|geforce|nvidia|cards?|vram)\b|显卡|顯卡|グラボ|그래픽\s?카드|כרטיס")
_APPLE_CONTEXT = re.compile(r"\b(?:macs?|macbooks?|apple|chips?|silicon|imac|mac ?minis?|mac ?studio)\b")
_APPLE_SHORT = re.compile(r"^m[1-4]$")
# "a 3090", "my 4090", "one 4080": a bare model number after one of these names one card
_ONE_BEFORE = re.compile(r"(?:\b(?:a|an|one|single|my|our|the|their|his|her|spare|old|new|"
                         # several of them: "dual 4090", "two 3090s", "2x 4090"
                         r"dual|twin|two|three|four|eight|"
                         # the same in Spanish, Portuguese, French, Italian, German ("una 3090 de 24 GB")
                         r"una|uno|un|uma|um|une|eine|ein|nuestra|nossa|notre|unsere|mi|mia)|\b[2-8]\s*[x×])\s*$")
# "we swapped the T4 for an L4", "replaced the A10 with an L40S": the GPU after "for"/"with" is the one there now
_SWAPPED_FOR = re.compile(r"\b(?:swap(?:ped|ping)?|switch(?:ed|ing)?|exchang(?:e|ed|ing)|trad(?:e|ed|ing)|replac(?:e|ed|ing)|"
                          r"upgrad(?:e|ed|ing))\b[^.;!?]{0,40}?\b(?:for|with|to)\s+(?:an?\s+|the\s+|one\s+|a new\s+)?$")
# A device taken away: "instead of the T4", "en vez de la T4", "statt der A100" before it; "the T4 is out", "die A100
# bekommen wir doch nicht", "A100 nahi milega", "la T4 ya no" after it (session 14, u13fix). With another device named, the
# one taken away is not the one there now.
_DROPPED_BEFORE = re.compile(r"\b(?:instead of|rather than|in place of|en vez de|en lugar de|em vez d[eao]|au lieu de|"
                             r"anstelle (?:der|des|von)|statt(?: der| des| einer?)?|invece (?:della|del|di)|zamiast|вместо|"
                             r"بدلاً من|بدلا من|"
                             # "not" before the one corrected away, with the right one named too (u14fix): "не V100,
                             # а H100", "нет A100, только T4", "không phải T4 mà là L40S", "ne T4 nego A10", Welsh "dim T4"
                             r"не|нет|немає|không phải|ne|dim)\s+"
                             r"(?:the |our |la |el |a |o |der |die |das |une? |une |la nostra )?$")
_DROPPED_AFTER = re.compile(r"(?:'s|\s+is|\s+are|\s+has been|\s+was)\s+(?:now\s+)?(?:out|gone|off the table|going away|"
                            r"being returned|cancelled|canceled)\b|\s+(?:\S+\s+){0,2}?(?:doch nicht|nicht mehr|fällt weg|"
                            r"entfällt|nahi milega|nahi milegi|nahin milega|nggak jadi|tidak jadi|ya no|no va|no llega|"
                            r"não vem|não vai|n'arrive pas|ne viendra pas)\b")
WINDOW = 40   # characters around a short alias in which its context word must appear


def device_words(path: Path = DEVICE_WORDS) -> dict[str, list[str]]:
    """Device id -> the regular expressions that name it in other languages (the file's ``examples`` left out)."""
    raw = read_vocabulary(path) or {}
    return {str(k): [str(p) for p in v] for k, v in raw.items() if k != "examples"}


@cache
def _patterns() -> list[tuple[str, str, re.Pattern[str]]]:
    # whole words; a Japanese, Chinese or Korean word may be glued on ("RTX 4090を1枚", "RTX 4090이")
    table = hardware_table()
    found = [(alias, did, re.compile(rf"(?<![.])(?<![^\W{GLUED}]){re.escape(alias)}(?:s(?=\W|$))?(?![^\W{GLUED}])"))
             for alias, did in table.alias_items()]
    return found + [(words, did, re.compile(rf"(?<![.])(?<![^\W{GLUED}])(?<!-)(?:{words})(?![^\W{GLUED}])"))
                    for did, phrases in device_words().items() if did in table.devices
                    for words in phrases]


def _has_context(low: str, start: int, end: int, context: re.Pattern[str]) -> bool:
    return bool(context.search(low[max(0, start - WINDOW):end + WINDOW]))


def device_spans(prep: Prepared) -> list[tuple[int, int]]:
    """Spans of every device named in the message ("one old 3090": its number names a GPU, it counts nothing)."""
    return [(s, e) for s, e, _ in _named(prep)]


def find_device(prep: Prepared, cpu_only: bool = False) -> tuple[str, int, int] | None:
    """(device id, start, end) of the first device named in the message, or None. ``cpu_only``: the message says there
    is no GPU, so a GPU word in it ("a laptop, no GPU", "ноутбук без видеокарты") names no other card."""
    hits = _named(prep)
    if not hits:
        return None
    specific = [h for h in hits if h[2] != "laptop"]     # "my MacBook Pro M2": the chip says more than "laptop"
    if not specific and not cpu_only and _GPU_CONTEXT.search(prep.low):   # "a gaming laptop with an RTX 3060": a GPU
        return None   # we do not list
    swapped = [h for h in specific or hits if _SWAPPED_FOR.search(prep.low, max(0, h[0] - 60), h[0])]
    kept = [h for h in specific or hits if not (_DROPPED_BEFORE.search(prep.low, max(0, h[0] - 30), h[0])
                                                or _DROPPED_AFTER.match(prep.low, h[1]))]
    s, e, did = min(swapped or (kept if len(kept) < len(specific or hits) else []) or specific or hits)
    return did, s, e


def _named(prep: Prepared) -> list[tuple[int, int, str]]:
    low = prep.low
    hits: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    for alias, did, pattern in _patterns():
        for m in pattern.finditer(low):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue    # inside a longer alias already found ("rtx 4090" before "4090")
            if alias.isdigit() and not (_has_context(low, s, e, _GPU_CONTEXT) or _ONE_BEFORE.search(low, 0, s)):
                continue
            if _APPLE_SHORT.match(alias) and not _has_context(low, s, e, _APPLE_CONTEXT):
                continue
            taken.append((s, e))
            hits.append((s, e, did))
    return hits


# "2x RTX 4090", "two A100s": per-card or pooled memory is unclear, so a count of several names no memory.
_SEVERAL = re.compile(r"(?:\b(?:[2-9]|\d{2,}|two|three|four|five|six|eight|several|multiple|a few|some|a couple of)"
                      r"\s*(?:x|\u00d7)?\s*(?:of (?:the |our )?)?(?:nvidia |geforce |tesla )?|\b[2-9]\s*(?:x|\u00d7)|"
                      r"[两兩二三四五六八]\s*[张块枚台]\s*|(?:שני|שתי|שלושה|ארבעה) כרטיסי(?:ם)? )$")


_COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "ten": 10, "twelve": 12,
                "sixteen": 16, "a couple of": 2, "a pair of": 2, "dual": 2, "twin": 2,
                # Arabic says two cards with the dual of the noun ("بطاقتا A100", "بطاقتين", "كرتين")
                "بطاقتا": 2, "بطاقتان": 2, "بطاقتين": 2, "كرتا": 2, "كرتان": 2, "كرتين": 2,
                # the same in other languages ("due schede A100", "zwei Karten", "deux cartes", "dos tarjetas")
                # (not words that are also others before a GPU: French "du GPU", German "hat A100-Karten")
                **{w: int(v) for w, v in BEFORE_SCALE.items() if 2 <= v <= 16 and w not in ("hai", "ba", "dos", "du", "hat")},
                "dos": 2,
                # Hebrew ("שני כרטיסי A100"), and Han numerals before a counter ("两张4090", "四块A100")
                "שני": 2, "שתי": 2, "שלושה": 3, "ארבעה": 4, "שמונה": 8,
                "两": 2, "兩": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "八": 8,
                # "a second T4 is on its way": the one we have and this one ("one more", "mais uma T4", "noch eine")
                "a second": 2, "a third": 3, "a fourth": 4, "one more": 2, "mais uma": 2, "mais um": 2, "una más": 2,
                "noch eine": 2, "encore une": 2,
                # Danish and Norwegian ("fire A10-kort": four A10 cards)
                "fire": 4, "seks": 6, "otte": 8, "åtte": 8}
_COUNT_ALT = "|".join(sorted((re.escape(w) for w in _COUNT_WORDS), key=len, reverse=True))
# "4x V100", "two A100s", "8 × H100", "due schede A100", "4张A100": the count right before the named GPU (a card noun or
# a CJK counter may sit between)
_COUNT_BEFORE = re.compile(rf"(?:(?<![^\W{GLUED}])(?<!\.)(\d{{1,2}}|{_COUNT_ALT})\s*(?:[张块枚台장개]\s*)?(?:x|\u00d7)?\s*"
                           r"(?:of (?:the |our )?)?(?:(?:schede|karten|grafikkarten|cartes|tarjetas|placas|kaart(?:en)?|"
                           r"karty|kart|cards|kartice|grafičke kartice|карти|видеокарти|kártya|kártyát|näytönohjainta|"
                           r"כרטיסי|כרטיסים) "
                           r"(?:(?:video|grafiche|graphiques|gráficas|de vídeo) )?)?"
                           r"(?:nvidia |geforce |tesla )?)$")
# "2 GPUs", "four A100 GPUs" is handled above; "8 gpus" without a name
_N_GPUS = re.compile(r"\b(\d{1,2}|two|three|four|five|six|seven|eight|ten|twelve|sixteen|dual|twin)\s*(?:x\s*)?(?:nvidia |cuda )?"
                     r"(?:gpus|graphics cards|cards|[1-5]0[5-9]0(?: ?ti)?s)\b")   # "two 3090s": a card line's number


# The count of the GPUs named before, corrected: "actually it's three of them" (after "two A10s").
_OF_THEM = re.compile(rf"\b(?:it'?s|it is|there(?:'re| are| will be)|we(?:'ll| will)? have|make it|we'?ve got|we got)\s+"
                      rf"(?:actually\s+|now\s+|really\s+)?(\d{{1,2}}|{_COUNT_ALT}) of (?:them|those|these)\b")
# "T4が2枚", "RTX 3090 두 장"? (digits only): the count after the GPU with a CJK counter
_COUNT_AFTER = re.compile(r"\s*(?:が|を|は|も|이|가|을|를|는)?\s*(\d{1,2})\s*(?:枚|台|장|개|张|块|대)"
                          r"(?!\s*(?:ではなく|じゃなく|でなく|가 아니라|이 아니라|아니고))")   # "2台ではなく1台": not two


def _count(word: str) -> int | None:
    n = int(word) if word.isdigit() else _COUNT_WORDS.get(word)
    return n if n is not None and 2 <= n <= 64 else None


# Pasted nvidia-smi: one table row per GPU ("|   1  NVIDIA GeForce RTX 4090   Off | 00000000:02:00.0 ..."), or one line
# per GPU from "nvidia-smi -L" ("GPU 1: NVIDIA L4 (UUID: ...)"); the indexes count the GPUs.
_SMI_ROW = re.compile(r"^\|\s+(\d{1,2})\s+(?:nvidia|tesla|quadro|geforce|rtx|[ahlvtp]\d)[^|\n]*\|\s*[0-9a-f]{4,8}:[0-9a-f]{2}:",
                      re.M)
_SMI_LIST = re.compile(r"^gpu (\d{1,2}): .*\(uuid", re.M)


def smi_gpus(prep: Prepared) -> int | None:
    """The GPUs of pasted nvidia-smi output when it lists two or more (see ``_SMI_ROW``), else None."""
    indexes = {m.group(1) for rx in (_SMI_ROW, _SMI_LIST) for m in rx.finditer(prep.low)}
    return len(indexes) if 2 <= len(indexes) <= 64 else None


def gpu_count(prep: Prepared, start: int | None, end: int | None = None) -> int | None:
    """How many GPUs the message names (2-64): the rows of pasted nvidia-smi output, a count right before the named GPU
    ("4x V100", "two A100s", "dual 4090"), right after it with a counter ("T4が2枚"), or "N GPUs"; None for one GPU or no
    count. ``start``-``end``: the GPU's name."""
    if (rows := smi_gpus(prep)) is not None:
        return rows
    if start is not None:
        m = _COUNT_BEFORE.search(prep.low[max(0, start - 40):start])
        if m:
            return _count(m.group(1))
        m = _COUNT_AFTER.match(prep.low, end) if end is not None else None
        if m:
            return _count(m.group(1))
    m = _N_GPUS.search(prep.low)
    return _count(m.group(1)) if m else None


def device_memory(prep: Prepared, device_id: str, start: int, end: int | None = None) -> float | None:
    """The memory (GB) a named single GPU comes with: only when the table lists one size and one card is meant."""
    device = hardware_table().get(device_id)
    if device is None or device.kind != "gpu" or len(device.memory_gb) != 1:
        return None
    after = _COUNT_AFTER.match(prep.low, end) if end is not None else None
    if _SEVERAL.search(prep.low[max(0, start - 24):start]) or (after and int(after.group(1)) > 1):   # "T4が2枚"
        return None
    return device.memory_gb[0]


@dataclass(frozen=True)
class Named:
    """Hardware named in a message: the device (None when a cloud instance may carry several GPUs), one card's
    memory when that is certain, and whether it is a GPU."""

    device: str | None
    memory_gb: float | None
    gpu: bool
    start: int
    end: int
    count: int | None = None   # GPUs of a cloud instance whose size states them ("g4dn.12xlarge": 4)


def named_hardware(prep: Prepared, cpu_only: bool = False) -> Named | None:
    """A cloud GPU instance type ("g4dn.xlarge": one T4; "g5.12xlarge": GPUs, count unknown to one card) or else a
    named device ("one RTX 4090", "a Raspberry Pi 5"), from the hardware table."""
    table = hardware_table()
    inst = table.find_instance(prep.low)
    if inst is not None:
        device = inst.family.device if inst.gpus == 1 else None
        # a GPU sold in several sizes has the one its instance family carries ("p3.2xlarge": a V100 of 16 GB)
        memory = (inst.family.gpu_memory_gb or device_memory(prep, device, inst.start, inst.end)) if device else None
        return Named(device, memory, True, inst.start, inst.end, inst.gpus if inst.gpus and inst.gpus > 1 else None)
    found = find_device(prep, cpu_only)
    if found is None:
        return None
    did, s, e = found
    device = table.get(did)
    return Named(did, device_memory(prep, did, s, e), device is not None and device.kind == "gpu", s, e)


def hardware_settings(prep: Prepared, hardware: str | None, profile_hardware: str | None,
                      profile_device: str | None, stated_memory: bool) -> list[tuple[str, object, str]]:
    """What named hardware sets, as (field, value, evidence); value None clears the field. ``hardware`` is what the
    message itself says (None: nothing). A named GPU or GPU instance means a GPU unless the message says otherwise;
    CPU only drops a GPU device named earlier (it would otherwise still decide the setup)."""
    out: list[tuple[str, object, str]] = []
    found = named_hardware(prep, hardware == "cpu")
    old = hardware_table().get(profile_device) if profile_device else None
    if hardware == "cpu" and old is not None and old.kind == "gpu":
        out.append(("device", None, f"CPU only: the {old.name} no longer applies"))
    named_gpu = found is not None and found.gpu
    count = (gpu_count(prep, found.start if named_gpu else None, found.end if named_gpu else None)
             or (found.count if named_gpu else None)) if hardware != "cpu" else None
    if count is None and old is not None and old.kind == "gpu" and hardware != "cpu" and found is None:
        m = _OF_THEM.search(prep.low)
        count = _count(m.group(1)) if m else None
    if count is not None:
        out.append(("gpu_count", count, prep.snippet(found.start, found.end) if found is not None else f"{count} GPUs"))
    if found is None or (hardware == "cpu" and found.gpu):   # "no T4, CPU only": the GPU named is not there
        return out
    evidence = prep.snippet(found.start, found.end)
    device_kind = getattr(hardware_table().get(found.device or ""), "kind", None)
    if found.gpu and hardware is None and profile_hardware != "gpu":
        out.append(("hardware", "gpu", evidence))
    elif device_kind in ("cpu", "edge") and hardware is None and profile_hardware != "cpu":   # "a Pi 5": no GPU
        out.append(("hardware", "cpu", evidence))
    if found.device is not None and found.device != profile_device:
        out.append(("device", found.device, evidence))
        if found.memory_gb is not None and not stated_memory:
            out.append(("memory_gb", found.memory_gb, evidence + " (its memory, from the hardware table)"))
    return out
