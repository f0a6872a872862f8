import datetime

import pytest

from activities.models import ActivityType
from agreements.services import ActionSpec, agreement_draft
from tests.factories import ContactFactory, PartnerFactory, PartnershipFactory


@pytest.fixture
def agreement_factory(db, catalogue, staff_user, django_capture_on_commit_callbacks):
    def make(
        *,
        language="fr",
        kind="partnership_agreement",
        partner_name="Musée Saint-Raymond",
        clause_title="Edit-a-thon « Toulouse antique »",
        codes=("edit-a-thon", "content-upload"),
    ):
        partner = PartnerFactory(
            name=partner_name,
            legal_name=f"{partner_name} (régie municipale)",
            city="Toulouse",
            street_address="1 ter place Saint-Sernin",
            postal_code="31000",
        )
        ContactFactory(partner=partner, first_name="Camille", last_name="Roques", role="Directrice", is_signatory=True)
        partnership = PartnershipFactory(
            partners=[partner],
            title="Toulouse antique sur Wikipédia",
            goal="Documenter les collections archéologiques.",
        )
        actions = [
            ActionSpec(
                activity_type=ActivityType.objects.get(code=code),
                title=clause_title if i == 0 else "",
                start_date=datetime.date(2026, 3, 1),
                end_date=datetime.date(2026, 4, 30),
            )
            for i, code in enumerate(codes)
        ]
        return agreement_draft(
            partnership=partnership, partner=partner, kind=kind, language=language, actions=actions, by=staff_user
        )

    return make
