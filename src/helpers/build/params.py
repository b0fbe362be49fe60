"""Check every params file against its notebook's parameters cell before anything runs.

Papermill accepts any key (it only prints "Passed unknown parameter") and any value, so a typo such
as ``suppres_below: 5`` would run without suppression. :func:`check` refuses, naming the params
file and the key:

- an unknown key (with the closest known key as a suggestion);
- a value whose type differs from the default's in the parameters cell (an ``int`` default also
  takes no ``bool``; a ``float`` default takes an ``int``; :data:`EXTRA_TYPES` widens a key);
- a value outside its documented range (:data:`RANGES`, declared once here);
- a file that does not exist (keys ending in ``_file``, the paths of ``input_overrides``), an
  ``input_overrides`` CSV with a header and no rows, and an ``input_overrides`` key that is no raw
  resource of ``data/raw/datapackage.json``;
- a missing params file (``git checkout -- params/<stem>.yml`` brings the default back).

Run it as ``python -m helpers.build check-params`` (``make check-params``); ``run-notebook``
runs it for its notebook before papermill starts. :func:`own_files` lists the files outside the
repository's data that a params file names, for the make fragment.

Only the standard library is imported at module level (``make`` may import it before ``.venv``
exists); PyYAML is imported when a params file is read.
"""

from __future__ import annotations

import ast
import difflib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from helpers.build import pipeline

OVERRIDES_KEY = "input_overrides"
FILE_SUFFIX = "_file"


@dataclass(frozen=True)
class Range:
    """A documented range of a numeric parameter (bounds included unless ``open_``).

    Attributes
    ----------
    low, high : float or None
        Bounds; None: unbounded on that side.
    why : str
        Where the range comes from (printed with the error).
    open_ : bool
        Whether the bounds themselves are excluded.
    """

    low: float | None
    high: float | None
    why: str
    open_: bool = False

    def holds(self, value: float) -> bool:
        """Whether ``value`` lies in the range.

        Parameters
        ----------
        value : float
            The parameter's value from a params file.

        Returns
        -------
        bool
            True when it lies inside (strictly inside for an open range).
        """
        if self.open_:
            return (self.low is None or value > self.low) and (self.high is None or value < self.high)
        return (self.low is None or value >= self.low) and (self.high is None or value <= self.high)

    def text(self) -> str:
        """The range as the error message states it.

        Returns
        -------
        str
            ``≥ low``, ``≤ high`` or ``in [low, high]`` (round brackets for an open range).
        """
        if self.low is not None and self.high is not None:
            brackets = "()" if self.open_ else "[]"
            return f"in {brackets[0]}{self.low:g}, {self.high:g}{brackets[1]}"
        op = (">", "<") if self.open_ else ("≥", "≤")
        return f"{op[0]} {self.low:g}" if self.low is not None else f"{op[1]} {self.high:g}"


_SEED = "a seed of numpy's random generator is a non-negative integer"
_YEAR = "a calendar year the register and forecast can plausibly cover"
# The documented ranges, declared once (the parameters cells' comments name them).
RANGES: dict[str, dict[str, Range]] = {
    "02_visit_counts": {
        "season_period_weeks": Range(1, None, "a season has at least one week"),
        "fourier_order": Range(0, None, "a number of harmonics"),
        "trend_df": Range(1, None, "the trend has at least one degree of freedom"),
        "forecast_year": Range(1990, 2100, _YEAR),
        "forecast_simulations": Range(1, None, "the forecast interval needs at least one draw"),
        "forecast_seed": Range(0, None, _SEED),
        "forecast_level": Range(0, 1, "a coverage probability", open_=True),
    },
    "03_survey_tabulation": {
        "suppress_below": Range(0, None, "a count threshold; below two it turns suppression off"),
    },
    "04_cost_comparison": {
        "mc_draws": Range(10_000, None, "the documented minimum of Monte Carlo draws"),
        "mc_seed": Range(0, None, _SEED),
        "scenario_levels": Range(0, 100, "harm-reduction levels are percentages"),
    },
}
# keys that take more than the default's type
EXTRA_TYPES: dict[str, dict[str, tuple[type, ...]]] = {
    "02_visit_counts": {"register_sheet": (str,)},  # an Excel sheet by name or number
}


class ParamsError(ValueError):
    """Problems found in params files; the message lists each one."""


def parameters_cell(source: Path) -> dict[str, Any]:
    """The names and literal defaults of a notebook's cell tagged ``parameters``.

    Parameters
    ----------
    source : Path
        The source notebook (``.ipynb``).

    Returns
    -------
    dict of str to object
        Name to default value; ``ParamsError`` when there is no parameters cell or it holds
        something other than ``name = literal`` lines.
    """
    nb = json.loads(source.read_text(encoding="utf-8"))
    cells = [c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
    if len(cells) != 1:
        raise ParamsError(f"{source}: expected one cell tagged 'parameters', found {len(cells)}")
    src = cells[0]["source"]
    tree = ast.parse(src if isinstance(src, str) else "".join(src))
    out: dict[str, Any] = {}
    for node in tree.body:
        target = node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1 else None
        if not isinstance(node, ast.Assign) or not isinstance(target, ast.Name):
            raise ParamsError(f"{source}: the parameters cell holds something other than name = literal")
        try:
            out[target.id] = ast.literal_eval(node.value)
        except ValueError:
            raise ParamsError(f"{source}: parameters cell: {target.id} = ... is no literal") from None
    return out


def load(path: Path) -> dict[str, Any]:
    """A params file's mapping (an empty file: no keys).

    Parameters
    ----------
    path : Path
        The params file.

    Returns
    -------
    dict
        Its mapping; ``ParamsError`` when it is missing, is no valid YAML or no mapping.
    """
    import yaml

    from helpers.core import paths

    if not path.is_file():
        shown = paths.display(path)
        raise ParamsError(
            f"{shown} does not exist: every notebook needs its params file; restore the default "
            f"with `git checkout -- {shown}` (or create an empty file to run on all defaults)"
        )
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ParamsError(f"{paths.display(path)}: not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise ParamsError(f"{paths.display(path)}: a params file must be a mapping of name: value")
    return data


def _type_name(types: tuple[type, ...]) -> str:
    return " or ".join(t.__name__ for t in types)


def _allowed_types(default: Any, extra: tuple[type, ...]) -> tuple[type, ...]:
    base: tuple[type, ...] = (float, int) if isinstance(default, float) else (type(default),)
    return base + extra


def _type_ok(value: Any, types: tuple[type, ...]) -> bool:
    if isinstance(value, bool) and bool not in types:
        return False
    return isinstance(value, types)


def _numbers(value: Any) -> list[float]:
    items = value if isinstance(value, list) else [value]
    return [v for v in items if isinstance(v, int | float) and not isinstance(v, bool)]


def _check_value(stem: str, key: str, value: Any, default: Any) -> list[str]:
    types = _allowed_types(default, EXTRA_TYPES.get(stem, {}).get(key, ()))
    if not _type_ok(value, types):
        got = f"{value!r} is a {type(value).__name__}"
        return [f"{key}: {got}, expected a {_type_name(types)} (as the default {default!r})"]
    if isinstance(default, list) and default and isinstance(value, list):
        inner = _allowed_types(default[0], ())
        bad = [v for v in value if not _type_ok(v, inner)]
        if bad:
            got = f"{bad[0]!r} is a {type(bad[0]).__name__}"
            return [f"{key}: {got}, expected items of type {_type_name(inner)}"]
    rng = RANGES.get(stem, {}).get(key)
    if rng is not None:
        out = [v for v in _numbers(value) if not rng.holds(v)]
        if out:
            return [f"{key}: {out[0]!r} is out of range, must be {rng.text()} ({rng.why})"]
    return []


def _check_file(key: str, value: str) -> list[str]:
    from helpers.core import paths

    if value and not paths.resolve(value).is_file():
        return [f"{key}: file {value!r} does not exist (relative paths are taken from the repository root)"]
    return []


def _data_rows(path: Path) -> int:
    with open(path, encoding="utf-8-sig", errors="replace") as fh:
        return sum(1 for line in fh if line.strip()) - 1


def _check_overrides(value: dict[str, Any], resources: list[str]) -> list[str]:
    from helpers.core import paths

    out: list[str] = []
    for name, file in sorted(value.items(), key=lambda kv: str(kv[0])):
        key = f"{OVERRIDES_KEY}.{name}"
        if name not in resources:
            hint = _suggest(str(name), resources)
            out.append(f"{key}: {name!r} is no raw resource of {pipeline.DATAPACKAGE}{hint}")
        elif not isinstance(file, str) or not file:
            out.append(f"{key}: expected the path of your file, got {file!r}")
        elif problems := _check_file(key, file):
            out += problems
        elif paths.resolve(file).suffix.lower() == ".csv" and _data_rows(paths.resolve(file)) < 1:
            out.append(f"{key}: {file} has a header and no rows")
    return out


def _suggest(word: str, known: list[str]) -> str:
    close = difflib.get_close_matches(word, known, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def problems(stem: str, root: Path) -> list[str]:
    """Every problem of one notebook's params file, each prefixed with the file's path.

    Parameters
    ----------
    stem : str
        A declared notebook (:data:`helpers.build.pipeline.NOTEBOOKS`).
    root : Path
        Repository root.

    Returns
    -------
    list of str
        One line per problem; empty when the file is fine.
    """
    nb = pipeline.notebook(stem)
    where = nb.params
    try:
        given = load(root / nb.params)
    except ParamsError as exc:
        return [str(exc)]
    defaults = parameters_cell(root / nb.source)
    resources = sorted(pipeline.raw_files(root))
    out: list[str] = []
    for key, value in given.items():
        key = str(key)
        if key not in defaults:
            hint = _suggest(key, list(defaults))
            out.append(f"{key}: unknown key, not in the parameters cell of {nb.source}{hint}")
            continue
        found = _check_value(stem, key, value, defaults[key])
        if not found and key.endswith(FILE_SUFFIX):
            found = _check_file(key, value)
        if not found and key == OVERRIDES_KEY:
            found = _check_overrides(value, resources)
        out += found
    return [p if p.startswith(where) else f"{where}: {p}" for p in out]


def check(stems: list[str], root: Path) -> None:
    """Raise :class:`ParamsError` listing every problem of these notebooks' params files.

    Parameters
    ----------
    stems : list of str
        Declared notebook stems.
    root : Path
        Repository root.

    Returns
    -------
    None
    """
    found = [p for stem in stems for p in problems(stem, root)]
    if found:
        raise ParamsError("params check failed, nothing was run:\n  " + "\n  ".join(found))


def override_files(stem: str, root: Path) -> dict[str, str]:
    """Raw resource -> own file of the ``input_overrides`` of a params file (existing files only).

    Parameters
    ----------
    stem : str
        A declared notebook.
    root : Path
        Repository root.

    Returns
    -------
    dict of str to str
        Empty when the params file has no (readable) overrides.
    """
    try:
        given = load(root / pipeline.notebook(stem).params)
    except (ParamsError, ImportError):
        return {}
    overrides = given.get(OVERRIDES_KEY)
    if not isinstance(overrides, dict):
        return {}
    return {str(k): v for k, v in overrides.items() if isinstance(v, str) and _nameable(v, root)}


def _nameable(v: str, root: Path) -> bool:
    path = Path(v) if Path(v).is_absolute() else root / v
    return bool(v) and " " not in v and "$" not in v and path.is_file()


def own_files(stem: str, root: Path) -> list[str]:
    """The existing files a params file names (``*_file`` keys, ``input_overrides`` values).

    Parameters
    ----------
    stem, root
        As for :func:`override_files`.

    Returns
    -------
    list of str
        Paths as written in the params file, sorted; only files that exist (a missing one is the
        params check's error) and whose path make can name (no spaces).
    """
    try:
        given = load(root / pipeline.notebook(stem).params)
    except (ParamsError, ImportError):
        return []
    named = [v for k, v in given.items() if str(k).endswith(FILE_SUFFIX) and isinstance(v, str)]
    named += list(override_files(stem, root).values())
    return sorted({v for v in named if _nameable(v, root)})


def own_inputs(root: Path) -> str:
    """Make assignments of the own files the params files name (they become prerequisites).

    Parameters
    ----------
    root : Path
        The checkout whose ``params/`` files are read.

    Returns
    -------
    str
        ``OWN_<stem> := files`` for every notebook (``*_file`` keys and ``input_overrides`` paths
        of its params file, that exist) and ``OWN_TABLE_<table> := file`` for each processed table
        another notebook reads, with the ``input_overrides`` file of its raw resource. Needs PyYAML
        (``.venv``); the Makefile writes it to :data:`helpers.build.pipeline.OWN_INPUTS` on every run.
    """
    lines = ["# GENERATED by `python -m helpers.build own-files` from the params files. Do not edit."]
    for nb in pipeline.NOTEBOOKS:
        lines.append(f"{pipeline.own_var(nb.stem)} := $(wildcard {' '.join(own_files(nb.stem, root))})")
    overrides = {}
    for nb in pipeline.NOTEBOOKS:
        overrides.update(override_files(nb.stem, root))
    written = pipeline.processed_tables(pipeline.raw_files(root))
    for name in sorted({n for nb in pipeline.NOTEBOOKS for n in nb.reads_processed}):
        table = written[name][0]
        files = sorted({overrides[s] for s in table.sources if s in overrides})
        if pipeline.ALL_RAW in table.sources:
            files = sorted(set(overrides.values()))
        lines.append(f"{pipeline.own_table_var(name)} := $(wildcard {' '.join(files)})")
    return "\n".join(lines) + "\n"
