#include "bulk/batched_insert.hpp"

#include <limits>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "gov/values/error.hpp"

namespace gov::detail {

insert_statements::insert_statements(SQLite::Database& db, std::string_view table,
                                     const std::vector<std::string>& columns)
    : m_db(db),
      m_head(fmt::format("INSERT INTO {}({}) VALUES ", table, fmt::join(columns, ", "))),
      m_columns(columns.size()) {}

insert_statements::~insert_statements() = default;

SQLite::Statement& insert_statements::of(std::size_t rows) {
    auto& s = m_by_rows.at(rows);
    if (!s) {
        std::string one = "(?";
        for (std::size_t c = 1; c < m_columns; ++c) one += ",?";
        one += ')';
        std::string sql = m_head;
        for (std::size_t i = 0; i < rows; ++i) sql += i ? "," + one : one;
        s = std::make_unique<SQLite::Statement>(m_db, sql);
    }
    return *s;
}

void insert_statements::run(SQLite::Statement& insert, std::int64_t last_id) {
    insert.exec();
    insert.reset();
    // SQLite gives a new row one more than the largest id in the table; a
    // table whose largest id is the largest possible would make it pick at
    // random.
    if (m_db.getLastInsertRowid() != last_id)
        throw internal_error("the ids of a batch are not the ones it was given");
}

batched_insert::batched_insert(SQLite::Database& db, std::string table,
                               std::vector<std::string> columns)
    : m_columns(columns.size()),
      m_largest_id(db, fmt::format("SELECT coalesce(max(id), 0) FROM {}", table)),
      m_queue(k_batch * columns.size()),
      m_inserts(db, table, columns) {}

batched_insert::~batched_insert() = default;

batched_insert::stored* batched_insert::next_row(std::size_t values) {
    if (values != m_columns) throw internal_error("batched_insert: wrong number of values");
    if (m_queued == 0) {  // rows may have come in another way since the last batch
        m_largest_id.executeStep();
        m_last_id = m_largest_id.getColumn(0).getInt64();
        m_largest_id.reset();
    }
    // SQLite would pick a random free id past this; no table gets here.
    if (m_last_id == std::numeric_limits<std::int64_t>::max())
        throw internal_error("ids exhausted");
    return &m_queue[m_queued * m_columns];
}

std::int64_t batched_insert::queued() {
    ++m_queued;
    const std::int64_t id = ++m_last_id;
    if (m_queued == k_batch) flush();
    return id;
}

std::int64_t batched_insert::add(std::span<const value> values) {
    stored* row = next_row(values.size());
    for (const value& v : values) {
        if (const auto* text = std::get_if<std::string_view>(&v)) {
            // Assigned over a string already there, it keeps its buffer.
            if (auto* s = std::get_if<std::string>(row))
                s->assign(*text);
            else
                row->emplace<std::string>(*text);
        } else if (const auto* n = std::get_if<std::int64_t>(&v)) {
            *row = *n;
        } else {
            *row = std::monostate{};
        }
        ++row;
    }
    return queued();
}

std::int64_t batched_insert::add_borrowed(std::span<const borrowed> values) {
    stored* row = next_row(values.size());
    for (const borrowed& v : values) {
        if (const auto* text = std::get_if<std::reference_wrapper<const std::string>>(&v))
            *row = &text->get();
        else if (const auto* n = std::get_if<std::int64_t>(&v))
            *row = *n;
        else
            *row = std::monostate{};
        ++row;
    }
    return queued();
}

void batched_insert::flush() {
    if (m_queued == 0) return;
    SQLite::Statement& s = m_inserts.of(m_queued);
    int at = 1;
    for (std::size_t i = 0; i < m_queued * m_columns; ++i, ++at) {
        const stored& v = m_queue[i];
        if (const auto* text = std::get_if<std::string>(&v))
            s.bindNoCopy(at, *text);  // the queue outlives the statement's step
        else if (const auto* borrowed_text = std::get_if<const std::string*>(&v))
            s.bindNoCopy(at, **borrowed_text);
        else if (const auto* n = std::get_if<std::int64_t>(&v))
            s.bind(at, *n);
        else
            s.bind(at);
    }
    m_queued = 0;
    m_inserts.run(s, m_last_id);  // SQLite numbers the rows as add() did (see the header)
}

}  // namespace gov::detail
