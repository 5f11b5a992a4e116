"""The SVG charts: valid XML, bars true to their figures, suppression, accessibility, escaping."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import translation

from monitor import charts
from monitor.charts import Bar, bar_chart, scale_chart

SVG = "{http://www.w3.org/2000/svg}"
LEGEND = ["Strongly disagree", "Disagree", "Neither", "Agree", "Strongly agree"]


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def parse(svg: str) -> ET.Element:
    return ET.fromstring(str(svg))


def rects(root: ET.Element, css_class: str) -> list[ET.Element]:
    return [r for r in root.iter(f"{SVG}rect") if r.get("class") == css_class]


def texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{SVG}text")]


def relative_luminance(colour: str) -> float:
    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, other: str) -> float:
    lighter, darker = sorted((relative_luminance(one), relative_luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_bar_chart_is_valid_svg_with_title_and_desc_named_by_aria():
    root = parse(bar_chart([Bar("Carers", 40.0)], title="Share of carers", chart_id="carers"))

    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "carers-title carers-desc"
    assert root.find(f"{SVG}title").get("id") == "carers-title"
    assert root.find(f"{SVG}title").text == "Share of carers"
    assert root.find(f"{SVG}desc").get("id") == "carers-desc"
    assert root.find(f"{SVG}desc").text == "Carers: 40%"


def test_bar_chart_scales_to_its_container_through_a_view_box():
    root = parse(bar_chart([Bar("Carers", 40.0)], title="T", chart_id="c"))

    assert root.get("width") == "100%"
    assert root.get("height") is None
    assert root.get("viewBox").startswith("0 0 400 ")
    assert root.get("preserveAspectRatio") == "xMinYMin meet"


def test_bar_widths_are_proportional_to_the_percentages():
    root = parse(
        bar_chart(
            [Bar("A", 25.0), Bar("B", 50.0), Bar("C", 100.0), Bar("D", 0.0)],
            title="T",
            chart_id="c",
        )
    )

    widths = [float(r.get("width")) for r in rects(root, "chart-bar")]
    assert widths == [charts.TRACK_WIDTH * 0.25, charts.TRACK_WIDTH * 0.5, charts.TRACK_WIDTH, 0]


def test_percentages_are_printed_rounded_half_up_to_whole_percents():
    root = parse(
        bar_chart([Bar("A", 12.5), Bar("B", 33.333), Bar("C", 66.7)], title="T", chart_id="c")
    )

    assert {"13%", "33%", "67%"} <= set(texts(root))
    assert root.find(f"{SVG}desc").text == "A: 13%; B: 33%; C: 67%"


def test_a_suppressed_bar_is_an_outline_without_a_value():
    root = parse(bar_chart([Bar("Shown", 40.0), Bar("Hidden", None)], title="T", chart_id="c"))

    assert len(rects(root, "chart-bar")) == 1
    (outline,) = rects(root, "chart-suppressed")
    assert outline.get("fill") == "#ffffff"
    assert outline.get("stroke-dasharray")
    assert texts(root).count("too few answers") == 1
    assert [t for t in texts(root) if t.endswith("%")] == ["40%"]
    assert root.find(f"{SVG}desc").text == "Shown: 40%; Hidden: too few answers"


def test_a_reference_is_marked_on_the_bar_and_named_in_the_desc():
    root = parse(
        bar_chart(
            [Bar("Knows municipal support", 60.0, reference=50.0)],
            title="T",
            chart_id="c",
            reference_label="national figure",
        )
    )

    (marker,) = rects(root, "chart-reference")
    centre = float(marker.get("x")) + float(marker.get("width")) / 2
    assert centre == pytest.approx(charts.TRACK_WIDTH * 0.5)
    assert "national figure" in texts(root)
    assert root.find(f"{SVG}desc").text == "Knows municipal support: 60% (national figure: 50%)"


def test_labels_and_title_are_escaped():
    label = '<script>alert("x")</script> & Zorg'
    svg = str(bar_chart([Bar(label, 40.0)], title="<b>Title</b>", chart_id="c"))

    assert "<script>" not in svg
    assert "<b>" not in svg
    assert "&lt;script&gt;" in svg
    root = parse(svg)
    assert root.find(f"{SVG}desc").text == f"{label}: 40%"
    assert root.find(f"{SVG}title").text == "<b>Title</b>"
    assert not root.findall(f".//{SVG}script")


def test_control_characters_in_a_label_do_not_break_the_xml():
    root = parse(bar_chart([Bar("Team\x00\x1b A", 40.0)], title="T", chart_id="c"))

    assert root.find(f"{SVG}desc").text == "Team A: 40%"


def test_a_long_label_wraps_onto_two_lines_and_is_cut_with_an_ellipsis():
    label = " ".join(["Afdeling"] * 30)
    root = parse(bar_chart([Bar(label, 40.0)], title="T", chart_id="c"))

    label_lines = [t for t in texts(root) if t.startswith("Afdeling")]
    assert len(label_lines) == 2
    assert label_lines[1].endswith("…")
    assert all(len(line) <= charts.CHARS_PER_LINE for line in label_lines)
    assert root.find(f"{SVG}desc").text == f"{label}: 40%"


def test_the_output_is_the_same_on_every_call():
    bars = [Bar("A", 12.345), Bar("B", None), Bar("C", 99.9, reference=27.0)]

    assert bar_chart(bars, title="T", chart_id="c") == bar_chart(bars, title="T", chart_id="c")


def test_the_chart_holds_no_script_and_no_style_attribute():
    svg = str(bar_chart([Bar("A", 40.0, reference=10.0), Bar("B", None)], title="T", chart_id="c"))
    svg += str(
        scale_chart([("A", [10.0, 20.0, 30.0, 20.0, 20.0])], title="T", chart_id="s", legend=LEGEND)
    )

    assert not re.search(r"\sstyle=", svg)  # font-style="italic" is a presentation attribute
    assert "<script" not in svg
    assert "href" not in svg


def test_a_chart_id_that_is_not_a_plain_identifier_is_refused():
    with pytest.raises(ValueError):
        bar_chart([Bar("A", 40.0)], title="T", chart_id='c" onload="x')


def test_an_empty_chart_is_still_valid_and_says_so():
    root = parse(bar_chart([], title="T", chart_id="c"))

    assert root.find(f"{SVG}desc").text == "No figures."


def test_scale_segments_are_proportional_and_fill_the_row():
    root = parse(
        scale_chart(
            [("Open culture", [10.0, 20.0, 30.0, 25.0, 15.0])],
            title="T",
            chart_id="s",
            legend=LEGEND,
        )
    )

    segments = rects(root, "chart-segment")
    widths = [float(r.get("width")) for r in segments]
    assert widths == [charts.WIDTH * share for share in (0.1, 0.2, 0.3, 0.25, 0.15)]
    assert [float(r.get("x")) for r in segments] == [0, 40, 120, 240, 340]
    assert [r.get("fill") for r in segments] == list(charts.SCALE_COLOURS)


def test_scale_chart_has_a_legend_and_a_desc_with_every_step():
    root = parse(
        scale_chart(
            [("Open culture", [10.0, 20.0, 30.0, 25.0, 15.0]), ("Managers", [None] * 5)],
            title="Culture",
            chart_id="s",
            legend=LEGEND,
        )
    )

    assert set(LEGEND) <= set(texts(root))
    assert root.get("aria-labelledby") == "s-title s-desc"
    assert root.find(f"{SVG}desc").text == (
        "Open culture: Strongly disagree 10%, Disagree 20%, Neither 30%, Agree 25%, "
        "Strongly agree 15%; Managers: too few answers"
    )


def test_a_scale_row_with_nothing_published_is_an_outline_without_values():
    root = parse(scale_chart([("Managers", [None] * 5)], title="T", chart_id="s", legend=LEGEND))

    assert rects(root, "chart-segment") == []
    assert len(rects(root, "chart-suppressed")) == 1
    assert "too few answers" in texts(root)
    assert not [t for t in texts(root) if t.endswith("%")]


def test_a_suppressed_step_shares_the_rest_of_the_row_without_a_value():
    root = parse(
        scale_chart(
            [("Open culture", [None, None, 40.0, 30.0, 20.0])],
            title="T",
            chart_id="s",
            legend=LEGEND,
        )
    )

    outlines = rects(root, "chart-suppressed")
    assert [float(r.get("width")) for r in outlines] == [charts.WIDTH * 0.05 - 1] * 2
    published = rects(root, "chart-segment")
    assert [float(r.get("width")) for r in published] == [160, 120, 80]
    assert float(published[0].get("x")) == charts.WIDTH * 0.1
    assert sorted(t for t in texts(root) if t.endswith("%")) == ["20%", "30%", "40%"]
    assert "Strongly disagree too few answers" in root.find(f"{SVG}desc").text


def test_narrow_segments_leave_their_value_to_the_desc():
    root = parse(
        scale_chart([("A", [2.0, 3.0, 5.0, 40.0, 50.0])], title="T", chart_id="s", legend=LEGEND)
    )

    assert sorted(t for t in texts(root) if t.endswith("%")) == ["40%", "50%"]
    assert "Strongly disagree 2%" in root.find(f"{SVG}desc").text


def test_chart_colours_have_enough_contrast_against_white():
    white = "#ffffff"
    assert contrast(charts.BAR_COLOUR, white) >= 3
    assert contrast(charts.SUPPRESSED_COLOUR, white) >= 3
    assert contrast(charts.REFERENCE_COLOUR, white) >= 3
    assert contrast(charts.TEXT_COLOUR, white) >= 4.5
    assert contrast(charts.TEXT_COLOUR, charts.TRACK_COLOUR) >= 4.5
    for colour in charts.SCALE_COLOURS:
        # The segment against the white gap (3:1) and the white value text on it (4.5:1).
        assert contrast(colour, charts.SCALE_TEXT_COLOUR) >= 4.5
