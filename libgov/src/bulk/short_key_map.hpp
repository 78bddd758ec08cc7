#pragma once
// Private to libgov: text → integer for a few thousand short keys that are
// looked up hundreds of thousands of times (the ways an issue file may name
// a building). A std::unordered_map look-up visits a bucket and then a node
// elsewhere in memory — two or three cache misses while an import's other
// data fills the cache, ~7 % of a 200k-row issue import. Here a key of up
// to 22 bytes sits in its slot beside its value: one miss.

#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace gov::detail {

class short_key_map {
  public:
    /// Sets the value of `key`, replacing any.
    void put(std::string_view key, std::int64_t value) {
        if (key.size() > max_inline) {
            m_long[std::string(key)] = value;
            return;
        }
        if ((m_used + 1) * 2 > m_slots.size()) grow();
        slot& s = m_slots[find_slot(key)];
        if (s.size == empty) {
            ++m_used;
            s.size = static_cast<std::uint8_t>(key.size());
            std::memcpy(s.text, key.data(), key.size());
        }
        s.value = value;
    }

    /// The value of `key`, or nullptr.
    const std::int64_t* find(std::string_view key) const {
        if (key.size() > max_inline) {
            auto it = m_long.find(std::string(key));
            return it == m_long.end() ? nullptr : &it->second;
        }
        if (m_slots.empty()) return nullptr;
        const slot& s = m_slots[find_slot(key)];
        return s.size == empty ? nullptr : &s.value;
    }

  private:
    static constexpr std::size_t max_inline = 22;
    static constexpr std::uint8_t empty = 0xFF;
    struct slot {  // 32 bytes: two to a cache line
        std::int64_t value = 0;
        std::uint8_t size = empty;
        char text[max_inline + 1] = {};
    };

    // The slot holding `key`, or the empty one where it would go (the table
    // is at most half full, so there is one).
    std::size_t find_slot(std::string_view key) const {
        const std::size_t mask = m_slots.size() - 1;
        const std::size_t hash = std::hash<std::string_view>{}(key);
        std::size_t at = hash & mask;
        for (;;) {
            const slot& s = m_slots[at];
            if (s.size == empty ||
                (s.size == key.size() && std::memcmp(s.text, key.data(), key.size()) == 0))
                return at;
            at = (at + 1) & mask;
        }
    }

    void grow() {
        std::vector<slot> old(m_slots.empty() ? 16 : m_slots.size() * 2);
        old.swap(m_slots);  // m_slots is the new, empty table of twice the size
        for (const slot& s : old)
            if (s.size != empty) m_slots[find_slot({s.text, s.size})] = s;
    }

    std::vector<slot> m_slots;  // a power of two in size
    std::size_t m_used = 0;
    std::unordered_map<std::string, std::int64_t> m_long;  // keys longer than max_inline
};

}  // namespace gov::detail
