"""Norwegian (bokmål) number formatting and report tables.

All numbers shown to readers go through these functions, which use Babel's ``nb_NO`` locale data:
decimal comma, a no-break space as thousands separator (``14 797``), percentages with one decimal,
and the real minus sign U+2212 (``−0,56``, never a hyphen).

One rule for cells without a number, in every report table (the legend in the method section
says it once): :data:`SUPPRESSED` («:», SSB's symbol) for a cell hidden to protect respondents,
:data:`MISSING` («–») for a value that is not printed, not available or cannot be computed, and
:data:`NOT_APPLICABLE` (the same «–») for a cell where no value belongs (a comparison with a
source that prints none).
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd
from babel.numbers import format_decimal

LOCALE = "nb_NO"
NBSP = "\u00a0"
MINUS = "\u2212"  # the minus sign of every negative number shown to readers
MISSING = "–"  # a value not printed in the source, not available or not computable
NOT_APPLICABLE = MISSING  # no value belongs in the cell (same symbol as MISSING, one legend)
SUPPRESSED = ":"  # hidden to protect respondents (SSB's symbol)

# Column labels used in the report (Lundeberg & Mjåland's SPSS-style wording)
ANTALL = "Antall"
ANTALL_SVAR = "Antall svar"
PROSENT = "Prosent"
TOTALT = "Totalt"
TOTAL = "Total"


def isna(x: object) -> bool:
    """True for None, ``pd.NA`` and NaN.

    Parameters
    ----------
    x : object
        A cell of a table or a computed value that may be missing (a number not printed in the
        source, a statistic that cannot be computed).

    Returns
    -------
    bool
        Whether ``x`` is a missing value, shown as ``–`` in the report.
    """
    return x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x))


def fmt_num(x: float | int | None, decimals: int = 0) -> str:
    """A number with exactly ``decimals`` decimals in Norwegian format (``1 234,5``).

    Parameters
    ----------
    x : float or int or None
        The value to show in a report table or sentence.
    decimals : int, default 0
        Number of decimals to print, as the source table prints them.

    Returns
    -------
    str
        ``x`` with a decimal comma, no-break-space thousands separators (Babel's ``nb_NO``
        locale) and the minus sign U+2212 (:data:`MINUS`), or ``–`` (:data:`MISSING`) when ``x``
        is missing.
    """
    if x is None or isna(x):
        return MISSING
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return format_decimal(x, format=pattern, locale=LOCALE).replace("-", MINUS)


def fmt_auto(x: float | int | None, max_decimals: int = 1) -> str:
    """A whole number without decimals, anything else with ``max_decimals`` decimals.

    Parameters
    ----------
    x : float or int or None
        The value to show.
    max_decimals : int, default 1
        Decimals for a value that is not a whole number.

    Returns
    -------
    str
        ``x`` in Norwegian format (see :func:`fmt_num`), or ``–`` (:data:`MISSING`) when ``x`` is missing.
    """
    if x is None or isna(x):
        return MISSING
    return fmt_num(x, 0 if float(x).is_integer() else max_decimals)


def fmt_int(x: float | int | None) -> str:
    """A whole number with thousands separator (``14 797``).

    Parameters
    ----------
    x : float or int or None
        A count (visits, respondents); a fraction is rounded to a whole number.

    Returns
    -------
    str
        ``x`` without decimals in Norwegian format, or ``–`` (:data:`MISSING`) when ``x`` is missing.
    """
    return fmt_num(x, 0)


def fmt_clock(x: float | None) -> str:
    """A clock time written as the sources write it, hours and minutes with a full stop (``18.30``).

    Parameters
    ----------
    x : float or None
        The time as a number ``hh.mm`` (``18.3`` is half past six in the evening), as the sources'
        numbers are transcribed.

    Returns
    -------
    str
        ``hh.mm`` with two-digit minutes, or ``–`` (:data:`MISSING`) when ``x`` is missing.
    """
    if x is None or pd.isna(x):
        return MISSING
    hours = int(x)
    minutes = round((x - hours) * 100)
    return f"{hours:02d}.{minutes:02d}"


def fmt_pct(x: float | None, decimals: int = 1, sign: bool = False) -> str:
    """A percentage value (already in percent) with a Norwegian decimal comma: ``12,3 %``.

    Parameters
    ----------
    x : float or None
        The share in percent (not a fraction of one).
    decimals : int, default 1
        Number of decimals to print.
    sign : bool, default False
        Prefix a positive value with ``+`` (for changes, e.g. a sensitivity relative to the base).

    Returns
    -------
    str
        The number, a no-break space and ``%``, or ``–`` (:data:`MISSING`) when ``x`` is missing.
    """
    if x is None or isna(x):
        return MISSING
    s = fmt_num(x, decimals)
    if sign and x > 0:
        s = "+" + s
    return f"{s}{NBSP}%"


def fmt_nok(x: float | None, decimals: int = 0) -> str:
    """An amount in Norwegian kroner: ``340 kr``.

    Parameters
    ----------
    x : float or None
        The amount in kroner (e.g. a cost per visit of the cost comparison).
    decimals : int, default 0
        Number of decimals to print.

    Returns
    -------
    str
        The number, a no-break space and ``kr``, or ``–`` (:data:`MISSING`) when ``x`` is missing.
    """
    if x is None or isna(x):
        return MISSING
    return f"{fmt_num(x, decimals)}{NBSP}kr"


def fmt_mill_nok(x: float | None, decimals: int = 2) -> str:
    """An amount given in millions of kroner: ``53,61 mill. kr``.

    Parameters
    ----------
    x : float or None
        The amount, already in millions of kroner (as the cost tables print budgets).
    decimals : int, default 2
        Number of decimals to print.

    Returns
    -------
    str
        The number followed by ``mill. kr`` (no-break spaces), or ``–`` (:data:`MISSING`) when
        ``x`` is missing.
    """
    if x is None or isna(x):
        return MISSING
    return f"{fmt_num(x, decimals)}{NBSP}mill.{NBSP}kr"


def match_marker(ok: bool | None) -> str:
    """Marker for a reproduced cell: ✓ equal to the printed value, ✗ different, – not printed.

    Parameters
    ----------
    ok : bool or None
        Whether the value rebuilt from the data equals the value printed in the source table;
        None (or ``pd.NA``) when the source prints no value to compare with.

    Returns
    -------
    str
        ``✓``, ``✗`` or ``–`` (:data:`NOT_APPLICABLE`).
    """
    if ok is None or ok is pd.NA:
        return NOT_APPLICABLE
    return "✓" if ok else "✗"


def fmt_smart(x: float | int | None) -> str:
    """A number with no more decimals than it has, and at most as many as its size needs:
    ≥ 100 one decimal, ≥ 1 two, smaller three (``380,8``, ``7,5``, ``6,1``, ``0,304``).

    Parameters
    ----------
    x : float or int or None
        The value to show (e.g. a model coefficient or a ratio in the report text).

    Returns
    -------
    str
        ``x`` in Norwegian format with the fewest decimals that keep its rounded value, or
        ``–`` (:data:`MISSING`) when ``x`` is missing.
    """
    if x is None or isna(x):
        return MISSING
    a = abs(float(x))
    cap = 1 if a >= 100 else 2 if a >= 1 else 3
    dec = next((d for d in range(cap) if round(float(x), d) == round(float(x), cap)), cap)
    return fmt_num(x, dec)


# significant digits a value keeps when it is shown with "the decimals it has" (as Python's ``:g``)
_GENERAL_DIGITS = 6


def fmt_general(x: float | int | None) -> str:
    """A value with the decimals it has, up to six significant digits, in Norwegian format.

    The Norwegian counterpart of Python's ``f"{x:g}"`` for the arithmetic in check explanations
    (``2 274 / 33,9 = 67,1``): ``8041.17`` gives ``8 041,17``, ``2274.0`` gives ``2 274``; large
    whole numbers keep all their digits (no exponent).

    Parameters
    ----------
    x : float or int or None
        The value, printed or recomputed.

    Returns
    -------
    str
        ``x`` in Norwegian format (see :func:`fmt_num`) with the decimals of its six-significant-digit
        form, or ``–`` (:data:`MISSING`) when ``x`` is missing.
    """
    if x is None or isna(x):
        return MISSING
    exponent = Decimal(format(float(x), f".{_GENERAL_DIGITS}g")).as_tuple().exponent
    return fmt_num(x, max(0, -exponent) if isinstance(exponent, int) else 0)


def fmt_p(p: float | None) -> str:
    """A p-value as in the report text: ``p < 0,001`` or ``p = 0,023`` (three decimals).

    Parameters
    ----------
    p : float or None
        The p-value of a test (between 0 and 1).

    Returns
    -------
    str
        ``p < 0,001`` below one in a thousand, else ``p = `` and three decimals, or ``–``
        (:data:`MISSING`) when ``p`` is missing.
    """
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
    x : float
        The value to round (e.g. a percentage computed from counts, to compare with a printed one).
    decimals : int, default 0
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
    as_printed : str
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
