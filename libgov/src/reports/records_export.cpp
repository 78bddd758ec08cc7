// Records as text: every table as one JSON Lines file, sorted by primary key,
// plus a manifest. See gov/records_export.hpp for the format.
#include "gov/reports/records_export.hpp"

#include <fstream>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "gov/store/store.hpp"
#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"
#include "reports/records_tables.hpp"
#include "store/interface.hpp"

namespace gov {
namespace fs = std::filesystem;

namespace detail {

std::string quote_identifier(const std::string& name) {
    std::string out = "\"";
    for (char ch : name) {
        out += ch;
        if (ch == '"') out += '"';
    }
    return out + "\"";
}

std::vector<record_table> record_tables(SQLite::Database& db) {
    std::vector<std::string> names, virtual_tables;
    SQLite::Statement q(db,
                        "SELECT name, coalesce(sql, '') FROM sqlite_master WHERE type = 'table' "
                        "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name");
    while (q.executeStep()) {
        std::string name = q.getColumn(0).getString(), sql = q.getColumn(1).getString();
        if (sql.rfind("CREATE VIRTUAL TABLE", 0) == 0)
            virtual_tables.push_back(name);
        else
            names.push_back(name);
    }
    std::vector<record_table> out;
    for (const auto& name : names) {
        bool shadow = false;
        for (const auto& v : virtual_tables)
            if (name.rfind(v + "_", 0) == 0) shadow = true;
        // Derived from other tables and made again when wanted: not a record.
        if (shadow || name == "phone_directory") continue;
        record_table t{name, {}, {}};
        std::vector<std::pair<int, std::string>> key;
        SQLite::Statement info(db, "SELECT name, pk FROM pragma_table_info(?) ORDER BY cid");
        info.bind(1, name);
        while (info.executeStep()) {
            t.columns.push_back(info.getColumn(0).getString());
            if (int pk = info.getColumn(1).getInt(); pk > 0)
                key.emplace_back(pk, info.getColumn(0).getString());
        }
        std::sort(key.begin(), key.end());
        for (auto& [pos, column] : key) t.primary_key.push_back(column);
        out.push_back(std::move(t));
    }
    return out;
}

std::string order_by_key(const record_table& t) {
    if (t.primary_key.empty()) return " ORDER BY rowid";
    std::string out = " ORDER BY ";
    for (std::size_t i = 0; i < t.primary_key.size(); ++i)
        out += (i ? ", " : "") + quote_identifier(t.primary_key[i]);
    return out;
}

}  // namespace detail

namespace {

using json = nlohmann::ordered_json;

std::string hex(const void* data, int size) {
    static const char digits[] = "0123456789abcdef";
    std::string out;
    const auto* p = static_cast<const unsigned char*>(data);
    for (int i = 0; i < size; ++i) {
        out += digits[p[i] >> 4];
        out += digits[p[i] & 15];
    }
    return out;
}

json value_of(const SQLite::Column& c) {
    if (c.isInteger()) return c.getInt64();
    if (c.isFloat()) return c.getDouble();
    if (c.isNull()) return nullptr;
    if (c.isBlob()) return json{{"$blob", hex(c.getBlob(), c.getBytes())}};
    return c.getString();
}

// The folder must be ours to fill: missing, empty, or an earlier export
// (whose listed files are returned so that stale ones can go).
std::set<std::string> previous_files(const fs::path& dir) {
    std::set<std::string> files;
    if (!fs::exists(dir)) return files;
    if (!fs::is_directory(dir))
        throw conflict(
            fmt::format(fmt::runtime(tr("{}: exists and is not a folder")), dir.string()));
    if (fs::is_empty(dir)) return files;
    std::ifstream in(dir / detail::manifest_file);
    json manifest;
    try {
        if (in) manifest = json::parse(in);
    } catch (const json::exception&) {
        manifest = nullptr;
    }
    if (!manifest.is_object() || manifest.value("format", "") != detail::records_format)
        throw conflict(
            fmt::format(fmt::runtime(tr("{}: the folder is not empty and holds no earlier export "
                                        "(manifest.json); refusing to write into it")),
                        dir.string()));
    for (const auto& t : manifest.value("tables", json::array()))
        if (t.is_object() && t.contains("table") && t["table"].is_string())
            files.insert(t["table"].get<std::string>() + ".jsonl");
    return files;
}

void write_file(const fs::path& file, const std::string& content) {
    fs::path tmp = file;
    tmp += ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << content;
        out.close();
        if (!out)
            throw storage_error(fmt::format(fmt::runtime(tr("{}: cannot write")), tmp.string()));
    }
    std::error_code ec;
    fs::rename(tmp, file, ec);
    if (ec)
        throw storage_error(
            fmt::format(fmt::runtime(tr("{}: cannot write: {}")), file.string(), ec.message()));
}

}  // namespace

records_result export_records(store& st, const fs::path& dir, const records_options& options) {
    std::set<std::string> stale = previous_files(dir);
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec)
        throw storage_error(
            fmt::format(fmt::runtime(tr("{}: cannot create: {}")), dir.string(), ec.message()));
    return detail::guard_sqlite(st.path(), [&] {
        auto& db = st.impl().db();
        SQLite::Transaction snapshot(db, SQLite::TransactionBehavior::DEFERRED);
        records_result result;
        result.schema_version = db.execAndGet("PRAGMA user_version").getInt();
        json tables = json::array();
        const auto record_tables = detail::record_tables(db);
        // The rows of every table, for progress: counted only when asked.
        std::uint64_t total = 0, done = 0;
        if (options.progress)
            for (const auto& t : record_tables)
                total += static_cast<std::uint64_t>(
                    db.execAndGet("SELECT count(*) FROM " + detail::quote_identifier(t.name))
                        .getInt64());
        for (const auto& t : record_tables) {
            std::string columns;
            for (const auto& c : t.columns)
                columns += (columns.empty() ? "" : ", ") + detail::quote_identifier(c);
            SQLite::Statement q(
                db, fmt::format("SELECT {} FROM {}{}", columns, detail::quote_identifier(t.name),
                                detail::order_by_key(t)));
            std::string text;
            std::int64_t rows = 0;
            while (q.executeStep()) {
                json row = json::object();
                for (int i = 0; i < static_cast<int>(t.columns.size()); ++i)
                    row[t.columns[static_cast<std::size_t>(i)]] = value_of(q.getColumn(i));
                try {
                    text += row.dump(-1, ' ', false) + "\n";
                } catch (const json::exception&) {
                    throw input_error(fmt::format(
                        fmt::runtime(tr("table {}, row {}: holds text that is not valid UTF-8")),
                        t.name, rows + 1));
                }
                ++rows;
                if (options.progress && ++done % progress_rows == 0) options.progress(done, total);
            }
            write_file(dir / (t.name + ".jsonl"), text);
            stale.erase(t.name + ".jsonl");
            tables.push_back({{"table", t.name},
                              {"columns", t.columns},
                              {"primary_key", t.primary_key},
                              {"rows", rows}});
            result.tables.push_back({t.name, rows});
        }
        snapshot.commit();
        json manifest{{"format", detail::records_format},
                      {"schema_version", result.schema_version},
                      {"tables", std::move(tables)}};
        write_file(dir / detail::manifest_file, manifest.dump(2, ' ', false) + "\n");
        for (const auto& f : stale) fs::remove(dir / f, ec);
        return result;
    });
}

}  // namespace gov
