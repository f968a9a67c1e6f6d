"""Session 14 (u13fix) slot classes of the understanding round 13 misses, with examples in my own words: where the data
may go (ar, gu, be, Arabizi, th, fr, vi), domains (invoices, Arabic contracts, Russian product reviews, filings), pasted
nproc / free -g / Kubernetes limits, cores per socket, new items per week or day in id/fi/ja, a total said after
"insgesamt"/"一共", the part that is embedded, a replaced figure ("X was too strict"), clock windows."""

from __future__ import annotations

import pytest

from agents.profile import Profile
from agents.understand.extract import extract


@pytest.mark.parametrize("message, privacy", [
    ("الوثائق لا يجوز أن تخرج من الشركة", "local_only"),
    ("ફાઇલો કંપનીની બહાર ન જાય", "local_only"),
    ("у воблака нельга, толькі на нашых серверах", "local_only"),
    ("el files lazem teb2a 3ndna", "local_only"),
    ("รายงานออกนอกบริษัทไม่ได้", "local_only"),
    ("on passera par une API hébergée chez Scaleway", "cloud_ok"),
    ("tài liệu được phép lên cloud", "cloud_ok"),
])
def test_where_the_data_may_go(message, privacy):
    assert extract(message).updates.get("privacy") == privacy


@pytest.mark.parametrize("message, domain", [
    ("cerca de 400 mil notas fiscais", "finance"),
    ("حوالي ٢٠ ألف عقد", "legal"),
    ("миллион отзывов о товарах", "e-commerce"),
    ("about 5,000 regulatory filings", "finance"),
])
def test_domains_in_more_words(message, domain):
    assert extract(message).updates.get("domain") == domain


def test_pasted_nproc_and_free():
    ex = extract("`nproc` says 12; `free -g`:\n        total  used  free\nMem:      31     4    27\n")
    assert ex.updates.get("cpu_cores") == 12
    assert ex.updates.get("memory_gb") == 31


@pytest.mark.parametrize("message, cores", [
    ("limits:\n  cpu: \"6\"\n  memory: 24Gi\n", 6),
    ("два сокета по 16 ядер", 32),
    ("ใช้ CPU 12 คอร์แทน", 12),
])
def test_cores_from_limits_sockets_and_glued_words(message, cores):
    assert extract(message).updates.get("cpu_cores") == cores


def test_millicores_are_no_core_count():
    assert "cpu_cores" not in extract("requests:\n  cpu: 250m\n").updates


@pytest.mark.parametrize("message, per_day", [
    ("tiap minggu ada sekitar 14 ribu surat baru", 2000),
    ("päivässä tulee noin 50 uutta viestiä", 50),
    ("毎日２００件ずつ増えます", 200),
])
def test_new_items_per_period(message, per_day):
    assert extract(message).updates.get("ingest_per_day") == pytest.approx(per_day)


@pytest.mark.parametrize("profile_docs, message, docs", [
    (40_000, "dazu noch 10.000 Berichte, also insgesamt 50.000", 50_000),
    (100_000, "再加上日文文档，一共15万", 150_000),
    (None, "the drive holds 70k files but only the 9k policy files get indexed", 9_000),
])
def test_the_total_and_the_embedded_part_are_the_count(profile_docs, message, docs):
    assert extract(message, profile=Profile(documents=profile_docs)).updates.get("documents") == docs


def test_a_figure_said_too_strict_is_replaced():
    ex = extract("200 ms was too strict, 600 works", profile=Profile(latency_ms=200))
    assert ex.updates.get("latency_ms") == 600


@pytest.mark.parametrize("message, hours", [
    ("the window changed, it's now 21:00 to 4:00", 7),
    ("indeksointi vain klo 22–04", 6),
])
def test_clock_windows(message, hours):
    assert extract(message).updates.get("index_window_hours") == hours


def test_a_meeting_slot_is_no_window():
    assert "index_window_hours" not in extract("our meeting slot is 10:00-11:00").updates
