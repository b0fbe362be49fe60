"""Running and publishing: the pipeline declaration, the papermill runner, the renderer, the colophon.

``python -m helpers.build <command>`` is the one command line (see :mod:`helpers.build.__main__`);
:mod:`helpers.build.pipeline` declares the notebooks and what each reads and writes.
"""
