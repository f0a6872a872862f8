"""The data's version token changes on every write, however it is made, and not on reads;
what is cached under it (the session's user, their permissions, the proposals badge, the
pages' blocks) is therefore never older than the last write."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from accounts.models import User
from core import dataversion
from demo.factories import PartnerFactory, StaffFactory, UserFactory
from partnerships.models import Partner

pytestmark = pytest.mark.django_db


def changed(action) -> bool:
    before = dataversion.current()
    action()
    return dataversion.current() != before


def test_every_kind_of_write_gives_a_new_token():
    with scopes_disabled():
        partner = PartnerFactory()
        assert changed(lambda: partner.save())
        assert changed(lambda: Partner.objects.filter(pk=partner.pk).update(city="Lyon"))
        assert changed(lambda: Partner.objects.bulk_create([PartnerFactory.build(name="Bulk")]))
        assert changed(lambda: Partner.objects.filter(name="Bulk").delete())
        assert changed(lambda: Group.objects.create(name="Readers").permissions.add(Permission.objects.first()))

    def raw():
        with connection.cursor() as cursor:
            cursor.execute("UPDATE partnerships_partner SET city = %s WHERE id = %s", ["Lille", partner.pk])

    assert changed(raw)


def test_reads_and_session_writes_keep_the_token():
    with scopes_disabled():
        PartnerFactory()
        assert not changed(lambda: list(Partner.objects.all()))
        assert not changed(lambda: Partner.objects.count())

    def session():
        store = SessionStore()
        store["x"] = 1
        store.save()

    assert not changed(session)


def test_a_commit_gives_a_new_token_after_the_write_s_own(django_capture_on_commit_callbacks):
    """A reader between the write and the commit takes the write's token but reads the old
    rows: the commit must replace that token too."""
    with scopes_disabled(), django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        PartnerFactory()
        PartnerFactory()
        during = dataversion.current()
    assert len([c for c in callbacks if c is dataversion.bump]) == 1, "one bump per transaction"
    assert dataversion.current() != during


def test_the_write_watcher_is_on_every_connection():
    assert any(isinstance(w, dataversion._WriteWatcher) for w in connection.execute_wrappers)


def test_a_withdrawn_permission_stops_at_once():
    user = UserFactory(is_staff=True)
    group = Group.objects.create(name="Partner readers")
    group.permissions.add(Permission.objects.get(codename="view_partner"))
    user.groups.add(group)
    client = Client()
    client.force_login(user)
    url = reverse("staff:partner_list")
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200  # now from the cache
    group.permissions.clear()
    assert client.get(url).status_code == 403


def test_a_deactivated_account_is_logged_out_at_once():
    user = StaffFactory()
    client = Client()
    client.force_login(user)
    url = reverse("staff:dashboard")
    assert client.get(url).status_code == 200
    User.objects.filter(pk=user.pk).update(is_active=False)  # no signal, no save()
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
