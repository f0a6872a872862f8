"""Rate limits for what sends e-mail on somebody's behalf: password resets, invitations.

Fixed windows counted in a dedicated cache (``CACHES["ratelimit"]``: Redis in production,
shared by every process; a file cache under VAR_DIR otherwise), so that clearing the default
cache never lifts a limit. An action is refused as a whole when any of its buckets is full,
and counted in all of them otherwise (a refused attempt does not extend the block).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.cache import caches

CACHE_ALIAS = "ratelimit"


@dataclass(frozen=True)
class Bucket:
    """``limit`` events per ``window`` seconds for one ``scope`` (e.g. "reset-email") and key."""

    scope: str
    key: str
    limit: int
    window: int

    @property
    def cache_key(self) -> str:
        # Hashed: keys hold e-mail addresses and must stay short and opaque.
        digest = hashlib.sha256(f"{self.scope}\0{self.key}".encode()).hexdigest()[:32]
        return f"rl:{self.scope}:{digest}"


class RateLimitedError(Exception):
    """Raised by :func:`consume` when a bucket is full; ``bucket`` says which."""

    def __init__(self, bucket: Bucket):
        super().__init__(f"rate limit reached for {bucket.scope}")
        self.bucket = bucket


def _count(bucket: Bucket) -> int:
    return int(caches[CACHE_ALIAS].get(bucket.cache_key, 0))


def is_allowed(*buckets: Bucket) -> bool:
    return all(_count(b) < b.limit for b in buckets if b.key)


def consume(*buckets: Bucket) -> None:
    """Count one event in every bucket, or raise RateLimitedError (counting nothing) if one is full."""
    active = [b for b in buckets if b.key]
    for bucket in active:
        if _count(bucket) >= bucket.limit:
            raise RateLimitedError(bucket)
    cache = caches[CACHE_ALIAS]
    for bucket in active:
        # add() starts the window only once; incr() is atomic on Redis.
        cache.add(bucket.cache_key, 0, timeout=bucket.window)
        try:
            cache.incr(bucket.cache_key)
        except ValueError:  # expired between add() and incr()
            cache.set(bucket.cache_key, 1, timeout=bucket.window)
