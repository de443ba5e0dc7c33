"""Fuzzing the loader: whatever the input, the result is a valid object or a DataError."""

import copy
import json
from pathlib import Path

import fuzz_haiti_mss as fuzzer
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from haiti_mss import DataError, Dataset, Figure, Mission, from_dict, from_json

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**20), 10**20)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
    | st.sampled_from(["2024-06-25", "KEN", "police", "arrival", "about", "P12M", "1000"]),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)


def _paths(node, path=()):
    """Every path to a node of a JSON document."""
    yield path
    if isinstance(node, dict):
        for key, child in node.items():
            yield from _paths(child, (*path, key))
    elif isinstance(node, list):
        for i, child in enumerate(node):
            yield from _paths(child, (*path, i))


def _mutate(document, path, action, value):
    """Replace, delete or add at *path*; the root itself is only ever replaced."""
    if not path:
        return value
    *parents, last = path
    node = document
    for key in parents:
        node = node[key]
    if action == "delete":
        del node[last]
    elif action == "add" and isinstance(node, dict):
        node[f"{last}_extra"] = value
    elif action == "add" and isinstance(node, list):
        node.insert(last, value)
    else:
        node[last] = value
    return document


def _loads_or_refuses(data, cls):
    """The only acceptable outcomes: an object of *cls*, or a DataError with problems."""
    try:
        result = from_dict(data, cls)
    except DataError as error:
        problems = error.problems
    else:
        assert isinstance(result, cls)
        return result
    assert problems
    assert all(str(problem).startswith("$") for problem in problems)
    return None


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_mutated_documents_load_or_fail_with_a_data_error(document, data):
    """Mutating any node of a valid document never raises anything but a DataError.

    The fixture is copied before each example, so sharing it across examples is safe.
    """
    document = copy.deepcopy(document)
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(list(_paths(document))))
        action = data.draw(st.sampled_from(["replace", "delete", "add"]))
        value = data.draw(JSON_VALUES)
        document = _mutate(document, path, action, value)
    dataset = _loads_or_refuses(document, Dataset)
    if dataset is not None:
        assert dataset == from_dict(json.loads(json.dumps(document)), Dataset)


@settings(max_examples=200, deadline=None)
@given(JSON_VALUES)
def test_arbitrary_json_is_refused_cleanly(value):
    """Any JSON value given as a mission, a figure or a dataset loads or is a DataError."""
    for cls in (Mission, Figure, Dataset):
        _loads_or_refuses(value, cls)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40) | st.binary(max_size=40))
def test_arbitrary_text_is_refused_cleanly(text):
    """Any text or bytes given to from_json loads or is a DataError."""
    try:
        from_json(text, Dataset)
    except DataError as error:
        problems = error.problems
    else:
        return
    assert problems


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_figure_parse_reads_or_refuses(text):
    """Figure.parse returns a Figure or raises a DataError, for any text."""
    try:
        figure = Figure.parse(text)
    except DataError:
        return
    assert isinstance(figure, Figure)


CORPUS = sorted((Path(__file__).parent.parent / "fuzz" / "corpus").iterdir())


def test_the_seed_corpus_covers_every_target_of_the_fuzzer():
    """Each target has a seed, so that the long run starts from a valid input of each."""
    targets = {raw[0] % len(fuzzer.TARGETS) for raw in (p.read_bytes() for p in CORPUS)}
    assert set(range(len(fuzzer.TARGETS))) == targets


@pytest.mark.parametrize("seed", CORPUS, ids=lambda p: p.name)
def test_the_seeds_of_the_fuzzer_hold_its_properties(seed):
    """The fuzzer's seeds run through its targets without a finding (an exception)."""
    fuzzer.one_input(seed.read_bytes())


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(
    target=st.integers(0, 255),
    seed=st.sampled_from(CORPUS),
    cut=st.integers(0, 64),
    noise=st.binary(max_size=64),
)
def test_the_fuzzer_targets_hold_their_properties_on_random_inputs(target, seed, cut, noise):
    """A bounded run of every target of the fuzzer, with inputs made from its seeds.

    A seed is given to any target, cut short or with noise added. The long run is atheris's
    (docs/reliability.md).
    """
    body = seed.read_bytes()[1:]
    raw = bytes([target]) + noise + body[cut:] if target % 2 else bytes([target]) + body + noise
    fuzzer.one_input(raw)
