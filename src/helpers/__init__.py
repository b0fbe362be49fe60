"""Analysis helpers for the Huset Bergen report.

One subpackage per analysis (``cleaning``, ``visits``, ``survey``, ``costs``) on top of the shared
``core``, and ``build`` for running and publishing. ``ARCHITECTURE.md`` at the repository root
describes the layers and where each kind of change goes.
"""

__all__ = ["__version__"]
__version__ = "0.1.0"
