"""Before a trial: the decision which candidates run now, which after a download (an online server only), which
cannot run, and why — with a hub look-up stood in by a function (no network)."""

from __future__ import annotations

import pytest

from agents.trial import ApiEndpoint
from agents.trial.errors import TrialError
from app.report.blocks import md_text
from app.web.trial_plan import DOWNLOAD, READY, UNAVAILABLE, choice_label, plan_markdown, trial_plan
from knowledge.embedding import PACKAGED_ID

NOT_HERE = "example-org/not-on-this-machine"
API = "openai/text-embedding-3-small"


def sizes(repo: str) -> int:
    return {NOT_HERE: 1_340_000_000}[repo]


def plan(online: bool, api=None, size_of=sizes):
    return {i.model: i for i in trial_plan([NOT_HERE, API, PACKAGED_ID], None, api or {}, online, size_of)}


def test_offline_server_offers_no_download_and_says_why():
    items = plan(online=False)
    assert items[NOT_HERE].status == UNAVAILABLE and "does not download models" in items[NOT_HERE].why
    assert items[API].status == UNAVAILABLE and "no API key" in items[API].why
    assert items[PACKAGED_ID].status == READY
    text = plan_markdown(list(items.values()), False, md_text)
    assert "Cannot run here" in text and "EA_ONLINE=true" in text and "Download" not in text


def test_online_server_offers_the_download_with_its_size():
    asked: list[str] = []
    items = plan(online=True, size_of=lambda repo: asked.append(repo) or sizes(repo))
    item = items[NOT_HERE]
    assert item.status == DOWNLOAD and item.size_bytes == 1_340_000_000 and item.load_name == NOT_HERE
    assert asked == [NOT_HERE]                               # only what is missing is looked up
    assert choice_label(item) == f"{NOT_HERE} — needs a download (1.3 GB)"
    text = plan_markdown(list(items.values()), True, md_text)
    assert "Can run after a download" in text and "1.3 GB" in text and "EA_ONLINE" not in text


def test_a_hub_refusal_makes_the_candidate_unavailable_with_the_reason():
    def refuse(repo: str) -> int:
        raise TrialError(f"cannot look up {repo} on Hugging Face: gated model")

    assert plan(online=True, size_of=refuse)[NOT_HERE].status == UNAVAILABLE
    assert "gated model" in plan(online=True, size_of=refuse)[NOT_HERE].why


def test_a_configured_key_makes_the_api_model_ready_and_says_the_sample_leaves():
    item = plan(online=False, api={"openai": ApiEndpoint("openai", "sk-test", "https://api.example/v1")})[API]
    assert item.status == READY and "sent to it" in item.why


@pytest.mark.parametrize("online", [False, True])
def test_the_order_of_the_recommendation_is_kept(online):
    assert [i.model for i in trial_plan([API, NOT_HERE], None, {}, online, sizes)] == [API, NOT_HERE]
