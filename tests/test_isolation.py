"""Partner-owned models are derived from the model graph (tests/isolation.py), not listed by hand."""

from django.db import models
from django.test.utils import isolate_apps
from django_scopes import ScopedManager

from partnerships.models import Partner, Partnership
from tests import isolation


def test_every_partner_owned_model_has_a_scoped_manager():
    assert isolation.unscoped_partner_owned_models() == []
    labels = {m._meta.label for m in isolation.partner_owned_models()}
    # The models the hand-written list once missed are found by the graph.
    assert labels >= {
        "agreements.Agreement",
        "agreements.Clause",
        "agreements.Amendment",
        "agreements.AgreementDocument",
        "agreements.SignedScan",
        "partnerships.PrincipleAcceptance",
    }


def test_the_unscoped_allow_list_is_not_stale():
    """Each allowed model still exists, still reaches Partner and is still unscoped."""
    owned = {m._meta.label: m for m in isolation.partner_owned_models()}
    for label in isolation.UNSCOPED_ALLOWED:
        assert label in owned, f"{label} no longer reaches Partner: drop it from UNSCOPED_ALLOWED"
        assert not isolation.is_scoped(owned[label]), f"{label} is scoped now: drop it from UNSCOPED_ALLOWED"


@isolate_apps("partnerships")
def test_a_partner_owned_model_without_scoped_manager_is_found():
    class CarelessNote(models.Model):  # noqa: DJ008 - a throwaway model
        partner = models.ForeignKey(Partner, on_delete=models.CASCADE)

        class Meta:
            app_label = "partnerships"

    class DeepNote(models.Model):  # noqa: DJ008 - reaches Partner two steps away
        note = models.ForeignKey(CarelessNote, on_delete=models.CASCADE)
        objects = ScopedManager(partner="note__partner")

        class Meta:
            app_label = "partnerships"

    class WrongDimension(models.Model):  # noqa: DJ008 - scoped, but not on the partner
        partnership = models.OneToOneField(Partnership, on_delete=models.CASCADE)
        objects = ScopedManager(event="partnership__pk")

        class Meta:
            app_label = "partnerships"

    class ManyPartners(models.Model):  # noqa: DJ008 - reaches Partner through a many-to-many
        partners = models.ManyToManyField(Partner)

        class Meta:
            app_label = "partnerships"

    class Unrelated(models.Model):  # noqa: DJ008
        label = models.CharField(max_length=10)

        class Meta:
            app_label = "partnerships"

    candidates = [CarelessNote, DeepNote, WrongDimension, ManyPartners, Unrelated]
    assert [m.__name__ for m in isolation.partner_owned_models(candidates)] == [
        "CarelessNote",
        "DeepNote",
        "ManyPartners",
        "WrongDimension",
    ]
    assert isolation.unscoped_partner_owned_models(candidates) == [
        "partnerships.CarelessNote",
        "partnerships.ManyPartners",
        "partnerships.WrongDimension",
    ]
