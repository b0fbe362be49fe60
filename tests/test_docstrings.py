"""Every public function of ``src/helpers`` documents its arguments and its result (numpydoc).

A public function is a module-level function, or a method of a public class, whose name does not
start with ``_``. It needs a ``Parameters`` section naming each of its arguments (``self``/``cls``
and ``_private`` arguments aside) when it takes any, and a ``Returns`` section when it returns a
value. Properties need only a docstring. Files that other work in progress still has to document
are listed in ``PENDING``; the list may only shrink (a listed file that passes fails the test).
"""

from __future__ import annotations

import ast
import inspect
import re

import pytest

from helpers.core import paths

SRC = paths.ROOT / "src" / "helpers"

# files (relative to src/helpers) whose public functions do not all have their sections yet: the
# ones another helper edits now. build/__main__.py, nbexec.py and pipeline.py (also edited elsewhere)
# and every file of cleaning/, visits/, survey/ and costs/ already pass, so they are not listed.
PENDING: frozenset[str] = frozenset(
    {
        "build/pandoc.py",
        "build/typst_pdf.py",
        "core/writers.py",
    }
)

_SECTION = r"^{name}\n-{{{length}}}\s*$"


def _section(doc: str, name: str) -> str | None:
    """The text of a numpydoc section up to the next section heading, or None when absent."""
    m = re.search(_SECTION.format(name=name, length=len(name)), doc, re.M)
    if not m:
        return None
    rest = doc[m.end() :]
    nxt = re.search(r"^\w[\w ]*\n-{3,}\s*$", rest, re.M)
    return rest[: nxt.start()] if nxt else rest


def _documented_names(section: str) -> set[str]:
    """Names of the entries of a Parameters section (``name : type`` or ``a, b : type`` lines)."""
    names: set[str] = set()
    for line in section.splitlines():
        if line and not line[0].isspace():
            head = line.split(" : ", 1)[0].rstrip(":").strip()
            names.update(n.strip().lstrip("*") for n in head.split(","))
    return names


def _arguments(fn: ast.FunctionDef | ast.AsyncFunctionDef, method: bool) -> list[str]:
    a = fn.args
    names = [x.arg for x in (*a.posonlyargs, *a.args, *a.kwonlyargs)]
    names += [x.arg for x in (a.vararg, a.kwarg) if x is not None]
    if method and names and names[0] in ("self", "cls") and not _is_static(fn):
        names = names[1:]
    return [n for n in names if not n.startswith("_")]


def _decorators(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    return {d.id if isinstance(d, ast.Name) else getattr(d, "attr", "") for d in fn.decorator_list}


def _is_static(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    return "staticmethod" in _decorators(fn)


def _returns_value(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """True when the annotation names a result, or (unannotated) a ``return`` gives a value."""
    if fn.returns is not None:
        return not (isinstance(fn.returns, ast.Constant) and fn.returns.value is None) and not (
            isinstance(fn.returns, ast.Name) and fn.returns.id in ("None", "NoReturn")
        )
    own = [n for n in ast.walk(fn) if isinstance(n, ast.Return) and n.value is not None]
    return bool(own)


def _public_functions(tree: ast.Module) -> list[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef, bool]]:
    found = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and not node.name.startswith("_"):
            found.append((node.name, node, False))
        elif isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
            methods = [m for m in node.body if isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef))]
            for item in methods:
                if not item.name.startswith("_"):
                    found.append((f"{node.name}.{item.name}", item, True))
    return found


def missing_sections(source: str) -> list[str]:
    """``name: what is missing`` for each public function of ``source`` that lacks a section."""
    problems = []
    for name, fn, method in _public_functions(ast.parse(source)):
        doc = ast.get_docstring(fn)
        if "property" in _decorators(fn) or "setter" in _decorators(fn):
            if not doc:
                problems.append(f"{name}: no docstring")
            continue
        doc = inspect.cleandoc(doc or "")
        args = _arguments(fn, method)
        if args:
            params = _section(doc, "Parameters")
            if params is None:
                problems.append(f"{name}: no Parameters section")
            else:
                undocumented = [a for a in args if a not in _documented_names(params)]
                if undocumented:
                    problems.append(f"{name}: Parameters does not name {undocumented}")
        if _returns_value(fn) and _section(doc, "Returns") is None and _section(doc, "Yields") is None:
            problems.append(f"{name}: no Returns section")
    return problems


GOOD = '''
def f(a, b=None, *, c):
    """First non-empty.

    Parameters
    ----------
    a, b : str
        Candidates.
    c : str
        The last candidate.

    Returns
    -------
    str
        The first candidate that is not empty.
    """
    return a or b or c


class K:
    label: str

    @property
    def p(self) -> str:
        """A property."""
        return "p"

    def m(self) -> None:
        """Nothing in, nothing out."""


def _private(x):
    return x
'''


@pytest.mark.parametrize(
    "source, expected",
    [
        (GOOD, []),
        (
            'def f(x):\n    """No sections."""\n    return x\n',
            ["f: no Parameters section", "f: no Returns section"],
        ),
        (
            'def f(x, y) -> None:\n    """Doc.\n\n    Parameters\n    ----------\n'
            '    x : int\n        X.\n    """\n',
            ["f: Parameters does not name ['y']"],
        ),
        ('def f() -> str:\n    """Doc."""\n    return "f"\n', ["f: no Returns section"]),
        ("class C:\n    def m(self, v):\n        pass\n", ["C.m: no Parameters section"]),
        ("class C:\n    @property\n    def p(self):\n        return self\n", ["C.p: no docstring"]),
        ("class _C:\n    def m(self, v):\n        return v\n", []),
    ],
)
def test_checker_finds_missing_sections(source: str, expected: list[str]) -> None:
    assert missing_sections(source) == expected


def _files() -> list[str]:
    return sorted(str(p.relative_to(SRC)) for p in SRC.rglob("*.py"))


@pytest.mark.parametrize("rel", [f for f in _files() if f not in PENDING])
def test_public_functions_have_parameters_and_returns(rel: str) -> None:
    problems = missing_sections((SRC / rel).read_text(encoding="utf-8"))
    assert not problems, f"src/helpers/{rel}:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("rel", sorted(PENDING))
def test_pending_files_still_pending(rel: str) -> None:
    """A file on the allow-list exists and still lacks a section; once it passes, drop it from PENDING."""
    path = SRC / rel
    assert path.is_file(), f"PENDING names {rel}, which does not exist"
    assert missing_sections(path.read_text(encoding="utf-8")), (
        f"src/helpers/{rel} now documents every public function: remove it from PENDING"
    )
