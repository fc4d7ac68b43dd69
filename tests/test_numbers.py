"""The number grammar on its own: every way articles write a quantity or a
date that the extractor must read, in English and Chinese."""
import pytest

from pipeline.extract.numbers import DATE, QUANTITY, date_value, quantity_values


@pytest.mark.parametrize("text, low, high", [
    ("2.50", 2.5, None),
    ("200,000", 200000, None),
    ("128K", 128000, None),
    ("1M", 1e6, None),
    ("1.5-2T", 1.5e12, 2e12),
    ("50-100", 50, 100),
    ("12.65 亿", 1.265e9, None),
    ("6710 亿", 6.71e11, None),
    ("405 billion", 405e9, None),
    ("2 到 3", 2, 3),
])
def test_quantities(text, low, high):
    assert quantity_values(QUANTITY.search(text)) == pytest.approx((low, high) if high else (low, None))


@pytest.mark.parametrize("text, value", [
    ("2024年5月13日", "2024-05-13"),
    ("2024 年 5 月", "2024-05"),
    ("2023.9", "2023-09"),
    ("2024-05-13", "2024-05-13"),
    ("May 2024", "2024-05"),
    ("April 2024", "2024-04"),
    ("July 23, 2024", "2024-07-23"),
    ("23 July 2024", "2024-07-23"),
    ("Sept. 2024", "2024-09"),
])
def test_dates(text, value):
    assert date_value(DATE.search(text)) == value


@pytest.mark.parametrize("text", ["2.5", "2020-2024", "2-2.5 倍", "v1.5"])
def test_not_dates(text):
    match = DATE.search(text)
    assert match is None or date_value(match) is None


def test_a_falling_range_is_two_figures():
    from pipeline.extract.numbers import quantities
    text = "cut from $10 to $7.5, and 50-100 tokens/s"
    assert [quantity_values(m) for m in quantities(text, 0, len(text))] == [(10, None), (7.5, None), (50, 100)]
