"""Notebook 01: cleaning steps, the cleaning log and source-consistency checks."""
