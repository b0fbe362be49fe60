"""Notebook 02: the daily visit register and its seasonal analysis.

Opening calendar, register reading, count model, decomposition, and their figures and report text.
"""
