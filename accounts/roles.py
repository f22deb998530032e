"""Names of the role groups created by migrations (accounts 0002_roles; the
knowledge base reviewers by courses 0006_knowledge_base)."""

TRAINEES = "Trainees"
INSTRUCTORS = "Instructors"
COURSE_REVIEWERS = "Course reviewers"
KNOWLEDGE_BASE_REVIEWERS = "Knowledge base reviewers"
OFFICE_COORDINATORS = "Office coordinators"
PLATFORM_ADMINS = "Platform admins"
