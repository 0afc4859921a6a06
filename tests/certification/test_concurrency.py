"""Races on PostgreSQL with real threads: double clicks, two workers, a busy issuing day."""

import threading

import pytest
from django.db import connection, connections, transaction

from certification.models import Certificate, SerialCounter
from certification.services import _allocate_serial, certificate_issue
from tests.certification.factories import completed_enrollment

pytestmark = [
    pytest.mark.transactional,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]


def in_parallel(fn, count):
    barrier = threading.Barrier(count)
    results, errors = [], []
    lock = threading.Lock()

    def run():
        try:
            barrier.wait()
            value = fn()
            with lock:
                results.append(value)
        except Exception as error:
            with lock:
                errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def test_parallel_issue_for_one_enrollment_makes_one_certificate():
    enrollment = completed_enrollment()
    results, errors = in_parallel(lambda: certificate_issue(enrollment_id=enrollment.pk).pk, 12)
    assert errors == []
    assert len(set(results)) == 1
    assert Certificate.objects.filter(enrollment=enrollment).count() == 1
    assert SerialCounter.objects.get().last == 1


def test_300_concurrent_serial_allocations_are_distinct_and_consecutive():
    # 30 connections (PostgreSQL's default limit is 100), 10 allocations each, all racing.
    def allocate_ten():
        serials = []
        for _ in range(10):
            with transaction.atomic():
                serials.append(_allocate_serial("AS", 2026))
        return serials

    results, errors = in_parallel(allocate_ten, 30)
    assert errors == []
    serials = [serial for batch in results for serial in batch]
    assert len(serials) == 300
    assert sorted(serials) == [f"AS-2026-{n:06d}" for n in range(1, 301)]


def test_a_rolled_back_issue_gives_its_serial_back():
    with transaction.atomic():
        _allocate_serial("BR", 2026)
        transaction.set_rollback(True)
    with transaction.atomic():
        assert _allocate_serial("BR", 2026) == "BR-2026-000001"
