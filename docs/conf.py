"""Sphinx configuration for the haiti_mss documentation."""

from importlib.metadata import version as _version

project = "haiti_mss"
author = "The haiti_mss developers"
copyright = "2026, The haiti_mss developers"  # noqa: A001  # Sphinx reads this name
release = _version("haiti-mss")
version = release

extensions = [
    "myst_nb",  # MyST Markdown, and the example notebook executed into the site
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
]
source_suffix = {".md": "myst-nb", ".ipynb": "myst-nb"}
# The tour (docs/tour.ipynb, a link to examples/mss_tour.ipynb) is run at every build, so
# that its output is that of the code and the data of this version; an error fails the build.
nb_execution_mode = "force"
nb_execution_raise_on_error = True
nb_execution_timeout = 300
nb_merge_streams = True
exclude_patterns = ["_build", "README.md"]
myst_enable_extensions = ["colon_fence"]
myst_heading_anchors = 3

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_typehints_format = "short"
autodoc_default_options = {"members": True, "show-inheritance": False}
napoleon_google_docstring = True
napoleon_numpy_docstring = False

nitpicky = True
nitpick_ignore_regex = [
    # The standard library is not linked: the docs build without fetching inventories.
    (r"py:.*", r"(datetime|decimal|enum|collections\.abc|typing|pathlib|importlib|re)\..*"),
    (r"py:.*", r"(attrs|cattrs|dateutil|narwhals|matplotlib|pandas|polars|hypothesis)(\..*)?"),
    (r"py:.*", r"haiti_mss\.(\w+\.)+[A-Z]"),  # type variables: T, K, E
    (r"py:class", r"(Any|Self|T|K|E|A|Callable|Iterable|Iterator|Sequence|Mapping|Final|ClassVar)"),
    (r"py:class", r"(date|datetime|Decimal|relativedelta|rrule|Axes|Path)"),
    (r"py:.*", r"(pd|pl)\.DataFrame|Frame"),  # pandas and polars are not linked either
    (r"py:class", r"(Frequency|Qualifier|MilestoneKind)"),
    (r"py:class", r"haiti_mss\..*\.(FigureLike|CountryLike|Frequency|Validator|Column)"),
]

html_theme = "furo"
html_title = "haiti_mss"
html_static_path = ["_static"]
