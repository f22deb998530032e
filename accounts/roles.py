"""Names of the role groups created by migration 0002_roles."""

TRAINEES = "Trainees"
INSTRUCTORS = "Instructors"
COURSE_REVIEWERS = "Course reviewers"
OFFICE_COORDINATORS = "Office coordinators"
PLATFORM_ADMINS = "Platform admins"
