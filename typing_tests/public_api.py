"""What a type checker sees of the public API: checked by mypy --strict and pyright, not run."""

from datetime import date
from typing import assert_type

import haiti_mss
from haiti_mss import (
    Arrival,
    Authorisation,
    Breakdown,
    Contingent,
    Country,
    Dataset,
    DatasetStatus,
    Departure,
    DepartureReason,
    Duration,
    Figure,
    Handover,
    Lapse,
    Mandate,
    MandateTimeline,
    Mission,
    PersonnelType,
    Pledge,
    Qualifier,
    Record,
    Status,
    Transfer,
    data,
)

figure = Figure(1000, "about")
assert_type(figure, Figure)
assert_type(figure.value, int | float)
assert_type(figure.qualifier, Qualifier)
assert_type(figure + 1, Figure)
assert_type(1 + figure, Figure)
assert_type(figure - figure, Figure)
assert_type(Figure.parse("~1,000"), Figure)

pledge = Pledge(on=date(2023, 7, 29), total=1000, sources=["ap"])
assert_type(pledge.total, Figure)
assert_type(pledge.sources, tuple[str, ...])
arrival = Arrival(on=date(2024, 6, 25), personnel=Figure(200, "about"))
departure = Departure(on=date(2025, 12, 8), personnel=100, reason="rotation")
assert_type(departure.reason, DepartureReason)

ken = Contingent(country="Kenya", personnel_type="police", history=[pledge, arrival, departure])
assert_type(ken.country, Country)
assert_type(ken.personnel_type, PersonnelType)
assert_type(ken.history, tuple[Record, ...])
assert_type(ken.deployed_on("2024-09-21"), Figure)
assert_type(ken.committed_on(date(2024, 9, 21)), Figure)
assert_type(ken.outstanding_on("21 Sep 2024"), Figure)
assert_type(ken.projected_on("2024-09-21"), Figure)

mandate = Mandate(
    resolution="S/RES/2699 (2023)", adopted=date(2023, 10, 2), expires=date(2024, 10, 2)
)
assert_type(mandate.ceiling, Figure | None)
renewal = Mandate.for_term(
    resolution="S/RES/2751 (2024)", adopted=date(2024, 9, 30), term="P12M", starts=date(2024, 10, 2)
)
assert_type(renewal, Mandate)
assert_type(renewal.term, Duration | None)
assert_type(date(2024, 1, 31) + Duration(months=1), date)

mission = Mission(
    name="Multinational Security Support Mission",
    acronym="MSS",
    host="HTI",
    lead="KEN",
    planned_strength=2500,
    mandates=[mandate, renewal],
    contingents=[ken],
)
assert_type(mission.mandates, MandateTimeline)
assert_type(mission.mandates.in_force_on("2024-09-21"), Mandate | None)
assert_type(mission.mandates.lapses, tuple[Lapse, ...])
assert_type(mission.mandates.authorisation_on("2024-09-21"), Authorisation)
assert_type(mission.contingent("KEN", "police"), Contingent)
assert_type(mission.successor, str | None)
assert_type(mission.current_through, date | None)
assert_type(mission.total_projected_force, Figure)
assert_type(mission.timeline("2024-01-01", "2024-12-31"), tuple[Status, ...])

status = mission.status("2024-09-21")
assert_type(status, Status)
assert_type(status.deployed, Figure)
assert_type(status.committed, Figure)
assert_type(status.outstanding, Figure)
assert_type(status.projected_force, Figure)
assert_type(status.by_country, Breakdown[Country])
assert_type(status.by_personnel_type, Breakdown[PersonnelType])
assert_type(status.by_country["KEN"], Figure)
assert_type(status.deployment_ratio, float | None)
assert_type(status.mandate, Mandate | None)
assert_type(status.days_until_expiry, int | None)
assert_type(status.extrapolated, bool)
assert_type(status.record_age_days, int | None)
assert_type(status.ended_on, date | None)

old = Mission(
    name="Old",
    acronym="OLD",
    host="HTI",
    lead="KEN",
    mandates=[mandate],
    successor="NEW",
    handover=Handover(on=date(2024, 10, 2), sources=["caricom"]),
)
assert_type(old.handover, Handover | None)
assert_type(old.started_on, date | None)
assert_type(old.ended_on, date | None)
assert_type(old.last_day, date | None)
assert_type(old.exists_on("2024-10-01"), bool)
assert_type(old.authorisation_on("2024-10-02"), Authorisation)
assert_type(old.transfers(), dict[tuple[Country, PersonnelType], Transfer])
transfer = Transfer(on=date(2024, 10, 2), personnel=200, from_mission="OLD")
assert_type(transfer.from_mission, str)
both = Dataset(sources=[], missions=[old])
assert_type(both.status("2024-10-02"), DatasetStatus)
assert_type(data.status("2024-10-02").deployed, Figure)

assert_type(haiti_mss.DataError.at("personnel", "must be >= 0"), haiti_mss.DataError)

# Frames are typed by their backend: a pandas or a polars DataFrame, or either when not said.
import pandas as pd  # noqa: E402  # the frames' types, for the assertions below
import polars as pl  # noqa: E402

from haiti_mss import frames  # noqa: E402

mss = data.mss()
assert_type(mss.records_frame(backend="polars"), pl.DataFrame)
assert_type(mss.records_frame(backend="pandas"), pd.DataFrame)
assert_type(mss.records_frame(), pd.DataFrame | pl.DataFrame)
assert_type(mss.timeline_frame("2024-06-01", "2024-09-01", backend="polars"), pl.DataFrame)
assert_type(mss.indicators_frame(backend="pandas", name="killings"), pd.DataFrame)
assert_type(mss.mandates.frame(backend="polars"), pl.DataFrame)
assert_type(frames.table_frame("strength", backend="polars"), pl.DataFrame)
assert_type(frames.table_frame("contributions", mss, backend="pandas"), pd.DataFrame)
assert_type(frames.table_frame("sources", mss), frames.Frame)
