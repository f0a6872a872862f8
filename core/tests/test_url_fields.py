"""Every URL column builds its form field with ``assume_scheme="https"`` (core.fields.URLField):
model forms and the admin add ``https://`` to an address typed without one, and Django 5.2's
RemovedInDjango60Warning is never raised (pytest.ini turns warnings into errors)."""

import warnings
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.db import models
from django.forms import modelform_factory
from django.test import RequestFactory
from django_scopes import scopes_disabled

from core.fields import URLField

OURS = {  # the project's apps, not the third-party ones
    app.label
    for app in apps.get_app_configs()
    if Path(app.path).is_relative_to(settings.BASE_DIR) and ".venv" not in Path(app.path).parts
}
URL_COLUMNS = [
    (model, field.name)
    for model in apps.get_models()
    if model._meta.app_label in OURS
    for field in model._meta.get_fields()
    if isinstance(field, models.URLField)
]


def test_the_project_has_url_columns():
    names = {f"{model._meta.label}.{name}" for model, name in URL_COLUMNS}
    assert {"partnerships.Partner.website", "evaluations.PressMention.url"} <= names


@pytest.mark.parametrize(("model", "name"), URL_COLUMNS, ids=lambda v: getattr(v, "__name__", v))
def test_every_url_column_assumes_https(model, name):
    field = model._meta.get_field(name)
    assert isinstance(field, URLField), f"{model._meta.label}.{name}: use core.fields.URLField"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        form = modelform_factory(model, fields=[name])(data={name: "example.org/page"})
    assert form.fields[name].assume_scheme == "https"
    form.is_valid()
    assert form.cleaned_data[name] == "https://example.org/page"


def test_the_field_changes_no_migration():
    _name, path, _args, _kwargs = URLField().deconstruct()
    assert path == "django.db.models.URLField"


@pytest.mark.django_db
@pytest.mark.parametrize("label", ["partnerships.Partner", "evaluations.PressMention"])
def test_admin_add_forms_build_without_a_deprecation_warning(label, admin_user):
    model = apps.get_model(label)
    model_admin = admin.site._registry[model]
    request = RequestFactory().get("/")
    request.user = admin_user
    with warnings.catch_warnings(), scopes_disabled():  # as the admin runs (partnerships.middleware)
        warnings.simplefilter("error")
        form_class = model_admin.get_form(request)
    assert form_class.base_fields  # built
