"""The pipeline, declared once: the notebooks, what each reads and what each writes.

Everything that needs the notebook list reads it from :data:`NOTEBOOKS`: the Makefile (through
the fragment :func:`make_fragment` prints, which ``make`` regenerates when this file changes), the
papermill runner (``python -m helpers.build run-notebook <stem>``), the colophon and the tests,
which also check ``report/_quarto.yml`` and every notebook's reads against this table.

Inputs are named as in ``data/raw/datapackage.json`` (raw resources) and ``data/processed/``
(tables without the ``.csv``). A notebook depends on ``helpers.core``, its own analysis
subpackage, the papermill runner, its source notebook, its params file and its declared inputs;
notebooks 02-04 depend on the processed tables they read, never on notebook 01's executed file.

This module imports only the standard library: ``make`` runs it with the system Python before
``.venv`` exists.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

ALL_RAW = "*"  # stands for every raw resource of the data package

SRC_DIR = "notebooks"
PARAMS_DIR = "params"
EXECUTED_DIR = "report/notebooks"
RESULTS_DIR = "report/_results"
RAW_DIR = "data/raw"
PROCESSED_DIR = "data/processed"
DATAPACKAGE = f"{RAW_DIR}/datapackage.json"
PACKAGE_DIR = "src/helpers"
RUNNER = f"{PACKAGE_DIR}/build/nbexec.py"  # writes the executed notebooks, so they depend on it
# the pinned packages decide the numbers; .venv itself (remade when pyproject.toml changes) is
# only needed to run, so it is an order-only prerequisite
LOCK = "requirements-lock.txt"
# the stamp of `python -m helpers.build check-params`: an order-only prerequisite of every notebook,
# so make checks every params file before it runs any notebook
PARAMS_OK = ".make/params-ok"
OWN_INPUTS = ".make/own-inputs.mk"  # the files the params files name (`own-files` writes it)


@dataclass(frozen=True)
class Table:
    """A table a notebook writes to ``data/processed/``.

    Attributes
    ----------
    name : str
        File name in ``data/processed/`` without ``suffix``.
    sources : tuple of str
        Raw resources the table is made from (``("*",)``: all of them). Make reruns the notebooks
        that read the table when one of these changes, and no others.
    suffix : str
        File suffix.
    """

    name: str
    sources: tuple[str, ...]
    suffix: str = ".csv"

    @property
    def path(self) -> str:
        """Path of the table relative to the repository root."""
        return f"{PROCESSED_DIR}/{self.name}{self.suffix}"


class _StemPath:
    """A read-only attribute ``<folder>/<stem><suffix>`` of a :class:`Notebook`."""

    def __init__(self, folder: str, suffix: str, doc: str) -> None:
        self.folder, self.suffix, self.__doc__ = folder, suffix, doc

    def __get__(self, nb: Notebook | None, owner: type | None = None) -> str:
        if nb is None:
            return f"{self.folder}/<stem>{self.suffix}"
        return f"{self.folder}/{nb.stem}{self.suffix}"


@dataclass(frozen=True)
class Notebook:
    """One parameterised notebook of the pipeline.

    Attributes
    ----------
    stem : str
        File stem shared by the notebook, its params file, its executed copy and its results file.
    package : str
        The analysis subpackage of ``helpers`` it imports besides ``helpers.core``.
    reads_raw : tuple of str
        Raw resources it reads itself (``("*",)``: every resource).
    reads_processed : tuple of str
        Tables in ``data/processed/`` it reads (written by another notebook).
    writes : tuple of Table
        Tables it writes to ``data/processed/``.
    copies_raw : bool
        Whether it also writes a validated copy of every raw resource to ``data/processed/``.
    writes_on_request : tuple of str
        Files in ``data/processed/`` it writes only when a parameter asks for them (e.g. the
        labelled ``.sav`` export); no other notebook reads them, so they are not make targets.
    source, params, executed, results : str
        Its files, relative to the repository root (derived from the stem).
    """

    stem: str
    package: str
    reads_raw: tuple[str, ...]
    reads_processed: tuple[str, ...]
    writes: tuple[Table, ...] = ()
    copies_raw: bool = False
    writes_on_request: tuple[str, ...] = ()

    source = _StemPath(SRC_DIR, ".ipynb", "The stripped source notebook.")
    params = _StemPath(PARAMS_DIR, ".yml", "The papermill parameter file.")
    executed = _StemPath(EXECUTED_DIR, ".ipynb", "The executed notebook the report embeds.")
    results = _StemPath(RESULTS_DIR, ".yml", "The results file with the numbers the report text quotes.")


NOTEBOOKS: tuple[Notebook, ...] = (
    Notebook(
        "01_cleaning",
        "cleaning",
        reads_raw=(ALL_RAW,),
        reads_processed=(),
        writes=(
            Table("visits_annual", ("strax_annual_visits", "huset_key_figures")),
            Table("source_flags", (ALL_RAW,)),
            Table("cleaning_log", (ALL_RAW,)),
        ),
        copies_raw=True,
    ),
    Notebook(
        "02_visit_counts",
        "visits",
        reads_raw=(
            "huset_closures_demo",
            "huset_cost_text_figures",
            "huset_daily_register_demo",
            "huset_key_figures",
            "huset_opening_regimes_demo",
            "huset_text_figures",
        ),
        reads_processed=(
            "halvardsstuen_monthly_2015",
            "mo_centres_annual_activity",
            "oslo_summer_counts",
            "strax_monthly_2016",
            "visits_annual",
        ),
    ),
    Notebook(
        "03_survey_tabulation",
        "survey",
        reads_raw=(
            "lm2016_cell_reasons",
            "lm2016_codebook_items",
            "lm2016_codebook_values",
            "lm2016_published_tables",
            "lm2016_survey_text_fact_reasons",
            "lm2016_survey_text_facts",
            "lm2016_text_figure_reasons",
        ),
        reads_processed=(
            "lm2016_survey_demo",
            "lm2016_table_4_14",
            "lm2016_table_4_14_printed_totals",
            "lm2016_text_figures",
        ),
        writes=(),
        writes_on_request=("survey_tabulated.sav",),  # export_sav: true
    ),
    Notebook(
        "04_cost_comparison",
        "costs",
        reads_raw=("huset_audit_claims", "huset_cost_parameters"),
        reads_processed=(
            "husbanken_smahus_costs",
            "huset_cost_parameters",
            "huset_cost_tables",
            "huset_cost_text_figures",
            "huset_key_figures",
            "huset_mo_comparison_table1",
            "huset_table5_printed",
        ),
    ),
)


def notebook(stem: str) -> Notebook:
    """The declared notebook with this stem.

    Parameters
    ----------
    stem : str
        E.g. ``"02_visit_counts"``.

    Returns
    -------
    Notebook
        Its declaration; ``KeyError`` names the declared stems when there is none.
    """
    for nb in NOTEBOOKS:
        if nb.stem == stem:
            return nb
    raise KeyError(
        f"no notebook {stem!r} in helpers.build.pipeline (declared: {[n.stem for n in NOTEBOOKS]})"
    )


def raw_files(root: Path) -> dict[str, str]:
    """Resource name -> file path (relative to the root) of every raw resource.

    Parameters
    ----------
    root : Path
        Repository root.

    Returns
    -------
    dict of str to str
        Read from ``data/raw/datapackage.json`` (plain JSON, no validation).
    """
    pkg = json.loads((root / DATAPACKAGE).read_text(encoding="utf-8"))
    return {r["name"]: f"{RAW_DIR}/{r['path']}" for r in pkg["resources"]}


def processed_tables(
    raw: dict[str, str], notebooks: tuple[Notebook, ...] = NOTEBOOKS
) -> dict[str, tuple[Table, Notebook]]:
    """Every table written to ``data/processed/``, with the notebook that writes it.

    Parameters
    ----------
    raw : dict of str to str
        :func:`raw_files`.
    notebooks : tuple of Notebook
        The declaration (default: :data:`NOTEBOOKS`).

    Returns
    -------
    dict of str to (Table, Notebook)
        Keyed by table name; raises ``ValueError`` when two notebooks write the same table.
    """
    out: dict[str, tuple[Table, Notebook]] = {}
    for nb in notebooks:
        tables = list(nb.writes)
        if nb.copies_raw:
            tables += [Table(name, (name,)) for name in sorted(raw)]
        for t in tables:
            if t.name in out:
                raise ValueError(f"{t.path} is written by both {out[t.name][1].stem} and {nb.stem}")
            out[t.name] = (t, nb)
    return out


def check(raw: dict[str, str], notebooks: tuple[Notebook, ...] = NOTEBOOKS) -> None:
    """Raise ``ValueError`` unless every declared name exists and every read table is written.

    Parameters
    ----------
    raw, notebooks
        As for :func:`processed_tables`.

    Returns
    -------
    None
    """
    written = processed_tables(raw, notebooks)
    problems = []
    for nb in notebooks:
        sources = [s for t in nb.writes for s in t.sources]
        for name in [*nb.reads_raw, *sources]:
            if name != ALL_RAW and name not in raw:
                problems.append(f"{nb.stem}: raw resource {name!r} is not in {DATAPACKAGE}")
        for name in nb.reads_processed:
            if name not in written:
                problems.append(f"{nb.stem}: reads {PROCESSED_DIR}/{name}, which no notebook writes")
            elif written[name][1] is nb:
                problems.append(f"{nb.stem}: reads {PROCESSED_DIR}/{name}, which it writes itself")
    if problems:
        raise ValueError("helpers.build.pipeline:\n  " + "\n  ".join(problems))


def _raw_prereqs(names: tuple[str, ...], raw: dict[str, str]) -> list[str]:
    if ALL_RAW in names:
        return ["$(RAW_DATA)"]
    return [DATAPACKAGE, *sorted(raw[n] for n in names)] if names else []


def _code(nb: Notebook) -> str:
    return f"$(CODE_{nb.stem})"


def _read_tables() -> list[str]:
    return sorted({name for nb in NOTEBOOKS for name in nb.reads_processed})


def own_var(stem: str) -> str:
    """The make variable with the files ``params/<stem>.yml`` names (see :func:`own_inputs`).

    Parameters
    ----------
    stem : str
        A declared notebook's stem.

    Returns
    -------
    str
        The variable's name, ``OWN_<stem>``.
    """
    return f"OWN_{stem}"


def own_table_var(table: str) -> str:
    """The make variable with the own file that replaces the raw resource of a processed table.

    Parameters
    ----------
    table : str
        A processed table's name (without ``.csv``).

    Returns
    -------
    str
        The variable's name, ``OWN_TABLE_<table>``.
    """
    return f"OWN_TABLE_{table}"


def _fragment_header(written: dict[str, tuple[Table, Notebook]]) -> list[str]:
    """The fragment's variables and the params check rule."""
    return [
        "# GENERATED from src/helpers/build/pipeline.py by `python -m helpers.build make-fragment`;",
        "# make regenerates it when the declaration changes. Do not edit.",
        "",
        "PIPELINE_STEMS := " + " ".join(nb.stem for nb in NOTEBOOKS),
        "NB_OUT := " + " ".join(nb.executed for nb in NOTEBOOKS),
        "RESULTS := " + " ".join(nb.results for nb in NOTEBOOKS),
        "PROCESSED := " + " ".join(written[name][0].path for name in _read_tables()),
        "PARAMS_OK := " + PARAMS_OK,
        "# the own files the params files name (defined in " + OWN_INPUTS + " once .venv exists)",
        *[f"{own_var(nb.stem)} ?=" for nb in NOTEBOOKS],
        *[f"{own_table_var(name)} ?=" for name in _read_tables()],
        "",
        "# every params file is checked before any notebook runs",
        f"$(PARAMS_OK): {' '.join(nb.params for nb in NOTEBOOKS)} \\",
        f"    {' '.join(nb.source for nb in NOTEBOOKS)} \\",
        "    " + " ".join(f"$({own_var(nb.stem)})" for nb in NOTEBOOKS) + f" {DATAPACKAGE} \\",
        f"    {PACKAGE_DIR}/build/params.py | $(SETUP_STAMP)",
        "\t$(PY) -m helpers.build check-params",
        "\t@touch $@",
    ]


def _notebook_rules(
    nb: Notebook, raw: dict[str, str], written: dict[str, tuple[Table, Notebook]]
) -> list[str]:
    """The rules of one notebook: its executed copy and its results file."""
    inputs = _raw_prereqs(nb.reads_raw, raw) + [written[t][0].path for t in sorted(nb.reads_processed)]
    return [
        "",
        f"# ---- {nb.stem}: helpers.core + helpers.{nb.package}",
        f"CODE_{nb.stem} := $(call pkg_files,core) $(call pkg_files,{nb.package}) {RUNNER} \\",
        f"    {nb.source} {nb.params} {LOCK}",
        f"{nb.executed}: {_code(nb)} \\",
        "    " + " ".join([*inputs, f"$({own_var(nb.stem)})"]) + " | $(SETUP_STAMP) $(PARAMS_OK)",
        f"\t$(RUN_NOTEBOOK) {nb.stem}",
        "# the runner sets the results file's time after the executed notebook's; if missing: rerun",
        f"{nb.results}: {nb.executed}",
        f"\t@if [ -e $@ ] && ! [ $< -nt $@ ]; then :; else $(RUN_NOTEBOOK) {nb.stem}; fi",
    ]


def _table_rules(raw: dict[str, str], written: dict[str, tuple[Table, Notebook]]) -> list[str]:
    """The rules of the processed tables other notebooks read."""
    lines: list[str] = []
    read = _read_tables()
    if read:
        lines += [
            "",
            "# A processed table is out of date when a raw file it is made from (or its notebook's code)",
            "# changed. Its notebook, run first (order-only), rewrites it when its content changed; the",
            "# recipe then marks it current (touch: a table the run left unchanged still counts as",
            "# new, so its readers rerun), or runs the notebook when the table is missing.",
        ]
    for name in read:
        table, nb = written[name]
        prereqs = [*_raw_prereqs(table.sources, raw), f"$({own_table_var(name)})"]
        lines += [
            f"{table.path}: {_code(nb)} {' '.join(prereqs)} | {nb.executed} $(SETUP_STAMP)",
            f"\t@if [ -e $@ ]; then touch $@; else $(RUN_NOTEBOOK) {nb.stem}; fi",
        ]
    return lines


def make_fragment(root: Path) -> str:
    """The make rules of the pipeline, as the Makefile includes them.

    Parameters
    ----------
    root : Path
        Repository root (for ``data/raw/datapackage.json``).

    Returns
    -------
    str
        Make source: variables ``PIPELINE_STEMS``, ``NB_OUT``, ``RESULTS``, ``PROCESSED`` (the
        processed tables other notebooks read), one rule per notebook
        (its executed copy), one per results file and one per processed table that another
        notebook reads. (Not grouped targets ``&:``: GNU make 4.3 does not propagate them to
        their dependents under ``make -n``, which the DAG tests use.) It uses the Makefile's
        ``pkg_files``, ``RAW_DATA``, ``SETUP_STAMP`` and ``RUN_NOTEBOOK``.
    """
    raw = raw_files(root)
    check(raw)
    written = processed_tables(raw)
    lines = _fragment_header(written)
    for nb in NOTEBOOKS:
        lines += _notebook_rules(nb, raw, written)
    lines += _table_rules(raw, written)
    return "\n".join(lines) + "\n"
