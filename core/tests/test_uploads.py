"""Signed scans are inert PDFs: each hostile file is refused, parsed as a whole, with a message."""

import io

import pytest
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

from core.pdf import render_pdf
from core.uploads import MESSAGES, UnsafeFileError, check_pdf


def plain_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def written(writer: PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def with_open_action(action: dict) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(
        DictionaryObject({NameObject(k): v for k, v in action.items()})
    )
    return written(writer)


def openaction_javascript() -> bytes:
    return with_open_action(
        {"/Type": NameObject("/Action"), "/S": NameObject("/JavaScript"), "/JS": TextStringObject("app.alert(1)")}
    )


def document_javascript() -> bytes:
    """Document-level JavaScript in the catalogue's /Names tree, no /OpenAction."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    action = writer._add_object(
        DictionaryObject({NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("1")})
    )
    tree = DictionaryObject({NameObject("/Names"): ArrayObject([TextStringObject("a"), action])})
    writer._root_object[NameObject("/Names")] = DictionaryObject({NameObject("/JavaScript"): writer._add_object(tree)})
    return written(writer)


def launch_action() -> bytes:
    return with_open_action(
        {"/Type": NameObject("/Action"), "/S": NameObject("/Launch"), "/F": TextStringObject("cmd.exe")}
    )


def embedded_executable() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_attachment("facture.exe", b"MZ\x90\x00" + b"\x00" * 200)
    return written(writer)


def html_polyglot() -> bytes:
    data = plain_pdf()
    header, rest = data.split(b"\n", 1)
    return header + b"\n%<html><body><script>alert(document.domain)</script></body></html>\n" + rest


def bytes_after_eof() -> bytes:
    return plain_pdf() + b"\nPK\x03\x04 a zip archive glued after the PDF"


def bytes_before_header() -> bytes:
    return b"GIF89a;" + plain_pdf()


HOSTILE = [
    (openaction_javascript, "javascript"),
    (document_javascript, "javascript"),
    (launch_action, "launch"),
    (embedded_executable, "embedded"),
    (html_polyglot, "outside"),
    (bytes_after_eof, "outside"),
    (bytes_before_header, "not_pdf"),
]


@pytest.mark.parametrize(("make", "reason"), HOSTILE, ids=[m.__name__ for m, _ in HOSTILE])
def test_hostile_pdfs_are_refused_with_their_reason(make, reason):
    data = make()
    with pytest.raises(UnsafeFileError) as exc:
        check_pdf(data)
    assert exc.value.reason == reason
    assert exc.value.messages == [str(MESSAGES[reason])]


def test_a_javascript_name_spelt_with_escapes_is_still_found():
    """/J#61vaScript is /JavaScript once parsed: a byte search would miss it."""
    data = openaction_javascript().replace(b"/JavaScript", b"/J#61vaScript")
    with pytest.raises(UnsafeFileError) as exc:
        check_pdf(data)
    assert exc.value.reason == "javascript"


def test_harmless_pdfs_pass():
    assert check_pdf(plain_pdf()) == 1
    assert check_pdf(plain_pdf() + b"\r\n") == 1  # a trailing newline is not content
    weasy = render_pdf("<html><body><h1>Convention signée</h1><p>Lu et approuvé.</p></body></html>")
    assert check_pdf(weasy) == 1
    go_to_first_page = with_open_action({"/S": NameObject("/GoTo")})
    assert check_pdf(go_to_first_page) == 1


def test_garbage_is_unreadable_not_a_crash():
    with pytest.raises(UnsafeFileError) as exc:
        check_pdf(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF")
    assert exc.value.reason == "unreadable"
