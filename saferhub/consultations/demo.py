"""Fictional responses to Norfolk's 2021 consultation, for demonstration (the seeds give only the total of
330 and a few percentages: these answers are generated, deterministically, to look roughly like them),
with their typed answers coded to the seeds' themes and the results published."""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from saferhub.consultations import actions
from saferhub.consultations.models import OTHER, Answer, Channel, Survey
from saferhub.core.actors import SYSTEM

#: A typed answer per theme, in SaferHub's words (fictional respondents).
PHRASES = {
    "feel-safer": {
        "More visible policing": "Seeing officers walking around the village now and then.",
        "Increase road safety and tackle speeding": "Cars race through our road; speed checks would help.",
        "Already feel safe": "Honestly I feel safe where I live already.",
        "Tackling drug use and dealing": "Dealing near the park needs sorting out.",
        "Respond to low-level offending and ASB": "Someone acting on the small stuff, like the vandalism.",
        "CCTV and street lighting": "Better lighting on the path to the station.",
        "More responsive policing and engagement": "Getting a reply when I report something.",
        "Bring back PCSOs": "Our PCSO knew everyone. Bring them back.",
        "More youth activities": "Somewhere for teenagers to go in the evenings.",
        "Better response to domestic abuse": "Quicker help for people living with abuse at home.",
    },
    "plan-comments": {
        "Focus on prevention": "Spend more on stopping problems before they start.",
        "Mental health": "Many incidents involve mental health; services should join up.",
        "Low-level offending": "Do not forget everyday offending that wears people down.",
        "Resources": "Is there the money and staff to do all this?",
        "Visible policing": "People want to see the police out and about.",
    },
}
WEIGHTS = {
    "district": [14, 11, 5, 18, 10, 12, 22, 4, 1],
    "gender": [33, 55, 1, 6],
    "age": [1, 4, 10, 18, 26, 19, 15, 5, 1, 1],
    "ethnicity": [90, 1.5, 0.3, 0.3, 0.6, 7.3],
    "sexuality": [85, 3, 2, 8, 2],
    "religion": [45, 38, 1, 0, 1, 0, 0, 10, 5],
    "disability": [13.6, 77.0, 9.4],
}
AGREEMENT = {"Preventing terrorism": 0.76, "Fraud": 0.81}


def _pick(rng: random.Random, choices: list[str], weights: list[float] | None = None) -> str:
    return rng.choices(choices, weights=weights[: len(choices)] if weights else None, k=1)[0]


def _answers(survey: Survey, rng: random.Random) -> tuple[dict[str, dict], dict[str, str]]:
    answers, themes = {}, {}
    for q in survey.questions.all():
        choices = q.choices
        if q.kind == "grid":
            grid = {}
            for row in q.rows:
                agree = AGREEMENT.get(row, 0.9)
                roll = rng.random()
                grid[row] = (choices[0] if roll < agree * 0.55 else choices[1] if roll < agree
                             else _pick(rng, choices[2:]))
            answers[q.key] = {"grid": grid, "comment": ""}
        elif q.kind == "text":
            if rng.random() < 0.6 and q.key in PHRASES:
                theme = _pick(rng, list(PHRASES[q.key]))
                answers[q.key], themes[q.key] = {"text": PHRASES[q.key][theme]}, theme
        elif q.key == "outcomes":
            answers[q.key] = {"values": [_pick(rng, choices, [40, 48.5, 7.6, 2.5, 1.4])]}
        else:
            value = _pick(rng, choices, WEIGHTS.get(q.key))
            answers[q.key] = {"values": [value], "other": "Another answer" if value == OTHER else ""}
    return answers, themes


@transaction.atomic
def load_demo_responses(survey: Survey, *, count: int = 330, seed: int = 2021) -> int:
    """``count`` fictional responses spread over the survey's weeks (mostly online, some paper and events)."""
    rng = random.Random(seed)  # noqa: S311 - demonstration data, not security
    days = (survey.closes_on - survey.opens_on).days
    theme_of = {(t.question.key, t.label): t for q in survey.questions.all() for t in q.themes.all()}
    for _ in range(count):
        answers, themes = _answers(survey, rng)
        day = survey.opens_on + dt.timedelta(days=rng.randint(0, days))
        when = timezone.make_aware(dt.datetime.combine(day, dt.time(12)))
        channel = _pick(rng, [Channel.ONLINE, Channel.PAPER, Channel.EVENT], [90, 7, 3])
        response = actions.submit_response(survey, acting_user=SYSTEM, answers=answers, channel=channel,
                                           submitted_at=when)
        for key, label in themes.items():
            answer = Answer.objects.get(response=response, question__key=key)
            actions.code_answer(answer, acting_user=SYSTEM, themes=[theme_of[(key, label)]])
    actions.publish_results(survey, acting_user=SYSTEM, summary=(
        "Fictional demonstration responses: the seeds give 330 responses and a few of their percentages, "
        "not the answers themselves."))
    return count
