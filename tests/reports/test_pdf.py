"""The scorecard as a PDF (a state's, a district's; English, Hindi, Assamese), its download in
the reader's scope, the sandboxed renderer, and the monthly mail to coordinators and district
officers (once per person, place and month; resumable)."""

from __future__ import annotations

import datetime
import io
import re
import socket
import urllib.request
from unittest import mock

import pypdf
import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from certification.rendering import RenderError, make_fetcher
from certification.services import certificate_issue
from lms.accounts.models import Cadre, Role, User
from lms.core.dates import add_months
from lms.geography.models import District
from lms.workforce.models import PostCount
from modules.content.models import RequiredTraining
from reports import mailing, pdf, tasks
from reports.models import MonthlyMailing
from reports.selectors import state_scorecard
from reports.services import scorecard_rebuild
from tests.accounts.factories import UserFactory, add_totp, make_district_officer, state
from tests.certification.factories import completed_enrollment, staff
from tests.modules.factories import make_module

pytestmark = pytest.mark.django_db


def district(state_code: str, name: str) -> District:
    return District.objects.get(state__code=state_code, name=name)


def pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    # Text extraction breaks lines where the PDF does; compare without whitespace.
    return re.sub(r"\s+", "", text)


def page_count(content: bytes) -> int:
    return len(pypdf.PdfReader(io.BytesIO(content)).pages)


def font_names(content: bytes) -> set[str]:
    names = set()
    for page in pypdf.PdfReader(io.BytesIO(content)).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    return names


def officer(place: District, **fields):
    user = make_district_officer(UserFactory(state=place.state, district=place, **fields), place)
    add_totp(user)
    return user


@pytest.fixture
def world():
    """Assam: Kamrup (CWC: 4 posts filled, 2 trained, 1 idle) and Dibrugarh (1 CWC trained,
    no posts reported); Bihar: Patna (2 CWC idle). Assam: 5 in post, 3 trained, 60 %."""
    cwc = Cadre.objects.get(slug="cwc-member")
    module = make_module(lessons=1, code="CP-101", certificate_validity_months=24)
    RequiredTraining.objects.create(cadre=cwc, module=module, within_months=2)
    kamrup, dibrugarh, patna = (
        district("AS", "Kamrup"),
        district("AS", "Dibrugarh"),
        district("BR", "Patna"),
    )
    month = timezone.localdate().replace(day=1)
    PostCount.objects.create(
        state=kamrup.state, district=kamrup, cadre=cwc, as_of=month, sanctioned=5, filled=4,
        source=PostCount.Source.FORM,
    )  # fmt: skip
    joined = timezone.localdate() - datetime.timedelta(days=400)
    for place, trained, idle in ((kamrup, 2, 1), (dibrugarh, 1, 0), (patna, 0, 2)):
        for number in range(trained + idle):
            person = UserFactory(cadre=cwc, state=place.state, district=place, cadre_since=joined)
            if number < trained:
                certificate_issue(enrollment_id=completed_enrollment(user=person, module=module).pk)
    scorecard_rebuild()
    return {
        "month": month,
        "assam": state("AS"),
        "bihar": state("BR"),
        "kamrup": kamrup,
        "dibrugarh": dibrugarh,
        "patna": patna,
    }


# --- The document -----------------------------------------------------------------------------


def test_a_states_pdf_shows_its_figures_districts_and_trend(world):
    content = pdf.state_scorecard_pdf(state=world["assam"], language="en")

    assert content.startswith(b"%PDF-")
    assert page_count(content) >= 1
    text = flat(pdf_text(content))
    for expected in ("Workforcetrainingscorecard", "Assam", "Kamrup", "Dibrugarh", "(CWC)member"):
        assert expected in text
    assert "Figuresasof" in text
    assert flat(pdf.month_label(world["month"], "en")) in text
    # People in post 5, trained 3, coverage 60 %; Kamrup 4 in post, 2 trained, 50 %.
    assert "60%" in text
    assert "50%" in text
    assert "Howcoverageiscomputed" in text
    assert "Patna" not in text  # another state's district


def test_a_districts_pdf_shows_its_cadres(world):
    content = pdf.district_scorecard_pdf(district=world["kamrup"], language="en")

    text = flat(pdf_text(content))
    assert "Kamrup,Assam" in text
    assert "(CWC)member" in text
    assert "50%" in text
    assert "Dibrugarh" not in text


def test_the_html_carries_the_figures_and_the_trend_chart(world):
    # Last month, with everyone already registered (and nobody trained yet): 0 %.
    User.objects.update(date_joined=timezone.now() - datetime.timedelta(days=400))
    scorecard_rebuild(month=add_months(world["month"], -1))
    scorecard = state_scorecard(state=world["assam"])

    html = pdf.scorecard_html(scorecard, state=world["assam"], language="en")

    assert '<html lang="en">' in html
    assert "<svg" in html
    assert len(re.findall("<polyline", html)) == 1  # the two months with figures, joined
    assert len(re.findall("<circle", html)) == 2
    assert len(re.findall(r"<tr>", html)) >= 12  # the trend table has a row per month
    assert "http" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    with pytest.raises(ValueError, match="fr"):
        pdf.scorecard_html(scorecard, state=world["assam"], language="fr")


@pytest.mark.parametrize(
    ("language", "font"),
    [("hi", "Scorecard-Noto-Sans-Devanagari"), ("as", "Scorecard-Noto-Sans-Bengali")],
)
def test_the_pdf_in_hindi_and_assamese_uses_the_bundled_indic_fonts(world, language, font):
    content = pdf.state_scorecard_pdf(state=world["assam"], language=language)

    assert content.startswith(b"%PDF-")
    assert page_count(content) >= 1
    text = flat(pdf_text(content))
    # The state is named in the PDF's language (State.names).
    assert {"hi": "असम", "as": "অসম"}[language] in text
    assert "Assam" not in text
    assert "60%" in text
    fonts = font_names(content)
    assert font in fonts or f"{font}-Bold" in fonts
    assert all(name.startswith("Scorecard-Noto-Sans") for name in fonts), fonts


def test_the_file_name_says_the_place_month_and_language(world):
    kamrup, month = world["kamrup"], world["month"]
    assert pdf.pdf_filename(state=world["assam"], district=None, month=month, language="as") == (
        f"scorecard-AS-{month:%Y-%m}-as.pdf"
    )
    kamrup.lgd_code = 303
    assert pdf.pdf_filename(state=world["assam"], district=kamrup, month=month, language="en") == (
        f"scorecard-AS-lgd-303-{month:%Y-%m}-en.pdf"
    )


def test_a_state_reads_its_scorecard_in_its_own_language_besides_english(world):
    assert pdf.state_language(world["assam"]) == "as"
    assert pdf.state_language(world["bihar"]) == "hi"
    assert pdf.state_language(state("KL")) == "en"
    assert pdf.pdf_languages(world["assam"]) == ["en", "as"]
    assert pdf.pdf_languages(state("KL")) == ["en"]


# --- Nothing from the network ---------------------------------------------------------------


@pytest.fixture
def no_network(monkeypatch):
    """Every attempt to open a connection is recorded and refused."""
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network access in a test")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(urllib.request, "urlopen", refuse)
    return attempts


@pytest.mark.parametrize(
    "markup",
    [
        '<img src="http://example.org/logo.png">',
        '<link rel="stylesheet" href="https://example.org/style.css">',
        '<style>@import url("http://example.org/style.css");</style>',
        '<p style="background: url(http://example.org/dot.png)">x</p>',
        '<img src="file:///etc/passwd">',
    ],
)
def test_a_template_naming_a_url_is_refused_and_nothing_is_fetched(no_network, markup):
    fetcher = make_fetcher()

    with pytest.raises(RenderError):
        pdf.html_to_pdf(f"<html><body><p>Scorecard</p>{markup}</body></html>", fetcher=fetcher)

    assert fetcher.requested  # WeasyPrint asked for it, and the fetcher refused
    assert no_network == []


def test_the_real_template_renders_without_the_network(world, no_network):
    fetcher = make_fetcher()

    content = pdf.html_to_pdf(
        pdf.scorecard_html(
            state_scorecard(state=world["assam"]), state=world["assam"], language="as"
        ),
        fetcher=fetcher,
    )

    assert content.startswith(b"%PDF-")
    assert no_network == []
    # The stylesheet's fonts were loaded once per process; the document asks for nothing.
    assert all(not url.startswith(("http:", "https:")) for url in fetcher.requested)


# --- The download -----------------------------------------------------------------------------


def state_url(code: str, **query) -> str:
    url = reverse("reports:state_pdf", kwargs={"state_code": code})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def district_url(place: District, **query) -> str:
    url = reverse(
        "reports:district_pdf", kwargs={"state_code": place.state.code, "district_ref": place.pk}
    )
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_a_coordinator_downloads_their_states_pdf(client, world):
    client.force_login(staff(Role.COORDINATOR, "AS"))

    response = client.get(state_url("as", lang="en", month=f"{world['month']:%Y-%m}"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="scorecard-AS-{world["month"]:%Y-%m}-en.pdf"'
    )
    assert "no-store" in response["Cache-Control"]
    assert "Assam" in flat(pdf_text(response.content))


def test_without_a_language_the_pdf_is_in_the_states(client, world):
    client.force_login(staff(Role.COORDINATOR, "AS"))

    response = client.get(state_url("AS"))

    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'{world["month"]:%Y-%m}-as.pdf"')


def test_a_coordinator_downloads_a_districts_pdf_of_their_state(client, world):
    client.force_login(staff(Role.COORDINATOR, "AS"))

    response = client.get(district_url(world["dibrugarh"], lang="hi"))

    assert response.status_code == 200
    text = flat(pdf_text(response.content))
    assert "डिब्रूगढ़,असम" in text


def test_a_district_officer_downloads_their_districts_pdf(client, world):
    client.force_login(officer(world["kamrup"]))

    response = client.get(district_url(world["kamrup"], lang="as"))

    assert response.status_code == 200
    assert "কামৰূপ,অসম" in flat(pdf_text(response.content))


@pytest.mark.parametrize(
    ("who", "where"),
    [
        ("coordinator_br", "state_as"),
        ("coordinator_br", "district_kamrup"),
        ("officer_kamrup", "district_dibrugarh"),
        ("officer_kamrup", "state_as"),
        ("officer_patna", "district_kamrup"),
        ("trainer_as", "state_as"),
        ("trainer_as", "district_kamrup"),
        ("learner", "district_kamrup"),
    ],
)
def test_out_of_scope_is_a_404(client, world, who, where):
    people = {
        "coordinator_br": lambda: staff(Role.COORDINATOR, "BR"),
        "officer_kamrup": lambda: officer(world["kamrup"]),
        "officer_patna": lambda: officer(world["patna"]),
        "trainer_as": lambda: staff(Role.TRAINER, "AS"),
        "learner": lambda: UserFactory(state=world["assam"], district=world["kamrup"]),
    }
    places = {
        "state_as": lambda: state_url("AS", lang="en"),
        "district_kamrup": lambda: district_url(world["kamrup"], lang="en"),
        "district_dibrugarh": lambda: district_url(world["dibrugarh"], lang="en"),
    }
    client.force_login(people[who]())

    response = client.get(places[where]())

    assert response.status_code == 404
    assert response.get("Content-Type", "").startswith("text/html")


def test_a_visitor_is_sent_to_log_in(client, world):
    response = client.get(state_url("AS", lang="en"))

    assert response.status_code == 302
    assert "login" in response["Location"]


@pytest.mark.parametrize(
    "query",
    [
        {"lang": "fr"},
        {"lang": "EN"},
        {"lang": "en-gb"},
        {"lang": "en", "month": "2026-13"},
        {"lang": "en", "month": "last"},
        {"lang": "en", "month": "2001-01"},  # no figures for that month
    ],
)
def test_a_bad_language_or_month_is_a_404(client, world, query):
    client.force_login(staff(Role.COORDINATOR, "AS"))

    assert client.get(state_url("AS", **query)).status_code == 404
    assert client.get(district_url(world["kamrup"], **query)).status_code == 404


def test_a_downloads_queries_do_not_grow_with_the_districts(client, world, assert_max_statements):
    user = staff(Role.COORDINATOR, "AS")
    client.force_login(user)
    client.get(state_url("AS", lang="en"))  # sessions, fonts: warmed up

    with assert_max_statements(12):
        response = client.get(state_url("AS", lang="en"))

    assert response.status_code == 200


# --- The monthly mail ---------------------------------------------------------------------------


@pytest.fixture
def staff_to_mail(world):
    """Two coordinators of Assam (one reads Assamese), one of Bihar (Hindi), the district
    officer of Kamrup; and people who get nothing: a trainer, a learner, a coordinator whose
    account is closed and one who no longer holds the role."""
    closed = staff(Role.COORDINATOR, "AS")
    closed.is_active = False
    closed.save(update_fields=["is_active"])
    former = staff(Role.COORDINATOR, "BR")
    former.groups.remove(former.groups.get(name=Role.COORDINATOR))
    staff(Role.TRAINER, "AS")
    UserFactory(state=world["assam"])
    # A coordinator known by a mobile number alone: a PDF cannot go by SMS, and the run goes on.
    staff(Role.COORDINATOR, "AS", email=None, phone="+919864000111", phone_verified=True)
    return {
        "coordinator_as": staff(Role.COORDINATOR, "AS"),
        "coordinator_as_assamese": staff(Role.COORDINATOR, "AS", preferred_language="as"),
        "coordinator_br": staff(Role.COORDINATOR, "BR", preferred_language="hi"),
        "officer_kamrup": officer(world["kamrup"]),
    }


def outbox_by_address() -> dict[str, list]:
    by_address: dict[str, list] = {}
    for message in mail.outbox:
        for address in message.to:
            by_address.setdefault(address, []).append(message)
    return by_address


def test_each_coordinator_and_district_officer_gets_one_mail_with_the_pdf(world, staff_to_mail):
    result = mailing.scorecard_mail_month(month=world["month"])

    assert result == mailing.MailResult(sent=4)
    by_address = outbox_by_address()
    assert set(by_address) == {user.email for user in staff_to_mail.values()}
    month = f"{world['month']:%Y-%m}"
    expected = {
        "coordinator_as": f"scorecard-AS-{month}-en.pdf",
        "coordinator_as_assamese": f"scorecard-AS-{month}-as.pdf",
        "coordinator_br": f"scorecard-BR-{month}-hi.pdf",
        "officer_kamrup": f"scorecard-AS-{world['kamrup'].pk}-{month}-en.pdf",  # no LGD code
    }
    for key, user in staff_to_mail.items():
        [message] = by_address[user.email]
        assert message.to == [user.email]
        [(filename, content, mimetype)] = message.attachments
        assert (filename, mimetype) == (expected[key], "application/pdf")
        assert content.startswith(b"%PDF-")
        assert message.content_subtype == "plain"
        assert user.full_name in message.body
        # Nobody else's name or address in the mail.
        for other in staff_to_mail.values():
            if other != user:
                assert other.email not in message.body
                assert other.full_name not in message.body
    kamrup_mail = by_address[staff_to_mail["officer_kamrup"].email][0]
    assert "Kamrup, Assam" in kamrup_mail.subject
    assert "Kamrup" in flat(pdf_text(kamrup_mail.attachments[0][1]))
    assert "Patna" not in flat(
        pdf_text(by_address[staff_to_mail["coordinator_as"].email][0].attachments[0][1])
    )
    assert MonthlyMailing.objects.filter(month=world["month"], sent_at__isnull=False).count() == 4
    assert (
        MonthlyMailing.objects.get(user=staff_to_mail["officer_kamrup"]).district
        == (world["kamrup"])
    )


def test_a_rerun_sends_nothing(world, staff_to_mail):
    mailing.scorecard_mail_month(month=world["month"])
    sent = len(mail.outbox)

    result = mailing.scorecard_mail_month(month=world["month"])

    assert result == mailing.MailResult(already=4)
    assert len(mail.outbox) == sent == 4
    assert MonthlyMailing.objects.count() == 4


def test_a_failure_midway_releases_that_mail_and_a_rerun_sends_only_the_missing_one(
    world, staff_to_mail
):
    real_send = mailing._send
    calls = []

    def second_fails(message, connection):
        calls.append(message.to[0])
        if len(calls) == 2:
            raise OSError("SMTP server went away")
        real_send(message, connection)

    with mock.patch.object(mailing, "_send", side_effect=second_fails):
        result = mailing.scorecard_mail_month(month=world["month"])

    assert result == mailing.MailResult(sent=3, failed=1)
    failed = calls[1]
    assert failed not in outbox_by_address()
    assert not MonthlyMailing.objects.filter(user__email=failed).exists()
    assert MonthlyMailing.objects.filter(sent_at__isnull=False).count() == 3

    result = mailing.scorecard_mail_month(month=world["month"])

    assert result == mailing.MailResult(sent=1, already=3)
    by_address = outbox_by_address()
    assert mail.outbox[-1].to == [failed]
    assert {address: len(mails) for address, mails in by_address.items()} == {
        user.email: 1 for user in staff_to_mail.values()
    }


def test_a_mail_claimed_by_a_run_that_stopped_is_not_sent_again(world, staff_to_mail):
    user = staff_to_mail["coordinator_br"]
    MonthlyMailing.objects.create(
        month=world["month"], user=user, state=world["bihar"], language="hi",
        claimed_at=timezone.now(),
    )  # fmt: skip

    result = mailing.scorecard_mail_month(month=world["month"])

    assert result == mailing.MailResult(sent=3, unconfirmed=1)
    assert user.email not in outbox_by_address()


def test_a_month_without_figures_mails_nothing(world, staff_to_mail):
    with pytest.raises(mailing.ScorecardMailError):
        mailing.scorecard_mail_month(month=add_months(world["month"], -1))

    assert mail.outbox == []
    assert not MonthlyMailing.objects.exists()


def test_the_command_mails_the_month_just_ended_by_default(world, staff_to_mail):
    with pytest.raises(CommandError):  # the month just ended has no figures yet
        call_command("send_scorecard_mail", stdout=io.StringIO())
    assert mail.outbox == []

    last_month = add_months(world["month"], -1)
    scorecard_rebuild(month=last_month)
    out = io.StringIO()
    call_command("send_scorecard_mail", stdout=out)

    assert f"Scorecard {last_month:%Y-%m}: 4 sent" in out.getvalue()
    assert set(MonthlyMailing.objects.values_list("month", flat=True)) == {last_month}

    out = io.StringIO()
    call_command("send_scorecard_mail", "--month", f"{last_month:%Y-%m}", stdout=out)
    assert "0 sent, 4 sent before" in out.getvalue()
    assert len(mail.outbox) == 4

    with pytest.raises(CommandError):
        call_command("send_scorecard_mail", "--month", "2026-13", stdout=io.StringIO())


def test_the_command_fails_when_a_mail_failed(world, staff_to_mail):
    month = f"{world['month']:%Y-%m}"
    with (
        mock.patch.object(mailing, "_send", side_effect=OSError("down")),
        pytest.raises(CommandError, match="4 mail"),
    ):
        call_command("send_scorecard_mail", "--month", month, stdout=io.StringIO())

    assert not MonthlyMailing.objects.exists()


def test_the_task_mails_the_month(world, staff_to_mail):
    result = tasks.send_scorecard_mail.enqueue(month=f"{world['month']:%Y-%m}")

    assert result.return_value == f"{world['month']:%Y-%m}: 4 sent, 0 before, 0 failed"
    assert len(mail.outbox) == 4


def test_each_places_pdf_is_rendered_once_per_language(world, staff_to_mail):
    staff(Role.COORDINATOR, "AS")  # reads English, like coordinator_as

    with (
        mock.patch.object(
            mailing, "state_scorecard_pdf", wraps=mailing.state_scorecard_pdf
        ) as states,
        mock.patch.object(
            mailing, "district_scorecard_pdf", wraps=mailing.district_scorecard_pdf
        ) as districts,
    ):
        result = mailing.scorecard_mail_month(month=world["month"])

    assert result.sent == 5
    rendered = sorted(
        (call.kwargs["state"].code, call.kwargs["language"]) for call in states.call_args_list
    )
    assert rendered == [("AS", "as"), ("AS", "en"), ("BR", "hi")]
    assert districts.call_count == 1
