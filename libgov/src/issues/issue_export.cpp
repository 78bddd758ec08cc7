// `gov issue export`: every issue in the columns `gov issue import` reads.
#include <ostream>
#include <unordered_set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "gov/issues/issue_import.hpp"
#include "gov/roster/roster.hpp"
#include "gov/store/context.hpp"
#include "gov/text/csv_writer.hpp"
#include "gov/values/person.hpp"
#include "issues/issue_internal.hpp"
#include "issues/issue_row.hpp"
#include "store/interface.hpp"

namespace gov {

std::uint64_t export_issues(context& ctx, std::ostream& out, const issue_export_options& o) {
    using detail::issues::issue_field;
    using detail::issues::issue_field_count;
    const auto offset = ctx.cfg().utc_offset;
    auto& db = ctx.db().impl().db();
    if (o.reveal_pii)  // recorded before anything is written out
        record_pii_reveal(ctx, "issue export", detail::guard_sqlite(ctx.db().path(), [&] {
                              return db.execAndGet("SELECT count(*) FROM issue").getInt64();
                          }));
    return detail::guard_sqlite(ctx.db().path(), [&] {
        detail::read_snapshot snapshot(db);
        const std::uint64_t total =
            o.progress
                ? static_cast<std::uint64_t>(db.execAndGet("SELECT count(*) FROM issue").getInt64())
                : 0;
        // A building is written by its name, or COMPOUND/NAME where the name
        // alone is ambiguous — what import resolves back to the same building.
        std::unordered_set<std::string> ambiguous;
        SQLite::Statement a(db, "SELECT name FROM building GROUP BY name HAVING count(*) > 1");
        while (a.executeStep()) ambiguous.insert(a.getColumn(0).getString());

        SQLite::Statement q(
            db,
            "SELECT i.title, i.category, b.name, c.name, r.phone, i.status, i.priority, "
            "i.created_at, i.resolved_at, i.severity, i.description, p.name, ar.phone, ar.name, "
            "ar.id, i.due, i.due_explicit, (SELECT group_concat(t.tag, ',') FROM issue_tag t "
            "WHERE t.issue_id = i.id), i.room, i.household_id, hb.name, hc.name, hu.name, "
            "hh.room, i.resolution "
            "FROM issue i LEFT JOIN building b ON b.id = i.building_id "
            "LEFT JOIN compound c ON c.id = b.compound_id "
            "LEFT JOIN resident r ON r.id = i.raised_by "
            "LEFT JOIN party p ON p.id = i.assignee_party_id "
            "LEFT JOIN resident ar ON ar.id = i.assignee_resident_id "
            "LEFT JOIN household hh ON hh.id = i.household_id "
            "LEFT JOIN unit hu ON hu.id = hh.unit_id "
            "LEFT JOIN building hb ON hb.id = hu.building_id "
            "LEFT JOIN compound hc ON hc.id = hb.compound_id ORDER BY i.id");
        auto building_ref = [&](const std::string& name, const std::string& compound) {
            return ambiguous.count(name) ? compound + "/" + name : name;
        };
        auto phone = [&](const std::string& p) { return o.reveal_pii ? p : mask_phone(p); };
        auto day = [&](const SQLite::Column& c) {
            return c.isNull() ? std::string{}
                              : format_date(local_date(detail::stored_time(c.getString()), offset));
        };

        csv_writer csv(out);
        const auto& keys = detail::issues::issue_field_keys();
        if (o.format == issue_file_format::csv) {
            if (o.bom) out << byte_order_mark;
            std::vector<std::string> header;
            for (auto key : keys) {
                auto it = ctx.cfg().issues.columns.find(std::string(key));
                header.push_back(it != ctx.cfg().issues.columns.end() ? it->second
                                                                      : std::string(key));
            }
            csv.write_row(header);
        }
        std::uint64_t n = 0;
        std::vector<std::string> v(issue_field_count);
        auto at = [&](issue_field f) -> std::string& { return v[static_cast<std::size_t>(f)]; };
        while (q.executeStep()) {
            at(issue_field::title) = q.getColumn(0).getString();
            at(issue_field::category) = q.getColumn(1).getString();
            at(issue_field::building) =
                q.getColumn(2).isNull()
                    ? std::string{}
                    : building_ref(q.getColumn(2).getString(), q.getColumn(3).getString());
            std::string p = q.getColumn(4).getString();
            at(issue_field::raised_by_phone) = p.empty() ? p : phone(p);
            at(issue_field::status) = q.getColumn(5).getString();
            at(issue_field::priority) = q.getColumn(6).getString();
            at(issue_field::created) = day(q.getColumn(7));
            at(issue_field::resolved) = day(q.getColumn(8));
            at(issue_field::severity) = q.getColumn(9).getString();
            at(issue_field::description) = q.getColumn(10).getString();
            // A party by name; a resident by phone (or name, or id when neither).
            std::string assignee = q.getColumn(11).getString();
            if (assignee.empty() && !q.getColumn(14).isNull()) {
                std::string ap = q.getColumn(12).getString();
                assignee = !ap.empty() ? phone(ap) : q.getColumn(13).getString();
            }
            at(issue_field::assignee) = assignee;
            // A due date that came from the category is left for import to derive again.
            at(issue_field::due) = q.getColumn(16).getInt() ? q.getColumn(15).getString() : "";
            at(issue_field::tags) = q.getColumn(17).getString();
            // A stored room as BUILDING-UNIT-ROOM, which import links again.
            at(issue_field::room) =
                q.getColumn(19).isNull()
                    ? q.getColumn(18).getString()
                    : fmt::format(
                          "{}-{}-{}",
                          building_ref(q.getColumn(20).getString(), q.getColumn(21).getString()),
                          q.getColumn(22).getString(), q.getColumn(23).getString());
            at(issue_field::resolution) = q.getColumn(24).getString();
            if (o.format == issue_file_format::csv) {
                csv.write_row(v);
            } else {
                nlohmann::ordered_json j;
                for (std::size_t f = 0; f < issue_field_count; ++f) {
                    if (static_cast<issue_field>(f) == issue_field::tags) {
                        auto tags = nlohmann::json::array();
                        for (auto& t : detail::issues::split_tags(v[f]))
                            if (!t.empty()) tags.push_back(t);
                        j[std::string(keys[f])] = tags;
                    } else {
                        j[std::string(keys[f])] = v[f];
                    }
                }
                out << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
            }
            if (++n % progress_rows == 0 && o.progress) o.progress(n, total);
        }
        return n;
    });
}

}  // namespace gov
