"""Norwegian (bokmål) number formatting and report tables.

All numbers shown to readers go through these functions, which use Babel's ``nb_NO`` locale data:
decimal comma, a no-break space as thousands separator (``14 797``), percentages with one decimal.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

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


def _isna(x: object) -> bool:
    return x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x))


def fmt_num(x: float | int | None, decimals: int = 0) -> str:
    """A number with exactly ``decimals`` decimals in Norwegian format (``1 234,5``)."""
    if _isna(x):
        return MISSING
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return format_decimal(x, format=pattern, locale=LOCALE)


def fmt_auto(x: float | int | None, max_decimals: int = 1) -> str:
    """A whole number without decimals, anything else with ``max_decimals`` decimals."""
    if _isna(x):
        return MISSING
    return fmt_num(x, 0 if float(x).is_integer() else max_decimals)


def fmt_int(x: float | int | None) -> str:
    """A whole number with thousands separator (``14 797``)."""
    return fmt_num(x, 0)


def fmt_pct(x: float | None, decimals: int = 1, sign: bool = False) -> str:
    """A percentage value (already in percent) with a Norwegian decimal comma: ``12,3 %``."""
    if _isna(x):
        return MISSING
    s = fmt_num(x, decimals)
    if sign and x > 0:
        s = "+" + s
    return f"{s}{NBSP}%"


def fmt_nok(x: float | None, decimals: int = 0) -> str:
    """An amount in Norwegian kroner: ``340 kr``."""
    if _isna(x):
        return MISSING
    return f"{fmt_num(x, decimals)}{NBSP}kr"


def fmt_mill_nok(x: float | None, decimals: int = 2) -> str:
    """An amount given in millions of kroner: ``53,61 mill. kr``."""
    if _isna(x):
        return MISSING
    return f"{fmt_num(x, decimals)}{NBSP}mill.{NBSP}kr"


def match_marker(ok: bool | None) -> str:
    """Marker for a reproduced cell: ✓ equal to the printed value, ✗ different, – not printed."""
    if ok is None or ok is pd.NA:
        return MISSING
    return "✓" if ok else "✗"


def md_table(df: pd.DataFrame, align: Iterable[str] | None = None, index: bool = False) -> str:
    """A pandoc pipe table of already-formatted cells.

    ``align`` gives one of ``left``/``right``/``center`` per column; by default text columns are
    left-aligned and all others right-aligned, judged from the first non-missing cell.
    """
    frame = df.reset_index() if index else df
    if align is None:
        align = ["right" if _looks_numeric(frame[c]) else "left" for c in frame.columns]
    cells = frame.astype(object).where(frame.notna(), MISSING).astype(str)
    return cells.to_markdown(index=False, colalign=list(align), disable_numparse=True)


def _looks_numeric(col: pd.Series) -> bool:
    if pd.api.types.is_numeric_dtype(col):
        return True
    for v in col:
        if _isna(v):
            continue
        s = str(v).replace(NBSP, "").replace(" ", "").replace(",", "").replace("%", "")
        s = s.replace("kr", "").replace("−", "-").replace("+", "")
        return s.replace(".", "", 1).lstrip("-").isdigit()
    return False


def demo_banner(synthetic: list[str]) -> str:
    """A visible notice (Quarto callout) when any input is synthetic; empty string otherwise.

    The list comes from the data package (``synthetic: true``), never from hand-typed text, so the
    banner disappears by itself when real data are supplied.
    """
    if not synthetic:
        return ""
    files = ", ".join(f"`{n}`" for n in synthetic)
    return (
        '::: {.callout-warning title="Demodata"}\n'
        f"Resultatene her bygger på syntetiske demodata ({files}), laget av en dokumentert "
        "generator. De er ikke funn om Huset eller Bergen.\n:::\n"
    )


def fmt_smart(x: float | int | None) -> str:
    """A number with no more decimals than it has, and at most as many as its size needs:
    ≥ 100 one decimal, ≥ 1 two, smaller three (``380,8``, ``7,5``, ``6,1``, ``0,304``)."""
    if _isna(x):
        return MISSING
    a = abs(float(x))
    cap = 1 if a >= 100 else 2 if a >= 1 else 3
    dec = next((d for d in range(cap) if round(float(x), d) == round(float(x), cap)), cap)
    return fmt_num(x, dec)


def fmt_p(p: float | None) -> str:
    """A p-value as in the report text: ``p < 0,001`` or ``p = 0,023`` (three decimals)."""
    if _isna(p):
        return MISSING
    return f"p < {fmt_num(0.001, 3)}" if p < 0.001 else f"p = {fmt_num(p, 3)}"
