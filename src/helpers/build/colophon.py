"""Report appendices generated at render time: the data sources and the colophon.

Both are written as Quarto markdown into ``report/_generated/`` just before rendering (by
:mod:`helpers.build.render`, whichever renderer runs) and included by ``report/index.qmd``:

- ``_datakilder.qmd``: one row per file in ``data/raw/datapackage.json`` (source document, table,
  lines, synthetic or transcribed, sha256 prefix);
- ``_kolofon.qmd``: git commit and dirty flag, Python and package versions, the effective papermill
  parameters of each executed notebook (the notebook's defaults overridden by its params file), the
  sha256 of every raw file as found on disk, and the renderer.

Nothing here is typed by hand, so the colophon cannot drift from what was actually run.
"""

from __future__ import annotations

import ast
import importlib.metadata
import platform
import subprocess
from pathlib import Path
from typing import Any

import nbformat
import pandas as pd

from helpers.build import pipeline
from helpers.core import paths
from helpers.core.catalogue import load_datapackage, sha256_file, shown_provenance
from helpers.core.markdown import md_table
from helpers.core.writers import write_text_atomic

# the packages whose versions decide the numbers and the rendering
KEY_PACKAGES = (
    "numpy",
    "pandas",
    "scipy",
    "statsmodels",
    "matplotlib",
    "seaborn",
    "pandera",
    "holidays",
    "pyreadstat",
    "Babel",
    "papermill",
    "nbformat",
    "nbconvert",
    "pypandoc-binary",
    "typst",
)
HASH_PREFIX = 12


def git_state(root: Path | None = None) -> dict[str, Any]:
    """Commit, short commit and dirty flag of the repository.

    Parameters
    ----------
    root : Path, optional
        The repository (default: the project root).

    Returns
    -------
    dict of str to Any
        ``commit``, ``short``, ``dirty`` (``None`` when unknown) and ``changed`` (the paths
        ``git status`` lists); ``unknown`` outside git.
    """
    root = root or paths.ROOT

    def git(*args: str) -> str:
        res = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=False)
        if res.returncode != 0:
            raise RuntimeError(res.stderr.strip())
        return res.stdout.strip()

    try:
        commit = git("rev-parse", "HEAD")
        status = git("status", "--porcelain", "--untracked-files=normal")
    except (RuntimeError, FileNotFoundError):
        return {"commit": "unknown", "short": "unknown", "dirty": None, "changed": []}
    changed = sorted(line[3:] for line in status.splitlines())
    return {"commit": commit, "short": commit[:10], "dirty": bool(changed), "changed": changed}


def package_versions(names: tuple[str, ...] = KEY_PACKAGES) -> dict[str, str]:
    """Installed version of each package.

    Parameters
    ----------
    names : tuple of str
        Distribution names (default: the packages that decide the numbers and the rendering).

    Returns
    -------
    dict of str to str
        Name -> version, ``ikke installert`` for a package that is not installed.
    """
    out = {}
    for name in names:
        try:
            out[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            out[name] = "ikke installert"
    return out


def notebook_parameters(nb_path: Path) -> dict[str, object]:
    """Effective parameters of an executed notebook.

    Parameters
    ----------
    nb_path : Path
        An executed notebook.

    Returns
    -------
    dict of str to object
        The literals of its ``parameters`` cell, overridden by the parameters papermill injected.
    """
    nb = nbformat.read(nb_path, as_version=4)
    defaults: dict[str, object] = {}
    for cell in nb.cells:
        if cell.cell_type == "code" and "parameters" in cell.metadata.get("tags", []):
            for node in ast.parse(cell.source).body:
                if (
                    isinstance(node, ast.Assign)
                    and len(node.targets) == 1
                    and isinstance(node.targets[0], ast.Name)
                ):
                    defaults[node.targets[0].id] = ast.literal_eval(node.value)
            break
    injected = nb.metadata.get("papermill", {}).get("parameters", {}) or {}
    return {**defaults, **injected}


def data_sources_table(datapackage: Path | None = None) -> pd.DataFrame:
    """One row per raw file: what it is, where it comes from, and its recorded sha256 prefix.

    Parameters
    ----------
    datapackage : Path, optional
        The data package (default: ``data/raw/datapackage.json``).

    Returns
    -------
    pandas.DataFrame
        Columns ``Fil``, ``Kilde``, ``Tabell/figur``, ``Linjer``, ``Type``, ``sha256``, sorted by file;
        the provenance in Norwegian (:func:`helpers.core.catalogue.shown_provenance`).
    """
    pkg = load_datapackage(datapackage)
    rows = []
    for r in sorted(pkg["resources"], key=lambda r: r["path"]):
        prov = r.get("provenance", {})
        shown = shown_provenance(r)  # the Norwegian fields (``table_nb``, ...)
        synthetic = bool(r.get("synthetic", False))
        if synthetic:
            source = "Syntetiske demodata (" + (shown.generator or "generator i src/helpers") + ")"
        else:
            key = prov.get("citation_key")
            source = f"[@{key}]" if key else str(prov.get("document", ""))
        rows.append(
            {
                "Fil": f"`{r['path']}`",
                "Kilde": source,
                "Tabell/figur": shown.table,
                "Linjer": shown.lines,
                "Type": "syntetisk (demo)" if synthetic else "transkribert",
                "sha256": f"`{str(r.get('hash', '')).removeprefix('sha256:')[:HASH_PREFIX]}…`",
            }
        )
    return pd.DataFrame(rows)


def data_sources_markdown(datapackage: Path | None = None) -> str:
    """The data-source appendix (``_datakilder.qmd``).

    Parameters
    ----------
    datapackage : Path, optional
        As for :func:`data_sources_table`.

    Returns
    -------
    str
        Quarto markdown: the appendix heading, one paragraph and :func:`data_sources_table`.
    """
    table = data_sources_table(datapackage)
    return (
        "# Datakilder {#sec-vedlegg-datakilder .appendix}\n\n"
        "Tabellen er laget fra `data/raw/datapackage.json`. Linjene viser til tekstutdragene av "
        "kildedokumentene som prosjektet bygger på; hver rad i en transkribert fil oppgir i tillegg "
        "linjen der tallene står. Fullstendige sha256-summer står i kolofonen "
        "(@sec-vedlegg-kolofon).\n\n" + md_table(table, align=["left"] * len(table.columns)) + "\n"
    )


def colophon_markdown(
    renderer: str,
    root: Path | None = None,
    notebooks: list[Path] | None = None,
    datapackage: Path | None = None,
) -> str:
    """The colophon appendix (``_kolofon.qmd``).

    Parameters
    ----------
    renderer : str
        Which renderer runs (named in the colophon).
    root : Path, optional
        The repository whose git state is shown (default: the project root).
    notebooks : list of Path, optional
        Executed notebooks whose parameters are listed (default: the declared pipeline's, in
        order, see :mod:`helpers.build.pipeline`).
    datapackage : Path, optional
        The data package whose files are hashed (default: ``data/raw/datapackage.json``).

    Returns
    -------
    str
        Quarto markdown.
    """
    root = root or paths.ROOT
    dp = datapackage or paths.DATAPACKAGE
    git = git_state(root)
    lines = [
        "# Kolofon {#sec-vedlegg-kolofon .appendix}",
        "",
        "Denne siden er skrevet av `helpers.build.colophon` i samme kjøring som rapporten ble laget.",
        "",
        f"- Git-commit: `{git['commit']}`",
        f"- Uncommittede endringer: {_dirty_words(git['dirty'])}",
        f"- Renderer: {renderer}",
        f"- Python: {platform.python_version()} ({platform.python_implementation()})",
        "",
        "Pakkeversjoner (alle låst i `requirements-lock.txt`):",
        "",
        _package_table(),
        "",
        "Parametere for hver notatbok, slik papermill kjørte den (standardverdier i notatbokens "
        "parametercelle, overstyrt av `params/`-filen):",
        "",
        *_parameter_lines(notebooks),
        "",
        "sha256 for hver råfil, lest fra disk ved rendering:",
        "",
        md_table(_hash_table(dp), align=["left", "left"]),
        "",
    ]
    return "\n".join(lines)


def _dirty_words(dirty: bool | None) -> str:
    """The colophon's words for the working copy's state (:func:`git_state`'s ``dirty``)."""
    return {True: "ja – arbeidskopien har endringer som ikke er committet", False: "nei", None: "ukjent"}[
        dirty
    ]


def _package_table() -> str:
    """The key packages and their installed versions, as a table sorted by name."""
    return md_table(
        pd.DataFrame(
            sorted(package_versions().items(), key=lambda kv: kv[0].lower()), columns=["Pakke", "Versjon"]
        ),
        align=["left", "left"],
    )


def _parameter_lines(notebooks: list[Path] | None) -> list[str]:
    if notebooks is None:
        notebooks = [paths.ROOT / nb.executed for nb in pipeline.NOTEBOOKS]
    lines = []
    for nb in notebooks:
        params = notebook_parameters(nb)
        shown = ", ".join(f"`{k}` = `{v!r}`" for k, v in sorted(params.items()))
        lines.append(f"- `{nb.name}`: " + (shown or "ingen"))
    return lines


def _hash_table(dp: Path) -> pd.DataFrame:
    pkg = load_datapackage(dp)
    return pd.DataFrame(
        [
            {"Fil": f"`{r['path']}`", "sha256": f"`{sha256_file(dp.parent / r['path'])}`"}
            for r in sorted(pkg["resources"], key=lambda r: r["path"])
        ]
    )


def write_generated(renderer: str, out_dir: Path | None = None) -> list[Path]:
    """Write both generated appendices.

    Parameters
    ----------
    renderer : str
        Which renderer runs (named in the colophon).
    out_dir : Path, optional
        Target folder (default: ``report/_generated``).

    Returns
    -------
    list of Path
        The two files (each left untouched when unchanged).
    """
    out_dir = out_dir or paths.GENERATED
    files = {
        out_dir / "_datakilder.qmd": data_sources_markdown(),
        out_dir / "_kolofon.qmd": colophon_markdown(renderer),
    }
    for path, text in files.items():
        write_text_atomic(path, text)
    return list(files)
