"""Content checks for uploaded files (signed scans are PDFs that staff open in their readers).

A scan is refused, with a message that says why and what to do, when it is not plainly a
document: active content (JavaScript, launch or form-submission actions, embedded files,
rich media, XFA forms) or bytes outside the PDF structure (before ``%PDF-``, after the last
``%%EOF``, or HTML hidden in it: a PDF/HTML polyglot). The whole file is parsed: every object
of the cross-reference tables and object streams, names decoded (``/J#61vaScript`` is
``/JavaScript``), not a search for bytes.
"""

from __future__ import annotations

import io
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader
from pypdf.errors import PdfReadError, PdfStreamError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

# Keys whose presence means active or embedded content, wherever they appear.
_FORBIDDEN_KEYS = {
    "/JavaScript": "javascript",
    "/JS": "javascript",
    "/EmbeddedFiles": "embedded",
    "/EmbeddedFile": "embedded",
    "/EF": "embedded",
    "/RichMedia": "embedded",
    "/XFA": "javascript",
}
# Action types (the /S of an action dictionary) that run or fetch something.
_FORBIDDEN_ACTIONS = {
    "/JavaScript": "javascript",
    "/Launch": "launch",
    "/ImportData": "launch",
    "/SubmitForm": "launch",
    "/RichMediaExecute": "launch",
    "/GoToE": "embedded",
    "/Rendition": "javascript",
}
_HTML = re.compile(rb"<\s*(?:!doctype|html|head|body|script|iframe|svg|object|embed|meta)\b", re.IGNORECASE)
_TRAILING_OK = re.compile(rb"[\s\x00]*\Z")

MESSAGES = {
    "not_pdf": _("This file is not a PDF."),
    "unreadable": _("This PDF cannot be read."),
    "outside": _(
        "This PDF contains data outside the document itself, which we do not accept for security "
        "reasons. Save or print it again as PDF (or scan the paper copy again) and upload the new file."
    ),
    "javascript": _(
        "This PDF contains JavaScript, which we do not accept for security reasons. Save or print it "
        "again as PDF (or scan the paper copy again) and upload the new file."
    ),
    "launch": _(
        "This PDF contains an action that opens a program, a file or a web form, which we do not "
        "accept for security reasons. Save or print it again as PDF and upload the new file."
    ),
    "embedded": _(
        "This PDF contains attached or embedded files, which we do not accept for security reasons. "
        "Upload the signed document alone, without attachments."
    ),
}


class UnsafeFileError(ValidationError):
    """A refused upload; ``reason`` is a key of MESSAGES."""

    def __init__(self, reason: str):
        super().__init__(MESSAGES[reason], code=f"pdf_{reason}")
        self.reason = reason


def _check_structure(data: bytes) -> None:
    if not data.startswith(b"%PDF-"):
        raise UnsafeFileError("not_pdf")
    end = data.rfind(b"%%EOF")
    if end == -1:
        raise UnsafeFileError("unreadable")
    if not _TRAILING_OK.match(data, end + len(b"%%EOF")):
        raise UnsafeFileError("outside")
    if _HTML.search(data):
        raise UnsafeFileError("outside")


def _check_object(obj: object, seen: set[tuple[int, int]]) -> None:
    stack = [obj]
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            item = item.get_object()
        if isinstance(item, DictionaryObject):  # streams included
            for name, value in item.items():
                if name in _FORBIDDEN_KEYS:
                    raise UnsafeFileError(_FORBIDDEN_KEYS[name])
                if name == "/S" and isinstance(value, NameObject) and value in _FORBIDDEN_ACTIONS:
                    raise UnsafeFileError(_FORBIDDEN_ACTIONS[value])
                stack.append(value)
        elif isinstance(item, ArrayObject):
            stack.extend(item)


def check_pdf(data: bytes) -> int:
    """Raise UnsafeFileError unless ``data`` is a readable PDF without active or embedded
    content and without bytes outside its structure; return its number of pages."""
    _check_structure(data)
    try:
        reader = PdfReader(io.BytesIO(data))
        seen: set[tuple[int, int]] = set()
        _check_object(reader.trailer, seen)
        # Objects no page refers to are parsed too: a reader may still find them.
        for generation, objects in reader.xref.items():
            for idnum in objects:
                _check_object(IndirectObject(idnum, generation, reader), seen)
        for idnum in reader.xref_objStm:
            _check_object(IndirectObject(idnum, 0, reader), seen)
        pages = len(reader.pages)
    except UnsafeFileError:
        raise
    except (PdfReadError, PdfStreamError, ValueError, KeyError, TypeError, OSError, RecursionError) as exc:
        raise UnsafeFileError("unreadable") from exc
    return pages
