from decimal import Decimal

from saferhub.core.charts import Bar, bar_chart, line_chart


def test_line_chart_is_an_accessible_svg_with_escaped_text():
    svg = line_chart([("Q1 <2022>", Decimal(3)), ("Q2", 5)], title="Homicides & more", description="Two quarters",
                     target=4)
    assert svg.startswith('<svg') and 'role="img"' in svg
    assert "<title id=\"chart-t\">Homicides &amp; more</title>" in svg and "<desc" in svg
    assert "Q1 &lt;2022&gt;" in svg and "Target 4" in svg and svg.count("<circle") == 2


def test_bar_chart_and_empty_charts():
    svg = bar_chart([Bar("Red", 2, "#d4351c"), Bar("Green", 0)], title="RAG", description="By status")
    assert svg.count("<rect") == 2 and ">2</text>" in svg
    assert "<polyline" not in line_chart([], title="None", description="No values")


def test_stacked_bar_chart_draws_each_part_on_one_scale_with_a_key():
    from saferhub.core.charts import stacked_bar_chart

    svg = stacked_bar_chart([("Outcome 1", [Bar("Red", 1, "#d4351c"), Bar("Green", 3, "#00703c")]),
                             ("Outcome <2>", [Bar("Red", 0, "#d4351c"), Bar("Green", 2, "#00703c")])],
                            title="RAG by outcome", description="Actions")
    assert svg.startswith("<svg") and 'role="img"' in svg and "Outcome &lt;2&gt;" in svg
    assert svg.count("<rect") == 3 + 2  # three parts drawn (a 0 is not), two key squares
    assert "<title>Green: 3</title>" in svg and ">4</text>" in svg and ">2</text>" in svg
