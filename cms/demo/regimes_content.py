"""Demo facts for the IP regimes knowledge base.

Every fact carries a state, a source and the date the source was checked.
Treaty dates are the entry into force for the jurisdiction as listed by WIPO
(WIPO-administered treaties, WIPO Lex profiles), the WTO (membership) and the
CBD secretariat (Nagoya Protocol). A treaty membership names, unless it has a
source of its own, the treaty's list of parties: WIPO Lex's "Contracting
Parties" page for a WIPO-administered treaty, the WTO's list of members, the
CBD's list of Nagoya Protocol parties. The facts were checked in the December 2026
review of the knowledge base (issue "sources, 'as of' dates, review cycle"):
the corrections it lists were confirmed against the sources named here; a fact
no source confirmed reads "not yet verified" with the source to check. Do not
fill a gap from memory; check the source first.
"""

import datetime

CHECKED = datetime.date(2026, 12, 1)

WIPO_TREATIES = "https://www.wipo.int/treaties/en/"
WTO_MEMBERS = "https://www.wto.org/english/thewto_e/whatis_e/tif_e/org6_e.htm"
NAGOYA_PARTIES = "https://www.cbd.int/abs/nagoya-protocol/signatories/"
BACKGROUND = (
    "Comprehensively deepen international cooperation on intellectual property "
    "rights along the Belt and Road (background article)"
)
WTO = ("WTO: members and observers", WTO_MEMBERS)
NAGOYA = ("Nagoya Protocol: parties (CBD)", NAGOYA_PARTIES)
PPH_PORTAL = (
    "JPO: Patent Prosecution Highway portal",
    "https://www.jpo.go.jp/e/toppage/pph-portal/index.html",
)
USPTO_RUSSIA = (
    "USPTO statement on engagement with Russia, the Eurasian Patent "
    "Organization, and Belarus (March 2022)",
    "https://www.uspto.gov/about-us/news-updates/"
    "uspto-statement-engagement-russia-and-eurasian-patent-organization",
)
EPO_ROSPATENT = (
    "OJ EPO 2022, A45: EPO-Rospatent PPH suspended",
    "https://www.epo.org/en/legal/official-journal/2022/04/a45.html",
)
EPO_EAPO = (
    "OJ EPO 2022, A44: EPO-EAPO PPH suspended",
    "https://www.epo.org/de/legal/official-journal/2022/04/a44.html",
)
SAIP_PPH = (
    "SAIP-IPOS PPH pilot, with SAIP's other PPH agreements (Mondaq, 2023)",
    "https://www.mondaq.com/saudiarabia/patent/1385804/patent-prosecution-"
    "highway-pilot-program-between-the-saudi-authority-for-intellectual-"
    "property-saip-and-the-intellectual-property-office-of-singapore-ipos",
)
CNIPA_SAIP_PPH = (
    "CNIPA and SAIP extend their PPH pilot indefinitely (Mondaq, 2023)",
    "https://www.mondaq.com/china/patent/1392592/cnipa-and-saip-extend-pph-pilot-program",
)
CNIPA_ARIPO_PPH = (
    "CNIPA-ARIPO PPH pilot from 8 June 2024 (CNIPA notice)",
    "http://english.cnipa.gov.cn/art/2024/6/7/art_1340_192960.html",
)
EAPO_SITE = ("Eurasian Patent Organization", "https://www.eapo.org/en/")
GCC_SITE = (
    "Patent Office of the Cooperation Council for the Arab States of the Gulf",
    "https://www.gccpo.org/",
)
# WIPO Lex's number for each WIPO-administered treaty of the knowledge base.
WIPO_LEX_TREATIES = {
    "paris": (2, "Paris Convention"),
    "pct": (6, "PCT"),
    "madrid": (8, "Madrid Protocol"),
    "hague": (9, "Hague Agreement"),
    "berne": (15, "Berne Convention"),
    "budapest": (7, "Budapest Treaty"),
    "lisbon": (10, "Lisbon Agreement"),
}


def wipo_lex(code, name):
    return (
        f"WIPO Lex: {name}",
        f"https://www.wipo.int/wipolex/en/members/profile/{code}",
    )


def wipo_parties(slug):
    """WIPO Lex's list of a WIPO-administered treaty's contracting parties."""
    number, name = WIPO_LEX_TREATIES[slug]
    return (
        f"WIPO Lex: {name}, contracting parties",
        "https://www.wipo.int/wipolex/en/treaties/ShowResults?search_what=C"
        f"&treaty_id={number}",
    )


TREATIES = [
    # slug, short name, name, administered by, url
    (
        "paris",
        "Paris",
        "Paris Convention for the Protection of Industrial Property",
        "WIPO",
        "https://www.wipo.int/treaties/en/ip/paris/",
    ),
    (
        "pct",
        "PCT",
        "Patent Cooperation Treaty",
        "WIPO",
        "https://www.wipo.int/treaties/en/registration/pct/",
    ),
    (
        "madrid",
        "Madrid",
        "Protocol Relating to the Madrid Agreement Concerning the International "
        "Registration of Marks",
        "WIPO",
        "https://www.wipo.int/treaties/en/registration/madrid_protocol/",
    ),
    (
        "hague",
        "Hague",
        "Hague Agreement Concerning the International Registration of "
        "Industrial Designs",
        "WIPO",
        "https://www.wipo.int/treaties/en/registration/hague/",
    ),
    (
        "berne",
        "Berne",
        "Berne Convention for the Protection of Literary and Artistic Works",
        "WIPO",
        "https://www.wipo.int/treaties/en/ip/berne/",
    ),
    (
        "trips",
        "TRIPS / WTO",
        "Agreement on Trade-Related Aspects of Intellectual Property Rights "
        "(membership of the World Trade Organization)",
        "WTO",
        "https://www.wto.org/english/tratop_e/trips_e/trips_e.htm",
    ),
    (
        "budapest",
        "Budapest",
        "Budapest Treaty on the International Recognition of the Deposit of "
        "Microorganisms for the Purposes of Patent Procedure",
        "WIPO",
        "https://www.wipo.int/treaties/en/registration/budapest/",
    ),
    (
        "lisbon",
        "Lisbon / Geneva Act",
        "Lisbon Agreement for the Protection of Appellations of Origin and its "
        "Geneva Act on Appellations of Origin and Geographical Indications",
        "WIPO",
        "https://www.wipo.int/treaties/en/registration/lisbon/",
    ),
    (
        "nagoya",
        "Nagoya",
        "Nagoya Protocol on Access to Genetic Resources and the Fair and "
        "Equitable Sharing of Benefits Arising from their Utilization",
        "CBD Secretariat (UN Environment Programme)",
        "https://www.cbd.int/abs/",
    ),
]

# Where a treaty fact names no source of its own: the treaty's list of parties.
TREATY_SOURCES = {
    **{slug: wipo_parties(slug) for slug in WIPO_LEX_TREATIES},
    "trips": WTO,
    "nagoya": NAGOYA,
}

M, N, NV, NA, S = "member", "not_member", "not_verified", "n_a", "suspended"
IN_FORCE = "in_force"
REGIONAL_NOTE = "A regional office: its member states join treaties individually."
USSR = "In force for the USSR; continued by the Russian Federation."


def _sources(*extra):
    return [
        *extra,
        ("WIPO-administered treaties: contracting parties", WIPO_TREATIES),
        WTO,
        ("Nagoya Protocol: parties", NAGOYA_PARTIES),
    ]


def regional_treaties(source):
    """A regional office joins no treaty itself: every treaty "not applicable"."""
    return {slug: (NA, None, REGIONAL_NOTE, source) for slug, *_rest in TREATIES}


def pph(partner, state=IN_FORCE, source=PPH_PORTAL, **extra):
    """A PPH partnership: partner office, state, source; optional `since`
    (a date), `note`, `suspended_on` and `reason`."""
    return {"partner": partner, "state": state, "source": source, **extra}


D = datetime.date

JURISDICTIONS = [
    {
        "slug": "china",
        "title": "China",
        "kind": "country",
        "summary": "A first-to-file system run by a single office for patents, "
        "trademarks and geographical indications, and the largest filer of "
        "PCT applications.",
        "ip_office": "China National Intellectual Property Administration (CNIPA)",
        "ip_office_url": "https://english.cnipa.gov.cn/",
        "official_languages": "Chinese",
        "pph_partners": "CNIPA had PPH ties with 32 countries or regions by "
        "2024 (30 by the end of 2020, 16 of them in Belt and Road countries, "
        "background article). The full list: see CNIPA.",
        "pph": [
            pph(
                "Saudi Authority for Intellectual Property (SAIP)",
                since=D(2023, 11, 1),
                note="Pilot from 1 November 2020, extended indefinitely.",
                source=CNIPA_SAIP_PPH,
            ),
            pph(
                "African Regional Intellectual Property Organization (ARIPO)",
                since=D(2024, 6, 8),
                note="Five-year pilot, until 7 June 2029.",
                source=CNIPA_ARIPO_PPH,
            ),
        ],
        "gi_protection": "both",
        "gi_notes": "GIs are protected as collective and certification marks "
        "under the Trademark Law, and through CNIPA's registration of "
        "geographical indication products.",
        "tk_gr_protection": "The Patent Law requires applicants to disclose the "
        "direct and original source of genetic resources an invention relies "
        "on, and refuses patents for inventions that relied on genetic "
        "resources obtained in breach of law. There is no general sui generis "
        "TK law, but the Traditional Chinese Medicine Law (adopted 2016, in "
        "force 2017) protects traditional knowledge of Chinese medicine.",
        "patent_term": "20 years from filing (invention patents)",
        "utility_model_term": "10 years from filing",
        "design_term": "15 years from filing (applications from 1 June 2021)",
        "trademark_term": "10 years, renewable",
        "copyright_term": "Life of the author plus 50 years",
        "lex": wipo_lex("CN", "China"),
        "field_sources": {
            "tk_gr_protection": (
                "verified",
                (
                    "Law of the People's Republic of China on Traditional "
                    "Chinese Medicine (2016)",
                    "http://hk.lexiscn.com/law/law-english-1-3282792-T.html",
                ),
            ),
        },
        "treaties": {
            "paris": (M, 1985),
            "pct": (M, 1994),
            "madrid": (M, 1995),
            "hague": (M, 2022),
            "berne": (M, 1992),
            "trips": (M, 2001),
            "budapest": (M, 1995),
            "lisbon": (N, None),
            "nagoya": (M, 2016),
        },
        "corrections": [
            "PPH: partner count updated from 30 (2020) to 32 (2024); the "
            "CNIPA-SAIP and CNIPA-ARIPO partnerships added with their sources.",
            "Traditional knowledge: the Traditional Chinese Medicine Law added; "
            "'no sui generis TK law' made precise.",
        ],
        "sources": _sources(
            ("WIPO Lex: China", "https://www.wipo.int/wipolex/en/members/profile/CN"),
            ("CNIPA", "https://english.cnipa.gov.cn/"),
            (BACKGROUND, ""),
        ),
    },
    {
        "slug": "russia",
        "title": "Russian Federation",
        "kind": "country",
        "summary": "IP rules are codified in Part IV of the Civil Code; "
        "Rospatent grants patents and registers marks, appellations of origin "
        "and geographical indications.",
        "ip_office": "Federal Service for Intellectual Property (Rospatent)",
        "ip_office_url": "https://rospatent.gov.ru/en",
        "official_languages": "Russian",
        "pph_partners": "The USPTO (March 2022) and the EPO (April 2022) "
        "suspended their PPH programmes with Rospatent. Other agreements: see "
        "Rospatent's list.",
        "pph": [
            pph(
                "United States Patent and Trademark Office (USPTO)",
                state=S,
                suspended_on=D(2022, 3, 11),
                reason="The USPTO no longer grants Global PPH requests based "
                "on Rospatent's work and ended its engagement with Rospatent.",
                source=USPTO_RUSSIA,
            ),
            pph(
                "European Patent Office (EPO)",
                state=S,
                since=D(2017, 2, 1),
                suspended_on=D(2022, 4, 25),
                reason="Decision of the EPO President of 25 April 2022.",
                source=EPO_ROSPATENT,
            ),
        ],
        "gi_protection": "sui_generis",
        "gi_notes": "Appellations of origin and, since 2020, geographical "
        "indications are registered under Part IV of the Civil Code.",
        "tk_gr_protection": "",
        "patent_term": "20 years from filing",
        "utility_model_term": "10 years from filing",
        "design_term": "5 years, renewable up to 25 years",
        "trademark_term": "10 years, renewable",
        "copyright_term": "Life of the author plus 70 years",
        "lex": wipo_lex("RU", "Russian Federation"),
        "treaties": {
            "paris": (M, 1965, USSR),
            "pct": (M, 1978, USSR),
            "madrid": (M, 1997),
            "hague": (M, 2018),
            "berne": (M, 1995),
            "trips": (M, 2012),
            "budapest": (M, 1981, USSR),
            "lisbon": (N, None),
            "nagoya": (NV, None),
        },
        "corrections": [
            "PPH: the suspensions by the USPTO (11 March 2022) and the EPO "
            "(25 April 2022) added.",
        ],
        "sources": _sources(
            (
                "WIPO Lex: Russian Federation",
                "https://www.wipo.int/wipolex/en/members/profile/RU",
            ),
            ("Rospatent", "https://rospatent.gov.ru/en"),
        ),
    },
    {
        "slug": "kazakhstan",
        "title": "Kazakhstan",
        "kind": "country",
        "summary": "Protection is available nationally and through the "
        "Eurasian patent system, for inventions and, since 2021, for "
        "industrial designs.",
        "ip_office": "National Institute of Intellectual Property of the "
        "Ministry of Justice (Kazpatent)",
        "ip_office_url": "https://qazpatent.kz/en",
        "official_languages": "Kazakh, Russian",
        "pph_partners": "",
        "pph": [],
        "gi_protection": NV,
        "gi_notes": "",
        "tk_gr_protection": "",
        "patent_term": "20 years from filing",
        "utility_model_term": "",
        "design_term": "",
        "trademark_term": "10 years, renewable",
        "copyright_term": "",
        "body": "<p>Kazakhstan ratified the Protocol on the Protection of "
        "Industrial Designs to the Eurasian Patent Convention (instrument "
        "deposited with WIPO on 12 January 2021), so Eurasian design patents, "
        "available since 2021, cover it. They have effect only in the states "
        "party to that Protocol.</p>",
        "lex": wipo_lex("KZ", "Kazakhstan"),
        "field_sources": {
            "ip_office": (
                "verified",
                (
                    "National Institute of Intellectual Property: issuance of "
                    "protection documents",
                    "https://qazpatent.kz/en/ip-objects/invention/applicants/"
                    "public-service-issuance-protection-documents-field-"
                    "industrial-property",
                ),
            ),
        },
        "treaties": {
            "paris": (M, None),
            "pct": (M, None),
            "madrid": (
                M,
                2010,
                "Accession notified on 8 September 2010 (Madrid notification No. 189).",
                (
                    "WIPO: Madrid Protocol notifications",
                    "https://www.wipo.int/wipolex/en/wipo_treaties/"
                    "notifications.jsp?treaty_id=8",
                ),
            ),
            "hague": (NV, None),
            "berne": (M, 1999),
            "trips": (M, 2015),
            "budapest": (
                M,
                2002,
                "In force for Kazakhstan on 24 April 2002.",
                (
                    "Law of the Republic of Kazakhstan No. 259 of 16 November "
                    "2001 on accession to the Budapest Treaty (Adilet)",
                    "https://adilet.zan.kz/rus/docs/Z010000259_",
                ),
            ),
            "lisbon": (NV, None),
            "nagoya": (
                M,
                2015,
                "Party since September 2015.",
                (
                    "UNDP Kazakhstan: Nagoya Protocol (UNDP-GEF Global ABS project)",
                    "https://www.kz.undp.org/content/kazakhstan/en/home/"
                    "projects/sdu/nagoya.html",
                ),
            ),
        },
        "corrections": [
            "Treaties: Budapest (2002) and Nagoya (2015) memberships added.",
            "Office: its current name; Eurasian industrial designs cover "
            "Kazakhstan since 2021, only in states party to the design "
            "Protocol.",
        ],
        "sources": _sources(
            (
                "WIPO Lex: Kazakhstan",
                "https://www.wipo.int/wipolex/en/members/profile/KZ",
            ),
            ("Eurasian Patent Organization: member states", "https://www.eapo.org/en/"),
            (
                "Kazinform: Kazakhstan deposits its ratification of the "
                "Eurasian design Protocol (14 January 2021)",
                "https://en.inform.kz/news/kazakhstan-deposits-instrument-of-"
                "ratification-of-protocol-on-industrial-designs-protection-"
                "with-wipo-director-general_a3741166/",
            ),
        ),
    },
    {
        "slug": "saudi-arabia",
        "title": "Saudi Arabia",
        "kind": "country",
        "summary": "Since 2018 one authority, SAIP, handles patents, designs, "
        "trademarks and copyright.",
        "ip_office": "Saudi Authority for Intellectual Property (SAIP)",
        "ip_office_url": "https://www.saip.gov.sa/en/",
        "official_languages": "Arabic",
        "pph_partners": "Bilateral PPH agreements with the USPTO, KIPO, the "
        "JPO, CNIPA and the EPO, and a pilot with IPOS (2023).",
        "pph": [
            pph("United States Patent and Trademark Office (USPTO)", source=SAIP_PPH),
            pph("Korean Intellectual Property Office (KIPO)", source=SAIP_PPH),
            pph("Japan Patent Office (JPO)", source=SAIP_PPH),
            pph(
                "China National Intellectual Property Administration (CNIPA)",
                since=D(2023, 11, 1),
                note="Pilot from 1 November 2020, extended indefinitely.",
                source=CNIPA_SAIP_PPH,
            ),
            pph("European Patent Office (EPO)", source=SAIP_PPH),
            pph(
                "Intellectual Property Office of Singapore (IPOS)",
                state=NV,
                note="Two-year pilot from 12 September 2023 to 11 September "
                "2025; whether it was extended is not confirmed.",
                source=SAIP_PPH,
            ),
        ],
        "gi_protection": NV,
        "gi_notes": "",
        "tk_gr_protection": "",
        "patent_term": "20 years from filing",
        "utility_model_term": "",
        "design_term": "",
        "trademark_term": "10 years, renewable",
        "copyright_term": "",
        "lex": wipo_lex("SA", "Saudi Arabia"),
        "field_sources": {
            # Said to be counted in Hijri years in practice: not confirmed.
            "trademark_term": (NV, wipo_lex("SA", "Saudi Arabia")),
        },
        "treaties": {
            "paris": (M, 2004),
            "pct": (M, 2013),
            "madrid": (
                NV,
                None,
                "Accession announced in 2024; confirm on WIPO's list of "
                "Madrid members.",
            ),
            "hague": (
                M,
                2025,
                "Geneva Act; accession deposited 7 January 2025.",
                (
                    "WIPO: Saudi Arabia joins the Hague System (20 January 2025)",
                    "https://www.wipo.int/web/hague-system/w/news/2025/"
                    "saudi-arabia-joins-the-hague-system",
                ),
                D(2025, 4, 7),
            ),
            "berne": (M, 2004),
            "trips": (M, 2005),
            "budapest": (NV, None),
            "lisbon": (NV, None),
            "nagoya": (NV, None),
        },
        "corrections": [
            "Hague: member since 7 April 2025 (Geneva Act).",
            "PPH partnerships with the USPTO, KIPO, JPO, CNIPA, EPO and IPOS "
            "added; Madrid marked not yet verified (accession announced 2024).",
        ],
        "sources": _sources(
            (
                "WIPO Lex: Saudi Arabia",
                "https://www.wipo.int/wipolex/en/members/profile/SA",
            ),
            ("SAIP", "https://www.saip.gov.sa/en/"),
        ),
    },
    {
        "slug": "gcc",
        "title": "Gulf Cooperation Council (GCC Patent Office)",
        "kind": "regional",
        "summary": "The GCC Patent Office granted patents with effect in the six "
        "GCC states (Bahrain, Kuwait, Oman, Qatar, Saudi Arabia, United Arab "
        "Emirates). It stopped accepting new GCC patent applications on "
        "6 January 2021. CNIPA cooperates with it (background article).",
        "ip_office": "Patent Office of the Cooperation Council for the Arab "
        "States of the Gulf (GCC Patent Office)",
        "ip_office_url": "",
        "official_languages": "Arabic",
        "pph_partners": "",
        "pph": [],
        "gi_protection": NV,
        "gi_notes": "",
        "tk_gr_protection": "",
        "patent_term": "20 years from filing",
        "utility_model_term": "",
        "design_term": "",
        "trademark_term": "",
        "copyright_term": "",
        "lex": GCC_SITE,
        "treaties": regional_treaties(GCC_SITE),
        "body": "<p>Since 6 January 2021 no new unified GCC patent "
        "applications are accepted; applications filed before then are still "
        "processed. From 1 January 2023 the office again receives and examines "
        "applications as a receiving office for Bahrain and Kuwait, and the "
        "patents are granted by the national offices. Other member states "
        "were expected to follow (not yet verified).</p>",
        "field_sources": {
            "patent_term": (NV, GCC_SITE),
        },
        "corrections": [
            "Status: no new GCC patent applications since 6 January 2021; "
            "from 2023 examination for Bahrain and Kuwait, grants by the "
            "national offices.",
        ],
        "sources": [
            (BACKGROUND, ""),
            GCC_SITE,
            (
                "Maiwald: GCC Patent Office no longer accepts patent "
                "applications (2021)",
                "https://www.maiwald.eu/jp/maiwald-blog/gcc-patent-office-no-"
                "longer-accepts-patent-applications/",
            ),
            (
                "Unitalen: GCC Patent Office resumes filing from 1 January 2023",
                "http://unitalen.com.cn/html/report/22121448-1.htm",
            ),
        ],
    },
    {
        "slug": "singapore",
        "title": "Singapore",
        "kind": "country",
        "summary": "A common-law system with a single office for patents, "
        "trademarks, designs and geographical indications; IPOS runs joint "
        "training with other offices.",
        "ip_office": "Intellectual Property Office of Singapore (IPOS)",
        "ip_office_url": "https://www.ipos.gov.sg/",
        "official_languages": "English",
        "pph_partners": "Participates in the Global PPH and the ASEAN Patent "
        "Examination Co-operation (ASPEC); further bilateral PPHs: see IPOS.",
        "pph": [
            pph(
                "Saudi Authority for Intellectual Property (SAIP)",
                state=NV,
                note="Two-year pilot from 12 September 2023 to 11 September "
                "2025; whether it was extended is not confirmed.",
                source=SAIP_PPH,
            ),
        ],
        "gi_protection": "both",
        "gi_notes": "A Geographical Indications Act (2014) with a GI registry, "
        "plus collective and certification marks.",
        "tk_gr_protection": "",
        "patent_term": "20 years from filing",
        "utility_model_term": "No utility models",
        "design_term": "5 years, renewable up to 15 years",
        "trademark_term": "10 years, renewable",
        "copyright_term": "Life of the author plus 70 years",
        "lex": wipo_lex("SG", "Singapore"),
        "treaties": {
            "paris": (M, 1995),
            "pct": (M, 1995),
            "madrid": (M, 2000),
            "hague": (M, 2005),
            "berne": (M, 1998),
            "trips": (M, 1995),
            "budapest": (M, 1995),
            "lisbon": (N, None),
            "nagoya": (NV, None),
        },
        "sources": _sources(
            (
                "WIPO Lex: Singapore",
                "https://www.wipo.int/wipolex/en/members/profile/SG",
            ),
            ("IPOS", "https://www.ipos.gov.sg/"),
        ),
    },
    {
        "slug": "israel",
        "title": "Israel",
        "kind": "country",
        "summary": "The Israel Patent Office examines patents and designs and "
        "registers trademarks; it is a PCT searching authority.",
        "ip_office": "Israel Patent Office (ILPO)",
        "ip_office_url": "https://www.gov.il/en/departments/israel_patent_office",
        "official_languages": "Patent applications may be filed in Hebrew, "
        "Arabic or English (most are filed in English); the office's own "
        "notices are in Hebrew.",
        "pph_partners": "Participates in the Global PPH; see ILPO for the list.",
        "pph": [],
        "gi_protection": "both",
        "gi_notes": "Appellations of origin and GIs have a 1965 protection law; "
        "certification and collective marks are also available.",
        "tk_gr_protection": "",
        "patent_term": "20 years from filing",
        "utility_model_term": "No utility models",
        "design_term": "Up to 25 years (Designs Law 2017)",
        "trademark_term": "10 years, renewable",
        "copyright_term": "Life of the author plus 70 years",
        "lex": wipo_lex("IL", "Israel"),
        "field_sources": {
            "official_languages": (
                "verified",
                (
                    "JMB Davis Ben-David: prosecuting an Israel patent "
                    "application (2023)",
                    "https://jmbdavis.com/jurisdiction-israel-from-filing-to-"
                    "maintenance/",
                ),
            ),
        },
        "treaties": {
            "paris": (M, 1950),
            "pct": (M, 1996),
            "madrid": (M, 2010),
            "hague": (M, 2020),
            "berne": (M, 1950),
            "trips": (M, 1995),
            "budapest": (M, 1996),
            "lisbon": (M, None),
            "nagoya": (NV, None),
        },
        "corrections": [
            "Languages: filing languages (Hebrew, Arabic, English) told apart "
            "from the office's working language.",
        ],
        "sources": _sources(
            ("WIPO Lex: Israel", "https://www.wipo.int/wipolex/en/members/profile/IL"),
            (
                "Israel Patent Office",
                "https://www.gov.il/en/departments/israel_patent_office",
            ),
        ),
    },
    {
        "slug": "egypt",
        "title": "Egypt",
        "kind": "country",
        "summary": "Law No. 82 of 2002 on the Protection of Intellectual "
        "Property Rights covers patents, utility models, designs, marks, GIs "
        "and copyright in one statute. Law No. 163 of 2023 created the "
        "Egyptian Authority for Intellectual Property, which takes over the "
        "IP functions of the Patent Office and the ministries.",
        "ip_office": "Egyptian Authority for Intellectual Property (EAIP; "
        "Law No. 163 of 2023), replacing the Egyptian Patent Office",
        "ip_office_url": "",
        "official_languages": "Arabic",
        "pph_partners": "A PPH with the Japan Patent Office since 1 June 2015, "
        "the first in Africa.",
        "pph": [
            pph(
                "Japan Patent Office (JPO)",
                since=D(2015, 6, 1),
                note="Started as a pilot.",
            ),
        ],
        "gi_protection": NV,
        "gi_notes": "Law No. 82 of 2002 has provisions on geographical indications.",
        "tk_gr_protection": "",
        "patent_term": "20 years from filing",
        "utility_model_term": "",
        "design_term": "",
        "trademark_term": "10 years, renewable",
        "copyright_term": "Life of the author plus 50 years",
        "lex": wipo_lex("EG", "Egypt"),
        "field_sources": {
            "ip_office": (
                "verified",
                (
                    "Al Tamimi: law establishing the Egyptian Intellectual "
                    "Property Authority (2023)",
                    "https://www.tamimi.com/news/issuance-of-law-establishing-"
                    "egyptian-intellectual-property-authority/",
                ),
            ),
            "gi_notes": (NV, wipo_lex("EG", "Egypt")),
        },
        "treaties": {
            "paris": (M, 1951),
            "pct": (M, 2003),
            "madrid": (M, None),
            "hague": (M, None),
            "berne": (M, 1977),
            "trips": (M, 1995),
            "budapest": (NV, None),
            "lisbon": (NV, None),
            "nagoya": (
                M,
                2014,
                "Ratified in December 2013; in force with the Protocol on "
                "12 October 2014.",
                NAGOYA,
            ),
        },
        "corrections": [
            "Office: the Egyptian Authority for Intellectual Property (Law "
            "No. 163 of 2023) replaces the Patent Office.",
            "Hague and Nagoya (2014) memberships and the PPH with the JPO "
            "(2015) added.",
        ],
        "sources": _sources(
            ("WIPO Lex: Egypt", "https://www.wipo.int/wipolex/en/members/profile/EG"),
        ),
    },
    {
        "slug": "pakistan",
        "title": "Pakistan",
        "kind": "country",
        "summary": "IPO-Pakistan administers patents, designs, trademarks, "
        "copyright and, since 2020, geographical indications.",
        "ip_office": "Intellectual Property Organization of Pakistan (IPO-Pakistan)",
        "ip_office_url": "https://ipo.gov.pk/",
        "official_languages": "English",
        "pph_partners": "",
        "pph": [],
        "gi_protection": "sui_generis",
        "gi_notes": "Geographical Indications (Registration and Protection) Act 2020.",
        "tk_gr_protection": "",
        "patent_term": "20 years from filing",
        "utility_model_term": "",
        "design_term": "",
        "trademark_term": "10 years, renewable",
        "copyright_term": "Life of the author plus 50 years",
        "lex": wipo_lex("PK", "Pakistan"),
        "field_sources": {
            # English is the language of procedure; Urdu, the national
            # language, is not yet covered by a checked source.
            "official_languages": (NV, ("IPO-Pakistan", "https://ipo.gov.pk/")),
        },
        "treaties": {
            "paris": (M, 2004),
            "pct": (
                NV,
                None,
                "Accession planned (IPO-Pakistan, November 2023); confirm on "
                "WIPO's list of PCT contracting states.",
            ),
            "madrid": (M, 2021),
            "hague": (NV, None),
            "berne": (M, 1948),
            "trips": (M, 1995),
            "budapest": (NV, None),
            "lisbon": (NV, None),
            "nagoya": (
                M,
                None,
                "Accession approved by the federal cabinet in 2015.",
                (
                    "Press Information Department: workshop on ABS and the "
                    "Nagoya Protocol",
                    "https://pid.gov.pk/site/press_detail/3486",
                ),
            ),
        },
        "corrections": [
            "Nagoya: Pakistan is a party. PCT: 'not a party' replaced by "
            "'not yet verified' (accession planned).",
        ],
        "sources": _sources(
            (
                "WIPO Lex: Pakistan",
                "https://www.wipo.int/wipolex/en/members/profile/PK",
            ),
            ("IPO-Pakistan", "https://ipo.gov.pk/"),
        ),
    },
    {
        "slug": "eurasian-patent-system",
        "title": "Eurasian patent system (EAPO)",
        "kind": "regional",
        "summary": "One Eurasian patent, granted by the Eurasian Patent Office "
        "in Moscow under the Eurasian Patent Convention (1994), has effect in "
        "the member states: Armenia, Azerbaijan, Belarus, Kazakhstan, "
        "Kyrgyzstan, Russia, Tajikistan and Turkmenistan. Eurasian industrial "
        "designs have been available since 2021, with effect only in the "
        "states party to the Protocol on the Protection of Industrial Designs.",
        "ip_office": "Eurasian Patent Office (EAPO)",
        "ip_office_url": "https://www.eapo.org/en/",
        "official_languages": "Russian",
        "pph_partners": "The EPO suspended its PPH with the EAPO on 25 April "
        "2022; the USPTO ended its engagement with the EAPO in March 2022.",
        "pph": [
            pph(
                "European Patent Office (EPO)",
                state=S,
                since=D(2017, 10, 1),
                suspended_on=D(2022, 4, 25),
                reason="Decision of the EPO President of 25 April 2022.",
                source=EPO_EAPO,
            ),
            pph(
                "United States Patent and Trademark Office (USPTO)",
                state=NV,
                note="The USPTO ended its engagement with the EAPO in March "
                "2022; its PPH decision names Rospatent's work only.",
                source=USPTO_RUSSIA,
            ),
        ],
        "gi_protection": NV,
        "gi_notes": "",
        "tk_gr_protection": "",
        "patent_term": "20 years from filing",
        "utility_model_term": "No Eurasian utility models",
        "design_term": "5 years, renewable up to 25 years",
        "trademark_term": "",
        "copyright_term": "",
        "lex": EAPO_SITE,
        "treaties": regional_treaties(EAPO_SITE),
        "body": "<p>Under the PCT, a Eurasian patent can be sought in the "
        "regional phase of an international application.</p>",
        "corrections": [
            "PPH: the EPO's suspension (25 April 2022) added; designs: "
            "effect only in states party to the design Protocol.",
        ],
        "sources": [
            ("Eurasian Patent Organization", "https://www.eapo.org/en/"),
            (
                "NCIP Belarus: the Eurasian design Protocol in force (March 2021)",
                "https://ncip.by/en/o-centre/novosti/interesting/protocol-on-"
                "protection-of-industrial-designs-to-the-eurasian-patent-"
                "convention-of-september-9-1994-e/",
            ),
            (BACKGROUND, ""),
        ],
    },
]
