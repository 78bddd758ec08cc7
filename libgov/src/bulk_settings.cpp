#include "bulk_settings.hpp"

#include <fmt/format.h>

namespace gov::detail {

bulk_settings::bulk_settings(SQLite::Database& db, bool big_cache)
    : m_db(db), m_big_cache(big_cache) {
    m_foreign_keys = db.execAndGet("PRAGMA foreign_keys").getInt64();
    if (big_cache) {
        m_cache = db.execAndGet("PRAGMA cache_size").getInt64();
        m_mmap = db.execAndGet("PRAGMA mmap_size").getInt64();
        db.exec("PRAGMA cache_size = -262144");  // KiB: 256 MiB at most, used as needed
        db.exec("PRAGMA mmap_size = 1073741824");
    }
    db.exec("PRAGMA foreign_keys = OFF");
}

bulk_settings::~bulk_settings() {
    try {
        if (m_big_cache) {
            m_db.exec(fmt::format("PRAGMA cache_size = {}", m_cache));
            m_db.exec(fmt::format("PRAGMA mmap_size = {}", m_mmap));
        }
        m_db.exec(fmt::format("PRAGMA foreign_keys = {}", m_foreign_keys));
    } catch (...) {  // destructors never throw; the settings die with the connection
    }
}

}  // namespace gov::detail
