"""``python -m app.cli trial``: JSON contract on stdout, progress on stderr, clear errors with exit code 2."""

from __future__ import annotations

import json

from app.cli.trial import main


def test_demo_trial_json_contract(capsys):
    assert main(["--demo", "code_snippets", "--format", "json", "--corpus-size", "100000"]) == 0
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert set(data) >= {"candidates", "skipped", "baseline", "label_free"}
    c = data["candidates"][0]
    assert set(c) >= {"model", "metrics", "ci95", "docs_per_s", "peak_mem_mb", "truncated_share", "quantization"}
    assert set(c["metrics"]) == {"ndcg@10", "recall@1", "recall@5", "recall@10", "mrr@10"}
    assert c["index_size"]["corpus_size"] == 100000
    assert "[encode]" in err and "[done]" in err


def test_markdown_and_file_input(tmp_path, capsys):
    docs = tmp_path / "d.csv"
    docs.write_text("id,text\n1,apples are sweet fruit\n2,trains run on rails\n3,boats sail the sea\n")
    queries = tmp_path / "q.jsonl"
    queries.write_text('{"query": "sweet apples", "relevant": ["1"]}\n{"query": "ghost", "relevant": ["99"]}\n')
    assert main(["--docs", str(docs), "--queries", str(queries), "--format", "md", "--quiet"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("# Embedding trial on your sample") and "| bm25 |" in out
    assert "dropped 1 query" in out and err == ""


def test_bad_input_exits_2_with_the_place(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "fine"}\n{oops}\n')
    assert main(["--docs", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "bad.jsonl, line 2, column 2" in err
    assert main(["--demo", "nope"]) == 2 and "valid: medical_faq" in capsys.readouterr().err
    assert main([]) == 2 and "--docs FILE" in capsys.readouterr().err


def test_list_demos(capsys):
    assert main(["--list-demos"]) == 0
    out = capsys.readouterr().out
    assert all(name in out for name in ("medical_faq", "product_catalogue", "code_snippets")) and "CC0-1.0" in out
