#include "bulk/new_unit_rooms.hpp"

#include <algorithm>
#include <functional>

namespace gov::detail {

namespace {

std::uint64_t room_hash(std::string_view room) {
    return std::hash<std::string_view>{}(room) | 1;  // never 0, the empty slot
}

}  // namespace

void new_unit_rooms::start(bool created) {
    m_active = created;
    m_count = 0;
    if (m_slots.size() > 1024)
        m_slots = std::vector<std::uint64_t>(1024);  // a huge unit does not slow every next one
    else
        std::fill(m_slots.begin(), m_slots.end(), 0);
}

bool new_unit_rooms::may_hold(std::string_view room) const {
    if (!m_active) return true;
    const std::uint64_t h = room_hash(room);
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t s = h & mask;; s = (s + 1) & mask) {
        if (m_slots[s] == h) return true;
        if (m_slots[s] == 0) return false;
    }
}

void new_unit_rooms::add(std::string_view room) {
    if (!m_active) return;
    if ((m_count + 1) * 2 > m_slots.size()) {
        std::vector<std::uint64_t> old(m_slots.size() * 2);
        old.swap(m_slots);
        m_count = 0;
        for (auto h : old)
            if (h) put(h);
    }
    put(room_hash(room));
}

void new_unit_rooms::put(std::uint64_t hash) {
    const std::size_t mask = m_slots.size() - 1;
    std::size_t s = hash & mask;
    while (m_slots[s] != 0 && m_slots[s] != hash) s = (s + 1) & mask;
    if (m_slots[s] == 0) ++m_count;
    m_slots[s] = hash;
}

}  // namespace gov::detail
