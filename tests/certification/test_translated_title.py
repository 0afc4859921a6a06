"""A Hindi or Assamese certificate names the module by its translated title and the state by
its name in that language; the certificate's record stays English."""

from __future__ import annotations

import pytest
from wagtail.models import Locale

from certification.models import CertificateTemplate, Signatory
from certification.rendering import certificate_html
from certification.services import certificate_issue
from tests.certification.factories import completed_enrollment
from tests.modules.factories import make_module

pytestmark = pytest.mark.django_db


def _template(language: str, body: str, **fields) -> CertificateTemplate:
    template = CertificateTemplate(
        name=f"Default {language}", language=language, body=body, is_default=True, **fields
    )
    template.save()
    Signatory.objects.create(template=template, name="Officer", designation="Director")
    return template


def _translate(module, language: str, title: str, *, publish: bool = True):
    translated = module.copy_for_translation(
        Locale.objects.get(language_code=language), copy_parents=True
    ).specific
    translated.title = title
    translated.save()
    if publish:
        translated.save_revision().publish()
    return translated


def test_a_hindi_certificate_names_the_module_in_hindi_and_keeps_the_english_record():
    module = make_module(lessons=1, title="Foundations of Child Protection", code="CP-901")
    _translate(module, "hi", "बाल संरक्षण की बुनियाद")
    _template("hi", "{learner_name} ने “{module_title}” पूर्ण किया।")
    certificate = certificate_issue(enrollment_id=completed_enrollment(module=module).pk)
    assert certificate.module_title == "Foundations of Child Protection"
    assert certificate.design["module_titles"] == {"hi": "बाल संरक्षण की बुनियाद"}
    html = certificate_html(certificate)
    assert "“बाल संरक्षण की बुनियाद”" in html
    assert "असम" in html  # the issuing state, Assam
    assert "Foundations of Child Protection" not in html
    assert "Assam" not in html


def test_the_second_language_gets_its_title_and_english_stays_english():
    module = make_module(lessons=1, title="Foundations of Child Protection", code="CP-902")
    _translate(module, "as", "শিশু সুৰক্ষাৰ ভেটি")
    _template(
        "en+as",
        "{learner_name} completed “{module_title}”.",
        secondary_title="প্ৰমাণপত্ৰ",
        secondary_body="{learner_name}-এ “{module_title}” সম্পূৰ্ণ কৰিছে।",
    )
    certificate = certificate_issue(enrollment_id=completed_enrollment(module=module).pk)
    html = certificate_html(certificate)
    assert "completed “Foundations of Child Protection”." in html
    assert "“শিশু সুৰক্ষাৰ ভেটি” সম্পূৰ্ণ" in html


def test_without_a_live_translation_the_english_title_is_used():
    module = make_module(lessons=1, title="Foundations of Child Protection", code="CP-903")
    _translate(module, "hi", "मसौदा शीर्षक", publish=False)  # a draft is not the module's title
    _template("hi", "{learner_name} ने “{module_title}” पूर्ण किया।")
    certificate = certificate_issue(enrollment_id=completed_enrollment(module=module).pk)
    assert "module_titles" not in certificate.design
    html = certificate_html(certificate)
    assert "“Foundations of Child Protection”" in html
    assert "मसौदा" not in html
