"""JSON for every model object, through one configured cattrs converter.

:data:`converter` is built once, here, and owns every hook: strict primitives (a string is never
read as a number, nor a number as a string, nor a bool as an int), ISO 8601 dates, enums by
value, countries as alpha-3 codes, money as decimal strings, figures as a bare number when
exact, the records of a history as a union tagged by ``"kind"``, durations as ISO 8601.

Loading is strict and lossless: every problem of a document is reported, each with its JSON
path (``$.missions[0].contingents[3].history[2].personnel``) and indices as the document is
written, in one :class:`~haiti_mss.errors.DataError`.
"""

# Raw JSON data is untyped by nature: after an isinstance check, a dict's items are unknown.
# pyright: reportUnknownVariableType=false, reportUnknownArgumentType=false
# pyright: reportUnknownMemberType=false

from __future__ import annotations

import contextlib
import enum
import functools
import gc
import json
import math
import re
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from contextvars import ContextVar
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from types import UnionType
from typing import Any, Final, TypeVar, Union, cast, get_args, get_origin, get_type_hints

import attrs
from cattrs.errors import (
    ClassValidationError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn
from cattrs.preconf.json import JsonConverter, make_converter

from . import _fastload
from ._checks import by_value, read_iso_date, show
from .contingents import (
    RECORD_TYPES,
    DepartureReason,
    PersonnelType,
    Record,
)
from .countries import Country, is_alpha3
from .datasets import Dataset
from .errors import DataError, Problem
from .figures import Figure, Qualifier
from .funding import ContributionStatus
from .mandates import Authorisation, Duration, Mandate, MandateTimeline
from .milestones import MilestoneKind
from .missions import Mission
from .sources import Confidence, Source
from .status import Breakdown, Status

__all__ = [
    "MIGRATIONS",
    "READS",
    "SCHEMA",
    "Dataset",
    "converter",
    "dump",
    "from_dict",
    "from_json",
    "load",
    "migrate",
    "to_dict",
    "to_json",
]

T = TypeVar("T")

_FLOAT_WRITTEN: ContextVar[bool] = ContextVar("haiti_mss_float_written", default=False)

SCHEMA: Final = "haiti-mss/1"
"""The schema version this release writes."""

_SCHEMA_PATTERN: Final = re.compile(r"haiti-mss/(\d+)", re.ASCII)
_ISO_DURATION: Final = re.compile(r"P(?:\d+Y)?(?:\d+M)?(?:\d+W)?(?:\d+D)?", re.ASCII)
_KINDS: Final = {cls.kind: cls for cls in RECORD_TYPES}
_ENUMS: Final = (
    Authorisation,
    Confidence,
    ContributionStatus,
    DepartureReason,
    MilestoneKind,
    PersonnelType,
    Qualifier,
)


_EXACT: Final = Qualifier.EXACT
_VALUES: Final[Mapping[enum.Enum, str]] = {
    member: value for enum_type in _ENUMS for value, member in by_value(enum_type).items()
}
"""The value of every member of the enums: quicker to look up than ``.value``."""

_JSON_TYPES: Final = (
    (bool, "a boolean"),  # before int: a bool is an int to Python, not to JSON
    (int, "an integer"),
    (float, "a number"),
    (str, "a string"),
    (list, "a list"),
    (tuple, "a list"),
    (dict, "an object"),
    (type(None), "null"),
)


def _json_type(value: object) -> str:
    """How a JSON reader names the type of *value*."""
    for type_, name in _JSON_TYPES:
        if isinstance(value, type_):
            return name
    return type(value).__name__


def _wrong(expected: str, value: object) -> DataError:
    return DataError.at((), f"must be {expected}, not {_json_type(value)} ({show(value)})")


# -- structuring hooks: simplest first ----------------------------------------------------------


def _structure_str(value: object, _: object) -> str:
    if not isinstance(value, str):
        raise _wrong("a string", value)
    return value


def _structure_int(value: object, _: object) -> int:
    if type(value) is not int:
        raise _wrong("an integer", value)
    return value


def _structure_float(value: object, _: object) -> float:
    if type(value) not in {int, float} or not math.isfinite(value):  # type: ignore[arg-type]
        raise _wrong("a finite number", value)
    return float(value)  # type: ignore[arg-type]  # an int or a float, checked above


def _structure_bool(value: object, _: object) -> bool:
    if not isinstance(value, bool):
        raise _wrong("true or false", value)
    return value


def _structure_date(value: object, _: object) -> date:
    if not isinstance(value, str):
        raise _wrong("a date written YYYY-MM-DD", value)
    return read_iso_date(value)


def _structure_decimal(value: object, _: object) -> Decimal:
    if not isinstance(value, str):
        raise _wrong('a decimal number written as a string, like "1500000.00"', value)
    try:
        result = Decimal(value)
    except InvalidOperation:
        raise DataError.at((), f"{show(value)} is not a decimal number") from None
    if not result.is_finite():
        raise DataError.at((), f"must be a finite decimal number (got {show(value)})")
    return result


def _structure_country(value: object, _: object) -> Country:
    if not isinstance(value, str):
        raise _wrong("an ISO 3166-1 alpha-3 country code", value)
    if not is_alpha3(value):
        raise DataError.at((), f"{show(value)} is not an ISO 3166-1 alpha-3 country code")
    return Country(code=value)


def _structure_figure(value: object, _: object) -> Figure:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return Figure(value)
    if isinstance(value, dict):
        _check_keys(value, {"value"}, {"qualifier"})
        return Figure(value["value"], value.get("qualifier", Qualifier.EXACT))
    raise _wrong('a number, or an object like {"value": 200, "qualifier": "about"}', value)


def _structure_duration(value: object, _: object) -> Duration:
    if not isinstance(value, str) or not _ISO_DURATION.fullmatch(value) or value == "P":
        raise DataError.at((), f"must be an ISO 8601 duration like 'P12M' (got {show(value)})")
    return Duration.parse(value)


def _structure_record(value: object, _: object) -> Record:
    if not isinstance(value, dict):
        raise _wrong('an object with a "kind"', value)
    valid = ", ".join(sorted(_KINDS))
    if "kind" not in value:
        raise DataError.at("kind", f"required field missing; expected one of {valid}")
    kind = value["kind"]
    if not isinstance(kind, str) or kind not in _KINDS:
        raise DataError.at("kind", f"unknown kind {show(kind)}; expected one of {valid}")
    return converter.structure(value, _KINDS[kind])


def _structure_timeline(value: object, _: object) -> MandateTimeline:
    mandates = converter.structure(value, tuple[Mandate, ...])
    try:
        return MandateTimeline(mandates=mandates)
    except DataError as error:  # its paths start at the field; in a file, the list is the field
        raise DataError([Problem(p.path[1:], p.message) for p in error.problems]) from None


def _structure_enum_factory(cls: type[enum.Enum]) -> Callable[[object, object], enum.Enum]:
    members = by_value(cls)
    valid = ", ".join(map(str, members))

    def structure(value: object, _: object) -> enum.Enum:
        if isinstance(value, str) and value in members:
            return members[value]
        raise DataError.at((), f"must be one of {valid} (got {show(value)})")

    return structure


def _structure_tuple_factory(type_: Any) -> Callable[[object, object], tuple[Any, ...]]:
    (item_type, _) = get_args(type_)
    structure_item = converter.get_structure_hook(item_type)

    def structure(value: object, _: object) -> tuple[Any, ...]:
        if not isinstance(value, list):
            raise _wrong("a list", value)
        items = []
        errors: list[Exception] = []
        for i, item in enumerate(value):
            try:
                items.append(structure_item(item, item_type))
            except Exception as error:  # noqa: BLE001  # every problem is collected, then raised
                error.add_note(IterableValidationNote(f"Structuring @ index {i}", i, item_type))
                errors.append(error)
        if errors:
            raise IterableValidationError("invalid items", errors, type_)  # pyright: ignore[reportCallIssue]
        return tuple(items)

    return structure


def _is_homogeneous_tuple(type_: Any) -> bool:
    args = get_args(type_)
    return get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis


def _check_keys(value: Mapping[str, object], required: set[str], optional: set[str]) -> None:
    problems = [
        Problem((key,), f"unknown key; expected one of {', '.join(sorted(required | optional))}")
        for key in value
        if key not in required | optional
    ]
    problems += [Problem((key,), "required field missing") for key in sorted(required - set(value))]
    if problems:
        raise DataError(problems)


def _is_model(type_: Any) -> bool:
    return isinstance(type_, type) and attrs.has(type_) and type_.__module__.startswith("haiti_mss")


def _structure_model_factory(cls: type[T]) -> Callable[[object, object], T]:
    """Structure an attrs class with cattrs; when that fails, report every bad field.

    cattrs reports the fields it cannot structure, but then never calls the constructor, and
    attrs stops at the first field whose validator fails. So on failure only, each field is
    structured and validated on its own, and the error lists all of them, in field order.
    """
    attrs.resolve_types(cls)  # type: ignore[type-var]  # cls is an attrs class
    generated = make_dict_structure_fn(
        cls, converter, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True
    )

    def structure(value: object, _: object) -> T:
        if not isinstance(value, dict):
            raise _wrong("an object", value)
        try:
            return generated(value, cls)
        except (ClassValidationError, DataError) as error:
            # Keep cattrs' account of the fields that did not structure; check the others.
            failed: dict[str, list[Problem]] = {}
            if isinstance(error, ClassValidationError):
                for sub, note in error.group_exceptions()[0]:
                    failed.setdefault(note.name, []).extend(_problems(sub, (note.name,)))
            problems = _field_problems(cls, value, failed)
            if problems:
                raise DataError(problems) from None
            raise  # every field is fine alone: a check across fields failed; it says which

    return structure


def _field_problems(
    cls: type, value: Mapping[str, Any], failed: Mapping[str, list[Problem]]
) -> list[Problem]:
    """The problems of each field of *value* taken on its own, in field order, and of its keys.

    *failed* holds the problems already known of the fields that did not structure.
    """
    fields = [field for field in attrs.fields(cls) if field.init]
    problems: list[Problem] = []
    for field in fields:
        if field.alias in failed:
            problems += failed[field.alias]
            continue
        if field.alias not in value:
            continue  # its default applies; a missing required field is among the failed
        # The field structured before, so it does again; its own checks are what is looked for.
        item = converter.structure(value[field.alias], field.type)
        try:
            if field.converter is not None:
                item = field.converter(item)
            if field.validator is not None:
                field.validator(None, field, item)
        except DataError as error:
            problems += error.problems
    aliases = [field.alias for field in fields]
    problems += (
        Problem((key,), f"unknown key; expected one of {', '.join(aliases)}")
        for key in value
        if key not in aliases
    )
    return problems


def _unstructure_figure(figure: Figure) -> object:
    if isinstance(figure.value, float):
        _FLOAT_WRITTEN.set(True)
    if figure.is_exact:
        return figure.value
    return {"value": figure.value, "qualifier": figure.qualifier.value}


def _record_writer(cls: type[Record]) -> Callable[[Record, bool], dict[str, Any]]:
    """The function that writes records of kind *cls*, generated from its attrs fields.

    It writes what cattrs would, in the same order: the kind, the fields without a default,
    then those whose value is not the default. The code is generated, as cattrs generates its
    own, because a dataset can hold a million records; the tests check it against the function
    cattrs generates. With *native* (for orjson, which writes them as the standard library's
    encoder writes their JSON form), a date stays a date and a tuple of source ids a tuple: a
    million fewer strings and lists to make.
    """
    hints = get_type_hints(cls)
    names: dict[str, object] = {
        "EXACT": _EXACT,
        "VALUES": _VALUES,
        "qualified": _qualified,
        "unstructure": converter.unstructure,
    }
    lines = ["def write(record, native):", f"    data = {{'kind': {cls.kind!r}}}"]
    fields = attrs.fields(cls)
    required = [f for f in fields if f.default is attrs.NOTHING]
    for field in [*required, *(f for f in fields if f.default is not attrs.NOTHING)]:
        value = f"record.{field.name}"
        names[f"type_{field.name}"] = hints[field.name]
        kind = hints[field.name]
        written = _written(kind, value, f"type_{field.name}")
        if field in required:
            lines.append(f"    data[{field.name!r}] = {written}")
            continue
        default = field.default
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]  # attrs types it so
            default = default.factory()
        if default is not None and _may_be_none(kind) and written != value:
            written = f"None if {value} is None else ({written})"
        names[f"default_{field.name}"] = default
        lines.append(f"    if {value} != default_{field.name}:")
        lines.append(f"        data[{field.name!r}] = {written}")
    lines.append("    return data")
    code = compile("\n".join(lines), f"<haiti_mss writer of {cls.__name__}>", "exec")
    exec(code, names)  # noqa: S102  # our own code, generated from the class's fields
    writer: Callable[[Record, bool], dict[str, Any]] = names["write"]  # type: ignore[assignment]
    return writer


def _may_be_none(kind: Any) -> bool:
    return get_origin(kind) in {Union, UnionType} and type(None) in get_args(kind)


def _written(kind: Any, value: str, type_name: str) -> str:
    """The expression that writes *value*, of type *kind*, as JSON data (see _record_writer)."""
    if _may_be_none(kind):
        args = [arg for arg in get_args(kind) if arg is not type(None)]
        if len(args) == 1 and args[0] is not Any:
            kind = args[0]
    if kind is date:
        return f"{value} if native else {value}.isoformat()"
    if kind is Figure:
        return f"{value}.value if {value}.qualifier is EXACT else qualified({value})"
    if kind == tuple[str, ...]:
        return f"{value} if native else list({value})"
    if kind in _ENUMS:
        return f"VALUES[{value}]"
    if kind is str:
        return value
    return f"unstructure({value}, {type_name})"


_WRITERS: dict[type, Callable[[Record, bool], dict[str, Any]]] = {}


def _unstructure_record(record: Record, *, native: bool = False) -> dict[str, Any]:
    """A record as JSON data, by the writer of its kind (see :func:`_record_writer`)."""
    kind = type(record)
    writer = _WRITERS.get(kind)
    if writer is None:
        writer = _WRITERS[kind] = _record_writer(kind)
    return writer(record, native)


def _unstructure_history(history: tuple[Record, ...]) -> list[dict[str, Any]]:
    native = _NATIVE.get()
    writers = _WRITERS
    data = []
    for record in history:
        writer = writers.get(type(record))
        data.append(
            writer(record, native) if writer else _unstructure_record(record, native=native)
        )
    return data


_NATIVE: ContextVar[bool] = ContextVar("haiti_mss_native", default=False)
"""Set by :func:`to_json` while it builds data for orjson: see :func:`_unstructure_record`."""


def _qualified(figure: Figure) -> dict[str, object]:
    return {"value": figure.value, "qualifier": _VALUES[figure.qualifier]}


def _float(value: float | None) -> float | None:
    if value is not None:
        _FLOAT_WRITTEN.set(True)
    return value


_DERIVED: Final[Mapping[str, Callable[[Status], object]]] = {
    "deployed": lambda status: _unstructure_figure(status.deployed),
    "committed": lambda status: _unstructure_figure(status.committed),
    "outstanding": lambda status: _unstructure_figure(status.outstanding),
    "projected_force": lambda status: _unstructure_figure(status.projected_force),
    "deployment_ratio": lambda status: _float(status.deployment_ratio),
    "days_until_expiry": lambda status: status.days_until_expiry,
    "extrapolated": lambda status: status.extrapolated,
    "record_age_days": lambda status: status.record_age_days,
}
"""What a status's JSON adds to its stored fields: the figures the counting rules derive."""


def _status_hooks(
    made: JsonConverter,
) -> tuple[Callable[[Status], dict[str, Any]], Callable[[object, object], Status]]:
    """How *made* writes and reads a :class:`Status`.

    Its stored fields, as cattrs generates them for any class, then the :data:`_DERIVED` ones,
    which must agree with the stored fields when read back.
    """
    write_stored = make_dict_unstructure_fn(Status, made, _cattrs_omit_if_default=True)
    read_stored = make_dict_structure_fn(Status, made)

    def unstructure(status: Status) -> dict[str, Any]:
        return {**write_stored(status), **{key: get(status) for key, get in _DERIVED.items()}}

    def structure(value: object, _: object) -> Status:
        if not isinstance(value, dict):
            raise _wrong("an object", value)
        status = read_stored({k: v for k, v in value.items() if k not in _DERIVED}, Status)
        problems = [
            Problem((key,), f"is {show(value[key])}, but the stored fields give {show(derived)}")
            for key, get in _DERIVED.items()
            if key in value and value[key] != (derived := get(status))
        ]
        if problems:
            raise DataError(problems)
        return status

    return unstructure, structure


def _make_converter() -> JsonConverter:
    made = make_converter(forbid_extra_keys=True, detailed_validation=True, omit_if_default=True)
    for type_, hook in (
        (str, _structure_str),
        (int, _structure_int),
        (float, _structure_float),
        (bool, _structure_bool),
        (date, _structure_date),
        (Decimal, _structure_decimal),
    ):
        made.register_structure_hook(type_, hook)
    # Each enum by name: they subclass str, and the hook for str must not read them.
    for enum_type in _ENUMS:
        made.register_structure_hook(enum_type, _structure_enum_factory(enum_type))
        made.register_unstructure_hook(enum_type, _enum_value)
    made.register_unstructure_hook(Decimal, str)
    made.register_unstructure_hook_func(_is_optional_enum, _optional_enum_value)
    made.register_structure_hook_factory(_is_homogeneous_tuple, _structure_tuple_factory)
    made.register_structure_hook_factory(_is_model, _structure_model_factory)
    made.register_structure_hook(Country, _structure_country)
    made.register_unstructure_hook(Country, _unstructure_country)
    made.register_structure_hook(Figure, _structure_figure)
    made.register_unstructure_hook(Figure, _unstructure_figure)
    made.register_structure_hook(Duration, _structure_duration)
    made.register_unstructure_hook(Duration, str)
    made.register_structure_hook(MandateTimeline, _structure_timeline)
    made.register_unstructure_hook(MandateTimeline, _unstructure_timeline)
    # Only Record itself is the tagged union: Pledge, Arrival, ... structure as themselves.
    made.register_structure_hook_func(_is_record_union, _structure_record)
    made.register_structure_hook_factory(_is_record_kind, _structure_record_kind_factory)
    made.register_unstructure_hook(Record, _unstructure_record)
    made.register_unstructure_hook_func(lambda t: t == tuple[Record, ...], _unstructure_history)
    made.register_structure_hook_factory(_is_breakdown, _structure_breakdown_factory)
    made.register_unstructure_hook_func(_is_breakdown, _unstructure_breakdown)
    return made


def _is_enum(type_: object) -> bool:
    return isinstance(type_, type) and issubclass(type_, enum.Enum)


def _enum_value(member: enum.Enum) -> object:
    return member.value


def _is_optional_enum(type_: object) -> bool:
    """Whether *type_* is ``SomeEnum | None``, which cattrs would pass through as the member."""
    args = get_args(type_)
    return (
        len(args) == 2  # the enum and None
        and type(None) in args
        and all(arg is type(None) or _is_enum(arg) for arg in args)
    )


def _optional_enum_value(member: enum.Enum | None) -> object:
    return None if member is None else member.value


def _unstructure_country(country: Country) -> str:
    return country.code


def _unstructure_timeline(timeline: MandateTimeline) -> list[Any]:
    return [converter.unstructure(mandate) for mandate in timeline]


def _is_record_union(type_: object) -> bool:
    return type_ is Record


def _is_record_kind(type_: Any) -> bool:
    return type_ in RECORD_TYPES


def _structure_record_kind_factory(cls: type[Record]) -> Callable[[object, object], Record]:
    """A record of one kind: its "kind" key may be given, and must then name that kind."""
    structure_fields = _structure_model_factory(cls)

    def structure(value: object, _: object) -> Record:
        if isinstance(value, dict) and "kind" in value:
            if value["kind"] != cls.kind:
                message = f"is {show(value['kind'])}, but a {cls.__name__} is {cls.kind!r}"
                raise DataError.at("kind", message)
            value = {key: item for key, item in value.items() if key != "kind"}
        return structure_fields(value, cls)

    return structure


def _is_breakdown(type_: Any) -> bool:
    return type_ is Breakdown or get_origin(type_) is Breakdown


def _unstructure_breakdown(breakdown: Breakdown[Any]) -> dict[str, object]:
    return {
        converter.unstructure(key): _unstructure_figure(figure) for key, figure in breakdown.items()
    }


def _structure_breakdown_factory(type_: Any) -> Callable[[object, object], Breakdown[Any]]:
    args = get_args(type_)
    if not args:
        msg = "structure a Breakdown as Breakdown[Country] or Breakdown[PersonnelType]"
        raise TypeError(msg)
    key_type = args[0]

    def structure(value: object, _: object) -> Breakdown[Any]:
        if not isinstance(value, dict):
            raise _wrong("an object", value)
        entries = converter.structure(
            list(value.items()),
            tuple[tuple[key_type, Figure], ...],  # type: ignore[valid-type]
        )
        return Breakdown(entries)

    return structure


converter: Final[JsonConverter] = _make_converter()
"""The configured cattrs converter, for tools built on top of haiti_mss."""

# A status last: the functions generated for its stored fields use every hook above, and those
# hooks use the converter.
_unstructure_status, _structure_status = _status_hooks(converter)
converter.register_unstructure_hook(Status, _unstructure_status)
converter.register_structure_hook(Status, _structure_status)


# -- documents ---------------------------------------------------------------------------------


def _problems(error: BaseException, path: tuple[str | int, ...]) -> Iterator[Problem]:
    """The problems in a cattrs exception tree, each located under *path*."""
    if isinstance(error, IterableValidationError):
        items, without = error.group_exceptions()
        yield from _nested(((sub, note.index) for sub, note in items), without, path)
    elif isinstance(error, ClassValidationError):
        fields, without = error.group_exceptions()
        yield from _nested(((sub, note.name) for sub, note in fields), without, path)
    elif isinstance(error, DataError):
        yield from (problem.within(*path) for problem in error.problems)
    elif isinstance(error, KeyError):
        yield Problem(path, "required field missing")
    else:
        yield Problem(path, f"invalid value ({type(error).__name__}: {error})")


def _nested(
    located: Iterable[tuple[Exception, str | int]],
    unlocated: Iterable[Exception],
    path: tuple[str | int, ...],
) -> Iterator[Problem]:
    for sub, where in located:
        yield from _problems(sub, (*path, where))
    for sub in unlocated:
        yield from _problems(sub, path)


def _structure_or_problems(data: object, cls: Any, path: tuple[str | int, ...]) -> Any:
    """Structure *data* as *cls*, or raise a DataError whose paths start at *path*."""
    try:
        return converter.structure(data, cls)
    except RecursionError:  # pragma: no cover  # the models nest a few levels deep only
        raise
    except Exception as error:  # noqa: BLE001  # every failure of the input becomes a DataError
        raise DataError(list(_problems(error, path))) from None


# -- schema versions and migrations --------------------------------------------------------------


def _v0_to_v1(document: dict[str, Any]) -> dict[str, Any]:
    """haiti-mss/0 kept sources as a list of objects with an "id", and called "kind" "type"."""
    sources = document.get("sources", [])
    convertible = (
        isinstance(sources, list)
        and all(isinstance(x, dict) and isinstance(x.get("id"), str) for x in sources)
        and len({x["id"] for x in sources}) == len(sources)
    )
    table = (
        {source["id"]: {k: v for k, v in source.items() if k != "id"} for source in sources}
        if convertible
        else sources  # left as it is, for the loader to report
    )
    missions = document.get("missions", [])
    if isinstance(missions, list):
        missions = [_rename_kinds(mission) for mission in missions]
    return {**document, "schema": "haiti-mss/1", "sources": table, "missions": missions}


def _rename_kinds(mission: object) -> object:
    if not isinstance(mission, dict) or not isinstance(mission.get("contingents"), list):
        return mission
    contingents = []
    for contingent in mission["contingents"]:
        if isinstance(contingent, dict) and isinstance(contingent.get("history"), list):
            history = [
                {("kind" if k == "type" else k): v for k, v in record.items()}
                if isinstance(record, dict) and "kind" not in record
                else record  # left as it is, for the loader to report
                for record in contingent["history"]
            ]
            contingent = {**contingent, "history": history}  # noqa: PLW2901  # a new dict
        contingents.append(contingent)
    return {**mission, "contingents": contingents}


MIGRATIONS: Final[Mapping[str, Callable[[dict[str, Any]], dict[str, Any]]]] = {
    "haiti-mss/0": _v0_to_v1,
}
"""Pure dict-to-dict steps, each from one schema version to the next, applied before loading."""

READS: Final = (*MIGRATIONS, SCHEMA)
"""The schema versions this release reads."""


def migrate(document: dict[str, Any]) -> dict[str, Any]:
    """Bring a document of an older schema version up to :data:`SCHEMA`.

    Raises:
        DataError: the version is missing, unknown, or newer than this release reads.
    """
    version = document.get("schema")
    while isinstance(version, str) and version in MIGRATIONS:
        document = MIGRATIONS[version](document)
        version = document.get("schema")
    if version == SCHEMA:
        return document
    reads = ", ".join(READS)
    if "schema" not in document:
        message = f"required field missing; this release reads {reads}"
    elif isinstance(version, str) and (match := _SCHEMA_PATTERN.fullmatch(version)):
        message = (
            f"{version} is newer than this release of haiti_mss, which reads {reads}; "
            "upgrade haiti_mss to read it"
            if int(match[1]) > int(SCHEMA.rpartition("/")[2])
            else f"unknown schema version {version}; this release reads {reads}"
        )
    else:
        message = f"{show(version)} is not a haiti_mss schema version; this release reads {reads}"
    raise DataError.at(("$", "schema"), message)


# -- datasets ------------------------------------------------------------------------------------


def _unstructure_dataset(dataset: Dataset) -> dict[str, Any]:
    sources = {}
    for source in dataset.sources:
        fields = converter.unstructure(source)
        del fields["id"]
        sources[source.id] = fields
    missions = []
    for mission in dataset.missions:
        fields = converter.unstructure(mission)
        fields.pop("sources", None)
        missions.append(fields)
    return {"schema": SCHEMA, "sources": sources, "missions": missions}


def _structure_dataset(data: object, *, fast: bool) -> Dataset:
    """A dataset from its JSON data; with *fast*, each mission is tried by the fast path first."""
    if not isinstance(data, dict):
        raise DataError.at("$", f"must be an object, not {_json_type(data)}")
    document = migrate(data)
    problems: list[Problem] = []
    try:
        _check_keys(document, {"schema", "sources", "missions"}, set())
    except DataError as error:
        problems += (p.within("$") for p in error.problems)
    raw_sources = document.get("sources", {})
    sources = _table(raw_sources, problems)
    # Ids of invalid sources are known too: their records are not reported a second time.
    known = set(raw_sources) if isinstance(raw_sources, dict) else None
    missions = document.get("missions", [])
    if not isinstance(missions, list):
        problems.append(Problem(("$", "missions"), f"must be a list, not {_json_type(missions)}"))
        missions = []
    built = []
    for i, raw in enumerate(missions):
        path = ("$", "missions", i)
        mission = _read_mission(raw, path, sources, known, problems, fast=fast)
        if mission is not None:
            built.append(mission)
    if problems:
        raise DataError(problems)
    try:
        return Dataset(sources=list(sources.values()), missions=built)
    except DataError as error:
        raise DataError([p.within("$") for p in error.problems]) from None


def _read_mission(  # noqa: PLR0913  # a mission, and the state of the document it is read in
    raw: object,
    path: tuple[str | int, ...],
    table: dict[str, Source],
    known: set[str] | None,
    problems: list[Problem],
    *,
    fast: bool,
) -> Mission | None:
    """The mission *raw* of a document, or None; its problems are added to *problems*.

    *table* holds the document's valid sources, *known* the ids of all of them (None if the
    table cannot be read). With *fast*, the mission is read by the fast path first
    (``haiti_mss._fastload``); if that path cannot vouch for it, the detailed path reads it
    and reports every problem.
    """
    if not isinstance(raw, dict):
        problems.append(Problem(path, f"must be an object, not {_json_type(raw)}"))
        return None
    if "sources" in raw:
        problems.append(
            Problem((*path, "sources"), "unknown key: a dataset keeps its sources at $.sources")
        )
        return None
    if fast and not problems and known is not None:
        with contextlib.suppress(Exception):  # any problem: the detailed path below says where
            return _fast_mission(raw, table)
    cited = set(_cited_ids(raw, path, known, problems))
    used = [converter.unstructure(source) for i, source in table.items() if i in cited]
    try:
        return cast("Mission", _structure_or_problems({**raw, "sources": used}, Mission, path))
    except DataError as error:
        # The ids a mission cannot resolve were reported above, against $.sources.
        problems += (p for p in error.problems if not p.message.endswith(_MISSION_UNKNOWN))
        return None


def _fast_mission(raw: dict[str, Any], table: dict[str, Source]) -> Mission:
    """A mission by the fast path: each history read in one pass (see ``haiti_mss._fastload``).

    Raises:
        NotFast: or any other exception, when the mission has a problem or anything else that
            the fast path does not vouch for.
    """
    listed = raw.get("contingents", [])
    if type(listed) is not list:
        raise _fastload.NotFast
    reader = _fastload.Reader(table.keys(), _structure_one_record)
    contingents = [reader.contingent(item) for item in listed]
    rest = {key: value for key, value in raw.items() if key != "contingents"}
    problems: list[Problem] = []
    cited = set(_cited_ids(rest, (), set(table), problems))
    if problems:
        raise _fastload.NotFast
    for contingent in contingents:
        cited |= contingent.source_ids
    used = [converter.unstructure(source) for i, source in table.items() if i in cited]
    mission = converter.structure({**rest, "sources": used}, Mission)
    if not contingents:
        return mission
    fields = attrs.asdict(mission, recurse=False)  # every field of a Mission is an argument
    fields["contingents"] = contingents
    if "current_through" not in raw:
        del fields["current_through"]  # its default: the latest record, now with the histories
    return Mission(**fields)


def _structure_one_record(data: object) -> Record:
    return converter.structure(data, Record)


def _table(value: object, problems: list[Problem]) -> dict[str, Source]:
    """The sources table of a document: source objects by id."""
    if not isinstance(value, dict):
        problems.append(
            Problem(
                ("$", "sources"), f"must be an object from id to source, not {_json_type(value)}"
            )
        )
        return {}
    table = {}
    for source_id, fields in value.items():
        path = ("$", "sources", source_id)
        if not isinstance(fields, dict):
            problems.append(Problem(path, f"must be an object, not {_json_type(fields)}"))
            continue
        if "id" in fields:
            problems.append(Problem((*path, "id"), "unknown key: the id is the key of the table"))
            continue
        try:
            table[source_id] = _structure_or_problems({"id": source_id, **fields}, Source, path)
        except DataError as error:
            problems += (
                Problem(path, p.message) if p.path == (*path, "id") else p for p in error.problems
            )
    return table


_MISSION_UNKNOWN: Final = "no source in the mission defines it"


def _cited_ids(
    value: object,
    path: tuple[str | int, ...],
    known: set[str] | None,
    problems: list[Problem],
) -> Iterator[str]:
    """The source ids cited anywhere in *value*; unknown ones are added to *problems*.

    With *known* None (the table itself is unreadable), no id is reported unknown.
    """
    if isinstance(value, dict):
        for key, item in value.items():
            if key in {"sources", "planned_strength_sources"} and isinstance(item, list):
                for k, source_id in enumerate(item):
                    if isinstance(source_id, str) and known is not None and source_id not in known:
                        problems.append(
                            Problem(
                                (*path, key, k),
                                f"unknown source id {source_id!r}: $.sources does not define it",
                            )
                        )
                    elif isinstance(source_id, str):
                        yield source_id
            else:
                yield from _cited_ids(item, (*path, key), known, problems)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _cited_ids(item, (*path, i), known, problems)


# -- the public functions ------------------------------------------------------------------------


def to_dict(obj: object) -> Any:
    """*obj* as JSON data: dicts, lists, strings, numbers, booleans and None.

    >>> from haiti_mss import Arrival, Figure
    >>> from datetime import date
    >>> to_dict(Arrival(on=date(2024, 6, 25), personnel=Figure(200, "about")))
    {'kind': 'arrival', 'on': '2024-06-25', 'personnel': {'value': 200, 'qualifier': 'about'}}
    """
    if isinstance(obj, Dataset):
        return _unstructure_dataset(obj)
    return converter.unstructure(obj)


def from_dict(data: object, cls: type[T]) -> T:
    """Build a *cls* from JSON data, strictly: the inverse of :func:`to_dict`.

    *data* is read by the detailed path only: it may hold Python objects that merely compare
    equal to JSON strings, which the fast path of :func:`from_json` does not look for.

    Raises:
        DataError: every problem in *data*, each with its JSON path.
    """
    return _from_data(data, cls, parsed=False)


def _from_data(data: object, cls: type[T], *, parsed: bool) -> T:
    """:func:`from_dict`; with *parsed*, *data* is what a JSON parser built, and nothing else."""
    try:
        with _gc_paused():
            if cls is Dataset:
                return cast("T", _structure_dataset(data, fast=parsed))
            return cast("T", _structure_or_problems(data, cls, ("$",)))
    except RecursionError:
        raise DataError.at("$", "the data is nested too deeply") from None


@contextlib.contextmanager
def _gc_paused() -> Generator[None]:
    """No garbage collection while a large graph of new objects is built, in which none is garbage.

    Collections triggered by the allocations would traverse the growing graph again and again
    for nothing. The collector is enabled again afterwards if it was enabled before. It is a
    setting of the whole process: while one thread reads a document, it is off in all of them,
    and a thread that turns it off meanwhile finds it on again when the reading ends.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def to_json(obj: object, *, indent: int | None = None) -> str:
    """*obj* as JSON text; compact unless *indent* is given.

    >>> from haiti_mss import Figure
    >>> to_json(Figure(578_000, "more_than"))
    '{"value":578000,"qualifier":"more_than"}'
    """
    orjson = _fast_json()
    token = _FLOAT_WRITTEN.set(False)
    native = _NATIVE.set(orjson is not None and indent in {None, 2})
    try:
        with _gc_paused():
            data = to_dict(obj)
        # orjson writes some floats differently from the standard library (0.00001 for
        # 1e-05), so it is used only for output without floats: the text is the same either way.
        if orjson is not None and indent in {None, 2} and not _FLOAT_WRITTEN.get():
            option = orjson.OPT_INDENT_2 if indent == 2 else 0
            try:
                return str(orjson.dumps(data, option=option).decode())
            except orjson.JSONEncodeError:
                pass  # what orjson cannot write, the standard library says how it fails
    finally:
        _NATIVE.reset(native)
        _FLOAT_WRITTEN.reset(token)
    separators = (",", ":") if indent is None else (",", ": ")
    return json.dumps(
        data, ensure_ascii=False, indent=indent, separators=separators, default=_iso_date
    )


def _iso_date(value: object) -> str:
    """A date left for orjson, written by the standard library instead: as orjson writes it."""
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON data")  # pragma: no cover


@functools.cache
def _fast_json() -> Any:
    """orjson, if the ``fast`` extra is installed; imported on first use, not with haiti_mss."""
    try:
        import orjson  # noqa: PLC0415
    except ImportError:  # pragma: no cover  # the test extra installs it
        return None
    return orjson


def from_json(text: str | bytes, cls: type[T]) -> T:
    """Build a *cls* from JSON text: the inverse of :func:`to_json`.

    Duplicate keys, ``NaN`` and ``Infinity`` are refused: they are not portable JSON.

    >>> from haiti_mss import Figure
    >>> from_json('{"value": 1000, "qualifier": "about"}', Figure)
    Figure(1000, 'about')
    >>> from_json('{"value": 1000,}', Figure)
    Traceback (most recent call last):
    ...
    haiti_mss.errors.DataError: $: invalid JSON at line 1, column 16: Expecting property name ...

    Raises:
        DataError: the text is not valid JSON, or the data is not a valid *cls*.
    """
    with _gc_paused():
        return _from_data(_parse(text), cls, parsed=True)


MAX_FILE_SIZE: Final = 2**30
"""The largest data file :func:`~haiti_mss.load` reads, 1 GiB: far above any real dataset."""


def load(path: str | Path) -> Dataset:
    """Read a data file, opened read-only.

    A file larger than :data:`~haiti_mss.serialization.MAX_FILE_SIZE` bytes is refused.

    Raises:
        DataError: the file cannot be read, is too large, or is not a valid dataset.
    """
    try:
        with Path(path).open("rb") as file:
            text = file.read(MAX_FILE_SIZE + 1)
    except OSError as error:
        raise DataError.at("$", f"cannot read {str(path)!r}: {error.strerror}") from None
    if len(text) > MAX_FILE_SIZE:
        raise DataError.at("$", f"{str(path)!r} is larger than {MAX_FILE_SIZE:,} bytes; not read")
    return from_json(text, Dataset)


def dump(obj: Dataset, path: str | Path) -> None:
    """Write *obj* to a data file, as indented JSON."""
    Path(path).write_text(to_json(obj, indent=2) + "\n", encoding="utf-8")


class _RefusedError(ValueError):
    """A JSON construct that the standard library accepts and we do not."""


def _parse(text: str | bytes) -> object:
    orjson = _fast_json()
    if orjson is not None and isinstance(text, str | bytes):
        data = _parse_fast(orjson, text)
        if data is not _UNREAD:
            return data
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as error:
            message = f"the text is not UTF-8 ({error.reason} at byte {error.start})"
            raise DataError.at("$", message) from None
    if not isinstance(text, str):
        raise DataError.at("$", f"must be JSON text (str or bytes), not {type(text).__name__}")
    try:
        return json.loads(
            text.removeprefix("\ufeff"),
            object_pairs_hook=_no_duplicates,
            parse_constant=_no_constant,
        )
    except json.JSONDecodeError as error:
        message = f"invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        raise DataError.at("$", message) from None
    except _RefusedError as error:
        raise DataError.at("$", f"invalid JSON: {error}") from None
    except RecursionError:
        raise DataError.at("$", "the JSON is nested too deeply") from None
    except ValueError as error:  # e.g. an integer of more digits than Python converts
        raise DataError.at("$", f"invalid JSON: {error}") from None


_UNREAD: Final = object()


def _parse_fast(orjson: Any, text: str | bytes) -> object:
    r"""*text* parsed by orjson, or :data:`_UNREAD` for the standard library to parse and explain.

    orjson keeps the last of two equal keys in an object, where the standard library's hook
    refuses them, so the data is written out again to look for a key that was dropped:

    - text as haiti_mss writes it, compact or indented, is written out the same, byte for byte,
      unless a key was dropped;
    - in other text, every key is followed by a colon, and so are the colons in strings: the
      data written out has one colon fewer for each key dropped. An escaped colon (``\u003a``)
      would hide one, so text that holds one is left to the standard library; so is text with
      a run of 20 digits, which may be an integer too large for orjson, which reads it as a
      float.
    """
    try:
        raw = text.encode() if isinstance(text, str) else text
    except UnicodeEncodeError:  # a lone surrogate
        return _UNREAD
    try:
        data = orjson.loads(raw.removeprefix(_BOM))
        indented = raw.endswith(b"\n")
        again = orjson.dumps(data, option=orjson.OPT_INDENT_2 if indented else 0)
    except (orjson.JSONDecodeError, orjson.JSONEncodeError):
        return _UNREAD
    if raw == (again + b"\n" if indented else again):
        return data
    if b"\\u003a" in raw or b"\\u003A" in raw or raw.count(b":") != again.count(b":"):
        return _UNREAD
    if _LONG_NUMBER.search(raw):  # orjson reads an integer past 64 bits as a float
        return _UNREAD
    return data


_LONG_NUMBER: Final = re.compile(rb"\d{20}")


_BOM: Final = "\ufeff".encode()


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _RefusedError(f"the key {key!r} appears twice in one object")
        result[key] = value
    return result


def _no_constant(name: str) -> object:
    raise _RefusedError(f"{name} is not a JSON number")
