"""Where a self-hosted model would run for this profile: the device, its memory, cores and speed, the window.

:func:`resolve_setup` reads the profile (``device``, ``hardware``, ``memory_gb``, ``cpu_cores``,
``index_window_hours``, ``avg_doc_tokens``) and the sourced hardware table (``knowledge/hardware.yaml``).
What the user did not say but feasibility needs is assumed from the table's ``assumptions`` and every
assumption is listed in :attr:`Setup.assumed` (the recommendation states them); nothing that decides
feasibility is silently ignored.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from agents.decide.footprint import MEMORY_OVERHEAD
from agents.profile import Profile
from knowledge.hardware import Device, HardwareTable, hardware_table
from knowledge.languages import language_name
from knowledge.tokenization import tokenization_table

# A stated memory below this is a model-size budget ("the model has to ship inside the APK, under 100 MB"): no machine
# that runs an embedding service has that little RAM, so the limit is on what ships - the weights (int8 when fp32 does
# not fit) plus the files that go with them (tokenizer, runtime), SIZE_BUDGET_OVERHEAD - and the activations use the
# device's own RAM. Above it, weights x MEMORY_OVERHEAD must fit.
SIZE_BUDGET_GB = 0.5
# An estimate, not a measurement: a 250k-token multilingual tokenizer file is several MB next to ~100 MB of int8
# weights, and the inference runtime ships too. (The expert judge in eval/expert uses the same x1.2 as its working
# factor; chosen here for the reason above, and stated in docs/advisor.md.)
SIZE_BUDGET_OVERHEAD = 1.2


@dataclass(frozen=True)
class Setup:
    """The machine a self-hosted model would run on, and the time it has to build the index."""

    kind: str                       # gpu | cpu | unified | edge
    label: str                      # "your RTX 4090 (24 GB)", "a CPU server (8 cores, 16 GB RAM; assumed)"
    memory_gb: float
    cpu_cores: int
    gpu_speed: float | None         # relative to the V100 reference (gpu kind only)
    board_speed: float | None = None  # edge boards: whole-board speed vs the CPU calibration machine (None = scale by cores)
    window_hours: float = 24.0
    doc_tokens: int | None = None   # tokens per document (the user's, or the assumed length when documents are known)
    doc_tokens_cautious: int | None = None  # the length was assumed: cost and encode time are also checked at this one
    device: Device | None = None
    hardware_assumed: bool = False  # neither a device nor cpu/gpu was given
    memory_assumed: bool = False
    assumed: tuple[str, ...] = field(default=())
    memory_max: float | None = None  # a named device sold in several sizes, the user's not given: its largest
    size_budget: bool = False        # the stated memory is a model-size budget (below SIZE_BUDGET_GB, off a GPU)
    gpu_count: int = 1               # GPUs the corpus is split across to embed it (each holds the model; queries use one)
    cautious_why: str = ""           # why doc_tokens_cautious is checked: "" (the length was assumed) or the reason the
    #                                  stated length may be low ("Swahili text takes ~1.9x the tokens per word ...")
    cores_assumed: bool = False      # a CPU whose cores neither the user nor a named device gave

    @property
    def size_assumed(self) -> bool:
        """A CPU was stated ("no GPU here") but not its cores, its memory or a device: the machine's size is our guess,
        so, as with no hardware at all, what it cannot do on it is not a reason to exclude a model."""
        return self.kind == "cpu" and not self.hardware_assumed and self.device is None and self.memory_assumed \
            and self.cores_assumed

    @property
    def overhead(self) -> float:
        """Memory needed per GB of weights: the working-memory factor, or the shipped-files factor for a size budget."""
        return SIZE_BUDGET_OVERHEAD if self.size_budget else MEMORY_OVERHEAD

    @property
    def half_precision(self) -> bool:
        return self.kind == "gpu"

    @property
    def precision(self) -> str:
        """The precision weights run at first: fp16 (or bf16) on GPUs, fp32 elsewhere (int8 when fp32 does not fit)."""
        if self.kind != "gpu":
            return "fp32"
        return "fp16/bf16" if self.device is not None and self.device.bf16 else "fp16"

    def to_dict(self) -> dict:
        return {"kind": self.kind, "label": self.label, "memory_gb": self.memory_gb, "cpu_cores": self.cpu_cores,
                "gpu_speed_vs_v100": self.gpu_speed, "board_speed_vs_reference": self.board_speed,
                "window_hours": self.window_hours, "doc_tokens": self.doc_tokens,
                "doc_tokens_cautious": self.doc_tokens_cautious,
                "device": self.device.id if self.device else None, "gpu_count": self.gpu_count,
                "assumed": list(self.assumed),
                "size_budget": self.size_budget}


def _language_margin(profile: Profile, doc_tokens: int | None, cautious: int | None) -> tuple[int | None, str, str]:
    """A stated length is also checked, for money, at the tokens its words take in the costliest listed language
    (``knowledge/tokenization.yaml``: Petrov et al. 2023, OpenAI's cl100k_base on FLORES-200): (cautious length, why,
    an assumption to state). An assumed length keeps its own, longer cautious length."""
    if cautious is not None or not doc_tokens or not profile.documents or profile.budget_usd_month is None:
        return cautious, "", ""
    table = tokenization_table()
    codes = profile.languages or []
    unmeasured = [language_name(c) for c in table.unmeasured(codes)]
    note = (f"no published tokens-per-word figure for {', '.join(unmeasured)}: its words are counted at the English "
            f"rate ({table.english_rate:g} tokens a word)") if unmeasured else ""
    rate = table.costliest(codes)
    if rate is None or rate.factor <= 1:
        return None, "", note
    measured = f"{rate.tokens_per_word:g} tokens a word" if rate.tokens_per_word else "the same text"
    why = (f"{rate.name} text takes ~{rate.factor:.1f}x the tokens {'per word ' if rate.tokens_per_word else ''}of "
           f"English with {table.tokenizer_of} ({table.tokenizer}: {measured} on FLORES-200; Petrov et al. 2023)")
    longer = int(round(doc_tokens * rate.factor))
    also = f"{why}: the budget is also checked at ~{longer:,} tokens per document"
    return longer, why, f"{note}; {also}" if note else also


def _value(table: HardwareTable, key: str) -> tuple[float, str]:
    row = table.assumption(key)
    return float(row.get("value", 0)), str(row.get("note", ""))


def resolve_setup(profile: Profile, table: HardwareTable | None = None) -> Setup:
    """The setup a self-hosted model runs on for ``profile`` (see the module docstring)."""
    table = table or hardware_table()
    assumed: list[str] = []
    device = table.get(profile.device) if profile.device else None
    stand_in = None
    if device is None and profile.hardware == "gpu":   # a GPU without a name: the table's conservative stand-in
        stand_in = table.get(str(table.assumption("gpu").get("device")))
        assumed.append(str(table.assumption("gpu").get("note")) if profile.memory_gb is None else
                       f"GPU model not given: {stand_in.name if stand_in else 'V100'} speed assumed")
    kind = device.kind if device else (profile.hardware or "cpu")
    hardware_assumed = device is None and profile.hardware is None
    server = table.assumption("server")
    if hardware_assumed and (profile.cpu_cores or profile.memory_gb):   # part of the machine was given
        assumed.append(f"no GPU or device given: a CPU server with "
                       f"{int(profile.cpu_cores or server.get('cpu_cores', 8))} cores"
                       f"{'' if profile.cpu_cores else ' (assumed)'} and {profile.memory_gb or server.get('memory_gb', 16):g} GB"
                       f" of RAM{'' if profile.memory_gb else ' (assumed)'} (say if you have a GPU)")
    elif hardware_assumed:
        assumed.append(str(server.get("note")) + " (say what you run on, e.g. \u201cone T4\u201d or \u201c32 GB RAM\u201d)")
    memory = _memory(profile, device or stand_in, kind, hardware_assumed, table, assumed)
    if profile.cpu_cores is not None:
        cores = int(profile.cpu_cores)
    elif device is not None and device.cpu_cores:
        cores = int(device.cpu_cores)
    elif hardware_assumed:
        cores = int(server.get("cpu_cores", 8))
    else:
        value, note = _value(table, "cpu_cores")
        cores = int(value)
        if kind in ("cpu", "unified"):
            assumed.append(note)
    speed = None
    if kind == "gpu":
        known = device or stand_in
        speed = known.relative_speed if known is not None else None
        if speed is None:
            ref = table.get(str(table.assumption("gpu").get("device")))
            speed = ref.relative_speed if ref and ref.relative_speed else 1.0
            assumed.append(f"{known.name if known else 'your GPU'}: no published speed figure; encode time "
                           f"estimated at {ref.name if ref else 'V100'} speed")
    if profile.index_window_hours is not None:
        window = float(profile.index_window_hours)
    else:
        window, note = _value(table, "index_window_hours")
        if profile.documents:
            assumed.append(note)
    doc_tokens, cautious = profile.avg_doc_tokens, None
    if doc_tokens is None and (profile.documents or profile.ingest_per_day) and profile.data_type == "audio":
        value, note = _value(table, "audio_clip_tokens")   # encoder frames of an assumed clip length
        doc_tokens = int(value)
        assumed.append(note)
    elif doc_tokens is None and (profile.documents or profile.ingest_per_day):
        value, note = _value(table, "doc_tokens")
        doc_tokens = int(value)
        longer, also = _value(table, "doc_tokens_cautious")
        cautious = int(longer) if longer > doc_tokens else None
        assumed.append(note + (f"; {also}: a pick that fits only at {doc_tokens} ranks after those that fit both "
                               "(tell me your average length)" if cautious else ""))
    cautious, why, unmeasured = _language_margin(profile, doc_tokens, cautious)
    assumed.append(unmeasured)
    board = None
    if kind == "edge":
        board = device.cpu_speed_vs_reference if device else None
        if board is None:
            measured = [d for d in table.devices.values() if d.kind == "edge" and d.cpu_speed_vs_reference]
            slowest = min(measured, key=lambda d: d.cpu_speed_vs_reference) if measured else None
            board = slowest.cpu_speed_vs_reference if slowest else None
            if slowest is not None:
                assumed.append(f"{device.name if device else 'your board'}: no published speed figure; "
                               f"{slowest.name}'s measured speed assumed")
    size_budget = profile.memory_gb is not None and memory < SIZE_BUDGET_GB and kind != "gpu"
    cores_assumed = kind == "cpu" and profile.cpu_cores is None and not (device and device.cpu_cores)
    label = _label(device, kind, memory, cores, hardware_assumed, profile.memory_gb is None, cores_assumed)
    if size_budget:
        label = (f"a CPU server ({cores} cores; assumed)" if hardware_assumed else label.split(" (")[0]) + \
            f" with a model-size limit of {memory * 1024:,.0f} MB"
        assumed.append(f"a memory limit under {SIZE_BUDGET_GB * 1024:.0f} MB is read as the model's size (an app bundle "
                       f"or a download): weights x{SIZE_BUDGET_OVERHEAD:g} (tokenizer and runtime files) must fit it")
    sizes = device.memory_gb if device is not None and profile.memory_gb is None else []
    count = int(profile.gpu_count) if kind == "gpu" and profile.gpu_count else 1
    if count > 1:
        label = label.replace("your ", f"your {count}x ", 1) + " each"
    return Setup(kind, label, memory, cores, speed, board, window, doc_tokens, cautious, device or stand_in,
                 hardware_assumed, profile.memory_gb is None, tuple(dict.fromkeys(a for a in assumed if a)),
                 max(sizes) if len(sizes) > 1 else None, size_budget, count, why, cores_assumed)


def _memory(profile: Profile, device: Device | None, kind: str, hardware_assumed: bool, table: HardwareTable,
            assumed: list[str]) -> float:
    """The memory a model may use: the user's figure, else the device's (smallest configuration), else assumed."""
    if profile.memory_gb is not None:
        return float(profile.memory_gb)
    if device is not None and device.memory_gb:
        memory = device.memory_gb[0]
        if len(device.memory_gb) > 1:
            sizes = ", ".join(f"{m:g}" for m in device.memory_gb)
            assumed.append(f"{device.name} comes with {sizes} GB: speed and headroom judged on the smallest ({memory:g} GB); "
                           "a model that needs a larger one is kept with a caveat; tell me yours")
        elif device.id == "laptop" or profile.device:
            assumed.append(f"{device.name}: {memory:g} GB from the hardware table ({device.source.get('note', '')})")
        return memory
    if hardware_assumed:
        return float(table.assumption("server").get("memory_gb", 16))
    value, note = _value(table, "cpu_memory_gb")
    assumed.append(note if device is None else f"{device.name} memory not given: {value:g} GB assumed; tell me yours")
    return value


def _label(device: Device | None, kind: str, memory: float, cores: int, hardware_assumed: bool,
           memory_assumed: bool, cores_assumed: bool = False) -> str:
    if hardware_assumed:
        return f"a CPU server ({cores} cores, {memory:g} GB RAM; assumed)"
    if device is not None and kind == "gpu":
        return f"your {device.name} ({memory:g} GB)"
    if device is not None:
        what = "unified memory" if kind == "unified" else "RAM"
        name = device.name.removeprefix("a ")
        return f"your {name} ({memory:g} GB {what}, {cores} cores)"
    if kind == "gpu":
        return f"your GPU ({memory:g} GB" + (", T4-class assumed)" if memory_assumed else ")")
    return f"your CPU machine ({cores} cores, {memory:g} GB RAM" + ("; assumed)" if memory_assumed and cores_assumed else ")")


def with_device(profile: Profile, table: HardwareTable | None = None) -> tuple[Profile, list[str]]:
    """The profile with a named device mapped to ``hardware`` and ``memory_gb`` where those are not given,
    and the sentences saying so (the user's own figures always win)."""
    table = table or hardware_table()
    device = table.get(profile.device) if profile.device else None
    if device is None:
        return profile, []
    update: dict = {}
    if profile.hardware is None:
        update["hardware"] = "gpu" if device.kind == "gpu" else "cpu"
    if profile.memory_gb is None and len(device.memory_gb) == 1:   # several configurations: assumed, in the setup
        update["memory_gb"] = device.memory_gb[0]
    if not update:
        return profile, []
    what = ", ".join(f"{k} {v:g} GB" if k == "memory_gb" else f"{k} {v}" for k, v in update.items())
    return profile.merged(update), [f"{device.name} -> {what} (hardware table: {device.source.get('note', '')})"]
