// Electorates as asked for and stored: the kinds, resolving a request to ids
// (including an explicit list file), the stored JSON and a description in
// words. Freezing one into voters is in electorate_freeze.cpp.

#include "gov/voting/electorate.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "gov/store/context.hpp"
#include "gov/store/store.hpp"
#include "gov/text/csv_reader.hpp"
#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"
#include "roster/interface.hpp"
#include "store/interface.hpp"
#include "voting/proposal_internal.hpp"

namespace gov {

namespace {

constexpr std::pair<electorate_kind, std::string_view> kind_names[] = {
    {electorate_kind::residents, "residents"}, {electorate_kind::households, "households"},
    {electorate_kind::owners, "owners"},       {electorate_kind::leaders, "leaders"},
    {electorate_kind::list, "list"},
};

// The first few names of a longer list, for messages.
std::string some(const std::vector<std::string>& names, std::size_t limit = 12) {
    std::string out;
    for (std::size_t i = 0; i < names.size() && i < limit; ++i) {
        if (i > 0) out += ", ";
        out += names[i];
    }
    if (names.size() > limit) out += fmt::format(", … ({} in all)", names.size());
    return out;
}

// Where a list file's columns are: exactly one of 居民 (resident) and 房号
// (room), the room possibly within 楼栋/单元 (and 小区) columns.
struct list_columns {
    std::optional<std::size_t> resident, room, building, unit, compound;
    std::string name;  // the voter column's heading, for messages

    // The voter named on a row, as a resident or household reference.
    std::string ref(const csv_record& row) const {
        auto field = [&](std::optional<std::size_t> col) {
            return col && *col < row.size() ? std::string(row[*col]) : std::string();
        };
        std::string ref = field(resident ? resident : room);
        if (ref.empty() || !room || !building || !unit) return ref;
        // A roster-style file: the room number within separate building and unit columns.
        std::string b = field(building);
        if (std::string c = field(compound); !c.empty()) b = c + "/" + b;
        return fmt::format("{}-{}-{}", b, field(unit), ref);
    }
};

list_columns read_list_header(const csv_record& row, const std::string& source) {
    const csv_column wanted[] = {
        {"resident", {"居民", "resident"}, false}, {"room", {"房号", "room"}, false},
        {"building", {"楼栋", "building"}, false}, {"unit", {"单元", "unit"}, false},
        {"compound", {"小区", "compound"}, false},
    };
    csv_header_map header = map_csv_header(row, wanted, source);
    list_columns c{header.find("resident"), header.find("room"),     header.find("building"),
                   header.find("unit"),     header.find("compound"), {}};
    if (c.resident.has_value() == c.room.has_value())
        throw input_error(fmt::format(
            fmt::runtime(tr("{}:1: give exactly one of the columns 居民 (resident: an id, phone "
                            "or unique name) and 房号 (room: BUILDING-UNIT-ROOM)")),
            source));
    c.name = std::string(row[c.resident ? *c.resident : *c.room]);
    return c;
}

// The list file: a header and one column naming each voter. Every bad row is
// reported, each as file:line: column: reason.
void read_list_file(SQLite::Database& db, const electorate_request& request,
                    electorate_spec& spec) {
    const std::string source = request.list_file.filename().string();
    // Read once: hashed as it is read, the rest (if any) at the end.
    detail::import_file file(db.getFilename(), request.list_file, {},
                             tr("{}: cannot read the list file"));
    csv_options opts;
    opts.encoding = request.list_encoding;
    csv_reader reader(file.in(), source, opts);
    csv_record row;
    if (!reader.next(row))
        throw input_error(fmt::format(fmt::runtime(tr("{}: the list file is empty; it needs a "
                                                      "header with a 居民 (resident) or 房号 "
                                                      "(room) column")),
                                      source));
    const list_columns columns = read_list_header(row, source);
    spec.voters = columns.resident ? voter_kind::resident : voter_kind::household;

    std::vector<std::string> problems;
    std::unordered_map<std::int64_t, std::uint64_t> first_line;
    while (reader.next(row)) {
        auto problem = [&](const std::string& why) {
            problems.push_back(fmt::format("{}:{}: {}: {}", source, row.line(), columns.name, why));
        };
        std::string ref = columns.ref(row);
        if (ref.empty()) {
            problem(tr("empty"));
            continue;
        }
        try {
            std::int64_t id = columns.resident ? detail::resolve_resident(db, ref)
                                               : detail::resolve_household(db, ref);
            auto [it, added] = first_line.emplace(id, row.line());
            if (!added) {
                problem(fmt::format(fmt::runtime(tr("\"{}\" is listed twice (first: line {})")),
                                    ref, it->second));
                continue;
            }
            spec.list_ids.push_back(id);
        } catch (const error& e) {
            if (e.kind() != error_kind::not_found && e.kind() != error_kind::input) throw;
            problem(e.what());
        }
    }
    if (!problems.empty())
        throw input_error(fmt::format(fmt::runtime(tr("{}: {} problem(s) in the list; no "
                                                      "proposal was made")),
                                      source, problems.size()),
                          problems);
    if (spec.list_ids.empty())
        throw input_error(fmt::format(fmt::runtime(tr("{}: the list names nobody")), source));
    spec.list_file = source;
    spec.list_sha256 = file.digest();
}

}  // namespace

std::string_view to_string(electorate_kind k) {
    for (const auto& [kind, name] : kind_names)
        if (kind == k) return name;
    return "?";
}

electorate_kind parse_electorate_kind(std::string_view name) {
    for (const auto& [kind, n] : kind_names)
        if (n == name) return kind;
    throw usage_error(fmt::format(
        fmt::runtime(tr("unknown electorate \"{}\"; use residents, households, owners, leaders "
                        "or list")),
        name));
}

std::vector<electorate_member> list_electorate(context& ctx, std::string_view proposal_ref) {
    return detail::guard_sqlite(ctx.db().path(), [&] {
        auto& db = ctx.db().impl().db();
        detail::read_snapshot snapshot(db);
        proposal_info p = detail::load_proposal(db, detail::resolve_proposal(db, proposal_ref));
        if (!p.opened_at)
            throw conflict(fmt::format(
                fmt::runtime(tr("proposal {} has not been opened: its electorate is not frozen "
                                "yet")),
                p.name()));
        SQLite::Statement q(db,
                            "SELECT seq, voter_id, label, weight, group_key FROM proposal_voter "
                            "WHERE proposal_id = ? ORDER BY seq");
        q.bind(1, p.id);
        std::vector<electorate_member> out;
        while (q.executeStep()) {
            std::string key = detail::voter_key(p.electorate.voters, q.getColumn(1).getInt64());
            std::string group = q.getColumn(4).isNull() ? key : q.getColumn(4).getString();
            out.push_back({q.getColumn(0).getInt64(), std::move(key), q.getColumn(2).getString(),
                           q.getColumn(3).getInt64(), std::move(group)});
        }
        return out;
    });
}

namespace detail {

electorate_spec resolve_electorate(SQLite::Database& db, const electorate_request& request) {
    electorate_spec spec;
    spec.kind = request.kind;
    bool people =
        request.kind == electorate_kind::residents || request.kind == electorate_kind::leaders;
    spec.voters = people ? voter_kind::resident : voter_kind::household;
    if (request.kind == electorate_kind::list) {
        if (!request.buildings.empty() || !request.compounds.empty())
            throw usage_error(
                tr("a list electorate is exactly its list: --buildings and "
                   "--compounds do not apply"));
        if (request.list_file.empty()) throw usage_error(tr("a list electorate needs --list FILE"));
        read_list_file(db, request, spec);
        return spec;
    }
    if (!request.list_file.empty())
        throw usage_error(tr("--list applies to --electorate list only"));
    std::set<std::int64_t> buildings, compounds;
    for (const auto& b : request.buildings) buildings.insert(resolve_building(db, b));
    for (const auto& c : request.compounds) compounds.insert(detail::resolve_compound(db, c));
    spec.building_ids.assign(buildings.begin(), buildings.end());
    spec.compound_ids.assign(compounds.begin(), compounds.end());
    return spec;
}

std::string electorate_spec_json(const electorate_spec& spec) {
    nlohmann::json j;
    j["kind"] = to_string(spec.kind);
    j["voters"] = spec.voters == voter_kind::resident ? "residents" : "households";
    if (!spec.building_ids.empty()) j["buildings"] = spec.building_ids;
    if (!spec.compound_ids.empty()) j["compounds"] = spec.compound_ids;
    if (spec.kind == electorate_kind::list) {
        j["ids"] = spec.list_ids;
        j["file"] = spec.list_file;
        j["sha256"] = spec.list_sha256;
    }
    return j.dump();
}

electorate_spec parse_electorate_spec(std::string_view json_text) {
    try {
        auto j = nlohmann::json::parse(json_text);
        electorate_spec spec;
        spec.kind = parse_electorate_kind(j.at("kind").get<std::string>());
        spec.voters = j.at("voters").get<std::string>() == "residents" ? voter_kind::resident
                                                                       : voter_kind::household;
        if (j.contains("buildings"))
            spec.building_ids = j["buildings"].get<std::vector<std::int64_t>>();
        if (j.contains("compounds"))
            spec.compound_ids = j["compounds"].get<std::vector<std::int64_t>>();
        if (j.contains("ids")) spec.list_ids = j["ids"].get<std::vector<std::int64_t>>();
        if (j.contains("file")) spec.list_file = j["file"].get<std::string>();
        if (j.contains("sha256")) spec.list_sha256 = j["sha256"].get<std::string>();
        return spec;
    } catch (const nlohmann::json::exception& e) {
        throw internal_error(fmt::format("stored electorate is damaged: {}", e.what()));
    } catch (const usage_error& e) {
        throw internal_error(fmt::format("stored electorate is damaged: {}", e.what()));
    }
}

std::string describe_electorate(SQLite::Database& db, const electorate_spec& spec) {
    std::string text;
    switch (spec.kind) {
        case electorate_kind::residents:
            text = tr("adult residents");
            break;
        case electorate_kind::households:
            text = tr("households");
            break;
        case electorate_kind::owners:
            text = tr("owners (by floor area)");
            break;
        case electorate_kind::leaders:
            text = tr("building leaders");
            break;
        case electorate_kind::list:
            return fmt::format(fmt::runtime(tr("list of {} {} ({})")), spec.list_ids.size(),
                               spec.voters == voter_kind::resident ? tr("residents") : tr("rooms"),
                               spec.list_file);
    }
    std::vector<std::string> where;
    for (auto id : spec.building_ids) where.push_back(building_label(db, id));
    for (auto id : spec.compound_ids) {
        SQLite::Statement q(db, "SELECT name FROM compound WHERE id = ?");
        q.bind(1, id);
        where.push_back(q.executeStep() ? q.getColumn(0).getString() : fmt::format("#{}", id));
    }
    if (!where.empty()) text += " " + fmt::format(fmt::runtime(tr("in {}")), some(where));
    return text;
}

}  // namespace detail
}  // namespace gov
