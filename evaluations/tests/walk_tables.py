"""The evaluations app's tables for the URL × role walk (``tests/walk.py``, merged by
``tests/test_url_access.py``).

Its lists take no parameter; ``extend_cast`` gives partner A a joint evaluation of its action
and a press mention, so the staff list shows them and the portal list of partner B must not
(``markers``: the press mention's title)."""

from __future__ import annotations

import datetime

from tests.walk import portal, staff

# The reviewed access of each view (tests/walk.py): the walk answers against it.
ACCESS = {
    "staff:evaluation_list": staff("evaluations.view_evaluation"),
    "portal:evaluation_list": portal(),
}

PRESS_TITLE = "Article confidentiel sur A"

PARAMS: dict = {}
SUCCESSES: dict = {}


def extend_cast(cast: dict) -> None:
    from evaluations.models import GridVersion
    from evaluations.services import evaluation_create, grid_load, press_mention_add

    if not GridVersion.objects.exists():
        grid_load()
    cast["evaluation"] = evaluation_create(
        partnership=cast["partnership"], activity=cast["activity"], by=cast["users"]["staff"]
    )
    cast["press_mention"] = press_mention_add(
        partnership=cast["partnership"],
        activity=cast["activity"],
        outlet="Le Journal",
        kind="local_press",
        published_on=datetime.date(2024, 5, 2),
        title=PRESS_TITLE,
        by=cast["users"]["staff"],
    )


def markers(cast: dict) -> dict[str, str]:
    return {"press mention": PRESS_TITLE}
