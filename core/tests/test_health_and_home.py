import pytest
from django.urls import reverse

from core.models import WorkerHeartbeat
from core.services import heartbeat_record
from core.tasks import heartbeat


@pytest.mark.django_db
def test_healthz_reports_database_and_broker(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"] == {"database": "ok", "broker": "ok"}
    assert body["worker_heartbeat"] is None


@pytest.mark.django_db
def test_healthz_shows_last_worker_heartbeat(client):
    heartbeat.delay()  # eager in tests: runs the task body
    body = client.get("/healthz").json()
    assert body["worker_heartbeat"]["age_seconds"] <= 5


@pytest.mark.django_db
def test_heartbeat_is_idempotent_upsert():
    heartbeat_record(name="x")
    heartbeat_record(name="x")
    assert WorkerHeartbeat.objects.get(name="x").beats == 2


def test_root_sends_visitor_to_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == reverse("login")


def test_root_sends_staff_to_back_office(staff_client):
    response = staff_client.get("/")
    assert response["Location"] == reverse("staff:dashboard")


@pytest.mark.django_db
def test_root_sends_partner_user_to_portal(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    assert client.get("/")["Location"] == reverse("portal:home")
