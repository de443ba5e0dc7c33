"""Where figures come from: :class:`Source`, :class:`Confidence` and :class:`Alternative`."""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from datetime import date
from typing import Final

import attrs

from ._checks import (
    are_texts,
    as_tuple,
    is_optional_date,
    is_optional_text,
    is_str,
    is_text,
    matches,
    member,
    to_texts,
    tuple_of,
)
from .figures import Figure, is_figure, to_figure

__all__ = ["Alternative", "Confidence", "Source"]

_ID: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:/-]*")
_URL: Final = re.compile(r"https?://[^\s<>\"]+")


class Confidence(enum.StrEnum):
    """How far a fact can be trusted, as the public record grades it.

    High: an official text, or several independent wire services agree. Medium: one credible
    outlet, or a small disagreement. Low: a single weak or aggregator source, or sources that
    conflict.
    """

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


@attrs.frozen(kw_only=True)
class Source:
    """A publication that a figure rests on, stored once under its *id*.

    Records name the ids of their sources; the mission that holds them must define every id.
    *title*, *url* and *published* are optional because the record does not always give them:
    leave out what is not known rather than reconstruct it. *via* names the outlet where a wire
    story was read, when that is not its *publisher*.

    >>> from datetime import date
    >>> un = Source(
    ...     id="un-sc15432",
    ...     publisher="United Nations",
    ...     title="SC/15432",
    ...     url="https://press.un.org/2023/sc15432.doc.htm",
    ...     published=date(2023, 10, 2),
    ... )
    >>> un.published
    datetime.date(2023, 10, 2)
    """

    id: str = attrs.field(
        validator=matches(
            _ID, "a source id: letters, digits and . _ : / - only, starting with a letter or digit"
        )
    )
    publisher: str = attrs.field(validator=is_text)
    title: str | None = attrs.field(default=None, validator=is_optional_text)
    url: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(matches(_URL, "an http or https URL"))
    )
    published: date | None = attrs.field(default=None, validator=is_optional_date)
    via: str | None = attrs.field(default=None, validator=is_optional_text)
    note: str = attrs.field(default="", validator=is_str)

    def _repr_html_(self) -> str:
        from . import _html  # noqa: PLC0415  # only notebooks need it

        link = (
            f'<a href="{_html.text(self.url)}" rel="noopener noreferrer">{_html.text(self.url)}</a>'
            if self.url
            else ""
        )
        rows = [
            ("publisher", _html.text(self.publisher)),
            ("via", _html.text(self.via or "")),
            ("title", _html.text(self.title or "")),
            ("published", _html.text(self.published or "")),
            ("address", link),
            ("note", _html.text(self.note)),
        ]
        return _html.pairs(((k, v) for k, v in rows if v), caption=_html.text(self.id))


@attrs.frozen(kw_only=True)
class Alternative:
    """A value that another source reported for the same fact.

    A record counts with its own value; its alternatives are kept beside it so that a
    disagreement between sources is never lost ("200 per AP, 400 per the Kenyan government").

    >>> Alternative(value=400, sources=["kenya-govt"], note="early government reports")
    Alternative(value=Figure(400), sources=('kenya-govt',), note='early government reports')
    """

    value: Figure = attrs.field(converter=to_figure, validator=is_figure)
    sources: tuple[str, ...] = attrs.field(default=(), converter=to_texts, validator=are_texts)
    note: str = attrs.field(default="", validator=is_str)


def to_confidence(value: Confidence | str | None) -> Confidence | None:
    """Converter for optional confidence fields: a :class:`Confidence`, its value, or ``None``."""
    return None if value is None else member(Confidence, value)


def to_alternatives(value: Iterable[Alternative]) -> tuple[Alternative, ...]:
    """Converter for alternatives: a list becomes a tuple."""
    return as_tuple(value)


are_alternatives = tuple_of(Alternative)
