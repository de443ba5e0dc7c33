"""Write docs/frames.md: every column of every data frame, its type and its meaning.

Run ``python docs/make_frames_page.py`` after changing a frame; a test checks that the
committed page is what this script writes from :func:`haiti_mss.frames.columns`.
"""

from __future__ import annotations

from pathlib import Path

from haiti_mss.export import TABLES
from haiti_mss.frames import columns

PAGE = Path(__file__).parent / "frames.md"

FRAMES = {
    "records_frame": "`Mission.records_frame()`, `frames.records_frame(mission)`: a row a record.",
    "timeline_frame": (
        "`Mission.timeline_frame(start, end, rule)`, `frames.timeline_frame(...)`: a row "
        "a contingent a day of the rule."
    ),
    "mandates_frame": "`MandateTimeline.frame()`, `frames.mandates_frame(...)`: a row a mandate.",
    "indicators_frame": (
        "`Mission.indicators_frame(name=...)`, `frames.indicators_frame(mission)`: a row "
        "an indicator."
    ),
}


def text() -> str:
    """The page."""
    lines = [
        "# The columns of the data frames",
        "",
        (
            "Every frame that `haiti_mss.frames` builds, in pandas or in polars, with each "
            "column's name, type and meaning (written by `docs/make_frames_page.py` from the "
            "frames' own column definitions)."
        ),
        (
            "In pandas, days are datetime64 columns at midnight, and integers that may be "
            "empty are nullable `Int64` columns."
        ),
        "",
    ]
    described = {
        **FRAMES,
        **{
            table.name: f"`frames.table_frame({table.name!r})`, the table of the data package: "
            f"{table.description}"
            for table in TABLES
        },
    }
    for name, about in described.items():
        lines += [f"## {name}", "", about, "", "| column | type | meaning |", "|---|---|---|"]
        lines += [
            f"| `{column}` | {kind} | {meaning.replace('|', chr(92) + '|')} |"
            for column, kind, meaning in columns(name)
        ]
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Write the page, or the file named on the command line."""
    target = Path(argv[0]) if argv else PAGE
    target.write_text(text(), encoding="utf-8")


if __name__ == "__main__":
    main()
