"""Languages no user had written in before (issue 14, lex14): budgets per month or year, indexing windows and
corrections said with "not" after the number, read through the whole extraction."""

from __future__ import annotations

import pytest

from agents.understand.extract import extract


@pytest.mark.parametrize("text, usd", [
    ("Anggarané 50 dolar saben sasi.", 50), ("Aýda 50 dollar.", 50), ("ئايدا 50 دوللار.", 50), ("مانگانە ٥٠ دۆلار.", 50),
    ("ମାସକୁ 50 ଡଲାର।", 50), ("মাহে 50 ডলাৰ।", 50), ("50 דאָלאַר אַ חודש.", 50), ("$50 pamwedzi.", 50), ("$50 pamwezi.", 50),
    ("$50 na sanza.", 50), ("$50 kwa ọnwa.", 50), ("$50 ka kgwedi.", 50), ("$50 ia marama.", 50), ("Sapa killa 50 dólar.", 50),
    ("$50 ib hlis.", 50), ("$50 kada bulan.", 50), ("$50 kada fulan.", 50), ("$50 par mwa.", 50),
    ("Mani bilong mipela em 50 dola long wanpela mun.", 50), ("$600 saben taun.", 50), ("$600 ýylda.", 50),
])
def test_a_budget_per_month_or_year_in_another_language(text, usd):
    assert extract(text).updates.get("budget_usd_month") == pytest.approx(usd, rel=0.02)


@pytest.mark.parametrize("text, hours", [
    ("Indeksé kudu rampung sajroning 3 jam.", 3), ("Indeks kudu réngsé dina 3 jam.", 3),
    ("Indekslemek 3 sagadyň içinde gutarmaly.", 3), ("דער אינדעקס מוז זײַן פֿאַרטיק אין 3 שעה.", 3),
    ("Indeks i mas pinis insait long 3 aua.", 3), ("ئىندېكس 6 سائەت ئىچىدە تۈگىشى كېرەك.", 6),
    ("ଇଣ୍ଡେକ୍ସ 8 ଘଣ୍ଟା ମଧ୍ୟରେ ଶେଷ ହେବା ଦରକାର।", 8), ("Indeksé kudu rampung sajroning 2 dina.", 48),
])
def test_an_indexing_window_in_another_language(text, hours):
    assert extract(text).updates.get("index_window_hours") == pytest.approx(hours)


@pytest.mark.parametrize("text", ["Indeks kudu réngsé.", "Kita duwe 3 server.", "Dina iki kita rapat 3 jam."])
def test_no_window_without_a_job_and_its_hours(text):
    assert extract(text).updates.get("index_window_hours") is None


@pytest.mark.parametrize("text, count", [
    ("Ýok, 2 million däl, 20 million resminama.", 20_000_000), ("2 milyon değil, 20 milyon belge var.", 20_000_000),
    ("20 लाख नहीं, 2 करोड़ दस्तावेज़ हैं", 20_000_000), ("200万件ではなく、2000万件の文書です", 20_000_000),
    ("2 млн емес, 20 млн құжат", 20_000_000),
    # no "not" after the first number: both counts stand ("değil mi?" asks and corrects nothing)
    ("Bizde 2 million resminama we 500 müň surat bar.", 2_500_000), ("2 milyon belgemiz var, değil mi?", 2_000_000),
])
def test_a_count_corrected_with_not_after_the_number(text, count):
    assert extract(text).updates.get("documents") == count
