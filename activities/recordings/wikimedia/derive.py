"""Write the derived answers and manifest.json the activity tests and the demo need beyond
``core/recordings/wikimedia`` (the replay server loads both directories).

Run from the repository root: ``python activities/recordings/wikimedia/derive.py``. Every file
is built from a file of ``core/recordings/wikimedia`` (README.md says which and how).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

HERE = Path(__file__).resolve().parent
CORE = HERE.parents[2] / "core" / "recordings" / "wikimedia"

manifest: list[dict[str, Any]] = []


def core(name: str) -> Any:
    return json.loads((CORE / name).read_text(encoding="utf-8"))


def url(host: str, params: dict[str, str]) -> str:
    return f"https://{host}/w/api.php?" + urlencode({**params, "format": "json"}, quote_via=quote)


def write(name: str, data: Any) -> str:
    if not name.startswith("derived_"):
        raise ValueError(f"a constructed file must be named derived_*: {name}")
    (HERE / name).write_text(json.dumps(data, ensure_ascii=False) + "\n", encoding="utf-8")
    return name


def serve(request: str, file: str, status: int = 200) -> None:
    manifest.append({"request": request, "file": file, "status": status})


atelier_users = core("derived_users_frwiki_atelier.json")
by_name = {u["name"]: u for u in atelier_users["query"]["users"]}


def users_answer(names: list[str]) -> dict[str, Any]:
    return {"batchcomplete": "", "query": {"users": [by_name[n] for n in names]}}


# The two participants of the atelier, checked on their own (the scope a form saves).
PAIR = ["Exemple Contributrice", "Exemple Contributeur"]
serve(
    url("fr.wikipedia.org", {"action": "query", "list": "users", "ususers": "|".join(PAIR)}),
    write("derived_users_frwiki_atelier_pair.json", users_answer(PAIR)),
)
# One participant and a name without an account (a form refuses the scope).
WITH_MISSING = ["Exemple Contributrice", "Compte inexistant exemple"]
serve(
    url("fr.wikipedia.org", {"action": "query", "list": "users", "ususers": "|".join(WITH_MISSING)}),
    write("derived_users_frwiki_with_missing.json", users_answer(WITH_MISSING)),
)
# Each name alone (a partner adds one participant in the portal).
for name, slug in (
    ("Exemple Contributrice", "contributrice"),
    ("Exemple Contributeur", "contributeur"),
    ("Compte inexistant exemple", "missing"),
):
    serve(
        url("fr.wikipedia.org", {"action": "query", "list": "users", "ususers": name}),
        write(f"derived_users_frwiki_{slug}.json", users_answer([name])),
    )

# The pair's uploads on Commons on 16 March 2024: none (the recorded empty answer).
uploads = {
    "action": "query",
    "list": "usercontribs",
    "ucnamespace": "6",
    "ucshow": "new",
    "uclimit": "500",
    "ucstart": "20240316225959",
    "ucend": "20240315230000",
}
empty = core("usercontribs_commons_Hbultra_empty.json")
serve(
    url("commons.wikimedia.org", {**uploads, "ucuser": "|".join(PAIR)}),
    write("derived_usercontribs_commons_atelier_pair_empty.json", empty),
)

(HERE / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
