"""The candidates view of the main page: one card per pick, readable at a glance on any screen.

Each card leads with one plain sentence of why, then the footprint a person decides on (memory, time to
embed the corpus, query latency, monthly cost); the benchmark details sit in an expander. Cards flow into
columns on wide screens and stack on phones (no table whose headers break one letter per line). Every piece
of text is escaped: model names and reasons can only ever show up as text.
"""

from __future__ import annotations

from html import escape
from typing import Any

from app.report.views import TRADEOFF_TITLES, footprint_facts, key_facts, plain_why, score_text

# a pick's roles (the advisor's newer JSON); an unknown role shows as its words ("best_overall" -> "Best overall")
ROLE_TITLES = {"best_api": "Best hosted API", "best_self_hosted": "Best self-hosted"}

CARDS_CSS = """
.ea-picks{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:12px;margin:4px 0 8px}
.ea-card{border:1px solid #d1d5db;border-radius:10px;padding:12px 14px;background:#fff;color:#111827;
 font-family:inherit;font-size:15px;line-height:1.45;min-width:0}
.ea-card h3{margin:0;font-size:16px;font-weight:650;overflow-wrap:anywhere}
.ea-head{display:flex;gap:8px;align-items:baseline;flex-wrap:wrap;margin-bottom:6px}
.ea-rank{background:#1e40af;color:#fff;border-radius:999px;padding:0 8px;font-weight:700;font-size:13px}
.ea-rank.ea-spec{background:#374151}
.ea-tag{color:#1e3a8a;background:#dbeafe;border-radius:6px;padding:0 6px;font-size:13px}
.ea-why{margin:0 0 8px}
.ea-fp{display:grid;grid-template-columns:minmax(6.5em,38%) 1fr;gap:2px 10px;margin:0 0 8px;font-size:14px}
.ea-fp dt{color:#374151;font-weight:600}
.ea-fp dd{margin:0}
.ea-card details{font-size:14px;color:#1f2937}
.ea-card summary{cursor:pointer;color:#1e40af;font-weight:600}
.ea-card details ul{margin:4px 0 4px;padding-left:20px}
.ea-card details p{margin:4px 0}
.ea-empty{color:#374151}
.ea-note{margin:4px 0;font-size:15px;color:#111827}
"""


def _card(p: dict[str, Any], profile: dict[str, Any], specialist: bool) -> str:
    model = escape(str(p.get("model")))
    rank = "specialist" if specialist else f"#{p.get('rank')}"
    # roles ("best_api", "start_small" …) come from the advisor's newer JSON; older recommendations have none
    titles = [TRADEOFF_TITLES.get(x, x) for x in p.get("labels") or []] + [_role(r) for r in p.get("roles") or []]
    tags = "".join(f'<span class="ea-tag">{escape(t)}</span>' for t in dict.fromkeys(titles))
    why = escape(plain_why(p, profile.get("domain")))
    facts = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in footprint_facts(p, profile))
    reasons = "".join(f"<li>{escape(str(r))}</li>" for r in p.get("reasons") or [])
    caveats = "".join(f"<li>{escape(str(c))}</li>" for c in p.get("caveats") or [])
    confidence = str(p.get("confidence") or "")
    details = (f"<p><strong>Score:</strong> {escape(score_text(p))}</p>"
               + (f"<p><strong>Confidence:</strong> {escape(confidence)}"
                  + "".join(f"; {escape(str(r))}" for r in p.get("confidence_reasons") or []) + "</p>"
                  if confidence else "")
               +                f"<p><strong>Key facts:</strong> {escape(key_facts(p.get('facts') or {}))}</p>"
               + (f"<p><strong>Why, in detail:</strong></p><ul>{reasons}</ul>" if reasons else "")
               + (f"<p><strong>Caveats:</strong></p><ul>{caveats}</ul>" if caveats else ""))
    return (f'<article class="ea-card" aria-label="{escape(rank)}: {model}">'
            f'<div class="ea-head"><span class="ea-rank{" ea-spec" if specialist else ""}">{escape(rank)}</span>'
            f"<h3>{model}</h3>{tags}</div>"
            f'<p class="ea-why">{why}</p><dl class="ea-fp">{facts}</dl>'
            f"<details><summary>Details: score, facts, caveats</summary>{details}</details></article>")


def _role(role: str) -> str:
    return ROLE_TITLES.get(role) or role.replace("_", " ").capitalize()


def _after_cards(rec: dict[str, Any]) -> str:
    """Where to start and what would change the advice, when the recommendation says so (newer JSON only)."""
    parts = []
    small = rec.get("start_small")
    if isinstance(small, dict) and small.get("model"):
        why = f" {escape(str(small['why']))}" if small.get("why") else ""
        parts.append(f'<p class="ea-note"><strong>Start small:</strong> {escape(str(small["model"]))}.{why}</p>')
    changes = [str(c.get("sentence")) for c in rec.get("what_would_change") or []
               if isinstance(c, dict) and c.get("sentence")]
    if changes:
        parts.append('<p class="ea-note"><strong>What would change the advice:</strong></p><ul class="ea-note">'
                     + "".join(f"<li>{escape(c)}</li>" for c in changes) + "</ul>")
    return "".join(parts)


def picks_html(rec: dict[str, Any] | None) -> str:
    """The cards of a recommendation's picks, then its domain specialists ("" without a recommendation)."""
    if not rec:
        return ""
    profile = rec.get("profile") or {}
    cards = [_card(p, profile, False) for p in rec.get("recommendations") or []]
    cards += [_card(p, profile, True) for p in rec.get("specialists") or []]
    if not cards:
        return '<p class="ea-empty">No model meets every hard constraint; see "Why not these?" below.</p>'
    return f'<div class="ea-picks" id="ea-picks">{"".join(cards)}</div>' + _after_cards(rec)
