"""Round 13 classes (intl13): a law that protects the data with a provider allowed in words, photos and recordings
named in South Asian scripts, hosted APIs invited in more languages (examples in my own words)."""

from __future__ import annotations

import pytest

from agents.profile import Profile
from agents.understand.extract import extract


@pytest.mark.parametrize("message, privacy", [
    # the law names why the data is protected; the provider the user allows is where it may go
    ("Patient records fall under HIPAA, and Google Vertex AI under our signed BAA is fine.", "cloud_ok"),
    ("FERPA applies to the transcripts, but an external API is acceptable for us", "cloud_ok"),
    # a binding rule next to the law still keeps everything local
    ("HIPAA, so nothing may leave our servers; a cloud API is fine for the public docs", "local_only"),
    ("HIPAA applies.", "local_only"),
    # what the data is, said as the permission, does not place it
    ("It is under HIPAA, though the data is not sensitive.", "local_only"),
])
def test_a_law_that_protects_the_data_and_a_provider_allowed(message, privacy):
    assert extract(message).updates.get("privacy") == privacy


def test_the_law_and_the_allowed_provider_are_both_said_in_the_note():
    ex = extract("HIPAA covers it; Azure OpenAI is fine under our BAA.")
    assert ex.updates.get("privacy") == "cloud_ok"
    assert any("HIPAA" in n and "BAA" in n for n in ex.notes)


@pytest.mark.parametrize("message, data_type", [
    ("ગ્રાહકો અમને ડિઝાઇનના ફોટા મોકલે છે અને અમારે સરખા ફોટા શોધવા છે", "image"),
    ("ഞങ്ങളുടെ പഴയ റേഡിയോ റെക്കോർഡിംഗുകളിൽ സമാനമായ ഭാഗങ്ങൾ കണ്ടെത്തണം", "audio"),
    ("हमारे पास पुराने भजनों की ऑडियो फ़ाइलें हैं", "audio"),
    ("হাজার হাজার পণ্যের ছবি থেকে মিল খুঁজতে হবে", "image"),
])
def test_photos_and_recordings_in_south_asian_scripts(message, data_type):
    assert extract(message).updates.get("data_type") == data_type


@pytest.mark.parametrize("message", [
    "Մեր սերվերներում GPU չկա, բայց ամպային API-ն ընդունելի է։",
    "Надворешна API услуга е сосема во ред за нас.",
    "我哋可以用第三方嘅 API。",
    "የውጭ API መጠቀም እንችላለን።",
    "Waan isticmaali karnaa API dibadda ah.",
    "We run no servers of our own, so an embedding API is preferred.",
])
def test_a_hosted_api_invited_in_more_languages(message):
    assert extract(message).updates.get("privacy") == "cloud_ok"


@pytest.mark.parametrize("message", ["Немаме сервери со GPU.", "我哋冇自己嘅 GPU。", "GPU ሰርቨር የለንም።"])
def test_no_server_with_a_gpu_is_cpu(message):
    assert extract(message).updates.get("hardware") == "cpu"


@pytest.mark.parametrize("message, expected", [
    ("Nou gen apeprè 200 mil dokiman.", {"documents": 200_000}),
    ("Òdinatè biwo a gen 16 GB RAM, li pa gen GPU.", {"memory_gb": 16.0, "hardware": "cpu"}),
    ("Nou pa gen lajan pou pwojè sa a.", {"budget_usd_month": 0.0}),
    ("Ban nou sa ki pi bon mache a.", {"priority": "cost"}),
    ("Se pa yon biznis, nou se yon asosyasyon.", {"commercial_use": False}),
    ("Li dwe mache san entènèt.", {"privacy": "local_only"}),
])
def test_haitian_creole_needs(message, expected):
    updates = extract(message).updates
    assert {k: updates.get(k) for k in expected} == expected


@pytest.mark.parametrize("message, expected", [
    ("Buiséad: suas le €30 sa mhí.", 34.8),
    ("Miisaaniyadda waa $15 bishii.", 15.0),
    ("預算每個月 HK$400。", 51.0),
    ("በወር እስከ 5,000 ብር ማውጣት እንችላለን።", 36.2),
])
def test_a_monthly_budget_in_more_languages(message, expected):
    assert extract(message).updates.get("budget_usd_month") == pytest.approx(expected, rel=0.02)


def test_riel_is_converted_at_the_dated_national_bank_rate():   # session 14: 1 KHR = 0.0002405 USD (NBC, 2023-09-05)
    ex = extract("ថវិកាមិនលើសពី ៤០.០០០ រៀល ក្នុងមួយខែ។")
    assert ex.updates.get("budget_usd_month") == pytest.approx(9.62) and any("KHR" in n for n in ex.notes)


@pytest.mark.parametrize("message, documents", [
    ("មានរូបភាពប្រហែល ៣ សែន", 300_000), ("Tá 2 mhilliún deighleog againn.", 2_000_000),
])
def test_counts_in_khmer_and_irish(message, documents):
    assert extract(message).updates.get("documents") == documents


def test_a_somali_count_corrected_with_ma_aha():
    ex = extract("Raali ahow: fariimuhu waa 3 milyan, ma aha 300 kun.", profile=Profile(documents=300_000))
    assert ex.updates.get("documents") == 3_000_000


@pytest.mark.parametrize("message, documents", [
    ("करिब ३ लाख ५० हजार कागजातहरू छन्", 350_000),           # 3 lakh 50 thousand
    ("roughly 2 million 400 thousand records", 2_400_000),
    ("उनके पास 1 करोड़ 20 लाख दस्तावेज़ हैं", 12_000_000),
])
def test_a_count_in_two_scales_is_one_number(message, documents):
    assert extract(message).updates.get("documents") == documents


def test_two_counts_apart_stay_apart():
    assert extract("2 million, 300 thousand of them in English").updates.get("documents") != 2_300_000


@pytest.mark.parametrize("message, expected", [
    ("Ons het sowat 80 000 preke in die argief.", {"documents": 80_000}),
    ("Ons het geen begroting vir 'n wolkdiens nie.", {"budget_usd_month": 0.0}),
    ("Die projek is nie-kommersieel.", {"commercial_use": False}),
    ("Die indeksering mag oor 'n naweek loop, sê drie dae.", {"index_window_hours": 72.0}),
])
def test_afrikaans_needs(message, expected):
    updates = extract(message).updates
    assert {k: updates.get(k) for k in expected} == expected
