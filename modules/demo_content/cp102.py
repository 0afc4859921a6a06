"""CP-102: the Juvenile Justice Act, 2015, essentials for practitioners."""

MODULE = {
    "code": "CP-102",
    "slug": "jj-act-essentials",
    "title": (
        "Juvenile Justice (Care and Protection of Children) Act, 2015: essentials for practitioners"
    ),
    "version": "1.0",
    "summary": (
        "The JJ Act, 2015 is the core law for every child who comes into contact with the "
        "child protection or juvenile justice system. This module covers the definitions of a "
        "child in need of care and protection and a child in conflict with law, the sixteen "
        "general principles, the powers and procedure of the Child Welfare Committee and the "
        "Juvenile Justice Board, preliminary assessment for heinous offences, age "
        "determination, the Social Investigation Report and Individual Care Plan, and the "
        "changes made by the 2021 amendment."
    ),
    "learning_outcomes": [
        (
            "Apply the definitions of a child in need of care and protection and a child in "
            "conflict with law to real situations, including children who fall in both groups."
        ),
        (
            "Use the general principles in Section 3 of the JJ Act, such as best interest, "
            "participation, privacy and institutionalisation as a last resort, to guide "
            "everyday decisions."
        ),
        (
            "Describe how a child is produced before the Child Welfare Committee within 24 "
            "hours, how the Committee inquires, and the orders it can pass, including "
            "declaring a child legally free for adoption."
        ),
        (
            "Explain the procedure before the Juvenile Justice Board, including apprehension, "
            "bail, timelines for inquiry and the orders available, and the preliminary "
            "assessment for heinous offences by children aged 16 to 18."
        ),
        (
            "Describe the purpose of the Social Investigation Report and the Individual Care "
            "Plan and the oversight role given to the District Magistrate by the 2021 "
            "amendment."
        ),
    ],
    "cadres": [
        "dcpo",
        "po-institutional",
        "legal-probation-officer",
        "counsellor",
        "social-worker",
        "cwc-member",
        "jjb-member",
        "sjpu-officer",
        "cwpo",
        "cci-superintendent",
        "cci-staff",
        "child-helpline",
        "saa-staff",
    ],
    "competencies": [
        "Applies the Juvenile Justice Act, 2015 and its Model Rules",
        "Upholds the rights of the child under the UN Convention on the Rights of the Child",
        "Takes the child's views into account in decisions",
        "Assesses a child's situation and risks (social investigation)",
        "Protects children's personal data and confidentiality",
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
            "title": "Purpose, key definitions and the general principles",
            "slug": "definitions-and-principles",
            "estimated_minutes": 20,
            "body": [
                ("heading", {"text": "One Act, two groups of children", "level": "h2"}),
                (
                    "text",
                    (
                        "<p>The Juvenile Justice (Care and Protection of Children) Act, 2015 "
                        "replaced the Juvenile Justice Act of 2000 and came into force in "
                        "January 2016. It deals with two groups of children, through two "
                        "separate bodies in every district:</p><ul>"
                        "<li><b>children in need of care and protection</b>, whose cases go "
                        "to the Child Welfare Committee (CWC); and</li>"
                        "<li><b>children in conflict with law</b>, whose cases go to the "
                        "Juvenile Justice Board (JJB).</li></ul>"
                        "<p>Under the Act a <b>child</b> is a person who has not completed 18 "
                        "years of age (Section 2(12)). Its approach is not punishment but "
                        "care, protection, development, treatment and social re-integration, "
                        "through child-friendly procedures and decisions made in the child's "
                        "best interest.</p>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "law",
                        "title": "Child in conflict with law",
                        "body": (
                            "<p>A child who is alleged or found to have committed an offence "
                            "and who had not completed eighteen years of age <b>on the date "
                            "the offence was committed</b>. The relevant age is the age on "
                            "the date of the alleged offence, not the date of apprehension or "
                            "of the inquiry.</p>"
                        ),
                        "act": "Juvenile Justice (Care and Protection of Children) Act, 2015",
                        "section": "Section 2(13)",
                    },
                ),
                (
                    "text",
                    (
                        "<p>A <b>child in need of care and protection</b> is defined in "
                        "Section 2(14) through a list of situations. In brief, it includes a "
                        "child who:</p><ul><li>is found without a home or settled place of "
                        "abode and without ostensible means of subsistence;</li>"
                        "<li>is found working in contravention of labour laws, or begging, or "
                        "living on the street;</li><li>lives with a person who has injured, "
                        "exploited, abused or neglected the child, or has threatened to do "
                        "so, or has harmed other children;</li>"
                        "<li>is mentally ill or has a disability or a terminal or incurable "
                        "disease, with no one to support or look after the child;</li>"
                        "<li>has a parent or guardian who is unfit or incapacitated to care "
                        "for and protect the child;</li>"
                        "<li>has no parents and no one willing to take care, or whose parents "
                        "have abandoned or surrendered the child;</li>"
                        "<li>is missing or has run away, or whose parents cannot be found "
                        "after reasonable inquiry;</li>"
                        "<li>has been, is being or is likely to be abused, tortured or "
                        "exploited for sexual abuse or illegal acts;</li>"
                        "<li>is vulnerable and likely to be drawn into drug abuse or "
                        "trafficking;</li><li>is being or is likely to be abused for "
                        "unconscionable gains;</li><li>is a victim of or affected by armed "
                        "conflict, civil unrest or natural calamity;</li>"
                        "<li>is at imminent risk of marriage before attaining the legal age "
                        "of marriage, where the family is likely to be responsible.</li></ul>"
                    ),
                ),
                ("heading", {"text": "Categories of offences", "level": "h3"}),
                (
                    "text",
                    (
                        "<p>For children in conflict with law the Act sorts offences into "
                        "three groups, which decide the procedure. <b>Petty offences</b> "
                        "carry a maximum punishment of up to three years. <b>Serious "
                        "offences</b> carry between three and seven years; since the 2021 "
                        "amendment they also include offences with a maximum of more than "
                        "seven years where no minimum, or a minimum of less than seven years, "
                        "is prescribed. <b>Heinous offences</b> carry a minimum punishment of "
                        "seven years or more.</p>"
                    ),
                ),
                ("heading", {"text": "The sixteen general principles", "level": "h2"}),
                (
                    "text",
                    (
                        "<p>Section 3 lists the principles that every body and person must "
                        "follow when implementing the Act: presumption of innocence; dignity "
                        "and worth; participation; best interest; family responsibility; "
                        "safety; positive measures; non-stigmatising semantics; non-waiver of "
                        "rights; equality and non-discrimination; right to privacy and "
                        "confidentiality; institutionalisation as a measure of last resort; "
                        "repatriation and restoration; fresh start; diversion; and natural "
                        "justice. These are not decoration. They are tests you can apply to "
                        "any decision: Has the child been heard? Is this the least "
                        "restrictive option? Does the record protect the child's identity? "
                        'Are we using words like "juvenile delinquent" that the Act asks us '
                        "to avoid?</p><p>These principles echo the UN Convention on the "
                        "Rights of the Child, which India ratified in 1992, especially the "
                        "best interests of the child and respect for the child's views.</p>"
                    ),
                ),
                (
                    "quote",
                    {
                        "text": (
                            "Every child shall have a right to be heard and to participate in "
                            "all processes and decisions affecting his interest and the "
                            "child's views shall be taken into consideration with due regard "
                            "to the age and maturity of the child."
                        ),
                        "attribution": (
                            "Juvenile Justice (Care and Protection of Children) Act, 2015"
                        ),
                        "source": "Section 3(iii), principle of participation",
                    },
                ),
                (
                    "case_study",
                    {
                        "title": "Both groups at once",
                        "scenario": (
                            "<p>Police in Nashik pick up Sahil, 15, for snatching a mobile "
                            "phone. During the SJPU officer's conversation with him it "
                            "emerges that he has lived on the streets since his mother died, "
                            "that an older man makes him and other boys steal, and that he is "
                            "beaten if he returns without money.</p>"
                        ),
                        "questions": [
                            (
                                "Is Sahil a child in conflict with law, a child in need of "
                                "care and protection, or both?"
                            ),
                            (
                                "Which principles in Section 3 should guide how the police "
                                "and the JJB deal with him?"
                            ),
                        ],
                        "discussion": (
                            "<p>Sahil is both. He is alleged to have committed an offence, so "
                            "he is produced before the JJB. He is also a street child being "
                            "exploited for gain, so he is a child in need of care and "
                            "protection. The JJB can refer the care and protection aspects to "
                            "the CWC at any stage, and the police should act against the "
                            "adult who exploits children. Presumption of innocence, best "
                            "interest, safety, positive measures and diversion all point "
                            "towards a response focused on protection and rehabilitation "
                            "rather than punishment.</p>"
                        ),
                    },
                ),
                (
                    "key_points",
                    {
                        "title": "Key points",
                        "points": [
                            (
                                "A child is a person below 18; for a child in conflict with "
                                "law, age is counted on the date of the alleged offence."
                            ),
                            (
                                "Section 2(14) lists the situations that make a child in need "
                                "of care and protection, including child labour, abuse, "
                                "abandonment and risk of child marriage."
                            ),
                            (
                                "Offences are petty, serious or heinous, and the category "
                                "decides the procedure before the JJB."
                            ),
                            (
                                "The sixteen principles in Section 3 apply to every decision, "
                                "by every body and person acting under the Act."
                            ),
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "A boy was 17 years and 10 months old when he allegedly committed "
                            "an offence and is apprehended four months later, after his 18th "
                            "birthday. How does the JJ Act treat him?"
                        ),
                        "options": [
                            (
                                (
                                    "As a child in conflict with law, because he was below 18 "
                                    "on the date of the alleged offence"
                                ),
                                True,
                            ),
                            (
                                ("As an adult, because he is over 18 on the date of apprehension"),
                                False,
                            ),
                            ("As a child in need of care and protection", False),
                        ],
                        "feedback_correct": (
                            "Correct. Section 2(13) looks at age on the date of the alleged "
                            "offence."
                        ),
                        "feedback_incorrect": (
                            "The Act looks at the child's age on the date the offence was "
                            "allegedly committed, not the date of apprehension."
                        ),
                    },
                ),
            ],
        },
        {
            "title": "The Child Welfare Committee: powers and procedure",
            "slug": "child-welfare-committee",
            "estimated_minutes": 20,
            "body": [
                ("heading", {"text": "Composition and sittings", "level": "h2"}),
                (
                    "text",
                    (
                        "<p>Every district has at least one CWC (Section 27), with a "
                        "chairperson and four members, of whom at least one is a woman and "
                        "one an expert on matters concerning children. The Committee "
                        "functions as a Bench and has the powers of a Metropolitan Magistrate "
                        "or Judicial Magistrate of the first class under the criminal "
                        "procedure law. It must meet at least twenty days a month, and a "
                        "visit to a child care institution to check on children counts as a "
                        "sitting (Section 28). When the Committee is not sitting, a child may "
                        "be produced before an individual member for safe placement. "
                        "Decisions are by majority, and at least three members must be "
                        "present for the final disposal of a case.</p>"
                        "<p>Where a CWC exists for a district, it has exclusive power to deal "
                        "with all proceedings under the Act relating to children in need of "
                        "care and protection (Section 29). Its functions (Section 30) include "
                        "taking cognizance of children produced before it, conducting "
                        "inquiries, directing social investigation, declaring fit persons and "
                        "fit facilities, ordering foster care, ensuring individual care "
                        "plans, restoring children to families, certifying surrender deeds, "
                        "declaring children legally free for adoption, and inspecting "
                        "institutions.</p>"
                    ),
                ),
                ("heading", {"text": "Production within 24 hours", "level": "h2"}),
                (
                    "callout",
                    {
                        "kind": "law",
                        "title": "Who may produce a child, and how quickly",
                        "body": (
                            "<p>A child in need of care and protection may be produced before "
                            "the Committee by a police officer, SJPU or Child Welfare Police "
                            "Officer, any officer of the DCPU or a labour inspector; any "
                            "public servant; Childline services, a voluntary organisation or "
                            "agency recognised by the State; a Child Welfare Officer or "
                            "probation officer; any social worker or public-spirited citizen; "
                            "a nurse, doctor or the management of a hospital or nursing home; "
                            "or the child himself or herself. The child must be produced "
                            "without loss of time and within 24 hours, excluding the journey "
                            "time.</p>"
                        ),
                        "act": "Juvenile Justice (Care and Protection of Children) Act, 2015",
                        "section": "Section 31",
                    },
                ),
                (
                    "text",
                    (
                        "<p>Sections 32 to 34 add a duty for everyone. Any person, police "
                        "officer or functionary of an organisation, hospital or nursing home "
                        "who finds or takes charge of a child who appears to be abandoned, "
                        "lost, or orphaned without family support must, within 24 hours "
                        "excluding journey time, inform Childline services, the nearest "
                        "police station, the CWC or the DCPU, or hand the child over to a "
                        "registered child care institution. Failing to report is an offence "
                        "(Section 33), punishable with imprisonment of up to six months, a "
                        "fine of ten thousand rupees, or both (Section 34).</p>"
                        "<p>Parents who, because of physical, emotional or social factors "
                        "beyond their control, wish to surrender a child must produce the "
                        "child before the CWC (Section 35). After inquiry and counselling, a "
                        "surrender deed is executed before the Committee, and the parents "
                        "have <b>two months</b> to reconsider.</p>"
                    ),
                ),
                ("heading", {"text": "Inquiry and orders", "level": "h2"}),
                (
                    "text",
                    (
                        "<p>When a child is produced, the Committee holds an inquiry (Section "
                        "36). Pending the inquiry it can place the child in a children's "
                        "home, with a fit facility or fit person, or with a Specialised "
                        "Adoption Agency for very young children. It directs a social worker, "
                        "Child Welfare Officer or Child Welfare Police Officer to complete "
                        "the social investigation within <b>fifteen days</b>, so that the "
                        "Committee can pass its final order within <b>four months</b> of the "
                        "child's first production.</p>"
                        "<p>Under Section 37 the Committee, having decided that the child is "
                        "in need of care and protection, can pass one or more orders, "
                        "including:</p><ul><li>restoration to parents, guardian or family, "
                        "with or without supervision of a Child Welfare Officer or designated "
                        "social worker;</li><li>placement in a children's home, fit facility "
                        "or Specialised Adoption Agency, for long-term or temporary "
                        "care;</li><li>placement with a fit person;</li>"
                        "<li>foster care orders and sponsorship orders;</li>"
                        "<li>directions for medical care, counselling, therapy, education, "
                        "skill training, legal aid or other services, and a declaration that "
                        "the child is legally free for adoption under Section 38.</li></ul>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "law",
                        "title": "Declaring a child legally free for adoption",
                        "body": (
                            "<p>For an orphan or abandoned child the Committee must first "
                            "make all efforts to trace the parents or guardians. If the "
                            "inquiry establishes that the child is orphaned or abandoned, the "
                            "declaration is made within two months of production for a child "
                            "up to two years old, and within four months for an older child. "
                            "For a surrendered child the declaration follows the two-month "
                            "reconsideration period. The decision must be taken by at least "
                            "three members of the Committee.</p>"
                        ),
                        "act": "Juvenile Justice (Care and Protection of Children) Act, 2015",
                        "section": "Section 38",
                    },
                ),
                (
                    "case_study",
                    {
                        "title": "A newborn left outside a primary health centre",
                        "scenario": (
                            "<p>Early one morning a nurse at a primary health centre in "
                            "Sitapur district finds a baby girl, about three days old, "
                            "wrapped in a shawl near the gate. The medical officer admits the "
                            "baby for examination. A ward attendant suggests that a childless "
                            "couple in the village would happily take her.</p>"
                        ),
                        "questions": [
                            "What must the hospital do within 24 hours?",
                            "Why must the baby not simply be handed to the childless couple?",
                            "What steps will the CWC take before the baby can be adopted?",
                        ],
                        "discussion": (
                            "<p>The hospital must report the child within 24 hours to the "
                            "police, 1098, the CWC or the DCPU, and the baby must be produced "
                            "before the CWC once she is medically fit. Handing a child to a "
                            "family outside the legal process is illegal and may amount to an "
                            "offence under the Act's provisions on adoption without due "
                            "procedure or sale of children; it also denies the child the "
                            "safeguards of proper matching. The CWC will place the baby with "
                            "a Specialised Adoption Agency, direct efforts to trace her "
                            "parents, including a notice in the newspapers, and, if no one "
                            "comes forward, declare her legally free for adoption within two "
                            "months of production, since she is under two. The couple can be "
                            "advised to register on CARINGS as prospective adoptive "
                            "parents.</p>"
                        ),
                    },
                ),
                (
                    "key_points",
                    {
                        "title": "Key points",
                        "points": [
                            (
                                "The CWC is a Bench with magisterial powers and exclusive "
                                "authority over children in need of care and protection in "
                                "its district."
                            ),
                            (
                                "A child must be produced before the CWC within 24 hours, "
                                "excluding journey time."
                            ),
                            (
                                "Anyone who finds an abandoned, lost or orphaned child must "
                                "report within 24 hours; not reporting is an offence."
                            ),
                            (
                                "The social investigation is due within 15 days and the final "
                                "order within four months of first production."
                            ),
                            (
                                "Declaring a child legally free for adoption needs at least "
                                "three members and follows strict timelines."
                            ),
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "Parents who signed a surrender deed before the CWC return after "
                            "five weeks and say they want their child back. What is the "
                            "position?"
                        ),
                        "options": [
                            (
                                (
                                    "They are within the two-month reconsideration period, so "
                                    "the child can be returned to them, with counselling and "
                                    "support."
                                ),
                                True,
                            ),
                            ("The surrender is final once the deed is signed.", False),
                            (
                                (
                                    "They must apply to the District Magistrate for an "
                                    "adoption order in their own favour."
                                ),
                                False,
                            ),
                        ],
                        "feedback_correct": (
                            "Correct. Section 35 gives surrendering parents two months to "
                            "reconsider; the declaration of being legally free for adoption "
                            "comes only after that period."
                        ),
                        "feedback_incorrect": (
                            "Section 35 gives surrendering parents two months to reconsider. "
                            "The child can still be returned, ideally with counselling and "
                            "links to support."
                        ),
                    },
                ),
            ],
        },
        {
            "title": "The Juvenile Justice Board and children in conflict with law",
            "slug": "juvenile-justice-board",
            "estimated_minutes": 20,
            "body": [
                ("heading", {"text": "The Board", "level": "h2"}),
                (
                    "text",
                    (
                        "<p>Each district has a Juvenile Justice Board (Section 4) made up of "
                        "a Metropolitan Magistrate or Judicial Magistrate of the first class "
                        "with at least three years' experience, called the Principal "
                        "Magistrate, and two social workers, at least one of them a woman. "
                        "The Board must ensure the informed participation of the child and "
                        "the parent or guardian in every step, make sure the child has legal "
                        "aid through the legal services authorities, provide an interpreter "
                        "where needed, and direct a probation officer, Child Welfare Officer "
                        "or social worker to complete a social investigation within fifteen "
                        "days of the child's first production. It also inspects the "
                        "residential facilities for children in conflict with law.</p>"
                    ),
                ),
                ("heading", {"text": "From apprehension to the Board", "level": "h2"}),
                (
                    "callout",
                    {
                        "kind": "law",
                        "title": "Never in a lock-up or jail",
                        "body": (
                            "<p>As soon as a child alleged to be in conflict with law is "
                            "apprehended, the child is placed under the charge of the SJPU or "
                            "the designated Child Welfare Police Officer, and must be "
                            "produced before the Board without loss of time and within 24 "
                            "hours, excluding journey time. <b>In no case</b> may the child "
                            "be placed in a police lock-up or lodged in a jail.</p>"
                        ),
                        "act": "Juvenile Justice (Care and Protection of Children) Act, 2015",
                        "section": "Section 10",
                    },
                ),
                (
                    "text",
                    (
                        "<p>The Model Rules add important safeguards for police practice. For "
                        "petty and serious offences, unless committed jointly with adults, "
                        "the police record the information in the general daily diary with a "
                        "social background report instead of registering an FIR, and "
                        "apprehension is meant for heinous offences unless it is in the "
                        "child's best interest. A child must not be handcuffed, chained or "
                        "otherwise fettered, and no force or coercion may be used. The police "
                        "must inform the parents or guardian and the probation officer "
                        "promptly (Section 13).</p>"
                    ),
                ),
                ("heading", {"text": "Bail is the rule", "level": "h3"}),
                (
                    "text",
                    (
                        "<p>Section 12 turns the usual bail rules around. Whether the offence "
                        "is bailable or not, the child <b>shall be released</b> on bail, with "
                        "or without surety, or placed under the supervision of a probation "
                        "officer or a fit person. Release may be refused only if there are "
                        "reasonable grounds to believe that it would bring the child into "
                        "association with a known criminal, expose the child to moral, "
                        "physical or psychological danger, or defeat the ends of justice, and "
                        "the Board must record its reasons. If a child is not released, the "
                        "child stays in an observation home or a place of safety during the "
                        "inquiry. If the child cannot meet the bail conditions within seven "
                        "days, the child must be produced again so the Board can modify them. "
                        "Bail conditions that a poor family cannot meet defeat the purpose of "
                        "the section.</p>"
                    ),
                ),
                ("heading", {"text": "Inquiry and orders", "level": "h2"}),
                (
                    "text",
                    (
                        "<p>The Board must complete its inquiry within <b>four months</b> of "
                        "the child's first production, extendable by at most two more months "
                        "for reasons recorded in writing (Section 14). For petty offences, if "
                        "the inquiry is still inconclusive after the extended period, the "
                        "proceedings stand terminated. If the Board finds that the child has "
                        "committed an offence, Section 18 allows it to:</p><ul>"
                        "<li>let the child go home after advice or admonition, with "
                        "counselling for the child and the parents;</li>"
                        "<li>direct participation in group counselling or similar "
                        "activities;</li><li>order community service under "
                        "supervision;</li><li>order payment of a fine;</li>"
                        "<li>release the child on probation of good conduct, in the care of a "
                        "parent, guardian, fit person or fit facility;</li>"
                        "<li>send the child to a special home for a period not exceeding "
                        "three years.</li></ul><p>The Board may add directions to attend "
                        "school or vocational training, attend a therapeutic or de-addiction "
                        "programme, or stay away from certain places. No child in conflict "
                        "with law can be sentenced to death or to life imprisonment without "
                        "the possibility of release (Section 21). A child found to have "
                        "committed an offence does not suffer any disqualification from that "
                        "finding, and the records are to be destroyed after the prescribed "
                        "period (Section 24), in keeping with the principle of a fresh "
                        "start.</p>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "warning",
                        "title": "Do not treat an observation home as punishment",
                        "body": (
                            "<p>An observation home is for temporary reception during the "
                            'inquiry, not a place to "teach a lesson". Unnecessary '
                            "detention, delayed inquiries and bail conditions that the family "
                            "cannot meet are among the most common rights violations in the "
                            "system. Probation officers and DCPU staff should bring such "
                            "cases to the Board's attention.</p>"
                        ),
                        "act": "",
                        "section": "",
                    },
                ),
                (
                    "case_study",
                    {
                        "title": "Bail that did not work",
                        "scenario": (
                            "<p>Ramesh, 16, from a brick-kiln family near Bilaspur, is "
                            "produced before the JJB for a theft of scrap metal. The Board "
                            "grants bail on a surety of Rs 10,000. Three weeks later he is "
                            "still in the observation home because his father, a seasonal "
                            "labourer, cannot find a surety.</p>"
                        ),
                        "questions": [
                            "What has gone wrong in terms of Section 12?",
                            "What should the probation officer or the home's staff do now?",
                        ],
                        "discussion": (
                            "<p>Section 12 treats release as the rule; a bail condition that "
                            "the family cannot meet turns release into detention. Where a "
                            "child cannot meet the conditions within seven days, the child "
                            "must be produced again so that the Board can modify them. The "
                            "probation officer should put Ramesh's situation before the Board "
                            "at once, with information from the social investigation about "
                            "the family's means, and propose release on personal bond or "
                            "under supervision. The superintendent of the observation home "
                            "should also keep a list of children who are still in the home "
                            "after being granted bail.</p>"
                        ),
                    },
                ),
                (
                    "key_points",
                    {
                        "title": "Key points",
                        "points": [
                            (
                                "The JJB has a Principal Magistrate and two social workers, "
                                "one of them a woman."
                            ),
                            (
                                "A child in conflict with law must be produced before the "
                                "Board within 24 hours and never kept in a lock-up or jail."
                            ),
                            (
                                "Release on bail is the rule; refusal must be based on the "
                                "grounds in Section 12 and recorded."
                            ),
                            (
                                "The inquiry must finish within four months, extendable by "
                                "two; the orders are rehabilitative, with a special home for "
                                "at most three years."
                            ),
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "Which of the following are orders the JJB can pass under Section "
                            "18 after finding that a child has committed an offence? Select "
                            "all that apply."
                        ),
                        "options": [
                            (
                                (
                                    "Release on probation of good conduct in the care of a "
                                    "parent or fit person"
                                ),
                                True,
                            ),
                            ("Community service under supervision", True),
                            (
                                (
                                    "Placement in a special home for a period not exceeding "
                                    "three years"
                                ),
                                True,
                            ),
                            ("Imprisonment in the district jail", False),
                        ],
                        "feedback_correct": (
                            "Correct. The Board's orders are rehabilitative; jail is never an "
                            "option before the Board."
                        ),
                        "feedback_incorrect": (
                            "The Board cannot send a child to jail. Its orders range from "
                            "advice and counselling to probation, community service, fines "
                            "and a special home for up to three years."
                        ),
                    },
                ),
            ],
        },
        {
            "title": "Heinous offences, preliminary assessment and age determination",
            "slug": "preliminary-assessment-and-age",
            "estimated_minutes": 15,
            "body": [
                (
                    "heading",
                    {"text": "Children aged 16 to 18 and heinous offences", "level": "h2"},
                ),
                (
                    "text",
                    (
                        "<p>The 2015 Act introduced a new procedure for one narrow group: "
                        "children who were aged 16 or above but below 18 on the date of an "
                        "alleged <b>heinous</b> offence. For every other child in conflict "
                        "with law, including those under 16 accused of heinous offences, the "
                        "Board conducts the inquiry and passes orders under Section 18 in the "
                        "usual way.</p>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "law",
                        "title": "Preliminary assessment",
                        "body": (
                            "<p>Where a child aged 16 or above is alleged to have committed a "
                            "heinous offence, the Board conducts a preliminary assessment of "
                            "the child's <b>mental and physical capacity</b> to commit the "
                            "offence, the child's <b>ability to understand its "
                            "consequences</b>, and the <b>circumstances</b> in which it was "
                            "allegedly committed. The Board may take the help of experienced "
                            "psychologists, psycho-social workers or other experts. The Act "
                            "says expressly that the preliminary assessment is not a "
                            "trial.</p>"
                        ),
                        "act": "Juvenile Justice (Care and Protection of Children) Act, 2015",
                        "section": "Section 15",
                    },
                ),
                (
                    "text",
                    (
                        "<p>The preliminary assessment must be completed within <b>three "
                        "months</b> of the child's first production before the Board. The "
                        "child, the parents and the child's lawyer should receive copies of "
                        "the relevant reports and have a chance to respond. The courts have "
                        "stressed that this is a delicate task: it must not be a formality, "
                        "and the Board must have real expert help before concluding that a "
                        "child should be tried as an adult.</p>"
                        "<p>After the assessment, the Board either decides to deal with the "
                        "matter itself, or passes an order that there is a need for trial of "
                        "the child as an adult and transfers the case to the <b>Children's "
                        "Court</b> (Section 18(3)). A Children's Court is a court set up "
                        "under the Commissions for Protection of Child Rights Act, 2005 or a "
                        "Special Court under the POCSO Act, and where neither has been "
                        "designated, the Court of Session.</p>"
                    ),
                ),
                ("heading", {"text": "What the Children's Court does", "level": "h3"}),
                (
                    "text",
                    (
                        "<p>The Children's Court may itself decide that trial as an adult is "
                        "not needed and conduct the inquiry as a Board would (Section 19). If "
                        "it does try the child as an adult, it must still keep to "
                        "child-friendly procedure, and any sentence is subject to Section 21 "
                        "(no death sentence and no life imprisonment without the possibility "
                        "of release). The court's final order includes an individual care "
                        "plan. A child so sentenced is kept in a <b>place of safety</b>, not "
                        "a jail, until the age of 21, with education, skill development, "
                        "counselling and other reformative services. At 21, the court reviews "
                        "progress, with reports from the probation officer or DCPU, and "
                        "decides whether the young person can be released on conditions or "
                        "must serve the rest of the term in jail (Section 20).</p>"
                    ),
                ),
                ("heading", {"text": "Determining age", "level": "h2"}),
                (
                    "text",
                    (
                        "<p>Age decides whether the JJ Act applies at all, and whether "
                        "Section 15 applies. Section 94 sets the procedure for both the CWC "
                        "and the JJB:</p><ul><li>If it is obvious from appearance that the "
                        "person is a child, the Board or Committee records its observation of "
                        "the approximate age and proceeds without waiting for further "
                        "confirmation.</li><li>If there are reasonable grounds for doubt, it "
                        "seeks evidence in this order: first, the date of birth certificate "
                        "from the school, or the matriculation or equivalent certificate; in "
                        "their absence, the birth certificate issued by a corporation, "
                        "municipal authority or panchayat; and only if neither exists, an "
                        "ossification test or other latest medical age determination test "
                        "ordered by the Board or Committee.</li>"
                        "<li>A medical age determination test ordered by the Board or "
                        "Committee must be completed within fifteen days of the order, and "
                        "the age recorded by the Board or Committee is deemed to be the true "
                        "age of the person.</li></ul><p>A claim of being a child can also be "
                        "raised before any court at any stage, even after the case has been "
                        "finally disposed of (Section 9).</p>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "warning",
                        "title": "A medical test is the last resort, not the first",
                        "body": (
                            "<p>Ordering an ossification test when a school certificate is "
                            "available is contrary to Section 94. Medical estimates have a "
                            "margin of error, which should be read in the child's favour. "
                            "Help families obtain school or birth records quickly: the DCPU, "
                            "the school and the local registrar of births can often find "
                            "them.</p>"
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
                                "Preliminary assessment applies only to children aged 16 to "
                                "18 at the time of an alleged heinous offence."
                            ),
                            (
                                "It assesses capacity, understanding of consequences and "
                                "circumstances; it is not a trial and must be completed "
                                "within three months."
                            ),
                            (
                                "A child tried as an adult by the Children's Court stays in a "
                                "place of safety until 21 and cannot receive death or life "
                                "imprisonment without release."
                            ),
                            (
                                "Age is determined from school or birth records first; a "
                                "medical test is used only when no documents exist."
                            ),
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "A 15-year-old is accused of an offence punishable with a minimum "
                            "of ten years' imprisonment. Which procedure applies?"
                        ),
                        "options": [
                            (
                                (
                                    "The JJB inquires and passes orders under Section 18; no "
                                    "preliminary assessment is made because the child is "
                                    "below 16."
                                ),
                                True,
                            ),
                            (
                                "The JJB conducts a preliminary assessment under Section 15.",
                                False,
                            ),
                            (
                                (
                                    "The case goes straight to the Court of Session for trial "
                                    "as an adult."
                                ),
                                False,
                            ),
                        ],
                        "feedback_correct": (
                            "Correct. Section 15 applies only to children aged 16 or above at "
                            "the time of a heinous offence."
                        ),
                        "feedback_incorrect": (
                            "Section 15 applies only to children aged 16 to 18. A 15-year-old "
                            "is dealt with by the Board through a regular inquiry."
                        ),
                    },
                ),
            ],
        },
        {
            "title": "Social investigation, care plans, confidentiality and the 2021 amendment",
            "slug": "sir-icp-and-2021-amendment",
            "estimated_minutes": 20,
            "body": [
                ("heading", {"text": "The Social Investigation Report", "level": "h2"}),
                (
                    "text",
                    (
                        "<p>Both the CWC and the JJB depend on a <b>Social Investigation "
                        "Report (SIR)</b> to decide what is best for a child. The Act "
                        "requires it within fifteen days: the JJB directs a probation "
                        "officer, Child Welfare Officer or social worker (Section 8), and the "
                        "CWC a social worker, Child Welfare Officer or Child Welfare Police "
                        "Officer (Section 36). The Model Rules prescribe formats for the SIR, "
                        "with different forms for children in need of care and protection and "
                        "for children in conflict with law.</p>"
                        "<p>A good SIR is based on meeting the child, the family and others "
                        "who know the child, and on visiting the home. It describes the "
                        "child's history, family relationships, education, health, behaviour "
                        "and peer group, risks and protective factors, the family's "
                        "circumstances and its capacity to care for the child, and ends with "
                        "a reasoned recommendation. It is not a police report and it does not "
                        "decide guilt. For a child in conflict with law, it helps the Board "
                        "understand why the offence happened and what support will prevent it "
                        "from happening again.</p>"
                    ),
                ),
                ("heading", {"text": "The Individual Care Plan", "level": "h2"}),
                (
                    "text",
                    (
                        "<p>Every child in care under the Act must have an <b>Individual Care "
                        "Plan (ICP)</b>. The Model Rules describe it as a comprehensive "
                        "development plan based on the child's age- and gender-specific needs "
                        "and case history, prepared <b>in consultation with the child</b>, to "
                        "restore the child's self-esteem, dignity and self-worth. It covers "
                        "health, emotional and psychological support, education and training, "
                        "leisure and play, attachments and relationships, protection from "
                        "abuse and neglect, social mainstreaming, and follow-up after release "
                        "or restoration. Section 39 says that rehabilitation and social "
                        "re-integration are to be undertaken on the basis of the ICP, "
                        "preferably through family-based care.</p>"
                        "<p>The next module, Case management and the Individual Care Plan, "
                        "covers how to prepare and review SIRs and ICPs in detail.</p>"
                    ),
                ),
                ("heading", {"text": "Privacy and confidentiality", "level": "h2"}),
                (
                    "callout",
                    {
                        "kind": "law",
                        "title": "No disclosure of identity",
                        "body": (
                            "<p>No report in any newspaper, magazine, audio-visual media or "
                            "other form of communication about an inquiry, investigation or "
                            "judicial procedure may disclose the name, address, school or any "
                            "other particular that may lead to the identification of a child "
                            "in conflict with law, a child in need of care and protection, or "
                            "a child victim or witness of a crime, and no picture of such a "
                            "child may be published. The Board or Committee may permit "
                            "disclosure only if it is in the child's best interest, for "
                            "reasons recorded in writing. Breach is punishable with "
                            "imprisonment of up to six months, a fine of up to two lakh "
                            "rupees, or both.</p>"
                        ),
                        "act": "Juvenile Justice (Care and Protection of Children) Act, 2015",
                        "section": "Section 74",
                    },
                ),
                (
                    "text",
                    (
                        "<p>Confidentiality applies to you too. Case files are shared only "
                        "with those who need them to act for the child. Photographs of "
                        "children in institutions are not to be posted on social media, even "
                        "to celebrate a festival. The police may not use a child's record for "
                        "a character certificate.</p>"
                    ),
                ),
                ("heading", {"text": "What changed in 2021", "level": "h2"}),
                (
                    "text",
                    (
                        "<p>The Juvenile Justice (Care and Protection of Children) Amendment "
                        "Act, 2021 came into force, together with amended Model Rules, on 1 "
                        "September 2022. Its main changes for practitioners are:</p><ul>"
                        "<li><b>Adoption orders by the District Magistrate</b>: adoption "
                        "orders are now passed by the District Magistrate, including an "
                        "Additional District Magistrate, instead of a court, within two "
                        "months of the application (Section 61).</li>"
                        "<li><b>Stronger oversight by the DM</b>: the District Magistrate "
                        "supervises the DCPU and reviews the functioning of the CWC, the JJB, "
                        "the SJPU and child care institutions in the district, with a greater "
                        "role in the inspection and registration of institutions. The DM is "
                        "also the grievance redressal authority in respect of the "
                        "CWC.</li><li><b>CWC members</b>: stricter eligibility and "
                        "disqualification criteria, for example for persons with a record of "
                        "violating human rights or child rights, or who are part of the "
                        "management of an institution in the district.</li>"
                        "<li><b>Serious offences</b>: the definition was widened to include "
                        "offences with a maximum punishment of more than seven years but no "
                        "minimum, or a minimum of less than seven years.</li></ul>"
                    ),
                ),
                (
                    "quote",
                    {
                        "text": (
                            "In all actions concerning children, whether undertaken by public "
                            "or private social welfare institutions, courts of law, "
                            "administrative authorities or legislative bodies, the best "
                            "interests of the child shall be a primary consideration."
                        ),
                        "attribution": "United Nations Convention on the Rights of the Child",
                        "source": "Article 3(1)",
                    },
                ),
                (
                    "key_points",
                    {
                        "title": "Key points",
                        "points": [
                            (
                                "The SIR is due within fifteen days and is the basis for the "
                                "CWC's and JJB's decisions; it is a social assessment, not a "
                                "police report."
                            ),
                            (
                                "Every child in care needs an Individual Care Plan prepared "
                                "with the child and reviewed over time."
                            ),
                            (
                                "Section 74 prohibits disclosing any detail that could "
                                "identify a child; breaches are punishable."
                            ),
                            (
                                "Since 1 September 2022 the District Magistrate passes "
                                "adoption orders and has wider oversight of the district's "
                                "child protection bodies and institutions."
                            ),
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "A local reporter asks the superintendent of a children's home "
                            "for a photograph of a rescued child labourer, with her face "
                            "blurred and her village named. What should the superintendent do?"
                        ),
                        "options": [
                            (
                                (
                                    "Refuse: naming the village could identify the child, and "
                                    "only the CWC can permit disclosure in the child's best "
                                    "interest."
                                ),
                                True,
                            ),
                            ("Share the photograph, because the face is blurred.", False),
                            ("Share it only if the child agrees.", False),
                        ],
                        "feedback_correct": (
                            "Correct. Any particular that may lead to identification is "
                            "protected, and only the Committee can permit disclosure in the "
                            "child's best interest."
                        ),
                        "feedback_incorrect": (
                            "Section 74 covers any particular that may lead to "
                            "identification, such as the village. Only the CWC can permit "
                            "disclosure, and only in the child's best interest."
                        ),
                    },
                ),
            ],
        },
    ],
    "assessment": {
        "title": "Assessment: essentials of the JJ Act, 2015",
        "slug": "assessment",
        "intro": (
            "Fourteen questions on the JJ Act, 2015, the Model Rules and the 2021 amendment. "
            "You need 70 percent to pass. Several questions describe situations: choose what "
            "the law requires."
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
                        "Under Section 2(13), the age of a child in conflict with law is "
                        "determined as on which date?"
                    ),
                    "points": 1,
                    "explanation": (
                        "The definition looks at the date the offence was allegedly committed."
                    ),
                    "options": [
                        ("The date of the alleged offence", True),
                        ("The date of apprehension", False),
                        ("The date of first production before the Board", False),
                        ("The date of the final order", False),
                    ],
                },
            ),
            (
                "multiple_choice",
                {
                    "question": (
                        "Which of these children fall within the definition of a child in "
                        "need of care and protection in Section 2(14)? Select all that apply."
                    ),
                    "points": 2,
                    "explanation": (
                        "A working child, a child at imminent risk of child marriage and a "
                        "runaway child are all covered. A child living safely with caring "
                        "parents is not, even if the family is poor."
                    ),
                    "options": [
                        ("A 12-year-old working at a roadside dhaba", True),
                        (
                            "A 15-year-old girl whose family has fixed her marriage next month",
                            True,
                        ),
                        ("A 10-year-old who has run away from home", True),
                        (
                            (
                                "A 9-year-old living safely with caring parents who have a "
                                "low income"
                            ),
                            False,
                        ),
                    ],
                },
            ),
            (
                "true_false",
                {
                    "question": (
                        "A child in need of care and protection must be produced before the "
                        "CWC within 24 hours, excluding journey time."
                    ),
                    "points": 1,
                    "explanation": (
                        "True. Section 31 requires production without loss of time and within "
                        "24 hours, excluding journey time."
                    ),
                    "correct_answer": "true",
                },
            ),
            (
                "single_choice",
                {
                    "question": (
                        "A social worker finds a lost 6-year-old at a bus stand late at "
                        "night. What does the JJ Act require?"
                    ),
                    "points": 1,
                    "explanation": (
                        "Sections 32 to 34 require anyone who finds an apparently lost or "
                        "abandoned child to inform Childline, the police, the CWC or the "
                        "DCPU, or hand the child to a registered institution, within 24 hours."
                    ),
                    "options": [
                        (
                            (
                                "Inform Childline, the police, the CWC or the DCPU, or hand "
                                "the child to a registered CCI, within 24 hours"
                            ),
                            True,
                        ),
                        ("Keep the child at home until the parents are traced", False),
                        (
                            "Wait 48 hours before reporting, in case the parents come back",
                            False,
                        ),
                        ("Report only if the child appears to have been abused", False),
                    ],
                },
            ),
            (
                "single_choice",
                {
                    "question": (
                        "Within what period should the CWC ordinarily pass its final order "
                        "after a child's first production?"
                    ),
                    "points": 1,
                    "explanation": (
                        "Section 36 asks for the social investigation within fifteen days so "
                        "that the final order can be passed within four months of first "
                        "production."
                    ),
                    "options": [
                        ("Four months", True),
                        ("Fifteen days", False),
                        ("One year", False),
                        ("Two months in every case", False),
                    ],
                },
            ),
            (
                "true_false",
                {
                    "question": (
                        "A CWC can declare an abandoned child aged three legally free for "
                        "adoption the day after the child is first produced, if no one has "
                        "come forward."
                    ),
                    "points": 1,
                    "explanation": (
                        "False. The Committee must first make all efforts to trace the "
                        "parents; for a child above two years the declaration comes within "
                        "four months of production, after due inquiry."
                    ),
                    "correct_answer": "false",
                },
            ),
            (
                "single_choice",
                {
                    "question": (
                        "A child is apprehended late at night for an alleged serious offence. "
                        "Where may the police keep the child until production before the "
                        "Board?"
                    ),
                    "points": 1,
                    "explanation": (
                        "The child is placed under the SJPU or CWPO and, if not released, "
                        "kept in an observation home, never in a lock-up or jail (Sections 10 "
                        "and 12)."
                    ),
                    "options": [
                        (
                            (
                                "Under the charge of the SJPU or CWPO and, if not released, "
                                "in an observation home"
                            ),
                            True,
                        ),
                        ("In the police station lock-up, separated from adults", False),
                        ("In the district jail's juvenile ward", False),
                        ("In the police station overnight, if the child consents", False),
                    ],
                },
            ),
            (
                "multiple_choice",
                {
                    "question": (
                        "On which grounds may the JJB refuse bail to a child under Section "
                        "12? Select all that apply."
                    ),
                    "points": 2,
                    "explanation": (
                        "Bail may be refused only if release is likely to bring the child "
                        "into association with a known criminal, expose the child to moral, "
                        "physical or psychological danger, or defeat the ends of justice. The "
                        "seriousness of the offence alone is not a ground."
                    ),
                    "options": [
                        (
                            (
                                "Release is likely to bring the child into association with a "
                                "known criminal"
                            ),
                            True,
                        ),
                        (
                            (
                                "Release would expose the child to moral, physical or "
                                "psychological danger"
                            ),
                            True,
                        ),
                        ("The offence is non-bailable", False),
                        ("The family cannot pay a cash surety", False),
                    ],
                },
            ),
            (
                "single_choice",
                {
                    "question": "What does a preliminary assessment under Section 15 examine?",
                    "points": 1,
                    "explanation": (
                        "The assessment looks at mental and physical capacity to commit the "
                        "offence, ability to understand its consequences, and the "
                        "circumstances; it is not a trial of guilt."
                    ),
                    "options": [
                        (
                            (
                                "The child's mental and physical capacity to commit the "
                                "offence, ability to understand its consequences and the "
                                "circumstances of the alleged offence"
                            ),
                            True,
                        ),
                        ("Whether the child is guilty of the offence", False),
                        ("Whether the child's parents are fit to care for the child", False),
                        ("Only the child's age", False),
                    ],
                },
            ),
            (
                "true_false",
                {
                    "question": (
                        "A child tried as an adult by the Children's Court and sentenced to "
                        "imprisonment is sent to a jail immediately."
                    ),
                    "points": 1,
                    "explanation": (
                        "False. The child is kept in a place of safety until 21, with "
                        "reformative services; the court then reviews the case (Sections 19 "
                        "and 20)."
                    ),
                    "correct_answer": "false",
                },
            ),
            (
                "single_choice",
                {
                    "question": (
                        "There is doubt about a boy's age, and his school admission register "
                        "shows a date of birth. What should the Board do?"
                    ),
                    "points": 1,
                    "explanation": (
                        "Section 94 gives first priority to the school date of birth "
                        "certificate or matriculation certificate; a medical test is used "
                        "only when no such document or birth certificate exists."
                    ),
                    "options": [
                        ("Rely on the school date of birth certificate", True),
                        ("Order an ossification test first", False),
                        (
                            "Accept the police officer's estimate from the boy's appearance",
                            False,
                        ),
                        (
                            ("Ask the parents to swear an affidavit and ignore the school record"),
                            False,
                        ),
                    ],
                },
            ),
            (
                "multiple_choice",
                {
                    "question": (
                        "Which of these changes were made by the 2021 amendment to the JJ "
                        "Act? Select all that apply."
                    ),
                    "points": 2,
                    "explanation": (
                        "The amendment gave adoption orders to the District Magistrate, "
                        "widened the DM's oversight and redefined serious offences. The age "
                        "of a child remains below 18."
                    ),
                    "options": [
                        (
                            (
                                "Adoption orders are passed by the District Magistrate "
                                "instead of a court."
                            ),
                            True,
                        ),
                        (
                            (
                                "The District Magistrate reviews the functioning of the CWC, "
                                "JJB, SJPU, DCPU and child care institutions."
                            ),
                            True,
                        ),
                        (
                            (
                                "Offences with a maximum above seven years and no minimum are "
                                "treated as serious offences."
                            ),
                            True,
                        ),
                        ("The age of a child was lowered to 16 for all offences.", False),
                    ],
                },
            ),
            (
                "single_choice",
                {
                    "question": "Which statement about the Individual Care Plan is correct?",
                    "points": 1,
                    "explanation": (
                        "The ICP is a comprehensive development plan prepared in consultation "
                        "with the child and is the basis for rehabilitation and "
                        "re-integration under Section 39."
                    ),
                    "options": [
                        (
                            (
                                "It is prepared in consultation with the child and guides "
                                "rehabilitation and re-integration."
                            ),
                            True,
                        ),
                        ("It is needed only for children in conflict with law.", False),
                        ("It is prepared once at admission and never changed.", False),
                        ("It is a police document recording the offence.", False),
                    ],
                },
            ),
            (
                "true_false",
                {
                    "question": (
                        "Publishing a child's school name in a news report about a CWC "
                        "inquiry may breach Section 74 even if the child's name is not given."
                    ),
                    "points": 1,
                    "explanation": (
                        "True. Section 74 covers any particular that may lead to "
                        "identification, including the school."
                    ),
                    "correct_answer": "true",
                },
            ),
        ],
    },
}
