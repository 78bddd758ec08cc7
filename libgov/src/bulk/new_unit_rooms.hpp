#pragma once
// Private to libgov's bulk package (offered through bulk/interface.hpp): the
// rooms a roster import has just added to a unit it made, so that their
// households are not searched for (roster_places.cpp).

#include <cstdint>
#include <string_view>
#include <vector>

namespace gov::detail {

// The rooms the file has added to a unit this import made, while the
// file is in that unit: any other room of it cannot exist yet, so its
// household is not searched for. Rooms are kept as hashes; a hash that
// is there (a room met again, or two rooms with one hash) is searched.
class new_unit_rooms {
  public:
    /// The file comes to a unit; `created` when this import just made it.
    void start(bool created);
    /// False when the room certainly has no household yet.
    bool may_hold(std::string_view room) const;
    /// The import added this room's household.
    void add(std::string_view room);

  private:
    void put(std::uint64_t hash);

    bool m_active = false;
    std::size_t m_count = 0;
    // Open addressing, at most half full; 0 is an empty slot.
    std::vector<std::uint64_t> m_slots = std::vector<std::uint64_t>(1024);
};

}  // namespace gov::detail
