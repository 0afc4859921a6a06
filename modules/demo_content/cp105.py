"""CP-105: Family-based alternative care, sponsorship, foster care and adoption."""

MODULE = {
    "code": "CP-105",
    "slug": "family-based-alternative-care",
    "title": "Family-based alternative care: sponsorship, foster care and adoption",
    "version": "1.0",
    "summary": (
        "Every child has the right to grow up in a family. This module explains how to keep "
        "children in families or find them new ones: the order of preference among care "
        "options, sponsorship under Mission Vatsalya (Rs 4,000 per month), individual, group "
        "and kinship foster care under the JJ Act and the Model Foster Care Guidelines, 2024, "
        "and adoption under the JJ Act and the Adoption Regulations, 2022 through the CARINGS "
        "portal, with the roles of the SAA, DCPU, CWC, SARA and District Magistrate. The "
        "certificate is valid for three years."
    ),
    "learning_outcomes": [
        (
            "Apply the principles of necessity and suitability to choose among care options, "
            "preferring support to the child's own family and family-based care over "
            "institutional care."
        ),
        (
            "Identify children and families eligible for sponsorship under Mission Vatsalya "
            "and take an application through home study, CWC order, approval committee "
            "sanction and review."
        ),
        (
            "Explain individual, group and kinship foster care, who may become a foster "
            "parent under the Model Foster Care Guidelines, 2024, and how placements are "
            "monitored."
        ),
        (
            "Describe the adoption process under the JJ Act and the Adoption Regulations, "
            "2022, from the declaration that a child is legally free for adoption to the "
            "District Magistrate's order and post-adoption follow-up."
        ),
        (
            "Distinguish the roles of the SAA, DCPU, CWC, SARA, CARA and the District "
            "Magistrate, and recognise illegal adoption practices."
        ),
    ],
    "cadres": [
        "dcpo",
        "po-non-institutional",
        "po-institutional",
        "social-worker",
        "counsellor",
        "outreach-worker",
        "scps-staff",
        "cwc-member",
        "saa-staff",
        "cci-superintendent",
        "cpc-member",
    ],
    "competencies": [
        "Arranges sponsorship and foster care",
        "Follows the adoption process under the Adoption Regulations",
        "Prevents unnecessary institutionalisation",
        "Upholds the rights of the child under the UN Convention on the Rights of the Child",
        "Engages village and block child protection committees",
    ],
    "prerequisites": ["CP-101"],
    "pass_mark": 70,
    "max_attempts": 3,
    "retake_cooldown_hours": 0,
    "completion_rule": "lessons_assessment",
    "required_attendance_percent": None,
    "awards_certificate": True,
    "certificate_validity_months": 36,
    "lessons": [
        {
            "title": "Choosing the right care option",
            "slug": "choosing-care-options",
            "estimated_minutes": 15,
            "body": [
                ("heading", {"text": "Every child belongs in a family", "level": "h2"}),
                (
                    "text",
                    (
                        "<p>Children grow best in families. Even a well-run institution "
                        "cannot offer the lasting, individual attachment that a child needs, "
                        "and long stays in institutions are linked with delays in "
                        "development, difficulties in relationships and problems after "
                        "leaving care. This is why the JJ Act treats institutionalisation as "
                        "a measure of last resort and why Mission Vatsalya funds sponsorship, "
                        "foster care, adoption and after-care.</p>"
                    ),
                ),
                (
                    "quote",
                    {
                        "text": (
                            "The child, for the full and harmonious development of his or her "
                            "personality, should grow up in a family environment, in an "
                            "atmosphere of happiness, love and understanding."
                        ),
                        "attribution": "United Nations Convention on the Rights of the Child",
                        "source": "Preamble",
                    },
                ),
                ("heading", {"text": "Two tests: necessity and suitability", "level": "h2"}),
                (
                    "text",
                    (
                        "<p>The UN Guidelines for the Alternative Care of Children (2009) "
                        "offer two simple tests that fit well with the JJ Act:</p><ul>"
                        "<li><b>Necessity</b>: Is alternative care really needed? Could the "
                        "child stay safely with parents or relatives if the family received "
                        "support, such as sponsorship, counselling, de-addiction treatment, "
                        "health care, housing or a livelihood scheme? Poverty alone should "
                        "never be the reason for separating a child from the family.</li>"
                        "<li><b>Suitability</b>: If the child cannot stay at home, which "
                        "option best meets this child's needs, considering age, wishes, "
                        "siblings, disability, culture and the likely length of care?</li>"
                        "</ul>"
                    ),
                ),
                ("heading", {"text": "An order of preference", "level": "h2"}),
                (
                    "text",
                    (
                        "<p>Read together, Sections 3, 37, 39 and 40 of the JJ Act suggest a "
                        "broad order of preference:</p><ol>"
                        "<li><b>Support to the child's own family</b>, with restoration as "
                        "soon as possible if the child has been separated.</li>"
                        "<li><b>Kinship care</b>: care by grandparents, aunts, uncles or "
                        "other relatives, supported by sponsorship where needed, or by a fit "
                        "person declared by the CWC.</li>"
                        "<li><b>Adoption</b>, for a child declared legally free for adoption, "
                        "because it gives a permanent family.</li>"
                        "<li><b>Foster care</b>, individual or group, for a child who cannot "
                        "return home and is not, or not yet, available for adoption.</li>"
                        "<li><b>Institutional care</b>, for the shortest time necessary, in a "
                        "registered institution, with a plan to move the child to a "
                        "family.</li></ol><p>This is a guide, not a ladder to be climbed step "
                        "by step. An abandoned baby should move quickly towards adoption; a "
                        "15-year-old with a strong bond to his mother, who is in prison, may "
                        "be best placed with an aunt with sponsorship support. The child's "
                        "own views, given due weight according to age and maturity, are part "
                        "of the decision.</p>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "law",
                        "title": "Family-based care is the preferred route",
                        "body": (
                            "<p>The process of rehabilitation and social re-integration is to "
                            "be undertaken on the basis of the child's individual care plan, "
                            "preferably through family-based care such as restoration to "
                            "family or guardian with or without supervision or sponsorship, "
                            "adoption or foster care.</p>"
                        ),
                        "act": "Juvenile Justice (Care and Protection of Children) Act, 2015",
                        "section": "Section 39",
                    },
                ),
                (
                    "heading",
                    {"text": "Gatekeeping: questions before any admission", "level": "h3"},
                ),
                (
                    "text",
                    (
                        "<p>Gatekeeping means making sure that a child enters institutional "
                        "care only when it is truly needed. Before recommending admission, "
                        "the DCPU and CWC should ask: Has the family been assessed through a "
                        "home visit? Have relatives been contacted? Could sponsorship or "
                        "another scheme solve the problem? Is there a foster family "
                        "available? If admission is unavoidable, what is the plan and time "
                        "frame for moving the child back to a family?</p>"
                    ),
                ),
                (
                    "case_study",
                    {
                        "title": "A request to admit three siblings",
                        "scenario": (
                            "<p>In Chhindwara, a father whose wife has died brings his three "
                            "children, aged 4, 8 and 11, to the DCPU and asks that they be "
                            "admitted to a children's home. He works as a driver and is away "
                            "for days at a time. His mother, aged 60, lives in the same "
                            "village and already looks after the children when he travels, "
                            "but says she cannot afford to feed them all.</p>"
                        ),
                        "questions": [
                            (
                                "Does the situation meet the test of necessity for "
                                "institutional care?"
                            ),
                            (
                                "What family-based arrangement could be explored, and which "
                                "services would support it?"
                            ),
                        ],
                        "discussion": (
                            "<p>The children have a loving parent and a grandmother willing "
                            "to care for them; the problem is money and the father's absence. "
                            "Admission to an institution would separate the siblings from "
                            "their family and each other. The DCPU can assess the "
                            "grandmother's home and health, and the CWC can consider a "
                            "sponsorship order so that the family receives monthly support, "
                            "along with links to the anganwadi, school, ration card and "
                            "health schemes. The village committee can keep an eye on the "
                            "household. The children stay together, in their community, with "
                            "their father.</p>"
                        ),
                    },
                ),
                (
                    "key_points",
                    {
                        "title": "Key points",
                        "points": [
                            (
                                "Long-term institutional care harms children's development; "
                                "the JJ Act makes it a last resort."
                            ),
                            (
                                "Apply the necessity test (is separation needed?) and the "
                                "suitability test (which option fits this child?)."
                            ),
                            (
                                "Prefer family support and kinship care, then adoption or "
                                "foster care; use institutions only briefly and with a plan."
                            ),
                            (
                                "Poverty alone is never a reason to separate a child from the "
                                "family."
                            ),
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "A widow asks the DCPU to admit her two sons to a children's home "
                            "because she cannot afford school costs. What should be explored "
                            "first?"
                        ),
                        "options": [
                            (
                                (
                                    "Sponsorship and other support so that the boys can "
                                    "continue to live with her"
                                ),
                                True,
                            ),
                            ("Immediate admission to the nearest children's home", False),
                            ("Placement of the boys in foster care", False),
                        ],
                        "feedback_correct": (
                            "Correct. A widowed mother unable to meet costs is a typical case "
                            "for sponsorship; the children need not be separated from her."
                        ),
                        "feedback_incorrect": (
                            "The family's problem is financial; sponsorship and other support "
                            "should be explored so that the boys stay with their mother."
                        ),
                    },
                ),
            ],
        },
        {
            "title": "Sponsorship under Mission Vatsalya",
            "slug": "sponsorship",
            "estimated_minutes": 20,
            "body": [
                ("heading", {"text": "What sponsorship is", "level": "h2"}),
                (
                    "text",
                    (
                        "<p>Sponsorship is supplementary financial support to a family so "
                        "that the child can stay with the family or return to it, and "
                        "continue education and receive health care and nutrition. Under "
                        "Mission Vatsalya the amount is <b>Rs 4,000 per child per month</b>, "
                        "paid into a bank account. Sponsorship can be <b>preventive</b>, "
                        "keeping a vulnerable child out of institutional care, or "
                        "<b>rehabilitative</b>, helping a child in an institution return to "
                        "the family or extended family.</p>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "law",
                        "title": "Sponsorship in the JJ Act",
                        "body": (
                            "<p>The State Government makes rules for sponsorship programmes, "
                            "such as individual-to-individual, group or community "
                            "sponsorship. The Act lists criteria including: where the mother "
                            "is a widow, divorced or abandoned; where children are orphans "
                            "living with the extended family; where parents are victims of a "
                            "life-threatening disease; and where parents are incapacitated or "
                            "unable to care for the children financially and physically.</p>"
                        ),
                        "act": "Juvenile Justice (Care and Protection of Children) Act, 2015",
                        "section": "Section 45",
                    },
                ),
                ("heading", {"text": "Who is eligible", "level": "h2"}),
                (
                    "text",
                    (
                        "<p>The Mission Vatsalya guidelines and State schemes build on these "
                        "criteria. Children commonly covered include:</p><ul>"
                        "<li>children of widowed, divorced or abandoned mothers;</li>"
                        "<li>orphans living with relatives;</li>"
                        "<li>children whose parents have a life-threatening or terminal "
                        "illness, or are incapacitated;</li>"
                        "<li>children whose parent is in prison;</li>"
                        "<li>children in need of care and protection such as children rescued "
                        "from child labour, trafficking or child marriage, children affected "
                        "by HIV, children with disabilities, children living on the street, "
                        "and missing or runaway children restored to their families;</li>"
                        "<li>children who can be restored from institutions to their families "
                        "with financial support.</li></ul>"
                        "<p>The guidelines set a family income ceiling, which under Mission "
                        "Vatsalya is Rs 72,000 a year in rural areas and Rs 96,000 a year in "
                        "other areas; check your State's current notification. Support can "
                        "continue up to the age of 18, subject to review.</p>"
                    ),
                ),
                ("heading", {"text": "From identification to payment", "level": "h2"}),
                (
                    "text",
                    (
                        "<ol><li><b>Identification.</b> Children are identified by village, "
                        "ward and block committees, outreach workers, anganwadi workers, "
                        "schools, CCIs (for children ready for restoration), the CWC or the "
                        "family itself.</li><li><b>Application and home study.</b> The "
                        "Protection Officer (Non-Institutional Care) or a DCPU social worker "
                        "visits the family, verifies eligibility and documents, and assesses "
                        "the child's needs.</li><li><b>CWC order.</b> For a child in need of "
                        "care and protection, the CWC considers the home study and passes a "
                        "sponsorship order.</li><li><b>Sanction.</b> The district "
                        "<b>Sponsorship and Foster Care Approval Committee (SFCAC)</b>, "
                        "chaired by the District Magistrate with the DCPO as member "
                        "secretary, approves cases and sanctions the support. It is expected "
                        "to meet regularly and decide in a time-bound manner.</li>"
                        "<li><b>Payment.</b> The monthly amount is transferred to a bank "
                        "account, usually a joint account of the child and the mother or "
                        "guardian.</li><li><b>Monitoring and review.</b> The DCPU visits the "
                        "family, checks school attendance and the child's well-being, and the "
                        "SFCAC reviews each case, at least once a year.</li></ol>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "warning",
                        "title": "Reasons for ending sponsorship",
                        "body": (
                            "<p>Sponsorship ends when the child turns 18, when the family's "
                            "situation improves and it gives up the support, or when the "
                            "child leaves the family, for example to live in an institution. "
                            "It may also be reviewed if the child stops attending school "
                            "without good reason. Review should lead first to a visit and a "
                            "conversation, not automatic termination: irregular attendance "
                            "may itself signal a new problem at home.</p>"
                        ),
                        "act": "",
                        "section": "",
                    },
                ),
                (
                    "case_study",
                    {
                        "title": "Sponsorship for a grandmother's care",
                        "scenario": (
                            "<p>After their parents died in a road accident, Anita, 9, and "
                            "her brother Vikas, 6, went to live with their maternal "
                            "grandmother in a village in Kangra district. The grandmother "
                            "earns a little from selling milk. A teacher tells the village "
                            "Child Welfare and Protection Committee that Anita often comes to "
                            "school hungry and that Vikas has not been enrolled.</p>"
                        ),
                        "questions": [
                            "Are the children eligible for sponsorship? Why?",
                            (
                                "Which steps should the committee and the DCPU take, and who "
                                "else should be involved?"
                            ),
                        ],
                        "discussion": (
                            "<p>Orphans living with the extended family are a core category "
                            "for sponsorship, and the family's income appears low. The "
                            "committee should refer the case to the DCPU; the Protection "
                            "Officer (Non-Institutional Care) will visit, verify income and "
                            "documents (death certificates, birth certificates, bank account) "
                            "and send the home study to the CWC, which can pass a sponsorship "
                            "order for sanction by the SFCAC. Meanwhile the school and "
                            "anganwadi can enrol Vikas and make sure both children receive "
                            "mid-day meals. The CWC can also consider declaring the "
                            "grandmother a fit person, and the DCPU can check entitlements to "
                            "other schemes, such as a widow or old-age pension for the "
                            "grandmother.</p>"
                        ),
                    },
                ),
                (
                    "key_points",
                    {
                        "title": "Key points",
                        "points": [
                            (
                                "Sponsorship under Mission Vatsalya is Rs 4,000 per child per "
                                "month, to keep children in or return them to families."
                            ),
                            (
                                "Eligible children include those of widowed or abandoned "
                                "mothers, orphans with relatives, children of ill or "
                                "imprisoned parents and other vulnerable children."
                            ),
                            (
                                "The DCPU does the home study, the CWC passes the order, and "
                                "the SFCAC chaired by the DM sanctions and reviews."
                            ),
                            (
                                "Monitor through visits and school attendance; respond to "
                                "problems with support before considering termination."
                            ),
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "Who chairs the district Sponsorship and Foster Care Approval "
                            "Committee, and who is its member secretary?"
                        ),
                        "options": [
                            (
                                (
                                    "The District Magistrate chairs it; the DCPO is member "
                                    "secretary."
                                ),
                                True,
                            ),
                            (
                                (
                                    "The CWC chairperson chairs it; the SAA head is member "
                                    "secretary."
                                ),
                                False,
                            ),
                            (
                                (
                                    "The Superintendent of Police chairs it; the Protection "
                                    "Officer is member secretary."
                                ),
                                False,
                            ),
                        ],
                        "feedback_correct": "Correct.",
                        "feedback_incorrect": (
                            "The SFCAC is chaired by the District Magistrate, with the "
                            "District Child Protection Officer as member secretary."
                        ),
                    },
                ),
            ],
        },
        {
            "title": "Foster care: individual, group and kinship care",
            "slug": "foster-care",
            "estimated_minutes": 20,
            "body": [
                ("heading", {"text": "Foster care under the JJ Act", "level": "h2"}),
                (
                    "callout",
                    {
                        "kind": "law",
                        "title": "Foster care",
                        "body": (
                            "<p>Children in need of care and protection may be placed in "
                            "foster care, including group foster care, by order of the Child "
                            "Welfare Committee, in a family that does not include the child's "
                            "biological or adoptive family, or in recognised group foster "
                            "care. Foster families are selected on the basis of their "
                            "ability, intent, capacity and prior experience of taking care of "
                            "children, and efforts are made to keep siblings together unless "
                            "this is not in their best interest.</p>"
                        ),
                        "act": "Juvenile Justice (Care and Protection of Children) Act, 2015",
                        "section": "Section 44",
                    },
                ),
                (
                    "text",
                    (
                        "<p>Foster care is a temporary or long-term arrangement in which a "
                        "child lives with another family, while the State retains "
                        "responsibility and the child's legal status does not change. It "
                        "suits children who cannot live with their own family for now, and "
                        "who are not available for adoption or for whom adoption has not been "
                        "possible: for example, children whose parents are in prison or "
                        "seriously ill, children in institutions with no prospect of early "
                        "restoration, and older or hard-to-place children declared legally "
                        "free for adoption.</p><p>The Ministry of Women and Child Development "
                        "issued revised <b>Model Foster Care Guidelines in 2024</b>, "
                        "replacing those of 2016, and States adapt them through their own "
                        "rules and schemes.</p>"
                    ),
                ),
                ("heading", {"text": "Forms of foster care", "level": "h3"}),
                (
                    "text",
                    (
                        "<ul><li><b>Individual foster care</b>: one child, or a group of "
                        "siblings, placed with a foster family.</li>"
                        "<li><b>Group foster care</b>: a family-like setting in which a small "
                        "group of unrelated children lives with trained foster carers, as an "
                        "alternative to a large institution.</li>"
                        "<li><b>Kinship care</b>: care by relatives. Because Section 44 "
                        "excludes the child's biological family from foster care, kinship "
                        "care is usually supported by declaring the relative a fit person and "
                        "by sponsorship, which the Mission Vatsalya guidelines describe as "
                        "sponsorship for kinship care.</li></ul>"
                    ),
                ),
                ("heading", {"text": "Who can foster", "level": "h2"}),
                (
                    "text",
                    (
                        "<p>Under the 2024 guidelines:</p><ul>"
                        "<li>foster care is for children above six years of age; younger "
                        "children who cannot return home are best served by adoption;</li>"
                        "<li>any person may foster, whether married or single and whether or "
                        "not they have biological children, subject to eligibility;</li>"
                        "<li>a single woman may foster a child of any gender; a single man "
                        "may foster only boys;</li><li>a married couple must have at least "
                        "two years of stable marital relationship, and both spouses must "
                        "consent;</li><li>foster parents must meet age limits that depend on "
                        "the age of the child, and must be physically, mentally and "
                        "emotionally fit, financially able to care for the child and without "
                        "any criminal record or history of child abuse;</li>"
                        "<li>a foster family that has cared for a child declared legally free "
                        "for adoption for at least two years (reduced from five years) may "
                        "apply to adopt that child, under the Adoption Regulations.</li>"
                        "</ul><p>Mission Vatsalya provides financial support of Rs 4,000 per "
                        "child per month to foster families, sanctioned through the SFCAC.</p>"
                    ),
                ),
                ("heading", {"text": "The placement process", "level": "h2"}),
                (
                    "text",
                    (
                        "<ol><li>The DCPU identifies children suitable for foster care, "
                        "usually from the ICP review in CCIs or from CWC cases, and prepares "
                        "a child study report.</li><li>Prospective foster parents apply; the "
                        "DCPU carries out a home study, checks references and police "
                        "verification, and provides preparation and training.</li>"
                        "<li>The child is prepared: told about the family in an "
                        "age-appropriate way, with pre-placement visits where possible; the "
                        "child's consent is sought according to age and "
                        "understanding.</li><li>The CWC matches the child and family and "
                        "passes the foster care order; the SFCAC sanctions support.</li>"
                        "<li>The DCPU monitors the placement through regular visits, talks to "
                        "the child separately, supports the family and reports to the CWC, "
                        "which reviews the placement periodically.</li>"
                        "<li>The ICP continues: the child's contact with biological family, "
                        "where safe, school progress and the long-term goal are kept under "
                        "review.</li></ol>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "warning",
                        "title": "Foster care is not domestic help",
                        "body": (
                            "<p>A foster child must be treated as a member of the family, "
                            "attend school and be free from household labour beyond what any "
                            "child in the family does. Any sign that a foster child is being "
                            "used for work, kept out of school or treated differently from "
                            "the family's own children must be acted on immediately.</p>"
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
                                "Foster care is ordered by the CWC, in a family that is not "
                                "the child's biological or adoptive family, or in group "
                                "foster care."
                            ),
                            (
                                "Under the 2024 guidelines, foster care is for children above "
                                "six; single persons may foster, single men only boys."
                            ),
                            (
                                "Foster parents may apply to adopt a child who is legally "
                                "free for adoption after two years of foster care."
                            ),
                            (
                                "Kinship care is supported by fit person orders and "
                                "sponsorship; all placements need home study, matching, "
                                "monitoring and review."
                            ),
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "Which of the following are true under the Model Foster Care "
                            "Guidelines, 2024? Select all that apply."
                        ),
                        "options": [
                            ("A single woman can foster a child of any gender.", True),
                            (
                                (
                                    "A married couple needs at least two years of stable "
                                    "marital relationship."
                                ),
                                True,
                            ),
                            (
                                (
                                    "A two-year-old in a CCI should ordinarily be placed in "
                                    "foster care rather than considered for adoption."
                                ),
                                False,
                            ),
                        ],
                        "feedback_correct": (
                            "Correct. Foster care is for children above six; a younger child "
                            "who cannot go home should be considered for adoption."
                        ),
                        "feedback_incorrect": (
                            "Foster care under the 2024 guidelines is for children above six. "
                            "Single women may foster any child and couples need two years of "
                            "stable marriage."
                        ),
                    },
                ),
            ],
        },
        {
            "title": "Adoption under the JJ Act and the Adoption Regulations, 2022",
            "slug": "adoption",
            "estimated_minutes": 20,
            "body": [
                ("heading", {"text": "The legal framework", "level": "h2"}),
                (
                    "text",
                    (
                        "<p>Adoption permanently separates a child from the biological "
                        "parents and makes the child the lawful child of the adoptive "
                        "parents, with all the rights, privileges and responsibilities of a "
                        "biological child. Chapter VIII of the JJ Act (Sections 56 to 73) "
                        "governs the adoption of orphan, abandoned and surrendered children, "
                        "relative adoption and step-parent adoption, both within India and "
                        "between countries. The detailed procedure is laid down in the "
                        "<b>Adoption Regulations, 2022</b>, framed by CARA and notified in "
                        "September 2022, which replaced the 2017 Regulations. The whole "
                        "process is run through CARA's online system, <b>CARINGS</b> (Child "
                        "Adoption Resource Information and Guidance System).</p>"
                        "<p>Hindus, Buddhists, Jains and Sikhs can also adopt under the Hindu "
                        "Adoptions and Maintenance Act, 1956, but orphan, abandoned and "
                        "surrendered children in the care of the system are placed in "
                        "adoption only under the JJ Act.</p>"
                    ),
                ),
                ("heading", {"text": "Which children can be adopted", "level": "h2"}),
                (
                    "text",
                    (
                        "<p>Only a child declared <b>legally free for adoption</b> by the CWC "
                        "(Section 38) can be placed with unrelated prospective adoptive "
                        "parents. As you saw in the module on the JJ Act, for an orphan or "
                        "abandoned child this follows efforts to trace the parents and must "
                        "be done within two months of production for a child up to two years "
                        "old and within four months for an older child; for a surrendered "
                        "child, after the two-month reconsideration period. The child's "
                        "details are then entered on CARINGS by the Specialised Adoption "
                        "Agency (SAA). A child who has reached five years of age must consent "
                        "to the adoption, and in all cases the child's wishes are considered "
                        "according to age and understanding.</p>"
                    ),
                ),
                ("heading", {"text": "Who can adopt", "level": "h3"}),
                (
                    "text",
                    (
                        "<p>Under Section 57 and the Regulations, prospective adoptive "
                        "parents must be physically fit, financially sound, mentally alert "
                        "and highly motivated to adopt, and must not have any "
                        "life-threatening medical condition or a conviction for a criminal "
                        "offence or a history of child abuse. A couple needs the consent of "
                        "both spouses and at least two years of stable marital relationship. "
                        "A single or divorced person may adopt; a single woman may adopt a "
                        "child of any gender, but a single man may not adopt a girl. The "
                        "Regulations set maximum ages that depend on the age of the child, "
                        "and require an age gap of at least 25 years between the child and "
                        "each adoptive parent (except in relative and step-parent "
                        "adoptions).</p>"
                    ),
                ),
                ("heading", {"text": "Steps in in-country adoption", "level": "h2"}),
                (
                    "text",
                    (
                        "<ol><li><b>Registration</b>: prospective adoptive parents register "
                        "on CARINGS and upload their documents.</li>"
                        "<li><b>Home study</b>: a social worker of an SAA, or the DCPU, "
                        "visits and prepares a home study report, which is uploaded to "
                        "CARINGS.</li><li><b>Referral</b>: according to their seniority on "
                        "the waiting list and their preferences, the family is referred a "
                        "child's profile, with the child study report and medical examination "
                        "report.</li><li><b>Matching</b>: the family meets the child at the "
                        "SAA and, if they accept, the child is reserved for them and the "
                        "matching is completed.</li><li><b>Pre-adoption foster care</b>: the "
                        "child goes home with the family on an undertaking, while the legal "
                        "process is completed.</li><li><b>Adoption order</b>: the SAA files "
                        "the application before the District Magistrate, who examines it, may "
                        "interact with the family and must pass the order within two months "
                        "(Section 61). The proceedings are held in camera.</li>"
                        "<li><b>Post-adoption follow-up</b>: the SAA or DCPU makes regular "
                        "follow-up visits and reports, for two years after the child goes "
                        "home.</li></ol><p>Inter-country adoption is considered for a child "
                        "only after efforts at in-country adoption have not succeeded within "
                        "the time set by the Act and Regulations. Relative adoption and "
                        "step-parent adoption follow their own procedures on CARINGS, also "
                        "ending with an order of the District Magistrate.</p>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "law",
                        "title": "What the District Magistrate must be satisfied about",
                        "body": (
                            "<p>Before issuing an adoption order, the District Magistrate "
                            "must be satisfied that the adoption is for the welfare of the "
                            "child, that due consideration has been given to the wishes of "
                            "the child having regard to age and understanding, and that "
                            "neither the prospective adoptive parents nor the agency has "
                            "given or agreed to give or receive any payment or reward in "
                            "consideration of the adoption, except as permitted by the "
                            "Regulations. The case is to be disposed of within two months of "
                            "filing.</p>"
                        ),
                        "act": "Juvenile Justice (Care and Protection of Children) Act, 2015",
                        "section": "Section 61",
                    },
                ),
                (
                    "case_study",
                    {
                        "title": "An older child waiting",
                        "scenario": (
                            "<p>Deepak, 9, has been legally free for adoption for over a year "
                            "and is registered on CARINGS, but no family has accepted his "
                            "referral. He lives in an SAA in Nagpur, where most of the other "
                            "children are infants who are adopted within months. He has "
                            "started asking the staff why nobody wants him.</p>"
                        ),
                        "questions": [
                            (
                                "What options exist for Deepak under the Regulations and the "
                                "foster care guidelines?"
                            ),
                            "How should the staff talk to Deepak about his situation?",
                        ],
                        "discussion": (
                            "<p>Older children and children with special needs are often "
                            "placed through the immediate placement and special needs "
                            "categories on CARINGS, which families can choose directly, and "
                            "the SARA and SAA can actively publicise such children to "
                            "registered families. Foster care with a family that may later "
                            "adopt him after two years is another route, as is inter-country "
                            "adoption if in-country efforts have failed. Staff should be "
                            "honest with Deepak in words he can understand, reassure him that "
                            "the problem is not him, involve him in preparing his profile and "
                            "life story book, and keep him informed. His consent will be "
                            "needed for any adoption.</p>"
                        ),
                    },
                ),
                (
                    "key_points",
                    {
                        "title": "Key points",
                        "points": [
                            (
                                "Adoption of orphan, abandoned and surrendered children is "
                                "governed by the JJ Act and the Adoption Regulations, 2022, "
                                "through CARINGS."
                            ),
                            (
                                "Only a child declared legally free for adoption by the CWC "
                                "can be adopted by unrelated parents; a child of five or "
                                "above must consent."
                            ),
                            (
                                "Steps: registration, home study, referral, matching, "
                                "pre-adoption foster care, DM's order within two months, two "
                                "years of follow-up."
                            ),
                            (
                                "Single women may adopt any child; single men may not adopt a "
                                "girl; couples need two years of stable marriage."
                            ),
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "Who passes the adoption order in an in-country adoption of an "
                            "abandoned child under the JJ Act today?"
                        ),
                        "options": [
                            (
                                (
                                    "The District Magistrate, including an Additional "
                                    "District Magistrate"
                                ),
                                True,
                            ),
                            ("The Child Welfare Committee", False),
                            ("The family court", False),
                            ("CARA", False),
                        ],
                        "feedback_correct": (
                            "Correct. Since the 2021 amendment came into force on 1 September "
                            "2022, adoption orders are passed by the District Magistrate."
                        ),
                        "feedback_incorrect": (
                            "Since 1 September 2022 the District Magistrate (including an "
                            "ADM) passes adoption orders. The CWC declares the child legally "
                            "free for adoption."
                        ),
                    },
                ),
            ],
        },
        {
            "title": "Who does what: SAA, DCPU, CWC, SARA and the District Magistrate",
            "slug": "roles-in-alternative-care",
            "estimated_minutes": 15,
            "body": [
                ("heading", {"text": "The division of roles", "level": "h2"}),
                (
                    "text",
                    (
                        "<p>Family-based care depends on several bodies doing their part on "
                        "time. A delay by any one of them, such as a missing declaration, an "
                        "unfiled application or a home study not done, keeps a child waiting "
                        "in an institution.</p><ul><li><b>Specialised Adoption Agency "
                        "(SAA)</b> (Section 65): cares for young orphan, abandoned and "
                        "surrendered children, produces them before the CWC, prepares child "
                        "study and medical reports, registers children on CARINGS, carries "
                        "out home studies, arranges referral, matching and pre-adoption "
                        "foster care, files the adoption application and does post-adoption "
                        "follow-up. Many SAAs also run a cradle baby reception facility so "
                        "that a baby can be left safely rather than abandoned in "
                        "danger.</li><li><b>District Child Protection Unit (DCPU)</b>: "
                        "identifies children for sponsorship and foster care, carries out "
                        "home studies and monitoring, makes sure that every orphan, abandoned "
                        "or surrendered child in any institution in the district is produced "
                        "before the CWC and linked to an SAA, supports adoption work and "
                        "follow-up, and serves as secretariat to the SFCAC. Under the "
                        "Regulations the DCPO chairs the Adoption Committee, which also "
                        "includes the SAA, a doctor and a DCPU official.</li>"
                        "<li><b>Child Welfare Committee (CWC)</b>: inquires into each child's "
                        "situation, declares children legally free for adoption, passes "
                        "sponsorship, foster care and fit person orders, and reviews "
                        "placements.</li><li><b>District Magistrate</b>: chairs the SFCAC, "
                        "passes adoption orders, and oversees the DCPU, CWC and institutions, "
                        "including their performance in family-based care.</li>"
                        "<li><b>State Adoption Resource Agency (SARA)</b> and <b>CARA</b>: "
                        "monitor adoption in the State and nationally, support agencies and "
                        "resolve problems, and run CARINGS.</li></ul>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "law",
                        "title": "Children in other institutions must be linked to adoption",
                        "body": (
                            "<p>All child care institutions must make sure that orphan, "
                            "abandoned and surrendered children in their care are reported to "
                            "and produced before the CWC, so that they can be declared "
                            "legally free for adoption where appropriate, and linked with a "
                            "Specialised Adoption Agency.</p>"
                        ),
                        "act": "Juvenile Justice (Care and Protection of Children) Act, 2015",
                        "section": "Section 66",
                    },
                ),
                ("heading", {"text": "Illegal adoption and sale of children", "level": "h2"}),
                (
                    "text",
                    (
                        '<p>Informal "adoptions", where a hospital, a nursing home, an '
                        "intermediary or a relative hands a baby to a couple, remain common. "
                        "They deprive the child of the safeguards of the legal process and "
                        "can hide trafficking. The JJ Act makes it an offence to offer, give "
                        "or receive an orphan, abandoned or surrendered child for adoption "
                        "without following the prescribed procedure (Section 80), and "
                        "punishes the sale and procurement of children (Section 81), with "
                        "higher punishment where the offender is a person who has actual "
                        "charge of the child, such as staff of a hospital or nursing home. "
                        "Any such case must be reported to the police and the CWC, and the "
                        "child produced before the CWC.</p>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "note",
                        "title": "Advice to give families",
                        "body": (
                            "<p>When a couple asks you how to adopt, tell them clearly that "
                            "the only lawful route is registration on CARINGS, and that "
                            "anyone offering a baby outside this process is committing an "
                            "offence. When a mother in distress wants to give up her baby, "
                            "explain surrender before the CWC, the two months to reconsider, "
                            "and the support that could help her keep the child.</p>"
                        ),
                        "act": "",
                        "section": "",
                    },
                ),
                (
                    "case_study",
                    {
                        "title": "A baby from the nursing home",
                        "scenario": (
                            "<p>During a home visit for a sponsorship case in a town in "
                            "Nalgonda district, a social worker sees a newborn in the house "
                            "of a childless couple who are neighbours of the family. The "
                            "couple say that a private nursing home gave them the baby a week "
                            "ago after the unmarried mother left, and that they paid only the "
                            "hospital bill. They want to keep the baby and ask the social "
                            "worker not to create trouble.</p>"
                        ),
                        "questions": [
                            "What offences may have been committed, and by whom?",
                            (
                                "What should the social worker do, and how should she speak "
                                "to the couple?"
                            ),
                        ],
                        "discussion": (
                            "<p>Giving or receiving a child outside the legal process may be "
                            "an offence under Section 80, and if money changed hands, or if "
                            "the nursing home arranged the transfer, Section 81 on sale and "
                            "procurement may apply; the nursing home also failed to report an "
                            "abandoned child under Section 32. The social worker must inform "
                            "the DCPO, who will ensure the police and the CWC are informed "
                            "and the baby is produced before the CWC, which will place her "
                            "with an SAA, try to trace the mother and decide her status. The "
                            "social worker should speak to the couple respectfully, "
                            "explaining that the law protects both the child and them, and "
                            "that they can register on CARINGS; what they cannot do is keep a "
                            "child obtained in this way.</p>"
                        ),
                    },
                ),
                (
                    "key_points",
                    {
                        "title": "Key points",
                        "points": [
                            (
                                "The SAA cares for children and runs most adoption steps; the "
                                "DCPU drives sponsorship, foster care and the link between "
                                "institutions and adoption."
                            ),
                            (
                                "The CWC declares children legally free for adoption and "
                                "passes care orders; the District Magistrate chairs the SFCAC "
                                "and passes adoption orders."
                            ),
                            (
                                "Every orphan, abandoned or surrendered child in any CCI must "
                                "be produced before the CWC and linked with an SAA."
                            ),
                            (
                                "Adoption outside the legal process and sale of children are "
                                "offences; refer couples to CARINGS."
                            ),
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "An orphan girl of three has been living in a private children's "
                            "home for a year. She has never been produced before the CWC for "
                            "a decision on adoption. Whose duty is it to set this right? "
                            "Select all that apply."
                        ),
                        "options": [
                            (
                                (
                                    "The children's home, which must report and produce her "
                                    "before the CWC"
                                ),
                                True,
                            ),
                            (
                                (
                                    "The DCPU, which monitors institutions and links such "
                                    "children to an SAA"
                                ),
                                True,
                            ),
                            ("The prospective adoptive parents registered on CARINGS", False),
                        ],
                        "feedback_correct": (
                            "Correct. The institution has the duty under Section 66, and the "
                            "DCPU must make sure it is carried out."
                        ),
                        "feedback_incorrect": (
                            "The children's home must report and produce her under Section "
                            "66, and the DCPU must make sure this happens. Prospective "
                            "parents have no role at this stage."
                        ),
                    },
                ),
            ],
        },
    ],
    "assessment": {
        "title": "Assessment: family-based alternative care",
        "slug": "assessment",
        "intro": (
            "Twelve questions on care options, sponsorship, foster care and adoption. You "
            "need 70 percent to pass. The certificate for this module is valid for three "
            "years, after which a refresher is required."
        ),
        "pass_mark": None,
        "draw_count": None,
        "shuffle_questions": True,
        "shuffle_options": True,
        "questions": [
            (
                "single_choice",
                {
                    "question": "What does the necessity test in alternative care ask?",
                    "points": 1,
                    "explanation": (
                        "Necessity asks whether separation from the family can be avoided "
                        "with support; suitability asks which option best fits the child."
                    ),
                    "options": [
                        (
                            (
                                "Whether the child could stay safely with family if the "
                                "family received support"
                            ),
                            True,
                        ),
                        ("Which institution has vacant places", False),
                        ("Whether the child is legally free for adoption", False),
                        ("Whether the child has been in care for more than a year", False),
                    ],
                },
            ),
            (
                "true_false",
                {
                    "question": (
                        "A family's poverty alone is a sufficient reason to place a child in "
                        "a children's home."
                    ),
                    "points": 1,
                    "explanation": (
                        "False. Poverty should be met with support such as sponsorship; "
                        "institutional care is a last resort."
                    ),
                    "correct_answer": "false",
                },
            ),
            (
                "single_choice",
                {
                    "question": (
                        "What is the monthly amount of sponsorship support per child under "
                        "Mission Vatsalya?"
                    ),
                    "points": 1,
                    "explanation": (
                        "Mission Vatsalya provides Rs 4,000 per child per month for "
                        "sponsorship, and the same amount for foster care and after-care."
                    ),
                    "options": [
                        ("Rs 4,000", True),
                        ("Rs 2,000", False),
                        ("Rs 1,000", False),
                        ("Rs 10,000", False),
                    ],
                },
            ),
            (
                "multiple_choice",
                {
                    "question": (
                        "Which children are typical cases for sponsorship? Select all that apply."
                    ),
                    "points": 2,
                    "explanation": (
                        "Children of widowed or abandoned mothers, orphans with relatives and "
                        "children of parents with terminal illness are core categories. A "
                        "child in a financially secure family is not."
                    ),
                    "options": [
                        ("Children of a widowed mother with low income", True),
                        ("Orphans living with their grandparents", True),
                        ("Children whose father has a terminal illness", True),
                        (
                            "Children of a family with a stable income well above the ceiling",
                            False,
                        ),
                    ],
                },
            ),
            (
                "single_choice",
                {
                    "question": (
                        "Under Section 44 of the JJ Act, who orders a child's placement in "
                        "foster care?"
                    ),
                    "points": 1,
                    "explanation": (
                        "Foster care placements are made through orders of the Child Welfare "
                        "Committee; the SFCAC sanctions the financial support."
                    ),
                    "options": [
                        ("The Child Welfare Committee", True),
                        ("The Sponsorship and Foster Care Approval Committee", False),
                        ("The Specialised Adoption Agency", False),
                        ("The Juvenile Justice Board", False),
                    ],
                },
            ),
            (
                "true_false",
                {
                    "question": (
                        "Under the Model Foster Care Guidelines, 2024, a single man may "
                        "foster a girl child."
                    ),
                    "points": 1,
                    "explanation": (
                        "False. A single man may foster only boys; a single woman may foster "
                        "a child of any gender."
                    ),
                    "correct_answer": "false",
                },
            ),
            (
                "single_choice",
                {
                    "question": (
                        "After how many years of foster care may foster parents apply to "
                        "adopt a child who is legally free for adoption, under the 2024 "
                        "guidelines?"
                    ),
                    "points": 1,
                    "explanation": (
                        "The 2024 guidelines reduced the period from five years to two."
                    ),
                    "options": [
                        ("Two years", True),
                        ("Five years", False),
                        ("Six months", False),
                        ("Ten years", False),
                    ],
                },
            ),
            (
                "multiple_choice",
                {
                    "question": (
                        "Which statements about adoption under the Adoption Regulations, 2022 "
                        "are correct? Select all that apply."
                    ),
                    "points": 2,
                    "explanation": (
                        "Registration, home study and referral happen through CARINGS; the DM "
                        "passes the order within two months; follow-up lasts two years. The "
                        "CWC does not pass adoption orders."
                    ),
                    "options": [
                        ("Prospective adoptive parents register on CARINGS.", True),
                        (
                            (
                                "The District Magistrate must dispose of the adoption "
                                "application within two months."
                            ),
                            True,
                        ),
                        ("Post-adoption follow-up continues for two years.", True),
                        ("The CWC passes the final adoption order.", False),
                    ],
                },
            ),
            (
                "single_choice",
                {
                    "question": (
                        "A 7-year-old girl is legally free for adoption and a couple has "
                        "accepted her referral. What must happen regarding the child's views?"
                    ),
                    "points": 1,
                    "explanation": (
                        "A child of five or above must consent to the adoption, and the "
                        "child's wishes are considered according to age and understanding."
                    ),
                    "options": [
                        (
                            ("Her consent must be obtained, since she is above five years of age."),
                            True,
                        ),
                        ("Her views are not relevant until she is 12.", False),
                        ("Only the SAA superintendent's consent is needed.", False),
                        ("Her biological relatives must consent.", False),
                    ],
                },
            ),
            (
                "true_false",
                {
                    "question": (
                        "A nursing home that hands an abandoned newborn directly to a "
                        "childless couple, without involving the CWC, may be committing an "
                        "offence under the JJ Act."
                    ),
                    "points": 1,
                    "explanation": (
                        "True. Giving a child for adoption outside the prescribed procedure "
                        "is an offence under Section 80, and sale or procurement under "
                        "Section 81; the nursing home also had a duty to report the child."
                    ),
                    "correct_answer": "true",
                },
            ),
            (
                "single_choice",
                {
                    "question": (
                        "Which body chairs the Adoption Committee under the Adoption "
                        "Regulations, 2022?"
                    ),
                    "points": 1,
                    "explanation": (
                        "The Regulations define the Adoption Committee as including the SAA's "
                        "authorised office-bearer, a doctor and a DCPU official, chaired by "
                        "the District Child Protection Officer."
                    ),
                    "options": [
                        ("The District Child Protection Officer", True),
                        ("The CWC chairperson", False),
                        ("The District Magistrate", False),
                        ("The SARA programme manager", False),
                    ],
                },
            ),
            (
                "multiple_choice",
                {
                    "question": (
                        "A children's home has several orphan children aged 2 to 10 who have "
                        "never been declared legally free for adoption. Which actions are "
                        "required? Select all that apply."
                    ),
                    "points": 2,
                    "explanation": (
                        "Section 66 requires the institution to report and produce such "
                        "children before the CWC and link them with an SAA; the DCPU monitors "
                        "this. Keeping them indefinitely is contrary to the Act."
                    ),
                    "options": [
                        ("The home reports and produces the children before the CWC.", True),
                        ("The DCPU makes sure the children are linked with an SAA.", True),
                        (
                            (
                                "The home keeps the children until they are 18, since they "
                                "are well cared for."
                            ),
                            False,
                        ),
                        ("The home finds families for the children among its donors.", False),
                    ],
                },
            ),
        ],
    },
}
