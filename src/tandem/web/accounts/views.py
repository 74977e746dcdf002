"""Login, logout and password pages: Django's auth views with our forms and templates."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse_lazy
from django.utils import translation

from tandem.web.accounts import ratelimit, services
from tandem.web.accounts.forms import EmailAuthenticationForm


class LoginView(auth_views.LoginView):
    form_class = EmailAuthenticationForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


class PasswordResetView(auth_views.PasswordResetView):
    """Asks for a reset link; every address gets the same answer after the same work.

    Django's own ``form.save()`` looks up the users and sends the mail inside the
    request, so a known address answered measurably later than an unknown one. Here the
    mail goes through the task queue for every address (``services.password_reset_request``;
    the e-mail templates are used by ``tasks.send_password_reset_email``).
    """

    template_name = "accounts/password_reset_form.html"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        # Rate limited like login, per address and per client; above the limit no mail
        # goes out but the answer is the same as always (no account enumeration).
        email = form.cleaned_data["email"]
        if ratelimit.is_blocked(self.request, email, scope="reset"):
            return HttpResponseRedirect(self.get_success_url())
        ratelimit.record_failure(self.request, email, scope="reset")
        services.password_reset_request(email=email, language=translation.get_language())
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change_form.html"
    success_url = reverse_lazy("accounts:password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"
