"""Every main page, staff, portal and public, in French and English, at 390 px wide:
nothing wider than the screen, and axe-core (vendored in static/) finds no serious or
critical violation. The summary line is printed at the end of the run."""

from pathlib import Path
from urllib.parse import urljoin

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from evaluations.tests.walk_tables import evaluation_of
from partnerships.tokens import invitation_path

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(settings.BASE_DIR) / "static" / "vendor" / "axe-core-4.11.0" / "axe.min.js"
WIDTH = 390
SUMMARY: list[str] = []  # printed by the root conftest's terminal summary


def questionnaire_pages(cast, area: str) -> list[str]:
    """The satisfaction questionnaire's pages (partner A's open one, with an answer)."""
    from django_scopes import scopes_disabled

    from evaluations.questionnaire_services import questionnaire_answer
    from evaluations.tests.walk_tables import QUESTIONNAIRE, questionnaire_of

    if QUESTIONNAIRE not in cast:
        questionnaire = questionnaire_of(cast)[QUESTIONNAIRE]
        with scopes_disabled():
            questionnaire_answer(
                questionnaire=questionnaire,
                values={"overall": "4", "expectations": "5", "skills": "3", "welcome": "4", "level": "few",
                        "liked": "Les conseils <b>pratiques</b>"},
            )  # fmt: skip
    questionnaire = cast[QUESTIONNAIRE]
    return {
        "staff": [
            reverse("staff:questionnaire_list"),
            reverse("staff:questionnaire_create"),
            reverse("staff:questionnaire_detail", args=[questionnaire.pk]),
            reverse("staff:questionnaire_print", args=[questionnaire.pk]),
        ],
        "portal": [
            reverse("portal:questionnaire_list"),
            reverse("portal:questionnaire_detail", args=[questionnaire.pk]),
        ],
        "public": [reverse("evaluations:questionnaire_answer", args=[questionnaire.token])],
    }[area]


def staff_pages(cast):
    return [
        reverse("staff:dashboard"),
        reverse("staff:partner_list"),
        reverse("staff:partner_detail", args=[cast["partner"].pk]),
        reverse("staff:partner_create"),
        reverse("staff:partnership_list"),
        reverse("staff:partnership_create"),
        reverse("staff:partnership_detail", args=[cast["partnership"].pk]),
        reverse("staff:agreement_list"),
        reverse("staff:agreement_detail", args=[cast["agreement"].pk]),
        reverse("staff:agreement_create") + f"?partnership={cast['partnership'].pk}",
        reverse("staff:proposal_list"),
        reverse("staff:proposal_detail", args=[cast["proposal"].pk]),
        reverse("staff:invitation_list"),
        reverse("staff:activity_list"),
        reverse("staff:activity_calendar"),
        reverse("staff:activity_week"),
        reverse("staff:activity_detail", args=[cast["activity"].pk]),
        reverse("staff:activity_plan", args=[cast["activity"].pk]),
        reverse("staff:activity_scope", args=[cast["activity"].pk]),
        reverse("staff:activity_update", args=[cast["activity"].pk]),
        reverse("staff:partner_wikidata", args=[cast["partner"].pk]),
        *evaluation_pages(cast, "staff", ("evaluation_answer", "press_mention_add")),
        reverse("staff:follow_up_activity", args=[cast["evaluation"].pk, cast["evaluation_lesson"].pk]),
        reverse("staff:impact_dashboard"),
        reverse("staff:partnership_report", args=[cast["partnership"].pk]),
        *questionnaire_pages(cast, "staff"),
        reverse("staff:deadlines"),
        reverse("notifications"),
        reverse("preferences"),
    ]


def evaluation_pages(cast, area: str, forms: tuple[str, ...]) -> list[str]:
    """An open joint evaluation and its forms, and one whose two sides are shown side by side."""
    evaluation_of(cast)
    pages = [reverse(f"{area}:evaluation_list")]
    pages += [reverse(f"{area}:{name}", args=[cast["evaluation"].pk]) for name in ("evaluation_detail", *forms)]
    return [*pages, reverse(f"{area}:evaluation_detail", args=[cast["evaluation_revealed"].pk])]


def portal_pages(cast):
    return [
        reverse("portal:home"),
        reverse("portal:partnership_detail", args=[cast["partnership"].pk]),
        reverse("portal:agreement_list"),
        reverse("portal:agreement_detail", args=[cast["agreement"].pk]),
        reverse("portal:organisation_edit"),
        reverse("portal:proposal_detail", args=[cast["proposal"].pk]),
        reverse("portal:proposal_create", args=["training"]),
        reverse("portal:principles"),
        reverse("portal:invite_colleague"),
        reverse("portal:activity_list"),
        reverse("portal:activity_detail", args=[cast["activity"].pk]),
        *evaluation_pages(cast, "portal", ("evaluation_answer",)),
        reverse("portal:follow_up_proposal", args=[cast["evaluation"].pk, cast["evaluation_lesson"].pk]),
        reverse("portal:open_data"),
        *questionnaire_pages(cast, "portal"),
        reverse("portal:deadlines"),
        reverse("portal:notifications"),
        reverse("portal:preferences"),
    ]


def public_pages(cast):
    return [
        reverse("catalogue:list"),
        reverse("catalogue:detail", args=["training"]),
        reverse("login"),
        reverse("evaluations:open_data"),
        cast["invitation_url"],
        *questionnaire_pages(cast, "public"),
    ]


def session_cookie(user, live_server) -> dict:
    client = Client()
    client.force_login(user)
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": live_server.url,
    }


def check(page, url: str) -> tuple[int, list[str]]:
    response = page.goto(url)
    assert response is not None and response.status == 200, f"{url}: {response and response.status}"
    width = page.evaluate("document.documentElement.scrollWidth")
    csp = page.evaluate("window.__csp || []")
    # From the app's own static files: an inline script tag would break the CSP under test.
    page.add_script_tag(url=urljoin(url, settings.STATIC_URL + "vendor/axe-core-4.11.0/axe.min.js"))
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, {resultTypes: ['violations']});
            return r.violations.filter(v => ['serious', 'critical'].includes(v.impact))
                .map(v => `${v.impact} ${v.id}: ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`);
        }"""
    )
    return width, result + [f"CSP violation: {v}" for v in csp]


def widest(page) -> str:
    """The innermost elements that stick out of the screen, to say what to fix."""
    return page.evaluate(
        """(w) => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > w + 1
                && ![...e.children].some(c => c.getBoundingClientRect().right > w + 1))
            .slice(0, 4)
            .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                 + (typeof e.className === 'string' && e.className
                    ? '.' + e.className.trim().split(/\\s+/).join('.') : '')
                 + ' ' + Math.round(e.getBoundingClientRect().right))
            .join(', ')""",
        WIDTH,
    )


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": WIDTH, "height": 844}}


# Content-Security-Policy violations are reported to the page as events: record them from
# the first script of every document (init scripts are not subject to the policy).
CSP_LISTENER = """window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(
    `${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile || ''}:${e.lineNumber}`));"""


def test_every_main_page_fits_390px_and_passes_axe(page, context, live_server, cast):
    cast["invitation_url"] = invitation_path(cast["invitation"])
    context.add_init_script(CSP_LISTENER)
    problems: list[str] = []
    violations_found = 0
    pages = 0
    for language in ("fr", "en"):
        for role, urls in (
            ("staff", staff_pages(cast)),
            ("partner_a_admin", portal_pages(cast)),
            (None, public_pages(cast)),
        ):
            context.clear_cookies()
            cookies = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
            if role is not None:
                cookies.append(session_cookie(cast["users"][role], live_server))
            context.add_cookies(cookies)
            for url in urls:
                width, violations = check(page, live_server.url + url)
                pages += 1
                if width > WIDTH:
                    problems.append(f"[{language}] {url}: {width} px wide ({widest(page)})")
                violations_found += len(violations)
                problems += [f"[{language}] {url}: {v}" for v in violations]
    too_wide = len(problems) - violations_found
    SUMMARY.append(f"{pages} pages at {WIDTH} px (staff, portal, public; FR and EN): {too_wide} wider than the screen")
    csp_found = sum(1 for p in problems if "CSP violation" in p)
    SUMMARY.append(f"{pages} pages, {violations_found - csp_found} serious or critical violations")
    SUMMARY.append(f"{pages} pages under the Content-Security-Policy, {csp_found} violations")
    assert not problems, "\n".join(problems)
