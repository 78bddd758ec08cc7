#pragma once
// Private to libgov: the new residents of a roster import, inserted many to
// a statement. Each INSERT statement costs SQLite a fixed amount besides its
// rows (opening and closing a cursor on the table and each index, ending
// the statement); at a million rows that was a good part of the import.

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include <SQLiteCpp/SQLiteCpp.h>

#include "bulk/interface.hpp"
#include "roster/roster_row.hpp"

namespace gov::detail {

/// Queues new residents and inserts them in batches. Their ids are known
/// when queued: SQLite gives a new row one more than the largest id in the
/// table, the largest is read at the start, and inside the write
/// transaction no one else adds a resident (each batch checks the ids it
/// got; an explicit id would cost SQLite a search of the table per row).
/// Until flush(), queued residents are not in the table: flush before
/// anything reads residents or refers to one.
class resident_inserter {
  public:
    explicit resident_inserter(SQLite::Database& db);
    ~resident_inserter();

    /// Queues a resident as the row gives them, living in `household`;
    /// returns their id. Inserts the batch when it is full.
    std::int64_t add(std::int64_t household, const roster_row& row,
                     std::optional<std::int64_t> owner);

    /// Inserts every queued resident.
    void flush();

  private:
    static constexpr std::size_t k_batch = insert_statements::k_batch;
    struct queued {
        std::int64_t id = 0;
        std::int64_t household = 0;
        std::optional<std::int64_t> owner;
        roster_row row;  // assigned over, so its strings keep their buffers
    };

    std::int64_t m_last_id = 0;
    std::array<queued, k_batch> m_queue;
    std::size_t m_queued = 0;
    insert_statements m_inserts;
};

}  // namespace gov::detail
