from django.apps import AppConfig


class ReturnsConfig(AppConfig):
    """Data returns a partnership collects and sends (ADDER to the Home Office and OHID, VARAC, ...)."""

    name = "saferhub.returns"
    label = "returns"
    verbose_name = "Data returns"

    def ready(self) -> None:
        from saferhub.core import agenda_reports, audit, pages
        from saferhub.core.demo import register_demo_accounts
        from saferhub.returns import agenda, dashboard, demo, policies  # noqa: F401

        register_demo_accounts(demo.create_demo_accounts)  # the tension log's analyst

        pages.register_dashboard_section(dashboard.dashboard_section)
        agenda_reports.register_source(agenda.CODE, label="Data returns", offers=agenda.offers, build=agenda.build,
                                       app=self.label)

        audit.register_codes(
            "returns",
            [
                ("returns.definition.defined", "Define return", "Defined a return"),
                ("returns.definition.contributors_named", "Name return contributors",
                 "Named the organisations that enter a return's figures"),
                ("returns.submission.saved", "Save return figures", "Saved return figures"),
                ("returns.submission.flagged", "Save flagged figures", "Saved figures as a flagged draft"),
                ("returns.submission.submitted", "Submit return", "Submitted and locked the return"),
                ("returns.benchmark.added", "Add Prevent benchmark", "Added a Prevent Duty benchmark"),
                ("returns.exercise.opened", "Open benchmarking exercise", "Opened a benchmarking exercise"),
                ("returns.benchmark.rated", "Rate Prevent benchmark", "Rated a Prevent Duty benchmark"),
                ("returns.exercise.completed", "Complete benchmarking exercise", "Completed a benchmarking exercise"),
                ("returns.log.configured", "Configure tension log", "Configured the tension log"),
                ("returns.channel.configured", "Configure Channel summary",
                 "Set the share of Channel Panel meetings a sector may miss"),
                ("returns.tension.submitted", "Submit tension report", "Submitted a community tension report"),
                ("returns.tension.triaged", "Triage tension report", "Triaged and graded a tension report"),
                ("returns.tension.regraded", "Re-grade tension report", "Re-graded a tension report"),
                ("returns.tension.escalated", "Escalate tension report",
                 "Escalated a tension report to the National Community Tension Team"),
                ("returns.tension.recipient_named", "Name a contact", "Named a responsible authority's contact"),
                ("returns.tension.feedback_recorded", "Record feedback", "Recorded feedback on a tension report"),
                ("returns.tension.erased", "Erase tension report text", "Erased a tension report's free text"),
                ("returns.centre.added", "Add reporting centre", "Added a third-party reporting centre"),
                ("returns.centre.updated", "Update reporting centre", "Updated a third-party reporting centre"),
            ],
        )
