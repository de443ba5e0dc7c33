"""Money for a mission: :class:`Contribution` and its :class:`ContributionStatus`."""

from __future__ import annotations

import enum
import functools
from datetime import date
from decimal import Decimal
from typing import Any

import attrs

from ._checks import enum_converter, in_field, is_date, is_str, show, texts, to_decimal, type_name
from .countries import Country, to_country
from .errors import DataError
from .figures import Qualifier
from .sources import Confidence, to_confidence

__all__ = ["Contribution", "ContributionStatus"]


class ContributionStatus(enum.StrEnum):
    """Where a contribution stands: promised, paid in, or held back."""

    PLEDGED = "pledged"
    DEPOSITED = "deposited"
    FROZEN = "frozen"


@functools.cache
def _known_currency(code: str) -> bool:
    import pycountry  # noqa: PLC0415  # loaded when first needed

    return pycountry.currencies.get(alpha_3=code) is not None


def _currency(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str):
        raise DataError.at(attribute.name, f"must be a string, not {type_name(value)} ({show(value)})")
    if not _known_currency(value):
        raise DataError.at(attribute.name, f"{show(value)} is not an ISO 4217 currency code")


def _non_negative(_: object, attribute: attrs.Attribute[Any], value: Decimal) -> None:
    if value < 0:
        raise DataError.at(attribute.name, f"must be >= 0 (got {value})")


def _optional_country(value: Country | str | None) -> Country | None:
    return None if value is None else to_country(value)


@attrs.frozen(kw_only=True)
class Contribution:
    """Money for a mission from one donor, or from several when *donor* is ``None``.

    *amount* is exact decimal money in *currency* (ISO 4217); it takes a
    :class:`~decimal.Decimal`, an int or a decimal string, never a float. *qualifier* says how the
    source gave the amount ("over $300 million" is ``more_than``).

    >>> c = Contribution(on=date(2024, 3, 11), donor="USA", amount="300000000", currency="USD",
    ...                  status="pledged", qualifier="more_than")
    >>> str(c)
    'USA pledged >300,000,000 USD on 2024-03-11'
    """

    on: date = attrs.field(validator=is_date)
    donor: Country | None = attrs.field(converter=in_field("donor", _optional_country))
    amount: Decimal = attrs.field(converter=in_field("amount", to_decimal), validator=_non_negative)
    currency: str = attrs.field(validator=_currency)
    status: ContributionStatus = attrs.field(
        converter=in_field("status", enum_converter(ContributionStatus))
    )
    qualifier: Qualifier = attrs.field(
        default=Qualifier.EXACT, converter=in_field("qualifier", enum_converter(Qualifier))
    )
    purpose: str = attrs.field(default="", validator=is_str)
    sources: tuple[str, ...] = attrs.field(default=(), converter=in_field("sources", texts))
    confidence: Confidence | None = attrs.field(default=None, converter=to_confidence)
    note: str = attrs.field(default="", validator=is_str)

    def __str__(self) -> str:
        donor = self.donor.code if self.donor else "Several donors"
        return (
            f"{donor} {self.status} {self.qualifier.symbol}{self.amount:,} {self.currency} "
            f"on {self.on.isoformat()}"
        )
