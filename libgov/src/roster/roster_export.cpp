// The roster in the columns `gov roster import` reads, as CSV or JSON.
#include <ostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "gov/roster/roster.hpp"
#include "gov/store/config.hpp"
#include "gov/store/context.hpp"
#include "gov/text/csv_writer.hpp"
#include "gov/text/output_file.hpp"
#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"
#include "gov/values/person.hpp"
#include "gov/values/rational.hpp"
#include "roster/roster_records.hpp"
#include "store/interface.hpp"

namespace gov {
namespace {

// The first 14 fields of default_roster_columns() are the usual roster; the
// rest (volunteer, committee member, moved out) are written to CSV only when
// a resident has a value there, so a plain roster comes back as the clerk
// knows it and nothing a resident has is lost.
constexpr std::size_t standard_fields = 14;

std::string yes_no(bool v) {
    return v ? "是" : "否";
}

std::string optional_date(const std::optional<date>& d) {
    return d ? format_date(*d) : std::string{};
}

// One resident's value of one logical field, as the roster file writes it.
std::string csv_value(const std::string& field, const resident& r, bool reveal) {
    if (field == "name") return r.name;
    if (field == "gender") return r.gender;
    if (field == "birth_year") return r.birth_year ? std::to_string(*r.birth_year) : "";
    if (field == "compound") return r.compound;
    if (field == "building") return r.building;
    if (field == "unit") return r.unit;
    if (field == "room") return r.room;
    if (field == "phone") return reveal ? r.phone : mask_phone(r.phone);
    if (field == "role") return r.role;
    if (field == "area") return r.area_centi ? format_hundredths(*r.area_centi) : "";
    if (field == "party_member") return yes_no(r.party_member);
    if (field == "building_leader") return yes_no(r.building_leader);
    if (field == "moved_in") return optional_date(r.moved_in);
    if (field == "remark") return r.remark;
    if (field == "volunteer") return yes_no(r.volunteer);
    if (field == "committee_member") return yes_no(r.committee_member);
    if (field == "moved_out") return optional_date(r.moved_out);
    throw internal_error("roster export: unknown field " + field);
}

nlohmann::ordered_json json_row(const resident& r, bool reveal) {
    auto opt_date = [](const std::optional<date>& d) {
        return d ? nlohmann::ordered_json(format_date(*d)) : nlohmann::ordered_json(nullptr);
    };
    nlohmann::ordered_json o;
    o["name"] = r.name;
    o["gender"] = r.gender;
    o["birth_year"] = r.birth_year ? nlohmann::ordered_json(*r.birth_year) : nullptr;
    o["compound"] = r.compound;
    o["building"] = r.building;
    o["unit"] = r.unit;
    o["room"] = r.room;
    o["phone"] = reveal ? r.phone : mask_phone(r.phone);
    o["role"] = r.role;
    o["area"] = r.area_centi ? nlohmann::ordered_json(format_hundredths(*r.area_centi)) : nullptr;
    o["party_member"] = r.party_member;
    o["building_leader"] = r.building_leader;
    o["moved_in"] = opt_date(r.moved_in);
    o["remark"] = r.remark;
    o["volunteer"] = r.volunteer;
    o["committee_member"] = r.committee_member;
    o["moved_out"] = opt_date(r.moved_out);
    return o;
}

}  // namespace

roster_export_result export_roster(context& ctx, const roster_export_request& req,
                                   std::ostream& out) {
    roster_filter filter;
    filter.compound = req.scope.compound;
    filter.building = req.scope.building;
    filter.which =
        req.include_moved_out ? roster_filter::status::any : roster_filter::status::active;

    // What the export holds decides its optional columns, and a reveal is
    // audited before any personal data leaves.
    roster_export_result result;
    bool volunteers = false, committee = false, moved_out = false;
    detail::guard_sqlite(ctx.db().path(), [&] {
        auto& db = ctx.db().impl().db();
        auto where = detail::filter_conditions(db, ctx.cfg().roster, filter);
        SQLite::Statement q(db,
                            "SELECT count(*), coalesce(max(r.volunteer), 0), "
                            "coalesce(max(r.committee_member), 0), "
                            "coalesce(max(r.moved_out IS NOT NULL), 0) "
                            "FROM resident r JOIN household h ON h.id = r.household_id "
                            "JOIN unit u ON u.id = h.unit_id JOIN building b ON b.id = "
                            "u.building_id JOIN compound c ON c.id = b.compound_id WHERE 1" +
                                where.sql);
        where.bind(q);
        q.executeStep();
        result.residents = q.getColumn(0).getInt64();
        volunteers = q.getColumn(1).getInt() != 0;
        committee = q.getColumn(2).getInt() != 0;
        moved_out = q.getColumn(3).getInt() != 0;
    });
    if (req.reveal_pii) record_pii_reveal(ctx, "roster export", result.residents);

    const auto& columns = default_roster_columns();
    for (std::size_t i = 0; i < columns.size(); ++i) {
        const std::string& field = columns[i].first;
        bool wanted = i < standard_fields || req.format == roster_export_format::json ||
                      (field == "volunteer" && volunteers) ||
                      (field == "committee_member" && committee) ||
                      (field == "moved_out" && moved_out);
        if (wanted) result.fields.push_back(field);
    }

    std::uint64_t written = 0;
    auto wrote_one = [&] {
        if (req.progress && ++written % progress_rows == 0)
            req.progress(written, static_cast<std::uint64_t>(result.residents));
    };
    if (req.format == roster_export_format::csv) {
        if (req.bom) out << byte_order_mark;
        csv_writer csv(out);
        std::vector<std::string> row;
        for (const auto& field : result.fields) {
            auto it = ctx.cfg().roster.columns.find(field);
            row.push_back(it != ctx.cfg().roster.columns.end() ? it->second : field);
        }
        csv.write_row(row);
        for_each_resident(ctx, filter, [&](const resident& r) {
            row.clear();
            for (const auto& field : result.fields)
                row.push_back(csv_value(field, r, req.reveal_pii));
            csv.write_row(row);
            wrote_one();
        });
    } else {
        bool first = true;
        out << '[';
        for_each_resident(ctx, filter, [&](const resident& r) {
            out << (first ? "\n  " : ",\n  ")
                << json_row(r, req.reveal_pii)
                       .dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
            first = false;
            wrote_one();
        });
        out << (first ? "]\n" : "\n]\n");
    }
    return result;
}

roster_export_result export_roster_file(context& ctx, const roster_export_request& req,
                                        const std::filesystem::path& file) {
    private_output_file out(file);
    auto result = export_roster(ctx, req, out.stream());
    out.commit();
    return result;
}

}  // namespace gov
