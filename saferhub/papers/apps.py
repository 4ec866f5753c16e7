from django.apps import AppConfig


class PapersConfig(AppConfig):
    """Agendas, reports, packs, minutes, written questions, work programme and publication."""

    name = "saferhub.papers"
    label = "papers"
    verbose_name = "Papers"

    def ready(self) -> None:
        from saferhub.core import audit
        from saferhub.governance.signals import business_not_transacted
        from saferhub.papers import notifications, policies  # noqa: F401  (policies registers permissions)
        from saferhub.papers.receivers import carry_business_forward, enqueue_scheduled_publication
        from saferhub.papers.signals import agenda_publication_scheduled

        notifications.register()  # staff email: paper deadlines

        from saferhub.core import meeting_questions
        from saferhub.papers import queries

        # Written questions live here; the reports of the apps below (the Plan's) read them through core.
        meeting_questions.register_provider(queries.meeting_questions, app="papers")

        business_not_transacted.connect(carry_business_forward, dispatch_uid="saferhub.papers.carry_forward")
        agenda_publication_scheduled.connect(enqueue_scheduled_publication,
                                             dispatch_uid="saferhub.papers.enqueue_publication")

        from saferhub.governance import extensions
        from saferhub.papers import panels

        extensions.register_meeting_panel(panels.meeting_documents)
        extensions.register_agenda_item_links(panels.agenda_item_links)
        extensions.register_private_items(panels.private_items)
        extensions.register_record_panel(panels.record_links)
        extensions.register_dashboard_panel(panels.dashboard)
        extensions.register_committee_panel(panels.committee_links)

        audit.register_codes(
            "papers",
            [
                ("papers.settings.updated", "Update paper settings", "Updated paper settings"),
                ("papers.template.saved", "Save report template", "Saved report template"),
                ("papers.agenda.built", "Build agenda", "Built the agenda"),
                ("papers.agenda.scheduled", "Schedule publication", "Scheduled the agenda's publication"),
                ("papers.agenda.published", "Publish agenda", "Published the agenda and papers"),
                ("papers.agenda.unscheduled", "Cancel scheduled publication", "Cancelled the scheduled publication"),
                ("papers.supplementary.published", "Publish supplementary pack",
                 "Published a supplementary agenda pack"),
                ("papers.report.saved", "Save report", "Saved a report"),
                ("papers.report.added_from_source", "Add report from another app",
                 "Added a report written in another app (core.agenda_reports) with its appendices"),
                ("papers.item.exempt", "Mark item exempt", "Marked an item as exempt (Part 2) business"),
                ("papers.annex.uploaded", "Upload annex", "Uploaded an annex"),
                ("papers.document.withdrawn", "Withdraw document", "Withdrew a document"),
                ("papers.minutes.generated", "Generate minutes", "Generated the minutes"),
                ("papers.minutes.published", "Publish draft minutes", "Published the draft minutes"),
                ("papers.minutes.confirmed", "Confirm minutes", "Confirmed the minutes"),
                ("papers.question.recorded", "Record written question", "Recorded a question for written response"),
                ("papers.question.answered", "Record written response", "Recorded a written response"),
                ("papers.work_programme.added", "Add to work programme", "Added to the work programme"),
                ("papers.work_programme.updated", "Update work programme", "Updated the work programme"),
                ("papers.work_programme.carried", "Carry forward", "Carried business forward"),
                ("papers.item_link.added", "Link items", "Linked an agenda item to another item or earlier papers"),
                ("papers.future_item.added", "Add future item", "Added an item for future consideration"),
                ("papers.recommendation.responded", "Record response", "Recorded a response to a recommendation"),
                ("papers.chair_report.drafted", "Draft Chair's report", "Drafted the Chair's report"),
                ("papers.chair_report.edited", "Edit Chair's report", "Edited the Chair's report"),
                ("papers.chair_report.sent", "Send Chair's report", "Sent the Chair's report"),
            ],
        )
