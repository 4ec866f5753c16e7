"""Precision and recall per field: the importer's reading of the five seeds (nothing known
beforehand) against values typed from the documents (saferhub/importer/tests/expected_seeds.py)."""

import os
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from saferhub.importer.parsing.extract import extract_batch  # noqa: E402
from saferhub.importer.tests import expected_seeds as E  # noqa: E402

seeds = Path(os.environ.get("SEEDS", "/work/shared/seeds"))
result = extract_batch([(p.name, p.read_bytes()) for p in sorted(seeds.glob("*.txt"))], {})
meetings = {m["date"]: m for m in result["meetings"]}
tally: dict[str, Counter] = {}


def score(field, got, want):
    got, want = Counter(got), Counter(want)
    c = tally.setdefault(field, Counter())
    c["tp"] += sum((got & want).values())
    c["fp"] += sum((got - want).values())
    c["fn"] += sum((want - got).values())


def norm(text):
    return "".join(ch for ch in text.lower() if ch.isalnum())


for day, want in E.MEETINGS.items():
    m = meetings.get(day, {"present": [], "substitutes": [], "apologies": [], "in_attendance": [],
                           "declarations": [], "decisions": [], "minutes_confirmed": []})
    score("status", [m.get("status")], [want["status"]])
    score("chair", [m.get("chair")], [want["chair"]])
    score("finished", [m.get("finished")], [want["finished"]])
    score("present (name, council)", [(p["name"], p["body"]) for p in m["present"]], want["present"])
    score("substitutes (name, for)", [(s["name"], s["for"]) for s in m["substitutes"]], want["substitutes"])
    score("apologies (name, kind)", [(a["name"], a["kind"]) for a in m["apologies"]], want["apologies"])
    score("in attendance (name)", [a["name"] for a in m["in_attendance"]], want["in_attendance"])
    titles = {a["name"]: norm(a["title"]) for a in m["in_attendance"]}
    score("officer titles (checked subset)", [(n, titles.get(n)) for n in want["titles"]],
          [(n, norm(t)) for n, t in want["titles"].items()])
    score("declarations (name, type)", [(d["name"], d["type"]) for d in m["declarations"]], want["declarations"])
    score("minutes confirmed", m["minutes_confirmed"], want["minutes_confirmed"])
    score("decisions (item, verb)", [(d["item"], d["verb"]) for d in m["decisions"]],
          list(want["decisions"]) + E.DECISION_REPEATS.get(day, []))
for day, status in E.OTHER_MEETINGS.items():
    score("status", [meetings.get(day, {}).get("status")], [status])
score("meetings found", [d for d in meetings], list(E.MEETINGS) + list(E.OTHER_MEETINGS))
score("work programme rows (version, date)", [(e["version"], e["meeting_date"]) for e in result["work_programme"]],
      E.WORK_PROGRAMME)
plan = next(p for p in result["delivery_plans"] if p["source"]["path"].startswith("003"))
score("delivery actions (number)", [a["number"] for a in plan["actions"]], E.DELIVERY_ACTIONS_2021)
score("defect flags (kind, source)", {(f["kind"], f["source"].split("-")[0]) for f in result["flags"]
                                      if f["kind"] in {k for k, _ in E.FLAGS}}, E.FLAGS)
questions = {(q["source"]["path"][:3], q["number"]) for q in result["written_questions"]}
score("written questions (file, number)", questions, {(f, n) for f in ("002", "004") for n in range(1, 7)})

print("| Field | TP | FP | FN | Precision | Recall |")
print("|---|---:|---:|---:|---:|---:|")
for field, c in tally.items():
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
    print(f"| {field} | {c['tp']} | {c['fp']} | {c['fn']} | {p:.3f} | {r:.3f} |")

# -- other councils' minutes (saferhub/importer/tests/corpus, general reader) -------------------------
from saferhub.importer.tests.corpus.score import score_corpus, table  # noqa: E402

print()
print("Other councils' minutes (general reader):")
print(table(*score_corpus()))
