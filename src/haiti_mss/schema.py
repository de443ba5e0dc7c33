"""The JSON Schema (draft 2020-12) of a haiti_mss data file, generated from the model.

Each field's schema is its rule's (a rule, ``haiti_mss._checks.Rule``, carries the JSON Schema of
the values it admits, as far as a schema can state it), or else that of its type, as the
converter writes it; each model class is an object with exactly its fields, those without a
default required. A tool in another language can check a file's structure with it:

>>> from haiti_mss.schema import data_file_schema
>>> schema = data_file_schema()
>>> schema["$schema"], schema["properties"]["schema"]
('https://json-schema.org/draft/2020-12/schema', {'const': 'haiti-mss/1'})
>>> sorted(schema["$defs"])[:4]
['Alternative', 'Arrival', 'Contingent', 'Contribution']

What a schema cannot state, the loader checks besides (``docs/serialization.md`` lists it):
that a history never makes a strength negative, that every source id cited is defined, that
dates and codes name real days, countries and currencies, and the checks across fields.
The schema describes the current version of the file, :data:`haiti_mss.serialization.SCHEMA`;
the loader also reads older versions, which it migrates.

The package ships the schema as ``haiti_mss/data/haiti-mss.schema.json``
(:func:`shipped_schema`); ``python docs/make_schema.py`` writes it again after a change to the
model, and a test checks that it is what this module generates.
"""

from __future__ import annotations

import enum
import json
from datetime import date
from decimal import Decimal
from importlib import resources
from types import NoneType, UnionType
from typing import Any, Final, Union, get_args, get_origin, get_type_hints

import attrs

from ._checks import Rule, is_date, is_money, member_of
from .contingents import RECORD_TYPES, Record
from .countries import Country, is_country
from .figures import Figure, is_figure
from .mandates import LONGEST_DURATION, Duration, MandateTimeline
from .missions import Mission
from .serialization import SCHEMA
from .sources import Source

__all__ = ["data_file_schema", "shipped_schema"]

_DRAFT: Final = "https://json-schema.org/draft/2020-12/schema"
_FILE: Final = "haiti-mss.schema.json"


def data_file_schema() -> dict[str, Any]:
    """The JSON Schema of a data file, as :func:`haiti_mss.dump` writes it."""
    builder = _Builder()
    source = builder.object_of(Source, leave_out={"id"})
    mission = builder.object_of(Mission, leave_out={"sources"})
    return {
        "$schema": _DRAFT,
        "title": "haiti_mss data file",
        "description": (
            "A dataset of the Multinational Security Support Mission in Haiti and its "
            "successor: missions with their contingents, histories and mandates, and the "
            "sources their figures cite."
        ),
        "type": "object",
        "properties": {
            "schema": {"const": SCHEMA},
            "sources": {
                "type": "object",
                "propertyNames": _field_rule(Source, "id").schema,
                "additionalProperties": source,
            },
            "missions": {"type": "array", "items": mission},
        },
        "required": ["schema", "sources", "missions"],
        "additionalProperties": False,
        "$defs": builder.definitions,
    }


def shipped_schema() -> dict[str, Any]:
    """The schema as the package ships it, in ``haiti_mss/data/haiti-mss.schema.json``."""
    text = resources.files("haiti_mss.data").joinpath(_FILE).read_text(encoding="utf-8")
    shipped: dict[str, Any] = json.loads(text)
    return shipped


def _field_rule(cls: type, name: str) -> Rule[Any]:
    rule: object = attrs.fields_dict(cls)[name].validator
    if not isinstance(rule, Rule):  # pragma: no cover  # the model's ids have rules
        raise TypeError(f"{cls.__name__}.{name} has no rule")
    return rule  # pyright: ignore[reportUnknownVariableType]  # a Rule of any value


class _Builder:
    """Builds the schemas of the model's classes, each once, as definitions referred to."""

    def __init__(self) -> None:
        self.definitions: dict[str, Any] = {}

    def object_of(
        self, cls: type, leave_out: set[str] | frozenset[str] = frozenset()
    ) -> dict[str, str]:
        """A reference to the schema of attrs class *cls*, its fields *leave_out* left out."""
        name = cls.__name__
        if name not in self.definitions:
            self.definitions[name] = {}  # a class that holds itself refers to its own name
            hints = get_type_hints(cls)
            fields = [f for f in attrs.fields(cls) if f.init and f.name not in leave_out]
            schema: dict[str, Any] = {"type": "object"}
            if cls.__doc__:
                schema["description"] = cls.__doc__.strip().split("\n\n", 1)[0].replace("\n", " ")
            properties = {f.alias: self._field(f, hints[f.name]) for f in fields}
            required = [f.alias for f in fields if f.default is attrs.NOTHING]
            if issubclass(cls, Record):  # a record names its kind first: see _record
                properties = {"kind": {"const": cls.kind}, **properties}
                required = ["kind", *required]
            schema["properties"] = properties
            schema["required"] = required
            schema["additionalProperties"] = False
            self.definitions[name] = schema
        return {"$ref": f"#/$defs/{name}"}

    def _field(self, field: attrs.Attribute[Any], hint: Any) -> Any:  # noqa: ANN401
        """The schema of a field: its rule's, or its type's."""
        validator = field.validator
        nullable = False
        if type(validator).__name__ == "_OptionalValidator":  # attrs.validators.optional(...)
            validator = validator.validator  # type: ignore[union-attr]
            nullable = True
        schema = validator.schema if isinstance(validator, Rule) else self._type(hint)
        return {"anyOf": [schema, {"type": "null"}]} if nullable else schema

    def _type(self, hint: Any) -> Any:  # noqa: ANN401, PLR0911  # a type form; one case each
        """The schema of a value of type *hint*, as the converter writes it."""
        args = get_args(hint)
        if get_origin(hint) in {Union, UnionType}:
            values = [self._type(arg) for arg in args if arg is not NoneType]
            kinds = values[0] if len(values) == 1 else {"anyOf": values}
            return {"anyOf": [kinds, {"type": "null"}]} if NoneType in args else kinds
        if get_origin(hint) is tuple and len(args) == 2 and args[1] is Ellipsis:
            return {"type": "array", "items": self._type(args[0])}
        if hint is Record:
            for kind in RECORD_TYPES:
                self.object_of(kind)
            self.definitions["Record"] = {
                "description": "A record of a history, tagged by its kind.",
                "oneOf": [{"$ref": f"#/$defs/{kind.__name__}"} for kind in RECORD_TYPES],
            }
            return {"$ref": "#/$defs/Record"}
        if hint is MandateTimeline:  # written as the list of its mandates
            return self._type(get_type_hints(MandateTimeline)["mandates"])
        if isinstance(hint, type) and issubclass(hint, enum.Enum):
            return member_of(hint).schema
        if isinstance(hint, type) and attrs.has(hint) and hint not in _LEAVES:
            return self.object_of(hint)
        return _LEAVES[hint]


def _duration_schema() -> dict[str, Any]:
    from .serialization._hooks import ISO_DURATION  # noqa: PLC0415  # the converter's reader

    return {
        "type": "string",
        "maxLength": LONGEST_DURATION,
        "pattern": f"^(?:{ISO_DURATION.pattern})$",
        "not": {"const": "P"},
    }


_LEAVES: Final[dict[Any, Any]] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    float: {"type": "number"},
    bool: {"type": "boolean"},
    date: is_date.schema,
    Decimal: is_money.schema,
    Country: is_country.schema,
    Figure: is_figure.schema,
    Duration: _duration_schema(),
}
"""The schemas of the types the converter writes as JSON values (see its hooks)."""
