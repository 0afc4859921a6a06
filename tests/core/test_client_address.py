"""Whose address a rate limit counts (``lms.core.ratelimit.client_address``): the connection's
with no trusted proxy, whatever X-Forwarded-For says; behind TRUSTED_PROXY_COUNT proxies, the
client's as they forwarded it. allauth's login limits and the platform's own count the same
address, and a header that does not fit never answers 500."""

from __future__ import annotations

import time

import pytest
from allauth.account.adapter import get_adapter
from django.test import RequestFactory
from django.urls import reverse

from certification.views import VERIFY_LIMIT
from lms.core.ratelimit import client_address, client_network
from tests.accounts.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
LOCKED = "Too many failed login attempts"
PROXY = "10.0.0.2"
ATTACKER = "203.0.113.9"
ANOTHER_CLIENT = "198.51.100.20"


def request_from(remote: str, forwarded: str | None = None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


def agreed(request) -> str:
    """The address, after checking that allauth's limits count the same one."""
    address = client_address(request)
    assert get_adapter().get_client_ip(request) == address
    return address


def fail_logins(client, *, count: int, remote: str, forwarded=None) -> None:
    """``count`` wrong passwords, each for an account of its own (only the address adds up)."""
    for attempt in range(count):
        extra = {"HTTP_X_FORWARDED_FOR": forwarded(attempt)} if forwarded else {}
        response = client.post(
            LOGIN,
            {"login": f"nobody{attempt}@example.org", "password": "guess"},
            REMOTE_ADDR=remote,
            **extra,
        )
        assert response.status_code == 200
        assert LOCKED not in response.content.decode()


def log_in(client, user, *, remote: str, forwarded: str | None = None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return client.post(
        LOGIN, {"login": user.email, "password": PASSWORD}, REMOTE_ADDR=remote, **extra
    )


# --- No trusted proxy (the default) ------------------------------------------------------------


def test_without_trusted_proxies_the_header_is_ignored(settings):
    assert settings.ALLAUTH_TRUSTED_PROXY_COUNT == 0
    assert agreed(request_from(ATTACKER)) == ATTACKER
    assert agreed(request_from(ATTACKER, "192.0.2.1")) == ATTACKER
    assert agreed(request_from(ATTACKER, "192.0.2.1, 192.0.2.2")) == ATTACKER


def test_without_trusted_proxies_a_spoofed_header_does_not_escape_the_lock(client):
    # A new X-Forwarded-For on every attempt: still one address, locked after twenty.
    fail_logins(client, count=20, remote=ATTACKER, forwarded=lambda n: f"192.0.2.{n}")
    victim = UserFactory()
    response = log_in(client, victim, remote=ATTACKER, forwarded="192.0.2.200")
    assert LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session


# --- One trusted proxy ---------------------------------------------------------------------------


@pytest.fixture
def one_proxy(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1


def test_behind_one_proxy_the_client_is_the_address_it_appended(one_proxy):
    assert agreed(request_from(PROXY, ATTACKER)) == ATTACKER
    # Whatever the client wrote itself stands left of what the proxy appended.
    assert agreed(request_from(PROXY, f"192.0.2.1, {ATTACKER}")) == ATTACKER
    assert agreed(request_from(PROXY, f"192.0.2.1,{ATTACKER}")) == ATTACKER
    # A port, IPv6 with and without brackets.
    assert agreed(request_from(PROXY, f"{ATTACKER}:5123")) == ATTACKER
    assert agreed(request_from(PROXY, "2001:db8::7")) == "2001:db8::7"
    assert agreed(request_from(PROXY, "[2001:db8::7]:443")) == "2001:db8::7"


def test_behind_two_proxies_the_client_is_the_second_from_the_right(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2
    assert agreed(request_from(PROXY, f"192.0.2.1, {ATTACKER}, 10.0.0.1")) == ATTACKER


@pytest.mark.parametrize(
    "forwarded",
    ["", "not-an-address", "203.0.113.999", ",", " , ", "a" * 5000],
    ids=["empty", "a-name", "out-of-range", "comma", "blanks", "long"],
)
def test_a_header_that_does_not_fit_counts_as_the_connection(one_proxy, forwarded):
    assert agreed(request_from(PROXY, forwarded)) == PROXY


def test_a_header_shorter_than_the_proxies_counts_as_the_connection(settings, client):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2
    assert agreed(request_from(PROXY, ATTACKER)) == PROXY
    assert agreed(request_from(PROXY)) == PROXY
    # allauth's own reading answered 500 (ImproperlyConfigured) to such a login.
    user = UserFactory()
    assert log_in(client, user, remote=PROXY, forwarded=ATTACKER).status_code == 302


def test_behind_a_proxy_a_locked_out_attacker_does_not_lock_out_others(one_proxy, client):
    fail_logins(client, count=20, remote=PROXY, forwarded=lambda n: ATTACKER)
    # The attacker is locked out, whatever it writes in front of its address...
    victim = UserFactory()
    response = log_in(client, victim, remote=PROXY, forwarded=f"{ANOTHER_CLIENT}, {ATTACKER}")
    assert LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session
    # ...and another client behind the same proxy signs in.
    response = log_in(client, victim, remote=PROXY, forwarded=ANOTHER_CLIENT)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(victim.pk)


def verify(client, forwarded: str):
    url = reverse("certification:verify_form")
    return client.get(url, {"code": "x"}, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)


def test_behind_a_proxy_each_client_has_its_own_verification_limit(one_proxy, client):
    # The limit counts per minute: start early in one, so that every request of the test
    # falls in the same minute however slowly the machine answers.
    if time.time() % 60 > 30:
        time.sleep(60 - time.time() % 60 + 0.1)
    # An unknown code answers 404 ("not found"), a limited client 429.
    for _ in range(VERIFY_LIMIT):
        assert verify(client, ATTACKER).status_code == 404
    assert verify(client, ATTACKER).status_code == 429
    assert verify(client, f"{ANOTHER_CLIENT}, {ATTACKER}").status_code == 429
    assert verify(client, ANOTHER_CLIENT).status_code == 404


def test_an_ipv6_client_is_limited_by_its_network():
    one = request_from("2001:db8:1:2:aaaa::1")
    other = request_from("2001:db8:1:2:bbbb::2")
    elsewhere = request_from("2001:db8:1:3::1")
    assert client_address(one) != client_address(other)
    assert client_network(one) == client_network(other) == "2001:db8:1:2::"
    assert client_network(elsewhere) != client_network(one)
    assert client_network(request_from(ATTACKER)) == ATTACKER
