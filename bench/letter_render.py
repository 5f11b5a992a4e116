"""How long the demo's three-page status letter takes to render, and how much memory it needs.

Seeds the demo municipality into a temporary SQLite database, then renders its issued 2025
letter 10 times through the whole pipeline (load the letter, build its document, render the
template, WeasyPrint to PDF/UA) and 10 times as WeasyPrint alone on the same HTML, and prints
the median and p95 time of each and their peak memory (Python allocations, by tracemalloc, in
separate runs so that tracing does not slow the timed ones), plus the process's peak RSS.

    .venv/bin/python bench/letter_render.py [--runs N]
"""

import argparse
import io
import os
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from io import StringIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import machine_load, setup_django, summary  # noqa: E402


def measure(function, runs: int) -> tuple[list[float], list[float]]:
    """Seconds per run, then peak MiB of Python allocations per run (traced separately)."""
    function()  # warm up: fonts, templates and WeasyPrint's own caches
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        seconds.append(time.perf_counter() - started)
    peaks = []
    for _ in range(runs):
        tracemalloc.start()
        function()
        peaks.append(tracemalloc.get_traced_memory()[1] / 2**20)
        tracemalloc.stop()
    return seconds, peaks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    runs = parser.parse_args().runs

    folder = tempfile.mkdtemp(prefix="mantelzorg-bench-letter.")
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ["DJANGO_DEBUG"] = "1"  # seed_demo refuses to run without it
    setup_django()

    from django.core.management import call_command
    from pypdf import PdfReader
    from django.template.loader import render_to_string
    from django.utils import translation
    from weasyprint import HTML

    from recognition import rendering, selectors
    from recognition.document import letter_document
    from recognition.models import StatusLetter

    call_command("migrate", verbosity=0)
    call_command("seed_demo", stdout=StringIO())
    issued = StatusLetter.objects.get(organisation__slug="gemeente-voorbeeldstad", year=2025)

    def whole_pipeline() -> bytes:
        letter = selectors.letter_of(organisation=issued.organisation, pk=issued.pk)
        return rendering.letter_pdf(letter=letter)

    with translation.override(issued.language):
        html = render_to_string(
            "recognition/letter_pdf.html",
            {"document": letter_document(issued), "letter": issued, "logo_url": ""},
        )

    def weasyprint_alone() -> bytes:
        return HTML(
            string=html,
            base_url=rendering.BASE_URL,
            url_fetcher=rendering.project_url_fetcher(),
        ).write_pdf(pdf_variant="pdf/ua-1")

    pages = len(PdfReader(io.BytesIO(whole_pipeline())).pages)
    print(f"letter: {issued.subject!r}, {pages} pages, {len(html):,} characters of HTML")
    print(f"machine: {machine_load()}")
    print(f"{runs} runs each, after one warm-up run")
    rows = [("whole pipeline", whole_pipeline), ("WeasyPrint alone", weasyprint_alone)]
    results = {}
    for name, function in rows:
        seconds, peaks = measure(function, runs)
        median, p95 = summary(seconds)
        results[name] = median
        print(
            f"  {name:<17} median {median * 1000:7.0f} ms   p95 {p95 * 1000:7.0f} ms   "
            f"peak Python memory median {statistics.median(peaks):6.1f} MiB "
            f"(max {max(peaks):.1f})"
        )
    overhead = results["whole pipeline"] - results["WeasyPrint alone"]
    print(f"  the app's own share: {overhead * 1000:.0f} ms of the median")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak RSS of this process: {rss:.0f} MiB")


if __name__ == "__main__":
    main()
