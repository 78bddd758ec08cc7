#pragma once
// Private to libgov: how every change to records is written. A
// write_transaction begins IMMEDIATE (so two writers queue on the busy
// timeout instead of failing mid-way), carries the audit events of the change
// and commits them together; destroyed uncommitted, it rolls everything back.

#include <optional>
#include <string>

#include <SQLiteCpp/SQLiteCpp.h>
#include <nlohmann/json.hpp>

#include "gov/values/clock.hpp"

namespace gov {
class context;
}

namespace gov::detail {

/// Appends one event to the chain. Must run inside a write transaction.
void append_audit(SQLite::Database& db, timestamp at, const std::string& actor,
                  const std::string& action, const std::string& record_kind,
                  const std::string& record_id, const nlohmann::json& payload);

class write_transaction {
  public:
    explicit write_transaction(context& ctx);
    write_transaction(const write_transaction&) = delete;
    write_transaction& operator=(const write_transaction&) = delete;
    ~write_transaction();

    SQLite::Database& db() { return m_db; }

    /// Records what this change did; at least one event before commit().
    void audit(const std::string& action, const std::string& record_kind,
               const std::string& record_id, const nlohmann::json& payload);

    void commit();

  private:
    context& m_ctx;
    SQLite::Database& m_db;
    bool m_done = false;
    int m_events = 0;
};

}  // namespace gov::detail
