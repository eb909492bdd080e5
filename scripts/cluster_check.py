"""The portal proven on two hosts: starts scripts/cluster.py's cluster and checks it.

    make cluster-check              # .venv/bin/python scripts/cluster_check.py

Each check prints its figure:
  1. round-robin: both hosts answer through the balancer;
  2. one truth: an editor's saves through one host's admin (a product, a glossary term that
     other pages link, the current poll) show on the next anonymous request whichever host
     answers (the page cache, the term index, the current poll), and a product published
     on one host appears in search and the sitemap served by the other;
  3. sessions and CSRF: an editor logged in through one host stays logged in on the other;
     a vote form loaded from one host posts to the other and counts once;
  4. shared limits: the 21st vote in a minute from one address gets 429 whichever host
     counts it; the admin lockout after LOGIN_FAILURE_LIMIT failures holds on both hosts;
     visitors are counted by their own address (two visitors forging X-Forwarded-For and
     X-Real-IP are counted apart), and X-Real-IP is believed only from the balancer;
  5. the hostile probe: responses gunicorn and the balancer write themselves (414, 431,
     400, 408) carry the security headers; slow and lying clients (a Content-Length larger
     than the body) hold no worker behind the balancer, while a few stall bare gunicorn;
  6. throughput through the balancer with one and with two app hosts, wrk at 8 and 64
     connections: the ratio, p99 at 64 connections, connection errors;
  7. faults under wrk load, each with a vote burst: one app host killed (dropped by the
     balancer, taken back when it returns), Redis stopped (pages answer uncached, caching
     resumes), PostgreSQL stopped (503 with Retry-After from every host, 200 on restart);
  8. every vote counted once (in the database), no 5xx outside the PostgreSQL outage.

Exit code 1 on a lost or doubled vote, a 5xx outside the injected PostgreSQL outage, a
stale page after an edit, a limit not shared, or any other failed check. It runs on a
private PostgreSQL (stopped in step 7; the machine's is never touched) and its own Redis,
pgBouncer, HAProxy and network namespaces, all removed at the end. Visitors are local
addresses 127.x.y.z, each a client of its own.
"""

import argparse
import contextlib
import http.client
import re
import signal
import socket
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from html import unescape
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote, urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
import cluster as cluster_module  # noqa: E402 -- next to this file
import ops  # noqa: E402 -- the scripts' shared helpers, next to this file

PAGES = [
    "/",
    "/catalog/",
    "/catalog/amocrm/",
    "/glossary/",
    "/glossary/crm/",
    "/materials/",
    "/polls/",
    "/search/?q=crm",
    "/sitemap.xml",
]
TOKEN = re.compile(r'name="(csrfmiddlewaretoken|voter)" value="([^"]+)"')
LOGIN_FAILURE_LIMIT = 5  # settings' default, which the cluster keeps
VOTE_LIMIT_PER_MINUTE = 20  # POLL_VOTE_RATE_LIMIT's default, 20/m
WRK_SECONDS = 8
STALE_MARK = "Подсказка до правки."


class Check:
    """The cluster under test, the report and every answer seen (for the 5xx rule)."""

    def __init__(self, cluster):
        self.cluster = cluster
        self.problems = []
        self.answers = []  # (phase, method, path, status, host)
        self.phase = "start"
        self.outage = False  # PostgreSQL stopped: 503s expected
        self.sources = iter(
            f"127.{second}.{third}.{fourth}"
            for second in range(1, 250)
            for third in range(0, 250)
            for fourth in range(1, 250)
        )
        self.voters = []
        self.other_votes = 0  # votes sent past the Voter class (straight to a host)
        self.in_flight_allowance = 0  # failures allowed where a host was killed
        self.lock = threading.Lock()
        self.started = time.monotonic()

    def source(self):
        with self.lock:
            return next(self.sources)

    def section(self, title):
        self.phase = title
        ops.say(f"\n== {title} ({time.monotonic() - self.started:.0f} s)")

    def figure(self, text):
        ops.say(f"  {text}")

    def expect(self, condition, problem):
        if not condition:
            self.problems.append(f"{self.phase}: {problem}")
            ops.say(f"  FAILED: {problem}")
        return condition

    def record(self, method, path, status, host):
        with self.lock:
            self.answers.append((self.phase, method, path, status, host, self.outage))

    def failed_in(self, phase):
        """Answers of a phase that were 5xx or never came."""
        return sum(1 for a in self.answers if a[0] == phase and (a[3] >= 500 or a[3] == 0))

    def db(self, sql, params=()):
        return ops.query(self.cluster.database_url, sql, params)


class Answer:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body
        self.text = body.decode(errors="replace")
        served = headers.get("X-Served-By") or ""
        self.server = served
        self.host = served.split("_")[0] or "balancer"


class Browser:
    """One visitor: a local address of its own, cookies kept, every answer recorded."""

    def __init__(self, check, source=None):
        self.check = check
        self.source = source or check.source()
        self.cookies = {}

    def request(self, method, path, fields=None, headers=None, timeout=30):
        headers = dict(headers or {})
        body = None
        if fields is not None:
            body = urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            status, message, raw = ops.request(
                method,
                self.check.cluster.port,
                path,
                body=body,
                headers=headers,
                source=self.source,
                timeout=timeout,
            )
        except OSError:
            self.check.record(method, path, 0, "none")
            raise
        except http.client.HTTPException as error:
            # An answer cut short (its host killed while the balancer passed the body on):
            # to the visitor a broken page like a dropped connection, and retried as one.
            self.check.record(method, path, 0, "none")
            raise ConnectionError(f"{method} {path}: {error!r}") from error
        for header in message.get_all("Set-Cookie") or []:
            jar = SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                if morsel["max-age"] == "0" or "1970" in morsel["expires"]:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        answer = Answer(status, message, raw)
        self.check.record(method, path, status, answer.host)
        return answer

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, fields, **kwargs):
        return self.request("POST", path, fields=fields, **kwargs)


class Voter:
    """A visitor who loads the poll's form (cookies and tokens) and votes once."""

    def __init__(self, check, source=None):
        self.check = check
        self.browser = Browser(check, source)
        self.slug = check.cluster.setup["poll_slug"]
        self.fields = None
        self.accepted = False
        self.answers = []
        check.voters.append(self)

    def load(self):
        answer = self.browser.get(f"/polls/{self.slug}/block/?next=/")
        if answer.status == 200:
            self.fields = dict(TOKEN.findall(answer.text))
        return answer

    def vote(self, choice=None):
        choice = choice or self.check.cluster.setup["choices"][0]
        answer = self.browser.post(
            f"/polls/{self.slug}/vote/", {**self.fields, "choice": choice, "next": "/"}
        )
        self.answers.append(answer.status)
        if answer.status == 302:
            self.accepted = True  # a vote, or "already voted" after a lost answer
        return answer

    def vote_until_answered(self, attempts=30, pause=1.0):
        """What a visitor does after an error page: tries again until answered."""
        for _ in range(attempts):
            with contextlib.suppress(OSError):
                loaded = self.fields or self.load().status == 200
                if loaded and self.vote().status in (302, 429):
                    return True
            time.sleep(pause)
        return False


class Forms(HTMLParser):
    """Every <form> of a page with the fields a browser would send (no submit button)."""

    def __init__(self, html):
        super().__init__()
        self.forms, self.form, self.select, self.textarea = [], None, None, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.form = {"id": attrs.get("id") or "", "fields": []}
            self.forms.append(self.form)
        elif self.form is None:
            return
        elif tag == "input":
            kind = (attrs.get("type") or "text").lower()
            if not attrs.get("name") or kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            default = "on" if kind in ("checkbox", "radio") else ""
            self.form["fields"].append((attrs["name"], attrs.get("value") or default))
        elif tag == "select":
            self.select = {"name": attrs.get("name"), "multiple": "multiple" in attrs}
            self.select.update(first=None, chosen=[], option=None)
        elif tag == "option" and self.select is not None:
            self.select["option"] = [attrs.get("value"), "", "selected" in attrs]
        elif tag == "textarea":
            self.textarea = [attrs.get("name"), ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data
        elif self.select is not None and self.select["option"] is not None:
            self.select["option"][1] += data

    def handle_endtag(self, tag):
        if tag == "option" and self.select is not None and self.select["option"]:
            value, text, selected = self.select["option"]
            value = text.strip() if value is None else value
            if self.select["first"] is None:
                self.select["first"] = value
            if selected:
                self.select["chosen"].append(value)
            self.select["option"] = None
        elif tag == "select" and self.select is not None:
            chosen = self.select["chosen"]
            if not chosen and not self.select["multiple"] and self.select["first"] is not None:
                chosen = [self.select["first"]]
            if self.select["name"] and self.form is not None:
                self.form["fields"] += [(self.select["name"], value) for value in chosen]
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            name, text = self.textarea
            if name and self.form is not None:
                # Browsers drop the one line break that follows <textarea>.
                self.form["fields"].append((name, text[1:] if text.startswith("\n") else text))
            self.textarea = None
        elif tag == "form":
            self.form = None

    def change_form(self):
        """The admin's change form (id "<model>_form"; the logout button is a form too)."""
        return next(form for form in self.forms if form["id"].endswith("_form"))


def field(html, name):
    match = re.search(rf'name="{name}" value="([^"]*)"', html)
    return unescape(match[1]) if match else ""


def log_in(browser, username, password):
    page = browser.get("/admin/login/?next=/admin/")
    return browser.post(
        "/admin/login/",
        {
            "csrfmiddlewaretoken": field(page.text, "csrfmiddlewaretoken"),
            "username": username,
            "password": password,
            "next": "/admin/",
        },
    )


def admin_save(check, editor, url, changes):
    """Loads an admin change form, changes `changes` and saves it; (host that served the
    form, host that saved it)."""
    page = editor.get(url)
    if not check.expect(page.status == 200, f"{url}: the change form answered {page.status}"):
        return page.host, None
    form = Forms(page.text).change_form()
    fields = [(n, v) for n, v in form["fields"] if n not in changes]
    fields += [*changes.items(), ("_save", "Сохранить")]
    saved = editor.post(url, fields)
    errors = re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', saved.text, re.S)
    check.expect(saved.status == 302, f"{url}: saving answered {saved.status} {errors[:2]}")
    return page.host, saved.host


def on_both_hosts(check, path, browser=None, tries=8):
    """The next answers for `path` through the balancer until both hosts answered:
    [(host, answer)] in order."""
    browser = browser or Browser(check)
    seen = []
    for _ in range(tries):
        answer = browser.get(path)
        seen.append((answer.host, answer))
        if {"a", "b"} <= {host for host, _a in seen}:
            break
    return seen


def warm(check, paths):
    """Each path cached and served from the cache by both hosts."""
    browser = Browser(check)
    states = {}
    for path in paths:
        for _ in range(3):
            browser.get(path)
        states[path] = {
            host: a.headers.get("X-Page-Cache") for host, a in on_both_hosts(check, path)
        }
    return states


def expect_fresh(check, what, paths, new, old=None):
    """After an edit: the very next anonymous answers, from both hosts, show `new`."""
    for path in paths:
        seen = on_both_hosts(check, path)
        report = []
        for host, answer in seen:
            fresh = answer.status == 200 and new in answer.text
            if old is not None and old in answer.text:
                fresh = False
            report.append(
                f"{host}: {'new' if fresh else 'STALE'} ({answer.headers.get('X-Page-Cache', '-')})"
            )
            check.expect(fresh, f"{what}: {path} from host {host} is stale")
        check.figure(f"{path:<40} {', '.join(report)}")


# -- 1. round-robin ----------------------------------------------------------------------------


def check_round_robin(check):
    check.section("1. Round-robin through the balancer")
    browser = Browser(check)
    hosts = [browser.get("/healthz").host for _ in range(6)]
    check.figure(f"/healthz six times: {' '.join(hosts)}")
    check.expect(set(hosts) == {"a", "b"}, f"not both hosts answered: {hosts}")
    states = check.cluster.server_states()
    check.figure(f"HAProxy: {', '.join(f'{k} {v}' for k, v in states.items())}")


# -- 2. one truth across hosts -----------------------------------------------------------------


def check_one_truth(check, editor):
    check.section("2. One truth across hosts: an edit on one host, the next page on both")
    setup = check.cluster.setup
    product_id = check.db("SELECT id FROM catalog_product WHERE slug = 'amocrm'")[0][0]
    stamp = time.strftime("%H%M%S")
    product_paths = ["/catalog/amocrm/", "/search/?q=amocrm"]
    term_paths = ["/glossary/proverochnyi-termin/", "/glossary/klasternyi-termin/"]
    poll_paths = ["/", "/glossary/"]
    publish_paths = ["/search/?q=" + quote("Кластерная"), "/sitemap-catalog-products.xml"]
    states = warm(check, product_paths + term_paths + poll_paths + publish_paths)
    cached = all(set(v.values()) == {"hit"} for v in states.values())
    check.figure(f"before the edits: {len(states)} pages cached on both hosts: {cached}")
    check.expect(cached, f"pages not cached on both hosts before the edits: {states}")
    check.expect(
        STALE_MARK in Browser(check).get(term_paths[0]).text,
        "the linking term's page does not show the linked term's summary",
    )

    summary = f"Отредактировано через админку в {stamp}."
    form_host, saved_host = admin_save(
        check, editor, f"/admin/catalog/product/{product_id}/change/", {"summary": summary}
    )
    check.figure(f"product amoCRM: form from host {form_host}, saved through host {saved_host}")
    expect_fresh(check, "product", product_paths, summary)

    term_summary = f"Подсказка после правки {stamp}."
    form_host, saved_host = admin_save(
        check,
        editor,
        f"/admin/glossary/term/{setup['linked_term']}/change/",
        {"summary": term_summary},
    )
    check.figure(f"term (term index): saved through host {saved_host}")
    expect_fresh(check, "term index", term_paths, term_summary, old=STALE_MARK)

    question = f"Что проверяет кластер в {stamp}?"
    form_host, saved_host = admin_save(
        check, editor, f"/admin/polls/poll/{setup['poll']}/change/", {"question": question}
    )
    check.figure(f"current poll: saved through host {saved_host}")
    expect_fresh(check, "current poll", poll_paths, question)

    changelist = editor.get("/admin/catalog/product/")
    published = editor.post(
        "/admin/catalog/product/",
        {
            "csrfmiddlewaretoken": field(changelist.text, "csrfmiddlewaretoken"),
            "action": "publish",
            "select_across": "0",
            "index": "0",
            "_selected_action": str(setup["draft"]),
        },
    )
    check.expect(published.status == 302, f"publishing answered {published.status}")
    other = "b" if published.host == "a" else "a"
    check.figure(f"draft product published through host {published.host}; served by {other}:")
    browser = Browser(check)
    for path, wanted in (
        (publish_paths[0], "Кластерная проверка CRM"),
        (publish_paths[1], f"{check.cluster.site_url()}/catalog/cluster-draft-crm/"),
    ):
        answer = next(a for h, a in on_both_hosts(check, path, browser) if h == other)
        found = wanted in answer.text
        check.figure(f"{path:<40} host {other}: {'listed' if found else 'MISSING'}")
        check.expect(found, f"the product published on {published.host} is not in {path}")


# -- 3. sessions and CSRF ----------------------------------------------------------------------


def check_sessions(check, editor, logged_in_through):
    check.section("3. Sessions and CSRF across hosts")
    seen = {}
    for host, answer in on_both_hosts(check, "/admin/", editor):
        seen.setdefault(host, answer.status == 200 and "editor" in answer.text)
    check.figure(
        f"editor logged in through host {logged_in_through}; the admin's index: "
        + ", ".join(f"{h} {'signed in' if ok else 'SIGNED OUT'}" for h, ok in sorted(seen.items()))
    )
    check.expect(set(seen) == {"a", "b"} and all(seen.values()), "the session is not shared")
    for _ in range(8):
        voter = Voter(check)
        form = voter.load()
        answer = voter.vote()
        if form.host != answer.host:
            check.figure(
                f"vote form loaded from host {form.host}, posted to host {answer.host}: "
                f"{answer.status} ({'counted' if answer.status == 302 else 'refused'})"
            )
            check.expect(answer.status == 302, f"a cross-host vote answered {answer.status}")
            break
    else:
        check.expect(False, "no vote form was posted to the other host in 8 tries")
    expect_votes_counted(check)


def expect_votes_counted(check):
    """The database holds exactly one vote per voter who was answered with a redirect."""
    accepted = sum(1 for voter in check.voters if voter.accepted) + check.other_votes
    rows, distinct = check.db(
        "SELECT count(*), count(DISTINCT voter_hash) FROM polls_vote WHERE poll_id = %s",
        (check.cluster.setup["poll"],),
    )[0]
    check.figure(
        f"votes: {accepted} voters answered 'counted', {rows} in the database, "
        f"{distinct} distinct voters"
    )
    check.expect(rows >= accepted, f"{accepted - rows} votes lost")
    check.expect(rows <= accepted, f"{rows - accepted} votes more than voters counted")
    check.expect(rows == distinct, f"{rows - distinct} doubled votes")


# -- 4. shared limits --------------------------------------------------------------------------


def wait_for_fresh_minute(seconds_needed=25):
    """The rate limit counts clock minutes: start where the burst fits in one."""
    left = 60 - time.time() % 60
    if left < seconds_needed:
        time.sleep(left + 0.5)


def check_limits(check):
    check.section("4. Shared limits, counted by the visitor's address")
    wait_for_fresh_minute()
    address = check.source()
    statuses, hosts = [], []
    for i in range(VOTE_LIMIT_PER_MINUTE + 1):
        voter = Voter(check, address)  # a new voter each time: only the address is limited
        voter.load()
        if i % 2:
            voter.browser.get("/healthz")  # so that the votes alternate between the hosts
        answer = voter.vote()
        statuses.append(answer.status)
        hosts.append(answer.host)
    counted = {h: hosts[:VOTE_LIMIT_PER_MINUTE].count(h) for h in ("a", "b")}
    check.figure(
        f"{VOTE_LIMIT_PER_MINUTE + 1} votes from {address}: the first {VOTE_LIMIT_PER_MINUTE} "
        f"{sorted(set(statuses[:-1]))} (host a counted {counted['a']}, b {counted['b']}), "
        f"the {VOTE_LIMIT_PER_MINUTE + 1}st {statuses[-1]} from host {hosts[-1]}"
    )
    check.expect(set(statuses[:-1]) == {302}, f"votes under the limit refused: {statuses}")
    check.expect(statuses[-1] == 429, f"the 21st vote answered {statuses[-1]}, not 429")
    check.expect(counted["a"] and counted["b"], "the votes did not go to both hosts")

    forged = {"X-Forwarded-For": address, "X-Real-IP": address}
    visitors = []
    for _ in range(2):
        voter = Voter(check)
        form = voter.browser.get(f"/polls/{voter.slug}/block/?next=/", headers=forged)
        voter.fields = dict(TOKEN.findall(form.text))
        answer = voter.browser.post(
            f"/polls/{voter.slug}/vote/",
            {**voter.fields, "choice": check.cluster.setup["choices"][1], "next": "/"},
            headers=forged,
        )
        voter.accepted = answer.status == 302
        visitors.append((voter.browser.source, answer.status))
    check.figure(
        f"two visitors claiming to be {address} (X-Forwarded-For, X-Real-IP): "
        + ", ".join(f"{source} {status}" for source, status in visitors)
    )
    check.expect(
        all(status == 302 for _s, status in visitors), "a forged header moved a visitor's count"
    )

    # Straight to host a, not through the balancer, with a made-up X-Real-IP.
    probe = check.cluster.network.probe
    host_address, host_port = check.cluster.host_address("a")
    headers = {"Host": ops.LOOPBACK, "X-Real-IP": "203.0.113.9"}
    status, message, body = ops.request(
        "GET",
        host_port,
        f"/polls/{check.cluster.setup['poll_slug']}/block/?next=/",
        headers=headers,
        host=host_address,
        source=probe,
    )
    cookie = "; ".join(
        part.split(";")[0] for part in message.get_all("Set-Cookie") or [] if "=" in part
    )
    fields = dict(TOKEN.findall(body.decode()))
    status, _message, _body = ops.request(
        "POST",
        host_port,
        f"/polls/{check.cluster.setup['poll_slug']}/vote/",
        body=urlencode({**fields, "choice": check.cluster.setup["choices"][2], "next": "/"}),
        headers={
            **headers,
            "Cookie": cookie,
            "Content-Type": "application/x-www-form-urlencoded",
        },
        host=host_address,
        source=probe,
    )
    if status == 302:
        check.other_votes += 1
    rows = dict(
        check.db(
            "SELECT split_part(key, ':', 3), sum(hits) FROM core_ratecounter "
            "WHERE key LIKE 'poll-vote:60:%%' GROUP BY 1"
        )
    )
    expected = {address: VOTE_LIMIT_PER_MINUTE + 1, probe: 1}
    expected.update({source: 1 for source, _status in visitors})
    counted = {ip: int(rows.get(ip, 0)) for ip in expected}
    check.figure(f"vote counters in PostgreSQL (address: votes this minute): {counted}")
    check.figure(
        f"a vote straight to host a from {probe} claiming X-Real-IP 203.0.113.9: "
        f"{status}, counted as {probe}"
    )
    check.expect(counted == expected, f"counted {counted}, expected {expected}")
    strangers = set(rows) - set(expected)
    check.expect(
        not strangers & {"203.0.113.9", check.cluster.network.gateway},
        f"counted addresses nobody voted from: {strangers}",
    )

    # django-axes: failures counted in PostgreSQL, whichever host answered.
    attacker = Browser(check)
    page = attacker.get("/admin/login/")
    token = field(page.text, "csrfmiddlewaretoken")
    failures = []
    for _ in range(LOGIN_FAILURE_LIMIT):
        answer = attacker.post(
            "/admin/login/",
            {"csrfmiddlewaretoken": token, "username": "lockout-probe", "password": "wrong"},
        )
        failures.append(f"{answer.host} {answer.status}")
    check.figure(
        f"{LOGIN_FAILURE_LIMIT} failed logins from {attacker.source}: {', '.join(failures)}"
    )
    right = []
    for i in range(2):
        browser = Browser(check)
        if i:
            browser.get("/healthz")  # the next login's POST goes to the other host
        answer = log_in(browser, "lockout-probe", check.cluster.editor_password)
        right.append((answer.host, answer.status))
    check.figure(
        "then the right password from other addresses: "
        + ", ".join(f"host {h} {s}" for h, s in right)
    )
    check.expect(
        {h for h, _s in right} == {"a", "b"} and all(s == 429 for _h, s in right),
        f"the user name's lockout does not hold on both hosts: {right}",
    )
    other_names = []
    for name in ("someone", "someone-else"):  # one POST after another: one on each host
        answer = attacker.post(
            "/admin/login/", {"csrfmiddlewaretoken": token, "username": name, "password": "x"}
        )
        other_names.append((answer.host, answer.status))
    check.figure(
        f"other user names from {attacker.source}: "
        + ", ".join(f"host {h} {s}" for h, s in other_names)
    )
    check.expect(all(s == 429 for _h, s in other_names), "the address's lockout does not hold")
    addresses = {row[0] for row in check.db("SELECT ip_address FROM axes_accessattempt")}
    check.figure(f"login attempts recorded for: {sorted(addresses)}")
    check.expect(
        attacker.source in addresses and check.cluster.network.gateway not in addresses,
        "the lockout counted the balancer's address",
    )


# -- 5. the hostile probe ----------------------------------------------------------------------


def raw_exchange(port, data, wait=15, host=ops.LOOPBACK, source=None):
    """Sends raw bytes, reads the answer's head; (status or None, {header: value}, seconds)."""
    started = time.monotonic()
    with socket.create_connection(
        (host, port), timeout=wait, source_address=(source or "", 0)
    ) as sock:
        sock.sendall(data)
        received = b""
        with contextlib.suppress(OSError):
            while b"\r\n\r\n" not in received:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                received += chunk
    head = received.split(b"\r\n\r\n")[0].decode(errors="replace").split("\r\n")
    status = int(head[0].split()[1]) if head[0].startswith("HTTP/") else None
    headers = {}
    for line in head[1:]:
        name, _sep, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return status, headers, time.monotonic() - started


def check_security_headers(check):
    check.section("5a. Security headers on answers the portal's views never write")
    port = check.cluster.port
    request = b"GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\n%s\r\n"
    cases = [
        ("URI of 5,000 characters", request % (b"/" + b"a" * 5000, b""), 414),
        ("a header of 9,000 bytes", request % (b"/", b"X-Big: " + b"b" * 9000 + b"\r\n"), 431),
        ("a header value gunicorn refuses", request % (b"/", b"X-A: \x7f\r\n"), 400),
        ("a request line nobody can parse", b"GARBAGE\r\n\r\n", 400),
        ("131 headers", request % (b"/", b"".join(b"X-H%d: v\r\n" % i for i in range(130))), 400),
        ("a Content-Length larger than the body",
         b"POST /polls/x/vote/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n"
         b"Content-Type: application/x-www-form-urlencoded\r\n\r\nchoice=1", 408),
    ]  # fmt: skip
    for label, data, wanted in cases:
        status, headers, seconds = raw_exchange(port, data)
        writer = (
            f"gunicorn on host {headers['x-served-by']}"
            if "x-served-by" in headers
            else "the balancer"
        )
        missing = [h for h in cluster_module.SECURITY_HEADERS if h.lower() not in headers]
        # HAProxy 2.6 answers a request its HTTP/1 parser rejects with a fixed page of its
        # own (h1_send_error: no errorfile, no http-after-response); it reflects nothing.
        fixed = status == 400 and writer == "the balancer" and "content-length" in headers
        state = "all" if not missing else f"MISSING {len(missing)}"
        if missing and fixed:
            state = "none: HAProxy 2.6's fixed parse-error page (reflects nothing)"
        check.figure(f"{label:<38} {status} by {writer} in {seconds:.1f} s; headers: {state}")
        check.expect(status == wanted, f"{label}: {status}, expected {wanted}")
        check.expect(not missing or fixed, f"{label}: no {missing}")
        check.expect("server" not in headers, f"{label}: a Server header")


class LyingClients:
    """Connections that send a request's head with a Content-Length larger than what
    follows (or headers a byte at a time) and then wait."""

    def __init__(self, host, port, count, source=None, slowloris=0):
        self.sockets = []
        self.threads = []
        self.stop = threading.Event()
        self.answers = []
        for i in range(count + slowloris):
            sock = socket.create_connection(
                (host, port), timeout=60, source_address=(source or "", 0)
            )
            self.sockets.append(sock)
            if i < count:
                sock.sendall(
                    b"POST /polls/slow-probe/vote/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    b"Content-Type: application/x-www-form-urlencoded\r\n"
                    b"Content-Length: 100000\r\n\r\nchoice=1"
                )
            else:
                thread = threading.Thread(target=self._trickle, args=(sock,), daemon=True)
                thread.start()
                self.threads.append(thread)
        self.opened = time.monotonic()

    def _trickle(self, sock):
        head = b"GET /slow-probe/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"s" * 1000
        with contextlib.suppress(OSError):
            for byte in head:
                if self.stop.wait(1.0):
                    return
                sock.sendall(bytes([byte]))

    def collect(self, timeout):
        """Waits for the answers (status, seconds after opening) or the timeout."""
        results = []
        for sock in self.sockets:
            sock.settimeout(max(0.1, timeout - (time.monotonic() - self.opened)))
            try:
                head = sock.recv(200)
                status = int(head.split()[1]) if head.startswith(b"HTTP/") else "closed"
            except (OSError, IndexError, ValueError):
                status = "no answer"
            results.append((status, time.monotonic() - self.opened))
        return results

    def close(self):
        self.stop.set()
        for sock in self.sockets:
            with contextlib.suppress(OSError):
                sock.close()


def check_slow_clients(check):
    check.section("5b. Slow and lying clients")
    cluster = check.cluster
    workers = cluster.workers * len(cluster_module.HOSTS)
    liars = LyingClients(ops.LOOPBACK, cluster.port, 4 * workers, slowloris=workers)
    latencies = []
    browser = Browser(check)
    try:
        for path in PAGES * 2:
            started = time.monotonic()
            answer = browser.get(path, timeout=5)
            latencies.append(time.monotonic() - started)
            check.expect(answer.status == 200, f"{path} answered {answer.status} meanwhile")
        results = liars.collect(cluster_module.REQUEST_TIMEOUT_SECONDS + 5)
    finally:
        liars.close()
    statuses = sorted({str(status) for status, _t in results})
    slowest = max(t for _s, t in results)
    check.figure(
        f"through the balancer: {4 * workers} lying clients and {workers} slowloris "
        f"connections open (all {workers} workers' worth, four times over); meanwhile "
        f"{len(latencies)} pages answered, slowest {max(latencies) * 1000:.0f} ms"
    )
    check.figure(
        f"the liars got {', '.join(statuses)} from the balancer within {slowest:.1f} s "
        f"(timeout http-request {cluster_module.REQUEST_TIMEOUT_SECONDS} s)"
    )
    reached = sum(
        (cluster.dir / f"access-{name}.log").read_text().count("slow-probe")
        for name in cluster_module.HOSTS
    )
    check.figure(f"requests of theirs that reached gunicorn: {reached}")
    check.expect(max(latencies) < 2, "pages slowed down by slow clients")
    check.expect(reached == 0, "slow clients reached gunicorn")
    check.expect(statuses == ["408"], f"slow clients were answered {statuses}")

    # The same against bare gunicorn (host a, bypassing the balancer): what the probe saw.
    address, port = cluster.host_address("a")
    liars = LyingClients(address, port, cluster.workers, source=cluster.network.probe)
    try:
        time.sleep(1)
        started = time.monotonic()
        try:
            status = ops.get(port, "/healthz", {"Host": ops.LOOPBACK}, host=address, timeout=5)[0]
        except OSError:
            status = "no answer"
        waited = time.monotonic() - started
    finally:
        liars.close()
    check.figure(
        f"bare gunicorn: {cluster.workers} lying clients straight to host a; "
        f"/healthz there: {status} after {waited:.1f} s (every sync worker waits for a body)"
    )
    check.expect(status != 200, "bare gunicorn was not stalled: the demonstration failed")
    seconds = cluster.wait_for_servers({"a": "UP", "b": "UP"})
    check.figure(f"host a serves again; the balancer has both hosts up ({seconds:.1f} s)")


# -- 6. throughput -----------------------------------------------------------------------------


def worker_memory(cluster):
    """{worker pid: resident MB} of both hosts' gunicorn workers."""
    sizes = {}
    for host in cluster.hosts.values():
        sizes.update(ops.worker_memory_mb(host.process.pid))
    return sizes


def check_throughput(check):
    check.section("6. Throughput through the balancer: one app host, then two")
    cluster = check.cluster
    warm(check, PAGES)
    ops.run_wrk(cluster.port, PAGES, 8, 3)  # every worker warm
    memory_before = worker_memory(cluster)
    results = {}
    try:
        for hosts in (1, 2):
            if hosts == 1:
                cluster.haproxy("disable server app/b")
                cluster.haproxy("disable server app/b_fallback")
                cluster.wait_for_servers({"a": "UP", "b": "MAINT"})
            else:
                cluster.haproxy("enable server app/b")
                cluster.haproxy("enable server app/b_fallback")
                cluster.wait_for_servers({"a": "UP", "b": "UP"})
            ops.run_wrk(cluster.port, PAGES, 8, 2)  # every worker warm
            for connections in (8, 64):
                result = ops.run_wrk(cluster.port, PAGES, connections, WRK_SECONDS)
                results[hosts, connections] = result
                check.figure(
                    f"{hosts} host{'s' if hosts > 1 else ' '} {connections:>2} connections: "
                    f"{result['rps']:>6.0f} req/s, p50 {result['p50_ms']:.1f} ms, "
                    f"p99 {result['p99_ms']:.1f} ms, errors {result['errors']}, "
                    f"non-2xx {result['non_2xx']}"
                )
                check.expect(
                    result["errors"] == 0 and result["non_2xx"] == 0,
                    f"{hosts} hosts, {connections} connections: errors {result['socket_errors']}, "
                    f"non-2xx {result['non_2xx']}",
                )
    finally:
        cluster.haproxy("enable server app/b")
        cluster.haproxy("enable server app/b_fallback")
    memory_after = worker_memory(cluster)
    served = sum(result["requests"] for result in results.values())
    same = [pid for pid in memory_before if pid in memory_after]
    growth = [memory_after[pid] - memory_before[pid] for pid in same]
    if same:
        check.figure(
            f"gunicorn workers' memory across these {served:,} requests ({len(same)} of "
            f"{len(memory_before)} workers alive throughout): "
            f"{min(memory_before[p] for p in same):.0f}–"
            f"{max(memory_before[p] for p in same):.0f} MB before, growth "
            f"{min(growth):+.1f} to {max(growth):+.1f} MB"
        )
    for connections in (8, 64):
        ratio = results[2, connections]["rps"] / results[1, connections]["rps"]
        check.figure(f"two hosts / one host at {connections} connections: {ratio:.2f}")
    check.figure(
        f"p99 at 64 connections through pgBouncer: {results[2, 64]['p99_ms']:.1f} ms "
        f"(one host: {results[1, 64]['p99_ms']:.1f} ms)"
    )
    return results


# -- 7. faults under load ----------------------------------------------------------------------


class Load:
    """wrk through the balancer in the background while a fault is injected."""

    def __init__(self, check, seconds, connections=16):
        self.result = None
        self.thread = threading.Thread(
            target=self._run, args=(check.cluster.port, seconds, connections), daemon=True
        )
        self.thread.start()

    def _run(self, port, seconds, connections):
        self.result = ops.run_wrk(port, PAGES, connections, seconds)

    def wait(self):
        self.thread.join()
        return self.result


def vote_burst(check, count=40, clients=8):
    """`count` new voters load the form and vote, each trying again after an error page;
    returns a future-like thread pool map result (list of voters)."""
    voters = [Voter(check) for _ in range(count)]
    pool = ThreadPoolExecutor(max_workers=clients)
    futures = [pool.submit(voter.vote_until_answered) for voter in voters]
    pool.shutdown(wait=False)
    return voters, futures


def finish_burst(check, what, voters, futures):
    answered = sum(1 for future in futures if future.result())
    retried = sum(1 for voter in voters if len(voter.answers) > 1)
    statuses = sorted({s for voter in voters for s in voter.answers})
    check.figure(
        f"vote burst during {what}: {answered}/{len(voters)} answered, {retried} tried again "
        f"after an error, answers seen {statuses}"
    )
    check.expect(answered == len(voters), f"{len(voters) - answered} voters never answered")


def check_host_killed(check):
    check.section("7a. One app host killed under load, then started again")
    cluster = check.cluster
    load = Load(check, 16)
    time.sleep(3)
    voters, futures = vote_burst(check)
    time.sleep(0.3)
    killed = time.monotonic()
    cluster.kill_host("a")
    down = cluster.wait_for_servers({"a": "DOWN"})
    check.figure(
        f"host a killed (SIGKILL to its process group); the balancer dropped it in {down:.1f} s"
    )
    time.sleep(max(0.0, killed + 6 - time.monotonic()))
    cluster.start_host("a", wait=False)
    back = cluster.wait_for_servers({"a": "UP"})
    check.figure(f"host a started again; the balancer took it back after {back:.1f} s")
    result = load.wait()
    finish_burst(check, "the host's death", voters, futures)
    check.figure(
        f"wrk, 16 connections for 16 s across the fault: {result['requests']} requests, "
        f"socket errors {result['errors']}, non-2xx {result['non_2xx']}, "
        f"p99 {result['p99_ms']:.0f} ms, max {result['max_ms']:.0f} ms"
    )
    # What was on host a's workers when it died may fail (at most one request per worker:
    # the balancer's maxconn); a GET or a vote that failed before any answer is replayed.
    failed = result["errors"] + result["non_2xx"] + check.failed_in(check.phase)
    check.figure(
        f"failed requests: {failed} (in flight on host a at most {cluster.workers}, one per worker)"
    )
    check.in_flight_allowance = cluster.workers
    check.expect(failed <= cluster.workers, f"{failed} requests failed, more than were in flight")
    hosts = [host for host, _a in on_both_hosts(check, "/healthz")]
    check.expect("a" in hosts, "host a does not serve after its return")
    expect_votes_counted(check)


def check_redis_stopped(check, editor):
    check.section("7b. Redis stopped under load, then started again")
    cluster = check.cluster
    samples = []
    stop = threading.Event()

    def sample():
        browser = Browser(check)
        while not stop.is_set():
            started = time.monotonic()
            answer = browser.get("/catalog/")
            samples.append((phase[0], answer.status, answer.headers.get("X-Page-Cache"),
                            time.monotonic() - started))  # fmt: skip
            time.sleep(0.2)

    phase = ["before"]
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    load = Load(check, 16)
    time.sleep(4)
    phase[0] = "down"
    cluster.stop_redis()
    down_at = time.monotonic()
    voters, futures = vote_burst(check)
    summary = f"Правка, пока Redis нет: {time.strftime('%H%M%S')}."
    product_id = check.db("SELECT id FROM catalog_product WHERE slug = 'amocrm'")[0][0]
    _form, saved = admin_save(
        check, editor, f"/admin/catalog/product/{product_id}/change/", {"summary": summary}
    )
    check.figure(f"an edit through host {saved} while Redis is down:")
    expect_fresh(check, "edit without Redis", ["/catalog/amocrm/"], summary)
    time.sleep(max(0.0, down_at + 5 - time.monotonic()))
    phase[0] = "back"
    cluster.start_redis()
    result = load.wait()
    time.sleep(3)
    stop.set()
    sampler.join()
    finish_burst(check, "the Redis outage", voters, futures)
    for name in ("before", "down", "back"):
        rows = [s for s in samples if s[0] == name]
        if not rows:
            continue
        hits = sum(1 for s in rows if s[2] == "hit")
        check.figure(
            f"/catalog/ {name:<6}: {len(rows)} samples, statuses {sorted({s[1] for s in rows})}, "
            f"from the cache {hits}, median {statistics.median(s[3] for s in rows) * 1000:.0f} ms"
        )
    down = [s for s in samples if s[0] == "down"]
    check.expect(all(s[1] == 200 for s in samples), "a page failed while Redis was away")
    check.expect(not any(s[2] == "hit" for s in down[3:]), "pages came from a cache that is down")
    check.figure(
        f"wrk, 16 connections for 16 s across the outage: {result['requests']} requests, "
        f"errors {result['errors']} {result['socket_errors']}, non-2xx {result['non_2xx']}, "
        f"p99 {result['p99_ms']:.0f} ms, max {result['max_ms']:.0f} ms"
    )
    check.expect(result["errors"] == 0 and result["non_2xx"] == 0, "requests failed")
    browser = Browser(check)
    states = [browser.get("/catalog/amocrm/").headers.get("X-Page-Cache") for _ in range(4)]
    check.figure(f"after Redis returned: /catalog/amocrm/ four times: {states}")
    check.expect("hit" in states, "caching did not resume")
    expect_fresh(check, "after Redis returned", ["/catalog/amocrm/"], summary)
    expect_votes_counted(check)


def uncached(path, n):
    """The same page under a query the page cache has never seen: built by the view."""
    return f"{path}{'&' if '?' in path else '?'}uncached={n}"


def check_postgres_stopped(check):
    check.section("7c. PostgreSQL stopped, then started again")
    cluster = check.cluster
    voters = [Voter(check) for _ in range(20)]
    for voter in voters:
        voter.load()  # forms loaded before the outage, posted during it
    check.outage = True
    cluster.stop_postgres()
    stopped = time.monotonic()
    down = cluster.wait_for_servers({"a": "DOWN", "b": "DOWN"})
    check.figure(
        f"the balancer saw both hosts fail /healthz after {down:.1f} s and sends to them as "
        "backup servers, so that each answers for itself"
    )
    browser = Browser(check)
    built, cached = {}, {}
    for round_ in range(2):
        for path in [*PAGES, "/healthz"]:
            answer = browser.get(uncached(path, round_) if path != "/healthz" else path)
            built.setdefault(answer.host, []).append(answer.status)
            retry = answer.headers.get("Retry-After")
            unavailable = "Портал временно недоступен" in answer.text or path == "/healthz"
            check.expect(
                answer.status == 503 and (retry or path == "/healthz") and unavailable,
                f"{path} (uncached) from {answer.host}: {answer.status}, Retry-After {retry}",
            )
            if path != "/healthz":
                answer = browser.get(path)
                state = f"{answer.status} {answer.headers.get('X-Page-Cache', '')}".strip()
                cached.setdefault(answer.host, []).append(state)
                check.expect(
                    answer.status == 503 or answer.headers.get("X-Page-Cache") == "hit",
                    f"{path} from {answer.host}: {answer.status} without the page cache",
                )
    during = [voter.vote().status for voter in voters]
    check.figure(
        "pages the view must build (a query never asked before), and /healthz: "
        + "; ".join(f"host {h}: {sorted(set(s))}" for h, s in sorted(built.items()))
        + ", each 503 with Retry-After: 30 and «Портал временно недоступен»"
    )
    check.figure(
        "pages already in the page cache (Redis): "
        + "; ".join(f"host {h}: {sorted(set(s))}" for h, s in sorted(cached.items()))
    )
    check.figure(f"{len(voters)} votes posted meanwhile: {sorted(set(during))}")
    check.expect({"a", "b"} <= set(built), f"not every host answered: {sorted(built)}")
    check.expect(set(during) == {503}, f"votes during the outage answered {set(during)}")
    cluster.start_postgres()
    restarted = time.monotonic()
    recovered = None
    while time.monotonic() - restarted < 60:
        statuses = {}
        for path in PAGES:
            for host, answer in on_both_hosts(check, uncached(path, "after"), browser):
                statuses.setdefault(host, set()).add(answer.status)
        if {"a", "b"} <= set(statuses) and all(s == {200} for s in statuses.values()):
            recovered = time.monotonic() - restarted
            break
        time.sleep(0.5)
    check.outage = False
    check.figure(
        f"PostgreSQL down for {restarted - stopped:.1f} s; every page 200 from both hosts "
        + (f"{recovered:.1f} s after the restart" if recovered is not None else "NEVER")
        + ", without restarting anything else"
    )
    check.expect(recovered is not None, "not recovered within 60 s of the restart")
    back = cluster.wait_for_servers({"a": "UP", "b": "UP"})
    check.figure(f"the balancer has both hosts up again {back:.1f} s later")
    for voter in voters:
        voter.vote_until_answered()
    finish_burst(
        check, "the database outage (posted again after it)", voters, [_Done(v) for v in voters]
    )
    expect_votes_counted(check)


class _Done:
    def __init__(self, voter):
        self.voter = voter

    def result(self):
        return self.voter.accepted


# -- 8. the whole run --------------------------------------------------------------------------


def check_no_5xx(check, throughput):
    check.section("8. The whole run")
    killed = [a for a in check.answers if a[0].startswith("7a.") and a[3] >= 500]
    outside = [a for a in check.answers if a[3] >= 500 and not a[5] and a not in killed]
    during = [a for a in check.answers if a[3] >= 500 and a[5]]
    check.figure(
        f"{len(check.answers)} answers checked one by one: {len(outside)} 5xx outside the "
        f"PostgreSQL outage, {len(during)} 503 during it, {len(killed)} in flight on the "
        "killed host"
    )
    for phase, method, path, status, host, _outage in outside[:10]:
        check.figure(f"  {status} {method} {path} from {host} during '{phase}'")
    check.expect(not outside, f"{len(outside)} answers 5xx outside the PostgreSQL outage")
    check.expect(len(killed) <= check.in_flight_allowance, "5xx beyond those in flight")
    boots = {
        name: (check.cluster.dir / f"gunicorn-{name}.log").read_text().count("Booting worker")
        for name in cluster_module.HOSTS
    }
    check.figure(
        "gunicorn workers booted per host (first start, restart of a, max_requests "
        f"recycling): {boots}"
    )
    expect_votes_counted(check)


def _leave(signum, _frame):
    raise SystemExit(128 + signum)


def main():
    signal.signal(signal.SIGTERM, _leave)
    signal.signal(signal.SIGHUP, _leave)
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--loopback", action="store_true", help="hosts on two ports of 127.0.0.1, no namespaces"
    )
    options = parser.parse_args()
    check = None
    cluster = cluster_module.Cluster(private_postgres=True, loopback=options.loopback)
    started = time.monotonic()
    with cluster:
        check = Check(cluster)
        ops.say(cluster.describe())
        editor = Browser(check)
        logged_in = log_in(editor, "editor", cluster.editor_password)
        if logged_in.status != 302:
            ops.fail(f"the editor could not log in: {logged_in.status}")
        check_round_robin(check)
        check_one_truth(check, editor)
        check_sessions(check, editor, logged_in.host)
        check_limits(check)
        check_security_headers(check)
        check_slow_clients(check)
        throughput = check_throughput(check)
        check_host_killed(check)
        check_redis_stopped(check, editor)
        check_postgres_stopped(check)
        check_no_5xx(check, throughput)
    ops.say(f"\n{time.monotonic() - started:.0f} s in all; the cluster is stopped and removed")
    if check.problems:
        ops.fail(f"{len(check.problems)} problems:\n  " + "\n  ".join(check.problems))
    ops.say("OK: one truth, shared limits and sessions across two hosts; no vote lost or doubled")


if __name__ == "__main__":
    main()
