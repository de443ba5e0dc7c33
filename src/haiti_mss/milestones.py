"""Dated events around a mission: :class:`Milestone` and its :class:`MilestoneKind`."""

from __future__ import annotations

import enum
from datetime import date

import attrs

from ._checks import (
    are_texts,
    is_date,
    is_str,
    is_text,
    member,
    member_of,
    optional_member_of,
    to_texts,
)
from .countries import Country, are_countries, to_countries
from .sources import Confidence, to_confidence

__all__ = ["Milestone", "MilestoneKind"]


class MilestoneKind(enum.StrEnum):
    """What sort of event a milestone is."""

    VISIT = "visit"
    RULING = "ruling"
    AGREEMENT = "agreement"
    RESOLUTION = "resolution"
    DEPLOYMENT = "deployment"
    FATALITY = "fatality"
    TRANSITION = "transition"
    POLITICAL = "political"
    OTHER = "other"


def to_milestone_kind(value: MilestoneKind | str) -> MilestoneKind:
    """Converter: a :class:`MilestoneKind` or its value."""
    return member(MilestoneKind, value)


@attrs.frozen(kw_only=True)
class Milestone:
    """A dated event: a visit, a court ruling, a resolution, a transition.

    >>> Milestone(
    ...     on=date(2024, 9, 21),
    ...     kind="visit",
    ...     title="President Ruto visits Port-au-Prince",
    ...     countries=["Kenya"],
    ... ).countries
    (Country(code='KEN'),)
    """

    on: date = attrs.field(validator=is_date)
    title: str = attrs.field(validator=is_text)
    kind: MilestoneKind = attrs.field(
        default=MilestoneKind.OTHER, converter=to_milestone_kind, validator=member_of(MilestoneKind)
    )
    countries: tuple[Country, ...] = attrs.field(
        default=(), converter=to_countries, validator=are_countries
    )
    sources: tuple[str, ...] = attrs.field(default=(), converter=to_texts, validator=are_texts)
    confidence: Confidence | None = attrs.field(
        default=None, converter=to_confidence, validator=optional_member_of(Confidence)
    )
    note: str = attrs.field(default="", validator=is_str)
