"""The report's own escaping and figure cache give exactly what markupsafe and the uncached formatting give."""
import random

from markupsafe import Markup, escape

from pipeline.report.render import _html
from pipeline.report.units import _figure, figure


def test_html_escaping_is_markupsafes_character_for_character():
    rng = random.Random(7)
    alphabet = "ab <>&\"'\n\u00e9\u4e2d|;#x"
    values = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 40))) for _ in range(2000)]
    values += [None, 0, 17, -3.5, 1e21, True, "", "&amp;", Markup("<b>kept</b>")]
    for value in values:
        assert _html(value) == str(escape(value)), value
        assert isinstance(_html(value), str)


def test_a_remembered_figure_is_the_formatted_one():
    cases = [(1.0, None, "usd_per_mtok", "price_input", None, False, None, None),
             (1, None, "usd_per_mtok", "price_input", None, False, None, None),
             (128000, None, "tokens", None, "lte", False, None, None),
             (None, None, None, None, None, False, None, "open weights"),
             (2.5, 3.0, "percent", None, None, True, None, None)]
    for value, high, unit, metric, bound, approx, currency, text in cases * 2:
        expected = _figure.__wrapped__(value, high, unit, metric, bound, approx, currency, text)
        assert figure(value, high, unit=unit, metric=metric, bound=bound, approx=approx, currency=currency,
                      value_text=text) == expected
    assert figure([1.0][0], unit=["ms"][0]) == "1 ms"
    assert figure(value_text=["unhashable"]) == "['unhashable']"


def test_a_claims_row_escaped_in_one_pass_is_each_value_escaped():
    from pipeline.report.render import _html_all
    rng = random.Random(11)
    alphabet = "ab <>&\"'\n\u00e9|\x00"
    for _ in range(500):
        values = tuple("".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 12))) for _ in range(5))
        values += (rng.randrange(10 ** 4), None, Markup("<i>x</i>"))
        for row in (values, values[:5], values[:6]):
            assert _html_all(row) == [str(escape(v)) for v in row]
