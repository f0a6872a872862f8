"""Public pages of the reports wing: the open data (page, CSV and JSON downloads).

Anyone may read them, without an account. They show only the partnerships whose partners
agreed to publish them, and only the columns ``evaluations.opendata`` chooses (no contact,
no user, no e-mail). The area has no partner scope: the reads run with the scopes disabled,
on purpose, through the one selector that filters on the flag.
"""

from __future__ import annotations

import json

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views import View
from django_scopes import scopes_disabled

from core import exports
from core.access import PublicMixin

from .. import opendata

FORMATS = ("csv", "json")


class OpenDataView(PublicMixin, View):
    def get(self, request):
        with scopes_disabled():
            data = opendata.open_data()
        return render(request, "evaluations/reports/open_data.html", {"data": data, "totals": data.totals})


class OpenDataExportView(PublicMixin, View):
    def get(self, request, fmt: str):
        if fmt not in FORMATS:
            raise Http404
        with scopes_disabled():
            data = opendata.open_data()
        stamp = timezone.localdate().strftime("%Y%m%d")
        if fmt == "json":
            body = json.dumps(opendata.as_json(data), ensure_ascii=False, indent=1)
            response = HttpResponse(body, content_type="application/json; charset=utf-8")
        else:
            records = opendata.activity_records(data)
            headers = [header for _key, header in opendata.ACTIVITY_COLUMNS]
            rows = [[record[key] for key, _header in opendata.ACTIVITY_COLUMNS] for record in records]
            response = HttpResponse(exports.to_csv(headers, rows), content_type=exports.CSV_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="wmfr-partnerships-open-data-{stamp}.{fmt}"'
        response["Access-Control-Allow-Origin"] = "*"  # open data: any site may read it
        return response
