#pragma once
// A fresh community for the roster tests (resident, roster, building, party,
// org), with the clock fixed at 2026-11-27T09:00:00Z (17:00 local, so today
// is 2026-11-27) and helpers to look at the database directly.

#include <functional>
#include <optional>
#include <string>

#include "gov/roster/resident.hpp"
#include "gov/store/audit.hpp"
#include "gov/store/config.hpp"
#include "gov/store/context.hpp"
#include "store/interface.hpp"
#include "temp_dir.hpp"

namespace gov::test {

struct roster_community {
    temp_dir dir;
    fixed_clock clk{*parse_timestamp("2026-11-27T09:00:00Z")};
    std::optional<context> ctx;

    /// `tweak` changes the configuration before the community is opened.
    explicit roster_community(const std::function<void(config&)>& tweak = {}) {
        init_community(dir.path(), "测试社区", clk, "tester");
        config cfg = load_config(dir / "gov.toml");
        if (tweak) tweak(cfg);
        ctx.emplace(open_context(cfg, clk, "tester"));
    }

    context& c() { return *ctx; }
    SQLite::Database& db() { return ctx->db().impl().db(); }
    std::int64_t count(const std::string& sql) { return db().execAndGet(sql).getInt64(); }
    std::string text(const std::string& sql) { return db().execAndGet(sql).getString(); }

    std::size_t events() { return list_audit(ctx->db()).size(); }
    audit_event last_event() { return list_audit(ctx->db()).back(); }

    /// Every row of every table, for checking that a refused change changed nothing.
    std::string snapshot() {
        std::string out;
        SQLite::Statement tables(
            db(), "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
        while (tables.executeStep()) {
            std::string name = tables.getColumn(0).getString();
            out += "[" + name + "]\n";
            SQLite::Statement rows(db(), "SELECT * FROM \"" + name + "\" ORDER BY 1, 2");
            while (rows.executeStep()) {
                for (int i = 0; i < rows.getColumnCount(); ++i)
                    out +=
                        (rows.getColumn(i).isNull() ? "NULL" : rows.getColumn(i).getString()) + "|";
                out += "\n";
            }
        }
        return out;
    }

    /// Adds a resident in compound 幸福里 (made when needed).
    resident_added add(const std::string& name, const std::string& room, const std::string& role,
                       const std::string& phone = "", const std::string& area = "") {
        resident_form f;
        f.name = name;
        f.room = room;
        f.compound = room.find('/') == std::string::npos ? "幸福里" : "";
        f.role = role;
        f.phone = phone;
        f.area = area;
        return add_resident(*ctx, f);
    }
};

}  // namespace gov::test
