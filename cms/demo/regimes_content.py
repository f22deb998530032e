"""Demo facts for the IP regimes knowledge base.

Treaty dates are the entry into force for the jurisdiction as listed by WIPO
(WIPO-administered treaties), the WTO (membership) and the CBD secretariat
(Nagoya Protocol). Where we could not confirm a fact it reads "unknown"
(status UNKNOWN or an empty field, shown as "unknown"): do not fill a gap from
memory; check the source first.
"""

WIPO_TREATIES = "https://www.wipo.int/treaties/en/"
WTO_MEMBERS = "https://www.wto.org/english/thewto_e/whatis_e/tif_e/org6_e.htm"
NAGOYA_PARTIES = "https://www.cbd.int/abs/nagoya-protocol/signatories/"
BACKGROUND = (
    "Comprehensively deepen international cooperation on intellectual property "
    "rights along the Belt and Road (background article)"
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

M, N, U, NA = "member", "not_member", "unknown", "n_a"
REGIONAL_NOTE = "A regional office: its member states join treaties individually."
USSR = "In force for the USSR; continued by the Russian Federation."


def _sources(*extra):
    return [
        *extra,
        ("WIPO-administered treaties: contracting parties", WIPO_TREATIES),
        ("WTO: members and observers", WTO_MEMBERS),
        ("Nagoya Protocol: parties", NAGOYA_PARTIES),
    ]


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
        "pph_partners": "CNIPA had PPH agreements with 30 offices by the end of "
        "2020, 16 of them in Belt and Road countries (background article). "
        "The full list: unknown here; see CNIPA.",
        "gi_protection": "both",
        "gi_notes": "GIs are protected as collective and certification marks "
        "under the Trademark Law, and through CNIPA's registration of "
        "geographical indication products.",
        "tk_gr_protection": "The Patent Law requires applicants to disclose the "
        "direct and original source of genetic resources an invention relies "
        "on, and refuses patents for inventions that relied on genetic "
        "resources obtained in breach of law. No sui generis TK law.",
        "patent_term": "20 years from filing (invention patents)",
        "utility_model_term": "10 years from filing",
        "design_term": "15 years from filing (applications from 1 June 2021)",
        "trademark_term": "10 years, renewable",
        "copyright_term": "Life of the author plus 50 years",
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
        "pph_partners": "Unknown here; see Rospatent's list of PPH agreements.",
        "gi_protection": "sui_generis",
        "gi_notes": "Appellations of origin and, since 2020, geographical "
        "indications are registered under Part IV of the Civil Code.",
        "tk_gr_protection": "Unknown",
        "patent_term": "20 years from filing",
        "utility_model_term": "10 years from filing",
        "design_term": "5 years, renewable up to 25 years",
        "trademark_term": "10 years, renewable",
        "copyright_term": "Life of the author plus 70 years",
        "treaties": {
            "paris": (M, 1965, USSR),
            "pct": (M, 1978, USSR),
            "madrid": (M, 1997),
            "hague": (M, 2018),
            "berne": (M, 1995),
            "trips": (M, 2012),
            "budapest": (M, 1981, USSR),
            "lisbon": (N, None),
            "nagoya": (U, None),
        },
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
        "summary": "Protection is available nationally and, for inventions, "
        "through the Eurasian patent system.",
        "ip_office": "National Institute of Intellectual Property (Kazpatent)",
        "ip_office_url": "https://kazpatent.kz/en",
        "official_languages": "Kazakh, Russian",
        "pph_partners": "Unknown",
        "gi_protection": "unknown",
        "gi_notes": "",
        "tk_gr_protection": "Unknown",
        "patent_term": "20 years from filing",
        "utility_model_term": "",
        "design_term": "",
        "trademark_term": "10 years, renewable",
        "copyright_term": "",
        "treaties": {
            "paris": (M, None),
            "pct": (M, None),
            "madrid": (M, None),
            "hague": (U, None),
            "berne": (M, 1999),
            "trips": (M, 2015),
            "budapest": (U, None),
            "lisbon": (U, None),
            "nagoya": (U, None),
        },
        "sources": _sources(
            (
                "WIPO Lex: Kazakhstan",
                "https://www.wipo.int/wipolex/en/members/profile/KZ",
            ),
            ("Eurasian Patent Organization: member states", "https://www.eapo.org/en/"),
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
        "pph_partners": "Unknown",
        "gi_protection": "unknown",
        "gi_notes": "",
        "tk_gr_protection": "Unknown",
        "patent_term": "20 years from filing",
        "utility_model_term": "",
        "design_term": "",
        "trademark_term": "10 years, renewable",
        "copyright_term": "",
        "treaties": {
            "paris": (M, 2004),
            "pct": (M, 2013),
            "madrid": (U, None),
            "hague": (U, None),
            "berne": (M, 2004),
            "trips": (M, 2005),
            "budapest": (U, None),
            "lisbon": (U, None),
            "nagoya": (U, None),
        },
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
        "Emirates). CNIPA cooperates with it (background article).",
        "ip_office": "Patent Office of the Cooperation Council for the Arab "
        "States of the Gulf (GCC Patent Office)",
        "ip_office_url": "",
        "official_languages": "Arabic",
        "pph_partners": "Unknown",
        "gi_protection": "unknown",
        "gi_notes": "",
        "tk_gr_protection": "Unknown",
        "patent_term": "20 years from filing",
        "utility_model_term": "",
        "design_term": "",
        "trademark_term": "",
        "copyright_term": "",
        "treaties": dict.fromkeys(
            (
                "paris",
                "pct",
                "madrid",
                "hague",
                "berne",
                "trips",
                "budapest",
                "lisbon",
                "nagoya",
            ),
            (NA, None),
        ),
        "treaty_note": REGIONAL_NOTE,
        "body": "<p>Whether the GCC Patent Office still accepts new "
        "applications, and on what terms: check with the office before "
        "advising applicants (status unknown here).</p>",
        "sources": [
            (BACKGROUND, ""),
            ("Gulf Cooperation Council Secretariat General", "https://www.gcc-sg.org/"),
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
        "gi_protection": "both",
        "gi_notes": "A Geographical Indications Act (2014) with a GI registry, "
        "plus collective and certification marks.",
        "tk_gr_protection": "Unknown",
        "patent_term": "20 years from filing",
        "utility_model_term": "No utility models",
        "design_term": "5 years, renewable up to 15 years",
        "trademark_term": "10 years, renewable",
        "copyright_term": "Life of the author plus 70 years",
        "treaties": {
            "paris": (M, 1995),
            "pct": (M, 1995),
            "madrid": (M, 2000),
            "hague": (M, 2005),
            "berne": (M, 1998),
            "trips": (M, 1995),
            "budapest": (M, 1995),
            "lisbon": (N, None),
            "nagoya": (U, None),
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
        "official_languages": "Hebrew, English",
        "pph_partners": "Participates in the Global PPH; see ILPO for the list.",
        "gi_protection": "both",
        "gi_notes": "Appellations of origin and GIs have a 1965 protection law; "
        "certification and collective marks are also available.",
        "tk_gr_protection": "Unknown",
        "patent_term": "20 years from filing",
        "utility_model_term": "No utility models",
        "design_term": "Up to 25 years (Designs Law 2017)",
        "trademark_term": "10 years, renewable",
        "copyright_term": "Life of the author plus 70 years",
        "treaties": {
            "paris": (M, 1950),
            "pct": (M, 1996),
            "madrid": (M, 2010),
            "hague": (M, 2020),
            "berne": (M, 1950),
            "trips": (M, 1995),
            "budapest": (M, 1996),
            "lisbon": (M, None),
            "nagoya": (U, None),
        },
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
        "and copyright in one statute.",
        "ip_office": "Egyptian Patent Office",
        "ip_office_url": "",
        "official_languages": "Arabic",
        "pph_partners": "Unknown",
        "gi_protection": "unknown",
        "gi_notes": "Law No. 82 of 2002 has provisions on geographical "
        "indications; how they are registered in practice: unknown here.",
        "tk_gr_protection": "Unknown",
        "patent_term": "20 years from filing",
        "utility_model_term": "",
        "design_term": "",
        "trademark_term": "10 years, renewable",
        "copyright_term": "Life of the author plus 50 years",
        "treaties": {
            "paris": (M, 1951),
            "pct": (M, 2003),
            "madrid": (M, None),
            "hague": (U, None),
            "berne": (M, 1977),
            "trips": (M, 1995),
            "budapest": (U, None),
            "lisbon": (U, None),
            "nagoya": (U, None),
        },
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
        "pph_partners": "Unknown",
        "gi_protection": "sui_generis",
        "gi_notes": "Geographical Indications (Registration and Protection) Act 2020.",
        "tk_gr_protection": "Unknown",
        "patent_term": "20 years from filing",
        "utility_model_term": "",
        "design_term": "",
        "trademark_term": "10 years, renewable",
        "copyright_term": "Life of the author plus 50 years",
        "treaties": {
            "paris": (M, 2004),
            "pct": (N, None),
            "madrid": (M, 2021),
            "hague": (U, None),
            "berne": (M, 1948),
            "trips": (M, 1995),
            "budapest": (U, None),
            "lisbon": (U, None),
            "nagoya": (U, None),
        },
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
        "designs have been available since 2021.",
        "ip_office": "Eurasian Patent Office (EAPO)",
        "ip_office_url": "https://www.eapo.org/en/",
        "official_languages": "Russian",
        "pph_partners": "Unknown here; see EAPO.",
        "gi_protection": "unknown",
        "gi_notes": "",
        "tk_gr_protection": "Unknown",
        "patent_term": "20 years from filing",
        "utility_model_term": "No Eurasian utility models",
        "design_term": "5 years, renewable up to 25 years",
        "trademark_term": "",
        "copyright_term": "",
        "treaties": {
            **dict.fromkeys(
                (
                    "paris",
                    "madrid",
                    "hague",
                    "berne",
                    "trips",
                    "budapest",
                    "lisbon",
                    "nagoya",
                ),
                (NA, None),
            ),
            "pct": (NA, None),
        },
        "treaty_note": REGIONAL_NOTE,
        "body": "<p>Under the PCT, a Eurasian patent can be sought in the "
        "regional phase of an international application.</p>",
        "sources": [
            ("Eurasian Patent Organization", "https://www.eapo.org/en/"),
            (BACKGROUND, ""),
        ],
    },
]
