"""The sourced hardware table: names and aliases resolve, every figure has a source, speeds are ratios to the V100."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from knowledge.hardware import HARDWARE_FILE, HardwareError, hardware_table, load_hardware

REQUIRED = {"t4": 16, "l4": 24, "a10": 24, "a10g": 24, "rtx3090": 24, "rtx4090": 24, "rtx4080": 16, "l40s": 48,
            "h100": 80}


@pytest.mark.parametrize("device, memory", sorted(REQUIRED.items()))
def test_the_gpus_the_issue_names_have_their_datasheet_memory(device, memory):
    d = hardware_table().get(device)
    assert d is not None and d.kind == "gpu" and d.memory_gb == (memory,)


def test_multi_configuration_devices_list_every_size_smallest_first():
    table = hardware_table()
    assert table.get("v100").memory_gb == (16, 32) and table.get("a100").memory_gb == (40, 80)
    assert table.get("raspberry-pi-4").kind == "edge" and {4, 8} <= set(table.get("raspberry-pi-4").memory_gb)
    assert table.get("raspberry-pi-5").kind == "edge"
    assert all(table.get(f"apple-m{i}").kind == "unified" for i in range(1, 5))
    laptop = table.get("laptop")
    assert laptop.kind == "cpu" and laptop.memory_gb[0] == 8 and "assumption" in laptop.source["note"]


def test_speed_is_the_datasheet_ratio_to_the_reference_v100_and_empty_without_a_figure():
    table = hardware_table()
    assert table.reference_gpu == "v100" and table.get("v100").relative_speed == 1.0
    assert table.get("t4").relative_speed == pytest.approx(65 / 125, abs=1e-3)
    assert table.get("a100").relative_speed == pytest.approx(312 / 125, abs=1e-3)
    assert table.get("a10g").relative_speed == pytest.approx(62.5 / 125, abs=1e-3)   # below the A10's 125
    assert table.get("apple-m2").relative_speed is None
    for d in table.devices.values():
        if d.fp16_tensor_tflops is not None:
            assert d.source.get("datasheet") or d.source.get("read_via"), d.id
        assert d.source.get("as_of") and d.source.get("note"), d.id


@pytest.mark.parametrize("text, device", [
    ("one RTX 4090", "rtx4090"), ("A100 80GB", "a100"), ("an NVIDIA T4", "t4"), ("Raspberry Pi 5", "raspberry-pi-5"),
    ("rpi4", "raspberry-pi-4"), ("my m2 macbook", "apple-m2"), ("an m3 max with 36 gb", "apple-m3-max"),
    ("m3 pro 18gb", "apple-m3-pro"),
    ("a g5.xlarge", "a10g"), ("l40s", "l40s"),
    ("our laptop", "laptop"), ("nothing here", None),
])
def test_find_resolves_names_and_aliases(text, device):
    found = hardware_table().find(text)
    assert (found.id if found else None) == device


def test_rentals_are_priced_with_date_and_source_and_fit_by_memory():
    table = hardware_table()
    rental = table.cheapest_rental(20)
    assert rental is not None and rental.usd_per_hour > 0 and rental.url.startswith("https://") and rental.as_of.year >= 2026
    assert rental.usd_per_month == pytest.approx(rental.usd_per_hour * 730)
    assert table.cheapest_rental(1000) is None


def test_assumptions_are_stated_in_words():
    table = hardware_table()
    for key in ("server", "cpu_cores", "cpu_memory_gb", "gpu", "index_window_hours", "doc_tokens"):
        assert table.assumption(key).get("note"), key
    assert table.assumption("index_window_hours")["value"] == 24


def _write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "hardware.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def test_a_malformed_table_names_the_row(tmp_path):
    good = yaml.safe_load(HARDWARE_FILE.read_text(encoding="utf-8"))
    bad = dict(good, devices={**good["devices"], "mystery": {"kind": "quantum", "memory_gb": [1],
                                                             "source": {"as_of": "2026-11-30", "note": "x"}}})
    with pytest.raises(HardwareError, match="mystery.*kind"):
        load_hardware(_write(tmp_path, bad))
    unsourced = dict(good, devices={**good["devices"], "x1": {"kind": "gpu", "memory_gb": [8], "fp16_tensor_tflops": 10,
                                                              "source": {"as_of": "2026-11-30", "note": "x"}}})
    with pytest.raises(HardwareError, match="x1.*datasheet or read_via"):
        load_hardware(_write(tmp_path, unsourced))
    clash = dict(good, devices={**good["devices"], "t4b": {"kind": "gpu", "memory_gb": [16], "aliases": ["t4"],
                                                           "source": {"as_of": "2026-11-30", "note": "x"}}})
    with pytest.raises(HardwareError, match="alias 't4'"):
        load_hardware(_write(tmp_path, clash))


def test_cloud_instance_families_name_a_table_gpu_and_a_source():
    table = hardware_table()
    assert table.instance_families
    for fam in table.instance_families:
        assert table.get(fam.device).kind == "gpu" and fam.source["url"].startswith("http") and fam.source["as_of"]
    one, four = table.find_instance("g4dn.xlarge"), table.find_instance("g4dn.12xlarge")
    assert (one.family.device, one.gpus) == ("t4", 1) and four.gpus == 4   # multi_gpu: the source states 4 T4
    assert table.find_instance("a2-highgpu-2g").gpus == 2
    assert table.find_instance("g5.48xlarge").gpus == 8 and table.find_instance("g5.96xlarge").gpus is None   # size not sourced


def test_an_instance_family_without_a_source_or_gpu_is_refused(tmp_path):
    good = yaml.safe_load(HARDWARE_FILE.read_text(encoding="utf-8"))
    row = {"pattern": r"x9\.(\w+)", "device": "t4", "single_gpu": ["xlarge"]}
    with pytest.raises(HardwareError, match="x9.*source"):
        load_hardware(_write(tmp_path, dict(good, instance_families={"x9": row})))
    with pytest.raises(HardwareError, match="x9.*device"):
        load_hardware(_write(tmp_path, dict(good, instance_families={"x9": dict(row, device="tpu")})))


def test_an_instance_family_states_one_cards_memory_only_as_a_size_its_gpu_is_sold_in(tmp_path):
    table = hardware_table()
    p3, p3dn, g2 = (table.find_instance(n) for n in ("p3.2xlarge", "p3dn.24xlarge", "g2-standard-8"))
    assert (p3.family.device, p3.gpus, p3.family.gpu_memory_gb) == ("v100", 1, 16.0)   # AWS Batch table: 16 GiB
    assert (p3dn.gpus, p3dn.family.gpu_memory_gb) == (8, 32.0)
    assert (g2.family.device, g2.gpus, table.find_instance("g2-standard-48").gpus) == ("l4", 1, 4)
    good = yaml.safe_load(HARDWARE_FILE.read_text(encoding="utf-8"))
    row = {"pattern": r"x9\.(\w+)", "device": "v100", "single_gpu": ["xlarge"], "gpu_memory_gb": 24,
           "source": {"url": "https://example.org/x9", "as_of": "2026-12-02", "note": "x9"}}
    with pytest.raises(HardwareError, match="x9.*gpu_memory_gb"):
        load_hardware(_write(tmp_path, dict(good, instance_families={"x9": row})))


def test_apple_pro_and_max_chips_carry_their_sourced_core_counts():
    table = hardware_table()
    assert table.get("apple-m3-pro").cpu_cores == 11 and table.get("apple-m3-max").cpu_cores == 16
    assert table.get("apple-m3").cpu_cores is None   # the base chip: the assumption of the speed model, said as such
