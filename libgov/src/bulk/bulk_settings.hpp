#pragma once
// Private to libgov: connection settings for a bulk import, restored after.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <SQLiteCpp/SQLiteCpp.h>

namespace gov::detail {

// `unchecked_foreign_keys`: foreign keys are not checked row by row: every
// id a bulk import writes was looked up or made in the same transaction (a
// check per row was ~9 % of a 1M roster import, a search of the parent
// table for each reference). `big_cache`: a page cache big enough to hold
// what a transaction writes (256 MiB at most, instead of SQLite's 2 MB),
// for an import writing through the write-ahead log: pages
// spilled from a small cache go to the log, and are written again by the
// checkpoint. With a rollback journal (bulk_journal) the small cache is
// better: a spilled new page goes to the file once, where it ends anyway,
// and a big cache would only cost fresh memory (~2 ms a megabyte on the
// VMs gov runs on): a 200k issue import 0.97 ×. The roster import keeps the
// default either way: its memory has a limit. Made before the transaction
// begins (SQLite ignores foreign_keys inside one).
class bulk_settings {
  public:
    bulk_settings(SQLite::Database& db, bool unchecked_foreign_keys, bool big_cache);
    ~bulk_settings();
    bulk_settings(const bulk_settings&) = delete;
    bulk_settings& operator=(const bulk_settings&) = delete;

  private:
    SQLite::Database& m_db;
    bool m_unchecked_foreign_keys, m_big_cache;
    std::int64_t m_cache = 0, m_foreign_keys = 1;
};

/// For an import that writes more new pages than the database holds (the
/// first roster, more issues than are stored): its transaction runs with a
/// rollback journal instead of the write-ahead log, and the log comes back
/// after. Pages past the old end of the file need no journal, so each new
/// page is written once, to the database, instead of to the log and again
/// by the checkpoint. Measured: a 200k-issue import's commit 140 → 50 ms
/// (the whole import -14 %), a 1M roster import -12 %. Meanwhile
/// synchronous = FULL: the journal is on disk before the database changes.
///
/// The switch is tried without waiting and only works when no other
/// connection has the database open; otherwise the log stays and nothing
/// else differs. While the import runs, other connections read the
/// committed state until it first writes pages to the file, then wait (the
/// busy timeout) until it commits; its commit waits for their reads to end,
/// and a connection opening meanwhile keeps the rollback journal
/// (store.cpp). docs/reliability.md has the whole story.
/// Made before the transaction begins, ended after it ends.
class bulk_journal {
  public:
    bulk_journal(SQLite::Database& db, bool wanted);
    ~bulk_journal();
    bulk_journal(const bulk_journal&) = delete;
    bulk_journal& operator=(const bulk_journal&) = delete;

    /// True while the rollback journal is in use.
    bool active() const { return m_active; }

  private:
    SQLite::Database& m_db;
    bool m_active = false;
    std::int64_t m_synchronous = 1;
};

/// Runs CREATE INDEX statements (name, sql) for a bulk import, with the
/// connection's settings for a big sort (and its own back after): SQLite
/// may sort an index's keys with helper threads (PRAGMA threads, off by
/// default; at 1M residents on two cores ~0.2 s less), and sorts in
/// temporary files, not memory (96 MiB at 1M rows instead of 39), even
/// while statement journals are kept in memory (statement_journals.hpp).
void create_indexes(SQLite::Database& db,
                    const std::vector<std::pair<std::string, std::string>>& indexes);

}  // namespace gov::detail
