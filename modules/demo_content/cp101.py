"""CP-101: ICPS and Mission Vatsalya, structures and services from national to village level."""

MODULE = {
    "code": "CP-101",
    "slug": "icps-structures-and-services",
    "title": ("ICPS and Mission Vatsalya: structures and services from national to village level"),
    "version": "1.0",
    "summary": (
        "An orientation to India's child protection system as it is organised under Mission "
        "Vatsalya, the successor to the Integrated Child Protection Scheme (ICPS). The module "
        "explains who does what at national, state, district, block and village level, how "
        "the statutory bodies (CWC, JJB, SJPU) relate to the service delivery structures "
        "(SCPS, SARA, DCPU), how Child Helpline 1098 now works with ERSS-112, and which "
        "institutional and family-based services a child and family can be linked to."
    ),
    "learning_outcomes": [
        (
            "Explain how Mission Vatsalya grew out of ICPS and describe its aim of a "
            "continuum of care that keeps children in families wherever possible."
        ),
        (
            "Describe the roles of the national and state structures, including the Ministry "
            "of Women and Child Development, CARA, the commissions for protection of child "
            "rights, the SCPS and the SARA."
        ),
        (
            "Identify the posts in a District Child Protection Unit and explain how the DCPU "
            "works with the District Magistrate, the CWC, the JJB, the SJPU and the child "
            "helpline."
        ),
        (
            "Distinguish the types of child care institutions from the non-institutional "
            "services of sponsorship, foster care, adoption and after-care."
        ),
        (
            "Explain the role of village, ward and block child welfare and protection "
            "committees in prevention, identification and follow-up."
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
        "scps-staff",
        "cwc-member",
        "jjb-member",
        "sjpu-officer",
        "cwpo",
        "cci-superintendent",
        "cci-staff",
        "saa-staff",
        "child-helpline",
        "cpc-member",
        "other",
    ],
    "competencies": [
        "Knows the structures and services of ICPS / Mission Vatsalya",
        "Prevents unnecessary institutionalisation",
        "Engages village and block child protection committees",
        "Works with police, health, education and legal services",
    ],
    "prerequisites": [],
    "pass_mark": 70,
    "max_attempts": 3,
    "retake_cooldown_hours": 0,
    "completion_rule": "lessons_assessment",
    "required_attendance_percent": None,
    "awards_certificate": True,
    "certificate_validity_months": None,
    "lessons": [
        {
            "title": "From ICPS to Mission Vatsalya: purpose and principles",
            "slug": "from-icps-to-mission-vatsalya",
            "estimated_minutes": 15,
            "body": [
                ("heading", {"text": "Why a child protection scheme?", "level": "h2"}),
                (
                    "text",
                    (
                        "<p>India's laws on children, above all the Juvenile Justice (Care "
                        "and Protection of Children) Act, 2015 (the JJ Act) and the "
                        "Protection of Children from Sexual Offences Act, 2012 (the POCSO "
                        "Act), create duties and bodies: Child Welfare Committees, Juvenile "
                        "Justice Boards, special police units, child care institutions. A law "
                        "alone does not pay salaries, train staff, run a helpline or fund a "
                        "foster family. That is the work of a centrally sponsored scheme, "
                        "implemented by State and Union Territory governments with funds "
                        "shared between the Centre and the States.</p>"
                        "<p>The Ministry of Women and Child Development launched the "
                        "<b>Integrated Child Protection Scheme (ICPS)</b> in 2009-10. For the "
                        "first time it brought earlier, scattered programmes for children in "
                        "difficult circumstances under one umbrella and created dedicated "
                        "child protection staff in every district. ICPS was later renamed the "
                        "Child Protection Services scheme, and from 2021-22 it was merged "
                        "into <b>Mission Vatsalya</b>, whose implementation guidelines were "
                        "issued by the Ministry in July 2022.</p>"
                    ),
                ),
                ("heading", {"text": "What Mission Vatsalya tries to achieve", "level": "h2"}),
                (
                    "text",
                    (
                        "<p>Mission Vatsalya aims to secure a healthy and happy childhood for "
                        "every child, and in particular to build a responsive system for "
                        "children who need care and protection and children in conflict with "
                        "law. In practice its guidelines emphasise a few clear "
                        "directions:</p><ul><li><b>Prevention and family strengthening</b>: "
                        "identifying families at risk early and linking them to social "
                        "protection schemes, so that poverty or crisis does not push a child "
                        "into an institution or onto the street.</li>"
                        "<li><b>Family-based care first</b>: sponsorship, foster care and "
                        "adoption are preferred to institutional care, which is to be used as "
                        "a last resort and for the shortest period.</li>"
                        "<li><b>Quality of institutional care</b>: child care institutions "
                        "must be registered, inspected and graded, and each child must have "
                        "an individual care plan.</li>"
                        "<li><b>Statutory bodies that work</b>: support to Child Welfare "
                        "Committees and Juvenile Justice Boards so they can sit regularly and "
                        "decide cases on time.</li><li><b>Convergence</b>: working with "
                        "health, education, police, labour, Panchayati Raj and urban local "
                        "bodies rather than in isolation.</li>"
                        "<li><b>Data and monitoring</b>: use of the Mission Vatsalya portal "
                        "and other tracking systems to follow each child.</li></ul>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "law",
                        "title": "A statutory duty to set up the structures",
                        "body": (
                            "<p>The JJ Act requires every State Government to constitute a "
                            "Child Protection Society for the State and a Child Protection "
                            "Unit for every district, to take up matters relating to children "
                            "and to implement the Act. Mission Vatsalya provides the funding "
                            "and staffing pattern for these bodies.</p>"
                        ),
                        "act": "Juvenile Justice (Care and Protection of Children) Act, 2015",
                        "section": "Section 106",
                    },
                ),
                ("heading", {"text": "The idea of a continuum of care", "level": "h2"}),
                (
                    "text",
                    (
                        "<p>A helpful way to picture the system is as a continuum. At one end "
                        "are <b>universal and preventive services</b> for all children: "
                        "anganwadi services, schooling, health care, birth registration. Next "
                        "come <b>targeted support to families at risk</b>, such as "
                        "sponsorship or counselling. Where a child cannot stay safely at "
                        "home, the system looks first to <b>family-based alternative care</b> "
                        "(kinship care with relatives, foster care, adoption for a child "
                        "legally free for adoption). Only when none of these is possible or "
                        "suitable does it use <b>institutional care</b>, and even then the "
                        "aim is restoration or another family placement as soon as it is in "
                        "the child's best interest. Finally, <b>after-care</b> supports young "
                        "people leaving care at 18 into independent adult life.</p>"
                        "<p>Every functionary in this module, from a village committee member "
                        "to a State officer, has a place on that continuum. Knowing who sits "
                        "where helps you refer a child quickly to the right person instead of "
                        "holding a case you cannot resolve.</p>"
                    ),
                ),
                (
                    "quote",
                    {
                        "text": (
                            "That children are given opportunities and facilities to develop "
                            "in a healthy manner and in conditions of freedom and dignity and "
                            "that childhood and youth are protected against exploitation and "
                            "against moral and material abandonment."
                        ),
                        "attribution": "Constitution of India",
                        "source": "Article 39(f), Directive Principles of State Policy",
                    },
                ),
                (
                    "callout",
                    {
                        "kind": "note",
                        "title": "Names change, duties continue",
                        "body": (
                            '<p>You will still hear people say "ICPS staff" or "the ICPS '
                            'unit". The posts, the DCPU and the statutory bodies continue '
                            "under Mission Vatsalya. Some States also use their own names for "
                            "the State society or the district unit. What matters is the "
                            "function, which comes from the JJ Act and the scheme "
                            "guidelines.</p>"
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
                                "ICPS (2009-10) created the first dedicated child protection "
                                "structures in every district; it continues today as Mission "
                                "Vatsalya."
                            ),
                            (
                                "Mission Vatsalya is a centrally sponsored scheme implemented "
                                "by States and UTs, with costs shared by the Centre and the "
                                "States."
                            ),
                            (
                                "The JJ Act itself obliges every State to set up a State "
                                "Child Protection Society and a District Child Protection "
                                "Unit."
                            ),
                            (
                                "The system is a continuum: prevention, family support, "
                                "family-based alternative care, institutional care as a last "
                                "resort, and after-care."
                            ),
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "A block officer says that since the district already has a "
                            "children's home, there is no need to look for relatives or "
                            "foster families for children found in difficult situations. "
                            "Which response best reflects Mission Vatsalya?"
                        ),
                        "options": [
                            (
                                (
                                    "Family-based options should be explored first; "
                                    "institutional care is a last resort and, where used, "
                                    "should be as short as possible."
                                ),
                                True,
                            ),
                            (
                                (
                                    "The officer is right: institutional care is the standard "
                                    "option under the scheme."
                                ),
                                False,
                            ),
                            (
                                (
                                    "Foster care and sponsorship are only for children who "
                                    "have been declared legally free for adoption."
                                ),
                                False,
                            ),
                        ],
                        "feedback_correct": (
                            "Correct. The scheme and the JJ Act both treat "
                            "institutionalisation as a measure of last resort and prefer "
                            "family-based care."
                        ),
                        "feedback_incorrect": (
                            "Not quite. The JJ Act and Mission Vatsalya prefer family-based "
                            "care; a children's home is used only when family options are not "
                            "possible or not in the child's best interest."
                        ),
                    },
                ),
            ],
        },
        {
            "title": "National and state structures",
            "slug": "national-and-state-structures",
            "estimated_minutes": 15,
            "body": [
                ("heading", {"text": "The system at a glance", "level": "h2"}),
                ("image", {"asset": "icps-structure"}),
                (
                    "text",
                    (
                        "<p>The diagram shows the main layers. Policy and funding flow down "
                        "from the Centre through the States to the districts. Information "
                        "about children and services should flow back up, so that plans are "
                        "based on real needs. The statutory bodies created by the JJ Act "
                        "(Child Welfare Committees, Juvenile Justice Boards) are independent "
                        "in their decisions, but they depend on the scheme's structures for "
                        "staff, reports and services.</p>"
                    ),
                ),
                ("heading", {"text": "National level", "level": "h2"}),
                (
                    "text",
                    (
                        "<p>The <b>Ministry of Women and Child Development</b> is the nodal "
                        "ministry. It frames the scheme guidelines, issues model rules and "
                        "standard operating procedures, and releases the central share of "
                        "funds. Under Mission Vatsalya, a <b>Project Approval Board</b> "
                        "chaired by the Secretary of the Ministry considers each State's "
                        "annual plan and financial proposals. A central project unit in the "
                        "Ministry supports monitoring (the earlier ICPS guidelines called it "
                        "the Central Project Support Unit; the Mission Vatsalya guidelines "
                        "describe a Central Project Monitoring Unit).</p>"
                        "<p>Other national bodies you will deal with:</p><ul>"
                        "<li><b>Central Adoption Resource Authority (CARA)</b>, a statutory "
                        "body under the JJ Act, which regulates in-country and inter-country "
                        "adoption and runs the CARINGS portal.</li>"
                        "<li><b>National Commission for Protection of Child Rights "
                        "(NCPCR)</b>, set up under the Commissions for Protection of Child "
                        "Rights Act, 2005, which monitors the implementation of the JJ Act "
                        "and the POCSO Act and can inquire into complaints of violation of "
                        "child rights.</li><li><b>National Institute of Public Cooperation "
                        "and Child Development (NIPCCD)</b>, which supports training and "
                        "capacity building of child protection functionaries.</li></ul>"
                    ),
                ),
                ("heading", {"text": "State level", "level": "h2"}),
                (
                    "text",
                    (
                        "<p>The <b>State Child Protection Society (SCPS)</b> is the main "
                        "implementing body in the State, usually located in the department of "
                        "women and child development or social welfare. Its work includes "
                        "preparing the State's annual plan under the scheme, releasing funds "
                        "to districts, recruiting and training staff, registering and "
                        "monitoring child care institutions through the department, "
                        "maintaining State-level data, and coordinating with other "
                        "departments.</p><p>The <b>State Adoption Resource Agency (SARA)</b> "
                        "promotes and monitors adoption within the State, supports "
                        "Specialised Adoption Agencies, and works with CARA. Under the JJ Act "
                        "a SARA is set up in every State.</p>"
                        "<p>The Mission Vatsalya guidelines also provide for a <b>State Child "
                        "Welfare and Protection Committee</b> to review the scheme and ensure "
                        "convergence between departments. Each State has a <b>State "
                        "Commission for Protection of Child Rights</b>, which has the same "
                        "monitoring role at State level as the NCPCR has nationally. With the "
                        "new child helpline model, the State also runs a 24x7 control room "
                        "that receives helpline calls and passes them to districts.</p>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "law",
                        "title": "State Adoption Resource Agency",
                        "body": (
                            "<p>The JJ Act requires the State Government to set up a State "
                            "Adoption Resource Agency to deal with adoption and related "
                            "matters, in accordance with the adoption regulations framed by "
                            "CARA.</p>"
                        ),
                        "act": "Juvenile Justice (Care and Protection of Children) Act, 2015",
                        "section": "Section 67",
                    },
                ),
                (
                    "callout",
                    {
                        "kind": "warning",
                        "title": "Monitoring bodies are not service providers",
                        "body": (
                            "<p>The NCPCR and the State commissions monitor and inquire; they "
                            "do not replace the CWC or the DCPU. If a child needs an "
                            "immediate decision about care, the case must go to the CWC in "
                            "the district. A complaint to a commission is a parallel route, "
                            "not a substitute.</p>"
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
                                "The Ministry of Women and Child Development frames "
                                "guidelines and funds the scheme; a Project Approval Board "
                                "approves State plans."
                            ),
                            ("CARA regulates adoption nationally; the SARA does so in each State."),
                            (
                                "The NCPCR and State commissions monitor implementation of "
                                "the JJ and POCSO Acts; they are not case-deciding bodies."
                            ),
                            (
                                "The SCPS plans, funds, staffs and monitors child protection "
                                "services across the State's districts."
                            ),
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "Which of these is a function of the State Child Protection Society?"
                        ),
                        "options": [
                            (
                                (
                                    "Preparing the State's plan under the scheme and "
                                    "releasing funds to DCPUs"
                                ),
                                True,
                            ),
                            (
                                (
                                    "Deciding whether a particular child should be declared "
                                    "legally free for adoption"
                                ),
                                False,
                            ),
                            (
                                ("Conducting the inquiry into an offence alleged against a child"),
                                False,
                            ),
                        ],
                        "feedback_correct": (
                            "Correct. The SCPS is a planning, funding and monitoring body; "
                            "individual case decisions are made by the CWC or the JJB."
                        ),
                        "feedback_incorrect": (
                            "Individual case decisions belong to the statutory bodies: the "
                            "CWC declares children legally free for adoption and the JJB "
                            "inquires into offences. The SCPS plans, funds and monitors."
                        ),
                    },
                ),
            ],
        },
        {
            "title": "District structures: DCPU, CWC, JJB, SJPU and the child helpline",
            "slug": "district-structures",
            "estimated_minutes": 20,
            "body": [
                (
                    "heading",
                    {"text": "The district is where services reach children", "level": "h2"},
                ),
                (
                    "text",
                    (
                        "<p>Under Mission Vatsalya the <b>District Magistrate</b> is "
                        "responsible for implementing the scheme in the district, and the "
                        "<b>District Child Protection Unit (DCPU)</b> works under the DM's "
                        "overall supervision. The 2021 amendment to the JJ Act strengthened "
                        "this role: the DM now passes adoption orders and has wider powers to "
                        "review the functioning of the CWC, the JJB, the SJPU, the DCPU and "
                        "child care institutions in the district. A <b>District Child Welfare "
                        "and Protection Committee</b>, chaired by the DM, reviews child "
                        "protection in the district and brings departments together.</p>"
                    ),
                ),
                ("heading", {"text": "Who works in a DCPU", "level": "h3"}),
                (
                    "text",
                    (
                        "<p>The sanctioned posts vary a little by State and by the size of "
                        "the district, but a DCPU usually has:</p><ul>"
                        "<li><b>District Child Protection Officer (DCPO)</b>: heads the unit, "
                        "coordinates with the DM, the statutory bodies and departments, and "
                        "supervises all staff.</li><li><b>Protection Officer (Institutional "
                        "Care)</b>: oversees child care institutions, inspections, individual "
                        "care plans and restoration of children in institutions.</li>"
                        "<li><b>Protection Officer (Non-Institutional Care)</b>: runs "
                        "sponsorship, foster care and after-care, and supports adoption "
                        "work.</li><li><b>Legal cum Probation Officer</b>: supports the JJB "
                        "and CWC on legal matters, prepares or supervises social "
                        "investigation reports and supervises children on probation.</li>"
                        "<li><b>Counsellor</b>: provides counselling to children and families "
                        "and supports institutions.</li>"
                        "<li><b>Social workers</b>: carry out home visits, social "
                        "investigations and follow-up.</li>"
                        "<li><b>Data Analyst</b> and data entry staff: maintain the district "
                        "database and the Mission Vatsalya portal and other tracking "
                        "systems.</li><li><b>Outreach workers</b>: work in communities to "
                        "identify vulnerable children and link them to services.</li>"
                        "<li>An accountant or finance staff.</li></ul>"
                    ),
                ),
                ("heading", {"text": "The statutory bodies in the district", "level": "h3"}),
                (
                    "text",
                    (
                        "<p>The <b>Child Welfare Committee (CWC)</b> is constituted for every "
                        "district under Section 27 of the JJ Act, with a chairperson and four "
                        "members, at least one of them a woman and one an expert on matters "
                        "concerning children. It is the competent authority for all children "
                        "in need of care and protection, and its orders decide where and with "
                        "whom a child lives.</p><p>The <b>Juvenile Justice Board (JJB)</b>, "
                        "constituted under Section 4, consists of a Metropolitan Magistrate "
                        "or Judicial Magistrate of the first class (the Principal Magistrate) "
                        "and two social workers, at least one a woman. It deals with children "
                        "alleged to be in conflict with law.</p>"
                        "<p>The <b>Special Juvenile Police Unit (SJPU)</b> and the <b>Child "
                        "Welfare Police Officer (CWPO)</b> are the police side of the system. "
                        "Every police station should have at least one officer, not below the "
                        "rank of Assistant Sub-Inspector, designated as CWPO.</p>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "law",
                        "title": (
                            "Special Juvenile Police Units and Child Welfare Police Officers"
                        ),
                        "body": (
                            "<p>In every police station at least one officer, not below the "
                            "rank of Assistant Sub-Inspector, is to be designated as Child "
                            "Welfare Police Officer. Each district and city has a Special "
                            "Juvenile Police Unit headed by an officer not below the rank of "
                            "Deputy Superintendent of Police, made up of the CWPOs and two "
                            "social workers, one of whom is a woman.</p>"
                        ),
                        "act": "Juvenile Justice (Care and Protection of Children) Act, 2015",
                        "section": "Section 107",
                    },
                ),
                ("heading", {"text": "Child Helpline 1098 and ERSS-112", "level": "h3"}),
                (
                    "text",
                    (
                        "<p>The JJ Act recognises Childline services as a 24-hour emergency "
                        "outreach service for children in crisis. For many years the 1098 "
                        "helpline was run through Childline India Foundation and partner "
                        "organisations. From 2023 the Ministry moved to a government-run "
                        "model integrated with the <b>Emergency Response Support System "
                        "(ERSS-112)</b> of the Ministry of Home Affairs. Calls to 1098 reach "
                        "a State control room; emergencies are linked to 112 so that police "
                        "or ambulance can respond; and cases are passed to a <b>district "
                        "child helpline unit</b> attached to the DCPU, which follows up and "
                        "links the child to the CWC and services. Child help desks also "
                        "function at major railway stations and bus stands.</p>"
                    ),
                ),
                (
                    "case_study",
                    {
                        "title": "A child alone at the railway station",
                        "scenario": (
                            "<p>At 10 p.m., a passenger calls 1098 about a girl of about 11 "
                            "sitting alone on a platform at Itarsi Junction. She says she "
                            "left her home in a village in Harda district after a quarrel "
                            "with her stepfather. The call reaches the State control room, "
                            "which alerts the child help desk at the station and the district "
                            "child helpline unit.</p>"
                        ),
                        "questions": [
                            "Who should reach the child first, and who should be informed?",
                            (
                                "Where can the child stay tonight, and who must see her "
                                "within 24 hours?"
                            ),
                            "Which DCPU staff will be involved in the days that follow?",
                        ],
                        "discussion": (
                            "<p>The help desk staff and the railway police (through a CWPO) "
                            "should reach the child quickly, keep her safe and speak with her "
                            "calmly. She must be produced before the CWC without delay and "
                            "within 24 hours, excluding journey time; if the Committee is not "
                            "sitting, she can be produced before a single member. Overnight "
                            "she can be placed in a registered children's home or another fit "
                            "facility, never in a police lock-up. The CWC will order a social "
                            "investigation; a DCPU social worker or the DCPU in Harda will "
                            "visit the family, assess the stepfather's behaviour and the "
                            "mother's capacity to protect, and the Protection Officer "
                            "(Institutional Care) will track her case until a restoration or "
                            "alternative plan is made. Because she comes from another "
                            "district, the two DCPUs must coordinate.</p>"
                        ),
                    },
                ),
                (
                    "key_points",
                    {
                        "title": "Key points",
                        "points": [
                            (
                                "The DCPU works under the District Magistrate and is the "
                                "secretariat for child protection in the district."
                            ),
                            (
                                "The CWC decides for children in need of care and protection; "
                                "the JJB for children alleged to be in conflict with law."
                            ),
                            (
                                "Every police station should have a designated Child Welfare "
                                "Police Officer; the SJPU coordinates police work with "
                                "children at district level."
                            ),
                            (
                                "Calls to 1098 reach a State control room linked to ERSS-112 "
                                "and are followed up by the district child helpline unit at "
                                "the DCPU."
                            ),
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "Which DCPU post is mainly responsible for sponsorship and foster "
                            "care in the district?"
                        ),
                        "options": [
                            ("Protection Officer (Non-Institutional Care)", True),
                            ("Protection Officer (Institutional Care)", False),
                            ("Legal cum Probation Officer", False),
                            ("Data Analyst", False),
                        ],
                        "feedback_correct": (
                            "Correct. Non-institutional care, meaning sponsorship, foster "
                            "care and after-care, is the core work of this Protection Officer."
                        ),
                        "feedback_incorrect": (
                            "The Protection Officer (Non-Institutional Care) leads "
                            "sponsorship, foster care and after-care. The PO (Institutional "
                            "Care) focuses on children in institutions."
                        ),
                    },
                ),
            ],
        },
        {
            "title": "Services for children and the role of village and block committees",
            "slug": "services-and-community-structures",
            "estimated_minutes": 20,
            "body": [
                ("heading", {"text": "Institutional care under the JJ Act", "level": "h2"}),
                (
                    "text",
                    (
                        "<p>The JJ Act describes several kinds of child care institutions "
                        "(CCIs). Each has a distinct purpose, and a child should be placed in "
                        "the one that matches the legal status and need:</p><ul>"
                        "<li><b>Children's Home</b> (Section 50): for children in need of "
                        "care and protection, for their care, treatment, education, training "
                        "and rehabilitation.</li><li><b>Open Shelter</b> (Section 43): "
                        "community-based facilities for children who need short-term "
                        "residential support, for example children living on the "
                        "street.</li><li><b>Observation Home</b> (Section 47): temporary "
                        "reception of children alleged to be in conflict with law while the "
                        "inquiry is pending.</li><li><b>Special Home</b> (Section 48): for "
                        "children found by the JJB to have committed an offence and ordered "
                        "to stay there.</li><li><b>Place of Safety</b> (Section 49): for "
                        "persons above 18, or children aged 16 to 18 accused or convicted of "
                        "heinous offences, who must be kept separately.</li>"
                        "<li><b>Specialised Adoption Agency</b> (Section 65): for the care of "
                        "young orphan, abandoned and surrendered children and their placement "
                        "in adoption.</li></ul><p>A CWC or JJB can also recognise a <b>fit "
                        "facility</b> or a <b>fit person</b> to take temporary responsibility "
                        "for a child.</p>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "law",
                        "title": "Registration of child care institutions is compulsory",
                        "body": (
                            "<p>Every institution housing children in need of care and "
                            "protection or children in conflict with law, whether run by the "
                            "government or by a voluntary organisation, must be registered "
                            "under the Act. Running an unregistered institution is an offence "
                            "punishable under Section 42.</p>"
                        ),
                        "act": "Juvenile Justice (Care and Protection of Children) Act, 2015",
                        "section": "Section 41",
                    },
                ),
                ("heading", {"text": "Non-institutional, family-based care", "level": "h2"}),
                (
                    "text",
                    (
                        "<p>Mission Vatsalya funds four forms of non-institutional "
                        "care:</p><ul><li><b>Sponsorship</b>: monthly financial support, "
                        "currently Rs 4,000 per child, so that a vulnerable child can stay "
                        "with the mother, the family or relatives and continue education and "
                        "health care. Cases are approved by the district Sponsorship and "
                        "Foster Care Approval Committee, chaired by the DM, on the basis of "
                        "CWC orders.</li><li><b>Foster care</b>: placement of a child, by "
                        "order of the CWC, with a family that is not the child's biological "
                        "or adoptive family, individually or in group foster care. Foster "
                        "families receive monthly support for the child.</li>"
                        "<li><b>Adoption</b>: a permanent family for a child declared legally "
                        "free for adoption, under the JJ Act and the Adoption Regulations, "
                        "2022.</li><li><b>After-care</b>: support to young people leaving a "
                        "CCI at 18, generally up to 21 years and extendable to 23, for "
                        "education, skills, housing and a start in independent life.</li></ul>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "warning",
                        "title": "Poverty alone is not a reason to admit a child",
                        "body": (
                            "<p>Children are still admitted to institutions because a family "
                            "is poor, often so that they can attend school. Before admission, "
                            "ask whether sponsorship, a school hostel under the education "
                            "department or other support could keep the child at home. "
                            "Admitting a child who could have stayed with family safely is "
                            "contrary to the principle that institutional care is a last "
                            "resort.</p>"
                        ),
                        "act": "",
                        "section": "",
                    },
                ),
                ("heading", {"text": "Village, ward and block committees", "level": "h2"}),
                (
                    "text",
                    (
                        "<p>ICPS introduced child protection committees at village, ward "
                        "(urban) and block level, and Mission Vatsalya continues them as "
                        "<b>Child Welfare and Protection Committees</b>. The guidelines allow "
                        "this function to be given to an existing standing committee of the "
                        "gram panchayat or urban local body that deals with social justice or "
                        "women and children. Typical members include the elected head or a "
                        "ward member, the anganwadi worker, ASHA and ANM, a school teacher, "
                        "members of self-help groups, and children's representatives.</p>"
                        "<p>These committees are the eyes and ears of the system. They "
                        "can:</p><ul><li>map vulnerable children: orphans, children of single "
                        "parents or migrant families, children out of school, children with "
                        "disabilities, children at risk of child marriage or child "
                        "labour;</li><li>identify families eligible for sponsorship and other "
                        "schemes and refer them to the DCPU;</li>"
                        "<li>report abuse, trafficking or child marriage to the police, 1098 "
                        "or the CWC;</li><li>follow up children restored to the village after "
                        "a CWC order, and alert the DCPU if problems arise;</li>"
                        "<li>raise awareness in the community and with children "
                        "themselves.</li></ul><p>The block-level committee, usually led by "
                        "the block administration, supports village committees, consolidates "
                        "information and takes up issues the village cannot solve.</p>"
                    ),
                ),
                (
                    "case_study",
                    {
                        "title": "A village committee that acted in time",
                        "scenario": (
                            "<p>In Kothapalli village in Anantapur district, the Child "
                            "Welfare and Protection Committee meets monthly in the panchayat "
                            "office. The anganwadi worker reports that Lakshmi, a widow "
                            "working as a daily wage labourer, has stopped sending her two "
                            "daughters, aged 12 and 9, to school. The elder girl is looking "
                            "after the younger one, and a neighbour mentions that a relative "
                            "has suggested a marriage proposal for the elder girl.</p>"
                        ),
                        "questions": [
                            "What risks does the committee see, and which of them are urgent?",
                            (
                                "Which services under Mission Vatsalya and other schemes "
                                "could help this family?"
                            ),
                            (
                                "Who in the DCPU should the committee contact, and what "
                                "should it record?"
                            ),
                        ],
                        "discussion": (
                            "<p>The risk of child marriage is urgent: the committee should "
                            "inform the Child Marriage Prohibition Officer or the police, and "
                            "1098, and the DCPU. The family is also a clear case for "
                            "sponsorship, since the mother is a widow with limited income; "
                            "the committee can help Lakshmi apply through the DCPU's "
                            "Protection Officer (Non-Institutional Care) so the CWC can "
                            "consider an order and the approval committee can sanction "
                            "support. The school and the anganwadi worker can support the "
                            "girls' return to school. The committee should note the referral "
                            "in its register, protect the family's privacy, and check at its "
                            "next meeting that the girls are in school and that the proposed "
                            "marriage has not gone ahead.</p>"
                        ),
                    },
                ),
                (
                    "key_points",
                    {
                        "title": "Key points",
                        "points": [
                            (
                                "Each type of CCI has a specific legal purpose; children in "
                                "need of care and protection and children in conflict with "
                                "law are not housed together."
                            ),
                            (
                                "All CCIs must be registered; running an unregistered "
                                "institution is an offence."
                            ),
                            (
                                "Sponsorship, foster care, adoption and after-care are "
                                "family-based options to be considered before institutional "
                                "care."
                            ),
                            (
                                "Village, ward and block committees identify vulnerable "
                                "children early, refer them and follow up after restoration."
                            ),
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "Which of the following are roles of a village Child Welfare and "
                            "Protection Committee? Select all that apply."
                        ),
                        "options": [
                            (
                                (
                                    "Identifying families who may be eligible for sponsorship "
                                    "and referring them to the DCPU"
                                ),
                                True,
                            ),
                            ("Following up children restored to the village by the CWC", True),
                            ("Passing orders placing a child in foster care", False),
                        ],
                        "feedback_correct": (
                            "Correct. The committee identifies, refers and follows up; orders "
                            "about a child's care are passed by the CWC."
                        ),
                        "feedback_incorrect": (
                            "The committee identifies vulnerable children, refers them and "
                            "follows up. Orders placing a child in foster care are passed "
                            "only by the CWC."
                        ),
                    },
                ),
            ],
        },
    ],
    "assessment": {
        "title": "Assessment: ICPS and Mission Vatsalya structures and services",
        "slug": "assessment",
        "intro": (
            "Twelve questions on the structures and services covered in this module. You need "
            "70 percent to pass. Read each question carefully; some ask you to select more "
            "than one answer."
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
                        "Which statement best describes the relationship between ICPS and "
                        "Mission Vatsalya?"
                    ),
                    "points": 1,
                    "explanation": (
                        "ICPS (2009-10) was renamed Child Protection Services and then merged "
                        "into Mission Vatsalya from 2021-22; the district structures and "
                        "posts continue."
                    ),
                    "options": [
                        (
                            (
                                "Mission Vatsalya is the successor scheme into which ICPS, "
                                "later called Child Protection Services, was merged."
                            ),
                            True,
                        ),
                        ("Mission Vatsalya replaced the JJ Act, 2015.", False),
                        (
                            (
                                "ICPS and Mission Vatsalya run side by side with separate "
                                "district units."
                            ),
                            False,
                        ),
                        ("Mission Vatsalya only funds adoption.", False),
                    ],
                },
            ),
            (
                "true_false",
                {
                    "question": (
                        "The JJ Act itself requires every State to set up a State Child "
                        "Protection Society and a District Child Protection Unit for every "
                        "district."
                    ),
                    "points": 1,
                    "explanation": (
                        "True. Section 106 of the JJ Act places this duty on the State "
                        "Government; the scheme provides staffing and funds."
                    ),
                    "correct_answer": "true",
                },
            ),
            (
                "single_choice",
                {
                    "question": (
                        "A child is found working in a roadside eatery. Which body has the "
                        "authority to decide where the child should live while the case is "
                        "inquired into?"
                    ),
                    "points": 1,
                    "explanation": (
                        "A child found working in contravention of labour laws is a child in "
                        "need of care and protection; the CWC is the competent authority for "
                        "such children."
                    ),
                    "options": [
                        ("The Child Welfare Committee", True),
                        ("The Juvenile Justice Board", False),
                        ("The State Child Protection Society", False),
                        ("The village Child Welfare and Protection Committee", False),
                    ],
                },
            ),
            (
                "multiple_choice",
                {
                    "question": (
                        "Which of the following are posts usually found in a District Child "
                        "Protection Unit? Select all that apply."
                    ),
                    "points": 2,
                    "explanation": (
                        "The DCPO, both Protection Officers, the Legal cum Probation Officer, "
                        "counsellor, social workers, data staff and outreach workers are DCPU "
                        "posts. The Principal Magistrate belongs to the JJB, not the DCPU."
                    ),
                    "options": [
                        ("Protection Officer (Institutional Care)", True),
                        ("Legal cum Probation Officer", True),
                        ("Outreach worker", True),
                        ("Principal Magistrate", False),
                    ],
                },
            ),
            (
                "single_choice",
                {
                    "question": (
                        "Under the Mission Vatsalya child helpline model, what happens to a "
                        "call made to 1098?"
                    ),
                    "points": 1,
                    "explanation": (
                        "Calls reach a State control room integrated with ERSS-112; "
                        "emergencies are linked to police or ambulance, and cases are passed "
                        "to the district child helpline unit at the DCPU."
                    ),
                    "options": [
                        (
                            (
                                "It reaches a State control room integrated with ERSS-112 and "
                                "is passed to the district child helpline unit for follow-up."
                            ),
                            True,
                        ),
                        ("It is answered directly by the CWC chairperson.", False),
                        ("It goes only to the nearest police station.", False),
                        ("It is recorded and answered within seven working days.", False),
                    ],
                },
            ),
            (
                "true_false",
                {
                    "question": (
                        "The National Commission for Protection of Child Rights can pass an "
                        "order placing an individual child in a children's home."
                    ),
                    "points": 1,
                    "explanation": (
                        "False. The commissions monitor and inquire into violations. Orders "
                        "about an individual child in need of care and protection are passed "
                        "by the CWC."
                    ),
                    "correct_answer": "false",
                },
            ),
            (
                "single_choice",
                {
                    "question": (
                        "A 17-year-old alleged to have committed an offence is awaiting the "
                        "JJB's inquiry and cannot be released on bail. Where should the Board "
                        "place him?"
                    ),
                    "points": 1,
                    "explanation": (
                        "An Observation Home is for temporary reception of children alleged "
                        "to be in conflict with law during the pendency of an inquiry. A "
                        "Special Home is for children found to have committed an offence."
                    ),
                    "options": [
                        ("In an Observation Home", True),
                        ("In a Special Home", False),
                        ("In a Children's Home", False),
                        ("In a police lock-up until the inquiry ends", False),
                    ],
                },
            ),
            (
                "multiple_choice",
                {
                    "question": (
                        "Which of the following are non-institutional care services supported "
                        "under Mission Vatsalya? Select all that apply."
                    ),
                    "points": 2,
                    "explanation": (
                        "Sponsorship, foster care, adoption and after-care are the "
                        "non-institutional services. An open shelter is a type of child care "
                        "institution."
                    ),
                    "options": [
                        ("Sponsorship", True),
                        ("Foster care", True),
                        ("After-care", True),
                        ("Open shelter", False),
                    ],
                },
            ),
            (
                "single_choice",
                {
                    "question": (
                        "Who chairs the district Sponsorship and Foster Care Approval Committee?"
                    ),
                    "points": 1,
                    "explanation": (
                        "The committee is chaired by the District Magistrate, with the DCPO "
                        "as member secretary; it sanctions support on the basis of CWC orders."
                    ),
                    "options": [
                        ("The District Magistrate", True),
                        ("The Principal Magistrate of the JJB", False),
                        ("The Superintendent of Police", False),
                        ("The State Child Protection Society's programme manager", False),
                    ],
                },
            ),
            (
                "true_false",
                {
                    "question": (
                        "It is acceptable for a voluntary organisation to run a small "
                        "children's home without registration under the JJ Act if it receives "
                        "no government funds."
                    ),
                    "points": 1,
                    "explanation": (
                        "False. Registration under Section 41 is compulsory for every "
                        "institution housing children in need of care and protection or in "
                        "conflict with law, whatever its funding; non-registration is "
                        "punishable under Section 42."
                    ),
                    "correct_answer": "false",
                },
            ),
            (
                "single_choice",
                {
                    "question": (
                        "A village committee learns that a 15-year-old girl whose father has "
                        "died is about to be married. What should it do first?"
                    ),
                    "points": 1,
                    "explanation": (
                        "Child marriage is an urgent risk: the committee should alert the "
                        "police, 1098 or the Child Marriage Prohibition Officer and the DCPU "
                        "at once, and only then work on longer-term support such as "
                        "sponsorship."
                    ),
                    "options": [
                        (
                            (
                                "Inform the police, 1098 or the Child Marriage Prohibition "
                                "Officer and the DCPU immediately"
                            ),
                            True,
                        ),
                        ("Wait for the next monthly meeting to discuss the matter", False),
                        ("Ask the family to sign an undertaking and close the matter", False),
                        ("Recommend that she be admitted to a children's home", False),
                    ],
                },
            ),
            (
                "multiple_choice",
                {
                    "question": (
                        "Which of these are functions of the State Adoption Resource Agency "
                        "and CARA? Select all that apply."
                    ),
                    "points": 2,
                    "explanation": (
                        "CARA regulates adoption nationally and runs CARINGS; SARA promotes "
                        "and monitors adoption in the State. Declaring a child legally free "
                        "for adoption is the CWC's function, and adoption orders are passed "
                        "by the District Magistrate."
                    ),
                    "options": [
                        (
                            (
                                "CARA regulates in-country and inter-country adoption and "
                                "runs the CARINGS portal."
                            ),
                            True,
                        ),
                        (
                            (
                                "SARA promotes and monitors adoption in the State and "
                                "supports Specialised Adoption Agencies."
                            ),
                            True,
                        ),
                        ("SARA declares children legally free for adoption.", False),
                        ("CARA passes the final adoption order for each child.", False),
                    ],
                },
            ),
        ],
    },
}
