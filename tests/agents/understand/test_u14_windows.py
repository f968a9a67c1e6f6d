"""Session 15 (u14bugs): an indexing window said as a night or a weekend in Chinese, Japanese, Korean and Thai (written
glued to the words around it), and hours allowed each night ("every night, only three hours"). My own examples."""

from __future__ import annotations

import pytest

from agents.understand.extract import extract


@pytest.mark.parametrize("message, hours", [
    ("全量索引可以通宵跑完", 12.0),
    ("向量化放在周末做就行", 48.0),
    ("初回のインデックスは一晩で終わればOKです", 12.0),
    ("再インデックスは週末に実行できます", 48.0),
    ("처음 인덱싱은 밤새 돌려도 괜찮아요", 12.0),
    ("전체 임베딩은 주말에 하면 됩니다", 48.0),
    ("สร้างดัชนีใหม่ทั้งหมดข้ามคืนได้", 12.0),
    ("ทำดัชนีครั้งแรกช่วงสุดสัปดาห์", 48.0),
])
def test_a_night_or_a_weekend_is_the_indexing_window(message, hours):
    assert extract(message).updates["index_window_hours"] == hours


@pytest.mark.parametrize("message, hours", [
    ("the nightly re-embedding gets only two hours", 2.0),
    ("the index rebuild can run every night, but only for four hours", 4.0),
    ("每天晚上只有2个小时可以重建索引", 2.0),
    ("毎晩2時間だけインデックスを更新できます", 2.0),
    ("매일 밤 2시간만 인덱싱할 수 있어요", 2.0),
])
def test_hours_allowed_each_night_are_the_window(message, hours):
    assert extract(message).updates["index_window_hours"] == hours


@pytest.mark.parametrize("message", [
    "每天晚上重建一次索引",          # every night: how often, not how long
    "毎晩インデックスを更新します",
    "这个周末我们开会讨论模型",      # a weekend with no indexing job
    "週末は家族と過ごします",
    "매일 밤 인덱싱합니다",
])
def test_every_night_or_a_weekend_without_a_job_is_no_window(message):
    assert "index_window_hours" not in extract(message).updates
