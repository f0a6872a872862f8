"""The public page of a satisfaction questionnaire: ``/q/<token>/``, no account needed.

- A wrong token, or a questionnaire that does not take answers today (closed by staff, not
  open yet, or past its end date): 404, the same answer, so the link reveals nothing.
- One answer per browser: a signed cookie, limited to the questionnaire's own path, is set
  when the answer is recorded; a browser that carries it sees a clear "already answered"
  page and a second answer is never recorded.
- Rate-limited per client address (``core.ratelimit``, in the service): 429 and nothing saved.
- No personal data is asked or kept (not even the address: it only counts in the cache).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views import View
from django_scopes import scopes_disabled

from accounts.lockout import client_ip
from core.access import PublicMixin
from core.forms import add_service_errors

from .. import questionnaire_lifecycle as rules
from .. import questionnaire_selectors as selectors
from .. import questionnaire_services as services
from ..questionnaire_forms import AnswerForm
from ..questionnaire_models import Questionnaire

COOKIE_NAME = "questionnaire_answered"
COOKIE_SALT = "evaluations.questionnaire.answered"


def answered_in_this_browser(request: HttpRequest, questionnaire: Questionnaire) -> bool:
    value = request.get_signed_cookie(COOKIE_NAME, default=None, salt=COOKIE_SALT)
    return value == str(questionnaire.pk)


def remember_answer(response: HttpResponse, request: HttpRequest, questionnaire: Questionnaire) -> None:
    response.set_signed_cookie(
        COOKIE_NAME,
        str(questionnaire.pk),
        salt=COOKIE_SALT,
        max_age=rules.ANSWERED_COOKIE_DAYS * 24 * 3600,
        path=request.path,  # sent back to this questionnaire's page only
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )


class QuestionnaireAnswerView(PublicMixin, View):
    template_name = "evaluations/questionnaire/public_answer.html"

    def dispatch(self, request, *args, **kwargs):
        questionnaire = selectors.questionnaire_by_token(kwargs["token"])
        if questionnaire is None or not questionnaire.accepts_answers:
            raise Http404
        self.questionnaire = questionnaire
        self.questions = selectors.questionnaire_questions(questionnaire)
        return super().dispatch(request, *args, **kwargs)

    def _render(self, request, form=None, *, status=200, already=False, limited=False):
        return render(
            request,
            self.template_name,
            {
                "questionnaire": self.questionnaire,
                "template": self.questionnaire.template,
                "activity": self.questionnaire.activity,
                "form": form,
                "already": already,
                "limited": limited,
            },
            status=status,
        )

    def get(self, request, token):
        if answered_in_this_browser(request, self.questionnaire):
            return self._render(request, already=True)
        return self._render(request, AnswerForm(questions=self.questions))

    def post(self, request, token):
        if answered_in_this_browser(request, self.questionnaire):
            return self._render(request, already=True)
        form = AnswerForm(request.POST, questions=self.questions)
        if not form.is_valid():
            return self._render(request, form, status=400)
        try:
            # The token named this one questionnaire (of whichever partner): the write
            # touches it alone, outside any partner's scope.
            with scopes_disabled():
                services.questionnaire_answer(
                    questionnaire=self.questionnaire,
                    values=form.cleaned_data,
                    language=get_language() or "",
                    address=client_ip(request),
                )
        except services.QuestionnaireRateLimitedError:
            return self._render(request, form, status=429, limited=True)
        except ValidationError as error:
            add_service_errors(form, error)
            return self._render(request, form, status=400)
        response = redirect(request.path)
        remember_answer(response, request, self.questionnaire)
        return response
