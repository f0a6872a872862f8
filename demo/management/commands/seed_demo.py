"""Demo data: the policy's real partners, then N generated ones, then the demo accounts.

    manage.py seed_demo [--scale N] [--seed S]

* Loads the activity catalogue and the action plan first (idempotent).
* Runs the builders of ``demo/builders.py`` in layer order: demo accounts and staff,
  the policy's former and current partners (real organisations, fictional contacts)
  with their partnerships and actions, the demo agreements. Through the services, so
  they obey the rules and have history rows and audit entries.
* Creates ``--scale`` generated partners (default 60) with contacts, memberships,
  partnerships, activities and tags, in bulk. They carry the tag ``demo-generated``;
  a second run only adds what is missing up to N. Same seed, same data.
* Creates the demo accounts only when ``settings.DEMO_ACCOUNTS`` is true; their
  passwords (``demo/data/accounts.yaml``) are reset on every run. The demo app itself
  is never installed in production, so this command does not exist there.
* Ends by checking the story (``demo/story.py``) over what is in the database and
  printing the rows that break it.

Every e-mail address is on example.org; the phone numbers are in the ranges ARCEP keeps
for fiction (01 99 00, 02 61 91, 03 53 01, 04 65 71, 05 36 49).
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from activities.services import catalogue_load
from demo.builders import BuildContext, available
from demo.data import load
from demo.scale import generated_ensure
from demo.story import story_check

DEFAULT_SCALE = 60
DEFAULT_SEED = 2014


class Command(BaseCommand):
    help = "Seed demo data: the policy's real partners, N generated partners, and the demo accounts."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=DEFAULT_SCALE,
            help=f"Generated partners wanted in total, beyond the real ones (default {DEFAULT_SCALE}).",
        )
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="Random seed (same seed, same data).")

    def handle(self, *args, scale: int, seed: int, **options):
        if scale < 0:
            raise CommandError("--scale must be 0 or more.")
        started = time.monotonic()
        ctx = BuildContext(
            today=timezone.localdate(), now=timezone.now(), scale=scale, seed=seed, write=self.stdout.write
        )
        builders = available()
        # A command acts like staff: it sees every partner (see partnerships/middleware.py).
        with scopes_disabled():
            count = catalogue_load()
            self.stdout.write(f"Catalogue: {count} activity types and the current action plan loaded.")
            with transaction.atomic():
                for builder in builders:
                    builder.build(ctx)
                for builder in builders:
                    if hasattr(builder, "close"):
                        builder.close(ctx)
                generated_ensure(ctx, [b.bulk for b in builders if hasattr(b, "bulk")])
            if connection.vendor == "postgresql":
                # Bulk loads leave the planner's statistics stale until autovacuum catches up.
                # VACUUM cannot run inside a transaction (a test's, or a caller's): ANALYZE can.
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
            for builder in builders:
                if hasattr(builder, "after"):
                    builder.after(ctx)
            report = story_check(today=ctx.today, now=timezone.now())
        self.stdout.write(f"Story: {report.summary()}")
        if report.broken:  # rows edited by hand can break it too: say so, do not fail
            for line in report.details(limit=20):
                self.stderr.write(line)
        self.stdout.write(self.style.SUCCESS(f"Done in {time.monotonic() - started:.1f} s."))
        self.credentials_print(ctx.accounts)

    def credentials_print(self, accounts: dict) -> None:
        if not accounts:
            self.stdout.write("DEMO_ACCOUNTS is off: no demo accounts were created.")
            return
        specs = load("accounts")["demo_accounts"]
        lines = ["Demo accounts (development only)", ""]
        lines += [f"{c['username']:<8}  {c['password']:<24}  {c['role']}" for c in specs]
        width = max(len(line) for line in lines)
        box = ["┌" + "─" * (width + 2) + "┐"]
        box += [f"│ {line:<{width}} │" for line in lines]
        box.append("└" + "─" * (width + 2) + "┘")
        self.stdout.write("\n".join(box))
