"""A question never changes the needs, whatever numbers, languages, hardware or task words it holds and whatever
language it is written in; a request phrased as a question does change them (issue 14, round-5 classes, new
sentences). Played through ``Advisor.turn`` on the real knowledge base, with a pending question, as in a chat."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agents.advisor import Advisor
from agents.converse.state import ChatState
from agents.profile import Profile
from agents.understand.intent import read_intent

# Questions that frame themselves with a figure, a language, a GPU or a task ({n}: a number, {gpu}: a GPU name).
QUESTIONS = [
    "for a corpus of {n} English pages, would you chunk at 128 or 384 tokens?",
    "on a {gpu} with {n} documents, how many minutes does the first embedding run take?",
    "at {n} queries a day for semantic search, what would int8 vectors save us?",
    "with {n} German contracts, is binary quantisation a bad idea?",
    "for texts of about {n} words, is a long-context model worth it for RAG?",
    "Bei {n} Dokumenten auf Französisch, wie lange dauert die Einbettung auf einer {gpu}?",
    "Lohnt sich ein Reranker für die Suche in {n} spanischen Verträgen?",
    "Pour {n} pages en allemand, combien de temps prend l'indexation sur une {gpu} ?",
    "Est-ce que la quantification int8 réduit beaucoup la qualité de recherche pour {n} textes en italien ?",
    "¿Cuánto tarda en indexar {n} documentos en portugués con una {gpu}?",
    "Para {n} contratos en inglés, ¿conviene usar un reranker en la búsqueda?",
    "Con {n} documenti in tedesco, quanto spazio serve per l'indice su una {gpu}?",
    "Quanto tempo leva para indexar {n} documentos em espanhol numa {gpu}?",
    "Hoe lang duurt het om {n} Engelse documenten te indexeren op een {gpu}?",
    "Ile trwa indeksowanie {n} dokumentów po niemiecku na {gpu}?",
    "Hur lång tid tar det att indexera {n} dokument på engelska med en {gpu}?",
    "Сколько времени займёт индексация {n} документов на английском на {gpu}?",
    "Что даёт квантизация int8 для поиска по {n} документам?",
    "Скільки пам'яті потрібно для {n} документів українською на {gpu}?",
    "Kolik paměti potřebuje index pro {n} dokumentů v češtině na {gpu}?",
    "Cât durează indexarea a {n} documente în română pe un {gpu}?",
    "Πόσο χρόνο χρειάζεται η ευρετηρίαση {n} εγγράφων στα ελληνικά σε μια {gpu};",
    "{n} Türkçe belgeyi {gpu} üzerinde indekslemek ne kadar sürer?",
    "Berapa lama mengindeks {n} dokumen berbahasa Indonesia di {gpu}?",
    "Lập chỉ mục {n} tài liệu tiếng Việt trên {gpu} mất bao lâu?",
    "{gpu} पर {n} हिंदी दस्तावेज़ों को इंडेक्स करने में कितना समय लगेगा?",
    "كم من الوقت يستغرق فهرسة {n} مستند باللغة العربية على {gpu}؟",
    "כמה זמן לוקח לאנדקס {n} מסמכים בעברית על {gpu}?",
    "{gpu}で{n}件の日本語文書を検索用に埋め込むと何時間かかりますか？",
    "量子化すると{n}件の検索の品質はどれくらい下がりますか？",
    "在{gpu}上为{n}份中文文档建立检索索引需要多久？",
    "{gpu}에서 한국어 문서 {n}건을 검색용으로 색인하면 얼마나 걸리나요?",
    "청크 크기를 {n} 토큰으로 하면 RAG 품질이 좋아지나요?",
    "{gpu} pe {n} documents ko index karne mein kitna time lagega?",
]
NUMBERS = ["3,000", "800k", "2 million", "1.5M", "40 000", "12 Mio.", "300 tys.", "256"]
GPUS = ["T4", "A100", "RTX 4090", "L4", "H100"]
# (profile, pending questions) a chat may be in when the question comes
STATES = [
    (Profile(), ()),
    (Profile(data_type="text", languages=["en"], documents=50_000), ("task", "privacy")),
    (Profile(data_type="text", task="rag", languages=["en"], privacy="local_only", hardware="cpu"), ("documents",)),
    (Profile(data_type="text", task="search", languages=["de"], documents=80_000, privacy="cloud_ok"),
     ("budget_usd_month",)),
    (Profile(data_type="text", domain="legal", languages=["fr"]), ("domain",)),
    (Profile(data_type="text", task="search", languages=["en", "es"]), ("hardware", "memory_gb")),
]


@pytest.fixture(scope="module")
def advisor(real_kb) -> Advisor:
    return Advisor(real_kb)


@pytest.mark.parametrize("template", QUESTIONS)
def test_each_question_is_read_as_a_question(template):
    message = template.format(n="2 million", gpu="T4")
    reading = read_intent(message)
    assert reading.asks is not None and not reading.fact_spans, reading.parts


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(template=st.sampled_from(QUESTIONS), n=st.sampled_from(NUMBERS), gpu=st.sampled_from(GPUS),
       state=st.sampled_from(STATES))
def test_a_question_never_changes_the_needs(advisor, template, n, gpu, state):
    profile, pending = state
    result = advisor.turn(ChatState(profile=profile, asked=pending, pending=pending), template.format(n=n, gpu=gpu))
    assert result.state.profile == profile
    assert result.intent != "needs"


@pytest.mark.parametrize("context, message, changes", [
    ("RAG over 20k English reports, cloud ok", "could we lower the budget to 150 dollars a month?",
     {"budget_usd_month": 150}),
    ("search over 50k docs in English", "would you bump the document count to 2 million?", {"documents": 2_000_000}),
    ("RAG over 20k English reports, cloud ok", "can you prioritise quality over cost?", {"priority": "quality"}),
    ("support tickets in English and French, 10k", "Können wir Spanisch noch hinzufügen?",
     {"languages": ["en", "es", "fr"]}),
    ("search over 50k docs in English", "Pouvez-vous passer la latence à 80 ms ?", {"latency_ms": 80}),
    ("ricerca su 20 mila documenti in italiano", "Possiamo portare il budget a 200 dollari al mese?",
     {"budget_usd_month": 200}),
    ("Recherche dans 5 000 rapports en anglais", "Précision : c'est pour une association, pas commercial - ça change quoi ?",
     {"commercial_use": False}),
])
def test_a_request_phrased_as_a_question_changes_the_needs(advisor, context, message, changes):
    state = advisor.turn(ChatState(), context).state
    result = advisor.turn(state, message)
    after = result.state.profile.model_dump()
    assert result.intent == "needs"
    for name, value in changes.items():
        assert (sorted(after[name]) if isinstance(value, list) else after[name]) == value, (name, result.steps)
