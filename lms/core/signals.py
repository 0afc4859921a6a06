"""Signals that the platform core sends.

``task_abandoned`` — sent by ``recover_tasks`` (``workers.tasks_recover``) after the transaction
that finished the record of a task whose worker stopped mid-task has committed, once per
record. Receivers get ``task_path`` (the task's dotted path), ``kwargs`` (the keyword arguments
it was enqueued with) and ``requeued`` (True when the task was queued to run again, False when
it was marked failed and will not run). An app whose task keeps its own progress record
subscribes to finish that record too.
"""

import django.dispatch

task_abandoned = django.dispatch.Signal()
