"""Request-wide behaviour that the settings switch on."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Dutch unless the visitor chose otherwise with the language switch.

    Django's own middleware follows the browser's Accept-Language header; our users work for Dutch
    employers, so the product speaks Dutch by default and English only on request (the cookie set
    by the switch on every page).
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        translation.activate(chosen if chosen in supported else settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()
