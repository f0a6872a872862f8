import datetime

import pytest
from django_scopes import scopes_disabled

from activities.models import ActivityType
from agreements.models import WmfrSignatory
from agreements.services import ActionSpec, agreement_draft
from tests.factories import ContactFactory, PartnerFactory, PartnershipFactory


@pytest.fixture
def wmfr_signatory(db):
    return WmfrSignatory.objects.create(
        civility="mme",
        first_name="Hélène",
        last_name="Marchand",
        title_fr="Présidente de Wikimédia France",
        title_en="Chair of Wikimédia France",
        is_default=True,
    )


@pytest.fixture
def agreement_factory(db, catalogue, staff_user, wmfr_signatory, django_capture_on_commit_callbacks):
    @scopes_disabled()  # called from test bodies: it builds data as a fixture does
    def make(
        *,
        language="fr",
        kind="partnership_agreement",
        partner_name="Musée Saint-Raymond",
        clause_title="Edit-a-thon « Toulouse antique »",
        codes=("edit-a-thon", "content-upload"),
        legal_name=None,
        name_article="",
        signatory_civility="mme",
        with_signatory=True,
        start=datetime.date(2026, 3, 1),
        end=datetime.date(2026, 4, 30),
    ):
        partner = PartnerFactory(
            name=partner_name,
            name_article=name_article,
            legal_name=f"{partner_name} (régie municipale)" if legal_name is None else legal_name,
            city="Toulouse",
            street_address="1 ter place Saint-Sernin",
            postal_code="31000",
        )
        if with_signatory:
            ContactFactory(
                partner=partner,
                civility=signatory_civility,
                first_name="Camille",
                last_name="Roques",
                role="Directrice",
                is_signatory=True,
            )
        partnership = PartnershipFactory(
            partners=[partner],
            title="Toulouse antique sur Wikipédia",
            goal="Documenter les collections archéologiques.",
        )
        actions = [
            ActionSpec(
                activity_type=ActivityType.objects.get(code=code),
                title=clause_title if i == 0 else "",
                start_date=start,
                end_date=end,
            )
            for i, code in enumerate(codes)
        ]
        return agreement_draft(
            partnership=partnership, partner=partner, kind=kind, language=language, actions=actions, by=staff_user
        )

    return make
