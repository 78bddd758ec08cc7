#pragma once
// Private to libgov: rows of one table queued and inserted many to a
// statement, for the roster import's households and owners (its residents,
// a million rows, have their own copy-free resident_inserter.hpp).
//
// Each INSERT statement costs SQLite a fixed amount besides its rows:
// opening and closing a cursor on the table and each index, and ending the
// statement. At 370,000 households of a 1M roster, one statement a row was
// a tenth of the import.

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <SQLiteCpp/SQLiteCpp.h>

namespace gov::detail {

/// The INSERT statements of 1 … k_batch rows into one table's columns,
/// each prepared when first needed, and the run of one that checks SQLite
/// gave its rows the ids the caller counted on. Shared by batched_insert
/// and resident_inserter.hpp.
class insert_statements {
  public:
    static constexpr std::size_t k_batch = 32;

    insert_statements(SQLite::Database& db, std::string_view table,
                      const std::vector<std::string>& columns);
    ~insert_statements();
    insert_statements(const insert_statements&) = delete;
    insert_statements& operator=(const insert_statements&) = delete;

    /// The statement inserting `rows` rows (1 … k_batch), to bind.
    SQLite::Statement& of(std::size_t rows);

    /// Runs a statement of() returned, bound; its last row must get the id
    /// `last_id` (internal_error otherwise). Resets it for the next batch.
    void run(SQLite::Statement& insert, std::int64_t last_id);

  private:
    SQLite::Database& m_db;
    std::string m_head;  // INSERT INTO t(a, b) VALUES
    std::size_t m_columns;
    std::array<std::unique_ptr<SQLite::Statement>, k_batch + 1> m_by_rows;
};

/// Queues rows and inserts them in batches. Their ids are known when
/// queued: SQLite gives a new row one more than the largest id in the
/// table (for a table without AUTOINCREMENT), the largest is read as each
/// batch starts, and inside the write transaction nothing else adds a row
/// while rows are queued (each batch checks the ids it got; an explicit id
/// would cost SQLite a search of the table per row). Until flush(), queued
/// rows are not in the table: flush before anything reads the table.
class batched_insert {
  public:
    /// A value as given: NULL, an integer or a text (copied when queued).
    using value = std::variant<std::monostate, std::int64_t, std::string_view>;

    batched_insert(SQLite::Database& db, std::string table, std::vector<std::string> columns);
    ~batched_insert();
    batched_insert(const batched_insert&) = delete;
    batched_insert& operator=(const batched_insert&) = delete;

    /// Queues a row (a value for each column, in order); returns its id.
    std::int64_t add(std::span<const value> values);
    std::int64_t add(std::initializer_list<value> values) {
        return add(std::span<const value>(values.begin(), values.size()));
    }

    /// A value add_borrowed() queues as it is: NULL, an integer or a text
    /// that must stay as it is until its row is inserted.
    using borrowed =
        std::variant<std::monostate, std::int64_t, std::reference_wrapper<const std::string>>;

    /// As add(), without copying texts: they are inserted from where they
    /// are, by flush() or by the add that fills a statement's worth. For a
    /// caller that keeps a few rows' strings anyway: at 200,000 issues the
    /// copies were a tenth of the writing thread's time.
    std::int64_t add_borrowed(std::span<const borrowed> values);

    /// Inserts every queued row.
    void flush();

  private:
    static constexpr std::size_t k_batch = insert_statements::k_batch;
    using stored = std::variant<std::monostate, std::int64_t, std::string, const std::string*>;

    // Where the next row's values go in the queue; then queued() counts
    // the row in, gives its id and inserts a full batch.
    stored* next_row(std::size_t values);
    std::int64_t queued();

    std::size_t m_columns;
    SQLite::Statement m_largest_id;
    std::int64_t m_last_id = 0;
    std::vector<stored> m_queue;  // k_batch rows of m_columns values
    std::size_t m_queued = 0;     // rows
    insert_statements m_inserts;
};

}  // namespace gov::detail
