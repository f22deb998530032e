"""What the admin's create and edit views share when their save goes through a
service: the form builds the instance (and its inline children) in memory, the
service checks and saves it in one go, and a refusal becomes a form error."""

from django.core.exceptions import ValidationError

from training.exceptions import ApplicationError


class ServiceSaveMixin:
    """Save through `save_with_service(instance, by=user)`; an ApplicationError
    or ValidationError it raises shows on the form instead of a 500."""

    def save_with_service(self, instance, *, by):
        raise NotImplementedError

    def save_instance(self):
        return self.save_with_service(
            self.form.save(commit=False), by=self.request.user
        )

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        except ValidationError as exc:
            form.add_error(None, exc)
        self.produced_error_code = "validation_error"
        self.produced_error_message = self.get_error_message()
        return self.form_invalid(form)
