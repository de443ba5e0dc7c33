"""Run every ``>>>`` example in the docstrings, the docs and the README as a test (Sybil)."""

from doctest import ELLIPSIS, NORMALIZE_WHITESPACE

from sybil import Sybil
from sybil.parsers.markdown import PythonCodeBlockParser
from sybil.parsers.rest import DocTestParser

_OPTIONS = ELLIPSIS | NORMALIZE_WHITESPACE

markdown = Sybil(
    parsers=[DocTestParser(optionflags=_OPTIONS), PythonCodeBlockParser()],
    patterns=["*.md"],
    excludes=["CHANGELOG.md"],
)
docstrings = Sybil(
    parsers=[DocTestParser(optionflags=_OPTIONS)],
    patterns=["*.py"],
    path="src",
)

pytest_collect_file = (markdown + docstrings).pytest()
