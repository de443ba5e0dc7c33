"""Write docs/dataset.md: every mission, contingent, record and source of the bundled data.

Run ``python docs/make_dataset_page.py`` after changing the dataset; a test checks that the
committed page is what this script writes.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path

from haiti_mss import Alternative, Contingent, Dataset, Departure, Mission, data
from haiti_mss._checks import shown

PAGE = Path(__file__).parent / "dataset.md"

_PUNCTUATION = re.compile(r"[!-/:-@\[-`{-~]")
"""ASCII punctuation: every mark that can begin Markdown, MyST or HTML markup is one."""


class Markdown(str):
    """Text already written as Markdown, to be put on the page as it is."""

    __slots__ = ()


def literal(value: object) -> Markdown:
    r"""*value* as Markdown that shows its text as it is, on one line.

    Every ASCII punctuation mark is backslash-escaped, which CommonMark allows before any of
    them and which makes each one literal: no HTML, link, role, directive, target, table cell or
    list can begin in the text. Controls and format characters are shown as their escapes
    (``\x1b``), a line break as a space.
    """
    return Markdown(_PUNCTUATION.sub(r"\\\g<0>", shown(str(value)).replace("\n", " ")))


def prose(text: str) -> Markdown:
    """*text* as Markdown paragraphs: each line literal, without indentation (a code block)."""
    return Markdown("\n".join(literal(line.strip()) for line in text.split("\n")))


def cell(value: object) -> Markdown:
    """*value* as a Markdown table cell: literal text, or Markdown as it is; "" for None."""
    if value is None:
        return Markdown()
    if isinstance(value, Markdown):
        return value
    if type(value) is date:
        return Markdown(value.isoformat())
    return literal(value)


def table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> Iterator[str]:
    """A Markdown table."""
    yield "| " + " | ".join(headers) + " |"
    yield "|" + "---|" * len(headers)
    for row in rows:
        yield "| " + " | ".join(cell(value) for value in row) + " |"
    yield ""


def ids(sources: Iterable[str]) -> Markdown:
    """Source ids as links to the table of sources."""
    return Markdown(", ".join(f"[{literal(i)}](#{i})" for i in sources))


def others(alternatives: Iterable[Alternative]) -> Markdown:
    """The values other sources report, with their sources."""
    return Markdown("; ".join(f"{literal(a.value)} ({ids(a.sources)})" for a in alternatives))


def confidence(item: object) -> str:
    """An item's confidence, or nothing."""
    value = getattr(item, "confidence", None)
    return value.value if value is not None else ""


def mission_section(mission: Mission) -> Iterator[str]:
    """The tables of one mission."""
    yield f"## {literal(mission.name)} ({literal(mission.acronym)})"
    yield ""
    yield literal(mission) + "."
    yield ""
    if mission.note:
        yield prose(mission.note)
        yield ""
    if mission.planned_strength is not None:
        sources = ids(mission.planned_strength_sources)
        yield f"Planned strength: {literal(mission.planned_strength)} ({sources})."
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
        yield f"### {heading(contingent)}"
        yield ""
        if contingent.description:
            yield prose(contingent.description) + "."
            yield ""
        yield from table(
            ("date", "record", "figure", "other sources say", "sources", "confidence", "note"),
            (
                (
                    r.on,
                    r.kind.replace("_", " ")
                    + (f" ({r.reason})" if isinstance(r, Departure) else ""),
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


def heading(contingent: Contingent) -> Markdown:
    """The heading of a contingent's section."""
    return literal(f"{contingent.country.name}, {contingent.personnel_type}")


def page(dataset: Dataset | None = None) -> str:
    """The whole page, of *dataset* or else of the bundled data."""
    dataset = data.dataset() if dataset is None else dataset
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
    for mission in dataset.missions:
        lines += mission_section(mission)
    lines += ["## Sources", ""]
    for source in dataset.sources:
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
            f"- {name}: {address(value) if name == 'address' else cell(value)}"
            for name, value in details
            if value is not None
        ]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def address(url: object) -> Markdown:
    """A source's address as a link; as text if it holds what a link cannot.

    Its rule makes it an http or https URL without spaces, ``<``, ``>`` or ``"``.
    """
    text = str(url)
    return Markdown(f"<{text}>") if shown(text) == text else literal(text)


def main(argv: Sequence[str]) -> None:
    """Write the page to the path in *argv*, or to docs/dataset.md."""
    target = Path(argv[0]) if argv else PAGE
    target.write_text(page(), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
