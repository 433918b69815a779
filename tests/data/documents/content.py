"""The plan every document of the import corpus is written from: four findings, fourteen
actions, their owners, dates, measures and statuses. An invented area (Kingsmere) and
invented people. ``make_corpus.py`` writes it in each layout and as ``truth.yaml``."""

from __future__ import annotations

from dataclasses import dataclass

AREA = "Kingsmere"
TITLE = "Kingsmere Local Area SEND Written Statement of Action"


@dataclass(frozen=True)
class Person:
    key: str
    name: str
    post: str
    org: str


PEOPLE = {
    p.key: p
    for p in (
        Person("reid", "Tom Reid", "Head of SEND", "KCC"),
        Person("shah", "Priya Shah", "Designated Clinical Officer", "ICB"),
        Person("blake", "Sarah Blake", "Director of Children's Services", "KCC"),
        Person("ellis", "Mark Ellis", "Assistant Director for Education", "KCC"),
        Person("okoro", "James Okoro", "Head of Commissioning", "ICB"),
        Person("chen", "Amy Chen", "Principal Educational Psychologist", "KCC"),
        Person("finch", "Laura Finch", "SEND Data Manager", "KCC"),
        Person("cole", "Helen Cole", "Chair", "KPCF"),
    )
}
ORGS = {
    "KCC": "Kingsmere County Council",
    "ICB": "NHS Kingsmere Integrated Care Board",
    "KPCF": "Kingsmere Parent Carer Forum",
}


@dataclass(frozen=True)
class Finding:
    ref: str
    number: int
    text: str
    short: str
    """A priority title for the layouts that set the plan out by priority."""


FINDINGS = (
    Finding(
        "W1",
        1,
        "Leaders do not have an accurate, shared understanding of the needs of "
        "children and young people with SEND in the area.",
        "Shared understanding of need",
    ),
    Finding(
        "W2",
        2,
        "Too many education, health and care plans are issued late and are of poor quality.",
        "Timely, high-quality EHC plans",
    ),
    Finding(
        "W3",
        3,
        "Children and young people wait too long for neurodevelopmental assessment and diagnosis.",
        "Neurodevelopmental pathway",
    ),
    Finding(
        "W4",
        4,
        "Parents and carers do not know about the local offer and find it hard to use.",
        "A local offer families use",
    ),
)


@dataclass(frozen=True)
class Action:
    ref: str
    finding: str
    text: str
    owners: tuple[str, ...]
    year: int
    month: int
    measure: str
    status: str


ACTIONS = (
    Action(
        "1.1",
        "W1",
        "Publish a joint strategic needs assessment for SEND with health and social care data",
        ("finch",),
        2025,
        3,
        "JSNA published and used by the partnership board",
        "Green",
    ),
    Action(
        "1.2",
        "W1",
        "Agree a single SEND strategy with all partners and parent carers",
        ("blake",),
        2025,
        6,
        "Strategy signed off by all partners",
        "Amber",
    ),
    Action(
        "1.3",
        "W1",
        "Set up a SEND dashboard reported to the partnership board every quarter",
        ("finch", "okoro"),
        2025,
        9,
        "Dashboard reviewed at four board meetings",
        "Amber",
    ),
    Action(
        "1.4",
        "W1",
        "Train all school leaders in the new SEND strategy",
        ("ellis",),
        2025,
        12,
        "90% of school leaders trained",
        "Red",
    ),
    Action(
        "2.1",
        "W2",
        "Recruit four more EHC plan coordinators",
        ("reid",),
        2025,
        2,
        "Four coordinators in post",
        "Green",
    ),
    Action(
        "2.2",
        "W2",
        "Introduce a monthly quality assurance audit of new EHC plans",
        ("reid", "chen"),
        2025,
        4,
        "80% of audited plans good or better",
        "Amber",
    ),
    Action(
        "2.3",
        "W2",
        "Make health advice for EHC needs assessments arrive within six weeks",
        ("shah",),
        2025,
        7,
        "95% of health advice on time",
        "Red",
    ),
    Action(
        "2.4",
        "W2",
        "Co-produce a new EHC plan template with parent carers",
        ("cole",),
        2025,
        5,
        "Template in use for all new plans",
        "Green",
    ),
    Action(
        "3.1",
        "W3",
        "Commission an extra neurodevelopmental assessment provider",
        ("okoro",),
        2025,
        8,
        "Waiting list below 18 weeks",
        "Amber",
    ),
    Action(
        "3.2",
        "W3",
        "Offer support to families while they wait for an assessment",
        ("shah",),
        2025,
        4,
        "Support offer taken up by 60% of waiting families",
        "Green",
    ),
    Action(
        "3.3",
        "W3",
        "Publish waiting times for the neurodevelopmental pathway every month",
        ("okoro",),
        2025,
        1,
        "Waiting times published monthly",
        "Green",
    ),
    Action(
        "4.1",
        "W4",
        "Rebuild the local offer website with parent carers",
        ("cole", "reid"),
        2025,
        10,
        "Visits to the local offer up by half",
        "Amber",
    ),
    Action(
        "4.2",
        "W4",
        "Run local offer drop-in sessions in every family hub",
        ("ellis",),
        2025,
        11,
        "Sessions held in all eight hubs",
        "Red",
    ),
    Action(
        "4.3",
        "W4",
        "Send a termly local offer newsletter to every family with an EHC plan",
        ("reid",),
        2026,
        1,
        "Newsletter sent each term",
        "Green",
    ),
)

_MONTHS_TEXT = (
    "January February March April May June July August September October November December"
)
MONTHS = _MONTHS_TEXT.split()
