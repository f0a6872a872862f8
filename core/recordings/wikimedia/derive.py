"""Write the derived (constructed) answers and manifest.json of this directory.

Run from the repository root: ``python core/recordings/wikimedia/derive.py``. It reads only the
recorded files beside it; every file it writes starts with ``derived_`` (see README.md). The
requests in the manifest are written out here by hand, parameter by parameter: they are the
contract the client's requests must match (the replay server answers 404 to anything else).
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

HERE = Path(__file__).resolve().parent
API = "/w/api.php"
PAGEVIEWS = "https://wikimedia.org/api/rest_v1/metrics/pageviews/per-article"

manifest: list[dict[str, Any]] = []


def recorded(name: str) -> Any:
    return json.loads((HERE / name).read_text(encoding="utf-8"))


def url(host: str, params: dict[str, str]) -> str:
    return f"https://{host}{API}?" + urlencode({**params, "format": "json"}, quote_via=quote)


def serve(request: str, file: str, status: int = 200) -> None:
    manifest.append({"request": request, "file": file, "status": status})


def write(name: str, data: Any) -> str:
    if not name.startswith("derived_"):
        raise ValueError(f"a constructed file must be named derived_*: {name}")
    (HERE / name).write_text(json.dumps(data, ensure_ascii=False) + "\n", encoding="utf-8")
    return name


# --- Recorded answers, served for the request our client sends -------------------------------

backlinks = {
    "action": "query",
    "list": "backlinks",
    "bltitle": "Python_(programming_language)",
    "bllimit": "500",
    "redirects": "1",
}
serve(url("en.wikipedia.org", backlinks), "continue_enwiki_backlinks_Python_page1.json")
serve(
    url("en.wikipedia.org", {**backlinks, "blcontinue": "3|309389", "continue": "-||"}),
    "continue_enwiki_backlinks_Python_page2.json",
)
serve(
    url("en.wikipedia.org", {**backlinks, "blcontinue": "3|81007447", "continue": "-||"}),
    "continue_enwiki_backlinks_Python_lastpage.json",
)

uploads = {"action": "query", "list": "usercontribs", "ucnamespace": "6", "ucshow": "new", "uclimit": "500"}
for user, start, end, file in (
    ("Ragesoss", "20150701235959", "20150101000000", "usercontribs_commons_Ragesoss.json"),
    ("Jamzze|FieldMarine", "20220901235959", "20220801000000", "usercontribs_commons_Jamzze_FieldMarine.json"),
    ("Hbultra", "20190909235959", "20190710000000", "usercontribs_commons_Hbultra_empty.json"),
):
    serve(url("commons.wikimedia.org", {**uploads, "ucstart": start, "ucend": end, "ucuser": user}), file)

serve(
    url(
        "en.wikipedia.org",
        {"action": "query", "list": "categorymembers", "cmtitle": "Category:Physics", "cmlimit": "500"},
    ),
    "categorymembers_enwiki_Category_Physics.json",
)

usage = recorded("globalusage_commons_Ragesoss_batch1.json")
sample_ids = sorted(int(k) for k in usage["query"]["pages"])
globalusage = {"action": "query", "prop": "globalusage", "guprop": "namespace", "gulimit": "500", "gufilterlocal": "1"}
serve(
    url("commons.wikimedia.org", {**globalusage, "pageids": "|".join(map(str, sample_ids))}),
    "globalusage_commons_Ragesoss_batch1.json",
)

for article, project, file, status in (
    ("Facebook", "en.wikipedia", "pageviews_enwiki_Facebook_daily.json", 200),
    ("André_the_Giant", "en.wikipedia", "pageviews_enwiki_Andre_the_Giant_daily.json", 200),
    ("THIS_IS_NOT_A_REAL_ARTICLE", "en.wikipedia", "pageviews_enwiki_THIS_IS_NOT_A_REAL_ARTICLE_404.json", 404),
    ("Q42", "wikidata", "pageviews_wikidata_Q42_daily.json", 200),
):
    serve(f"{PAGEVIEWS}/{project}/all-access/user/{quote(article)}/daily/2025081500/2025081900", file, status)

wbgetentities = {"action": "wbgetentities", "props": "labels|claims", "languages": "fr|en"}
for qid in ("Q42", "Q6"):
    serve(url("www.wikidata.org", {**wbgetentities, "ids": qid}), "wbgetentities_wikidata_Q6_Q42_P31.json")

serve(
    url("commons.wikimedia.org", {"action": "parse", "page": "File:DefinitelyDoesNotExist.jpg", "prop": "text"}),
    "error_missingtitle_commons.json",
)

# --- Derived: an edit-a-thon on fr.wikipedia (16 March 2024, Paris time) ----------------------

ATELIER = ["Exemple Contributrice", "Exemple Contributeur", "Compte inexistant exemple", "Nom<invalide>"]
# list=users: the shape of ApiQueryUsers (missing / invalid flags as in format version 1).
serve(
    url("fr.wikipedia.org", {"action": "query", "list": "users", "ususers": "|".join(ATELIER)}),
    write(
        "derived_users_frwiki_atelier.json",
        {
            "batchcomplete": "",
            "query": {
                "users": [
                    {"userid": 3456781, "name": "Exemple Contributrice"},
                    {"userid": 3456782, "name": "Exemple Contributeur"},
                    {"name": "Compte inexistant exemple", "missing": ""},
                    {"name": "Nom<invalide>", "invalid": ""},
                ]
            },
        },
    ),
)


def contrib(
    user: str, userid: int, pageid: int, revid: int, parentid: int, title: str, when: str, **extra: Any
) -> dict[str, Any]:
    """One usercontribs entry with the keys, in the order, of the recorded Commons entries."""
    entry: dict[str, Any] = {
        "userid": userid,
        "user": user,
        "pageid": pageid,
        "revid": revid,
        "parentid": parentid,
        "ns": 0,
        "title": title,
        "timestamp": when,
    }
    for flag in ("new", "minor", "top"):
        if extra.pop(flag, False):
            entry[flag] = ""
    entry.update(extra)  # size, sizediff
    return entry


# Multi-user answers are ordered by user (actor), then newest first.
A, B = ("Exemple Contributrice", 3456781), ("Exemple Contributeur", 3456782)
serve(
    url(
        "fr.wikipedia.org",
        {
            "action": "query",
            "list": "usercontribs",
            "ucnamespace": "0",
            "ucprop": "ids|title|timestamp|sizediff|flags",
            "uclimit": "500",
            "ucstart": "20240316225959",
            "ucend": "20240315230000",
            "ucuser": "Exemple Contributrice|Exemple Contributeur",
        },
    ),
    write(
        "derived_usercontribs_frwiki_atelier.json",
        {
            "batchcomplete": "",
            "query": {
                "usercontribs": [
                    contrib(
                        *A,
                        16012001,
                        212500410,
                        212500120,
                        "Soierie Exemple de la Croix-Rousse",
                        "2024-03-16T16:40:12Z",
                        top=True,
                        size=6600,
                        sizediff=1200,
                    ),
                    contrib(
                        *A,
                        16012001,
                        212500120,
                        0,
                        "Soierie Exemple de la Croix-Rousse",
                        "2024-03-16T13:05:47Z",
                        new=True,
                        size=5400,
                        sizediff=5400,
                    ),
                    contrib(
                        *A,
                        16012002,
                        212499870,
                        0,
                        "Atelier exemple des canuts",
                        "2024-03-16T10:20:03Z",
                        new=True,
                        top=True,
                        size=3100,
                        sizediff=3100,
                    ),
                    contrib(
                        *B,
                        154318,
                        212500333,
                        212500200,
                        "Traboule",
                        "2024-03-16T15:55:31Z",
                        minor=True,
                        top=True,
                        size=18250,
                        sizediff=-300,
                    ),
                    contrib(
                        *B, 154318, 212500200, 211870045, "Traboule", "2024-03-16T15:10:09Z", size=18550, sizediff=850
                    ),
                    contrib(
                        *B,
                        31620,
                        212499955,
                        211204310,
                        "Fourvière",
                        "2024-03-16T11:30:44Z",
                        minor=True,
                        top=True,
                        size=40213,
                        sizediff=0,
                    ),
                ]
            },
        },
    ),
)

# Commons uploads of the same window: none (the bytes of the recorded empty answer).
serve(
    url(
        "commons.wikimedia.org",
        {**uploads, "ucstart": "20240316225959", "ucend": "20240315230000", "ucuser": "|".join(ATELIER[:3])},
    ),
    write("derived_usercontribs_commons_atelier_empty.json", recorded("usercontribs_commons_Hbultra_empty.json")),
)

# A Commons category holding exactly the 50 files of the recorded globalusage batch.
SAMPLE = "Category:WMFR Partners sample of 50 files"
serve(
    url("commons.wikimedia.org", {"action": "query", "prop": "categoryinfo", "titles": SAMPLE}),
    write(
        "derived_categoryinfo_commons_sample50.json",
        {
            "batchcomplete": "",
            "query": {
                "pages": {
                    "150000001": {
                        "pageid": 150000001,
                        "ns": 14,
                        "title": SAMPLE,
                        "categoryinfo": {"size": 50, "pages": 0, "files": 50, "subcats": 0},
                    }
                }
            },
        },
    ),
)
members = sorted(
    ({"pageid": p["pageid"], "ns": 6, "title": p["title"]} for p in usage["query"]["pages"].values()),
    key=lambda m: m["title"],
)
serve(
    url(
        "commons.wikimedia.org",
        {"action": "query", "list": "categorymembers", "cmtitle": SAMPLE, "cmtype": "file", "cmlimit": "500"},
    ),
    write(
        "derived_categorymembers_commons_sample50_files.json",
        {"batchcomplete": "", "query": {"categorymembers": members}},
    ),
)

# A Commons category that does not exist: no page, no member.
NOWHERE = "Category:Catégorie inexistante exemple"
serve(
    url("commons.wikimedia.org", {"action": "query", "prop": "categoryinfo", "titles": NOWHERE}),
    write(
        "derived_categoryinfo_commons_missing.json",
        {"batchcomplete": "", "query": {"pages": {"-1": {"ns": 14, "title": NOWHERE, "missing": ""}}}},
    ),
)
serve(
    url(
        "commons.wikimedia.org",
        {"action": "query", "list": "categorymembers", "cmtitle": NOWHERE, "cmtype": "file", "cmlimit": "500"},
    ),
    write(
        "derived_categorymembers_commons_missing_empty.json", {"batchcomplete": "", "query": {"categorymembers": []}}
    ),
)

# globalusage of a used file and of a file deleted since it was listed.
LIANNA = "37982771"
DELETED = 120000999
serve(
    url("commons.wikimedia.org", {**globalusage, "pageids": f"{LIANNA}|{DELETED}"}),
    write(
        "derived_globalusage_commons_deleted_file.json",
        {
            "batchcomplete": "",
            "query": {
                "pages": {
                    LIANNA: usage["query"]["pages"][LIANNA],
                    str(DELETED): {"pageid": DELETED, "missing": ""},
                }
            },
        },
    ),
)

# Page views of the edit-a-thon's articles, 16 March to 15 April 2024 (window + 30 days).
days = [f"2024{m:02d}{d:02d}00" for m, last in ((3, 31), (4, 15)) for d in range(16 if m == 3 else 1, last + 1)]
if len(days) != 31:
    raise ValueError("16 March to 15 April is 31 days")
for article, daily in (("Fourvière", 410), ("Soierie Exemple de la Croix-Rousse", 12), ("Traboule", 95)):
    name = article.replace(" ", "_")
    slug = name.split("_")[0].lower().replace("è", "e")
    items = [
        {
            "project": "fr.wikipedia",
            "article": name,
            "granularity": "daily",
            "timestamp": day,
            "access": "all-access",
            "agent": "user",
            "views": daily,
        }
        for day in days
    ]
    serve(
        f"{PAGEVIEWS}/fr.wikipedia/all-access/user/{quote(name, safe='')}/daily/2024031600/2024041500",
        write(f"derived_pageviews_frwiki_{slug}.json", {"items": items}),
    )
not_found = recorded("pageviews_enwiki_THIS_IS_NOT_A_REAL_ARTICLE_404.json")
not_found["uri"] = (
    "/metrics/pageviews/per-article/fr.wikipedia/all-access/user/Atelier_exemple_des_canuts/daily/2024031600/2024041500"
)
serve(
    f"{PAGEVIEWS}/fr.wikipedia/all-access/user/Atelier_exemple_des_canuts/daily/2024031600/2024041500",
    write("derived_pageviews_frwiki_atelier_canuts_404.json", not_found),
    404,
)

# --- Derived: a partner's card -----------------------------------------------------------------

# Douglas Adams' portrait (P18 of Q42) as Commons itself answers: the en.wikipedia recording
# shows Commons' file description through the shared repository; on Commons the page is local.
portrait = recorded("imageinfo_enwiki_extmetadata_Douglas_adams_portrait.json")
page = portrait["query"]["pages"][0]
for key in ("missing", "known"):
    del page[key]
page = {"pageid": 10031710, **page, "imagerepository": "local"}  # curid of its descriptionshorturl
portrait["query"]["pages"] = [page]
imageinfo = {"action": "query", "prop": "imageinfo", "iiprop": "size|url|timestamp|extmetadata", "formatversion": "2"}
serve(
    url("commons.wikimedia.org", {**imageinfo, "titles": "File:Douglas adams portrait cropped.jpg"}),
    write("derived_imageinfo_commons_Douglas_adams_portrait_cropped.json", portrait),
)


_statement_ids = itertools.count(1)


def statement(prop: str, datatype: str, value: Any, kind: str, rank: str = "normal") -> dict[str, Any]:
    """A statement with the keys of the recorded Q42 statements (no references)."""
    return {
        "id": f"Q4115189$00000000-0000-4000-8000-{next(_statement_ids):012d}",
        "mainsnak": {
            "snaktype": "value",
            "property": prop,
            "datatype": datatype,
            "datavalue": {"value": value, "type": kind},
        },
        "type": "statement",
        "rank": rank,
    }


# Q4115189 is Wikidata's sandbox item; these statements are made up, not what it holds.
museum = {
    "pageid": 4140000,
    "ns": 0,
    "title": "Q4115189",
    "lastrevid": 2100000000,
    "modified": "2024-03-01T10:00:00Z",
    "type": "item",
    "id": "Q4115189",
    "labels": {
        "fr": {"language": "fr", "value": "Musée exemple de la soie"},
        "en": {"language": "en", "value": "Example silk museum"},
    },
    "claims": {
        "P856": [
            statement("P856", "url", "http://ancien-site.example.org", "string", rank="deprecated"),
            statement("P856", "url", "http://musee-soie.example.org/accueil", "string"),
            statement("P856", "url", "https://musee-soie.example.org", "string", rank="preferred"),
        ],
        "P6375": [
            statement(
                "P6375", "monolingualtext", {"text": "12 Example Street, Lyon", "language": "en"}, "monolingualtext"
            ),
            statement(
                "P6375",
                "monolingualtext",
                {"text": "12 rue de l’Exemple, 69004 Lyon", "language": "fr"},
                "monolingualtext",
            ),
        ],
        "P625": [
            statement(
                "P625",
                "globe-coordinate",
                {
                    "latitude": 45.7741,
                    "longitude": 4.8297,
                    "altitude": None,
                    "precision": 0.0001,
                    "globe": "http://www.wikidata.org/entity/Q2",
                },
                "globecoordinate",
            )
        ],
        "P154": [statement("P154", "commonsMedia", "Logo musée exemple de la soie.svg", "string")],
    },
}
serve(
    url("www.wikidata.org", {**wbgetentities, "ids": "Q4115189"}),
    write("derived_wbgetentities_wikidata_sandbox_museum.json", {"entities": {"Q4115189": museum}, "success": 1}),
)
# Its logo was deleted from Commons: a missing page has no imageinfo (format version 2).
serve(
    url("commons.wikimedia.org", {**imageinfo, "titles": "File:Logo musée exemple de la soie.svg"}),
    write(
        "derived_imageinfo_commons_deleted_logo.json",
        {
            "batchcomplete": True,
            "query": {
                "pages": [
                    {"ns": 6, "title": "File:Logo musée exemple de la soie.svg", "missing": True, "imagerepository": ""}
                ]
            },
        },
    ),
)

(HERE / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
print(f"{len(manifest)} requests in manifest.json")  # noqa: T201
