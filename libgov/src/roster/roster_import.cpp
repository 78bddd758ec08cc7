#include "gov/roster/roster_import.hpp"

#include <optional>
#include <streambuf>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "bulk/interface.hpp"
#include "gov/store/context.hpp"
#include "gov/text/encoding.hpp"
#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"
#include "roster/roster_merger.hpp"
#include "roster/roster_row.hpp"
#include "store/interface.hpp"
#include "text/interface.hpp"

namespace gov {
namespace {

using detail::roster_row;

bool roster_is_empty(context& ctx) {
    return ctx.db().impl().db().execAndGet("SELECT NOT EXISTS (SELECT 1 FROM resident)").getInt() !=
           0;
}

// Into an empty roster, secondary indexes are cheaper built once at the end
// (a sorted bulk build) than kept up row by row. That includes the unique
// owner_ident: meanwhile the owner directory, read whole at the start, is
// what keeps idents unique, and building the index again checks it. It
// includes resident_household, by which the merge reads a room's residents
// when the file comes back to a room it left: the first such read makes
// that index at once (deferred_indexes::need), and it is kept up from then
// on — a file in room order never needs it (8 % of a 1M import). The
// triggers on `resident` that delete the stored phone directory go too (a
// million deletes of nothing: ~0.26 s); the directory is deleted once here
// and, like the indexes, made at the end (store_phone_directory).
detail::deferred_indexes* defer_roster_indexes(detail::bulk_write& write) {
    if (write.db().execAndGet("SELECT EXISTS (SELECT 1 FROM resident)").getInt() != 0)
        return nullptr;
    auto& deferred = write.defer_indexes({"resident", "owner"}, true);
    // What those triggers would have done at the first resident (migration 9).
    write.db().exec("DELETE FROM phone_directory");
    return &deferred;
}

// Rows are read and checked on a second thread (which alone uses the reader
// from here on) while this one merges those before.
void merge_rows(context& ctx, csv_reader& reader, csv_record& rec,
                const detail::roster_layout& layout, detail::roster_merger& merger,
                roster_import_result& result) {
    const date today = ctx.today();
    struct checked_row {
        roster_row row;
        bool ok = false;
        std::vector<roster_problem> problems;
    };
    detail::row_pipeline<checked_row> rows([&](checked_row& r) {
        if (!reader.next(rec)) return false;
        r.problems.clear();
        r.ok = detail::read_roster_row(rec, layout, ctx.cfg().roster, today, r.row, r.problems);
        return true;
    });
    while (checked_row* r = rows.next()) {
        ++result.rows;
        if (!r->ok) {
            result.problems.insert(result.problems.end(), r->problems.begin(), r->problems.end());
            ++result.invalid;
        } else if (!merger.merge(r->row)) {
            ++result.invalid;
        }
    }
    merger.flush();
}

// The import's own record (roster_import) and its audit event.
void record_import(detail::write_transaction& tx, context& ctx,
                   const roster_import_options& options, const roster_import_result& result) {
    auto& db = tx.db();
    SQLite::Statement log(db,
                          "INSERT INTO roster_import(at, file, sha256, rows, added, updated, "
                          "unchanged, moved_out, invalid) VALUES (?,?,?,?,?,?,?,?,?)");
    log.bind(1, format_timestamp(ctx.now()));
    log.bind(2, options.file.filename().string());
    log.bind(3, result.sha256);
    int i = 4;
    for (auto n : {result.rows, result.added, result.updated, result.unchanged, result.moved_out,
                   result.invalid})
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
}

// Issue imports name residents by phone: the directory they look them up in
// (phone_directory.hpp) is read now, with the index hot, rather than by the
// next large issue import. After the commit, so that a second connection
// sees the new residents and reads half of it (in the transaction, one
// thread read it all: +10 % on a 1M import); still through the bulk journal,
// if any, so that its pages are written once. The roster is in whatever
// happens here: a failure only leaves the directory to that next import,
// and says so rather than fail an import that succeeded.
void store_phone_directory(SQLite::Database& db, roster_import_result& result) {
    try {
        detail::phone_directory::store_if_missing(db);
    } catch (const std::exception& e) {
        result.warnings.push_back(fmt::format(
            fmt::runtime(tr("the phone directory for issue imports was not stored ({}); the "
                            "next large issue import reads the phone index instead")),
            e.what()));
    }
}

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
    detail::import_file file(ctx.db().path(), options.file, options.progress,
                             tr("{}: cannot read the file"));
    std::istream& in = file.in();
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

    detail::guard_sqlite(ctx.db().path(), [&] {
        detail::bulk_write write(ctx, {.bypass_log = !options.dry_run && roster_is_empty(ctx),
                                       .unchecked_foreign_keys = true,
                                       .memory_statement_journals = true});
        // The merge in a scope of its own: what it holds is freed before
        // the phone directory is read (below).
        {
            detail::roster_merger merger(ctx, write.db(), layout, result, options);
            if (auto* deferred = defer_roster_indexes(write)) merger.set_deferred(*deferred);
            merge_rows(ctx, reader, rec, layout, merger, result);
            if (result.rows == 0)
                throw input_error(fmt::format(
                    fmt::runtime(tr("{}: the file has a header but no rows")), result.file));
            write.rows_written();  // before sync, which reads residents by building
            if (options.sync) merger.sync(format_date(options.moved_out_on.value_or(ctx.today())));
        }
        result.sha256 = file.digest();
        const bool changes = result.added + result.updated + result.moved_out > 0;
        if (options.dry_run || (result.invalid > 0 && !options.skip_invalid) || !changes) return;
        record_import(write.tx(), ctx, options, result);
        write.commit();
        result.committed = true;
        if (options.memory_freed) options.memory_freed();
        store_phone_directory(write.db(), result);
    });
    return result;
}

}  // namespace gov
