import os

import pytest

# As in tests/browser: Playwright's sync API keeps an event loop in the main thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def login(page, live_server):
    def _login(username: str, on=None):
        target = on or page
        target.goto(f"{live_server.url}/")
        target.fill("#id_username", username)
        target.fill("#id_password", PASSWORD)
        target.locator("main form button[type=submit]").click()
        target.wait_for_load_state()

    return _login
