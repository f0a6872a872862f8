"""The activities app's tables for the URL × role walk (``tests/walk.py``, merged by
``tests/test_url_access.py``): parameters of its URLs and the answers that are not 200.

The cast's objects of partner A: its proposal (submitted), its action "Edit-a-thon de A"
and a finished metrics snapshot of that action."""

from __future__ import annotations

from tests.walk import PUBLIC, portal, staff

# The reviewed access of each view (tests/walk.py): the walk answers against it.
ACCESS = {
    "staff:dashboard": staff("partnerships.view_partner"),
    "staff:proposal_list": staff("activities.view_actionproposal"),
    "staff:proposal_detail": staff("activities.view_actionproposal"),
    "staff:proposal_decision": staff("activities.change_actionproposal", "partnerships.add_partnership"),
    "staff:activity_create": staff("activities.add_activity"),
    "staff:activity_list": staff("activities.view_activity"),
    "staff:activity_export": staff("activities.view_activity"),
    "staff:activity_calendar": staff("activities.view_activity"),
    "staff:activity_week": staff("activities.view_activity"),
    "staff:activity_detail": staff("activities.view_activity"),
    "staff:activity_update": staff("activities.view_activity", "activities.change_activity"),
    "staff:activity_status": staff("activities.view_activity", "activities.change_activity"),
    "staff:activity_plan": staff("activities.view_activity", "activities.change_activity"),
    "staff:activity_scope": staff("activities.view_activity", "activities.change_activity"),
    "staff:activity_refresh": staff("activities.view_activity", "activities.change_activity"),
    "staff:snapshot_progress": staff("activities.view_activity"),
    "portal:proposal_create": portal(),
    "portal:proposal_detail": portal(),
    "portal:activity_list": portal(),
    "portal:activity_detail": portal(),
    "portal:activity_participants": portal(),
    "catalogue:list": PUBLIC,
    "catalogue:detail": PUBLIC,
}

PARAMS = {
    "catalogue:detail": lambda o: {"code": "training"},
    "staff:proposal_detail": lambda o: {"pk": o["proposal"]},
    "staff:proposal_decision": lambda o: {"pk": o["proposal"], "decision": "accept"},
    "staff:activity_create": lambda o: {"pk": o["partnership"]},
    "staff:activity_export": lambda o: {"fmt": "csv"},
    "staff:activity_detail": lambda o: {"pk": o["activity"]},
    "staff:activity_update": lambda o: {"pk": o["activity"]},
    "staff:activity_status": lambda o: {"pk": o["activity"]},
    "staff:activity_plan": lambda o: {"pk": o["activity"]},
    "staff:activity_scope": lambda o: {"pk": o["activity"]},
    "staff:activity_refresh": lambda o: {"pk": o["activity"]},
    "staff:snapshot_progress": lambda o: {"pk": o["activity"], "snapshot_pk": o["snapshot"]},
    "portal:proposal_create": lambda o: {"code": "edit-a-thon"},
    "portal:proposal_detail": lambda o: {"pk": o["proposal"]},
    "portal:activity_detail": lambda o: {"pk": o["activity"]},
    "portal:activity_participants": lambda o: {"pk": o["activity"]},
}

SUCCESSES = {
    # Forms posted empty: their errors, nothing saved.
    ("staff:activity_create", "post"): 400,
    ("staff:activity_update", "post"): 400,
    ("staff:activity_plan", "post"): 400,
    ("staff:activity_scope", "post"): 400,
    ("portal:proposal_create", "post"): 400,
    ("portal:activity_participants", "post"): 400,
    ("staff:activity_status", "post"): 302,  # no status chosen: a message, back to the action
    ("staff:activity_refresh", "post"): 302,  # a snapshot queued, back to the action
    ("staff:proposal_decision", "post"): 302,  # accepted, to the new partnership
}
