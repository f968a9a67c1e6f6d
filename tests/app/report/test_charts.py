"""Inline SVG charts: escaped labels, honest handling of unknown values, highlighted picks."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from app.report.charts import Bar, Point, bar_svg, scatter_svg

NS = "{http://www.w3.org/2000/svg}"


def test_scatter_marks_picks_and_crosses_out_excluded():
    pts = [Point("a/pick", 3e8, 60.0, "pick", tag="1"), Point("b/cand", 1e8, 55.0, "candidate"),
           Point("c/excl", 7e9, 66.0, "excluded", "cloud API only")]
    svg = scatter_svg(pts, "model size", "score", "Score vs size")
    root = ET.fromstring(svg)                                    # well-formed XML
    groups = {g.get("class"): g for g in root.iter(f"{NS}g")}
    assert {"pt pick", "pt candidate", "pt excluded"} <= set(groups)
    assert groups["pt excluded"].find(f"{NS}circle") is None                  # a cross, not a faint dot
    assert groups["pt excluded"].find(f"{NS}path").get("stroke") == "#4b5563"  # 7.6:1 on white
    texts = ["".join(t.itertext()) for t in root.iter(f"{NS}text")]
    assert "1" in texts and "1 a/pick" in texts                  # the pick is marked "1" and named in the key
    assert "cloud API only" in groups["pt excluded"].find(f"{NS}title").text


def test_points_without_values_are_counted_not_drawn_at_zero():
    pts = [Point("known", 1e8, 50.0, "pick"), Point("api-model", None, 62.0, "candidate"),
           Point("no-score", 2e8, None, "excluded")]
    root = ET.fromstring(scatter_svg(pts, "size", "score"))
    assert len(list(root.iter(f"{NS}circle"))) == 1 + 2         # one point + the legend's pick and candidate
    assert "2 model(s) not shown: value unknown" in scatter_svg(pts, "size", "score")
    assert "No model has both values" in scatter_svg([Point("x", None, None)], "size", "score")


def test_labels_are_escaped():
    evil = '<script>alert(1)</script>'
    for svg in (scatter_svg([Point(evil, 1e8, 1.0, "pick", evil)], evil, evil, evil),
                bar_svg([Bar(evil, 0.5, 0.4, 0.6, True)], evil, evil)):
        assert "<script" not in svg
        ET.fromstring(svg)


def test_bars_with_interval_whiskers():
    svg = bar_svg([Bar("m1", 0.9, 0.85, 0.95, True), Bar("bm25", 0.7)], "ndcg@10")
    root = ET.fromstring(svg)
    assert len(list(root.iter(f"{NS}rect"))) == 3                # background + two bars
    titles = [t.text for t in root.iter(f"{NS}title")]
    assert titles[0] == "m1: 0.900 (95% CI 0.850–0.950)" and titles[1] == "bm25: 0.700"
