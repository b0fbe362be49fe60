"""Notebook 03: survey tabulation in the style of Lundeberg & Mjåland (2017).

Modules by role: ``codebook`` (the questionnaire and validation), ``files`` and ``published``
(reading through the data catalogue), the engine (``frequencies``, ``crosstabs``,
``multiple_response``, ``likert``, ``statistics``, ``regression``, ``suppression``), the L&M tables
(``lm_variables``, ``lm_tables``, ``compare``, ``consistency``), the report (``report_text``,
``report_layout``, ``report_tables``; imported by the notebook only) and the demo respondents
(``demo``, ``demo_fit``, ``demo_resource``).
"""
