"""Quizzes and assignments in the Wagtail admin: list, the one-screen quiz
builder, a new version, preview as a trainee and question import.

Views parse forms and call `cohorts.services.authoring`; who may see an
assessment is its cohort's graders, who may write it is the lead office and
the cohort's instructors (AssessmentPermissionPolicy, checked again in the
services).
"""

import django_filters
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
)
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import HeaderButton
from wagtail.admin.widgets.button import Button, MenuItem

from cohorts.exceptions import AssessmentError
from cohorts.forms.assessments import QuizAttemptForm
from cohorts.forms.authoring import (
    AcceptedAnswerFormSet,
    AssessmentAdminForm,
    ChoiceFormSet,
    QuestionForm,
    QuestionImportForm,
)
from cohorts.models import Assessment, QuizAttempt
from cohorts.permissions import AssessmentPermissionPolicy
from cohorts.selectors.assessments import (
    assessment_list_for_staff,
    cohort_list_for_grader,
)
from cohorts.services.authoring import (
    assessment_delete,
    assessment_is_frozen,
    assessment_new_version,
    assessment_save,
    questions_import,
)
from cohorts.views.admin_forms import ServiceSaveMixin

policy = AssessmentPermissionPolicy(Assessment)


# ---- the builder's panels ----


class RuledInlinePanel(InlinePanel):
    """An InlinePanel with its own formset class (to check rows together) or
    child form class."""

    def __init__(self, *args, formset_class=None, form_class=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.formset_class = formset_class
        self.form_class = form_class

    def clone_kwargs(self):
        return {
            **super().clone_kwargs(),
            "formset_class": self.formset_class,
            "form_class": self.form_class,
        }

    def get_form_options(self):
        options = super().get_form_options()
        own = options["formsets"][self.relation_name]
        if self.formset_class is not None:
            own["formset"] = self.formset_class
        if self.form_class is not None:
            own["form"] = self.form_class
        return options


SETTINGS_PANELS = [
    FieldRowPanel([FieldPanel("cohort"), FieldPanel("kind")]),
    FieldPanel("title"),
    FieldPanel("status"),
    FieldRowPanel([FieldPanel("due_at"), FieldPanel("required")]),
    FieldRowPanel(
        [FieldPanel("weight"), FieldPanel("max_score"), FieldPanel("attempt_limit")]
    ),
    FieldPanel("time_limit_minutes"),
    FieldPanel("instructions"),
]

QUESTIONS_PANEL = MultiFieldPanel(
    [
        RuledInlinePanel(
            "questions",
            form_class=QuestionForm,
            label=gettext_lazy("Question"),
            panels=[
                FieldRowPanel(
                    [FieldPanel("kind"), FieldPanel("points"), FieldPanel("order")]
                ),
                FieldPanel("text"),
                RuledInlinePanel(
                    "choices",
                    label=gettext_lazy("Choice"),
                    panels=[FieldRowPanel([FieldPanel("text"), FieldPanel("correct")])],
                    formset_class=ChoiceFormSet,
                ),
                RuledInlinePanel(
                    "accepted_answers",
                    label=gettext_lazy("Accepted answer"),
                    heading=gettext_lazy("Accepted answers (short answer only)"),
                    panels=[FieldPanel("text")],
                    formset_class=AcceptedAnswerFormSet,
                ),
                FieldPanel("explanation"),
                FieldPanel("keep_with_previous"),
            ],
        )
    ],
    heading=gettext_lazy("Questions (quizzes only)"),
)

builder_panel = ObjectList(
    [*SETTINGS_PANELS, QUESTIONS_PANEL], base_form_class=AssessmentAdminForm
)

# Once trainees have started a quiz its questions are not on the form at all.
frozen_panel = ObjectList(
    [
        *SETTINGS_PANELS,
        HelpPanel(
            content=gettext_lazy(
                "Trainees have already taken this quiz, so its questions and "
                "choices cannot change. To change them, create a new version "
                "(a draft copy) from the Actions menu."
            ),
            heading=gettext_lazy("Questions are frozen"),
        ),
    ],
    base_form_class=AssessmentAdminForm,
).bind_to_model(Assessment)


# ---- listing ----


class AssessmentFilterSet(WagtailFilterSet):
    cohort = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Cohort"),
        # Only the user's own cohorts: the filter must not list the others.
        queryset=lambda request: cohort_list_for_grader(request.user),
    )

    class Meta:
        model = Assessment
        fields = ["cohort", "kind", "status"]


def _visible(user):
    return assessment_list_for_staff(user)


def _task_items(user, assessment: Assessment, *, edit_url=None) -> list[dict]:
    """The assessment's tasks as label/url/icon: the same list in the listing
    and on the edit page, each shown only to who may use it."""
    pk, cohort = assessment.pk, assessment.cohort
    writes = policy.user_has_permission_for_instance(user, "change", assessment)
    items = []
    if assessment.is_quiz:
        items.append((_("Preview as a trainee"), "assessment_admin:preview", "view"))
        if writes and not assessment_is_frozen(assessment):
            items.append((_("Import questions"), "assessment_admin:import", "upload"))
    if writes:
        items.append(
            (_("Create a new version"), "assessment_admin:new_version", "copy")
        )
    result = [
        {"label": label, "url": reverse(name, args=[pk]), "icon": icon}
        for label, name, icon in items
    ]
    if not assessment.is_quiz:
        result.append(
            {
                "label": _("Grade submissions"),
                "url": reverse("cohorts:assessment_grading", args=[cohort.slug, pk]),
                "icon": "tasks",
            }
        )
    result.append(
        {
            "label": _("Cohort hub"),
            "url": reverse("cohort_admin:hub", args=[cohort.pk]),
            "icon": "group",
        }
    )
    return result


def _task_buttons(button_class, items: list[dict], *, start: int) -> list:
    """`items` (from _task_items) as admin buttons or menu items, in order."""
    return [
        button_class(
            item["label"], url=item["url"], icon_name=item["icon"], priority=priority
        )
        for priority, item in enumerate(items, start=start)
    ]


class AssessmentIndexView(generic.IndexView):
    def get_base_queryset(self):
        return _visible(self.request.user)

    def get_add_url(self):
        url = super().get_add_url()
        cohort = self.request.GET.get("cohort", "")
        return f"{url}?cohort={cohort}" if url and cohort.isdigit() else url

    def get_list_more_buttons(self, instance):
        return list(super().get_list_more_buttons(instance)) + _task_buttons(
            MenuItem, _task_items(self.request.user, instance), start=5
        )


# ---- create, edit, delete ----


class ScopedAssessmentMixin:
    """Look assessments up among those the user may see: else 404."""

    def get_object(self, queryset=None):
        pk = self.kwargs.get(getattr(self, "pk_url_kwarg", "pk"))
        return get_object_or_404(_visible(self.request.user), pk=unquote(str(pk)))


class WriteAssessmentMixin(ScopedAssessmentMixin):
    action = "change"

    def get_object(self, queryset=None):
        assessment = super().get_object(queryset)
        if not policy.user_has_permission_for_instance(
            self.request.user, self.action, assessment
        ):
            raise PermissionDenied
        return assessment


class SaveWithServiceMixin(ServiceSaveMixin):
    def save_with_service(self, instance, *, by):
        return assessment_save(assessment=instance, by=by)


class AssessmentCreateView(SaveWithServiceMixin, generic.CreateView):
    def get_initial(self):
        initial = super().get_initial()
        if self.request.GET.get("cohort", "").isdigit():
            initial["cohort"] = int(self.request.GET["cohort"])
        if self.request.GET.get("kind") in Assessment.Kind.values:
            initial["kind"] = self.request.GET["kind"]
        return initial


class AssessmentEditView(SaveWithServiceMixin, WriteAssessmentMixin, generic.EditView):
    @cached_property
    def frozen(self):
        return Assessment.objects.filter(
            pk=self.kwargs.get("pk"), attempts__isnull=False
        ).exists()

    def get_panel(self):
        return frozen_panel if self.frozen else super().get_panel()

    def get_form_class(self):
        # The viewset hands every edit view the builder's form class.
        return (
            frozen_panel.get_form_class() if self.frozen else super().get_form_class()
        )

    def get(self, request, *args, **kwargs):
        if self.frozen:
            messages.warning(
                request,
                _(
                    "Trainees have already taken this quiz, so its questions and "
                    "choices cannot change. Create a new version to change them."
                ),
            )
        return super().get(request, *args, **kwargs)

    def is_valid(self, form):
        if self.frozen and "questions-TOTAL_FORMS" in self.request.POST:
            # A builder opened before the first attempt: say so, change nothing.
            form.is_valid()
            form.add_error(
                None,
                _(
                    "Trainees started this quiz while you were editing it, so its "
                    "questions and choices cannot change. Nothing was saved; "
                    "create a new version to change them."
                ),
            )
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            return False
        return super().is_valid(form)

    @cached_property
    def header_buttons(self):
        return [
            HeaderButton(item["label"], url=item["url"], icon_name=item["icon"])
            for item in _task_items(self.request.user, self.object)[:2]
        ]

    @cached_property
    def header_more_buttons(self):
        return list(super().header_more_buttons) + _task_buttons(
            Button, _task_items(self.request.user, self.object)[2:], start=30
        )


class AssessmentDeleteView(WriteAssessmentMixin, generic.DeleteView):
    action = "delete"

    def get(self, request, *args, **kwargs):
        if (
            self.object.attempts.exists() or self.object.submissions.exists()
        ):  # refuse before asking for confirmation
            messages.error(
                request,
                _(
                    "Trainees have already worked on “%(title)s”, so it cannot be "
                    "deleted. Unpublish it instead."
                )
                % {"title": self.object.title},
            )
            return redirect(self.get_success_url())
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            assessment_delete(assessment=self.object, by=self.request.user)
        except AssessmentError as exc:
            messages.error(self.request, exc.message)
            return redirect(self.get_success_url())
        messages.success(self.request, self.get_success_message())
        return redirect(self.get_success_url())


class AssessmentInspectView(ScopedAssessmentMixin, generic.InspectView):
    pass


class AssessmentHistoryView(ScopedAssessmentMixin, generic.history.HistoryView):
    pass


class AssessmentUsageView(ScopedAssessmentMixin, generic.usage.UsageView):
    pass


# ---- hand-written pages, linked from the listing and the edit page ----


class AssessmentPageMixin(WagtailAdminTemplateMixin):
    """A page about one assessment; `action` is what the user must be allowed."""

    action = "change"
    header_icon = "form"

    def dispatch(self, request, *args, **kwargs):
        self.assessment = get_object_or_404(
            _visible(request.user).select_related("cohort"), pk=kwargs["pk"]
        )
        if not policy.user_has_permission_for_instance(
            request.user, self.action, self.assessment
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.assessment.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("assessment_admin:index"), "label": _("Assessments")},
            {
                "url": reverse("assessment_admin:edit", args=[self.assessment.pk]),
                "label": self.assessment.title,
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "assessment": self.assessment}


class AssessmentNewVersionView(AssessmentPageMixin, TemplateView):
    """Confirm, then copy the assessment as a new draft and open it."""

    template_name = "cohorts/admin/assessment_new_version.html"
    page_title = gettext_lazy("Create a new version")

    def post(self, request, *args, **kwargs):
        try:
            copy = assessment_new_version(assessment=self.assessment, by=request.user)
        except (AssessmentError, ValidationError) as exc:
            messages.error(request, getattr(exc, "message", None) or exc.messages[0])
            return redirect("assessment_admin:edit", self.assessment.pk)
        messages.success(
            request,
            _("“%(title)s” is a draft copy: change it, then publish it.")
            % {"title": copy.title},
        )
        return redirect("assessment_admin:edit", copy.pk)


class AssessmentPreviewView(AssessmentPageMixin, TemplateView):
    """The quiz as a trainee would take it, rendered by the trainee's own
    template, without starting an attempt (nothing is written)."""

    action = "view"
    template_name = "cohorts/assessments/quiz_take.html"

    def get(self, request, *args, **kwargs):
        if not self.assessment.is_quiz:
            raise PermissionDenied
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        assessment = self.assessment
        questions = list(assessment.questions.prefetch_related("choices"))
        now = timezone.now()
        # An unsaved attempt gives the same deadline rule the trainee gets.
        attempt = QuizAttempt(assessment=assessment, started_at=now)
        seconds_left = max(int((attempt.deadline - now).total_seconds()), 0)
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "preview": True,
                "back_url": reverse("assessment_admin:edit", args=[assessment.pk]),
                "cohort": assessment.cohort,
                "assessment": assessment,
                "attempt": attempt,
                "form": QuizAttemptForm(questions=questions),
                "deadline": attempt.deadline,
                "seconds_left": seconds_left,
                "show_timer": False,  # a preview has no clock to run
            }
        )
        return context


class QuestionImportView(AssessmentPageMixin, FormView):
    """Paste or upload Aiken text; "Check" shows what would be added or the
    line-numbered errors, "Add the questions" writes them, all or nothing."""

    template_name = "cohorts/admin/question_import.html"
    form_class = QuestionImportForm
    page_title = gettext_lazy("Import questions")

    def get(self, request, *args, **kwargs):
        if assessment_is_frozen(self.assessment):
            # Say so before the author pastes anything.
            messages.error(
                request,
                _(
                    "Trainees have already taken this quiz, so its questions and "
                    "choices cannot change. Create a new version to change them."
                ),
            )
            return redirect("assessment_admin:edit", self.assessment.pk)
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        text = form.cleaned_data["text"]
        dry_run = "import" not in self.request.POST
        try:
            result = questions_import(
                assessment=self.assessment,
                text=text,
                by=self.request.user,
                dry_run=dry_run,
            )
        except AssessmentError as exc:
            messages.error(self.request, exc.message)
            return redirect("assessment_admin:edit", self.assessment.pk)
        if result.written:
            messages.success(
                self.request,
                _("%(n)s questions added to “%(title)s”.")
                % {"n": len(result.questions), "title": self.assessment.title},
            )
            return redirect("assessment_admin:edit", self.assessment.pk)
        # Show the text again so that "Add the questions" sends what was checked.
        form = self.form_class(initial={"text": text})
        return self.render_to_response(
            self.get_context_data(form=form, result=result),
            status=200 if result.ok else 400,
        )
