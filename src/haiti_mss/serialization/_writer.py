"""The writer of histories: a function per kind of record, generated from its attrs fields."""

# Raw JSON data is untyped by nature: after an isinstance check, a dict's items are unknown.
# pyright: reportUnknownVariableType=false, reportUnknownArgumentType=false
# pyright: reportUnknownMemberType=false

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from datetime import date
from types import UnionType
from typing import Any, Union, get_args, get_origin, get_type_hints

import attrs

from haiti_mss.contingents import Record
from haiti_mss.figures import Figure

from ._types import ENUMS, EXACT, VALUES

FLOAT_WRITTEN: ContextVar[bool] = ContextVar("haiti_mss_float_written", default=False)


def unstructure_figure(figure: Figure) -> object:
    if isinstance(figure.value, float):
        FLOAT_WRITTEN.set(True)
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
    from ._hooks import converter  # noqa: PLC0415  # which registers this module's writers

    hints = get_type_hints(cls)
    names: dict[str, object] = {
        "EXACT": EXACT,
        "VALUES": VALUES,
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
    if kind in ENUMS:
        return f"VALUES[{value}]"
    if kind is str:
        return value
    return f"unstructure({value}, {type_name})"


_WRITERS: dict[type, Callable[[Record, bool], dict[str, Any]]] = {}


def unstructure_record(record: Record, *, native: bool = False) -> dict[str, Any]:
    """A record as JSON data, by the writer of its kind (see :func:`_record_writer`)."""
    kind = type(record)
    writer = _WRITERS.get(kind)
    if writer is None:
        writer = _WRITERS[kind] = _record_writer(kind)
    return writer(record, native)


def unstructure_history(history: tuple[Record, ...]) -> list[dict[str, Any]]:
    native = NATIVE.get()
    writers = _WRITERS
    data = []
    for record in history:
        writer = writers.get(type(record))
        data.append(writer(record, native) if writer else unstructure_record(record, native=native))
    return data


NATIVE: ContextVar[bool] = ContextVar("haiti_mss_native", default=False)
"""Set by :func:`to_json` while it builds data for orjson: see :func:`unstructure_record`."""


def _qualified(figure: Figure) -> dict[str, object]:
    return {"value": figure.value, "qualifier": VALUES[figure.qualifier]}


def noted_float(value: float | None) -> float | None:
    if value is not None:
        FLOAT_WRITTEN.set(True)
    return value
