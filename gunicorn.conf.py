"""gunicorn in production: `make serve` locally, `gunicorn -c gunicorn.conf.py config.wsgi` on
a host (docs/deploy.md). Every value can be overridden from the environment."""

import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
# Sync workers: the portal's requests are short and CPU-bound in Python, so the usual
# cores × 2 + 1 keeps the cores busy while some workers wait on PostgreSQL.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
# A request taking longer than this is stuck (the slowest page takes well under a second):
# the worker is killed and replaced instead of holding a slot forever.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
# `kill -HUP <master>` reloads code and settings: new workers start, old ones finish their
# requests within this time. The app is not preloaded, so HUP really loads the new code.
graceful_timeout = 30
preload_app = False
# Behind nginx or a load balancer on the same network: keep connections open briefly.
keepalive = 5
# Recycle workers now and then so a slow leak never grows without bound. Measured
# (docs/performance.md): a worker's memory is flat after warm-up (85 MB serving cached
# pages over 35,000 requests, 94 MB building every page), while each recycle costs a fresh
# Django start and cold caches; so rarely: at 5,000 a busy worker restarted every minute.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 50_000))
max_requests_jitter = max_requests // 10
# X-Forwarded-* only from the proxy (docs/deploy.md, "Proxy"); the portal believes its
# X-Real-IP from the same addresses only (config/settings.py).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

accesslog = os.environ.get("ACCESS_LOG", "-")
errorlog = "-"
# Combined log format plus the time taken in microseconds (%(D)s) for latency reports.
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(D)sus'
