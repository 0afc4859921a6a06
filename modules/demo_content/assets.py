"""Images and documents used by the demo modules, described as data.

An image is a simple box diagram: rows of labelled boxes, drawn top to bottom. A document is a
short printable page written in simple HTML.
"""

ASSETS = {
    "icps-structure": {
        "kind": "image",
        "title": "Child protection structures under Mission Vatsalya",
        "alt_text": (
            "Diagram of the layers of the child protection system: national bodies (Ministry of "
            "Women and Child Development, CARA, NCPCR) at the top, then State bodies, then the "
            "district with the DM, DCPU, CWC, JJB and SJPU, and block and village committees."
        ),
        "caption": (
            "Child protection structures under Mission Vatsalya, from national to village level."
        ),
        "diagram": {
            "boxes": [
                ["National: Ministry of Women and Child Development", "CARA", "NCPCR"],
                ["State: SCPS", "SARA", "SCPCR", "State child helpline control room"],
                ["District Magistrate", "DCPU", "CWC", "JJB", "SJPU and CWPOs"],
                [
                    "Child care institutions and SAAs",
                    "Sponsorship, foster care and after-care",
                    "District child helpline unit",
                ],
                ["Block, ward and village child welfare and protection committees"],
            ]
        },
    },
    "pocso-first-response-checklist": {
        "kind": "document",
        "title": "First response checklist for POCSO cases",
        "html": (
            "<h1>First response checklist for POCSO cases</h1>"
            "<p>For anyone who receives a disclosure or suspects that a child has been sexually "
            "abused: teachers, counsellors, staff of child care institutions, helpline and DCPU "
            "staff, members of child protection committees.</p>"
            "<h2>When the child tells you</h2>"
            "<ul>"
            "<li>Stay calm. Listen without interrupting and without showing shock or anger.</li>"
            "<li>Tell the child you believe them, that telling was right, and that it is not "
            "their fault.</li>"
            '<li>Use open prompts only ("Tell me more"). Do not ask leading questions or for '
            "details you do not need.</li>"
            "<li>Do not promise to keep it secret. Explain who you will tell and why.</li>"
            "<li>Do not confront the alleged abuser or try to settle the matter.</li>"
            "</ul>"
            "<h2>Immediately afterwards</h2>"
            "<ul>"
            "<li>Check the child's safety. If the child is injured or the abuse was recent, "
            "arrange medical care at once; no paperwork is needed for emergency care.</li>"
            "<li>Write down what the child said, in the child's words, with the date, time and "
            "who was present.</li>"
            "<li>Report to the Special Juvenile Police Unit or the local police (Section 19). "
            "1098 or 112 can help you reach them.</li>"
            "<li>Inform the head of your institution, who also has a duty to report, but do not "
            "wait for permission.</li>"
            "<li>Note the entry number the police give to your report.</li>"
            "</ul>"
            "<h2>In the following days</h2>"
            "<ul>"
            "<li>Make sure the police have reported the case to the CWC and the Special Court "
            "within 24 hours.</li>"
            "<li>Ask the CWC about a support person, counselling and special relief for the "
            "child and family.</li>"
            "<li>Share information only with those who need it. Never share the child's name, "
            "photograph, school or address outside the case team.</li>"
            "<li>Talk to your supervisor or a colleague about how the case has affected you.</li>"
            "</ul>"
            "<p><b>Remember:</b> not reporting is an offence under Section 21 of the POCSO Act. "
            "A report made in good faith carries no liability.</p>"
        ),
    },
}
