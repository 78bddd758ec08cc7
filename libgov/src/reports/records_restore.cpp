// gov import: an export made into a database file again, with the file
// handling that makes it all or nothing.
#include <system_error>

#include <fmt/format.h>

#include "gov/reports/records_export.hpp"
#include "gov/store/audit.hpp"
#include "gov/store/store.hpp"
#include "gov/values/error.hpp"

namespace gov {
namespace {

namespace fs = std::filesystem;

// Whether the existing `file` is a database gov init just made (nothing
// recorded since), which records at an older level replace. A file with a
// write-ahead log beside it is in use and never counts as fresh.
bool replaceable(const fs::path& file, const store_options& options) {
    if (fs::exists(file.string() + "-wal")) return false;
    store st = store::open(file, options);
    return database_is_fresh(st);
}

void remove_database(const fs::path& file) {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(file.string() + suffix, ec);
}

}  // namespace

records_restored restore_records(const fs::path& database, const fs::path& dir,
                                 const store_options& options, const records_options& records) {
    records_restored out;
    out.created = !fs::exists(database);
    store_options made = options;
    // Records an older gov exported go into a database made at their
    // level, brought up to date once they are in.
    const int level = records_schema_level(dir);
    const bool older = level >= 1 && level < store::latest_schema_version();
    // A database gov init just made is at today's level: for older records
    // it is set aside (kept until they are in) and made anew.
    const fs::path set_aside = database.string() + ".gov-init";
    bool aside = false;
    if (!out.created && older && replaceable(database, options)) {
        std::error_code ec;
        fs::rename(database, set_aside, ec);
        if (ec)
            throw storage_error(fmt::format("{}: cannot set it aside as {}: {}", database.string(),
                                            set_aside.string(), ec.message()));
        aside = out.created = true;
    }
    if (out.created && older) made.schema_level = level;
    try {
        store st = out.created ? store::create(database, made) : store::open(database, made);
        out.records = import_records(st, dir, records);
        st.migrate();
        out.audit_events = verify_audit(st).events;
    } catch (...) {
        if (out.created) {
            // A half-made database is worse than none: leave things as they were.
            remove_database(database);
            std::error_code ec;
            if (aside) fs::rename(set_aside, database, ec);
        }
        throw;
    }
    if (aside) {
        std::error_code ec;
        fs::remove(set_aside, ec);
    }
    return out;
}

}  // namespace gov
