"""The site's settings, served by bench/pages.py with one page more: the trivial view of
bench/urls.py, which every figure of that benchmark is measured against; and a way to
ask for a page as if nobody had asked for it before (bench/cold_pages.py)."""

from presessions.settings import *  # noqa: F403
from presessions.settings import CACHES, MIDDLEWARE

ROOT_URLCONF = "bench.urls"

MIDDLEWARE = ["bench.cold_pages.BuildEveryPage", *MIDDLEWARE]
if CACHES["default"]["BACKEND"] == "presessions.redis_cache.RedisCache":
    CACHES["default"]["BACKEND"] = "bench.cold_pages.RedisCache"
