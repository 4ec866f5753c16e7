"""Delivery plans and their actions, through the delivery actions."""

from __future__ import annotations

from saferhub.delivery import actions as delivery_actions
from saferhub.delivery.models import DeliveryPlan
from saferhub.importer.models import Provenance


class DeliveryMixin:
    def delivery(self) -> None:
        for plan in self.x["delivery_plans"]:
            doc = self.doc_for(plan["source"]["path"], plan["source"]["lines"][0])
            version = None
            if doc is not None:
                version = doc.meeting_date or (doc.parent.meeting_date if doc.parent_id else None)
            title = plan["title"][:300]
            existing = DeliveryPlan.objects.filter(title=title, version_date=version).first()
            if existing:
                self.provenance(existing, plan["source"], Provenance.Role.CONFIRMED)
                continue
            obj = delivery_actions.create_plan(title=title, version_date=version, acting_user=self.actor)
            self.provenance(obj, plan["source"])
            rows = [dict(number=a["number"], action=a["action"] or "(blank)", theme=a["theme"][:200],
                         success_measure=a["success_measure"], owner=a["owner"][:300], due=a["date"][:100],
                         update=a["update"]) for a in plan["actions"]]
            labels = [(f"Delivery action {a['number']}", f"{a['source']['path']}:{a['source']['lines'][0]}")
                      for a in plan["actions"]]
            if not rows:
                continue
            for row, a in zip(self.bulk(delivery_actions.add_actions, obj, rows, labels), plan["actions"], strict=True):
                if row is not None:
                    self.summary["delivery_actions"] += 1
                    self.provenance(row, a["source"])
