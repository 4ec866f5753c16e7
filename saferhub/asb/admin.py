"""Admin for the ASB configuration. Saves go through the actions (``ActionAdmin``), so the rules apply here
too: e.g. a threshold above three is refused as a form error. Cases are worked in the ASB pages; the
admin shows them read-only."""

from django.contrib import admin

from saferhub.asb import actions
from saferhub.asb.actions.config import SETTINGS_FIELDS
from saferhub.asb.models import (
    AsbSettings,
    AsbStaffAssignment,
    Case,
    LocalThresholdRoute,
    OptArea,
    PartnerWebPage,
    PeerReviewer,
    RelevantBody,
    RetentionLog,
)
from saferhub.asb.policies import county_partnership_ids, is_county_team
from saferhub.core.admin_base import ActionAdmin, ReadOnlyAdmin


class PartnershipScopedAdmin(ActionAdmin):
    """Configuration of one partnership: the county team of a partnership sees and changes only its own
    partnership's records; administrators configure every partnership."""

    def get_queryset(self, request):
        from saferhub.core.permissions import is_administrator

        qs = super().get_queryset(request)
        if is_administrator(request.user):
            return qs
        return qs.filter(partnership_id__in=county_partnership_ids(request.user))


@admin.register(AsbSettings)
class AsbSettingsAdmin(PartnershipScopedAdmin):
    list_display = ["partnership", "name", "threshold_count", "window_months", "appeal_window", "appeal_window_unit",
                    "appeal_recipient", "retention_years"]
    fields = SETTINGS_FIELDS

    def run_action(self, request, data, obj):
        return actions.update_asb_settings(obj, acting_user=request.user, **data)


@admin.register(RelevantBody)
class RelevantBodyAdmin(ActionAdmin):
    list_display = ["organisation", "kind", "signed_information_sharing", "active"]
    list_filter = ["kind", "active"]
    fields = ["organisation", "kind", "signed_information_sharing", "active"]

    def get_readonly_fields(self, request, obj=None):
        return ["organisation"] if obj else []

    def run_action(self, request, data, obj):
        organisation = obj.organisation if obj else data["organisation"]
        return actions.save_relevant_body(organisation=organisation, kind=data["kind"],
                                          signed_information_sharing=data["signed_information_sharing"],
                                          active=data["active"], acting_user=request.user)


@admin.register(OptArea)
class OptAreaAdmin(PartnershipScopedAdmin):
    list_display = ["name", "code", "partnership", "spoc", "inspector", "email"]
    list_filter = ["partnership"]
    fields = ["partnership", "code", "name", "councils", "spoc", "inspector", "email", "phone", "position"]
    filter_horizontal = ["councils"]

    def get_readonly_fields(self, request, obj=None):
        return ["partnership", "code"] if obj else []

    def run_action(self, request, data, obj):
        return actions.save_opt_area(
            partnership=obj.partnership if obj else data.get("partnership"), code=obj.code if obj else data["code"], name=data["name"], councils=list(data.get("councils") or []),
            spoc=data.get("spoc"), inspector=data.get("inspector"), email=data.get("email", ""),
            phone=data.get("phone", ""), position=data.get("position") or 0, acting_user=request.user,
        )


@admin.register(LocalThresholdRoute)
class LocalThresholdRouteAdmin(PartnershipScopedAdmin):
    list_display = ["name", "kind", "partnership", "area", "min_distinct_reporters", "window_months", "window_days",
                    "active"]
    fields = ["partnership", "area", "name", "kind", "description", "min_distinct_reporters", "window_months", "window_days",
              "active"]

    def run_action(self, request, data, obj):
        return actions.save_local_route(
            partnership=data.get("partnership"), area=data.get("area"), name=data["name"], description=data.get("description", ""),
            kind=data.get("kind") or "reporters",
            min_distinct_reporters=data["min_distinct_reporters"], window_months=data["window_months"],
            window_days=data.get("window_days"), active=data["active"], acting_user=request.user,
        )


@admin.register(PartnerWebPage)
class PartnerWebPageAdmin(ActionAdmin):
    """The register of partners' Community Trigger web pages (seed 002:1153-1163): what each page says."""

    list_display = ["organisation", "url", "has_information", "links_to_form", "stated_threshold_count",
                    "stated_window_months", "checked_on"]
    fields = ["organisation", "url", "has_information", "links_to_form", "stated_threshold_count",
              "stated_window_months", "checked_on", "notes"]

    def run_action(self, request, data, obj):
        return actions.record_partner_page(
            organisation=data["organisation"], url=data["url"], has_information=data["has_information"],
            links_to_form=data["links_to_form"], stated_threshold_count=data.get("stated_threshold_count"),
            stated_window_months=data.get("stated_window_months"), checked_on=data["checked_on"],
            notes=data.get("notes", ""), acting_user=request.user,
        )


@admin.register(AsbStaffAssignment)
class AsbStaffAssignmentAdmin(ActionAdmin):
    list_display = ["user", "role", "area", "organisation"]
    list_filter = ["role", "area"]
    fields = ["user", "role", "area", "organisation"]

    def run_action(self, request, data, obj):
        if obj is not None:
            actions.remove_asb_staff(AsbStaffAssignment.objects.get(pk=obj.pk), acting_user=request.user)
        return actions.assign_asb_staff(user=data["user"], role=data["role"], area=data.get("area"),
                                        organisation=data.get("organisation"), acting_user=request.user)

    def remove_action(self, request, obj):
        actions.remove_asb_staff(obj, acting_user=request.user)


@admin.register(PeerReviewer)
class PeerReviewerAdmin(ActionAdmin):
    list_display = ["person", "council", "position", "assigned_count", "active"]
    fields = ["council", "person", "position", "active"]

    def run_action(self, request, data, obj):
        return actions.nominate_peer_reviewer(council=obj.council if obj else data["council"], person=data["person"],
                                              position=data.get("position"), active=data.get("active", True),
                                              acting_user=request.user)

    def get_readonly_fields(self, request, obj=None):
        return ["council"] if obj else []


class CountyTeamOnlyAdmin(ReadOnlyAdmin):
    """Victims' personal data: only the county team (who may see every case) may read it here. Administrators
    configure areas and settings; being a superuser does not open the cases."""

    def has_module_permission(self, request):
        return is_county_team(request.user) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return is_county_team(request.user) and super().has_view_permission(request, obj)


@admin.register(Case)
class CaseAdmin(CountyTeamOnlyAdmin):
    list_display = ["reference", "area", "status", "channel", "application_date", "determination",
                    "decision_letter", "legal_hold"]
    list_filter = ["status", "area", "channel", "determination"]
    search_fields = ["reference"]
    exclude = ["victim_address", "vulnerability_notes", "risk_notes"]

    def get_queryset(self, request):
        # The county team of one partnership never sees another partnership's cases, here either.
        return super().get_queryset(request).filter(partnership_id__in=county_partnership_ids(request.user))


@admin.register(RetentionLog)
class RetentionLogAdmin(ReadOnlyAdmin):
    list_display = ["run_at", "case_reference", "outcome", "detail"]
    list_filter = ["outcome"]


# The audit trail of a case holds its old and new values (victims' personal data): in the admin's audit list,
# ASB rows are for the county team only, like the case history page.
from saferhub.core.admin import AuditEventAdmin as _CoreAuditEventAdmin  # noqa: E402
from saferhub.core.models import AuditEvent  # noqa: E402


class AuditEventAdmin(_CoreAuditEventAdmin):
    """ASB rows are shown only to the county team, and only those about the cases of its own partnerships;
    Domestic Homicide Review rows are never listed here (a live review is known only to its partnership's review
    team, who are not administrators)."""

    def get_queryset(self, request):
        from django.contrib.contenttypes.models import ContentType
        from django.db.models import Q

        qs = super().get_queryset(request).exclude(code__startswith="dhr.")
        county = county_partnership_ids(request.user)
        if not county:
            return qs.exclude(code__startswith="asb.")
        own_cases = Case.objects.filter(partnership_id__in=county).values_list("pk", flat=True)
        own = Q(target_type=ContentType.objects.get_for_model(Case),
                target_id__in=[str(pk) for pk in own_cases])
        return qs.filter(~Q(code__startswith="asb.") | own)


if admin.site.is_registered(AuditEvent):
    admin.site.unregister(AuditEvent)
admin.site.register(AuditEvent, AuditEventAdmin)
