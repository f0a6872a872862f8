"""Partners, their contacts and memberships, partnerships, and the action plan."""

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField
from django_scopes import ScopedManager
from phonenumber_field.modelfields import PhoneNumberField
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager

from core.constraints import OrderedDatesMixin, dates_ordered_constraint
from core.fields import URLField
from core.grammar import derive_article
from core.validators import PersonNameValidator

from . import lifecycle
from .lifecycle import PipelineStatus

__all__ = ["PipelineStatus"]  # re-exported: its home is lifecycle.py

MEMBERSHIP_MINIMUM_FEE = 100  # euros, "Membership fee (100€ min.)" in the policy


class PartnerType(models.TextChoices):
    """The partner types of the catalogue ("Type of partner" column)."""

    CULTURAL_INSTITUTIONS = "cultural_institutions", _("Cultural institutions")
    LOCAL_AUTHORITIES = "local_authorities", _("Local authorities")
    PUBLIC_ORGANISATIONS = "public_organisations", _("Public organisations")
    EDUCATION = "education", _("Secondary or higher education")
    SOCIAL_ECONOMY = "social_economy", _("Social and solidarity economy actors")
    THEMATIC_ORGANISATIONS = "thematic_organisations", _("Thematic organisations")
    COMPANIES = "companies", _("Companies")
    GENERAL_PUBLIC = "general_public", _("General public")


class Sector(models.TextChoices):
    """The finer sectors of the policy's list of former and current partners."""

    ARCHIVES = "archives", _("Archives")
    LIBRARIES = "libraries", _("Libraries")
    MUSEUMS = "museums", _("Museums")
    UNIVERSITIES = "universities", _("Universities and research institutes")
    COMPANY_FOUNDATIONS = "company_foundations", _("Company foundations")
    GOVERNMENT = "government", _("Government organisations")
    CULTURAL_NETWORKS = "cultural_networks", _("Cultural groups or networks")
    MULTIDISCIPLINARY = "multidisciplinary", _("Multidisciplinary cultural establishments")
    LOCAL_AUTHORITIES = "local_authorities", _("Local authorities")
    OTHER = "other", _("Other")


class LegalStatus(models.TextChoices):
    NON_PROFIT = "non_profit", _("Non-profit")
    PUBLIC_BODY = "public_body", _("Public body")
    COMPANY = "company", _("Company")


class RelationshipStatus(models.TextChoices):
    PROSPECT = "prospect", _("Prospect")
    IN_DISCUSSION = "in_discussion", _("In discussion")
    ACTIVE = "active", _("Active")
    FORMER = "former", _("Former")
    DECLINED = "declined", _("Declined")


class Region(models.TextChoices):
    """The regions of France (2016 map), overseas included."""

    AUVERGNE_RHONE_ALPES = "ARA", "Auvergne-Rhône-Alpes"
    BOURGOGNE_FRANCHE_COMTE = "BFC", "Bourgogne-Franche-Comté"
    BRETAGNE = "BRE", "Bretagne"
    CENTRE_VAL_DE_LOIRE = "CVL", "Centre-Val de Loire"
    CORSE = "COR", "Corse"
    GRAND_EST = "GES", "Grand Est"
    HAUTS_DE_FRANCE = "HDF", "Hauts-de-France"
    ILE_DE_FRANCE = "IDF", "Île-de-France"
    NORMANDIE = "NOR", "Normandie"
    NOUVELLE_AQUITAINE = "NAQ", "Nouvelle-Aquitaine"
    OCCITANIE = "OCC", "Occitanie"
    PAYS_DE_LA_LOIRE = "PDL", "Pays de la Loire"
    PROVENCE_ALPES_COTE_D_AZUR = "PAC", "Provence-Alpes-Côte d’Azur"
    GUADELOUPE = "GUA", "Guadeloupe"
    MARTINIQUE = "MTQ", "Martinique"
    GUYANE = "GUF", "Guyane"
    LA_REUNION = "LRE", "La Réunion"
    MAYOTTE = "MAY", "Mayotte"


class Language(models.TextChoices):
    FRENCH = "fr", _("French")
    ENGLISH = "en", _("English")


class NameArticle(models.TextChoices):
    """How French documents write a partner's name (article, gender, number); see core.grammar."""

    LE = "le", _("le (le Centre Pompidou)")
    LA = "la", _("la (la Bibliothèque nationale de France)")
    L_M = "l_m", _("l’, masculine (l’Inria)")
    L_F = "l_f", _("l’, feminine (l’Université de Lille)")
    LES_M = "les_m", _("les, masculine plural (les Champs Libres)")
    LES_F = "les_f", _("les, feminine plural (les Archives nationales)")
    NONE_M = "none_m", _("no article, masculine (Paris Musées)")
    NONE_F = "none_f", _("no article, feminine (La Poste)")


class Civility(models.TextChoices):
    MADAME = "mme", pgettext_lazy("civility", "Ms")
    MONSIEUR = "m", pgettext_lazy("civility", "Mr")


class GuidingPrinciple(models.TextChoices):
    """The four guiding principles every partner is asked to support."""

    EQUALITY = "equality", _("equality")
    SUPPORT = "support", _("support")
    AUTONOMY = "autonomy", _("autonomy")
    GOODWILL = "goodwill", _("goodwill")


wikidata_validator = RegexValidator(
    r"^Q[1-9][0-9]{0,11}$",
    _("Enter a Wikidata item identifier such as Q90 (the letter Q followed by digits)."),
)


# --- Action plan -----------------------------------------------------------------------


class StrategicPlan(models.Model):
    """A versioned action plan (the policy's 2014-2015 plan is the first one)."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=200)
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))
    is_current = models.BooleanField(_("current plan"), default=False)

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        ordering = ["-start_year"]
        constraints = [
            models.CheckConstraint(condition=models.Q(end_year__gte=models.F("start_year")), name="plan_years_ordered"),
            models.UniqueConstraint(
                fields=["is_current"], condition=models.Q(is_current=True), name="plan_one_current"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Priority(models.Model):
    plan = models.ForeignKey(
        StrategicPlan, verbose_name=_("action plan"), on_delete=models.CASCADE, related_name="priorities"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)

    # Counts attached by selectors.dashboard_priorities (not columns).
    partnership_count: int
    partner_count: int

    class Meta:
        verbose_name = _("strategic priority")
        verbose_name_plural = _("strategic priorities")
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="priority_unique_number")]

    def __str__(self) -> str:
        return _("Priority %(number)s – %(title)s") % {"number": self.number, "title": self.title}


class SubPriority(models.Model):
    priority = models.ForeignKey(
        Priority, verbose_name=_("priority"), on_delete=models.CASCADE, related_name="sub_priorities"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=300)

    class Meta:
        verbose_name = _("sub-priority")
        verbose_name_plural = _("sub-priorities")
        ordering = ["priority__plan", "priority__number", "position"]
        constraints = [models.UniqueConstraint(fields=["priority", "position"], name="subpriority_unique_position")]

    def __str__(self) -> str:
        return f"{self.priority.number}.{self.position} {self.title}"


# --- Partners --------------------------------------------------------------------------


class Partner(models.Model):
    """An organisation Wikimédia France works with, or may work with."""

    name = models.CharField(_("name"), max_length=200)
    legal_name = models.CharField(_("legal name"), max_length=255, blank=True)
    name_article = models.CharField(
        _("article before the name"),
        max_length=8,
        choices=NameArticle.choices,
        blank=True,
        help_text=_(
            "How French documents write the name: “la Bibliothèque nationale de France”, “le Centre Pompidou”, "
            "“l’Inria”. Leave empty to derive it from the name."
        ),
    )
    partner_type = models.CharField(_("partner type"), max_length=32, choices=PartnerType.choices)
    sector = models.CharField(_("sector"), max_length=32, choices=Sector.choices, blank=True)
    legal_status = models.CharField(_("legal status"), max_length=16, choices=LegalStatus.choices)
    street_address = models.CharField(_("street address"), max_length=255, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=16, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    region = models.CharField(
        _("region"), max_length=3, choices=Region.choices, blank=True, help_text=_("For partners in France.")
    )
    country = CountryField(_("country"), default="FR")
    website = URLField(_("website"), max_length=300, blank=True)
    wikidata_id = models.CharField(
        _("Wikidata item"),
        max_length=16,
        blank=True,
        validators=[wikidata_validator],
        help_text=_("For example Q193563 for the Bibliothèque nationale de France."),
    )
    # Filled from the Wikidata item when staff accept the proposal (partnerships/wikidata.py).
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    image = models.CharField(_("logo or image on Commons"), max_length=255, blank=True)
    image_licence = models.CharField(_("licence of the image"), max_length=200, blank=True)
    image_author = models.CharField(_("author of the image"), max_length=300, blank=True)
    relationship_status = models.CharField(
        _("relationship status"), max_length=16, choices=RelationshipStatus.choices, default=RelationshipStatus.PROSPECT
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_partners",
        limit_choices_to={"is_staff": True},
    )
    notes = models.TextField(_("notes"), blank=True, max_length=10_000)
    tags = TaggableManager(_("tags"), blank=True)
    acronym = models.CharField(
        _("acronym"),
        max_length=32,
        blank=True,
        help_text=_("The short name people search with, such as BnF or Mucem, if it is not made of the initials."),
    )
    # Maintained by partnerships.services.partner_index (core.text.fold): what the directory
    # searches (names, acronyms, city, without accents or case) and sorts by.
    search_text = models.TextField(editable=False, blank=True, default="")
    sort_name = models.CharField(editable=False, max_length=200, blank=True, default="")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at", "search_text", "sort_name"])

    # Portal safety net: outside a partner scope (or scopes_disabled()), a query fails loudly.
    objects = ScopedManager(partner="pk")

    # Display labels and this year's membership, attached by selectors.partner_rows_labelled (not columns).
    type_label: str
    region_label: str
    status_label: str
    is_member: bool

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["sort_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                Lower("city"),
                name="partner_unique_name_city",
                violation_error_message=_("A partner with this name already exists in this city."),
            ),
        ]
        indexes = [
            # Directory, default order (ORDER BY sort_name, id LIMIT 50 walks this index).
            models.Index(fields=["sort_name", "id"], name="partner_sort_name_idx"),
            # Directory facets: filter by status and type, ordered by name.
            models.Index(fields=["relationship_status", "sort_name"], name="partner_status_sort_idx"),
            models.Index(fields=["partner_type", "sort_name"], name="partner_type_sort_idx"),
            # Dashboard counts by region.
            models.Index(fields=["region"], name="partner_region_idx"),
            # Directory sorted by city or by date added (?ordering=city / created_at, then the
            # name and the id: core.pagination.TiebreakOrderingFilter), ORDER BY ... LIMIT 50.
            models.Index(fields=["city", "sort_name"], name="partner_city_sort_idx"),
            models.Index(fields=["created_at", "id"], name="partner_created_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("staff:partner_detail", args=[self.pk])

    @property
    def article_code(self) -> str:
        """The article chosen by staff, or the one derived from the name."""
        return self.name_article or derive_article(self.name)

    @property
    def wikidata_url(self) -> str:
        return f"https://www.wikidata.org/wiki/{self.wikidata_id}" if self.wikidata_id else ""


class Contact(models.Model):
    partner = models.ForeignKey(Partner, verbose_name=_("partner"), on_delete=models.CASCADE, related_name="contacts")
    civility = models.CharField(
        _("civility"),
        max_length=4,
        choices=Civility.choices,
        blank=True,
        help_text=_("How agreements address the person (“Madame Camille Roques”)."),
    )
    # Names go into e-mails we send (invitations): names only, no message of their own.
    first_name = models.CharField(_("first name"), max_length=100, validators=[PersonNameValidator()])
    last_name = models.CharField(_("last name"), max_length=100, validators=[PersonNameValidator()])
    role = models.CharField(_("role"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = PhoneNumberField(_("phone"), blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=Language.choices, default=Language.FRENCH
    )
    is_signatory = models.BooleanField(
        _("signatory"), default=False, help_text=_("Can sign agreements on behalf of the partner.")
    )

    # Portal safety net: outside a partner scope (or scopes_disabled()), a query fails loudly.
    objects = ScopedManager(partner="partner")

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["last_name", "first_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                "partner",
                Lower("email"),
                condition=~models.Q(email=""),
                name="contact_unique_email_per_partner",
                violation_error_message=_("This partner already has a contact with this e-mail."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Membership(models.Model):
    """Membership of Wikimédia France as a legal entity, for one year (100 € minimum)."""

    partner = models.ForeignKey(
        Partner, verbose_name=_("partner"), on_delete=models.CASCADE, related_name="memberships"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2004)])
    amount = models.DecimalField(
        _("fee (€)"), max_digits=8, decimal_places=2, validators=[MinValueValidator(MEMBERSHIP_MINIMUM_FEE)]
    )
    paid_on = models.DateField(_("paid on"), null=True, blank=True)

    # Portal safety net: outside a partner scope (or scopes_disabled()), a query fails loudly.
    objects = ScopedManager(partner="partner")

    class Meta:
        verbose_name = _("WMFR membership")
        verbose_name_plural = _("WMFR memberships")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "year"],
                name="membership_unique_year",
                violation_error_message=_("This partner already has a membership for this year."),
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gte=MEMBERSHIP_MINIMUM_FEE),
                name="membership_minimum_fee",
                violation_error_message=_("The membership fee is 100 € minimum."),
            ),
        ]
        indexes = [
            # Deadlines (partnerships/deadlines.py): the memberships of the year whose
            # 31 December a renewal reminder points to (year IN (...)); the staff deadlines
            # page's first renewals and their capped count (year IN (...) ORDER BY year, id
            # LIMIT n).
            models.Index(fields=["year", "id"], name="membership_year_id_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.partner} – {self.year}"

    @property
    def is_paid(self) -> bool:
        return self.paid_on is not None


class PrincipleAcceptance(models.Model):
    """A partner's acceptance of the four guiding principles: who, and when."""

    partner = models.ForeignKey(
        Partner, verbose_name=_("partner"), on_delete=models.CASCADE, related_name="principle_acceptances"
    )
    accepted_by_name = models.CharField(_("accepted by"), max_length=200)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accepted_at = models.DateTimeField(_("accepted at"))

    # Portal safety net: outside a partner scope (or scopes_disabled()), a query fails loudly.
    objects = ScopedManager(partner="partner")

    class Meta:
        verbose_name = _("acceptance of the guiding principles")
        verbose_name_plural = _("acceptances of the guiding principles")
        ordering = ["-accepted_at"]

    def __str__(self) -> str:
        return f"{self.partner} – {self.accepted_by_name} ({self.accepted_at:%Y-%m-%d})"


# --- Partnerships ----------------------------------------------------------------------


class PartnershipKind(models.TextChoices):
    AGREEMENT = "agreement", _("Partnership agreement")
    SPONSORSHIP = "sponsorship", _("Sponsorship")
    PATRONAGE_EXPERTISE = "patronage_expertise", _("Patronage through expertise")
    PATRONAGE_IN_KIND = "patronage_in_kind", _("Patronage in kind")


class Partnership(OrderedDatesMixin, models.Model):
    """WMFR and one or more partners working towards a common goal."""

    title = models.CharField(_("title"), max_length=200)
    goal = models.TextField(_("common goal"), max_length=5_000)
    kind = models.CharField(
        _("kind"), max_length=32, choices=PartnershipKind.choices, default=PartnershipKind.AGREEMENT
    )
    status = models.CharField(
        _("pipeline status"), max_length=16, choices=PipelineStatus.choices, default=PipelineStatus.IDENTIFIED
    )
    partners = models.ManyToManyField(Partner, verbose_name=_("partners"), related_name="partnerships")
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    is_pilot = models.BooleanField(
        _("pilot (experimentation) phase"),
        default=False,
        help_text=_("An initial phase run to learn lessons quickly before adapting the project."),
    )
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff lead"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_partnerships",
        limit_choices_to={"is_staff": True},
    )
    sub_priorities = models.ManyToManyField(
        SubPriority, verbose_name=_("strategic priorities"), blank=True, related_name="partnerships"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"], m2m_fields=[partners])

    # Portal safety net: outside a partner scope (or scopes_disabled()), a query fails loudly.
    objects = ScopedManager(partner="partners")

    # Names of the other parties, attached by selectors.portal_partnerships (not a column).
    co_partners: list[str]

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["-created_at", "-pk"]
        constraints = [
            dates_ordered_constraint("partnership_dates_ordered"),
        ]
        indexes = [
            # Partnership list filtered by status, newest first.
            models.Index(fields=["status", "-created_at"], name="partnership_status_idx"),
            # Partnership list, each sort it offers then the id (ORDER BY ... LIMIT 50): newest
            # first (the default), by title, by start date.
            models.Index(fields=["created_at", "id"], name="partnership_created_idx"),
            models.Index(fields=["title", "id"], name="partnership_title_idx"),
            models.Index(fields=["start_date", "id"], name="partnership_start_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("staff:partnership_detail", args=[self.pk])

    # What the pipeline permits (partnerships/lifecycle.py), for templates and the admin.
    @property
    def is_open(self) -> bool:
        return lifecycle.is_open(self)

    @property
    def can_add_activity(self) -> bool:
        return lifecycle.can_add_activity(self)

    @property
    def next_statuses(self) -> list[tuple[str, str]]:
        return lifecycle.next_statuses(self)


# --- Portal access -----------------------------------------------------------------------


class PartnerRole(models.TextChoices):
    ADMIN = "admin", _("Partner admin")
    MEMBER = "member", _("Partner member")


class PartnerMember(models.Model):
    """A user's access to one partner organisation in the portal, with a role.

    Partner admins invite colleagues and edit the organisation's profile; members read and
    contribute. A user may belong to several organisations and switch between them.
    """

    partner = models.ForeignKey(Partner, verbose_name=_("partner"), on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="partner_memberships"
    )
    role = models.CharField(
        pgettext_lazy("portal access", "role"), max_length=16, choices=PartnerRole.choices, default=PartnerRole.MEMBER
    )
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    # Portal safety net: outside a partner scope (or scopes_disabled()), a query fails loudly.
    objects = ScopedManager(partner="partner")

    class Meta:
        verbose_name = _("portal member")
        verbose_name_plural = _("portal members")
        ordering = ["partner", "user__last_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "user"],
                name="partnermember_unique",
                violation_error_message=_("This person already has access to this organisation."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.partner} ({self.get_role_display()})"

    @property
    def is_admin(self) -> bool:
        return self.role == PartnerRole.ADMIN


class InvitationState(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")


class InvitationQuerySet(models.QuerySet):
    """The states of an invitation, once: ``pending()`` is the one definition of a link that
    still works (not accepted, not revoked, not expired)."""

    def pending(self, *, now=None) -> "InvitationQuerySet":
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now or timezone.now())

    def expired(self, *, now=None) -> "InvitationQuerySet":
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__lte=now or timezone.now())

    def accepted(self) -> "InvitationQuerySet":
        return self.filter(accepted_at__isnull=False)

    def revoked(self) -> "InvitationQuerySet":
        return self.filter(revoked_at__isnull=False)

    def in_state(self, state: str) -> "InvitationQuerySet":
        return {
            InvitationState.PENDING: self.pending,
            InvitationState.EXPIRED: self.expired,
            InvitationState.ACCEPTED: self.accepted,
            InvitationState.REVOKED: self.revoked,
        }[InvitationState(state)]()


class Invitation(models.Model):
    """An invitation for one e-mail address to join one partner's portal.

    The link's token is never stored: only its SHA-256 (``token_hash``). The token itself is
    derived from a random ``salt`` and the SECRET_KEY (HMAC), so the e-mail task can rebuild
    the link without the secret ever travelling through the broker.
    """

    partner = models.ForeignKey(
        Partner, verbose_name=_("partner"), on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail"))
    role = models.CharField(
        pgettext_lazy("portal access", "role"), max_length=16, choices=PartnerRole.choices, default=PartnerRole.MEMBER
    )
    language = models.CharField(_("language"), max_length=8, choices=Language.choices, default=Language.FRENCH)
    contact = models.ForeignKey(
        Contact, verbose_name=_("contact"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    salt = models.CharField(max_length=64, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("invited by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    # Portal safety net: outside a partner scope (or scopes_disabled()), a query fails loudly.
    objects = ScopedManager(models.Manager.from_queryset(InvitationQuerySet), partner="partner")

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # Pending invitations of a partner (portal home, partner detail).
            models.Index(fields=["partner", "-created_at"], name="invitation_partner_idx"),
            # Staff list of invitations, newest first (ORDER BY created_at DESC, id DESC LIMIT 50).
            models.Index(fields=["created_at", "id"], name="invitation_created_idx"),
            # The open invitations by expiry: the staff "to do" count and its next change
            # (selectors.invitations_expiring_until: COUNT and MIN(expires_at) of the pending
            # ones) and the invitation list's next state change (invitations_states_until). Only
            # the unanswered rows, so the index stays as small as what is still open.
            models.Index(
                fields=["expires_at"],
                condition=models.Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="invitation_open_expiry_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.partner}"

    @property
    def state(self) -> str:
        if self.revoked_at:
            return InvitationState.REVOKED
        if self.accepted_at:
            return InvitationState.ACCEPTED
        if self.expires_at <= timezone.now():
            return InvitationState.EXPIRED
        return InvitationState.PENDING

    def get_state_display(self) -> str:
        return str(InvitationState(self.state).label)

    @property
    def is_pending(self) -> bool:
        return self.state == InvitationState.PENDING


class PartnerCalendarFeed(models.Model):
    """The partner's private calendar address (``core.feeds``), managed by its portal admins:
    the secret is derived from ``salt`` (never stored); a new salt is a new address, deleting
    the row turns the feed off."""

    partner = models.OneToOneField(
        Partner, verbose_name=_("partner"), on_delete=models.CASCADE, related_name="calendar_feed"
    )
    salt = models.CharField(max_length=32)
    created_at = models.DateTimeField(_("created"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ScopedManager(partner="partner")

    class Meta:
        verbose_name = _("partner calendar feed")
        verbose_name_plural = _("partner calendar feeds")

    def __str__(self) -> str:
        return f"{self.partner} (calendar)"
