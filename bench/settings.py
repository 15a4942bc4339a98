"""The site's settings, served by bench/pages.py with one page more: the trivial view of
bench/urls.py, which every figure of that benchmark is measured against."""

from presessions.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
