"""Demo courses: real topics of Belt and Road IP cooperation, in our own words.

Facts come from the background article (/work/shared/background) and official
treaty texts; each lesson lists its sources. Blocks are (type, value) pairs for
LessonPage.body; comparison blocks name jurisdiction slugs, resolved by seed.
"""

BACKGROUND = (
    "Comprehensively deepen international cooperation on intellectual property "
    "rights along the Belt and Road (background article)",
    "",
)
PCT_TEXT = (
    "Patent Cooperation Treaty (WIPO)",
    "https://www.wipo.int/treaties/en/registration/pct/",
)
PPH_PORTAL = (
    "JPO: Patent Prosecution Highway portal",
    "https://www.jpo.go.jp/e/toppage/pph-portal/index.html",
)
TRIPS_TEXT = (
    "TRIPS Agreement (WTO)",
    "https://www.wto.org/english/docs_e/legal_e/27-trips_01_e.htm",
)
NAGOYA_TEXT = ("Nagoya Protocol (CBD)", "https://www.cbd.int/abs/")
GRATK_TREATY = (
    "WIPO Treaty on Intellectual Property, Genetic Resources and Associated "
    "Traditional Knowledge (2024)",
    "https://www.wipo.int/treaties/en/ip/gratk/",
)
LISBON_TEXT = ("Lisbon System (WIPO)", "https://www.wipo.int/lisbon/en/")
NY_CONVENTION = (
    "Convention on the Recognition and Enforcement of Foreign Arbitral Awards "
    "(New York, 1958)",
    "https://uncitral.un.org/en/texts/arbitration/conventions/foreign_arbitral_awards",
)
WIPO_AMC = ("WIPO Arbitration and Mediation Center", "https://www.wipo.int/amc/en/")
PATENTSCOPE = ("PATENTSCOPE (WIPO)", "https://patentscope.wipo.int/")
WIPO_STANDARDS = ("WIPO Standards", "https://www.wipo.int/standards/en/")
WIPO_CASE = (
    "WIPO CASE: Centralized Access to Search and Examination",
    "https://www.wipo.int/case/en/",
)


def p(*paragraphs):
    return ("paragraph", "".join(f"<p>{text}</p>" for text in paragraphs))


def h(text):
    return ("heading", {"text": text, "size": "h2"})


def key(title, text):
    return ("key_point", {"title": title, "text": f"<p>{text}</p>"})


def term(word, definition):
    return ("glossary_term", {"term": word, "definition": f"<p>{definition}</p>"})


def check(question, right, wrong, explanation):
    choices = [{"text": right, "correct": True}] + [
        {"text": text, "correct": False} for text in wrong
    ]
    return (
        "knowledge_check",
        {
            "question": question,
            "choices": choices,
            "explanation": f"<p>{explanation}</p>",
        },
    )


def compare(caption, *slugs):
    return ("comparison", {"caption": caption, "jurisdictions": list(slugs)})


COURSES = [
    {
        "slug": "patent-prosecution-highway",
        "title": "The Patent Prosecution Highway among Belt and Road offices",
        "summary": "How offices reuse each other's search and examination "
        "results to grant patents faster, and how an applicant uses a PPH "
        "request in practice.",
        "outcomes": [
            "Explain what a PPH request is and what it is not",
            "Check whether a claim set qualifies for the PPH at a partner office",
            "Prepare a claim correspondence table",
            "Compare PCT-PPH with Paris-route PPH",
        ],
        "level": "intermediate",
        "hours": 8,
        "areas": ["patents", "examination_cooperation"],
        "jurisdictions": [
            "china",
            "russia",
            "singapore",
            "israel",
            "eurasian-patent-system",
        ],
        "sources": [BACKGROUND, PPH_PORTAL, PCT_TEXT],
        "lessons": [
            {
                "slug": "why-work-sharing",
                "title": "Why offices share examination work",
                "summary": "Duplicate searches, backlogs and what work sharing changes.",
                "minutes": 30,
                "body": [
                    h("The same invention, examined many times"),
                    p(
                        "An applicant who protects one invention in five countries "
                        "usually faces five searches of the same prior art and five "
                        "examinations of nearly identical claims. Each office "
                        "spends examiner time, and the applicant pays fees and "
                        "attorney costs for each round.",
                        "Work sharing lets an office use what another office has "
                        "already done. The later office stays fully responsible "
                        "for its own decision under its own law; it simply starts "
                        "from a search report and an opinion it did not have to "
                        "produce.",
                    ),
                    key(
                        "Sovereignty is kept",
                        "A PPH request speeds up examination; it never obliges "
                        "the office of later examination to grant. Each office "
                        "applies its own patentability law.",
                    ),
                    h("Where the PPH comes from"),
                    p(
                        "The first PPH pilot ran between the Japan Patent Office "
                        "and the United States Patent and Trademark Office in 2006. "
                        "China's PPH programme began in 2011. By the end of 2020 "
                        "CNIPA had PPH agreements with 30 offices, 16 of them in "
                        "Belt and Road countries, and the background article calls "
                        "for more, and for extending the model to trademarks, "
                        "layout-designs and plant varieties. By 2024 CNIPA "
                        "counted 32 partners, including a pilot with ARIPO "
                        "from June 2024."
                    ),
                    term(
                        "Office of earlier examination (OEE)",
                        "The office whose work product (search report, written "
                        "opinion, allowance) the applicant relies on.",
                    ),
                    term(
                        "Office of later examination (OLE)",
                        "The office where the PPH request is filed and which "
                        "examines the application faster.",
                    ),
                    check(
                        "Which office decides whether to grant the patent after a PPH request?",
                        "The office of later examination, under its own law",
                        ["The office of earlier examination", "WIPO"],
                        "The PPH only accelerates examination at the office of "
                        "later examination, which keeps full authority.",
                    ),
                ],
                "sources": [BACKGROUND, PPH_PORTAL],
            },
            {
                "slug": "pph-requirements",
                "title": "Qualifying for a PPH request",
                "summary": "Claims found allowable, sufficient correspondence, examination not started.",
                "minutes": 45,
                "body": [
                    h("The three usual conditions"),
                    p(
                        "Details differ between agreements, but PPH requests "
                        "generally require that (1) the applications at both "
                        "offices share the same earliest date (priority or PCT "
                        "link), (2) at least one claim has been found allowable "
                        "or patentable by the office of earlier examination, and "
                        "(3) every claim in the later application sufficiently "
                        "corresponds to an allowable claim.",
                        "Most offices also require that substantive examination "
                        "of the later application has not yet begun, and ask for "
                        "copies or links to the earlier office's work products "
                        "and the cited documents.",
                    ),
                    key(
                        "Sufficient correspondence",
                        "A claim corresponds when it has the same or a narrower "
                        "scope than an allowable claim, for example by adding a "
                        "feature from the description. A broader claim, or one in "
                        "a different category, does not.",
                    ),
                    h("The claim correspondence table"),
                    p(
                        "Applicants file a table that pairs every claim of the "
                        "later application with the allowable claim it relies on "
                        "and explains any difference. A clear table is the single "
                        "best way to avoid a rejected request."
                    ),
                    check(
                        "A later claim adds a feature taken from the description to an allowable claim. Does it correspond?",
                        "Yes: it is narrower than the allowable claim",
                        [
                            "No: claims must be word-for-word identical",
                            "Only if the earlier office agrees",
                        ],
                        "Narrowing an allowable claim keeps correspondence; "
                        "broadening it or changing its category breaks it.",
                    ),
                ],
                "sources": [PPH_PORTAL],
            },
            {
                "slug": "pct-pph",
                "title": "PCT-PPH and the Eurasian route",
                "summary": "Using international search and preliminary examination results.",
                "minutes": 40,
                "body": [
                    h("Using PCT work products"),
                    p(
                        "Under PCT-PPH the work product is the written opinion of "
                        "the International Searching Authority or the "
                        "international preliminary examination report. If it "
                        "says a claim is novel, inventive and industrially "
                        "applicable, the applicant can ask for accelerated "
                        "examination in the national or regional phase at a "
                        "participating office.",
                        "Among the offices of this course, CNIPA, Rospatent, IPOS, "
                        "the Israel Patent Office and the Eurasian Patent Office "
                        "all act as PCT International Searching Authorities, so "
                        "their international reports can travel with the "
                        "application.",
                        "Not everywhere, though: the USPTO (March 2022) and the "
                        "EPO (April 2022) suspended their PPH programmes with "
                        "Rospatent, and the EPO also with the Eurasian Patent "
                        "Office, so work from those two offices no longer "
                        "supports a PPH request there. Check the partnership's "
                        "state on the regimes pages before advising.",
                    ),
                    compare(
                        "Treaty membership of the offices in this course",
                        "china",
                        "russia",
                        "singapore",
                        "israel",
                    ),
                    key(
                        "Regional phase",
                        "A Eurasian patent, granted by the EAPO in Moscow, has "
                        "effect in its member states. Entering the Eurasian "
                        "regional phase of a PCT application is one way to reach "
                        "Kazakhstan and Russia with one procedure.",
                    ),
                    check(
                        "Which document can support a PCT-PPH request?",
                        "A positive written opinion of the International Searching Authority",
                        [
                            "A national search report from a non-partner office",
                            "A trademark registration",
                        ],
                        "PCT-PPH relies on the ISA written opinion or the "
                        "international preliminary examination report.",
                    ),
                ],
                "sources": [PCT_TEXT, PPH_PORTAL],
            },
            {
                "slug": "pph-in-practice",
                "title": "Running a PPH request: a case walk-through",
                "summary": "From allowance in one office to a faster grant in another.",
                "minutes": 45,
                "body": [
                    h("The case"),
                    p(
                        "A battery manufacturer receives a notice of allowance "
                        "from CNIPA for claims 1 to 12. It has pending "
                        "applications claiming the same priority in Singapore "
                        "and Israel, where examination has not started.",
                        "Its attorney files PPH requests at both offices with "
                        "the allowed claims, machine translations where the "
                        "office accepts them, the claim correspondence table and "
                        "the list of documents cited by CNIPA.",
                    ),
                    h("What examiners at the later office do"),
                    p(
                        "The examiner checks the request's formal conditions, "
                        "then examines the claims under local law, reading the "
                        "earlier office's reasoning. Differences in law (for "
                        "example on computer-implemented inventions or on second "
                        "medical uses) can still lead to objections, which the "
                        "applicant answers as usual."
                    ),
                    key(
                        "Common reasons for refusal of a request",
                        "Claims broader than the allowed ones; examination "
                        "already started; missing translations or cited "
                        "documents; a work product that is not final.",
                    ),
                    check(
                        "Examination has already started at the later office. What usually happens to a new PPH request?",
                        "It is refused, and examination continues normally",
                        [
                            "It suspends the examination",
                            "It transfers the case to the earlier office",
                        ],
                        "Most agreements require that substantive examination "
                        "has not begun.",
                    ),
                ],
                "sources": [PPH_PORTAL, BACKGROUND],
            },
        ],
    },
    {
        "slug": "gi-tk-genetic-resources",
        "title": "Protecting geographical indications, traditional knowledge and genetic resources",
        "summary": "The areas where Belt and Road countries hold rich resources: "
        "how GIs are protected, and how patent systems now deal with genetic "
        "resources and associated traditional knowledge.",
        "outcomes": [
            "Distinguish sui generis GI systems from trademark-based protection",
            "Explain the Lisbon system and its Geneva Act",
            "Describe disclosure-of-origin requirements in patent law",
            "Relate access and benefit-sharing under the Nagoya Protocol to IP",
        ],
        "level": "introductory",
        "hours": 10,
        "areas": [
            "geographical_indications",
            "traditional_knowledge",
            "genetic_resources",
        ],
        "jurisdictions": ["china", "singapore", "israel", "pakistan", "russia"],
        "sources": [BACKGROUND, LISBON_TEXT, NAGOYA_TEXT, GRATK_TREATY, TRIPS_TEXT],
        "lessons": [
            {
                "slug": "what-is-a-gi",
                "title": "What a geographical indication protects",
                "summary": "Origin-linked quality, reputation and the TRIPS definition.",
                "minutes": 30,
                "body": [
                    h("Origin as a promise"),
                    p(
                        "A geographical indication identifies a good as "
                        "originating in a place, where a given quality, "
                        "reputation or other characteristic is essentially "
                        "attributable to that origin. That is the definition in "
                        "Article 22 of the TRIPS Agreement.",
                        "Unlike a trademark, a GI does not belong to one "
                        "company: every producer in the area who follows the "
                        "product specification may use it.",
                    ),
                    term(
                        "Appellation of origin",
                        "A stricter kind of GI: the quality or characteristics "
                        "are due exclusively or essentially to the geographical "
                        "environment, including natural and human factors.",
                    ),
                    key(
                        "Why it matters along the Belt and Road",
                        "The background article notes that most Belt and Road "
                        "countries are developing countries rich in historical "
                        "and cultural resources, and proposes joint work on GIs, "
                        "traditional knowledge and genetic resources.",
                    ),
                    check(
                        "Who may use a protected geographical indication?",
                        "Any producer in the area who meets the specification",
                        [
                            "Only the first company to register it",
                            "Only the national IP office",
                        ],
                        "A GI is a collective right tied to origin and a "
                        "specification, not to one owner. Where it is protected "
                        "as a collective or certification mark, the mark's "
                        "rules decide who may use it.",
                    ),
                ],
                "sources": [TRIPS_TEXT, BACKGROUND],
            },
            {
                "slug": "gi-systems-compared",
                "title": "Sui generis systems, trademarks, or both",
                "summary": "How the jurisdictions in this course protect GIs.",
                "minutes": 45,
                "body": [
                    h("Two legal routes"),
                    p(
                        "Some countries have a dedicated (sui generis) GI "
                        "register with product specifications and official "
                        "controls. Others protect origin names as collective or "
                        "certification marks under trademark law. Many use both.",
                        "China protects GIs as collective and certification "
                        "marks and also registers GI products. Singapore has a "
                        "Geographical Indications Act alongside certification "
                        "marks. Russia registers appellations of origin and, "
                        "since 2020, geographical indications under its Civil "
                        "Code. Pakistan adopted a GI Act in 2020.",
                    ),
                    compare(
                        "How GIs are protected",
                        "china",
                        "singapore",
                        "russia",
                        "pakistan",
                        "israel",
                    ),
                    h("International registration"),
                    p(
                        "The Lisbon Agreement (1958) created an international "
                        "register for appellations of origin; its Geneva Act "
                        "(2015) extends it to geographical indications. Of the "
                        "jurisdictions in this course, Israel is a party to the "
                        "Lisbon Agreement; check the comparison table for the "
                        "others."
                    ),
                    check(
                        "Which instrument extended the Lisbon system to geographical indications?",
                        "The Geneva Act of the Lisbon Agreement (2015)",
                        ["The Madrid Protocol", "The Budapest Treaty"],
                        "The Geneva Act covers both appellations of origin and GIs.",
                    ),
                ],
                "sources": [LISBON_TEXT, TRIPS_TEXT],
            },
            {
                "slug": "genetic-resources-disclosure",
                "title": "Genetic resources and the disclosure of origin",
                "summary": "Patent law meets access and benefit-sharing.",
                "minutes": 45,
                "body": [
                    h("Access and benefit-sharing"),
                    p(
                        "The Nagoya Protocol (in force since 2014) binds its "
                        "parties, the states: each requires users under its "
                        "jurisdiction to respect the access rules of the "
                        "provider country. Prior informed consent and mutually "
                        "agreed terms are needed where the provider country "
                        "requires them, and benefits are shared fairly.",
                        "Patent offices meet this obligation at one point: when "
                        "an invention is based on a genetic resource, some laws "
                        "require the applicant to disclose where it came from.",
                    ),
                    p(
                        "China's Patent Law requires applicants to state the "
                        "direct and original source of genetic resources an "
                        "invention relies on, and excludes patents for "
                        "inventions that relied on genetic resources obtained or "
                        "used in breach of law."
                    ),
                    key(
                        "A new WIPO treaty",
                        "In May 2024 WIPO member states adopted the Treaty on "
                        "Intellectual Property, Genetic Resources and Associated "
                        "Traditional Knowledge, which requires a disclosure of "
                        "origin in patent applications based on genetic "
                        "resources. Check its status of ratification before "
                        "relying on it.",
                    ),
                    term(
                        "Prior informed consent (PIC)",
                        "Permission given by the provider country before access "
                        "to genetic resources, on the basis of adequate "
                        "information.",
                    ),
                    check(
                        "What does a disclosure-of-origin requirement ask the patent applicant to do?",
                        "State the source of the genetic resources the invention relies on",
                        [
                            "Share royalties with WIPO",
                            "Publish the genetic sequence in a journal",
                        ],
                        "Disclosure makes access and benefit-sharing traceable "
                        "in the patent system.",
                    ),
                ],
                "sources": [NAGOYA_TEXT, GRATK_TREATY],
            },
            {
                "slug": "traditional-knowledge",
                "title": "Traditional knowledge: defensive and positive protection",
                "summary": "Databases, prior art and community rights.",
                "minutes": 40,
                "body": [
                    h("Defensive protection"),
                    p(
                        "Defensive protection stops others from patenting what "
                        "communities already know. Documented traditional "
                        "knowledge becomes prior art that examiners can find, so "
                        "a claim to a known remedy fails for lack of novelty.",
                        "Digital libraries of documented knowledge, shared with "
                        "patent offices under access agreements, are one tool; "
                        "their use by examiners depends on language and "
                        "classification.",
                    ),
                    h("Positive protection"),
                    p(
                        "Positive protection gives communities rights to control "
                        "and benefit from their knowledge, through sui generis "
                        "laws, contracts, or existing tools such as GIs and "
                        "collective marks. Which of the jurisdictions in this "
                        "course have sui generis TK laws is marked unknown in "
                        "our knowledge base until confirmed from the sources."
                    ),
                    key(
                        "Proposal for Belt and Road cooperation",
                        "The background article proposes an expert group of "
                        "Belt and Road countries, supported by WIPO, to draft "
                        "agreements on traditional knowledge, genetic resources "
                        "and geographical indications.",
                    ),
                    check(
                        "How does documented traditional knowledge help in patent examination?",
                        "It becomes prior art that can defeat novelty",
                        [
                            "It extends the patent term",
                            "It grants the community a patent automatically",
                        ],
                        "That is defensive protection.",
                    ),
                ],
                "sources": [BACKGROUND, GRATK_TREATY],
            },
        ],
    },
    {
        "slug": "cross-border-enforcement",
        "title": "Cross-border IP enforcement, judicial and arbitration cooperation",
        "summary": "Enforcing rights across borders: border measures, courts, "
        "arbitration and mediation, and the cooperation mechanisms proposed "
        "for Belt and Road countries.",
        "outcomes": [
            "Describe the enforcement obligations of TRIPS Part III",
            "Choose between litigation, arbitration and mediation for a cross-border dispute",
            "Explain how arbitral awards are enforced abroad",
            "Outline the cooperation mechanisms proposed for Belt and Road countries",
        ],
        "level": "advanced",
        "hours": 12,
        "areas": ["enforcement", "patents", "trademarks"],
        "jurisdictions": ["china", "singapore", "saudi-arabia", "egypt"],
        "sources": [BACKGROUND, TRIPS_TEXT, NY_CONVENTION, WIPO_AMC],
        "lessons": [
            {
                "slug": "trips-enforcement",
                "title": "The enforcement floor: TRIPS Part III",
                "summary": "Civil remedies, provisional measures, border measures and criminal procedures.",
                "minutes": 40,
                "body": [
                    h("What every WTO member must provide"),
                    p(
                        "Part III of the TRIPS Agreement (Articles 41 to 61) sets "
                        "minimum enforcement standards: fair and equitable "
                        "procedures, injunctions, damages, provisional measures "
                        "to prevent infringement and preserve evidence, border "
                        "measures against counterfeit trademark and pirated "
                        "copyright goods, and criminal procedures for wilful "
                        "trademark counterfeiting and copyright piracy on a "
                        "commercial scale.",
                    ),
                    term(
                        "Border measures",
                        "Procedures letting a right holder ask customs to "
                        "suspend the release of suspected infringing goods "
                        "(TRIPS Articles 51 to 60).",
                    ),
                    key(
                        "A common baseline",
                        "Most Belt and Road countries are WTO members, so TRIPS "
                        "gives a shared minimum; how well it is implemented "
                        "differs widely, which the background article names as "
                        "a core challenge.",
                    ),
                    check(
                        "Which goods must border measures cover at a minimum under TRIPS?",
                        "Counterfeit trademark goods and pirated copyright goods",
                        ["All patented goods", "Any goods bearing a geographical name"],
                        "Article 51 sets that minimum; members may go further.",
                    ),
                ],
                "sources": [TRIPS_TEXT],
            },
            {
                "slug": "courts-and-judgments",
                "title": "Courts, jurisdiction and foreign judgments",
                "summary": "Territorial rights, specialised courts and recognising judgments abroad.",
                "minutes": 45,
                "body": [
                    h("Territorial rights, global disputes"),
                    p(
                        "Patents and trademarks are territorial: a Chinese "
                        "patent is infringed in China, a Singapore patent in "
                        "Singapore. A company facing copying in several "
                        "countries usually needs proceedings in each, unless the "
                        "parties agree to arbitrate.",
                        "Several jurisdictions have specialised IP courts or "
                        "chambers, which shortens proceedings and builds "
                        "technical expertise.",
                    ),
                    h("Recognising foreign judgments"),
                    p(
                        "Whether a court judgment from one country can be "
                        "enforced in another depends on bilateral treaties, "
                        "reciprocity and local law. The background article "
                        "proposes a Belt and Road mechanism for assistance in "
                        "enforcing judicial judgments and arbitral awards."
                    ),
                    compare(
                        "Treaty membership of four enforcement venues",
                        "china",
                        "singapore",
                        "saudi-arabia",
                        "egypt",
                    ),
                    check(
                        "Why does a company copied in three countries usually need three proceedings?",
                        "Because IP rights are territorial",
                        [
                            "Because WIPO forbids joint actions",
                            "Because courts cannot hear IP cases",
                        ],
                        "Each national right is infringed, and enforced, in its "
                        "own territory.",
                    ),
                ],
                "sources": [BACKGROUND],
            },
            {
                "slug": "arbitration-and-mediation",
                "title": "Arbitration and mediation of IP disputes",
                "summary": "Neutral forums and awards that travel.",
                "minutes": 45,
                "body": [
                    h("Why arbitrate"),
                    p(
                        "Arbitration lets parties from different countries pick "
                        "a neutral forum, technical arbitrators, a language and "
                        "confidentiality, and settle disputes over several "
                        "national rights in one procedure. It suits licences, "
                        "technology transfer and research agreements.",
                        "Mediation is a non-binding, assisted negotiation; many "
                        "licence disputes settle there. The WIPO Arbitration and "
                        "Mediation Center administers both for IP disputes.",
                    ),
                    key(
                        "Awards travel further than judgments",
                        "Arbitral awards are enforceable in the states party to "
                        "the 1958 New York Convention, which covers most of the "
                        "world; there is no equally broad treaty for court "
                        "judgments.",
                    ),
                    term(
                        "Arbitrability",
                        "Whether a type of dispute may be decided by "
                        "arbitration. Contract and infringement disputes between "
                        "parties usually are; the validity of a registered right "
                        "may have effect only between the parties, depending on "
                        "the country.",
                    ),
                    check(
                        "Which instrument makes foreign arbitral awards enforceable across most countries?",
                        "The New York Convention (1958)",
                        ["The Paris Convention (1883)", "The Madrid Protocol"],
                        "The New York Convention obliges courts of party states "
                        "to recognise and enforce foreign awards, with limited "
                        "exceptions.",
                    ),
                ],
                "sources": [NY_CONVENTION, WIPO_AMC],
            },
            {
                "slug": "cooperation-mechanisms",
                "title": "Cooperation mechanisms for Belt and Road enforcement",
                "summary": "IP attachés, case notification, regular exchanges and joint action.",
                "minutes": 35,
                "body": [
                    h("What the background article proposes"),
                    p(
                        "The article proposes IP specialists posted to "
                        "embassies and consulates to collect information on the "
                        "host country's IP system, track disputes involving "
                        "investors, publish risk information and advise "
                        "companies.",
                        "It also proposes a mechanism to assist in enforcing "
                        "judgments and arbitral awards, notification of typical "
                        "IP protection cases, regular exchanges between judicial "
                        "and arbitration institutions, and cross-border joint "
                        "law enforcement against infringement and "
                        "counterfeiting, with ASEAN and Eastern European "
                        "countries named as priorities.",
                    ),
                    key(
                        "For your office",
                        "Identify the contact points you would need in a "
                        "cross-border counterfeiting case: customs, police, "
                        "courts, the IP office and the right holder's "
                        "representatives in each country.",
                    ),
                    check(
                        "Which of these is proposed in the background article?",
                        "Regular exchanges between judicial and arbitration institutions",
                        [
                            "A single Belt and Road patent",
                            "Abolishing customs border measures",
                        ],
                        "The article proposes exchange and notification "
                        "mechanisms, not a unified title.",
                    ),
                ],
                "sources": [BACKGROUND],
            },
        ],
    },
    {
        "slug": "ip-information-services",
        "title": "IP information services and data sharing",
        "summary": "Patent information as a public good: databases, standards, "
        "search and examination sharing, and the information platform proposed "
        "for Belt and Road countries.",
        "outcomes": [
            "Use PATENTSCOPE and national databases for a prior-art search",
            "Explain the role of WIPO standards in exchanging IP data",
            "Describe how WIPO CASE shares search and examination results",
            "Plan the modules of a regional IP information platform",
        ],
        "level": "introductory",
        "hours": 6,
        "areas": ["patents", "trademarks", "examination_cooperation"],
        "jurisdictions": [
            "china",
            "russia",
            "kazakhstan",
            "eurasian-patent-system",
            "gcc",
        ],
        "sources": [BACKGROUND, PATENTSCOPE, WIPO_STANDARDS, WIPO_CASE],
        "lessons": [
            {
                "slug": "patent-information-public-good",
                "title": "Patent information as a public good",
                "summary": "Why published IP data is the easiest thing to share.",
                "minutes": 30,
                "body": [
                    h("Disclosure is the bargain"),
                    p(
                        "A patent is granted in exchange for disclosing the "
                        "invention. Published applications, grants, trademark "
                        "registers and legal-status data are public by design, "
                        "which is why the background article notes that most IP "
                        "information is public and relatively easy to share "
                        "across borders.",
                        "Trainees and examiners use this data to search prior "
                        "art, check freedom to operate, follow competitors and "
                        "identify technology to license.",
                    ),
                    term(
                        "Legal status",
                        "Whether a patent or mark is pending, granted, lapsed, "
                        "expired or revoked in a given country, and when.",
                    ),
                    check(
                        "Why is patent information comparatively easy to share between countries?",
                        "Most of it is published by law",
                        ["It is always in English", "Offices keep it confidential"],
                        "Publication is part of the patent bargain; privacy and "
                        "security questions concern a small part of the data.",
                    ),
                ],
                "sources": [BACKGROUND],
            },
            {
                "slug": "searching-databases",
                "title": "Searching PATENTSCOPE and national databases",
                "summary": "Classification, languages and family data.",
                "minutes": 45,
                "body": [
                    h("Start with classification"),
                    p(
                        "The International Patent Classification (IPC) and "
                        "Cooperative Patent Classification codes let you search "
                        "across languages: a Chinese, Russian and Arabic document "
                        "in the same class describe similar technology.",
                        "PATENTSCOPE, run by WIPO, holds published PCT "
                        "applications and many national collections, with "
                        "cross-lingual search and machine translation.",
                    ),
                    key(
                        "Search in families",
                        "Group results by patent family so one invention filed "
                        "in ten countries counts once, then check each member's "
                        "legal status in the national register.",
                    ),
                    compare(
                        "Languages of procedure",
                        "china",
                        "russia",
                        "kazakhstan",
                        "eurasian-patent-system",
                    ),
                    check(
                        "What helps most when searching documents in languages you do not read?",
                        "Patent classification codes, with machine translation",
                        [
                            "Searching the applicant's name only",
                            "Searching only English abstracts",
                        ],
                        "Classification is language-independent.",
                    ),
                ],
                "sources": [PATENTSCOPE],
            },
            {
                "slug": "standards-and-exchange",
                "title": "Data standards and sharing examination results",
                "summary": "WIPO standards, WIPO CASE and the Digital Access Service.",
                "minutes": 40,
                "body": [
                    h("Standards make data travel"),
                    p(
                        "WIPO standards define how offices format and exchange "
                        "IP data, for example ST.96 for XML data and ST.26 for "
                        "sequence listings. Shared formats let one office load "
                        "another office's data without manual rework.",
                        "WIPO CASE (Centralized Access to Search and "
                        "Examination) lets participating offices view each "
                        "other's search and examination documents, which is the "
                        "information backbone of work sharing such as the PPH.",
                    ),
                    term(
                        "ST.26",
                        "The WIPO standard for presenting nucleotide and amino "
                        "acid sequence listings in XML.",
                    ),
                    check(
                        "What does WIPO CASE give participating offices?",
                        "Access to each other's search and examination documents",
                        ["A common patent grant", "A shared trademark register"],
                        "CASE shares dossiers; each office still grants its own "
                        "rights.",
                    ),
                ],
                "sources": [WIPO_STANDARDS, WIPO_CASE],
            },
            {
                "slug": "regional-information-platform",
                "title": "Designing a Belt and Road IP information platform",
                "summary": "Modules, regional hubs and step-by-step rollout.",
                "minutes": 40,
                "body": [
                    h("What the platform should contain"),
                    p(
                        "The background article proposes a platform with "
                        "modules on each country's IP laws, policies, "
                        "procedures for obtaining rights, protection channels "
                        "and transactions.",
                        "It proposes building it step by step: regional "
                        "platforms first (for example, one around the Eurasian "
                        "Patent Office for Russia and other CIS countries), and "
                        "a Belt and Road platform run with China's national IP "
                        "information service centre, offering basic retrieval "
                        "and advanced services such as navigation and data "
                        "mining; then connecting the regional platforms.",
                    ),
                    key(
                        "Design exercise",
                        "For your country, list the datasets you would publish "
                        "first (legal status, gazettes, laws), their format, "
                        "their update frequency and who would maintain them.",
                    ),
                    check(
                        "Which rollout does the article propose?",
                        "Regional platforms first, then connect them",
                        [
                            "One global database built at once",
                            "Only bilateral exchanges",
                        ],
                        "A staged approach lets regional platforms mature "
                        "before they are linked.",
                    ),
                ],
                "sources": [BACKGROUND],
            },
        ],
    },
]
