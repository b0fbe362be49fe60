"""The questionnaire codebook: items, value labels, and validation of survey data against them.

The codebook of the June-2016 questionnaire (Lundeberg & Mjåland 2017, seed 003, lines
10427-11056) is two raw resources: ``lm2016_codebook_items`` (one row per item; grid rows and the
options of a multiple-response question are items of their own) and ``lm2016_codebook_values``
(the value labels of each value set, in questionnaire order). The numeric codes are *proposed*:
the questionnaire prints labels, not codes (see the resource schema).

Item types:

- ``single_choice``, ``likert5``, ``frequency``, ``count``: one code from the item's value set;
- ``multiple_response``: 1 = ticked, 0 = not ticked (empty = question not answered);
- ``number``: a free number (age, prices in kroner, income, overdoses), never negative;
- ``text``: free text, not tabulated.

A missing answer («Ikke svart») is an empty cell; there are no numeric missing codes in the data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.core.validation import DataValidationError

ITEM_TYPES = ("single_choice", "likert5", "frequency", "count", "multiple_response", "number", "text")
CODED_TYPES = ("single_choice", "likert5", "frequency", "count")
MR_CODES = {0: "Ikke krysset av", 1: "Krysset av"}
# plausible bounds for free numbers (not printed in the questionnaire; a value outside is an error)
NUMBER_BOUNDS: dict[str, tuple[float, float]] = {"q33_alder": (12, 100)}
NUMBER_DEFAULT_BOUNDS = (0, 1_000_000)
# more bad cells than this in one column are reported as one grouped problem
GROUP_AFTER = 5
# pandas' kinds of a column of text cells (parsed per distinct value by `_parse_numbers`)
TEXT_KINDS = ("string", "empty")


@dataclass(frozen=True)
class Codebook:
    """Items (indexed by ``item_id``, in questionnaire order) and value labels.

    The labels of each value set are looked up once, when the codebook is made (the two tables
    are not to be changed after that).
    """

    items: pd.DataFrame
    values: pd.DataFrame
    _by_value_set: dict[object, dict[int, str]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        ordered = self.values.sort_values("category_order", kind="stable")
        by_set = {
            vs: dict(zip(g["code"].astype(int), g["label"], strict=True))
            for vs, g in ordered.groupby("value_set", sort=False, dropna=False)
        }
        object.__setattr__(self, "_by_value_set", by_set)

    def item(self, item_id: str) -> pd.Series:
        """The codebook row of one item.

        Parameters
        ----------
        item_id : str
            Variable name, e.g. ``q34_kjonn``.

        Returns
        -------
        pandas.Series
            Its question, type, value set and labels; KeyError when unknown.
        """
        if item_id not in self.items.index:
            raise KeyError(f"item {item_id!r} is not in the codebook")
        return self.items.loc[item_id]

    def labels(self, item_id: str) -> dict[int, str]:
        """Code -> label in questionnaire order.

        Parameters
        ----------
        item_id
            Variable name.

        Returns
        -------
        dict
            ``{0: …, 1: …}`` for a multiple-response item, empty for text and number items.
        """
        it = self.item(item_id)
        if it["item_type"] == "multiple_response":
            return dict(MR_CODES)
        if it["item_type"] not in CODED_TYPES:
            return {}
        return dict(self._by_value_set.get(it["value_set"], {}))

    def question_items(self, question: str | int, item_type: str | None = None) -> list[str]:
        """Item ids of one question (e.g. all options of a multiple-response question).

        Parameters
        ----------
        question
            Question number.
        item_type
            Keep only items of this type.

        Returns
        -------
        list of str
            Item ids in questionnaire order.
        """
        sel = self.items[self.items["question"].astype(str) == str(question)]
        if item_type:
            sel = sel[sel["item_type"] == item_type]
        return sel.index.tolist()


def from_frames(items: pd.DataFrame, values: pd.DataFrame) -> Codebook:
    """Build and check a codebook from the two tables (as read from the data package).

    Parameters
    ----------
    items, values
        The item table and the value-label table.

    Returns
    -------
    Codebook
        Items indexed by ``item_id`` in questionnaire order; ValueError lists every problem.
    """
    items = items.sort_values("row_order").set_index("item_id", drop=False)
    problems = []
    bad_type = ~items["item_type"].isin(ITEM_TYPES)
    for iid in items.index[bad_type]:
        problems.append(f"item {iid}: unknown item_type {items.loc[iid, 'item_type']!r}")
    sets = set(values["value_set"])
    for iid, it in items.iterrows():
        vs = it["value_set"]
        if it["item_type"] in CODED_TYPES and (pd.isna(vs) or vs not in sets):
            problems.append(f"item {iid}: value_set {vs!r} has no value labels")
    dup = values.duplicated(["value_set", "code"])
    for _, r in values[dup].iterrows():
        problems.append(f"value set {r['value_set']}: code {r['code']} appears twice")
    if problems:
        raise ValueError("invalid codebook:\n  " + "\n  ".join(problems))
    return Codebook(items, values.reset_index(drop=True))


def validate(
    data: pd.DataFrame, cb: Codebook, file: str | Path = "survey data", id_column: str = "resp_id"
) -> pd.DataFrame:
    """Check survey data against the codebook and return it with numeric columns.

    Every column except ``id_column`` must be a codebook item. A coded item may only hold codes of
    its value set, a multiple-response item only 0/1, a number item a number within its bounds.
    Problems raise :class:`DataValidationError` naming the data row (1-based), the column and the
    value; nothing is returned half-checked.

    Parameters
    ----------
    data
        Survey data as read (text or numbers).
    cb
        The codebook.
    file
        File name for the error messages.
    id_column
        The respondent id column.

    Returns
    -------
    pandas.DataFrame
        The data with numeric code columns (text items as strings).
    """
    unknown = [c for c in data.columns if c != id_column and c not in cb.items.index]
    problems: list[dict] = []
    if unknown:
        problems.append(
            {
                "line": 1,
                "row": 0,
                "column": ", ".join(map(str, unknown)),
                "check": "column is not an item of the codebook",
            }
        )
        raise DataValidationError(file, problems)
    out: dict[str, pd.Series] = {}
    for col in data.columns:
        if col == id_column:
            out[col] = data[col]
            continue
        it = cb.items.loc[col]
        raw = data[col]
        if it["item_type"] == "text":
            out[col] = raw.astype("string")
            continue
        num = _numbers(data, col, cb, it["item_type"], problems)
        out[col] = num
    if problems:
        raise DataValidationError(file, problems)
    return pd.DataFrame(out, index=data.index)


def _numbers(data: pd.DataFrame, col: str, cb: Codebook, item_type: str, problems: list[dict]) -> pd.Series:
    """One column as numbers; its bad cells are added to ``problems``, grouped per column."""
    raw = data[col]
    blank, num = _parse_numbers(raw)
    found: list[dict] = []
    text = data.index[~blank & num.isna()]
    labels = cb.labels(col) if item_type != "number" else {}
    by_label = {str(lab).strip().casefold(): code for code, lab in labels.items()}
    held_text = raw[text].astype(str).str.strip()
    if len(text) and bool(held_text.str.casefold().isin(list(by_label)).all()):
        held = ", ".join(repr(v) for v in dict.fromkeys(held_text))
        expected = ", ".join(f"{c}={lab}" for c, lab in labels.items())
        first = data.index.get_loc(text[0]) + 1
        problems.append(
            {
                "line": first + 1,
                "row": first,
                "column": col,
                "value": None,
                "check": f"{col} holds labels ({held}) in {len(text)} row(s); expected codes {expected}",
            }
        )
        return num
    found += [_cell(data, idx, col, raw[idx], "not a number") for idx in text]
    ok = ~blank & num.notna()
    if item_type == "number":
        lo, hi = NUMBER_BOUNDS.get(col, NUMBER_DEFAULT_BOUNDS)
        found += [
            _cell(data, i, col, raw[i], f"outside {lo}–{hi}")
            for i in data.index[ok & ((num < lo) | (num > hi))]
        ]
    else:
        allowed = set(labels)
        values = num.to_numpy(dtype=float, na_value=np.nan)
        given = ok.to_numpy()
        whole = values == np.round(values)
        known = np.zeros(len(values), dtype=bool)
        for code in allowed:
            known |= values == code
        if (given & ~(whole & known)).any():
            found += [
                _cell(data, i, col, raw[i], "a code must be a whole number")
                for i in data.index[given & ~whole]
            ]
            bad = data.index[given & whole & ~known]
            found += [_cell(data, i, col, raw[i], f"unknown code (allowed: {sorted(allowed)})") for i in bad]
    problems += _grouped(col, found)
    return num


def _parse_numbers(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Which cells are blank (missing, empty or spaces only), and the cells as numbers (NaN when not).

    Text cells are stripped and parsed once per distinct value (a column of codes holds a few),
    not once per cell; the numbers are what :func:`pandas.to_numeric` makes of the whole column.
    """
    if pd.api.types.is_numeric_dtype(raw):
        return raw.isna(), raw.astype(float)
    if not isinstance(raw.dtype, pd.CategoricalDtype) and pd.api.types.infer_dtype(raw) not in TEXT_KINDS:
        blank = raw.isna() | (raw.astype(str).str.strip() == "")
        return blank, pd.to_numeric(raw.where(~blank), errors="coerce")
    where, distinct = pd.factorize(raw)
    distinct = pd.Series(distinct, dtype=object)
    distinct_blank = (distinct.astype(str).str.strip() == "").to_numpy()
    numbers = pd.to_numeric(distinct.where(~distinct_blank), errors="coerce").to_numpy()
    blank = np.append(distinct_blank, True)[where]  # a missing cell (-1) takes the appended True
    if blank.any():  # as to_numeric of the whole column with its blanks: floats, NaN for -1
        numbers = np.append(numbers.astype(float), np.nan)
    return pd.Series(blank, index=raw.index), pd.Series(numbers[where], index=raw.index, name=raw.name)


def _grouped(col: str, found: list[dict]) -> list[dict]:
    """The problems of one column: each cell when few, else one line naming the first rows."""
    if len(found) <= GROUP_AFTER:
        return found
    rows = ", ".join(str(p["row"]) for p in found[:GROUP_AFTER])
    values = ", ".join(repr(v) for v in dict.fromkeys(p["value"] for p in found[:GROUP_AFTER]))
    return [
        found[0]
        | {
            "value": None,
            "check": f"{len(found)} bad cells (data rows {rows}, …; values {values}, …): {found[0]['check']}",
        }
    ]


def _cell(data: pd.DataFrame, idx: object, col: str, value: object, check: str) -> dict:
    row = data.index.get_loc(idx) + 1
    return {"row": row, "line": row + 1, "column": col, "value": value, "check": check}
