#include "bulk/bulk_settings.hpp"

#include <algorithm>
#include <thread>

#include <fmt/format.h>

#include "store/interface.hpp"

namespace gov::detail {

bulk_settings::bulk_settings(SQLite::Database& db, bool unchecked_foreign_keys, bool big_cache)
    : m_db(db), m_unchecked_foreign_keys(unchecked_foreign_keys), m_big_cache(big_cache) {
    m_foreign_keys = db.execAndGet("PRAGMA foreign_keys").getInt64();
    if (big_cache) {
        m_cache = db.execAndGet("PRAGMA cache_size").getInt64();
        db.exec("PRAGMA cache_size = -262144");  // KiB: 256 MiB at most, used as needed
    }
    if (unchecked_foreign_keys) db.exec("PRAGMA foreign_keys = OFF");
}

bulk_settings::~bulk_settings() {
    try {
        if (m_big_cache) m_db.exec(fmt::format("PRAGMA cache_size = {}", m_cache));
        if (m_unchecked_foreign_keys)
            m_db.exec(fmt::format("PRAGMA foreign_keys = {}", m_foreign_keys));
    } catch (...) {  // destructors never throw; the settings die with the connection
    }
}

bulk_journal::bulk_journal(SQLite::Database& db, bool wanted) : m_db(db) {
    if (!wanted || db.execAndGet("PRAGMA journal_mode").getString() != "wal") return;
    const auto timeout = db.execAndGet("PRAGMA busy_timeout").getInt64();
    db.exec("PRAGMA busy_timeout = 0");  // another connection: keep the log, do not wait
    m_active = set_journal_mode(db, "delete") == "delete";
    db.exec(fmt::format("PRAGMA busy_timeout = {}", timeout));
    if (!m_active) return;
    m_synchronous = db.execAndGet("PRAGMA synchronous").getInt64();
    db.exec("PRAGMA synchronous = FULL");
}

bulk_journal::~bulk_journal() {
    if (!m_active) return;
    try {
        m_db.exec(fmt::format("PRAGMA synchronous = {}", m_synchronous));
        // Waits the busy timeout for readers; if they outlast it, the next
        // connection to open the database brings the log back (store.cpp).
        m_db.exec("PRAGMA journal_mode = WAL");
    } catch (...) {  // destructors never throw
    }
}

void create_indexes(SQLite::Database& db,
                    const std::vector<std::pair<std::string, std::string>>& indexes) {
    if (indexes.empty()) return;
    const auto threads = db.execAndGet("PRAGMA threads").getInt();
    const auto temp_store = db.execAndGet("PRAGMA temp_store").getInt();
    db.exec(fmt::format("PRAGMA threads = {}", std::min(std::thread::hardware_concurrency(), 4U)));
    db.exec("PRAGMA temp_store = FILE");
    for (const auto& [name, sql] : indexes) db.exec(sql);
    db.exec(fmt::format("PRAGMA temp_store = {}", temp_store));
    db.exec(fmt::format("PRAGMA threads = {}", threads));
}

}  // namespace gov::detail
