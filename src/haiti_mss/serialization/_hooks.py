"""The converter and its hooks: strict primitives, dates, enums, figures, records, statuses."""

# Raw JSON data is untyped by nature: after an isinstance check, a dict's items are unknown.
# pyright: reportUnknownVariableType=false, reportUnknownArgumentType=false
# pyright: reportUnknownMemberType=false

from __future__ import annotations

import contextlib
import enum
import functools
import math
import re
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any, Final, get_args, get_origin

import attrs
from cattrs.errors import ClassValidationError
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn
from cattrs.preconf.json import JsonConverter, make_converter

from haiti_mss import _fastload
from haiti_mss._checks import (
    member_of,
    parse_date,
    parse_decimal,
    parse_int,
    parse_str,
    show,
    wrong,
)
from haiti_mss.contingents import RECORD_TYPES, Record
from haiti_mss.countries import Country, parse_country
from haiti_mss.errors import Collector, DataError, Problem
from haiti_mss.figures import Figure, parse_figure
from haiti_mss.mandates import Duration, Mandate, MandateTimeline
from haiti_mss.status import Breakdown, Status

from ._errors import located
from ._types import ENUMS, KINDS, T, is_json_data
from ._writer import Writers, writers

ISO_DURATION: Final = re.compile(r"P(?:\d+Y)?(?:\d+M)?(?:\d+W)?(?:\d+D)?", re.ASCII)

# -- structuring hooks: simplest first ----------------------------------------------------------


def _read(parse: Callable[[object], T]) -> Callable[[object, object], T]:
    """The structure hook of a type whose JSON form *parse* reads (in ``haiti_mss._checks``)."""

    def structure(value: object, _: object) -> T:
        return parse(value)

    return structure


def _structure_float(value: object, _: object) -> float:
    if type(value) not in {int, float} or not math.isfinite(value):  # type: ignore[arg-type]
        raise wrong("a finite number", value)
    return float(value)  # type: ignore[arg-type]  # an int or a float, checked above


def _structure_bool(value: object, _: object) -> bool:
    if not isinstance(value, bool):
        raise wrong("true or false", value)
    return value


def _structure_duration(value: object, _: object) -> Duration:
    if not isinstance(value, str) or not ISO_DURATION.fullmatch(value) or value == "P":
        raise DataError.at((), f"must be an ISO 8601 duration like 'P12M' (got {show(value)})")
    return Duration.parse(value)


def _structure_record(value: object, _: object) -> Record:
    if not isinstance(value, dict):
        raise wrong('an object with a "kind"', value)
    valid = ", ".join(sorted(KINDS))
    if "kind" not in value:
        raise DataError.at("kind", f"required field missing; expected one of {valid}")
    kind = value["kind"]
    if not isinstance(kind, str) or kind not in KINDS:
        raise DataError.at("kind", f"unknown kind {show(kind)}; expected one of {valid}")
    return converter.structure(value, KINDS[kind])


def _structure_figure(value: object, _: object) -> Figure:
    """A figure; one written as an object has the problems of each of its fields listed."""
    try:
        return parse_figure(value)
    except DataError:
        if type(value) is not dict:
            raise
        failed: dict[str, Collector] = {}
        if "value" not in value:
            failed["value"] = Collector()
            failed["value"].add([Problem(("value",), "required field missing")])
        found = _field_problems(Figure, value, failed, raw=True)
        if not found:  # pragma: no cover  # parse_figure checks nothing else
            raise
        raise found.error() from None


def _not_fast(_: object) -> Record:
    raise _fastload.NotFast


def _structure_timeline(value: object, _: object) -> MandateTimeline:
    mandates = converter.structure(value, tuple[Mandate, ...])
    try:
        return MandateTimeline(mandates=mandates)
    except DataError as error:  # its paths start at the field; in a file, the list is the field
        raise DataError(
            [Problem(p.path[1:], p.message) for p in error.problems], error.more
        ) from None


def _structure_enum_factory(cls: type[enum.Enum]) -> Callable[[object, object], enum.Enum]:
    return _read(member_of(cls).read)


_RUN: Final = 1_000
"""How many records of a bad history the fast reader is given at once."""


def _stopped(found: Collector) -> bool:
    """Whether *found* holds enough problems to refuse what is read: the rest is not checked."""
    if found.full:
        found.stop()
        return True
    return False


def _structure_tuple_factory(type_: Any) -> Callable[[object, object], tuple[Any, ...]]:
    (item_type, _) = get_args(type_)
    structure_item = converter.get_structure_hook(item_type)

    def structure(value: object, _: object) -> tuple[Any, ...]:
        if not isinstance(value, list):
            raise wrong("a list", value)
        items: list[Any] = []
        found = Collector()
        # The records of a history that has a problem: those that are JSON data (orjson vouches
        # for them) are tried as the fast path reads them, a run at a time, so that the detailed
        # path's price is paid for the runs that hold a problem only.
        fast = _fastload.Reader(None, _not_fast).records if item_type is Record else None
        for start in range(0, len(value), _RUN):
            if _stopped(found):
                break
            run = value[start : start + _RUN]
            vouched = fast is not None and is_json_data(run)  # then so is each of its items
            if fast is not None and vouched:
                with contextlib.suppress(Exception):
                    items += fast(run)
                    continue
            for i, item in enumerate(run, start):
                if _stopped(found):
                    break
                if fast is not None and type(item) is dict and (vouched or is_json_data(item)):
                    with contextlib.suppress(Exception):
                        items += fast([item])
                        continue
                try:
                    items.append(structure_item(item, item_type))
                except Exception as error:  # noqa: BLE001  # every problem is collected, then raised
                    found.add_error(located(error, (i,)))
        found.raise_any()
        return tuple(items)

    return structure


def _is_homogeneous_tuple(type_: Any) -> bool:
    args = get_args(type_)
    return get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis


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
            raise wrong("an object", value)
        try:
            return generated(value, cls)
        except (ClassValidationError, DataError) as error:
            # Keep cattrs' account of the fields that did not structure; check the others.
            failed: dict[str, Collector] = {}
            if isinstance(error, ClassValidationError):
                for sub, note in error.group_exceptions()[0]:
                    failed.setdefault(note.name, Collector()).add_error(located(sub, (note.name,)))
            found = _field_problems(cls, value, failed)
            if found:
                raise found.error() from None
            raise  # every field is fine alone: a check across fields failed; it says which

    return structure


def _field_problems(
    cls: type, value: Mapping[str, Any], failed: Mapping[str, Collector], *, raw: bool = False
) -> Collector:
    """The problems of each field of *value* taken on its own, in field order, and of its keys.

    *failed* holds the problems already known of the fields that did not structure. With
    *raw*, the fields' values are JSON values that their converters take as they are.
    """
    fields = [field for field in attrs.fields(cls) if field.init]
    found = Collector()
    for field in fields:
        if field.alias in failed:
            if failed[field.alias]:
                found.add_error(failed[field.alias].error())
            continue
        if field.alias not in value:
            continue  # its default applies; a missing required field is among the failed
        # The field structured before, so it does again; its own checks are what is looked for.
        item = value[field.alias]
        if not raw:
            item = converter.structure(item, field.type)
        try:
            if field.converter is not None:
                item = field.converter(item)
            if field.validator is not None:
                field.validator(None, field, item)
        except DataError as error:
            found.add_error(error)
    aliases = [field.alias for field in fields]
    expected = ", ".join(aliases)
    found.add(
        Problem((key,), f"unknown key; expected one of {expected}")
        for key in value
        if key not in aliases
    )
    return found


_DERIVED: Final[Mapping[str, Callable[[Status], object]]] = {
    "deployed": lambda status: status.deployed,
    "committed": lambda status: status.committed,
    "outstanding": lambda status: status.outstanding,
    "projected_force": lambda status: status.projected_force,
    "deployment_ratio": lambda status: status.deployment_ratio,
    "days_until_expiry": lambda status: status.days_until_expiry,
    "extrapolated": lambda status: status.extrapolated,
    "record_age_days": lambda status: status.record_age_days,
}
"""What a status's JSON adds to its stored fields: the figures the counting rules derive."""


def _derived(value: object, write: Writers) -> object:
    """A derived value of a status (see :data:`_DERIVED`) as *write* writes it."""
    if isinstance(value, Figure):
        return write.figure(value)
    return write.float(value) if isinstance(value, float) else value


def _status_writer(made: JsonConverter, write: Writers) -> Callable[[Status], dict[str, Any]]:
    """How *made* writes a :class:`Status`.

    Its stored fields, as cattrs generates them for any class, then the :data:`_DERIVED` ones.
    """
    write_stored = make_dict_unstructure_fn(Status, made, _cattrs_omit_if_default=True)

    def unstructure(status: Status) -> dict[str, Any]:
        derived = {key: _derived(get(status), write) for key, get in _DERIVED.items()}
        return {**write_stored(status), **derived}

    return unstructure


def _status_reader(made: JsonConverter, write: Writers) -> Callable[[object, object], Status]:
    """How *made* reads a :class:`Status`.

    Its stored fields, and the :data:`_DERIVED` ones, which must agree with what the stored
    fields give.
    """
    read_stored = make_dict_structure_fn(Status, made)

    def structure(value: object, _: object) -> Status:
        if not isinstance(value, dict):
            raise wrong("an object", value)
        status = read_stored({k: v for k, v in value.items() if k not in _DERIVED}, Status)
        problems = [
            Problem((key,), f"is {show(value[key])}, but the stored fields give {show(written)}")
            for key, get in _DERIVED.items()
            if key in value and value[key] != (written := _derived(get(status), write))
        ]
        if problems:
            raise DataError(problems)
        return status

    return structure


def _make_converter(*, native: bool = False) -> JsonConverter:
    """The converter; with *native*, one that writes data for orjson (see ``_writer``)."""
    made = make_converter(forbid_extra_keys=True, detailed_validation=True, omit_if_default=True)
    write = writers(made.unstructure, native=native)
    for type_, hook in (
        (str, _read(parse_str)),
        (int, _read(parse_int)),
        (float, _structure_float),
        (bool, _structure_bool),
        (date, _read(parse_date)),
        (Decimal, _read(parse_decimal)),
    ):
        made.register_structure_hook(type_, hook)
    # Each enum by name: they subclass str, and the hook for str must not read them.
    for enum_type in ENUMS:
        made.register_structure_hook(enum_type, _structure_enum_factory(enum_type))
        made.register_unstructure_hook(enum_type, _enum_value)
    made.register_unstructure_hook(Decimal, str)
    made.register_unstructure_hook_func(_is_optional_enum, _optional_enum_value)
    made.register_structure_hook_factory(_is_homogeneous_tuple, _structure_tuple_factory)
    made.register_structure_hook_factory(_is_model, _structure_model_factory)
    made.register_structure_hook(Country, _read(parse_country))
    made.register_unstructure_hook(Country, _unstructure_country)
    made.register_structure_hook(Figure, _structure_figure)
    made.register_unstructure_hook(Figure, write.figure)
    made.register_unstructure_hook(float, write.float)
    made.register_structure_hook(Duration, _structure_duration)
    made.register_unstructure_hook(Duration, str)
    made.register_structure_hook(MandateTimeline, _structure_timeline)
    made.register_unstructure_hook(MandateTimeline, _unstructure_timeline)
    # Only Record itself is the tagged union: Pledge, Arrival, ... structure as themselves.
    made.register_structure_hook_func(_is_record_union, _structure_record)
    made.register_structure_hook_factory(_is_record_kind, _structure_record_kind_factory)
    made.register_unstructure_hook(Record, write.record)
    made.register_unstructure_hook_func(lambda t: t == tuple[Record, ...], write.history)
    made.register_structure_hook_factory(_is_breakdown, _structure_breakdown_factory)
    made.register_unstructure_hook_func(
        _is_breakdown, lambda breakdown: _unstructure_breakdown(breakdown, made, write)
    )

    # A status's hooks are generated on first use, when every hook above is in place.
    def status_writer(_: type) -> Callable[[Status], dict[str, Any]]:
        return _status_writer(made, write)

    def status_reader(_: type) -> Callable[[object, object], Status]:
        return _status_reader(made, write)

    made.register_unstructure_hook_factory(lambda t: t is Status, status_writer)
    made.register_structure_hook_factory(lambda t: t is Status, status_reader)
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


def _unstructure_breakdown(
    breakdown: Breakdown[Any], made: JsonConverter, write: Writers
) -> dict[str, object]:
    return {made.unstructure(key): write.figure(figure) for key, figure in breakdown.items()}


def _structure_breakdown_factory(type_: Any) -> Callable[[object, object], Breakdown[Any]]:
    args = get_args(type_)
    if not args:
        msg = "structure a Breakdown as Breakdown[Country] or Breakdown[PersonnelType]"
        raise TypeError(msg)
    key_type = args[0]

    def structure(value: object, _: object) -> Breakdown[Any]:
        if not isinstance(value, dict):
            raise wrong("an object", value)
        entries = converter.structure(
            list(value.items()),
            tuple[tuple[key_type, Figure], ...],  # type: ignore[valid-type]
        )
        return Breakdown(entries)

    return structure


converter: Final[JsonConverter] = _make_converter()
"""The configured cattrs converter, for tools built on top of haiti_mss."""


@functools.cache
def native_converter() -> JsonConverter:
    """The converter that writes data for orjson (see ``_writer``); made on first use."""
    return _make_converter(native=True)
