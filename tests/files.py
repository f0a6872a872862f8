"""Read stored files in tests without leaving them open (warnings are errors)."""


def stored_bytes(field_file, size: int = -1) -> bytes:
    """The bytes of a FileField's file, opened and closed here."""
    with field_file.open("rb"):
        return field_file.read(size)
