#pragma once
// A small community for the issue tests: two compounds (both with a building
// "1", so the bare name is ambiguous), rooms, residents (two sharing a
// phone, one moved out), two parties, and a clock the test can move.

#include <functional>
#include <optional>
#include <string>

#include "gov/issues/issue_import.hpp"
#include "gov/store/audit.hpp"
#include "gov/store/config.hpp"
#include "gov/store/context.hpp"
#include "gov/values/date.hpp"
#include "store/interface.hpp"
#include "temp_dir.hpp"

namespace gov::test {

/// A clock a test can set.
class movable_clock final : public clock {
  public:
    explicit movable_clock(std::string_view iso) { set(iso); }
    void set(std::string_view iso) { m_now = *parse_timestamp(iso); }
    timestamp now() const override { return m_now; }

  private:
    timestamp m_now;
};

struct issue_community {
    temp_dir dir;
    movable_clock clk{"2026-11-27T09:00:00Z"};  // 17:00 in the community (+08:00)
    std::optional<context> ctx;

    /// `tweak` changes the configuration before the community is opened.
    explicit issue_community(const std::function<void(config&)>& tweak = {}) {
        init_community(dir.path(), "测试社区", clk, "tester");
        config cfg = load_config(dir / "gov.toml");
        if (tweak) tweak(cfg);
        ctx.emplace(open_context(cfg, clk, "tester"));
        sql(R"sql(
INSERT INTO compound(id, name) VALUES (1, '幸福里'), (2, '阳光苑');
INSERT INTO building(id, compound_id, name) VALUES (1, 1, '1'), (2, 1, '12'), (3, 2, '1');
INSERT INTO unit(id, building_id, name) VALUES (1, 1, '1'), (2, 1, '2'), (3, 2, '3');
INSERT INTO household(id, unit_id, room) VALUES (1, 1, '101'), (2, 3, '1502');
INSERT INTO resident(id, household_id, name, birth_year, phone, role, active) VALUES
  (1, 1, '张三', 1970, '13800000001', '业主', 1),
  (2, 2, '李四', 1980, '13800000002', '业主', 1),
  (3, 1, '张小三', 2012, '13800000001', '家属', 1),
  (4, 2, '赵六', 1960, '13800000004', '租户', 0);
INSERT INTO party(id, name, kind) VALUES (1, '物业公司', 'property_management'),
  (2, '业委会', 'owners_committee');
)sql");
    }

    context& c() { return *ctx; }
    void sql(const std::string& text) { ctx->db().impl().db().exec(text); }
    std::int64_t count(const std::string& query) {
        return ctx->db().impl().db().execAndGet(query).getInt64();
    }
    std::size_t events() { return list_audit(ctx->db()).size(); }
};

/// An import's problem messages without the folder of the file.
inline std::vector<std::string> import_problems(const issue_import_result& r) {
    std::vector<std::string> out;
    std::size_t folder = std::filesystem::path(r.file).parent_path().string().size() + 1;
    for (auto m : problem_messages(r)) out.push_back(m.substr(folder));
    return out;
}

}  // namespace gov::test
