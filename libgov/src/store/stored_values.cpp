// Binding filter values and reading stored ones back: how every package
// turns a column into a value, so a malformed stored time is the same
// internal error wherever it is read.
#include <fmt/format.h>

#include "store/interface.hpp"

namespace gov::detail {

int sql_conditions::bind(SQLite::Statement& q, int first) const {
    for (const auto& v : values) {
        if (const auto* i = std::get_if<std::int64_t>(&v))
            q.bind(first++, *i);
        else
            q.bind(first++, std::get<std::string>(v));
    }
    return first;
}

timestamp stored_time(std::string_view text) {
    auto t = parse_timestamp(text);
    if (!t) throw internal_error(fmt::format("a stored time is malformed: \"{}\"", text));
    return *t;
}

date stored_date(std::string_view text) {
    auto d = parse_date(text);
    if (!d) throw internal_error(fmt::format("a stored date is malformed: \"{}\"", text));
    return *d;
}

std::optional<std::string> optional_text(const SQLite::Column& c) {
    if (c.isNull()) return std::nullopt;
    return c.getString();
}

std::optional<std::int64_t> optional_id(const SQLite::Column& c) {
    if (c.isNull()) return std::nullopt;
    return c.getInt64();
}

std::optional<date> optional_date(const SQLite::Column& c) {
    if (c.isNull()) return std::nullopt;
    return stored_date(c.getString());
}

mapped_reads::mapped_reads(SQLite::Database& db) : m_db(db) {
    m_previous = db.execAndGet("PRAGMA mmap_size").getInt64();
    db.exec("PRAGMA mmap_size = 1073741824");  // at most 1 GiB; SQLite maps no more than the file
}

mapped_reads::~mapped_reads() {
    try {
        m_db.exec(fmt::format("PRAGMA mmap_size = {}", m_previous));
    } catch (...) {  // destructors never throw; the setting dies with the connection
    }
}

}  // namespace gov::detail
