from .facts import FieldSource, JurisdictionCorrection, PPHPartnership
from .pages import CourseIndexPage, CoursePage, IPArea, LessonPage, ModulePage
from .progress import CourseProgress, LessonProgress
from .regimes import JurisdictionIndexPage, JurisdictionPage, Treaty, TreatyMembership

__all__ = [
    "CourseIndexPage",
    "FieldSource",
    "JurisdictionCorrection",
    "PPHPartnership",
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
