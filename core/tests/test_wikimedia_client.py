"""The Wikimedia client against the replay server: real sockets, recorded answers."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from django.test import override_settings

from core.tests.conftest import USER_AGENT
from core.wikimedia import (
    NotAWikimediaProject,
    WikimediaAPIError,
    WikimediaClient,
    WikimediaHTTPError,
    normalize_wiki_host,
    pageviews_project,
)
from core.wikimedia_replay import OutsideNetworkBlocked

pytestmark = pytest.mark.usefixtures("english")

BACKLINKS = {"list": "backlinks", "bltitle": "Python_(programming_language)", "bllimit": "500", "redirects": "1"}
Q42 = {"action": "wbgetentities", "ids": "Q42", "props": "labels|claims", "languages": "fr|en"}
Q42_URL = (
    "https://www.wikidata.org/w/api.php?action=wbgetentities&ids=Q42&props=labels|claims&languages=fr|en&format=json"
)


# --- Hosts -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "host"),
    [
        ("fr.wikipedia.org", "fr.wikipedia.org"),
        ("https://FR.m.wikipedia.org/wiki/Lyon", "fr.wikipedia.org"),
        ("zh-min-nan.wikipedia.org", "zh-min-nan.wikipedia.org"),
        ("fr.wikisource.org.", "fr.wikisource.org"),
        ("en.wiktionary.org", "en.wiktionary.org"),
        ("commons.wikimedia.org", "commons.wikimedia.org"),
        ("https://commons.m.wikimedia.org/wiki/Category:Lyon", "commons.wikimedia.org"),
        ("www.wikidata.org", "www.wikidata.org"),
        ("m.wikidata.org", "www.wikidata.org"),
        ("meta.wikimedia.org", "meta.wikimedia.org"),
        ("fr.wikimedia.org", "fr.wikimedia.org"),
    ],
)
def test_wikimedia_projects_are_accepted_and_normalised(value, host):
    assert normalize_wiki_host(value) == host


@pytest.mark.parametrize(
    "value",
    [
        "example.org",
        "wikipedia.org.evil.example",
        "fr.wikipedia.org.evil.example",
        "evil-wikipedia.org",
        "fr.wikimini.org",  # a wiki, but not a Wikimedia project
        "en.wikia.org",
        "www.wikipedia.org",  # the portal, not a wiki
        "phabricator.wikimedia.org",  # infrastructure, no wiki
        "upload.wikimedia.org",
        "fr.wikipedia.org:8080",
        "ftp://fr.wikipedia.org",
        "user@fr.wikipedia.org",
        "FR_.wikipedia.org",
        "",
    ],
)
def test_other_hosts_are_refused_with_a_clear_message(value):
    with pytest.raises(NotAWikimediaProject) as caught:
        normalize_wiki_host(value)
    assert caught.value.message == (
        f"“{value}” is not a Wikimedia project. Give the address of a wiki such as "
        "fr.wikipedia.org, commons.wikimedia.org or www.wikidata.org."
    )
    assert isinstance(caught.value, ValueError)  # usable as a form's ValidationError message


def test_the_client_refuses_a_host_that_is_not_a_wikimedia_project(api, replay):
    with pytest.raises(NotAWikimediaProject):
        api.action("api.example.org", {"action": "query"})
    assert replay.seen == []  # refused before any request


def test_pageviews_project_names():
    assert pageviews_project("fr.wikipedia.org") == "fr.wikipedia"
    assert pageviews_project("www.wikidata.org") == "wikidata"
    assert pageviews_project("commons.wikimedia.org") == "commons.wikimedia"


# --- Etiquette and the mirror --------------------------------------------------------------------


def test_mirror_url_keeps_the_original_host_path_and_query():
    client = WikimediaClient(user_agent=USER_AGENT, mirror="http://127.0.0.1:9999/")
    assert (
        client.url_for("fr.wikipedia.org", "/w/api.php", "a=1")
        == "http://127.0.0.1:9999/fr.wikipedia.org/w/api.php?a=1"
    )
    direct = WikimediaClient(user_agent=USER_AGENT)
    assert direct.url_for("fr.wikipedia.org", "/w/api.php", "a=1") == "https://fr.wikipedia.org/w/api.php?a=1"


@override_settings(WIKIMEDIA_MIRROR="http://127.0.0.1:9999", WIKIMEDIA_USER_AGENT=USER_AGENT)
def test_from_settings_reads_the_mirror_and_the_user_agent():
    client = WikimediaClient.from_settings()
    assert client.mirror == "http://127.0.0.1:9999"
    assert client.session.headers["User-Agent"] == USER_AGENT


def test_a_user_agent_without_contact_is_refused():
    with pytest.raises(ValueError, match="contact"):
        WikimediaClient(user_agent="python-requests/2.34")


def test_every_action_request_carries_maxlag_json_and_the_policy_user_agent(api, replay):
    api.action("www.wikidata.org", Q42)
    (seen,) = replay.seen
    assert seen.host == "www.wikidata.org"
    assert seen.path == "/w/api.php"
    assert seen.params["maxlag"] == "5"
    assert seen.params["format"] == "json"
    assert seen.user_agent == USER_AGENT


def test_without_a_mirror_the_client_cannot_reach_the_network_in_tests(fake_time):
    client = WikimediaClient(user_agent=USER_AGENT, sleep=fake_time.sleep, clock=fake_time.clock)
    with pytest.raises(OutsideNetworkBlocked):
        client.action("fr.wikipedia.org", {"action": "query", "meta": "siteinfo"})


# --- Continuation --------------------------------------------------------------------------------


def test_continue_is_followed_with_the_values_the_answer_gave(api, replay):
    # The recorded chain: page 1 continues at 3|309389, page 2 at 2|1176948 (not recorded, so
    # we stop after two pages: the generator asks for nothing it was not asked to yield).
    pages = list(itertools.islice(api.query("en.wikipedia.org", BACKLINKS), 2))
    assert [len(p["query"]["backlinks"]) for p in pages] == [500, 500]
    assert pages[0]["query"]["backlinks"][0]["title"] == "Algorithms for calculating variance"
    assert pages[1]["query"]["backlinks"][0]["title"] == "User talk:Spinster"
    first, second = replay.seen
    assert "blcontinue" not in first.params
    assert second.params["blcontinue"] == "3|309389"
    assert second.params["continue"] == "-||"
    assert replay.unmatched == []


def test_a_page_without_continue_ends_the_query(api, replay):
    pages = list(api.query("en.wikipedia.org", {**BACKLINKS, "blcontinue": "3|81007447", "continue": "-||"}))
    assert len(pages) == 1
    assert "continue" not in pages[0]
    assert len(replay.seen) == 1


def test_query_batched_sends_at_most_50_values_per_request(api, replay):
    names = [f"User {i}" for i in range(1, 121)]
    replay.route("fr.wikipedia.org", "/w/api.php", lambda h, p, q: _empty_users())
    list(api.query_batched("fr.wikipedia.org", {"list": "users"}, param="ususers", values=names))
    sizes = [len(s.params["ususers"].split("|")) for s in replay.seen]
    assert sizes == [50, 50, 20]
    with pytest.raises(ValueError, match="between 1 and 50"):
        list(api.query_batched("fr.wikipedia.org", {"list": "users"}, param="ususers", values=names, batch_size=51))


def _empty_users():
    from core.wikimedia_replay import Reply

    return Reply.json({"batchcomplete": "", "query": {"users": []}})


# --- maxlag, 429 and 5xx ---------------------------------------------------------------------------


def test_maxlag_waits_what_retry_after_asks_then_retries(api, replay, fake_time):
    # MediaWiki answers maxlag with Retry-After: max(maxlag, 5) and X-Database-Lag.
    replay.fail_first(Q42_URL, kind="maxlag", retry_after=5, lag=3.45)
    data = api.action("www.wikidata.org", Q42)
    assert data["entities"]["Q42"]["labels"]["en"]["value"] == "Douglas Adams"
    assert fake_time.sleeps == [5.0]
    assert [s.status for s in replay.seen] == [200, 200]  # maxlag comes as HTTP 200
    assert api.requests_made == 2


def test_maxlag_without_retry_after_waits_the_lag_of_the_answer(api, replay, fake_time):
    replay.fail_first(Q42_URL, kind="maxlag", retry_after=None, lag=3.45)
    api.action("www.wikidata.org", Q42)
    assert fake_time.sleeps == [3.45]


def test_maxlag_wait_is_bounded_by_the_ceiling(api, replay, fake_time):
    replay.fail_first(Q42_URL, kind="maxlag", retry_after=None, lag=626.0)
    api.action("www.wikidata.org", Q42)
    assert fake_time.sleeps == [60.0]


def test_maxlag_that_never_clears_ends_in_a_maxlag_error(api, replay, fake_time):
    replay.fail_first(Q42_URL, kind="maxlag", times=5, retry_after=5)
    with pytest.raises(WikimediaAPIError) as caught:
        api.action("www.wikidata.org", Q42)
    assert caught.value.code == "maxlag"
    assert len(replay.seen) == 5
    assert fake_time.sleeps == [5.0, 5.0, 5.0, 5.0]


def test_429_backs_off_exponentially_then_succeeds(api, replay, fake_time):
    replay.fail_first(Q42_URL, kind="429", times=3)
    api.action("www.wikidata.org", Q42)
    assert fake_time.sleeps == [1.0, 2.0, 4.0]
    assert [s.status for s in replay.seen] == [429, 429, 429, 200]


def test_429_respects_retry_after_when_it_asks_for_longer(api, replay, fake_time):
    replay.fail_first(Q42_URL, kind="429", times=2, retry_after=7)
    api.action("www.wikidata.org", Q42)
    assert fake_time.sleeps == [7.0, 7.0]


def test_retry_after_beyond_the_ceiling_gives_up_at_once(api, replay, fake_time):
    replay.fail_first(Q42_URL, kind="429", retry_after=3600)
    with pytest.raises(WikimediaHTTPError, match="asked to wait 3600 s"):
        api.action("www.wikidata.org", Q42)
    assert fake_time.sleeps == []
    assert len(replay.seen) == 1


def test_5xx_is_retried_until_the_ceiling_of_attempts(api, replay, fake_time):
    replay.fail_first(Q42_URL, kind="503", times=5)
    with pytest.raises(WikimediaHTTPError, match="HTTP 503 after 5 attempts") as caught:
        api.action("www.wikidata.org", Q42)
    assert caught.value.status == 503
    assert fake_time.sleeps == [1.0, 2.0, 4.0, 8.0]
    assert api.waited == 15.0


def test_503_then_answer(api, replay, fake_time):
    replay.fail_first(Q42_URL, kind="503", times=1)
    assert "Q42" in api.action("www.wikidata.org", Q42)["entities"]
    assert fake_time.sleeps == [1.0]


# --- Errors in answers --------------------------------------------------------------------------------


def test_an_api_error_in_a_200_answer_is_raised_with_its_code(api):
    # Recorded: action=parse of a file that does not exist answers HTTP 200 with an error.
    with pytest.raises(WikimediaAPIError) as caught:
        api.action(
            "commons.wikimedia.org", {"action": "parse", "page": "File:DefinitelyDoesNotExist.jpg", "prop": "text"}
        )
    assert caught.value.code == "missingtitle"
    assert caught.value.info == "The page you specified doesn't exist."


def test_an_unknown_request_is_a_clear_http_error_not_a_retry(api, replay, fake_time):
    with pytest.raises(WikimediaHTTPError) as caught:
        api.action("fr.wikipedia.org", {"action": "query", "meta": "siteinfo"})
    assert caught.value.status == 404
    assert fake_time.sleeps == []
    assert len(replay.unmatched) == 1


# --- Page views (REST) ------------------------------------------------------------------------------


def test_pageviews_of_a_recorded_article(api, replay):
    items = api.pageviews("en.wikipedia.org", "André the Giant", date(2025, 8, 15), date(2025, 8, 19))
    assert [i["views"] for i in items] == [6162, 6543, 6329, 5632, 4988]
    (seen,) = replay.seen
    assert seen.host == "wikimedia.org"
    assert seen.path.endswith("/en.wikipedia/all-access/user/André_the_Giant/daily/2025081500/2025081900")
    assert "maxlag" not in seen.params  # an Action API parameter only
    assert seen.user_agent == USER_AGENT


def test_pageviews_404_is_no_data_not_an_error(api):
    assert api.pageviews("en.wikipedia.org", "THIS_IS_NOT_A_REAL_ARTICLE", date(2025, 8, 15), date(2025, 8, 19)) == []
