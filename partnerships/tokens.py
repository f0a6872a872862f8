"""Invitation link tokens: derived, never stored; only their SHA-256 is."""

import base64
import hashlib
import hmac
import re

from django.conf import settings
from django.urls import reverse

TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{43}$")  # 256-bit HMAC, base64url without padding


def invitation_token(invitation) -> str:
    """The link's secret, from the invitation's random salt (128 bits) and the SECRET_KEY.

    Deriving it lets the e-mail task rebuild the link without the secret travelling through
    the broker; rotating SECRET_KEY invalidates pending invitations.
    """
    digest = hmac.new(settings.SECRET_KEY.encode(), f"wmfr-invitation:{invitation.salt}".encode(), hashlib.sha256)
    return base64.urlsafe_b64encode(digest.digest()).rstrip(b"=").decode()


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_path(invitation) -> str:
    return reverse("invitation_accept", args=[invitation.partner_id, invitation_token(invitation)])
