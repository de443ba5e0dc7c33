"""JSON text and files.

Parsing refuses duplicate keys, NaN and invalid UTF-8; orjson is used when it is installed.
"""

# Raw JSON data is untyped by nature: after an isinstance check, a dict's items are unknown.
# pyright: reportUnknownVariableType=false, reportUnknownArgumentType=false
# pyright: reportUnknownMemberType=false

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from os import PathLike
from pathlib import Path
from typing import Any, Final, cast

from haiti_mss._checks import NESTED_TOO_DEEP, show
from haiti_mss.datasets import Dataset
from haiti_mss.errors import DataError, Problem

from . import _types
from ._documents import from_data, gc_paused, to_dict, unstructure
from ._hooks import native_converter
from ._types import T
from ._writer import FloatInData


def to_json(obj: object, *, indent: int | None = None) -> str:
    """*obj* as JSON text; compact unless *indent* is given.

    >>> from haiti_mss import Figure
    >>> to_json(Figure(578_000, "more_than"))
    '{"value":578000,"qualifier":"more_than"}'
    """
    orjson = _types.fast_json()
    if orjson is not None and indent in {None, 2}:
        try:
            with gc_paused():
                native = unstructure(obj, native_converter())
            option = orjson.OPT_INDENT_2 if indent == 2 else 0
            return str(orjson.dumps(native, option=option).decode())
        except (FloatInData, orjson.JSONEncodeError):
            pass  # the standard library writes it, or says how it fails
    with gc_paused():
        data = to_dict(obj)
    separators = (",", ":") if indent is None else (",", ": ")
    return json.dumps(data, ensure_ascii=False, indent=indent, separators=separators)


def from_json(text: str | bytes, cls: type[T]) -> T:
    """Build a *cls* from JSON text: the inverse of :func:`to_json`.

    Duplicate keys, ``NaN`` and ``Infinity`` are refused: they are not portable JSON.

    >>> from haiti_mss import Figure
    >>> from_json('{"value": 1000, "qualifier": "about"}', Figure)
    Figure(1000, 'about')
    >>> from_json('{"value": 1000,}', Figure)
    Traceback (most recent call last):
    ...
    haiti_mss.errors.DataError: $: invalid JSON at line 1, column 16: Expecting property name ...

    Raises:
        DataError: the text is not valid JSON, or the data is not a valid *cls*.
    """
    with gc_paused():
        return from_data(_parse(text), cls, parsed=True)


MAX_FILE_SIZE: Final = 2**30  # documented where it is public: haiti_mss.serialization


def load(path: str | Path) -> Dataset:
    """Read a data file, opened read-only.

    A file larger than :data:`~haiti_mss.serialization.MAX_FILE_SIZE` bytes is refused.

    Raises:
        DataError: the file cannot be read, is too large, or is not a valid dataset.
    """
    if not isinstance(path, str | PathLike):
        raise DataError.at(
            "$", f"load takes a path, as a str or a pathlib.Path, not {type(path).__name__}"
        )
    try:
        with Path(path).open("rb") as file:
            text = file.read(MAX_FILE_SIZE + 1)
    except OSError as error:
        raise DataError.at("$", f"cannot read {str(path)!r}: {error.strerror}") from None
    except ValueError as error:  # a name the system cannot hold, such as one with a NUL
        raise DataError.at("$", f"cannot read {str(path)!r}: {error}") from None
    if len(text) > MAX_FILE_SIZE:
        raise DataError.at("$", f"{str(path)!r} is larger than {MAX_FILE_SIZE:,} bytes; not read")
    return from_json(text, Dataset)


def dump(obj: Dataset, path: str | Path) -> None:
    """Write *obj* to a data file, as indented JSON."""
    Path(path).write_text(to_json(obj, indent=2) + "\n", encoding="utf-8")


class _RefusedError(ValueError):
    """A JSON construct that the standard library accepts and we do not."""


def _parse(text: str | bytes) -> object:
    orjson = _types.fast_json()
    if orjson is not None and isinstance(text, str | bytes):
        data = _parse_fast(orjson, text)
        if data is not _UNREAD:
            return data
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as error:
            message = f"the text is not UTF-8 ({error.reason} at byte {error.start})"
            raise DataError.at("$", message) from None
    if not isinstance(text, str):
        raise DataError.at("$", f"must be JSON text (str or bytes), not {type(text).__name__}")
    repeated: list[_Repeated] = []
    try:
        data = json.loads(
            text.removeprefix("\ufeff"),
            object_pairs_hook=_no_duplicates(repeated),
            parse_constant=_no_constant,
        )
    except json.JSONDecodeError as error:
        message = f"invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        raise DataError.at("$", message) from None
    except _RefusedError as error:
        raise DataError.at("$", f"invalid JSON: {error}") from None
    except RecursionError:
        raise DataError.at(_too_deep(text), "the JSON is nested too deeply") from None
    except ValueError as error:  # e.g. an integer of more digits than Python converts
        raise DataError.at("$", f"invalid JSON: {error}") from None
    _refuse_repeated(data, repeated)
    return data


_UNREAD: Final = object()


def _parse_fast(orjson: Any, text: str | bytes) -> object:
    r"""*text* parsed by orjson, or :data:`_UNREAD` for the standard library to parse and explain.

    orjson keeps the last of two equal keys in an object, where the standard library's hook
    refuses them, so the data is written out again to look for a key that was dropped:

    - text as haiti_mss writes it, compact or indented, is written out the same, byte for byte,
      unless a key was dropped;
    - in other text, every key is followed by a colon, and so are the colons in strings: the
      data written out has one colon fewer for each key dropped. An escaped colon (``\u003a``)
      would hide one, so text that holds one is left to the standard library; so is text with
      a run of 19 digits, which may be an integer outside 64 bits (-9999999999999999999),
      which orjson reads as a float.
    """
    try:
        raw = text.encode() if isinstance(text, str) else text
    except UnicodeEncodeError:  # a lone surrogate
        return _UNREAD
    try:
        data = orjson.loads(raw.removeprefix(_BOM))
        indented = raw.endswith(b"\n")
        again = orjson.dumps(data, option=orjson.OPT_INDENT_2 if indented else 0)
    except (orjson.JSONDecodeError, orjson.JSONEncodeError):
        return _UNREAD
    if raw == (again + b"\n" if indented else again):
        return data
    if b"\\u003a" in raw or b"\\u003A" in raw or raw.count(b":") != again.count(b":"):
        return _UNREAD
    if _LONG_NUMBER.search(raw):  # orjson reads an integer past 64 bits as a float
        return _UNREAD
    return data


_LONG_NUMBER: Final = re.compile(rb"\d{19}")


_BOM: Final = "\ufeff".encode()


class _Repeated(dict[str, Any]):
    """A JSON object in which a key appears more than once, with every pair as written."""

    __slots__ = ("pairs",)

    pairs: list[tuple[str, Any]]


def _no_duplicates(
    repeated: list[_Repeated],
) -> Callable[[list[tuple[str, Any]]], dict[str, Any]]:
    """The hook that builds each object, keeping those in which a key repeats in *repeated*.

    The hook does not know where its object is: the document, once read, is searched for them.
    """

    def build(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(pairs)
        if len(result) == len(pairs):
            return result
        found = _Repeated(result)
        found.pairs = pairs
        repeated.append(found)
        return found

    return build


_TOKEN: Final = re.compile(r'"(?:[^"\\]+|\\.)*"|[\[\]{},]')


def _too_deep(text: str) -> tuple[str | int, ...]:
    """The path of the first array or object in JSON *text* that is nested too deeply.

    One :data:`~haiti_mss._checks.NESTED_TOO_DEEP` arrays and objects deep; ``$`` if none is.
    """
    path: list[str | int] = ["$"]  # then where the reading is in each array and object open
    objects: list[bool] = []  # for each array or object open, whether it is an object
    key_next = False
    for match in _TOKEN.finditer(text):
        mark = match[0]
        if mark[0] == '"':
            if key_next:
                path[-1] = json.loads(mark)
                key_next = False
        elif mark in "[{":
            if len(objects) == NESTED_TOO_DEEP:
                return tuple(path)
            objects.append(mark == "{")
            path.append(0)
            key_next = mark == "{"
        elif mark in "]}" and objects:
            objects.pop()
            path.pop()
        elif mark == "," and objects:
            key_next = objects[-1]
            if not key_next:
                path[-1] = cast("int", path[-1]) + 1
    return ("$",)


def _refuse_repeated(data: object, repeated: list[_Repeated]) -> None:
    """Raise a :class:`DataError` for the keys repeated in *data*, if *repeated* holds any."""
    if repeated:
        raise DataError(list(_repeated_keys(data)))


def _repeated_keys(data: object) -> Iterator[Problem]:
    """A problem for each key that appears more than once in an object of *data*, at the object.

    The values of every copy are searched too: a copy that is dropped may hold a repeat.
    """
    stack: list[tuple[tuple[str | int, ...], object]] = [(("$",), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, list):
            stack.extend(((*path, i), item) for i, item in reversed(list(enumerate(value))))
        elif isinstance(value, dict):
            pairs = value.pairs if isinstance(value, _Repeated) else list(value.items())
            for key, count in Counter(key for key, _ in pairs).items():
                if count > 1:
                    times = "twice" if count == 2 else f"{count:,} times"
                    yield Problem(path, f"the key {show(key)} appears {times} in one object")
            stack.extend(((*path, key), item) for key, item in reversed(pairs))


def _no_constant(name: str) -> object:
    raise _RefusedError(f"{name} is not a JSON number")
