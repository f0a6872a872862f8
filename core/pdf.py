"""PDF rendering with WeasyPrint, locked down.

- One restricted URL fetcher and one font configuration per process, built at import:
  building WeasyPrint's default fetcher loads the CA bundle (~60 ms a document) and
  importing WeasyPrint takes ~1.5 s, so neither happens per task.
- The fetcher serves only the app's bundled PDF assets (``static/pdf/``, addressed under
  ``ASSET_BASE_URL``) and ``data:`` URLs. No ``file://``, no network, no redirects: any other
  URL raises, and WeasyPrint leaves the resource out.
"""

import base64
import hashlib
import logging
import mimetypes
from collections import deque
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import unquote_to_bytes, urlsplit

from django.conf import settings
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

# A reserved, never-resolvable host (RFC 2606): only this fetcher knows what it means.
ASSET_BASE_URL = "https://pdf-assets.wmfr.invalid/"
ASSET_DIR = Path(settings.BASE_DIR) / "static" / "pdf"
MAX_DATA_URL_BYTES = 2_000_000


class BlockedURLError(ValueError):
    pass


class AppAssetFetcher(URLFetcher):  # type: ignore[misc]  # weasyprint ships no type hints
    """Serves bundled assets and data: URLs; refuses everything else."""

    def __init__(self) -> None:
        # Deliberately not calling URLFetcher.__init__: it builds urllib handlers (file,
        # http, https with the system CA bundle) that this fetcher never uses.
        self._fail_on_errors = False
        self._timeout = 0
        self._cache: dict[str, tuple[bytes, str]] = {}
        self.blocked: deque[str] = deque(maxlen=100)  # recent refusals, for tests and debugging

    def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> URLFetcherResponse:
        if url.startswith("data:"):
            return self._data_url(url)
        if url.startswith(ASSET_BASE_URL):
            body, content_type = self._asset(url)
            return URLFetcherResponse(url, body, {"Content-Type": content_type})
        self.blocked.append(url[:200])
        logger.warning("PDF fetcher blocked %s", url[:200])
        raise BlockedURLError(f"blocked URL: {url[:80]}")

    def _asset(self, url: str) -> tuple[bytes, str]:
        if url not in self._cache:
            relative = unquote_to_bytes(urlsplit(url).path).decode().lstrip("/")
            path = (ASSET_DIR / relative).resolve()
            if ASSET_DIR.resolve() not in path.parents or not path.is_file():
                raise BlockedURLError(f"not a bundled asset: {relative[:80]}")
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            self._cache[url] = (path.read_bytes(), content_type)
        return self._cache[url]

    @staticmethod
    def _data_url(url: str) -> URLFetcherResponse:
        header, _, payload = url[5:].partition(",")
        if len(payload) > MAX_DATA_URL_BYTES:
            raise BlockedURLError("data: URL too large")
        media_type = header.removesuffix(";base64") or "text/plain"
        body = base64.b64decode(payload) if header.endswith(";base64") else unquote_to_bytes(payload)
        return URLFetcherResponse(url, body, {"Content-Type": media_type})


FETCHER = AppAssetFetcher()
FONT_CONFIG = FontConfiguration()


def render_pdf(html: str) -> bytes:
    """Render trusted template output to PDF bytes (title, author, language and creation date
    from the HTML head), tagged for screen readers whatever the variant."""
    return render_pdf_with_pages(html)[0]


def render_pdf_with_pages(html: str) -> tuple[bytes, int]:
    """``render_pdf``, and the number of pages, from WeasyPrint's own layout (what
    ``HTML.write_pdf`` does, in its two steps). Counting them by parsing the PDF again with
    pypdf cost about a tenth of the render (5 pages)."""
    options = {"pdf_variant": settings.PDF_VARIANT or None, "pdf_tags": True}
    document = HTML(string=html, base_url=ASSET_BASE_URL, url_fetcher=FETCHER).render(
        font_config=FONT_CONFIG, **options
    )
    pdf: bytes = document.write_pdf(**options)
    return pdf, len(document.pages)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def store_rendered(document: Any, pdf: bytes, pages: int, *, ready: str) -> Any:
    """Store a rendered PDF on its document row (an agreement version, a report), by one
    conditional UPDATE: the row is locked for that statement only, and a document another
    worker finished first is left alone (its file stands; this one's goes). One round trip
    where a locking read inside a transaction took four (BEGIN, SELECT ... FOR UPDATE, UPDATE,
    COMMIT): under load each one waits for the database. Returns the document as stored."""
    from django.core.files.base import ContentFile
    from django.utils import timezone

    model = type(document)
    document.file.save(document.filename, ContentFile(pdf), save=False)
    fields = {
        "file": document.file.name,
        "sha256": sha256_hex(pdf),
        "size": len(pdf),
        "pages": pages,
        "state": ready,
        "error": "",
        "rendered_at": timezone.now(),
    }
    if not model.objects.filter(pk=document.pk).exclude(state=ready).update(**fields):
        document.file.delete(save=False)
        return model.objects.get(pk=document.pk)  # another worker finished first
    for name, value in fields.items():
        if name != "file":
            setattr(document, name, value)
    document.attempts += 1
    return document
