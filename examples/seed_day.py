"""The MSS on 21 September 2024, the day of the seed article, built by hand from cited records.

Run it with ``python examples/seed_day.py``. Every figure below comes from
``shared/facts/public-record.md`` or the seed article, with the source it names. The bundled
dataset (``haiti_mss.data``) will hold the full record; this script shows how to build a
mission yourself and what the counting rules make of it.
"""

from datetime import date

from haiti_mss import (
    Alternative,
    Arrival,
    Confidence,
    Contingent,
    Figure,
    Mandate,
    Mission,
    Pledge,
    Source,
    Vote,
)

SOURCES = [
    Source(
        id="seed-oant-2024-09",
        publisher="One Africa News Today",
        title="Kenyan President Ruto Visits Haiti and Pledges Additional 600 Police Officers",
        note="The seed article; published in September 2024 (day not given).",
    ),
    Source(
        id="ap-wsoctv-2024-09-21",
        publisher="Associated Press",
        via="WSOC-TV",
        published=date(2024, 9, 21),
        note="Ruto's visit to Port-au-Prince and the pledge of 600 more officers.",
    ),
    Source(
        id="kbc-swahili-ruto-haiti",
        publisher="KBC Swahili",
        url="https://swahili.kbc.co.ke/ruto-afanya-ziara-ya-ghafla-nchini-haiti",
    ),
    Source(id="radio-jambo", publisher="Radio Jambo", note="Reported 400 on the first flight."),
    Source(
        id="haitilibre-2024-07-17",
        publisher="HaitiLibre",
        url="https://www.haitilibre.com/en/news-42781-haiti-flash-a-2nd-kenyan-contingent-has-arrived-in-haiti.html",
        published=date(2024, 7, 17),
    ),
    Source(
        id="ap-keyt-2024-09-12",
        publisher="Associated Press",
        via="KEYT",
        url="https://keyt.com/news/2024/09/12/jamaican-soldiers-and-police-arrive-in-haiti-to-help-fight-gangs/",
        published=date(2024, 9, 12),
    ),
    Source(
        id="un-sc15432",
        publisher="United Nations",
        title="Security Council Authorizes MSS ... Initial Period of One Year, "
        "by Vote of 13 in Favour with 2 Abstentions",
        url="https://press.un.org/2023/sc15432.doc.htm",
        published=date(2023, 10, 2),
        note="Press release SC/15432.",
    ),
    Source(
        id="scr-wib-2024-11-19",
        publisher="Security Council Report",
        title="Haiti: Briefing and Consultations",
        url="https://www.securitycouncilreport.org/whatsinblue/2024/11/haiti-briefing-and-consultations-12.php",
        published=date(2024, 11, 19),
    ),
]

KENYA = Contingent(
    country="KEN",
    personnel_type="police",
    description="National Police Service",
    history=[
        Arrival(
            on=date(2024, 6, 25),
            personnel=Figure(200, "about"),
            alternatives=[Alternative(value=400, sources=["radio-jambo"], note="early reports")],
            sources=["kbc-swahili-ruto-haiti"],
            confidence=Confidence.MEDIUM,
            note="First contingent; the best reading is ~200 on 25 June, ~400 after 16 July.",
        ),
        Arrival(
            on=date(2024, 7, 16),
            personnel=Figure(200, "about"),
            sources=["haitilibre-2024-07-17"],
            confidence=Confidence.HIGH,
        ),
        Pledge(
            on=date(2024, 9, 21),
            total=Figure(1000, "about"),
            increment=600,
            sources=["ap-wsoctv-2024-09-21", "seed-oant-2024-09"],
            confidence=Confidence.HIGH,
            note="600 more, bringing the total to about 1,000.",
        ),
    ],
)

JAMAICA_SOLDIERS, JAMAICA_POLICE, BELIZE = (
    Contingent(
        country=country,
        personnel_type=kind,
        history=[
            Arrival(
                on=date(2024, 9, 12),
                personnel=count,
                sources=["ap-keyt-2024-09-12"],
                confidence=Confidence.HIGH,
            )
        ],
    )
    for country, kind, count in (
        ("JAM", "military", 20),
        ("JAM", "police", 4),
        ("BLZ", "military", 2),
    )
)

MSS = Mission(
    name="Multinational Security Support Mission",
    acronym="MSS",
    host="HTI",
    lead="KEN",
    planned_strength=Figure(2500, "about"),
    planned_strength_sources=["scr-wib-2024-11-19", "seed-oant-2024-09"],
    mandates=[
        Mandate(
            resolution="S/RES/2699 (2023)",
            adopted=date(2023, 10, 2),
            expires=date(2024, 10, 2),
            vote=Vote(in_favour=13, abstentions=2, abstainers=["CHN", "RUS"]),
            sources=["un-sc15432"],
        )
    ],
    contingents=[KENYA, JAMAICA_SOLDIERS, JAMAICA_POLICE, BELIZE],
    sources=SOURCES,
    successor="GSF",
)


def main() -> None:
    """Print the status on the seed day and where the sources disagree."""
    status = MSS.status("21 September 2024")
    print(status)
    print()
    print("Where the sources disagree:")
    for contingent in MSS.contingents:
        for record in contingent.history:
            for alternative in record.alternatives:
                print(
                    f"  {contingent.country.code} {record.kind} on {record.on.isoformat()}: "
                    f"{record.figure} per {', '.join(record.sources)}; "
                    f"{alternative.value} per {', '.join(alternative.sources)}"
                )
    print()
    print(f"Uncited records: {len(MSS.uncited())}; unused sources: {len(MSS.unused_sources())}")


if __name__ == "__main__":
    main()
