import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from activities.models import Activity, ActivityType
from tests.factories import PartnerFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


def test_dashboard_counts_and_partners_without_recent_action(staff_client, catalogue):
    cache.clear()
    quiet = PartnerFactory(name="Musée silencieux", relationship_status="active", region="BRE")
    busy = PartnerFactory(name="Musée actif", relationship_status="active", region="BRE")
    PartnerFactory(name="Prospect", relationship_status="prospect", region="OCC")
    old = PartnershipFactory(partners=[quiet])
    recent = PartnershipFactory(partners=[busy])
    training = ActivityType.objects.get(code="training")
    Activity.objects.create(
        partnership=old,
        activity_type=training,
        title="Ancienne",
        start_date=timezone.localdate() - datetime.timedelta(days=800),
    )
    Activity.objects.create(
        partnership=recent,
        activity_type=training,
        title="Récente",
        start_date=timezone.localdate() - datetime.timedelta(days=20),
    )
    context = staff_client.get(reverse("staff:dashboard")).context
    assert context["total_partners"] == 3
    assert {v: n for v, _, n in context["by_status"]}["active"] == 2
    assert {v: n for v, _, n in context["by_region"]} == {"BRE": 2, "OCC": 1}
    assert context["stale_count"] == 1
    assert [p.name for p in context["stale_partners"]] == ["Musée silencieux"]
    assert context["stale_partners"][0].last_action == timezone.localdate() - datetime.timedelta(days=800)


def test_dashboard_figures_follow_changes_at_once(staff_client, catalogue):
    cache.clear()
    PartnerFactory(name="Premier")
    assert staff_client.get(reverse("staff:dashboard")).context["total_partners"] == 1
    PartnerFactory(name="Second")  # a save invalidates the cached figures
    assert staff_client.get(reverse("staff:dashboard")).context["total_partners"] == 2
