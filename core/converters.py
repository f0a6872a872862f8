"""Path converters shared by every URLconf (registered in ``CoreConfig.ready``)."""

MAX_ID = 2**63 - 1  # the largest BigAutoField value on PostgreSQL and SQLite


class IdConverter:
    """A database id: digits that fit a signed 64-bit integer; anything else is a 404.

    ``<int:pk>`` accepts ``100000000000000000000``, which overflows on SQLite (500);
    ``<id:pk>`` refuses it before the view runs.
    """

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError("id out of range")  # the resolver treats it as no match: 404
        return number

    def to_url(self, value: int | str) -> str:
        return str(int(value))
