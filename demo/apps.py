from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data and the factories shared with the tests.

    Installed only with the development defaults and in tests (``settings.DEMO_APP``);
    production settings never install it, so ``seed_demo`` does not exist there.
    """

    name = "demo"
    verbose_name = "Demo data"
