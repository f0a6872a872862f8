"""Views of the evaluations app, one module per wing and area.

- ``evaluation_staff.py`` / ``evaluation_portal.py``: joint evaluations (list, detail, the
  sides' forms, the side-by-side view, press mentions, lessons).

Other wings add their own modules next to these (questionnaires, reports, open data) and
their patterns to ``evaluations/urls.py``.
"""
