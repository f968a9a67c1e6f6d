"""Round 16 (issue 11): document lengths, GPU negation and words of the languages the round's users wrote in, read by
the extractor (sentences in my own words, not the evaluation's)."""

from __future__ import annotations

import pytest

from agents.understand.extract import extract
from agents.understand.languages.written import written_language
from agents.understand.prep import prepare


@pytest.mark.parametrize("text, tokens", [
    ("ہر چٹھی وچ 50 لفظاں", 65),                       # Punjabi (Shahmukhi)
    ("ކޮންމެ ސިޓީއެއް 100 ބަސް", 130),                  # Dhivehi
    ("Ɛni mɛsej na lɛk 20 wɔd.", 26),                  # Krio, its letters kept in one word
    ("Buli bubaka buli nga ebigambo 40.", 52),          # Luganda, the unit first
    ("Karta ida besik liafuan 300.", 390),              # Tetum, the unit first
    ("Molaetsa mongwe le mongwe o na le mafoko a ka nna 60.", 78),   # Setswana, "about" between
    ("Artikel mô kòl 200 słowów.", 260),                # Kashubian
    ("Sapa qillqatax 30 arunakaniwa.", 39),             # Aymara
    ("Reivve lea sullii 250 sáni.", 325),               # Northern Sámi
    ("Кашни хыпар 150 сăмах.", 195),                    # Chuvash typed with a Latin "ă"
])
def test_a_document_length_in_words_is_read(text, tokens):
    assert extract(text).updates.get("avg_doc_tokens") == tokens


@pytest.mark.parametrize("text", ["Mis lea server: 16 vCPU, ii GPU.", "Пирĕн сервер: 8 ядро, видеокарта çук.",
                                  "3andna server walakin ma3andnach GPU."])
def test_no_gpu_said_in_sami_chuvash_and_darija_is_cpu(text):
    assert extract(text).updates.get("hardware") == "cpu"


def test_ipa_and_chuvash_letters_stay_inside_their_words():
    assert [t.text for t in prepare("wɔd dɛn, сăмах").tokens] == ["wɔd", "dɛn", ",", "сăмах"]


@pytest.mark.parametrize("text, code", [
    ("Пирĕн хаçатра пин-пин статья пур, вĕсене шырамалла, сервер пĕрре кăна.", "cv"),   # Latin look-alikes typed
    ("Пирӗн хаҫатра статьясем нумай, вӗсене шырамалла.", "cv"),                           # Cyrillic letters
    ("Aku duwe toko ing Surabaya, ana foto barang akeh, aku arep nggoleki foto sing padha.", "jv"),
    ("Kami punya toko online di Jakarta dan ingin mencari produk yang mirip dengan foto pelanggan.", "id"),
    ("Привет, у нас архив газет на русском, около миллиона статей, ищем по смыслу.", "ru"),
])
def test_the_writing_language_of_chuvash_and_javanese_writers(text, code):
    assert written_language(text) == code
