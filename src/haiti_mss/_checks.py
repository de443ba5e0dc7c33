"""Field validators and converters shared by the model classes.

Each validator has the signature attrs expects, ``(instance, attribute, value)``, and raises
:class:`~haiti_mss.errors.DataError` naming the field and echoing the value, so that every
invalid construction raises the library's one error type.
"""

from __future__ import annotations

import enum
import functools
import math
import re
import reprlib
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, datetime
from decimal import Decimal
from types import MappingProxyType
from typing import Any, Final, Generic, TypeVar, cast

import attrs

from .errors import DataError, Problem

E = TypeVar("E", bound=enum.Enum)
T = TypeVar("T")
V = TypeVar("V")
Validator = Callable[[object, "attrs.Attribute[Any]", Any], None]


_SHORT = reprlib.Repr()  # keyword arguments need Python 3.12
_SHORT.maxlevel = 3
_SHORT.maxstring = _SHORT.maxother = _SHORT.maxlong = 50


_LONG_INT_BITS: Final = 200
"""Past this many bits (about 60 digits), an integer is described, not written out: writing it
takes time that grows with the square of its length, and Python refuses past 4,300 digits."""


def show(value: object) -> str:
    """*value* as an error message echoes it: short, however large or deep the value is."""
    if isinstance(value, int) and value.bit_length() > _LONG_INT_BITS:
        digits = int(value.bit_length() * 0.30103) + 1  # log10(2): within one of the count
        kind = "a negative integer" if value < 0 else "an integer"
        return f"{kind} of about {digits:,} digits"
    text = _SHORT.repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def show_typed(value: object) -> str:
    """*value* as :func:`show` echoes it, and its type if that only subclasses a JSON type."""
    base = _json_base(value)
    text = show(value)
    return text if base is None else f"{text}, of type {type_name(value)}, a subclass of {base}"


def counted(count: int, noun: str, nouns: str | None = None) -> str:
    """*count* and *noun*, in the plural (*nouns*, or *noun* + "s") unless *count* is 1.

    >>> counted(1, "mandate"), counted(2, "mandate"), counted(1_000, "country", "countries")
    ('1 mandate', '2 mandates', '1,000 countries')
    """
    return f"{count:,} {noun if count == 1 else nouns or noun + 's'}"


def type_name(value: object) -> str:
    """The name of *value*'s type, as error messages say it."""
    return type(value).__name__


_JSON_TYPES: Final[Mapping[type, str]] = {
    bool: "a boolean",
    int: "an integer",
    float: "a number",
    str: "a string",
    list: "a list",
    dict: "an object",
    type(None): "null",
}
"""The types a JSON parser builds, exactly, and how JSON names them: a bool is not an integer."""


def json_type(value: object) -> str:
    """How a JSON reader names the type of *value*; a type that is not JSON's, by its name."""
    name = _JSON_TYPES.get(type(value))
    return name if name is not None else python_type(value)


def python_type(value: object) -> str:
    """The name of *value*'s type, and the JSON type it subclasses, if it subclasses one."""
    base = _json_base(value)
    return type_name(value) if base is None else f"{type_name(value)} (a subclass of {base})"


def _json_base(value: object) -> str | None:
    """The name of the JSON type that *value*'s type subclasses, if it is a subclass of one."""
    if type(value) in _JSON_TYPES:
        return None
    return next((base.__name__ for base in _JSON_TYPES if isinstance(value, base)), None)


def not_json(data: object) -> Iterator[Problem]:
    """A problem at each place in Python data *data* that holds a subclass of a JSON type.

    Only JSON's own types, exactly, are JSON data: a subclass (an enum member, a str or a list
    with methods of its own) may compare, hash, iterate or print otherwise than its base. Its
    value is neither read nor echoed. Other objects are left for the readers, which refuse
    them where they name what is expected; so is a container met a second time.
    """
    seen: set[int] = set()
    # Each place is kept as a link to its parent's, so that a deep place costs no more than a
    # shallow one; its path is spelt out only for a problem. The values of JSON's scalar types,
    # most of any data, are passed over where they stand, unstacked.
    stack: list[tuple[Place, object]] = [(None, data)]
    while stack:
        place, value = stack.pop()
        kind = type(value)
        if kind is list:
            if id(value) in seen:
                continue
            seen.add(id(value))
            items = cast("list[object]", value)
            stack.extend(
                ((place, i), item)
                for i, item in reversed(list(enumerate(items)))
                if type(item) not in _SCALARS
            )
        elif kind is dict:
            if id(value) in seen:
                continue
            seen.add(id(value))
            fields = cast("dict[object, object]", value)
            for key in fields:
                if type(key) is not str and isinstance(key, str):
                    message = f"a key must be a string, not {python_type(key)}"
                    yield Problem(path_of(place), message)
            stack.extend(
                ((place, cast("str", key)), item)  # a key that is not a string: reported later
                for key, item in reversed(fields.items())
                if type(item) not in _SCALARS and (type(key) is str or not isinstance(key, str))
            )
        elif kind not in _SCALARS:
            base = next((b for b in _JSON_TYPES if isinstance(value, b)), None)
            if base is not None:
                message = f"must be {_JSON_TYPES[base]}, not {python_type(value)}"
                yield Problem(path_of(place), message)


_SCALARS: Final = frozenset({bool, int, float, str, type(None)})
"""JSON's types that hold no other value."""


Place = tuple["Place", str | int] | None
"""A place in data: None for the whole, else the place that holds it and its key or index."""


def path_of(place: Place) -> tuple[str | int, ...]:
    """The path of *place*, from the whole of the data."""
    keys: list[str | int] = []
    while place is not None:
        place, key = place
        keys.append(key)
    return tuple(reversed(keys))


NESTED_TOO_DEEP: Final = 20
"""How deep an array or object is where data nested too deeply is reported: deeper than any
object of the model nests (ten arrays and objects, from the document to an alternative's
sources)."""


def too_deep(data: object) -> tuple[str | int, ...]:
    """The path in Python data *data* of the first list or dict nested too deeply, or ``()``.

    That is, :data:`NESTED_TOO_DEEP` lists and dicts deep; a cycle is endlessly deep.
    """
    stack: list[tuple[tuple[str | int, ...], object]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if type(value) is list:
            children = enumerate(cast("list[object]", value))
        elif type(value) is dict:
            children = cast("dict[str, object]", value).items()  # type: ignore[assignment]
        else:
            continue
        if len(path) == NESTED_TOO_DEEP:
            return path
        stack.extend(((*path, where), item) for where, item in reversed(list(children)))
    return ()


def check_keys(value: Mapping[str, object], required: set[str], optional: set[str]) -> None:
    """Raise a :class:`DataError` for each key of JSON object *value* unknown or missing."""
    problems = [
        Problem((key,), f"unknown key; expected one of {', '.join(sorted(required | optional))}")
        for key in value
        if key not in required | optional
    ]
    problems += [Problem((key,), "required field missing") for key in sorted(required - set(value))]
    if problems:
        raise DataError(problems)


def wrong(expected: str, value: object) -> DataError:
    """The problem of JSON data *value* that is not *expected* (``"a string"``)."""
    return DataError.at((), f"must be {expected}, not {json_type(value)} ({show(value)})")


class Rule(Generic[V]):
    """One rule for the values of a kind of field, written once and used wherever they are checked.

    A rule is the attrs validator of the fields it governs (the constructors' checks, whose
    messages the detailed reader reports), and :meth:`read` reads a value from its JSON form
    and makes the same check, for the fast reader. Its problems are :class:`DataError` problems in
    its own words, at paths from the value; as a validator, from the field.
    """

    __slots__ = ("_check", "_parse", "members", "schema")

    def __init__(
        self,
        check: Callable[[Any], None],
        parse: Callable[[object], V],
        schema: Mapping[str, Any],
        members: Mapping[str, enum.Enum] | None = None,
    ) -> None:
        self._check = check
        self._parse = parse
        self.schema = schema
        """The JSON Schema of the values' JSON form, as far as a schema can state the rule (see
        :mod:`haiti_mss.schema`)."""
        self.members = members
        """For a rule of enum members, the table of them by value that :meth:`read` uses."""

    def __call__(self, _: object, attribute: attrs.Attribute[Any], value: object) -> None:
        """The validator: :meth:`check` *value*, its problems located at the field."""
        try:
            self._check(value)
        except DataError as error:
            raise error.within(attribute.name) from None

    def check(self, value: object) -> None:
        """Raise a :class:`DataError` unless *value* keeps the rule."""
        self._check(value)

    def parse(self, data: object) -> V:
        """The value whose JSON form is *data*, not yet checked (see :meth:`read`)."""
        return self._parse(data)

    def read(self, data: object) -> V:
        """The value whose JSON form is *data*, checked."""
        value = self._parse(data)
        self._check(value)
        return value

    def or_none(self) -> Rule[V | None]:
        """This rule, or ``None`` (``null`` in JSON)."""
        return _or_none(self)


@functools.cache  # one optional rule per rule: readers may recognise it by identity
def _or_none(rule: Rule[V]) -> Rule[V | None]:
    def check(value: object) -> None:
        if value is not None:
            rule.check(value)

    def parse(data: object) -> V | None:
        return None if data is None else rule.parse(data)

    schema = {"anyOf": [rule.schema, {"type": "null"}]}
    return Rule(check, parse, schema, rule.members)


FIRST_DAY: Final = date(2, 1, 1)
LAST_DAY: Final = date(9998, 12, 31)
"""The first and last days haiti_mss holds or is asked about (dates of data and of queries).

Python's calendar runs from the year 1 to 9999; its first and last years are kept free, so
that the day before or after any day held, a term counted from it and a chart's margin around
it are days of the calendar too."""


def _check_in_range(day: date) -> None:
    if not FIRST_DAY <= day <= LAST_DAY:
        raise DataError.at(
            (),
            f"must be a day from {FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()} "
            f"(got {day.isoformat()})",
        )


def _check_date(value: object) -> None:
    if type(value) is not date:
        hint = " (use .date() to drop the time)" if isinstance(value, datetime) else ""
        raise DataError.at(
            (), f"must be a datetime.date, not {type_name(value)} ({show(value)}){hint}"
        )
    _check_in_range(value)


def parse_date(data: object) -> date:
    """The date that JSON data *data* writes as YYYY-MM-DD."""
    if type(data) is not str:
        raise wrong("a date written YYYY-MM-DD", data)
    return read_iso_date(data)


def check_date(value: object, where: str) -> None:
    """Raise unless *value* is a :class:`datetime.date` (not a datetime) of the days held."""
    try:
        _check_date(value)
    except DataError as error:
        raise error.within(where) from None


_ISO_DATE: Final = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def read_iso_date(text: str) -> date:
    """The date that *text* writes as YYYY-MM-DD, the one form a data file holds.

    Raises:
        DataError: *text* is written otherwise, or names no day of the calendar.
    """
    if not _ISO_DATE.fullmatch(text):
        raise DataError.at((), f"must be a date written YYYY-MM-DD (got {show(text)})")
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise DataError.at((), f"{show(text)} is not a date: {error}") from None


DATE_PATTERN: Final = (
    "^(?:000[2-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-8][0-9]{3}|9[0-8][0-9]{2}|99[0-8][0-9]|999[0-8])"
    "-[0-9]{2}-[0-9]{2}$"
)
"""The JSON Schema pattern of a date written YYYY-MM-DD in the years of ``FIRST_DAY`` to
``LAST_DAY`` (ECMA-262, as JSON Schema writes it)."""

is_date: Final[Rule[date]] = Rule(
    _check_date, parse_date, {"type": "string", "format": "date", "pattern": DATE_PATTERN}
)
"""Rule: a :class:`datetime.date` that is not a :class:`datetime.datetime`, from ``FIRST_DAY`` to
``LAST_DAY``; in JSON, YYYY-MM-DD."""


is_optional_date: Final = is_date.or_none()
"""Rule: a :class:`datetime.date` or ``None``."""


def parse_str(data: object) -> str:
    """JSON data *data*, required to be a string."""
    if type(data) is not str:
        raise wrong("a string", data)
    return data


def _check_str(value: object) -> None:
    if type(value) is not str:  # a subclass may hash, compare or print otherwise
        raise DataError.at((), f"must be a string, not {python_type(value)} ({show(value)})")
    check_unicode(value, ())


is_str: Final[Rule[str]] = Rule(_check_str, parse_str, {"type": "string"})
"""Rule: a string (any, including empty) of valid Unicode."""


def check_unicode(value: str, where: str | int | tuple[str | int, ...]) -> None:
    """Refuse a string with a lone surrogate: it is not text, and no file can hold it."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise DataError.at(
            where, f"must be valid Unicode text (a lone surrogate at position {error.start})"
        ) from None


_BLANKS: Final = frozenset("\u115f\u1160\u2800\u3164\uffa0")
"""Characters that draw nothing although Unicode does not class them as spaces or controls:
the Hangul fillers and the blank braille pattern."""


def visible(text: str) -> bool:
    """Whether *text* has something in it that draws: the rule of text that must not be empty."""
    return any(map(_draws, text))


def _draws(character: str) -> bool:
    """Whether *character* draws something.

    Not a space, a control, a format character (a zero-width space, a direction mark), an
    unassigned or private character, or a blank filler.
    """
    return unicodedata.category(character)[0] not in "ZC" and character not in _BLANKS


_MAYBE_HIDDEN: Final = re.compile(r"[^\n -~]")
"""The characters that :func:`shown` looks up: all but a line break and printable ASCII."""
_HIDDEN: Final = frozenset(("Cc", "Cf", "Cs", "Zl", "Zp"))


def shown(text: str) -> str:
    r"""*text* with what a terminal, a chart or a page would obey written as its escape.

    Controls but the line break (an escape sequence, a bell), format characters (a direction
    override, a zero-width space) and line separators are shown as Python writes them in a
    string, so that data is shown, never obeyed, and no control reaches an SVG or HTML file.

    >>> print(shown("ab\x1b[2J\x07 \u202egnp.json\n\u00e9t\u00e9"))
    ab\x1b[2J\x07 \u202egnp.json
    été
    """
    return _MAYBE_HIDDEN.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    character = match[0]
    if unicodedata.category(character) not in _HIDDEN:
        return character
    # \x09 rather than \t, as the command line always wrote it; past U+00FF, as Python does.
    return f"\\x{ord(character):02x}" if ord(character) < 0x100 else ascii(character)[1:-1]


def _check_text(value: object) -> None:
    _check_str(value)
    if not visible(value):  # type: ignore[arg-type]  # a str, checked above
        raise DataError.at((), f"must not be empty or invisible (got {show(value)})")


TEXT_SCHEMA: Final = {"type": "string", "pattern": "\\S"}
"""The JSON Schema of text: a string with something in it besides whitespace."""

is_text: Final[Rule[str]] = Rule(_check_text, parse_str, TEXT_SCHEMA)
"""Rule: a string with something in it besides whitespace."""


def matches(regex: re.Pattern[str], description: str) -> Rule[str]:
    """The rule of strings matching *regex*, described as *description*."""

    def check(value: object) -> None:
        _check_str(value)
        if not regex.fullmatch(cast("str", value)):  # a str, checked above
            raise DataError.at((), f"must be {description} (got {show(value)})")

    return Rule(check, parse_str, {"type": "string", "pattern": f"^(?:{regex.pattern})$"})


is_acronym: Final = matches(
    re.compile(r"[A-Z][A-Z0-9-]*", re.ASCII), "capital letters, digits or '-', like 'MSS'"
)
"""Validator: a mission's acronym."""


is_optional_text: Final = is_text.or_none()
"""Rule: non-empty text or ``None``."""


def is_int(value: object) -> bool:
    """Whether *value* is an int, exactly, not a bool (``True`` is not a head count)."""
    return type(value) is int


def parse_int(data: object) -> int:
    """JSON data *data*, required to be an integer."""
    if type(data) is not int:
        raise wrong("an integer", data)
    return data


def _check_count(value: object) -> None:
    if not is_int(value):
        raise DataError.at((), f"must be an int, not {type_name(value)} ({show(value)})")
    if value < 0:  # type: ignore[operator]  # checked above
        raise DataError.at((), f"must be >= 0 (got {show(value)})")


is_count: Final[Rule[int]] = Rule(_check_count, parse_int, {"type": "integer", "minimum": 0})
"""Rule: an int >= 0 (not a bool)."""


def is_number(value: object) -> bool:
    """Whether *value* is a finite int or float (not a bool)."""
    if is_int(value):
        return True
    return type(value) is float and math.isfinite(value)


_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)", re.ASCII)
_LONGEST_DATE: Final = 100
"""The longest query date string read: "Wednesday, the 21st of September, 2024" has 38."""


def to_day(value: date | str, name: str = "as_of") -> date:
    """Read the day a query is about.

    Takes a :class:`~datetime.date`, a :class:`~datetime.datetime` (its day), or a string that
    :func:`dateutil.parser.parse` reads as a complete date: ``"2024-09-21"``, ``"21 Sep 2024"``,
    ``"September 21, 2024"``. A string that leaves out the day or the year, or whose numbers could
    be read as day-month or month-day (``"03/04/2025"``), is refused rather than guessed; so is a
    day before ``FIRST_DAY`` or after ``LAST_DAY``.
    """
    if isinstance(value, datetime):
        day = value.date()
    elif isinstance(value, date):
        day = value
    elif not isinstance(value, str):
        raise DataError.at(
            name, f"must be a date or a date string, not {type_name(value)} ({show(value)})"
        )
    elif _ISO_DATE.fullmatch(text := value.strip()):
        try:
            day = read_iso_date(text)
        except DataError as error:
            raise error.within(name) from None
    else:
        day = _parse_loose(text, value, name)
    try:
        _check_in_range(day)
    except DataError as error:
        raise error.within(name) from None
    return day


def _parse_loose(text: str, value: str, name: str) -> date:
    from dateutil import parser  # noqa: PLC0415  # the parser loads slowly and is rarely needed

    # Two parses with different defaults: a component that the string leaves out takes the
    # default, so the two results differ exactly when the string is incomplete.
    if len(text) > _LONGEST_DATE:
        raise DataError.at(name, f"{show(value)} is too long to be a date")
    years = set(_YEAR.findall(text))
    if not years:
        raise DataError.at(
            name,
            f"{show(value)} has no four-digit year; write it as YYYY-MM-DD or like '21 Sep 2024'",
        )
    if len(years) > 1:
        raise DataError.at(
            name, f"{show(value)} names more than one year ({', '.join(sorted(years))})"
        )
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
    day = readings.pop()
    (year,) = years
    if day.year != int(year):  # dateutil reads a year below 100 as this century's
        raise DataError.at(
            name, f"cannot read {show(value)} as a date: the year {year} is read as {day.year}"
        )
    return day


def by_value(cls: type[E]) -> Mapping[str, E]:
    """The members of enum *cls* by their values: the one table every reader looks them up in."""
    return cast("Mapping[str, E]", _members(cls))


@functools.cache  # one entry per enum class of the model
def _members(cls: type[enum.Enum]) -> Mapping[str, enum.Enum]:
    return MappingProxyType({member.value: member for member in cls})


def member(cls: type[E], value: E | str) -> E:
    """*value* as a member of enum *cls* if it is one or names one; otherwise *value* unchanged.

    Converters normalise what they recognise and leave the rest for the field's validator,
    which knows the field's name and reports the problem.
    """
    if type(value) is str:  # a str subclass may hash otherwise: the validator refuses it
        found = by_value(cls).get(value)
        if found is not None:
            return found
    return cast("E", value)


def as_tuple(value: Iterable[T]) -> tuple[T, ...]:
    """*value* as a tuple if it is a collection (not a string); otherwise unchanged."""
    if isinstance(value, tuple | str | bytes | Mapping) or not isinstance(value, Iterable):
        return cast("tuple[T, ...]", value)
    return tuple(value)


def to_texts(value: Iterable[str]) -> tuple[str, ...]:
    """Converter for lists of strings (source ids): a list becomes a tuple."""
    return as_tuple(value)


@functools.cache  # one rule per enum class of the model: readers recognise it by identity
def member_of(cls: type[E]) -> Rule[E]:
    """The rule of members of enum *cls*, written in JSON as their values."""
    members = by_value(cls)
    valid = ", ".join(members)

    def check(value: object) -> None:
        if not isinstance(value, cls):
            raise DataError.at((), f"must be one of {valid} (got {show_typed(value)})")

    def parse(data: object) -> E:
        found = members.get(data) if type(data) is str else None
        if found is None:
            raise DataError.at((), f"must be one of {valid} (got {show(data)})")
        return found

    return Rule(check, parse, {"type": "string", "enum": list(members)}, members)


def enum_checked(validator: object) -> Mapping[str, enum.Enum] | None:
    """The members by value that *validator* (a :func:`member_of` rule, or optional) requires."""
    inner = getattr(validator, "validator", validator)  # attrs' optional() wraps it
    return inner.members if isinstance(inner, Rule) else None


def optional_member_of(cls: type[E]) -> Rule[E | None]:
    """Like :func:`member_of`, and ``None`` is allowed."""
    return member_of(cls).or_none()


def tuple_of(cls: type | tuple[type, ...], what: str | None = None) -> Validator:
    """A validator that requires a tuple whose items are instances of *cls*.

    A problem with an item is located at its index: ``history[2]``.
    """
    names = what or (
        cls.__name__ if isinstance(cls, type) else " or ".join(c.__name__ for c in cls)
    )

    def validate(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        for i, item in enumerate(items_of(value, attribute.name, names)):
            if not isinstance(item, cls):
                raise DataError.at(
                    (attribute.name, i), f"must be a {names}, not {type_name(item)} ({show(item)})"
                )

    return validate


def items_of(value: object, where: str | tuple[()], names: str) -> tuple[object, ...]:
    """*value*, required to be a tuple: a list of *names* once converted, never a lone string."""
    if not isinstance(value, tuple):
        single = "a single string" if isinstance(value, str) else type_name(value)
        raise DataError.at(where, f"must be a list of {names}, not {single} ({show(value)})")
    return cast("tuple[object, ...]", value)


def _check_texts(value: object) -> None:
    items = items_of(value, (), "strings")
    seen: set[str] = set()
    for i, item in enumerate(items):
        if type(item) is not str or not item.strip():
            raise DataError.at(i, f"must be a non-empty string (got {show_typed(item)})")
        check_unicode(item, i)
        if item in seen:
            raise DataError.at(i, f"{show(item)} is named twice")
        seen.add(item)


def parse_list(data: object) -> tuple[Any, ...]:
    """JSON data *data*, required to be a list: as a tuple."""
    if type(data) is not list:
        raise wrong("a list", data)
    return tuple(data)  # pyright: ignore[reportUnknownArgumentType, reportUnknownVariableType]


are_texts: Final[Rule[tuple[str, ...]]] = Rule(
    _check_texts, parse_list, {"type": "array", "items": TEXT_SCHEMA, "uniqueItems": True}
)
"""Rule: a tuple of distinct non-empty strings (a list of source ids)."""


MONEY_DIGITS: Final = 30
"""The most digits an amount of money has before its point: far more than any sum needs (the
world's yearly product has some 20 digits in the currency of the smallest unit), and few enough
that every rendering of an amount stays short."""

MONEY_PLACES: Final = 6
"""The most digits an amount of money has after its point: more than any currency's minor unit
(ISO 4217 gives at most 4); ``str`` of a Decimal writes such an amount without an exponent."""

MONEY_PATTERN: Final = (
    rf"(?:0|[1-9][0-9]{{0,{MONEY_DIGITS - 1}}})"  # the digits before the point
    rf"(?:[.][0-9]{{1,{MONEY_PLACES}}})?"  # and the decimals, if any
)
"""The one way a data file writes an amount of money, and the way the writer writes it: ASCII
digits without a leading zero, then a point and digits if the amount has decimals (``"0.5"``,
``"1.50"``, ``"1500000"``); no sign, exponent, space or separator. The JSON Schema's pattern."""

_MONEY: Final = re.compile(MONEY_PATTERN)
_MONEY_LIKE: Final = re.compile(r"(-?)([0-9]+)(?:[.][0-9]+)?")
"""Digits, perhaps signed, with perhaps a point and digits: what a message can say more about."""


_TOO_MANY_DIGITS: Final = (
    f"must have at most {MONEY_DIGITS} digits before the point and {MONEY_PLACES} after it"
)


def _miswritten(text: str) -> str:
    """Why *text* is not an amount of money as a data file writes it (:data:`MONEY_PATTERN`)."""
    shape = _MONEY_LIKE.fullmatch(text)
    if shape is None:
        return (
            f'{show(text)} is not a decimal number written like "1500000.00": ASCII digits, '
            "and a point and digits for decimals; no sign, exponent, space or separator"
        )
    sign, whole = shape.groups()
    if sign:
        return f"must be a finite amount >= 0 (got {show(text)})"
    if len(whole) > 1 and whole[0] == "0":
        return f"must be written without leading zeros (got {show(text)})"
    return f"{_TOO_MANY_DIGITS} (got {show(text)})"  # else the pattern would have matched


def parse_decimal(data: object) -> Decimal:
    """The amount of money that JSON data *data* writes as a string, like ``"1500000.00"``.

    Only the one form of :data:`MONEY_PATTERN` is read: what is given is what is written back.
    """
    if not isinstance(data, str):
        raise wrong('a decimal number written as a string, like "1500000.00"', data)
    if _MONEY.fullmatch(data) is None:
        raise DataError.at((), _miswritten(data))
    return Decimal(data)  # exact: a Decimal holds every digit of a string


def _to_money(value: object) -> object:
    """*value* as money if it is an int or a decimal string; otherwise unchanged.

    Raises:
        DataError: *value* is an int or a string, and no amount.
    """
    if is_int(value):
        number = cast("int", value)
        if abs(number) >= 10**MONEY_DIGITS:
            raise DataError.at((), f"{_TOO_MANY_DIGITS} (got {show(value)})")
        return Decimal(number)
    if isinstance(value, str):
        return parse_decimal(value)
    return value


def to_decimal(value: Decimal | int | str) -> Decimal:
    """Converter for money: an int or a decimal string becomes a Decimal; the rest stays as given.

    A float is left for the validator to refuse: it is not exact money. So is a string that is
    not an amount as a data file writes it, and an int of too many digits.
    """
    try:
        return cast("Decimal", _to_money(value))
    except DataError:
        return cast("Decimal", value)


def _check_money(value: object) -> None:
    money = _to_money(value)  # a string or an int here is one the converter could not read
    if not isinstance(money, Decimal):
        raise DataError.at(
            (),
            "must be a Decimal, an int or a decimal string, "
            f"not {type_name(value)} ({show(value)})",
        )
    if not money.is_finite() or money.is_signed():
        raise DataError.at((), f"must be a finite amount >= 0 (got {show(value)})")
    _, digits, written = money.as_tuple()
    exponent = cast("int", written)  # an int: the amount is finite
    if exponent > 0:
        raise DataError.at(
            (),
            f"must be written without an exponent (got {show(value)}); "
            "amount.quantize(Decimal(1)) writes it out",
        )
    if len(digits) + exponent > MONEY_DIGITS or -exponent > MONEY_PLACES:
        raise DataError.at((), f"{_TOO_MANY_DIGITS} (got {show(value)})")


is_money: Final[Rule[Decimal]] = Rule(
    _check_money, parse_decimal, {"type": "string", "pattern": f"^{MONEY_PATTERN}$"}
)
"""Rule: a finite Decimal >= 0, without an exponent, of at most :data:`MONEY_DIGITS` digits
before its point and :data:`MONEY_PLACES` after it; in JSON, a string of :data:`MONEY_PATTERN`."""


def instance_of(cls: type) -> Callable[[object, attrs.Attribute[Any], object], None]:
    """A validator that requires an instance of *cls*."""

    def validate(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, cls):
            raise DataError.at(
                attribute.name, f"must be a {cls.__name__}, not {type_name(value)} ({show(value)})"
            )

    return validate
