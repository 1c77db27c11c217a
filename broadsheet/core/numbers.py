"""Whole numbers from untrusted text: query strings, form fields, cookies, imported files.

`str.isdigit()` is not the test for `int()`: "²" is a digit to it and breaks int(), and
5,000 ASCII digits pass it and make int() raise (Python's limit on digit strings), while
20 digits overflow the databases' 64-bit integers. Everything that turns reader or file
text into a number goes through here.
"""

MAX_DIGITS = 18  # below 2**63, the largest id either database stores


def is_whole_number(value, *, max_digits: int = MAX_DIGITS) -> bool:
    text = str(value or "")
    return text.isascii() and text.isdigit() and len(text) <= max_digits


def parse_whole_number(value, *, max_digits: int = MAX_DIGITS) -> int | None:
    """value as a non-negative int, or None when it is anything else."""
    return int(value) if is_whole_number(value, max_digits=max_digits) else None
