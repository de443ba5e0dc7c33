"""JSON text and files.

Parsing refuses duplicate keys, NaN and invalid UTF-8; orjson is used when it is installed.
"""

# Raw JSON data is untyped by nature: after an isinstance check, a dict's items are unknown.
# pyright: reportUnknownVariableType=false, reportUnknownArgumentType=false
# pyright: reportUnknownMemberType=false

from __future__ import annotations

import json
import os
import re
import stat
from collections import Counter
from collections.abc import Callable, Iterator
from os import PathLike
from pathlib import Path
from typing import Any, Final, cast

from haiti_mss._checks import NESTED_TOO_DEEP, Place, path_of, show
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

    Only a regular file is read: a directory, a pipe or a device (``/dev/zero``) is refused
    without reading from it, and so is a file larger than
    :data:`~haiti_mss.serialization.MAX_FILE_SIZE` bytes.

    Raises:
        DataError: the file cannot be read, is not a regular file, is too large, or is not a
            valid dataset.
    """
    if not isinstance(path, str | PathLike):
        raise DataError.at(
            "$", f"load takes a path, as a str or a pathlib.Path, not {type(path).__name__}"
        )
    with gc_paused():
        return from_data(_parse(_read(path)), Dataset, parsed=True)


def _read(path: str | PathLike[str]) -> bytearray:
    """The bytes of the regular file at *path*: its size is checked before anything is read."""
    try:
        name = repr(os.fspath(path))
    except TypeError as error:  # a PathLike whose __fspath__ gives neither str nor bytes
        raise DataError.at("$", f"load takes a path: {error}") from None
    try:
        # Without O_NONBLOCK, opening a FIFO waits for a writer, maybe for ever.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_BINARY", 0))
    except OSError as error:
        raise DataError.at("$", f"cannot read {name}: {error.strerror}") from None
    except ValueError as error:  # a name the system cannot hold, such as one with a NUL
        raise DataError.at("$", f"cannot read {name}: {error}") from None
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            kind = _KINDS.get(stat.S_IFMT(status.st_mode), "not a regular file")
            raise DataError.at("$", f"{name} is {kind}, not a data file; not read")
        if status.st_size > MAX_FILE_SIZE:
            raise DataError.at("$", f"{name} is larger than {MAX_FILE_SIZE:,} bytes; not read")
        buffer = bytearray(status.st_size + 1)  # one more: a file that grew is not cut short
        read = 0
        with open(descriptor, "rb", buffering=0, closefd=False) as file, memoryview(buffer) as view:
            while read < len(buffer) and (count := file.readinto(view[read:])):
                read += count
    except OSError as error:
        raise DataError.at("$", f"cannot read {name}: {error.strerror}") from None
    finally:
        os.close(descriptor)
    if read > status.st_size:
        raise DataError.at("$", f"{name} grew while it was read; not read")
    del buffer[read:]
    return buffer


_KINDS: Final = {
    stat.S_IFDIR: "a directory",
    stat.S_IFIFO: "a pipe",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFSOCK: "a socket",
}
"""What a path that is not a regular file names, as messages say it."""


def dump(obj: Dataset, path: str | Path) -> None:
    """Write *obj* to a data file, as indented JSON."""
    Path(path).write_text(to_json(obj, indent=2) + "\n", encoding="utf-8")


class _RefusedError(ValueError):
    """A JSON construct that the standard library accepts and we do not."""


def _parse(text: str | bytes | bytearray) -> object:
    """The JSON data of *text*: a str, or bytes (a file's, as a bytearray) in UTF-8."""
    orjson = _types.fast_json()
    if orjson is not None and isinstance(text, str | bytes | bytearray):
        data = _parse_fast(orjson, text)
        if data is not _UNREAD:
            return data
    if isinstance(text, bytes | bytearray):
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


def _parse_fast(orjson: Any, text: str | bytes | bytearray) -> object:
    r"""*text* parsed by orjson, or :data:`_UNREAD` for the standard library to parse and explain.

    orjson keeps the last of two equal keys in an object, where the standard library's hook
    refuses them, so the data is written out again to look for a key that was dropped:

    - text as haiti_mss writes it, compact or indented, is written out the same, byte for byte,
      unless a key was dropped;
    - in other text, every key is followed by a colon, and so are the colons in strings: the
      data written out has one colon fewer for each key dropped. An escaped colon (``\u003a``)
      would hide one, so text that holds one is left to the standard library; so is text with
      a run of 19 digits, which may be an integer past 64 bits (below -2**63, or above
      2**64 - 1), which orjson reads as a float.

    No copy of the text is made to parse or compare it.
    """
    try:
        raw = text.encode() if isinstance(text, str) else text
    except UnicodeEncodeError:  # a lone surrogate
        return _UNREAD
    start = len(_BOM) if raw.startswith(_BOM) else 0
    try:
        with memoryview(raw) as view, view[start:] as json_text:
            data = orjson.loads(json_text)
        indented = raw.endswith(b"\n")
        again = orjson.dumps(data, option=orjson.OPT_INDENT_2 if indented else 0)
    except (orjson.JSONDecodeError, orjson.JSONEncodeError):
        return _UNREAD
    with memoryview(raw) as view:
        if (view[:-1] if indented else view) == again:
            return data
    if _in_doubt(raw) or raw.count(b":") != again.count(b":"):
        return _UNREAD
    return data


def _in_doubt(raw: bytes | bytearray) -> bool:
    """Whether *raw* has an escaped colon, or a run of 19 digits (see :func:`_parse_fast`)."""
    escape = raw.find(b"\\u003")
    while escape >= 0:
        if raw[escape + 5 : escape + 6] in {b"a", b"A"}:
            return True
        escape = raw.find(b"\\u003", escape + 1)
    return _has_long_number(raw)


def _has_long_number(raw: bytes | bytearray) -> bool:
    """Whether *raw* has a run of 19 ASCII digits (a copy with each digit as 0 is searched)."""
    return b"0" * 19 in raw.translate(_DIGITS_AS_ZEROS)


_DIGITS_AS_ZEROS: Final = bytes.maketrans(b"0123456789", b"0" * 10)


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
        raise DataError(_repeated_keys(data))  # the first MAX_PROBLEMS, and a count of the rest


def _repeated_keys(data: object) -> Iterator[Problem]:
    """A problem for each key that appears more than once in an object of *data*, at the object.

    The values of every copy are searched too: a copy that is dropped may hold a repeat. Each
    place is kept as a link to its parent's, so that a deep place costs no more than a shallow
    one (see :func:`~haiti_mss._checks.path_of`).
    """
    stack: list[tuple[Place, object]] = [((None, "$"), data)]
    while stack:
        place, value = stack.pop()
        if isinstance(value, list):
            stack.extend(
                ((place, i), item)
                for i, item in reversed(list(enumerate(value)))
                if isinstance(item, list | dict)  # only objects have keys
            )
        elif isinstance(value, dict):
            pairs = value.pairs if isinstance(value, _Repeated) else list(value.items())
            for key, count in Counter(key for key, _ in pairs).items():
                if count > 1:
                    times = "twice" if count == 2 else f"{count:,} times"
                    message = f"the key {show(key)} appears {times} in one object"
                    yield Problem(path_of(place), message)
            stack.extend(
                ((place, key), item)
                for key, item in reversed(pairs)
                if isinstance(item, list | dict)
            )


def _no_constant(name: str) -> object:
    raise _RefusedError(f"{name} is not a JSON number")
