"""Keep the results' running counts (``Tally``) in step with the answers. Called inside the actions that
write answers, in their transaction; never on its own from a view."""

from __future__ import annotations

from collections import Counter

from django.db.models import Count, Q

from saferhub.consultations.models import Answer, Survey, Tally

ANSWERED = Tally.ANSWERED


def add_answers(survey: Survey, rows: list[Answer]) -> None:
    """Count one response's answer rows (the caller holds the survey's row lock)."""
    counts: Counter = Counter()
    typed: Counter = Counter()
    for row in rows:
        key = (row.question_id, row.row_key, row.value)
        counts[key] += 1
        typed[key] += bool(row.text)
    for question_id in {row.question_id for row in rows if row.row_key != "comment"}:
        counts[(question_id, ANSWERED, "")] += 1
    existing = {(t.question_id, t.row_key, t.value): t for t in Tally.objects.filter(survey=survey)}
    changed, new = [], []
    for key, n in counts.items():
        tally = existing.get(key)
        if tally is None:
            new.append(Tally(survey=survey, question_id=key[0], row_key=key[1], value=key[2], count=n,
                             typed=typed[key]))
        else:
            tally.count += n
            tally.typed += typed[key]
            changed.append(tally)
    Tally.objects.bulk_update(changed, ["count", "typed"])
    Tally.objects.bulk_create(new)


def rebuild(survey: Survey) -> int:
    """Recount every tally of ``survey`` from its answers (after retention deletes some, or to repair)."""
    Tally.objects.filter(survey=survey).delete()
    answers = Answer.objects.filter(survey=survey).order_by()
    new = [Tally(survey=survey, question_id=q, row_key=r, value=v, count=n, typed=t)
           for q, r, v, n, t in answers.values_list("question_id", "row_key", "value")
           .annotate(n=Count("id"), t=Count("id", filter=~Q(text="")))]
    new += [Tally(survey=survey, question_id=q, row_key=ANSWERED, value="", count=n)
            for q, n in answers.exclude(row_key="comment").values_list("question_id")
            .annotate(n=Count("response_id", distinct=True))]
    Tally.objects.bulk_create(new, batch_size=1000)
    return len(new)
