// What the issue modules share: configured names, references and stored times.
#include <algorithm>

#include <fmt/format.h>

#include "gov/text/table.hpp"
#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"
#include "issues/issue_internal.hpp"
#include "roster/interface.hpp"

namespace gov::detail::issues {
namespace {

constexpr int max_tag_width = 40;

}  // namespace

std::vector<std::string> issue_statuses(const issues_config& cfg) {
    std::vector<std::string> out;
    for (const auto& [status, next] : cfg.transitions) out.push_back(status);
    return out;
}

std::vector<std::string> category_names(const issues_config& cfg) {
    std::vector<std::string> out;
    for (const auto& c : cfg.categories) out.push_back(c.name);
    return out;
}

void require_choice(std::string_view field, std::string_view value,
                    const std::vector<std::string>& choices) {
    if (std::find(choices.begin(), choices.end(), value) != choices.end()) return;
    throw input_error(fmt::format(fmt::runtime(tr("{}: \"{}\" is not one of: {}")), field, value,
                                  detail::joined(choices)));
}

std::vector<std::string> normalise_tags(const std::vector<std::string>& tags) {
    std::vector<std::string> out;
    for (const auto& raw : tags) {
        std::string tag(trim(raw, whitespace::typed));
        if (tag.empty()) continue;
        if (tag.find_first_of(",;") != std::string::npos || tag.find("、") != std::string::npos)
            throw input_error(fmt::format(
                fmt::runtime(tr("tag: \"{}\" holds a separator (, ; 、); give each tag alone")),
                tag));
        if (display_width(tag) > max_tag_width)
            throw input_error(fmt::format(fmt::runtime(tr("tag: \"{}\" is longer than {} columns")),
                                          tag, max_tag_width));
        out.push_back(std::move(tag));
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::vector<std::string> split_tags(std::string_view text) {
    std::vector<std::string> out;
    std::string cur;
    for (std::size_t i = 0; i < text.size();) {
        std::size_t sep = 0;
        if (text[i] == ',' || text[i] == ';')
            sep = 1;
        else
            for (std::string_view s : {"、", "，", "；"})
                if (text.substr(i, s.size()) == s) sep = s.size();
        if (sep) {
            out.push_back(std::move(cur));
            cur.clear();
            i += sep;
        } else {
            cur += text[i++];
        }
    }
    out.push_back(std::move(cur));
    return out;
}

std::int64_t resolve_building_ref(SQLite::Database& db, std::string_view ref) {
    try {
        return resolve_building(db, ref);
    } catch (const not_found& e) {
        throw input_error(fmt::format("{}: {}", tr("building"), e.what()));
    } catch (const input_error& e) {
        throw input_error(fmt::format("{}: {}", tr("building"), e.what()));
    }
}

std::int64_t resolve_resident_ref(SQLite::Database& db, std::string_view field,
                                  std::string_view ref) {
    try {
        return resolve_resident(db, ref, resident_match::person);
    } catch (const not_found& e) {
        throw input_error(fmt::format("{}: {}", field, e.what()));
    } catch (const input_error& e) {
        throw input_error(fmt::format("{}: {}", field, e.what()));
    }
}

issue_place resolve_place(SQLite::Database& db, std::string_view building, std::string_view unit,
                          std::string_view room) {
    issue_place p;
    p.room = std::string(room);
    if (!building.empty()) p.building = resolve_building_ref(db, building);
    if (!unit.empty()) {
        if (!p.building) throw input_error(tr("unit: a unit needs a building (--building)"));
        SQLite::Statement q(db, "SELECT id FROM unit WHERE building_id = ? AND name = ?");
        q.bind(1, *p.building);
        q.bind(2, std::string(unit));
        if (q.executeStep()) {
            p.unit = q.getColumn(0).getInt64();
        } else {
            SQLite::Statement all(db,
                                  "SELECT name FROM unit WHERE building_id = ? "
                                  "ORDER BY CAST(name AS INTEGER), name");
            all.bind(1, *p.building);
            std::vector<std::string> names;
            while (all.executeStep()) names.push_back(all.getColumn(0).getString());
            throw input_error(fmt::format(
                fmt::runtime(tr("unit: building {} has no unit \"{}\"; its units are: {}")),
                building_label(db, *p.building), unit,
                names.empty() ? std::string(tr("(none)")) : detail::joined(names)));
        }
    }
    if (room.empty()) return p;
    if (p.unit) {
        SQLite::Statement q(db, "SELECT id FROM household WHERE unit_id = ? AND room = ?");
        q.bind(1, *p.unit);
        q.bind(2, std::string(room));
        if (q.executeStep()) p.household = q.getColumn(0).getInt64();
        return p;
    }
    // "12-3-1502" names a stored room; when it does (in the building given,
    // if one is), the issue is linked to that household.
    if (std::count(room.begin(), room.end(), '-') < 2) return p;
    std::int64_t household = 0;
    try {
        household = resolve_household(db, room);
    } catch (const error&) {
        return p;  // not a stored room: a place written as text
    }
    SQLite::Statement q(db,
                        "SELECT u.building_id, u.id, h.room FROM household h "
                        "JOIN unit u ON u.id = h.unit_id WHERE h.id = ?");
    q.bind(1, household);
    q.executeStep();
    std::int64_t b = q.getColumn(0).getInt64();
    if (p.building && *p.building != b) return p;
    p.building = b;
    p.unit = q.getColumn(1).getInt64();
    p.household = household;
    p.room = q.getColumn(2).getString();
    return p;
}

issue_assignee resolve_assignee(SQLite::Database& db, std::string_view ref) {
    issue_assignee a;
    if (ref.empty()) return a;
    std::string party_problem;
    try {
        a.party = resolve_party(db, ref);
        a.label = party_label(db, *a.party);
        return a;
    } catch (const not_found& e) {
        party_problem = e.what();
    }
    if (!ref.empty() && ref[0] == '#')  // "#N" names a party only
        throw input_error(fmt::format("{}: {}", tr("assignee"), party_problem));
    try {
        a.resident = resolve_resident(db, ref, resident_match::person);
        a.label = resident_label(db, *a.resident);
        return a;
    } catch (const not_found& e) {
        throw input_error(
            fmt::format(
                "{}: {}", tr("assignee"),
                fmt::format(fmt::runtime(tr("\"{}\" is neither a party nor a resident")), ref)),
            {fmt::format("{}: {}", tr("as a party"), party_problem),
             fmt::format("{}: {}", tr("as a resident"), e.what())});
    } catch (const input_error& e) {
        throw input_error(fmt::format("{}: {}", tr("assignee"), e.what()));
    }
}

std::optional<date> category_due(const issues_config& cfg, std::string_view category,
                                 const date& created) {
    const issue_category* c = cfg.category(category);
    if (!c) return std::nullopt;
    return add_days(created, c->deadline_days);
}

}  // namespace gov::detail::issues
