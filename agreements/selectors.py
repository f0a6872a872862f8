import datetime

from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone

from .models import Agreement, AgreementDocument, AgreementStatus, Clause

EXPIRING_DAYS = 60


def agreement_list_queryset() -> QuerySet[Agreement]:
    return Agreement.objects.select_related("partner", "partnership").annotate(clause_count=Count("clauses"))


def expiring_filter(qs: QuerySet[Agreement], *, days: int = EXPIRING_DAYS) -> QuerySet[Agreement]:
    today = timezone.localdate()
    return qs.filter(
        status__in=[AgreementStatus.SIGNED, AgreementStatus.ACTIVE],
        end_date__gte=today,
        end_date__lte=today + datetime.timedelta(days=days),
    )


def agreement_detail(qs: QuerySet[Agreement], pk: int) -> Agreement:
    """One agreement with its clauses, versions, amendments, scans and signatories (fixed queries)."""
    return (
        qs.select_related("partner", "partnership", "created_by")
        .prefetch_related(
            Prefetch(
                "clauses", queryset=Clause.objects.select_related("activity_type", "amendment").order_by("position")
            ),
            Prefetch("documents", queryset=AgreementDocument.objects.select_related("amendment").order_by("-version")),
            "amendments",
            "scans__uploaded_by",
            "signatories",
        )
        .get(pk=pk)
    )


def agreements_in_status_count(status: str) -> int:
    """Agreements waiting in one status: the staff "to do" panel (to send, awaiting signatures)."""
    return Agreement.objects.filter(status=status).count()
