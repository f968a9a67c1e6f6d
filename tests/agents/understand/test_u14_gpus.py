"""Session 15 (u14bugs): several GPUs from pasted nvidia-smi rows (the count, and each card's memory from its row) and
from "dual", "twin", "2x" before a card's bare number. Examples in my own words."""

from __future__ import annotations

import pytest

from agents.understand.extract import extract

_TABLE = ("| GPU  Name        Persistence-M| Bus-Id        Disp.A | Volatile Uncorr. ECC |\n"
          "|   0  NVIDIA L40S          On   | 00000000:17:00.0 Off |                    0 |\n"
          "| N/A   30C    P8    33W / 350W |      4MiB / 46068MiB |      0%      Default |\n"
          "|   1  NVIDIA L40S          On   | 00000000:31:00.0 Off |                    0 |\n"
          "| N/A   29C    P8    32W / 350W |      4MiB / 46068MiB |      0%      Default |\n"
          "|   2  NVIDIA L40S          On   | 00000000:B1:00.0 Off |                    0 |\n"
          "| N/A   31C    P8    34W / 350W |      4MiB / 46068MiB |      0%      Default |\n")


def test_nvidia_smi_rows_count_the_gpus_and_give_each_ones_memory():
    ex = extract("this is our box:\n" + _TABLE)
    assert ex.updates["gpu_count"] == 3
    assert ex.updates["hardware"] == "gpu"
    assert 44 < ex.updates["memory_gb"] < 46   # 46,068 MiB: one card's, not the three together


def test_nvidia_smi_list_counts_the_gpus():
    ex = extract("nvidia-smi -L prints\nGPU 0: NVIDIA A10G (UUID: GPU-aa11)\nGPU 1: NVIDIA A10G (UUID: GPU-bb22)")
    assert ex.updates["gpu_count"] == 2


def test_one_nvidia_smi_row_is_one_gpu():
    one = _TABLE.split("|   1")[0]
    ex = extract(one)
    assert "gpu_count" not in ex.updates
    assert ex.updates["hardware"] == "gpu"


@pytest.mark.parametrize("message, count", [
    ("dual 3090 in a workstation", 2),
    ("we have twin RTX 4090s", 2),
    ("2x 4080 on one board", 2),
    ("two L40S cards", 2),
])
def test_several_cards_said_before_their_name(message, count):
    ex = extract(message)
    assert ex.updates["gpu_count"] == count
    assert ex.updates["hardware"] == "gpu"


@pytest.mark.parametrize("message", ["a dual-core laptop", "4090 documents to index", "dual licence: MIT or Apache"])
def test_dual_without_a_gpu_counts_no_gpus(message):
    assert "gpu_count" not in extract(message).updates
