"""The agreements app's tables for the URL × role walk (``tests/walk.py``, merged by
``tests/test_url_access.py``): parameters of its URLs and the answers that are not 200.

The cast's agreement of partner A has been sent (its version is frozen and rendered), holds
one clause, one signed scan and an unsent amendment."""

from __future__ import annotations

from tests.walk import portal, staff

# The reviewed access of each view (tests/walk.py): the walk answers against it.
ACCESS = {
    "staff:agreement_list": staff("agreements.view_agreement"),
    "staff:agreement_create": staff("agreements.add_agreement"),
    "staff:agreement_detail": staff("agreements.view_agreement"),
    "staff:agreement_update": staff("agreements.change_agreement"),
    "staff:agreement_documents": staff("agreements.view_agreement"),
    "staff:agreement_generate": staff("agreements.change_agreement"),
    "staff:agreement_transition": staff("agreements.change_agreement"),
    "staff:clause_add": staff("agreements.change_agreement"),
    "staff:clause_update": staff("agreements.change_agreement"),
    "staff:amendment_action": staff("agreements.change_agreement"),
    "staff:agreement_scan_upload": staff("agreements.change_agreement"),
    "staff:document_download": staff("agreements.view_agreement"),
    "staff:scan_download": staff("agreements.view_agreement"),
    "portal:agreement_list": portal(),
    "portal:agreement_detail": portal(),
    "portal:agreement_scan_upload": portal(admin_only=True),
    "portal:document_download": portal(),
}

PARAMS = {
    "staff:agreement_detail": lambda o: {"pk": o["agreement"]},
    "staff:agreement_update": lambda o: {"pk": o["agreement"]},
    "staff:agreement_documents": lambda o: {"pk": o["agreement"]},
    "staff:agreement_generate": lambda o: {"pk": o["agreement"]},
    "staff:agreement_transition": lambda o: {"pk": o["agreement"], "status": "signed"},
    "staff:clause_add": lambda o: {"pk": o["agreement"]},
    "staff:clause_update": lambda o: {"pk": o["agreement"], "clause_pk": o["amendment_clause"]},
    "staff:amendment_action": lambda o: {"pk": o["agreement"], "amendment_pk": o["amendment"], "action": "send"},
    "staff:agreement_scan_upload": lambda o: {"pk": o["agreement"]},
    "staff:document_download": lambda o: {"pk": o["document"]},
    "staff:scan_download": lambda o: {"pk": o["scan"]},
    "portal:agreement_detail": lambda o: {"pk": o["agreement"]},
    "portal:agreement_scan_upload": lambda o: {"pk": o["agreement"]},
    "portal:document_download": lambda o: {"pk": o["document"]},
}

SUCCESSES = {
    ("staff:agreement_create", "post"): 400,  # form errors, nothing saved
    ("staff:agreement_update", "get"): 302,  # a sent agreement is no longer editable: to its page
    ("staff:agreement_update", "post"): 302,
    ("staff:agreement_generate", "post"): 302,  # back to the agreement, with a message
    ("staff:agreement_transition", "post"): 302,
    ("staff:clause_add", "post"): 302,
    ("staff:clause_update", "post"): 400,  # form errors, nothing saved
    ("staff:amendment_action", "post"): 302,
    ("staff:agreement_scan_upload", "post"): 302,  # no file: a message, back to the agreement
    ("portal:agreement_scan_upload", "post"): 302,
}


def extend_cast(cast: dict) -> None:
    """A clause on the cast's amendment (unsent, so editable): the clause the edit page opens."""
    from agreements.models import Clause

    clause = Clause.objects.get(pk=cast["clause"].pk)
    clause.pk = None
    clause.amendment = cast["amendment"]
    clause.position += 100
    clause.save()
    cast["amendment_clause"] = clause
