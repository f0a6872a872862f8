"""Models of the reports wing: the open-data flag of a partnership and the stored report PDFs.

Imported by ``evaluations.models`` so that Django finds them; their rules live in
``evaluations/reports.py`` (PDF requests and rendering) and ``evaluations/opendata.py``
(publication).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from core.audit import AuditSentence


class PartnershipPublication(models.Model):
    """The partners' agreement to publish a partnership and its activities as open data.

    One row per partnership once somebody set the flag (no row: not published). Set by staff
    or by a partner admin in the portal, through ``opendata.publication_set`` (audited).
    """

    partnership = models.OneToOneField(
        "partnerships.Partnership",
        verbose_name=_("partnership"),
        on_delete=models.CASCADE,
        related_name="publication",
    )
    published = models.BooleanField(_("partners agreed to publish"), default=False)
    changed_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = ScopedManager(partner="partnership__partners")

    class Meta:
        verbose_name = _("open data publication")
        verbose_name_plural = _("open data publications")
        indexes = [
            # The public open-data page: the published partnerships only.
            models.Index(fields=["published"], name="publication_published_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.partnership_id}: {self.published}"


class ReportState(models.TextChoices):
    PENDING = "pending", _("Being rendered")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


class ReportKind(models.TextChoices):
    PARTNERSHIP = "partnership", _("Partnership evaluation report")
    IMPACT = "impact", _("Impact report")


def report_upload_to(instance: ReportDocument, filename: str) -> str:
    return f"reports/{instance.kind}/{filename}"


class ReportDocument(models.Model):
    """One rendered report PDF: a partnership's evaluation report, or the impact dashboard
    filtered (by priority, region, year...; ``filters`` holds the cleaned query string).

    Rendered by the worker (``evaluations.render_report_document``), stored with its SHA-256;
    a report asked for again with the same content (``input_sha256``) while pending or ready
    is that same row.
    """

    kind = models.CharField(_("kind"), max_length=16, choices=ReportKind.choices)
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        verbose_name=_("partnership"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="report_documents",
    )
    filters = models.CharField(_("filters"), max_length=500, blank=True)
    language = models.CharField(_("language"), max_length=8, default="fr")
    state = models.CharField(_("state"), max_length=16, choices=ReportState.choices, default=ReportState.PENDING)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    file = models.FileField(_("PDF"), upload_to=report_upload_to, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    input_sha256 = models.CharField(_("SHA-256 of the content"), max_length=64, blank=True, editable=False)
    size = models.PositiveIntegerField(_("size (bytes)"), null=True, blank=True)
    pages = models.PositiveSmallIntegerField(_("pages"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    rendered_at = models.DateTimeField(_("rendered"), null=True, blank=True)

    # Staff-only documents; scoped all the same, so that no portal query can reach them.
    objects = ScopedManager(partner="partnership__partners")

    class Meta:
        verbose_name = _("report PDF")
        verbose_name_plural = _("report PDFs")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="partnership", partnership__isnull=False)
                | models.Q(kind="impact", partnership__isnull=True),
                name="report_partnership_iff_kind",
            ),
        ]
        indexes = [
            # The report page: the latest PDFs of a partnership (or of the impact reports).
            models.Index(fields=["kind", "partnership", "-created_at"], name="report_kind_partnership_idx"),
            # The stale sweep: pending reports by age.
            models.Index(fields=["state", "created_at"], name="report_state_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def is_pending(self) -> bool:
        return self.state == ReportState.PENDING

    @property
    def is_ready(self) -> bool:
        return self.state == ReportState.READY

    @property
    def is_failed(self) -> bool:
        return self.state == ReportState.FAILED

    @property
    def filename(self) -> str:
        stamp = self.created_at.strftime("%Y%m%d-%H%M") if self.created_at else "new"
        subject = f"partnership-{self.partnership_id}" if self.partnership_id else "impact"
        return f"report-{subject}-{stamp}-{self.pk}.pdf"


class PublicationState(models.TextChoices):
    """The flag's two values as the audit trail stores them (``from_state`` / ``to_state``)."""

    PUBLISHED = "true", _("published")
    NOT_PUBLISHED = "false", _("not published")


# How the history panels tell the reports wing's audit entries (see core.audit).
REPORT_SENTENCES = {
    "partnership.open_data_set": AuditSentence(
        _("%(actor)s changed the open data of the partnership from “%(from)s” to “%(to)s”"),
        text_without_from=_("%(actor)s set the open data of the partnership to “%(to)s”"),
        states=PublicationState,
    ),
    "report.requested": AuditSentence(_("%(actor)s asked for a report PDF")),
}
