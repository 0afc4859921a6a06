"""Competencies get their names in the interface's other languages (``names``); corrected and
extended afterwards in the competency snippets. A language a competency already has a name in
keeps it."""

from django.db import migrations, models

import lms.geography.names

NAMES = {
    "Applies the Juvenile Justice Act, 2015 and its Model Rules": {
        "hi": "किशोर न्याय अधिनियम, 2015 और उसके आदर्श नियमों का अनुप्रयोग",
        "as": "কিশোৰ ন্যায় আইন, 2015 আৰু ইয়াৰ আৰ্হি নিয়মাৱলীৰ প্ৰয়োগ",
    },
    "Applies the POCSO Act, 2012 and child-friendly procedures": {
        "hi": "POCSO अधिनियम, 2012 और बाल-अनुकूल प्रक्रियाओं का अनुप्रयोग",
        "as": "POCSO আইন, 2012 আৰু শিশু-বান্ধৱ প্ৰক্ৰিয়াৰ প্ৰয়োগ",
    },
    "Knows the structures and services of ICPS / Mission Vatsalya": {
        "hi": "ICPS / मिशन वात्सल्य की संरचनाओं और सेवाओं का ज्ञान",
        "as": "ICPS / মিছন বাৎসল্যৰ গাঁথনি আৰু সেৱাসমূহৰ জ্ঞান",
    },
    "Upholds the rights of the child under the UN Convention on the Rights of the Child": {
        "hi": "संयुक्त राष्ट्र बाल अधिकार अभिसमय के अंतर्गत बच्चे के अधिकारों की रक्षा",
        "as": "ৰাষ্ট্ৰসংঘৰ শিশু অধিকাৰ সনদৰ অধীনত শিশুৰ অধিকাৰৰ সুৰক্ষা",
    },
    "Assesses a child's situation and risks (social investigation)": {
        "hi": "बच्चे की स्थिति और जोखिमों का आकलन (सामाजिक जाँच)",
        "as": "শিশুৰ অৱস্থা আৰু বিপদাশংকাৰ মূল্যায়ন (সামাজিক অনুসন্ধান)",
    },
    "Prepares and reviews an Individual Care Plan": {
        "hi": "व्यक्तिगत देखरेख योजना बनाना और उसकी समीक्षा",
        "as": "ব্যক্তিগত যত্ন পৰিকল্পনা প্ৰস্তুত আৰু পৰ্যালোচনা",
    },
    "Plans restoration, repatriation and follow-up": {
        "hi": "पुनर्स्थापन, प्रत्यावर्तन और अनुवर्तन की योजना",
        "as": "পুনৰ্স্থাপন, প্ৰত্যাৱৰ্তন আৰু অনুসৰণৰ পৰিকল্পনা",
    },
    "Communicates with children in a child-friendly way": {
        "hi": "बच्चों से बाल-अनुकूल तरीके से संवाद",
        "as": "শিশুৰ সৈতে শিশু-বান্ধৱ ধৰণে যোগাযোগ",
    },
    "Takes the child's views into account in decisions": {
        "hi": "निर्णयों में बच्चे के विचारों पर ध्यान",
        "as": "সিদ্ধান্ত লওঁতে শিশুৰ মতামতৰ বিবেচনা",
    },
    "Supports children who have experienced abuse or trauma": {
        "hi": "दुर्व्यवहार या आघात झेल चुके बच्चों की सहायता",
        "as": "নিৰ্যাতন বা মানসিক আঘাত পোৱা শিশুক সহায়",
    },
    "Arranges sponsorship and foster care": {
        "hi": "प्रायोजन और पालन-पोषण देखरेख की व्यवस्था",
        "as": "পৃষ্ঠপোষকতা আৰু প্ৰতিপালন যত্নৰ ব্যৱস্থা",
    },
    "Follows the adoption process under the Adoption Regulations": {
        "hi": "दत्तक ग्रहण विनियमों के अंतर्गत दत्तक ग्रहण प्रक्रिया का पालन",
        "as": "পোষ্যগ্ৰহণ নিয়ামকৰ অধীনত পোষ্যগ্ৰহণ প্ৰক্ৰিয়াৰ অনুসৰণ",
    },
    "Prevents unnecessary institutionalisation": {
        "hi": "अनावश्यक संस्थागतकरण की रोकथाम",
        "as": "অনাৱশ্যক প্ৰাতিষ্ঠানিকীকৰণ প্ৰতিৰোধ",
    },
    "Works with police, health, education and legal services": {
        "hi": "पुलिस, स्वास्थ्य, शिक्षा और विधिक सेवाओं के साथ समन्वय",
        "as": "আৰক্ষী, স্বাস্থ্য, শিক্ষা আৰু আইনী সেৱাৰ সৈতে সমন্বয়",
    },
    "Engages village and block child protection committees": {
        "hi": "ग्राम और प्रखंड बाल संरक्षण समितियों की भागीदारी",
        "as": "গাঁও আৰু উন্নয়ন খণ্ড শিশু সুৰক্ষা সমিতিৰ অংশগ্ৰহণ",
    },
    "Keeps case records and registers as the rules require": {
        "hi": "नियमों के अनुसार केस रिकॉर्ड और रजिस्टर का रखरखाव",
        "as": "নিয়ম অনুসৰি গোচৰৰ নথি আৰু পঞ্জীৰ ৰক্ষণাবেক্ষণ",
    },
    "Uses the tracking and management information systems": {
        "hi": "ट्रैकिंग और प्रबंधन सूचना प्रणालियों का उपयोग",
        "as": "ট্ৰেকিং আৰু পৰিচালনা তথ্য ব্যৱস্থাৰ ব্যৱহাৰ",
    },
    "Protects children's personal data and confidentiality": {
        "hi": "बच्चों के व्यक्तिगत डेटा और गोपनीयता की रक्षा",
        "as": "শিশুৰ ব্যক্তিগত ডেটা আৰু গোপনীয়তাৰ সুৰক্ষা",
    },
    "Recognises and manages stress and secondary trauma": {
        "hi": "तनाव और द्वितीयक आघात की पहचान और प्रबंधन",
        "as": "মানসিক চাপ আৰু গৌণ আঘাতৰ চিনাক্তকৰণ আৰু ব্যৱস্থাপনা",
    },
    "Uses supervision and peer support": {
        "hi": "पर्यवेक्षण और साथियों के सहयोग का उपयोग",
        "as": "তত্ত্বাৱধান আৰু সহকৰ্মীৰ সহায়ৰ ব্যৱহাৰ",
    },
}


def seed(apps, schema_editor):
    Competency = apps.get_model("modules", "Competency")
    for competency in Competency.objects.using(schema_editor.connection.alias).filter(
        name__in=NAMES
    ):
        names = {**NAMES[competency.name], **(competency.names or {})}
        if names != competency.names:
            competency.names = names
            competency.save(update_fields=["names"])


class Migration(migrations.Migration):
    dependencies = [
        ("modules", "0005_attempt_and_reading_rules"),
    ]

    operations = [
        migrations.AddField(
            model_name="competency",
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
