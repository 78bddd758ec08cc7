// Rebuilding a database from records as text (gov/records_export.hpp): all or
// nothing, into an empty database, foreign keys and the audit chain checked
// before commit.
#include <sqlite3.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "gov/reports/records_export.hpp"
#include "gov/store/audit.hpp"
#include "gov/store/store.hpp"
#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"
#include "reports/records_tables.hpp"
#include "store/interface.hpp"

namespace gov {
namespace fs = std::filesystem;

namespace {

using json = nlohmann::json;

[[noreturn]] void bad(const fs::path& file, std::int64_t line, const std::string& why) {
    throw input_error(line > 0 ? fmt::format("{}:{}: {}", file.string(), line, why)
                               : fmt::format("{}: {}", file.string(), why));
}

// Triggers guard changes (no ballot for a closed proposal, a frozen
// electorate); an import restores a state those triggers accepted when it
// was made, in an order they would not, so they are off while it loads.
class triggers_off {
  public:
    explicit triggers_off(SQLite::Database& db) : m_db(db) { set(0); }
    ~triggers_off() { set(1); }
    triggers_off(const triggers_off&) = delete;
    triggers_off& operator=(const triggers_off&) = delete;

  private:
    void set(int on) {
        int now = 0;
        sqlite3_db_config(m_db.getHandle(), SQLITE_DBCONFIG_ENABLE_TRIGGER, on, &now);
    }
    SQLite::Database& m_db;
};

bool has_rows(SQLite::Database& db, const std::string& table) {
    SQLite::Statement any(db,
                          "SELECT EXISTS (SELECT 1 FROM " + detail::quote_identifier(table) + ")");
    any.executeStep();
    return any.getColumn(0).getInt() != 0;
}

// Whether the database holds one audit event, gov init's community.init,
// the chain's head that points at it, and no other row in any table.
bool only_init_event(SQLite::Database& db, const std::vector<detail::record_table>& tables) {
    for (const auto& t : tables)
        if (t.name != "audit_event" && t.name != "meta" && has_rows(db, t.name)) return false;
    SQLite::Statement meta(db, "SELECT count(*) FROM meta WHERE key <> 'audit_head'");
    meta.executeStep();
    if (meta.getColumn(0).getInt64() != 0) return false;
    SQLite::Statement q(db, "SELECT count(*), min(action) = 'community.init' FROM audit_event");
    q.executeStep();
    return q.getColumn(0).getInt64() == 1 && q.getColumn(1).getInt() == 1;
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

void bind_value(SQLite::Statement& ins, int index, const json& v, const fs::path& file,
                std::int64_t line, const std::string& column) {
    switch (v.type()) {
        case json::value_t::null:
            ins.bind(index);
            return;
        case json::value_t::number_integer:
            ins.bind(index, v.get<std::int64_t>());
            return;
        case json::value_t::number_unsigned:
            if (v.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX))
                bad(file, line,
                    fmt::format(fmt::runtime(tr("{}: the number is too large")), column));
            ins.bind(index, static_cast<std::int64_t>(v.get<std::uint64_t>()));
            return;
        case json::value_t::number_float:
            ins.bind(index, v.get<double>());
            return;
        case json::value_t::string:
            ins.bind(index, v.get<std::string>());
            return;
        case json::value_t::object:
            if (v.size() == 1 && v.contains("$blob") && v["$blob"].is_string()) {
                const std::string& h = v["$blob"].get_ref<const std::string&>();
                std::string bytes;
                for (std::size_t i = 0; i + 1 < h.size(); i += 2) {
                    int hi = hex_digit(h[i]), lo = hex_digit(h[i + 1]);
                    if (hi < 0 || lo < 0) break;
                    bytes += static_cast<char>(hi * 16 + lo);
                }
                if (bytes.size() * 2 != h.size())
                    bad(file, line,
                        fmt::format(fmt::runtime(tr("{}: \"$blob\" is not hex")), column));
                ins.bind(index, bytes.data(), static_cast<int>(bytes.size()));
                return;
            }
            break;
        default:
            break;
    }
    bad(file, line,
        fmt::format(fmt::runtime(tr("{}: expected a number, text, null or {{\"$blob\": …}}")),
                    column));
}

json read_manifest(const fs::path& dir) {
    const fs::path file = dir / detail::manifest_file;
    std::ifstream in(file);
    if (!in) bad(file, 0, tr("cannot read it (is this a folder written by gov export?)"));
    json m;
    try {
        m = json::parse(in);
    } catch (const json::parse_error& e) {
        bad(file, 0, fmt::format(fmt::runtime(tr("not valid JSON: {}")), e.what()));
    }
    if (!m.is_object() || m.value("format", "") != detail::records_format)
        bad(file, 0,
            fmt::format(fmt::runtime(tr("\"format\" is not \"{}\"")), detail::records_format));
    if (!m.contains("schema_version") || !m["schema_version"].is_number_integer() ||
        !m.contains("tables") || !m["tables"].is_array())
        bad(file, 0, tr("needs \"schema_version\" (a number) and \"tables\" (a list)"));
    return m;
}

// Rows loaded of all, for progress.
struct load_progress {
    const progress_callback& report;
    std::uint64_t done = 0, total = 0;
    void row() {
        if (report && ++done % progress_rows == 0) report(done, total);
    }
};

std::int64_t load_table(SQLite::Database& db, const detail::record_table& t, const fs::path& file,
                        load_progress& progress) {
    std::ifstream in(file, std::ios::binary);
    if (!in) bad(file, 0, tr("cannot read it"));
    std::string columns, marks;
    for (const auto& c : t.columns) {
        columns += (columns.empty() ? "" : ", ") + detail::quote_identifier(c);
        marks += marks.empty() ? "?" : ", ?";
    }
    SQLite::Statement ins(db, fmt::format("INSERT INTO {}({}) VALUES ({})",
                                          detail::quote_identifier(t.name), columns, marks));
    std::string text;
    std::int64_t line = 0, rows = 0;
    while (std::getline(in, text)) {
        ++line;
        if (text.empty()) continue;
        json row;
        try {
            row = json::parse(text);
        } catch (const json::parse_error& e) {
            bad(file, line, fmt::format(fmt::runtime(tr("not valid JSON: {}")), e.what()));
        }
        if (!row.is_object()) bad(file, line, tr("expected one JSON object per line"));
        for (const auto& [key, value] : row.items())
            if (std::find(t.columns.begin(), t.columns.end(), key) == t.columns.end())
                bad(file, line,
                    fmt::format(fmt::runtime(tr("table {} has no column \"{}\"")), t.name, key));
        for (std::size_t i = 0; i < t.columns.size(); ++i) {
            auto it = row.find(t.columns[i]);
            if (it == row.end())
                bad(file, line,
                    fmt::format(fmt::runtime(tr("column \"{}\" is missing")), t.columns[i]));
            bind_value(ins, static_cast<int>(i) + 1, *it, file, line, t.columns[i]);
        }
        try {
            ins.exec();
        } catch (const SQLite::Exception& e) {
            int code = e.getErrorCode() & 0xff;
            if (code == SQLITE_CONSTRAINT || code == SQLITE_MISMATCH) bad(file, line, e.what());
            throw;
        }
        ins.reset();
        ins.clearBindings();
        ++rows;
        progress.row();
    }
    return rows;
}

}  // namespace

bool database_is_fresh(store& st) {
    return detail::guard_sqlite(st.path(), [&] {
        auto& db = st.impl().db();
        return only_init_event(db, detail::record_tables(db));
    });
}

int records_schema_level(const fs::path& dir) {
    return read_manifest(dir)["schema_version"].get<int>();
}

namespace {

// The manifest's level must be the database's, and one this gov knows.
void check_level(const fs::path& manifest_path, int level, int database_level) {
    if (level > detail::latest_migration())
        bad(manifest_path, 0,
            fmt::format(fmt::runtime(tr("the records are at schema level {}, newer than this "
                                        "gov (which knows up to level {}); use a newer gov")),
                        level, detail::latest_migration()));
    if (level != database_level)
        bad(manifest_path, 0,
            fmt::format(fmt::runtime(tr("the records are at schema level {}, the database "
                                        "at level {}; records go into a database made at "
                                        "their level (`gov import` makes one when the file "
                                        "does not exist), then brought up to date")),
                        level, database_level));
}

// Table name → the rows the manifest says it holds (-1: not said).
std::map<std::string, std::int64_t> manifest_rows(const json& manifest,
                                                  const fs::path& manifest_path) {
    std::map<std::string, std::int64_t> out;
    for (const auto& t : manifest["tables"]) {
        if (!t.is_object() || !t.contains("table") || !t["table"].is_string())
            bad(manifest_path, 0, tr("each entry of \"tables\" needs a \"table\" name"));
        out[t["table"].get<std::string>()] = t.contains("rows") && t["rows"].is_number_integer()
                                                 ? t["rows"].get<std::int64_t>()
                                                 : -1;
    }
    return out;
}

// The manifest lists exactly the database's tables, and those are empty
// unless the database is fresh.
void check_tables(SQLite::Database& db, const std::vector<detail::record_table>& tables,
                  const std::map<std::string, std::int64_t>& expected_rows, bool fresh,
                  const fs::path& manifest_path, const fs::path& db_path) {
    std::set<std::string> known;
    for (const auto& t : tables) known.insert(t.name);
    for (const auto& [name, rows] : expected_rows)
        if (!known.count(name))
            bad(manifest_path, 0,
                fmt::format(fmt::runtime(tr("the database has no table \"{}\"")), name));
    for (const auto& t : tables) {
        if (!expected_rows.count(t.name))
            bad(manifest_path, 0,
                fmt::format(fmt::runtime(tr("table \"{}\" is not listed")), t.name));
        if (!fresh && has_rows(db, t.name))
            throw conflict(fmt::format(
                fmt::runtime(tr("{}: the database is not empty (table {} has rows); gov "
                                "import fills a database that does not exist yet, or one "
                                "that `gov init` made with nothing recorded since: run it "
                                "in a new folder (gov init DIR --name NAME, then gov import "
                                "there)")),
                db_path.string(), t.name));
    }
}

// After every table is in: each foreign key points somewhere (the first
// twenty that do not are named).
void check_foreign_keys(SQLite::Database& db, const fs::path& dir) {
    SQLite::Statement fk(db, "PRAGMA foreign_key_check");
    std::vector<std::string> problems;
    while (fk.executeStep() && problems.size() < 20)
        problems.push_back(fmt::format(
            fmt::runtime(tr("{}.jsonl: the row with rowid {} refers to a missing {} row")),
            fk.getColumn(0).getString(), fk.getColumn(1).getInt64(), fk.getColumn(2).getString()));
    if (!problems.empty())
        throw input_error(
            fmt::format(fmt::runtime(tr("{}: foreign keys point nowhere")), dir.string()),
            problems);
}

}  // namespace

records_result import_records(store& st, const fs::path& dir, const records_options& options) {
    const json manifest = read_manifest(dir);
    const fs::path manifest_path = dir / detail::manifest_file;
    return detail::guard_sqlite(st.path(), [&] {
        auto& db = st.impl().db();
        records_result result;
        result.schema_version = db.execAndGet("PRAGMA user_version").getInt();
        check_level(manifest_path, manifest["schema_version"].get<int>(), result.schema_version);
        const auto tables = detail::record_tables(db);
        auto expected_rows = manifest_rows(manifest, manifest_path);
        // A community gov init just made holds its own community.init event
        // and nothing else: the records replace it (they have their own).
        const bool fresh = only_init_event(db, tables);
        check_tables(db, tables, expected_rows, fresh, manifest_path, st.path());

        load_progress progress{options.progress};
        for (const auto& [name, rows] : expected_rows)
            if (rows > 0) progress.total += static_cast<std::uint64_t>(rows);
        triggers_off off(db);
        SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
        if (fresh) db.exec("DELETE FROM audit_event; DELETE FROM meta");
        // Tables refer to each other in cycles (a building's leader is a
        // resident living in it): foreign keys are checked once, at the end.
        db.exec("PRAGMA defer_foreign_keys = ON");
        for (const auto& t : tables) {
            const fs::path file = dir / (t.name + ".jsonl");
            std::int64_t rows = load_table(db, t, file, progress);
            if (expected_rows[t.name] >= 0 && rows != expected_rows[t.name])
                bad(file, 0,
                    fmt::format(fmt::runtime(tr("holds {} rows; the manifest says {}")), rows,
                                expected_rows[t.name]));
            result.tables.push_back({t.name, rows});
        }
        check_foreign_keys(db, dir);
        audit_verification v = verify_audit(st);
        if (!v.intact)
            throw input_error(fmt::format(
                fmt::runtime(tr("{}: the audit log does not verify at event {}: {}")),
                (dir / "audit_event.jsonl").string(), v.first_bad_seq.value_or(0), v.problem));
        tx.commit();
        return result;
    });
}

}  // namespace gov
