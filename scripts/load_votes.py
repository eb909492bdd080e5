"""Votes under load through gunicorn, then a count: one vote per voter, none lost or doubled.

    .venv/bin/python scripts/load_votes.py [--voters 10000] [--repeats 1000] [--clients 8]

Each voter does what a browser does: GET the poll block (its CSRF and voter cookies and the
form's tokens), then POST a vote. Then `--repeats` of those voters vote again. Afterwards
the database must hold exactly one vote per voter whose vote was accepted (the repeats
added nothing), and nothing may have answered 5xx. The rate limit
is off (all traffic comes from 127.0.0.1). Runs on its own database, portal_ops_votes,
created and dropped here. Exit code 1 on any failed check.
"""

import argparse
import http.client
import re
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
import ops  # noqa: E402 -- the scripts' shared helpers, next to this file

DATABASE = "portal_ops_votes"
SETUP = """
from polls.models import Choice, Poll
poll = Poll.objects.create(question="Нагрузочный опрос", slug="load-test", results_policy="always")
ids = [Choice.objects.create(poll=poll, text=f"Вариант {i}", order=i).pk for i in range(4)]
print(poll.slug, *ids)
"""
COUNT = """
from django.db.models import Count
from polls.models import Vote
votes = Vote.objects.filter(poll__slug="load-test")
print(votes.count(), votes.values("voter_hash").distinct().count(),
      votes.values("voter_hash").annotate(n=Count("pk")).filter(n__gt=1).count())
"""
TOKEN = re.compile(r'name="(csrfmiddlewaretoken|voter)" value="([^"]+)"')


class Voter:
    def __init__(self, port, slug):
        self.port, self.slug = port, slug
        self.cookies, self.fields = {}, {}

    def _request(self, method, path, body=None):
        connection = http.client.HTTPConnection(ops.LOOPBACK, self.port, timeout=60)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read().decode()
            jar = SimpleCookie()
            for header in response.msg.get_all("Set-Cookie") or []:
                jar.load(header)
            return response.status, jar, content
        finally:
            connection.close()

    def load_form(self):
        status, jar, html = self._request("GET", f"/polls/{self.slug}/block/?next=/")
        if status != 200:
            return status
        self.cookies.update({name: morsel.value for name, morsel in jar.items()})
        self.fields = dict(TOKEN.findall(html))
        return status

    def vote(self, choice_id):
        body = urlencode({**self.fields, "choice": choice_id, "next": "/"})
        status, jar, _html = self._request("POST", f"/polls/{self.slug}/vote/", body)
        self.cookies.update(
            {name: morsel.value for name, morsel in jar.items() if name != "messages"}
        )
        return status, jar.get("messages")


def run(port, slug, choice_ids, voters, repeats, clients):
    people = [Voter(port, slug) for _ in range(voters)]

    def first_vote(i):
        person = people[i]
        loaded = person.load_form()
        if loaded != 200:
            return loaded, ""
        return person.vote(choice_ids[i % len(choice_ids)])

    def repeat_vote(i):
        return people[i].vote(choice_ids[(i + 1) % len(choice_ids)])

    with ThreadPoolExecutor(max_workers=clients) as pool:
        started = time.monotonic()
        firsts = list(pool.map(first_vote, range(voters)))
        first_seconds = time.monotonic() - started
        started = time.monotonic()
        again = list(pool.map(repeat_vote, range(repeats)))
        repeat_seconds = time.monotonic() - started
    return firsts, first_seconds, again, repeat_seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--voters", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=1_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers")
    options = parser.parse_args()
    env = ops.production_env(ops.database_url_named(DATABASE), POLL_VOTE_RATE_LIMIT="")
    ops.recreate_database(env, DATABASE)
    try:
        ops.manage(env, "migrate", "--noinput")
        ops.manage(env, "collectstatic", "--noinput")
        slug, *ids = ops.shell(env, SETUP).split()
        port = ops.free_port()
        with ops.gunicorn(env, port, workers=options.workers):
            ops.say(
                f"{options.voters} voters and {options.repeats} repeats, {options.clients} clients"
            )
            firsts, first_s, again, again_s = run(
                port, slug, ids, options.voters, options.repeats, options.clients
            )
        votes, distinct, doubled = map(int, ops.shell(env, COUNT).split())
    finally:
        ops.drop_database(env, DATABASE)
    accepted = sum(1 for status, _m in firsts if status == 302)
    errors = [status for status, _m in firsts + again if status >= 500]
    refused_repeats = sum(1 for status, _m in again if status == 302)
    ops.say(
        f"first votes: {accepted}/{options.voters} accepted in {first_s:.1f} s "
        f"= {options.voters / first_s:.0f} votes/s ({2 * options.voters / first_s:.0f} req/s "
        "with the form's GET)"
    )
    ops.say(
        f"repeats:     {refused_repeats}/{options.repeats} answered in {again_s:.1f} s "
        f"= {options.repeats / again_s:.0f} votes/s"
    )
    ops.say(f"database:    {votes} votes, {distinct} distinct voters, {doubled} doubled")
    if errors:
        ops.fail(f"{len(errors)} answers were 5xx")
    if accepted != options.voters or refused_repeats != options.repeats:
        ops.fail("some votes were not answered with a redirect")
    if (votes, distinct, doubled) != (accepted, accepted, 0):
        ops.fail("the database does not hold exactly one vote per accepted voter")
    ops.say("OK: one vote per voter")


if __name__ == "__main__":
    main()
