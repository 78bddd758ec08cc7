// Meetings as records: planning one or a monthly series, listing, cancelling
// and closing. Agendas, attendance and minutes live in their own modules.
#include "gov/meetings/meeting.hpp"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "gov/store/context.hpp"
#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"
#include "issues/interface.hpp"
#include "meetings/meeting_internal.hpp"
#include "store/interface.hpp"
#include "text/interface.hpp"

namespace gov {

namespace mt = detail::meetings;

namespace detail::meetings {

meeting_row load_meeting(SQLite::Database& db, std::int64_t id) {
    SQLite::Statement q(db,
                        "SELECT id, type, title, starts_at, ends_at, place, chair, status, "
                        "series_id, agenda_fixed_at, closed_at, cancelled_at, created_at, "
                        "created_by, cancel_reason FROM meeting WHERE id = ?");
    q.bind(1, id);
    if (!q.executeStep())
        throw not_found(fmt::format(fmt::runtime(tr("meeting #{} does not exist")), id));
    meeting_row m;
    m.id = q.getColumn(0).getInt64();
    m.type = q.getColumn(1).getString();
    m.title = q.getColumn(2).getString();
    m.starts_at = q.getColumn(3).getString();
    m.ends_at = q.getColumn(4).getString();
    m.place = q.getColumn(5).getString();
    m.chair = q.getColumn(6).getString();
    m.status = q.getColumn(7).getString();
    m.series_id = optional_id(q.getColumn(8));
    m.agenda_fixed_at = optional_text(q.getColumn(9));
    m.closed_at = optional_text(q.getColumn(10));
    m.cancelled_at = optional_text(q.getColumn(11));
    m.created_at = q.getColumn(12).getString();
    m.created_by = q.getColumn(13).getString();
    m.cancel_reason = q.getColumn(14).getString();
    return m;
}

void require_planned(const meeting_row& m) {
    if (m.status == "held")
        throw conflict(fmt::format(
            fmt::runtime(tr("meeting #{} is held: its minutes were closed on {} and are frozen")),
            m.id, m.closed_at.value_or("")));
    if (m.status != "planned")
        throw conflict(fmt::format(fmt::runtime(tr("meeting #{} is {}: it can no longer change")),
                                   m.id, m.status));
}

const meeting_type_config& meeting_type(const config& cfg, std::string_view key) {
    if (const auto* t = cfg.meetings.type(key)) return *t;
    std::vector<std::string> keys;
    for (const auto& [k, t] : cfg.meetings.types) keys.push_back(k);
    throw input_error(
        fmt::format(fmt::runtime(tr("type: \"{}\" is not one of: {}")), key, detail::joined(keys)));
}

meeting_type_config stored_meeting_type(const config& cfg, const std::string& key) {
    if (const auto* t = cfg.meetings.type(key)) return *t;
    return default_meeting_type(key);
}

}  // namespace detail::meetings

namespace {

struct planned_meeting {
    std::string type, title, place, chair;
    timestamp starts_at, ends_at;
};

planned_meeting plan(const context& ctx, const meeting_type_config& type, const date& day,
                     std::optional<int> minute_of_day, std::optional<int> minutes,
                     const std::string& place, const std::string& chair, const std::string& title) {
    int start = minute_of_day ? *minute_of_day : *detail::parse_clock_time(type.start);
    int length = minutes ? *minutes : type.duration_minutes;
    if (length < 5 || length > 1440)
        throw input_error(fmt::format(
            fmt::runtime(tr("minutes: {} is not a duration between 5 and 1440 minutes")), length));
    planned_meeting p;
    p.type = type.key;
    p.starts_at =
        timestamp{std::chrono::sys_days{day}} + std::chrono::minutes{start} - ctx.cfg().utc_offset;
    p.ends_at = p.starts_at + std::chrono::minutes{length};
    p.place = place.empty() ? type.place : place;
    p.chair = chair;
    p.title = title.empty() ? detail::fill_title(type.title, day, type.name) : title;
    return p;
}

std::int64_t insert_meeting(SQLite::Database& db, const context& ctx, const planned_meeting& p,
                            std::optional<std::int64_t> series) {
    SQLite::Statement ins(db,
                          "INSERT INTO meeting(type, title, starts_at, ends_at, place, chair, "
                          "series_id, created_at, created_by) VALUES (?,?,?,?,?,?,?,?,?)");
    ins.bind(1, p.type);
    ins.bind(2, p.title);
    ins.bind(3, format_timestamp(p.starts_at));
    ins.bind(4, format_timestamp(p.ends_at));
    ins.bind(5, p.place);
    ins.bind(6, p.chair);
    if (series)
        ins.bind(7, *series);
    else
        ins.bind(7);
    ins.bind(8, format_timestamp(ctx.now()));
    ins.bind(9, ctx.actor());
    ins.exec();
    return db.getLastInsertRowid();
}

nlohmann::json meeting_json(const planned_meeting& p) {
    nlohmann::json j = {{"type", p.type},
                        {"title", p.title},
                        {"starts_at", format_timestamp(p.starts_at)},
                        {"ends_at", format_timestamp(p.ends_at)}};
    if (!p.place.empty()) j["place"] = p.place;
    if (!p.chair.empty()) j["chair"] = p.chair;
    return j;
}

std::optional<int> time_option(const std::string& text) {
    if (text.empty()) return std::nullopt;
    auto t = detail::parse_clock_time(text);
    if (!t)
        throw input_error(
            fmt::format(fmt::runtime(tr("time: \"{}\" is not a time of day like 19:00")), text));
    return t;
}

meeting_info to_info(SQLite::Database& db, const context& ctx, const mt::meeting_row& m) {
    meeting_info i;
    i.id = m.id;
    i.type = m.type;
    i.type_name = mt::stored_meeting_type(ctx.cfg(), m.type).name;
    i.title = m.title;
    i.starts_at = detail::stored_time(m.starts_at);
    i.ends_at = detail::stored_time(m.ends_at);
    i.place = m.place;
    i.chair = m.chair;
    i.status = m.status == "held"        ? meeting_status::held
               : m.status == "cancelled" ? meeting_status::cancelled
                                         : meeting_status::planned;
    i.series_id = m.series_id;
    i.agenda_fixed = m.agenda_fixed_at.has_value();
    i.created_at = detail::stored_time(m.created_at);
    i.created_by = m.created_by;
    if (m.closed_at) i.closed_at = detail::stored_time(*m.closed_at);
    if (m.cancelled_at) i.cancelled_at = detail::stored_time(*m.cancelled_at);
    i.cancel_reason = m.cancel_reason;
    SQLite::Statement q(db,
                        "SELECT (SELECT count(*) FROM meeting_attendance WHERE meeting_id = ?1 "
                        "AND status = 'present'), (SELECT count(*) FROM meeting_action WHERE "
                        "meeting_id = ?1)");
    q.bind(1, m.id);
    q.executeStep();
    i.present = q.getColumn(0).getInt();
    i.actions = q.getColumn(1).getInt();
    return i;
}

}  // namespace

std::string_view to_string(meeting_status s) {
    switch (s) {
        case meeting_status::planned:
            return "planned";
        case meeting_status::held:
            return "held";
        case meeting_status::cancelled:
            return "cancelled";
    }
    return "planned";
}

std::int64_t add_meeting(context& ctx, const meeting_draft& d) {
    if (d.type.empty()) throw input_error(tr("type: a meeting needs a type (--type)"));
    const meeting_type_config& type = mt::meeting_type(ctx.cfg(), d.type);
    if (!d.day) throw input_error(tr("date: a meeting needs a day (--date YYYY-MM-DD)"));
    planned_meeting p =
        plan(ctx, type, *d.day, time_option(d.time), d.minutes, d.place, d.chair, d.title);
    detail::write_transaction tx(ctx);
    return detail::guard_sqlite(ctx.db().path(), [&] {
        std::int64_t id = insert_meeting(tx.db(), ctx, p, std::nullopt);
        tx.audit("meeting.add", "meeting", std::to_string(id), meeting_json(p));
        tx.commit();
        return id;
    });
}

std::optional<std::chrono::year_month> parse_year_month(std::string_view text) {
    // A month is its first day, in whichever form the month was written
    // (2027-01, 2027/1, 2027.1, 2027年1月, full-width digits): parse_date
    // takes the day only with the month's own separator.
    // "1日" only after 月: "2027年1月1" + "1日" would be the 11th.
    const bool chinese = text.ends_with("月");
    for (const char* first : {"-01", "/1", ".1", "1日"}) {
        if ((std::string_view(first) == "1日") != chinese) continue;
        auto d = parse_date(std::string(text) + first);
        if (d && static_cast<int>(d->year()) >= 1900) return d->year() / d->month();
    }
    return std::nullopt;
}

recurrence parse_recurrence(std::string_view text) {
    auto fail = [&]() -> recurrence {
        throw input_error(fmt::format(
            fmt::runtime(tr("rule: \"{}\" is not a monthly rule like \"first saturday 19:00\" "
                            "(first, second, third, fourth or last; a weekday; a time) or "
                            "\"第一个星期六 19:00\"")),
            text));
    };
    std::vector<std::string> words;
    std::string w;
    for (char c : text) {
        if (c == ' ' || c == '\t') {
            if (!w.empty()) words.push_back(w);
            w.clear();
        } else {
            w += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        }
    }
    if (!w.empty()) words.push_back(w);
    recurrence r;
    static const std::vector<std::pair<std::string, int>> ordinals = {
        {"first", 1},  {"second", 2}, {"third", 3},  {"fourth", 4},    {"last", -1},
        {"1st", 1},    {"2nd", 2},    {"3rd", 3},    {"4th", 4},       {"第一个", 1},
        {"第二个", 2}, {"第三个", 3}, {"第四个", 4}, {"最后一个", -1},
    };
    static const std::vector<std::pair<std::string, unsigned>> days = {
        {"sunday", 0}, {"sun", 0},       {"monday", 1},   {"mon", 1},      {"tuesday", 2},
        {"tue", 2},    {"wednesday", 3}, {"wed", 3},      {"thursday", 4}, {"thu", 4},
        {"friday", 5}, {"fri", 5},       {"saturday", 6}, {"sat", 6},      {"星期日", 0},
        {"星期天", 0}, {"周日", 0},      {"星期一", 1},   {"周一", 1},     {"星期二", 2},
        {"周二", 2},   {"星期三", 3},    {"周三", 3},     {"星期四", 4},   {"周四", 4},
        {"星期五", 5}, {"周五", 5},      {"星期六", 6},   {"周六", 6},
    };
    // The Chinese form is written without a space: "第一个星期六".
    if (words.size() >= 1 && words[0].size() > 1 &&
        static_cast<unsigned char>(words[0][0]) >= 0x80) {
        for (const auto& [name, n] : ordinals)
            if (words[0].rfind(name, 0) == 0 && words[0].size() > name.size()) {
                std::string rest = words[0].substr(name.size());
                words[0] = name;
                words.insert(words.begin() + 1, rest);
                break;
            }
    }
    if (words.size() < 2 || words.size() > 3) return fail();
    auto o = std::find_if(ordinals.begin(), ordinals.end(),
                          [&](const auto& p) { return p.first == words[0]; });
    auto d =
        std::find_if(days.begin(), days.end(), [&](const auto& p) { return p.first == words[1]; });
    if (o == ordinals.end() || d == days.end()) return fail();
    r.ordinal = o->second;
    r.weekday = std::chrono::weekday{d->second};
    if (words.size() == 3) {
        r.minute_of_day = detail::parse_clock_time(words[2]);
        if (!r.minute_of_day) return fail();
    }
    return r;
}

date recurrence_day(const recurrence& r, std::chrono::year_month month) {
    using namespace std::chrono;
    if (r.ordinal < 0) return date{sys_days{month / r.weekday[last]}};
    return date{sys_days{month / r.weekday[static_cast<unsigned>(r.ordinal)]}};
}

std::vector<std::int64_t> schedule_meetings(context& ctx, const schedule_request& req) {
    if (req.type.empty()) throw input_error(tr("type: a series needs a type (--type)"));
    const meeting_type_config& type = mt::meeting_type(ctx.cfg(), req.type);
    if (req.count < 1 || req.count > 60)
        throw input_error(fmt::format(
            fmt::runtime(tr("count: {} is not a number of meetings between 1 and 60")), req.count));
    recurrence r = parse_recurrence(req.rule);
    std::vector<planned_meeting> plans;
    auto month = req.from;
    for (int i = 0; i < req.count; ++i, month += std::chrono::months{1})
        plans.push_back(plan(ctx, type, recurrence_day(r, month), r.minute_of_day, req.minutes,
                             req.place, req.chair, ""));
    detail::write_transaction tx(ctx);
    return detail::guard_sqlite(ctx.db().path(), [&] {
        auto& db = tx.db();
        SQLite::Statement s(db,
                            "INSERT INTO meeting_series(type, rule, created_at, created_by) "
                            "VALUES (?,?,?,?)");
        s.bind(1, type.key);
        s.bind(2, req.rule);
        s.bind(3, format_timestamp(ctx.now()));
        s.bind(4, ctx.actor());
        s.exec();
        std::int64_t series = db.getLastInsertRowid();
        std::vector<std::int64_t> ids;
        nlohmann::json list = nlohmann::json::array();
        for (const auto& p : plans) {
            ids.push_back(insert_meeting(db, ctx, p, series));
            list.push_back({{"id", ids.back()}, {"starts_at", format_timestamp(p.starts_at)}});
        }
        tx.audit(
            "meeting.schedule", "meeting_series", std::to_string(series),
            {{"type", type.key}, {"rule", req.rule}, {"count", req.count}, {"meetings", list}});
        tx.commit();
        return ids;
    });
}

std::vector<meeting_info> list_meetings(context& ctx, const meeting_filter& f) {
    if (f.type) mt::meeting_type(ctx.cfg(), *f.type);
    return detail::guard_sqlite(ctx.db().path(), [&] {
        auto& db = ctx.db().impl().db();
        detail::read_snapshot snapshot(db);
        std::string sql = "SELECT id FROM meeting WHERE 1";
        if (f.type) sql += " AND type = :type";
        if (f.status) sql += " AND status = :status";
        if (f.from) sql += " AND starts_at >= :from";
        if (f.to) sql += " AND starts_at < :to";
        sql += " ORDER BY starts_at, id";
        SQLite::Statement q(db, sql);
        if (f.type) q.bind(":type", *f.type);
        if (f.status) q.bind(":status", std::string(to_string(*f.status)));
        auto offset = ctx.cfg().utc_offset;
        if (f.from) q.bind(":from", format_timestamp(local_midnight(*f.from, offset)));
        if (f.to) q.bind(":to", format_timestamp(local_midnight(add_days(*f.to, 1), offset)));
        std::vector<std::int64_t> ids;
        while (q.executeStep()) ids.push_back(q.getColumn(0).getInt64());
        std::vector<meeting_info> out;
        for (auto id : ids) out.push_back(to_info(db, ctx, mt::load_meeting(db, id)));
        return out;
    });
}

meeting_info get_meeting(context& ctx, std::int64_t id) {
    return detail::guard_sqlite(ctx.db().path(), [&] {
        auto& db = ctx.db().impl().db();
        detail::read_snapshot snapshot(db);
        return to_info(db, ctx, mt::load_meeting(db, id));
    });
}

void require_meeting(context& ctx, std::int64_t id) {
    detail::guard_sqlite(ctx.db().path(), [&] { mt::load_meeting(ctx.db().impl().db(), id); });
}

std::int64_t next_meeting(context& ctx, const std::optional<std::string>& type) {
    if (type) mt::meeting_type(ctx.cfg(), *type);
    return detail::guard_sqlite(ctx.db().path(), [&] {
        SQLite::Statement q(ctx.db().impl().db(),
                            std::string("SELECT id FROM meeting WHERE status = 'planned' AND "
                                        "starts_at >= ?") +
                                (type ? " AND type = ?" : "") + " ORDER BY starts_at, id LIMIT 1");
        // From the start of today, local time: on the evening of a meeting,
        // "next" is still tonight's (its minutes are written after it).
        q.bind(1, format_timestamp(local_midnight(ctx.today(), ctx.cfg().utc_offset)));
        if (type) q.bind(2, *type);
        if (!q.executeStep())
            throw not_found(type ? fmt::format(fmt::runtime(tr("no planned {} meeting from today "
                                                               "on; plan one with `gov meeting "
                                                               "new --type {}`")),
                                               *type, *type)
                                 : std::string(tr("no planned meeting from today on; plan one "
                                                  "with `gov meeting new`")));
        return q.getColumn(0).getInt64();
    });
}

void cancel_meeting(context& ctx, std::int64_t id, std::string_view reason) {
    detail::write_transaction tx(ctx);
    detail::guard_sqlite(ctx.db().path(), [&] {
        auto m = mt::load_meeting(tx.db(), id);
        mt::require_planned(m);
        SQLite::Statement u(tx.db(),
                            "UPDATE meeting SET status = 'cancelled', cancelled_at = ?, "
                            "cancel_reason = ? WHERE id = ?");
        u.bind(1, format_timestamp(ctx.now()));
        u.bind(2, std::string(reason));
        u.bind(3, id);
        u.exec();
        tx.audit("meeting.cancel", "meeting", std::to_string(id), {{"reason", reason}});
        tx.commit();
    });
}

void close_meeting(context& ctx, std::int64_t id) {
    detail::write_transaction tx(ctx);
    detail::guard_sqlite(ctx.db().path(), [&] {
        auto m = mt::load_meeting(tx.db(), id);
        mt::require_planned(m);
        mt::fix_agenda(tx.db(), ctx, m);
        SQLite::Statement counts(tx.db(),
                                 "SELECT (SELECT count(*) FROM agenda_item WHERE meeting_id = ?1), "
                                 "(SELECT count(*) FROM meeting_attendance WHERE meeting_id = ?1 "
                                 "AND status = 'present'), (SELECT count(*) FROM meeting_action "
                                 "WHERE meeting_id = ?1)");
        counts.bind(1, id);
        counts.executeStep();
        nlohmann::json p = {{"items", counts.getColumn(0).getInt()},
                            {"present", counts.getColumn(1).getInt()},
                            {"actions", counts.getColumn(2).getInt()}};
        SQLite::Statement u(tx.db(),
                            "UPDATE meeting SET status = 'held', closed_at = ? WHERE id = ?");
        u.bind(1, format_timestamp(ctx.now()));
        u.bind(2, id);
        u.exec();
        tx.audit("meeting.close", "meeting", std::to_string(id), p);
        tx.commit();
    });
}

}  // namespace gov
