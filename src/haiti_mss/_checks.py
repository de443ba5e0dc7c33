"""Field validators and converters shared by the model classes.

Each validator has the signature attrs expects, ``(instance, attribute, value)``, and raises
:class:`~haiti_mss.errors.DataError` naming the field and echoing the value, so that every
invalid construction raises the library's one error type.
"""

from __future__ import annotations

import enum
import math
import re
from collections.abc import Callable, Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar

import attrs

from .errors import DataError

A = TypeVar("A")
E = TypeVar("E", bound=enum.Enum)
T = TypeVar("T")


def show(value: object) -> str:
    """*value* as an error message echoes it: short, and with its type when that is the problem."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def type_name(value: object) -> str:
    """The name of *value*'s type, as error messages say it."""
    return type(value).__name__


def is_date(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Require a :class:`datetime.date` that is not a :class:`datetime.datetime`."""
    if type(value) is not date:
        hint = " (use .date() to drop the time)" if isinstance(value, datetime) else ""
        raise DataError.at(
            attribute.name,
            f"must be a datetime.date, not {type_name(value)} (got {show(value)}){hint}",
        )


def is_optional_date(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Require a :class:`datetime.date` or ``None``."""
    if value is not None:
        is_date(instance, attribute, value)


def is_str(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Require a string (any, including empty)."""
    if not isinstance(value, str):
        raise DataError.at(attribute.name, f"must be a string, not {type_name(value)} ({show(value)})")


def is_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Require a string with something in it besides whitespace."""
    is_str(instance, attribute, value)
    if not value.strip():  # type: ignore[attr-defined]  # is_str checked it is a str
        raise DataError.at(attribute.name, f"must not be empty (got {show(value)})")


def is_optional_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Require non-empty text or ``None``."""
    if value is not None:
        is_text(instance, attribute, value)


def is_int(value: object) -> bool:
    """Whether *value* is an int and not a bool (``True`` is not a head count)."""
    return isinstance(value, int) and not isinstance(value, bool)


def is_count(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Require an int >= 0 (not a bool)."""
    if not is_int(value):
        raise DataError.at(attribute.name, f"must be an int, not {type_name(value)} ({show(value)})")
    if value < 0:  # type: ignore[operator]  # checked above
        raise DataError.at(attribute.name, f"must be >= 0 (got {value})")


def is_number(value: object) -> bool:
    """Whether *value* is a finite int or float (not a bool)."""
    if is_int(value):
        return True
    return isinstance(value, float) and math.isfinite(value)


def texts(value: Iterable[str] | str) -> tuple[str, ...]:
    """Convert a list of strings to a tuple, refusing a bare string.

    A bare string is refused because ``tuple("ap")`` would silently become ``("a", "p")``.
    """
    if isinstance(value, str):
        raise DataError.at((), f"must be a list of strings, not a single string ({show(value)})")
    items = tuple(value)
    for i, item in enumerate(items):
        if not isinstance(item, str) or not item.strip():
            raise DataError.at(i, f"must be a non-empty string (got {show(item)})")
    return items


def in_field(name: str, convert: Callable[[A], T]) -> Callable[[A], T]:
    """Wrap *convert* so that the problems it raises are located under field *name*."""

    def converter(value: A) -> T:
        try:
            return convert(value)
        except DataError as error:
            raise error.within(name) from None

    converter.__name__ = f"{name}_converter"
    converter.__doc__ = convert.__doc__
    return converter


def enum_converter(cls: type[E]) -> Callable[[E | str], E]:
    """A converter that accepts an *cls* member or its value, and names the valid values if not."""
    by_value = {member.value: member for member in cls}

    def convert(value: E | str) -> E:
        if isinstance(value, cls):
            return value
        if isinstance(value, str) and value in by_value:
            return by_value[value]
        valid = ", ".join(map(str, by_value))
        raise DataError.at((), f"must be one of {valid} (got {show(value)})")

    convert.__doc__ = f"Accept a {cls.__name__} or one of its values."
    return convert


def tuple_of(
    cls: type[T] | tuple[type[T], ...], name: str, *, what: str | None = None
) -> Callable[[Iterable[T]], tuple[T, ...]]:
    """A converter to a tuple whose items must be instances of *cls*, located under *name*."""
    what = what or (cls.__name__ if isinstance(cls, type) else " or ".join(c.__name__ for c in cls))

    def convert(value: Iterable[T]) -> tuple[T, ...]:
        if isinstance(value, str | bytes) or not isinstance(value, Iterable):
            raise DataError.at(name, f"must be a list of {what}, not {type_name(value)}")
        items = tuple(value)
        for i, item in enumerate(items):
            if not isinstance(item, cls):
                raise DataError.at((name, i), f"must be a {what}, not {type_name(item)} ({show(item)})")
        return items

    return convert


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def to_day(value: date | str, name: str = "as_of") -> date:
    """Read the day a query is about.

    Takes a :class:`~datetime.date`, a :class:`~datetime.datetime` (its day), or a string that
    :func:`dateutil.parser.parse` reads as a complete date: ``"2024-09-21"``, ``"21 Sep 2024"``,
    ``"September 21, 2024"``. A string that leaves out the day or the year, or whose numbers could
    be read as day-month or month-day (``"03/04/2025"``), is refused rather than guessed.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise DataError.at(
            name, f"must be a date or a date string, not {type_name(value)} ({show(value)})"
        )
    text = value.strip()
    if _ISO_DATE.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError as error:
            raise DataError.at(name, f"{error} (got {show(value)})") from None
    return _parse_loose(text, value, name)


def _parse_loose(text: str, value: str, name: str) -> date:
    from dateutil import parser  # noqa: PLC0415  # the parser loads slowly and is rarely needed

    # Two parses with different defaults: a component that the string leaves out takes the
    # default, so the two results differ exactly when the string is incomplete.
    readings: set[date] = set()
    for default, dayfirst in (
        (datetime(2000, 1, 1), False),  # noqa: DTZ001  # a calendar day, no time zone involved
        (datetime(2001, 2, 2), False),  # noqa: DTZ001
        (datetime(2000, 1, 1), True),  # noqa: DTZ001
    ):
        try:
            readings.add(parser.parse(text, default=default, dayfirst=dayfirst).date())
        except (ValueError, OverflowError):
            raise DataError.at(name, f"cannot read {show(value)} as a date") from None
    if len(readings) > 1:
        raise DataError.at(
            name,
            f"{show(value)} is incomplete or ambiguous as a date; "
            "write it as YYYY-MM-DD or like '21 Sep 2024'",
        )
    return readings.pop()


def to_decimal(value: Decimal | int | str) -> Decimal:
    """Accept a Decimal, an int or a decimal string; refuse floats, which are not exact money."""
    if isinstance(value, Decimal):
        result = value
    elif is_int(value):
        result = Decimal(value)
    elif isinstance(value, str):
        try:
            result = Decimal(value.strip())
        except ArithmeticError:
            raise DataError.at((), f"cannot read {show(value)} as a decimal number") from None
    else:
        raise DataError.at(
            (), f"must be a Decimal, an int or a decimal string, not {type_name(value)} ({show(value)})"
        )
    if not result.is_finite():
        raise DataError.at((), f"must be a finite number (got {show(value)})")
    return result


def instance_of(cls: type) -> Callable[[object, attrs.Attribute[Any], object], None]:
    """A validator that requires an instance of *cls*."""

    def validate(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, cls):
            raise DataError.at(
                attribute.name, f"must be a {cls.__name__}, not {type_name(value)} ({show(value)})"
            )

    return validate
