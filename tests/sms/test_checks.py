from lms.sms.checks import check_sms_settings


def test_the_settings_pass_as_they_are(settings):
    settings.SMS_TEMPLATES = {"code": "1107000000000000001", "certificate": "1107000000000000005"}
    assert check_sms_settings() == []


def test_template_ids_for_unknown_kinds_are_reported(settings):
    settings.SMS_TEMPLATES = {"code": "1", "otp": "2", "newsletter": "3"}
    [error] = check_sms_settings()
    assert error.id == "sms.E001"
    assert "newsletter, otp" in error.msg


def test_a_backend_that_cannot_be_imported_is_reported(settings):
    settings.SMS_BACKEND = "lms.sms.backends.CarrierPigeon"
    [error] = check_sms_settings()
    assert error.id == "sms.E002"
