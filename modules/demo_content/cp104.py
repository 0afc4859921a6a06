"""CP-104: Case management and the Individual Care Plan (blended)."""

MODULE = {
    "code": "CP-104",
    "slug": "case-management-and-individual-care-plan",
    "title": "Case management and the Individual Care Plan",
    "version": "1.0",
    "summary": (
        "A blended module on working with an individual child from first contact to case "
        "closure. The online lessons cover the case management cycle, assessment and the "
        "Social Investigation Report, preparing and reviewing the Individual Care Plan under "
        "the JJ Model Rules, restoration, repatriation and follow-up, case records and "
        "confidentiality, and working with families. Classroom sessions add case practice "
        "with real formats. To complete the module you must finish the lessons, pass the "
        "assessment and attend at least 75 percent of the sessions."
    ),
    "learning_outcomes": [
        (
            "Describe the stages of the case management cycle and the responsibilities of the "
            "CCI, the DCPU, the CWC and the JJB at each stage."
        ),
        (
            "Plan and carry out a social investigation that draws on the child, the family "
            "and other sources, and write a reasoned Social Investigation Report."
        ),
        (
            "Prepare an Individual Care Plan with the child that sets specific goals for each "
            "area of need, names who is responsible and when the plan will be reviewed."
        ),
        (
            "Plan restoration and inter-district or inter-state repatriation, including "
            "preparation of the child and family and follow-up after the child returns home."
        ),
        (
            "Keep complete, accurate and confidential case records, use the tracking systems, "
            "and work with families as partners while keeping the child's safety first."
        ),
    ],
    "cadres": [
        "dcpo",
        "po-institutional",
        "po-non-institutional",
        "legal-probation-officer",
        "counsellor",
        "social-worker",
        "outreach-worker",
        "data-analyst",
        "cwc-member",
        "jjb-member",
        "cci-superintendent",
        "cci-staff",
    ],
    "competencies": [
        "Assesses a child's situation and risks (social investigation)",
        "Prepares and reviews an Individual Care Plan",
        "Plans restoration, repatriation and follow-up",
        "Takes the child's views into account in decisions",
        "Keeps case records and registers as the rules require",
        "Protects children's personal data and confidentiality",
        "Uses the tracking and management information systems",
        "Uses supervision and peer support",
    ],
    "prerequisites": ["CP-102"],
    "pass_mark": 70,
    "max_attempts": 3,
    "retake_cooldown_hours": 0,
    "completion_rule": "lessons_assessment_attendance",
    "required_attendance_percent": 75,
    "awards_certificate": True,
    "certificate_validity_months": None,
    "lessons": [
        {
            "title": "The case management cycle",
            "slug": "case-management-cycle",
            "estimated_minutes": 15,
            "body": [
                ("heading", {"text": "What case management means", "level": "h2"}),
                (
                    "text",
                    (
                        "<p>Case management is the way we organise work with one child and "
                        "family so that nothing important is missed and someone is always "
                        "responsible. Without it, a child may be well fed in a children's "
                        "home for years while nobody traces the family, arranges school "
                        "admission or prepares the child for leaving care. With it, every "
                        "decision is based on an assessment, written into a plan, acted upon, "
                        "reviewed and recorded.</p><p>The JJ Act and the Model Rules build "
                        "case management into the system. The CWC and the JJB order social "
                        "investigations; every child in care must have an Individual Care "
                        "Plan (ICP); institutions keep individual case files; progress is "
                        "reviewed; and restoration and follow-up are the expected outcome "
                        "wherever they are in the child's best interest.</p>"
                    ),
                ),
                ("heading", {"text": "The stages of the cycle", "level": "h2"}),
                (
                    "text",
                    (
                        "<ol><li><b>Identification and intake.</b> The child comes to notice "
                        "through the police, 1098, an outreach worker, a school or the "
                        "community, and is produced before the CWC or the JJB. Immediate "
                        "needs (safety, food, medical care, contact with family) are met "
                        "first.</li><li><b>Assessment.</b> The case worker gathers "
                        "information from the child, the family, the school, health workers "
                        "and records, leading to the Social Investigation Report (SIR) within "
                        "fifteen days.</li><li><b>Planning.</b> The ICP is prepared with the "
                        "child, setting goals and services for each area of need and the "
                        "long-term plan for where the child will live.</li>"
                        "<li><b>Implementation.</b> Services are arranged: school admission, "
                        "health care, counselling, skill training, legal aid, family work, "
                        "sponsorship.</li><li><b>Review.</b> Progress is checked at regular "
                        "intervals and the plan is revised when circumstances change.</li>"
                        "<li><b>Transition and follow-up.</b> The child is restored to "
                        "family, placed in family-based care or moved to after-care, with "
                        "follow-up visits.</li><li><b>Closure.</b> The case is closed when "
                        "the goals are met and the child is safe and settled, with the "
                        "reasons recorded.</li></ol><p>The cycle is not strictly linear. New "
                        "information, a new risk or a change in the family sends you back to "
                        "assessment and planning.</p>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "law",
                        "title": "Rehabilitation based on the care plan",
                        "body": (
                            "<p>The process of rehabilitation and social re-integration of "
                            "children under the Act is to be undertaken on the basis of the "
                            "child's Individual Care Plan, preferably through family-based "
                            "care such as restoration to the family or guardian, with or "
                            "without supervision or sponsorship, or adoption or foster "
                            "care.</p>"
                        ),
                        "act": "Juvenile Justice (Care and Protection of Children) Act, 2015",
                        "section": "Section 39",
                    },
                ),
                ("heading", {"text": "Who does what", "level": "h3"}),
                (
                    "text",
                    (
                        "<ul><li>The <b>CWC or JJB</b> orders investigations, approves plans, "
                        "passes placement and restoration orders and reviews "
                        "progress.</li><li>The <b>child care institution</b> (its "
                        "superintendent, case workers, Child Welfare Officer, counsellor) "
                        "prepares and implements the ICP for children in its care and keeps "
                        "the case file.</li><li>The <b>DCPU</b> (Protection Officers, social "
                        "workers, counsellor, Legal cum Probation Officer) supports "
                        "investigations, home visits, non-institutional care, inter-district "
                        "coordination and follow-up, and monitors institutions.</li>"
                        "<li>The <b>probation officer</b> prepares the SIR and ICP for "
                        "children in conflict with law and supervises those on "
                        "probation.</li><li><b>Other departments</b> provide services: "
                        "schools, health, labour, police, legal services, Panchayati Raj "
                        "institutions.</li></ul><p>One person should be named as the <b>case "
                        "worker</b> for each child, responsible for coordinating everyone "
                        "else. When several agencies are involved and no one is named, each "
                        "tends to assume that another is acting.</p>"
                    ),
                ),
                (
                    "quote",
                    {
                        "text": (
                            "A child shall be placed in institutional care as a step of last "
                            "resort after making a reasonable inquiry."
                        ),
                        "attribution": (
                            "Juvenile Justice (Care and Protection of Children) Act, 2015"
                        ),
                        "source": (
                            "Section 3(xii), principle of institutionalisation as a measure "
                            "of last resort"
                        ),
                    },
                ),
                (
                    "key_points",
                    {
                        "title": "Key points",
                        "points": [
                            (
                                "Case management links assessment, planning, action, review "
                                "and follow-up for each child, with one named case worker."
                            ),
                            (
                                "The SIR is due within fifteen days; the ICP guides "
                                "rehabilitation under Section 39."
                            ),
                            (
                                "The CWC or JJB decides; the CCI, DCPU and probation officers "
                                "assess, plan, implement and follow up."
                            ),
                            (
                                "The cycle repeats whenever new information or a change in "
                                "circumstances arises."
                            ),
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "A girl has been in a children's home for 14 months. Her file has "
                            "an admission order and monthly attendance records, but no SIR "
                            "and no ICP. What is the most important gap?"
                        ),
                        "options": [
                            (
                                (
                                    "There has been no assessment or plan, so no one is "
                                    "working towards restoration or another family-based "
                                    "option."
                                ),
                                True,
                            ),
                            (
                                "The attendance records should be weekly rather than monthly.",
                                False,
                            ),
                            ("There is no gap as long as she is safe and in school.", False),
                        ],
                        "feedback_correct": (
                            "Correct. Without an SIR and ICP the child's stay has no "
                            "direction, contrary to Sections 36, 39 and 40 of the JJ Act."
                        ),
                        "feedback_incorrect": (
                            "Safety alone is not enough. Without an assessment and a plan, "
                            "nobody is working towards her return to a family, which the Act "
                            "treats as the primary aim."
                        ),
                    },
                ),
            ],
        },
        {
            "title": "Assessment and the Social Investigation Report",
            "slug": "assessment-and-sir",
            "estimated_minutes": 20,
            "body": [
                ("heading", {"text": "Assessing strengths as well as problems", "level": "h2"}),
                (
                    "text",
                    (
                        "<p>A social investigation aims to understand the child's situation "
                        "well enough to recommend what is best for the child. It asks: What "
                        "has happened to this child? What does the child need now and in the "
                        "long term? Who in the child's life can provide safe care, and what "
                        "would they need to do so? What are the risks, and what protects the "
                        "child?</p><p>A good assessment looks for strengths as well as "
                        "problems. A grandmother who visits every month, a teacher who "
                        "noticed the child, a skill the child is proud of: these are the "
                        "building blocks of a plan. An assessment that lists only deficits "
                        "usually leads to a recommendation for institutional care.</p>"
                    ),
                ),
                ("heading", {"text": "Sources of information", "level": "h3"}),
                (
                    "text",
                    (
                        "<ul><li><b>The child</b>, in one or more conversations suited to the "
                        "child's age, language and state of mind. Explain who you are and why "
                        "you are asking; tell the child what will happen with the "
                        "information.</li><li><b>Parents, relatives and other caregivers</b>, "
                        "ideally during a home visit, which shows the living conditions, "
                        "relationships and neighbourhood in a way no office interview "
                        "can.</li><li><b>Others who know the child</b>: teachers, anganwadi "
                        "workers, ASHAs, the village committee, employers in labour cases, "
                        "with due regard to confidentiality.</li>"
                        "<li><b>Records</b>: school certificates, birth and health records, "
                        "previous case files, the police report or general diary entry, "
                        "earlier CWC or JJB orders.</li>"
                        "<li><b>Specialists</b>: medical, psychological or educational "
                        "assessments where needed.</li></ul>"
                        "<p>Where the family lives in another district or State, ask the DCPU "
                        "there to carry out the home visit. Do not let distance become the "
                        "reason the family is never assessed.</p>"
                    ),
                ),
                ("heading", {"text": "What the SIR should contain", "level": "h2"}),
                (
                    "text",
                    (
                        "<p>The Model Rules prescribe SIR formats for children in need of "
                        "care and protection and for children in conflict with law, and many "
                        "States have adapted them. Whatever the format, a useful report "
                        "covers:</p><ul><li>the child's identity details and how the child "
                        "came into contact with the system;</li>"
                        "<li>the family: members, relationships, income and occupation, "
                        "housing, health, any history of violence, substance use, migration "
                        "or debt;</li><li>the child's education, health, disability, "
                        "behaviour, friendships, interests and any experience of abuse, "
                        "exploitation or work;</li><li>for a child in conflict with law, the "
                        "circumstances of the alleged offence as the child and family "
                        "describe them, without deciding guilt, and any factors such as peer "
                        "pressure, substance use or neglect;</li>"
                        "<li>risks to the child and protective factors;</li>"
                        "<li>the child's own views and wishes;</li>"
                        "<li>the case worker's analysis and a clear, reasoned "
                        "recommendation.</li></ul>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "warning",
                        "title": "Facts, opinions and prejudice",
                        "body": (
                            "<p>Separate what you saw or were told (and by whom) from your "
                            'analysis. Avoid labels such as "immoral mother", "habitual '
                            'liar" or "criminal family"; describe behaviour and its effect '
                            "on the child instead. The JJ Act's principle of non-stigmatising "
                            "semantics applies to reports as much as to speech, and a biased "
                            "report can decide a child's future.</p>"
                        ),
                        "act": "",
                        "section": "",
                    },
                ),
                (
                    "case_study",
                    {
                        "title": "Two versions of a home visit",
                        "scenario": (
                            "<p>Suresh, 12, was found begging at a bus stand in Jaipur and "
                            "told the CWC that his father drinks and beats him. A social "
                            "worker visits the family in a settlement on the city's edge. "
                            'Report A says: "Home is dirty. Father is a drunkard. Mother is '
                            "uneducated and unable to control children. Restoration not "
                            'advisable." Report B says: "One-room house, clean but crowded; '
                            "six members. Father works as a loader and admits drinking most "
                            "evenings; mother and a neighbour confirm he hits Suresh when "
                            "drunk. Mother, a domestic worker, is worried about Suresh and "
                            "wants him home; she has protected the younger children by taking "
                            "them to her sister's house when the father is violent. Suresh's "
                            "school record shows regular attendance until six months ago. "
                            "Suresh says he misses his mother and sister but is afraid of his "
                            'father."</p>'
                        ),
                        "questions": [
                            (
                                "Which report better supports a decision in Suresh's best "
                                "interest, and why?"
                            ),
                            (
                                "What further information would you want before recommending "
                                "restoration or another option?"
                            ),
                        ],
                        "discussion": (
                            "<p>Report B records observations, sources and the views of the "
                            "child and mother, and identifies both a serious risk (the "
                            "father's violence when drunk) and a protective factor (the "
                            "mother's efforts to protect the children). It opens up options "
                            "such as restoration with conditions, de-addiction support for "
                            "the father, protection under the domestic violence law, "
                            "supervision and sponsorship, or temporary care with the aunt. "
                            "Report A only passes judgement. Before recommending, the worker "
                            "would want to know whether the father accepts help, whether the "
                            "mother can keep Suresh safe, whether the aunt can be a fit "
                            "person, and what Suresh himself would prefer after these options "
                            "are explained.</p>"
                        ),
                    },
                ),
                (
                    "key_points",
                    {
                        "title": "Key points",
                        "points": [
                            (
                                "A social investigation weighs risks and protective factors "
                                "and looks for the strengths on which a plan can be built."
                            ),
                            (
                                "Use several sources: the child, the family, a home visit, "
                                "others who know the child, records and specialists."
                            ),
                            (
                                "Record facts with their sources, separate them from "
                                "analysis, and avoid stigmatising labels."
                            ),
                            (
                                "Always include the child's views and a clear, reasoned "
                                "recommendation."
                            ),
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "Which of the following belong in a Social Investigation Report? "
                            "Select all that apply."
                        ),
                        "options": [
                            ("The child's own views and wishes", True),
                            ("Protective factors in the family and community", True),
                            (
                                (
                                    "The case worker's conclusion that the child is guilty of "
                                    "the alleged offence"
                                ),
                                False,
                            ),
                        ],
                        "feedback_correct": (
                            "Correct. An SIR informs decisions about care and rehabilitation; "
                            "it never decides guilt."
                        ),
                        "feedback_incorrect": (
                            "The SIR includes the child's views and protective factors, but "
                            "it never decides guilt; that is for the Board's inquiry."
                        ),
                    },
                ),
            ],
        },
        {
            "title": "Preparing the Individual Care Plan",
            "slug": "preparing-the-icp",
            "estimated_minutes": 20,
            "body": [
                ("heading", {"text": "What the ICP is", "level": "h2"}),
                (
                    "text",
                    (
                        "<p>The Model Rules describe the ICP as a comprehensive development "
                        "plan for a child, based on age- and gender-specific needs and the "
                        "case history, prepared in consultation with the child, to restore "
                        "the child's self-esteem, dignity and self-worth and to nurture the "
                        "child into a responsible citizen. It covers at least:</p><ul>"
                        "<li>health and nutrition, including any disability or chronic "
                        "illness;</li><li>emotional and psychological support;</li>"
                        "<li>education and vocational training;</li>"
                        "<li>leisure, creativity and play;</li>"
                        "<li>attachments and relationships, including contact with "
                        "family;</li><li>protection from all kinds of abuse, neglect and "
                        "maltreatment;</li><li>social mainstreaming, such as documents, "
                        "scheme entitlements and community links;</li>"
                        "<li>follow-up after release or restoration.</li></ul>"
                        "<p>The Model Rules provide an ICP format, and many States use "
                        "adapted versions. For a child in a CCI, the institution's case "
                        "worker or Child Welfare Officer prepares it; for a child in conflict "
                        "with law, the probation officer. The CWC or JJB considers it and may "
                        "direct changes.</p>"
                    ),
                ),
                ("heading", {"text": "Writing goals that can be acted on", "level": "h2"}),
                (
                    "text",
                    (
                        '<p>Many ICPs fail because they are too general: "Child will be '
                        'given education and counselling." A useful plan states, for each '
                        "area of need:</p><ul><li>the <b>need</b> identified in the "
                        "assessment;</li><li>a <b>specific goal</b> that can be "
                        "checked;</li><li>the <b>actions</b> and services required;</li>"
                        "<li>the <b>person or agency responsible</b>;</li>"
                        "<li>a <b>time frame</b>;</li>"
                        "<li>how and when <b>progress</b> will be reviewed.</li></ul>"
                        '<p>For example: "Need: Reena (14) has been out of school for two '
                        "years and reads at Class 3 level. Goal: enrol in Class 7 at the "
                        "government school near the home by 15 July and reach Class 5 reading "
                        "level by December. Actions: obtain transfer certificate from her "
                        "previous school; bridge classes in the home every evening; meet the "
                        "class teacher monthly. Responsible: home's case worker with the "
                        'educator. Review: at the monthly case review."</p>'
                        "<p>Every ICP should also state the <b>long-term placement goal</b>: "
                        "restoration to family, kinship care, foster care, adoption, or "
                        "preparation for independent living. A plan that records only "
                        "day-to-day care, with no goal for where the child will grow up, is "
                        "incomplete.</p>"
                    ),
                ),
                ("heading", {"text": "Planning with the child", "level": "h3"}),
                (
                    "text",
                    (
                        '<p>"In consultation with the child" means more than a signature. '
                        "Explain the purpose of the plan in words the child understands; ask "
                        "what the child wants to achieve, whom the child wants to stay in "
                        "touch with, and what worries the child; record these views in the "
                        "child's own words; and explain why, if a wish cannot be met. Younger "
                        "children can take part through drawings, play or simple choices. "
                        "Older children can help set their own goals and review their "
                        "progress. Children who feel the plan is theirs are more likely to "
                        "work towards it.</p>"
                    ),
                ),
                (
                    "quote",
                    {
                        "text": (
                            "States Parties shall assure to the child who is capable of "
                            "forming his or her own views the right to express those views "
                            "freely in all matters affecting the child, the views of the "
                            "child being given due weight in accordance with the age and "
                            "maturity of the child."
                        ),
                        "attribution": "United Nations Convention on the Rights of the Child",
                        "source": "Article 12(1)",
                    },
                ),
                ("heading", {"text": "Reviewing the plan", "level": "h2"}),
                (
                    "text",
                    (
                        "<p>An ICP is a living document. Review it at regular intervals set "
                        "by your State's rules and the CWC or JJB, and whenever something "
                        "important changes: a family is traced, a child is hurt, a school "
                        "admission fails, a child turns 17 and needs a leaving-care plan. At "
                        "each review, ask what has been achieved, what has not and why, "
                        "whether the long-term goal is still right, and what the child now "
                        "thinks. Record the changes and send updated plans and progress "
                        "reports to the CWC or JJB as required.</p>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "note",
                        "title": "Planning for leaving care",
                        "body": (
                            "<p>For a child who will turn 18 in care, the ICP should include "
                            "a pre-release and post-release plan well in advance: education "
                            "or training, a bank account, identity documents, housing, and an "
                            "application for after-care support where needed. Young people "
                            "who leave care without preparation are at high risk of "
                            "exploitation.</p>"
                        ),
                        "act": "",
                        "section": "",
                    },
                ),
                (
                    "key_points",
                    {
                        "title": "Key points",
                        "points": [
                            (
                                "The ICP covers health, emotional support, education, play, "
                                "relationships, protection, social mainstreaming and "
                                "follow-up."
                            ),
                            (
                                "Each goal should be specific, with actions, a responsible "
                                "person, a time frame and a review point."
                            ),
                            (
                                "Every ICP states a long-term placement goal; day-to-day care "
                                "alone is not a plan."
                            ),
                            (
                                "The child takes part in preparing and reviewing the plan, "
                                "and the plan is revised whenever circumstances change."
                            ),
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": "Which ICP entry is the most useful?",
                        "options": [
                            (
                                (
                                    "Enrol Imran in Class 6 at the government school by 1 "
                                    "August; case worker to obtain documents; review at the "
                                    "monthly meeting."
                                ),
                                True,
                            ),
                            ("Imran will be provided education as per his needs.", False),
                            ("Imran's education will be looked after by the home.", False),
                        ],
                        "feedback_correct": (
                            "Correct. It has a specific goal, actions, a responsible person, "
                            "a date and a review point."
                        ),
                        "feedback_incorrect": (
                            "A useful entry states a specific goal, actions, who is "
                            "responsible, by when, and when progress will be reviewed."
                        ),
                    },
                ),
            ],
        },
        {
            "title": "Restoration, repatriation and follow-up",
            "slug": "restoration-and-follow-up",
            "estimated_minutes": 20,
            "body": [
                ("heading", {"text": "Restoration is the primary aim", "level": "h2"}),
                (
                    "callout",
                    {
                        "kind": "law",
                        "title": "Restoration of children",
                        "body": (
                            "<p>The restoration and protection of a child in need of care and "
                            "protection is the prime objective of any children's home, "
                            "Specialised Adoption Agency or open shelter. The institution "
                            "takes the steps needed to restore a child deprived of a family "
                            "environment to the parents, guardian or fit person, as the case "
                            "may be, after the CWC is satisfied about their suitability to "
                            "take care of the child, and the Committee passes the order.</p>"
                        ),
                        "act": "Juvenile Justice (Care and Protection of Children) Act, 2015",
                        "section": "Section 40",
                    },
                ),
                (
                    "text",
                    (
                        "<p>The JJ Act's principle of repatriation and restoration says that "
                        "every child has the right to be re-united with the family at the "
                        "earliest and restored to the same socio-economic and cultural "
                        "status, unless this is not in the child's best interest. Restoration "
                        "is therefore not a favour or an administrative convenience: it is "
                        "the child's right, balanced against the child's safety.</p>"
                    ),
                ),
                ("heading", {"text": "Preparing for restoration", "level": "h3"}),
                (
                    "text",
                    (
                        "<ul><li><b>Assess the family</b> through a home visit: willingness "
                        "and capacity to care, safety, any person in the home who poses a "
                        "risk, and what has changed since the child left.</li>"
                        "<li><b>Prepare the child</b>: talk through the plan, the child's "
                        "hopes and fears, and arrange contact with the family before the move "
                        "where possible.</li><li><b>Prepare the family</b>: counselling on "
                        "the reasons the child came into care, parenting support, and what "
                        "the family can expect from services.</li>"
                        "<li><b>Put support in place</b>: school admission near home, "
                        "transfer of health records, links to schemes such as sponsorship, "
                        "ration cards, health insurance or pensions, and the village or ward "
                        "committee.</li><li><b>Complete the paperwork</b>: the CWC's "
                        "restoration order, the hand-over record signed by the parent or "
                        "guardian, and copies of the child's documents.</li></ul>"
                    ),
                ),
                (
                    "heading",
                    {"text": "Children from other districts and States", "level": "h2"},
                ),
                (
                    "text",
                    (
                        "<p>Many children in CCIs are from another district or State: runaway "
                        "children, children rescued from labour or trafficking, children "
                        "separated from migrant families. Repatriation requires coordination "
                        "between the CWC and DCPU where the child is and the CWC and DCPU of "
                        "the child's home district. Good practice includes:</p><ul>"
                        "<li>using the tracking systems (such as the Mission Vatsalya portal, "
                        "TrackChild and, for restoration and repatriation, the NCPCR's GHAR "
                        "portal, where your State uses them) to share the case and check for "
                        "missing child reports;</li><li>requesting a home study from the "
                        "home-district DCPU before the child travels;</li>"
                        "<li>arranging a safe escort at no cost to the child or family, and "
                        "never sending a child alone;</li>"
                        "<li>handing the child over to the home-district CWC or directly to "
                        "the family as that CWC directs;</li>"
                        "<li>transferring the case file and the ICP so that follow-up can "
                        "continue.</li></ul>"
                    ),
                ),
                ("heading", {"text": "Follow-up after the child returns", "level": "h3"}),
                (
                    "text",
                    (
                        "<p>Restoration is a transition, not the end of the case. The CWC may "
                        "order restoration with supervision, and the DCPU or the designated "
                        "social worker visits the family to check that the child is safe, "
                        "attending school and receiving the services in the plan. Talk to the "
                        "child separately during visits. Involve the village or ward "
                        "committee and the school, with due regard for confidentiality, so "
                        "that someone notices early if things go wrong. If a child runs away "
                        "again or faces new risks, act quickly and go back to assessment "
                        "rather than simply re-admitting the child.</p>"
                    ),
                ),
                (
                    "case_study",
                    {
                        "title": "Going home to Jharkhand",
                        "scenario": (
                            "<p>Manju, 13, was rescued from domestic work in a house in "
                            "Gurugram and has been in a children's home there for two months. "
                            "She says her parents live in a village in Dumka district, "
                            "Jharkhand, and that an agent from a nearby village brought her "
                            "to Delhi with a promise of schooling. Her parents have been "
                            "contacted by phone and want her back.</p>"
                        ),
                        "questions": [
                            (
                                "Which agencies in Haryana and in Jharkhand need to be "
                                "involved, and in what order?"
                            ),
                            (
                                "What must be checked before she travels, and what support "
                                "should be ready when she arrives?"
                            ),
                            "How will you make sure she is not trafficked again?",
                        ],
                        "discussion": (
                            "<p>The Gurugram CWC should ask the Dumka DCPU, through the CWC "
                            "there, for a home study to check the family's situation and "
                            "whether the agent still poses a risk. The police investigation "
                            "into trafficking and labour offences should continue, and any "
                            "back wages due to Manju should be pursued. The CWC orders "
                            "repatriation once satisfied; a trained escort accompanies her, "
                            "and she is produced before the Dumka CWC or handed over as it "
                            "directs. Before she arrives the Dumka DCPU should arrange school "
                            "admission, consider sponsorship, and alert the village "
                            "committee. Follow-up visits, with Manju seen on her own, and "
                            "awareness in the village about agents, reduce the risk of "
                            "re-trafficking.</p>"
                        ),
                    },
                ),
                (
                    "key_points",
                    {
                        "title": "Key points",
                        "points": [
                            (
                                "Restoration is the primary objective for children in need of "
                                "care and protection, once the family's suitability is "
                                "assessed."
                            ),
                            (
                                "Prepare the child and the family and put services in place "
                                "before the move."
                            ),
                            (
                                "Inter-district and inter-state repatriation needs a home "
                                "study, a safe escort, a hand-over and transfer of the file."
                            ),
                            (
                                "Follow-up visits, seeing the child alone, and community "
                                "links keep the restoration safe."
                            ),
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "A 10-year-old boy from Bihar is ready for repatriation from a "
                            "children's home in Pune. Which step is NOT good practice?"
                        ),
                        "options": [
                            (
                                (
                                    "Buying him a train ticket and informing his parents of "
                                    "the arrival time"
                                ),
                                True,
                            ),
                            (
                                "Requesting a home study from the DCPU in his home district",
                                False,
                            ),
                            ("Arranging a trained escort and a formal hand-over", False),
                        ],
                        "feedback_correct": (
                            "Correct. A child must never be sent alone; repatriation needs a "
                            "safe escort and a formal hand-over."
                        ),
                        "feedback_incorrect": (
                            "Sending a child alone is never acceptable. A home study, an "
                            "escort and a formal hand-over are all good practice."
                        ),
                    },
                ),
            ],
        },
        {
            "title": "Records, confidentiality and working with families",
            "slug": "records-confidentiality-families",
            "estimated_minutes": 20,
            "body": [
                ("heading", {"text": "Why records matter", "level": "h2"}),
                (
                    "text",
                    (
                        "<p>Case records are how the system remembers a child. Staff change, "
                        "children move between institutions and districts, and without a "
                        "complete file each new worker starts from nothing and the child has "
                        "to tell the story again. Good records also protect children and "
                        "staff: they show what was decided, by whom, and why.</p>"
                        "<p>The Model Rules list what an individual case file should contain, "
                        "including the report of the person who produced the child, any FIR "
                        "or general diary entry, orders of the CWC or JJB, the age "
                        "determination, case history and SIR, medical and counselling "
                        "reports, the ICP and its reviews, progress reports, records of "
                        "leave, visits and contacts with the family, and the pre-release and "
                        "post-release plans. Institutions must also keep the registers that "
                        "their State rules require, such as admission and release registers, "
                        "and enter children's data in the tracking systems.</p>"
                    ),
                ),
                ("heading", {"text": "Good recording practice", "level": "h3"}),
                (
                    "text",
                    (
                        "<ul><li>Write up contacts promptly, with the date, who was present "
                        "and what was said or observed.</li>"
                        "<li>Record the child's words as spoken, especially about abuse or "
                        "wishes.</li><li>Separate facts from opinions and give the source of "
                        "information.</li><li>Record decisions with the reasons and the name "
                        "of the person who took them.</li>"
                        "<li>Keep the file in order and up to date; missing orders or reports "
                        "can delay a child's restoration for months.</li>"
                        "<li>Enter data into the Mission Vatsalya portal and other systems "
                        "accurately and on time: district planning, inter-state tracing and "
                        "funding all depend on it.</li></ul>"
                    ),
                ),
                ("heading", {"text": "Confidentiality and data protection", "level": "h2"}),
                (
                    "text",
                    (
                        "<p>Section 3 of the JJ Act gives every child a right to privacy and "
                        "confidentiality by all means and throughout the judicial process, "
                        "and Section 74 prohibits disclosure of any information that may lead "
                        "to a child's identification. In practice:</p><ul>"
                        "<li>share information only with those who need it to act for the "
                        "child, and only as much as they need;</li>"
                        "<li>keep paper files locked and systems protected by individual "
                        "passwords; never share log-ins;</li>"
                        "<li>do not take photographs of children on personal phones or post "
                        "them on social media;</li><li>use initials or case numbers in "
                        "reports, presentations and discussions outside the case "
                        "team;</li><li>the child and family have a right to know what is "
                        "recorded about them, in a way that does not put anyone at "
                        "risk.</li></ul><p>The Digital Personal Data Protection Act, 2023 "
                        "also treats children's personal data with particular care; follow "
                        "your department's instructions on how it applies to your records.</p>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "warning",
                        "title": "When confidentiality has limits",
                        "body": (
                            "<p>Confidentiality never means keeping a child's abuse secret. "
                            "If you learn that a child is at risk of harm or that an offence "
                            "has been committed, you must act and, where the law requires, "
                            "report. Tell the child, honestly and gently, who will be told "
                            "and why.</p>"
                        ),
                        "act": "",
                        "section": "",
                    },
                ),
                ("heading", {"text": "Working with families", "level": "h2"}),
                (
                    "text",
                    (
                        "<p>Most children in the system have families, and most families, "
                        "even those that have failed their children, care about them. The JJ "
                        "Act's principle of family responsibility places primary "
                        "responsibility on the family, and the system's task is to help "
                        "families meet it. Families are more likely to change when they are "
                        "treated with respect, told honestly what the concerns are, involved "
                        "in planning, and offered practical help with the problems that "
                        "brought the child into care: debt, illness, alcohol, housing, "
                        "violence. Meet families where they are, in their language, at times "
                        "when working parents can attend. Be clear about what must change for "
                        "the child to be safe, and about what support is available.</p>"
                        "<p>Working with families does not mean ignoring danger. Where a "
                        "parent has abused a child or is unwilling to protect the child, the "
                        "child's safety comes first, and the plan may be kinship care, foster "
                        "care or, where appropriate, adoption.</p>"
                    ),
                ),
                ("heading", {"text": "Supervision and peer support", "level": "h3"}),
                (
                    "text",
                    (
                        "<p>Case management involves difficult judgements: whether to "
                        "restore, what risk is acceptable, how to respond to a family's "
                        "anger. No one should make these alone. Regular supervision with the "
                        "DCPO, a Protection Officer or a senior colleague helps you test your "
                        "reasoning, notice what you may have missed and look after your own "
                        "well-being. Monthly case reviews in institutions and peer "
                        "discussions among DCPU staff, using anonymised cases, are simple "
                        "ways to build shared practice.</p>"
                    ),
                ),
                (
                    "key_points",
                    {
                        "title": "Key points",
                        "points": [
                            (
                                "A complete, up-to-date case file lets the system remember "
                                "the child and shows what was decided and why."
                            ),
                            (
                                "Record promptly, in the child's words where relevant, "
                                "separating fact from opinion and noting sources."
                            ),
                            (
                                "Share information on a need-to-know basis, protect files and "
                                "systems, and never post children's images."
                            ),
                            (
                                "Work with families as partners, with honesty about concerns, "
                                "while keeping the child's safety first; use supervision for "
                                "hard decisions."
                            ),
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "A new Protection Officer asks to use a colleague's login to the "
                            "tracking portal because hers is not yet active. What should "
                            "happen?"
                        ),
                        "options": [
                            (
                                (
                                    "She should wait for her own login or ask the Data "
                                    "Analyst to enter the data; logins must not be shared."
                                ),
                                True,
                            ),
                            ("The colleague can share the login if the work is urgent.", False),
                            (
                                (
                                    "She can use the DCPO's login, since the DCPO is "
                                    "responsible for all data."
                                ),
                                False,
                            ),
                        ],
                        "feedback_correct": (
                            "Correct. Individual logins keep children's data secure and show "
                            "who entered or changed each record."
                        ),
                        "feedback_incorrect": (
                            "Logins are personal. Sharing them weakens data security and "
                            "makes it impossible to know who entered or changed a child's "
                            "record."
                        ),
                    },
                ),
            ],
        },
    ],
    "assessment": {
        "title": "Assessment: case management and the Individual Care Plan",
        "slug": "assessment",
        "intro": (
            "Twelve questions on case management, social investigation, care planning, "
            "restoration and records. You need 70 percent to pass. Completion of this blended "
            "module also requires attendance at 75 percent of the classroom sessions."
        ),
        "pass_mark": None,
        "draw_count": None,
        "shuffle_questions": True,
        "shuffle_options": True,
        "questions": [
            (
                "single_choice",
                {
                    "question": (
                        "What is the correct order of the main stages of case management?"
                    ),
                    "points": 1,
                    "explanation": (
                        "Intake is followed by assessment, planning, implementation, review, "
                        "and transition with follow-up, before closure."
                    ),
                    "options": [
                        (
                            (
                                "Intake, assessment, planning, implementation, review, "
                                "follow-up and closure"
                            ),
                            True,
                        ),
                        ("Planning, intake, closure, assessment, review", False),
                        ("Intake, implementation, assessment, closure", False),
                        ("Assessment, closure, planning, intake", False),
                    ],
                },
            ),
            (
                "true_false",
                {
                    "question": (
                        "Under Section 39 of the JJ Act, rehabilitation and social "
                        "re-integration are to be based on the child's Individual Care Plan, "
                        "preferably through family-based care."
                    ),
                    "points": 1,
                    "explanation": (
                        "True. Section 39 names the ICP as the basis and prefers restoration, "
                        "sponsorship, foster care or adoption."
                    ),
                    "correct_answer": "true",
                },
            ),
            (
                "multiple_choice",
                {
                    "question": (
                        "Which sources should normally inform a social investigation? Select "
                        "all that apply."
                    ),
                    "points": 2,
                    "explanation": (
                        "A sound SIR draws on the child, the family through a home visit, "
                        "others who know the child, and records. Rumour from people with no "
                        "direct knowledge is not a reliable source."
                    ),
                    "options": [
                        ("Conversations with the child", True),
                        ("A home visit to the family", True),
                        ("School and health records", True),
                        ("Gossip from people who have never met the child", False),
                    ],
                },
            ),
            (
                "single_choice",
                {
                    "question": "Which statement in an SIR follows good practice?",
                    "points": 1,
                    "explanation": (
                        "Good practice records observations and their sources and avoids labels."
                    ),
                    "options": [
                        (
                            (
                                "The mother said, and a neighbour confirmed, that the father "
                                "hits the children when he has been drinking."
                            ),
                            True,
                        ),
                        ("The father is a drunkard and the family is immoral.", False),
                        ("The child is a habitual liar.", False),
                        ("The family is clearly criminal.", False),
                    ],
                },
            ),
            (
                "true_false",
                {
                    "question": (
                        "An ICP prepared by the institution's staff alone and only signed by "
                        "the child meets the requirement of consultation with the child."
                    ),
                    "points": 1,
                    "explanation": (
                        "False. Consultation means explaining the plan, asking for and "
                        "recording the child's views, and explaining decisions, not just "
                        "obtaining a signature."
                    ),
                    "correct_answer": "false",
                },
            ),
            (
                "multiple_choice",
                {
                    "question": (
                        "Which elements should each goal in an ICP include? Select all that apply."
                    ),
                    "points": 2,
                    "explanation": (
                        "A goal should be specific and checkable, with actions, a responsible "
                        "person, a time frame and a review point. The child's caste is not a "
                        "planning element."
                    ),
                    "options": [
                        ("A specific goal that can be checked", True),
                        ("The person or agency responsible", True),
                        ("A time frame and review point", True),
                        ("The child's caste", False),
                    ],
                },
            ),
            (
                "single_choice",
                {
                    "question": (
                        "A 17-year-old boy in a children's home has no family to return to. "
                        "What should his ICP include well before he turns 18?"
                    ),
                    "points": 1,
                    "explanation": (
                        "A pre-release and post-release plan: education or training, "
                        "documents, bank account, housing and after-care support."
                    ),
                    "options": [
                        (
                            (
                                "A leaving-care plan covering training, documents, a bank "
                                "account, housing and after-care support"
                            ),
                            True,
                        ),
                        ("Nothing, since the CWC's responsibility ends at 18", False),
                        ("A transfer to an observation home", False),
                        ("Only a medical check-up", False),
                    ],
                },
            ),
            (
                "single_choice",
                {
                    "question": (
                        "Under Section 40 of the JJ Act, what is the prime objective of a "
                        "children's home for a child in need of care and protection?"
                    ),
                    "points": 1,
                    "explanation": (
                        "Restoration and protection of the child is the prime objective, once "
                        "the CWC is satisfied about the family's suitability."
                    ),
                    "options": [
                        ("Restoration and protection of the child", True),
                        ("Long-term residential care until 18", False),
                        ("Vocational training only", False),
                        ("Preparing every child for adoption", False),
                    ],
                },
            ),
            (
                "multiple_choice",
                {
                    "question": (
                        "Which steps are good practice for inter-state repatriation of a "
                        "child? Select all that apply."
                    ),
                    "points": 2,
                    "explanation": (
                        "A home study by the home-district DCPU, a safe escort, a formal "
                        "hand-over and transfer of the file are good practice. A child is "
                        "never sent to travel alone."
                    ),
                    "options": [
                        ("A home study by the DCPU of the home district before travel", True),
                        ("A trained escort and a formal hand-over", True),
                        ("Transfer of the case file and ICP", True),
                        ("Sending the child alone by train with the parents informed", False),
                    ],
                },
            ),
            (
                "true_false",
                {
                    "question": (
                        "Once a child is restored to the family, the case should be closed "
                        "immediately."
                    ),
                    "points": 1,
                    "explanation": (
                        "False. Restoration is a transition; follow-up visits check that the "
                        "child is safe and receiving the planned services."
                    ),
                    "correct_answer": "false",
                },
            ),
            (
                "single_choice",
                {
                    "question": (
                        "A teacher asks a CCI case worker for a copy of a child's SIR \"to "
                        'understand her better". What is the best response?'
                    ),
                    "points": 1,
                    "explanation": (
                        "Share only the information the teacher needs to support the child, "
                        "with care; the full SIR contains sensitive details that should not "
                        "leave the case team."
                    ),
                    "options": [
                        (
                            (
                                "Share only the information the teacher needs to support the "
                                "child in school, not the full SIR."
                            ),
                            True,
                        ),
                        ("Give the full SIR, since the teacher wants to help.", False),
                        ("Refuse to speak to the teacher at all.", False),
                        ("Ask the child to explain her history to the teacher.", False),
                    ],
                },
            ),
            (
                "single_choice",
                {
                    "question": (
                        "A case worker is unsure whether restoring a child to a family with a "
                        "history of violence is safe. What should she do?"
                    ),
                    "points": 1,
                    "explanation": (
                        "Difficult judgements should be discussed in supervision, with the "
                        "assessment and the child's views, before a recommendation goes to "
                        "the CWC."
                    ),
                    "options": [
                        (
                            (
                                "Discuss the case in supervision and review the assessment "
                                "before making a recommendation"
                            ),
                            True,
                        ),
                        ("Decide alone to avoid delay", False),
                        (
                            "Recommend institutional care until the child is 18 to be safe",
                            False,
                        ),
                        ("Leave the decision to the family", False),
                    ],
                },
            ),
        ],
    },
}
