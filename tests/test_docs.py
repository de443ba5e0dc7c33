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


def test_the_frames_page_is_up_to_date(tmp_path):
    """docs/frames.md is what docs/make_frames_page.py writes from the frames' columns."""
    target = tmp_path / "frames.md"
    runpy.run_path(str(DOCS / "make_frames_page.py"), run_name="not_main")["main"]([str(target)])
    assert target.read_text(encoding="utf-8") == (DOCS / "frames.md").read_text(encoding="utf-8")


def test_every_column_of_every_frame_is_documented():
    """The page names each column that the frames hold, and nothing else."""
    from haiti_mss import data  # noqa: PLC0415

    page = (DOCS / "frames.md").read_text(encoding="utf-8")
    mss = data.mss()
    for frame in (
        mss.records_frame(backend="polars"),
        mss.timeline_frame("2024-06-01", "2024-07-01", backend="polars"),
        mss.mandates.frame(backend="polars"),
        mss.indicators_frame(backend="polars"),
    ):
        assert all(f"| `{column}` |" in page for column in frame.columns)
