"""The rule shared by the no-typed-numbers tests: which digits name things and which quote results.

Digits may stand in text only where they name something rather than quote a result: a calendar
year, a source's own table or figure number ("Tabell 4.14", "Figur 2", "Del 3.1"), a line of a seed
text, an ISO week, a date, a notebook number, or the conventional level of an interval.
"""

from __future__ import annotations

import re

NUMBER = re.compile(r"(?<![\w.,])\d+(?:[ \u00a0]\d{3})*(?:[.,]\d+)*(?![\w])")
# digits that name things (a source's table numbers, years, notebooks), not results
NAMING = re.compile(
    r"\b(?:[Tt]abell(?:ene)?|[Ff]igur(?:ene)?|[Dd]el|[Kk]apittel|[Vv]edlegg|[Ss]pørsmål)"
    r"\s+[A-Z]?\.?\d+(?:\.\d+)*(?:\s*(?:,|og|–|-)\s*[A-Z]?\.?\d+(?:\.\d+)*)*"
    r"|\bnotatbok(?:en)?\s+\d{2}\b|\b\d{2}_[a-z_]+\b"
    # a line of a seed text ("linje 1093", "linjene 1190–1192"): a reference, not a result
    r"|\blinje(?:ne|r)?\s+\d+(?:\s*[–-]\s*\d+)?(?:\s*(?:,|og)\s*\d+(?:\s*[–-]\s*\d+)?)*"
    # calendar names: ISO weeks, week counts of the calendar, dates
    r"|\buke(?:ne)?\s+\d{1,2}(?:\s*[–-]\s*\d{1,2})?\b|\b\d{1,2}\s+uker\b|\bde\s+\d{1,2}\s+ukene\b"
    r"|\b\d{1,2}\.\s+(?:januar|februar|mars|april|mai|juni|juli|august|september|oktober|november"
    r"|desember)\b"
    # the conventional level of an interval
    r"|\b95\s*%[\s-]*(?:KI|konfidensintervall|prediksjonsintervall|intervall|-intervall)"
)
YEAR = re.compile(r"^(?:19|20)\d{2}$")
STRIP = [
    re.compile(r"<!--.*?-->", re.S),  # comments
    re.compile(r"```.*?```", re.S),  # code blocks
    re.compile(r"`[^`]*`"),  # code spans
    re.compile(r"\{\{<.*?>\}\}"),  # shortcodes (meta, embed, include)
    re.compile(r"\{[#.][^}]*\}"),  # attributes {#sec-x .class}
    re.compile(r"\[-?@[^\]]*\]|@[\w:-]+"),  # citations and cross-references
    re.compile(r"https?://\S+"),  # URLs
    re.compile(r"^\s*\d+[.)]\s", re.M),  # numbered-list markers
]


def hand_typed_numbers(text: str) -> list[str]:
    """Numbers in prose that are neither years, names of source tables, nor shortcodes."""
    for pattern in STRIP:
        text = pattern.sub(" ", text)
    text = NAMING.sub(" ", text)
    return [m.group(0) for m in NUMBER.finditer(text) if not YEAR.match(m.group(0))]
