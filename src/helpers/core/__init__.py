"""Shared foundation below every analysis.

Paths, the data catalogue, validation, user-file readers, atomic writers, Norwegian formatting and
the figure style. Nothing here knows about a particular analysis.
"""
