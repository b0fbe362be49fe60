"""Notebook 04: the cost comparison.

Cost parameters, the reproduction of Bulukin's Tabell 3-6, the audit, sensitivity analyses and the
report tables.
"""
