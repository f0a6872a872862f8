"""History panels tell what happened as sentences in the reader's language, never as codes."""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled

from core.audit import audit_sentence, registered_codes
from core.models import AuditEntry
from partnerships.services import partnership_set_status, principles_accept
from tests.factories import PartnerFactory, PartnershipFactory, StaffFactory, UserFactory

ROOT = Path(__file__).resolve().parents[2]
APPS = ("core", "accounts", "partnerships", "activities", "agreements", "grants", "evaluations", "demo")
CODE = re.compile(r'"([a-z_]+\.[a-z_]+)"')


def codes_written_by_the_code_base() -> set[str]:
    """Every literal code passed as ``action=`` to ``audit_log`` in the apps' sources."""
    found: set[str] = set()
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "tests" in path.parts or "migrations" in path.parts:
                continue
            for match in re.finditer(r"action=([^,)\n]+)", path.read_text()):
                found |= set(CODE.findall(match.group(1)))
    return found


def test_every_audit_code_in_the_code_base_has_a_sentence():
    written = codes_written_by_the_code_base()
    assert {"partner.principles_accepted", "agreement.status", "proposal.declined"} <= written  # the scan works
    assert written - registered_codes() == set()


@pytest.mark.django_db
def test_principles_acceptance_reads_as_a_sentence_in_both_languages():
    partner = PartnerFactory()
    user = UserFactory(first_name="Claire", last_name="Dubois")
    with scopes_disabled():
        principles_accept(partner=partner, name="Claire Dubois", user=user)
        entry = AuditEntry.objects.get(action="partner.principles_accepted")
    with translation.override("en"):
        assert audit_sentence(entry) == "Claire Dubois accepted the guiding principles (signed “Claire Dubois”)"
    with translation.override("fr"):
        assert audit_sentence(entry) == (
            "Claire Dubois a accepté les principes directeurs (signé «\u00a0Claire Dubois\u00a0»)"
        )


@pytest.mark.django_db
def test_status_changes_name_the_states_not_their_codes():
    staff = StaffFactory(first_name="Sophie", last_name="Martin")
    partnership = PartnershipFactory(partners=[PartnerFactory()])
    with scopes_disabled():
        partnership_set_status(partnership=partnership, status="in_discussion", by=staff)
        entry = AuditEntry.objects.get(action="partnership.status")
    with translation.override("en"):
        sentence = audit_sentence(entry)
    assert sentence.startswith("Sophie Martin moved the partnership from “")
    assert "identified" not in sentence and "in_discussion" not in sentence
    assert "“In discussion”" in sentence


@pytest.mark.django_db
def test_an_entry_without_an_actor_is_told_as_automatic():
    partner = PartnerFactory()
    with scopes_disabled():
        principles_accept(partner=partner, name="X", user=None)
        entry = AuditEntry.objects.get(action="partner.principles_accepted")
    with translation.override("en"):
        assert audit_sentence(entry).startswith("Wikimédia France (automatic) accepted")


@pytest.mark.django_db
def test_partner_history_panel_shows_sentences_not_codes(client):
    staff = StaffFactory(first_name="Sophie", last_name="Martin")
    partner = PartnerFactory()
    with scopes_disabled():
        principles_accept(partner=partner, name="Claire Dubois", user=staff)
    client.force_login(staff)
    page = client.get(reverse("staff:partner_detail", args=[partner.pk])).content.decode()
    assert "Sophie Martin a accepté les principes directeurs" in page
    assert "partner.principles_accepted" not in page
