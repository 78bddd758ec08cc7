#include "bulk/owner_directory.hpp"

#include <functional>
#include <limits>

#include "gov/values/error.hpp"

namespace gov::detail {
namespace {

std::uint64_t hash_of(std::string_view ident) {
    return std::hash<std::string_view>{}(ident);
}

std::uint64_t tag_of(std::uint64_t hash) {
    return hash >> 32 << 32;
}

}  // namespace

owner_directory::owner_directory(SQLite::Database& db) : m_slots(1024, 0) {
    SQLite::Statement q(db, "SELECT ident, id FROM owner NOT INDEXED");
    while (q.executeStep()) {
        const SQLite::Column text = q.getColumn(0);
        add(std::string_view(text.getText(), static_cast<std::size_t>(text.getBytes())),
            q.getColumn(1).getInt64());
    }
}

std::size_t owner_directory::slot(std::string_view ident, std::uint64_t hash) const {
    const std::size_t mask = m_slots.size() - 1;
    const std::uint64_t tag = tag_of(hash);
    for (std::size_t s = hash & mask;; s = (s + 1) & mask) {
        const std::uint64_t v = m_slots[s];
        if (v == 0) return s;
        if ((v & ~std::uint64_t{0xffffffff}) == tag &&
            this->ident(m_entries[(v & 0xffffffff) - 1]) == ident)
            return s;
    }
}

std::optional<std::int64_t> owner_directory::find(std::string_view ident) const {
    const std::uint64_t v = m_slots[slot(ident, hash_of(ident))];
    if (v == 0) return std::nullopt;
    return m_entries[(v & 0xffffffff) - 1].id;
}

void owner_directory::add(std::string_view ident, std::int64_t id) {
    // Offsets and indexes are 32 bits: 4 GiB of idents, far beyond any roster.
    if (m_text.size() + ident.size() > std::numeric_limits<std::uint32_t>::max() ||
        m_entries.size() + 1 >= std::numeric_limits<std::uint32_t>::max())
        throw internal_error("owner directory: too many owners");
    if ((m_entries.size() + 1) * 2 > m_slots.size()) grow();
    const std::uint64_t hash = hash_of(ident);
    const std::size_t s = slot(ident, hash);
    if (m_slots[s] != 0) throw internal_error("owner directory: ident added twice");
    m_entries.push_back(
        {static_cast<std::uint32_t>(m_text.size()), static_cast<std::uint32_t>(ident.size()), id});
    m_text.append(ident);
    m_slots[s] = tag_of(hash) | m_entries.size();
}

void owner_directory::grow() {
    std::vector<std::uint64_t> old(m_slots.size() * 2, 0);
    old.swap(m_slots);
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t i = 0; i < m_entries.size(); ++i) {
        const std::uint64_t hash = hash_of(ident(m_entries[i]));
        std::size_t s = hash & mask;
        while (m_slots[s] != 0) s = (s + 1) & mask;
        m_slots[s] = tag_of(hash) | (i + 1);
    }
}

}  // namespace gov::detail
