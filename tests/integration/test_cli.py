"""The `posapp` command as a shop owner types it: clear lines, exit codes, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from posapp.domain.barcodes import make_ean13


def posapp(
    *args: str, stdin: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "POSAPP_LANGUAGE": "en", **(env or {})}
    environment.pop("POSAPP_DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "posapp", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )
    assert "Traceback" not in result.stderr + result.stdout
    return result


def test_version() -> None:
    result = posapp("--version")
    assert result.returncode == 0 and result.stdout.startswith("posapp ")


def test_demo_prints_the_pins_and_is_not_built_twice(tmp_path: Path) -> None:
    db = str(tmp_path / "demo.sqlite")
    first = posapp("demo", "--db", db, "--days", "2")
    assert first.returncode == 0, first.stderr
    assert "Ilze" in first.stdout and "1111" in first.stdout and "3333" in first.stdout
    second = posapp("--db", db, "demo")
    assert second.returncode == 0
    assert "already" in second.stdout


def test_demo_refuses_to_overwrite_a_real_shop(tmp_path: Path) -> None:
    db = str(tmp_path / "shop.sqlite")
    assert posapp("db", "upgrade", "--db", db).returncode == 0
    result = posapp("demo", "--db", db, "--days", "1")
    assert result.returncode != 0
    assert result.stderr.count("\n") == 1 and "not the demo" in result.stderr


def test_db_upgrade_then_up_to_date(tmp_path: Path) -> None:
    db = str(tmp_path / "shop.sqlite")
    assert "upgraded" in posapp("--db", db, "db", "upgrade").stdout
    assert "up to date" in posapp("--db", db, "db", "upgrade").stdout


def test_user_add_reads_the_pin_and_refuses_a_short_one(tmp_path: Path) -> None:
    db = str(tmp_path / "shop.sqlite")
    added = posapp("user", "add", "Anna Bērziņa", "--role", "cashier", "--db", db, stdin="4321\n")
    assert added.returncode == 0 and "Anna Bērziņa" in added.stdout
    short = posapp("user", "add", "Ivo", "--role", "manager", "--db", db, stdin="12\n")
    assert short.returncode != 0 and short.stderr.strip() == "posapp: A PIN is 4 to 8 digits."
    bad_role = posapp("user", "add", "Ivo", "--role", "boss", "--db", db, stdin="1234\n")
    assert bad_role.returncode == 2 and bad_role.stderr.count("\n") == 1


def test_import_reports_line_numbers_and_imports_nothing(tmp_path: Path) -> None:
    db = str(tmp_path / "shop.sqlite")
    good = make_ean13("475000000101")
    csv = tmp_path / "goods.csv"
    csv.write_text(
        "name,sku,barcode,price,vat_rate,category,unit\n"
        f"Rupjmaize,B1,{good},2.35,21,Maize,unit\n"
        "Bulciņa,B2,4750000001020,0.45,21,Maize,unit\n",
        encoding="utf-8",
    )
    failed = posapp("--db", db, "import", "products", str(csv))
    assert failed.returncode != 0
    assert "Nothing was imported" in failed.stderr
    assert "line 3: barcode 4750000001020: wrong check digit" in failed.stderr
    skipped = posapp("--db", db, "import", "products", str(csv), "--skip-bad")
    assert skipped.returncode == 0
    assert "1 new" in skipped.stdout and "line 3" in skipped.stdout


def test_an_unreachable_database_is_one_clear_line(tmp_path: Path) -> None:
    result = posapp("--db", "postgresql://nobody@127.0.0.1:1/none", "db", "upgrade")
    assert result.returncode == 4
    assert result.stderr.startswith("posapp: The database cannot be reached")
    assert result.stderr.count("\n") == 1


def test_a_database_in_an_impossible_place_is_one_clear_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    result = posapp("--db", str(blocker / "shop.sqlite"), "db", "upgrade")
    assert result.returncode != 0 and "Choose another place with --db" in result.stderr


@pytest.mark.parametrize("args", [["bogus"], ["demo", "--days", "x"]])
def test_a_mistyped_command_is_one_line(args: list[str]) -> None:
    result = posapp(*args)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "posapp --help" in result.stderr


def test_latvian_messages(tmp_path: Path) -> None:
    result = posapp("--lang", "lv", "--db", str(tmp_path / "x.sqlite"), "db", "upgrade")
    assert "Datubāze atjaunināta" in result.stdout


def test_loyalty_adjust_and_expire(tmp_path: Path) -> None:
    from posapp.domain.roles import Actor
    from posapp.services import loyalty
    from posapp.services.setup import open_database

    db = str(tmp_path / "shop.sqlite")
    uow = open_database(db)
    try:
        member = loyalty.enrol_customer(uow, Actor.command_line(), "Anna Bērziņa")
    finally:
        uow.engine.dispose()
    assert member.card_number is not None

    added = posapp("loyalty", "adjust", member.card_number, "50", "--reason", "welcome", "--db", db)
    assert added.returncode == 0, added.stderr
    assert added.stdout.strip() == "Anna Bērziņa now has 50 points (+50)."
    taken = posapp("--db", db, "loyalty", "adjust", member.card_number, "-60", "--reason", "oops")
    assert taken.returncode == 1 and "Not enough points: the customer has 50" in taken.stderr
    no_reason = posapp("--db", db, "loyalty", "adjust", member.card_number, "5")
    assert no_reason.returncode == 2
    unknown = posapp(
        "--db", db, "loyalty", "adjust", make_ean13("279999999999"), "5", "--reason", "x"
    )
    assert unknown.returncode == 1 and "belongs to no member" in unknown.stderr

    now = posapp("--db", db, "loyalty", "expire")
    assert now.returncode == 0 and now.stdout.startswith("Expired 0 points of 0 members")
    later = posapp("--db", db, "loyalty", "expire", "--date", "2099-01-01")
    assert later.returncode == 0 and later.stdout.startswith("Expired 50 points of 1 member,")
