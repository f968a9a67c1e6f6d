"""Number words of languages other than English: scale words ("20 ribu", "8 milhões", "30 אלף", "2 triệu") and the
CJK myriads written right after digits ("500만", "3万", "2億"), and when "mil" means a thousand (Spanish,
Portuguese: "20 mil documentos" is 20,000, not 20 million).
"""

from __future__ import annotations

import re

from agents.understand.languages.written import written_language
from agents.understand.prep import Prepared

# Words a number is multiplied by; each stands on its own after the digits ("20 ribu dokumen").
FOREIGN_SCALES: dict[str, float] = {
    # Indonesian / Malay
    "ribu": 1e3, "rb": 1e3, "juta": 1e6, "jt": 1e6, "miliar": 1e9, "milyar": 1e9,
    # Vietnamese
    "nghìn": 1e3, "ngàn": 1e3, "triệu": 1e6, "tỷ": 1e9, "tỉ": 1e9,
    # Hebrew (with the construct forms written after a number)
    "אלף": 1e3, "אלפים": 1e3, "מיליון": 1e6, "מיליוני": 1e6, "מיליארד": 1e9,
    # Turkish, Swedish, Danish/Norwegian, Czech, Russian/Ukrainian, Greek, French, Italian
    "milyon": 1e6, "tusen": 1e3, "miljon": 1e6, "miljoner": 1e6, "millioner": 1e6, "tisíc": 1e3,
    "milionů": 1e6, "тысяч": 1e3, "тысячи": 1e3, "тыс": 1e3, "тисяч": 1e3, "миллион": 1e6, "миллиона": 1e6,
    "миллионов": 1e6, "мільйонів": 1e6, "млн": 1e6, "χιλιάδες": 1e3, "εκατομμύρια": 1e6, "mille": 1e3,
    "milliards": 1e9, "milliard": 1e9, "miliardi": 1e9, "miliardo": 1e9, "milhares": 1e3,
}
# Myriads and thousands of Korean, Chinese and Japanese: only right after digits ("만" alone is also a word).
CJK_SCALES: dict[str, float] = {"만": 1e4, "억": 1e8, "천": 1e3, "万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8, "千": 1e3}

_MIL_NOUN = re.compile(r"\bmil\s+(?:de\s+)?(?:documentos|registros|textos|mensajes|mensagens|descripciones|descrições|"
                       r"descricoes|comentarios|comentários|correos|artículos|articulos|artigos|páginas|paginas|contratos|"
                       r"transacciones|transações|transacoes|productos|produtos|clientes|usuarios|usuários|filas|linhas|"
                       r"casos|reseñas|avaliações|expedientes|processos|procesos|archivos|arquivos|notícias|noticias|"
                       r"millones|milhões|milhoes|euros|reales|reais|pesos|dólares|dolares)\b")


def thousand_mil(prep: Prepared) -> bool:
    """True when "mil" in this message means a thousand: a Spanish or Portuguese noun follows it, or the message is
    written in Spanish or Portuguese."""
    if " mil" not in prep.low and not prep.low.startswith("mil"):
        return False
    return bool(_MIL_NOUN.search(prep.low)) or written_language(prep.text) in ("es", "pt", "ca", "gl")
