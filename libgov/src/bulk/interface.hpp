#pragma once
// The bulk package's one door: everything a large import needs beyond plain
// INSERTs, for the roster, issue and vote imports. An import opens a
// bulk_write with the plan it wants (which SQLite settings, which indexes to
// build once at the end) and gets the transaction to write in; bulk_write
// makes the settings in the order SQLite needs them and undoes them in
// reverse, so an import reads as its own steps. The row tools it writes
// with come with the door: row_pipeline (reading on a second thread),
// batched_insert (many rows per INSERT), raw_statement (SQLite's own API for
// million-row loops), short_key_map and the phone and owner directories
// (lookups read whole at the start), new_unit_rooms. What each earns is in
// docs/performance.md; nothing else in libgov/src/bulk/ is for other
// packages.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <SQLiteCpp/SQLiteCpp.h>

#include "bulk/batched_insert.hpp"
#include "bulk/new_unit_rooms.hpp"
#include "bulk/owner_directory.hpp"
#include "bulk/phone_directory.hpp"
#include "bulk/raw_statement.hpp"
#include "bulk/row_pipeline.hpp"
#include "bulk/short_key_map.hpp"
#include "store/interface.hpp"

namespace gov {
class context;
}

namespace gov::detail {

class bulk_journal;
class bulk_settings;
class memory_statement_journals;

/// What an import asks of bulk_write. Every field is off by default: a
/// plan that asks nothing is a plain write_transaction.
struct bulk_plan {
    /// Writes more new pages than the database holds (the first roster,
    /// more issues than are stored): the transaction runs with a rollback
    /// journal, so each new page is written once (bulk_settings.hpp).
    bool bypass_log = false;
    /// Foreign keys not checked row by row: every id the import writes was
    /// looked up or made in the same transaction.
    bool unchecked_foreign_keys = false;
    /// A page cache big enough for the transaction, when it writes through
    /// the log (never with bypass_log in effect: there it only costs memory).
    bool big_cache_with_log = false;
    /// Statement journals in memory: for statements that write many rows or
    /// fire triggers that may abort (statement_journals.hpp).
    bool memory_statement_journals = false;
    /// False for a dry run: the settings, but no transaction to write in.
    bool write = true;
};

/// Secondary indexes (and, if asked, triggers) of some tables, dropped
/// while an import fills them and made again from their own definitions in
/// the same transaction: building an index once from the finished table is
/// several times cheaper than keeping it up row by row.
class deferred_indexes {
  public:
    /// Drops the indexes of `tables` (triggers too when `with_triggers`;
    /// they are made again after the indexes).
    deferred_indexes(SQLite::Database& db, const std::vector<std::string>& tables,
                     bool with_triggers);
    /// Makes the index or trigger `name` now, if it is one of those waiting
    /// (the roster merger, when it first needs to read by it).
    void need(std::string_view name);
    /// Makes every one still waiting.
    void restore();

  private:
    SQLite::Database& m_db;
    std::vector<std::pair<std::string, std::string>> m_waiting;  // name, sql
};

/// One bulk import's write: the settings of its plan, then its transaction.
/// Destroyed uncommitted, it rolls back and undoes the settings.
class bulk_write {
  public:
    bulk_write(context& ctx, const bulk_plan& plan);
    ~bulk_write();
    bulk_write(const bulk_write&) = delete;
    bulk_write& operator=(const bulk_write&) = delete;

    SQLite::Database& db() { return m_db; }
    /// The transaction; only when the plan writes.
    write_transaction& tx() { return *m_tx; }
    /// True while the rollback journal is in use (bulk_plan::bypass_log took effect).
    bool bypassing_log() const;

    /// Drops the indexes of `tables` until rows_written() (deferred_indexes).
    deferred_indexes& defer_indexes(const std::vector<std::string>& tables, bool with_triggers);

    /// Every row is in: the statement journals' setting goes back (before
    /// the indexes are sorted, or they would sort in memory), and the
    /// deferred indexes are made.
    void rows_written();

    /// Commits the transaction and undoes the settings; the rollback
    /// journal, if in use, stays until bulk_write goes, so that what an
    /// import writes after its commit (derived data) is written once too.
    void commit();

  private:
    SQLite::Database& m_db;
    // In the order they are made; destroyed in reverse.
    std::unique_ptr<bulk_journal> m_journal;
    std::unique_ptr<bulk_settings> m_settings;
    std::unique_ptr<memory_statement_journals> m_statement_journals;
    std::optional<write_transaction> m_tx;
    std::optional<deferred_indexes> m_indexes;
};

}  // namespace gov::detail
