"""How objects show themselves in notebooks: repr, str and HTML."""

from datetime import date

import pytest

from haiti_mss import (
    Arrival,
    Contingent,
    Dataset,
    Figure,
    Indicator,
    Mandate,
    MandateTimeline,
    Mission,
    Source,
    data,
)

D = date
CONTROLS = "\x1b[2J\x07\u202e\u200b"
"""An escape sequence, a bell, a right-to-left override, a zero-width space."""


@pytest.fixture
def hostile():
    """A mission whose texts try to inject HTML, or send controls."""
    return Mission(
        name=f"<script>alert(1)</script> Mission{CONTROLS}",
        acronym="HSM",
        host="HTI",
        lead="KEN",
        contingents=[
            Contingent(
                country="KEN",
                personnel_type="police",
                description=f"police{CONTROLS}",
                history=[
                    Arrival(
                        on=D(2030, 1, 1),
                        personnel=Figure(200, "about"),
                        sources=["x"],
                        note=f"a note{CONTROLS}",
                    )
                ],
            )
        ],
        sources=[
            Source(
                id="x", publisher=f"<b>bold</b>{CONTROLS}", title=f"<script>x</script>{CONTROLS}"
            )
        ],
    )


def test_reprs_are_short_and_readable():
    """A mission, a contingent, a timeline and a status fit on a line."""
    mss = data.mss()
    assert repr(mss).startswith(
        "Mission(acronym='MSS', name='Multinational Security Support Mission', "
    )
    assert (
        "Contingent(country='KEN', personnel_type='police', "
        "history=<12 records, 2024-01-26 to 2025-09-23>)" == repr(mss.contingent("KEN", "police"))
    )
    assert "MandateTimeline(S/RES/2699 (2023), S/RES/2751 (2024))" == repr(mss.mandates)
    assert (
        "Status(MSS on 2024-09-21: deployed ~426, committed ≤3,250, outstanding ~2,824, "
        "projected force ≤3,250)"
    ) == repr(mss.status("2024-09-21"))
    assert "Kenya (KEN) police: 12 records, 2024-01-26 to 2025-09-23" == str(
        mss.contingent("KEN", "police")
    )
    assert "no mandates" == str(MandateTimeline())
    assert "Contingent(country='BEN', personnel_type='military', history=<0 records>)" == repr(
        Contingent(country="BEN", personnel_type="military")
    )


def test_str_of_a_timeline_lists_mandates_and_lapses():
    """One line a mandate, then one a lapse."""
    timeline = MandateTimeline(
        mandates=[
            Mandate(resolution="S/RES/9001 (2030)", adopted=D(2030, 1, 1), expires=D(2030, 6, 30)),
            Mandate(
                resolution="S/RES/9002 (2030)",
                adopted=D(2030, 7, 10),
                expires=D(2031, 7, 9),
                ceiling=5550,
            ),
        ]
    )
    assert [
        "S/RES/9001 (2030): 2030-01-01 to 2030-06-30",
        "S/RES/9002 (2030): 2030-07-10 to 2031-07-09, ceiling 5,550",
        "lapse: 2030-07-01 to 2030-07-09",
    ] == str(timeline).splitlines()


@pytest.mark.parametrize(
    "shown",
    [
        lambda m: m,
        lambda m: m.contingents[0],
        lambda m: m.status("2030-01-01"),
        lambda m: m.status("2030-01-01").deployed,
        lambda m: m.mandates,
        lambda m: m.sources[0],
        lambda m: m.status("2030-01-01").by_country,
        lambda m: Dataset(sources=m.sources, missions=[m]),
        lambda _: Indicator(
            name=f"<script>x</script>{CONTROLS}", value=1, as_of=D(2030, 1, 1), note="<b>"
        ),
    ],
    ids=[
        "Mission",
        "Contingent",
        "Status",
        "Figure",
        "MandateTimeline",
        "Source",
        "Breakdown",
        "Dataset",
        "Indicator",
    ],
)
def test_html_is_escaped(hostile, shown):
    """Every _repr_html_ escapes what it shows: a <script> in the data renders as text.

    Controls and format characters are shown as their escapes, never sent raw.
    """
    html = shown(hostile)._repr_html_()
    assert html.startswith(("<table", "<span"))
    assert "<script>" not in html
    assert "<b>" not in html
    assert not set("\x1b\x07\u202e\u200b") & set(html)


def test_html_shows_qualifiers_and_source_counts(hostile):
    """Figures keep their qualifier; records show how many sources they cite, ids on hover."""
    html = hostile.contingents[0]._repr_html_()
    assert '<span title="about">~200</span>' in html
    assert '<span title="x">1</span>' in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Mission\\x1b[2J\\x07\\u202e\\u200b" in (
        hostile._repr_html_()
    )


def test_html_of_a_status_says_when_it_extrapolates():
    """A status after the records says so in its caption; the share of the basis is shown."""
    html = data.gsf().status("2026-12-01")._repr_html_()
    edge = data.gsf().current_through.isoformat()
    assert f"(extrapolated from {edge})" in html
    assert f"the figures are extrapolated: the record ends on {edge}" in html
    ended = data.mss().status("2026-01-01")._repr_html_()
    assert "extrapolated" not in ended
    assert "the MSS ended on 2025-10-02; succeeded by the GSF" in ended
    assert "deployed share" in data.mss().status("2024-09-21")._repr_html_()


def test_indicator_percentages_print_without_a_space():
    """80% reads as 80%, not 80 %."""
    gang = Indicator(name="gang control", value=80, unit="%", as_of=D(2024, 9, 21))
    assert "gang control: 80% (as of 2024-09-21)" == str(gang)


def test_a_dataset_shows_a_summary():
    """A dataset's repr and HTML summarise its missions, not thousands of characters."""
    dataset = data.dataset()
    assert repr(dataset).startswith("Dataset(sources=<111>, missions=(Mission(acronym='MSS', ")
    assert len(repr(dataset)) < 600
    html = dataset._repr_html_()
    assert len(html) < 2000
    assert "<caption>2 missions, 111 sources</caption>" in html
    assert "<td>GSF</td><td>Gang Suppression Force</td><td>2025-09-30</td><td></td>" in html


def test_a_source_links_to_its_address():
    """Its address is a link, escaped; what is not known is left out."""
    source = Source(id="un", publisher="UN", url="https://press.un.org/a?b=1&c=2")
    html = source._repr_html_()
    assert '<a href="https://press.un.org/a?b=1&amp;c=2" rel="noopener noreferrer">' in html
    assert "title" not in html.replace('title="', "")


def test_shares_keep_their_qualifier_and_nobody_is_zero_percent():
    """Shares keep their qualifier ("~17.0% of ... ≤2,500"), and nobody deployed is "0%"."""
    mss, gsf = data.mss(), data.gsf()
    assert "  Deployed:        ~426 (~17.0% of the planned strength of ≤2,500)" in str(
        mss.status("2024-09-21")
    )
    assert "(0% of the authorised ceiling of 5,550)" in str(gsf.status("2025-10-01"))
    assert "~17.0% of the planned strength of ≤2,500" in mss.status("2024-09-21")._repr_html_()


def test_a_contingent_without_a_pledge_is_not_shown_as_committed_zero():
    """The mission's table says "no pledge recorded" where the history holds no pledge."""
    mission = Mission(
        name="Example",
        acronym="EXM",
        host="HTI",
        lead="KEN",
        contingents=[
            Contingent(
                country="KEN",
                personnel_type="police",
                history=[Arrival(on=D(2030, 1, 1), personnel=5)],
            )
        ],
    )
    assert "<em>no pledge recorded</em>" in mission._repr_html_()
    for bundled in data.missions():
        unpledged = [
            c for c in bundled.contingents if not any(r.kind == "pledge" for r in c.history)
        ]
        assert len(unpledged) == bundled._repr_html_().count("no pledge recorded")
