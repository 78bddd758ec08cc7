#pragma once
// A small community for the proposal, electorate and vote tests: a roster
// written with SQL through the store, a clock the test can move, and helpers
// to make, open and vote on proposals.
//
//   compound 幸福里: building 1 (unit 1: rooms 101 102 103 201 202),
//                    building 2 (unit 1: rooms 101 102 103 201; leader 赵六)
//   compound 和平苑: building 3 (unit 1: room 101; leader 孙八)
//
//   张三 owns 1-1-101, 1-1-102, 1-1-103 (one owner, three rows); 李四 owns
//   1-1-201 (with 李小四, born 2015); 王五 owns 1-1-202 (with 周九, born 2008,
//   and 吴十, born 2009); 赵六 owns 2-1-101; the developer owns the unsold
//   2-1-102 and 2-1-103; 钱七 rents 2-1-201 (no birth year); 孙八 owns 3-1-101.

#include <sstream>
#include <string>

#include "gov/store/context.hpp"
#include "gov/store/store.hpp"
#include "gov/values/date.hpp"
#include "gov/voting/proposal.hpp"
#include "gov/voting/tally_file.hpp"
#include "gov/voting/vote.hpp"
#include "store/interface.hpp"
#include "temp_dir.hpp"

namespace gov::test {

/// A clock a test can move.
class moving_clock final : public clock {
  public:
    explicit moving_clock(std::string_view iso) : m_now(*parse_timestamp(iso)) {}
    timestamp now() const override { return m_now; }
    void set(std::string_view iso) { m_now = *parse_timestamp(iso); }

  private:
    timestamp m_now;
};

inline constexpr const char* roster_sql = R"sql(
INSERT INTO compound(id, name) VALUES (1, '幸福里'), (2, '和平苑');
INSERT INTO building(id, compound_id, name) VALUES (1, 1, '1'), (2, 1, '2'), (3, 2, '3');
INSERT INTO unit(id, building_id, name) VALUES (1, 1, '1'), (2, 2, '1'), (3, 3, '1');
INSERT INTO household(id, unit_id, room, area_centi) VALUES
  (1, 1, '101', 8850), (2, 1, '102', 8850), (3, 1, '103', 12025), (4, 1, '201', 9510),
  (5, 1, '202', 9510), (6, 2, '101', 10230), (7, 2, '102', 13000), (8, 2, '103', 13000),
  (9, 2, '201', 7645), (10, 3, '101', 9000);
INSERT INTO owner(id, ident, name, phone, is_developer) VALUES
  (1, '13800000001|张三', '张三', '13800000001', 0),
  (2, '13800000002|李四', '李四', '13800000002', 0),
  (3, '13800000003|王五', '王五', '13800000003', 0),
  (4, '13800000004|赵六', '赵六', '13800000004', 0),
  (5, '13900000000|开发商', '开发商', '13900000000', 1),
  (6, '13800000006|孙八', '孙八', '13800000006', 0);
INSERT INTO resident(id, household_id, name, birth_year, phone, role, owner_id) VALUES
  (1, 1, '张三', 1970, '13800000001', '业主', 1),
  (2, 2, '张三', 1970, '13800000001', '业主', 1),
  (3, 3, '张三', 1970, '13800000001', '业主', 1),
  (4, 4, '李四', 1980, '13800000002', '业主', 2),
  (5, 4, '李小四', 2015, '', '家属', NULL),
  (6, 5, '王五', 1990, '13800000003', '业主', 3),
  (7, 6, '赵六', 1965, '13800000004', '业主', 4),
  (8, 7, '开发商', NULL, '13900000000', '业主', 5),
  (9, 8, '开发商', NULL, '13900000000', '业主', 5),
  (10, 9, '钱七', NULL, '13800000005', '租户', NULL),
  (11, 10, '孙八', 1975, '13800000006', '业主', 6),
  (12, 5, '周九', 2008, '13800000007', '家属', NULL),
  (13, 5, '吴十', 2009, '', '家属', NULL);
UPDATE building SET leader_id = 7 WHERE id = 2;
UPDATE building SET leader_id = 11 WHERE id = 3;
)sql";

class vote_community {
  public:
    moving_clock clk{"2026-11-27T09:00:00Z"};
    temp_dir dir;

    vote_community() {
        init_community(dir.path(), "测试社区", clk, "tester");
        m_ctx.emplace(open_context(load_config(dir / "gov.toml"), clk, "tester"));
        sql(roster_sql);
    }

    context& ctx() { return *m_ctx; }
    SQLite::Database& db() { return m_ctx->db().impl().db(); }
    void sql(const std::string& text) { db().exec(text); }
    std::int64_t count(const std::string& query) { return db().execAndGet(query).getInt64(); }
    std::string text(const std::string& query) { return db().execAndGet(query).getString(); }

    /// Every row of every table, for "nothing changed" checks.
    std::string dump() {
        std::string out;
        SQLite::Statement tables(db(),
                                 "SELECT name FROM sqlite_schema WHERE type = 'table' "
                                 "AND name NOT LIKE 'sqlite_%' ORDER BY name");
        while (tables.executeStep()) {
            std::string t = tables.getColumn(0).getString();
            SQLite::Statement rows(db(), "SELECT * FROM \"" + t + "\"");
            out += "[" + t + "]\n";
            while (rows.executeStep()) {
                for (int c = 0; c < rows.getColumnCount(); ++c) {
                    if (c) out += '|';  // (not `"|" + text`: GCC 12 warns falsely, bug 105329)
                    out += rows.getColumn(c).getString();
                }
                out += "\n";
            }
        }
        return out;
    }

    /// A draft yes-no proposal.
    std::int64_t propose(electorate_kind kind, const std::string& rule = "",
                         const std::string& code = "",
                         revote_policy revote = revote_policy::replace) {
        proposal_request r;
        r.title = "测试提案";
        r.code = code;
        r.rule = rule;
        r.electorate.kind = kind;
        r.revote = revote;
        return create_proposal(ctx(), r);
    }
    /// An open yes-no proposal.
    std::int64_t open(electorate_kind kind, const std::string& rule = "",
                      const std::string& code = "", revote_policy revote = revote_policy::replace) {
        std::int64_t id = propose(kind, rule, code, revote);
        open_proposal(ctx(), std::to_string(id));
        return id;
    }
    cast_result vote(std::int64_t proposal, const std::string& voter, const std::string& choice) {
        ballot_request b;
        b.proposal = std::to_string(proposal);
        b.voter = voter;
        b.choice = choice;
        return cast_ballot(ctx(), b);
    }
    tally_result tally_of(std::int64_t proposal) {
        return tally_proposal(ctx(), std::to_string(proposal)).result;
    }
    std::string exported(std::int64_t proposal, bool reveal = false) {
        std::ostringstream out;
        export_ballots(ctx(), std::to_string(proposal), out, {reveal});
        return out.str();
    }
    std::int64_t audit_events() { return count("SELECT count(*) FROM audit_event"); }

  private:
    std::optional<context> m_ctx;
};

}  // namespace gov::test
