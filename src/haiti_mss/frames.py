"""Data frames of a mission, through narwhals: pandas or polars, whichever you use.

Needs the ``frames`` extra (``pip install "haiti-mss[frames]"``, which brings narwhals and
pandas; install polars to use it instead). Each function returns the backend's own frame.
Days are date columns in polars, and datetime64 columns (at midnight) in pandas. A figure is
two columns, its value and its qualifier, so that nothing
a source said is lost; sources are the ids, joined with ``"; "``.

>>> from haiti_mss import data
>>> frame = data.mss().mandates.frame(backend="polars")
>>> frame.select("resolution", "expires").row(1)
('S/RES/2751 (2024)', datetime.date(2025, 10, 2))
"""

from __future__ import annotations

import enum
import importlib.util
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, time
from decimal import Decimal
from typing import (
    TYPE_CHECKING,
    Any,
    Final,
    Literal,
    TypeAlias,
    cast,
    get_args,
    get_origin,
    get_type_hints,
    overload,
)

import attrs

from ._checks import to_day

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl
    from dateutil.rrule import rrule

    from ._calendar import Frequency
    from .datasets import Dataset
    from .export import Column as TableColumn
    from .export import Table
    from .figures import Figure
    from .mandates import MandateTimeline
    from .missions import Mission

__all__ = [
    "BACKENDS",
    "Column",
    "Frame",
    "columns",
    "indicators_frame",
    "mandates_frame",
    "records_frame",
    "table_frame",
    "timeline_frame",
]

Frame: TypeAlias = "pd.DataFrame | pl.DataFrame"
"""What a frame function returns, a pandas or a polars DataFrame as *backend* chooses."""

BACKENDS: Final = ("pandas", "polars")
"""The data-frame libraries the frames can be built with, in the order of preference."""

_EXTRA: Final = 'pip install "haiti-mss[frames]"'


def _narwhals() -> Any:  # noqa: ANN401  # narwhals' module
    try:
        import narwhals as nw  # noqa: PLC0415  # an optional extra, imported when used
    except ImportError:
        msg = f"haiti_mss data frames need narwhals and pandas or polars: {_EXTRA}"
        raise ImportError(msg) from None
    return nw


def _backend(backend: str | None) -> str:
    if backend is None:
        for name in BACKENDS:
            if importlib.util.find_spec(name) is not None:
                return name
        msg = f"haiti_mss data frames need pandas or polars: {_EXTRA}"
        raise ImportError(msg)
    if backend not in BACKENDS:
        msg = f"backend must be one of {', '.join(BACKENDS)} (got {backend!r})"
        raise ValueError(msg)
    if importlib.util.find_spec(backend) is None:
        msg = f"the {backend} backend is not installed: pip install {backend}"
        raise ImportError(msg)
    return backend


@attrs.frozen
class Column:
    """A column of a frame: its name, its type, its meaning, and how to read it from a row.

    Its type is a narwhals type by name; :func:`columns` lists them for the documentation.
    """

    name: str
    kind: str
    description: str
    get: Callable[[Any], object]


def _frame(columns: Sequence[Column], rows: Iterable[Any], backend: str | None) -> Frame:
    """A frame of *columns* over *rows*, in *backend*.

    A column's kind is a narwhals type by name; ``Optional`` before it allows missing values,
    and ``Number`` is ``OptionalInt64`` when every value is whole, else ``Float64``: head
    counts stay integers in both backends, with pandas' nullable ``Int64`` where one may be
    missing.
    """
    nw = _narwhals()
    chosen = _backend(backend)
    items = list(rows)
    data = {column.name: [column.get(i) for i in items] for column in columns}
    kinds = {column.name: _resolved(column.kind, data[column.name]) for column in columns}
    if chosen == "pandas":
        # pandas keeps days as datetime64 (its Date type needs pyarrow): midnight of each day.
        for name, kind in kinds.items():
            if kind == "Date":
                data[name] = [_midnight(day) for day in data[name]]
        pandas_types = {"Date": nw.Datetime("us"), "OptionalInt64": nw.Float64()}
        schema = {
            name: pandas_types[kind] if kind in pandas_types else getattr(nw, kind)()
            for name, kind in kinds.items()
        }
        native = nw.from_dict(data, schema=schema, backend=chosen).to_native()
        for name, kind in kinds.items():  # whole numbers that may be missing: nullable Int64
            if kind == "OptionalInt64":
                native[name] = native[name].astype("Int64")
        return cast("Frame", native)
    schema = {name: getattr(nw, kind.removeprefix("Optional"))() for name, kind in kinds.items()}
    return cast("Frame", nw.from_dict(data, schema=schema, backend=chosen).to_native())


def _resolved(kind: str, values: Sequence[object]) -> str:
    """*kind*, with ``Number`` made ``OptionalInt64`` or ``Float64`` by the *values*."""
    if kind != "Number":
        return kind
    whole = all(v is None or (isinstance(v, int) and not isinstance(v, bool)) for v in values)
    return "OptionalInt64" if whole else "Float64"


def _midnight(day: object) -> datetime | None:
    return datetime.combine(day, time.min) if isinstance(day, date) else None


def _ids(ids: Sequence[str]) -> str:
    return "; ".join(ids)


def _qualifier(figure: Figure | None) -> str | None:
    return None if figure is None else figure.qualifier.value


def _count(figure: Figure) -> int:
    """A head count's value: an int (a figure of another number is not a head count)."""
    if not isinstance(figure.value, int):  # pragma: no cover  # the model's head counts are ints
        msg = f"{figure} is not a whole number of people"
        raise TypeError(msg)
    return figure.value


_COUNTRY: Final = "The contributing country's ISO 3166-1 alpha-3 code."
_TYPE: Final = "police or military."
_KIND: Final = "The kind of record: pledge, arrival, transfer, departure or strength_report."
_VALUE: Final = (
    "The record's figure, a number of people: the pledged total, or those moved or counted."
)
_QUALIFIER: Final = "The qualifier of {}: exact, about, at_least, more_than, at_most or less_than."
_SOURCES: Final = "The ids of the sources cited, joined with '; '."


def _enum_value(member: enum.Enum | None) -> object:
    return None if member is None else member.value


def _record_columns() -> tuple[Column, ...]:
    """The columns of :func:`records_frame`, derived from the attrs fields of the record kinds.

    The day, the contingent, the kind and the record's figure (``value`` and ``qualifier``)
    first; then a column for every other field of :class:`~haiti_mss.Record` and of each kind
    in :data:`~haiti_mss.contingents.RECORD_TYPES`, in the order the classes declare them,
    empty in the rows of kinds without that field. A new field is a new column.
    """
    import attrs  # noqa: PLC0415  # with the model, which is loaded already

    from .contingents import RECORD_TYPES, Record  # noqa: PLC0415

    columns: list[Column] = [
        Column("date", "Date", "The day of the record.", lambda r: r[1].on),
        Column("country", "String", _COUNTRY, lambda r: r[0].country.code),
        Column("personnel_type", "String", _TYPE, lambda r: r[0].personnel_type.value),
        Column("kind", "String", _KIND, lambda r: r[1].kind),
        Column("value", "Int64", _VALUE, lambda r: _count(r[1].figure)),
        Column(
            "qualifier", "String", _QUALIFIER.format("value"), lambda r: r[1].figure.qualifier.value
        ),
    ]
    seen = {"on", *(cls.figure_field for cls in RECORD_TYPES)}
    classes: tuple[type[Record], ...] = (Record, *RECORD_TYPES)
    for cls in classes:
        hints = get_type_hints(cls)
        for field in attrs.fields(cls):
            if field.name not in seen:
                seen.add(field.name)
                columns += _field_columns(cls, field.name, hints[field.name])
    return tuple(columns)


def _field_columns(cls: type, name: str, hint: object) -> list[Column]:
    """The columns of field *name* of record class *cls*, of type *hint*."""
    from .figures import Figure  # noqa: PLC0415
    from .sources import Alternative  # noqa: PLC0415

    def get(row: Any) -> Any:  # noqa: ANN401  # the field's value, or None for another kind
        return getattr(row[1], name, None)

    args = [arg for arg in get_args(hint) if arg is not type(None)] if get_args(hint) else []
    single = args[0] if len(args) == 1 and get_origin(hint) is not tuple else hint
    shared = cls.__name__ == "Record"  # a field of every kind
    where = f"The record's {name.replace('_', ' ')}" + (
        "" if shared else f" (a {cls.__name__}'s; empty for the other kinds)"
    )
    if isinstance(single, type) and issubclass(single, enum.Enum):
        values = ", ".join(member.value for member in single)
        description = f"{where}: {values}."
        return [Column(name, "String", description, lambda r: _enum_value(get(r)))]
    if single is str:
        return [Column(name, "String", f"{where}.", get)]
    if single is Figure:
        return [
            Column(
                name,
                "OptionalInt64",
                f"{where}: a number of people.",
                lambda r: None if get(r) is None else _count(get(r)),
            ),
            Column(
                f"{name}_qualifier", "String", _QUALIFIER.format(name), lambda r: _qualifier(get(r))
            ),
        ]
    if hint == tuple[str, ...]:
        return [
            Column(name, "String", _SOURCES, lambda r: None if get(r) is None else _ids(get(r)))
        ]
    if hint == tuple[Alternative, ...]:
        description = "The values other sources give, joined with '; '."
        return [
            Column(
                name, "String", description, lambda r: "; ".join(str(a.value) for a in get(r) or ())
            )
        ]
    msg = f"records_frame has no column for {cls.__name__}.{name}, of type {hint}"
    raise TypeError(msg)


@overload
def records_frame(mission: Mission, backend: Literal["pandas"]) -> pd.DataFrame: ...
@overload
def records_frame(mission: Mission, backend: Literal["polars"]) -> pl.DataFrame: ...
@overload
def records_frame(mission: Mission, backend: str | None = None) -> Frame: ...
def records_frame(mission: Mission, backend: str | None = None) -> Frame:
    """Every record of every contingent of *mission*, one row each, in each history's order.

    >>> from haiti_mss import data
    >>> frame = records_frame(data.mss(), backend="polars")
    >>> frame.filter(country="KEN").select("date", "kind", "value", "qualifier").row(1)
    (datetime.date(2024, 6, 25), 'arrival', 200, 'about')
    """
    rows = ((c, r) for c in mission.contingents for r in c.history)
    return _frame(_record_columns(), rows, backend)


def _timeline_columns() -> list[Column]:
    """The columns of a timeline: those of the data package's daily strength table, by day."""
    from .export import TABLES  # noqa: PLC0415

    (strength,) = [table for table in TABLES if table.name == "strength"]
    return [column for column in _table_columns(strength) if column.name != "mission"]


@overload
def timeline_frame(
    mission: Mission,
    start: date | str,
    end: date | str,
    rule: Frequency | rrule = "monthly",
    *,
    backend: Literal["pandas"],
) -> pd.DataFrame: ...
@overload
def timeline_frame(
    mission: Mission,
    start: date | str,
    end: date | str,
    rule: Frequency | rrule = "monthly",
    *,
    backend: Literal["polars"],
) -> pl.DataFrame: ...
@overload
def timeline_frame(
    mission: Mission,
    start: date | str,
    end: date | str,
    rule: Frequency | rrule = "monthly",
    backend: str | None = None,
) -> Frame: ...
def timeline_frame(
    mission: Mission,
    start: date | str,
    end: date | str,
    rule: Frequency | rrule = "monthly",
    backend: str | None = None,
) -> Frame:
    """The counts of each contingent on each day of *rule*, from *start* to *end* inclusive.

    One row per contingent per day, with the columns ``date``, ``country`` (its code),
    ``personnel_type``, then ``deployed``, ``committed``, ``outstanding`` and ``projected``,
    each with its ``_qualifier`` column beside it, and ``extrapolated``: a boolean, true on
    the days after the last day the records describe, whose counts carry the last recorded
    ones forward (:attr:`~haiti_mss.Status.extrapolated`).

    >>> from haiti_mss import data
    >>> frame = timeline_frame(data.mss(), "2024-09-01", "2024-10-01", backend="polars")
    >>> frame.filter(country="KEN").select("date", "deployed", "committed", "extrapolated").rows()
    [(datetime.date(2024, 9, 1), 400, 1000, False), (datetime.date(2024, 10, 1), 383, 1000, False)]
    >>> later = timeline_frame(data.gsf(), "2026-08-01", "2026-09-01", backend="polars")
    >>> later["extrapolated"].all()
    True
    """
    statuses = mission.timeline(to_day(start, "start"), to_day(end, "end"), rule)
    rows = ((mission, c, status) for status in statuses for c in status.contingents)
    return _frame(_timeline_columns(), rows, backend)


_MANDATE_COLUMNS: Final[Sequence[Column]] = (
    Column(
        "resolution",
        "String",
        "The resolution's symbol, like 'S/RES/2699 (2023)'.",
        lambda m: m.resolution,
    ),
    Column("adopted", "Date", "The day it was adopted.", lambda m: m.adopted),
    Column(
        "expires", "Date", "The first day it no longer authorises the mission.", lambda m: m.expires
    ),
    Column(
        "ceiling",
        "OptionalInt64",
        "The most personnel it authorises, if it says.",
        lambda m: None if m.ceiling is None else _count(m.ceiling),
    ),
    Column(
        "vote",
        "String",
        "The vote: in favour-against-abstentions.",
        lambda m: None if m.vote is None else str(m.vote),
    ),
    Column(
        "term",
        "String",
        "Its term, as an ISO 8601 duration like 'P12M'.",
        lambda m: None if m.term is None else str(m.term),
    ),
    Column("sources", "String", _SOURCES, lambda m: _ids(m.sources)),
    Column("note", "String", "A note on the mandate.", lambda m: m.note),
)


@overload
def mandates_frame(timeline: MandateTimeline, backend: Literal["pandas"]) -> pd.DataFrame: ...
@overload
def mandates_frame(timeline: MandateTimeline, backend: Literal["polars"]) -> pl.DataFrame: ...
@overload
def mandates_frame(timeline: MandateTimeline, backend: str | None = None) -> Frame: ...
def mandates_frame(timeline: MandateTimeline, backend: str | None = None) -> Frame:
    """The mandates of a timeline, one row each, in order of adoption."""
    return _frame(_MANDATE_COLUMNS, timeline, backend)


_INDICATOR_COLUMNS: Final[Sequence[Column]] = (
    Column("name", "String", "What is counted.", lambda i: i.name),
    Column("area", "String", "Where it counts.", lambda i: i.area),
    Column(
        "value",
        "Number",
        "The figure, in the unit of the unit column: integers when every value is whole.",
        lambda i: i.value.value,
    ),
    Column("qualifier", "String", _QUALIFIER.format("value"), lambda i: _qualifier(i.value)),
    Column("unit", "String", "What the value counts.", lambda i: i.unit),
    Column(
        "period_start",
        "Date",
        "The first day of the period it counts, if any.",
        lambda i: i.period_start,
    ),
    Column("as_of", "Date", "The last day its data describe.", lambda i: i.as_of),
    Column("published", "Date", "The day it was published.", lambda i: i.published),
    Column(
        "alternatives",
        "String",
        "The values other sources give, joined with '; '.",
        lambda i: "; ".join(str(a.value) for a in i.alternatives),
    ),
    Column("confidence", "String", "high, medium or low.", lambda i: _enum_value(i.confidence)),
    Column("sources", "String", _SOURCES, lambda i: _ids(i.sources)),
    Column("note", "String", "A note on the figure.", lambda i: i.note),
)


@overload
def indicators_frame(
    mission: Mission, backend: Literal["pandas"], *, name: str | None = None
) -> pd.DataFrame: ...
@overload
def indicators_frame(
    mission: Mission, backend: Literal["polars"], *, name: str | None = None
) -> pl.DataFrame: ...
@overload
def indicators_frame(
    mission: Mission, backend: str | None = None, *, name: str | None = None
) -> Frame: ...
def indicators_frame(
    mission: Mission, backend: str | None = None, *, name: str | None = None
) -> Frame:
    """Every indicator of *mission* (or only those named *name*), in order of their day.

    The column ``value`` holds integers when every value is whole (counts of people), and
    floats when one is not (a share such as 0.25): an indicator of one *name* keeps its type.

    >>> from haiti_mss import data
    >>> frame = indicators_frame(data.mss(), backend="polars", name="internally displaced persons")
    >>> frame.select("as_of", "value", "qualifier").row(2)
    (datetime.date(2024, 5, 31), 578074, 'exact')
    """
    chosen = [i for i in mission.indicators if name is None or i.name == name]
    return _frame(_INDICATOR_COLUMNS, chosen, backend)


_TABLE_KINDS: Final = {
    "string": "String",
    "integer": "OptionalInt64",
    "number": "Float64",
    "date": "Date",
    "boolean": "Boolean",
}
"""The frame column of each Table Schema type of the data package (see haiti_mss.export)."""


@overload
def table_frame(
    table: str,
    dataset: Dataset | Mission | None = None,
    *,
    through: date | str | None = None,
    backend: Literal["pandas"],
) -> pd.DataFrame: ...
@overload
def table_frame(
    table: str,
    dataset: Dataset | Mission | None = None,
    *,
    through: date | str | None = None,
    backend: Literal["polars"],
) -> pl.DataFrame: ...
@overload
def table_frame(
    table: str,
    dataset: Dataset | Mission | None = None,
    *,
    through: date | str | None = None,
    backend: str | None = None,
) -> Frame: ...
def table_frame(
    table: str,
    dataset: Dataset | Mission | None = None,
    *,
    through: date | str | None = None,
    backend: str | None = None,
) -> Frame:
    """A table of the data package (:data:`haiti_mss.export.TABLES`) as a frame.

    The same columns as the CSV file of that name, with the types its ``datapackage.json``
    gives them: whole numbers as integers (nullable in pandas), an amount of money as a float
    (the exact decimal is in the data file and the CSV), days as dates. *dataset* is the
    bundled dataset by default, or a mission on its own; *through* ends the daily tables as
    in :func:`haiti_mss.export.export_package`.

    >>> from haiti_mss import data
    >>> frame = table_frame("contributions", data.mss(), backend="polars")
    >>> frame.filter(donor="USA").select("date", "amount", "currency", "status").row(0)
    (datetime.date(2023, 10, 31), 100000000.0, 'USD', 'pledged')
    """
    from .export import TABLES, table_rows  # noqa: PLC0415  # loaded with the frames

    chosen = {t.name: t for t in TABLES}
    if table not in chosen:
        msg = f"no table {table!r}; the tables are {', '.join(chosen)}"
        raise KeyError(msg)
    spec = chosen[table]
    return _frame(_table_columns(spec), table_rows(spec, dataset, through), backend)


def _table_columns(table: Table) -> list[Column]:
    """The frame columns of a table of the data package, with the types its schema gives."""
    return [Column(c.name, _kind_of(c), c.description, _reader(c.get)) for c in table.columns]


def _kind_of(column: TableColumn) -> str:
    """The frame type of a column of the package: an integer that is required is never empty."""
    if column.type == "integer" and column.required:
        return "Int64"
    return _TABLE_KINDS[column.type]


def _reader(get: Callable[[Any], object]) -> Callable[[Any], object]:
    """A column's reader for a frame: an amount of money (a Decimal) as a float."""

    def read(row: Any) -> object:  # noqa: ANN401  # a row of any table
        value = get(row)
        return float(value) if isinstance(value, Decimal) else value

    return read


def columns(frame: str) -> list[tuple[str, str, str]]:
    """The columns of a frame, as (name, type, meaning), for the documentation.

    *frame* is the name of a frame function (``"records_frame"``, ``"timeline_frame"``,
    ``"mandates_frame"``, ``"indicators_frame"``), or the name of a table of the data package,
    as :func:`table_frame` gives it (``"strength"``).

    >>> columns("timeline_frame")[3]
    ('deployed', 'integer', 'Personnel deployed that day.')
    """
    from .export import TABLES  # noqa: PLC0415

    own: dict[str, Callable[[], Sequence[Column]]] = {
        "records_frame": _record_columns,
        "timeline_frame": _timeline_columns,
        "mandates_frame": lambda: _MANDATE_COLUMNS,
        "indicators_frame": lambda: _INDICATOR_COLUMNS,
    }
    tables = {t.name: t for t in TABLES}
    if frame in own:
        chosen: Sequence[Column] = own[frame]()
    elif frame in tables:
        chosen = _table_columns(tables[frame])
    else:
        msg = f"no frame {frame!r}; the frames are {', '.join([*own, *tables])}"
        raise KeyError(msg)
    return [(c.name, _TYPE_NAMES[c.kind], c.description) for c in chosen]


_TYPE_NAMES: Final = {
    "String": "string",
    "Date": "date",
    "Boolean": "boolean",
    "Int64": "integer",
    "OptionalInt64": "integer, or empty",
    "Float64": "float",
    "Number": "integer, or float if one value is not whole",
}
"""How the documentation names the type of a column."""
