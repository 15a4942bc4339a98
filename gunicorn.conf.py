"""gunicorn's settings for the site, read from this directory by `gunicorn presessions.wsgi`
(Procfile); the command line sets the address and the number of workers."""

import gc

# After its first requests, a worker has loaded what it keeps for its whole life (Django,
# the URLs, the templates, the catalogues: about 190,000 objects), which Python's
# collector would otherwise go through again at each of its full collections, every few
# seconds under load: 130 ms during which the worker answers nobody. Frozen, they are left
# out; a full collection then goes through the objects made since (5-20 ms).
WARM_UP_REQUESTS = 50


def post_request(worker, req, environ, resp):
    if worker.nr == WARM_UP_REQUESTS:
        gc.collect()
        gc.freeze()
