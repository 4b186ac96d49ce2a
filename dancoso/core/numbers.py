"""How the portal writes numbers that have one fixed form everywhere: pages, exports' documents, the report.

Percentages read the Vietnamese way, with a decimal comma, a fixed number of decimals and the sign right
after the figure: "95,0%", "25,0%", "100,0%". The separators are written here rather than taken from the
active language, so a page, the Word report built by a background task and a test all read the same.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

# An absent figure: nothing to divide by, or not recorded. A dash, never a misleading zero.
MISSING = "—"
# The unit of an indicator that is a share in per cent (``Indicator.unit``).
PERCENT = "%"


def percent(part: int, whole: int) -> Decimal | None:
    """A share in per cent with one decimal, or ``None`` when there is nothing to divide by."""
    if not whole:
        return None
    return (Decimal(part * 100) / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def format_percent(value: Any, digits: int = 1) -> str:
    """A share in per cent as "95,0%" (``digits`` decimals, rounded half up); "—" for None or empty.

    ``value`` is already in per cent (95 means 95%). Text that is not a number raises ``ValueError``.
    """
    if value is None or value == "":
        return MISSING
    if isinstance(value, bool):
        raise ValueError(f"Not a percentage: {value!r}")
    try:
        # Through str, so that the float 95.05 rounds as written, not as its binary approximation.
        number = Decimal(str(value)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    except InvalidOperation:
        raise ValueError(f"Not a percentage: {value!r}") from None
    if number.is_zero():
        number = abs(number)  # -0.01 rounds to "0,0%", not "-0,0%".
    return f"{vietnamese_separators(f'{number:,.{digits}f}')}{PERCENT}"


def vietnamese_separators(text: str) -> str:
    """Swap Python's "1,234.5" to the Vietnamese "1.234,5", through a placeholder."""
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def vietnamese_number(value: Any) -> str:
    """A figure the Vietnamese way: thousands with ".", decimals with "," (1.234 and 95,5); "—" for none.

    Floats keep at most two decimals and drop trailing zeros, so a rate of 100.0 reads "100".
    """
    if value is None:
        return MISSING
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    if isinstance(value, float | Decimal):
        text = f"{float(value):,.2f}".rstrip("0").rstrip(".")
        if text in ("-0", ""):
            text = "0"
        return vietnamese_separators(text)
    return str(value)


def with_unit(value: Any, unit: str) -> str:
    """A figure followed by its unit ("3 lớp", "95,5%"); the unit is left off when there is no figure.

    A percentage reads as everywhere in the portal, with one decimal ("90,0%"), even where the plain
    figure would drop it.
    """
    if value is None:
        return MISSING
    if unit == PERCENT:
        return format_percent(value)
    text = vietnamese_number(value)
    return f"{text} {unit}" if unit else text


# Money is counted in whole đồng (``BigIntegerField``, never a float) and written "1.234.567 đ".
MONEY_UNIT = "đ"
# The largest amount a register accepts: a thousand trillion đồng is a typing error, not a budget.
MONEY_MAX = 10**15
_MONEY_SUFFIXES = ("đồng", "vnđ", "vnd", "đ", "d")


def format_money(value: Any) -> str:
    """An amount in đồng as "1.234.567 đ"; "—" for none."""
    if value is None or value == "":
        return MISSING
    return f"{vietnamese_number(int(value))} {MONEY_UNIT}"


def parse_money(text: Any) -> int:
    """An amount as officials type it: "1.234.567", "1234567", "1,234,567 đ" or "1 234 567 đồng".

    Dots, commas and spaces may only group thousands (money in đồng has no decimals). ``ValueError`` for
    anything else, a negative amount or one above ``MONEY_MAX``; its message says which, for the form.
    """
    cleaned = " ".join(str(text).split()).lower()
    for suffix in _MONEY_SUFFIXES:
        if cleaned.endswith(suffix):
            cleaned = cleaned[: -len(suffix)].strip()
            break
    if cleaned.startswith("-"):
        raise ValueError("negative")
    groups = cleaned.replace(",", ".").replace(" ", ".").split(".")
    if not cleaned or not all(group.isdigit() and group.isascii() for group in groups):
        raise ValueError("not a number")
    if len(groups) > 1 and (len(groups[0]) > 3 or any(len(group) != 3 for group in groups[1:])):
        raise ValueError("not a number")
    digits = "".join(groups)
    if len(digits) > len(str(MONEY_MAX)):
        raise ValueError("too large")
    amount = int(digits)
    if amount > MONEY_MAX:
        raise ValueError("too large")
    return amount
