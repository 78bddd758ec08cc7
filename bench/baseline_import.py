#!/usr/bin/env python3
"""Baseline for `gov roster import`: the short script anyone would write.

    baseline_import.py [--wal] [--encoding gb18030] roster.csv out.db

Reads the roster with Python's csv module, converts the typed columns, and
inserts every row with executemany into a fresh table in one transaction,
then creates the room index — the same table and index run.sh gives the
sqlite3 CLI. It checks nothing beyond what int() and float() refuse, so it
is a floor for an importer that validates, not a competitor.
Standard library only.
"""

import argparse
import csv
import os
import sqlite3
import sys

TABLE = """CREATE TABLE roster (
    姓名 TEXT, 性别 TEXT, 出生年份 INTEGER, 小区 TEXT, 楼栋 INTEGER, 单元 INTEGER,
    房号 INTEGER, 电话 TEXT, 身份 TEXT, 建筑面积 REAL, 是否党员 TEXT, 是否楼长 TEXT,
    入住日期 TEXT, 备注 TEXT)"""
ROOM_INDEX = "CREATE INDEX roster_room ON roster(楼栋, 单元, 房号)"
INSERT = "INSERT INTO roster VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)"


def typed(records):
    """Converts each CSV record to the column types; blank numbers become NULL."""
    def number(text, kind):
        return kind(text) if text else None
    for r in records:
        yield (r[0], r[1], number(r[2], int), r[3], number(r[4], int), number(r[5], int),
               number(r[6], int), r[7], r[8], number(r[9], float), r[10], r[11], r[12], r[13])


def main(argv=None):
    ap = argparse.ArgumentParser(description="Python csv + sqlite3 roster import (a baseline).")
    ap.add_argument("csv", help="roster.csv (header row first)")
    ap.add_argument("db", help="database to create; an existing file is removed first")
    ap.add_argument("--wal", action="store_true", help="journal_mode=WAL, synchronous=NORMAL (as gov)")
    ap.add_argument("--encoding", default="utf-8-sig", help="of the CSV (default utf-8-sig)")
    a = ap.parse_args(argv)
    for leftover in (a.db, a.db + "-journal", a.db + "-wal", a.db + "-shm"):
        if os.path.exists(leftover):
            os.remove(leftover)
    db = sqlite3.connect(a.db, isolation_level=None)
    if a.wal:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
    db.execute("BEGIN")
    db.execute(TABLE)
    with open(a.csv, encoding=a.encoding, newline="") as f:
        records = csv.reader(f)
        next(records, None)
        db.executemany(INSERT, typed(records))
    db.execute(ROOM_INDEX)
    db.execute("COMMIT")
    db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
