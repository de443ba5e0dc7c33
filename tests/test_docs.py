"""The documentation: the generated dataset page is up to date with the data, and safe."""

import json
import re
import runpy
from html.parser import HTMLParser
from pathlib import Path

DOCS = Path(__file__).parent.parent / "docs"
DATA = Path(__file__).parent.parent / "src" / "haiti_mss" / "data" / "haiti-mss.json"

HOSTILE = (
    "<script>alert('x')</script> <img src=x onerror=alert(1)> `code` ``two``"
    " [link](javascript:alert(1)) ![image](x.png) <https://a.example> &lt; &amp;"
    " {eval-rst}`x` {{ substitution }} $math$ *em* _em_ ~~gone~~ | pipe \\| \x1b[2J\u202e\n"
    "```{raw} html\n<script>alert('directive')</script>\n```\n"
    "```{eval-rst}\n.. raw:: html\n\n   <script>alert('rst')</script>\n```\n"
    ":::{raw} html\n<script>alert('colon')</script>\n:::\n"
    "(target)=\n% a comment\n# heading\n---\n1. list\n- list\n> quote\n"
    "    indented code\n+++\n===\n|a|b|\n|-|-|\n<div onmouseover=alert(1)>\n\ntail"
)
"""Text that would be markup on a Markdown, MyST or HTML page, in every way we know."""


class Markup(HTMLParser):
    """The elements of an HTML page: each tag's name and attributes."""

    def __init__(self, html):
        super().__init__()
        self.tags = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        """Keep the tag."""
        self.tags.append((tag, dict(attrs)))


def make_dataset_page():
    """The module docs/make_dataset_page.py."""
    return runpy.run_path(str(DOCS / "make_dataset_page.py"), run_name="not_main")


def hostile_page():
    """The dataset page of the bundled data with every text that the page shows made hostile."""
    from haiti_mss import Dataset, from_json  # noqa: PLC0415

    document = json.loads(DATA.read_text(encoding="utf-8"))
    mission = document["missions"][0]
    mission["name"] = f"MSS {HOSTILE}"
    mission["note"] = HOSTILE
    contingent = mission["contingents"][0]
    contingent["description"] = HOSTILE
    contingent["history"][0]["note"] = HOSTILE
    mission["mandates"][0]["note"] = HOSTILE
    mission["contributions"][0]["purpose"] = HOSTILE
    mission["contributions"][0]["note"] = HOSTILE
    mission["milestones"][0]["title"] = HOSTILE
    mission["indicators"][0]["name"] = HOSTILE
    mission["indicators"][0]["note"] = HOSTILE
    for source in document["sources"].values():
        source |= {"publisher": HOSTILE, "title": HOSTILE, "via": HOSTILE, "note": HOSTILE}
    dataset = from_json(json.dumps(document), Dataset)
    return make_dataset_page()["page"](dataset)


def as_html(page):
    """*page* as docutils writes it with MyST and every extension that adds syntax."""
    from docutils.core import publish_string  # noqa: PLC0415
    from myst_parser.parsers.docutils_ import Parser  # noqa: PLC0415

    extensions = [
        "colon_fence",
        "dollarmath",
        "amsmath",
        "deflist",
        "substitution",
        "strikethrough",
    ]
    settings = {
        "myst_enable_extensions": extensions,
        "report_level": 5,
        "output_encoding": "unicode",
    }
    return publish_string(page, parser=Parser(), writer="html5", settings_overrides=settings)


def test_the_dataset_page_is_up_to_date(tmp_path):
    """docs/dataset.md is exactly what docs/make_dataset_page.py writes from the data file."""
    target = tmp_path / "dataset.md"
    make_dataset_page()["main"]([str(target)])
    assert target.read_text(encoding="utf-8") == (DOCS / "dataset.md").read_text(encoding="utf-8")


def test_the_dataset_page_lists_every_source_and_contingent():
    """Each source has an anchor; each contingent a section."""
    from haiti_mss import data  # noqa: PLC0415

    page = (DOCS / "dataset.md").read_text(encoding="utf-8")
    heading = make_dataset_page()["heading"]
    assert all(f"({source.id})=" in page for source in data.sources())
    for mission in data.missions():
        for contingent in mission.contingents:
            assert f"### {heading(contingent)}" in page


def test_the_dataset_page_writes_the_data_as_text():
    """Names, notes, titles and descriptions that hold markup are written so that none is live.

    The page has the headings, tables, targets and links of the bundled data's page, and no
    HTML, code, directive, role, list, quote or link that a text of the data would begin.
    """
    page = hostile_page()
    html = as_html(page)
    plain = as_html(make_dataset_page()["page"]())

    tags = Markup(html).tags
    # The elements of the bundled data's page and nothing else: no script, image, code, list,
    # quote or raw HTML; no event handler; links to sources and their addresses only.
    assert {tag for tag, _ in tags} == {tag for tag, _ in Markup(plain).tags}
    assert [] == [attrs for _, attrs in tags if any(name.startswith("on") for name in attrs)]
    hrefs = [attrs["href"] for tag, attrs in tags if tag == "a"]
    assert all(href.startswith(("#", "https://", "http://")) for href in hrefs)
    assert [attrs["href"] for tag, attrs in Markup(plain).tags if tag == "a"] == hrefs
    assert "```" not in page
    assert ":::" not in page
    # What the data says is on the page in full, as text.
    shown = (
        "&lt;script&gt;alert('x')&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt; `code` "
        "``two`` [link](javascript:alert(1))"
    )
    assert shown in html.replace("&#x27;", "'")
    assert "```{raw} html" in html
    assert "| pipe \\| \\x1b[2J\\u202e" in html
    # A pipe in the data is not a cell: every row of a table has as many cells as its head.
    for table in re.findall(r"<table.*?</table>", html, re.DOTALL):
        rows = re.findall(r"<tr>(.*?)</tr>", table, re.DOTALL)
        assert len({row.count("<t") for row in rows}) == 1


def sphinx_page(folder, page):
    """The HTML that Sphinx, with MyST as the docs use it, writes of Markdown *page*."""
    from sphinx.cmd.build import build_main  # noqa: PLC0415

    (folder / "src").mkdir(parents=True)
    (folder / "src" / "index.md").write_text(page, encoding="utf-8")
    conf = 'extensions = ["myst_parser"]\nmyst_enable_extensions = ["colon_fence"]\n'
    (folder / "src" / "conf.py").write_text(conf, encoding="utf-8")
    assert 0 == build_main(["-q", "-b", "html", str(folder / "src"), str(folder / "html")])
    return (folder / "html" / "index.html").read_text(encoding="utf-8")


def test_the_dataset_page_built_by_sphinx_runs_no_script_of_the_data(tmp_path):
    """Built as the site is, the hostile page holds only the scripts of an empty page."""
    built = Markup(sphinx_page(tmp_path / "hostile", hostile_page())).tags
    empty = Markup(sphinx_page(tmp_path / "empty", "# The dataset\n")).tags

    assert [attrs for tag, attrs in empty if tag == "script"] == [
        attrs for tag, attrs in built if tag == "script"
    ]
    assert [] == [attrs for _, attrs in built if any(name.startswith("on") for name in attrs)]
    assert set() == {tag for tag, _ in built} & {"img", "iframe", "object", "embed", "pre"}


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
