"""Server-rendered SVG charts of monitor figures, for the results page and the PDF letters alike.

Plain SVG only: no script, no style attributes (the Content Security Policy forbids them on the
page, and WeasyPrint reads presentation attributes well), no external fonts. The drawing scales
through its viewBox; the coordinate system is about as wide as a phone (400 units), so the text
stays readable at 360 px and only grows on wider screens. Labels sit above their bars so a long
label never squeezes the bar. Every label is escaped: departments and custom questions are
written by the organisation. Each chart carries a <title> and a <desc> with every figure in plain
text, and the page shows a table beside it.
"""

import math
import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH = 400
FONT_SIZE = 14
# Named faces first: WeasyPrint's generic sans-serif is DejaVu Sans, a wider face for which the
# label widths below do not hold. Liberation Sans is installed with the project's fonts.
FONT_FAMILY = "'Liberation Sans', Arial, Helvetica, sans-serif"
LINE_HEIGHT = 18
BAR_HEIGHT = 22
ROW_GAP = 14
VALUE_WIDTH = 52  # room for "100%" right of the track
TRACK_WIDTH = WIDTH - VALUE_WIDTH
# An average character of a sans-serif face is about 0.45 em wide (measured in Chromium and
# WeasyPrint); 0.52 leaves room for labels in capitals.
CHARS_PER_LINE = int(WIDTH / (FONT_SIZE * 0.52))
MAX_LABEL_LINES = 2

# Colours, each checked in tests/monitor/test_charts.py: graphics at least 3:1 against white
# (WCAG 1.4.11), text at least 4.5:1 (WCAG 1.4.3).
TEXT_COLOUR = "#212529"
BAR_COLOUR = "#0b5394"
TRACK_COLOUR = "#eef1f4"  # decoration only: the bar and the printed value carry the figure
SUPPRESSED_COLOUR = "#595959"
REFERENCE_COLOUR = "#b3261e"
# A diverging scale from "strongly disagree" to "strongly agree". Every step is dark enough for
# white text on it (4.5:1); white gaps between segments keep neighbours apart.
SCALE_COLOURS = ("#9b1c1c", "#a84300", "#5c636a", "#2b6a99", "#0b3d6b")
SCALE_TEXT_COLOUR = "#ffffff"
MIN_SEGMENT_FOR_TEXT = 34  # narrower segments leave their value to the desc and the table

_CHART_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
# Characters XML 1.0 does not allow at all; a label pasted from elsewhere may carry them.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Bar:
    label: str
    percentage: float | None  # None = suppressed (too few answers)
    count: int | None = None
    reference: float | None = None  # a marker, e.g. a national figure or the previous campaign


def whole_percent(value: float) -> int:
    """Round half up, as people do (Python's round() would make 12.5 into 12)."""
    return math.floor(value + 0.5)


def _percent_text(value: float) -> str:
    return _("%(value)s%%") % {"value": whole_percent(value)}


def _text(value: object) -> str:
    return escape(_XML_INVALID.sub("", str(value)))


def _number(value: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros, the same on every run."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def _width_of(percentage: float, track: float = TRACK_WIDTH) -> float:
    return track * min(max(percentage, 0.0), 100.0) / 100.0


def _label_lines(label: str) -> list[str]:
    """Wrap a label over at most two lines; cut what is left with an ellipsis."""
    clean = " ".join(str(label).split())
    lines = textwrap.wrap(clean, CHARS_PER_LINE) or [""]
    if len(lines) > MAX_LABEL_LINES:
        last = " ".join(lines[MAX_LABEL_LINES - 1 :])
        lines = lines[: MAX_LABEL_LINES - 1] + [last[: CHARS_PER_LINE - 1].rstrip() + "…"]
    return lines


def _text_element(x: float, y: float, content: str, **attributes: str) -> str:
    extra = "".join(f' {name.replace("_", "-")}="{value}"' for name, value in attributes.items())
    return f'<text x="{_number(x)}" y="{_number(y)}"{extra}>{_text(content)}</text>'


def _svg(*, chart_id: str, title: str, desc: str, height: float, body: list[str]) -> SafeString:
    if not _CHART_ID.match(chart_id):
        raise ValueError(f"chart_id must be a plain identifier, not {chart_id!r}")
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="monitor-chart" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" width="100%" '
        f'viewBox="0 0 {WIDTH} {_number(height)}" preserveAspectRatio="xMinYMin meet" '
        f'font-family="{FONT_FAMILY}" font-size="{FONT_SIZE}" fill="{TEXT_COLOUR}">'
        f'<title id="{chart_id}-title">{_text(title)}</title>'
        f'<desc id="{chart_id}-desc">{_text(desc)}</desc>' + "".join(body) + "</svg>"
    )


def _suppressed(y: float, track: float) -> list[str]:
    return [
        f'<rect x="0.5" y="{_number(y + 0.5)}" width="{_number(track - 1)}" '
        f'height="{BAR_HEIGHT - 1}" fill="#ffffff" stroke="{SUPPRESSED_COLOUR}" '
        f'stroke-width="1" stroke-dasharray="4 3" class="chart-suppressed"/>',
        _text_element(8, y + BAR_HEIGHT / 2 + 5, _("too few answers"), font_style="italic"),
    ]


def _bar_desc(bar: Bar, reference_label: str) -> str:
    value = _("too few answers") if bar.percentage is None else _percent_text(bar.percentage)
    if bar.reference is not None:
        value = _("%(value)s (%(reference_label)s: %(reference)s)") % {
            "value": value,
            "reference_label": reference_label or _("reference"),
            "reference": _percent_text(bar.reference),
        }
    return _("%(label)s: %(value)s") % {"label": " ".join(str(bar.label).split()), "value": value}


def bar_chart(
    bars: Sequence[Bar], *, title: str, chart_id: str, reference_label: str = ""
) -> SafeString:
    """Horizontal bars from 0 to 100%, the label above each bar and the percentage after it.

    A suppressed bar is an empty dashed outline saying "too few answers". A bar's reference, when
    given, is a red tick across it, reaching past the bar and edged in white so it shows on the
    bar as well as beside it; reference_label names it (for example "national figure").
    """
    body: list[str] = []
    y = 0.0
    for bar in bars:
        for line in _label_lines(bar.label):
            y += LINE_HEIGHT
            body.append(_text_element(0, y - 4, line))
        y += 2
        if bar.percentage is None:
            body.extend(_suppressed(y, TRACK_WIDTH))
        else:
            width = _width_of(bar.percentage)
            body.append(
                f'<rect x="0" y="{_number(y)}" width="{TRACK_WIDTH}" height="{BAR_HEIGHT}" '
                f'fill="{TRACK_COLOUR}"/>'
            )
            body.append(
                f'<rect x="0" y="{_number(y)}" width="{_number(width)}" height="{BAR_HEIGHT}" '
                f'fill="{BAR_COLOUR}" class="chart-bar"/>'
            )
            body.append(
                _text_element(
                    WIDTH,
                    y + BAR_HEIGHT / 2 + 5,
                    _percent_text(bar.percentage),
                    text_anchor="end",
                    font_weight="bold",
                )
            )
        if bar.reference is not None:
            x = _width_of(bar.reference)
            body.append(
                f'<rect x="{_number(max(0.0, min(x - 1.5, TRACK_WIDTH - 3)))}" '
                f'y="{_number(y - 4)}" width="3" height="{BAR_HEIGHT + 8}" '
                f'fill="{REFERENCE_COLOUR}" stroke="#ffffff" stroke-width="1" '
                'class="chart-reference"/>'
            )
        y += BAR_HEIGHT + ROW_GAP
    if any(bar.reference is not None for bar in bars):
        y += 4
        body.append(
            f'<rect x="0" y="{_number(y)}" width="3" height="{LINE_HEIGHT - 2}" '
            f'fill="{REFERENCE_COLOUR}"/>'
        )
        body.append(_text_element(10, y + LINE_HEIGHT - 5, reference_label or _("reference")))
        y += LINE_HEIGHT + 4
    desc = "; ".join(_bar_desc(bar, reference_label) for bar in bars) or _("No figures.")
    return _svg(chart_id=chart_id, title=title, desc=desc, height=max(y, 1), body=body)


def _legend(legend: Sequence[str], y: float) -> tuple[list[str], float]:
    """Swatches with their labels, flowing onto a new line where the width runs out."""
    body: list[str] = []
    x = 0.0
    y += LINE_HEIGHT
    for index, label in enumerate(legend):
        text = " ".join(str(label).split())
        width = 18 + len(text) * FONT_SIZE * 0.6 + 14
        if x > 0 and x + width > WIDTH:
            x = 0.0
            y += LINE_HEIGHT + 4
        colour = SCALE_COLOURS[index % len(SCALE_COLOURS)]
        body.append(
            f'<rect x="{_number(x)}" y="{_number(y - 12)}" width="12" height="12" fill="{colour}"/>'
        )
        body.append(_text_element(x + 18, y - 1, text))
        x += width
    return body, y + 8


def _scale_desc(label: str, values: Sequence[float | None], legend: Sequence[str]) -> str:
    if all(value is None for value in values):
        parts = _("too few answers")
    else:
        parts = ", ".join(
            _("%(option)s %(value)s")
            % {
                "option": " ".join(str(legend[i]).split()) if i < len(legend) else str(i + 1),
                "value": _("too few answers") if value is None else _percent_text(value),
            }
            for i, value in enumerate(values)
        )
    return _("%(label)s: %(value)s") % {"label": " ".join(str(label).split()), "value": parts}


def scale_chart(
    rows: Sequence[tuple[str, Sequence[float | None]]],
    *,
    title: str,
    chart_id: str,
    legend: Sequence[str],
) -> SafeString:
    """100% stacked bars for 5-point scales, one row per statement or group, with a legend.

    A row with nothing published is a dashed outline saying "too few answers". Within a row, a
    suppressed step is a dashed outline sharing what the published steps leave of 100%: it
    shows where the step sits without claiming its size.
    """
    body: list[str] = []
    y = 0.0
    for label, values in rows:
        for line in _label_lines(label):
            y += LINE_HEIGHT
            body.append(_text_element(0, y - 4, line))
        y += 2
        if all(value is None for value in values):
            body.extend(_suppressed(y, WIDTH))
            y += BAR_HEIGHT + ROW_GAP
            continue
        published = sum(max(value, 0.0) for value in values if value is not None)
        unknown = sum(1 for value in values if value is None)
        unknown_share = max(0.0, 100.0 - published) / unknown if unknown else 0.0
        total = published + unknown_share * unknown
        scale = 100.0 / total if total > 100.0 else 1.0  # rounding may add up to just over 100
        x = 0.0
        for index, value in enumerate(values):
            share = (unknown_share if value is None else max(value, 0.0)) * scale
            width = _width_of(share, WIDTH)
            if width <= 0:
                continue
            if value is None:
                body.append(
                    f'<rect x="{_number(x + 0.5)}" y="{_number(y + 0.5)}" '
                    f'width="{_number(max(width - 1, 0))}" height="{BAR_HEIGHT - 1}" '
                    f'fill="#ffffff" stroke="{SUPPRESSED_COLOUR}" stroke-width="1" '
                    f'stroke-dasharray="4 3" class="chart-suppressed"/>'
                )
            else:
                colour = SCALE_COLOURS[index % len(SCALE_COLOURS)]
                body.append(
                    f'<rect x="{_number(x)}" y="{_number(y)}" width="{_number(width)}" '
                    f'height="{BAR_HEIGHT}" fill="{colour}" stroke="#ffffff" stroke-width="1" '
                    f'class="chart-segment"/>'
                )
                if width >= MIN_SEGMENT_FOR_TEXT:
                    body.append(
                        _text_element(
                            x + width / 2,
                            y + BAR_HEIGHT / 2 + 5,
                            _percent_text(value),
                            text_anchor="middle",
                            fill=SCALE_TEXT_COLOUR,
                            font_size="12",
                        )
                    )
            x += width
        y += BAR_HEIGHT + ROW_GAP
    legend_body, y = _legend(legend, y)
    body.extend(legend_body)
    desc = "; ".join(_scale_desc(label, values, legend) for label, values in rows) or _(
        "No figures."
    )
    return _svg(chart_id=chart_id, title=title, desc=desc, height=max(y, 1), body=body)
