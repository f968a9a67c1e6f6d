"""Reading samples: every supported format, and every kind of bad input with a message naming where."""

from __future__ import annotations

import codecs
import json

import pytest

from agents.trial import TrialInputError, TrialLimits, load_sample


def write(tmp_path, name: str, content: str | bytes):
    p = tmp_path / name
    p.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return p


def test_txt_paragraphs_and_lines(tmp_path):
    paras = load_sample(write(tmp_path, "a.txt", "First doc\nstill first.\n\nSecond doc.\n\n\nThird.\n"))
    assert [d.text for d in paras.documents] == ["First doc still first.", "Second doc.", "Third."]
    assert [d.line for d in paras.documents] == [1, 4, 7]
    lines = load_sample(write(tmp_path, "b.txt", "one\ntwo\nthree\n"))
    assert [d.text for d in lines.documents] == ["one", "two", "three"]
    assert lines.ids == ["1", "2", "3"]


def test_markdown_sections_by_heading(tmp_path):
    md = "---\ntitle: x\n---\nIntro text.\n# Guide\n## Install\nRun pip.\n```\n# not a heading\n```\n## Use\nCall it.\n"
    s = load_sample(write(tmp_path, "g.md", md))
    assert [(d.title, d.text.splitlines()[0]) for d in s.documents] == [
        (None, "Intro text."), ("Guide > Install", "Run pip."), ("Guide > Use", "Call it.")]
    assert "# not a heading" in s.documents[1].text
    assert s.ids == ["intro", "guide-install", "guide-use"]


def test_csv_chosen_and_detected_columns(tmp_path):
    p = write(tmp_path, "d.csv", 'id,title,body,price\n7,Kettle,"Boils water, fast",12\n8,Pan,Fries eggs,20\n')
    s = load_sample(p)
    assert [(d.id, d.title, d.text) for d in s.documents] == [("7", "Kettle", "Boils water, fast"),
                                                               ("8", "Pan", "Fries eggs")]
    assert any("text column 'body'" in m for m in s.messages)
    t = load_sample(write(tmp_path, "d.tsv", "sku\tdesc\nA\tA long description here\nB\tAnother long one\n"))
    assert [d.text for d in t.documents] == ["A long description here", "Another long one"]
    assert any("auto-detected text column 'desc'" in m for m in t.messages)


def test_csv_missing_column_names_the_columns(tmp_path):
    p = write(tmp_path, "d.csv", "id,body\n1,hello\n")
    with pytest.raises(TrialInputError) as err:
        load_sample(p, text_column="content")
    assert "no text column 'content'" in str(err.value) and "'body'" in str(err.value) and "d.csv" in str(err.value)


def test_csv_row_with_extra_fields_names_the_line(tmp_path):
    p = write(tmp_path, "d.csv", "id,text\n1,fine\n2,an unquoted, comma\n")
    with pytest.raises(TrialInputError) as err:
        load_sample(p)
    assert err.value.line == 3 and "quote the field" in str(err.value)


def test_jsonl_fields_and_bad_line(tmp_path):
    good = "\n".join(json.dumps(x) for x in [{"_id": 1, "title": "T", "content": "alpha"}, {"_id": 2, "content": "b"}])
    s = load_sample(write(tmp_path, "d.jsonl", good))
    assert [(d.id, d.title, d.text) for d in s.documents] == [("1", "T", "alpha"), ("2", None, "b")]
    bad = write(tmp_path, "bad.jsonl", '{"text": "ok"}\n{"text": "missing quote}\n')
    with pytest.raises(TrialInputError) as err:
        load_sample(bad)
    assert (err.value.line, err.value.source) == (2, str(bad)) and "not valid JSON" in str(err.value)
    assert err.value.column is not None
    missing = write(tmp_path, "m.jsonl", '{"text": "ok"}\n{"body": "x"}\n')
    with pytest.raises(TrialInputError, match=r"line 2: no 'text' field"):
        load_sample(missing)


def test_empty_binary_and_encodings(tmp_path):
    with pytest.raises(TrialInputError, match="empty"):
        load_sample(write(tmp_path, "e.txt", "  \n\n"))
    with pytest.raises(TrialInputError, match="binary file .NUL byte at byte offset 3"):
        load_sample(write(tmp_path, "b.txt", b"abc\x00def"))
    with pytest.raises(TrialInputError, match="PDF"):
        load_sample(write(tmp_path, "x.txt", b"%PDF-1.7 ..."))
    latin1 = "caf\u00e9 ok\nna\u00efve".encode("latin-1")
    with pytest.raises(TrialInputError) as err:
        load_sample(write(tmp_path, "l.txt", latin1))
    assert "byte offset 3" in str(err.value) and err.value.line == 1 and err.value.column == 4
    for bom, enc in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        s = load_sample(write(tmp_path, f"{enc}.txt", bom + "caf\u00e9\nna\u00efve\n".encode(enc)))
        assert [d.text for d in s.documents] == ["caf\u00e9", "na\u00efve"]


def test_duplicates_removed_and_reported(tmp_path):
    s = load_sample(write(tmp_path, "d.txt", "Same text.\nOther.\nsame   TEXT.\n"))
    assert [d.text for d in s.documents] == ["Same text.", "Other."]
    assert s.aliases == {"3": "1"}
    assert any("removed 1 duplicate" in m and "line 3" in m for m in s.messages)
    with pytest.raises(TrialInputError, match="duplicate document id '1'"):
        load_sample(write(tmp_path, "d.jsonl", '{"id": 1, "text": "a"}\n{"id": 1, "text": "b"}\n'))


def test_caps_truncate_with_messages(tmp_path):
    s = load_sample(write(tmp_path, "d.txt", "\n".join(f"doc {i}" for i in range(30))),
                    limits=TrialLimits(max_docs=10))
    assert s.ids == [str(i) for i in range(1, 11)] and any("the first 10" in m for m in s.messages)
    long = load_sample(write(tmp_path, "l.txt", "\n".join(f"{i} is a long document" for i in range(10, 20))),
                       limits=TrialLimits(max_doc_bytes=4))
    assert [d.text for d in long.documents][:2] == ["10 i", "11 i"]
    assert any("truncated 10 document(s) to 4 bytes" in m for m in long.messages)
    big = load_sample(text="é" * 10, fmt="txt", limits=TrialLimits(max_doc_bytes=5))
    assert big.documents[0].text == "éé"  # never splits a UTF-8 character


def test_pasted_text_and_format_errors(tmp_path):
    s = load_sample(text="# A\nalpha text\n# B\nbeta text\n")
    assert s.format == "md" and [d.title for d in s.documents] == ["A", "B"]
    assert any("as md" in m for m in s.messages)
    j = load_sample(text='{"text": "x"}\n{"text": "y"}')
    assert j.format == "jsonl" and len(j) == 2
    with pytest.raises(TrialInputError, match="unsupported file type '.pdf'"):
        load_sample(write(tmp_path, "x.pdf", "text"))
    with pytest.raises(TrialInputError, match="no such file"):
        load_sample(tmp_path / "missing.txt")
    with pytest.raises(TrialInputError, match="pasted text is empty"):
        load_sample(text="   ")
