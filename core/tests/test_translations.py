"""The French catalogue is complete, and the compiled .mo matches the .po."""

import ast
import gettext
from pathlib import Path

PO = Path(__file__).resolve().parents[2] / "locale/fr/LC_MESSAGES/django.po"


def parse_po(path: Path) -> list[dict]:
    """Minimal .po reader: msgctxt/msgid/msgid_plural/msgstr[n], with continuation lines."""
    entries, current, key = [], {}, None
    for raw in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = raw.strip()
        if not line:
            if current:
                entries.append(current)
            current, key = {}, None
        elif line.startswith("#~"):
            current["obsolete"] = True
        elif line.startswith("#,"):
            current["flags"] = line[2:].strip()
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            current[key] += ast.literal_eval(line)
        else:
            key, _, value = line.partition(" ")
            current[key] = ast.literal_eval(value)
    return [e for e in entries if "msgid" in e and not e.get("obsolete")]


def test_every_french_string_is_translated():
    entries = parse_po(PO)
    assert len(entries) > 300
    missing = [e["msgid"] for e in entries[1:] if not any(v for k, v in e.items() if k.startswith("msgstr"))]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e.get("flags", "")]
    assert not missing, f"untranslated: {missing[:20]}"
    assert not fuzzy, f"fuzzy: {fuzzy[:20]}"


def test_compiled_catalogue_is_up_to_date():
    with open(PO.with_suffix(".mo"), "rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    for entry in parse_po(PO)[1:]:
        msgid = entry["msgid"]
        if "msgctxt" in entry:
            msgid = f"{entry['msgctxt']}\x04{msgid}"
        if "msgid_plural" in entry:
            assert compiled._catalog.get((msgid, 0)) == entry["msgstr[0]"], msgid
        else:
            assert compiled._catalog.get(msgid) == entry["msgstr"], f"recompile the .mo: {msgid!r}"
