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


@pytest.mark.parametrize("code, units_per_usd, as_of", [("TOP", 1 / 0.4263, "2024-09-30"), ("KHR", 4158, "2023-09-05"),
                                                        ("MVR", 15.42, "2024-06-20"), ("BHD", 0.376, "2012-06-21"),
                                                        ("OMR", 0.3845, "2025-08-14"), ("DOP", 63.10065, "2025-12-30"),
                                                        ("GTQ", 7.66417, "2025-12-26"), ("CRC", 499.81, "2025-12-30")])
def test_a_rate_added_in_session_14_is_the_figure_its_source_gives(code, units_per_usd, as_of):
    rate = usd_rate(code)
    assert rate is not None and rate.as_of == as_of
    assert rate.to_usd(units_per_usd * 1000) == pytest.approx(1000, rel=2e-4)   # 1,000 USD worth at the source's rate


def test_the_rand_area_currencies_are_at_par_with_the_rand_and_the_lev_at_its_euro_conversion_rate():
    assert {usd_rate(c).usd_per_unit for c in ("LSL", "NAD", "SZL")} == {round(usd_rate("ZAR").usd_per_unit, 5)}
    assert usd_rate("BGN").usd_per_unit == pytest.approx(usd_rate("EUR").usd_per_unit / 1.95583, rel=1e-4)


@pytest.mark.parametrize("code, units_per_usd, as_of", [("CDF", 2229.0257, "2025-12-08"), ("LBP", 89500, "2024-02-18"),
                                                        ("JMD", 157.61, "2025-03-12"), ("MZN", 63.91, "2024-06-21"),
                                                        ("ZMW", (22.6969 + 22.7469) / 2, "2024-02-19"),
                                                        ("NIO", 36.6243, "2025-10-21"), ("MWK", 1750, "2025-02-25"),
                                                        ("TTD", (6.6498 + 6.7739) / 2, "2026-02-03"),
                                                        ("GNF", 8643.70, "2025-08-08")])
def test_a_rate_added_in_session_15_is_the_figure_its_source_gives(code, units_per_usd, as_of):
    rate = usd_rate(code)
    assert rate is not None and rate.as_of == as_of
    assert rate.to_usd(units_per_usd * 1000) == pytest.approx(1000, rel=2e-4)   # 1,000 USD worth at the source's rate
