// Attendance and quorum. The quorum rule is a pure function of a few counts
// (check_quorum); the rest reads and writes who came.
#include "gov/meetings/meeting_attendance.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "gov/store/config.hpp"
#include "gov/store/context.hpp"
#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"
#include "issues/interface.hpp"
#include "meetings/meeting_internal.hpp"
#include "roster/interface.hpp"
#include "store/interface.hpp"
#include "text/interface.hpp"

namespace gov {

namespace mt = detail::meetings;

std::string_view to_string(attendance_status s) {
    switch (s) {
        case attendance_status::present:
            return "present";
        case attendance_status::absent:
            return "absent";
        case attendance_status::excused:
            return "excused";
    }
    return "present";
}

quorum_result check_quorum(const meeting_type_config& type, const quorum_facts& f) {
    quorum_result r;
    r.rule = type.quorum;
    if (type.quorum == "leaders-majority") {
        // More than half, in integers: 2 × present > total.
        r.met = f.leaders_total > 0 && 2 * f.leaders_present > f.leaders_total;
        r.explanation = fmt::format(
            fmt::runtime(tr("{} of {} building leaders present (more than half needed)")),
            f.leaders_present, f.leaders_total);
    } else if (type.quorum == "all-parties") {
        for (const auto& p : type.parties) {
            bool here = p == "residents"
                            ? f.residents_present > 0
                            : std::find(f.party_kinds_present.begin(), f.party_kinds_present.end(),
                                        p) != f.party_kinds_present.end();
            if (!here) r.missing.push_back(p);
        }
        r.met = r.missing.empty();
        std::string missing;
        for (const auto& m : r.missing) missing += (missing.empty() ? "" : ", ") + m;
        r.explanation = r.met ? fmt::format(fmt::runtime(tr("all {} required parties present")),
                                            type.parties.size())
                              : fmt::format(fmt::runtime(tr("not present: {}")), missing);
    } else {
        r.met = true;
        r.explanation = tr("no quorum rule");
    }
    return r;
}

namespace {

attendance_record load_attendance(SQLite::Database& db, const config& cfg,
                                  const mt::meeting_row& m) {
    attendance_record rec;
    SQLite::Statement q(
        db,
        "SELECT a.party_id, a.resident_id, COALESCE(p.name, r.name), COALESCE(p.kind, ''), "
        "a.representative, a.status, COALESCE(x.name, ''), r.household_id, "
        "EXISTS (SELECT 1 FROM building b WHERE b.leader_id = a.resident_id) "
        "FROM meeting_attendance a LEFT JOIN party p ON p.id = a.party_id "
        "LEFT JOIN resident r ON r.id = a.resident_id LEFT JOIN resident x ON x.id = a.proxy_id "
        "WHERE a.meeting_id = ? ORDER BY a.party_id IS NULL, COALESCE(p.name, r.name), a.id");
    q.bind(1, m.id);
    quorum_facts f;
    while (q.executeStep()) {
        attendee a;
        a.is_party = !q.getColumn(0).isNull();
        a.id = a.is_party ? q.getColumn(0).getInt64() : q.getColumn(1).getInt64();
        a.name = q.getColumn(2).getString();
        a.detail = q.getColumn(3).getString();
        a.representative = q.getColumn(4).getString();
        std::string st = q.getColumn(5).getString();
        a.status = st == "absent"    ? attendance_status::absent
                   : st == "excused" ? attendance_status::excused
                                     : attendance_status::present;
        a.proxy = q.getColumn(6).getString();
        a.leader = !a.is_party && q.getColumn(8).getInt() != 0;
        if (!a.is_party && !q.getColumn(7).isNull()) {
            SQLite::Statement h(db,
                                "SELECT b.name || '-' || u.name || '-' || h.room FROM household h "
                                "JOIN unit u ON u.id = h.unit_id JOIN building b ON b.id = "
                                "u.building_id WHERE h.id = ?");
            h.bind(1, q.getColumn(7).getInt64());
            if (h.executeStep()) a.detail = h.getColumn(0).getString();
        }
        if (a.status == attendance_status::present) {
            if (a.is_party)
                f.party_kinds_present.push_back(a.detail);
            else
                ++f.residents_present;
            if (a.leader) ++f.leaders_present;
        }
        rec.people.push_back(std::move(a));
    }
    f.leaders_total = db.execAndGet(
                            "SELECT count(DISTINCT leader_id) FROM building WHERE "
                            "leader_id IS NOT NULL")
                          .getInt();
    rec.quorum = check_quorum(mt::stored_meeting_type(cfg, m.type), f);
    return rec;
}

// A roster name in an attendance list; not_found becomes input_error naming the option.
std::int64_t resident_ref(SQLite::Database& db, const char* option, const std::string& ref) {
    try {
        return detail::resolve_resident(db, ref, detail::resident_match::person);
    } catch (const not_found& e) {
        throw input_error(fmt::format("{}: {}", option, e.what()));
    }
}

std::int64_t party_ref(SQLite::Database& db, const std::string& ref) {
    try {
        return detail::resolve_party(db, ref);
    } catch (const not_found& e) {
        throw input_error(fmt::format("--party: {}", e.what()));
    }
}

}  // namespace

attendance_record record_attendance(context& ctx, std::int64_t meeting,
                                    const attendance_request& req) {
    detail::write_transaction tx(ctx);
    return detail::guard_sqlite(ctx.db().path(), [&] {
        auto& db = tx.db();
        auto m = mt::load_meeting(db, meeting);
        mt::require_planned(m);
        std::set<std::int64_t> residents, parties;
        nlohmann::json log = nlohmann::json::array();
        SQLite::Statement put_resident(
            db,
            "INSERT INTO meeting_attendance(meeting_id, resident_id, status, proxy_id) "
            "VALUES (?,?,?,?) ON CONFLICT(meeting_id, resident_id) DO UPDATE SET "
            "status = excluded.status, proxy_id = excluded.proxy_id");
        auto add_resident = [&](const char* option, const std::string& ref, const char* status,
                                std::optional<std::int64_t> proxy) {
            std::int64_t id = resident_ref(db, option, ref);
            if (!residents.insert(id).second)
                throw input_error(fmt::format(
                    fmt::runtime(tr("{}: {} is listed twice in this attendance")), option, ref));
            put_resident.reset();
            put_resident.bind(1, meeting);
            put_resident.bind(2, id);
            put_resident.bind(3, status);
            if (proxy)
                put_resident.bind(4, *proxy);
            else
                put_resident.bind(4);
            put_resident.exec();
            nlohmann::json j = {{"resident", detail::resident_label(db, id)}, {"status", status}};
            if (proxy) j["proxy"] = detail::resident_label(db, *proxy);
            log.push_back(j);
        };
        for (const auto& r : req.present) add_resident("--present", r, "present", std::nullopt);
        for (const auto& r : req.absent) add_resident("--absent", r, "absent", std::nullopt);
        for (const auto& r : req.excused) add_resident("--excused", r, "excused", std::nullopt);
        for (const auto& [who, proxy] : req.proxies)
            add_resident("--proxy", who, "present", resident_ref(db, "--proxy", proxy));

        SQLite::Statement put_party(
            db,
            "INSERT INTO meeting_attendance(meeting_id, party_id, representative, status) "
            "VALUES (?,?,?,?) ON CONFLICT(meeting_id, party_id) DO UPDATE SET "
            "representative = excluded.representative, status = excluded.status");
        auto add_party = [&](const std::string& ref, const std::string& rep, const char* status) {
            std::int64_t id = party_ref(db, ref);
            if (!parties.insert(id).second)
                throw input_error(fmt::format(
                    fmt::runtime(tr("--party: {} is listed twice in this attendance")), ref));
            put_party.reset();
            put_party.bind(1, meeting);
            put_party.bind(2, id);
            put_party.bind(3, rep);
            put_party.bind(4, status);
            put_party.exec();
            log.push_back({{"party", detail::party_label(db, id)},
                           {"representative", rep},
                           {"status", status}});
        };
        for (const auto& [party, rep] : req.parties) add_party(party, rep, "present");
        for (const auto& party : req.parties_absent) add_party(party, "", "absent");
        if (log.empty())
            throw input_error(
                tr("nothing to record: name attendees with --present, --absent, "
                   "--excused, --proxy or --party"));
        attendance_record rec = load_attendance(db, ctx.cfg(), m);
        tx.audit("meeting.attend", "meeting", std::to_string(meeting),
                 {{"attendance", log}, {"quorum_met", rec.quorum.met}});
        tx.commit();
        return rec;
    });
}

attendance_record get_attendance(context& ctx, std::int64_t meeting) {
    return detail::guard_sqlite(ctx.db().path(), [&] {
        auto& db = ctx.db().impl().db();
        detail::read_snapshot snapshot(db);
        return load_attendance(db, ctx.cfg(), mt::load_meeting(db, meeting));
    });
}

table attendance_table(const attendance_record& rec) {
    table t;
    t.columns = {{"kind", tr("Kind")},          {"name", tr("Name")},
                 {"detail", tr("Room / kind")}, {"representative", tr("Representative")},
                 {"status", tr("Status")},      {"proxy", tr("Proxy")},
                 {"leader", tr("Leader")}};
    for (const auto& p : rec.people)
        t.rows.push_back({p.is_party ? std::string("party") : std::string("resident"), p.name,
                          p.detail, p.representative, std::string(to_string(p.status)), p.proxy,
                          p.leader});
    return t;
}

std::string render_json(std::int64_t meeting, const attendance_record& rec) {
    const auto& q = rec.quorum;
    return detail::dump_json(
        {{"meeting", meeting},
         {"quorum",
          {{"rule", q.rule},
           {"met", q.met},
           {"explanation", q.explanation},
           {"missing", q.missing}}},
         // The rows as every listing writes them (render_json of the table).
         {"attendance", detail::ordered_json::parse(render_json(attendance_table(rec)))}});
}

}  // namespace gov
