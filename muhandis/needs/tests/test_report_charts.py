import re

from muhandis.needs import charts


def test_the_bar_chart_names_itself_and_says_every_bar_in_words():
    svg = charts.mwds_bars_svg(
        [
            charts.Bar("FIN-01 Budgets & <costs>", 12.0, 10.5, 13.5, "top", "Top"),
            charts.Bar("LEG-02 Procurement", -1.5, -2.2, -0.8, "low", "Low"),
        ],
        title="Need by competency",
        ids="c",
    )
    assert 'role="img"' in svg
    assert 'aria-labelledby="c-title c-desc"' in svg
    assert '<title id="c-title">Need by competency</title>' in svg
    desc = re.search(r'<desc id="c-desc">(.*?)</desc>', svg).group(1)
    assert "1. FIN-01 Budgets &amp; &lt;costs&gt;: 12.00 (Top) 95% interval 10.50 to 13.50" in desc
    assert "2. LEG-02 Procurement: -1.50 (Low)" in desc
    assert "<costs>" not in svg
    # Priority shown by pattern as well as colour.
    assert 'fill="url(#c-dots)"' in svg


def test_the_quadrant_chart_marks_each_quadrant_with_its_own_shape_and_name():
    points = [
        charts.Point("A-1", "A-1 One", 3.8, 2.5, "HQ"),
        charts.Point("A-2", "A-2 Two", 3.6, 0.4, "HL"),
        charts.Point("A-3", "A-3 Three", 2.0, 2.2, "LH"),
        charts.Point("A-4", "A-4 Four", 2.1, 0.3, "LL"),
    ]
    svg = charts.quadrant_svg(points, cut_x=2.9, cut_y=1.3, title="Focus", ids="q")
    assert "HQ — Train first" in svg
    assert "LL — Low concern" in svg
    assert svg.count("<circle") == 1
    assert svg.count("<rect x=") >= 2  # the frame and the square
    assert svg.count("<polygon") == 2
    assert "A-3 Three: importance 2.00, discrepancy 2.20, Look again" in svg


def test_labels_of_points_close_together_do_not_overlap():
    points = [charts.Point(f"X-{i}", f"X-{i}", 3.0, 2.0, "HQ") for i in range(3)]
    svg = charts.quadrant_svg(points, cut_x=2.0, cut_y=1.0, title="t", ids="q")
    baselines = re.findall(
        r'<text x="[\d.]+" y="([\d.]+)" font-size="11" fill="#212529"[^>]*>X-', svg
    )
    assert len(set(baselines)) == 3
