"""The seeded catalogue and action plan equal the partnership policy, field by field.

The policy (docs/sources/partnership-policy-wikimedia-france.txt, a copy of the seed) is
walked row by row: each activity type's row must be exactly the concatenation of the
seeded English fields, in column order, with nothing missing and nothing left over.
"""

import re
from pathlib import Path

import pytest

from activities import catalogue
from activities.models import ActivityType, FormalDocument
from partnerships.models import PartnerType, Priority, StrategicPlan

ACTIVITY_TYPES = catalogue.activity_types()
PLAN = catalogue.plan()

POLICY = (Path(__file__).resolve().parents[2] / "docs/sources/partnership-policy-wikimedia-france.txt").read_text()

# How the policy spells partner types and documents in the table.
SEED_PARTNER_TYPE = {
    "cultural_institutions": ["Cultural institutions"],
    "local_authorities": ["Local authorities"],
    "public_organisations": ["Public organizations"],
    "education": ["Secondary or higher education"],
    "social_economy": ["Social and solidarity economy actors"],
    "thematic_organisations": ["Thematic organisations"],
    "companies": ["Companies"],
    "general_public": ["General public", "General Public"],
}
SEED_DOCUMENT = {
    "partnership_agreement": "Partnership agreement",
    "action_sheet": "Actionsheet",
    "training_agreement": "Training agreement",
    "service_contract": "Service provision contract",
    "satisfaction_questionnaire": "Satisfaction questionnaire",
}
# Column split, read off the policy's table (WMFR / partner / reciprocal item counts).
EXPECTED_SPLIT = {
    "edit-a-thon": (2, 2, 2),
    "conference": (2, 1, 2),
    "awareness-session": (2, 3, 2),
    "training": (2, 1, 1),
    "content-upload": (1, 1, 2),
    "wikipermanence": (2, 1, 2),
    "wikipedia-offline": (2, 2, 2),
    "public-domain-day": (2, 1, 2),
    "wikipedian-in-residence": (2, 1, 2),
    "wikipedia-in-town": (2, 1, 2),
    "wikitech-lunches": (2, 1, 2),
}


def _table() -> str:
    start = POLICY.index("Types of contribution[edit]")
    end = POLICY.index("Partnership structure[edit]")
    body = POLICY[start:end]
    header = "Implementation period\n"
    return body[body.index(header) + len(header) :]


def _consume(segment: str, pos: int, piece: str | list[str], where: str) -> int:
    """Skip layout (spaces, bullets, table pipes) then require ``piece`` right there."""
    while pos < len(segment) and (segment[pos].isspace() or segment[pos] in "•|"):
        pos += 1
    options = piece if isinstance(piece, list) else [piece]
    for option in options:
        if segment.startswith(option, pos):
            return pos + len(option)
    raise AssertionError(f"{where}: expected {options!r} at {segment[pos : pos + 80]!r}")


def test_eleven_types_in_policy_order():
    table = _table()
    positions = [table.index(row["name"]["en"] + " ") for row in ACTIVITY_TYPES]
    assert len(ACTIVITY_TYPES) == 11
    assert positions == sorted(positions)


@pytest.mark.parametrize("index", range(11), ids=[r["code"] for r in ACTIVITY_TYPES])
def test_each_row_is_exactly_the_seeded_fields(index):
    table = _table()
    row = ACTIVITY_TYPES[index]
    start = table.index(row["name"]["en"] + " ")
    end = table.index(ACTIVITY_TYPES[index + 1]["name"]["en"] + " ") if index < 10 else len(table)
    segment = table[start:end]
    pos, code = 0, row["code"]
    pos = _consume(segment, pos, row["name"]["en"], f"{code} name")
    pos = _consume(segment, pos, row["definition"]["en"], f"{code} definition")
    if row["note"]["en"]:
        pos = _consume(segment, pos, row["note"]["en"], f"{code} note")
    for partner_type in row["partner_types"]:
        pos = _consume(segment, pos, SEED_PARTNER_TYPE[partner_type], f"{code} partner type")
    for column in ("wmfr_contribution", "partner_contribution", "reciprocal_commitments"):
        for item in row[column]["en"]:
            pos = _consume(segment, pos, item, f"{code} {column}")
    for document in row["documents"]:
        pos = _consume(segment, pos, SEED_DOCUMENT[document], f"{code} document")
    pos = _consume(segment, pos, row["period"]["en"], f"{code} period")
    assert segment[pos:].strip(" \n•|") == "", f"{code}: text left over: {segment[pos:]!r}"
    split = tuple(len(row[c]["en"]) for c in ("wmfr_contribution", "partner_contribution", "reciprocal_commitments"))
    assert split == EXPECTED_SPLIT[code]
    months = [int(n) for n in re.findall(r"\d+", row["period"]["en"])]
    assert (row["min_months"], row["max_months"]) == (min(months), max(months))
    assert row["membership_fee_expected"] == ("Membership fee (100€ min.)" in segment)


@pytest.mark.parametrize("row", ACTIVITY_TYPES, ids=[r["code"] for r in ACTIVITY_TYPES])
def test_french_version_is_complete(row):
    for field in ("name", "definition", "period"):
        assert row[field]["fr"].strip(), field
    assert row["definition"]["fr"] != row["definition"]["en"]
    for column in ("wmfr_contribution", "partner_contribution", "reciprocal_commitments"):
        assert len(row[column]["fr"]) == len(row[column]["en"]), column
        assert all(item.strip() for item in row[column]["fr"])
    assert bool(row["note"]["fr"]) == bool(row["note"]["en"])


def test_plan_priorities_and_sub_priorities_match_policy():
    # "  • Priority 1 – Increase ..." then "    • Secondary and higher education" lines.
    found = re.findall(r"^  • Priority (\d) [–-] (.+)$", POLICY, flags=re.MULTILINE)
    assert [(p["number"], p["title"]["en"]) for p in PLAN["priorities"]] == [(int(n), t) for n, t in found]
    for priority in PLAN["priorities"]:
        block = POLICY.split(priority["title"]["en"], 1)[1]
        subs = []
        for line in block.splitlines()[1:]:
            if not line.startswith("    • "):
                break
            subs.append(line[len("    • ") :])
        assert [s["en"] for s in priority["sub_priorities"]] == subs
        assert all(s["fr"].strip() for s in priority["sub_priorities"])


@pytest.mark.django_db
def test_loaded_database_equals_reference_data_in_both_languages(catalogue):
    assert ActivityType.objects.count() == 11
    for position, row in enumerate(ACTIVITY_TYPES, start=1):
        t = ActivityType.objects.get(code=row["code"])
        assert t.position == position
        for lang in ("en", "fr"):
            assert getattr(t, f"name_{lang}") == row["name"][lang]
            assert getattr(t, f"definition_{lang}") == row["definition"][lang]
            assert getattr(t, f"period_{lang}") == row["period"][lang]
            assert (getattr(t, f"note_{lang}") or "") == row["note"][lang]
            for column in ("wmfr_contribution", "partner_contribution", "reciprocal_commitments"):
                assert getattr(t, f"{column}_{lang}").split("\n") == row[column][lang]
        assert t.eligible_partner_types == row["partner_types"]
        assert set(t.eligible_partner_types) <= set(PartnerType.values)
        assert t.documents == row["documents"]
        assert set(t.documents) <= set(FormalDocument.values)
        assert (t.min_months, t.max_months, t.membership_fee_expected) == (
            row["min_months"],
            row["max_months"],
            row["membership_fee_expected"],
        )
    plan = StrategicPlan.objects.get(is_current=True)
    assert plan.code == "2014-2015"
    priorities = list(Priority.objects.filter(plan=plan).prefetch_related("sub_priorities"))
    assert len(priorities) == 6
    for priority, row in zip(priorities, PLAN["priorities"], strict=True):
        assert (priority.number, priority.title_en, priority.title_fr) == (
            row["number"],
            row["title"]["en"],
            row["title"]["fr"],
        )
        assert [(s.title_en, s.title_fr) for s in priority.sub_priorities.all()] == [
            (s["en"], s["fr"]) for s in row["sub_priorities"]
        ]


@pytest.mark.django_db
def test_loading_twice_changes_nothing(catalogue):
    from activities.services import catalogue_load

    before = list(ActivityType.objects.values())
    catalogue_load()
    assert list(ActivityType.objects.values()) == before
    assert Priority.objects.count() == 6
