"""The scripts in examples/ run and say what they are meant to say."""

import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).parent.parent / "examples"


@pytest.mark.parametrize("script", sorted(EXAMPLES.glob("*.py")), ids=lambda p: p.name)
def test_example_runs(script):
    """Each example exits 0 and prints something."""
    result = subprocess.run(  # noqa: S603  # our own scripts, with this interpreter
        [sys.executable, str(script)], capture_output=True, text=True, check=False, timeout=120
    )
    assert 0 == result.returncode, result.stderr
    assert result.stdout.strip()


def test_seed_day_reproduces_the_seed_article():
    """On 21 September 2024: ~426 deployed, under a quarter of 2,500, 11 days of mandate left."""
    result = subprocess.run(  # noqa: S603
        [sys.executable, str(EXAMPLES / "seed_day.py")], capture_output=True, text=True, check=True
    )
    assert "  Deployed:        ~426 (~17.0% of the planned strength of ~2,500)" in result.stdout
    assert "S/RES/2699 (2023), in force until 2024-10-02 (11 days left)" in result.stdout
    assert "KEN arrival on 2024-06-25: ~200 per kbc-swahili-ruto-haiti; 400 per radio-jambo" in (
        result.stdout
    )
    assert "Uncited records: 0; unused sources: 0" in result.stdout
