"""How the index is run: CPU cores ("16 cores", "an 8-core VM"), the indexing window ("the full index has to be
rebuilt within 6 hours") and how often everything is embedded again ("we re-embed the whole corpus every week").

    find_operations(prepare("CPU box with 32 cores, a full re-index twice a month"))
    # [Setting("cpu_cores", 32, ...), Setting("reindex_per_month", 2.0, ...)]

Each reading needs its own words next to the number: a core count needs "core(s)"/"vCPU(s)", a window needs an
indexing word in the same sentence and a limit word ("within", "in", "at most"), a frequency needs a re-index word
in the same sentence. A month has 52/12 weeks, as the budget's "per week" does (``money.yaml`` periods).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from agents.understand.cues import AFTER, BEFORE
from agents.understand.numbers.availability import available_window, machine_in_use
from agents.understand.numbers.clips import clips_from_hours, continuous_clips, find_clip_length
from agents.understand.numbers.quantities import find_numbers
from agents.understand.numbers.streams import find_stream
from agents.understand.numbers.unit_first import unit_before
from agents.understand.numbers.windows import hour_of, named_span, sentence, word_window
from agents.understand.prep import Prepared
from agents.understand.vocabfile import read_vocabulary

# The words of other languages (data, with examples run as tests).
DATA_FILE = Path(__file__).resolve().parent / "operations.yaml"
_DATA = read_vocabulary(DATA_FILE)
EXAMPLES: dict[str, list] = _DATA["examples"]


def _any(words: list[str]) -> str:
    return "|".join(words)


# A core count after its number ("16 cores", "8 vCPUs", Maltese "16-il core" with the linker "-il", "16核").
# (the unit on the number's own line: in a pasted lscpu, "Thread(s) per core:  1" is followed by "Core(s) per socket: 16")
_CORES = re.compile(r"[^\S\n]*(?:-\s*)?(?:il\s+)?(?:physical |logical |cpu |virtual |x86 |executor |worker |spark )?"
                    r"(?:cores?|cors|vcpus?|v-cpus?|cpu cores)\b|\s*コア|"
                    # "16核CPU", "16 CPU-Kerne"
                    # (Chinese, Korean and Thai glue the next word on: "CPU 24 คอร์แทน", 24 cores instead)
                    rf"\s*(?:cpu[- ]?)?(?:{_any(_DATA['cores'])})(?:(?<=[\u0e00-\u0e7f\u4e00-\u9fff\uac00-\ud7a3])|(?![^\W\d_]))")
_WINDOW_UNITS = {"hour": 1.0, "hours": 1.0, "hr": 1.0, "hrs": 1.0, "h": 1.0, "day": 24.0, "days": 24.0, "night": 12.0,
                 "nights": 12.0, "week": 168.0, "weeks": 168.0, "minutes": 1 / 60, "mins": 1 / 60, "min": 1 / 60,
                 **{str(w): float(h) for w, h in _DATA["window_units"].items()}}
_FOREIGN_UNITS = frozenset(map(str, _DATA["window_units"]))
_WITHIN_UNITS = frozenset(map(str, _DATA["within_units"]))   # "48 tunnissa": the case ending says "within"
# A core count or a window with its unit first ("cores 12", "vCPUs: 16", Swahili "ndani ya saa 24").
_CORE_WORD = re.compile(rf"cores?|vcpus?|{_any(_DATA['cores'])}")
# The "CPU(s):" line of a pasted lscpu (logical CPUs, counted as cores, like vCPUs); "On-line CPU(s) list" is no count
_LSCPU_CPUS = re.compile(r"^[^\S\n]*cpu\(s\):[^\S\n]*(\d{1,4})[^\S\n]*$", re.M)
# Pasted tool output (session 14, u13fix): "`nproc` prints 16", a Kubernetes limit "cpu: \"8\"" (not millicores "500m"),
# and the total of `free -g` ("Mem:  62  11  48": 62 GB of RAM).
_NPROC = re.compile(r"\bnproc`?\s*(?:prints|says|shows|gives|returns|outputs|reports|is|=|:|->|→)?\s*`?(\d{1,4})\b")
_K8S_CPU = re.compile(r"^[^\S\n]*cpu:[^\S\n]*[\"']?(\d{1,4})[\"']?[^\S\n]*$", re.M)
_FREE_G = re.compile(r"\bfree -g\b[\s\S]{0,300}?^[^\S\n]*mem:[^\S\n]+(\d{1,5})[^\S\n]", re.M)
_CPU_MODEL_AFTER = re.compile(r"\s*(?:duo|quad|solo|extreme)\b")
_UNIT_WORD = re.compile(rf"hours?|hrs?|days?|{_any(map(re.escape, sorted(_FOREIGN_UNITS)))}")
# A window unit after the number ("60 de ore": Romanian puts "de" between a number from 20 up and its unit; Chinese a
# counter: "三个小时").
_UNIT_AFTER = re.compile(r"\s*(?:-\s*)?(?:de\s+|个|個)?(hours?|hrs?|h|days?|nights?|weeks?|minutes|mins?|"
                         rf"{_any(sorted(map(str, _DATA['window_units']), key=len, reverse=True))})"
                         r"(?:(?<=[\u4e00-\u9fff\uac00-\ud7a3])|(?![^\W\d_]))|"   # "8小时内": a Han unit glued to what follows
                         r"\s*(時間)(?=以内|まで|で|だけ|しか)")
_INDEXING = re.compile(r"\b(?:re-?)?(?:index(?:ing|ed|es)?|embed(?:ding|ded|s)?|encod(?:e|ing|ed)|ingest(?:ion|ing)?|backfill|"
                       r"rebuil(?:d|t)|vectori[sz](?:e|ing|ation)|batch(?: job| run)?|pipeline|processed|"
                       r"(?:nightly|overnight) (?:job|run))\b"
                       # the first run over the corpus: "the initial load has to be finished within two days"
                       r"|\b(?:initial|first|bulk|full|one-?off|historical|backfill) (?:data )?load\b"
                       # a pass over the corpus: "first full pass within 48h", "the complete pass over the archive"
                       r"|\b(?:initial|first|full|complete|whole|one) (?:full |complete )?pass\b"
                       # a full pass of the job under another name: "the full re-match", "a complete re-run"
                       r"|\b(?:full|whole|complete|entire|nightly|weekly)\s+re-?(?:match|run|process|comput|calculat|scor)\w*"
                       # the first build of the index: "for the very first build we get a 36-hour weekend window"
                       r"|\b(?:very first|first|initial) build\b"
                       r"|インデックス|埋め込み|ベクトル化|" + _any(_DATA["indexing"]))
_LIMIT_BEFORE = re.compile(r"(?:\b(?:(?:within|in|into|under|inside) (?:an? )?|at most|max(?:imum)?|no more than|less than|"
                           r"by|up to|"
                           r"(?:can|may|could|is allowed to) take|"
                           r"(?:time-?out|time ?limit|deadline|sla)(?: is| of|:)? (?:set to |about |roughly )?|"
                           # acceptance of a long run: "fine if the indexing runs for ~3 days", "ok if it takes 10 hours"
                           r"(?:fine|ok|okay|acceptable|no problem|happy) if (?:it|the [\w-]+(?: [\w-]+)?) "
                           r"(?:runs?|takes?|lasts?)(?: for)?|"
                           r"give (?:it|the \w+(?: \w+)?)|(?:has|have|needs?) to (?:finish|be done|complete) (?:in|within)|"
                           # the limit as an aside after the verb: "has to finish overnight, 8 hours", "must be done: 6 h"
                           r"(?:finish|be done|complete)(?: \w+)?\s*[,:(]\s*(?:so |i\.e\. |that is |max |at most )?|"
                           # the hours as an aside after when it runs: "overnight, say 10 hours", "over a weekend (~60 h)"
                           r"(?:overnight|over ?night|at night|(?:over|during) (?:the |a )?(?:night|week-?end))\s*[,:(-]?\s*"
                           r"(?:say |so |i\.e\. |that is |call it |max |at most |roughly |about |around |~)?|"
                           # an aside after what the job gets: "a full rebuild gets the long weekend, call it 72 hours"
                           r"[,(]\s*(?:call it|say|i\.e\.|that is|that's)\s*(?:about |roughly |~)?|gets? (?:about |~)?|"
                           rf"(?<!\w)(?:{_any(_DATA['limit_before'])}))|ภายใน)"   # Thai: glued to the word before it
                           r"\s*(?:about |roughly |~)?$")
_LIMIT_AFTER = re.compile(r"^\s*(?:at (?:most|the most|max)|max(?:imum)?|tops|or less)\b|^\s*(?:以内|まで)|"
                          # "must fit in our 12-hour maintenance window", "a 10-hour overnight window"
                          r"^\s*(?:[\w-]+ ){0,2}(?:window|slot|downtime)\b|"
                          rf"^\s*(?:{_any(_DATA['limit_after'])})")
# A job between two clock times: "runs nightly between 1am and 5am", "from 22:00 to 06:00", "1am-5am".
_CLOCK = r"(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.|h)?"
_CLOCK_RANGE = re.compile(rf"\b(?:between|from)?\s*{_CLOCK}\s*(?:and|to|until|till|-|–)\s*{_CLOCK}(?![\w:])")
# ... or from when it may start to when it must be done: "the job can start at 10pm and must be done by 6am".
_START_BY = re.compile(rf"\b(?:start|starts|starting|begin|begins|kicks? off)\s+(?:at\s+)?{_CLOCK}\b[^.;!?]{{0,60}}?"
                       rf"\b(?:done|finished|complete|completed|ready|over|wrapped up|finish|end|searchable|indexed|embedded)"
                       rf"\s+(?:by|at|before)\s+"
                       rf"{_CLOCK}(?![\w:])")
_JOB = re.compile(r"\b(?:job|jobs|run|batch|process|task|cron|searchable|indexed|embedded)\b")
# "the window moved, it's 22:00 to 5:00 now": a clock range said of the (indexing) window (session 14, u13fix)
_WINDOW_WORD = re.compile(r"\b(?:window|ikkuna|zeitfenster|fenêtre|ventana|janela|finestra)\b")
_KLO = re.compile(r"\bklo\s*(\d{1,2})(?:[.:](\d{2}))?\s*[-–]\s*(\d{1,2})(?:[.:](\d{2}))?(?![\d:])")
# Midnight or noon at one end: "it can run overnight, from midnight to 7", "from 10pm until midnight".
_WORD_CLOCK = re.compile(rf"\b(?:from|between)\s+(?:(midnight|noon)|{_CLOCK})\s*(?:to|until|till|and|-|–)\s+"
                         rf"(?:(midnight|noon)|{_CLOCK})(?![\w:])")
# A clock range in another language, the hours marked by "Uhr", "h", "heures", "ore", "uur" ...: "zwischen 1 und 5 Uhr",
# "de 22h à 6h", "dalle 22 alle 6", "van 23 tot 7 uur", "między 1 a 5", "millum klokkan 2 og 6".
_HOUR_MARK = r"(?:uhr|h|uur|godz\.?|giờ|時|点|시)"   # clock hours only: "entre 10 et 20 heures" is a duration
_CLOCK_INTL = re.compile(r"(?<![\w])(dalle|zwischen|von|entre|de|tra|fra|tussen|van|między|od|mezi|från|mellan|mellem|"
                         rf"mellom|millum|từ)\s+"
                         rf"(?:la |las |l'|le |ore |ca\. |klokkan |klokka |kl\. ?)?"
                         rf"(\d{{1,2}})(?:[:.h](\d{{2}}))?\s*({_HOUR_MARK})?\s*"
                         rf"(?:und|bis|et|à|a|y|alle|e|en|tot|do|och|til|og|đến|-|–)\s+(?:la |las |l'|le |les )?"
                         rf"(\d{{1,2}})(?:[:.h](\d{{2}}))?\s*({_HOUR_MARK})?(?![\w:])")
# Japanese and Chinese: "午前1時から5時まで", "凌晨1点到5点" (hours marked 時/点, the afternoon by 午後/下午/晚上)
_HALF_DAY = r"(午前|午後|上午|下午|凌晨|晚上)?"
_CLOCK_CJK = re.compile(rf"{_HALF_DAY}\s*(\d{{1,2}})\s*[時点點]\s*(?:から|到|至|~|〜|-)\s*{_HALF_DAY}\s*(\d{{1,2}})\s*[時点點]")
_AFTERNOON = ("午後", "下午", "晚上")
_OCLOCK = re.compile(r"\b(?:klokkan|klokka|kl\.)")   # "o'clock" before the hours (Faroese, Danish, Norwegian): clock times
_SPAN_WORDS = re.compile(rf"\b(?:{_any(_DATA['span_words'])})")   # a weekend, a night, a window: the job's window
# weeks named in words ("tydzień", "dos semanas") and their hours; the first run said without an indexing word
_NAMED_HOURS = {str(p): float(h) for h, phrases in _DATA["word_spans"].items() for p in phrases}
_GLUED_HOURS = {str(p): float(h) for h, phrases in _DATA["word_spans_glued"].items() for p in phrases}
_NAMED_SPANS = re.compile("".join(rf"(?<!\b{w} )" for w in _DATA["word_span_not_after"]) + r"(?<!\w)(?:"
                          + _any(sorted(_NAMED_HOURS, key=len, reverse=True)) + r")(?!\w)|"
                          + "".join(rf"(?<!{w})(?<!{w} )" for w in _DATA["glued_not_after"])
                          + rf"(?:{_any(sorted(_GLUED_HOURS, key=len, reverse=True))})")
_NAMED_HOURS.update(_GLUED_HOURS)
_SPAN_GLUED = re.compile(_any(_DATA["span_words_glued"]))   # a night or weekend said glued on: "毎晩3時間だけ"
_FIRST_RUN = re.compile(_any(_DATA["first_run"]))
_INDEXING_OR_FIRST_RUN = re.compile(f"{_INDEXING.pattern}|{_FIRST_RUN.pattern}")
_IN_A = re.compile(r"\b(?:within|in|under|inside) an? $")   # "inside a 4-hour window" is a limit, not "a day"
_FREQUENT_BEFORE = re.compile(r"\b(?:every|each|per|a|an|once a|twice a|times a)\s*$")
_REINDEX = re.compile(r"再インデックス|"
                      r"\b(?:re-?(?:index|embed|encode|vectori[sz]e)\w*|(?:full|complete) (?:re-?)?(?:index|embedding|rebuild|"
                      r"refresh)\w*|rebuil(?:d|t) (?:the |our )?(?:whole |full |entire )?(?:index|corpus)|embed (?:\w+ ){0,3}"
                      r"(?:again|from scratch)|(?:whole|entire|full|complete) (?:corpus|index)|"
                      r"(?:index|corpus) (?:\w+ ){0,3}(?:re-?built|re-?created|regenerated|rebuil(?:d|t) from scratch))\b|"
                      + _any(_DATA["reindex"]))
# A run of the embedding job over the corpus ("how we run it today, over 70k docs, every single night"): a full pass.
_FULL_PASS = re.compile(r"\b(?:over|across|through) (?:all (?:of )?)?(?:the |our )?(?:~|about |around |roughly )?\d[\w.,]*\s*"
                        r"(?:[\w-]+ )?(?:docs|documents|files|records|pages|items|articles|tickets|chunks|rows|products)\b")
# Nothing is ever embedded again ("docs never change once written, we only append new ones - no full re-embeds ever").
_NEVER = re.compile(_any(_DATA["never_reindex"]))
_OTHER_PERIOD = {phrase: period for period, phrases in _DATA["frequency"].items() for phrase in phrases}
_EVERY = {"day": 30.0, "night": 30.0, "week": 52 / 12, "fortnight": 26 / 12, "month": 1.0, "bimonth": 0.5, "quarter": 1 / 3,
          "halfyear": 1 / 6, "year": 1 / 12}
_FREQUENCY = re.compile(r"(?P<ja>毎日|毎晩|毎週|毎月)|"
                        r"\b(?:(?P<n>once|twice|\d+(?:\.\d+)? times|(?:two|three|four|five|six|eight|ten|twelve) times) "
                        r"(?:a|per|every|each) "
                        r"(?P<per>day|night|week|fortnight|month|quarter|year)|(?:every|each|once a|once per|per) (?:single )?"
                        r"(?P<every>day|night|week|fortnight|month|quarter|year)|"
                        # "every other week", "every two weeks", "every 3 months": once per that many periods
                        r"every (?P<nth>other|second|two|three|four|six|\d{1,2}) (?P<nper>day|night|week|month|quarter|year)s?|"
                        r"(?P<adj>daily|nightly|weekly|fortnightly|"
                        r"monthly|quarterly|yearly|annually))\b|"
                        rf"{BEFORE}(?P<other>{_any(sorted(_OTHER_PERIOD, key=len, reverse=True))}){AFTER}")
_ADJ = {"毎日": "day", "毎晩": "night", "毎週": "week", "毎月": "month",
        "daily": "day", "nightly": "night", "weekly": "week", "fortnightly": "fortnight", "monthly": "month",
        "quarterly": "quarter", "yearly": "year", "annually": "year"}
_TIMES = {"once": 1.0, "twice": 2.0, "two times": 2.0, "three times": 3.0, "four times": 4.0, "five times": 5.0,
          "six times": 6.0, "eight times": 8.0, "ten times": 10.0, "twelve times": 12.0}
# Days of the month named one by one: "on the 1st and the 15th of each month" = 2 a month.
_MONTH_DAYS = re.compile(r"\bon the \d{1,2}(?:st|nd|rd|th)(?:(?:,|,? and|,? &) (?:the )?\d{1,2}(?:st|nd|rd|th))+ "
                         r"(?:of )?(?:each|every|the|a) month\b")
_NTH = {"other": 2, "second": 2, "two": 2, "three": 3, "four": 4, "six": 6}
_SENTENCE = re.compile(r"[^.!?;\n]+")
# A sentence that points back at the one before ("can the re-index fit in 5 hours? that's all the downtime we get, every
# Sunday"): its frequency is the previous sentence's job's.
_POINTS_BACK = re.compile(r"\s*(?:that|this|which|it)\b|\s*(?:we|i) (?:only |just )?(?:get|have|got) (?:that|this)\b")


# Several machines before a per-machine core count: "3 servers with 48 cores each", "three boxes, 48 cores", "2x 64-core
# nodes". The cores are summed (the corpus is split across the machines to embed it, as with several GPUs).
_MACHINE_COUNT = re.compile(r"\b(\d{1,3}(?!\d)|two|three|four|five|six|seven|eight|nine|ten|twelve|sixteen|a couple of|a pair of|"
                            rf"{_any(_DATA['machine_numbers'])})"
                            r"\s*(?:x\s*|\u00d7\s*)?(?:(?:identical|spare|dedicated|idle|similar|physical|virtual|bare[- ]metal|"
                            r"cpu|linux|on-?prem|big|beefy|older|old|new|more|\d{1,3}[- ]?(?:core|vcpu)|"
                            # a maker or model in between: "two Xeon Gold boxes", "three Dell servers"
                            r"xeon|gold|silver|platinum|epyc|dell|hp|hpe|lenovo|supermicro|poweredge|proliant|"
                            # where they are rented, and Tagalog "our" ("three OVH boxes", "3 kaming servers")
                            r"ovh|hetzner|aws|ec2|azure|gcp|scaleway|contabo|rented|kaming|aming|naming)[- ]?\s*){0,2}"
                            r"(servers?|machines?|nodes?|boxes|box|vms?|hosts?|workers?|instances?|sockets?|cpus|processors|"
                            rf"xeons?|epycs?|{_any(_DATA['machines'])})\b")   # "2x Xeon Silver, 16 cores per socket"
_CHIPS = ("socket", "cpu", "processor", "xeon", "epyc", *_DATA["chips"])
_MACHINE_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
                  "twelve": 12, "sixteen": 16, "a couple of": 2, "a pair of": 2,
                  **{str(k): int(v) for k, v in _DATA["machine_numbers"].items()}}
# The core count is the total, not one machine's: "48 cores in total", "48 cores across them".
_TOTAL_AFTER = re.compile(r"^[^.;!?]{0,30}?\b(?:in total|total|combined|altogether|overall|between them|"
                          r"across (?:them|all|the))\b")
_EACH_MACHINE = re.compile(r"\s*(?:each|apiece|per (?:box|machine|server|node|host|vm|socket|cpu))\b")
_TOTAL_BEFORE = re.compile(r"\b(?:total|in total|combined|altogether|overall)\b[^.;!?]{0,20}$")


@dataclass(frozen=True)
class Setting:
    field: str
    value: float
    start: int
    end: int
    note: str | None = None


def time_unit_follows(low: str, end: int) -> bool:
    """A unit of hours, days or weeks right after the number ending at ``end`` ("4 ชั่วโมง", "6 Stunden"): a window or
    a duration, never a bare answer in milliseconds."""
    return bool(_UNIT_AFTER.match(low[end:end + 24]))


# Several of the machines just described, after the per-machine figures: "pods are 16 vCPU / 32GB and we can run up to 4
# of them in parallel", "... we have three of those".
_RUN_SEVERAL = re.compile(r"\b(?:run|use|have|get|spin up|start|scale (?:out )?to)\s+(?:up to |about |around )?"
                          r"(\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|twelve|sixteen)\s+of (?:them|those|these)\b")
_MACHINE_NOUN = re.compile(r"\b(?:pods?|servers?|machines?|nodes?|vms?|instances?|boxes|box|hosts?|workers?)\b")


def _machines(low: str, start: int, end: int) -> tuple[int, int, bool] | None:
    """(machines, start of their mention, whether they are CPUs of one machine) when a core count at ``start``-``end``
    is one of several machines' or sockets' (see ``_MACHINE_COUNT``: "2 sockets x 12 cores", "2x 28-core Xeons"): they
    are named before it in the same sentence (or around it), and nothing says the count is a total."""
    s, _ = sentence(low, start)
    found = None
    for m in _MACHINE_COUNT.finditer(low, max(s, start - 60), end + 12):
        if m.start() < start and m.end() >= start - 40 or m.start() <= start < m.end():
            found = m
    if found is None and _MACHINE_NOUN.search(low, max(s, start - 60), start) \
            and (later := _RUN_SEVERAL.search(low, end, end + 90)) is not None:   # "pods are 16 vCPU ... 4 of them"
        word = later.group(1)
        count = int(word) if word.isdigit() else _MACHINE_WORDS.get(word, 0)
        return (count, start, False) if 2 <= count <= 256 else None
    each = _EACH_MACHINE.match(low, end)   # "28 cores each, we'd split the job between them": per machine
    if found is None or not each and _TOTAL_AFTER.match(low[end:end + 40]) or _TOTAL_BEFORE.search(low[found.end():start]):
        return None
    word = found.group(1)
    count = int(word) if word.isdigit() else _MACHINE_WORDS[word]
    chips = found.group(2).startswith(_CHIPS)
    return (count, found.start(), chips) if 2 <= count <= 256 else None


# The total of `free -h` ("Mem:  31Gi  4.2Gi  22Gi", Chinese "内存：125Gi"): the first value of the Mem line (u14fix)
_FREE_H = re.compile(r"^[^\S\n]*(?:mem|内存)[^\S\n]*:[^\S\n]*(\d{1,5}(?:\.\d+)?)gi[^\S\n]+\d", re.M)


def find_operations(prep: Prepared, clip_tokens: int | None = None) -> list[Setting]:
    """The core count, indexing window and re-index frequency the message states (first of each); audio clip lengths and
    hours of sound as clips (``clip_tokens``: the clip length said earlier, in encoder frames)."""
    low = prep.low
    out: dict[str, Setting] = {}
    for pasted in (_LSCPU_CPUS, _NPROC, _K8S_CPU):   # a pasted lscpu (its logical CPUs), nproc, a Kubernetes limit
        if "cpu_cores" not in out and (m := pasted.search(low)) and 0 < int(m.group(1)) <= 1024:
            out["cpu_cores"] = Setting("cpu_cores", int(m.group(1)), m.start(1), m.end(1))
    if (m := _FREE_G.search(low) or _FREE_H.search(low)) and 0 < float(m.group(1)) <= 65536:
        out["memory_gb"] = Setting("memory_gb", float(m.group(1)), m.start(1), m.end(1))
    for num in find_numbers(prep):
        if num.too_large or num.value <= 0:
            continue
        after = low[num.end:num.end + 24]
        first = None if num.unit or _CORES.match(after) or _CPU_MODEL_AFTER.match(after) else unit_before(
            prep, num, _CORE_WORD)   # "cores 12"; not "Core 2 Duo", a CPU's name
        if "cpu_cores" not in out and num.value == int(num.value) and num.value <= 1024 and first is not None:
            out["cpu_cores"] = Setting("cpu_cores", int(num.value), first[1], num.end)
            continue
        if "cpu_cores" not in out and num.value == int(num.value) and num.value <= 1024 \
                and ((num.unit in ("core", "cores") and not after.startswith("s")) or (not num.unit and _CORES.match(after))):
            m = _CORES.match(after)
            end = num.end + (m.end() if m else 0)
            several = _machines(low, num.start, end)
            if several is None:
                out["cpu_cores"] = Setting("cpu_cores", int(num.value), num.start, end)
                continue
            machines, begin, chips = several
            total = machines * int(num.value)
            out["cpu_cores"] = Setting("cpu_cores", total, min(begin, num.start), end, (
                f"I counted {total:,} CPU cores: {machines} CPUs x {int(num.value)} cores in one machine. " if chips else
                f"I counted {total:,} CPU cores: {machines} machines x {int(num.value)} cores, with the corpus split "
                "across them to embed it (each machine holds the whole model in its own memory; a query runs on one). ")
                + f"If {int(num.value)} cores is the total, tell me.")
            continue
        unit = num.unit if num.unit in _WINDOW_UNITS else None
        m = None if unit else _UNIT_AFTER.match(after)
        unit = unit or (("hours" if m.group(2) else m.group(1)) if m else None)
        ahead = None if unit or num.unit else unit_before(prep, num, _UNIT_WORD)   # "ndani ya saa 24"
        unit = unit or (ahead[0] if ahead else None)
        if unit is None or "index_window_hours" in out:
            continue
        s, e = sentence(low, num.start)
        before = low[max(s, (ahead[1] if ahead else num.start) - 40):ahead[1] if ahead else num.start]
        end = num.end + (m.end() if m else 0)
        # Lithuanian "per 12 valandų" is "within 12 hours", not "every 12 hours"
        foreign_per = unit in _FOREIGN_UNITS and before.rstrip().endswith("per")
        limit_after = _LIMIT_AFTER.match(low[end:end + 32])   # "a 10-hour overnight window" is no "every 10 hours"
        if (_FREQUENT_BEFORE.search(before) and not _IN_A.search(before) and not foreign_per and not limit_after) \
                or not _INDEXING.search(low, s, e):
            continue
        if _LIMIT_BEFORE.search(before) or limit_after or unit in _WITHIN_UNITS or _SPAN_WORDS.search(low, s, e) \
                or _SPAN_GLUED.search(low, s, e):
            out["index_window_hours"] = Setting("index_window_hours", round(num.value * _WINDOW_UNITS[unit], 4), num.start, end)
    if "index_window_hours" not in out:
        window = _clock_window(low)
        if window is None and (said := word_window(low, _INDEXING)) is not None:
            window = Setting("index_window_hours", *said)
        if window is None and (said := named_span(low, _NAMED_SPANS, _NAMED_HOURS, _INDEXING_OR_FIRST_RUN)) is not None:
            window = Setting("index_window_hours", *said)
        if window is None and (said := available_window(low, _WINDOW_UNITS)) is not None:   # "the A100s for 6 hours"
            window = Setting("index_window_hours", *said)
        if window is not None:
            out["index_window_hours"] = window
    for m in [*_MONTH_DAYS.finditer(low), *_FREQUENCY.finditer(low)]:
        s, e = sentence(low, m.start())
        about_reindex = _REINDEX.search(low, s, e) or _FULL_PASS.search(low, s, e) and _INDEXING.search(low, s, e)
        if not about_reindex and not (s > 0 and _POINTS_BACK.match(low, s) and _REINDEX.search(low, *sentence(low, s - 1))):
            continue
        if m.re is _MONTH_DAYS:
            days = len(re.findall(r"\d{1,2}(?:st|nd|rd|th)", m.group()))
            out["reindex_per_month"] = Setting("reindex_per_month", float(days), m.start(), m.end())
            break
        n, nth = m.group("n"), m.group("nth")
        per = m.group("per") or m.group("every") or m.group("nper") or (
            _period(m.group("other")) if m.group("other") else _ADJ[m.group("adj") or m.group("ja")])
        times = _TIMES.get(n, 1.0) if n is None or n in _TIMES else float(n.split()[0])
        if nth:   # "every other week": half as often as every week
            times = 1 / (int(nth) if nth.isdigit() else _NTH[nth])
        out["reindex_per_month"] = Setting("reindex_per_month", round(times * _EVERY[per], 4), m.start(), m.end())
        break
    if "reindex_per_month" not in out and (m := _NEVER.search(low)) is not None:
        out["reindex_per_month"] = Setting("reindex_per_month", 0.0, m.start(), m.end())
    if (stream := find_stream(prep)) is not None:   # new items that arrive all the time
        out["ingest_per_day"] = Setting("ingest_per_day", *stream)
    if (clip := find_clip_length(prep)) is not None:   # audio clips: their length in encoder frames
        out["avg_doc_tokens"] = Setting("avg_doc_tokens", *clip)
    if (clips := clips_from_hours(prep, clip_tokens)) is not None:   # "50,000 hours of recordings": clips, not a duration
        out["documents"] = Setting("documents", *clips)
    if "ingest_per_day" not in out and (live := continuous_clips(prep, clip_tokens)) is not None:   # "it listens 24/7"
        out["ingest_per_day"] = Setting("ingest_per_day", *live)
    return list(out.values())


def _period(said: str) -> str:
    """The period a phrase of another language names ("jede Woche" -> "week")."""
    return next(p for phrase, p in _OTHER_PERIOD.items() if re.fullmatch(phrase, said))


_WORD_HOURS = {"midnight": 0.0, "noon": 12.0}


def _clock_window(low: str) -> Setting | None:
    """A job that runs between two clock times in a sentence about (re-)indexing: the window is the time between
    them ("nightly between 1am and 5am" = 4 h, "from 22:00 to 06:00" = 8 h, "the job can start at 10pm and must be
    done by 6am" = 8 h). Both ends must read as times (am/pm, hh:mm or "h"), so "2-3 languages" or "between 10 and 20
    docs" are no window."""
    for m in _WORD_CLOCK.finditer(low):
        w1, h1, m1, a1, w2, h2, m2, a2 = m.groups()
        start = _WORD_HOURS[w1] if w1 else hour_of(h1, m1, a1 or ("am" if w2 == "noon" else "pm"))
        end = _WORD_HOURS[w2] if w2 else hour_of(h2, m2, a2 or ("am" if w1 == "midnight" else "pm"))
        s, e = sentence(low, m.start())
        if (w1 or w2) and start is not None and end is not None and (_INDEXING.search(low, s, e) or _JOB.search(low, s, e)):
            return Setting("index_window_hours", round((end - start) % 24 or 24.0, 4), m.start(), m.end())
    for m in _CLOCK_INTL.finditer(low):
        lead, h1, m1, u1, h2, m2, u2 = m.groups()
        start, end = hour_of(h1, m1, None), hour_of(h2, m2, None)
        s, e = sentence(low, m.start())
        marked = u1 or u2 or lead == "dalle" or m1 and m2 or _OCLOCK.search(m.group())
        if marked and start is not None and end is not None and (_INDEXING.search(low, s, e) or _SPAN_WORDS.search(low, s, e)):
            return Setting("index_window_hours", round((end - start) % 24 or 24.0, 4), m.start(), m.end())
    for m in _CLOCK_CJK.finditer(low):   # "午前1時から5時までの間に" (between 1 and 5 in the morning)
        s, e = sentence(low, m.start())
        if _INDEXING.search(low, s, e) or _SPAN_WORDS.search(low, s, e):
            start, end = (int(h) + (12 if pm in _AFTERNOON else 0) for pm, h in (m.group(1, 2), m.group(3, 4)))
            return Setting("index_window_hours", round((end - start) % 24 or 24.0, 4), m.start(), m.end())
    for m in _KLO.finditer(low):   # Finnish "klo 23–05" (the clock word marks both ends)
        start, end = hour_of(m.group(1), m.group(2), None), hour_of(m.group(3), m.group(4), None)
        s, e = sentence(low, m.start())
        if start is not None and end is not None and (_INDEXING.search(low, s, e) or _WINDOW_WORD.search(low, s, e)):
            return Setting("index_window_hours", round((end - start) % 24 or 24.0, 4), m.start(), m.end())
    for m in [*_CLOCK_RANGE.finditer(low), *_START_BY.finditer(low)]:
        h1, m1, a1, h2, m2, a2 = m.groups()
        a1 = a1 or (a2 if a2 and a2 != "h" else None)   # "1-5am": both ends in the morning
        if not ((a1 or m1) and (a2 or m2)):
            continue
        start, end = hour_of(h1, m1, a1), hour_of(h2, m2, a2)
        s, e = sentence(low, m.start())
        job = _INDEXING.search(low, s, e) or m.re is _START_BY and _JOB.search(low, s, e) or _WINDOW_WORD.search(low, s, e) \
            or machine_in_use(low, s, e)   # "we can use the RTX 4090 at night, 8pm to 6am"
        if start is None or end is None or not job:
            continue
        hours = (end - start) % 24 or 24.0
        return Setting("index_window_hours", round(hours, 4), m.start(), m.end())
    return None
