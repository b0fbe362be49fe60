"""Report tables of the cost chapter: Norwegian labels and formatted cells, for notebook 04 only."""

from __future__ import annotations

import pandas as pd

from helpers.core import formatting as fmt
from helpers.costs.parameters import MILLION, MO_ALTERNATIVE, param_ranges

PARAM_SHORT_NB = {
    "mo_alt2_annual_cost": f"MO-budsjett (alt. {MO_ALTERNATIVE})",
    "mo_gyldenpris_annual_visits": "MO-besøk (Gyldenpris)",
    "huset_total_operating_costs_2025": "Husets driftskostnader 2025",
    "huset_rent_2025": "Husets husleie",
    "huset_annual_visits_2025": "Husets besøk 2025",
}
LEVEL_NB = {"low": "LAV", "mid": "MIDT", "high": "HØY"}
GROUP_NB = {"guests": "GJESTER", "employees": "ANSATTE", "sum": "SUM (MIDT)"}
DISTRIBUTION_NB = {"fixed": "fast", "triangular": "trekant", "uniform": "uniform"}
UNIT_NB = {
    "FTE": "årsverk",
    "NOK": "kr",
    "NOK million": "mill. kr",
    "NOK million per participant per year": "mill. kr per deltaker per år",
    "percent of Gatelagene's effect": "% av Gatelagenes effekt",
    "persons": "personer",
    "persons per day": "personer per dag",
    "unique users per month": "unike brukere per måned",
    "visits per month": "besøk per måned",
    "visits per year": "besøk per år",
}
STATUS_NB = {
    "actual": "regnskap/faktisk",
    "budget": "budsjett",
    "forecast": "prognose",
    "assumption": "antakelse",
}
SMAHUS_COMPONENT_NB = {
    "site_cost": "tomtekostnad",
    "build_cost": "byggekostnad",
    "project_management": "prosjektledelse mm.",
    "project_management_share_pct": "prosjektledelse, andel av byggekostnad",
    "total": "total kostnad",
    "total_net_low": "total netto, nedre",
    "total_net_high": "total netto, øvre",
    "total_estimate": "total, estimat",
}


def show_smahus(sm: pd.DataFrame) -> pd.DataFrame:
    """The seed 002 context table with Norwegian labels, cells as printed.

    Parameters
    ----------
    sm
        ``husbanken_smahus_costs``.

    Returns
    -------
    pandas.DataFrame
        Kommune, Bygg, Post, Trykt, Prisnivå (byggeperiode), Linje.
    """
    return pd.DataFrame(
        {
            "Kommune": sm["municipality"],
            "Bygg": sm["construction"],
            "Post": sm["cost_component"].map(SMAHUS_COMPONENT_NB),
            "Trykt": sm["value_as_printed"],
            "Prisnivå (byggeperiode)": sm["price_period"],
            "Linje": sm["source_line"].astype(str),
        }
    )


def show_parameters(params: pd.DataFrame) -> pd.DataFrame:
    """The parameter table as shown in the report, in the order of the source's lines.

    Parameters
    ----------
    params
        The checked parameter table.

    Returns
    -------
    pandas.DataFrame
        Parameter, Verdi, Enhet, Prisår, Status, Spenn, Fordeling, Kilde.
    """
    rng = param_ranges(params).set_index("param")
    first_line = params["source_line"].str.extract(r"(\d+)")[0].astype(int)
    params = params.assign(_l=first_line).sort_values(["_l", "param"])
    rows = []
    for r in params.itertuples(index=False):
        lo, hi = (rng.loc[r.param, "low"], rng.loc[r.param, "high"]) if r.param in rng.index else (None, None)
        dec = 0 if abs(r.value) >= 100 else None
        lo_hi = (
            f"{fmt.fmt_num(lo, dec) if dec == 0 else fmt.fmt_smart(lo)}–"
            f"{fmt.fmt_num(hi, dec) if dec == 0 else fmt.fmt_smart(hi)}"
            if lo is not None
            else fmt.MISSING
        )
        rows.append(
            {
                "Parameter": r.label_nb,
                "Verdi": fmt.fmt_smart(r.value),
                "Enhet": UNIT_NB.get(r.unit_of_measure, r.unit_of_measure),
                "Prisår": str(int(r.price_year)) + (" (antatt)" if "assumed" in r.price_basis else "")
                if pd.notna(r.price_year)
                else "ikke oppgitt"
                if "NOK" in r.unit_of_measure
                else fmt.MISSING,
                "Status": STATUS_NB[r.status],
                "Spenn": lo_hi,
                "Fordeling": DISTRIBUTION_NB[r.distribution],
                "Kilde": f"{r.table}, linje {r.source_line}",
            }
        )
    return pd.DataFrame(rows)


def show_reproduction(t: pd.DataFrame, label_cols: list[str]) -> pd.DataFrame:
    """A reproduced table: label columns, printed, recomputed (with the print's decimals), marker.

    Parameters
    ----------
    t
        A reproduced table (``printed_as``, ``recomputed``, ``match``, ``source_line``, and
        ``decimals`` where the print has decimals).
    label_cols
        The columns that name each row, shown first.

    Returns
    -------
    pandas.DataFrame
        The label columns, then Trykt, Beregnet, Samsvar, Linje.
    """
    dec = t["decimals"] if "decimals" in t else pd.Series(0, index=t.index)
    out = t[label_cols].copy()
    out["Trykt"] = t["printed_as"]
    out["Beregnet"] = [fmt.fmt_num(v, int(d)) for v, d in zip(t["recomputed"], dec, strict=True)]
    out["Samsvar"] = t["match"].map(fmt.match_marker)
    out["Linje"] = t["source_line"].astype(str)
    return out


def show_table6(t6: pd.DataFrame) -> pd.DataFrame:
    """Tabell 6 laid out as printed (rows = reduction levels), each cell 'recomputed marker'.

    Parameters
    ----------
    t6
        :func:`helpers.costs.reproduction.table6`.

    Returns
    -------
    pandas.DataFrame
        Reduksjon, then one column per group and level in the order of the print.
    """
    cell = [
        f"{fmt.fmt_num(r.recomputed, r.decimals)} {fmt.match_marker(r.match)}"
        for r in t6.itertuples(index=False)
    ]
    col = [
        f"{GROUP_NB[g]}: {LEVEL_NB[lv]}" if g != "sum" else GROUP_NB[g]
        for g, lv in zip(t6["group"], t6["level"], strict=True)
    ]
    wide = pd.DataFrame(
        {
            "Reduksjon": [fmt.fmt_pct(x, 0) for x in t6["reduction_pct"]],
            "col": col,
            "cell": cell,
            "order": t6["reduction_pct"],
        }
    )
    piv = wide.pivot_table(index=["order", "Reduksjon"], columns="col", values="cell", aggfunc="first")
    cols = list(dict.fromkeys(col))
    return piv[cols].reset_index().drop(columns="order")


_CHANGE_COLUMN_NB = {"value": "verdi", "low": "nedre", "high": "øvre"} | {
    "range_pct": "spenn (±%)",
    "distribution": "fordeling",
}


def show_changed_params(changed: pd.DataFrame) -> pd.DataFrame:
    """The cells of the parameter table in use that differ from the source's table.

    Parameters
    ----------
    changed
        :func:`helpers.costs.parameters.changed_parameters`.

    Returns
    -------
    pandas.DataFrame
        Parameter, Kolonne, Kilden, Egen tabell; numbers in Norwegian format.
    """

    def show(x: object) -> str:
        return fmt.MISSING if pd.isna(x) else x if isinstance(x, str) else fmt.fmt_smart(float(x))  # type: ignore[arg-type]

    return pd.DataFrame(
        {
            "Parameter": changed["label_nb"],
            "Kolonne": changed["column"].map(_CHANGE_COLUMN_NB),
            "Kilden": changed["source"].map(show),
            "Egen tabell": changed["own"].map(show),
        }
    )


def show_unit_costs(uc: pd.DataFrame) -> pd.DataFrame:
    """Unit costs with money in Norwegian format.

    Parameters
    ----------
    uc
        The unit costs, as :func:`helpers.costs.sensitivity.unit_costs` returns them.

    Returns
    -------
    pandas.DataFrame
        Enhet, Kostnadsgrunnlag, Årlig kostnad, Per besøk, Per unik bruker per måned, Per
        årsverk, Per åpningstime, Hva kostnaden dekker.
    """

    def rng(lo: float, hi: float) -> str:
        if pd.isna(lo):
            return fmt.MISSING
        return fmt.fmt_nok(lo) if round(lo) == round(hi) else f"{fmt.fmt_int(lo)}–{fmt.fmt_nok(hi)}"

    return pd.DataFrame(
        {
            "Enhet": uc["unit"],
            "Kostnadsgrunnlag": uc["cost_basis"],
            "Årlig kostnad": uc["cost_nok"].map(fmt.fmt_nok),
            "Per besøk": uc["per_visit"].map(fmt.fmt_nok),
            "Per unik bruker per måned": [
                rng(a, b) for a, b in zip(uc["per_user_month_low"], uc["per_user_month_high"], strict=True)
            ],
            "Per årsverk": uc["per_fte"].map(fmt.fmt_nok),
            "Per åpningstime": uc["per_opening_hour"].map(fmt.fmt_nok),
            "Hva kostnaden dekker": uc["scope"],
        }
    )


def show_break_even(be: pd.DataFrame) -> pd.DataFrame:
    """Break-even values: the input value at which the ratio reaches 1 and 2.

    Parameters
    ----------
    be
        Break-even values of each input and target ratio (from
        :func:`helpers.costs.sensitivity.break_even`).

    Returns
    -------
    pandas.DataFrame
        Inndata, Forhold, Kildens verdi, Verdi som gir forholdet, Endring.
    """

    def money(name: str, x: float) -> str:
        return (
            fmt.fmt_mill_nok(x)
            if name == "mo_alt2_annual_cost"
            else (fmt.fmt_mill_nok(x / MILLION) if name.endswith("costs_2025") else fmt.fmt_int(x))
        )

    return pd.DataFrame(
        {
            "Inndata": be["param"].map(PARAM_SHORT_NB),
            "Forhold": be["target"].map(fmt.fmt_int),
            "Kildens verdi": [money(n, v) for n, v in zip(be["param"], be["value"], strict=True)],
            "Verdi som gir forholdet": [
                money(n, v) for n, v in zip(be["param"], be["break_even"], strict=True)
            ],
            "Endring": be["change_pct"].map(lambda x: fmt.fmt_pct(x, 0, sign=True)),
        }
    )


def show_scenarios(sc: pd.DataFrame, levels: tuple[int, ...]) -> pd.DataFrame:
    """Tabell 6 scenarios at the given reduction levels, with the break-even level.

    Parameters
    ----------
    sc
        Every scenario at every level: :func:`helpers.costs.scenarios.table6_scenarios`.
    levels
        The reduction levels (percent) shown as columns.

    Returns
    -------
    pandas.DataFrame
        One row per scenario: sizes, gain, cost, net gain per level and the break-even level.
    """
    base = sc.drop_duplicates("scenario")[
        ["scenario", "guests", "employees", "gain_per_participant", "cost_mnok", "break_even_pct"]
    ]
    out = pd.DataFrame(
        {
            "Scenario": base["scenario"],
            "Gjester": base["guests"].map(fmt.fmt_int),
            "Ansatte": base["employees"].map(fmt.fmt_int),
            "Gevinst per deltaker": base["gain_per_participant"].map(lambda x: fmt.fmt_mill_nok(x, 3)),
            "Kostnad": base["cost_mnok"].map(fmt.fmt_mill_nok),
        }
    ).reset_index(drop=True)
    for lvl in levels:
        s = sc[sc["reduction_pct"] == lvl].reset_index(drop=True)
        out[f"Netto ved {lvl} %"] = s["net_mnok"].map(fmt.fmt_mill_nok)
    out["Nullpunkt (reduksjon)"] = base["break_even_pct"].map(lambda x: fmt.fmt_pct(x, 1)).to_numpy()
    return out


def _by_unit_and_year(t: pd.DataFrame) -> pd.DataFrame:
    return show_reproduction(
        t.assign(Post=t["label"], Enhet=t["unit_label"], År=t["year"]), ["Enhet", "År", "Post"]
    )


def show_table3(t3: pd.DataFrame) -> pd.DataFrame:
    """The derived cells of Tabell 3 (totals and results) as shown in the report.

    Parameters
    ----------
    t3
        The reproduced Tabell 3 (:func:`helpers.costs.reproduction.table3`); the input cells are
        the parameters themselves and are left out.

    Returns
    -------
    pandas.DataFrame
        Enhet, År, Post, Trykt, Beregnet, Samsvar, Linje; one row per derived cell.
    """
    return _by_unit_and_year(t3)[t3["derived"].to_numpy()]


def show_table4(t4: pd.DataFrame) -> pd.DataFrame:
    """Tabell 4 as shown in the report: revenue basis, the cost basis beside it, and which one fits.

    Parameters
    ----------
    t4
        The reproduced shares; see :func:`helpers.costs.reproduction.table4`.

    Returns
    -------
    pandas.DataFrame
        Enhet, År, Post, Trykt, Beregnet, Samsvar, Linje, Av kostnader, Grunnlag.
    """
    shown = _by_unit_and_year(t4)
    shown["Av kostnader"] = [
        fmt.fmt_num(v, int(d)) for v, d in zip(t4["recomputed_cost_basis"], t4["decimals"], strict=True)
    ]
    shown["Grunnlag"] = t4["basis"]
    return shown


def show_table5(t5: pd.DataFrame) -> pd.DataFrame:
    """Tabell 5 as shown in the report: printed, recomputed with the print's rounding, unrounded.

    Parameters
    ----------
    t5
        The reproduced Tabell 5 (:func:`helpers.costs.reproduction.table5`), one row per printed
        derived cell.

    Returns
    -------
    pandas.DataFrame
        Nøkkeltall, Enhet, Utregning, Publisert, Beregnet, Uavrundet, Samsvar.
    """
    shown = t5.assign(
        Publisert=t5["printed_as"],
        Beregnet=[fmt.fmt_num(v, d) for v, d in zip(t5["recomputed"], t5["decimals"], strict=True)],
        Uavrundet=t5["exact"].map(fmt.fmt_smart),
        Samsvar=t5["match"].map(fmt.match_marker),
    )[["label", "unit_label", "definition", "Publisert", "Beregnet", "Uavrundet", "Samsvar"]]
    return shown.rename(columns={"label": "Nøkkeltall", "unit_label": "Enhet", "definition": "Utregning"})
