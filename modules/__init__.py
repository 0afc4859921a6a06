"""The training modules and the learning on them: ``modules.content`` (the page types,
blocks, grading and module packages, app label ``modules``) and ``modules.learning`` above it
(enrolments, progress and attempts, app label ``learning``)."""
