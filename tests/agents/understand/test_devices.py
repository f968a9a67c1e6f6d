"""Named devices in a message become the profile's ``device`` (the advisor maps it to hardware and memory)."""

from __future__ import annotations

import pytest

from agents.understand.extract import extract


@pytest.mark.parametrize("message, device", [
    ("400k English and Polish e-mails, on our servers, one RTX 4090", "rtx4090"),
    ("we run it on a Raspberry Pi 5", "raspberry-pi-5"),
    ("my M2 MacBook has 16 GB", "apple-m2"),
    ("an A100 80GB in the basement", "a100"),
    ("we have two T4 GPUs", "t4"),
    ("it has to run on my laptop", "laptop"),
    ("a g5.xlarge on AWS", "a10g"),
    ("a spare 4090 card", "rtx4090"),
])
def test_a_named_device_is_recognised(message, device):
    assert extract(message).updates.get("device") == device


@pytest.mark.parametrize("message", ["4090 documents in English", "take the M2 motorway", "no hardware named here"])
def test_numbers_and_lookalikes_are_not_devices(message):
    assert "device" not in extract(message).updates


def test_the_first_device_named_wins_and_the_same_device_is_not_set_again():
    ex = extract("one RTX 4090 now, maybe an A100 later")
    assert ex.updates["device"] == "rtx4090" and "4090" in ex.evidence["device"]
    from agents.profile import Profile
    assert "device" not in extract("the RTX 4090 again", Profile(device="rtx4090")).updates


@pytest.mark.parametrize("message, memory", [
    ("we'd run it on a single T4", 16.0),
    ("our sagemaker endpoint runs on an A10G", 24.0),
    ("There's an old RTX 3090 under my desk", 24.0),
])
def test_a_single_gpu_sold_in_one_size_gives_its_memory(message, memory):
    assert extract(message).updates.get("memory_gb") == memory


@pytest.mark.parametrize("message, memory", [
    ("we have 2x RTX 4090", None),            # per-card or pooled memory is unclear
    ("two T4 GPUs", None),
    ("an A100", None),                        # sold with 40 or 80 GB
    ("one L4 GPU with 20 GB free", 20.0),     # the stated memory wins
])
def test_no_memory_is_guessed_for_several_cards_or_several_sizes(message, memory):
    assert extract(message).updates.get("memory_gb") == memory
