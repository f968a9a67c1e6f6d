"""Nouns that say a number counts documents ("2 million notes", "8 milhões de descrições", "30 אלף מאמרים",
"댓글 500만 개", "2 triệu tài liệu"), in English and the other languages users write in.

Word nouns are matched token by token (a Hebrew noun also with a one-letter prefix: "ומאמרים"); nouns of languages
written without spaces or with several words (Korean with its particles, Chinese, Japanese, Vietnamese) are matched
in the text right after or right before the number by :func:`noun_phrase_near`.
"""

from __future__ import annotations

import re

from agents.understand.prep import Prepared

DOC_NOUNS = frozenset("""documents document docs doc notes note pages page chunks chunk passages passage records record files file
articles article papers paper products product items item images image photos photo pictures picture screenshots screenshot
tickets ticket emails email mails messages message reviews review rows row entries entry tweets tweet posts post contracts
contract filings filing invoices invoice reports report snippets snippet functions function repos repositories vectors vector
embeddings recordings recording clips clip episodes podcasts songs tracks listings listing skus sku questions faqs pdfs pdf
scans transcripts transcript cases abstracts chapters books book texts text descriptions description comments threads logs
samples objects assets sentences paragraphs segments spans pieces webpages resumes cvs patents claims notes datapoints
summaries memos letters conversations chats calls videos decisions rulings judgments opinions briefs proposals specs
policies manuals procedures tickets bugs issues postings posting vacancies profiles submissions surveys
complaints complaint inquiries enquiries claims grievances
verträge vertrage dokumente e-mails mails artikel bewertungen anfragen kundenanfragen seiten
documentos correos contratos artículos articulos reseñas opiniones páginas paginas
documenti articoli contratti recensioni pagine
avaliações avaliacoes documentos artigos
documenten producten artikelen contracten recensies
dokumentów dokumentow dokumenty umów umow artykułów artykulow opinii stron
notícias noticias historias manuali manuales manuais notizie nieuwsberichten wiadomości
descrições descricoes transações transacoes registros textos mensagens comentários comentarios avaliações notas
processos arquivos ficheiros e-mails chamados descripciones transacciones mensajes expedientes archivos correos
reclamaciones reclamações reclamacoes quejas incidencias
descriptions transactions courriels messages commentaires avis dossiers fiches réclamations reclamations
beschreibungen transaktionen nachrichten kommentare texte akten urteile dateien
descrizioni transazioni messaggi commenti testi schede fatture
beschrijvingen transacties berichten teksten
opisów opisow transakcji komentarzy tekstów tekstow pism plików plikow
dokumen artikel catatan berkas surat pesan komentar ulasan transaksi teks halaman laporan kontrak notulen
belge belgeler doküman dokümanlar makale makaleler yorum yorumlar kayıt kayıtlar metin metinler
dokument artiklar texter meddelanden ärenden
документов документа документы статей записей сообщений комментариев текстов писем отзывов договоров
מסמכים מאמרים קבצים רשומות הודעות פניות תלונות נהלים דפים ספרים שיחות תגובות מיילים חוזים כתבות ביקורות""".split())
# Compounds of a document noun ("polisdocumenten", "Vertragsdokumente"): Dutch and German write them as one word.
_COMPOUND_ENDS = ("documenten", "dokumente", "dokumenten", "dokumentów")
_HEBREW_PREFIX = "והבלמשכ"   # and, the, in, to, from, that, as: written joined to the noun


def is_doc_noun(word: str) -> bool:
    """A word that names what a document count counts."""
    if word in DOC_NOUNS or (len(word) > 11 and word.endswith(_COMPOUND_ENDS)):
        return True
    return len(word) > 3 and word[0] in _HEBREW_PREFIX and "\u05d0" <= word[1] <= "\u05ea" and word[1:] in DOC_NOUNS


# Korean (a particle may follow), Chinese, Japanese and Vietnamese nouns of documents.
_PHRASE = (r"문서|댓글|기사|게시글|게시물|리뷰|후기|이메일|메일|파일|계약서|판례|상품|리포트|보고서|논문|메시지|티켓|"
           r"文档|文件|文章|评论|評論|记录|記錄|邮件|郵件|合同|商品|条目|論文|论文|文書|ドキュメント|記事|レビュー|コメント|"
           r"メール|ファイル|契約書|報告書|報告|"
           r"tài liệu|văn bản|bài viết|bình luận|tin nhắn|hồ sơ|hợp đồng|giao dịch|bài báo|đánh giá")
# counters between a number and its noun: Korean 개/건/편/장 (+ 의), Chinese/Japanese 个/件/条/篇/份/本 (+ の)
_AFTER = re.compile(rf"\s*(?:[개건편장件个個条條篇份本]\s*(?:의|の)?\s*)?({_PHRASE})")
_BEFORE = re.compile(rf"({_PHRASE})(?:[은는이가을를도]|[이가]\s*약|\s*약|\s*khoảng|\s*大约|\s*约|\s*約)?"
                     r"\s*[（(]?\s*(?:約|约|大约|약)?\s*$")   # "報告書（約40万件）": the count in brackets after its noun


def noun_phrase_near(prep: Prepared, start: int, end: int, before: bool = True) -> str | None:
    """A document noun of a language written without spaces, or of several words, right after the number at
    ``start``-``end`` ("500万条评论", "3만 건의 문서", "2 triệu tài liệu") or, if ``before``, right before it
    ("댓글 500만 개")."""
    m = _AFTER.match(prep.low, end)
    if m:
        return m.group(1)
    b = _BEFORE.search(prep.low[max(0, start - 16):start]) if before else None
    return b.group(1) if b else None
