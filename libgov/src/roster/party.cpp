#include "gov/roster/party.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "gov/store/context.hpp"
#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"
#include "roster/interface.hpp"
#include "roster/roster_records.hpp"
#include "store/interface.hpp"

namespace gov {
namespace {

party read_party(SQLite::Statement& q) {
    return {q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getString(),
            q.getColumn(3).getString(), q.getColumn(4).getInt() != 0};
}

bool is_kind(std::string_view kind) {
    const auto& kinds = party_kinds();
    return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

// Kinds in party_kinds() order, for ORDER BY.
std::string kind_order() {
    std::string sql = "CASE kind";
    const auto& kinds = party_kinds();
    for (std::size_t i = 0; i < kinds.size(); ++i)
        sql += fmt::format(" WHEN '{}' THEN {}", kinds[i], i);
    return sql + " END";
}

party load_party(SQLite::Database& db, std::int64_t id) {
    SQLite::Statement q(db, "SELECT id, name, kind, contact, active FROM party WHERE id = ?");
    q.bind(1, id);
    if (!q.executeStep()) throw not_found(fmt::format(fmt::runtime(tr("no party #{}")), id));
    return read_party(q);
}

}  // namespace

const std::vector<std::string>& party_kinds() {
    static const std::vector<std::string> kinds = {"community",           "owners_committee",
                                                   "property_management", "social_organisation",
                                                   "co_building_unit",    "other"};
    return kinds;
}

party add_party(context& ctx, const party_form& form) {
    std::string name(detail::trim(form.name, detail::whitespace::line_ends));
    std::string kind(detail::trim(form.kind, detail::whitespace::line_ends));
    std::vector<std::string> problems;
    if (name.empty()) problems.push_back(tr("name: required"));
    if (kind.empty())
        problems.push_back(fmt::format(fmt::runtime(tr("kind: required, one of {}")),
                                       detail::joined(party_kinds())));
    else if (!is_kind(kind))
        problems.push_back(fmt::format(fmt::runtime(tr("kind: \"{}\" is not one of {}")), kind,
                                       detail::joined(party_kinds())));
    if (problems.size() == 1) throw input_error(problems.front());
    if (!problems.empty())
        throw input_error(
            fmt::format(fmt::runtime(tr("{} problems with the party")), problems.size()), problems);
    return detail::guard_sqlite(ctx.db().path(), [&] {
        detail::write_transaction tx(ctx);
        auto& db = tx.db();
        SQLite::Statement dup(db, "SELECT id FROM party WHERE name = ?");
        dup.bind(1, name);
        if (dup.executeStep())
            throw conflict(fmt::format(fmt::runtime(tr("party \"{}\" already exists (#{})")), name,
                                       dup.getColumn(0).getInt64()));
        SQLite::Statement ins(db, "INSERT INTO party(name, kind, contact) VALUES (?, ?, ?)");
        ins.bind(1, name);
        ins.bind(2, kind);
        ins.bind(3, form.contact);
        ins.exec();
        party p{db.getLastInsertRowid(), name, kind, form.contact, true};
        tx.audit("party.add", "party", std::to_string(p.id),
                 {{"name", p.name}, {"kind", p.kind}, {"contact", detail::json_text(p.contact)}});
        tx.commit();
        return p;
    });
}

std::vector<party> list_parties(context& ctx, std::string_view kind) {
    if (!kind.empty() && !is_kind(kind))
        throw usage_error(fmt::format(fmt::runtime(tr("--kind: \"{}\" is not one of {}")), kind,
                                      detail::joined(party_kinds())));
    return detail::guard_sqlite(ctx.db().path(), [&] {
        auto& db = ctx.db().impl().db();
        SQLite::Statement q(db, "SELECT id, name, kind, contact, active FROM party" +
                                    std::string(kind.empty() ? "" : " WHERE kind = ?") +
                                    " ORDER BY " + kind_order() + ", name");
        if (!kind.empty()) q.bind(1, std::string(kind));
        std::vector<party> out;
        while (q.executeStep()) out.push_back(read_party(q));
        return out;
    });
}

party find_party(context& ctx, std::string_view ref) {
    return detail::guard_sqlite(ctx.db().path(), [&] {
        auto& db = ctx.db().impl().db();
        return load_party(db, detail::resolve_party(db, ref));
    });
}

}  // namespace gov
