from .enrolments import ApplicationForm, RosterImportForm

__all__ = ["ApplicationForm", "RosterImportForm"]
