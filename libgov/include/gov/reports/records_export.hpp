#pragma once
/// \file
/// Records as text, for version control: every table of the database as one
/// JSON Lines file, deterministic and diff-friendly, and the way back.
///
/// `export_records` writes DIR/manifest.json (format, schema level, the
/// tables with their columns and row counts — nothing that depends on when
/// the export ran) and DIR/<table>.jsonl for every table in the database
/// (sqlite_* tables and the shadow tables of virtual tables excepted, so
/// tables added by later migrations are covered without change here). Each
/// line is one row as a JSON object whose keys are the columns in
/// declaration order; rows are sorted by primary key (rowid when there is
/// none). Integers stay integers, NULL is null, text is a string, a real is
/// a number and a blob is {"$blob": "<hex>"}.
///
/// `import_records` rebuilds a database from such a folder: only into an
/// empty database at the same schema level (records an older gov exported
/// go into a database created at their level, which store::migrate() then
/// brings up to date), all or nothing, with foreign
/// keys checked and the audit chain re-verified before commit. It restores
/// rows exactly as exported, so the triggers that guard state changes (a
/// closed proposal, a frozen electorate) are not consulted while it loads:
/// they judge changes, and an import replays no change, it restores a state
/// that those triggers already accepted when it was made. An import adds no
/// audit event of its own, so export → import → export is byte-identical.
///
/// \code
///   gov::export_records(ctx.db(), "records");
///   gov::store_options at_their_level;
///   at_their_level.schema_level = gov::records_schema_level("records");
///   gov::store fresh = gov::store::create("copy.db", at_their_level);
///   gov::import_records(fresh, "records");
///   fresh.migrate();
/// \endcode

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "gov/store/store.hpp"
#include "gov/text/progress.hpp"

namespace gov {

/// How an export or import of records reports on itself.
struct records_options {
    /// Called every progress_rows rows with the rows written (or loaded)
    /// and the rows of every table.
    progress_callback progress;
};

/// A table and how many rows it has.
struct table_rows {
    std::string table;
    std::int64_t rows = 0;
};

struct records_result {
    int schema_version = 0;
    std::vector<table_rows> tables;  ///< in name order
};

/// Writes the records of `db` into `dir` (created when missing). `dir` must
/// be missing, empty, or hold an earlier export (a manifest.json), whose
/// files are replaced.
/// \throws conflict when `dir` holds something else; storage_error on I/O.
records_result export_records(store& db, const std::filesystem::path& dir,
                              const records_options& options = {});

/// The schema level an export's records are at (its manifest's).
/// \throws input_error for a missing or malformed manifest.
int records_schema_level(const std::filesystem::path& dir);

/// Whether `db` holds nothing but the community.init event `gov init`
/// wrote: import_records replaces such a database's contents.
bool database_is_fresh(store& db);

/// Loads an export into `db`, which must have no rows in any table but the
/// community.init event of a fresh database (database_is_fresh), which the
/// records' own events replace.
/// \throws conflict when `db` is not empty; input_error naming the file and
///         line for a malformed manifest or row, a schema level other than
///         the database's, a table or column the database does not have, a
///         foreign key that points nowhere, or an audit chain that does not
///         verify; storage_error on I/O. Nothing is written unless all is well.
records_result import_records(store& db, const std::filesystem::path& dir,
                              const records_options& options = {});

/// What restore_records did.
struct records_restored {
    records_result records;
    std::int64_t audit_events = 0;  ///< in the verified chain afterwards
    bool created = false;           ///< the database file was made anew
};

/// `gov import`: rebuilds the database file `database` from an export in
/// `dir`. A missing file is created; an existing one must be fresh
/// (database_is_fresh). Records an older gov exported go into a database
/// made at their level (a fresh one at today's level is set aside and made
/// anew) and are migrated once in; the audit chain is then verified. All or
/// nothing: on any failure a database this call made is removed again and
/// the one set aside is put back.
/// 	hrows as import_records, and storage_error for the files.
records_restored restore_records(const std::filesystem::path& database,
                                 const std::filesystem::path& dir, const store_options& options,
                                 const records_options& records = {});

}  // namespace gov
