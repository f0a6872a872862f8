import os

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests
# make around it (fixtures, assertions) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def login(page, live_server):
    def _login(username: str):
        page.goto(f"{live_server.url}/")
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()

    return _login
