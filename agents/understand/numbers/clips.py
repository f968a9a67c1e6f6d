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
_CLIP = r"(?:audio )?(?:clips?|windows?|snippets?|segments?|recordings?|samples?|chunks?|excerpts?|spots?)"
_BEFORE = re.compile(rf"\b{_NUMBER}[- ]?{_UNIT}(?:-long)?\s+(?:\w+\s+)?{_CLIP}\b")      # "10-second clips", "5 s audio clips"
_AFTER = re.compile(rf"\b{_CLIP}\s+(?:of|lasting|that are|are|,)?\s*(?:about |~|roughly )?{_NUMBER}\s*{_UNIT}\b")


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
