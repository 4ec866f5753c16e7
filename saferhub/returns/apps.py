from django.apps import AppConfig


class ReturnsConfig(AppConfig):
    """Data returns a partnership collects and sends (ADDER to the Home Office and OHID, VARAC, ...)."""

    name = "saferhub.returns"
    label = "returns"
    verbose_name = "Data returns"

    def ready(self) -> None:
        from saferhub.core import audit, pages
        from saferhub.returns import dashboard, policies  # noqa: F401

        pages.register_dashboard_section(dashboard.dashboard_section)

        audit.register_codes(
            "returns",
            [
                ("returns.definition.defined", "Define return", "Defined a return"),
                ("returns.submission.saved", "Save return figures", "Saved return figures"),
                ("returns.submission.flagged", "Save flagged figures", "Saved figures as a flagged draft"),
                ("returns.submission.submitted", "Submit return", "Submitted and locked the return"),
                ("returns.benchmark.added", "Add Prevent benchmark", "Added a Prevent Duty benchmark"),
                ("returns.exercise.opened", "Open benchmarking exercise", "Opened a benchmarking exercise"),
                ("returns.benchmark.rated", "Rate Prevent benchmark", "Rated a Prevent Duty benchmark"),
                ("returns.exercise.completed", "Complete benchmarking exercise", "Completed a benchmarking exercise"),
            ],
        )
