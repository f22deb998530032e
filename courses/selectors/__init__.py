"""Reads for the catalogue, course outlines, progress and the regimes comparison.

Each selector runs a fixed number of queries, whatever the number of courses,
lessons or jurisdictions (pinned by tests/courses/test_queries.py). Import them
from here: the modules are an internal layout.
"""

from .catalogue import COVER_RENDITION, course_list_for_catalogue, ip_area_list
from .jurisdictions import (
    COMPARISON_FIELDS,
    Comparison,
    ComparisonCell,
    ComparisonRow,
    jurisdiction_comparison,
    jurisdiction_corrections,
    jurisdiction_facts_attach,
    jurisdiction_list,
)
from .knowledge_base import (
    ReviewItem,
    knowledge_base_review_due,
    knowledge_base_reviewer_list,
)
from .outline import CourseOutline, OutlineItem, course_for_lesson, course_outline
from .pages import (
    SUBSTRING_SEARCH_LIMIT,
    PageCache,
    page_cache_entry_get,
    page_cache_generation,
    page_cache_get,
    page_in_source_language,
    page_search,
    page_title_in_language,
)
from .progress import (
    CourseInProgress,
    Progress,
    course_list_in_progress,
    course_progress_get,
)

__all__ = [
    "COMPARISON_FIELDS",
    "COVER_RENDITION",
    "SUBSTRING_SEARCH_LIMIT",
    "Comparison",
    "ComparisonCell",
    "ComparisonRow",
    "CourseInProgress",
    "CourseOutline",
    "OutlineItem",
    "PageCache",
    "Progress",
    "ReviewItem",
    "course_for_lesson",
    "course_list_for_catalogue",
    "course_list_in_progress",
    "course_outline",
    "course_progress_get",
    "ip_area_list",
    "jurisdiction_comparison",
    "knowledge_base_review_due",
    "knowledge_base_reviewer_list",
    "jurisdiction_corrections",
    "jurisdiction_facts_attach",
    "jurisdiction_list",
    "page_cache_entry_get",
    "page_cache_generation",
    "page_cache_get",
    "page_in_source_language",
    "page_search",
    "page_title_in_language",
]
