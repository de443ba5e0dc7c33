r"""The command line: ``python -m haiti_mss``.

``python -m haiti_mss`` prints the status report of the bundled mission today: the one that
exists on the day (from its first mandate to its handover or end), or else the latest.
``--as-of DATE``, ``--mission MSS|GSF`` (in any case), ``--json``, ``--timeline START END``
(with ``--json`` or ``--csv``) and ``--sources`` change what it shows; ``--version`` prints the
version. A month may be given as ``YYYY-MM`` (its first day). A timeline runs over at most
1,200 calendar months. A row of the timeline after the last day the records describe is marked
"extrapolated", and a closing line names that day. Output that the terminal's encoding cannot
hold is written with ASCII signs ("<=" for "≤"); controls and format characters in what it
prints or echoes are written as their escapes (``\x1b``, ``\u202e``).

``python -m haiti_mss export DIR`` writes the bundled dataset as a Frictionless data package
(see :mod:`haiti_mss.export`), its daily tables to ``--through DATE`` (default: today).

``python -m haiti_mss validate FILE...`` checks data files: it prints every problem of each
file with its JSON path and exits 1, or prints a one-line summary per valid file and exits 0.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from collections.abc import Iterator, Sequence
from datetime import date
from typing import Final, NoReturn

from . import data
from ._checks import counted, shown, to_day
from .errors import DataError
from .missions import Mission
from .serialization import load, to_json
from .status import Status

_ASCII: Final = str.maketrans(
    {"≤": "<=", "≥": ">=", "≈": "~", "\u2013": "-", "\u2014": "-", "\u2026": "..."}
)
"""The signs of figures and text as ASCII, for a terminal whose encoding has not got them."""


def _say(text: str) -> None:
    text = shown(text)  # an escape sequence or a direction override in data is shown, not obeyed
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        text = text.translate(_ASCII)
        text = text.encode(encoding, "backslashreplace").decode(encoding)
    except LookupError:  # pragma: no cover  # an encoding Python does not know: write it as is
        pass
    try:
        print(text)
    except BrokenPipeError:  # the reader stopped reading (| head): that is not an error
        sys.stdout = None  # nothing more is written, not even when the interpreter exits


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line, as the rest of the command's are."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {shown(message)}\n")


def _validate(files: Sequence[str]) -> int:
    failed = False
    for name in files:
        try:
            dataset = load(name)
        except DataError as error:
            failed = True
            count = counted(len(error.problems) + (error.more or 0), "problem")
            _say(f"{name}: {count if error.more is not None else 'at least ' + count}")
            for problem in error.problems:
                _say(f"  {problem}")
            if error.omitted:
                _say(f"  {error.omitted}")
            continue
        missions = ", ".join(
            f"{m.acronym} ({counted(len(m.contingents), 'contingent')}, "
            f"{counted(len(m.mandates), 'mandate')})"
            for m in dataset.missions
        )
        _say(
            f"{name}: valid: {counted(len(dataset.missions), 'mission')}"
            f"{': ' + missions if missions else ''}; {counted(len(dataset.sources), 'source')}"
        )
    return 1 if failed else 0


def _export(
    parser: argparse.ArgumentParser, directory: str, through: str | None, today: date | None
) -> int:
    from .export import export_package  # noqa: PLC0415  # loaded for this command only

    try:
        day = today or date.today()  # noqa: DTZ011  # the calendar day where the user is
        day = to_day(through, "--through") if through is not None else day
        descriptor = export_package(directory, through=day)
    except DataError as error:
        parser.error(str(error).replace("\n", "; "))
    except OSError as error:
        parser.error(f"cannot write {directory}: {error.strerror or error}")
    names = [resource["name"] for resource in descriptor["resources"]]
    _say(f"{directory}: datapackage.json and {counted(len(names), 'table')}: {', '.join(names)}")
    return 0


def _mission_for(acronym: str | None, day: date) -> Mission:
    """The mission asked for; else the one that exists on *day*, else the last begun by then."""
    missions = data.missions()
    if acronym is not None:
        return data.dataset().mission(acronym)
    existing = [m for m in missions if m.mandates and m.exists_on(day)]
    begun = [m for m in missions if m.mandates and m.mandates[0].adopted <= day]
    return (existing or begun or list(missions[:1]))[-1]


def _citations(mission: Mission, status: Status) -> Iterator[str]:
    """The sources of the figures in *status*: what each rests on, then the sources in full."""
    cited: dict[str, None] = {}
    yield "Sources:"
    for what, ids in _cited_figures(mission, status):
        if ids:
            yield f"  {what}: {', '.join(ids)}"
            cited.update(dict.fromkeys(ids))
    for source_id in cited:
        source = mission.source(source_id)
        parts = [
            source.publisher,
            f"via {source.via}" if source.via else "",
            f'"{source.title}"' if source.title else "",
            source.published.isoformat() if source.published else "",
            source.url or "",
        ]
        yield f"  [{source_id}] {', '.join(part for part in parts if part)}"


def _cited_figures(mission: Mission, status: Status) -> Iterator[tuple[str, list[str]]]:
    """Each figure of the report, and the ids of the sources it rests on."""
    for contingent in mission.contingents:
        records = contingent.records_counted_on(status.as_of)
        ids = dict.fromkeys(i for record in records for i in record.sources)
        yield f"{contingent.country.code} {contingent.personnel_type}", list(ids)
    if status.mandate is not None:
        yield status.mandate.resolution, list(status.mandate.sources)
    if status.ratio_basis is not None and status.ceiling is None:
        yield "planned strength", list(mission.planned_strength_sources)
    for indicator in status.indicators:
        yield f"{indicator.name} ({indicator.as_of.isoformat()})", list(indicator.sources)


def _timeline(mission: Mission, start: date, end: date) -> Iterator[str]:
    yield f"{mission.name} ({mission.acronym}), monthly from {start} to {end}"
    yield _row("date", "deployed", "committed", "outstanding", "projected", "record", "mandate")
    edge: date | None = None
    for status in mission.timeline(start, end):
        if status.extrapolated:
            edge = status.current_through
        mandate = status.mandate.resolution if status.mandate else str(status.authorisation)
        yield _row(
            status.as_of,
            status.deployed,
            status.committed,
            status.outstanding,
            status.projected_force,
            "extrapolated" if status.extrapolated else "",
            mandate,
        )
    if edge is not None:
        yield (
            f"extrapolated: the records run to {edge.isoformat()}; "
            "later rows carry the last recorded values forward"
        )


_CSV_FIGURES: Final = ("deployed", "committed", "outstanding", "projected_force")


def _timeline_csv(mission: Mission, start: date, end: date) -> Iterator[str]:
    """The monthly timeline as CSV: each figure as its value and its qualifier."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    header = ["date", "mission"]
    for name in _CSV_FIGURES:
        header += [name, f"{name}_qualifier"]
    writer.writerow([*header, "mandate", "authorisation", "extrapolated", "current_through"])
    for status in mission.timeline(start, end):
        row: list[object] = [status.as_of.isoformat(), status.mission]
        for name in _CSV_FIGURES:
            figure = getattr(status, name)
            row += [figure.value, figure.qualifier.value]
        row += [
            status.mandate.resolution if status.mandate else "",
            status.authorisation.value,
            str(status.extrapolated).lower(),
            status.current_through.isoformat() if status.current_through else "",
        ]
        writer.writerow(row)
    yield out.getvalue().removesuffix("\n")


_MONTH: Final = re.compile(r"(\d{4})-(\d{2})", re.ASCII)


def _month_or_day(text: str, name: str) -> date:
    """A day of the timeline: a date, or a month written YYYY-MM (its first day)."""
    match = _MONTH.fullmatch(text.strip())
    if match is None:
        return to_day(text, name)
    year, month = int(match[1]), int(match[2])
    if not 1 <= month <= 12:
        raise DataError.at(name, f"{text!r} is not a month: month must be in 01..12")
    return date(year, month, 1)


_MOST_MONTHS: Final = 1_200
"""The most calendar months a timeline runs over: a century, 1,200 rows (some 4 MB as JSON)."""


def _span(text: tuple[str, str]) -> tuple[date, date]:
    """The first and last day of a timeline: no more than :data:`_MOST_MONTHS` apart."""
    start, end = _month_or_day(text[0], "START"), _month_or_day(text[1], "END")
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    if months > _MOST_MONTHS:
        raise DataError.at(
            "END",
            f"{start.isoformat()} to {end.isoformat()} runs over {months:,} calendar months; "
            f"a timeline runs over at most {_MOST_MONTHS:,} (a century)",
        )
    return start, end


def _row(day: object, *cells: object) -> str:
    *numbers, record, mandate = cells
    return (
        f"{day!s:<12}"
        + "".join(f"{number!s:>12}" for number in numbers)
        + f"  {record!s:<12}  {mandate}"
    )


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m haiti_mss",
        description="The status of the MSS and the GSF in Haiti, from the bundled dataset, "
        "and checks of data files.",
    )
    parser.add_argument("--version", action=_Version, help="print the version and exit")
    parser.add_argument("--as-of", metavar="DATE", help="the day to report on (default: today)")
    parser.add_argument(
        "--mission",
        type=str.upper,
        choices=("MSS", "GSF"),
        help="MSS or GSF, in any case (default: the mission that exists on the day)",
    )
    parser.add_argument(
        "--timeline",
        nargs=2,
        metavar=("START", "END"),
        help="print a monthly table instead, from START to END (dates, or months as YYYY-MM)",
    )
    output = parser.add_mutually_exclusive_group()
    output.add_argument(
        "--json", action="store_true", help="print the status (or the timeline's) as JSON"
    )
    output.add_argument("--csv", action="store_true", help="print the timeline as CSV")
    parser.add_argument("--sources", action="store_true", help="cite the sources of the figures")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    validate = commands.add_parser(
        "validate", help="check data files and print every problem with its path"
    )
    validate.add_argument("files", nargs="+", metavar="FILE", help="a haiti_mss JSON data file")
    export = commands.add_parser(
        "export", help="write the bundled dataset as a Frictionless data package of CSV tables"
    )
    export.add_argument("directory", metavar="DIR", help="where to write the tables")
    export.add_argument(
        "--through",
        metavar="DATE",
        help="the last day of the daily tables (default: today; days after the record are "
        "marked extrapolated)",
    )
    return parser


def _report(arguments: argparse.Namespace, today: date) -> list[str]:
    """The lines the command prints for the report or the timeline *arguments* ask for."""
    if arguments.timeline:
        start, end = _span(arguments.timeline)
        mission = _mission_for(arguments.mission, start)
        if arguments.json:
            return [to_json(tuple(mission.timeline(start, end)), indent=2)]
        if arguments.csv:
            return list(_timeline_csv(mission, start, end))
        return list(_timeline(mission, start, end))
    day = to_day(arguments.as_of, "--as-of") if arguments.as_of is not None else today
    mission = _mission_for(arguments.mission, day)
    status = mission.status(day)
    lines = [to_json(status, indent=2)] if arguments.json else str(status).splitlines()
    if arguments.sources:
        lines += ["", *_citations(mission, status)]
    return lines


class _Version(argparse.Action):
    """``--version``: the installed version, read from the metadata only when it is asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str) -> None:  # noqa: A002
        super().__init__(option_strings, dest, nargs=0, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from importlib.metadata import version  # noqa: PLC0415

        _say(f"{parser.prog} {version('haiti-mss')}")
        parser.exit(0)


def main(argv: Sequence[str] | None = None, *, today: date | None = None) -> int:
    """Run the command line with *argv* (default: the process's arguments); return the exit code."""
    parser = _parser()
    arguments = parser.parse_args(argv)
    report = ("as_of", "mission", "json", "csv", "timeline", "sources")
    if arguments.command == "validate":
        if any(getattr(arguments, name) not in (None, False) for name in report):
            parser.error("the options of the report do not apply to validate")
        return _validate(arguments.files)
    if arguments.command == "export":
        if any(getattr(arguments, name) not in (None, False) for name in report):
            parser.error("the options of the report do not apply to export")
        return _export(parser, arguments.directory, arguments.through, today)
    if arguments.sources and (arguments.json or arguments.timeline):
        parser.error("--sources cites the figures of the report; not with --json or --timeline")
    if arguments.timeline and arguments.as_of is not None:
        parser.error("--as-of is the day of one report; a timeline runs from START to END")
    if arguments.csv and not arguments.timeline:
        parser.error("--csv writes the timeline's table: give --timeline START END")
    try:
        lines = _report(arguments, today or date.today())  # noqa: DTZ011  # the user's calendar day
    except DataError as error:
        parser.error(str(error).replace("\n", "; "))
    _say("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
