from django.contrib import admin
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from .models import District, State


class DistrictInline(admin.TabularInline):
    """The state's districts, for reading; each opens its own page to edit."""

    model = District
    fields = ["name", "lgd_code", "is_active"]
    readonly_fields = fields
    ordering = ["name"]
    extra = 0
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(State)
class StateAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "lgd_code", "district_count", "active_district_count"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]
    ordering = ["name"]
    inlines = [DistrictInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                district_total=Count("districts"),
                district_active=Count("districts", filter=Q(districts__is_active=True)),
            )
        )

    @admin.display(description=_("districts"), ordering="district_total")
    def district_count(self, obj: State) -> int:
        return obj.district_total

    @admin.display(description=_("active districts"), ordering="district_active")
    def active_district_count(self, obj: State) -> int:
        return obj.district_active

    def has_delete_permission(self, request, obj=None):
        # People point at states; nothing here is ever deleted.
        return False


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["name", "state", "lgd_code", "is_active"]
    list_filter = ["state", "is_active"]
    search_fields = ["name", "state__name"]
    list_select_related = ["state"]
    ordering = ["state__name", "name"]

    def has_delete_permission(self, request, obj=None):
        # Retired districts are deactivated: users, cohorts and certificates point at them.
        return False
