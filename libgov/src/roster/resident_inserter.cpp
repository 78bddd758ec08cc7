#include "roster/resident_inserter.hpp"

#include <limits>
#include <string>

#include "gov/values/error.hpp"

namespace gov::detail {

resident_inserter::resident_inserter(SQLite::Database& db)
    : m_inserts(db, "resident",
                {"household_id", "name", "gender", "birth_year", "phone", "role", "party_member",
                 "volunteer", "committee_member", "moved_in", "moved_out", "remark", "active",
                 "owner_id"}) {
    m_last_id = db.execAndGet("SELECT coalesce(max(id), 0) FROM resident").getInt64();
}

resident_inserter::~resident_inserter() = default;

std::int64_t resident_inserter::add(std::int64_t household, const roster_row& row,
                                    std::optional<std::int64_t> owner) {
    // SQLite would pick a random free id past this; a roster never gets here.
    if (m_last_id == std::numeric_limits<std::int64_t>::max())
        throw internal_error("resident ids exhausted");
    queued& q = m_queue[m_queued++];
    q.id = ++m_last_id;
    q.household = household;
    q.owner = owner;
    q.row = row;
    if (m_queued == k_batch) flush();
    return q.id;
}

void resident_inserter::flush() {
    if (m_queued == 0) return;
    SQLite::Statement& s = m_inserts.of(m_queued);
    int at = 1;
    auto text = [&](const std::optional<std::string>& v) {
        if (v)
            s.bindNoCopy(at++, *v);  // the queue outlives the statement's step
        else
            s.bind(at++);
    };
    for (std::size_t i = 0; i < m_queued; ++i) {
        const queued& q = m_queue[i];
        const roster_row& row = q.row;
        s.bind(at++, q.household);
        s.bindNoCopy(at++, row.name);
        s.bindNoCopy(at++, row.gender);
        if (row.birth_year)
            s.bind(at++, *row.birth_year);
        else
            s.bind(at++);
        s.bindNoCopy(at++, row.phone);
        s.bindNoCopy(at++, row.role);
        s.bind(at++, row.party_member ? 1 : 0);
        s.bind(at++, row.volunteer ? 1 : 0);
        s.bind(at++, row.committee_member ? 1 : 0);
        text(row.moved_in);
        text(row.moved_out);
        s.bindNoCopy(at++, row.remark);
        s.bind(at++, row.moved_out ? 0 : 1);
        if (q.owner)
            s.bind(at++, *q.owner);
        else
            s.bind(at++);
    }
    const std::int64_t last = m_queue[m_queued - 1].id;
    m_queued = 0;
    m_inserts.run(s, last);  // SQLite numbers the rows as add() did (see the header)
}

}  // namespace gov::detail
