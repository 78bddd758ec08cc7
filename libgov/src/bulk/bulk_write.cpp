// The door of the bulk package (interface.hpp): a bulk import's settings
// and transaction, made and undone in the order SQLite needs.
#include <algorithm>

#include <fmt/format.h>

#include "bulk/bulk_settings.hpp"
#include "bulk/interface.hpp"
#include "bulk/statement_journals.hpp"
#include "gov/store/context.hpp"

namespace gov::detail {

deferred_indexes::deferred_indexes(SQLite::Database& db, const std::vector<std::string>& tables,
                                   bool with_triggers)
    : m_db(db) {
    std::string in;
    for (const auto& t : tables) in += (in.empty() ? "'" : ", '") + t + "'";
    // Triggers last, so that they are made again after the indexes.
    SQLite::Statement q(db, fmt::format("SELECT type, name, sql FROM sqlite_master WHERE type IN "
                                        "({}) AND tbl_name IN ({}) AND sql IS NOT NULL "
                                        "ORDER BY type = 'trigger', name",
                                        with_triggers ? "'index', 'trigger'" : "'index'", in));
    std::vector<std::string> drops;
    while (q.executeStep()) {
        const std::string type = q.getColumn(0).getString(), name = q.getColumn(1).getString();
        drops.push_back(fmt::format("DROP {} \"{}\"", type == "index" ? "INDEX" : "TRIGGER", name));
        m_waiting.emplace_back(name, q.getColumn(2).getString());
    }
    q.reset();
    for (const auto& drop : drops) db.exec(drop);
}

void deferred_indexes::need(std::string_view name) {
    auto it = std::find_if(m_waiting.begin(), m_waiting.end(),
                           [&](const auto& index) { return index.first == name; });
    if (it == m_waiting.end()) return;
    auto index = *it;
    m_waiting.erase(it);
    create_indexes(m_db, {index});
}

void deferred_indexes::restore() {
    create_indexes(m_db, m_waiting);
    m_waiting.clear();
}

bulk_write::bulk_write(context& ctx, const bulk_plan& plan) : m_db(ctx.db().impl().db()) {
    // The journal mode, the connection's settings and the statement
    // journals' storage only take effect outside a transaction: all before it.
    m_journal = std::make_unique<bulk_journal>(m_db, plan.bypass_log);
    if (plan.unchecked_foreign_keys || plan.big_cache_with_log)
        m_settings = std::make_unique<bulk_settings>(m_db, plan.unchecked_foreign_keys,
                                                     plan.big_cache_with_log && !bypassing_log());
    if (plan.memory_statement_journals)
        m_statement_journals = std::make_unique<memory_statement_journals>(m_db);
    if (plan.write) m_tx.emplace(ctx);
}

bulk_write::~bulk_write() {
    m_indexes.reset();
    m_tx.reset();  // rolls back when not committed
    m_statement_journals.reset();
    m_settings.reset();
    m_journal.reset();
}

bool bulk_write::bypassing_log() const {
    return m_journal && m_journal->active();
}

deferred_indexes& bulk_write::defer_indexes(const std::vector<std::string>& tables,
                                            bool with_triggers) {
    return m_indexes.emplace(m_db, tables, with_triggers);
}

void bulk_write::rows_written() {
    if (m_statement_journals) m_statement_journals->end();  // before the indexes are sorted
    if (m_indexes) m_indexes->restore();
}

void bulk_write::commit() {
    m_tx->commit();
    m_statement_journals.reset();
    m_settings.reset();
}

}  // namespace gov::detail
