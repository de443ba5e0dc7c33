"""Reported numbers and how sure their sources are of them: :class:`Figure` and :class:`Qualifier`.

News rarely gives an exact head count. It says "about 200", "more than 578,000", "less than a
quarter". A :class:`Figure` keeps the number together with that qualifier, carries the qualifier
through arithmetic, and renders as a person would write it.
"""

from __future__ import annotations

import enum
import functools
import math
import re
from collections.abc import Mapping
from typing import Any, Final, Self, cast

import attrs

from ._checks import (
    Rule,
    by_value,
    check_keys,
    is_number,
    member,
    member_of,
    show,
    type_name,
    wrong,
)
from .errors import DataError

__all__ = ["Figure", "FigureLike", "Qualifier"]


class Qualifier(enum.StrEnum):
    """How a reported number relates to the true one."""

    EXACT = "exact"
    ABOUT = "about"
    AT_LEAST = "at_least"
    MORE_THAN = "more_than"
    AT_MOST = "at_most"
    LESS_THAN = "less_than"

    @property
    def symbol(self) -> str:
        """The sign written before the number (``~ ≥ > ≤ <``), or nothing when exact."""
        return _SYMBOLS[self]

    @property
    def is_lower_bound(self) -> bool:
        """Whether the true number is at least the reported one."""
        return self in {Qualifier.AT_LEAST, Qualifier.MORE_THAN}

    @property
    def is_upper_bound(self) -> bool:
        """Whether the true number is at most the reported one."""
        return self in {Qualifier.AT_MOST, Qualifier.LESS_THAN}

    @property
    def is_strict(self) -> bool:
        """Whether the bound excludes the reported number itself."""
        return self in {Qualifier.MORE_THAN, Qualifier.LESS_THAN}

    def flipped(self) -> Qualifier:
        """The qualifier of the negated number: a lower bound becomes an upper bound."""
        return _FLIPPED.get(self, self)

    def plus(self, other: Qualifier) -> Qualifier:
        """The qualifier of a sum of two numbers with these qualifiers.

        Exact plus anything keeps the other's qualifier; two bounds in the same direction stay
        a bound in that direction (strict if either is strict); bounds in opposite directions,
        or any "about", give "about".

        >>> Qualifier.AT_LEAST.plus(Qualifier.EXACT)
        <Qualifier.AT_LEAST: 'at_least'>
        >>> Qualifier.AT_LEAST.plus(Qualifier.LESS_THAN)
        <Qualifier.ABOUT: 'about'>
        """
        if self is Qualifier.EXACT:
            return other
        if other is Qualifier.EXACT or self is other:
            return self
        same_direction = (self.is_lower_bound and other.is_lower_bound) or (
            self.is_upper_bound and other.is_upper_bound
        )
        if same_direction:
            return self if self.is_strict else other
        return Qualifier.ABOUT


_SYMBOLS: Final = {
    Qualifier.EXACT: "",
    Qualifier.ABOUT: "~",
    Qualifier.AT_LEAST: "≥",
    Qualifier.MORE_THAN: ">",
    Qualifier.AT_MOST: "≤",
    Qualifier.LESS_THAN: "<",
}
_FLIPPED: Final = {
    Qualifier.AT_LEAST: Qualifier.AT_MOST,
    Qualifier.AT_MOST: Qualifier.AT_LEAST,
    Qualifier.MORE_THAN: Qualifier.LESS_THAN,
    Qualifier.LESS_THAN: Qualifier.MORE_THAN,
}

# Words and signs that Figure.parse reads as qualifiers, longest first so that ">=" wins over ">".
_PREFIXES: Final = {
    "approximately": Qualifier.ABOUT,
    "around": Qualifier.ABOUT,
    "about": Qualifier.ABOUT,
    "roughly": Qualifier.ABOUT,
    "some": Qualifier.ABOUT,
    "nearly": Qualifier.ABOUT,
    "almost": Qualifier.ABOUT,
    "c.": Qualifier.ABOUT,
    "~": Qualifier.ABOUT,
    "≈": Qualifier.ABOUT,
    "at least": Qualifier.AT_LEAST,
    "no fewer than": Qualifier.AT_LEAST,
    ">=": Qualifier.AT_LEAST,
    "≥": Qualifier.AT_LEAST,
    "more than": Qualifier.MORE_THAN,
    "over": Qualifier.MORE_THAN,
    ">": Qualifier.MORE_THAN,
    "at most": Qualifier.AT_MOST,
    "up to": Qualifier.AT_MOST,
    "no more than": Qualifier.AT_MOST,
    "<=": Qualifier.AT_MOST,
    "≤": Qualifier.AT_MOST,
    "less than": Qualifier.LESS_THAN,
    "fewer than": Qualifier.LESS_THAN,
    "under": Qualifier.LESS_THAN,
    "<": Qualifier.LESS_THAN,
}
_PREFIX_PATTERN: Final = "|".join(re.escape(p) for p in sorted(_PREFIXES, key=len, reverse=True))
_SCALES: Final = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_FIGURE_PATTERN: Final = rf"""(?P<prefix>{_PREFIX_PATTERN})?\s*
    (?P<number>\d{{1,3}}(?:,\d{{3}})+|\d+)(?P<fraction>\.\d+)?
    (?:\s*(?P<scale>{"|".join(_SCALES)}))?
    (?P<plus>\+)?"""


@functools.cache
def _figure_regex() -> re.Pattern[str]:
    """The pattern of a figure as people write it, compiled on first use."""
    return re.compile(_FIGURE_PATTERN, re.IGNORECASE | re.VERBOSE | re.ASCII)


MAX_MAGNITUDE: Final = 10**15
"""The largest size of a figure: far above any head count, and still exact as a float."""

LONGEST_TEXT: Final = 100
"""The longest text :meth:`Figure.parse` reads, spaces included: "approximately 999,999,999.5
thousand" has 36 characters, and a longer text is refused before it is searched."""


def _check_number(value: object) -> None:
    """Raise unless *value* is a number that a figure holds: a finite int or float, not too big."""
    if not is_number(value):
        raise DataError.at(
            (), f"must be a finite int or float, not {type_name(value)} ({show(value)})"
        )
    if abs(value) > MAX_MAGNITUDE:  # type: ignore[arg-type]  # is_number checked it
        raise DataError.at((), f"must be at most 10**15 in size (got {show(value)})")


def _finite(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    try:
        _check_number(value)
    except DataError as error:
        raise error.within(attribute.name) from None


def _as_written(value: float) -> tuple[float, float | None]:
    """A figure's number as figures compare and hash it: as JSON and :func:`str` write it.

    An int and a float are different numbers here, and so are ``0.0`` and ``-0.0``: figures
    that are written differently are not equal.
    """
    return (value, math.copysign(1.0, value) if isinstance(value, float) else None)


def to_qualifier(value: Qualifier | str) -> Qualifier:
    """Converter for qualifier fields: a :class:`Qualifier` or its value."""
    return member(Qualifier, value)


@attrs.frozen(repr=False)
class Figure:
    """A reported number and its qualifier: ``Figure(1000, "about")`` is "about 1,000".

    *qualifier* defaults to exact and may be given as a :class:`Qualifier` or its value. A
    figure renders as a person writes it, and adding or subtracting figures (or plain ints)
    keeps the qualifiers straight.

    >>> Figure(1000, "about")
    Figure(1000, 'about')
    >>> str(Figure(578_000, "more_than"))
    '>578,000'
    >>> print(Figure(400) + Figure(24) + Figure(2, "about"))
    ~426
    >>> (Figure(1000) - Figure(400, "at_least")).qualifier
    <Qualifier.AT_MOST: 'at_most'>
    >>> Figure.parse("~1,000") == Figure(1000, "about")
    True
    """

    value: int | float = attrs.field(validator=_finite, eq=_as_written)
    qualifier: Qualifier = attrs.field(
        default=Qualifier.EXACT, converter=to_qualifier, validator=member_of(Qualifier)
    )

    @classmethod
    def parse(cls, text: str) -> Self:
        """Read a figure as people write it.

        Understands thousands separators, the signs ``~ ≈ > ≥ >= < ≤ <=``, the words "about",
        "approximately", "around", "nearly", "more than", "over", "at least", "less than",
        "under", "at most", "up to", a trailing ``+`` (at least), and the scales "thousand",
        "million", "billion".

        >>> Figure.parse(">578,000")
        Figure(578000, 'more_than')
        >>> Figure.parse("about 1.3 million")
        Figure(1300000, 'about')
        >>> Figure.parse("200+")
        Figure(200, 'at_least')

        Raises:
            DataError: *text* is not a figure, or is longer than 100 characters; the message
                shows what is understood.
        """
        if not isinstance(text, str):
            raise DataError.at((), f"Figure.parse needs a string, not {type_name(text)}")
        if len(text) > LONGEST_TEXT:
            raise DataError.at(
                (),
                f"{show(text)} is too long to be a figure: "
                f"{len(text):,} characters, and at most {LONGEST_TEXT} are read",
            )
        match = _figure_regex().fullmatch(text.strip())
        if match is None or (match["prefix"] and match["plus"]):
            raise DataError.at(
                (),
                f"cannot read {show(text)} as a figure; "
                "write it like '1,000', '~1,000', '>578,000' or 'about 1.3 million'",
            )
        qualifier = (
            _PREFIXES[match["prefix"].lower()]
            if match["prefix"]
            else Qualifier.AT_LEAST
            if match["plus"]
            else Qualifier.EXACT
        )
        digits = match["number"].replace(",", "")
        if len(digits) + len(match["fraction"] or "") > 24:  # far beyond MAX_MAGNITUDE
            raise DataError.at((), f"{show(text)} is too large a figure")
        scale = _SCALES[match["scale"].lower()] if match["scale"] else 1
        value: int | float
        if match["fraction"]:
            numerator = int(digits + match["fraction"][1:]) * scale
            denominator = 10 ** (len(match["fraction"]) - 1)
            value = (
                numerator // denominator
                if numerator % denominator == 0
                else numerator / denominator
            )
        else:
            value = int(digits) * scale
        return cls(value, qualifier)

    @property
    def is_exact(self) -> bool:
        """Whether the figure is exact."""
        return self.qualifier is Qualifier.EXACT

    def __str__(self) -> str:
        return f"{self.qualifier.symbol}{self.value:,}"

    def __repr__(self) -> str:
        if self.is_exact:
            return f"Figure({self.value!r})"
        return f"Figure({self.value!r}, {self.qualifier.value!r})"

    def __add__(self, other: Figure | float) -> Figure:
        if isinstance(other, Figure):
            return Figure(self.value + other.value, self.qualifier.plus(other.qualifier))
        if is_number(other):
            return Figure(self.value + other, self.qualifier)
        return NotImplemented

    __radd__ = __add__

    def __neg__(self) -> Figure:
        return Figure(-self.value, self.qualifier.flipped())

    def __sub__(self, other: Figure | float) -> Figure:
        if isinstance(other, Figure) or is_number(other):
            return self + -other
        return NotImplemented

    def __rsub__(self, other: float) -> Figure:
        if is_number(other):
            return -self + other
        return NotImplemented

    def _repr_html_(self) -> str:
        from . import _html  # noqa: PLC0415  # only notebooks need it

        return _html.figure(self)

    def __format__(self, spec: str) -> str:
        """Format as :func:`str` does, then apply *spec* to that text: ``f"{fig:>8}"``."""
        return format(str(self), spec)


FigureLike = Figure | int | float
"""What a field that stores a :class:`Figure` accepts: a Figure, or a plain number (exact)."""

ZERO: Final = Figure(0)

_new = object.__new__
_set_value = vars(Figure)["value"].__set__
_set_qualifier = vars(Figure)["qualifier"].__set__


def trusted_figure(value: float, qualifier: Qualifier = Qualifier.EXACT) -> Figure:
    """A :class:`Figure` of parts that need no check: a finite number, and a :class:`Qualifier`.

    For code that has checked its numbers already, such as the counting rules and the loader:
    it builds the figure without running the converter and validators again. A value beyond
    :data:`MAX_MAGNITUDE` takes the checked path and is refused.
    """
    if not -MAX_MAGNITUDE <= value <= MAX_MAGNITUDE:
        return Figure(value, qualifier)
    figure: Figure = _new(Figure)
    _set_value(figure, value)
    _set_qualifier(figure, qualifier)
    return figure


def to_figure(value: FigureLike) -> Figure:
    """Converter for figure fields: a plain int or float becomes an exact :class:`Figure`.

    A number that no figure holds is left for the field's validator, which names the field.
    """
    if is_number(value) and abs(value) <= MAX_MAGNITUDE:  # type: ignore[arg-type]  # a number
        return Figure(value)  # type: ignore[arg-type]  # is_number checked it is a number
    return cast("Figure", value)


def to_optional_figure(value: FigureLike | None) -> Figure | None:
    """Like :func:`to_figure`, and ``None`` stays ``None``."""
    return None if value is None else to_figure(value)


_FIGURE_KEYS: Final = frozenset(("value", "qualifier"))


def parse_figure(data: object) -> Figure:
    """The figure whose JSON form is *data*: a number, or ``{"value": ..., "qualifier": ...}``."""
    if type(data) is int or type(data) is float:
        _check_number(data)  # at the figure: its JSON form is the bare number
        return trusted_figure(data)
    if isinstance(data, dict):
        fields = cast("dict[str, Any]", data)
        value = fields.get("value")
        written = fields.get("qualifier", "exact")
        qualifier = by_value(Qualifier).get(written) if type(written) is str else None
        if type(value) is int and qualifier is not None and fields.keys() <= _FIGURE_KEYS:
            return trusted_figure(value, qualifier)
        check_keys(fields, {"value"}, {"qualifier"})
        return Figure(fields["value"], fields.get("qualifier", Qualifier.EXACT))
    raise wrong('a number, or an object like {"value": 200, "qualifier": "about"}', data)


def _check_figure(value: object) -> None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        _check_number(value)  # a number that the converter left: its own problem
    if not isinstance(value, Figure):
        raise DataError.at(
            (), f"must be a Figure or a number, not {type_name(value)} ({show(value)})"
        )


def figure_schema(number: Mapping[str, Any]) -> dict[str, Any]:
    """The JSON Schema of a figure whose number has the schema *number*.

    A figure is written as its bare number, or as an object with its value and qualifier.
    """
    qualified = {
        "type": "object",
        "properties": {
            "value": number,
            "qualifier": {"type": "string", "enum": [q.value for q in Qualifier]},
        },
        "required": ["value"],
        "additionalProperties": False,
    }
    return {"oneOf": [number, qualified]}


_NUMBER: Final = {"type": "number", "minimum": -MAX_MAGNITUDE, "maximum": MAX_MAGNITUDE}

is_figure: Final[Rule[Figure]] = Rule(_check_figure, parse_figure, figure_schema(_NUMBER))
"""Rule: a :class:`Figure` (after conversion from a number)."""

is_optional_figure: Final = is_figure.or_none()
"""Rule: a :class:`Figure` or ``None``."""


_UPWARD: Final = {
    Qualifier.MORE_THAN: 3,
    Qualifier.AT_LEAST: 2,
    Qualifier.EXACT: 1,
    Qualifier.ABOUT: 1,
    Qualifier.AT_MOST: 0,
    Qualifier.LESS_THAN: -1,
}


def _check_strength(value: object) -> None:
    _check_figure(value)
    number = cast("Figure", value).value
    if not isinstance(number, int) or number <= 0:
        raise DataError.at((), f"must be a whole number > 0 (got {value})")


is_optional_strength: Final = Rule(
    _check_strength,
    parse_figure,
    figure_schema({"type": "integer", "minimum": 1, "maximum": MAX_MAGNITUDE}),
).or_none()
"""Rule for a planned strength or a ceiling: None, or a whole number of people > 0."""


def larger(first: Figure, second: Figure) -> Figure:
    """The figure with the larger value; it keeps its own qualifier.

    On a tie of values, the one whose qualifier says the true number may be larger wins (a
    lower bound beats exact or about, which beat an upper bound), so that max(1,000, >1,000) is
    >1,000; when the qualifiers say the same, *first* wins.
    """
    if second.value != first.value:
        return second if second.value > first.value else first
    return second if _UPWARD[second.qualifier] > _UPWARD[first.qualifier] else first
