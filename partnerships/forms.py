import re

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model, password_validation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_scopes.forms import SafeModelMultipleChoiceField

from core.validators import PersonNameValidator
from core.widgets import SafeAutocompleteSelectMultiple

from .models import (
    Contact,
    Language,
    Partner,
    PartnerRole,
    Partnership,
    PipelineStatus,
    SubPriority,
    wikidata_validator,
)
from .services import ContactData

_WIKIDATA_URL = re.compile(r"^https?://(?:www\.|m\.)?wikidata\.org/(?:wiki|entity)/(Q\d+)/?$", re.IGNORECASE)


def _staff_users():
    return get_user_model().objects.filter(is_staff=True, is_active=True).order_by("first_name", "last_name")


class PartnerForm(forms.ModelForm):
    website = forms.URLField(label=_("Website"), required=False, max_length=300, assume_scheme="https")
    # Longer than the column: a pasted Wikidata URL is reduced to its Q-id in clean_wikidata_id.
    wikidata_id = forms.CharField(
        label=_("Wikidata item"),
        required=False,
        max_length=100,
        help_text=Partner._meta.get_field("wikidata_id").help_text,
    )

    class Meta:
        model = Partner
        fields = [
            "name",
            "legal_name",
            "acronym",
            "name_article",
            "partner_type",
            "sector",
            "legal_status",
            "relationship_status",
            "owner",
            "street_address",
            "postal_code",
            "city",
            "region",
            "country",
            "website",
            "wikidata_id",
            "tags",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _staff_users()
        self.fields["tags"].help_text = _("Separate tags with commas.")
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(
                _("Organisation"),
                Row(
                    Column("name", css_class="col-md-5"),
                    Column("legal_name", css_class="col-md-5"),
                    Column("acronym", css_class="col-md-2"),
                ),
                "name_article",
                Row(
                    Column("partner_type", css_class="col-md-4"),
                    Column("sector", css_class="col-md-4"),
                    Column("legal_status", css_class="col-md-4"),
                ),
                Row(Column("relationship_status", css_class="col-md-6"), Column("owner", css_class="col-md-6")),
            ),
            Fieldset(
                _("Address"),
                "street_address",
                Row(
                    Column("postal_code", css_class="col-md-3"),
                    Column("city", css_class="col-md-5"),
                    Column("region", css_class="col-md-4"),
                ),
                "country",
            ),
            Fieldset(
                _("On the web"),
                Row(Column("website", css_class="col-md-8"), Column("wikidata_id", css_class="col-md-4")),
            ),
            Fieldset(_("Follow-up"), "tags", "notes"),
        )

    def clean_wikidata_id(self) -> str:
        value = (self.cleaned_data.get("wikidata_id") or "").strip()
        match = _WIKIDATA_URL.match(value)
        if match:
            value = match.group(1)
        value = value.upper()
        if value:
            wikidata_validator(value)
        return value

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["civility", "first_name", "last_name", "role", "email", "phone", "preferred_language", "is_signatory"]


class BaseContactFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            email = (form.cleaned_data.get("email") or "").lower()
            if email and email in seen:
                form.add_error("email", _("This e-mail is used by another contact of this partner."))
            seen.add(email)


CONTACT_FIELDS = (
    "civility",
    "first_name",
    "last_name",
    "role",
    "email",
    "phone",
    "preferred_language",
    "is_signatory",
)


def contacts_from_formset(formset: forms.BaseInlineFormSet) -> list[ContactData]:
    """The partner's whole list of contacts as the (valid) formset describes it."""
    contacts = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None) or {}
        if not data or data.get("DELETE"):
            continue
        if form.instance.pk is None and not form.has_changed():
            continue
        contacts.append(
            ContactData(
                pk=form.instance.pk,
                **{name: data.get(name) or "" for name in CONTACT_FIELDS if name != "is_signatory"},
                is_signatory=bool(data.get("is_signatory")),
            )
        )
    return contacts


def partner_fields(form: forms.ModelForm) -> dict:
    """The model fields of a valid partner form, tags apart (the service sets them)."""
    return {name: value for name, value in form.cleaned_data.items() if name != "tags"}


ContactFormSet = forms.inlineformset_factory(
    Partner,
    Contact,
    form=ContactForm,
    formset=BaseContactFormSet,
    extra=1,
    can_delete=True,
    max_num=50,
)


class PartnershipForm(forms.ModelForm):
    class Meta:
        model = Partnership
        fields = ["title", "partners", "goal", "kind", "start_date", "end_date", "is_pilot", "lead", "sub_priorities"]
        # Partner is scoped (django-scopes): the queryset is set per request in __init__.
        field_classes = {"partners": SafeModelMultipleChoiceField}
        widgets = {
            "goal": forms.Textarea(attrs={"rows": 4}),
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "sub_priorities": forms.CheckboxSelectMultiple,
            # Thousands of partners: pick them with the admin's (vendored) autocomplete.
            "partners": SafeAutocompleteSelectMultiple(
                Partnership._meta.get_field("partners"), admin.site, attrs={"data-width": "100%"}
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partners"].queryset = Partner.objects.all()
        self.fields["lead"].queryset = _staff_users()
        self.fields["sub_priorities"].queryset = SubPriority.objects.filter(
            priority__plan__is_current=True
        ).select_related("priority")
        self.helper = FormHelper()
        self.helper.form_tag = False


class PartnershipStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=PipelineStatus.choices)


class StaffInvitationForm(forms.Form):
    """Staff invite one of the partner's contacts, or any e-mail, to the portal."""

    contact = forms.ModelChoiceField(
        label=_("Contact"), queryset=Contact.objects.none(), required=False, empty_label=_("— another e-mail address —")
    )
    email = forms.EmailField(label=_("E-mail"), required=False)
    role = forms.ChoiceField(
        label=pgettext_lazy("portal access", "Role"), choices=PartnerRole.choices, initial=PartnerRole.MEMBER
    )
    language = forms.ChoiceField(
        label=_("Language of the e-mail"),
        choices=[("", _("The contact’s language")), *Language.choices],
        required=False,
    )

    def __init__(self, *args, partner: Partner, **kwargs):
        super().__init__(*args, **kwargs)
        self.partner = partner
        self.fields["contact"].queryset = partner.contacts.exclude(email="").order_by("last_name")

    def clean(self):
        cleaned = super().clean()
        contact, email = cleaned.get("contact"), cleaned.get("email")
        if contact is not None:
            cleaned["email"] = contact.email
        elif not email and "email" not in self.errors:
            self.add_error("email", _("Choose a contact or type an e-mail address."))
        if not cleaned.get("language"):
            cleaned["language"] = contact.preferred_language if contact is not None else Language.FRENCH
        return cleaned


class ColleagueInvitationForm(forms.Form):
    """A partner admin invites a colleague to their own organisation."""

    email = forms.EmailField(label=_("E-mail"))
    role = forms.ChoiceField(
        label=pgettext_lazy("portal access", "Role"), choices=PartnerRole.choices, initial=PartnerRole.MEMBER
    )
    language = forms.ChoiceField(label=_("Language of the e-mail"), choices=Language.choices)


class InvitationAcceptForm(forms.Form):
    """Set a name and a password to open the account an invitation creates."""

    first_name = forms.CharField(label=_("First name"), max_length=150, validators=[PersonNameValidator()])
    last_name = forms.CharField(label=_("Last name"), max_length=150, validators=[PersonNameValidator()])
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password (again)"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords differ."))
        elif p1:
            candidate = get_user_model()(
                username=self.email,
                email=self.email,
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
            )
            try:
                password_validation.validate_password(p1, candidate)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return cleaned


class PortalPartnerForm(forms.ModelForm):
    """What a partner admin may edit about their organisation."""

    website = forms.URLField(label=_("Website"), required=False, max_length=300, assume_scheme="https")

    class Meta:
        model = Partner
        fields = ["street_address", "postal_code", "city", "region", "country", "website"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class PrinciplesForm(forms.Form):
    accept = forms.BooleanField(
        label=_(
            "On behalf of my organisation, I support the four guiding principles of Wikimédia France’s partnerships."
        ),
    )
