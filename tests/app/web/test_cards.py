"""The candidates view as HTML: a card per pick with one plain sentence and the footprint; the advisor's newer
fields (why, roles, confidence, start_small, what_would_change) show when present and are simply absent otherwise."""

from __future__ import annotations

from app.web.cards import picks_html

OLD_PICK = {"model": "org/old-style", "rank": 1, "score": 0.61,
            "reasons": ["ranked 2 of 40 candidates on retrieval (MTEB, 12/14 tasks)"],
            "evidence": {"benchmark": "MTEB(eng, v2)", "task_type": "Retrieval"},
            "footprint": {"memory_needed_gb": 1.2, "query_latency_ms_cpu": 35.0}}


def test_an_older_recommendation_still_gets_a_card_with_a_plain_sentence_and_the_footprint():
    html = picks_html({"profile": {"hardware": "cpu"}, "recommendations": [OLD_PICK]})
    why = html.split('class="ea-why">')[1].split("</p>")[0]
    assert why.endswith(".") and "MTEB" not in why and "tasks" not in why
    assert "<dt>Memory</dt><dd>~1.2 GB RAM" in html and "<dt>Query latency</dt>" in html
    assert "Start small" not in html and "What would change" not in html and "Confidence" not in html


def test_the_advisors_newer_fields_show_when_present():
    pick = dict(OLD_PICK, why="Strongest on search tests among the models that fit.", roles=["best_self_hosted"],
                confidence="medium", confidence_reasons=["scores from 12 of 14 tasks"])
    rec = {"profile": {}, "recommendations": [pick],
           "start_small": {"model": "org/tiny", "why": "A tenth of the size; try it first."},
           "what_would_change": [{"sentence": "With a GPU, org/big would be the top pick."}, {"other": 1}]}
    html = picks_html(rec)
    assert '<p class="ea-why">Strongest on search tests among the models that fit.</p>' in html
    assert '<span class="ea-tag">Best self-hosted</span>' in html
    assert "<strong>Confidence:</strong> medium; scores from 12 of 14 tasks" in html
    assert "<strong>Start small:</strong> org/tiny. A tenth of the size; try it first." in html
    assert "<li>With a GPU, org/big would be the top pick.</li>" in html


def test_text_from_the_recommendation_is_escaped():
    html = picks_html({"profile": {}, "recommendations": [dict(OLD_PICK, model="<img src=x onerror=alert(1)>",
                                                                why="<b>bold</b>")]})
    assert "<img" not in html and "<b>" not in html and "&lt;img" in html


def test_no_pick_says_why_instead_of_an_empty_box():
    assert "No model meets every hard constraint" in picks_html({"profile": {}, "recommendations": []})
    assert picks_html(None) == ""
