"""Partner-owned models are derived from the model graph (tests/isolation.py), not listed by hand."""

from django.db import models
from django.test.utils import isolate_apps
from django_scopes import ScopedManager

from partnerships.models import Partner
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

    class Unrelated(models.Model):  # noqa: DJ008
        label = models.CharField(max_length=10)

        class Meta:
            app_label = "partnerships"

    candidates = [CarelessNote, DeepNote, Unrelated]
    assert [m.__name__ for m in isolation.partner_owned_models(candidates)] == ["CarelessNote", "DeepNote"]
    assert isolation.unscoped_partner_owned_models(candidates) == ["partnerships.CarelessNote"]
