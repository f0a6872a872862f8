"""The seeded evaluation grid equals the partnership policy's "Evaluating a partnership" section.

The section's table is read from the policy (docs/sources, a copy of the seed): the text from
each criterion's label to the next one must be exactly the seeded English label, its
questions numbered "1.", "2.", …, its indicators and its means of measurement, in that order,
with nothing missing and nothing left over. The six purposes are the section's bullets.
"""

import re
from pathlib import Path

import pytest
from django.core.management import call_command

from evaluations.grid import grid_data
from evaluations.models import Criterion, GridItem, GridItemKind, GridPurpose, GridVersion, Question
from evaluations.services import grid_load

POLICY = (Path(__file__).resolve().parents[2] / "docs/sources/partnership-policy-wikimedia-france.txt").read_text()
SEED = Path("/work/shared/seeds/partnership-policy-wikimedia-france.txt")
GRID = grid_data()


def _section() -> str:
    start = POLICY.index("Evaluating a partnership[edit]")
    end = POLICY.index("[edit]", start + len("Evaluating a partnership[edit]"))
    return POLICY[start : POLICY.rindex("\n", 0, end)]  # up to the next heading's line


def _table_rows() -> list[str]:
    section = _section()
    header = "Item Question Quality approach-related indicators Measurement means\n"
    table = section[section.index(header) + len(header) :]
    table = table.strip()
    labels = [c["label"]["en"] for c in GRID["criteria"]]
    rows = []
    for i, label in enumerate(labels):
        begin = table.index(label + " ")
        finish = table.index("\n" + labels[i + 1] + " ") if i + 1 < len(labels) else len(table)
        rows.append(table[begin:finish])
    return rows


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _row_text(criterion: dict) -> str:
    parts = [criterion["label"]["en"]]
    parts += [f"{n}. {q['text']['en']}" for n, q in enumerate(criterion["questions"], start=1)]
    parts += [i["text"]["en"] for i in criterion["indicators"]]
    parts += [m["text"]["en"] for m in criterion["means"]]
    return " ".join(parts)


def test_docs_copy_is_the_seed():
    if SEED.exists():
        assert SEED.read_text() == POLICY


def test_six_criteria_in_the_seed_order():
    assert [c["code"] for c in GRID["criteria"]] == [
        "effectiveness",
        "efficiency",
        "sustainability",
        "relevance",
        "promotion",
        "relationship",
    ]


@pytest.mark.parametrize("index", range(6))
def test_each_criterion_row_equals_the_policy_table(index):
    criterion = GRID["criteria"][index]
    assert _norm(_row_text(criterion)) == _norm(_table_rows()[index])


def test_the_table_has_nothing_left_over():
    section = _section()
    header = "Item Question Quality approach-related indicators Measurement means\n"
    table = section[section.index(header) + len(header) :].strip()
    assert _norm(table) == _norm(" ".join(_row_text(c) for c in GRID["criteria"]))


def test_purposes_are_the_section_bullets():
    bullets = [line.strip()[1:].strip() for line in _section().splitlines() if line.strip().startswith("•")]
    assert [p["text"]["en"] for p in GRID["purposes"]] == bullets
    assert len(bullets) == 6


def test_every_text_has_a_french_version():
    texts = [p["text"] for p in GRID["purposes"]]
    for c in GRID["criteria"]:
        texts += [c["label"]] + [q["text"] for q in c["questions"]] + [i["text"] for i in c["indicators"] + c["means"]]
    for text in texts:
        assert (text["fr"].strip() and text["fr"] != text["en"]) or text["en"] in {"Participants"}, text


@pytest.mark.django_db
def test_load_is_idempotent_and_stores_both_languages():
    grid_load()
    counts = (
        GridVersion.objects.count(),
        Criterion.objects.count(),
        Question.objects.count(),
        GridItem.objects.count(),
    )
    call_command("load_grid", verbosity=0)
    assert counts == (
        GridVersion.objects.count(),
        Criterion.objects.count(),
        Question.objects.count(),
        GridItem.objects.count(),
    )
    assert counts == (1, 6, 13, 19)
    assert GridPurpose.objects.count() == 6
    effectiveness = Criterion.objects.get(code="effectiveness")
    assert effectiveness.label_en == "Effectiveness"
    assert effectiveness.label_fr == "Efficacité"
    means = list(effectiveness.items.filter(kind=GridItemKind.MEANS).values_list("text_en", flat=True))
    assert means[-1] == "Difference between the number of people to train and the number of people actually trained"


@pytest.mark.django_db
def test_reloading_restores_the_wording_but_keeps_the_rows():
    grid_load()
    question = Question.objects.get(code="relationship_1")
    question.text_en = "Edited"
    question.save()
    grid_load()
    question.refresh_from_db()
    assert question.text_en == "Quality of interactions"
    assert Question.objects.filter(code="relationship_1").count() == 1
