#pragma once
// Private to libgov: the merge of a roster file's checked rows into the
// store (roster_import.cpp reads the file; roster_row.hpp checks each row).
// Each row is matched to a stored resident or added; --sync then moves out
// whoever the file left out of the buildings it covers.

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <SQLiteCpp/SQLiteCpp.h>

#include "bulk/interface.hpp"
#include "gov/roster/roster_import.hpp"
#include "gov/store/config.hpp"
#include "roster/resident_inserter.hpp"
#include "roster/roster_places.hpp"
#include "roster/roster_row.hpp"

namespace gov::detail {

// The merge of one file into the store, inside one write transaction.
class roster_merger {
  public:
    roster_merger(context& ctx, SQLite::Database& db, const roster_layout& layout,
                  roster_import_result& result, const roster_import_options& options);

    // Merges one checked row; returns false (with problems recorded) when the
    // row conflicts with an earlier one, and then writes nothing for it.
    bool merge(const roster_row& row);

    // --sync: everyone active in the covered buildings who was not in the file moves out.
    void sync(const std::string& on);

    /// Inserts the new households, owners and residents still queued.
    /// Before anything reads residents or refers to one: searches, updates,
    /// leaders, the end.
    void flush() {
        m_places.flush();
        m_new_owners.flush();
        m_new_residents.flush();
    }

    /// The import's deferred indexes, given when the roster was empty
    /// before this import: nothing stored can match, so lookups of moved
    /// residents are skipped; and a room's residents are read by an index
    /// made when first needed.
    void set_deferred(deferred_indexes& indexes);

  private:
    using building_ref = roster_places::building_ref;
    using household_ref = roster_places::household_ref;

    // A stored resident as the merge compares it.
    struct stored_resident {
        std::int64_t id = 0;
        std::int64_t household_id = 0;
        std::string name, gender, phone, role, remark;
        std::optional<int> birth_year;
        bool party_member = false, volunteer = false, committee_member = false, active = true;
        std::optional<std::string> moved_in, moved_out;
        std::optional<std::int64_t> owner_id;
    };

    struct match_result {
        std::optional<stored_resident> resident;
        std::optional<std::int64_t>
            taken_on_line;  ///< the earlier row of this file that matched it
    };

    bool use_phone(const roster_row& row) const {
        return m_cfg.match == "name+phone" && !row.phone.empty();
    }

    static std::optional<std::uint64_t> line_of(const std::vector<std::uint32_t>& lines,
                                                std::int64_t id);
    static void set_line(std::vector<std::uint32_t>& lines, std::int64_t id, std::uint64_t line);

    stored_resident read_resident(SQLite::Statement& q);
    void consider(const stored_resident& r, const roster_row& row, match_result& best,
                  int& best_rank) const;
    match_result read_match(SQLite::Statement& q, const roster_row& row);
    match_result find_new(const roster_row& row) const;
    match_result find(std::int64_t hh, const roster_row& row);
    static stored_resident as_stored(std::int64_t id, std::int64_t hh, const roster_row& row,
                                     std::optional<std::int64_t> owner);
    void keep_room(const stored_resident& r);
    match_result find_moved(std::int64_t hh, const roster_row& row);
    stored_resident apply(const stored_resident& s, const roster_row& row, std::int64_t hh,
                          std::optional<std::int64_t> owner, std::vector<std::string>& changed);
    void update(const stored_resident& r);
    std::int64_t add_resident(std::int64_t hh, const roster_row& row,
                              std::optional<std::int64_t> owner);
    std::int64_t owner_id(const roster_row& row, std::int64_t hh);
    void set_leader(building_ref& b, std::optional<std::int64_t> resident);
    template <class Label>
    void example(std::vector<roster_example>& list, const roster_row& row, const Label& room,
                 const std::string& detail);

    const roster_config& m_cfg;
    SQLite::Database& m_db;
    const roster_layout& m_layout;
    roster_import_result& m_result;
    const roster_import_options& m_options;
    roster_places m_places;
    SQLite::Statement m_room_query, m_match_moved, m_find_owner, m_add_owner, m_update_resident;
    batched_insert m_new_owners;  // once the owner directory is read
    resident_inserter m_new_residents;
    std::vector<std::uint32_t> m_resident_line, m_household_line;
    struct new_resident {
        std::string name, phone;
        std::optional<int> birth_year;
        std::uint64_t line;
    };
    std::int64_t m_new_hh = 0;
    // The residents of stored household m_room_hh (0: none read), by id.
    std::int64_t m_room_hh = 0;
    std::vector<stored_resident> m_room;
    std::vector<new_resident> m_new_hh_residents;
    bool m_fresh = false;
    deferred_indexes* m_deferred = nullptr;
    // Owner idents: searched in the index until k_owner_searches, then all
    // read into the directory.
    static constexpr std::size_t k_owner_searches = 4096;
    std::size_t m_owner_searches = 0;
    std::optional<owner_directory> m_owners;
    std::string m_ident;  // the ident being looked up, its buffer reused
    std::map<std::int64_t, std::uint64_t> m_leader_line;
    std::set<std::int64_t> m_covered;
    std::int64_t m_last_covered = 0;  // the building last added to m_covered
};

}  // namespace gov::detail
