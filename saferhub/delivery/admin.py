from django.contrib import admin

from saferhub.delivery.models import DeliveryAction, DeliveryPlan


class ActionInline(admin.TabularInline):
    model = DeliveryAction
    extra = 0
    fields = ["number", "theme", "action", "success_measure", "owner", "due", "update"]
    readonly_fields = fields
    can_delete = False


@admin.register(DeliveryPlan)
class DeliveryPlanAdmin(admin.ModelAdmin):
    """Read-only here: plans change through the delivery actions (and the importer)."""

    list_display = ["title", "version_date", "partnership"]
    inlines = [ActionInline]
    readonly_fields = ["title", "partnership", "period", "version_date"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
