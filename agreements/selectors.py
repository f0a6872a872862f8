import datetime

from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone

from partnerships.models import Partner

from . import lifecycle
from .models import Agreement, AgreementDocument, Amendment, Clause, DocumentState, SignedScan

EXPIRING_DAYS = 60


def agreement_list_queryset() -> QuerySet[Agreement]:
    return Agreement.objects.select_related("partner", "partnership").annotate(clause_count=Count("clauses"))


def expiring_filter(qs: QuerySet[Agreement], *, days: int = EXPIRING_DAYS) -> QuerySet[Agreement]:
    today = timezone.localdate()
    return qs.filter(
        lifecycle.in_force_q(),
        end_date__gte=today,
        end_date__lte=today + datetime.timedelta(days=days),
    )


def agreement_detail(qs: QuerySet[Agreement], pk: int) -> Agreement:
    """One agreement with its clauses, versions, amendments, scans and signatories (fixed queries)."""
    return (
        qs.select_related("partner", "partnership", "created_by", "wmfr_signatory")
        .prefetch_related(
            Prefetch(
                "clauses", queryset=Clause.objects.select_related("activity_type", "amendment").order_by("position")
            ),
            Prefetch("documents", queryset=AgreementDocument.objects.select_related("amendment").order_by("-version")),
            "amendments",
            Prefetch("scans", queryset=SignedScan.objects.select_related("uploaded_by", "amendment")),
            "signatories",
        )
        .get(pk=pk)
    )


# --- Portal: everything starts from the partner, and the lifecycle says what it may see ---


def partner_agreements(*, partner: Partner) -> QuerySet[Agreement]:
    """The partner's agreements it may see (``lifecycle.VISIBLE_TO_PARTNER``)."""
    return partner.agreements.filter(lifecycle.visible_to_partner_q())


def partner_agreement_list(*, partner: Partner) -> list[Agreement]:
    return list(partner_agreements(partner=partner).select_related("partnership").order_by("-created_at", "-pk"))


def partner_agreement_detail(*, partner: Partner, pk: int) -> Agreement:
    """One visible agreement with only what the partner may see: the clauses of amendments
    not yet sent and versions not yet rendered stay out (fixed queries)."""
    return (
        partner_agreements(partner=partner)
        .select_related("partner", "partnership")
        .prefetch_related(
            Prefetch(
                "clauses",
                queryset=Clause.objects.filter(lifecycle.clause_visible_to_partner_q())
                .select_related("activity_type", "amendment")
                .order_by("position"),
            ),
            Prefetch(
                "documents",
                queryset=AgreementDocument.objects.filter(state=DocumentState.READY)
                .select_related("amendment")
                .order_by("-version"),
            ),
            Prefetch("amendments", queryset=Amendment.objects.filter(sent_at__isnull=False)),
            Prefetch("scans", queryset=SignedScan.objects.select_related("uploaded_by", "amendment")),
            "signatories",
        )
        .get(pk=pk)
    )


def partner_document(*, partner: Partner, pk: int) -> AgreementDocument:
    """A rendered version of one of the partner's visible agreements."""
    return (
        AgreementDocument.objects.filter(
            lifecycle.visible_to_partner_q("agreement__"), agreement__partner=partner, state=DocumentState.READY
        )
        .select_related("agreement", "amendment")
        .get(pk=pk)
    )


def in_force_agreements(*, partner: Partner) -> QuerySet[Agreement]:
    return partner.agreements.filter(lifecycle.in_force_q())


def agreements_in_status_count(status: str) -> int:
    """Agreements waiting in one status: the staff "to do" panel (to send, awaiting signatures)."""
    return Agreement.objects.filter(status=status).count()
