"""Chinese and Russian translations of the demo course "IP information services
and data sharing" (every lesson), of the home page and of the catalogue.

Keyed by the English source string exactly as wagtail-localize extracts it
(one segment per field, paragraph or list item). Terminology follows WIPO's
official Chinese and Russian usage:

- WIPO Pearl terminology database: https://wipopearl.wipo.int/
- PATENTSCOPE in Chinese / Russian: https://patentscope.wipo.int/search/zh/
  and https://patentscope.wipo.int/search/ru/
- WIPO standards (ST.26) and WIPO CASE pages in Chinese and Russian:
  https://www.wipo.int/standards/zh/ , https://www.wipo.int/standards/ru/ ,
  https://www.wipo.int/case/zh/ , https://www.wipo.int/case/ru/
- WIPO Digital Access Service, Chinese: 数字查询服务; Russian: Служба
  цифрового доступа (https://www.wipo.int/das/)
- International Patent Classification: 国际专利分类 / Международная
  патентная классификация (https://www.wipo.int/classifications/ipc/)
- Rospatent's name for the PPH: «Ускоренное патентное делопроизводство»
  (https://rospatent.gov.ru/ru/activities/inter/pph)

Translated for this project; a native-speaking IP professional should review
them before they are used beyond the demo.
"""

# (English source, Simplified Chinese, Russian)
STRINGS = [
    (
        "Silk Road IP Academy",
        "Silk Road IP Academy",
        "Silk Road IP Academy",
    ),
    (
        "Joint training of intellectual-property professionals by Belt and Road "
        "partner offices.",
        "“一带一路”合作伙伴知识产权局联合培训知识产权专业人员。",
        "Совместная подготовка специалистов в области интеллектуальной "
        "собственности ведомствами — партнёрами по инициативе «Пояс и путь».",
    ),
    ("Courses", "课程", "Курсы"),
    (
        "Abstract pattern of overlapping circles in the colours of Patents, "
        "Trademarks, Examination cooperation / PPH",
        "由专利、商标、审查合作/PPH 三种颜色的重叠圆形构成的抽象图案",
        "Абстрактный узор из пересекающихся кругов в цветах разделов «Патенты», "
        "«Товарные знаки» и «Сотрудничество в экспертизе / PPH»",
    ),
    (
        "Courses written by instructors of Belt and Road partner offices.",
        "由“一带一路”合作伙伴知识产权局的讲师编写的课程。",
        "Курсы, подготовленные преподавателями ведомств — партнёров по "
        "инициативе «Пояс и путь».",
    ),
    # Course
    (
        "IP information services and data sharing",
        "知识产权信息服务与数据共享",
        "Информационные услуги в сфере ИС и обмен данными",
    ),
    (
        "Patent information as a public good: databases, standards, search and "
        "examination sharing, and the information platform proposed for Belt and "
        "Road countries.",
        "专利信息作为公共产品：数据库、标准、检索和审查结果共享，以及为“一带一路”"
        "国家提议建设的信息平台。",
        "Патентная информация как общественное благо: базы данных, стандарты, "
        "обмен результатами поиска и экспертизы и информационная платформа, "
        "предложенная для стран «Пояса и пути».",
    ),
    (
        "Use PATENTSCOPE and national databases for a prior-art search",
        "利用 PATENTSCOPE 和各国数据库进行现有技术检索",
        "Проводить поиск по уровню техники в PATENTSCOPE и национальных базах данных",
    ),
    (
        "Explain the role of WIPO standards in exchanging IP data",
        "说明产权组织标准在知识产权数据交换中的作用",
        "Объяснять роль стандартов ВОИС в обмене данными об ИС",
    ),
    (
        "Describe how WIPO CASE shares search and examination results",
        "描述产权组织 CASE 系统如何共享检索和审查结果",
        "Описывать, как система WIPO CASE обеспечивает обмен результатами поиска "
        "и экспертизы",
    ),
    (
        "Plan the modules of a regional IP information platform",
        "规划区域知识产权信息平台的功能模块",
        "Планировать модули региональной информационной платформы по ИС",
    ),
    (
        "Comprehensively deepen international cooperation on intellectual property "
        "rights along the Belt and Road (background article)",
        "全面深化“一带一路”知识产权国际合作（背景文章）",
        "Всестороннее углубление международного сотрудничества в сфере прав "
        "интеллектуальной собственности в рамках «Пояса и пути» (справочная статья)",
    ),
    ("PATENTSCOPE (WIPO)", "PATENTSCOPE（产权组织）", "PATENTSCOPE (ВОИС)"),
    ("WIPO Standards", "产权组织标准", "Стандарты ВОИС"),
    (
        "WIPO CASE: Centralized Access to Search and Examination",
        "产权组织 CASE：检索和审查集中访问系统",
        "WIPO CASE: централизованный доступ к результатам поиска и экспертизы",
    ),
    # Lesson 1
    (
        "Patent information as a public good",
        "专利信息是一种公共产品",
        "Патентная информация как общественное благо",
    ),
    (
        "Why published IP data is the easiest thing to share.",
        "为什么已公开的知识产权数据最容易共享。",
        "Почему опубликованными данными об ИС обмениваться проще всего.",
    ),
    ("Disclosure is the bargain", "以公开换保护", "Раскрытие в обмен на охрану"),
    (
        "A patent is granted in exchange for disclosing the invention. Published "
        "applications, grants, trademark registers and legal-status data are "
        "public by design, which is why the background article notes that most IP "
        "information is public and relatively easy to share across borders.",
        "专利权是以公开发明为代价而授予的。已公布的申请、授权专利、商标注册簿和"
        "法律状态数据本来就是公开的，因此背景文章指出，大部分知识产权信息是公开的，"
        "跨境共享相对容易。",
        "Патент выдаётся в обмен на раскрытие изобретения. Опубликованные заявки, "
        "выданные патенты, реестры товарных знаков и данные о правовом статусе "
        "общедоступны по своей природе; поэтому в справочной статье отмечается, что "
        "бо́льшая часть информации об ИС открыта и ею относительно легко обмениваться "
        "между странами.",
    ),
    (
        "Trainees and examiners use this data to search prior art, check freedom "
        "to operate, follow competitors and identify technology to license.",
        "学员和审查员利用这些数据检索现有技术、开展自由实施（FTO）分析、跟踪竞争对手，"
        "并发现可供许可的技术。",
        "Слушатели и эксперты используют эти данные для поиска по уровню техники, "
        "проверки патентной чистоты, отслеживания конкурентов и выявления "
        "технологий для лицензирования.",
    ),
    ("Legal status", "法律状态", "Правовой статус"),
    (
        "Whether a patent or mark is pending, granted, lapsed, expired or revoked "
        "in a given country, and when.",
        "专利或商标在某一国家处于审查中、已授权、已失效、期限届满还是被撤销，以及相应日期。",
        "Находится ли патент или товарный знак в данной стране на рассмотрении, "
        "выдан (зарегистрирован), прекратил действие, истёк срок его действия или он "
        "аннулирован, и с какой даты.",
    ),
    (
        "Why is patent information comparatively easy to share between countries?",
        "为什么专利信息在国家之间相对容易共享？",
        "Почему патентной информацией сравнительно легко обмениваться между странами?",
    ),
    (
        "Most of it is published by law",
        "其中大部分依法公开",
        "Бо́льшая её часть публикуется в силу закона",
    ),
    ("It is always in English", "它总是英文的", "Она всегда на английском языке"),
    (
        "Offices keep it confidential",
        "各局对其保密",
        "Ведомства хранят её в тайне",
    ),
    (
        "Publication is part of the patent bargain; privacy and security questions "
        "concern a small part of the data.",
        "公开是专利制度“以公开换保护”的一部分；隐私和安全问题只涉及一小部分数据。",
        "Публикация — часть «патентной сделки»; вопросы конфиденциальности и "
        "безопасности касаются лишь небольшой части данных.",
    ),
    # Lesson 2
    (
        "Searching PATENTSCOPE and national databases",
        "检索 PATENTSCOPE 和各国数据库",
        "Поиск в PATENTSCOPE и национальных базах данных",
    ),
    (
        "Classification, languages and family data.",
        "分类、语言和同族数据。",
        "Классификация, языки и данные о патентных семействах.",
    ),
    ("Start with classification", "从分类入手", "Начните с классификации"),
    (
        "The International Patent Classification (IPC) and Cooperative Patent "
        "Classification codes let you search across languages: a Chinese, Russian "
        "and Arabic document in the same class describe similar technology.",
        "国际专利分类（IPC）和联合专利分类（CPC）代码使跨语言检索成为可能："
        "同一分类号下的中文、俄文和阿拉伯文文献描述的是相似的技术。",
        "Индексы Международной патентной классификации (МПК) и Совместной "
        "патентной классификации (СПК) позволяют искать независимо от языка: "
        "китайский, русский и арабский документы одной рубрики описывают сходную "
        "технологию.",
    ),
    (
        "PATENTSCOPE, run by WIPO, holds published PCT applications and many "
        "national collections, with cross-lingual search and machine translation.",
        "产权组织运营的 PATENTSCOPE 收录已公布的 PCT 申请和许多国家的专利文献集合，"
        "并提供跨语言检索和机器翻译。",
        "База PATENTSCOPE, которую ведёт ВОИС, содержит опубликованные заявки PCT "
        "и многие национальные фонды, с межъязыковым поиском и машинным переводом.",
    ),
    ("Search in families", "按专利族检索", "Ищите по патентным семействам"),
    (
        "Group results by patent family so one invention filed in ten countries "
        "counts once, then check each member's legal status in the national "
        "register.",
        "按专利族对结果分组，使在十个国家提交的同一发明只计一次，然后在各国登记簿中"
        "核查每个同族成员的法律状态。",
        "Группируйте результаты по патентным семействам, чтобы изобретение, "
        "заявленное в десяти странах, учитывалось один раз, а затем проверяйте "
        "правовой статус каждого члена семейства в национальном реестре.",
    ),
    ("Languages of procedure", "程序语言", "Языки делопроизводства"),
    (
        "What helps most when searching documents in languages you do not read?",
        "检索自己不懂的语言的文献时，什么最有帮助？",
        "Что больше всего помогает при поиске документов на языках, которыми вы "
        "не владеете?",
    ),
    (
        "Patent classification codes, with machine translation",
        "专利分类号，辅以机器翻译",
        "Индексы патентной классификации в сочетании с машинным переводом",
    ),
    (
        "Searching the applicant's name only",
        "只检索申请人名称",
        "Поиск только по имени (наименованию) заявителя",
    ),
    (
        "Searching only English abstracts",
        "只检索英文摘要",
        "Поиск только по рефератам на английском языке",
    ),
    (
        "Classification is language-independent.",
        "分类不依赖于语言。",
        "Классификация не зависит от языка.",
    ),
    # Lesson 3
    (
        "Data standards and sharing examination results",
        "数据标准与审查结果共享",
        "Стандарты данных и обмен результатами экспертизы",
    ),
    (
        "WIPO standards, WIPO CASE and the Digital Access Service.",
        "产权组织标准、产权组织 CASE 和数字查询服务。",
        "Стандарты ВОИС, WIPO CASE и Служба цифрового доступа.",
    ),
    (
        "Standards make data travel",
        "标准让数据得以流通",
        "Стандарты позволяют данным перемещаться",
    ),
    (
        "WIPO standards define how offices format and exchange IP data, for "
        "example ST.96 for XML data and ST.26 for sequence listings. Shared formats "
        "let one office load another office's data without manual rework.",
        "产权组织标准规定了各局如何格式化和交换知识产权数据，例如用于 XML 数据的 ST.96 "
        "和用于序列表的 ST.26。统一的格式使一个局无需人工返工即可导入另一个局的数据。",
        "Стандарты ВОИС определяют, как ведомства оформляют данные об ИС и "
        "обмениваются ими, например ST.96 для данных в формате XML и ST.26 для "
        "перечней последовательностей. Общие форматы позволяют одному ведомству "
        "загружать данные другого без ручной доработки.",
    ),
    (
        "WIPO CASE (Centralized Access to Search and Examination) lets "
        "participating offices view each other's search and examination documents, "
        "which is the information backbone of work sharing such as the PPH.",
        "产权组织 CASE（检索和审查集中访问系统）使参与局能够查看彼此的检索和审查文件，"
        "是专利审查高速路（PPH）等工作共享机制的信息基础。",
        "WIPO CASE (централизованный доступ к результатам поиска и экспертизы) "
        "позволяет участвующим ведомствам просматривать документы поиска и "
        "экспертизы друг друга; это информационная основа совместной работы, "
        "например программы «Ускоренное патентное делопроизводство» (PPH).",
    ),
    ("ST.26", "ST.26", "ST.26"),
    (
        "The WIPO standard for presenting nucleotide and amino acid sequence "
        "listings in XML.",
        "产权组织关于以 XML 格式表示核苷酸和氨基酸序列表的标准。",
        "Стандарт ВОИС по представлению перечней последовательностей нуклеотидов "
        "и аминокислот в формате XML.",
    ),
    (
        "What does WIPO CASE give participating offices?",
        "产权组织 CASE 为参与局提供什么？",
        "Что WIPO CASE даёт участвующим ведомствам?",
    ),
    (
        "Access to each other's search and examination documents",
        "访问彼此的检索和审查文件",
        "Доступ к документам поиска и экспертизы друг друга",
    ),
    ("A common patent grant", "统一授予的专利", "Единый выдаваемый патент"),
    (
        "A shared trademark register",
        "共同的商标注册簿",
        "Общий реестр товарных знаков",
    ),
    (
        "CASE shares dossiers; each office still grants its own rights.",
        "CASE 共享的是案卷；各局仍各自授予本国（本地区）的权利。",
        "CASE обеспечивает обмен досье; каждое ведомство по-прежнему само "
        "предоставляет охрану.",
    ),
    # Lesson 4
    (
        "Designing a Belt and Road IP information platform",
        "设计“一带一路”知识产权信息平台",
        "Проектирование информационной платформы по ИС для «Пояса и пути»",
    ),
    (
        "Modules, regional hubs and step-by-step rollout.",
        "功能模块、区域中心和分步实施。",
        "Модули, региональные центры и поэтапное внедрение.",
    ),
    (
        "What the platform should contain",
        "平台应包含哪些内容",
        "Что должна содержать платформа",
    ),
    (
        "The background article proposes a platform with modules on each "
        "country's IP laws, policies, procedures for obtaining rights, protection "
        "channels and transactions.",
        "背景文章提议建设一个平台，设置介绍各国知识产权法律、政策、权利获取程序、"
        "保护渠道和交易的模块。",
        "В справочной статье предлагается платформа с модулями о законодательстве "
        "каждой страны в сфере ИС, её политике, процедурах получения прав, способах "
        "защиты и сделках.",
    ),
    (
        "It proposes building it step by step: regional platforms first (for "
        "example, one around the Eurasian Patent Office for Russia and other CIS "
        "countries), and a Belt and Road platform run with China's national IP "
        "information service centre, offering basic retrieval and advanced "
        "services such as navigation and data mining; then connecting the regional "
        "platforms.",
        "文章提议分步建设：先建设区域平台（例如以欧亚专利局为依托、面向俄罗斯和其他"
        "独联体国家的平台），并依托中国国家知识产权信息服务中心建设“一带一路”平台，"
        "提供基础检索以及专利导航、数据挖掘等高端服务；然后将各区域平台互联互通。",
        "Предлагается создавать её поэтапно: сначала региональные платформы "
        "(например, вокруг Евразийского патентного ведомства для России и других "
        "стран СНГ) и платформу «Пояса и пути» на базе национального "
        "информационного центра Китая по ИС, с базовым поиском и расширенными "
        "услугами, такими как патентная навигация и интеллектуальный анализ "
        "данных; затем — объединение региональных платформ.",
    ),
    ("Design exercise", "设计练习", "Практическое задание"),
    (
        "For your country, list the datasets you would publish first (legal "
        "status, gazettes, laws), their format, their update frequency and who "
        "would maintain them.",
        "针对您所在的国家，列出您会优先公开的数据集（法律状态、公报、法律法规），"
        "以及它们的格式、更新频率和维护单位。",
        "Для своей страны перечислите наборы данных, которые вы опубликовали бы в "
        "первую очередь (правовой статус, официальные бюллетени, законы), их "
        "формат, периодичность обновления и ответственных за их ведение.",
    ),
    (
        "Which rollout does the article propose?",
        "文章提出了怎样的实施路径？",
        "Какой порядок внедрения предлагается в статье?",
    ),
    (
        "Regional platforms first, then connect them",
        "先建区域平台，再实现互联",
        "Сначала региональные платформы, затем их объединение",
    ),
    (
        "One global database built at once",
        "一次性建成一个全球数据库",
        "Единая глобальная база данных, созданная сразу",
    ),
    (
        "Only bilateral exchanges",
        "仅开展双边交流",
        "Только двусторонние обмены",
    ),
    (
        "A staged approach lets regional platforms mature before they are linked.",
        "分阶段推进可以让各区域平台在互联之前先发展成熟。",
        "Поэтапный подход позволяет региональным платформам окрепнуть до их "
        "объединения.",
    ),
]

LANGUAGES = ("zh-hans", "ru")
COURSE_SLUG = "ip-information-services"


def strings_for(language_code: str) -> dict[str, str]:
    """English source string → translation into `language_code`."""
    column = LANGUAGES.index(language_code) + 1
    return {row[0]: row[column] for row in STRINGS}
