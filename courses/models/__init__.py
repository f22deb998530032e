from .facts import FieldSource, JurisdictionCorrection, PPHPartnership
from .pages import (
    CourseIndexPage,
    CourseInstructor,
    CoursePage,
    IPArea,
    LessonPage,
    ModulePage,
)
from .progress import CourseProgress, LessonProgress
from .regimes import JurisdictionIndexPage, JurisdictionPage, Treaty, TreatyMembership

__all__ = [
    "CourseIndexPage",
    "CourseInstructor",
    "CoursePage",
    "CourseProgress",
    "FieldSource",
    "IPArea",
    "JurisdictionCorrection",
    "JurisdictionIndexPage",
    "JurisdictionPage",
    "LessonPage",
    "LessonProgress",
    "ModulePage",
    "PPHPartnership",
    "Treaty",
    "TreatyMembership",
]
