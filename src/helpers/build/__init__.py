"""Running and publishing: the pipeline declaration, the papermill runner, the renderer, the colophon.

``python -m helpers.build <command>`` is the one command line (see :mod:`helpers.build.__main__`);
:mod:`helpers.build.pipeline` declares the notebooks and what each reads and writes.
"""

import sys

# The runner and the renderer read notebooks with nbformat, which imports jsonschema, whose format
# checkers import the optional ``rfc3987_syntax`` (the ``iri`` formats of JSON Schema draft 7 and
# later): it builds some thirty Lark grammars at import, 1-7 s per process on this machine
# (python-jsonschema/jsonschema#1428). nbformat validates with ``Draft4Validator``, which has no
# ``iri`` format, and nothing here checks IRIs. A ``None`` in ``sys.modules`` makes that import raise
# ImportError (the import system's documented way to block a module), which jsonschema catches:
# it then leaves ``iri`` unchecked in these processes. A module already imported is left alone.
# tests/build/test_lean_imports.py checks that the grammars are not built and notebooks still validate.
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
