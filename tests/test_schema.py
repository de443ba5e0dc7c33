"""The JSON Schema of a data file, checked both ways against the loader."""

import copy
import json

import jsonschema
import pytest
from hypothesis import given, settings

from haiti_mss import DataError, Dataset, from_dict, testing, to_dict
from haiti_mss.schema import data_file_schema, shipped_schema
from haiti_mss.serialization import SCHEMA
from test_bad_documents import CASES, _apply, _case_id

VALIDATOR = jsonschema.Draft202012Validator(
    data_file_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)

# What the schema cannot state, as docs/serialization.md lists it: the loader's message for
# each document in the table of bad documents that the schema accepts says one of these.
NOT_STATED = (
    "unknown source id",  # an id no source defines
    "would leave",  # a history that makes a strength negative
    "a second",  # two contingents of one country and type
    "is not an ISO 3166-1 alpha-3",  # a code of the right form that no country has
    "ISO 4217",  # a code of the right form that no currency has
    "before it was adopted",  # checks across fields
    "is before the latest record",
    "the Security Council has 15 members",
    "members for",
    "before the data's as_of",
    "after as_of",
    ">= 0 (got",  # an alternative to a head count below 0
    "must be an integer, not a number",  # 13.0: an integer to JSON Schema
)


def test_the_shipped_schema_is_the_generated_one():
    """src/haiti_mss/data/haiti-mss.schema.json is what docs/make_schema.py writes."""
    assert data_file_schema() == shipped_schema()
    jsonschema.Draft202012Validator.check_schema(shipped_schema())
    assert SCHEMA == shipped_schema()["properties"]["schema"]["const"]


def test_the_bundled_data_file_is_valid():
    """The file the package ships validates."""
    from importlib import resources  # noqa: PLC0415

    text = resources.files("haiti_mss.data").joinpath("haiti-mss.json").read_text("utf-8")
    assert [] == [error.message for error in VALIDATOR.iter_errors(json.loads(text))]


@settings(max_examples=40)
@given(testing.datasets())
def test_every_valid_dataset_is_valid_by_the_schema(dataset):
    """What to_dict writes of any valid dataset, the schema accepts."""
    assert [] == [e.message for e in VALIDATOR.iter_errors(to_dict(dataset))]


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_a_document_refused_for_its_structure_is_refused_by_the_schema(document, case):
    """Every bad document of tests/test_bad_documents.py is refused by the schema too.

    Unless the loader refuses it for something the schema cannot state.
    """
    where, value, _ = case
    _apply(document, where, value)
    if VALIDATOR.is_valid(document):
        with pytest.raises(DataError) as refused:
            from_dict(document, Dataset)
        messages = [problem.message for problem in refused.value.problems]
        assert all(any(reason in m for reason in NOT_STATED) for m in messages), messages


def test_what_the_schema_cannot_state_is_listed_in_the_docs():
    """Each reason above is among the rules docs/serialization.md says the schema leaves out."""
    from pathlib import Path  # noqa: PLC0415

    page = (Path(__file__).parent.parent / "docs" / "serialization.md").read_text("utf-8")
    section = page.split("## The JSON Schema", 1)[1].split("\n## ", 1)[0]
    for words in (
        "source id",
        "negative",
        "two contingents",
        "no country",
        "no currency",
        "across fields",
        "13.0",
        "format",
    ):
        assert words in section, words


def test_a_structural_mistake_is_refused_by_the_schema(document):
    """A few mistakes of form, refused by the schema as by the loader."""
    for where, value in (
        (("missions", 0, "contingents", 0, "history", 0, "kind"), "rotation"),
        (("missions", 0, "contingents", 0, "country"), "ken"),
        (("missions", 0, "contingents", 0, "history", 0, "on"), "21 Sep 2024"),
        (("sources", "has space"), {"publisher": "P"}),
        (("missions", 0, "extra"), 1),
    ):
        changed = copy.deepcopy(document)
        _apply(changed, where, value)
        assert not VALIDATOR.is_valid(changed), where
        with pytest.raises(DataError):
            from_dict(changed, Dataset)
