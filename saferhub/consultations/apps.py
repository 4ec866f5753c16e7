from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    """Consultation surveys: the builder, the anonymous public form, paper returns, results and themes."""

    name = "saferhub.consultations"
    label = "consultations"
    verbose_name = "Consultations"

    def ready(self) -> None:
        from saferhub.consultations import policies  # noqa: F401
        from saferhub.core import audit

        audit.register_codes(
            "consultations",
            [
                ("consultations.survey.created", "Create survey", "Created a consultation survey"),
                ("consultations.survey.opened", "Open survey", "Opened a draft survey to the public"),
                ("consultations.survey.scheduled", "Change survey dates", "Changed a survey's dates or retention"),
                ("consultations.section.added", "Add survey section", "Added a section to a survey"),
                ("consultations.question.added", "Add survey question", "Added a question to a survey"),
                ("consultations.response.submitted", "Submit response", "Submitted a consultation response"),
                ("consultations.theme.added", "Add theme", "Added a free-text theme"),
                ("consultations.answer.coded", "Code answer", "Coded a typed answer into themes"),
                ("consultations.results.published", "Publish results", "Published a consultation's results"),
                ("consultations.results.withdrawn", "Withdraw results", "Withdrew a consultation's results"),
                ("consultations.baseline.set", "Set population baseline", "Set a population baseline"),
                ("consultations.responses.anonymised", "Anonymise responses",
                 "Anonymised responses past their retention period"),
            ],
        )
