"""Observations of the quantities cited around a mission: :class:`Indicator`."""

from __future__ import annotations

from datetime import date

import attrs

from ._checks import (
    are_texts,
    is_date,
    is_optional_date,
    is_str,
    is_text,
    optional_member_of,
    to_texts,
)
from .errors import DataError
from .figures import Figure, is_figure, to_figure
from .sources import Alternative, Confidence, are_alternatives, to_alternatives, to_confidence

__all__ = ["Indicator"]


@attrs.frozen(kw_only=True)
class Indicator:
    """One observation of a named quantity, such as displacement or killings.

    *as_of* is the last day the data describes, *period_start* its first day when the figure
    covers a period (a quarter, a survey round), and *published* the day it was made public:
    IOM's 578,074 displaced people describe 24 April to 31 May 2024 and were published in June.

    >>> idps = Indicator(
    ...     name="internally displaced persons",
    ...     value=578_074,
    ...     unit="people",
    ...     period_start=date(2024, 4, 24),
    ...     as_of=date(2024, 5, 31),
    ...     published=date(2024, 6, 20),
    ... )
    >>> print(idps)  # doctest: +NORMALIZE_WHITESPACE
    internally displaced persons: 578,074 people
    (data 2024-04-24 to 2024-05-31, published 2024-06-20)
    """

    name: str = attrs.field(validator=is_text)
    value: Figure = attrs.field(converter=to_figure, validator=is_figure)
    as_of: date = attrs.field(validator=is_date)
    unit: str = attrs.field(default="", validator=is_str)
    period_start: date | None = attrs.field(default=None, validator=is_optional_date)
    published: date | None = attrs.field(default=None, validator=is_optional_date)
    area: str = attrs.field(default="Haiti", validator=is_text)
    alternatives: tuple[Alternative, ...] = attrs.field(
        default=(), converter=to_alternatives, validator=are_alternatives
    )
    sources: tuple[str, ...] = attrs.field(default=(), converter=to_texts, validator=are_texts)
    confidence: Confidence | None = attrs.field(
        default=None, converter=to_confidence, validator=optional_member_of(Confidence)
    )
    note: str = attrs.field(default="", validator=is_str)

    def __attrs_post_init__(self) -> None:
        if self.period_start is not None and self.period_start > self.as_of:
            raise DataError.at(
                "period_start",
                f"{self.period_start.isoformat()} is after as_of {self.as_of.isoformat()}",
            )
        if self.published is not None and self.published < self.as_of:
            raise DataError.at(
                "published",
                f"{self.published.isoformat()} is before the data's as_of {self.as_of.isoformat()}",
            )

    @property
    def on(self) -> date:
        """The day the indicator is counted under in a timeline, the last day its data describe."""
        return self.as_of

    def _repr_html_(self) -> str:
        from . import _html  # noqa: PLC0415  # only notebooks need it

        period = f"{self.period_start} to {self.as_of}" if self.period_start else f"{self.as_of}"
        rows = [
            ("value", _html.figure(self.value) + _html.text(f" {self.unit}" if self.unit else "")),
            ("data", _html.text(period)),
            ("published", _html.text(self.published or "")),
            ("area", _html.text(self.area)),
            ("other values", _html.text(", ".join(str(a.value) for a in self.alternatives))),
            ("sources", _html.cited(self.sources)),
            ("confidence", _html.text(self.confidence or "")),
            ("note", _html.text(self.note)),
        ]
        return _html.pairs(((k, v) for k, v in rows if v), caption=_html.text(self.name))

    def __str__(self) -> str:
        period = (
            f"data {self.period_start.isoformat()} to {self.as_of.isoformat()}"
            if self.period_start
            else f"as of {self.as_of.isoformat()}"
        )
        published = f", published {self.published.isoformat()}" if self.published else ""
        unit = f" {self.unit}" if self.unit and self.unit != "%" else self.unit
        return f"{self.name}: {self.value}{unit} ({period}{published})"
