"""What the package says about itself: its version, its licences, how to cite it."""

import tomllib
from pathlib import Path

import yaml

import haiti_mss

ROOT = Path(__file__).parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_the_version_is_the_projects():
    """haiti_mss.__version__, the installed metadata, is the version pyproject.toml gives."""
    assert PROJECT["version"] == haiti_mss.__version__


def test_the_citation_file_names_this_version_and_both_licences():
    """CITATION.cff is valid YAML in CFF 1.2.0, with the version and the licences of the project."""
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert "1.2.0" == citation["cff-version"]
    assert PROJECT["version"] == citation["version"]
    assert ["MIT", "CC-BY-4.0"] == citation["license"]
    assert PROJECT["license"] == " AND ".join(citation["license"])
    assert citation["title"].startswith("haiti_mss")
    assert citation["authors"] == [{"name": author["name"]} for author in PROJECT["authors"]]


def test_the_licence_files_are_shipped_and_say_what_they_cover():
    """The code's licence and the dataset's are both in the package's metadata."""
    assert ["LICENSE", "LICENSE-DATA"] == PROJECT["license-files"]
    data = (ROOT / "LICENSE-DATA").read_text(encoding="utf-8")
    assert "CC BY 4.0" in data
    assert "src/haiti_mss/data/" in data
    assert "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")
