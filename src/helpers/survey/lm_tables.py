"""The registry of Lundeberg & Mjåland's (2017) tables: which items each needs and how it is tabulated.

Each entry turns validated respondent data into the cells of one printed table (``row_order``,
``col_order``, ``statistic``, ``value``), so it can be joined cell by cell with the transcription.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pandas as pd

from helpers.survey import lm_variables as lmv
from helpers.survey.codebook import Codebook
from helpers.survey.crosstabs import crosstab
from helpers.survey.frequencies import compact, counts, frequency, long_frequency, pct
from helpers.survey.multiple_response import multiple_response
from helpers.survey.regression import ols
from helpers.survey.statistics import group_means

CELL = ["row_order", "col_order", "statistic", "value"]
Builder = Callable[[pd.DataFrame, Codebook], pd.DataFrame]


@dataclass(frozen=True)
class LMTable:
    """One printed table: the codebook items it needs and the function that tabulates it."""

    items: tuple[str, ...]
    build: Builder


def _crosstab(rows: Callable[[pd.DataFrame, Codebook], tuple[pd.Series, dict]]) -> Builder:
    def build(data: pd.DataFrame, cb: Codebook) -> pd.DataFrame:
        values, labels = rows(data, cb)
        return crosstab(values, lmv.bolig3(data["q42_bolig"]), labels, lmv.BOLIG3)[CELL]

    return build


def _sex_rows(data: pd.DataFrame, cb: Codebook) -> tuple[pd.Series, dict]:
    lab = cb.labels("q34_kjonn")
    return data["q34_kjonn"], {2: lab[2], 1: lab[1]}  # printed: men first


def _age_rows(data: pd.DataFrame, cb: Codebook) -> tuple[pd.Series, dict]:
    return lmv.alder3(data["q33_alder"]), lmv.ALDER3


def _frequency(item: str, show_missing: bool = False) -> Builder:
    def build(data: pd.DataFrame, cb: Codebook) -> pd.DataFrame:
        return long_frequency(frequency(data[item], cb.labels(item), show_missing=show_missing))

    return build


def _compact(names: tuple[str, ...], total: str = "count", total_percent: bool = False) -> Builder:
    def build(data: pd.DataFrame, cb: Codebook) -> pd.DataFrame:
        out = compact({k: data[k] for k in names}, cb.labels(names[0]), total=total)
        if total_percent:  # 6.3 prints «Total» as 100 % beside the count
            last = out["col_order"].max()
            out = pd.concat([out, out[out["col_order"] == last].assign(statistic="percent", value=100.0)])
        return out.reset_index(drop=True)[CELL]

    return build


def _table_6_1(data: pd.DataFrame, cb: Codebook) -> pd.DataFrame:
    c = counts(data["q16_vold_sted_sist"], list(cb.labels("q16_vold_sted_sist")))
    rows = []
    for i, code in enumerate(lmv.Q16_ORDER_6_1, start=1):
        rows.append({"row_order": i, "col_order": 1, "statistic": "percent", "value": pct(c[code], c.sum())})
        rows.append({"row_order": i, "col_order": 1, "statistic": "count", "value": int(c[code])})
    return pd.DataFrame(rows)


def _table_6_2(data: pd.DataFrame, cb: Codebook) -> pd.DataFrame:
    exposed = data["q12_vold_utsatt_noen_gang"] == 1
    opts = {k: data[k].where(exposed) for k in lmv.Q15_ORDER_6_2}
    return multiple_response(opts, data["q34_kjonn"], cb.labels("q34_kjonn"), decimals=0)[CELL]


def _group_table(item: str) -> Builder:
    def build(data: pd.DataFrame, cb: Codebook) -> pd.DataFrame:
        g = group_means(data[item], lmv.politikontroll(data), lmv.KONTROLL)
        long = g.melt(
            id_vars=["row_order", "row"], value_vars=["n", "mean", "sd", "std_error"], var_name="statistic"
        )
        return long.assign(col_order=long["statistic"].map({"n": 1, "mean": 2, "sd": 3, "std_error": 4}))[
            CELL
        ]

    return build


# Figur 5.2: street prices of the LAR medicines, an SPSS table in the layout of Tabell 5.3
PRICE_ITEMS_F5_2 = (
    "q29_pris_metadon",
    "q29_pris_subutex",
    "q29_pris_suboxone",
    "q29_pris_suboxone_film",
    "q29_pris_bup_santoz",
    "q29_pris_bup_orifarm",
)


def _price_table(items: tuple[str, ...]) -> Builder:
    def build(data: pd.DataFrame, cb: Codebook) -> pd.DataFrame:
        return _prices(data, items)

    return build


def _prices(data: pd.DataFrame, items: tuple[str, ...]) -> pd.DataFrame:
    rows = []
    for j, item in enumerate(items, start=1):
        v = data[item].dropna().astype(float)
        cells = [
            (1, "n", len(v)),
            (2, "count", int(data[item].isna().sum())),
            (3, "mean", v.mean()),
            (4, "other", v.median()),
            (5, "sd", v.std(ddof=1)),
            (6, "other", v.min()),
            (7, "other", v.max()),
        ]
        rows += [{"row_order": i, "col_order": j, "statistic": s, "value": float(x)} for i, s, x in cells]
    return pd.DataFrame(rows)


def _table_5_4(data: pd.DataFrame, cb: Codebook) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"row_order": 2, "col_order": j, "statistic": "other", "value": float(data[item].median())}
            for j, item in enumerate(lmv.PRICE_ITEMS_5_4, start=1)
        ]
    )


def _regression(y: str, xs: tuple[str, ...]) -> Builder:
    def build(data: pd.DataFrame, cb: Codebook) -> pd.DataFrame:
        d = pd.DataFrame(
            {"politikontaktny": lmv.politikontakt_sum(data), **{c: data[c] for c in (y, *xs[1:])}}
        )
        res = ols(d, y, list(xs))
        long = res.coefficients.melt(
            id_vars=["row_order"], value_vars=["B", "std_error", "beta", "t", "sig"], var_name="statistic"
        ).dropna(subset=["value"])
        long["col_order"] = long["statistic"].map({"B": 1, "std_error": 2, "beta": 3, "t": 4, "sig": 5})
        last = len(res.coefficients) + 1
        extra = pd.DataFrame(
            [
                {"row_order": last, "col_order": 6, "statistic": "r", "value": res.r},
                {"row_order": last, "col_order": 7, "statistic": "r2", "value": res.r2},
                {"row_order": last, "col_order": 8, "statistic": "n", "value": res.n},
            ]
        )
        return pd.concat([long, extra], ignore_index=True)[CELL]

    return build


_A5_X = ("politikontaktny", "q34_kjonn", "q33_alder")
TABLES: dict[str, LMTable] = {
    "4.8": LMTable(("q34_kjonn", "q42_bolig"), _crosstab(_sex_rows)),
    "4.9": LMTable(("q33_alder", "q42_bolig"), _crosstab(_age_rows)),
    "4.14": LMTable(("q09_hjelp_far",), _frequency("q09_hjelp_far")),
    "4.15": LMTable(("q11_lettere_behandling",), _frequency("q11_lettere_behandling")),
    "4.16": LMTable(("q11_livssituasjon_bedre",), _frequency("q11_livssituasjon_bedre")),
    "4.17": LMTable(("q11_bedre_helse",), _frequency("q11_bedre_helse")),
    "F5.2": LMTable(PRICE_ITEMS_F5_2, _price_table(PRICE_ITEMS_F5_2)),
    "5.3": LMTable(lmv.PRICE_ITEMS_5_3, _price_table(lmv.PRICE_ITEMS_5_3)),
    "5.4": LMTable(lmv.PRICE_ITEMS_5_4, _table_5_4),
    "5.5": LMTable(("q11_pris_opp",), _frequency("q11_pris_opp", show_missing=True)),
    "5.6": LMTable(("q31_tilgang_endring",), _frequency("q31_tilgang_endring", show_missing=True)),
    "5.7": LMTable(lmv.Q32_ITEMS_5_7, _compact(lmv.Q32_ITEMS_5_7)),
    "6.1": LMTable(("q16_vold_sted_sist",), _table_6_1),
    "6.2": LMTable(("q12_vold_utsatt_noen_gang", "q34_kjonn", *lmv.Q15_ORDER_6_2), _table_6_2),
    "6.3": LMTable(
        ("q11_mer_vold", "q11_tryggere"), _compact(("q11_mer_vold", "q11_tryggere"), total_percent=True)
    ),
    "6.4": LMTable(lmv.POLICE_ITEMS_6_4, _compact(lmv.POLICE_ITEMS_6_4, total="n")),
    "6.5": LMTable(("q24_respekt_politi", *lmv.POLICE_COUNTS), _group_table("q24_respekt_politi")),
    "6.6": LMTable(("q25_tillit_politi", *lmv.POLICE_COUNTS), _group_table("q25_tillit_politi")),
    "6.7": LMTable(("q11_mindre_tillit_politi",), _compact(("q11_mindre_tillit_politi",))),
    "A.4": LMTable(
        ("q25_tillit_politi", *lmv.POLICE_COUNTS), _regression("q25_tillit_politi", ("politikontaktny",))
    ),
    "A.5": LMTable(
        ("q11_mindre_tillit_politi", "q34_kjonn", "q33_alder", *lmv.POLICE_COUNTS),
        _regression("q11_mindre_tillit_politi", _A5_X),
    ),
}
LM_TABLES = tuple(TABLES)
TABLE_ITEMS = {t: spec.items for t, spec in TABLES.items()}


def available_tables(columns: Iterable[str]) -> list[str]:
    """The L&M tables a respondent file can fill: those whose items are all among ``columns``.

    Parameters
    ----------
    columns
        Column names of the respondent file.

    Returns
    -------
    list of str
        Table numbers in report order.
    """
    cols = set(columns)
    return [t for t in LM_TABLES if set(TABLE_ITEMS[t]) <= cols]


def reproduce(table: str, data: pd.DataFrame, cb: Codebook) -> pd.DataFrame:
    """Tabulate ``data`` (validated codes) in the layout of L&M's table ``table``.

    Parameters
    ----------
    table
        Table number, a key of :data:`TABLES`.
    data
        Respondent data.
    cb
        The codebook.

    Returns
    -------
    pandas.DataFrame
        ``row_order``, ``col_order``, ``statistic``, ``value``, matching the transcribed table.
    """
    if table not in TABLES:
        raise KeyError(f"no layout for table {table!r}")
    return TABLES[table].build(data, cb)


def chi_square_pairs(data: pd.DataFrame) -> dict[str, tuple[pd.Series, pd.Series]]:
    """The two crosstabs of L&M (4.8, 4.9) as (row variable, column variable) pairs.

    Parameters
    ----------
    data : pandas.DataFrame
        Validated respondents with sex, age and housing.

    Returns
    -------
    dict
        Table number -> (row codes, housing group codes).
    """
    b = lmv.bolig3(data["q42_bolig"])
    return {"4.8": (data["q34_kjonn"], b), "4.9": (lmv.alder3(data["q33_alder"]), b)}


# the group comparisons of Tabell 6.5/6.6: table -> item compared between the police-control groups
T_TESTS = {"6.5": "q24_respekt_politi", "6.6": "q25_tillit_politi"}
