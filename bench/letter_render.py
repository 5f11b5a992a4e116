"""How long the demo's issued status letter takes to render, and how much memory it needs.

Seeds the demo municipality into a temporary SQLite database, then renders its issued 2025
letter 10 times through the whole pipeline (load the letter, build its document, render the
template, WeasyPrint to PDF/A-2a, as issuing stores it), and 10 times each as WeasyPrint alone on
the same HTML: as PDF/A-2a, and without any variant (an untagged PDF, WeasyPrint's plain
output). Prints the median and p95 time of each, their peak memory (Python allocations by
tracemalloc, in separate runs so that tracing does not slow the timed ones, and the growth of
the peak RSS in a forked child that renders the same runs, C libraries such as Pango and
HarfBuzz included) and the size of the PDF; then what PDF/A-2a costs over no variant.

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


def _max_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(function, runs: int) -> tuple[list[float], list[float], float]:
    """Seconds per run, peak MiB of Python allocations per run (traced separately), and how
    far the runs raised the peak RSS of a forked child (C libraries included)."""
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:  # the child renders, so that each variant starts from the same RSS
        os.close(read_end)
        before = _max_rss_mib()
        function()  # warm up: fonts, templates and WeasyPrint's own caches
        for _ in range(runs):
            function()
        os.write(write_end, f"{_max_rss_mib() - before:.1f}".encode())
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        rss_growth = float(pipe.read() or "nan")
    os.waitpid(child, 0)

    function()
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
    return seconds, peaks, rss_growth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    runs = parser.parse_args().runs

    folder = tempfile.mkdtemp(prefix="mantelzorg-bench-letter.")
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ["DJANGO_DEBUG"] = "1"  # seed_demo refuses to run without it
    setup_django()

    from django.core.management import call_command
    from django.template.loader import render_to_string
    from django.utils import translation
    from pypdf import PdfReader
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

    def weasyprint_alone(variant: str | None):
        def render() -> bytes:
            return HTML(
                string=html,
                base_url=rendering.BASE_URL,
                url_fetcher=rendering.project_url_fetcher(),
            ).write_pdf(pdf_variant=variant)

        return render

    pages = len(PdfReader(io.BytesIO(whole_pipeline())).pages)
    print(f"letter: {issued.subject!r}, {pages} pages, {len(html):,} characters of HTML")
    print(f"machine: {machine_load()}")
    print(f"{runs} runs each, after one warm-up run")
    rows = [
        (f"whole pipeline, {rendering.LETTER_VARIANT}", whole_pipeline),
        (
            f"WeasyPrint alone, {rendering.LETTER_VARIANT}",
            weasyprint_alone(rendering.LETTER_VARIANT),
        ),
        ("WeasyPrint alone, no variant", weasyprint_alone(None)),
    ]
    results = {}
    for name, function in rows:
        seconds, peaks, rss_growth = measure(function, runs)
        median, p95 = summary(seconds)  # in ms
        size = len(function())
        results[name] = (median, statistics.median(peaks), size)
        print(
            f"  {name:<30} median {median:6.0f} ms   p95 {p95:6.0f} ms   "
            f"peak Python allocations median {statistics.median(peaks):5.1f} MiB   "
            f"peak RSS +{rss_growth:.0f} MiB   size {size / 1024:6.1f} KiB"
        )
    pipeline, archived, plain = (results[name] for name, _function in rows)
    print(f"  the app's own share of the median: {pipeline[0] - archived[0]:.0f} ms")
    print(
        f"  {rendering.LETTER_VARIANT} over no variant: {archived[0] - plain[0]:+.0f} ms "
        f"({archived[0] / plain[0] - 1:+.0%}), {archived[1] - plain[1]:+.1f} MiB of Python "
        f"allocations, {(archived[2] - plain[2]) / 1024:+.1f} KiB"
    )
    print(f"  peak RSS of the process with Django and the demo loaded: {_max_rss_mib():.0f} MiB")


if __name__ == "__main__":
    main()
