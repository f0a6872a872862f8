"""Staff plan an activity with targets and a scope, refresh its metrics (collected from the
replay server through the real client), and read results against targets; the partner reads
the same figures in the portal."""

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from activities.models import Activity
from activities.replay import replay_server
from partnerships.models import PartnerMember, PartnerRole
from tests.factories import PartnerFactory, PartnershipFactory, StaffFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def wikimedia(settings):
    with replay_server() as server:
        settings.WIKIMEDIA_MIRROR = server.url
        yield server


def test_targets_scope_refresh_and_the_partner_sees_the_figures(page, live_server, login, catalogue, wikimedia):
    StaffFactory(username="alice")
    partner = PartnerFactory(name="Musée exemple de la soie", city="Lyon")
    partnership = PartnershipFactory(partners=[partner], title="Soieries lyonnaises")
    PartnerMember.objects.create(partner=partner, user=UserFactory(username="sophie"), role=PartnerRole.ADMIN)

    login("alice")
    page.goto(f"{live_server.url}/staff/partnerships/{partnership.pk}/activities/new/")
    page.select_option("#id_activity_type", label="Edit-a-thon")
    page.fill("#id_title", "Edit-a-thon des canuts")
    page.fill("#id_start_date", "2024-03-16")
    page.fill("#id_end_date", "2024-03-16")
    page.fill("#id_location", "Lyon")
    page.select_option("#id_region", "ARA")
    page.locator("main form button[type=submit]").click()
    with scopes_disabled():
        activity = Activity.objects.get()

    page.goto(f"{live_server.url}/staff/activities/")
    page.get_by_role("link", name="Edit-a-thon des canuts").click()
    expect(page.locator("h1")).to_have_text("Edit-a-thon des canuts")

    # Targets: the edit-a-thon suggests participants, articles created and improved, bytes, views.
    page.get_by_role("link", name="Objectifs, heures et dépenses").click()
    expect(page.locator("#id_ind-3-kind")).to_have_value("bytes_added")
    page.fill("#id_ind-1-target", "4")  # articles created
    page.fill("#id_ind-3-target", "8000")  # bytes added
    for i in (0, 2, 4):
        page.fill(f"#id_ind-{i}-target", "1")
    page.fill("#id_sh-0-name", "Jeanne Martin")
    page.select_option("#id_sh-0-kind", "volunteer")
    page.fill("#id_sh-0-hours", "10")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator(".alert-success")).to_contain_text("Objectifs, heures et dépenses enregistrés")

    # Scope: checked on the wiki (the replay server) before it is saved.
    page.get_by_role("link", name="Ce qu’il faut mesurer").first.click()
    page.fill("#id_usernames", "Exemple Compte inexistant\n")
    page.get_by_role("button", name="Enregistrer").click()
    # (a name the replay server has no answer for: the check fails, nothing is saved)
    expect(page.locator("main")).to_contain_text("n’ont pas pu être joints")
    page.fill("#id_usernames", "Exemple Contributrice\nExemple Contributeur")
    page.fill("#id_commons_category", "WMFR Partners sample of 50 files")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator(".alert-success")).to_contain_text("Périmètre enregistré")

    # Refresh: htmx posts, the (eager) task collects, the page reloads with the snapshot.
    page.get_by_role("button", name="Actualiser les chiffres").click()
    expect(page.locator(".as-of")).to_contain_text("Chiffres au", timeout=20_000)
    with scopes_disabled():
        snapshot = activity.snapshots.get()
    assert snapshot.status == "done"
    expect(page.locator(".snapshots tbody tr")).to_have_count(1)
    bytes_row = page.locator('tr[data-indicator="Octets ajoutés"]')
    expect(bytes_row.locator(".result")).to_contain_text("10\u00a0550")
    expect(bytes_row.locator(".variance")).to_have_text("+2\u00a0550")
    expect(bytes_row.locator(".variance-percent")).to_have_text("+31,9\u00a0%")
    created_row = page.locator('tr[data-indicator="Articles créés"]')
    expect(created_row.locator(".variance")).to_have_text("-2")
    expect(created_row.locator(".variance-percent")).to_have_text("-50,0\u00a0%")
    expect(page.locator('[data-figure="reuse_share"]')).to_have_text("16\u00a0%")
    staff_as_of = page.locator(".as-of").inner_text()

    # The partner reads the same figures in the portal.
    page.context.clear_cookies()
    login("sophie")
    page.goto(f"{live_server.url}/portal/activities/")
    page.get_by_role("link", name="Edit-a-thon des canuts").click()
    expect(page.locator(".as-of")).to_have_text(staff_as_of)
    bytes_row = page.locator('tr[data-indicator="Octets ajoutés"]')
    expect(bytes_row.locator(".variance-percent")).to_have_text("+31,9\u00a0%")
    expect(page.locator('[data-figure="page_views"]')).to_have_text("16\u00a0027")
    expect(page.locator(".participants li")).to_have_text(["Exemple Contributrice", "Exemple Contributeur"])
    assert wikimedia.unmatched[0].params["ususers"] == "Exemple Compte inexistant"  # only the refused check
