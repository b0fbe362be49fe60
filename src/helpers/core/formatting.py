"""Norwegian (bokmål) number formatting and report tables.

All numbers shown to readers go through these functions, which use Babel's ``nb_NO`` locale data:
decimal comma, a no-break space as thousands separator (``14 797``), percentages with one decimal.
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd
from babel.numbers import format_decimal

LOCALE = "nb_NO"
NBSP = "\u00a0"
MISSING = "–"  # shown for values that were not printed / are not available

# Column labels used in the report (Lundeberg & Mjåland's SPSS-style wording)
ANTALL = "Antall"
ANTALL_SVAR = "Antall svar"
PROSENT = "Prosent"
TOTALT = "Totalt"
TOTAL = "Total"


def isna(x: object) -> bool:
    """True for None, ``pd.NA`` and NaN."""
    return x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x))


def fmt_num(x: float | int | None, decimals: int = 0) -> str:
    """A number with exactly ``decimals`` decimals in Norwegian format (``1 234,5``)."""
    if x is None or isna(x):
        return MISSING
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return format_decimal(x, format=pattern, locale=LOCALE)


def fmt_auto(x: float | int | None, max_decimals: int = 1) -> str:
    """A whole number without decimals, anything else with ``max_decimals`` decimals."""
    if x is None or isna(x):
        return MISSING
    return fmt_num(x, 0 if float(x).is_integer() else max_decimals)


def fmt_int(x: float | int | None) -> str:
    """A whole number with thousands separator (``14 797``)."""
    return fmt_num(x, 0)


def fmt_pct(x: float | None, decimals: int = 1, sign: bool = False) -> str:
    """A percentage value (already in percent) with a Norwegian decimal comma: ``12,3 %``."""
    if x is None or isna(x):
        return MISSING
    s = fmt_num(x, decimals)
    if sign and x > 0:
        s = "+" + s
    return f"{s}{NBSP}%"


def fmt_nok(x: float | None, decimals: int = 0) -> str:
    """An amount in Norwegian kroner: ``340 kr``."""
    if x is None or isna(x):
        return MISSING
    return f"{fmt_num(x, decimals)}{NBSP}kr"


def fmt_mill_nok(x: float | None, decimals: int = 2) -> str:
    """An amount given in millions of kroner: ``53,61 mill. kr``."""
    if x is None or isna(x):
        return MISSING
    return f"{fmt_num(x, decimals)}{NBSP}mill.{NBSP}kr"


def match_marker(ok: bool | None) -> str:
    """Marker for a reproduced cell: ✓ equal to the printed value, ✗ different, – not printed."""
    if ok is None or ok is pd.NA:
        return MISSING
    return "✓" if ok else "✗"


def fmt_smart(x: float | int | None) -> str:
    """A number with no more decimals than it has, and at most as many as its size needs:
    ≥ 100 one decimal, ≥ 1 two, smaller three (``380,8``, ``7,5``, ``6,1``, ``0,304``)."""
    if x is None or isna(x):
        return MISSING
    a = abs(float(x))
    cap = 1 if a >= 100 else 2 if a >= 1 else 3
    dec = next((d for d in range(cap) if round(float(x), d) == round(float(x), cap)), cap)
    return fmt_num(x, dec)


def fmt_p(p: float | None) -> str:
    """A p-value as in the report text: ``p < 0,001`` or ``p = 0,023`` (three decimals)."""
    if p is None or isna(p):
        return MISSING
    return f"p < {fmt_num(0.001, 3)}" if p < 0.001 else f"p = {fmt_num(p, 3)}"


# significant digits kept before rounding: a float carries 15-17, and the few operations behind a
# printed percentage (count / base * 100) leave noise only in the last of them
_SIGNIFICANT = 12


def round_half_away(x: float, decimals: int = 0) -> float:
    """Round half away from zero, as printed tables do (not Python's half-to-even).

    Parameters
    ----------
    x
        The value to round.
    decimals
        Number of decimals to keep.

    Returns
    -------
    float
        ``x`` rounded with :data:`decimal.ROUND_HALF_UP` on its decimal value, after cutting float
        noise past the 12th significant digit (so ``3 / 40 * 100`` rounds as ``7.5``).
    """
    d = Decimal(format(float(x), f".{_SIGNIFICANT}g"))
    return float(d.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))


_PRINTED_NUMBER = re.compile(r"\d[\d \u00a0]*(?:[.,](\d+))?")


def printed_decimals(as_printed: str) -> int:
    """Decimals shown in the first number of a printed cell.

    Parameters
    ----------
    as_printed
        The cell as printed or transcribed: Norwegian (``"6,1"``, ``"~1 045"``, a no-break space or a
        space between thousands) or with a decimal point (``"26.10"``), possibly with text around it
        (``"44,5 %"``, ``"t(146)"``).

    Returns
    -------
    int
        The number of digits after the decimal separator (``"6,1"`` -> 1, ``"~1 045"`` -> 0).

    Raises
    ------
    ValueError
        If the cell holds no number.
    """
    m = _PRINTED_NUMBER.search(str(as_printed))
    if not m:
        raise ValueError(f"no number in {as_printed!r}")
    return len(m.group(1) or "")
