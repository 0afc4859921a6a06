"""Cadres get their names in the interface's other languages (``names``), shown wherever a
cadre is named; corrected and extended afterwards in the cadre snippets. A language a cadre
already has a name in keeps it."""

from django.db import migrations, models

import lms.geography.names

NAMES = {
    "dcpo": {"hi": "ज़िला बाल संरक्षण अधिकारी (DCPO)", "as": "জিলা শিশু সুৰক্ষা বিষয়া (DCPO)"},
    "po-institutional": {"hi": "संरक्षण अधिकारी (संस्थागत देखरेख)", "as": "সুৰক্ষা বিষয়া (প্ৰাতিষ্ঠানিক যত্ন)"},
    "po-non-institutional": {
        "hi": "संरक्षण अधिकारी (गैर-संस्थागत देखरेख)",
        "as": "সুৰক্ষা বিষয়া (অনা-প্ৰাতিষ্ঠানিক যত্ন)",
    },
    "legal-probation-officer": {"hi": "विधिक-सह-परिवीक्षा अधिकारी", "as": "আইন-তথা-পৰিবীক্ষা বিষয়া"},
    "counsellor": {"hi": "परामर्शदाता", "as": "পৰামৰ্শদাতা"},
    "social-worker": {"hi": "सामाजिक कार्यकर्ता", "as": "সমাজকৰ্মী"},
    "outreach-worker": {"hi": "आउटरीच कार्यकर्ता", "as": "আউটৰীচ কৰ্মী"},
    "data-analyst": {"hi": "डेटा विश्लेषक / डेटा एंट्री ऑपरेटर", "as": "ডেটা বিশ্লেষক / ডেটা এণ্ট্ৰি অপাৰেটৰ"},
    "scps-staff": {"hi": "राज्य बाल संरक्षण सोसाइटी के कर्मचारी", "as": "ৰাজ্যিক শিশু সুৰক্ষা সমিতিৰ কৰ্মচাৰী"},
    "cwc-member": {"hi": "बाल कल्याण समिति (CWC) सदस्य", "as": "শিশু কল্যাণ সমিতি (CWC)ৰ সদস্য"},
    "jjb-member": {"hi": "किशोर न्याय बोर्ड (JJB) सदस्य", "as": "কিশোৰ ন্যায় পৰিষদ (JJB)ৰ সদস্য"},
    "sjpu-officer": {
        "hi": "विशेष किशोर पुलिस इकाई (SJPU) अधिकारी",
        "as": "বিশেষ কিশোৰ আৰক্ষী গোট (SJPU)ৰ বিষয়া",
    },
    "cwpo": {"hi": "बाल कल्याण पुलिस अधिकारी (CWPO)", "as": "শিশু কল্যাণ আৰক্ষী বিষয়া (CWPO)"},
    "cci-superintendent": {
        "hi": "बाल देखरेख संस्थान के अधीक्षक / प्रभारी अधिकारी",
        "as": "শিশু যত্ন প্ৰতিষ্ঠানৰ অধীক্ষক / ভাৰপ্ৰাপ্ত বিষয়া",
    },
    "cci-staff": {
        "hi": "बाल देखरेख संस्थान के कर्मचारी (देखभालकर्ता, गृह माता या पिता)",
        "as": "শিশু যত্ন প্ৰতিষ্ঠানৰ কৰ্মচাৰী (তত্ত্বাৱধায়ক, গৃহমাতা বা গৃহপিতা)",
    },
    "saa-staff": {"hi": "विशेषीकृत दत्तक ग्रहण एजेंसी के कर्मचारी", "as": "বিশেষায়িত পোষ্যগ্ৰহণ সংস্থাৰ কৰ্মচাৰী"},
    "child-helpline": {"hi": "चाइल्ड हेल्पलाइन (1098) के कर्मचारी", "as": "চাইল্ড হেল্পলাইন (1098)ৰ কৰ্মচাৰী"},
    "cpc-member": {
        "hi": "ग्राम या प्रखंड बाल संरक्षण समिति सदस्य",
        "as": "গাঁও বা উন্নয়ন খণ্ড শিশু সুৰক্ষা সমিতিৰ সদস্য",
    },
    "other": {"hi": "अन्य", "as": "অন্য"},
}


def seed(apps, schema_editor):
    Cadre = apps.get_model("accounts", "Cadre")
    for cadre in Cadre.objects.using(schema_editor.connection.alias).filter(slug__in=NAMES):
        names = {**NAMES[cadre.slug], **(cadre.names or {})}
        if names != cadre.names:
            cadre.names = names
            cadre.save(update_fields=["names"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0007_user_cadre_since"),
    ]

    operations = [
        migrations.AddField(
            model_name="cadre",
            name="names",
            field=models.JSONField(
                blank=True,
                default=dict,
                help_text='The name in each interface language, by language code, e.g. {"hi": "…", "as": "…"}. Languages left out show the English name.',
                validators=[lms.geography.names.validate_names],
                verbose_name="names in other languages",
            ),
        ),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
