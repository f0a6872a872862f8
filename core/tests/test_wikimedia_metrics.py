"""The metric arithmetic, each figure worked out by hand from the recorded (or derived) answers.

The answers live in core/recordings/wikimedia (README.md says which are recorded and which are
derived); the replay server serves them to the real client over a socket.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.utils.functional import Promise

from core.wikimedia_metrics import (
    ImpactResult,
    ImpactScope,
    ScopeError,
    check_scope,
    collect_category_articles,
    collect_category_files,
    collect_contributions,
    collect_file_usage,
    collect_impact,
    collect_pageviews,
    collect_uploads,
    parse_usernames,
)
from core.wikimedia_replay import Reply

pytestmark = pytest.mark.usefixtures("english")

ATELIER = ("Exemple Contributrice", "Exemple Contributeur", "Compte inexistant exemple", "Nom<invalide>")
SAMPLE = "WMFR Partners sample of 50 files"
# 16 March 2024 in Paris (UTC+1) is 15 March 23:00 to 16 March 22:59:59 UTC.
ATELIER_START = datetime(2024, 3, 15, 23, 0, 0, tzinfo=UTC)
ATELIER_END = datetime(2024, 3, 16, 22, 59, 59, tzinfo=UTC)


def atelier_scope(**changes) -> ImpactScope:
    values = {
        "start": date(2024, 3, 16),
        "end": date(2024, 3, 16),
        "wiki": "fr.wikipedia.org",
        "usernames": ATELIER,
        "commons_category": SAMPLE,
    }
    return ImpactScope(**{**values, **changes})


# --- Contributions ------------------------------------------------------------------------------


def test_bytes_added_and_removed(api):
    found = collect_contributions(api, "fr.wikipedia.org", ATELIER[:2], ATELIER_START, ATELIER_END)
    # Size differences of the six edits: +1200, +5400, +3100, -300, +850, 0.
    assert found.bytes_added == 1200 + 5400 + 3100 + 850 == 10550
    assert found.bytes_removed == 300
    assert found.edits == 6


def test_articles_edited_and_created(api):
    found = collect_contributions(api, "fr.wikipedia.org", ATELIER[:2], ATELIER_START, ATELIER_END)
    # Two edits carry the "new" flag: the first revisions of two pages.
    assert found.pages_created == {"Soierie Exemple de la Croix-Rousse", "Atelier exemple des canuts"}
    # Four distinct pages: the two new ones, Traboule (two edits) and Fourvière.
    assert found.pages_edited == {
        "Soierie Exemple de la Croix-Rousse",
        "Atelier exemple des canuts",
        "Traboule",
        "Fourvière",
    }
    assert found.contributors == {"Exemple Contributrice", "Exemple Contributeur"}


def test_uploads_by_participants_in_the_window(api, replay):
    window = datetime(2015, 1, 1, tzinfo=UTC), datetime(2015, 7, 1, 23, 59, 59, tzinfo=UTC)
    # Recorded: 147 new file pages by Ragesoss between January and July 2015.
    assert len(collect_uploads(api, ["Ragesoss"], *window)) == 147
    # Recorded: two users in one request; all eight uploads are Jamzze's.
    window = datetime(2022, 8, 1, tzinfo=UTC), datetime(2022, 9, 1, 23, 59, 59, tzinfo=UTC)
    uploads = collect_uploads(api, ["Jamzze", "FieldMarine"], *window)
    assert len(uploads) == 8
    assert uploads[122118769] == "File:On Condom Failure.webm"
    assert [s.params["ucuser"] for s in replay.seen] == ["Ragesoss", "Jamzze|FieldMarine"]


def test_empty_results(api):
    window = datetime(2019, 7, 10, tzinfo=UTC), datetime(2019, 9, 9, 23, 59, 59, tzinfo=UTC)
    assert collect_uploads(api, ["Hbultra"], *window) == {}


# --- Files -------------------------------------------------------------------------------------------


def test_files_in_use_and_reuse_share(api):
    category = collect_category_files(api, f"Category:{SAMPLE}")
    assert len(category.members) == 50
    usage = collect_file_usage(api, category.members)
    # In the recorded globalusage batch, 8 of the 50 files have a usage outside Commons:
    # LiAnna Davis portrait (4 pages), Ryan and Helaine, Eryk Salvaggio and Jami Mathewson
    # (the same meta page), James Hare (2), Wikimedia Cascadia workshop 5 (6),
    # I Love To You 3 (2) and 17 (2).
    assert len(usage.in_use) == 8
    assert len(usage.in_use) / len(category.members) == 0.16
    # Usages: 4 + 1 + 1 + 1 + 2 + 6 + 2 + 2 = 19, on 19 - 2 = 17 distinct pages (three files
    # share meta's Wiki_Education_Foundation/Monthly_Reports/2015-01).
    assert len(usage.pages) == 17
    assert ("meta.wikimedia.org", "Wiki_Education_Foundation/Monthly_Reports/2015-01") in usage.pages


def test_a_deleted_file_is_reported_and_not_counted_as_used(api):
    usage = collect_file_usage(api, [120000999, 37982771])
    assert usage.deleted == {120000999: "120000999"}
    assert usage.in_use == {37982771}
    assert len(usage.pages) == 4


def test_subcategories_are_walked_to_the_given_depth_once_each(api, replay):
    # Built here from the titles of the recorded globalusage batch: A holds 2 files and B;
    # B holds 1 file, C and (a loop) A; C holds 1 file. Depth 1 stops before C's files.
    files = [(37982771, "File:LiAnna Davis portrait, 2015-01-13.jpg"), (37694608, "File:Bastille landscape.jpg")]
    tree = {
        "Category:A": [*files, (1, "Category:B")],
        "Category:B": [(37694566, "File:Coronadiferro-1941-Cegani.png"), (2, "Category:C"), (3, "Category:A")],
        "Category:C": [(37690875, "File:Francois sagat black in blab LAZombie by Arno Roca (4399955913).jpg")],
    }

    def members(host, path, params):
        entries = [
            {"pageid": pid, "ns": 14 if title.startswith("Category:") else 6, "title": title}
            for pid, title in tree[params["cmtitle"]]
            if title.startswith("File:") or "subcat" in params["cmtype"]
        ]
        return Reply.json({"batchcomplete": "", "query": {"categorymembers": entries}})

    replay.route("commons.wikimedia.org", "/w/api.php", members)
    depth1 = collect_category_files(api, "Category:A", depth=1)
    assert sorted(depth1.members) == [37694566, 37694608, 37982771]
    assert depth1.categories == ["Category:A", "Category:B"]
    assert [(s.params["cmtitle"], s.params["cmtype"]) for s in replay.seen] == [
        ("Category:A", "file|subcat"),
        ("Category:B", "file"),
    ]
    depth2 = collect_category_files(api, "Category:A", depth=2)
    assert len(depth2.members) == 4
    assert depth2.categories == ["Category:A", "Category:B", "Category:C"]  # A is not walked twice


def test_articles_of_a_category(api):
    found = collect_category_articles(api, "en.wikipedia.org", "Category:Physics")
    # The recorded category has 41 members: 26 articles, 1 portal and 14 subcategories.
    assert len(found.members) == 26
    assert "Physics" in found.members.values()
    assert "Portal:Physics" not in found.members.values()


# --- Page views ------------------------------------------------------------------------------


def test_page_views_summed(api):
    views = collect_pageviews(
        api,
        "en.wikipedia.org",
        ["Facebook", "André the Giant", "THIS_IS_NOT_A_REAL_ARTICLE"],
        date(2025, 8, 15),
        date(2025, 8, 19),
    )
    # Facebook: 19225 + 19328 + 18155 + 20395 + 22844 = 99947
    # André the Giant: 6162 + 6543 + 6329 + 5632 + 4988 = 29654
    # The third article has no data (HTTP 404): 0.
    assert views.total == 99947 + 29654 == 129601
    assert views.with_data == 2
    assert views.without_data == ["THIS_IS_NOT_A_REAL_ARTICLE"]


def test_page_views_of_wikidata_items(api):
    views = collect_pageviews(api, "www.wikidata.org", ["Q42"], date(2025, 8, 15), date(2025, 8, 19))
    assert views.total == 71 + 78 + 80 + 87 + 129 == 445


# --- Checking a scope --------------------------------------------------------------------------


def test_a_user_that_does_not_exist_is_reported_clearly(api):
    check = check_scope(api, atelier_scope())
    assert check.existing_users == ["Exemple Contributrice", "Exemple Contributeur"]
    assert check.missing_users == ["Compte inexistant exemple"]
    assert check.invalid_users == ["Nom<invalide>"]
    assert check.messages("fr.wikipedia.org") == [
        "No account named “Compte inexistant exemple” on fr.wikipedia.org.",
        "“Nom<invalide>” is not a valid username.",
    ]


def test_a_category_that_does_not_exist_is_reported_clearly(api):
    check = check_scope(api, atelier_scope(usernames=(), commons_category="Catégorie:Catégorie_inexistante exemple"))
    assert check.missing_categories == [("commons.wikimedia.org", "Category:Catégorie inexistante exemple")]
    assert check.messages("fr.wikipedia.org") == [
        "The category “Category:Catégorie inexistante exemple” does not exist on commons.wikimedia.org."
    ]
    assert not check.ok


# --- The scope itself --------------------------------------------------------------------------


def test_a_window_that_ends_before_it_starts_is_refused():
    with pytest.raises(ScopeError) as caught:
        ImpactScope(start=date(2024, 3, 16), end=date(2024, 3, 15))
    assert caught.value.field == "end"
    assert isinstance(caught.value.message, Promise)  # translated where it is shown
    assert str(caught.value.message) == "The time window ends before it starts."


def test_a_wiki_that_is_not_a_wikimedia_project_is_refused():
    with pytest.raises(ScopeError) as caught:
        ImpactScope(start=date(2024, 3, 16), end=date(2024, 3, 16), wiki="wiki.example.org")
    assert caught.value.field == "wiki"
    assert "is not a Wikimedia project" in str(caught.value.message)


def test_depth_is_limited():
    with pytest.raises(ScopeError) as caught:
        ImpactScope(start=date(2024, 3, 16), end=date(2024, 3, 16), category_depth=4)
    assert caught.value.field == "category_depth"


def test_scope_normalises_its_input():
    scope = ImpactScope(
        start=date(2024, 3, 16),
        end=date(2024, 3, 17),
        tail_days=2,
        wiki="https://fr.m.wikipedia.org/wiki/Lyon",
        usernames=("user:jean_dupont", "Jean dupont", " Marie  Curie "),
        commons_category="catégorie:Musée_X",
        articles=("traboule", "Traboule"),
    )
    assert scope.wiki == "fr.wikipedia.org"
    assert scope.usernames == ("Jean dupont", "Marie Curie")
    assert scope.commons_category == "Category:Musée X"
    assert scope.articles == ("Traboule",)
    # Paris is UTC+1 in March: the window runs from 15 March 23:00 to 19 March 22:59:59 UTC.
    assert scope.window_utc() == (
        datetime(2024, 3, 15, 23, 0, tzinfo=UTC),
        datetime(2024, 3, 19, 22, 59, 59, tzinfo=UTC),
    )
    # Page views: from the first day to the end of the tail plus 30 days, never past yesterday.
    assert scope.pageviews_range(date(2024, 6, 1)) == (date(2024, 3, 16), date(2024, 4, 18))
    assert scope.pageviews_range(date(2024, 3, 20)) == (date(2024, 3, 16), date(2024, 3, 19))
    assert scope.pageviews_range(date(2024, 3, 16)) is None


def test_pasted_usernames():
    assert parse_usernames("Foo, Bar\n\nuser:baz_qux\r\nFoo, Bar\n") == ("Foo, Bar", "Baz qux")


# --- The whole collection --------------------------------------------------------------------


def test_collect_impact_of_the_edit_a_thon(api, replay, fake_time):
    result = collect_impact(atelier_scope(), client=api, today=date(2024, 5, 1))
    assert result.failures == {}
    assert (result.edits, result.bytes_added, result.bytes_removed) == (6, 10550, 300)
    assert (result.articles_edited, result.articles_created, result.active_participants) == (4, 2, 2)
    assert result.wikidata_items_edited is None
    assert result.missing_users == ["Compte inexistant exemple"]
    assert result.invalid_users == ["Nom<invalide>"]
    # Files: the 50 of the category, no upload by the participants, 8 in use (16 %), 17 pages.
    assert (result.files_in_category, result.files_uploaded, result.files_total) == (50, 0, 50)
    assert (result.files_in_use, result.reuse_share, result.pages_using_files) == (8, 0.16, 17)
    # Page views, 16 March to 15 April 2024 (31 days) of the four articles edited:
    # Fourvière 410 a day, Soierie 12 a day, Traboule 95 a day, the canuts article no data.
    assert result.page_views == 31 * (410 + 12 + 95) == 16027
    assert result.articles_viewed == 4
    assert (result.pageviews_start, result.pageviews_end) == (date(2024, 3, 16), date(2024, 4, 15))
    # The lists behind the counts, stored so that totals over activities count each once.
    assert len(result.titles_edited) == 4 and len(result.titles_created) == 2
    assert set(result.titles_created) <= set(result.titles_edited)
    assert len(result.file_ids) == 50 and len(result.file_ids_in_use) == 8
    assert sum(result.views_by_title.values()) == 16027 and len(result.views_by_title) == 3
    # users, contributions, uploads, categoryinfo, categorymembers, globalusage, 4 page views.
    assert result.requests == len(replay.seen) == 10
    assert replay.unmatched == []
    assert result.duration_seconds == 0.0  # the fake clock only moves when the client sleeps
    assert result.started_at == datetime.fromtimestamp(fake_time.now, UTC)


def test_the_result_round_trips_through_json(api):
    import json

    result = collect_impact(atelier_scope(), client=api, today=date(2024, 5, 1))
    stored = json.loads(json.dumps(result.as_dict()))
    assert stored["bytes_added"] == 10550
    assert stored["pageviews_end"] == "2024-04-15"
    assert ImpactResult.from_dict(stored) == result


def test_a_failing_part_is_named_and_the_others_are_kept(api, replay, fake_time):
    # Commons answers 503 to the category listing, whatever the number of tries.
    url = (
        "https://commons.wikimedia.org/w/api.php?action=query&list=categorymembers"
        f"&cmtitle=Category:{SAMPLE}&cmtype=file&cmlimit=500&format=json"
    )
    replay.fail_first(url, kind="503", times=5)
    result = collect_impact(atelier_scope(), client=api, today=date(2024, 5, 1))
    assert set(result.failures) == {"category", "file_usage"}
    assert "HTTP 503 after 5 attempts" in result.failures["category"]
    assert result.failures["file_usage"] == "not measured: the list of files is incomplete"
    assert result.files_in_category is None
    assert result.files_in_use is None
    assert result.files_uploaded == 0
    assert result.bytes_added == 10550  # contributions kept
    assert result.page_views == 16027  # page views kept
    assert result.duration_seconds == 1 + 2 + 4 + 8  # the back-off waits
    assert not result.complete


def test_a_missing_category_gives_zero_files_and_a_message(api):
    scope = atelier_scope(usernames=(), commons_category="Catégorie inexistante exemple")
    result = collect_impact(scope, client=api, today=date(2024, 5, 1))
    assert result.failures == {}
    assert result.files_in_category == 0
    assert result.files_total == 0
    assert result.reuse_share is None
    assert result.problems() == [
        "The category “Category:Catégorie inexistante exemple” does not exist on commons.wikimedia.org."
    ]
    assert result.edits is None  # no participant: contributions are out of scope


def test_a_file_deleted_between_listing_and_usage_is_left_out_of_the_totals(api, replay):
    # The category (built here) lists two files; the derived globalusage answer for these two
    # page ids says the second was deleted meanwhile.
    members = [
        {"pageid": 37982771, "ns": 6, "title": "File:LiAnna Davis portrait, 2015-01-13.jpg"},
        {"pageid": 120000999, "ns": 6, "title": "File:Deleted example.jpg"},
    ]

    def category(host, path, params):
        if params.get("prop") == "categoryinfo":
            info = {"size": 2, "pages": 0, "files": 2, "subcats": 0}
            return Reply.json({"query": {"pages": {"7": {"pageid": 7, "ns": 14, "categoryinfo": info}}}})
        return Reply.json({"batchcomplete": "", "query": {"categorymembers": members}})

    replay.route("commons.wikimedia.org", "/w/api.php", category)
    result = collect_impact(
        atelier_scope(usernames=(), commons_category="Two files"), client=api, today=date(2024, 5, 1)
    )
    assert result.failures == {}
    assert result.files_in_category == 2
    assert result.deleted_files == ["File:Deleted example.jpg"]
    # One live file, in use on four pages: 1 of 1 in use.
    assert (result.files_total, result.files_in_use, result.reuse_share, result.pages_using_files) == (1, 1, 1.0, 4)


def test_declared_articles_alone(api, replay):
    scope = ImpactScope(
        start=date(2025, 8, 15),
        end=date(2025, 8, 19),
        wiki="en.wikipedia.org",
        articles=("Facebook", "André the Giant"),
        pageviews_days_after=0,
    )
    result = collect_impact(scope, client=api, today=date(2025, 11, 4))
    assert result.page_views == 129601
    assert result.edits is None
    assert result.files_total is None
    assert result.requests == 2


def test_wikidata_items_edited(api, replay):
    # Built here in the shape of the recorded usercontribs entries, on Wikidata's main namespace.
    def contribs(host, path, params):
        entries = [
            {"userid": 1, "user": "Exemple Contributrice", "pageid": 138, "revid": 10, "parentid": 9, "ns": 0,
             "title": "Q42", "timestamp": "2024-03-16T10:00:00Z", "size": 300000, "sizediff": 250},
            {"userid": 1, "user": "Exemple Contributrice", "pageid": 138, "revid": 11, "parentid": 10, "ns": 0,
             "title": "Q42", "timestamp": "2024-03-16T10:05:00Z", "size": 300100, "sizediff": 100},
            {"userid": 1, "user": "Exemple Contributrice", "pageid": 4140000, "revid": 12, "parentid": 0, "ns": 0,
             "title": "Q4115189", "timestamp": "2024-03-16T11:00:00Z", "new": "", "size": 900, "sizediff": 900},
        ]  # fmt: skip
        if params["list"] == "users":
            return Reply.json({"batchcomplete": "", "query": {"users": [{"userid": 1, "name": params["ususers"]}]}})
        if params.get("ucnamespace") == "0":
            return Reply.json({"batchcomplete": "", "query": {"usercontribs": entries}})
        return Reply.json({"batchcomplete": "", "query": {"usercontribs": []}})

    replay.route("www.wikidata.org", "/w/api.php", contribs)
    replay.route("commons.wikimedia.org", "/w/api.php", contribs)
    replay.route("wikimedia.org", "/api/rest_v1/", lambda h, p, q: Reply.json({"items": []}))
    scope = atelier_scope(wiki="www.wikidata.org", usernames=("Exemple Contributrice",), commons_category="")
    result = collect_impact(scope, client=api, today=date(2024, 5, 1))
    assert result.wikidata_items_edited == 2  # Q42 (twice) and Q4115189
    assert result.articles_edited is None
    assert result.articles_created is None
    assert result.bytes_added == 250 + 100 + 900
