#include "roster/interface.hpp"

#include <charconv>
#include <vector>

#include <fmt/format.h>

#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"
#include "gov/values/person.hpp"

namespace gov::detail {
namespace {

std::optional<std::int64_t> as_id(std::string_view ref, bool bare_number_is_id) {
    if (!ref.empty() && ref[0] == '#')
        ref.remove_prefix(1);
    else if (!bare_number_is_id)
        return std::nullopt;
    std::int64_t id = 0;
    auto [p, ec] = std::from_chars(ref.data(), ref.data() + ref.size(), id);
    if (ec != std::errc{} || p != ref.data() + ref.size() || ref.empty()) return std::nullopt;
    return id;
}

std::vector<std::string> column_values(SQLite::Statement& q) {
    std::vector<std::string> out;
    while (q.executeStep()) out.push_back(q.getColumn(0).getString());
    return out;
}

// "a, b, c" — at most `limit` names, then "…".
std::string some(const std::vector<std::string>& names, std::size_t limit = 12) {
    std::string out;
    for (std::size_t i = 0; i < names.size() && i < limit; ++i) out += (i ? ", " : "") + names[i];
    if (names.size() > limit) out += ", …";
    return out.empty() ? tr("(none)") : out;
}

void require_exists(SQLite::Database& db, const char* table, std::int64_t id, std::string_view what,
                    std::string_view ref) {
    SQLite::Statement q(db, fmt::format("SELECT 1 FROM {} WHERE id = ?", table));
    q.bind(1, id);
    if (!q.executeStep()) throw not_found(fmt::format(fmt::runtime(tr("no {} {}")), what, ref));
}

}  // namespace

std::int64_t resolve_building(SQLite::Database& db, std::string_view ref) {
    if (auto id = as_id(ref, false)) {
        require_exists(db, "building", *id, tr("building"), ref);
        return *id;
    }
    std::string compound, name(ref);
    if (auto slash = ref.rfind('/'); slash != std::string_view::npos) {
        compound = std::string(ref.substr(0, slash));
        name = std::string(ref.substr(slash + 1));
    }
    SQLite::Statement q(
        db, compound.empty()
                ? "SELECT b.id, c.name FROM building b JOIN compound c ON c.id = b.compound_id "
                  "WHERE b.name = ?1"
                : "SELECT b.id, c.name FROM building b JOIN compound c ON c.id = b.compound_id "
                  "WHERE b.name = ?1 AND c.name = ?2");
    q.bind(1, name);
    if (!compound.empty()) q.bind(2, compound);
    std::vector<std::int64_t> ids;
    std::vector<std::string> where;
    while (q.executeStep()) {
        ids.push_back(q.getColumn(0).getInt64());
        where.push_back(fmt::format("{}/{}", q.getColumn(1).getString(), name));
    }
    if (ids.size() == 1) return ids.front();
    if (ids.size() > 1)
        throw input_error(fmt::format(
            fmt::runtime(tr("building \"{}\" is ambiguous; name it with its compound: {}")), ref,
            some(where)));
    SQLite::Statement all(
        db,
        "SELECT c.name || '/' || b.name FROM building b JOIN compound c "
        "ON c.id = b.compound_id ORDER BY c.name, CAST(b.name AS INTEGER), b.name LIMIT 13");
    throw not_found(fmt::format(fmt::runtime(tr("no building \"{}\"; buildings are: {}")), ref,
                                some(column_values(all))));
}

std::int64_t resolve_household(SQLite::Database& db, std::string_view ref) {
    if (auto id = as_id(ref, false)) {
        require_exists(db, "household", *id, tr("household"), ref);
        return *id;
    }
    auto last = ref.rfind('-');
    auto mid = last == std::string_view::npos ? last : ref.rfind('-', last - 1);
    if (mid == std::string_view::npos || mid == 0)
        throw input_error(fmt::format(
            fmt::runtime(
                tr("\"{}\" is not a room; write it as BUILDING-UNIT-ROOM, e.g. 12-3-1502")),
            ref));
    std::int64_t building = resolve_building(db, ref.substr(0, mid));
    SQLite::Statement q(db,
                        "SELECT h.id FROM household h JOIN unit u ON u.id = h.unit_id "
                        "WHERE u.building_id = ? AND u.name = ? AND h.room = ?");
    q.bind(1, building);
    q.bind(2, std::string(ref.substr(mid + 1, last - mid - 1)));
    q.bind(3, std::string(ref.substr(last + 1)));
    if (!q.executeStep()) throw not_found(fmt::format(fmt::runtime(tr("no room {}")), ref));
    return q.getColumn(0).getInt64();
}

std::int64_t resolve_resident(SQLite::Database& db, std::string_view ref, resident_match match) {
    bool phone_like = ref.size() == 11 && ref[0] == '1' && is_valid_phone(ref);
    if (!phone_like) {
        if (auto id = as_id(ref, true)) {
            require_exists(db, "resident", *id, tr("resident"), ref);
            return *id;
        }
    }
    SQLite::Statement q(
        db,
        phone_like
            ? "SELECT id, name, phone FROM resident WHERE phone = ? AND phone <> '' AND active = 1 "
              "ORDER BY id"
            : "SELECT id, name, phone FROM resident WHERE name = ? AND active = 1 ORDER BY id");
    q.bind(1, std::string(ref));
    std::vector<std::int64_t> ids;
    std::vector<std::string> names;
    // One person appears once per room they are recorded in (an owner of two
    // rooms); the same name and phone is the same person, as the roster's
    // owner rule has it, so such a reference to a person is not ambiguous.
    bool one_person = true;
    std::string first_name, first_phone;
    while (q.executeStep()) {
        ids.push_back(q.getColumn(0).getInt64());
        std::string name = q.getColumn(1).getString();
        std::string phone = q.getColumn(2).getString();
        if (ids.size() == 1) {
            first_name = name;
            first_phone = phone;
        } else if (name != first_name || phone != first_phone || phone.empty()) {
            one_person = false;
        }
        names.push_back(fmt::format("#{} {}", ids.back(), name));
    }
    if (ids.size() > 1 && one_person && match == resident_match::person) return ids.front();
    if (ids.size() == 1) return ids.front();
    if (ids.empty())
        throw not_found(fmt::format(fmt::runtime(tr("no active resident {}")),
                                    phone_like ? mask_phone(ref) : std::string(ref)));
    throw input_error(
        fmt::format(fmt::runtime(tr("\"{}\" names {} active residents; use the id: {}")),
                    phone_like ? mask_phone(ref) : std::string(ref), ids.size(), some(names)));
}

std::int64_t resolve_party(SQLite::Database& db, std::string_view ref) {
    if (auto id = as_id(ref, false)) {
        require_exists(db, "party", *id, tr("party"), ref);
        return *id;
    }
    SQLite::Statement q(db, "SELECT id FROM party WHERE name = ?");
    q.bind(1, std::string(ref));
    if (q.executeStep()) return q.getColumn(0).getInt64();
    SQLite::Statement all(db, "SELECT name FROM party ORDER BY name");
    throw not_found(fmt::format(fmt::runtime(tr("no party \"{}\"; parties are: {}")), ref,
                                some(column_values(all))));
}

std::string building_label(SQLite::Database& db, std::int64_t building_id) {
    SQLite::Statement q(db,
                        "SELECT c.name || '/' || b.name FROM building b JOIN compound c "
                        "ON c.id = b.compound_id WHERE b.id = ?");
    q.bind(1, building_id);
    return q.executeStep() ? q.getColumn(0).getString() : fmt::format("#{}", building_id);
}

std::string resident_label(SQLite::Database& db, std::int64_t id) {
    SQLite::Statement q(db, "SELECT name FROM resident WHERE id = ?");
    q.bind(1, id);
    return q.executeStep() ? fmt::format("{} #{}", q.getColumn(0).getString(), id)
                           : fmt::format("#{}", id);
}

std::string party_label(SQLite::Database& db, std::int64_t id) {
    SQLite::Statement q(db, "SELECT name FROM party WHERE id = ?");
    q.bind(1, id);
    return q.executeStep() ? q.getColumn(0).getString() : fmt::format("#{}", id);
}

std::string unit_label(SQLite::Database& db, std::int64_t id) {
    SQLite::Statement q(db, "SELECT name FROM unit WHERE id = ?");
    q.bind(1, id);
    return q.executeStep() ? q.getColumn(0).getString() : fmt::format("#{}", id);
}

}  // namespace gov::detail
