"""Score the general minutes reader against the hand-read facts of the corpus (expected.py).

Used by bench/importer_accuracy.py (the table in bench/RESULTS.md) and by test_corpus.py (the targets)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from saferhub.importer.parsing.minutes.general import read_general_minutes
from saferhub.importer.parsing.reader import read_lines
from saferhub.importer.tests.corpus.expected import DOCUMENTS

HERE = Path(__file__).parent


def _key(name: str) -> str:
    return " ".join(name.replace(".", " ").split()).casefold()


def _pr(got: list, want: list) -> tuple[int, int, int]:
    g, w = Counter(got), Counter(want)
    return sum((g & w).values()), sum((g - w).values()), sum((w - g).values())


def score_corpus() -> tuple[list[dict], dict]:
    rows, totals = [], Counter()
    for stem, want in DOCUMENTS.items():
        path = HERE / f"{stem}.txt"
        lines, _, _ = read_lines(path.name, path.read_bytes())
        got = read_general_minutes(lines, path.name)
        row = {"doc": stem}
        day = got["date"].isoformat() if got["date"] else None
        row["date"] = day == want["date"]
        totals["date_ok"] += row["date"]
        totals["docs"] += 1
        present_got = [_key(n) for n in got["present"]]
        present_want = [_key(n) for n in want["present"] or []]
        tp, fp, fn = _pr(present_got, present_want)
        totals["present_tp"] += tp
        totals["present_fp"] += fp
        totals["present_fn"] += fn
        row["present"] = f"{tp}/{len(present_want)} (+{fp})" if want["present"] is not None or present_got else "–"
        # Invented members: a name in the present or apologies lists that the document does not print.
        known = {_key(n) for n in (want["present"] or []) + (want["apologies"] or [])}
        invented = [n for n in present_got + [_key(a) for a in got["apologies"]] if n not in known]
        row["invented"] = len(invented)
        row["invented_names"] = invented
        totals["invented"] += len(invented)
        row["chair"] = (_key(got["chair"]) if got["chair"] else None) == (_key(want["chair"]) if want["chair"] else None)
        totals["chair_ok"] += row["chair"]
        tp, fp, fn = _pr([_key(a) for a in got["apologies"]], [_key(a) for a in want["apologies"] or []])
        totals["apologies_tp"] += tp
        totals["apologies_fp"] += fp
        totals["apologies_fn"] += fn
        row["apologies"] = f"{tp}/{len(want['apologies'] or [])} (+{fp})"
        row["decisions"] = f"{len(got['decisions'])}/{want['decisions']}"
        row["decisions_ok"] = len(got["decisions"]) == want["decisions"]
        totals["decisions_ok"] += row["decisions_ok"]
        totals["decisions_got"] += min(len(got["decisions"]), want["decisions"])
        totals["decisions_want"] += want["decisions"]
        totals["decisions_extra"] += max(0, len(got["decisions"]) - want["decisions"])
        decl_got = [(_key(d["name"]), d["kind"]) for d in got["declarations"]]
        decl_want = [(_key(n), k) for n, k in want["declarations"] or []]
        tp, fp, fn = _pr(decl_got, decl_want)
        ok = not fp and not fn and (want["declarations"] != [] or got["declarations_stated_none"] or not decl_got)
        row["declarations"] = f"{tp}/{len(decl_want)} (+{fp})"
        row["declarations_ok"] = ok
        totals["declarations_ok"] += ok
        rows.append(row)
    n = totals["docs"]
    p_all = totals["present_tp"] + totals["present_fp"]
    r_all = totals["present_tp"] + totals["present_fn"]
    summary = {
        "documents": n, "councils": len({w["council"] for w in DOCUMENTS.values()}),
        "date": totals["date_ok"] / n,
        "present_precision": totals["present_tp"] / p_all if p_all else 1.0,
        "present_recall": totals["present_tp"] / r_all if r_all else 1.0,
        "chair": totals["chair_ok"] / n,
        "apologies_recall": totals["apologies_tp"] / ((totals["apologies_tp"] + totals["apologies_fn"]) or 1),
        "apologies_precision": totals["apologies_tp"] / ((totals["apologies_tp"] + totals["apologies_fp"]) or 1),
        "decisions_documents": totals["decisions_ok"] / n,
        "decisions_recall": totals["decisions_got"] / (totals["decisions_want"] or 1),
        "decisions_extra": totals["decisions_extra"],
        "declarations_documents": totals["declarations_ok"] / n,
        "invented_members": totals["invented"],
    }
    return rows, summary


def score_pipeline() -> dict:
    """Each corpus file imported alone through ``extract_batch`` (split, minutes parser, merge): the meeting
    found on its date (or kept pending when the excerpt prints no date), and the counts read."""
    from saferhub.importer.parsing.extract import extract_batch

    found = counts = invented = 0
    misses = []
    for stem, want in DOCUMENTS.items():
        path = HERE / f"{stem}.txt"
        result = extract_batch([(path.name, path.read_bytes())], {})
        if want["date"]:
            m = next((m for m in result["meetings"] if m["date"] == want["date"] and m.get("source")), None)
        else:
            m = result["pending_meetings"][0] if result["pending_meetings"] else None
        if m is None:
            misses.append(stem)
            continue
        found += 1
        got = ([p["name"] for p in m["present"]], [a["name"] for a in m["apologies"]], len(m["decisions"]),
               len(m["declarations"]))
        exp = (want["present"] or [], want["apologies"] or [], want["decisions"], len(want["declarations"] or []))
        same = (sorted(map(_key, got[0])) == sorted(map(_key, exp[0])) and
                sorted(map(_key, got[1])) == sorted(map(_key, exp[1])) and got[2:] == exp[2:])
        counts += same
        if not same:
            misses.append(f"{stem} (read {got}, expected {exp})")
        known = {_key(n) for n in exp[0] + exp[1]}
        invented += sum(1 for n in got[0] + got[1] if _key(n) not in known)
    n = len(DOCUMENTS)
    return {"documents": n, "meeting_found": found / n, "facts_match": counts / n, "invented_members": invented,
            "misses": misses}


def table(rows: list[dict], summary: dict) -> str:
    out = ["| Document | Date | Present (found/expected, +extra) | Chair | Apologies | Decisions | Declarations | Invented |",
           "|---|:-:|---:|:-:|---:|---:|---:|---:|"]
    for r in rows:
        out.append(f"| {r['doc']} | {'✓' if r['date'] else '✗'} | {r['present']} | {'✓' if r['chair'] else '✗'} | "
                   f"{r['apologies']} | {r['decisions']}{'' if r['decisions_ok'] else ' ✗'} | {r['declarations']}"
                   f"{'' if r['declarations_ok'] else ' ✗'} | {r['invented']} |")
    out.append("")
    out.append(", ".join(f"{k}: {v:.3f}" if isinstance(v, float) else f"{k}: {v}" for k, v in summary.items()))
    return "\n".join(out)


if __name__ == "__main__":
    print(table(*score_corpus()))
    print(score_pipeline())
