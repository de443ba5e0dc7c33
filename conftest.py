"""Test configuration shared by every test: Hypothesis profiles, and Sybil for the examples.

Every ``>>>`` example in the docstrings, the docs and the README runs as a test (Sybil).

Hypothesis runs under a profile chosen by the environment variable ``HYPOTHESIS_PROFILE``:

- ``ci``, the default, for the README's test command and for ``.ci/run``: no deadline and no
  "too slow" health check, so that a busy machine cannot fail a correct test;
- ``thorough``: the same, with ten times the examples, for a long run by hand.
"""

import os
from doctest import ELLIPSIS, NORMALIZE_WHITESPACE

from hypothesis import HealthCheck, settings
from sybil import Sybil
from sybil.parsers.markdown import PythonCodeBlockParser
from sybil.parsers.rest import DocTestParser

settings.register_profile("ci", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", settings.get_profile("ci"), max_examples=1000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

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
