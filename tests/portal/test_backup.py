"""Backups: the real scripts/backup_db.sh and scripts/restore_db.sh against PostgreSQL.

Editors' changes and votes are committed (transactional_db), so pg_dump sees them; the dump
is restored into a fresh database and every table of the public schema is compared with the
source, row count and content, from connections of the test's own.
"""

import os
import re
import secrets
import subprocess
from pathlib import Path
from urllib.parse import quote, urlencode

import psycopg2
import pytest
from django.conf import settings
from django.db import connection
from psycopg2 import sql

from catalog.factories import CapabilityFactory, FactSourceFactory, VendorFactory
from glossary.factories import ArticleFactory, TermFactory
from polls.services import cast_vote
from polls.voter import voter_hash
from tests.catalog.helpers import product
from tests.polls.helpers import poll_with_choices

SCRIPTS = Path(settings.BASE_DIR) / "scripts"
PUBLIC_TABLES = "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
# Row count and a fingerprint of every row, in a fixed order.
TABLE_SNAPSHOT = sql.SQL(
    "SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) FROM {} t"
)


def _connect(dbname):
    """A connection of its own: it sees only what is committed, as pg_dump does."""
    db = connection.settings_dict
    params = {"dbname": dbname, "user": db["USER"], "password": db["PASSWORD"]}
    params.update({key: db[key.upper()] for key in ("host", "port") if db[key.upper()]})
    conn = psycopg2.connect(**params)
    conn.autocommit = True
    return conn


def _database_url(dbname):
    """DATABASE_URL for the test database's server, in the form settings.py documents."""
    db = connection.settings_dict
    userinfo = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        userinfo += ":" + quote(db["PASSWORD"], safe="")
    host, port, query = db["HOST"] or "", str(db["PORT"] or ""), {}
    if host.startswith("/"):  # a socket directory goes in the query, as libpq wants it
        query, host = {"host": host, **({"port": port} if port else {})}, ""
    else:
        host = f"[{host}]" if ":" in host else host  # an IPv6 address
        host += f":{port}" if port else ""
    url = f"postgres://{userinfo + '@' if userinfo else ''}{host}/{quote(dbname, safe='')}"
    return url + (f"?{urlencode(query)}" if query else "")


def _run(script, *args):
    env = {**os.environ, "DATABASE_URL": _database_url(connection.settings_dict["NAME"])}
    return subprocess.run(
        [str(SCRIPTS / script), *map(str, args)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _exists(conn, dbname):
    with conn.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [dbname])
        return cursor.fetchone() is not None


def _snapshot(dbname):
    """{table: (row count, md5 of all its rows)} for every table of the public schema."""
    conn = _connect(dbname)
    try:
        with conn.cursor() as cursor:
            cursor.execute(PUBLIC_TABLES)
            tables = [name for (name,) in cursor.fetchall()]
            result = {}
            for table in tables:
                cursor.execute(TABLE_SNAPSHOT.format(sql.Identifier(table)))
                result[table] = cursor.fetchone()
            return result
    finally:
        conn.close()


def _fetch(dbname, query, params=()):
    conn = _connect(dbname)
    try:
        with conn.cursor() as cursor:
            cursor.execute(query, params)
            return cursor.fetchall()
    finally:
        conn.close()


@pytest.fixture
def restored_name():
    """A database name that does not exist yet; dropped afterwards, as only this test made it."""
    source = connection.settings_dict["NAME"]
    name = f"{re.sub(r'[^a-z0-9_]', '_', source.lower())[:40]}_restored_{secrets.token_hex(4)}"
    maintenance = _connect("postgres")
    try:
        assert not _exists(maintenance, name)
        yield name
        with maintenance.cursor() as cursor:
            # WITH (FORCE): a connection left open by a failed assertion must not keep it.
            cursor.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
    finally:
        maintenance.close()


def _edits_and_votes():
    """Editors' work across the apps, each row created and then changed, and three votes."""
    vendor = VendorFactory(name="Вендор до правки")
    vendor.name = "Резерв Софт"
    vendor.save()
    crm = product(
        capabilities=[CapabilityFactory(), CapabilityFactory()],
        tags=["b2b", "облако"],
        vendor=vendor,
        name="Бэкап CRM",
    )
    crm.name = "Бэкап CRM Плюс"
    crm.save()
    FactSourceFactory(product=crm)
    term = TermFactory(name="Резервная копия")
    term.definition += " Восстанавливается в новую базу."
    term.save()
    term.example_products.add(crm)
    article = ArticleFactory(title="Как восстановить базу", tags=["эксплуатация"])
    article.related_terms.add(term)

    poll, choices = poll_with_choices(3)
    hashes = [voter_hash(f"anon:backup-{i}") for i in range(3)]
    for choice, hash_ in zip(choices, hashes, strict=True):
        cast_vote(poll=poll, choice=choice, voter_hash=hash_)
    return crm, hashes


def test_a_restored_dump_has_every_row_of_every_table(transactional_db, restored_name, tmp_path):
    crm, hashes = _edits_and_votes()
    source = connection.settings_dict["NAME"]

    dump = tmp_path / "portal.dump"
    backup = _run("backup_db.sh", dump)
    assert backup.returncode == 0, backup.stderr
    assert backup.stdout.startswith(f"{dump} ")
    assert dump.stat().st_size > 0
    assert dump.stat().st_mode & 0o077 == 0  # no one else may read voters' hashes

    restore = _run("restore_db.sh", dump, restored_name)
    assert restore.returncode == 0, restore.stdout + restore.stderr
    assert "Every table has the same row count" in restore.stdout

    before, after = _snapshot(source), _snapshot(restored_name)
    assert len(before) > 20  # the whole schema, not an empty database
    for table in ("catalog_product", "catalog_productcapability", "glossary_term", "polls_vote"):
        assert before[table][0] > 0, table
    assert {t: c for t, (c, _) in after.items()} == {t: c for t, (c, _) in before.items()}
    assert after == before  # and each table's rows are the same, value for value

    votes = "SELECT voter_hash FROM polls_vote ORDER BY id"
    assert [h for (h,) in _fetch(restored_name, votes)] == hashes
    products = "SELECT name, search_vector IS NOT NULL FROM catalog_product WHERE id = %s"
    assert _fetch(restored_name, products, [crm.pk]) == [("Бэкап CRM Плюс", True)]


def test_a_restore_refuses_an_existing_database_and_leaves_it_alone(transactional_db, tmp_path):
    _edits_and_votes()
    source = connection.settings_dict["NAME"]
    dump = tmp_path / "portal.dump"
    assert _run("backup_db.sh", dump).returncode == 0
    before = _snapshot(source)

    restore = _run("restore_db.sh", dump, source)

    assert restore.returncode == 1
    assert f"Database {source} already exists" in restore.stderr
    assert _snapshot(source) == before


def test_the_restore_report_fails_when_a_table_has_no_data_in_the_dump(
    transactional_db, restored_name, tmp_path
):
    _edits_and_votes()
    source = connection.settings_dict["NAME"]
    dump = tmp_path / "no-votes.dump"
    # A dump that silently lacks one table's rows, as a careless pg_dump option would make.
    pg_dump = subprocess.run(
        [
            "pg_dump",
            f"--dbname={_database_url(source)}",
            "--format=custom",
            "--exclude-table-data=polls_vote",
            f"--file={dump}",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert pg_dump.returncode == 0, pg_dump.stderr

    restore = _run("restore_db.sh", dump, restored_name)

    assert restore.returncode == 1
    assert re.search(r"public\.polls_vote +- +0  <-- DIFFERENT", restore.stdout), restore.stdout
    assert "1 table(s) differ: the restore is NOT complete." in restore.stdout
