#include "gov/store/audit.hpp"

#include <fmt/format.h>

#include "gov/store/context.hpp"
#include "gov/store/store.hpp"
#include "gov/text/sha256.hpp"
#include "gov/values/date.hpp"
#include "gov/values/i18n.hpp"
#include "store/interface.hpp"

namespace gov {
namespace {

void put(std::string& out, std::string_view field) {
    out += std::to_string(field.size());
    out += ':';
    out += field;
    out += ';';
}

audit_event read_event(SQLite::Statement& q) {
    audit_event e;
    e.seq = q.getColumn(0).getInt64();
    e.at = q.getColumn(1).getString();
    e.actor = q.getColumn(2).getString();
    e.action = q.getColumn(3).getString();
    e.record_kind = q.getColumn(4).getString();
    e.record_id = q.getColumn(5).getString();
    e.payload = q.getColumn(6).getString();
    e.prev_hash = q.getColumn(7).getString();
    e.hash = q.getColumn(8).getString();
    return e;
}

constexpr const char* event_columns =
    "seq, at, actor, action, record_kind, record_id, payload, prev_hash, hash";

// The head is kept apart from the chain so that deleting the newest events,
// which leaves a chain that is intact as far as it goes, is still noticed.
constexpr const char* head_key = "audit_head";

}  // namespace

std::string audit_hash(const audit_event& e) {
    std::string s;
    put(s, std::to_string(e.seq));
    put(s, e.at);
    put(s, e.actor);
    put(s, e.action);
    put(s, e.record_kind);
    put(s, e.record_id);
    put(s, e.payload);
    put(s, e.prev_hash);
    return sha256_hex(s);
}

std::vector<audit_event> list_audit(store& st, const audit_filter& f) {
    return detail::guard_sqlite(st.path(), [&] {
        std::string sql = fmt::format("SELECT {} FROM audit_event WHERE 1", event_columns);
        if (f.since) sql += " AND at >= :since";
        if (f.record_kind) sql += " AND record_kind = :kind";
        if (f.record_id) sql += " AND record_id = :id";
        sql += " ORDER BY seq DESC";
        if (f.limit) sql += " LIMIT :limit";
        SQLite::Statement q(st.impl().db(), sql);
        if (f.since) q.bind(":since", format_timestamp(*f.since));
        if (f.record_kind) q.bind(":kind", *f.record_kind);
        if (f.record_id) q.bind(":id", *f.record_id);
        if (f.limit) q.bind(":limit", *f.limit);
        std::vector<audit_event> out;
        while (q.executeStep()) out.push_back(read_event(q));
        std::reverse(out.begin(), out.end());
        return out;
    });
}

audit_verification verify_audit(store& st) {
    return detail::guard_sqlite(st.path(), [&] {
        auto& db = st.impl().db();
        detail::read_snapshot snapshot(db);
        audit_verification v;
        auto fail = [&](std::int64_t seq, std::string why) {
            v.intact = false;
            v.first_bad_seq = seq;
            v.problem = std::move(why);
            return v;
        };
        SQLite::Statement q(db,
                            fmt::format("SELECT {} FROM audit_event ORDER BY seq", event_columns));
        std::string prev = audit_genesis_hash;
        std::int64_t expected = 1;
        while (q.executeStep()) {
            audit_event e = read_event(q);
            ++v.events;
            if (e.seq != expected)
                return fail(
                    expected,
                    e.seq > expected
                        ? fmt::format(fmt::runtime(tr("event {} is missing")), expected)
                        : fmt::format(fmt::runtime(tr("event {} is out of sequence")), e.seq));
            if (e.prev_hash != prev)
                return fail(e.seq, tr("its link to the previous event does not match (an event "
                                      "before it was changed, removed or inserted)"));
            if (audit_hash(e) != e.hash)
                return fail(e.seq,
                            tr("its contents do not match its hash (the event was changed)"));
            prev = e.hash;
            ++expected;
        }
        SQLite::Statement h(db, "SELECT value FROM meta WHERE key = ?");
        h.bind(1, head_key);
        std::string head = h.executeStep() ? h.getColumn(0).getString() : std::string{};
        std::string actual =
            v.events == 0 ? std::string{} : fmt::format("{}:{}", expected - 1, prev);
        if (head != actual) {
            auto colon = head.find(':');
            std::int64_t head_seq =
                colon == std::string::npos ? 0 : std::stoll(head.substr(0, colon));
            if (head_seq >= expected)
                return fail(expected, fmt::format(fmt::runtime(tr("events {} to {} are missing")),
                                                  expected, head_seq));
            return fail(head_seq + 1 > 0 ? head_seq + 1 : 1,
                        tr("the recorded head of the log does not match its last event"));
        }
        return v;
    });
}

namespace detail {

void append_audit(SQLite::Database& db, timestamp at, const std::string& actor,
                  const std::string& action, const std::string& record_kind,
                  const std::string& record_id, const nlohmann::json& payload) {
    audit_event e;
    SQLite::Statement last(db, "SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1");
    if (last.executeStep()) {
        e.seq = last.getColumn(0).getInt64() + 1;
        e.prev_hash = last.getColumn(1).getString();
    } else {
        e.seq = 1;
        e.prev_hash = audit_genesis_hash;
    }
    e.at = format_timestamp(at);
    e.actor = actor;
    e.action = action;
    e.record_kind = record_kind;
    e.record_id = record_id;
    // nlohmann::json keeps object keys sorted, so the dump is canonical.
    e.payload = payload.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    e.hash = audit_hash(e);
    SQLite::Statement ins(
        db, fmt::format("INSERT INTO audit_event({}) VALUES (?,?,?,?,?,?,?,?,?)", event_columns));
    ins.bind(1, e.seq);
    ins.bind(2, e.at);
    ins.bind(3, e.actor);
    ins.bind(4, e.action);
    ins.bind(5, e.record_kind);
    ins.bind(6, e.record_id);
    ins.bind(7, e.payload);
    ins.bind(8, e.prev_hash);
    ins.bind(9, e.hash);
    ins.exec();
    SQLite::Statement head(db,
                           "INSERT INTO meta(key, value) VALUES (?, ?) "
                           "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    head.bind(1, head_key);
    head.bind(2, fmt::format("{}:{}", e.seq, e.hash));
    head.exec();
}

write_transaction::write_transaction(context& ctx) : m_ctx(ctx), m_db(ctx.db().impl().db()) {
    guard_sqlite(ctx.db().path(), [&] { m_db.exec("BEGIN IMMEDIATE"); });
}

write_transaction::~write_transaction() {
    if (!m_done) {
        try {
            m_db.exec("ROLLBACK");
        } catch (...) {  // destructors never throw; SQLite rolls back on close anyway
        }
    }
}

void write_transaction::audit(const std::string& action, const std::string& record_kind,
                              const std::string& record_id, const nlohmann::json& payload) {
    guard_sqlite(m_ctx.db().path(), [&] {
        append_audit(m_db, m_ctx.now(), m_ctx.actor(), action, record_kind, record_id, payload);
    });
    ++m_events;
}

void write_transaction::commit() {
    if (m_events == 0)
        throw internal_error("a change was about to be committed without an audit event");
    guard_sqlite(m_ctx.db().path(), [&] { m_db.exec("COMMIT"); });
    m_done = true;
}

}  // namespace detail
}  // namespace gov
