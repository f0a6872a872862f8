from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """One recorded change of state on any object: who, when, what, from, to."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    target = GenericForeignKey("content_type", "object_id")
    action = models.CharField(_("action"), max_length=64)
    from_state = models.CharField(_("from"), max_length=64, blank=True)
    to_state = models.CharField(_("to"), max_length=64, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-at", "-pk"]
        indexes = [
            # The history panel of an object's detail page.
            models.Index(fields=["content_type", "object_id", "-at"], name="audit_target_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.content_type.model}#{self.object_id} {self.from_state}→{self.to_state}"


class WorkerHeartbeat(models.Model):
    """Written by a periodic Celery task, so /healthz can tell that a worker and beat run."""

    name = models.CharField(max_length=64, unique=True)
    last_seen = models.DateTimeField()
    beats = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self) -> str:
        return f"{self.name} @ {self.last_seen:%Y-%m-%d %H:%M:%S}"


class ReminderDelivery(models.TextChoices):
    DIGEST = "digest", _("One daily digest")
    INDIVIDUAL = "individual", _("One e-mail per deadline")


class ReminderPreference(models.Model):
    """A user's choice for deadline reminders (core.reminders): digest or one e-mail each
    (unset: staff get a digest, partners one e-mail each), and the kinds they opted out of
    (only kinds that are not mandatory can be muted)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_preference")
    delivery = models.CharField(_("delivery"), max_length=16, choices=ReminderDelivery.choices, blank=True)
    muted_kinds = models.JSONField(_("kinds muted"), default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("reminder preference")
        verbose_name_plural = _("reminder preferences")

    def __str__(self) -> str:
        return f"{self.user} ({self.delivery or 'default'})"


class ReminderSent(models.Model):
    """The sent-log: one row per (deadline, offset, recipient), written in the transaction that
    decides to send it; the e-mail task marks ``sent_at`` (core.reminders)."""

    deadline = models.CharField(_("deadline"), max_length=200)  # Occurrence.key: kind:model:pk:date
    kind = models.CharField(_("kind"), max_length=64)
    offset = models.SmallIntegerField(_("days before"))  # negative: days after (overdue)
    recipient = models.CharField(_("recipient"), max_length=40)  # Recipient.key: user:<pk> / contact:<pk>
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    email = models.EmailField(_("e-mail"))
    language = models.CharField(_("language"), max_length=8)
    digest = models.BooleanField(_("in a digest"), default=False)
    staff = models.BooleanField(_("to staff"), default=False)  # staff wording and links, else the portal's
    due_on = models.DateField(_("deadline date"))
    subject = models.CharField(_("subject"), max_length=300)
    url = models.CharField(max_length=300, blank=True)
    sweep = models.UUIDField(editable=False)  # the sweep that won the row
    created_at = models.DateTimeField(_("decided"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    failed_at = models.DateTimeField(_("given up"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["deadline", "offset", "recipient"], name="reminder_sent_unique"),
        ]
        indexes = [
            models.Index(fields=["sweep"], name="reminder_sent_sweep_idx"),
            models.Index(fields=["recipient", "-created_at"], name="reminder_sent_recipient_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.deadline} {self.offset:+d} → {self.recipient}"


class CalendarFeed(models.Model):
    """A user's private calendar address (``core.feeds``). The address's secret is derived from
    ``salt`` and the SECRET_KEY, never stored; a new salt is a new address (the old one answers
    404), and deleting the row turns the feed off."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    salt = models.CharField(max_length=32)
    created_at = models.DateTimeField(_("created"), auto_now=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"{self.user} (calendar)"


class Notification(models.Model):
    """In-app notice of a reminder: written by the sweep with the sent-log row it comes from
    (``core.reminders``), one per (recipient, deadline, offset); the bell counts the unread."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("kind"), max_length=64)
    deadline = models.CharField(_("deadline"), max_length=200)  # Occurrence.key
    offset = models.SmallIntegerField(_("days before"))  # negative: days after (overdue)
    text = models.CharField(_("text"), max_length=400)  # in the recipient's language
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "deadline", "offset"], name="notification_unique"),
        ]
        indexes = [
            # The bell: COUNT of a user's unread; the page: a user's newest first.
            models.Index(fields=["recipient", "read_at"], name="notification_unread_idx"),
            models.Index(fields=["recipient", "-created_at"], name="notification_recent_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.recipient}: {self.text[:60]}"
