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


@pytest.mark.parametrize("message, device, memory", [
    ("inference would run on a g4dn.2xlarge in our AWS account", "t4", 16.0),
    ("we'd rent one g5.xlarge for the embedding job", "a10g", 24.0),
    ("our cluster uses g6.4xlarge nodes", "l4", 24.0),
    ("a p3.2xlarge is what we have", "v100", 16.0),                 # V100 is sold with 16 or 32 GB; a p3 carries 16
    ("infra offered us a GCP g2-standard-8 with its single L4", "l4", 24.0),
    ("Standard_NC24ads_A100_v4 on Azure", "a100", 80.0),            # the A100 80GB of that family
    ("GCP, a2-highgpu-1g", "a100", 40.0),                         # A2 Standard carries the A100 40GB
    ("on Azure: Standard_NC4as_T4_v3", "t4", 16.0),
])
def test_a_single_gpu_cloud_instance_means_a_gpu_its_device_and_its_memory(message, device, memory):
    u = extract(message).updates
    assert (u.get("hardware"), u.get("device"), u.get("memory_gb")) == ("gpu", device, memory)


@pytest.mark.parametrize("message", [
    "we have a g5.12xlarge",                 # 4 A10G: one card's memory is not the budget
    "training box is a p4d.24xlarge",
    "a2-highgpu-4g on GCP",
    "Standard_NC64as_T4_v3",
    "a g2-standard-24 in europe-west4",       # 2 L4s
    "a p3dn.24xlarge for the backfill",       # 8 V100s of 32 GB
])
def test_a_multi_gpu_or_unknown_size_instance_sets_only_a_gpu(message):
    u = extract(message).updates
    assert u.get("hardware") == "gpu" and "device" not in u and "memory_gb" not in u


@pytest.mark.parametrize("message", ["we sell gg4dn.xlargely", "invoice g5-2024 attached", "2 million docs in English"])
def test_lookalikes_are_no_instance(message):
    u = extract(message).updates
    assert "device" not in u and u.get("hardware") != "gpu"


def test_an_instance_name_is_no_model_name_and_no_count():
    u = extract("200k support tickets in English, on an a2-highgpu-1g").updates
    assert u.get("documents") == 200000 and u.get("device") == "a100"


@pytest.mark.parametrize("message", [
    "scratch the GPU, it's going to be CPU only after all",
    "forget the GPU",
    "ditch the GPU, we run on plain servers",
    "no T4 after all, CPU only",
])
def test_dropping_the_gpu_is_a_correction_to_cpu_and_drops_the_device(message):
    from agents.profile import Profile
    ex = extract(message, Profile(hardware="gpu", device="t4", memory_gb=16))
    assert ex.updates.get("hardware") == "cpu" and "device" in ex.cleared and "device" not in ex.updates


@pytest.mark.parametrize("message", ["forget the hardware", "the GPU doesn't matter"])
def test_forgetting_the_hardware_only_clears_it(message):
    from agents.profile import Profile
    ex = extract(message, Profile(hardware="gpu"))
    assert "hardware" in ex.cleared and "hardware" not in ex.updates


@pytest.mark.parametrize("message", ["16GB RAM, integrated graphics only", "old office PCs with onboard graphics"])
def test_integrated_graphics_is_a_cpu_machine(message):
    assert extract(message).updates.get("hardware") == "cpu"


@pytest.mark.parametrize("message, updates", [
    # round 6: a board without a GPU is CPU; the GPU count of a sized cloud instance; counts before a GPU in other
    # languages and with a CJK counter
    ("it runs on a Pi 5 (the 8 gig one)", {"hardware": "cpu", "device": "raspberry-pi-5"}),
    ("the batch embed would run on a g4dn.12xlarge", {"hardware": "gpu", "gpu_count": 4}),
    ("Abbiamo due schede A100 da 40 GB ciascuna.", {"hardware": "gpu", "gpu_count": 2, "memory_gb": 40}),
    ("我们有4张A100显卡，每张80GB。", {"hardware": "gpu", "gpu_count": 4, "memory_gb": 80}),
    ("Wir haben zwei Karten A100.", {"hardware": "gpu", "gpu_count": 2}),
    # round 10: small counts in words of more languages before the GPU
    ("Imamo dvije kartice NVIDIA A100.", {"hardware": "gpu", "gpu_count": 2}),
    ("Сървърът има четири NVIDIA L4.", {"hardware": "gpu", "gpu_count": 4}),
    ("Gagnaverið er með fjögur A100 80GB.", {"hardware": "gpu", "gpu_count": 4, "memory_gb": 80}),
    ("სერვერში სამი RTX 4090 გვაქვს.", {"hardware": "gpu", "gpu_count": 3}),
    ("A gépben két RTX 4090 van.", {"hardware": "gpu", "gpu_count": 2}),
    ("L'usage du GPU A100 est limité.", {"hardware": "gpu", "gpu_count": None}),
])
def test_boards_instances_and_counts_in_other_languages(message, updates):
    u = extract(message).updates
    assert {k: u.get(k) for k in updates} == updates
