"""Analysis helpers for the Huset Bergen report.

One module per concern:

- :mod:`helpers.paths`      - every path the project uses (notebooks never build paths by hand)
- :mod:`helpers.io`         - raw data read against ``data/raw/datapackage.json``, validation, atomic writes
- :mod:`helpers.cleaning`   - cleaning steps, the cleaning log and source-consistency checks
- :mod:`helpers.survey`     - survey tabulation in the style of Lundeberg & Mjåland (2017)
- :mod:`helpers.costs`      - cost comparison (seed 000, Tabell 5)
- :mod:`helpers.formatting` - Norwegian (bokmål) number formatting and report tables
- :mod:`helpers.plotting`   - the one figure style
- :mod:`helpers.nbexec`     - papermill execution with volatile metadata stripped
- :mod:`helpers.render`     - the pandoc fallback renderer used when Quarto is not installed
- :mod:`helpers.envsync`    - keeps ``environment.yml`` in step with the pip lock
"""

__all__ = ["__version__"]
__version__ = "0.1.0"
