"""Build the two codebook CSVs of the L&M 2016 questionnaire from seed 003 (run from the repo root).

Reads only the seed text and the DRAFT codebook ../shared/reference/lm2016_codebook.yaml; every label
is searched for in the questionnaire (lines 10427-11056) after joining broken lines, and its line
number is taken from the seed, never from the draft. Labels that are not found stop the script.
Corrections to the draft are listed in CORRECTIONS and in seed003_lm2016_codebook.md.
"""

import csv
import re
import sys
from pathlib import Path

import yaml

SEED = Path("../shared/seeds/003_27a9ed8394f5b75e.txt")
DRAFT = Path("/work/shared/reference/lm2016_codebook.yaml")
FIRST, LAST = 10427, 11056
lines = SEED.read_text(encoding="utf-8").splitlines()


def norm(s):
    s = s.replace("\u00a0", " ").replace("‐", "-")
    return re.sub(r"\s+", " ", s).strip()


def _bare(s):
    return norm(re.sub(r"[❍q]\s", " ", " " + s)).rstrip(" :_")


def find(label, lo=FIRST, hi=LAST):
    """Line range (a, b) where ``label`` is printed, searching windows of up to 3 lines.

    A line that holds exactly the label (a grid row) wins over a longer line containing it.
    """
    target = norm(label).rstrip(" :_")
    for a in range(lo, hi + 1):
        if _bare(lines[a - 1]) == target:
            return (a, a)
    for a in range(lo, hi + 1):
        for span in (0, 1, 2, 3):
            b = a + span
            if b > hi:
                break
            joined = " ".join(norm(lines[n - 1]) for n in range(a, b + 1) if lines[n - 1].strip())
            variants = {joined, joined.replace("- ", "-"), joined.replace("- ", ""),
                        joined.replace("/ ", "/")}
            if any(target in v for v in variants):
                return _shrink(target, a, b)
    sys.exit(f"not found in the seed: {label!r} (lines {lo}-{hi})")


def _has(target, a, b):
    joined = " ".join(norm(lines[n - 1]) for n in range(a, b + 1) if lines[n - 1].strip())
    return any(target in v for v in (joined, joined.replace("- ", "-"), joined.replace("- ", ""),
                                      joined.replace("/ ", "/")))


def _shrink(target, a, b):
    """Narrow a matching window to the lines that actually carry the label."""
    while a < b and _has(target, a + 1, b):
        a += 1
    while b > a and _has(target, a, b - 1):
        b -= 1
    return (a, b)


def line_spec(rng):
    a, b = rng
    return str(a) if a == b else f"{a}-{b}"


draft = yaml.safe_load(DRAFT.read_text(encoding="utf-8"))

# How the draft is corrected (each checked against the seed; see the provenance note).
LABEL_FIX = {
    # draft label -> label as printed (hyphenation and spelling as in the seed)
    "Annet:____": "Annet",
    "Annet:_________________": "Annet (stoff)",
    "Annet:________________": "Annet",
}
TYPE_MAP = {
    "grid_frequency": "frequency", "grid_likert5": "likert5", "grid_single": "single_choice",
    "single_choice": "single_choice", "single_choice_ordinal": "single_choice",
    "multiple_choice": "multiple_response", "yes_no": "single_choice", "count_band": "count",
    "grad5": "single_choice", "numeric": "number", "free_text": "text",
}

items, values, seen_sets = [], [], {}


def add_values(set_id, options, lo, hi, note=""):
    if set_id in seen_sets:
        return
    seen_sets[set_id] = True
    for k, o in enumerate(options, start=1):
        label = LABEL_FIX.get(o["label_no"], o["label_no"])
        try:
            rng = find(label, lo, hi)
        except SystemExit:
            rng = find(label)  # scale header printed once for a grid
        values.append({"value_set": set_id, "category_order": k, "code": o["code"],
                       "label": norm(label),
                       "source_line": line_spec(rng), "note": note})


order = 0
for it in draft["items"]:
    lo, hi = it["source_lines"]
    lo = min(lo, hi) - 2
    hi = max(it["source_lines"]) + 2
    q = str(it["q"])
    qtext = norm(it.get("stem_no") or it.get("text_no") or "").rstrip(" :_")
    t = it["type"]
    if t == "multiple_choice":
        for o in it["options"]:
            order += 1
            label = o["label_no"]
            rng = find(label, lo, hi)
            items.append({"item_id": f"q{int(q):02d}_{o['code']}", "question": q, "row_order": order,
                          "item_type": "multiple_response", "value_set": "", "item_label": norm(label),
                          "question_text": qtext, "source_line": line_spec(rng), "note": ""})
        continue
    order += 1
    printed = it.get("row_no") or it.get("text_no")
    label = LABEL_FIX.get(printed, printed)
    rng = find(printed, lo, hi)
    if it.get("scale"):
        set_id = it["scale"]
        opts = draft["scales"][set_id]["options"]
    elif it.get("options"):
        set_id = it["id"].split("_", 1)[0]
        opts = it["options"]
    else:
        set_id = ""
        opts = []
    if opts:
        add_values(set_id, opts, lo, hi)
    items.append({"item_id": it["id"], "question": q, "row_order": order,
                  "item_type": TYPE_MAP[t], "value_set": set_id,
                  "item_label": norm(label).rstrip(" :_"),
                  "question_text": qtext, "source_line": line_spec(rng),
                  "note": it.get("notes", "")})

out = Path("data/raw")
for name, rows in (("lm2016_codebook_items.csv", items), ("lm2016_codebook_values.csv", values)):
    with open(out / name, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(name, len(rows))
