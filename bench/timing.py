"""Tells the load generator what each request cost inside Django, in a ``Server-Timing``
header: wall time, CPU time of the worker process, and time and number of database queries.
Load tests only (``bench.settings`` puts it first in the middleware)."""

from __future__ import annotations

import time

from django.db import connection


class ServerTimingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        queries = [0, 0.0]

        def timed(execute, sql, params, many, context):
            started = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                queries[0] += 1
                queries[1] += time.perf_counter() - started

        wall, cpu = time.perf_counter(), time.process_time()
        with connection.execute_wrapper(timed):
            response = self.get_response(request)
        wall = (time.perf_counter() - wall) * 1000
        cpu = (time.process_time() - cpu) * 1000
        response["Server-Timing"] = (
            f"app;dur={wall:.2f}, cpu;dur={cpu:.2f}, "
            f'db;dur={queries[1] * 1000:.2f};desc="{queries[0]}"'
        )
        return response
