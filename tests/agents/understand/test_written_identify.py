"""The writing language beyond the hand-made signals: shared scripts, unlisted scripts, no stop-word profile."""

from __future__ import annotations

import pytest

from agents.understand.languages import identify, written
from agents.understand.languages.written import written_language


@pytest.mark.parametrize(("text", "code"), [
    # Arabic script, read as Arabic by the script alone: Uyghur and Sindhi are named by the statistical guess
    ("بىزدە ئەللىك مىڭ كىتاب بار، ھەممىسى ئۇيغۇرچە، بىز ئۇلارنى مەنىسى بويىچە ئىزدىمەكچى", "ug"),
    # Hebrew script: Yiddish, not Hebrew
    ("מיר האָבן אַ ארכיוו פון דרייַ הונדערט טויזנט אַרטיקלען, און מיר ווילן זוכן אין זיי", "yi"),
    # scripts with no entry in the script table
    ("ང་ཚོར་དཔེ་ཆ་མང་པོ་ཡོད། ང་ཚོས་དེ་ཚོ་འཚོལ་བཤེར་བྱེད་དགོས། ཁྱེད་ཀྱིས་རོགས་རམ་གནང་རོགས།", "bo"),
    ("ଆମ ପାଖରେ ପଚାଶ ହଜାର ଦଲିଲ ଅଛି, ଆମେ ସେଗୁଡ଼ିକୁ ଅର୍ଥ ଅନୁସାରେ ଖୋଜିବାକୁ ଚାହୁଁ", "or"),
    # the main language of a shared script stays itself
    ("لدينا أرشيف من ثلاثمائة ألف مقالة باللغة العربية ونريد البحث فيها حسب المعنى", "ar"),
    ("У нас архив из трёхсот тысяч статей, хотим искать по смыслу, а не по словам", "ru"),
])
def test_the_language_a_user_writes_in_is_named(text: str, code: str) -> None:
    assert written_language(text) == code


def test_an_unsure_guess_names_no_language() -> None:
    # Fijian has no profile and the model does not know it: its guesses are scattered, so no hint (not English either)
    assert written_language("Keimami vinakata me vakayagataki na vakatataro ni vola, ka vakarautaki e na vula") is None


def test_a_short_technical_english_message_is_not_misnamed() -> None:
    assert written_language("need embeddings for 2M product titles, GPU A10, 8h window") in (None, "en")


def test_without_the_model_the_script_and_stop_words_still_work(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(identify, "_model", lambda: None)
    # the script's own reading (Persian letters in it), as before the guess existed
    assert written.written_language("بىزدە ئەللىك مىڭ كىتاب بار، ھەممىسى ئۇيغۇرچە، بىز ئۇلارنى ئىزدىمەكچى") == "fa"
    assert written.written_language("ང་ཚོར་དཔེ་ཆ་མང་པོ་ཡོད། ང་ཚོས་དེ་ཚོ་འཚོལ་བཤེར་བྱེད་དགོས།") is None


@pytest.mark.parametrize("text", [
    "Keimami vinakata me vakayagataki na vakatataro ni vola, e tiko e vica na itukutuku ni veivakaduavatitaki",  # Fijian
    "Tenimus unu archìviu de artìculos in sardu e cherimus unu motore de chirca po los agatare",              # Sardinian
    "Mipela i gat planti ripot long wok bilong main, mipela laik painim ol samting kwik tumas",               # Tok Pisin
])
def test_a_language_no_signal_names_is_still_seen_not_to_be_english(text: str) -> None:
    assert written_language(text) is None and written.not_english(text)


@pytest.mark.parametrize("text", [
    "k8s cluster w/ 3x A100 80GB, 2M PDFs (avg 12 pages), bge-m3 vs e5-mistral? latency < 50ms p95 please",
    "nvidia-smi | NVIDIA-SMI 535.104.05 Driver Version: 535.104.05 CUDA Version: 12.2 | Tesla T4 Off 15360MiB",
    "we got like 40k tix from zendesk, want to cluster em + search, no gpu, aws ok",
])
def test_terse_technical_english_is_english(text: str) -> None:
    assert not written.not_english(text)
