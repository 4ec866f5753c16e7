"""Papers test helpers, built through the actions."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from saferhub.core.actors import SYSTEM
from saferhub.governance import actions as governance
from saferhub.governance.loader import read_data_file
from saferhub.papers import actions
from saferhub.papers.loader import DEFAULT_PATH


def norfolk_template(committee):
    data = read_data_file(DEFAULT_PATH)["report_template"]
    return actions.save_report_template(committee, name=data["name"], sections=data["sections"],
                                        implications=data["implications"], default_actions=data["default_actions"],
                                        acting_user=SYSTEM)


def pdf_bytes(pages: int = 2, title: str = "Annex") -> bytes:
    import weasyprint

    body = "".join(f'<section style="break-before: page"><h1>{title} page {n}</h1><p>Content {n}</p></section>'
                   for n in range(1, pages + 1))
    return weasyprint.HTML(string=f"<html lang='en'><body>{body}</body></html>").write_pdf()


def docx_bytes(text: str = "A Word annex paragraph.") -> bytes:
    import io

    import docx

    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def final_report(item, **extra):
    defaults = {"executive_summary": "This report introduces progress on the priority.",
                "actions_required": ["Consider the report.", "Agree any recommendations."], "status": "final",
                "responsible_director": "Director of Community Services", "officer_name": "Jo Example"}
    defaults.update(extra)
    return actions.save_cover_report(item, acting_user=SYSTEM, **defaults)


def future_meeting(panel, days: int = 14, items: int = 0):
    return governance.schedule_meeting(panel.committee, date=timezone.localdate() + dt.timedelta(days=days), acting_user=SYSTEM)
