"""Demo accounts (development only) and the fictional WMFR staff."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from accounts.roles import STAFF_MEMBER

from ..builders import BuildContext
from ..data import load


def build(ctx: BuildContext) -> None:
    ctx.staff = staff_ensure()
    ctx.accounts = demo_accounts_ensure(ctx) if settings.DEMO_ACCOUNTS else {}


def staff_ensure() -> list:
    user_model = get_user_model()
    group = Group.objects.get(name=STAFF_MEMBER)
    staff = []
    for person in load("accounts")["staff_people"]:
        user = user_model.objects.filter(username=person["username"]).first()
        if user is None:
            user = user_model(
                username=person["username"],
                first_name=person["first_name"],
                last_name=person["last_name"],
                is_staff=True,
                email=f"{person['username']}@example.org",
                preferred_language="fr",
            )
            user.set_unusable_password()
            user.full_clean()
            user.save()
            user.groups.add(group)
        staff.append(user)
    return staff


def demo_accounts_ensure(ctx: BuildContext) -> dict:
    """Create or reset the demo accounts; their passwords are those of accounts.yaml."""
    user_model = get_user_model()
    accounts = {}
    for spec in load("accounts")["demo_accounts"]:
        username = spec["username"]
        user = user_model.objects.filter(username=username).first() or user_model(username=username)
        for name in ("first_name", "last_name", "is_staff", "is_superuser"):
            if name in spec:
                setattr(user, name, spec[name])
        user.email = user.email or f"{username}.demo@example.org"
        user.preferred_language = "fr"
        user.is_active = True
        user.set_password(spec["password"])
        user.save()
        if spec.get("group"):
            user.groups.add(Group.objects.get(name=spec["group"]))
        accounts[username] = user
    try:  # a demo account locked out by failed logins is usable again
        from axes.utils import reset

        for username in accounts:
            reset(username=username)
    except Exception as error:  # noqa: BLE001 - a failed reset must not stop the seed
        ctx.write(f"Could not reset login failures of the demo accounts: {error}")
    return accounts
