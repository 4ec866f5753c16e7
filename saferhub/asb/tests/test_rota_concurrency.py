"""Two reviews completing at once never take the same rota slot (PostgreSQL row lock)."""

import threading
import time

import pytest
from django.db import connection, connections

from saferhub.asb import actions
from saferhub.asb.actions import peer_review as rota_module
from saferhub.asb.models import Case, PeerReview, PeerReviewRota
from saferhub.asb.tests import factories as f
from saferhub.core.actors import SYSTEM


@pytest.mark.django_db(transaction=True)
def test_parallel_assignments_take_different_slots(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("Row locks (SELECT ... FOR UPDATE) are tested on PostgreSQL; SQLite serialises all writers.")
    w = f.world()
    cases = []
    for _ in range(2):
        case = f.to_panel(w, f.application(w, area=w.norwich))
        actions.send_decision_letter(case, letter="D", signed_by=w.norwich_council, signatory_name="X",
                                     acting_user=SYSTEM)
        cases.append(Case.objects.get(pk=case.pk))

    # Nominated after the reviews closed, so nothing was assigned automatically.
    for council in (w.breckland_council, w.west_council, w.norwich_council):
        actions.nominate_peer_reviewer(council=council, person=f.person(f"Reviewer {council}", council),
                                       acting_user=SYSTEM)
    PeerReviewRota.objects.get_or_create(name="county")  # as load_asb_config leaves it
    original = rota_module.choose_reviewer

    def slow_choice(*args, **kwargs):
        chosen = original(*args, **kwargs)
        time.sleep(0.5)  # widen the race: without the lock both threads would read the same rota state
        return chosen

    monkeypatch.setattr(rota_module, "choose_reviewer", slow_choice)
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def assign(case):
        try:
            barrier.wait()
            actions.assign_peer_review(case, acting_user=SYSTEM)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=assign, args=(c,)) for c in cases]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert errors == []
    reviews = list(PeerReview.objects.order_by("slot"))
    assert [r.slot for r in reviews] == [1, 2]
    assert reviews[0].reviewer_id != reviews[1].reviewer_id  # the second took the next on the list
    assert {r.reviewer.council for r in reviews} == {w.breckland_council, w.west_council}
