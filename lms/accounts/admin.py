from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Cadre, Consent, RoleAssignment, User


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ["state"]


class ConsentInline(admin.TabularInline):
    model = Consent
    extra = 0
    readonly_fields = ["notice_version", "accepted_at"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "cadre", "state", "district", "is_active", "is_staff"]
    list_filter = ["is_active", "is_staff", "groups", "state", "cadre"]
    search_fields = ["email", "full_name", "phone"]
    list_select_related = ["cadre", "state", "district"]
    autocomplete_fields = ["state", "district"]
    readonly_fields = ["last_login", "date_joined", "profile_completed_at", "consent_version"]
    inlines = [RoleAssignmentInline, ConsentInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (
            _("Profile"),
            {
                "fields": (
                    "full_name",
                    "phone",
                    "cadre",
                    "designation",
                    "organisation",
                    "state",
                    "district",
                    "preferred_language",
                    "profile_completed_at",
                    "consent_version",
                )
            },
        ),
        (
            _("Permissions"),
            # Permissions come with roles (groups) only: the access module relies on it.
            {"fields": ("is_active", "is_staff", "is_superuser", "groups")},
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


@admin.register(Cadre)
class CadreAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
