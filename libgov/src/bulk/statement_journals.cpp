#include "bulk/statement_journals.hpp"

#include <fmt/format.h>

namespace gov::detail {

memory_statement_journals::memory_statement_journals(SQLite::Database& db)
    : m_db(db), m_previous(db.execAndGet("PRAGMA temp_store").getInt()) {
    db.exec("PRAGMA temp_store = MEMORY");
    m_on = true;
}

memory_statement_journals::~memory_statement_journals() {
    try {
        end();
    } catch (...) {  // the connection is still usable; only slower next time
    }
}

void memory_statement_journals::end() {
    if (!m_on) return;
    m_on = false;
    m_db.exec(fmt::format("PRAGMA temp_store = {}", m_previous));
}

}  // namespace gov::detail
