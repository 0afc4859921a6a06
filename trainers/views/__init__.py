"""The trainers' workspace, one module per part: cohorts and groups, spreadsheet imports,
sessions and attendance, progress with its actions and exports."""
