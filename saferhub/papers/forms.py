"""Forms for preparing papers. They collect input; the actions apply the rules."""

from __future__ import annotations

from django import forms

from saferhub.core.forms import GovukDateField, GovukForm, GovukTimeField
from saferhub.governance.models import RecommendationStatus
from saferhub.papers.models import CoverReport


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in (text or "").replace("\r\n", "\n").split("\n") if line.strip()]


class CoverReportForm(GovukForm):
    """The cover report; its sections and implications come from the committee's template."""

    title = forms.CharField(label="Report title", max_length=300)
    responsible_cabinet_member = forms.CharField(label="Responsible cabinet member", max_length=200, required=False,
                                                 help_text="Write N/A if there is none.")
    responsible_director = forms.CharField(label="Responsible director", max_length=250, required=False)
    executive_summary = forms.CharField(label="Executive summary", widget=forms.Textarea(attrs={"rows": 4}), required=False)
    actions_required = forms.CharField(
        label="Action required", widget=forms.Textarea(attrs={"rows": 3}), required=False,
        help_text="What the committee is asked to do, one action per line. They are lettered a), b), c) in the report.",
    )
    background_papers = forms.CharField(label="Background papers", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    officer_name = forms.CharField(label="Officer contact: name", max_length=150, required=False)
    officer_phone = forms.CharField(label="Officer contact: telephone", max_length=40, required=False)
    officer_email = forms.EmailField(label="Officer contact: email", required=False)
    status = forms.ChoiceField(
        label="Is the report ready?", choices=[("draft", "Draft – still being written"), ("final", "Final – ready to publish")],
        widget=forms.RadioSelect(attrs={"small": True}), initial="draft",
        help_text="A final report must have an executive summary, an action required and every implication addressed.",
    )
    widths = {"title": "govuk-!-width-full", "responsible_director": "govuk-!-width-full"}

    def __init__(self, *args, template=None, sections=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.section_keys = []
        self.implication_keys = []
        for section in sections or []:  # a report built by another app: its own sections, not the template's
            name = f"section_{section['key']}"
            self.fields[name] = forms.CharField(label=section["heading"], required=False,
                                                widget=forms.Textarea(attrs={"rows": 4, "class": "govuk-textarea"}))
            self.fields[name].template_name = self.field_template
            self.section_keys.append(section["key"])
        if template is not None:
            for section in [] if sections else template.sections:
                name = f"section_{section['key']}"
                self.fields[name] = forms.CharField(label=section["heading"], required=False,
                                                    widget=forms.Textarea(attrs={"rows": 4, "class": "govuk-textarea"}))
                self.fields[name].template_name = self.field_template
                self.section_keys.append(section["key"])
            for implication in template.implications:
                name = f"implication_{implication['key']}"
                self.fields[name] = forms.CharField(label=implication["heading"], required=False,
                                                    widget=forms.Textarea(attrs={"rows": 2, "class": "govuk-textarea"}))
                self.fields[name].template_name = self.field_template
                self.implication_keys.append(implication["key"])
        else:
            self.fields["implication_eqia"] = forms.CharField(label="Equality Impact Assessment (EqIA)", required=False,
                                                              widget=forms.Textarea(attrs={"rows": 2, "class": "govuk-textarea"}))
            self.fields["implication_eqia"].template_name = self.field_template
            self.implication_keys.append("eqia")

    @classmethod
    def initial_for(cls, report: CoverReport | None, item) -> dict:
        if report is None:
            return {"title": item.title}
        initial = {
            "title": report.title, "responsible_cabinet_member": report.responsible_cabinet_member,
            "responsible_director": report.responsible_director, "executive_summary": report.executive_summary,
            "actions_required": "\n".join(report.actions_required), "background_papers": report.background_papers,
            "officer_name": report.officer_name, "officer_phone": report.officer_phone,
            "officer_email": report.officer_email, "status": report.status,
        }
        initial.update({f"section_{k}": v for k, v in report.sections.items()})
        initial.update({f"implication_{k}": v for k, v in report.implications.items()})
        return initial

    def action_data(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"], "responsible_cabinet_member": data["responsible_cabinet_member"],
            "responsible_director": data["responsible_director"], "executive_summary": data["executive_summary"],
            "actions_required": _lines(data["actions_required"]), "background_papers": data["background_papers"],
            "officer_name": data["officer_name"], "officer_phone": data["officer_phone"],
            "officer_email": data["officer_email"], "status": data["status"],
            "sections": {k: data.get(f"section_{k}", "") for k in self.section_keys},
            "implications": {k: data.get(f"implication_{k}", "") for k in self.implication_keys},
        }


class AnnexForm(GovukForm):
    title = forms.CharField(label="Annex title", max_length=300)
    file = forms.FileField(label="File", help_text="A PDF or a Word document (.docx), smaller than 25 MB.")
    widths = {"title": "govuk-!-width-full"}


class ScheduleForm(GovukForm):
    publish_on = GovukDateField(label="Publish on", help_text="For example, 16 2 2023.")
    publish_time = GovukTimeField(label="At", help_text="For example, 9am.")


class QuestionForm(GovukForm):
    agenda_item = forms.TypedChoiceField(label="Agenda item", coerce=int, required=False, empty_value=None)
    question = forms.CharField(label="Question", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, items: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].choices = [("", "Not about one item")] + [(i.pk, str(i)) for i in items]


class AnswerForm(GovukForm):
    response = forms.CharField(label="Written response", widget=forms.Textarea(attrs={"rows": 5}))
    responded_on = GovukDateField(label="Date of the response")
    response_from = forms.TypedChoiceField(label="Response from", coerce=int, required=False, empty_value=None)

    def __init__(self, *args, organisations: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["response_from"].choices = [("", "Not stated")] + [(o.pk, o.name) for o in organisations]


class WorkProgrammeForm(GovukForm):
    target_meeting = forms.TypedChoiceField(label="Meeting", coerce=int, required=False, empty_value=None,
                                            help_text="Or leave this and give the month below.")
    target_month = GovukDateField(label="Month, if no meeting is scheduled yet", required=False,
                                  help_text="Any day in the month, for example 1 2 2024.")
    report = forms.CharField(label="Report", max_length=300)
    issues = forms.CharField(label="Issues for consideration", widget=forms.Textarea(attrs={"rows": 3}), required=False,
                             help_text="One issue per line.")
    invited = forms.CharField(label="Invited to attend", max_length=300, required=False)
    # The four scoping questions (seed 001:1038-1041); the rule in papers.rules says each is needed.
    scoping_influence = forms.CharField(label="Is it something the panel can change or influence?",
                                        widget=forms.Textarea(attrs={"rows": 2}), required=False)
    scoping_benefit = forms.CharField(label="What benefits could scrutiny bring to this issue?",
                                      widget=forms.Textarea(attrs={"rows": 2}), required=False)
    scoping_method = forms.CharField(label="How can the panel best carry out work on the subject?",
                                     widget=forms.Textarea(attrs={"rows": 2}), required=False,
                                     help_text="For example a report to a meeting, a task and finish group, a site visit.")
    scoping_outcomes = forms.CharField(label="What would the best outcomes be?",
                                       widget=forms.Textarea(attrs={"rows": 2}), required=False)
    widths = {"report": "govuk-!-width-full", "invited": "govuk-!-width-full"}

    def __init__(self, *args, meetings: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target_meeting"].choices = [("", "No meeting yet")] + [(m.pk, m.date_display) for m in meetings]


class ResponseForm(GovukForm):
    status = forms.ChoiceField(
        label="What did the response say?",
        choices=[(v, label) for v, label in RecommendationStatus.choices if v != RecommendationStatus.AWAITING_RESPONSE],
        widget=forms.RadioSelect(attrs={"small": True}),
    )
    response = forms.CharField(label="Response", widget=forms.Textarea(attrs={"rows": 4}))
    responded_on = GovukDateField(label="Date of the response")
    answered_by = forms.TypedChoiceField(label="Report that answered it (optional)", coerce=int, required=False,
                                         empty_value=None)

    def __init__(self, *args, reports: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answered_by"].choices = [("", "None")] + [
            (r.pk, f"{r.title} ({r.agenda_item.meeting.date:%d %B %Y})") for r in reports
        ]


class ChairReportForm(GovukForm):
    title = forms.CharField(label="Title", max_length=300)
    body = forms.CharField(label="Report", widget=forms.Textarea(attrs={"rows": 16}))
    widths = {"title": "govuk-!-width-full"}


class ReportFromSourceForm(GovukForm):
    """Choose one of the reports other apps offer for this committee (``core.agenda_reports``)."""

    offer = forms.ChoiceField(label="Which report do you want to add?", widget=forms.RadioSelect,
                              error_messages={"required": "Choose the report to add.",
                                              "invalid_choice": "Choose one of the reports listed."})
    replace = forms.BooleanField(label="Replace the item's current report", required=False,
                                 help_text="Its text is replaced and its annexes are withdrawn.")

    def __init__(self, *args, offers: list, has_report: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offer"].choices = [(value, offer.label) for value, _source, offer in offers]
        if not has_report:
            del self.fields["replace"]
