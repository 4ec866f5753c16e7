from django.contrib import admin

from saferhub.core import actions
from saferhub.core.admin_base import ActionAdmin, ReadOnlyAdmin
from saferhub.core.models import (
    ApiToken,
    AuditEvent,
    Organisation,
    PartnershipMembership,
    Person,
    PersonAlias,
    SiteConfiguration,
)


@admin.register(Organisation)
class OrganisationAdmin(ActionAdmin):
    list_display = ["name", "short_name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name"]
    fields = actions.ORGANISATION_FIELDS

    def run_action(self, request, data, obj):
        data = {k: v for k, v in data.items() if k in actions.ORGANISATION_FIELDS}
        if obj is None:
            return actions.create_organisation(acting_user=request.user, **data)
        return actions.update_organisation(obj, acting_user=request.user, **data)


class PersonAliasInline(admin.TabularInline):
    model = PersonAlias
    extra = 0
    can_delete = False
    readonly_fields = ["name", "note"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Person)
class PersonAdmin(ActionAdmin):
    list_display = ["name", "honorific", "is_councillor", "organisation", "job_title"]
    list_filter = ["is_councillor", "organisation"]
    search_fields = ["name", "aliases__name", "job_title"]
    fields = actions.PERSON_FIELDS
    inlines = [PersonAliasInline]
    autocomplete_fields = ["organisation"]

    def run_action(self, request, data, obj):
        data = {k: v for k, v in data.items() if k in actions.PERSON_FIELDS}
        if obj is None:
            return actions.create_person(acting_user=request.user, **data)
        return actions.update_person(obj, acting_user=request.user, **data)


@admin.register(PersonAlias)
class PersonAliasAdmin(ActionAdmin):
    list_display = ["name", "person", "note"]
    search_fields = ["name", "person__name"]
    fields = ["person", "name", "note"]
    autocomplete_fields = ["person"]

    def run_action(self, request, data, obj):
        if obj is not None:
            from saferhub.core.exceptions import RuleViolation

            raise RuleViolation("Aliases cannot be edited; add a new one instead.", code="core.alias_edit")
        return actions.add_person_alias(data["person"], name=data["name"], note=data.get("note", ""),
                                        acting_user=request.user)


@admin.register(SiteConfiguration)
class SiteConfigurationAdmin(ActionAdmin):
    fields = actions.SITE_FIELDS

    def has_add_permission(self, request):
        return not SiteConfiguration.objects.exists()

    def run_action(self, request, data, obj):
        data = {k: v for k, v in data.items() if k in actions.SITE_FIELDS}
        return actions.update_site_configuration(acting_user=request.user, **data)


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "code", "actor_repr", "target_repr"]
    list_filter = ["code"]
    search_fields = ["target_repr", "actor_repr", "code"]
    date_hierarchy = "created_at"


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]

@admin.register(PartnershipMembership)
class PartnershipMembershipAdmin(ActionAdmin):
    """Who works for which partnership, in which service role (``dhr_team``, ``asb_county_team`` …)."""

    list_display = ["user", "partnership", "role", "starts_on", "ends_on"]
    list_filter = ["partnership", "role"]
    fields = ["user", "partnership", "role", "starts_on", "ends_on"]

    def run_action(self, request, data, obj):
        if obj is not None and (obj.user_id, obj.partnership_id, obj.role) != (
                data["user"].pk, data["partnership"].pk, data["role"]):
            actions.remove_partnership_member(user=obj.user, partnership=obj.partnership, role=obj.role,
                                              acting_user=request.user)
        return actions.add_partnership_member(user=data["user"], partnership=data["partnership"],
                                              role=data["role"], starts_on=data.get("starts_on"),
                                              ends_on=data.get("ends_on"), acting_user=request.user)

    def remove_action(self, request, obj):
        actions.remove_partnership_member(user=obj.user, partnership=obj.partnership, role=obj.role,
                                          acting_user=request.user)


from saferhub.core.signin import admin as signin_admin  # noqa: E402, F401 - registers the sign-in tools
