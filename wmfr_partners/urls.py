"""URL map: the addresses people and scripts rely on.

/            -> login page, or the user's own home
/staff/      -> back-office (namespace "staff")
/portal/     -> partner self-service portal (namespace "portal")
/invitations/<partner>/<token>/ -> the link of an invitation e-mail
/catalogue/  -> public catalogue (namespace "catalogue")
/grants/<programme>/<fiscal year>/ -> public page of a grant programme (namespace "grants")
/accounts/   -> login, logout, password change and reset
/preferences/, /notifications/ -> the user's own reminder settings and notifications
/calendar/<id>/<token>.ics, /calendar/partners/<id>/<token>.ics -> private calendar feeds
/admin/      -> Django admin
/healthz     -> database and broker health
"""

from django.conf import settings
from django.contrib import admin
from django.http import HttpResponse
from django.urls import include, path

from accounts import views as accounts_views
from activities import urls as activities_urls
from agreements import urls as agreements_urls
from core import urls as core_urls
from core import views as core_views
from evaluations import urls as evaluations_urls
from grants import urls as grants_urls
from partnerships import urls as partnerships_urls

staff_patterns = [
    *activities_urls.staff_urlpatterns,
    *partnerships_urls.staff_urlpatterns,
    *agreements_urls.staff_urlpatterns,
    *grants_urls.staff_urlpatterns,
    *evaluations_urls.staff_urlpatterns,
]
portal_patterns = [
    *partnerships_urls.portal_urlpatterns,
    *activities_urls.portal_urlpatterns,
    *agreements_urls.portal_urlpatterns,
    *grants_urls.portal_urlpatterns,
    *evaluations_urls.portal_urlpatterns,
    *core_urls.portal_urlpatterns,
]

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("accounts/", include("accounts.urls")),
    path("i18n/setlang/", accounts_views.set_language, name="set_language"),
    path("staff/", include((staff_patterns, "staff"))),
    path("portal/", include((portal_patterns, "portal"))),
    path("invitations/", include(partnerships_urls.invitation_urlpatterns)),
    path("catalogue/", include((activities_urls.catalogue_urlpatterns, "catalogue"))),
    path("grants/", include((grants_urls.public_urlpatterns, "grants"))),
    path("admin/", admin.site.urls),
    # The user's own pages and calendar feeds (the address is the secret: no login).
    path("", include(core_urls.urlpatterns)),
    path("", include(partnerships_urls.feed_urlpatterns)),
    # Public pages of the evaluations app (questionnaire links, open data); last, at the root.
    path("", include((evaluations_urls.public_urlpatterns, "evaluations"))),
]

if settings.BENCH_TRIVIAL_VIEW:
    # The benchmark's yardstick (bench/bench_pages.py): a Django view doing nothing.
    urlpatterns.append(path("bench/trivial", lambda request: HttpResponse("ok"), name="bench_trivial"))
