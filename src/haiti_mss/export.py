"""A Frictionless data package of a dataset: CSV tables, and a ``datapackage.json`` describing them.

For R, spreadsheets and any tool that reads CSV: :func:`export_package` (or ``python -m
haiti_mss export DIR``) writes one table per kind of thing the dataset holds, and a daily table
of each contingent's strength, with a `Table Schema <https://specs.frictionlessdata.io/>`_ of
every table: each field's type, meaning and unit, the primary keys, and the foreign keys that
tie the tables together. It needs nothing beyond the standard library.

>>> import json, tempfile
>>> from haiti_mss import data
>>> from haiti_mss.export import export_package
>>> folder = tempfile.mkdtemp()
>>> package = export_package(folder, data.dataset(), through="2026-03-21")
>>> [resource["name"] for resource in package["resources"]][:4]
['missions', 'mandates', 'contingents', 'records']

Each column is written once, in :data:`TABLES`: the same list gives the CSV's header, each
row's cells and the field's description in ``datapackage.json``. A figure is two columns, its
value and its ``_qualifier``; lists of source ids are written as one cell, the ids joined with
``"; "``. Days after a mission's record ends (its ``current_through``) are extrapolated: the
``extrapolated`` column says so on every such row.
"""

from __future__ import annotations

import calendar
import csv
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

import attrs

from ._checks import to_day
from .contingents import RECORD_TYPES, Contingent, Record
from .datasets import Dataset, held_sources
from .errors import DataError
from .figures import Figure, Qualifier
from .missions import Mission
from .status import ContingentStatus, Status

__all__ = ["TABLES", "Column", "Table", "export_package", "package_descriptor", "table_rows"]


@attrs.frozen
class Column:
    """A column of a table: its name, its Table Schema type, its meaning, and how to read it."""

    name: str
    type: str
    description: str
    get: Callable[[Any], object] = attrs.field(eq=False, repr=False)
    unit: str | None = None
    constraints: dict[str, Any] | None = None
    required: bool = False
    """Whether every row has a value, a constraint of the Table Schema that frictionless checks."""


@attrs.frozen
class Table:
    """A table of the package: its columns, its keys, and the rows of a dataset it holds."""

    name: str
    description: str
    columns: tuple[Column, ...]
    rows: Callable[[Dataset, date], Iterable[Any]] = attrs.field(eq=False, repr=False)
    primary_key: tuple[str, ...]
    foreign_keys: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...] = ()

    def descriptor(self) -> dict[str, Any]:
        """The table's resource in ``datapackage.json``."""
        fields: list[dict[str, Any]] = []
        for column in self.columns:
            field: dict[str, Any] = {
                "name": column.name,
                "type": column.type,
                "description": column.description,
            }
            if column.unit is not None:
                field["unit"] = column.unit
            constraints = {
                **(column.constraints or {}),
                **({"required": True} if column.required else {}),
            }
            if constraints:
                field["constraints"] = constraints
            fields.append(field)
        schema: dict[str, Any] = {"fields": fields, "primaryKey": list(self.primary_key)}
        if self.foreign_keys:
            schema["foreignKeys"] = [
                {"fields": list(own), "reference": {"resource": table, "fields": list(theirs)}}
                for own, table, theirs in self.foreign_keys
            ]
        return {
            "name": self.name,
            "path": f"{self.name}.csv",
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "description": self.description,
            "schema": schema,
        }


# -- columns -----------------------------------------------------------------------------------

_QUALIFIERS: Final = {"enum": [q.value for q in Qualifier]}


def _text(name: str, description: str, get: Callable[[Any], object]) -> Column:
    return Column(name, "string", description, get)


def _day(name: str, description: str, get: Callable[[Any], date | None]) -> Column:
    return Column(name, "date", description, get)


def _figure(
    name: str,
    description: str,
    get: Callable[[Any], Figure | None],
    unit: str = "persons",
    *,
    required: bool = False,
) -> tuple[Column, Column]:
    """The two columns of a figure: its value (a whole number of *unit*) and its qualifier."""

    def value(row: Any) -> object:  # noqa: ANN401
        figure = get(row)
        return None if figure is None else figure.value

    def qualifier(row: Any) -> object:  # noqa: ANN401
        figure = get(row)
        return None if figure is None else figure.qualifier.value

    kind = "integer" if unit == "persons" else "number"
    return (
        Column(name, kind, description, value, unit, required=required),
        Column(
            f"{name}_qualifier",
            "string",
            f"The qualifier of {name}: exact, or how the true number relates to the value.",
            qualifier,
            constraints=_QUALIFIERS,
            required=required,
        ),
    )


def _ids(get: Callable[[Any], Sequence[str]]) -> Column:
    return _text(
        "sources",
        "The ids of the sources cited, joined with '; ' (see sources).",
        lambda row: "; ".join(get(row)),
    )


def _enum(name: str, description: str, get: Callable[[Any], Any]) -> Column:
    def value(row: Any) -> object:  # noqa: ANN401
        member = get(row)
        return None if member is None else member.value

    return _text(name, description, value)


_MISSION_KEY: Final = (_text("mission", "The acronym of the mission.", lambda r: r[0].acronym),)
_CONTINGENT_KEY: Final = (
    *_MISSION_KEY,
    _text(
        "country",
        "The contributing country's ISO 3166-1 alpha-3 code.",
        lambda r: r[1].country.code,
    ),
    _enum("personnel_type", "police or military.", lambda r: r[1].personnel_type),
)
_CONFIDENCE: Final = _enum(
    "confidence", "high, medium or low: how far the sources agree.", lambda r: r[-1].confidence
)
_NOTE: Final = _text("note", "A note on the figure or the event.", lambda r: r[-1].note)


def _record_columns() -> tuple[Column, ...]:
    """The columns of a record, one for every field of every kind (see RECORD_TYPES)."""
    kinds = ", ".join(cls.kind for cls in RECORD_TYPES)
    columns: list[Column] = [
        *_CONTINGENT_KEY,
        Column("position", "integer", "The record's place in the history, from 0.", lambda r: r[2]),
        _day("date", "The day of the record.", lambda r: r[-1].on),
        _text("kind", f"The kind of record: {kinds}.", lambda r: r[-1].kind),
        *_figure(
            "value",
            "The record's figure: the pledged total, or the personnel moved or counted.",
            lambda r: r[-1].figure,
        ),
    ]
    seen = {"on", "sources", "alternatives", "confidence", "note"}
    seen |= {cls.figure_field for cls in RECORD_TYPES}
    for cls in RECORD_TYPES:
        for field in attrs.fields(cls):
            if field.name in seen:
                continue
            seen.add(field.name)
            columns += _field_columns(field.name, f"{cls.__name__}.{field.name}")
    return (*columns, _ids(lambda r: r[-1].sources), _CONFIDENCE, _NOTE)


def _field_columns(name: str, where: str) -> list[Column]:
    """The columns of a field that only some kinds of record have: empty for the others."""

    def get(row: Any) -> Any:  # noqa: ANN401
        return getattr(row[-1], name, None)

    description = f"{where} (empty for the other kinds of record)."
    if name == "increment":
        return list(_figure(name, description, get))
    if name == "reason":
        return [_enum(name, description, get)]
    return [_text(name, description, get)]


# -- rows ----------------------------------------------------------------------------------------


def _contingents(dataset: Dataset, _: date) -> Iterator[tuple[Mission, Contingent]]:
    for mission in dataset.missions:
        for contingent in mission.contingents:
            yield mission, contingent


def _records(dataset: Dataset, through: date) -> Iterator[tuple[Mission, Contingent, int, Record]]:
    for mission, contingent in _contingents(dataset, through):
        for position, record in enumerate(contingent.history):
            yield mission, contingent, position, record


def _alternatives(dataset: Dataset, through: date) -> Iterator[tuple[Any, ...]]:
    for mission, contingent, position, record in _records(dataset, through):
        for number, alternative in enumerate(record.alternatives):
            yield mission, contingent, position, number, alternative


def _owned(attribute: str) -> Callable[[Dataset, date], Iterator[tuple[Mission, int, Any]]]:
    def rows(dataset: Dataset, _: date) -> Iterator[tuple[Mission, int, Any]]:
        for mission in dataset.missions:
            for position, item in enumerate(getattr(mission, attribute)):
                yield mission, position, item

    return rows


def _days(mission: Mission, through: date) -> Iterator[date]:
    """The days *mission* exists, from its start to its end or *through*."""
    if mission.started_on is None:
        return
    end = mission.ended_on
    last = min(through, end - timedelta(days=1)) if end is not None else through
    day = mission.started_on
    while day <= last:
        yield day
        day += timedelta(days=1)


def _strength(
    dataset: Dataset, through: date
) -> Iterator[tuple[Mission, ContingentStatus, Status]]:
    for mission in dataset.missions:
        for day in _days(mission, through):
            status = mission.status(day)
            for contingent in status.contingents:
                yield mission, contingent, status


def _month_ends(
    dataset: Dataset, through: date
) -> Iterator[tuple[Mission, ContingentStatus, Status]]:
    """The statuses of each mission on the last day of each month it exists, with personnel.

    Its rows are those of the daily table, and :func:`haiti_mss.frames.timeline_frame`'s:
    (mission, the contingent's status, the mission's status).
    """
    for mission in dataset.missions:
        for day in _days(mission, through):
            if day.day != calendar.monthrange(day.year, day.month)[1]:
                continue
            status = mission.status(day)
            for contingent in status.contingents:
                if contingent.deployed.value:
                    yield mission, contingent, status


def _strength_columns() -> tuple[Column, ...]:
    return (
        *_figure(
            "deployed", "Personnel deployed that day.", lambda r: r[1].deployed, required=True
        ),
        *_figure(
            "committed",
            "Personnel pledged and not lapsed that day.",
            lambda r: r[1].committed,
            required=True,
        ),
        *_figure(
            "outstanding",
            "Committed personnel not yet deployed: max(0, committed - deployed).",
            lambda r: r[1].outstanding,
            required=True,
        ),
        *_figure(
            "projected",
            "The projected force: max(committed, deployed).",
            lambda r: r[1].projected,
            required=True,
        ),
        Column(
            "extrapolated",
            "boolean",
            "Whether the day is after the last day the records describe (current_through): "
            "its figures are the last recorded ones, carried forward.",
            lambda r: r[2].extrapolated,
        ),
    )


TABLES: Final[tuple[Table, ...]] = (
    Table(
        "missions",
        "The missions, with their host, lead nation, planned strength and end.",
        (
            _text("acronym", "The mission's acronym.", lambda r: r.acronym),
            _text("name", "The mission's name.", lambda r: r.name),
            _text("host", "The host country's ISO 3166-1 alpha-3 code.", lambda r: r.host.code),
            _text("lead", "The lead nation's ISO 3166-1 alpha-3 code.", lambda r: r.lead.code),
            *_figure(
                "planned_strength",
                "The strength the mission was planned at.",
                lambda r: r.planned_strength,
            ),
            _day("started_on", "The day its first mandate was adopted.", lambda r: r.started_on),
            _day(
                "ended_on",
                "The first day without it: its handover, or the day after its last mandate.",
                lambda r: r.ended_on,
            ),
            _text(
                "successor",
                "The acronym of the mission that took over from it.",
                lambda r: r.successor,
            ),
            _day(
                "current_through",
                "The last day its records describe: later days are extrapolated.",
                lambda r: r.current_through,
            ),
            _text("note", "A note on the mission.", lambda r: r.note),
        ),
        lambda dataset, _: dataset.missions,
        ("acronym",),
    ),
    Table(
        "mandates",
        "The Security Council resolutions that authorised each mission.",
        (
            *_MISSION_KEY,
            _text(
                "resolution",
                "The resolution's symbol, like 'S/RES/2699 (2023)'.",
                lambda r: r[2].resolution,
            ),
            _day("adopted", "The day it was adopted.", lambda r: r[2].adopted),
            _day(
                "expires",
                "The first day it no longer authorises the mission.",
                lambda r: r[2].expires,
            ),
            *_figure(
                "ceiling", "The most personnel it authorises, if it says.", lambda r: r[2].ceiling
            ),
            _text(
                "vote",
                "The vote: in favour-against-abstentions.",
                lambda r: None if r[2].vote is None else str(r[2].vote),
            ),
            _ids(lambda r: r[2].sources),
            _enum("confidence", "high, medium or low.", lambda r: r[2].confidence),
            _text("note", "A note on the mandate.", lambda r: r[2].note),
        ),
        _owned("mandates"),
        ("mission", "resolution"),
        ((("mission",), "missions", ("acronym",)),),
    ),
    Table(
        "contingents",
        "One country's personnel of one type in a mission.",
        (
            *_CONTINGENT_KEY,
            _text(
                "country_name", "The country's short name in ISO 3166.", lambda r: r[1].country.name
            ),
            _text("description", "What the contingent is.", lambda r: r[1].description),
        ),
        _contingents,
        ("mission", "country", "personnel_type"),
        ((("mission",), "missions", ("acronym",)),),
    ),
    Table(
        "records",
        "The dated records of each contingent's history: pledges, arrivals, transfers, "
        "departures and strength reports.",
        _record_columns(),
        _records,
        ("mission", "country", "personnel_type", "position"),
        (
            (
                ("mission", "country", "personnel_type"),
                "contingents",
                ("mission", "country", "personnel_type"),
            ),
        ),
    ),
    Table(
        "alternatives",
        "Other values that other sources give for a record's figure.",
        (
            *_CONTINGENT_KEY,
            Column("position", "integer", "The record's place in the history.", lambda r: r[2]),
            Column(
                "alternative",
                "integer",
                "The alternative's place among the record's, from 0.",
                lambda r: r[3],
            ),
            *_figure("value", "The value the other sources give.", lambda r: r[4].value),
            _ids(lambda r: r[4].sources),
            _text("note", "A note on the alternative.", lambda r: r[4].note),
        ),
        _alternatives,
        ("mission", "country", "personnel_type", "position", "alternative"),
        (
            (
                ("mission", "country", "personnel_type", "position"),
                "records",
                ("mission", "country", "personnel_type", "position"),
            ),
        ),
    ),
    Table(
        "sources",
        "The sources the figures cite.",
        (
            _text("id", "The source's id, as the other tables cite it.", lambda r: r.id),
            _text("publisher", "Who published it.", lambda r: r.publisher),
            _text("title", "Its title.", lambda r: r.title),
            _text("url", "Where it was published.", lambda r: r.url),
            _day("published", "The day it was published.", lambda r: r.published),
            _text("via", "Through whom it was read, if not at its publisher.", lambda r: r.via),
            _text("note", "A note on the source.", lambda r: r.note),
        ),
        lambda dataset, _: dataset.sources,
        ("id",),
    ),
    Table(
        "contributions",
        "Money pledged, committed, deposited or spent for a mission.",
        (
            *_MISSION_KEY,
            Column(
                "position",
                "integer",
                "Its place among the mission's contributions.",
                lambda r: r[1],
            ),
            _day("date", "The day of the contribution.", lambda r: r[2].on),
            _text(
                "donor",
                "The donor's ISO 3166-1 alpha-3 code (empty: not a country).",
                lambda r: None if r[2].donor is None else r[2].donor.code,
            ),
            Column(
                "amount",
                "number",
                "The amount, in the currency of the currency column.",
                lambda r: r[2].amount,
                "the currency column",
            ),
            _text(
                "currency", "The ISO 4217 code of the amount's currency.", lambda r: r[2].currency
            ),
            _enum("status", "pledged, committed, deposited or spent, ...", lambda r: r[2].status),
            _enum(
                "qualifier", "How the true amount relates to the amount.", lambda r: r[2].qualifier
            ),
            _text("purpose", "What it is for.", lambda r: r[2].purpose),
            _ids(lambda r: r[2].sources),
            _enum("confidence", "high, medium or low.", lambda r: r[2].confidence),
            _text("note", "A note on the contribution.", lambda r: r[2].note),
        ),
        _owned("contributions"),
        ("mission", "position"),
        ((("mission",), "missions", ("acronym",)),),
    ),
    Table(
        "milestones",
        "Events in the life of each mission.",
        (
            *_MISSION_KEY,
            Column(
                "position", "integer", "Its place among the mission's milestones.", lambda r: r[1]
            ),
            _day("date", "The day of the event.", lambda r: r[2].on),
            _text("title", "What happened.", lambda r: r[2].title),
            _enum("kind", "The kind of event.", lambda r: r[2].kind),
            _text(
                "countries",
                "The ISO 3166-1 alpha-3 codes of the countries involved, joined with '; '.",
                lambda r: "; ".join(c.code for c in r[2].countries),
            ),
            _ids(lambda r: r[2].sources),
            _enum("confidence", "high, medium or low.", lambda r: r[2].confidence),
            _text("note", "A note on the event.", lambda r: r[2].note),
        ),
        _owned("milestones"),
        ("mission", "position"),
        ((("mission",), "missions", ("acronym",)),),
    ),
    Table(
        "indicators",
        "Figures about the mission's context: killings, displacement, gang control, "
        "reported totals.",
        (
            *_MISSION_KEY,
            Column(
                "position", "integer", "Its place among the mission's indicators.", lambda r: r[1]
            ),
            _text("name", "What is counted.", lambda r: r[2].name),
            *_figure(
                "value",
                "The figure, in the unit of the unit column.",
                lambda r: r[2].value,
                "the unit column",
            ),
            _text("unit", "What the value counts.", lambda r: r[2].unit),
            _day(
                "as_of",
                "The day the figure describes, or the last day of its period.",
                lambda r: r[2].as_of,
            ),
            _day(
                "period_start",
                "The first day of the period it counts, if it counts one.",
                lambda r: r[2].period_start,
            ),
            _day("published", "The day it was published.", lambda r: r[2].published),
            _text("area", "Where it counts.", lambda r: r[2].area),
            _ids(lambda r: r[2].sources),
            _enum("confidence", "high, medium or low.", lambda r: r[2].confidence),
            _text("note", "A note on the figure.", lambda r: r[2].note),
        ),
        _owned("indicators"),
        ("mission", "position"),
        ((("mission",), "missions", ("acronym",)),),
    ),
    Table(
        "strength",
        "Each contingent's strength on every day its mission exists, by the counting rules.",
        (
            *_MISSION_KEY,
            _day("date", "The day.", lambda r: r[2].as_of),
            _text(
                "country",
                "The contributing country's ISO 3166-1 alpha-3 code.",
                lambda r: r[1].country.code,
            ),
            _enum("personnel_type", "police or military.", lambda r: r[1].personnel_type),
            *_strength_columns(),
        ),
        _strength,
        ("mission", "country", "personnel_type", "date"),
        (
            (
                ("mission", "country", "personnel_type"),
                "contingents",
                ("mission", "country", "personnel_type"),
            ),
        ),
    ),
    Table(
        "un_contributions",
        "In the shape of the UN's monthly data of uniformed personnel contributions, so that the "
        "rows can be appended to it: one row per mission, contributor and personnel type on the "
        "last day of each month, where personnel were deployed. The MSS and the GSF are not UN "
        "peacekeeping operations, and the UN's data does not cover them. The record gives no "
        "split by gender, so female and male are empty; its personnel types are police and "
        "military, not the UN's categories (individual police, formed police units, troops, "
        "staff officers, experts on mission).",
        (
            _day("date", "The reporting day: the last day of the month.", lambda r: r[2].as_of),
            *_MISSION_KEY,
            _text("contributor", "The contributing country's name.", lambda r: r[1].country.name),
            _text("contributor_iso3", "Its ISO 3166-1 alpha-3 code.", lambda r: r[1].country.code),
            _enum(
                "personnel_type",
                "police or military, as the record has it.",
                lambda r: r[1].personnel_type,
            ),
            Column(
                "female",
                "integer",
                "Female personnel: not in the record (empty).",
                lambda _: None,
                "persons",
            ),
            Column(
                "male",
                "integer",
                "Male personnel: not in the record (empty).",
                lambda _: None,
                "persons",
            ),
            Column(
                "total",
                "integer",
                "Personnel deployed that day.",
                lambda r: r[1].deployed.value,
                "persons",
            ),
            Column(
                "qualifier",
                "string",
                "The qualifier of total: exact, or how the true number relates to it.",
                lambda r: r[1].deployed.qualifier.value,
                constraints=_QUALIFIERS,
            ),
            Column(
                "extrapolated",
                "boolean",
                "Whether the day is after the last day the records describe.",
                lambda r: r[2].extrapolated,
            ),
        ),
        _month_ends,
        ("date", "mission", "contributor_iso3", "personnel_type"),
        (
            (
                ("mission", "contributor_iso3", "personnel_type"),
                "contingents",
                ("mission", "country", "personnel_type"),
            ),
        ),
    ),
)
"""The tables of the package, in order; each column written once, for the header, the cells
and the descriptor."""


def table_rows(
    table: Table, dataset: Dataset | Mission | None = None, through: date | str | None = None
) -> Iterable[Any]:
    """The rows of *table* for *dataset* (the bundled one by default, or one mission alone).

    The daily tables run to *through*, by default the last day the records of any mission
    describe.
    """
    chosen = _dataset(dataset)
    return table.rows(chosen, _through(chosen, through))


def _dataset(dataset: Dataset | Mission | None) -> Dataset:
    if dataset is None:
        from . import data  # noqa: PLC0415

        return data.dataset()
    if isinstance(dataset, Mission):
        # The mission of a dataset holds only the sources it cites; the table keeps them all.
        held = held_sources(dataset.sources, dataset.source_ids)
        mission = dataset if held == dataset.sources else attrs.evolve(dataset, sources=held)
        return Dataset(sources=dataset.sources, missions=[mission])
    return dataset


MOST_DAYS: Final = 36_525
"""The most days the daily tables run over, from the first day of any mission: a century."""


def _through(dataset: Dataset, through: date | str | None) -> date:
    if through is not None:
        last = to_day(through, "through")
    else:
        edges = [m.current_through for m in dataset.missions if m.current_through is not None]
        last = max(edges, default=date.today())  # noqa: DTZ011  # a calendar day
    first = min((m.started_on for m in dataset.missions if m.started_on is not None), default=last)
    if (last - first).days >= MOST_DAYS:
        raise DataError.at(
            "through",
            f"{first.isoformat()} to {last.isoformat()} is {(last - first).days + 1:,} days; "
            f"the daily tables run over at most {MOST_DAYS:,} (a century)",
        )
    return last


def package_descriptor() -> dict[str, Any]:
    """The ``datapackage.json`` of a package: its tables, their fields and keys."""
    from . import __version__  # noqa: PLC0415  # read from the metadata when asked for

    return {
        "profile": "tabular-data-package",
        "name": "haiti-mss",
        "title": (
            "The Multinational Security Support Mission in Haiti and the Gang Suppression Force"
        ),
        "description": (
            "Missions, mandates, contingents and their dated records, sources, money, "
            "milestones and indicators, with each contingent's daily strength; every figure "
            "with its qualifier and its sources. Days after a mission's current_through are "
            "extrapolated, and marked so."
        ),
        "version": __version__,
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "path": "https://creativecommons.org/licenses/by/4.0/",
                "title": (
                    "Creative Commons Attribution 4.0 "
                    "(the compilation; the sources keep their own terms)"
                ),
            }
        ],
        "resources": [table.descriptor() for table in TABLES],
    }


def export_package(
    directory: str | Path,
    dataset: Dataset | Mission | None = None,
    *,
    through: date | str | None = None,
) -> dict[str, Any]:
    """Write *dataset* (the bundled one by default, or a mission alone) as a data package.

    The daily tables run to *through*, by default the last day the records of any mission
    describe; a day after a mission's own ``current_through`` is marked extrapolated. Returns
    the descriptor written to ``datapackage.json``.
    """
    chosen = _dataset(dataset)
    last = _through(chosen, through)
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    for table in TABLES:
        with (folder / f"{table.name}.csv").open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(column.name for column in table.columns)
            for row in table.rows(chosen, last):
                writer.writerow(_cell(column.get(row)) for column in table.columns)
    descriptor = package_descriptor()
    text = json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n"
    (folder / "datapackage.json").write_text(text, encoding="utf-8")
    return descriptor


def _cell(value: object) -> str:
    """*value* as a CSV cell: empty for None, true or false, ISO dates, numbers as written."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)
