"""Small SVG charts drawn on the server: numbers in, coordinates out.

The templates draw the shapes (styled from moderation.css, so night mode works) and
put a data table beside every chart for screen readers.
"""

from datetime import date

WIDTH = 320
ROW = 42
BAR_HEIGHT = 16
LABEL_GAP = 5
VALUE_ROOM = 44
DAY_CHART_HEIGHT = 140
DAY_AXIS = 24


def bar_chart(pairs, *, title: str) -> dict:
    """Horizontal bars, a label above each: readable at 320px wide."""
    rows = []
    values = [value for _label, value in pairs]
    top = max(values, default=0) or 1
    usable = WIDTH - VALUE_ROOM
    for index, (label, value) in enumerate(pairs):
        y = index * ROW
        width = round(usable * value / top, 1) if value else 0
        rows.append(
            {
                "label": str(label).replace("_", " "),
                "value": value,
                "label_y": y + 14,
                "bar_y": y + 14 + LABEL_GAP,
                "width": max(width, 1 if value else 0),
                "value_x": width + 6,
                "value_y": y + 14 + LABEL_GAP + BAR_HEIGHT - 3,
            }
        )
    return {
        "title": title,
        "rows": rows,
        "width": WIDTH,
        "height": max(len(rows) * ROW + 6, ROW),
        "bar_height": BAR_HEIGHT,
        "empty": not rows,
    }


def day_chart(points: list[tuple[date, float | None]], *, title: str) -> dict:
    """One column per day; days without a decision draw nothing."""
    values = [value for _day, value in points if value is not None]
    top = max(values, default=0) or 1
    count = max(len(points), 1)
    slot = WIDTH / count
    bar_width = round(slot * 0.7, 2)
    plot = DAY_CHART_HEIGHT - DAY_AXIS
    columns = []
    for index, (day, value) in enumerate(points):
        height = round(plot * value / top, 1) if value else 0
        if value:
            height = max(height, 1.5)
        columns.append(
            {
                "day": day,
                "value": value,
                "x": round(index * slot + (slot - bar_width) / 2, 2),
                "y": round(plot - height, 1),
                "height": height,
            }
        )
    return {
        "title": title,
        "columns": columns,
        "with_values": [column for column in columns if column["value"] is not None],
        "width": WIDTH,
        "height": DAY_CHART_HEIGHT,
        "bar_width": bar_width,
        "baseline": plot,
        "axis_y": plot + 18,
        "top": top,
        "first_day": points[0][0] if points else None,
        "last_day": points[-1][0] if points else None,
        "empty": not values,
    }
