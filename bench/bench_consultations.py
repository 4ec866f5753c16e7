"""Benchmark the consultation results pages with a survey of 50,000 responses (issue 14 item 6).

Measures the staff results page (/surveys/<slug>/results/) and the public published results page
(/consultations/<slug>/results/): target <= 300 ms, with a query count that does not grow with responses.

Data: Norfolk's 2021 questionnaire (loaded through the actions from its data file, under the slug
``bench-snp-2021``) and 50,000 fictional responses (about 850,000 answer rows; typed answers start with
"[synthetic]"), bulk inserted once per database (the rules and actions are tested by the suite), about a
third of the typed answers coded to a theme, then the results' running counts (``Tally``) rebuilt.
Usage (SQLite by default; set DATABASE_URL for PostgreSQL):
    .venv/bin/python bench/bench_consultations.py [--responses 50000] [--samples 20]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import configure, generate_once, measure_urls, print_table, setup_database  # noqa: E402

SLUG = "bench-snp-2021"
MARK = "[synthetic]"


def generate(responses: int, seed: int = 14) -> None:
    from django.db import transaction
    from django.utils import timezone

    from saferhub.consultations.loader import load_baselines, load_survey
    from saferhub.consultations.models import Answer, Baseline, Coding, Response, Survey

    rng = random.Random(seed)  # noqa: S311 - benchmark data
    with transaction.atomic():
        if not Baseline.objects.filter(area="Norfolk").exists():
            load_baselines()
        survey = Survey.objects.filter(slug=SLUG).first() or load_survey(slug=SLUG).survey
        questions = list(survey.questions.prefetch_related("themes"))
        when = timezone.make_aware(dt.datetime(2021, 6, 1, 12))
        made = Response.objects.bulk_create(
            [Response(survey=survey, channel=rng.choice(["online"] * 9 + ["paper"]), submitted_at=when)
             for _ in range(responses)], batch_size=5000)
        rows, coded = [], []
        for response in made:
            for q in questions:
                if q.kind == "grid":
                    rows += [Answer(response=response, survey=survey, question=q, row_key=r,
                                    value=rng.choice(q.choices)) for r in q.rows]
                elif q.kind == "text":
                    if rng.random() < 0.5:
                        rows.append(Answer(response=response, survey=survey, question=q,
                                           text=f"{MARK} typed answer {rng.randint(1, 999)}"))
                else:
                    rows.append(Answer(response=response, survey=survey, question=q, value=rng.choice(q.choices)))
            if len(rows) > 50000:
                Answer.objects.bulk_create(rows, batch_size=10000)
                rows = []
        Answer.objects.bulk_create(rows, batch_size=10000)
        themes = {q.pk: list(q.themes.all()) for q in questions}
        for answer in Answer.objects.filter(survey=survey).exclude(text="").only("pk", "question_id").iterator():
            if themes.get(answer.question_id) and rng.random() < 0.35:
                coded.append(Coding(answer_id=answer.pk, theme=rng.choice(themes[answer.question_id])))
        Coding.objects.bulk_create(coded, batch_size=10000)
        survey.results_published_at = timezone.now()
        survey.save(update_fields=["results_published_at"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=50000)
    parser.add_argument("--samples", type=int, default=20)
    args = parser.parse_args()
    configure("consultations.sqlite3", public_page_cache=False)
    setup_database()

    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import transaction
    from django.test import Client

    from saferhub.consultations.actions import tallies
    from saferhub.consultations.models import Answer, Response, Survey, Tally
    from saferhub.core.permissions import Role, ensure_role_groups

    generate_once(lambda: Response.objects.filter(survey__slug=SLUG).exists(), lambda: generate(args.responses),
                  f"{args.responses} responses")
    survey = Survey.objects.get(slug=SLUG)
    if not Tally.objects.filter(survey=survey).exists():  # the running counts the actions keep
        with transaction.atomic():
            tallies.rebuild(survey)
    print(f"Responses: {Response.objects.filter(survey=survey).count()}, "
          f"answer rows: {Answer.objects.filter(survey=survey).count()}")
    ensure_role_groups()
    user, _ = get_user_model().objects.get_or_create(username="bench-consultations")
    user.groups.add(Group.objects.get(name=Role.PARTNERSHIP_OFFICER.label))
    staff = Client()
    staff.force_login(user)
    public = Client()
    staff.get(f"/surveys/{SLUG}/results/")  # warm up
    results = {
        "Staff results page (50,000 responses)": measure_urls(staff, [f"/surveys/{SLUG}/results/"] * args.samples),
        "Public results page (50,000 responses)": measure_urls(
            public, [f"/consultations/{SLUG}/results/"] * args.samples),
    }
    print_table(f"survey of {args.responses} responses", results)


if __name__ == "__main__":
    main()
