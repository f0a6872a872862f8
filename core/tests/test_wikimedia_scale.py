"""A snapshot for 120 participants and a 400-file category: requests counted on the server.

The answers are computed by the replay server's handlers in the shape of the recorded ones
(usercontribs, categorymembers, globalusage), with the API's limits and its continuation:
``uclimit`` contributions at most per answer, then a ``continue`` block.
"""

from __future__ import annotations

import math
from datetime import date

from core.wikimedia_metrics import ImpactScope, collect_impact
from core.wikimedia_replay import Reply

USERS = [f"Participant {i:03d}" for i in range(1, 121)]
EDITS_PER_USER = 12  # 50 users x 12 = 600 contributions > uclimit 500: two pages per full batch
ARTICLES = [f"Article {i}" for i in range(10)]
FILES = {200_000 + i: f"File:Scan {i:03d}.jpg" for i in range(400)}


def wiki_api(host, path, params):
    if params.get("list") == "users":
        names = params["ususers"].split("|")
        return Reply.json({"batchcomplete": "", "query": {"users": [{"userid": 1, "name": n} for n in names]}})
    if params.get("list") == "usercontribs" and params["ucnamespace"] == "0":
        users = params["ucuser"].split("|")
        every = [
            {"userid": u, "user": name, "pageid": 1000 + e % 10, "revid": u * 100 + e, "parentid": 1, "ns": 0,
             "title": ARTICLES[e % 10], "timestamp": "2024-03-16T10:00:00Z", "size": 5000, "sizediff": 10}
            for u, name in enumerate(users, start=1)
            for e in range(EDITS_PER_USER)
        ]  # fmt: skip
        offset = int(params.get("uccontinue", "actor|0|20240316100000|0").split("|")[-1])
        limit = int(params["uclimit"])
        page = {"query": {"usercontribs": every[offset : offset + limit]}}
        if offset + limit < len(every):
            page["continue"] = {"uccontinue": f"actor|0|20240316100000|{offset + limit}", "continue": "-||"}
        else:
            page["batchcomplete"] = ""
        return Reply.json(page)
    raise AssertionError(f"unexpected request {params}")


def commons_api(host, path, params):
    if params.get("list") == "usercontribs":  # uploads: none
        return Reply.json({"batchcomplete": "", "query": {"usercontribs": []}})
    if params.get("prop") == "categoryinfo":
        info = {"size": 400, "pages": 0, "files": 400, "subcats": 0}
        page = {"pageid": 9, "ns": 14, "title": params["titles"], "categoryinfo": info}
        return Reply.json({"query": {"pages": {"9": page}}})
    if params.get("list") == "categorymembers":
        members = [{"pageid": pid, "ns": 6, "title": title} for pid, title in FILES.items()]
        return Reply.json({"batchcomplete": "", "query": {"categorymembers": members}})
    if params.get("prop") == "globalusage":
        pages = {}
        for pid in map(int, params["pageids"].split("|")):
            used = pid % 4 == 0  # one file in four is used on one article
            usage = [{"title": f"Page_{pid}", "wiki": "fr.wikipedia.org", "ns": "0"}] if used else []
            pages[str(pid)] = {"pageid": pid, "ns": 6, "title": FILES[pid], "globalusage": usage}
        return Reply.json({"batchcomplete": "", "query": {"pages": pages}})
    raise AssertionError(f"unexpected request {params}")


def test_120_participants_and_400_files(api, replay):
    replay.route("fr.wikipedia.org", "/w/api.php", wiki_api)
    replay.route("commons.wikimedia.org", "/w/api.php", commons_api)
    replay.route("wikimedia.org", "/api/rest_v1/", lambda h, p, q: Reply.json({"items": [{"views": 1}]}))
    scope = ImpactScope(
        start=date(2024, 3, 16), end=date(2024, 3, 16), usernames=tuple(USERS), commons_category="Scans"
    )

    result = collect_impact(scope, client=api, today=date(2024, 5, 1))

    contribs = replay.requests_to("fr.wikipedia.org", list="usercontribs")
    first_pages = [s for s in contribs if "uccontinue" not in s.params]
    continued = [s for s in contribs if "uccontinue" in s.params]
    # Batches of 50, 50 and 20 users: 600, 600 and 240 contributions, so 2 + 2 + 1 pages.
    assert len(first_pages) == math.ceil(120 / 50) == 3
    assert len(continued) == 2
    assert [len(s.params["ucuser"].split("|")) for s in first_pages] == [50, 50, 20]
    globalusage = replay.requests_to("commons.wikimedia.org", prop="globalusage")
    assert len(globalusage) == math.ceil(400 / 50) == 8
    assert all(len(s.params["pageids"].split("|")) == 50 for s in globalusage)
    assert len(replay.requests_to("fr.wikipedia.org", list="users")) == 3

    assert result.failures == {}
    assert result.edits == 120 * EDITS_PER_USER == 1440
    assert result.bytes_added == 1440 * 10
    assert result.files_total == 400
    assert result.files_in_use == 100  # page ids 200000..200399, one in four divisible by 4
    assert result.reuse_share == 0.25
    assert result.page_views == 10  # ten articles, one view each
    assert result.requests == len(replay.seen)
