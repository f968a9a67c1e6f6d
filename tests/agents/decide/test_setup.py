"""Where a self-hosted model would run: named devices, stated hardware, and stated assumptions for the rest."""

from __future__ import annotations

from agents.decide.setup import resolve_setup, with_device
from agents.profile import Profile


def test_a_named_gpu_gives_its_memory_speed_and_half_precision():
    s = resolve_setup(Profile(device="rtx4090"))
    assert (s.kind, s.memory_gb, s.precision) == ("gpu", 24, "fp16/bf16")
    assert s.gpu_speed > 1.0 and not s.hardware_assumed and "RTX 4090" in s.label
    assert resolve_setup(Profile(device="t4")).precision == "fp16"       # Turing has no bf16


def test_the_users_memory_wins_and_several_configurations_assume_the_smallest():
    assert resolve_setup(Profile(device="a100", memory_gb=80)).memory_gb == 80
    s = resolve_setup(Profile(device="a100"))
    assert s.memory_gb == 40 and s.memory_assumed and any("40, 80 GB" in a for a in s.assumed)


def test_no_hardware_is_an_assumed_cpu_server_and_said_so():
    s = resolve_setup(Profile(data_type="text"))
    assert (s.kind, s.cpu_cores, s.memory_gb, s.hardware_assumed) == ("cpu", 8, 16, True)
    assert any("no hardware given" in a for a in s.assumed) and "assumed" in s.label


def test_cpu_without_cores_or_memory_assumes_them_and_a_gpu_without_a_name_is_t4_class():
    s = resolve_setup(Profile(hardware="cpu", memory_gb=32))
    assert (s.cpu_cores, s.memory_gb) == (8, 32) and any("cores not given" in a for a in s.assumed)
    g = resolve_setup(Profile(hardware="gpu"))
    assert g.kind == "gpu" and g.memory_gb == 16 and any("T4" in a for a in g.assumed)


def test_edge_boards_use_their_measured_speed_and_laptops_the_stated_assumption():
    pi = resolve_setup(Profile(device="raspberry-pi-4"))
    assert pi.kind == "edge" and 0 < pi.board_speed < 1 and pi.cpu_cores == 4
    pi5 = resolve_setup(Profile(device="raspberry-pi-5"))
    assert pi5.board_speed == pi.board_speed and any("no published speed figure" in a for a in pi5.assumed)
    laptop = resolve_setup(Profile(device="laptop"))
    assert (laptop.memory_gb, laptop.cpu_cores) == (8, 4) and laptop.label.startswith("your laptop")


def test_window_and_document_length_defaults_are_stated_only_when_they_matter():
    assert resolve_setup(Profile()).assumed == resolve_setup(Profile()).assumed
    quiet = resolve_setup(Profile(hardware="cpu", memory_gb=16, cpu_cores=4))
    assert quiet.window_hours == 24 and quiet.doc_tokens is None and quiet.assumed == ()
    s = resolve_setup(Profile(hardware="cpu", memory_gb=16, cpu_cores=4, documents=1000))
    assert s.doc_tokens == 300 and len(s.assumed) == 2
    assert resolve_setup(Profile(documents=10, avg_doc_tokens=50, index_window_hours=2)).window_hours == 2


def test_with_device_maps_a_named_device_to_hardware_and_single_memory():
    p, said = with_device(Profile(device="rtx4090"))
    assert (p.hardware, p.memory_gb) == ("gpu", 24) and said and "RTX 4090" in said[0]
    p, _ = with_device(Profile(device="a100"))
    assert p.hardware == "gpu" and p.memory_gb is None           # 40 or 80: the setup assumes and says so
    p, said = with_device(Profile(device="rtx4090", hardware="gpu", memory_gb=20))
    assert p.memory_gb == 20 and said == []
