"""The one command-line entry of the build: ``python -m helpers.build <command>``.

Commands::

    run-notebook STEM     check params/STEM.yml, then execute notebooks/STEM.ipynb with it (papermill)
    check-params [STEM]   check every (or one) params file against its notebook's parameters cell
    render [PROJECT]      render the report (Quarto if installed, else pandoc + typst)
    generated [PROJECT]   write the data-source and colophon appendices into report/_generated/
    env-sync [--check]    rewrite (or check) environment.yml from requirements-lock.txt
    make-fragment         print the make rules of the pipeline declared in helpers.build.pipeline
    own-files [-o FILE]   print (or write) the own input files the params files name, as make variables

The Makefile calls these; each command imports its module only when it runs, so ``make-fragment``
needs nothing beyond the standard library (make runs it before ``.venv`` exists).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _run_notebook(args: argparse.Namespace) -> int:
    from helpers.build import nbexec, params, pipeline
    from helpers.core import paths

    try:
        nb = pipeline.notebook(args.stem)
    except KeyError as exc:
        print(f"error: {exc.args[0]}", file=sys.stderr)
        return 2
    if args.params is None:  # an explicit --params file is the caller's (tests, experiments)
        try:
            params.check([nb.stem], paths.ROOT)
        except params.ParamsError as exc:
            removed = nbexec.remove_outputs(paths.ROOT / nb.executed, paths.ROOT / nb.results)
            print(f"error: {exc}{removed}", file=sys.stderr)
            return 2
    return nbexec.run(
        paths.ROOT / nb.source,
        paths.ROOT / (args.params or nb.params),
        paths.ROOT / (args.target or nb.executed),
        args.kernel,
        results=paths.ROOT / nb.results,
    )


def _check_params(args: argparse.Namespace) -> int:
    from helpers.build import params, pipeline
    from helpers.core import paths

    stems = [args.stem] if args.stem else [nb.stem for nb in pipeline.NOTEBOOKS]
    try:
        params.check(stems, paths.ROOT)
    except (params.ParamsError, KeyError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"params ok: {', '.join(pipeline.notebook(s).params for s in stems)}")
    return 0


def _render(args: argparse.Namespace) -> int:
    from helpers.build import render

    return render.main(args.render_args)


def _generated(args: argparse.Namespace) -> int:
    from helpers.build import generated

    return generated.main(args.generated_args)


def _env_sync(args: argparse.Namespace) -> int:
    from helpers.build import envsync

    return envsync.main(check=args.check)


def _make_fragment(args: argparse.Namespace) -> int:
    from helpers.build import pipeline

    root = Path(args.root)
    try:
        text = pipeline.make_fragment(root)
    except (ValueError, KeyError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.output:
        _write(Path(args.output), text, always=True)  # a make target: always rewritten
    else:
        sys.stdout.write(text)
    return 0


def _write(out: Path, text: str, always: bool) -> None:
    """Write ``text`` to ``out`` atomically (unless unchanged and not ``always``); stdlib only."""
    if not always and out.is_file() and out.read_text(encoding="utf-8") == text:
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(out)


def _own_files(args: argparse.Namespace) -> int:
    from helpers.build import params

    text = params.own_inputs(Path(args.root))
    if args.output:
        _write(Path(args.output), text, always=False)  # read at every make run: touched only on change
    else:
        sys.stdout.write(text)
    return 0


def parser() -> argparse.ArgumentParser:
    """The argument parser of ``python -m helpers.build``.

    Returns
    -------
    argparse.ArgumentParser
        One subcommand per build step; each sets ``func`` to its handler.
    """
    ap = argparse.ArgumentParser(prog="python -m helpers.build", description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True, metavar="command")

    p = sub.add_parser("run-notebook", help="execute one declared notebook with papermill")
    p.add_argument("stem", help="notebook stem, e.g. 02_visit_counts")
    p.add_argument("--params", help="params file instead of params/STEM.yml")
    p.add_argument("--target", help="executed notebook instead of report/notebooks/STEM.ipynb")
    p.add_argument("--kernel", default="huset-bergen", help="Jupyter kernel (default %(default)s)")
    p.set_defaults(func=_run_notebook)

    p = sub.add_parser("check-params", help="check the params files against the parameters cells")
    p.add_argument("stem", nargs="?", help="one notebook stem (default: every declared notebook)")
    p.set_defaults(func=_check_params)

    p = sub.add_parser("render", help="render the report (arguments go to helpers.build.render)")
    p.add_argument("render_args", nargs=argparse.REMAINDER)
    p.set_defaults(func=_render)

    p = sub.add_parser("generated", help="write report/_generated (arguments go to helpers.build.generated)")
    p.add_argument("generated_args", nargs=argparse.REMAINDER)
    p.set_defaults(func=_generated)

    p = sub.add_parser("env-sync", help="rewrite environment.yml from requirements-lock.txt")
    p.add_argument("--check", action="store_true", help="only check that the two agree")
    p.set_defaults(func=_env_sync)

    p = sub.add_parser("make-fragment", help="print the make rules of the declared pipeline")
    p.add_argument("--root", default=".", help="repository root (default: the current directory)")
    p.add_argument("-o", "--output", help="write to this file (atomically) instead of stdout")
    p.set_defaults(func=_make_fragment)

    p = sub.add_parser("own-files", help="the own input files the params files name, as make variables")
    p.add_argument("--root", default=".", help="repository root (default: the current directory)")
    p.add_argument("-o", "--output", help="write to this file (only when it changes)")
    p.set_defaults(func=_own_files)
    return ap


def main(argv: list[str] | None = None) -> int:
    """Run one command.

    Parameters
    ----------
    argv : list of str, optional
        Arguments without the program name (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        The exit status.
    """
    args = parser().parse_args(argv)
    status: int = args.func(args)
    return status


if __name__ == "__main__":
    sys.exit(main())
