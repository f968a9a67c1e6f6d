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
