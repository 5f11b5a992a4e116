"""The project's URLs plus one bench-only view: the baseline for the submissions benchmark.

`bench/insert/` is the least a Django view can do to store something: through the same middleware
as every page (sessions, CSRF check, authentication, security headers), it inserts one row with
the ORM and answers with a redirect, as the monitor's final send does. The row is a
SubmissionReceipt with a random token, so no model or migration is needed for the bench.
"""

import secrets

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect
from django.urls import path
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from config.urls import urlpatterns as project_urlpatterns
from monitor.models import SubmissionReceipt


@login_not_required
@never_cache
@require_POST
def insert_one_row(request):
    SubmissionReceipt.objects.create(
        token_hash=secrets.token_hex(32), campaign_id=int(request.POST["campaign"])
    )
    return redirect("health")


urlpatterns = [path("bench/insert/", insert_one_row, name="bench_insert"), *project_urlpatterns]
