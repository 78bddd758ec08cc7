#include "gov/roster/roster_import.hpp"

#include <fstream>
#include <optional>
#include <streambuf>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "bulk/bulk_settings.hpp"
#include "bulk/phone_directory.hpp"
#include "bulk/roster_bulk.hpp"
#include "bulk/row_pipeline.hpp"
#include "bulk/statement_journals.hpp"
#include "gov/store/context.hpp"
#include "gov/text/encoding.hpp"
#include "gov/text/i18n.hpp"
#include "gov/values/error.hpp"
#include "roster/roster_merger.hpp"
#include "roster/roster_row.hpp"
#include "store/store_impl.hpp"
#include "store/write_transaction.hpp"
#include "text/hashing_reader.hpp"

namespace gov {
namespace {

namespace fs = std::filesystem;
using detail::roster_row;

}  // namespace

std::vector<std::string> problem_messages(const roster_import_result& r) {
    std::vector<std::string> out;
    out.reserve(r.problems.size());
    for (const auto& p : r.problems)
        out.push_back(p.column.empty()
                          ? fmt::format("{}:{}: {}", r.file, p.line, p.reason)
                          : fmt::format("{}:{}: {}: {}", r.file, p.line, p.column, p.reason));
    return out;
}

roster_import_result import_roster(context& ctx, const roster_import_options& options) {
    roster_import_result result;
    result.file = options.file.string();
    detail::refuse_database_file(ctx.db().path(), options.file);
    std::ifstream file(options.file, std::ios::binary);
    if (!file)
        throw input_error(fmt::format(fmt::runtime(tr("{}: cannot read the file")), result.file));
    std::error_code ec;
    std::uint64_t total = fs::file_size(options.file, ec);
    detail::hashing_reader buf(*file.rdbuf(), [&](std::uint64_t done) {
        if (options.progress) options.progress(done, total);
    });
    std::istream in(&buf);
    csv_options copts;
    copts.encoding = parse_encoding_name(options.encoding.empty() ? ctx.cfg().roster.encoding
                                                                  : options.encoding);
    csv_reader reader(in, result.file, copts);
    result.encoding = std::string(encoding_name(reader.encoding()));
    csv_record rec;
    if (!reader.next(rec))
        throw input_error(fmt::format(fmt::runtime(tr("{}: the file is empty")), result.file));
    detail::roster_layout layout = detail::map_roster_header(rec, ctx.cfg().roster, result.file);
    result.warnings =
        unknown_column_warnings(layout.columns, result.file, tr("a roster column"), options.strict);

    auto& connection = ctx.db().impl().db();
    detail::guard_sqlite(ctx.db().path(), [&] {
        // The journal and the settings come before the transaction.
        const bool first_roster =
            !options.dry_run &&
            connection.execAndGet("SELECT NOT EXISTS (SELECT 1 FROM resident)").getInt() != 0;
        detail::bulk_journal journal(connection, first_roster);
        // The import in a scope of its own: what it holds is freed before
        // the phone directory is read (below).
        [&] {
            detail::bulk_settings settings(connection, false, false);
            detail::memory_statement_journals journals(connection);
            detail::write_transaction tx(ctx);
            auto& db = tx.db();
            detail::roster_merger merger(ctx, db, layout, result, options);
            detail::bulk_indexes deferred(db);
            merger.set_deferred(deferred);
            // Rows are read and checked on a second thread (which alone uses
            // the reader from here on) while this one merges those before.
            const date today = ctx.today();
            struct checked_row {
                roster_row row;
                bool ok = false;
                std::vector<roster_problem> problems;
            };
            detail::row_pipeline<checked_row> rows([&](checked_row& r) {
                if (!reader.next(rec)) return false;
                r.problems.clear();
                r.ok = detail::read_roster_row(rec, layout, ctx.cfg().roster, today, r.row,
                                               r.problems);
                return true;
            });
            while (checked_row* r = rows.next()) {
                ++result.rows;
                if (!r->ok) {
                    result.problems.insert(result.problems.end(), r->problems.begin(),
                                           r->problems.end());
                    ++result.invalid;
                } else if (!merger.merge(r->row)) {
                    ++result.invalid;
                }
            }
            merger.flush();
            // The write-ahead log holds the rows now: it goes to disk while the
            // indexes are built (bulk_settings.hpp). Not so with the rollback
            // journal, whose rows are in the database file itself: closing a
            // descriptor of that file would drop every lock this process holds
            // on it, SQLite's too, and another process could then read a
            // half-written file, or take the journal for a crashed one's and
            // roll the import back under it (seen, before this was so).
            std::optional<detail::background_sync> log_to_disk;
            if (!journal.active()) {
                log_to_disk.emplace(ctx.db().path().string() + "-wal");
                log_to_disk->start();
            }
            journals.end();  // before the indexes are sorted
            if (result.rows == 0)
                throw input_error(fmt::format(
                    fmt::runtime(tr("{}: the file has a header but no rows")), result.file));
            deferred.restore();  // before sync, which reads residents by building
            if (options.sync) merger.sync(format_date(options.moved_out_on.value_or(today)));
            result.sha256 = buf.digest();
            bool changes = result.added + result.updated + result.moved_out > 0;
            if (options.dry_run || (result.invalid > 0 && !options.skip_invalid) || !changes)
                return;
            SQLite::Statement log(
                db,
                "INSERT INTO roster_import(at, file, sha256, rows, added, updated, unchanged, "
                "moved_out, invalid) VALUES (?,?,?,?,?,?,?,?,?)");
            log.bind(1, format_timestamp(ctx.now()));
            log.bind(2, options.file.filename().string());
            log.bind(3, result.sha256);
            int i = 4;
            for (auto n : {result.rows, result.added, result.updated, result.unchanged,
                           result.moved_out, result.invalid})
                log.bind(i++, static_cast<std::int64_t>(n));
            log.exec();
            tx.audit("roster.import", "roster_import", std::to_string(db.getLastInsertRowid()),
                     {{"file", options.file.filename().string()},
                      {"sha256", result.sha256},
                      {"encoding", result.encoding},
                      {"rows", result.rows},
                      {"added", result.added},
                      {"updated", result.updated},
                      {"unchanged", result.unchanged},
                      {"moved_out", result.moved_out},
                      {"invalid", result.invalid},
                      {"sync", options.sync}});
            tx.commit();
            result.committed = true;
        }();
        // Issue imports name residents by phone: the directory they look
        // them up in (phone_directory.hpp) is read now, with the index
        // hot, rather than by the next large issue import. After the
        // commit, so that a second connection sees the new residents and
        // reads half of it (in the transaction, one thread read it all:
        // +10 % on a 1M import); still through the bulk journal, if any,
        // so that its pages are written once. The roster is in whatever
        // happens here: a failure only leaves the directory to that next
        // import.
        if (!result.committed) return;
        if (options.memory_freed) options.memory_freed();
        try {
            detail::phone_directory::store_if_missing(connection);
        } catch (const std::exception& e) {
            // The roster is committed; the directory is derived data. Say
            // so rather than fail an import that succeeded.
            result.warnings.push_back(fmt::format(
                fmt::runtime(tr("the phone directory for issue imports was not stored ({}); the "
                                "next large issue import reads the phone index instead")),
                e.what()));
        }
    });
    return result;
}

}  // namespace gov
