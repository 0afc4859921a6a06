"""Content languages, the competency framework, the module catalogue under the home page, and
the "Module review" workflow (a group-approval task for Module reviewers) assigned to it."""

from django.db import migrations

COMPETENCIES = [
    ("legal", "Applies the Juvenile Justice Act, 2015 and its Model Rules"),
    ("legal", "Applies the POCSO Act, 2012 and child-friendly procedures"),
    ("legal", "Knows the structures and services of ICPS / Mission Vatsalya"),
    ("legal", "Upholds the rights of the child under the UN Convention on the Rights of the Child"),
    ("case", "Assesses a child's situation and risks (social investigation)"),
    ("case", "Prepares and reviews an Individual Care Plan"),
    ("case", "Plans restoration, repatriation and follow-up"),
    ("participation", "Communicates with children in a child-friendly way"),
    ("participation", "Takes the child's views into account in decisions"),
    ("participation", "Supports children who have experienced abuse or trauma"),
    ("family", "Arranges sponsorship and foster care"),
    ("family", "Follows the adoption process under the Adoption Regulations"),
    ("family", "Prevents unnecessary institutionalisation"),
    ("coordination", "Works with police, health, education and legal services"),
    ("coordination", "Engages village and block child protection committees"),
    ("data", "Keeps case records and registers as the rules require"),
    ("data", "Uses the tracking and management information systems"),
    ("data", "Protects children's personal data and confidentiality"),
    ("self_care", "Recognises and manages stress and secondary trauma"),
    ("self_care", "Uses supervision and peer support"),
]

CATALOGUE_PERMISSIONS = {
    "Module author": ["add_page", "change_page"],
    "Module reviewer": ["change_page", "publish_page"],
}


def forwards(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Competency = apps.get_model("modules", "Competency")
    Page = apps.get_model("wagtailcore", "Page")
    ContentType = apps.get_model("contenttypes", "ContentType")
    ModuleCataloguePage = apps.get_model("modules", "ModuleCataloguePage")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    Task = apps.get_model("wagtailcore", "Task")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")

    for code in ("en", "hi", "as"):
        Locale.objects.get_or_create(language_code=code)

    for order, (area, name) in enumerate(COMPETENCIES, start=1):
        Competency.objects.get_or_create(name=name, defaults={"area": area, "sort_order": order})

    # Wagtail's sample "Moderators approval" workflow on the root has no moderators here:
    # pages outside the catalogue are published by national administrators directly.
    WorkflowPage.objects.filter(page__depth=1).delete()
    Workflow.objects.filter(name="Moderators approval").update(active=False)

    reviewers = Group.objects.get(name="Module reviewer")
    task_ct, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name="Review by a module reviewer").first()
    if task is None:
        task = GroupApprovalTask.objects.create(
            name="Review by a module reviewer", content_type=task_ct, active=True
        )
    task.groups.set([reviewers])
    workflow, _ = Workflow.objects.get_or_create(name="Module review", defaults={"active": True})
    WorkflowTask.objects.get_or_create(
        workflow=workflow, task=Task.objects.get(pk=task.pk), defaults={"sort_order": 0}
    )

    home = Page.objects.get(depth=2, content_type__app_label="home")
    catalogue = ModuleCataloguePage.objects.filter(depth=3).first()
    if catalogue is None:
        catalogue_ct, _ = ContentType.objects.get_or_create(
            app_label="modules", model="modulecataloguepage"
        )
        last_child = (
            Page.objects.filter(depth=3, path__startswith=home.path).order_by("-path").first()
        )
        next_number = int(last_child.path[-4:], 36) + 1 if last_child else 1
        step = ""
        alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
        number = next_number
        while number:
            number, digit = divmod(number, 36)
            step = alphabet[digit] + step
        catalogue = ModuleCataloguePage.objects.create(
            title="Training modules",
            draft_title="Training modules",
            slug="modules",
            content_type=catalogue_ct,
            path=home.path + step.rjust(4, "0"),
            depth=3,
            numchild=0,
            url_path=home.url_path + "modules/",
            locale_id=home.locale_id,
            live=True,
            intro=(
                "Standardised modules for the child-protection workforce. Each takes a few "
                "hours, works on a phone, and ends with an assessment and a certificate."
            ),
        )
        home.numchild += 1
        home.save(update_fields=["numchild"])
    WorkflowPage.objects.update_or_create(page_id=catalogue.pk, defaults={"workflow": workflow})
    for group_name, codenames in CATALOGUE_PERMISSIONS.items():
        group = Group.objects.get(name=group_name)
        for permission in Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=codenames
        ):
            GroupPagePermission.objects.get_or_create(
                group=group, page_id=catalogue.pk, permission=permission
            )
    authors = Group.objects.get(name="Module author")
    submit = Permission.objects.filter(
        content_type__app_label="wagtail_localize", codename="submit_translation"
    ).first()
    if submit is not None:
        authors.permissions.add(submit)


class Migration(migrations.Migration):
    dependencies = [
        ("modules", "0001_initial"),
        ("home", "0002_create_home_page"),
        ("accounts", "0003_seed_cadres"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
