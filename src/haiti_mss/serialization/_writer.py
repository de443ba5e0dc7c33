"""The writers: a function per kind of record, generated from its attrs fields, and figures.

There are two sets, made by :func:`writers`: one writes JSON data (what :func:`to_dict`
returns); the other, *native*, writes data for orjson, which writes a date and a tuple of
strings as the standard library writes their JSON form. Native data keeps them as they are (a
million fewer strings and lists to make) and refuses a float (:class:`FloatInData`): orjson
writes some floats differently from the standard library (``0.00001`` for ``1e-05``), and
the text must be the same whichever writes it.
"""

# Raw JSON data is untyped by nature: after an isinstance check, a dict's items are unknown.
# pyright: reportUnknownVariableType=false, reportUnknownArgumentType=false
# pyright: reportUnknownMemberType=false

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from types import UnionType
from typing import Any, NamedTuple, Union, get_args, get_origin, get_type_hints

import attrs

from haiti_mss.contingents import Record
from haiti_mss.figures import Figure

from ._types import ENUMS, EXACT, VALUES


class FloatInData(Exception):  # noqa: N818  # a signal to the text writer, not an error
    """Native data cannot hold this float: the standard library must write the text."""


class Writers(NamedTuple):
    """How one converter writes figures, floats, records and histories."""

    figure: Callable[[Figure], object]
    float: Callable[[float | None], float | None]
    record: Callable[[Record], dict[str, Any]]
    history: Callable[[tuple[Record, ...]], list[dict[str, Any]]]


def writers(unstructure: Callable[[Any, Any], Any], *, native: bool) -> Writers:
    """The writers of a converter whose ``unstructure`` is *unstructure*; see the module."""
    by_kind: dict[type, Callable[[Record], dict[str, Any]]] = {}

    def write_float(value: float | None) -> float | None:
        if native and value is not None:
            raise FloatInData
        return value

    def write_figure(figure: Figure) -> object:
        if native and isinstance(figure.value, float):
            raise FloatInData
        if figure.is_exact:
            return figure.value
        return {"value": figure.value, "qualifier": VALUES[figure.qualifier]}

    def write_record(record: Record) -> dict[str, Any]:
        kind = type(record)
        writer = by_kind.get(kind)
        if writer is None:
            writer = by_kind[kind] = _record_writer(kind, unstructure, native=native)
        return writer(record)

    def write_history(history: tuple[Record, ...]) -> list[dict[str, Any]]:
        data = []
        for record in history:
            writer = by_kind.get(type(record))
            data.append(writer(record) if writer else write_record(record))
        return data

    return Writers(write_figure, write_float, write_record, write_history)


def _record_writer(
    cls: type[Record], unstructure: Callable[[Any, Any], Any], *, native: bool
) -> Callable[[Record], dict[str, Any]]:
    """The function that writes records of kind *cls*, generated from its attrs fields.

    It writes what cattrs would, in the same order: the kind, the fields without a default,
    then those whose value is not the default. The code is generated, as cattrs generates its
    own, because a dataset can hold a million records; the tests check it against the function
    cattrs generates.
    """
    hints = get_type_hints(cls)
    names: dict[str, object] = {"EXACT": EXACT, "VALUES": VALUES, "unstructure": unstructure}
    lines = ["def write(record):", f"    data = {{'kind': {cls.kind!r}}}"]
    fields = attrs.fields(cls)
    required = [f for f in fields if f.default is attrs.NOTHING]
    for field in [*required, *(f for f in fields if f.default is not attrs.NOTHING)]:
        value = f"record.{field.name}"
        names[f"type_{field.name}"] = hints[field.name]
        kind = hints[field.name]
        written = _written(kind, value, f"type_{field.name}", native=native)
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
    writer: Callable[[Record], dict[str, Any]] = names["write"]  # type: ignore[assignment]
    return writer


def _may_be_none(kind: Any) -> bool:
    return get_origin(kind) in {Union, UnionType} and type(None) in get_args(kind)


def _written(kind: Any, value: str, type_name: str, *, native: bool) -> str:
    """The expression that writes *value*, of type *kind* (see :func:`_record_writer`)."""
    if _may_be_none(kind):
        args = [arg for arg in get_args(kind) if arg is not type(None)]
        if len(args) == 1 and args[0] is not Any:
            kind = args[0]
    if kind is date:
        return value if native else f"{value}.isoformat()"
    if kind is Figure:
        # A head count is an int: a float (only in a figure that is not a head count) is
        # written by the converter, which knows what native data may hold.
        exact = f"type({value}.value) is int and {value}.qualifier is EXACT"
        return f"{value}.value if {exact} else unstructure({value}, {type_name})"
    if kind == tuple[str, ...]:
        return value if native else f"list({value})"
    if kind in ENUMS:
        return f"VALUES[{value}]"
    if kind is str:
        return value
    return f"unstructure({value}, {type_name})"
