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
    "IPArea",
    "JurisdictionIndexPage",
    "JurisdictionPage",
    "LessonPage",
    "LessonProgress",
    "ModulePage",
    "Treaty",
    "TreatyMembership",
]
