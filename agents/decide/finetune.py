"""Fine-tuning guidance for a pick: is it possible, is it worth it, what data it needs, and how.

Possible = open weights; the recipe below needs a sentence-transformers compatible checkpoint.
Worth it = the user has (or wants to build) labelled data, or the domain is specialised and the
pick has no comparable score on a benchmark of that domain. The counts are rules of thumb, stated as such.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from agents.decide.evidence import DOMAIN_BENCHMARKS, Evidence
from agents.decide.footprint import compute_parameters
from agents.profile import Profile
from knowledge.schema import Card

SETFIT_URL = "https://arxiv.org/abs/2209.11055"
ST_TRAINING_URL = "https://sbert.net/docs/sentence_transformer/training_overview.html"
_RETRIEVAL = {None, "search", "rag", "recommendation"}

# all-MiniLM-L6-v2 (22.7M parameters), 1 epoch, batch 16, CPU: training pairs per second on this project's
# 2-core machine while five other test suites ran (load average ~14; docs/finetune.md, 2026-12-01). The
# slower of two runs: estimates from it are an upper bound; an idle machine is faster (not yet measured).
MINILM_PAIRS_PER_S_2CORE = 0.49
MINILM_PARAMS = 22_713_216
PAIRS_TO_SEE_A_GAIN = 1000
FINETUNE_COMMAND = ("python -m app.cli finetune --docs YOUR_DOCS --queries YOUR_PAIRS.jsonl --model {model} "
                    "--epochs 1 --out finetuned --format md")

SCRIPT = '''# pip install "sentence-transformers[train]"
from datasets import load_dataset
from sentence_transformers import SentenceTransformer, SentenceTransformerTrainer, SentenceTransformerTrainingArguments
from sentence_transformers.sentence_transformer.losses import {loss}

model = SentenceTransformer("{model}")
train = load_dataset("json", data_files="{data_file}", split="train")  # {columns}
args = SentenceTransformerTrainingArguments(output_dir="finetuned", num_train_epochs=1,
                                           per_device_train_batch_size=32, learning_rate=2e-5)
SentenceTransformerTrainer(model=model, args=args, train_dataset=train, loss={loss}(model)).train()
model.save_pretrained("finetuned/final")
'''


@dataclass
class FineTuneAdvice:
    """Guidance for one model."""

    model: str
    possible: bool
    worth_it: bool
    why: list[str] = field(default_factory=list)
    data: list[str] = field(default_factory=list)
    how: list[str] = field(default_factory=list)
    script: str | None = None
    command: str | None = None  # the fine-tune trial on the user's own pairs
    estimate: dict | None = None  # pairs needed and the training time expected on the user's hardware

    def to_dict(self) -> dict:
        return {"model": self.model, "possible": self.possible, "worth_it": self.worth_it, "why": self.why,
                "data": self.data, "how": self.how, "script": self.script, "command": self.command,
                "estimate": self.estimate}


def advise(card: Card, profile: Profile, domain_evidence: list[Evidence]) -> FineTuneAdvice:
    """Fine-tuning advice for ``card``; ``domain_evidence`` = its results on the domain benchmarks."""
    if not card.open_weights:
        return FineTuneAdvice(card.id, False, False,
                              ["cloud API: the weights are not available, so you cannot fine-tune it yourself; "
                               "if quality on your data falls short, pick an open-weights model to fine-tune"])
    why: list[str] = []
    possible = True
    if card.sentence_transformers is False:
        why.append("open weights, but not a sentence-transformers checkpoint: train it with its own code "
                   "(see the model card); the recipe below does not apply as is")
    elif card.sentence_transformers is None:
        why.append("open weights; sentence-transformers support is not declared: it may load as a plain "
                   "transformer + pooling, check before training")
    else:
        why.append("open weights and sentence-transformers compatible: the standard training recipe applies")
    domain = "code" if profile.data_type == "code" else profile.domain
    specialised = domain not in (None, "general")
    has_domain_score = any(e.comparable for e in domain_evidence)
    worth = bool(profile.fine_tuning)
    if profile.fine_tuning:
        why.append("you said you can fine-tune / have labelled data")
    if specialised and not has_domain_score:
        worth = True
        bench = " / ".join(DOMAIN_BENCHMARKS.get(domain or "", ())) or "no public benchmark for this domain"
        why.append(f"{domain} is a specialised domain and this model has no comparable score there ({bench}): "
                   "measure it on your data (the trial) and fine-tune if it falls short")
    elif specialised:
        why.append(f"it has a comparable {domain} benchmark score; fine-tune only if the trial on your data disappoints")
    elif not profile.fine_tuning:
        why.append("general domain with good benchmark evidence: start with the pre-trained model")
    data, loss, columns = _data(profile)
    how = [f"sentence-transformers SentenceTransformerTrainer with {loss} ({ST_TRAINING_URL})",
           "hold out ~10% of your pairs and compare before/after with an evaluator (or the trial) before switching",
           "after fine-tuning, re-embed the whole corpus with the new model (old and new vectors are not compatible)"]
    if loss == "MultipleNegativesRankingLoss":
        how.insert(1, "in-batch negatives: larger batches help (CachedMultipleNegativesRankingLoss for big batches "
                      "on little memory); sentence_transformers.util.mine_hard_negatives adds hard negatives")
    if card.matryoshka_dims:
        how.append("wrap the loss in MatryoshkaLoss to keep the truncatable dimensions")
    script = SCRIPT.format(model=card.hf_id or card.id, loss=loss, data_file="pairs.jsonl", columns=columns) \
        if card.sentence_transformers is not False else None
    command = estimate = None
    if card.sentence_transformers is not False and loss == "MultipleNegativesRankingLoss":
        command = FINETUNE_COMMAND.format(model=card.hf_id or card.id)
        estimate = training_estimate(compute_parameters(card) if card.n_parameters else None, profile.hardware)
        how.insert(0, f"measure it first on your own pairs: `{command}` (held-out split by document, before/after "
                      "with 95% intervals)" + (f"; {estimate['text']}" if estimate.get("text") else ""))
    return FineTuneAdvice(card.id, possible, worth, why, data, how, script, command, estimate)


def training_estimate(n_parameters: float | None, hardware: str | None,
                      pairs: int = PAIRS_TO_SEE_A_GAIN) -> dict:
    """Expected CPU training time for ``pairs`` pairs x 1 epoch, scaled from MiniLM by parameter count
    (pass :func:`~agents.decide.footprint.compute_parameters`: a large token table is a lookup, not compute).

    Only for CPU (the hardware we measured); a GPU is much faster but we have no measurement of it.
    """
    out: dict = {"pairs": pairs, "epochs": 1, "hardware": hardware or "cpu", "minutes": None, "text": ""}
    if hardware == "gpu":
        out["text"] = (f"about {pairs:,} pairs; on a GPU training is far faster than on CPU (not measured here)")
        return out
    if not MINILM_PAIRS_PER_S_2CORE or not n_parameters:
        out["text"] = f"about {pairs:,} pairs (training time unknown for this model size)"
        return out
    rate = MINILM_PAIRS_PER_S_2CORE * MINILM_PARAMS / n_parameters  # cost grows roughly with parameter count
    out["minutes"] = round(pairs / rate / 60, 1)
    out["text"] = (f"about {pairs:,} pairs; at most ~{out['minutes']:g} min for 1 epoch on a 2-core CPU (scaled "
                   f"from all-MiniLM-L6-v2's {MINILM_PAIRS_PER_S_2CORE} pairs/s, measured on a busy 2-core machine, "
                   "by parameter count; rough, an idle machine is faster)")
    out["basis"] = "fine-tune demo runs on a busy 2-core CPU (docs/finetune.md), scaled by parameter count"
    return out


def _data(profile: Profile) -> tuple[list[str], str, str]:
    task = profile.task
    if task in _RETRIEVAL:
        return ([
            "(query, relevant passage) pairs from your own data - e.g. real user questions with the document "
            "that answered them; triplets with a hard negative (a similar but wrong passage) help further",
            "rule of thumb: about 1,000 pairs to see a gain, 10,000+ for a robust one",
        ], "MultipleNegativesRankingLoss", '{"anchor": query, "positive": passage} per line')
    if task == "classification":
        return ([
            "labelled examples per class; SetFit-style contrastive fine-tuning works with as few as 8 per class "
            f"({SETFIT_URL}), more when classes are close",
        ], "MultipleNegativesRankingLoss", '{"anchor": text, "positive": another text of the same class} per line')
    if task == "similarity":
        return (["sentence pairs with a similarity score in [0, 1]; rule of thumb: a few thousand pairs"],
                "CoSENTLoss", '{"sentence1": ..., "sentence2": ..., "score": 0.0-1.0} per line')
    return (["pairs of texts that belong together (duplicates / same cluster); rule of thumb: a few thousand pairs"],
            "MultipleNegativesRankingLoss", '{"anchor": text, "positive": its duplicate} per line')
