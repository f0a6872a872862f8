"""The test factories live in the demo app (shared with the demo data): demo/factories.py."""

from demo.factories import (  # noqa: F401
    ContactFactory,
    MembershipFactory,
    PartnerFactory,
    PartnershipFactory,
    StaffFactory,
    UserFactory,
)
