"""The haiti_mss data model written again in pydantic v2 and in msgspec, for the benchmarks.

Both read and write the same JSON as haiti_mss, with the same fields, defaults and checks: head
counts are whole numbers >= 0, figures are a bare number or ``{"value", "qualifier"}``, records
are a union tagged by ``"kind"``, dates are ISO 8601 ``YYYY-MM-DD``, countries ISO 3166-1
alpha-3 codes (from pycountry, as haiti_mss checks them), enums by value, unknown keys refused.

What haiti_mss checks beyond this, and the peers do not: that a history never makes a strength
negative and holds at most one pledge and one strength report a day, that every cited source id
is defined, that contingents and source ids are not duplicated, and that source ids and texts are
well formed.
"""

from __future__ import annotations

import enum
from datetime import date
from typing import Annotated, Literal

import msgspec
import pycountry
import pydantic

ALPHA3 = frozenset(country.alpha_3 for country in pycountry.countries)


class Qualifier(enum.Enum):
    """How a figure relates to the true number."""

    EXACT = "exact"
    ABOUT = "about"
    AT_LEAST = "at_least"
    MORE_THAN = "more_than"
    AT_MOST = "at_most"
    LESS_THAN = "less_than"


class PersonnelType(enum.Enum):
    """Police, military or civilian."""

    POLICE = "police"
    MILITARY = "military"
    CIVILIAN = "civilian"


class Confidence(enum.Enum):
    """How sure the sources are."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Reason(enum.Enum):
    """Why personnel left."""

    ROTATION = "rotation"
    WITHDRAWAL = "withdrawal"
    FATALITY = "fatality"
    OTHER = "other"


# -- pydantic v2 ---------------------------------------------------------------------------------


def _alpha3(code: str) -> str:
    if code not in ALPHA3:
        msg = f"{code!r} is not an ISO 3166-1 alpha-3 country code"
        raise ValueError(msg)
    return code


Alpha3 = Annotated[str, pydantic.AfterValidator(_alpha3)]
Count = Annotated[int, pydantic.Field(ge=0, strict=True)]
_STRICT = pydantic.ConfigDict(extra="forbid", strict=True, frozen=True)


class PFigure(pydantic.BaseModel):
    """A qualified figure."""

    model_config = _STRICT
    value: Count
    qualifier: Qualifier = Qualifier.EXACT


PHeadCount = Count | PFigure


class PAlternative(pydantic.BaseModel):
    """Another source's value."""

    model_config = _STRICT
    value: PHeadCount
    sources: tuple[str, ...] = ()
    note: str = ""


class _PRecord(pydantic.BaseModel):
    model_config = _STRICT
    on: date
    sources: tuple[str, ...] = ()
    alternatives: tuple[PAlternative, ...] = ()
    confidence: Confidence | None = None
    note: str = ""


class PPledge(_PRecord):
    """A pledge of a total strength."""

    kind: Literal["pledge"]
    total: PHeadCount
    increment: PHeadCount | None = None


class PArrival(_PRecord):
    """Personnel arrive."""

    kind: Literal["arrival"]
    personnel: PHeadCount


class PDeparture(_PRecord):
    """Personnel leave."""

    kind: Literal["departure"]
    personnel: PHeadCount
    reason: Reason


class PStrengthReport(_PRecord):
    """The strength on a day."""

    kind: Literal["strength_report"]
    personnel: PHeadCount


PRecord = Annotated[
    PPledge | PArrival | PDeparture | PStrengthReport, pydantic.Field(discriminator="kind")
]


class PContingent(pydantic.BaseModel):
    """One country's personnel of one type."""

    model_config = _STRICT
    country: Alpha3
    personnel_type: PersonnelType
    history: tuple[PRecord, ...] = ()
    description: str = ""


class PSource(pydantic.BaseModel):
    """A source, in the table of sources."""

    model_config = _STRICT
    publisher: str
    title: str | None = None
    url: str | None = None
    published: date | None = None
    via: str | None = None
    note: str = ""


class PMission(pydantic.BaseModel):
    """A mission, with the fields the synthetic missions use."""

    model_config = _STRICT
    name: str
    acronym: str
    host: Alpha3
    lead: Alpha3
    planned_strength: PHeadCount | None = None
    planned_strength_sources: tuple[str, ...] = ()
    contingents: tuple[PContingent, ...] = ()
    successor: str | None = None
    current_through: date | None = None
    note: str = ""


class PDataset(pydantic.BaseModel):
    """A data file."""

    model_config = _STRICT
    schema_: Literal["haiti-mss/1"] = pydantic.Field(alias="schema")
    sources: dict[str, PSource]
    missions: tuple[PMission, ...]


def pydantic_load(data: bytes) -> PDataset:
    """JSON bytes to validated pydantic models."""
    return PDataset.model_validate_json(data)


def pydantic_dump(dataset: PDataset) -> bytes:
    """Pydantic models to JSON bytes, defaults left out as haiti_mss leaves them out."""
    return dataset.model_dump_json(by_alias=True, exclude_defaults=True).encode()


# -- msgspec -------------------------------------------------------------------------------------


class _Alpha3Error(ValueError):
    pass


MCount = Annotated[int, msgspec.Meta(ge=0)]


class MFigure(msgspec.Struct, frozen=True, forbid_unknown_fields=True, omit_defaults=True):
    """A qualified figure."""

    value: MCount
    qualifier: Qualifier = Qualifier.EXACT


MHeadCount = MCount | MFigure


class MAlternative(msgspec.Struct, frozen=True, forbid_unknown_fields=True, omit_defaults=True):
    """Another source's value."""

    value: MHeadCount
    sources: tuple[str, ...] = ()
    note: str = ""


class _MRecord(
    msgspec.Struct,
    frozen=True,
    forbid_unknown_fields=True,
    omit_defaults=True,
    tag_field="kind",
    kw_only=True,
):
    on: date
    sources: tuple[str, ...] = ()
    alternatives: tuple[MAlternative, ...] = ()
    confidence: Confidence | None = None
    note: str = ""


class MPledge(_MRecord, tag="pledge"):
    """A pledge of a total strength."""

    total: MHeadCount
    increment: MHeadCount | None = None


class MArrival(_MRecord, tag="arrival"):
    """Personnel arrive."""

    personnel: MHeadCount


class MDeparture(_MRecord, tag="departure"):
    """Personnel leave."""

    personnel: MHeadCount
    reason: Reason


class MStrengthReport(_MRecord, tag="strength_report"):
    """The strength on a day."""

    personnel: MHeadCount


class MContingent(msgspec.Struct, frozen=True, forbid_unknown_fields=True, omit_defaults=True):
    """One country's personnel of one type."""

    country: str
    personnel_type: PersonnelType
    history: tuple[MPledge | MArrival | MDeparture | MStrengthReport, ...] = ()
    description: str = ""

    def __post_init__(self) -> None:
        _check_alpha3(self.country)


def _check_alpha3(code: str) -> None:
    if code not in ALPHA3:
        msg = f"{code!r} is not an ISO 3166-1 alpha-3 country code"
        raise _Alpha3Error(msg)


class MSource(msgspec.Struct, frozen=True, forbid_unknown_fields=True, omit_defaults=True):
    """A source, in the table of sources."""

    publisher: str
    title: str | None = None
    url: str | None = None
    published: date | None = None
    via: str | None = None
    note: str = ""


class MMission(msgspec.Struct, frozen=True, forbid_unknown_fields=True, omit_defaults=True):
    """A mission, with the fields the synthetic missions use."""

    name: str
    acronym: str
    host: str
    lead: str
    planned_strength: MHeadCount | None = None
    planned_strength_sources: tuple[str, ...] = ()
    contingents: tuple[MContingent, ...] = ()
    successor: str | None = None
    current_through: date | None = None
    note: str = ""

    def __post_init__(self) -> None:
        _check_alpha3(self.host)
        _check_alpha3(self.lead)


class MDataset(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A data file."""

    schema: Literal["haiti-mss/1"]
    sources: dict[str, MSource]
    missions: tuple[MMission, ...]


_DECODER = msgspec.json.Decoder(MDataset)
_ENCODER = msgspec.json.Encoder()


def msgspec_load(data: bytes) -> MDataset:
    """JSON bytes to validated msgspec Structs."""
    return _DECODER.decode(data)


def msgspec_dump(dataset: MDataset) -> bytes:
    """Encode msgspec Structs as JSON bytes."""
    return _ENCODER.encode(dataset)
