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
