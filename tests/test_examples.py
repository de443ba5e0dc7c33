"""The scripts in examples/ run and say what they are meant to say."""

import subprocess
import sys
from pathlib import Path

import nbclient
import nbformat
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


def test_monthly_csv_writes_a_table(tmp_path):
    """The CSV has a header, one row per contingent and month, and a qualifier per count."""
    target = tmp_path / "mss.csv"
    result = subprocess.run(  # noqa: S603
        [sys.executable, str(EXAMPLES / "monthly_csv.py"), str(target)],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = target.read_text(encoding="utf-8").splitlines()
    assert f"wrote {len(lines) - 1} rows to {target}" == result.stdout.strip()
    assert lines[0].startswith("date,country,personnel_type,deployed,deployed_qualifier,")
    assert "2024-07-01,KEN,police,200,about,1000,exact,800,about,1000,exact,False" in lines


def test_what_if_shows_the_record_and_the_scenario():
    """The scenario adds the outstanding personnel; the record is unchanged beside it."""
    result = subprocess.run(  # noqa: S603
        [sys.executable, str(EXAMPLES / "what_if.py")], capture_output=True, text=True, check=True
    )
    assert "2024-09-21          ~426            ~426              17%" in result.stdout.splitlines()


def test_the_notebook_runs_from_top_to_bottom(tmp_path, monkeypatch):
    """Every cell of examples/mss_tour.ipynb runs in a real kernel, without an error."""
    # The kernel draws charts inline, as in Jupyter, whatever the backend of this process.
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    notebook = nbformat.read(EXAMPLES / "mss_tour.ipynb", as_version=4)
    nbclient.NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},
    ).execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    html = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    assert any("Multinational Security Support Mission (MSS) on 2024-09-21" in h for h in html)
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert 3 == len(images)
