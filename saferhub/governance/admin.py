"""Admin for governance records. Every save and delete goes through an action (see
``saferhub.core.admin_base.ActionAdmin``), so the Terms of Reference rules apply here too."""

from django.contrib import admin

from saferhub.core.admin_base import ActionAdmin
from saferhub.core.exceptions import RuleViolation
from saferhub.governance import actions
from saferhub.governance.actions.constitution import COMMITTEE_FIELDS
from saferhub.governance.actions.meetings import MEETING_FIELDS
from saferhub.governance.models import (
    Attendance,
    Committee,
    Decision,
    Declaration,
    Meeting,
    Membership,
    OfficeHolder,
    RegisterEntry,
    Seat,
    SeatGroup,
)


def _not_editable(what: str):
    raise RuleViolation(f"{what} cannot be changed here once saved.", code="governance.admin_readonly")


@admin.register(Committee)
class CommitteeAdmin(ActionAdmin):
    list_display = ["name", "organisation", "quorum", "parent"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["name"]}
    fields = [*COMMITTEE_FIELDS, "support_officers"]
    filter_horizontal = ["support_officers"]

    def run_action(self, request, data, obj):
        officers = data.pop("support_officers", None)
        fields = {k: v for k, v in data.items() if k in COMMITTEE_FIELDS}
        if obj is None:
            committee = actions.create_committee(acting_user=request.user, **fields)
        else:
            current = Committee.objects.get(pk=obj.pk)
            changed = {k: v for k, v in fields.items() if getattr(current, k) != v}
            committee = actions.update_terms_of_reference(current, acting_user=request.user, **changed) if changed else current
        if officers is not None and set(officers) != set(committee.support_officers.all()):
            committee = actions.set_support_officers(committee, users=list(officers), acting_user=request.user)
        return committee


@admin.register(SeatGroup)
class SeatGroupAdmin(ActionAdmin):
    list_display = ["name", "committee", "seats", "organisation", "organisation_kind", "chair_eligible", "vice_chair_eligible"]
    fields = ["committee", "name", "seats", "organisation", "organisation_kind", "seats_per_organisation", "voting",
              "chair_eligible", "vice_chair_eligible", "position", "note"]

    def run_action(self, request, data, obj):
        if obj is not None:
            _not_editable("A seat group")
        committee = data.pop("committee")
        return actions.add_seat_group(committee, acting_user=request.user, **data)


@admin.register(Seat)
class SeatAdmin(ActionAdmin):
    list_display = ["number", "committee", "organisation", "group"]
    list_filter = ["committee"]
    fields = ["committee", "group", "organisation", "number"]

    def run_action(self, request, data, obj):
        if obj is not None:
            _not_editable("A seat")
        return actions.add_seat(data["committee"], group=data["group"], organisation=data["organisation"],
                                number=data.get("number"), acting_user=request.user)


@admin.register(Membership)
class MembershipAdmin(ActionAdmin):
    list_display = ["person", "committee", "role", "seat", "start_date", "end_date"]
    list_filter = ["committee", "role"]
    search_fields = ["person__name"]
    fields = ["committee", "seat", "person", "role", "start_date", "end_date", "note"]
    autocomplete_fields = ["person"]

    def get_readonly_fields(self, request, obj=None):
        return ["committee", "seat", "person", "role", "start_date", "note"] if obj else []

    def run_action(self, request, data, obj):
        if obj is None:
            return actions.appoint_member(
                data["committee"], person=data["person"], role=data["role"], seat=data.get("seat"),
                start_date=data["start_date"], end_date=data.get("end_date"), note=data.get("note", ""),
                acting_user=request.user,
            )
        current = Membership.objects.get(pk=obj.pk)
        if data.get("end_date") is None:
            raise RuleViolation("Enter the last day of the membership.", code="governance.period", field="end_date")
        return actions.end_membership(current, end_date=data["end_date"], acting_user=request.user)


@admin.register(OfficeHolder)
class OfficeHolderAdmin(ActionAdmin):
    list_display = ["committee", "civic_year", "office", "person", "elected_on"]
    list_filter = ["committee", "office"]
    fields = ["committee", "office", "person", "elected_at", "elected_on", "civic_year"]
    autocomplete_fields = ["person"]

    def run_action(self, request, data, obj):
        if obj is not None:
            _not_editable("An election")
        return actions.elect_office_holder(
            data["committee"], office=data["office"], person=data["person"], meeting=data.get("elected_at"),
            elected_on=data.get("elected_on"), civic_year=data.get("civic_year") or None, acting_user=request.user,
        )


@admin.register(Meeting)
class MeetingAdmin(ActionAdmin):
    list_display = ["committee", "date", "status", "record_published"]
    list_filter = ["committee", "status"]
    date_hierarchy = "date"
    fields = ["committee", *MEETING_FIELDS]

    def get_readonly_fields(self, request, obj=None):
        return ["committee"] if obj else []

    def run_action(self, request, data, obj):
        if obj is None:
            return actions.schedule_meeting(
                data["committee"], date=data["date"], date_precision=data.get("date_precision") or "day",
                start_time=data.get("start_time"), venue=data.get("venue"), livestream_url=data.get("livestream_url", ""),
                note=data.get("note", ""), acting_user=request.user,
            )
        current = Meeting.objects.get(pk=obj.pk)
        changed = {k: v for k, v in data.items() if k in MEETING_FIELDS and getattr(current, k) != v}
        return actions.update_meeting(current, acting_user=request.user, **changed) if changed else current


@admin.register(Attendance)
class AttendanceAdmin(ActionAdmin):
    list_display = ["meeting", "person", "role", "status", "substitute_for"]
    list_filter = ["status", "role"]
    search_fields = ["person__name"]
    fields = ["meeting", "person", "role", "status", "substitute_for", "title", "organisation"]
    autocomplete_fields = ["person", "substitute_for"]

    def run_action(self, request, data, obj):
        return actions.record_attendance(
            data["meeting"], person=data["person"], status=data["status"], role=data["role"],
            substitute_for=data.get("substitute_for"), title=data.get("title", ""),
            organisation=data.get("organisation"), acting_user=request.user,
        )

    def remove_action(self, request, obj):
        actions.remove_attendance(obj, acting_user=request.user)


@admin.register(Declaration)
class DeclarationAdmin(ActionAdmin):
    list_display = ["meeting", "person", "interest_type", "agenda_item", "took_no_part"]
    fields = ["meeting", "person", "interest_type", "agenda_item", "nature", "during_meeting"]
    autocomplete_fields = ["person"]

    def run_action(self, request, data, obj):
        if obj is not None:
            _not_editable("A declaration")
        return actions.record_declaration(
            data["meeting"], person=data["person"], interest_type=data["interest_type"], nature=data["nature"],
            agenda_item=data.get("agenda_item"), during_meeting=data.get("during_meeting", False),
            acting_user=request.user,
        )

    def remove_action(self, request, obj):
        actions.remove_declaration(obj, acting_user=request.user)


@admin.register(Decision)
class DecisionAdmin(ActionAdmin):
    list_display = ["agenda_item", "sequence", "verb", "text"]
    fields = ["agenda_item", "verb", "text"]

    def run_action(self, request, data, obj):
        if obj is not None:
            _not_editable("A decision")
        return actions.record_decision(data["agenda_item"], verb=data["verb"], text=data["text"], acting_user=request.user)

    def remove_action(self, request, obj):
        actions.remove_decision(obj, acting_user=request.user)


@admin.register(RegisterEntry)
class RegisterEntryAdmin(ActionAdmin):
    list_display = ["person", "category", "interest_type", "registered_on", "ended_on", "sensitive"]
    fields = ["person", "interest_type", "category", "code_category", "description", "registered_on", "ended_on", "sensitive"]
    autocomplete_fields = ["person"]

    def run_action(self, request, data, obj):
        if obj is not None:
            _not_editable("A register entry")
        return actions.add_register_entry(
            data["person"], interest_type=data["interest_type"], category=data["category"],
            description=data["description"], registered_on=data["registered_on"], ended_on=data.get("ended_on"),
            sensitive=data.get("sensitive", False), code_category=data.get("code_category", ""), acting_user=request.user,
        )
