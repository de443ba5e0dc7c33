"""Write docs/dataset.md: every mission, contingent, record and source of the bundled data.

Run ``python docs/make_dataset_page.py`` after changing the dataset; a test checks that the
committed page is what this script writes.
"""

from __future__ import annotations

import html
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from haiti_mss import Alternative, Mission, data

PAGE = Path(__file__).parent / "dataset.md"


def cell(value: object) -> str:
    """*value* as a Markdown table cell: HTML and pipes escaped, no line breaks, "" for None."""
    if value is None:
        return ""
    return html.escape(str(value), quote=False).replace("|", "\\|").replace("\n", " ")


def table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> Iterator[str]:
    """A Markdown table."""
    yield "| " + " | ".join(headers) + " |"
    yield "|" + "---|" * len(headers)
    for row in rows:
        yield "| " + " | ".join(cell(value) for value in row) + " |"
    yield ""


def ids(sources: Iterable[str]) -> str:
    """Source ids as links to the table of sources."""
    return ", ".join(f"[{i}](#{i})" for i in sources)


def others(alternatives: Iterable[Alternative]) -> str:
    """The values other sources report, with their sources."""
    return "; ".join(f"{a.value} ({ids(a.sources)})" for a in alternatives)


def confidence(item: object) -> str:
    """An item's confidence, or nothing."""
    value = getattr(item, "confidence", None)
    return value.value if value is not None else ""


def mission_section(mission: Mission) -> Iterator[str]:
    """The tables of one mission."""
    yield f"## {mission.name} ({mission.acronym})"
    yield ""
    yield str(mission) + "."
    yield ""
    if mission.note:
        yield mission.note
        yield ""
    if mission.planned_strength is not None:
        sources = ids(mission.planned_strength_sources)
        yield f"Planned strength: {mission.planned_strength} ({sources})."
        yield ""
    yield "### Mandates"
    yield ""
    yield from table(
        (
            "resolution",
            "adopted",
            "in force until",
            "ceiling",
            "vote",
            "sources",
            "confidence",
            "note",
        ),
        (
            (
                m.resolution,
                m.adopted,
                m.expires,
                m.ceiling or "none",
                m.vote,
                ids(m.sources),
                confidence(m),
                m.note,
            )
            for m in mission.mandates
        ),
    )
    for contingent in mission.contingents:
        yield f"### {contingent.country.name}, {contingent.personnel_type}"
        yield ""
        if contingent.description:
            yield contingent.description + "."
            yield ""
        yield from table(
            ("date", "record", "figure", "other sources say", "sources", "confidence", "note"),
            (
                (
                    r.on,
                    r.kind.replace("_", " ") + (f" ({r.reason})" if hasattr(r, "reason") else ""),
                    r.figure,
                    others(r.alternatives),
                    ids(r.sources),
                    confidence(r),
                    r.note,
                )
                for r in contingent.history
            ),
        )
    if mission.contributions:
        yield "### Funding"
        yield ""
        yield from table(
            ("date", "donor", "status", "amount", "purpose", "sources", "confidence", "note"),
            (
                (
                    c.on,
                    c.donor.name if c.donor else "several donors",
                    c.status,
                    f"{c.qualifier.symbol}{c.amount:,f} {c.currency}",
                    c.purpose,
                    ids(c.sources),
                    confidence(c),
                    c.note,
                )
                for c in mission.contributions
            ),
        )
    if mission.milestones:
        yield "### Milestones"
        yield ""
        yield from table(
            ("date", "kind", "event", "sources", "confidence", "note"),
            (
                (m.on, m.kind, m.title, ids(m.sources), confidence(m), m.note)
                for m in mission.milestones
            ),
        )
    if mission.indicators:
        yield "### Indicators"
        yield ""
        yield from table(
            (
                "indicator",
                "value",
                "data from",
                "data to",
                "published",
                "other sources say",
                "sources",
                "confidence",
                "note",
            ),
            (
                (
                    i.name,
                    str(i).split(": ", 1)[1].split(" (", 1)[0],
                    i.period_start,
                    i.as_of,
                    i.published,
                    others(i.alternatives),
                    ids(i.sources),
                    confidence(i),
                    i.note,
                )
                for i in mission.indicators
            ),
        )


def page() -> str:
    """The whole page."""
    lines = [
        "# The dataset",
        "",
        (
            "Every mission, contingent, record and source of the dataset that ships with "
            "`haiti_mss`, so that each figure can be checked against its source."
        ),
        (
            "This page is written by `docs/make_dataset_page.py` from the data file; "
            "a test keeps it up to date."
        ),
        (
            "Figures are written as the sources give them: `~` about, `>` more than, `≥` at least, "
            "`<` less than, `≤` at most."
        ),
        "",
    ]
    for mission in data.missions():
        lines += mission_section(mission)
    lines += ["## Sources", ""]
    for source in data.sources():
        lines.append(f"({source.id})=")
        lines.append(f"### {source.id}")
        lines.append("")
        details: list[tuple[str, object]] = [
            ("publisher", source.publisher),
            ("via", source.via),
            ("title", source.title),
            ("published", source.published),
            ("address", source.url),
            ("note", source.note or None),
        ]
        lines += [
            f"- {name}: <{value}>" if name == "address" else f"- {name}: {cell(value)}"
            for name, value in details
            if value is not None
        ]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def main(argv: Sequence[str]) -> None:
    """Write the page to the path in *argv*, or to docs/dataset.md."""
    target = Path(argv[0]) if argv else PAGE
    target.write_text(page(), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
