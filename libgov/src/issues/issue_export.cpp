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

namespace {

using detail::issues::issue_field;
using detail::issues::issue_field_count;

// Every issue with what its columns are written from, in id order.
constexpr const char* export_sql =
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
    "LEFT JOIN compound hc ON hc.id = hb.compound_id ORDER BY i.id";

// A row of export_sql as the values of the import's columns, each written
// so that import reads it back to the same record.
class export_row {
  public:
    export_row(SQLite::Database& db, std::chrono::minutes offset, bool reveal_pii)
        : m_offset(offset), m_reveal(reveal_pii), m_values(issue_field_count) {
        SQLite::Statement a(db, "SELECT name FROM building GROUP BY name HAVING count(*) > 1");
        while (a.executeStep()) m_ambiguous.insert(a.getColumn(0).getString());
    }

    const std::vector<std::string>& read(SQLite::Statement& q) {
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
        return m_values;
    }

  private:
    std::string& at(issue_field f) { return m_values[static_cast<std::size_t>(f)]; }

    // A building is written by its name, or COMPOUND/NAME where the name
    // alone is ambiguous — what import resolves back to the same building.
    std::string building_ref(const std::string& name, const std::string& compound) const {
        return m_ambiguous.count(name) ? compound + "/" + name : name;
    }
    std::string phone(const std::string& p) const { return m_reveal ? p : mask_phone(p); }
    std::string day(const SQLite::Column& c) const {
        return c.isNull() ? std::string{}
                          : format_date(local_date(detail::stored_time(c.getString()), m_offset));
    }

    std::chrono::minutes m_offset;
    bool m_reveal;
    std::unordered_set<std::string> m_ambiguous;
    std::vector<std::string> m_values;
};

// The header row: each column under the name [issues.columns] gives it.
void write_header(csv_writer& csv, const issues_config& cfg) {
    std::vector<std::string> header;
    for (auto key : detail::issues::issue_field_keys()) {
        auto it = cfg.columns.find(std::string(key));
        header.push_back(it != cfg.columns.end() ? it->second : std::string(key));
    }
    csv.write_row(header);
}

// One JSON Lines object keyed by the column keys; tags as a list.
void write_json_line(std::ostream& out, const std::vector<std::string>& v) {
    const auto& keys = detail::issues::issue_field_keys();
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

}  // namespace

std::uint64_t export_issues(context& ctx, std::ostream& out, const issue_export_options& o) {
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
        export_row row(db, ctx.cfg().utc_offset, o.reveal_pii);
        SQLite::Statement q(db, export_sql);
        csv_writer csv(out);
        if (o.format == issue_file_format::csv) {
            if (o.bom) out << byte_order_mark;
            write_header(csv, ctx.cfg().issues);
        }
        std::uint64_t n = 0;
        while (q.executeStep()) {
            const auto& v = row.read(q);
            if (o.format == issue_file_format::csv)
                csv.write_row(v);
            else
                write_json_line(out, v);
            if (++n % progress_rows == 0 && o.progress) o.progress(n, total);
        }
        return n;
    });
}

}  // namespace gov
