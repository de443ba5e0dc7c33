"""Countries, as ISO 3166-1 alpha-3 codes checked against :mod:`pycountry`."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any, Final, Self, cast

import attrs

from ._checks import Rule, as_tuple, is_str, items_of, parse_list, show, type_name, wrong
from .errors import DataError

__all__ = ["Country", "CountryLike"]


def _name_of(code: str) -> str | None:
    """The name of the country whose alpha-3 code is *code*, or None.

    Only a string of three characters is looked up, so that the cache holds codes, not
    whatever a refused document held.
    """
    return _cached_name_of(code) if len(code) == 3 else None


@functools.cache  # at most the strings of three characters: codes
def _cached_name_of(code: str) -> str | None:
    import pycountry  # noqa: PLC0415  # pycountry loads its database lazily; so do we

    countries: Any = pycountry.countries  # pycountry ships no type information
    record = countries.get(alpha_3=code)
    # pycountry's lookup ignores case; a code is only valid as ISO writes it, in capitals.
    return None if record is None or record.alpha_3 != code else str(record.name)


def is_alpha3(code: str) -> bool:
    """Whether *code* is an ISO 3166-1 alpha-3 country code."""
    return _name_of(code) is not None


_LONGEST_NAME: Final = 100
"""Longer than any country's name in ISO 3166 (the longest has 52 characters)."""


def _code_for(text: str) -> str | None:
    """The alpha-3 code of the country *text* names (a code or a name), or None."""
    return _cached_code_for(text) if len(text) <= _LONGEST_NAME else None


@functools.lru_cache(maxsize=1024)  # strings of at most _LONGEST_NAME characters
def _cached_code_for(text: str) -> str | None:
    import pycountry  # noqa: PLC0415

    if not text:
        return None
    try:
        countries: Any = pycountry.countries
        return str(countries.lookup(text).alpha_3)
    except LookupError:
        return None


def _alpha3(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    is_str(_, attribute, value)  # exactly: a subclass may hash or compare otherwise
    if _name_of(cast("str", value)) is None:
        raise DataError.at(
            attribute.name, f"{show(value)} is not an ISO 3166-1 alpha-3 country code"
        )


@attrs.frozen(kw_only=True, repr=False)
class Country:
    """A country, by its ISO 3166-1 alpha-3 code.

    Fields that hold a country also take its code or its name, so a notebook user may write
    ``"KEN"`` or ``"Kenya"``:

    >>> Country.of("Kenya")
    Country(code='KEN')
    >>> Country(code="JAM").name
    'Jamaica'
    >>> str(Country(code="BHS"))
    'Bahamas (BHS)'
    """

    code: str = attrs.field(validator=_alpha3)

    @classmethod
    def of(cls, value: CountryLike) -> Self:
        """The country that *value* names: a Country, an alpha-3 or alpha-2 code, or a name.

        Raises:
            DataError: no country has that code or name.
        """
        if isinstance(value, cls):
            return value
        code = _code_for(value.strip()) if isinstance(value, str) else None
        if code is None:
            raise DataError.at((), _unreadable(value))
        return cls(code=code)

    @property
    def name(self) -> str:
        """The country's short name in ISO 3166, e.g. ``'Kenya'``."""
        return _name_of(self.code) or self.code

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def __repr__(self) -> str:
        return f"Country(code={self.code!r})"


def _unreadable(value: object) -> str:
    """Why *value* could not be read as a country."""
    if isinstance(value, str):
        return f"{show(value)} is not a known country code or name"
    return f"must be a country code or name, not {type_name(value)} ({show(value)})"


CountryLike = Country | str
"""What a country field accepts: a :class:`Country`, a code ("KEN", "KE") or a name ("Kenya")."""


def to_country(value: CountryLike) -> Country:
    """Converter for country fields: a code or a name becomes a :class:`Country`.

    What it cannot read is left for :func:`is_country` to report with the field's name.
    """
    if isinstance(value, str):
        code = _code_for(value.strip())
        if code is not None:
            return Country(code=code)
    return cast("Country", value)


def _check_country(value: object) -> None:
    if not isinstance(value, Country):
        raise DataError.at((), _unreadable(value))


def parse_country(data: object) -> Country:
    """The country whose JSON form is *data*: an ISO 3166-1 alpha-3 code, in capitals."""
    if not isinstance(data, str):
        raise wrong("an ISO 3166-1 alpha-3 country code", data)
    if not is_alpha3(data):
        raise DataError.at((), f"{show(data)} is not an ISO 3166-1 alpha-3 country code")
    return Country(code=data)


is_country: Final[Rule[Country]] = Rule(
    _check_country, parse_country, {"type": "string", "pattern": "^[A-Z]{3}$"}
)
"""Rule: a :class:`Country`; in JSON, its alpha-3 code."""


def to_optional_country(value: CountryLike | None) -> Country | None:
    """Like :func:`to_country`, and ``None`` stays ``None``."""
    return None if value is None else to_country(value)


def to_countries(value: Iterable[CountryLike]) -> tuple[Country, ...]:
    """Converter for fields that hold several countries: each item as :func:`to_country`."""
    items: object = as_tuple(value)
    if isinstance(items, tuple):
        return tuple(to_country(item) for item in items)
    return cast("tuple[Country, ...]", items)


def _check_countries(value: object) -> None:
    for i, item in enumerate(items_of(value, (), "countries")):
        if not isinstance(item, Country):
            raise DataError.at(i, _unreadable(item))


def _parse_countries(data: object) -> tuple[Country, ...]:
    items = parse_list(data)
    countries: list[Country] = []
    for i, item in enumerate(items):
        try:
            countries.append(parse_country(item))
        except DataError as error:
            raise error.within(i) from None
    return tuple(countries)


are_countries: Final[Rule[tuple[Country, ...]]] = Rule(
    _check_countries, _parse_countries, {"type": "array", "items": is_country.schema}
)
"""Rule for fields that hold several countries."""
