"""CP-103: POCSO Act, 2012, reporting and child-friendly procedures."""

MODULE = {
    "code": "CP-103",
    "slug": "pocso-reporting-and-child-friendly-procedures",
    "title": "POCSO Act, 2012: reporting and child-friendly procedures",
    "version": "1.0",
    "summary": (
        "A practical guide to the Protection of Children from Sexual Offences Act, 2012 and "
        "the POCSO Rules, 2020 for everyone who may receive a disclosure or support a child "
        "through the justice process. It covers the offences, the duty to report and the "
        "penalty for not reporting, first response, child-friendly recording of statements, "
        "medical examination, Special Courts and the one-year timeline for trial, support "
        "persons, special relief and compensation, the ban on disclosing a child's identity, "
        "and looking after yourself while doing this work."
    ),
    "learning_outcomes": [
        (
            "Recognise the main offences under the POCSO Act and explain why consent, the "
            "gender of the child and the relationship with the accused do not change a "
            "child's protection under the Act."
        ),
        (
            "Respond to a child's disclosure safely and make a report under Section 19 to the "
            "SJPU or local police, knowing who must report and the consequences of not "
            "reporting."
        ),
        (
            "Describe the child-friendly safeguards for recording the child's statement, "
            "medical examination and testimony in the Special Court."
        ),
        (
            "Explain the role of the CWC and the support person under Rule 4 of the POCSO "
            "Rules, 2020, and how special relief and compensation can be obtained for the "
            "child."
        ),
        (
            "Protect the child's identity in records, conversations and the media, and "
            "recognise and manage secondary trauma in yourself and your team."
        ),
    ],
    "cadres": [
        "dcpo",
        "counsellor",
        "social-worker",
        "legal-probation-officer",
        "outreach-worker",
        "cwc-member",
        "sjpu-officer",
        "cwpo",
        "cci-superintendent",
        "cci-staff",
        "child-helpline",
        "cpc-member",
    ],
    "competencies": [
        "Applies the POCSO Act, 2012 and child-friendly procedures",
        "Communicates with children in a child-friendly way",
        "Supports children who have experienced abuse or trauma",
        "Works with police, health, education and legal services",
        "Protects children's personal data and confidentiality",
        "Recognises and manages stress and secondary trauma",
    ],
    "prerequisites": ["CP-101"],
    "pass_mark": 70,
    "max_attempts": 3,
    "retake_cooldown_hours": 0,
    "completion_rule": "lessons_assessment",
    "required_attendance_percent": None,
    "awards_certificate": True,
    "certificate_validity_months": None,
    "lessons": [
        {
            "title": "Understanding the POCSO Act: scope and offences",
            "slug": "scope-and-offences",
            "estimated_minutes": 15,
            "body": [
                ("heading", {"text": "Why a separate law?", "level": "h2"}),
                (
                    "text",
                    (
                        "<p>Before 2012, sexual offences against children were dealt with "
                        "under general criminal law, which did not recognise many forms of "
                        "abuse and did not protect children during investigation and trial. "
                        "The Protection of Children from Sexual Offences Act, 2012 came into "
                        "force on 14 November 2012. It defines specific offences against "
                        "children, makes reporting compulsory, and sets out child-friendly "
                        "procedures for the police, doctors, magistrates and courts. It was "
                        "amended in 2019 to increase punishments and to deal more firmly with "
                        "sexually exploitative material involving children. The POCSO Rules, "
                        "2020 replaced the 2012 Rules and give detailed procedures for the "
                        "CWC, the DCPU, support persons and compensation.</p>"
                        "<p>Three features shape everything else:</p><ul>"
                        "<li><b>Every person below 18 is a child</b> under the Act.</li>"
                        "<li><b>The Act is gender-neutral</b>: boys, girls and transgender "
                        "children are equally protected, and the accused may be of any "
                        "gender.</li><li><b>Consent is irrelevant</b> where the person is "
                        "below 18. The law makes no exception for a child who appears to "
                        "agree.</li></ul>"
                    ),
                ),
                ("heading", {"text": "The offences in outline", "level": "h2"}),
                (
                    "text",
                    (
                        "<ul><li><b>Penetrative sexual assault</b> (Section 3, punished under "
                        "Section 4): the 2019 amendment raised the minimum to ten years, and "
                        "to twenty years where the child is below 16.</li>"
                        "<li><b>Aggravated penetrative sexual assault</b> (Section 5, "
                        "punished under Section 6): penetrative assault in aggravating "
                        "circumstances, for example by a police officer, a member of the "
                        "armed forces, a public servant, staff of a jail, hospital, school or "
                        "religious institution, a relative, or by a gang; or where the child "
                        "is below 12, has a disability, is made pregnant or is seriously "
                        "injured. The punishment ranges from twenty years to imprisonment for "
                        "the rest of natural life, or death.</li>"
                        "<li><b>Sexual assault</b> (Section 7, punished under Section 8) and "
                        "<b>aggravated sexual assault</b> (Sections 9 and 10): touching with "
                        "sexual intent without penetration, and the same in aggravating "
                        "circumstances.</li><li><b>Sexual harassment</b> (Sections 11 and "
                        "12): for example, sexual remarks or gestures, showing a child "
                        "pornographic material, repeatedly following or contacting a child, "
                        "or threatening to publish a child's image.</li>"
                        "<li><b>Using a child for pornographic purposes</b> (Sections 13 and "
                        "14) and <b>storing or possessing</b> such material (Section "
                        "15).</li><li><b>Abetment and attempt</b> (Sections 16 to 18) are "
                        "also punishable.</li></ul><p>The Supreme Court has clarified that "
                        "for sexual assault what matters is sexual intent, not whether there "
                        "was skin-to-skin contact. In 2024 it also recommended that the law "
                        "use the term <b>child sexual exploitative and abuse material</b> "
                        'rather than "child pornography", because the words we use should '
                        "not suggest that a child took part willingly.</p>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "law",
                        "title": "Presumptions in favour of the child",
                        "body": (
                            "<p>When a person is prosecuted for committing, abetting or "
                            "attempting penetrative, aggravated penetrative, sexual or "
                            "aggravated sexual assault, the Special Court presumes that the "
                            "person committed the offence unless the contrary is proved. "
                            "Section 30 similarly presumes a culpable mental state. These "
                            "presumptions reflect how hard it is for children to prove what "
                            "was done to them.</p>"
                        ),
                        "act": "Protection of Children from Sexual Offences Act, 2012",
                        "section": "Section 29",
                    },
                ),
                (
                    "quote",
                    {
                        "text": (
                            "It is imperative that the law operates in a manner that the best "
                            "interest and well being of the child are regarded as being of "
                            "paramount importance at every stage, to ensure the healthy "
                            "physical, emotional, intellectual and social development of the "
                            "child."
                        ),
                        "attribution": "Protection of Children from Sexual Offences Act, 2012",
                        "source": "Preamble",
                    },
                ),
                (
                    "case_study",
                    {
                        "title": "It happens to boys too",
                        "scenario": (
                            "<p>Arjun, 13, from Kochi, has become withdrawn and refuses to go "
                            "to his evening tuition class. His mother thinks he is just lazy. "
                            "When the school counsellor talks to him privately, he says the "
                            "tutor makes him stay back after the others leave and touches him "
                            "in ways that make him feel dirty. He begs her not to tell anyone "
                            "because boys are supposed to be strong.</p>"
                        ),
                        "questions": [
                            "Is an offence under the POCSO Act disclosed here?",
                            "How should the counsellor respond to Arjun's request for secrecy?",
                        ],
                        "discussion": (
                            "<p>Touching a child with sexual intent is sexual assault under "
                            "Section 7, and the Act protects boys exactly as it protects "
                            "girls. Because the tutor holds a position of trust, the facts "
                            "may amount to an aggravated offence, which the police will "
                            "assess. The counsellor cannot promise secrecy: she has a legal "
                            "duty to report under Section 19. She should tell Arjun calmly "
                            "that he did the right thing, that it is not his fault, that she "
                            "has to tell people whose job is to keep him safe, and explain "
                            "what will happen next in simple words. She should inform the "
                            "school head and report to the SJPU or local police, or through "
                            "1098, and arrange support for Arjun and his mother.</p>"
                        ),
                    },
                ),
                (
                    "key_points",
                    {
                        "title": "Key points",
                        "points": [
                            (
                                "The Act protects every person below 18, of any gender; "
                                "consent of a child is not a defence."
                            ),
                            (
                                "Offences range from sexual harassment to aggravated "
                                "penetrative sexual assault, with higher punishments since "
                                "2019."
                            ),
                            (
                                "Aggravated offences include abuse by persons in positions of "
                                "trust or authority, relatives, and offences against children "
                                "below 12 or with disabilities."
                            ),
                            (
                                "The Special Court presumes the accused committed the offence "
                                "unless the contrary is proved."
                            ),
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "A 16-year-old girl says she agreed to a sexual relationship with "
                            "a 24-year-old man. How does the POCSO Act treat this?"
                        ),
                        "options": [
                            (
                                (
                                    "Her consent has no legal effect because she is below 18; "
                                    "the duty to report applies."
                                ),
                                True,
                            ),
                            ("It is not an offence because she consented.", False),
                            ("It is an offence only if she files a complaint herself.", False),
                        ],
                        "feedback_correct": (
                            "Correct. Under the Act a person below 18 cannot give legally "
                            "valid consent, and the duty to report applies. The girl herself "
                            "must be treated with respect and supported, not blamed."
                        ),
                        "feedback_incorrect": (
                            "Under the POCSO Act consent is irrelevant below 18, so the duty "
                            "to report applies. She must be supported and never treated as an "
                            "offender."
                        ),
                    },
                ),
            ],
        },
        {
            "title": "Mandatory reporting and first response",
            "slug": "mandatory-reporting",
            "estimated_minutes": 20,
            "body": [
                ("heading", {"text": "Everyone has a duty to report", "level": "h2"}),
                (
                    "callout",
                    {
                        "kind": "law",
                        "title": "Reporting of offences",
                        "body": (
                            "<p>Any person, including the child, who apprehends that an "
                            "offence under the Act is likely to be committed, or knows that "
                            "one has been committed, must provide the information to the "
                            "Special Juvenile Police Unit or the local police. The report is "
                            "recorded in writing, given an entry number, read over to the "
                            "informant and entered in a book kept by the police unit. Where "
                            "the report comes from a child, it is recorded in simple language "
                            "that the child understands, with a translator or interpreter if "
                            "needed. No one incurs any civil or criminal liability for giving "
                            "information in good faith.</p>"
                        ),
                        "act": "Protection of Children from Sexual Offences Act, 2012",
                        "section": "Section 19",
                    },
                ),
                (
                    "text",
                    (
                        "<p>The duty applies to <b>any person</b>: parents, teachers, "
                        "doctors, counsellors, staff of child care institutions, helpline "
                        "staff, neighbours. It is not limited to cases where you are certain; "
                        "a reasonable apprehension is enough. Section 20 places a similar "
                        "duty on media personnel, studios and photographic facilities that "
                        "come across sexually exploitative material involving a child.</p>"
                        "<p>Not reporting is itself an offence under <b>Section 21</b>: "
                        "failing to report or record a case is punishable with imprisonment "
                        "of up to six months, a fine, or both. A person in charge of a "
                        "company or institution who fails to report an offence committed by a "
                        "subordinate under his or her control is punishable with imprisonment "
                        "of up to one year and a fine. A child cannot be punished for not "
                        "reporting. The Supreme Court has treated non-reporting, including by "
                        "doctors and heads of institutions, as a serious matter, because "
                        "silence protects the abuser and exposes more children to harm.</p>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "warning",
                        "title": "Do not investigate, do not settle",
                        "body": (
                            "<p>Your job is to report, not to find out whether the child is "
                            "telling the truth. Do not question the alleged abuser, do not "
                            "ask the child to repeat the account to several people, and never "
                            "try to settle the matter between families or within the "
                            'institution. "Compromises" arranged by panchayats, managements '
                            "or relatives have no place in POCSO cases.</p>"
                        ),
                        "act": "",
                        "section": "",
                    },
                ),
                ("heading", {"text": "When a child tells you", "level": "h2"}),
                (
                    "text",
                    (
                        "<p>Children usually disclose little by little, often to someone they "
                        "trust who is not a professional. How you react may decide whether "
                        "the child ever speaks again. A safe first response:</p><ol>"
                        "<li><b>Stay calm and listen.</b> Let the child speak in his or her "
                        "own words. Do not show shock or anger.</li>"
                        "<li><b>Believe and reassure.</b> Say that you believe the child, "
                        "that telling was the right thing, and that it is not the child's "
                        "fault.</li><li><b>Do not ask leading questions.</b> Open prompts "
                        'such as "Tell me more" or "What happened next?" are enough. Do '
                        "not ask for details you do not need to make a report.</li>"
                        "<li><b>Do not promise secrecy.</b> Explain that you must tell people "
                        "whose job is to help keep the child safe.</li>"
                        "<li><b>Check immediate safety and health.</b> If the child is "
                        "injured or the abuse was recent, arrange medical care at "
                        "once.</li><li><b>Write down</b> what the child said, in the child's "
                        "words, with date, time and who was present, as soon as "
                        "possible.</li><li><b>Report</b> to the SJPU or local police; 1098 "
                        "and 112 can help you reach them. Inform the head of your "
                        "institution, who also has a duty to report, but do not wait for "
                        "permission.</li></ol>"
                    ),
                ),
                (
                    "document",
                    {
                        "asset": "pocso-first-response-checklist",
                        "title": "First response checklist for POCSO cases",
                        "description": (
                            "A one-page checklist for responding to a disclosure and making a "
                            "report, for use in schools, institutions and field work."
                        ),
                    },
                ),
                (
                    "heading",
                    {"text": "What the police and the CWC must then do", "level": "h2"},
                ),
                (
                    "text",
                    (
                        "<p>If the police find that the child needs care and protection, they "
                        "must, after recording reasons, arrange immediate care, including "
                        "admission to a shelter home or the nearest hospital, within 24 hours "
                        "of the report (Section 19(5)). Under Section 19(6) they must report "
                        "the matter, without unnecessary delay and within 24 hours, to the "
                        "CWC and to the Special Court. The POCSO Rules, 2020 add that where "
                        "the child needs emergency medical care, the police must take the "
                        "child to the nearest hospital or medical facility within 24 "
                        "hours.</p><p>Rule 4 of the POCSO Rules sets out the CWC's role. When "
                        "the accused lives in the same household or shared household as the "
                        "child, or the child is living in an institution or without parental "
                        "support, the child is produced before the CWC. Within three days the "
                        "Committee decides whether the child needs to be taken out of the "
                        "custody of the family or household and placed in a children's home "
                        "or shelter home, taking into account the child's preference, the "
                        "capacity of the non-offending parent to care for and protect the "
                        "child, and the child's need to remain in familiar surroundings.</p>"
                    ),
                ),
                (
                    "key_points",
                    {
                        "title": "Key points",
                        "points": [
                            (
                                "Anyone who knows of or apprehends a POCSO offence must "
                                "report to the SJPU or local police; good-faith reports carry "
                                "no liability."
                            ),
                            (
                                "Failing to report is punishable; heads of institutions face "
                                "a higher penalty for not reporting offences by their staff."
                            ),
                            (
                                "Listen, believe, reassure, do not promise secrecy, record "
                                "the child's words and report without delay."
                            ),
                            (
                                "The police report to the CWC and the Special Court within 24 "
                                "hours; the CWC decides within three days whether the child "
                                "needs to be placed outside the home."
                            ),
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "The warden of a girls' hostel hears from a student that the cook "
                            'has been touching her. The principal asks the warden to "handle '
                            'it quietly" by dismissing the cook. What should the warden do?'
                        ),
                        "options": [
                            (
                                (
                                    "Report to the SJPU or local police, because the duty to "
                                    "report cannot be replaced by internal action."
                                ),
                                True,
                            ),
                            (
                                (
                                    "Follow the principal's instruction, since the cook will "
                                    "no longer be on the premises."
                                ),
                                False,
                            ),
                            (
                                (
                                    "Ask the girl to write a complaint and wait until her "
                                    "parents decide."
                                ),
                                False,
                            ),
                        ],
                        "feedback_correct": (
                            "Correct. Dismissal is not a substitute for reporting. Both the "
                            "warden and the principal have a legal duty to report, and the "
                            "principal, as the person in charge, faces a higher penalty for "
                            "not reporting."
                        ),
                        "feedback_incorrect": (
                            "Internal action does not discharge the legal duty. The warden "
                            "must report to the police; the principal, as the person in "
                            "charge, also commits an offence by not reporting."
                        ),
                    },
                ),
            ],
        },
        {
            "title": "Child-friendly statements and medical examination",
            "slug": "statements-and-medical-examination",
            "estimated_minutes": 20,
            "body": [
                ("heading", {"text": "Recording the child's statement", "level": "h2"}),
                (
                    "callout",
                    {
                        "kind": "law",
                        "title": "Statement to the police",
                        "body": (
                            "<ul><li>The statement is recorded at the child's residence, or "
                            "where the child usually lives, or at a place of the child's "
                            "choice, as far as practicable by a woman police officer not "
                            "below the rank of sub-inspector.</li>"
                            "<li>The officer must not be in uniform.</li>"
                            "<li>The child must not come into contact with the accused at any "
                            "point.</li><li>No child may be detained in a police station at "
                            "night for any reason.</li><li>The child's identity must be "
                            "protected from the public and the media.</li></ul>"
                        ),
                        "act": "Protection of Children from Sexual Offences Act, 2012",
                        "section": "Section 24",
                    },
                ),
                (
                    "text",
                    (
                        "<p>The child may also give a statement to a Magistrate (Section 25), "
                        "under the provision that used to be Section 164 of the Code of "
                        "Criminal Procedure and is now Section 183 of the Bharatiya Nagarik "
                        "Suraksha Sanhita, 2023. The Magistrate records the statement as "
                        "spoken by the child, and the accused's lawyer is not present. "
                        "Section 26 adds safeguards for both the police and the "
                        "Magistrate:</p><ul><li>the statement is recorded in the presence of "
                        "the parents or another person the child trusts;</li>"
                        "<li>a translator or interpreter is used where needed;</li>"
                        "<li>for a child with a mental or physical disability, a special "
                        "educator or another person familiar with the child's way of "
                        "communicating helps;</li><li>wherever possible, the statement is "
                        "also recorded by audio-video means, which can reduce the number of "
                        "times the child has to repeat the account.</li></ul>"
                    ),
                ),
                (
                    "heading",
                    {
                        "text": "How the way we ask affects the child and the evidence",
                        "level": "h3",
                    },
                ),
                (
                    "text",
                    (
                        "<p>Children remember and describe events differently from adults. "
                        "They may not know the words for body parts or sexual acts, may not "
                        "give events in order, and may go quiet when frightened. Repeated "
                        "questioning by different people is distressing and can also make the "
                        "account less reliable, because a child may begin to give the answers "
                        "the adult seems to want. Good practice for anyone who talks to the "
                        "child, including counsellors and support persons:</p><ul>"
                        "<li>sit at the child's level, in a quiet and private place, and "
                        "explain who you are and why you are there;</li>"
                        "<li>use the child's own words for body parts and let the child use "
                        'drawings if that helps;</li><li>ask open questions and avoid "why" '
                        "questions, which can sound like blame;</li>"
                        "<li>allow breaks, water and the presence of a trusted adult;</li>"
                        '<li>never make promises about the outcome, such as "He will go to '
                        'jail".</li></ul>'
                    ),
                ),
                ("heading", {"text": "Medical examination and care", "level": "h2"}),
                (
                    "callout",
                    {
                        "kind": "law",
                        "title": "Medical examination",
                        "body": (
                            "<p>The medical examination of a child is conducted even if no "
                            "FIR or complaint has yet been registered, in accordance with the "
                            "criminal procedure law (formerly Section 164A of the CrPC, now "
                            "Section 184 of the BNSS). A girl is examined by a woman doctor. "
                            "The examination takes place in the presence of the parent or "
                            "another person the child trusts, and if no such person can be "
                            "present, in the presence of a woman nominated by the head of the "
                            "medical institution.</p>"
                        ),
                        "act": "Protection of Children from Sexual Offences Act, 2012",
                        "section": "Section 27",
                    },
                ),
                (
                    "text",
                    (
                        "<p>Medical care comes before evidence. Under the POCSO Rules, 2020, "
                        "no hospital or doctor may demand a police requisition, a "
                        "magistrate's order or other documents before giving emergency "
                        "medical care to a child. Hospitals must provide first aid and "
                        "treatment free of cost to victims of sexual offences. The doctor "
                        "should explain each step to the child and the trusted adult, obtain "
                        "informed consent (and the child's own agreement, in a way suited to "
                        "the child's age), and stop if the child is distressed. The "
                        "examination should also look at the child's needs for emergency "
                        "contraception, prevention of infections, and psychological "
                        "support.</p><p>The so-called two-finger test has no scientific basis "
                        "and violates the child's dignity; the Supreme Court has condemned it "
                        "and it must never be performed. Where a girl is pregnant, she and "
                        "her guardian should be informed and counselled about her options "
                        "under the Medical Termination of Pregnancy law, which allows "
                        "termination up to 24 weeks for certain categories, including "
                        "survivors of rape and minors, on the opinion of doctors.</p>"
                    ),
                ),
                (
                    "case_study",
                    {
                        "title": "Too many questions",
                        "scenario": (
                            "<p>Priya, 9, from a village near Gaya, told her teacher that a "
                            "neighbour had hurt her. By evening she had been questioned by "
                            "the teacher, the headmaster, the village head, two relatives and "
                            "a constable at the police station, where she waited until 10 "
                            "p.m. The next day a doctor at the district hospital refused to "
                            "examine her until the police brought a written requisition.</p>"
                        ),
                        "questions": [
                            "Which provisions of the Act and Rules were not followed?",
                            (
                                "What should the SJPU and the DCPU do now to limit further "
                                "harm to Priya?"
                            ),
                        ],
                        "discussion": (
                            "<p>Several safeguards were breached: the statement should have "
                            "been recorded once, at her home or a place of her choice, by a "
                            "woman officer not in uniform (Section 24); she should not have "
                            "been kept at the police station at night; and the hospital "
                            "should not have delayed care for lack of papers. The SJPU should "
                            "make sure that the statement is recorded properly, preferably "
                            "with audio-video recording, that a Magistrate's statement is "
                            "arranged without delay, and that the medical examination takes "
                            "place with a woman doctor and a trusted adult present. The DCPU "
                            "and CWC should consider a support person and counselling, and "
                            "brief the school and the village head on confidentiality.</p>"
                        ),
                    },
                ),
                (
                    "key_points",
                    {
                        "title": "Key points",
                        "points": [
                            (
                                "Statements are recorded at a place of the child's choice, by "
                                "a woman officer not in uniform where practicable, with no "
                                "contact with the accused."
                            ),
                            "No child may be kept in a police station at night.",
                            (
                                "A trusted adult, an interpreter or special educator, and "
                                "audio-video recording help the child and strengthen the "
                                "evidence."
                            ),
                            (
                                "Medical examination does not wait for an FIR; emergency care "
                                "does not wait for any paperwork; the two-finger test is "
                                "prohibited."
                            ),
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "Which of these are required or permitted by Sections 24 to 27 of "
                            "the POCSO Act? Select all that apply."
                        ),
                        "options": [
                            (
                                (
                                    "Recording the statement at the child's home if the child "
                                    "prefers"
                                ),
                                True,
                            ),
                            (
                                ("A special educator assisting a child with a hearing impairment"),
                                True,
                            ),
                            ("Medical examination of a girl by a woman doctor", True),
                            (
                                (
                                    "Keeping the child at the police station overnight so the "
                                    "statement can be completed in the morning"
                                ),
                                False,
                            ),
                        ],
                        "feedback_correct": (
                            "Correct. Keeping a child in a police station at night is "
                            "prohibited for any reason."
                        ),
                        "feedback_incorrect": (
                            "Section 24(4) prohibits keeping a child at a police station at "
                            "night for any reason. The other options are required or "
                            "permitted by the Act."
                        ),
                    },
                ),
            ],
        },
        {
            "title": "Special Courts, support persons and compensation",
            "slug": "special-courts-support-persons-compensation",
            "estimated_minutes": 20,
            "body": [
                ("heading", {"text": "Special Courts", "level": "h2"}),
                (
                    "text",
                    (
                        "<p>For speedy trial, the State Government, in consultation with the "
                        "Chief Justice of the High Court, designates a Court of Session in "
                        "each district as a <b>Special Court</b> under the POCSO Act (Section "
                        "28), and appoints a Special Public Prosecutor. The Act makes the "
                        "trial as child-friendly as the adversarial system allows:</p><ul>"
                        "<li>the defence lawyer and the prosecutor give their questions to "
                        "the judge, who puts them to the child (Section 33);</li>"
                        "<li>the court may allow frequent breaks and the presence of a "
                        "trusted family member or friend;</li>"
                        "<li>the child is not called repeatedly to testify, and aggressive "
                        "questioning or character assassination is not allowed;</li>"
                        "<li>the child does not have to see the accused while testifying: the "
                        "court may use video conferencing, a one-way mirror or a curtain "
                        "(Section 36);</li><li>the trial is held in camera, in the presence "
                        "of the child's parents or a trusted person (Section 37);</li>"
                        "<li>interpreters, translators and special educators help where "
                        "needed (Section 38);</li><li>the child's family is entitled to a "
                        "lawyer of their choice, and to free legal aid if they cannot afford "
                        "one (Section 40).</li></ul>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "law",
                        "title": "Time limits for evidence and trial",
                        "body": (
                            "<p>The child's evidence is to be recorded within thirty days of "
                            "the Special Court taking cognizance of the offence, and the "
                            "court must record reasons for any delay. The trial is to be "
                            "completed, as far as possible, within one year of cognizance.</p>"
                        ),
                        "act": "Protection of Children from Sexual Offences Act, 2012",
                        "section": "Section 35",
                    },
                ),
                ("heading", {"text": "The support person", "level": "h2"}),
                (
                    "callout",
                    {
                        "kind": "law",
                        "title": "Support person",
                        "body": (
                            "<p>On receiving the police report under Section 19(6), or on its "
                            "own assessment, the CWC may, with the consent of the child and "
                            "the parent, guardian or other trusted person, appoint a support "
                            "person to assist the child through investigation and trial. A "
                            "support person may be a person or organisation working in child "
                            "rights or child protection, an official of a children's home or "
                            "shelter home, or a person employed by the DCPU. The child or "
                            "family can ask for the support person to be changed or "
                            "withdrawn.</p>"
                        ),
                        "act": "Protection of Children from Sexual Offences Rules, 2020",
                        "section": "Rule 4",
                    },
                ),
                (
                    "text",
                    (
                        "<p>A good support person is the steady adult beside the child from "
                        "the first days after the report until the end of the trial. In "
                        "practice the role includes:</p><ul>"
                        "<li>explaining to the child and family, in simple language, what "
                        "will happen at each stage: statements, medical examination, court "
                        "dates;</li><li>accompanying the child to the police, the hospital, "
                        "the Magistrate and the court, and helping to prepare the child for "
                        "giving evidence, without coaching the child on what to say;</li>"
                        "<li>keeping the family informed about the progress of the case, "
                        "including bail applications and the accused's release;</li>"
                        "<li>linking the child to counselling, schooling, medical care and "
                        "the legal aid lawyer;</li><li>reporting to the CWC on the child's "
                        "well-being and raising concerns about safety or pressure on the "
                        "family;</li><li>keeping everything confidential.</li></ul>"
                        "<p>The support person does not replace the prosecutor, the police or "
                        "the counsellor, and must never pressure the child or family either "
                        "to continue with or withdraw the case.</p>"
                    ),
                ),
                ("heading", {"text": "Special relief and compensation", "level": "h2"}),
                (
                    "text",
                    (
                        "<p>Children and families often face urgent costs after a report: "
                        "travel to the hospital and court, lost wages, a change of school or "
                        "home. The POCSO Rules, 2020 provide two forms of financial "
                        "help:</p><ul><li><b>Special relief (Rule 8)</b>: for immediate needs "
                        "such as food, clothes and transport, the CWC may recommend an "
                        "immediate payment by the District Legal Services Authority or by the "
                        "DCPU from funds placed at its disposal. The payment is to be made "
                        "within a week of the recommendation.</li>"
                        "<li><b>Compensation (Rule 9 and Section 33(8))</b>: the Special "
                        "Court may order interim compensation at any stage after the FIR is "
                        "registered, for the child's relief or rehabilitation. At the end of "
                        "the trial it may order compensation not only where the accused is "
                        "convicted, but also where the case ends in acquittal or discharge or "
                        "the accused is not traced, if the child has suffered loss or injury. "
                        "The State Government pays from the Victim Compensation Fund within "
                        "thirty days of receiving the order.</li></ul>"
                        "<p>The support person, the DCPU and the legal aid lawyer should make "
                        "sure that applications are actually made, that the child has a bank "
                        "account where required, and that the money reaches the child.</p>"
                    ),
                ),
                (
                    "key_points",
                    {
                        "title": "Key points",
                        "points": [
                            (
                                "Special Courts record the child's evidence within 30 days of "
                                "cognizance and aim to finish the trial within one year."
                            ),
                            (
                                "The child testifies without seeing the accused, in camera, "
                                "with questions put through the judge."
                            ),
                            (
                                "The CWC may appoint a support person with the consent of the "
                                "child and family; the support person informs, accompanies "
                                "and links the child to services."
                            ),
                            (
                                "Special relief for immediate needs is paid within a week of "
                                "the CWC's recommendation; compensation ordered by the "
                                "Special Court is paid within 30 days."
                            ),
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "The accused in a POCSO case is acquitted because a key witness "
                            "turned hostile. Can the Special Court still order compensation "
                            "for the child?"
                        ),
                        "options": [
                            (
                                (
                                    "Yes. Compensation can be ordered even on acquittal or "
                                    "discharge if the child has suffered loss or injury."
                                ),
                                True,
                            ),
                            ("No. Compensation is possible only after conviction.", False),
                            ("Only if the child files a separate civil suit.", False),
                        ],
                        "feedback_correct": (
                            "Correct. The POCSO Rules allow compensation on conviction, "
                            "acquittal, discharge or where the accused is not traced, if the "
                            "child has suffered loss or injury."
                        ),
                        "feedback_incorrect": (
                            "Compensation does not depend on conviction. The Rules allow it "
                            "on acquittal, discharge or when the accused is not traced, if "
                            "the child has suffered loss or injury."
                        ),
                    },
                ),
            ],
        },
        {
            "title": "Protecting the child's identity and looking after yourself",
            "slug": "privacy-and-self-care",
            "estimated_minutes": 15,
            "body": [
                ("heading", {"text": "No disclosure of identity", "level": "h2"}),
                (
                    "callout",
                    {
                        "kind": "law",
                        "title": "Procedure for media",
                        "body": (
                            "<p>No person may make a report or comment on a child from any "
                            "form of media or studio or photographic facility without "
                            "complete and authentic information, and no report may disclose "
                            "the identity of a child, including the child's name, address, "
                            "photograph, family details, school, neighbourhood or any other "
                            "particulars that could lead to identification. The Special Court "
                            "may permit disclosure only where it is in the interest of the "
                            "child, for reasons recorded in writing. Breach is punishable "
                            "with imprisonment of six months to one year, a fine, or both.</p>"
                        ),
                        "act": "Protection of Children from Sexual Offences Act, 2012",
                        "section": "Section 23",
                    },
                ),
                (
                    "text",
                    (
                        "<p>Section 23 is written for the media, but the same duty applies in "
                        "spirit, and through Section 74 of the JJ Act and the Special Court's "
                        "orders, to everyone who handles the case. Breaches often happen "
                        "through carelessness rather than malice:</p><ul>"
                        "<li>a forwarded WhatsApp message with the child's FIR or medical "
                        "report;</li><li>a press note from an institution or an awareness "
                        "rally that names the village and the school;</li>"
                        "<li>a meeting register, left on a table, that lists the child's name "
                        'against the words "POCSO case";</li>'
                        "<li>a well-meaning community meeting where the family's situation is "
                        "discussed openly.</li></ul><p>Use case numbers or initials in "
                        "registers and reports circulated beyond the case team. Share "
                        "documents only with those who need them. Store files in locked "
                        "cupboards or password-protected systems. When you talk about a case "
                        "for training or supervision, change or remove identifying "
                        "details.</p>"
                    ),
                ),
                ("heading", {"text": "The cost of caring", "level": "h2"}),
                (
                    "text",
                    (
                        "<p>Listening to children describe sexual abuse, reading medical "
                        "reports and sitting through hostile cross-examination affects "
                        "professionals. <b>Secondary traumatic stress</b>, sometimes called "
                        "vicarious trauma, can build up quietly. Signs include intrusive "
                        "images of a child's account, difficulty sleeping, irritability, "
                        "feeling numb or hopeless, avoiding certain cases, being unusually "
                        "suspicious of all adults around children, or increased use of "
                        "alcohol or tobacco. <b>Burnout</b> is related but comes more from "
                        "workload and lack of support: exhaustion, cynicism and a sense that "
                        "nothing you do matters.</p><p>These reactions are not a sign of "
                        "weakness; they are an occupational risk, like injury for a "
                        "construction worker, and they need to be managed at both personal "
                        "and organisational level.</p>"
                    ),
                ),
                ("heading", {"text": "What helps", "level": "h3"}),
                (
                    "text",
                    (
                        "<ul><li><b>Regular supervision</b> in which you can talk about how a "
                        "case has affected you, not only about its progress.</li>"
                        "<li><b>Peer support</b>: a short debrief with a colleague after a "
                        "difficult interview or court day.</li>"
                        "<li><b>Boundaries</b>: finishing notes before leaving the office, "
                        "not carrying case files home, and keeping at least some time each "
                        "week that is free of work.</li>"
                        "<li><b>Basic routines</b>: sleep, food, movement, and time with "
                        "people and activities that restore you.</li>"
                        "<li><b>Realistic workloads</b> and rotation of the most distressing "
                        "tasks, which DCPO and CCI managers can arrange.</li>"
                        "<li><b>Professional help</b> from a counsellor or mental health "
                        "professional when distress persists, which is a responsible "
                        "choice.</li></ul>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "note",
                        "title": "For supervisors",
                        "body": (
                            "<p>Ask your team directly how they are coping, especially after "
                            "a particularly distressing case. Build time for debriefing into "
                            "the schedule rather than expecting staff to ask for it, and "
                            "model healthy limits yourself. Staff who are exhausted make more "
                            "mistakes, and children pay for those mistakes.</p>"
                        ),
                        "act": "",
                        "section": "",
                    },
                ),
                (
                    "case_study",
                    {
                        "title": "The counsellor who could not switch off",
                        "scenario": (
                            "<p>Farida has been the DCPU counsellor in Malda for three years "
                            "and supports most of the district's POCSO cases. Recently she "
                            "has been sleeping badly, snapping at her own children, and she "
                            "finds herself dreading the court dates she used to handle "
                            "calmly. She has not told anyone, because she believes the "
                            "children need her more than ever.</p>"
                        ),
                        "questions": [
                            "Which signs of secondary traumatic stress or burnout can you see?",
                            "What can Farida do, and what should the DCPO do?",
                        ],
                        "discussion": (
                            "<p>Disturbed sleep, irritability and dread are typical signs. "
                            "Farida can talk to a trusted colleague or her supervisor, use "
                            "supervision time to reflect on how the cases affect her, restore "
                            "basic routines, and seek professional support if the symptoms "
                            "continue. The DCPO should make supervision regular, share the "
                            "caseload with other trained staff or empanelled counsellors, and "
                            "arrange debriefs after court days. Looking after Farida is also "
                            "looking after the children she serves.</p>"
                        ),
                    },
                ),
                (
                    "key_points",
                    {
                        "title": "Key points",
                        "points": [
                            (
                                "No report may disclose the child's name, address, "
                                "photograph, family, school, neighbourhood or any identifying "
                                "detail."
                            ),
                            (
                                "Most breaches of confidentiality are careless: forwarded "
                                "messages, open registers, press notes. Use initials or case "
                                "numbers."
                            ),
                            (
                                "Secondary traumatic stress and burnout are occupational "
                                "risks for everyone who works with abused children."
                            ),
                            (
                                "Supervision, peer debriefs, boundaries, realistic workloads "
                                "and professional help protect staff and the quality of their "
                                "work."
                            ),
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "Which of these actions could breach the child's right to "
                            "privacy? Select all that apply."
                        ),
                        "options": [
                            ("Forwarding the FIR in a district officers' WhatsApp group", True),
                            (
                                "A press note that names the child's school but not the child",
                                True,
                            ),
                            (
                                (
                                    "Using initials and a case number in the monthly report "
                                    "to the State"
                                ),
                                False,
                            ),
                        ],
                        "feedback_correct": (
                            "Correct. The first two can lead to identification; initials and "
                            "a case number are good practice."
                        ),
                        "feedback_incorrect": (
                            "Any detail that could identify the child, such as the school or "
                            "the FIR, must not be shared beyond those who need it. Initials "
                            "and case numbers are the right practice."
                        ),
                    },
                ),
            ],
        },
    ],
    "assessment": {
        "title": "Assessment: POCSO reporting and child-friendly procedures",
        "slug": "assessment",
        "intro": (
            "Thirteen questions on the POCSO Act and Rules. You need 70 percent to pass. Many "
            "questions describe situations from practice: choose the response the law "
            "requires and that best protects the child."
        ),
        "pass_mark": None,
        "draw_count": None,
        "shuffle_questions": True,
        "shuffle_options": True,
        "questions": [
            (
                "true_false",
                {
                    "question": "The POCSO Act protects boys as well as girls.",
                    "points": 1,
                    "explanation": (
                        "True. The Act is gender-neutral: every person below 18 is a child, "
                        "whatever the gender."
                    ),
                    "correct_answer": "true",
                },
            ),
            (
                "single_choice",
                {
                    "question": "To whom must a report under Section 19 be made?",
                    "points": 1,
                    "explanation": (
                        "Section 19 requires information to be given to the Special Juvenile "
                        "Police Unit or the local police. 1098 and 112 can help you reach "
                        "them."
                    ),
                    "options": [
                        ("The Special Juvenile Police Unit or the local police", True),
                        ("The head of the institution only", False),
                        ("The Child Welfare Committee only", False),
                        ("The State Commission for Protection of Child Rights", False),
                    ],
                },
            ),
            (
                "multiple_choice",
                {
                    "question": (
                        "A school counsellor hears a disclosure of abuse from a 12-year-old. "
                        "Which actions are appropriate? Select all that apply."
                    ),
                    "points": 2,
                    "explanation": (
                        "Listening, reassuring, recording the child's words and reporting are "
                        "appropriate. Promising secrecy and confronting the alleged abuser "
                        "are not."
                    ),
                    "options": [
                        ("Listen calmly and tell the child it is not his or her fault", True),
                        ("Write down the child's words, with date and time", True),
                        ("Report to the SJPU or local police", True),
                        ("Promise the child that no one else will be told", False),
                        ("Call the alleged abuser to hear his side", False),
                    ],
                },
            ),
            (
                "single_choice",
                {
                    "question": (
                        "What is the consequence under Section 21 for the principal of a "
                        "school who knows that a teacher has abused a student and does not "
                        "report it?"
                    ),
                    "points": 1,
                    "explanation": (
                        "A person in charge of an institution who fails to report an offence "
                        "by a subordinate is punishable with imprisonment of up to one year "
                        "and a fine."
                    ),
                    "options": [
                        ("Imprisonment of up to one year and a fine", True),
                        ("No consequence, since the principal did not commit the abuse", False),
                        ("A departmental warning only", False),
                        ("A fine only", False),
                    ],
                },
            ),
            (
                "true_false",
                {
                    "question": (
                        "A person who reports a suspected POCSO offence in good faith can be "
                        "sued if the allegation is not proved."
                    ),
                    "points": 1,
                    "explanation": (
                        "False. Section 19(7) protects anyone who gives information in good "
                        "faith from civil or criminal liability."
                    ),
                    "correct_answer": "false",
                },
            ),
            (
                "multiple_choice",
                {
                    "question": (
                        "Which of the following are safeguards under Section 24 when the "
                        "police record a child's statement? Select all that apply."
                    ),
                    "points": 2,
                    "explanation": (
                        "The statement is recorded at a place of the child's choice, by a "
                        "woman officer not below sub-inspector where practicable, not in "
                        "uniform, with no contact with the accused, and no child is kept in a "
                        "police station at night."
                    ),
                    "options": [
                        ("The officer is not in uniform.", True),
                        ("The child does not come into contact with the accused.", True),
                        ("The child is not detained in the police station at night.", True),
                        ("The accused's lawyer is present to ensure fairness.", False),
                    ],
                },
            ),
            (
                "single_choice",
                {
                    "question": (
                        "A girl is brought to hospital after a sexual assault, but no FIR has "
                        "been registered yet. What should the hospital do?"
                    ),
                    "points": 1,
                    "explanation": (
                        "Section 27 allows the medical examination even before an FIR, and "
                        "the Rules forbid demanding a police requisition before emergency "
                        "care. A woman doctor examines a girl, with a trusted adult present."
                    ),
                    "options": [
                        (
                            (
                                "Provide care and carry out the examination with a woman "
                                "doctor and a trusted adult present, without waiting for an "
                                "FIR"
                            ),
                            True,
                        ),
                        (
                            "Refuse examination until the police bring a written requisition",
                            False,
                        ),
                        ("Examine her only after a Magistrate's order", False),
                        ("Send her home and ask the family to return with the police", False),
                    ],
                },
            ),
            (
                "true_false",
                {
                    "question": (
                        "Under Section 35, the Special Court should complete the trial, as "
                        "far as possible, within one year of taking cognizance."
                    ),
                    "points": 1,
                    "explanation": (
                        "True. Section 35 also requires the child's evidence to be recorded "
                        "within 30 days of cognizance."
                    ),
                    "correct_answer": "true",
                },
            ),
            (
                "single_choice",
                {
                    "question": (
                        "Which of these best describes the role of a support person under "
                        "Rule 4 of the POCSO Rules, 2020?"
                    ),
                    "points": 1,
                    "explanation": (
                        "The support person assists the child and family throughout "
                        "investigation and trial: informing, accompanying, linking to "
                        "services and keeping the CWC informed, with the consent of the child "
                        "and family."
                    ),
                    "options": [
                        (
                            (
                                "To assist the child and family through investigation and "
                                "trial, keeping them informed and linking them to services"
                            ),
                            True,
                        ),
                        ("To decide whether the case should go to trial", False),
                        ("To cross-examine witnesses on the child's behalf", False),
                        ("To persuade the family to settle the case with the accused", False),
                    ],
                },
            ),
            (
                "multiple_choice",
                {
                    "question": (
                        "Which statements about financial support for a child under the POCSO "
                        "Rules, 2020 are correct? Select all that apply."
                    ),
                    "points": 2,
                    "explanation": (
                        "The CWC can recommend special relief, paid within a week; the "
                        "Special Court can order interim compensation after the FIR, and "
                        "compensation even on acquittal; the State pays within 30 days."
                    ),
                    "options": [
                        (
                            (
                                "The CWC can recommend special relief for immediate needs, to "
                                "be paid within a week."
                            ),
                            True,
                        ),
                        (
                            (
                                "The Special Court can order interim compensation at any "
                                "stage after the FIR."
                            ),
                            True,
                        ),
                        (
                            "Compensation can be ordered only if the accused is convicted.",
                            False,
                        ),
                        (
                            ("The child must wait until the appeal is decided before any payment."),
                            False,
                        ),
                    ],
                },
            ),
            (
                "single_choice",
                {
                    "question": (
                        "A local news channel wants to show the house where a POCSO survivor "
                        "lives, without naming her. What does Section 23 say?"
                    ),
                    "points": 1,
                    "explanation": (
                        "Showing the house or neighbourhood may identify the child. Only the "
                        "Special Court can permit disclosure, and only in the child's "
                        "interest."
                    ),
                    "options": [
                        (
                            (
                                "It is prohibited, because the address or neighbourhood could "
                                "identify the child."
                            ),
                            True,
                        ),
                        ("It is allowed, because her name is not mentioned.", False),
                        ("It is allowed if the parents consent.", False),
                        ("It is allowed after the trial is over.", False),
                    ],
                },
            ),
            (
                "true_false",
                {
                    "question": (
                        "The two-finger test may be used by doctors if the parents consent."
                    ),
                    "points": 1,
                    "explanation": (
                        "False. The test has no scientific basis, violates the child's "
                        "dignity and has been condemned by the Supreme Court; it must never "
                        "be performed."
                    ),
                    "correct_answer": "false",
                },
            ),
            (
                "single_choice",
                {
                    "question": (
                        "A DCPU social worker notices that since handling several POCSO cases "
                        "she has trouble sleeping and feels numb at work. What is the most "
                        "appropriate step?"
                    ),
                    "points": 1,
                    "explanation": (
                        "These are signs of secondary traumatic stress. Raising them in "
                        "supervision and seeking support is a responsible step; ignoring them "
                        "increases the risk to the worker and to the quality of her work."
                    ),
                    "options": [
                        ("Raise it in supervision and seek peer or professional support", True),
                        ("Ignore it, since it is part of the job", False),
                        ("Avoid all POCSO cases without telling anyone", False),
                        ("Take on more cases to keep busy", False),
                    ],
                },
            ),
        ],
    },
}
