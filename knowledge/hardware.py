"""The sourced hardware table (``knowledge/hardware.yaml``): device names -> kind, memory, precision, speed.

    table = hardware_table()
    table.find("one RTX 4090")        # -> Device(id="rtx4090", kind="gpu", memory_gb=(24,), ...)
    table.get("a100").relative_speed  # 312 / 125 = 2.5 (dense FP16 tensor peak vs the reference V100)

Every figure carries the source it was read from; a missing figure stays ``None`` and the advisor says
what it assumed instead. The table is validated on load: a malformed row raises :class:`HardwareError`
naming the row.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml

from knowledge.datafile import read_yaml
from knowledge.errors import KnowledgeError

HARDWARE_FILE = Path(__file__).resolve().parent / "hardware.yaml"
Kind = Literal["gpu", "cpu", "unified", "edge"]
KINDS: tuple[str, ...] = ("gpu", "cpu", "unified", "edge")


class HardwareError(KnowledgeError):
    """The hardware table is malformed; the message names the file and the row."""


@dataclass(frozen=True)
class Device:
    """One named device: what it is, the memory it comes with, and how fast it is relative to the reference."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    memory_gb: tuple[float, ...]          # configurations sold, smallest first (empty = as stated by the user)
    bf16: bool
    fp16_tensor_tflops: float | None
    relative_speed: float | None           # vs the reference GPU (None = no comparable published figure)
    cpu_cores: int | None = None
    source: dict[str, Any] = field(default_factory=dict)
    cpu_speed_vs_reference: float | None = None   # edge boards: whole-board speed vs the calibration machine
    speed_source: dict[str, Any] = field(default_factory=dict)

    @property
    def half_precision(self) -> bool:
        """Runs weights in fp16/bf16 (GPUs); CPUs, edge boards and our unified-memory rule use fp32 or int8."""
        return self.kind == "gpu"

    def citation(self) -> str:
        """Where the figures come from, in one line."""
        src = self.source
        where = src.get("datasheet") or src.get("read_via") or "our assumption"
        via = f" (read via {src['read_via']})" if src.get("datasheet") and src.get("read_via") else ""
        return f"{self.name}: {src.get('note', '')} — {where}{via}, as of {src.get('as_of')}"


@dataclass(frozen=True)
class Rental:
    """A cloud GPU instance to rent by the hour (on-demand), with its sourced price."""

    id: str
    provider: str
    instance: str
    device: str
    usd_per_hour: float
    region: str
    as_of: dt.date
    url: str
    note: str = ""

    @property
    def usd_per_month(self) -> float:
        """Running all month (730 hours, the cloud providers' monthly convention)."""
        return self.usd_per_hour * HOURS_PER_MONTH


HOURS_PER_MONTH = 730


@dataclass(frozen=True)
class InstanceFamily:
    """A cloud GPU instance family: which GPU its types carry and which sizes carry exactly one."""

    id: str
    pattern: re.Pattern[str]
    device: str
    single_gpu: frozenset[str]
    count_group: int | None
    source: dict[str, Any]
    multi_gpu: dict[str, int] = field(default_factory=dict)   # size -> GPU count the source states
    gpu_memory_gb: float | None = None   # one card's memory when the source states it for the family ("p3": V100 16 GB)

    def gpus(self, match: re.Match[str]) -> int | None:
        """1 for a single-GPU size, the count a name states ("a2-highgpu-4g" = 4), else None (several or unknown)."""
        if self.count_group is not None:
            return int(match.group(self.count_group))
        return 1 if match.group(1) in self.single_gpu else self.multi_gpu.get(match.group(1))


@dataclass(frozen=True)
class Instance:
    """A cloud instance type named in a text: its family's GPU and how many it carries (None = not one known)."""

    family: InstanceFamily
    name: str
    gpus: int | None
    start: int
    end: int


@dataclass(frozen=True)
class HardwareTable:
    """The loaded table: devices by id, the reference GPU, stated assumptions and rentable GPUs."""

    devices: dict[str, Device]
    reference_gpu: str
    assumptions: dict[str, dict[str, Any]]
    rentals: dict[str, Rental]
    _aliases: dict[str, str] = field(default_factory=dict, repr=False)
    instance_families: tuple[InstanceFamily, ...] = ()

    def find_instance(self, low: str) -> Instance | None:
        """The first cloud GPU instance type named in lower-cased ``low`` ("g4dn.xlarge", "nc4as_t4_v3"), or None."""
        hits = [(m.start(), m.end(), f, m) for f in self.instance_families
                for m in f.pattern.finditer(low)]
        if not hits:
            return None
        s, e, fam, m = min(hits, key=lambda h: h[0])
        return Instance(fam, m.group(), fam.gpus(m), s, e)

    def get(self, device_id: str) -> Device | None:
        return self.devices.get(device_id)

    def find(self, text: str) -> Device | None:
        """The device named in ``text`` (an id, name or alias; longest alias wins), or None."""
        low = _norm(text)
        if low in self._aliases:
            return self.devices[self._aliases[low]]
        for alias in sorted(self._aliases, key=len, reverse=True):
            if re.search(rf"(?<![\w.]){re.escape(alias)}(?![\w])", low):
                return self.devices[self._aliases[alias]]
        return None

    def alias_items(self) -> list[tuple[str, str]]:
        """(alias, device id), longest alias first: for recognisers that scan free text."""
        return sorted(self._aliases.items(), key=lambda kv: (-len(kv[0]), kv[0]))

    def assumption(self, key: str) -> dict[str, Any]:
        return dict(self.assumptions.get(key) or {})

    def cheapest_rental(self, memory_gb: float = 0.0) -> Rental | None:
        """The cheapest rentable GPU with at least ``memory_gb`` of memory."""
        fits = [r for r in self.rentals.values()
                if (d := self.devices.get(r.device)) is not None and d.memory_gb and max(d.memory_gb) >= memory_gb]
        return min(fits, key=lambda r: (r.usd_per_hour, r.id)) if fits else None


def _norm(text: str) -> str:
    return re.sub(r"[\s_-]+", " ", str(text).strip().lower())


def _device(did: str, row: Any, ref_tflops: float | None, path: Path) -> Device:
    if not isinstance(row, dict):
        raise HardwareError(f"{path}: device {did!r} must be a mapping")
    kind = row.get("kind")
    if kind not in KINDS:
        raise HardwareError(f"{path}: device {did!r}: kind must be one of {', '.join(KINDS)}, got {kind!r}")
    memory = row.get("memory_gb")
    if not isinstance(memory, list) or not all(isinstance(m, (int, float)) and m > 0 for m in memory):
        raise HardwareError(f"{path}: device {did!r}: memory_gb must be a list of positive numbers ([] = as stated)")
    source = row.get("source")
    if not isinstance(source, dict) or not source.get("as_of") or not source.get("note"):
        raise HardwareError(f"{path}: device {did!r} needs a source with a note and an as_of date")
    tflops = row.get("fp16_tensor_tflops")
    if tflops is not None and not (isinstance(tflops, (int, float)) and tflops > 0):
        raise HardwareError(f"{path}: device {did!r}: fp16_tensor_tflops must be a positive number or null")
    if tflops is not None and not (source.get("datasheet") or source.get("read_via")):
        raise HardwareError(f"{path}: device {did!r}: a speed figure needs a datasheet or read_via URL")
    aliases = tuple(_norm(a) for a in row.get("aliases") or [])
    speed = round(tflops / ref_tflops, 3) if tflops and ref_tflops else None
    cpu_speed = row.get("cpu_speed_vs_reference")
    speed_source = row.get("speed_source") or {}
    if cpu_speed is not None and not (isinstance(cpu_speed, (int, float)) and cpu_speed > 0
                                      and str(speed_source.get("url", "")).startswith("http")):
        raise HardwareError(f"{path}: device {did!r}: cpu_speed_vs_reference needs a positive number and a speed_source url")
    return Device(did, str(row.get("name") or did), kind, aliases, tuple(sorted(float(m) for m in memory)),
                  bool(row.get("bf16")), float(tflops) if tflops else None, speed, row.get("cpu_cores"),
                  _dates(source), float(cpu_speed) if cpu_speed else None, _dates(speed_source))


def _dates(row: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in row.items()}


def _rental(rid: str, row: Any, devices: dict[str, Device], path: Path) -> Rental:
    try:
        rental = Rental(rid, str(row["provider"]), str(row["instance"]), str(row["device"]), float(row["usd_per_hour"]),
                        str(row["region"]), row["as_of"], str(row["url"]), str(row.get("note") or ""))
    except (KeyError, TypeError, ValueError) as exc:
        raise HardwareError(f"{path}: rental {rid!r} needs provider, instance, device, usd_per_hour, region, as_of "
                            f"and url ({exc})") from None
    if rental.device not in devices or not isinstance(rental.as_of, dt.date) or not rental.url.startswith("http"):
        raise HardwareError(f"{path}: rental {rid!r}: unknown device {rental.device!r}, or no date/url")
    return rental


def _family(fid: str, row: Any, devices: dict[str, Device], path: Path) -> InstanceFamily:
    where = f"{path}: instance family {fid!r}"
    if not isinstance(row, dict) or row.get("device") not in devices:
        raise HardwareError(f"{where}: needs a device from the table")
    source = row.get("source")
    if not isinstance(source, dict) or not str(source.get("url", "")).startswith("http") or not source.get("as_of"):
        raise HardwareError(f"{where}: needs a source with a url and an as_of date")
    try:
        pattern = re.compile(rf"(?<![\w.-]){row['pattern']}(?![\w-])")
    except (KeyError, re.error) as exc:
        raise HardwareError(f"{where}: pattern missing or invalid ({exc})") from None
    count, memory = row.get("count_group"), row.get("gpu_memory_gb")
    if memory is not None and (not isinstance(memory, (int, float)) or memory <= 0
                               or memory not in devices[str(row["device"])].memory_gb):
        raise HardwareError(f"{where}: gpu_memory_gb must be one of its device's memory sizes")
    return InstanceFamily(fid, pattern, str(row["device"]), frozenset(str(x) for x in row.get("single_gpu") or ()),
                          int(count) if count is not None else None, _dates(source),
                          {str(k): int(v) for k, v in (row.get("multi_gpu") or {}).items()},
                          float(memory) if memory is not None else None)


def load_hardware(path: Path = HARDWARE_FILE) -> HardwareTable:
    """Parse and validate the table at ``path``."""
    try:
        data = read_yaml(path) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise HardwareError(f"{path}: cannot read the hardware table ({exc})") from None
    rows = data.get("devices") if isinstance(data, dict) else None
    if not isinstance(rows, dict) or not rows:
        raise HardwareError(f"{path}: expected a 'devices' mapping")
    ref_id = data.get("reference_gpu")
    ref_row = rows.get(ref_id) if isinstance(ref_id, str) else None
    if not isinstance(ref_row, dict) or not ref_row.get("fp16_tensor_tflops"):
        raise HardwareError(f"{path}: reference_gpu must name a device with an fp16_tensor_tflops figure")
    devices = {str(k): _device(str(k), v, float(ref_row["fp16_tensor_tflops"]), path) for k, v in rows.items()}
    aliases: dict[str, str] = {}
    for d in devices.values():
        for a in (d.id.replace("-", " "), _norm(d.name), *d.aliases):
            if aliases.setdefault(a, d.id) != d.id:
                raise HardwareError(f"{path}: alias {a!r} names both {aliases[a]!r} and {d.id!r}")
    rentals = {str(k): _rental(str(k), v, devices, path) for k, v in (data.get("rentals") or {}).items()}
    assumptions = data.get("assumptions") or {}
    if not isinstance(assumptions, dict):
        raise HardwareError(f"{path}: 'assumptions' must be a mapping")
    families = tuple(_family(str(k), v, devices, path) for k, v in (data.get("instance_families") or {}).items())
    return HardwareTable(devices, ref_id, assumptions, rentals, aliases, families)


@cache
def hardware_table() -> HardwareTable:
    """The committed table, read once."""
    return load_hardware()
