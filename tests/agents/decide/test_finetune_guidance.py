"""The advisor's fine-tuning guidance points to the fine-tune trial with the user's numbers."""

from __future__ import annotations

from agents.decide import finetune as guidance
from agents.profile import Profile
from tests.agents.decide.test_ranking import card

PROFILE = Profile(data_type="text", task="search", domain="medical", languages=["en"], hardware="cpu")


def test_open_model_guidance_names_the_command_with_its_id():
    advice = guidance.advise(card("acme/small", 50.0, sentence_transformers=True, hf_id="acme/small-v1"),
                             PROFILE, []).to_dict()
    assert advice["command"].startswith("python -m app.cli finetune ") and "--model acme/small-v1" in advice["command"]
    assert advice["estimate"]["pairs"] == guidance.PAIRS_TO_SEE_A_GAIN
    assert any(advice["command"] in h for h in advice["how"])


def test_cpu_estimate_grows_with_model_size_and_gpu_gets_no_invented_number(monkeypatch):
    monkeypatch.setattr(guidance, "MINILM_PAIRS_PER_S_2CORE", 4.0)
    small = guidance.training_estimate(22_713_216, "cpu")
    large = guidance.training_estimate(335_000_000, "cpu")
    assert small["minutes"] == round(1000 / 4.0 / 60, 1) and large["minutes"] > 10 * small["minutes"]
    gpu = guidance.training_estimate(335_000_000, "gpu")
    assert gpu["minutes"] is None and "not measured" in gpu["text"]
    assert guidance.training_estimate(None, "cpu")["minutes"] is None


def test_api_models_get_no_fine_tune_command():
    api = card("openai/text-embedding-3-small", 50.0, open_weights=False)
    advice = guidance.advise(api, PROFILE, []).to_dict()
    assert advice["possible"] is False and advice["command"] is None
