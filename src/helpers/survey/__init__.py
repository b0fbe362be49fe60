"""Notebook 03: survey tabulation in the style of Lundeberg & Mjåland (2017).

The codebook, survey files, the tabulation engine, the published-table registry, report text and the
demo respondents.
"""
