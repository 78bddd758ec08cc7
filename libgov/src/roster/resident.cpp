#include "gov/roster/resident.hpp"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "gov/store/context.hpp"
#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"
#include "gov/values/person.hpp"
#include "gov/values/rational.hpp"
#include "roster/interface.hpp"
#include "roster/roster_records.hpp"
#include "store/interface.hpp"

namespace gov {
namespace {

using nlohmann::json;

// Checks the text fields of a resident as a roster row is checked, collecting
// every problem so that the clerk can fix them all at once.
class field_check {
  public:
    explicit field_check(const context& ctx) : m_cfg(ctx.cfg().roster), m_today(ctx.today()) {}

    std::string name(std::string_view text) {
        std::string v(detail::trim(text, detail::whitespace::line_ends));
        if (v.empty()) m_problems.push_back(tr("name: required"));
        return v;
    }

    std::string phone(std::string_view text) {
        std::string v(detail::trim(text, detail::whitespace::line_ends));
        if (!v.empty() && !is_valid_phone(v))
            problem("phone", v, tr("is not an 11-digit mobile or a landline number"));
        return v;
    }

    std::string gender(std::string_view text) {
        auto g = parse_gender(detail::trim(text, detail::whitespace::line_ends));
        if (!g) problem("gender", text, tr("is not one of 男, 女 (or M, F)"));
        return g.value_or("");
    }

    std::optional<int> birth_year(std::string_view text) {
        text = detail::trim(text, detail::whitespace::line_ends);
        if (text.empty()) return std::nullopt;
        int year = 0;
        auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), year);
        int this_year = static_cast<int>(m_today.year());
        if (ec != std::errc{} || p != text.data() + text.size() || year < 1900 ||
            year > this_year) {
            problem("birth_year", text,
                    fmt::format(fmt::runtime(tr("is not a year from 1900 to {}")), this_year));
            return std::nullopt;
        }
        return year;
    }

    std::string role(std::string_view text) {
        std::string v(detail::trim(text, detail::whitespace::line_ends));
        if (v.empty())
            m_problems.push_back(fmt::format(fmt::runtime(tr("role: required, one of {}")),
                                             detail::joined(m_cfg.roles)));
        else if (std::find(m_cfg.roles.begin(), m_cfg.roles.end(), v) == m_cfg.roles.end())
            problem("role", v,
                    fmt::format(fmt::runtime(tr("is not one of {} (roster.roles)")),
                                detail::joined(m_cfg.roles)));
        return v;
    }

    std::optional<std::int64_t> area(std::string_view text) {
        text = detail::trim(text, detail::whitespace::line_ends);
        if (text.empty()) return std::nullopt;
        try {
            std::int64_t v = parse_hundredths(text);
            if (v > 0) return v;
        } catch (const input_error&) {
        }
        problem("area", text, tr("is not a floor area in m² above 0 with at most 2 decimals"));
        return std::nullopt;
    }

    bool yes_no(const char* field, std::string_view text) {
        auto v = parse_yes_no(detail::trim(text, detail::whitespace::line_ends));
        if (!v) problem(field, text, tr("is not yes or no (是/否, yes/no, Y/N, 1/0)"));
        return v.value_or(false);
    }

    std::optional<date> day(const char* field, std::string_view text) {
        text = detail::trim(text, detail::whitespace::line_ends);
        if (text.empty()) return std::nullopt;
        auto d = parse_date(text);
        if (!d)
            problem(field, text, tr("is not a real date like 2026-09-01"));
        else if (*d > m_today)
            problem(field, text,
                    fmt::format(fmt::runtime(tr("is in the future (today is {})")),
                                format_date(m_today)));
        return d;
    }

    // The shape of BUILDING-UNIT-ROOM; whether it exists is the database's
    // question, asked after every field has been checked.
    void room(std::string_view text) {
        text = detail::trim(text, detail::whitespace::line_ends);
        if (text.empty()) {
            m_problems.push_back(tr("room: required, as BUILDING-UNIT-ROOM, e.g. 12-3-1502"));
            return;
        }
        if (text.front() == '#') return;
        auto last = text.rfind('-');
        auto mid = last == std::string_view::npos || last == 0 ? last : text.rfind('-', last - 1);
        if (mid == std::string_view::npos || mid == 0 || last - mid == 1 || last + 1 == text.size())
            problem("room", text,
                    tr("is not a room; write it as BUILDING-UNIT-ROOM, e.g. 12-3-1502"));
    }

    void fail(std::string message) { m_problems.push_back(std::move(message)); }

    /// Throws input_error naming every problem found.
    void done() const {
        if (m_problems.size() == 1) throw input_error(m_problems.front());
        if (!m_problems.empty())
            throw input_error(
                fmt::format(fmt::runtime(tr("{} problems with the resident")), m_problems.size()),
                m_problems);
    }

  private:
    void problem(const char* field, std::string_view text, const std::string& why) {
        m_problems.push_back(fmt::format("{}: \"{}\" {}", field, text, why));
    }

    const roster_config& m_cfg;
    date m_today;
    std::vector<std::string> m_problems;
};

json json_date(const std::optional<date>& d) {
    return d ? json(format_date(*d)) : json(nullptr);
}
json json_year(const std::optional<int>& y) {
    return y ? json(*y) : json(nullptr);
}
json json_area(const std::optional<std::int64_t>& a) {
    return a ? json(format_hundredths(*a)) : json(nullptr);
}
json json_phone(const std::string& phone) {
    return detail::json_text(mask_phone(phone));
}

void bind_optional(SQLite::Statement& q, int at, const std::optional<date>& d) {
    if (d)
        q.bind(at, format_date(*d));
    else
        q.bind(at);
}

void bind_optional(SQLite::Statement& q, int at, const std::optional<int>& v) {
    if (v)
        q.bind(at, *v);
    else
        q.bind(at);
}

// Parameters 1–11 of the INSERT and UPDATE of a resident, which name the
// same columns in the same order: household_id, name, gender, birth_year,
// phone, role, party_member, volunteer, committee_member, moved_in, remark.
void bind_resident_columns(SQLite::Statement& q, const resident& r) {
    q.bind(1, r.household_id);
    q.bind(2, r.name);
    q.bind(3, r.gender);
    bind_optional(q, 4, r.birth_year);
    q.bind(5, r.phone);
    q.bind(6, r.role);
    q.bind(7, r.party_member ? 1 : 0);
    q.bind(8, r.volunteer ? 1 : 0);
    q.bind(9, r.committee_member ? 1 : 0);
    bind_optional(q, 10, r.moved_in);
    q.bind(11, r.remark);
}

// Refuses a second active resident who is the same person as one already in
// the household: the import tells people in a room apart by name, phone and
// birth year (a child may carry a parent's phone), so the same holds here.
void require_unique_in_household(SQLite::Database& db, const resident& r,
                                 const std::string& label) {
    SQLite::Statement q(db,
                        "SELECT id FROM resident WHERE household_id = ? AND name = ? AND phone = ? "
                        "AND birth_year IS ? AND active = 1 AND id <> ?");
    q.bind(1, r.household_id);
    q.bind(2, r.name);
    q.bind(3, r.phone);
    bind_optional(q, 4, r.birth_year);
    q.bind(5, r.id);
    if (q.executeStep())
        throw conflict(fmt::format(
            fmt::runtime(tr("{} already lives in {} (resident #{}, same phone and birth year)")),
            r.name, label, q.getColumn(0).getInt64()));
}

// Sets a household's area, with its audit event, when it differs.
bool set_area(detail::write_transaction& tx, const detail::located_household& h,
              std::optional<std::int64_t> area) {
    if (h.area_centi == area) return false;
    SQLite::Statement q(tx.db(), "UPDATE household SET area_centi = ? WHERE id = ?");
    if (area)
        q.bind(1, *area);
    else
        q.bind(1);
    q.bind(2, h.id);
    q.exec();
    tx.audit("household.update", "household", std::to_string(h.id),
             {{"household", h.label},
              {"area", {{"from", json_area(h.area_centi)}, {"to", json_area(area)}}}});
    return true;
}

void clear_leader(SQLite::Database& db, std::int64_t building_id, std::int64_t resident_id) {
    SQLite::Statement q(db, "UPDATE building SET leader_id = NULL WHERE id = ? AND leader_id = ?");
    q.bind(1, building_id);
    q.bind(2, resident_id);
    q.exec();
}

}  // namespace

std::string resident::household_label() const {
    return fmt::format("{}/{}-{}-{}", compound, building, unit, room);
}

resident_added add_resident(context& ctx, const resident_form& form) {
    field_check check(ctx);
    resident r;
    r.name = check.name(form.name);
    check.room(form.room);
    r.phone = check.phone(form.phone);
    r.gender = check.gender(form.gender);
    r.birth_year = check.birth_year(form.birth_year);
    r.role = check.role(form.role);
    auto area = check.area(form.area);
    r.party_member = check.yes_no("party_member", form.party_member);
    r.volunteer = check.yes_no("volunteer", form.volunteer);
    r.committee_member = check.yes_no("committee_member", form.committee_member);
    r.moved_in = check.day("moved_in", form.moved_in);
    r.remark = form.remark;
    check.done();

    return detail::guard_sqlite(ctx.db().path(), [&] {
        detail::write_transaction tx(ctx);
        auto& db = tx.db();
        resident_added out;
        auto h = detail::ensure_household(tx, form.room, form.compound, area, out.created);
        if (area) set_area(tx, h, area);
        r.household_id = h.id;
        require_unique_in_household(db, r, h.label);

        SQLite::Statement ins(
            db,
            "INSERT INTO resident(household_id, name, gender, birth_year, phone, role, "
            "party_member, volunteer, committee_member, moved_in, remark) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?)");
        bind_resident_columns(ins, r);
        ins.exec();
        r.id = db.getLastInsertRowid();
        r.household_id = h.id;
        out.id = r.id;
        out.household_id = h.id;
        out.household = h.label;
        out.owner_id = detail::sync_owner(tx, ctx.cfg().roster, r);

        tx.audit("resident.add", "resident", std::to_string(r.id),
                 {{"household", h.label},
                  {"name", r.name},
                  {"gender", detail::json_text(r.gender)},
                  {"birth_year", json_year(r.birth_year)},
                  {"phone", json_phone(r.phone)},
                  {"role", r.role},
                  {"party_member", r.party_member},
                  {"volunteer", r.volunteer},
                  {"committee_member", r.committee_member},
                  {"moved_in", json_date(r.moved_in)},
                  {"remark", detail::json_text(r.remark)},
                  {"owner_id", out.owner_id ? json(*out.owner_id) : json(nullptr)}});
        tx.commit();
        return out;
    });
}

namespace {

// An update's given values, each checked (and read into its type) before
// the database is touched; a field not given stays unset.
struct checked_changes {
    std::optional<std::string> name, phone, gender, role;
    std::optional<std::optional<int>> birth_year;
    std::optional<std::optional<std::int64_t>> area;
    std::optional<bool> party_member, volunteer, committee_member;
    std::optional<std::optional<date>> moved_in;
};

checked_changes check_changes(context& ctx, const resident_changes& ch) {
    field_check check(ctx);
    checked_changes c;
    if (ch.name) c.name = check.name(*ch.name);
    if (ch.room) check.room(*ch.room);
    if (!ch.compound.empty() && !ch.room) check.fail(tr("compound: only together with a new room"));
    if (ch.phone) c.phone = check.phone(*ch.phone);
    if (ch.gender) c.gender = check.gender(*ch.gender);
    if (ch.birth_year) c.birth_year = check.birth_year(*ch.birth_year);
    if (ch.role) c.role = check.role(*ch.role);
    if (ch.area) c.area = check.area(*ch.area);
    if (ch.party_member) c.party_member = check.yes_no("party_member", *ch.party_member);
    if (ch.volunteer) c.volunteer = check.yes_no("volunteer", *ch.volunteer);
    if (ch.committee_member)
        c.committee_member = check.yes_no("committee_member", *ch.committee_member);
    if (ch.moved_in) c.moved_in = check.day("moved_in", *ch.moved_in);
    check.done();
    return c;
}

// The resident's new row, its owner record kept in step, and the audit
// event with every change (`payload`).
void write_update(detail::write_transaction& tx, context& ctx, const resident& cur,
                  const resident& next, const std::string& household, json& payload) {
    auto& db = tx.db();
    if (next.active && (next.name != cur.name || next.household_id != cur.household_id ||
                        next.phone != cur.phone || next.birth_year != cur.birth_year))
        require_unique_in_household(db, next, household);
    SQLite::Statement upd(db,
                          "UPDATE resident SET household_id = ?, name = ?, gender = ?, "
                          "birth_year = ?, phone = ?, role = ?, party_member = ?, volunteer = ?, "
                          "committee_member = ?, moved_in = ?, remark = ? WHERE id = ?");
    bind_resident_columns(upd, next);
    upd.bind(12, cur.id);
    upd.exec();
    auto owner = detail::sync_owner(tx, ctx.cfg().roster, next);
    if (owner != cur.owner_id)
        payload["owner_id"] = {{"from", cur.owner_id ? json(*cur.owner_id) : json(nullptr)},
                               {"to", owner ? json(*owner) : json(nullptr)}};
    payload["household"] = household;
    tx.audit("resident.update", "resident", std::to_string(cur.id), payload);
}

}  // namespace

resident_updated update_resident(context& ctx, std::string_view ref, const resident_changes& ch) {
    // Check every given value before touching the database.
    const checked_changes c = check_changes(ctx, ch);
    return detail::guard_sqlite(ctx.db().path(), [&] {
        detail::write_transaction tx(ctx);
        auto& db = tx.db();
        const resident cur = detail::load_resident(db, detail::resolve_resident(db, ref));
        resident next = cur;
        resident_updated out;
        out.id = cur.id;
        json payload = json::object();
        bool wrote = false;
        auto note = [&](const char* field, json from, json to) {
            payload[field] = {{"from", std::move(from)}, {"to", std::move(to)}};
            out.changed.emplace_back(field);
        };

        auto here = detail::locate_household(db, cur.household_id);
        if (ch.room) {
            std::vector<std::string> created;
            auto h = detail::ensure_household(tx, *ch.room, ch.compound,
                                              c.area ? *c.area : std::nullopt, created);
            wrote = wrote || !created.empty();
            if (h.id != cur.household_id) {
                note("room", here.label, h.label);
                next.household_id = h.id;
                if (cur.building_leader && h.building_id != cur.building_id) {
                    clear_leader(db, cur.building_id, cur.id);
                    out.no_longer_leader_of = detail::building_label(db, cur.building_id);
                    payload["no_longer_leader_of"] = *out.no_longer_leader_of;
                    next.building_leader = false;
                }
                here = h;
            }
        }
        // Writes a given value into `next` when it differs, noting the change.
        auto apply = [&](const char* field, const auto& given, auto& slot, auto show) {
            if (given && *given != slot) {
                note(field, show(slot), show(*given));
                slot = *given;
            }
        };
        auto plain = [](const auto& v) { return json(v); };
        apply("name", c.name, next.name, plain);
        apply("phone", c.phone, next.phone, json_phone);
        apply("gender", c.gender, next.gender, detail::json_text);
        apply("birth_year", c.birth_year, next.birth_year, json_year);
        apply("role", c.role, next.role, plain);
        apply("party_member", c.party_member, next.party_member, plain);
        apply("volunteer", c.volunteer, next.volunteer, plain);
        apply("committee_member", c.committee_member, next.committee_member, plain);
        apply("moved_in", c.moved_in, next.moved_in, json_date);
        apply("remark", ch.remark, next.remark, detail::json_text);
        if (next.moved_in && next.moved_out && *next.moved_in > *next.moved_out)
            throw input_error(
                fmt::format(fmt::runtime(tr("moved_in: {} is after the day they moved out ({})")),
                            format_date(*next.moved_in), format_date(*next.moved_out)));
        if (c.area && set_area(tx, here, *c.area)) {
            out.changed.emplace_back("area");
            wrote = true;
        }
        if (!payload.empty()) {
            write_update(tx, ctx, cur, next, here.label, payload);
            wrote = true;
        }
        if (wrote) tx.commit();
        return out;
    });
}

resident_moved_out move_out_resident(context& ctx, std::string_view ref,
                                     std::string_view date_text) {
    date today = ctx.today();
    date day = today;
    if (!detail::trim(date_text, detail::whitespace::line_ends).empty()) {
        auto d = parse_date(detail::trim(date_text, detail::whitespace::line_ends));
        if (!d)
            throw input_error(fmt::format(
                fmt::runtime(tr("moved_out: \"{}\" is not a real date like 2026-09-01")),
                date_text));
        if (*d > today)
            throw input_error(
                fmt::format(fmt::runtime(tr("moved_out: {} is in the future (today is {})")),
                            format_date(*d), format_date(today)));
        day = *d;
    }
    return detail::guard_sqlite(ctx.db().path(), [&] {
        detail::write_transaction tx(ctx);
        auto& db = tx.db();
        const resident cur = detail::load_resident(db, detail::resolve_resident(db, ref));
        if (!cur.active)
            throw conflict(fmt::format(
                fmt::runtime(tr("resident #{} {} has already moved out{}")), cur.id, cur.name,
                cur.moved_out ? fmt::format(" ({})", format_date(*cur.moved_out)) : ""));
        if (cur.moved_in && day < *cur.moved_in)
            throw input_error(
                fmt::format(fmt::runtime(tr("moved_out: {} is before the day they moved in ({})")),
                            format_date(day), format_date(*cur.moved_in)));
        SQLite::Statement q(db, "UPDATE resident SET moved_out = ?, active = 0 WHERE id = ?");
        q.bind(1, format_date(day));
        q.bind(2, cur.id);
        q.exec();
        resident_moved_out out{cur.id, day, std::nullopt};
        json payload = {{"household", cur.household_label()},
                        {"name", cur.name},
                        {"moved_out", format_date(day)}};
        if (cur.building_leader) {
            clear_leader(db, cur.building_id, cur.id);
            out.no_longer_leader_of = detail::building_label(db, cur.building_id);
            payload["no_longer_leader_of"] = *out.no_longer_leader_of;
        }
        tx.audit("resident.move_out", "resident", std::to_string(cur.id), payload);
        tx.commit();
        return out;
    });
}

resident find_resident(context& ctx, std::string_view ref) {
    return detail::guard_sqlite(ctx.db().path(), [&] {
        auto& db = ctx.db().impl().db();
        detail::read_snapshot snapshot(db);
        return detail::load_resident(db, detail::resolve_resident(db, ref));
    });
}

}  // namespace gov
