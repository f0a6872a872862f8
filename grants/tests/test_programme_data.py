"""FY 2023-24 of the Wikimedia Alliances Fund equals the seed text (dates, criteria, focus
areas, envelope, open regions), and loading twice changes nothing."""

import datetime
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import translation

from grants.loading import load_all
from grants.models import Criterion, FiscalYear, FocusArea, Programme, Round, RoundRegion, StepKind, TimelineStep

SEED = Path("/work/shared/seeds/wikimedia-alliances-fund.txt")
if not SEED.exists():  # CI checkouts carry a copy next to the data
    SEED = Path(__file__).resolve().parent / "seed-wikimedia-alliances-fund.txt"

FR_MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]
EN_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
DATE = re.compile(
    r"(?P<frday>\d{1,2})(?:er)? (?P<frmonth>" + "|".join(FR_MONTHS) + r")(?: (?P<fryear>\d{4}))?"
    r"|(?P<enmonth>" + "|".join(EN_MONTHS) + r") (?P<enday>\d{1,2})(?:, (?P<enyear>\d{4}))?"
)
LABELS = {
    StepKind.SUPPORT_STARTS: "Applicant proposal support starts",
    StepKind.ELIGIBILITY_CHECK: "Eligibility check",
    StepKind.SUBMISSION_DEADLINE: "Submission deadline",
    StepKind.TRANSLATION_SUPPORT: "Application translation support",
    StepKind.REVIEW_STARTS: "Review starts",
    StepKind.FEEDBACK_RECEIVED: "Feedback received",
    StepKind.ENGAGING_WITH_FEEDBACK: "Engaging with feedback",
    StepKind.DECISION_ANNOUNCED: "Decision announced",
    StepKind.AGREEMENT_SIGNED: "Agreement signed",
    StepKind.FIRST_PAYMENT_SENT: "First payment sent",
    StepKind.MIDPOINT_CONVERSATION: "Midpoint learning conversation",
    StepKind.FINAL_REPORT_DUE: "Final report due",
}


def _spans(text: str) -> list[tuple[datetime.date, datetime.date | None]]:
    """The dates and date ranges of one "Full timeline" row, years filled from the right."""
    found = []
    for match in DATE.finditer(text):
        if match["frday"]:
            day, month, year = int(match["frday"]), FR_MONTHS.index(match["frmonth"]) + 1, match["fryear"]
        else:
            day, month, year = int(match["enday"]), EN_MONTHS.index(match["enmonth"]) + 1, match["enyear"]
        found.append([day, month, int(year) if year else None, match.start(), match.end()])
    for i in range(len(found) - 1, -1, -1):
        if found[i][2] is None:
            found[i][2] = found[i + 1][2]
    dates = [(datetime.date(y, mo, d), start, end) for d, mo, y, start, end in found]
    spans, i = [], 0
    while i < len(dates):
        if i + 1 < len(dates) and text[dates[i][2] : dates[i + 1][1]].strip() == "-":
            spans.append((dates[i][0], dates[i + 1][0]))
            i += 2
        else:
            spans.append((dates[i][0], None))
            i += 1
    return spans


def _seed_full_timeline() -> dict[str, list[tuple]]:
    lines = SEED.read_text().splitlines()
    start = lines.index("Afrique subsaharienne Asie de l'Est, du Sud-Est et Pacifique")
    rows = {}
    for line in lines[start + 1 : start + 13]:
        kind = next(k for k, label in LABELS.items() if line.startswith(label + " "))
        spans = _spans(line[len(LABELS[kind]) :])
        assert len(spans) == 2, line
        rows[kind] = spans
    return rows


def _bullets(after: str, until: str) -> list[str]:
    text = SEED.read_text()
    block = text[text.index(after) + len(after) : text.index(until)]
    # The seed carries a footnote marker ("[1]") that is not part of the requirement.
    return [re.sub(r"\[\d+\]$", "", b.strip()).rstrip(",.").strip() for b in re.findall(r"•\s*(.+)", block)]


@pytest.fixture
def loaded(db):
    load_all()
    return Programme.objects.get(code="wikimedia-alliances-fund")


def test_fy_2023_24_timelines_equal_the_seed_full_timeline(loaded):
    seed = _seed_full_timeline()
    assert len(seed) == 12
    fy = FiscalYear.objects.get(programme=loaded, code="2023-24")
    for column, code in enumerate(("ssa", "eseap")):
        rr = RoundRegion.objects.get(round__fiscal_year=fy, region__code=code)
        steps = {s.kind: (s.starts_on, s.ends_on) for s in rr.steps.all()}
        assert len(steps) == 12
        assert steps == {kind: spans[column] for kind, spans in seed.items()}, code
    # Spot checks written by hand, in case the parser above and the data share a mistake.
    ssa = TimelineStep.objects.get(
        round_region__round__fiscal_year=fy, round_region__region__code="ssa", kind=StepKind.TRANSLATION_SUPPORT
    )
    assert (ssa.starts_on, ssa.ends_on) == (datetime.date(2024, 3, 4), datetime.date(2024, 3, 8))
    eseap = TimelineStep.objects.get(
        round_region__round__fiscal_year=fy, round_region__region__code="eseap", kind=StepKind.FINAL_REPORT_DUE
    )
    assert (eseap.starts_on, eseap.ends_on) == (datetime.date(2025, 8, 15), None)


def test_deadlines_are_aware_moments_in_the_region_time_zone(loaded):
    step = TimelineStep.objects.get(
        round_region__round__fiscal_year__code="2023-24",
        round_region__region__code="ssa",
        kind=StepKind.SUBMISSION_DEADLINE,
    )
    assert step.deadline_at.utcoffset() is not None
    assert step.deadline_at == datetime.datetime(2024, 3, 1, 20, 59, 59, tzinfo=datetime.UTC)  # 23:59:59 Nairobi


def test_criteria_and_focus_areas_equal_the_seed(loaded):
    seed_criteria = _bullets("in order for a proposal to be reviewed:", "Review all eligibility requirements")
    assert len(seed_criteria) == 11
    with translation.override("en"):
        ours = [c.text.rstrip(".") for c in Criterion.objects.filter(programme=loaded, version=1)]
        assert ours == seed_criteria
        seed_focus = _bullets("can focus on supporting:", "Review applications")
        assert len(seed_focus) == 6
        assert [f.name for f in FocusArea.objects.filter(programme=loaded)] == seed_focus
    with translation.override("fr"):
        assert all(c.text and c.text_fr != c.text_en for c in Criterion.objects.filter(programme=loaded))
        assert FocusArea.objects.get(programme=loaded, code="advocacy").name == "efforts de plaidoyer"


def test_envelope_and_open_regions_equal_the_seed(loaded):
    text = SEED.read_text()
    amount = re.search(r"([\d,]+) USD is available for all invited organizations in fiscal year 2023-24", text)
    fy = FiscalYear.objects.get(programme=loaded, code="2023-24")
    assert fy.envelope == Decimal(amount[1].replace(",", "")) == Decimal("250000")
    assert loaded.currency == "USD"
    with translation.override("en"):
        open_regions = [rr.region.name for rr in RoundRegion.objects.filter(round__fiscal_year=fy, is_open=True)]
        assert all(name in text for name in open_regions)
        assert sorted(open_regions) == ["East, Southeast Asia, & Pacific", "Sub-Saharan Africa"]
    assert RoundRegion.objects.filter(round__fiscal_year=fy, is_open=False).count() == 6
    assert RoundRegion.objects.filter(round__fiscal_year=fy, allocation__isnull=False).count() == 0


def test_rounds_of_the_seed_exist_and_the_labels_are_its_headings(loaded):
    text = SEED.read_text()
    rounds = Round.objects.filter(fiscal_year__programme=loaded).select_related("fiscal_year")
    assert sorted((r.fiscal_year.code, r.number) for r in rounds) == [
        ("2021-22", 1),
        ("2021-22", 2),
        ("2022-23", 1),
        ("2022-23", 2),
        ("2023-24", 2),
    ]
    for r in rounds:
        assert r.label_en in text


def test_loading_twice_changes_nothing(loaded):
    counts = [m.objects.count() for m in (Criterion, FocusArea, TimelineStep, RoundRegion, Round)]
    load_all()
    assert [m.objects.count() for m in (Criterion, FocusArea, TimelineStep, RoundRegion, Round)] == counts
