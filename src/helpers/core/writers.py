"""Atomic writers: never a half-written file, and an unchanged file is left untouched.

Writers write to a temporary file in the target folder and move it into place, and they leave an
unchanged file untouched (so reruns do not disturb ``make``).

Results files (``report/_results/``) are written only by the papermill runner, which sets
:data:`RUNNER_ENV` for the kernel; a notebook run anywhere else (Jupyter, nbval) writes its
results to ``report/_scratch/`` instead, so it never changes a file ``make`` tracks.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from helpers.core import paths

if TYPE_CHECKING:  # pandas only for the annotation: the papermill runner imports this module
    import pandas as pd

RUNNER_ENV = "HUSET_PAPERMILL_RUN"  # set by helpers.build.nbexec for the kernel it starts
SCRATCH = paths.REPORT / "_scratch"  # where results of runs outside the runner go (git-ignored)


def write_text_atomic(path: Path, text: str, *, make_target: bool = False) -> bool:
    """Write ``text`` to ``path`` via a temporary file; skip if the content is unchanged.

    A ``make_target`` is always (re)written, even when unchanged, so that its modification time
    tells ``make`` it is newer than its prerequisites. Returns True when the file was written.
    """
    return write_bytes_atomic(path, text.encode("utf-8"), make_target=make_target)


def write_bytes_atomic(path: Path, data: bytes, *, make_target: bool = False) -> bool:
    """:func:`write_text_atomic` for bytes (e.g. a PDF)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not make_target and path.is_file() and path.read_bytes() == data:
        return False
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; outputs are for others to read and serve
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def write_csv(df: pd.DataFrame, path: Path) -> bool:
    """Write a frame as UTF-8 CSV (dot decimals, ``\\n`` line ends, no index), atomically."""
    return write_text_atomic(path, df.to_csv(index=False, lineterminator="\n"))


def write_results(key: str, values: Mapping[str, Any], path: Path) -> None:
    """Write numbers quoted by the report text as a Quarto metadata file ``{key: values}``.

    Values should already be formatted for the text (Norwegian number format, see
    :mod:`helpers.core.formatting`); the article pulls them with ``{{< meta key.name >}}``.
    Returns nothing, so a notebook cell ending with this call shows no output (whether the file
    changed must not change the notebook's outputs, which nbval compares). Outside the papermill
    runner (no :data:`RUNNER_ENV`), a path in ``report/_results/`` is replaced by the same name in
    ``report/_scratch/``.
    """
    path = _results_target(Path(path))
    clean = {k: _plain(v) for k, v in sorted(values.items())}
    text = yaml.safe_dump({key: clean}, allow_unicode=True, sort_keys=True, width=1000)
    write_text_atomic(path, text)


def _results_target(path: Path) -> Path:
    if os.environ.get(RUNNER_ENV) or path.resolve().parent != paths.RESULTS.resolve():
        return path
    return SCRATCH / path.name


def _plain(v: Any) -> Any:
    if isinstance(v, Mapping):
        return {k: _plain(x) for k, x in sorted(v.items())}
    if hasattr(v, "item"):  # numpy scalar
        return v.item()
    return v
