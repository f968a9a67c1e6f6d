"""The length of audio clips ("10-second clips", "cut into 5-second windows", "clips of 30 s", "2-minute recordings"),
as encoder frames: the speed estimate counts audio at 50 frames per second of sound (knowledge/hardware.yaml
``audio_frames_per_second``, Whisper's encoder rate), so a clip's seconds x 50 is its length in tokens.

    find_clip_length(prepare("we cut the recordings into 5-second windows"))   # (250, start, end, note)
"""

from __future__ import annotations

import re

from agents.understand.prep import Prepared
from knowledge.hardware import hardware_table

_NUMBER = r"(\d+(?:[.,]\d+)?|one|two|three|five|ten|fifteen|twenty|thirty|sixty)"
_WORDS = {"one": 1, "two": 2, "three": 3, "five": 5, "ten": 10, "fifteen": 15, "twenty": 20, "thirty": 30, "sixty": 60}
_UNIT = r"(s|sec|secs|second|seconds|min|mins|minute|minutes)"
_CLIP = (r"(?:audio )?(?:clips?|windows?|snippets?|segments?|recordings?|samples?|chunks?|excerpts?|spots?|"
         r"tracks?|songs?|voicemails?|voice notes?|podcast episodes?|previews?|teasers?|stems?|loops?|jingles?|stingers?)")
# (music and voice items are sound by themselves; a track's "30s preview" is what gets embedded)
_BEFORE = re.compile(rf"\b{_NUMBER}[- ]?{_UNIT}(?:-long)?\s+(?:\w+\s+)?{_CLIP}\b")      # "10-second clips", "5 s audio clips"
# "clips of 30 s", "2M full tracks, average 3.5 minutes", "songs averaging 4 min", "tracks (avg. 3 min)"
_AFTER = re.compile(rf"\b{_CLIP}\s*(?:of|lasting|that are|are|,|\()?\s*"
                    r"(?:(?:on )?(?:an )?(?:average|averaging|avg\.?|mean|typically)(?: length| duration)?(?: of| is|:)?\s*)?"
                    rf"(?:about |~|roughly |around )?{_NUMBER}\s*{_UNIT}\b")


def clip_seconds(prep: Prepared) -> tuple[float, int, int] | None:
    """(seconds per clip, start, end) for the first clip length the message states, or None."""
    m = _BEFORE.search(prep.low) or _AFTER.search(prep.low)
    if m is None:
        return None
    raw, unit = m.group(1), m.group(2)
    seconds = float(_WORDS.get(raw) or raw.replace(",", ".")) * (60 if unit.startswith("min") else 1)
    return (seconds, m.start(), m.end()) if 0 < seconds <= 3600 else None


def find_clip_length(prep: Prepared) -> tuple[int, int, int, str] | None:
    """(tokens per clip, start, end, note) for the first clip length the message states, or None."""
    said = clip_seconds(prep)
    if said is None:
        return None
    seconds, start, end = said
    rate = float(hardware_table().assumption("audio_frames_per_second").get("value", 50))
    tokens = max(1, round(seconds * rate))
    return tokens, start, end, (f"I counted each clip of ~{seconds:g} s as {tokens:,} audio frames "
                                f"({rate:g} per second, the rate of Whisper's encoder) for the speed estimate.")


_HOURS = re.compile(r"(?:~|about |around |roughly |over |some )?(\d[\d,.]*\s*(?:k|m|million|thousand)?)\s*(?:hours?|hrs?|h)\s+"
                    r"(?:of\s+)(?:\S+\s+){0,3}?(?:audio|recordings?|calls?|podcasts?|speech|sounds?|music|voice|radio|"
                    r"interviews?|lectures?|meetings?|foley|broadcasts?|field recordings|voicemails?|sermons?)\b")
_SCALE = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6}


def audio_hours(prep: Prepared) -> tuple[float, int, int] | None:
    """(hours, start, end) of a corpus of sound measured in hours ("~50,000 hours of field recordings"), or None."""
    m = _HOURS.search(prep.low)
    if m is None:
        return None
    raw = m.group(1).replace(" ", "")
    scale = next((v for k, v in _SCALE.items() if raw.endswith(k)), 1.0)
    digits = raw.rstrip("kmilontheusad").replace(",", "")
    try:
        hours = float(digits) * scale
    except ValueError:
        return None
    return (hours, m.start(), m.end()) if hours > 0 else None


def clips_from_hours(prep: Prepared, known_clip_tokens: int | None = None) -> tuple[int, int, int, str] | None:
    """(clips, start, end, note): hours of sound cut into clips of the length this message states, else of
    ``known_clip_tokens`` encoder frames (said earlier), else the assumed 10 s (knowledge/hardware.yaml
    ``audio_clip_tokens``)."""
    said = audio_hours(prep)
    if said is None:
        return None
    hours, start, end = said
    stated = clip_seconds(prep)
    table = hardware_table()
    rate = float(table.assumption("audio_frames_per_second").get("value", 50))
    frames = known_clip_tokens or float(table.assumption("audio_clip_tokens").get("value", 500))
    seconds = stated[0] if stated else frames / rate
    clips = max(1, round(hours * 3600 / seconds))
    how = "" if stated or known_clip_tokens else " (assumed; tell me the length of your clips)"
    return clips, start, end, (f"I counted {hours:,.0f} hours of sound as ~{clips:,} clips of {seconds:g} s{how}; each clip "
                               "is one vector in the index.")


# Sound that never stops: a microphone or a feed listened to all day, every day ("it listens 24/7", "round the clock").
_CONTINUOUS = re.compile(r"\b(?:24\s*[/x]\s*7|7\s*/\s*24|(?:a)?round the clock|around-the-clock|non-?stop|continuous(?:ly)?|"
                         r"constantly|day and night|night and day|all day(?:,| and) (?:all )?night|always (?:on|listening|"
                         r"recording)|rund um die uhr|ununterbrochen|jour et nuit|en continu|día y noche|sin parar|"
                         r"las 24 horas|24 horas|круглосуточно|без перерыва|sürekli|kesintisiz)\b")


def continuous_clips(prep: Prepared, known_clip_tokens: int | None = None) -> tuple[float, int, int, str] | None:
    """(clips per day, start, end, note) for sound recorded without a break ("it listens 24/7") and cut into clips of
    the length this message states, else of ``known_clip_tokens`` encoder frames said earlier; None when either is not
    said. A day of sound is 86,400 s, so each microphone gives 86,400 / seconds-per-clip clips a day."""
    m = _CONTINUOUS.search(prep.low)
    stated = clip_seconds(prep)
    if m is None or (stated is None and not known_clip_tokens):
        return None
    rate = float(hardware_table().assumption("audio_frames_per_second").get("value", 50))
    seconds = stated[0] if stated else float(known_clip_tokens or 0) / rate
    if seconds <= 0:
        return None
    per_day = round(86_400 / seconds, 1)
    return per_day, m.start(), m.end(), (f"Sound around the clock cut into {seconds:g} s clips is ~{per_day:,.0f} clips a day "
                                          "per microphone, each embedded as it comes; tell me if several feeds share one "
                                          "machine.")
