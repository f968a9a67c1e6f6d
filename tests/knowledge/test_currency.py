"""The exchange-rate table (knowledge/currency.yaml): every row is dated and sourced, by the file or by its own entry."""

from __future__ import annotations

import pytest

from knowledge.currency import CurrencyError, load_rates, usd_rate

HEAD = "source: {name: ECB, url: 'https://www.ecb.europa.eu/x.xml', as_of: 2026-08-21}\n"


def test_a_rate_the_file_source_does_not_publish_names_its_own_source_and_date():
    pkr = usd_rate("PKR")
    assert pkr is not None and pkr.as_of == "2026-01-23" and "State Bank of Pakistan" in pkr.source
    assert usd_rate("EUR").as_of == "2026-08-21"   # the file's source for the others
    assert round(pkr.to_usd(15_000)) == 54


@pytest.mark.parametrize("row", ["{usd_per_unit: 0.01, source: {name: X, as_of: 2026-01-01}}",
                                 "{usd_per_unit: 0.01, source: {name: X, url: 'https://x.org'}}"])
def test_a_row_source_without_a_url_or_a_date_is_refused(tmp_path, row):
    path = tmp_path / "currency.yaml"
    path.write_text(HEAD + f"rates:\n  XXX: {row}\n", encoding="utf-8")
    with pytest.raises(CurrencyError, match="XXX"):
        load_rates(path)
