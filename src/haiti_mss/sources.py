"""Where figures come from: :class:`Source`, :class:`Confidence` and :class:`Alternative`."""

from __future__ import annotations

import enum
import re
from datetime import date
from typing import Any, Final

import attrs

from ._checks import (
    enum_converter,
    in_field,
    is_optional_date,
    is_optional_text,
    is_str,
    is_text,
    show,
    texts,
)
from .errors import DataError
from .figures import Figure, to_figure

__all__ = ["Alternative", "Confidence", "Source"]

_ID: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:/-]*")
_URL: Final = re.compile(r"https?://\S+")


class Confidence(enum.StrEnum):
    """How far a fact can be trusted, as the public record grades it.

    High: an official text, or several independent wire services agree. Medium: one credible
    outlet, or a small disagreement. Low: a single weak or aggregator source, or sources that
    conflict.
    """

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


def _source_id(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    is_str(_, attribute, value)
    if not _ID.fullmatch(value):  # type: ignore[arg-type]  # is_str checked it
        raise DataError.at(
            attribute.name,
            f"must start with a letter or digit and hold no spaces (got {show(value)})",
        )


def _url(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    is_str(_, attribute, value)
    if not _URL.fullmatch(value):  # type: ignore[arg-type]  # is_str checked it
        raise DataError.at(attribute.name, f"must be an http or https URL (got {show(value)})")


@attrs.frozen(kw_only=True)
class Source:
    """A publication that a figure rests on, stored once under its *id*.

    Records name the ids of their sources; the mission that holds them must define every id.
    *via* names the outlet where a wire story was read, when that is not its *publisher*.

    >>> from datetime import date
    >>> un = Source(id="un-sc15432", publisher="United Nations", title="SC/15432",
    ...             url="https://press.un.org/2023/sc15432.doc.htm", published=date(2023, 10, 2))
    >>> un.published
    datetime.date(2023, 10, 2)
    """

    id: str = attrs.field(validator=_source_id)
    publisher: str = attrs.field(validator=is_text)
    title: str = attrs.field(validator=is_text)
    url: str | None = attrs.field(default=None, validator=_url)
    published: date | None = attrs.field(default=None, validator=is_optional_date)
    via: str | None = attrs.field(default=None, validator=is_optional_text)
    note: str = attrs.field(default="", validator=is_str)


@attrs.frozen(kw_only=True)
class Alternative:
    """A value that another source reported for the same fact.

    A record counts with its own value; its alternatives are kept beside it so that a
    disagreement between sources is never lost ("200 per AP, 400 per the Kenyan government").

    >>> Alternative(value=400, sources=["kenya-govt"], note="early government reports")
    Alternative(value=Figure(400), sources=('kenya-govt',), note='early government reports')
    """

    value: Figure = attrs.field(converter=in_field("value", to_figure))
    sources: tuple[str, ...] = attrs.field(default=(), converter=in_field("sources", texts))
    note: str = attrs.field(default="", validator=is_str)


def to_confidence(value: Confidence | str | None) -> Confidence | None:
    """Converter for optional confidence fields."""
    return None if value is None else _confidence(value)


_confidence = in_field("confidence", enum_converter(Confidence))
