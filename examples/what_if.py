"""What if the outstanding pledges had arrived? A scenario built on the bundled MSS.

Run it with ``python examples/what_if.py``. It takes the MSS as the record has it, adds an
arrival of each contingent's outstanding personnel on a chosen day, and compares the two
missions. The scenario is made up; the records it starts from are not.
"""

from datetime import date

import attrs

from haiti_mss import Arrival, Mission, data

# The made-up days on which the outstanding personnel arrive, by contingent.
ARRIVALS = {
    ("KEN", "police"): date(2024, 11, 1),
    ("JAM", "military"): date(2024, 12, 1),
    ("JAM", "police"): date(2024, 12, 1),
    ("BLZ", "military"): date(2024, 12, 1),
    ("BHS", "military"): date(2025, 1, 15),
    ("BEN", "military"): date(2025, 3, 1),
}


def with_pledges_met(mission: Mission) -> Mission:
    """*mission*, with each contingent's outstanding personnel arriving on its day above."""
    contingents = []
    for contingent in mission.contingents:
        day = ARRIVALS.get((contingent.country.code, contingent.personnel_type.value))
        history = list(contingent.history)
        if day is not None:
            outstanding = contingent.outstanding_on(day)
            if outstanding.value:
                history.append(Arrival(on=day, personnel=outstanding, note="scenario"))
        contingents.append(attrs.evolve(contingent, history=history))
    return attrs.evolve(mission, name=f"{mission.name}, pledges met", contingents=contingents)


def main() -> None:
    """Print the record and the scenario side by side on a few days."""
    actual = data.mss()
    scenario = with_pledges_met(actual)
    print(f"{'day':<12}{'deployed':>12}{'if pledges met':>16}{'share of ~2,500':>17}")
    for day in ("2024-09-21", "2025-01-01", "2025-06-30"):
        real, imagined = actual.status(day), scenario.status(day)
        share = imagined.deployment_ratio or 0
        print(f"{day:<12}{real.deployed!s:>12}{imagined.deployed!s:>16}{share:>17.0%}")


if __name__ == "__main__":
    main()
