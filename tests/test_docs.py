"""The documentation: the generated dataset page is up to date with the data."""

import runpy
from pathlib import Path

DOCS = Path(__file__).parent.parent / "docs"


def test_the_dataset_page_is_up_to_date(tmp_path):
    """docs/dataset.md is exactly what docs/make_dataset_page.py writes from the data file."""
    target = tmp_path / "dataset.md"
    runpy.run_path(str(DOCS / "make_dataset_page.py"), run_name="not_main")["main"]([str(target)])
    assert target.read_text(encoding="utf-8") == (DOCS / "dataset.md").read_text(encoding="utf-8")


def test_the_dataset_page_lists_every_source_and_contingent():
    """Each source has an anchor; each contingent a section."""
    from haiti_mss import data  # noqa: PLC0415

    page = (DOCS / "dataset.md").read_text(encoding="utf-8")
    assert all(f"({source.id})=" in page for source in data.sources())
    for mission in data.missions():
        for contingent in mission.contingents:
            assert f"### {contingent.country.name}, {contingent.personnel_type}" in page
