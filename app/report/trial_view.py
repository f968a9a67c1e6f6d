"""A finished trial for people: one plain sentence first, then a table whose columns explain themselves.

No gradio here; pure functions of ``TrialResult.to_dict()``. A model is never called "best" when it was compared
with the keyword baseline only.
"""

from __future__ import annotations

from html import escape
from typing import Any

from agents.trial.metrics import PRIMARY
from app.report.views import fmt_num

BASELINE = "bm25"
# (header, what it means): shown as the header's tooltip and in the "What the columns mean" list.
COLUMNS = (
    ("Model", "The embedding model, or keyword search (BM25, no model) as the baseline."),
    ("Found in top 5", "Questions whose right document was among the first 5 results."),
    ("nDCG@10", "Ranking quality of the first 10 results, from 0 to 1: 1 means the right documents come first. "
                "In brackets: the range the true value lies in with 95% confidence."),
    ("Recall@1", "Share of questions whose right document came first."),
    ("Recall@10", "Share of the right documents found in the first 10 results."),
    ("MRR@10", "How high the first right document ranks: 1 if first, 0.5 if second, … (0 if not in the top 10)."),
    ("Speed", "Documents embedded per second on this server."),
    ("Index size", "Storage for your whole corpus's vectors (float32), before any compression."),
)
TABLE_CSS = """
.ea-trial-table{overflow-x:auto}
.ea-trial-table table{border-collapse:collapse;font-size:14px;min-width:560px;width:100%}
.ea-trial-table th,.ea-trial-table td{border:1px solid #d1d5db;padding:5px 8px;text-align:left;white-space:nowrap}
.ea-trial-table th{background:#f3f4f6;color:#111827}
.ea-trial-table th span{border-bottom:1px dotted #374151;cursor:help}
.ea-trial-table details{font-size:14px;margin-top:6px;color:#1f2937}
.ea-trial-table dt{font-weight:600}
.ea-trial-table dd{margin:0 0 4px 0}
"""


def _systems(trial: dict[str, Any]) -> list[dict[str, Any]]:
    return list(trial.get("candidates") or []) + ([trial["baseline"]] if trial.get("baseline") else [])


def _found(s: dict[str, Any], n: int) -> int | None:
    """Questions with a right document in the top 5 (older results without counts: estimated from Recall@5)."""
    found = (s.get("found") or {}).get("top5")
    if found is not None:
        return int(found)
    recall = (s.get("metrics") or {}).get("recall@5")
    return round(recall * n) if recall is not None and n else None


def _name(model: str) -> str:
    return "keyword search" if model == BASELINE else model


def system_name(model: str) -> str:
    """A system's name in the table and the chart: the model id, or "keyword search (BM25)" for the baseline."""
    return "keyword search (BM25)" if model == BASELINE else model


def result_sentence(trial: dict[str, Any] | None) -> str:
    """'On 40 questions …, X found the right document in the top 5 for 39, keyword search 35.' plus what it means."""
    if not trial:
        return ""
    n = int((trial.get("sample") or {}).get("queries") or 0)
    asked = f"{n} test questions made from your documents" if trial.get("label_free") else f"your {n} questions"
    cands = sorted(trial.get("candidates") or [], key=lambda s: -(_found(s, n) or 0))
    base = trial.get("baseline")
    parts = [f"{_name(str(s.get('model')))} {_found(s, n) if _found(s, n) is not None else '?'}"
             for s in [*cands, *([base] if base else [])]]
    if not parts:
        return "Nothing ran."
    first, rest = parts[0].rsplit(" ", 1), parts[1:]
    text = (f"On {asked}, {first[0]} found the right document in the top 5 for {first[1]} of {n}"
            + (", " + ", ".join(rest) if rest else "") + ".")
    if not cands:
        return text + " No embedding model ran."
    if len(cands) == 1:
        verdict = _against_baseline(cands[0])
        return (text + f" Only one model ran: {cands[0].get('model')}{verdict}. It was compared with keyword search "
                "only, so this does not choose between the recommended models.")
    best = trial.get("best")
    if best == BASELINE:
        return text + " Keyword search did best on this sample."
    top = next((s for s in cands if s.get("model") == best), cands[0])
    return text + f" Best here: {top.get('model')}{_against_baseline(top)}."


def _against_baseline(s: dict[str, Any]) -> str:
    verdict = (s.get("vs_baseline") or {}).get("verdict")
    if verdict == "significantly better":
        return ", clearly better than keyword search"
    if verdict == "significantly worse":
        return ", clearly worse than keyword search"
    return ", not clearly different from keyword search on a sample this size" if verdict else ""


def results_table_html(trial: dict[str, Any] | None) -> str:
    """The results table; each header explains itself on hover, and in a list under the table."""
    if not trial:
        return ""
    n = int((trial.get("sample") or {}).get("queries") or 0)
    several = len(trial.get("candidates") or []) > 1
    head = "".join(f'<th scope="col"><span title="{escape(tip)}">{escape(h)}</span></th>' for h, tip in COLUMNS)
    rows = []
    for s in _systems(trial):
        m = s.get("metrics") or {}
        lo, hi = ((s.get("ci95") or {}).get(PRIMARY) or [None, None])[:2]
        name = system_name(str(s.get("model")))
        if several and s.get("model") == trial.get("best"):
            name += " — best here"
        found = _found(s, n)
        cells = [name, f"{found} of {n}" if found is not None else "–",
                 fmt_num(m.get(PRIMARY)) + (f" ({fmt_num(lo)}–{fmt_num(hi)})" if lo is not None else ""),
                 fmt_num(m.get("recall@1")), fmt_num(m.get("recall@10")), fmt_num(m.get("mrr@10")),
                 f"{fmt_num(s['docs_per_s'])} docs/s" if s.get("docs_per_s") is not None else "–",
                 str(((s.get("index_size") or {}).get("human") or {}).get("float32", "–"))]
        rows.append("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>")
    legend = "".join(f"<dt>{escape(h)}</dt><dd>{escape(tip)}</dd>" for h, tip in COLUMNS[1:])
    return (f'<div class="ea-trial-table"><table><caption style="text-align:left;font-weight:600">Trial results'
            f'</caption><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
            f"<details><summary>What the columns mean</summary><dl>{legend}</dl></details></div>")
