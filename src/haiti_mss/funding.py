"""Money for a mission: :class:`Contribution` and its :class:`ContributionStatus`."""

from __future__ import annotations

import enum
import functools
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from types import MappingProxyType
from typing import Any, Final

import attrs

from ._checks import (
    Rule,
    are_texts,
    is_date,
    is_money,
    is_str,
    member,
    member_of,
    optional_member_of,
    parse_str,
    show,
    to_decimal,
    to_texts,
    type_name,
)
from .countries import Country, is_country, to_optional_country
from .errors import DataError
from .figures import Qualifier, to_qualifier
from .sources import Confidence, to_confidence

__all__ = ["Contribution", "ContributionStatus"]


class ContributionStatus(enum.StrEnum):
    """Where a contribution stands: promised, committed, paid in, spent, or held back."""

    PLEDGED = "pledged"
    """Promised, and no more."""
    COMMITTED = "committed"
    """Set aside for the mission by the donor, paid in or not."""
    DEPOSITED = "deposited"
    """Paid into the mission's trust fund, or received."""
    SPENT = "spent"
    """Paid in and spent."""
    FROZEN = "frozen"
    """Committed but held back, under a freeze or a stop-work order."""


def _known_currency(code: str) -> bool:
    """Whether *code* is an ISO 4217 currency code; only three characters are looked up."""
    return len(code) == 3 and _cached_currency(code)


@functools.cache  # at most the strings of three characters: codes
def _cached_currency(code: str) -> bool:
    import pycountry  # noqa: PLC0415  # loaded when first needed

    currencies: Any = pycountry.currencies  # pycountry ships no type information
    record = currencies.get(alpha_3=code)
    return record is not None and record.alpha_3 == code  # pycountry ignores case


_NOT_CURRENCIES: Final[Mapping[str, str]] = MappingProxyType(
    {"XTS": "testing", "XXX": "no currency"}
)
"""The ISO 4217 codes that name no currency, and what they are for: no money is in them."""


def _check_currency(value: object) -> None:
    if not isinstance(value, str):
        raise DataError.at((), f"must be a string, not {type_name(value)} ({show(value)})")
    if not _known_currency(value):
        raise DataError.at((), f"{show(value)} is not an ISO 4217 currency code")
    if value in _NOT_CURRENCIES:
        raise DataError.at(
            (),
            f"{show(value)} is not a currency: it is ISO 4217's code for {_NOT_CURRENCIES[value]}",
        )


_currency: Final[Rule[str]] = Rule(
    _check_currency,
    parse_str,
    {"type": "string", "pattern": "^[A-Z]{3}$", "not": {"enum": sorted(_NOT_CURRENCIES)}},
)
"""Rule: an ISO 4217 currency code, in capitals, of a currency (not XTS or XXX)."""


def to_contribution_status(value: ContributionStatus | str) -> ContributionStatus:
    """Converter: a :class:`ContributionStatus` or its value."""
    return member(ContributionStatus, value)


@attrs.frozen(kw_only=True)
class Contribution:
    """Money for a mission from one donor, or from several when *donor* is ``None``.

    *amount* is exact decimal money in *currency* (ISO 4217, and a currency: not XTS or XXX); it
    takes a :class:`~decimal.Decimal`, an int or a decimal string as a data file writes it
    (``"1500000.00"``: no sign, exponent, space or separator), never a float, and has at most 30
    digits before its point and 6 after it. *qualifier* says how the source gave the amount
    ("over $300 million" is ``more_than``).

    >>> c = Contribution(
    ...     on=date(2024, 3, 11),
    ...     donor="USA",
    ...     amount="300000000",
    ...     currency="USD",
    ...     status="pledged",
    ...     qualifier="more_than",
    ... )
    >>> str(c)
    'USA pledged >300,000,000 USD on 2024-03-11'
    """

    on: date = attrs.field(validator=is_date)
    donor: Country | None = attrs.field(
        converter=to_optional_country, validator=attrs.validators.optional(is_country)
    )
    amount: Decimal = attrs.field(converter=to_decimal, validator=is_money)
    currency: str = attrs.field(validator=_currency)
    status: ContributionStatus = attrs.field(
        converter=to_contribution_status, validator=member_of(ContributionStatus)
    )
    qualifier: Qualifier = attrs.field(
        default=Qualifier.EXACT, converter=to_qualifier, validator=member_of(Qualifier)
    )
    purpose: str = attrs.field(default="", validator=is_str)
    sources: tuple[str, ...] = attrs.field(default=(), converter=to_texts, validator=are_texts)
    confidence: Confidence | None = attrs.field(
        default=None, converter=to_confidence, validator=optional_member_of(Confidence)
    )
    note: str = attrs.field(default="", validator=is_str)

    def __str__(self) -> str:
        donor = self.donor.code if self.donor else "Several donors"
        return (
            f"{donor} {self.status} {self.qualifier.symbol}{self.amount:,f} {self.currency} "
            f"on {self.on.isoformat()}"
        )
