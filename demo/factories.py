"""factory_boy factories shared by the tests of every app (re-exported by tests/factories.py).

People's names come from Faker's fr_FR locale, like the generated demo partners' contacts
(demo/pools.py); e-mail addresses are on example.org.
"""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_scopes import scopes_disabled

from accounts.roles import STAFF_MEMBER
from activities.models import Activity
from partnerships.models import (
    Contact,
    LegalStatus,
    Membership,
    Partner,
    Partnership,
    PartnerType,
    Region,
    RelationshipStatus,
    Sector,
)


class ModelFactory(factory.django.DjangoModelFactory):
    """Factories build test data as staff code does, with scopes disabled, so that a test
    body (where the scope safety net is on) can call them directly."""

    class Meta:
        abstract = True

    @classmethod
    def _generate(cls, strategy, params):
        with scopes_disabled():
            return super()._generate(strategy, params)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with scopes_disabled():
            return super()._create(model_class, *args, **kwargs)


class UserFactory(ModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery-staple")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class StaffFactory(UserFactory):
    is_staff = True

    @factory.post_generation
    def groups(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.groups.add(Group.objects.get(name=STAFF_MEMBER))


class PartnerFactory(ModelFactory):
    class Meta:
        model = Partner
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Musée numéro {n}")
    partner_type = PartnerType.CULTURAL_INSTITUTIONS
    sector = Sector.MUSEUMS
    legal_status = LegalStatus.PUBLIC_BODY
    city = "Lyon"
    region = Region.AUVERGNE_RHONE_ALPES
    relationship_status = RelationshipStatus.ACTIVE

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # As the services do: the directory's search and sort columns follow the names.
        from partnerships.services import partner_index

        partner = partner_index(model_class(*args, **kwargs))
        partner.save()
        return partner


class ContactFactory(ModelFactory):
    class Meta:
        model = Contact

    partner = factory.SubFactory(PartnerFactory)
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    email = factory.Sequence(lambda n: f"contact{n}@example.org")
    role = "Responsable des publics"


class MembershipFactory(ModelFactory):
    class Meta:
        model = Membership

    partner = factory.SubFactory(PartnerFactory)
    year = 2026
    amount = 100


class PartnershipFactory(ModelFactory):
    class Meta:
        model = Partnership
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Partenariat {n}")
    goal = "Enrichir Wikipédia avec les collections."

    @factory.post_generation
    def partners(obj, create, extracted, **kwargs):  # noqa: N805
        if create and extracted:
            obj.partners.add(*extracted)


class ActivityFactory(ModelFactory):
    """An action of a partnership; give it ``activity_type`` (the catalogue is data)."""

    class Meta:
        model = Activity

    partnership = factory.SubFactory(PartnershipFactory)
    title = factory.Sequence(lambda n: f"Action {n}")
