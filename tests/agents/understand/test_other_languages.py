"""Conversations written in other languages: the writing language, document counts with foreign number words and
nouns, privacy, hosted APIs, budgets, tasks and "no GPU" (round 5 of the expert evaluation)."""

from __future__ import annotations

import pytest

from agents.understand.extract import extract
from agents.understand.languages.written import written_language


@pytest.mark.parametrize("text, code", [
    ("Trabalhamos numa editora e queremos organizar o nosso arquivo de revistas antigas com busca", "pt"),
    ("Necesitamos un buscador para los expedientes del ayuntamiento, son muchos y están en papel escaneado", "es"),
    ("Nous avons une base de tickets clients et nous voulons les regrouper par thème", "fr"),
    ("Wir haben eine Sammlung von Handbüchern und wollen sie für unsere Techniker durchsuchbar machen", "de"),
    ("Kami punya arsip laporan keuangan dan ingin mencari dokumen yang mirip dengan cepat", "id"),
    ("Chúng tôi có kho hồ sơ bệnh án và cần tìm kiếm nhanh các ca tương tự", "vi"),
    ("Elimizde müşteri yorumları var ve bunları konulara göre ayırmak için bir model arıyoruz", "tr"),
    ("יש לנו ארכיון של פרוטוקולים של ישיבות ואנחנו רוצים לחפש בהם לפי נושא", "he"),
    ("고객 문의 내역을 주제별로 나누고 비슷한 문의를 찾고 싶습니다", "ko"),
    ("社内の議事録を検索できるようにしたいです。件数は多くありません", "ja"),
    ("我们想对客服工单做语义检索，数据量大概两百万条", "zh"),
    ("У нас архив договоров, нужен семантический поиск по нему внутри компании", "ru"),
    ("Έχουμε ένα αρχείο με συμβόλαια και θέλουμε σημασιολογική αναζήτηση", "el"),
    ("We have two million support tickets and want to search them on our own servers", "en"),
])
def test_the_writing_language_is_recognised(text, code):
    assert written_language(text) == code


@pytest.mark.parametrize("text", [
    "bge-m3 vs e5?",                                      # too short
    "ok",
    "Obrigado!",
    "search 2M docs, A100, local only",                   # too few words to tell
    "We need search for documentos, tickets and notas, un poco de todo",   # mixed
])
def test_short_or_mixed_messages_give_no_writing_language(text):
    assert written_language(text) in (None, "en")


@pytest.mark.parametrize("text, count", [
    ("Temos uns 3 milhões de registros de atendimento", 3_000_000),
    ("unos 40 mil expedientes escaneados", 40_000),           # Spanish "mil" is a thousand
    ("sekitar 15 ribu dokumen internal", 15_000),
    ("kira-kira 2 juta transaksi per tahun", 2_000_000),
    ("khoảng 300 nghìn văn bản pháp luật", 300_000),
    ("chúng tôi có 2 triệu tài liệu", 2_000_000),
    ("בערך 12 אלף מסמכים", 12_000),
    ("문서 약 3만 건을 검색하고 싶어요", 30_000),
    ("리뷰 120만 개", 1_200_000),
    ("大约800万条评论", 8_000_000),
    ("約5万件の記事", 50_000),
])
def test_document_counts_in_other_languages(text, count):
    assert extract(text).updates.get("documents") == count


@pytest.mark.parametrize("text", [
    "o ticket 48213 foi aberto ontem",          # an id, not a count
    "만들고 싶은 검색 서비스",                    # 만 as a word, not ten thousand
    "estamos em 2024 e queremos busca",         # a year
])
def test_a_number_that_counts_nothing_sets_no_document_count(text):
    assert "documents" not in extract(text).updates


LOCAL, CLOUD = "local_only", "cloud_ok"


@pytest.mark.parametrize("text, privacy", [
    ("Nenhum dado pode ir para a nuvem, é regra do banco", LOCAL), ("os dados não podem ir para nuvem", LOCAL),
    ("nada puede salir de nuestros servidores", LOCAL), ("Datanya tidak boleh keluar dari kantor kami", LOCAL),
    ("không được đưa dữ liệu lên đám mây", LOCAL), ("הנתונים חייבים להישאר אצלנו", LOCAL), ("בלי ענן בבקשה", LOCAL),
    ("고객 데이터라서 클라우드는 안 돼요", LOCAL),
    # a hosted API invited
    ("pode usar API, o custo é o que importa", CLOUD), ("boleh pakai API asal murah", CLOUD),
    ("API 사용 가능합니다", CLOUD), ("אפשר להשתמש ב-API", CLOUD), ("có thể dùng API bên ngoài", CLOUD),
])
def test_privacy_in_other_languages(text, privacy):
    assert extract(text).updates.get("privacy") == privacy


@pytest.mark.parametrize("text", [
    "nossos artigos falam sobre computação em nuvem e segurança",    # the cloud as a topic
    "artikel kami membahas teknologi cloud dan jaringan",
    "클라우드 관련 기사를 검색하고 싶어요",
])
def test_the_cloud_as_a_topic_sets_no_privacy(text):
    assert "privacy" not in extract(text).updates


@pytest.mark.parametrize("text", [
    "um servidor sem GPU, só CPU", "un portátil sin GPU", "mini PC tanpa GPU", "máy chủ không có GPU",
    "GPU는 없어요", "GPU 없음", "שרת בלי GPU", "אין לנו GPU", "sunucuda GPU yok", "GPUなしのサーバー",
])
def test_no_gpu_in_other_languages_means_cpu(text):
    assert extract(text).updates.get("hardware") == "cpu"


@pytest.mark.parametrize("text", ["temos uma GPU A10", "ada satu GPU RTX 4090", "GPU가 두 개 있어요"])
def test_a_gpu_said_in_other_languages_is_a_gpu(text):
    assert extract(text).updates.get("hardware") == "gpu"


@pytest.mark.parametrize("text, task", [
    ("queremos busca semântica nos contratos", "search"),
    ("mau bikin pencarian dokumen", "search"),
    ("רוצים חיפוש במאגר הנהלים", "search"),
    ("상품 설명을 검색하고 싶어요", "search"),
    ("precisamos categorizar os chamados", "classification"),
    ("phân loại email khiếu nại theo chủ đề", "classification"),
    ("댓글을 비슷한 것끼리 묶고 싶어요", "clustering"),
    ("mengelompokkan keluhan yang mirip", "clustering"),
    ("encontrar anúncios duplicados", "deduplication"),
])
def test_tasks_in_other_languages(text, task):
    assert extract(text).updates.get("task") == task


@pytest.mark.parametrize("text, usd", [
    ("한 달에 30달러 이하로요", 30.0),
    ("no máximo 80 dólares por mês", 80.0),
])
def test_a_monthly_budget_in_other_languages(text, usd):
    assert extract(text).updates.get("budget_usd_month") == usd


@pytest.mark.parametrize("text, commercial", [
    ("é para uso comercial", True), ("상업 서비스입니다", True), ("비상업적 연구용입니다", False),
    ("somos uma associação sem fins lucrativos", False),
])
def test_commercial_use_in_other_languages(text, commercial):
    assert extract(text).updates.get("commercial_use") is commercial


@pytest.mark.parametrize("text", ["mensagens curtas de clientes", "teks pendek dari media sosial", "댓글은 짧아요"])
def test_short_texts_in_other_languages_give_a_length(text):
    assert extract(text).updates.get("avg_doc_tokens") == 50


@pytest.mark.parametrize("text", ["안녕하세요, 도움이 필요합니다", "שלום לכולם, יש לי שאלה", "Здравствуйте, нужна помощь"])
def test_a_message_in_another_script_is_not_called_gibberish(text):
    assert "gibberish" not in extract(text).flags


@pytest.mark.parametrize("text, codes", [
    ("문서는 한국어로 되어 있어요", ["ko"]), ("文書は日本語のみです", ["ja"]), ("הכל בעברית", ["he"]),
    ("e-mails en français et en arabe", ["fr", "ar"]), ("tài liệu bằng tiếng Việt", ["vi"]),
])
def test_language_names_in_their_own_language(text, codes):
    assert extract(text).updates.get("languages") == codes


@pytest.mark.parametrize("text, budget", [
    ("월 예산은 200달러 정도입니다", 200),                 # a monthly budget said before the amount
    ("Nuestro presupuesto mensual es de 300 dólares", 300),
    ("orçamento de 150 por mês", 150),
    ("月の予算は50ドルです", 50),
])
def test_monthly_budgets_in_other_languages(text, budget):
    assert extract(text).updates.get("budget_usd_month") == budget


@pytest.mark.parametrize("text, memory", [
    ("RTX 3090を2台ではなく1台だけ使えます", 24),    # a GPU named with a Japanese particle glued on
    ("T4가 하나 있어요", 16),
])
def test_a_gpu_named_with_a_glued_particle_gives_its_memory(text, memory):
    assert extract(text).updates.get("memory_gb") == memory


def test_one_card_counted_after_its_name_keeps_its_memory():
    assert extract("RTX 3090を1枚だけ持っています").updates.get("memory_gb") == 24
