#include <catch2/catch.hpp>

#include "gov/store/audit.hpp"
#include "gov/store/context.hpp"
#include "gov/values/date.hpp"
#include "gov/values/error.hpp"
#include "sqlite_raw.hpp"
#include "store/interface.hpp"
#include "temp_dir.hpp"

using namespace gov;

namespace {

const fixed_clock test_clock{*parse_timestamp("2026-11-27T09:00:00Z")};

// A community with `extra` events after the one init records.
struct community {
    test::temp_dir dir;
    std::filesystem::path db_file;

    explicit community(int extra) {
        init_community(dir.path(), "测试社区", test_clock, "tester");
        db_file = dir / "gov.db";
        auto ctx = open();
        for (int i = 0; i < extra; ++i) {
            detail::write_transaction tx(ctx);
            tx.audit("test.event", "thing", std::to_string(i + 1), {{"n", i}, {"名", "值"}});
            tx.commit();
        }
    }
    context open() { return open_context(load_config(dir / "gov.toml"), test_clock, "tester"); }
    audit_verification verify() {
        auto ctx = open();
        return verify_audit(ctx.db());
    }
    // Edits the file directly: the triggers that keep the log append-only go first.
    void tamper(const std::string& sql) {
        test::sql_exec(
            db_file,
            "DROP TRIGGER audit_event_no_update; DROP TRIGGER audit_event_no_delete; " + sql);
    }
};

}  // namespace

TEST_CASE("audit: events are chained by hash from a genesis of zeros", "[audit]") {
    community c(2);
    auto ctx = c.open();
    auto events = list_audit(ctx.db());
    REQUIRE(events.size() == 3);
    CHECK(events[0].seq == 1);
    CHECK(events[0].action == "community.init");
    CHECK(events[0].actor == "tester");
    CHECK(events[0].at == "2026-11-27T09:00:00Z");
    CHECK(events[0].prev_hash == audit_genesis_hash);
    CHECK(events[1].prev_hash == events[0].hash);
    CHECK(events[2].prev_hash == events[1].hash);
    CHECK(events[2].payload == R"({"n":1,"名":"值"})");
    for (const auto& e : events) CHECK(audit_hash(e) == e.hash);
    auto v = verify_audit(ctx.db());
    CHECK(v.intact);
    CHECK(v.events == 3);
}

TEST_CASE("audit: the hash covers every field", "[audit]") {
    audit_event e{1, "2026-01-01T00:00:00Z", "a", "x.y", "k", "1", "{}", audit_genesis_hash, ""};
    std::string h = audit_hash(e);
    CHECK(h.size() == 64);
    auto changed = [&](auto mutate) {
        audit_event f = e;
        mutate(f);
        return audit_hash(f) != h;
    };
    CHECK(changed([](audit_event& f) { f.seq = 2; }));
    CHECK(changed([](audit_event& f) { f.at = "2026-01-01T00:00:01Z"; }));
    CHECK(changed([](audit_event& f) { f.actor = "b"; }));
    CHECK(changed([](audit_event& f) { f.action = "x.z"; }));
    CHECK(changed([](audit_event& f) { f.record_kind = "j"; }));
    CHECK(changed([](audit_event& f) { f.record_id = "2"; }));
    CHECK(changed([](audit_event& f) { f.payload = "{ }"; }));
    CHECK(changed([](audit_event& f) { f.prev_hash[0] = '1'; }));
    // Field boundaries are part of the serialisation: moving a character
    // from one field to the next changes the hash.
    CHECK(changed([](audit_event& f) {
        f.actor = "ax";
        f.action = ".y";
    }));
}

TEST_CASE("audit: a changed event is found by its sequence number", "[audit]") {
    community c(4);
    c.tamper("UPDATE audit_event SET actor = 'mallory' WHERE seq = 3");
    auto v = c.verify();
    CHECK_FALSE(v.intact);
    CHECK(v.first_bad_seq == 3);
}

TEST_CASE("audit: a changed event whose hash was recomputed breaks the next link", "[audit]") {
    community c(4);
    auto ctx = c.open();
    auto events = list_audit(ctx.db());
    audit_event e = events[2];
    e.payload = R"({"n":99})";
    std::string forged = audit_hash(e);
    c.tamper("UPDATE audit_event SET payload = '{\"n\":99}', hash = '" + forged +
             "' WHERE seq = 3");
    auto v = c.verify();
    CHECK_FALSE(v.intact);
    CHECK(v.first_bad_seq == 4);
}

TEST_CASE("audit: a deleted event is found", "[audit]") {
    community c(4);
    c.tamper("DELETE FROM audit_event WHERE seq = 2");
    auto v = c.verify();
    CHECK_FALSE(v.intact);
    CHECK(v.first_bad_seq == 2);
}

TEST_CASE("audit: deleting the newest events is found through the recorded head", "[audit]") {
    community c(4);
    c.tamper("DELETE FROM audit_event WHERE seq >= 4");
    auto v = c.verify();
    CHECK_FALSE(v.intact);
    CHECK(v.first_bad_seq == 4);
    CHECK(v.problem == "events 4 to 5 are missing");
}

TEST_CASE("audit: an inserted event is found", "[audit]") {
    community c(3);
    c.tamper(
        "UPDATE audit_event SET seq = -seq WHERE seq >= 3;"
        "UPDATE audit_event SET seq = 1 - seq WHERE seq < 0;"
        "INSERT INTO audit_event VALUES (3, '2026-11-27T09:00:00Z', 'mallory', 'x', 'k', '1', "
        "'{}', "
        "'0', '0')");
    auto v = c.verify();
    CHECK_FALSE(v.intact);
    CHECK(v.first_bad_seq == 3);
}

TEST_CASE("audit: an event appended behind gov's back is found", "[audit]") {
    community c(1);
    c.tamper(
        "INSERT INTO audit_event SELECT seq + 1, at, actor, action, record_kind, record_id, "
        "payload, hash, hash FROM audit_event WHERE seq = 2");
    auto v = c.verify();
    CHECK_FALSE(v.intact);
    CHECK(v.first_bad_seq == 3);
}

TEST_CASE("audit: the log refuses updates and deletes through SQL", "[audit]") {
    community c(1);
    CHECK_THROWS_WITH(test::sql_exec(c.db_file, "UPDATE audit_event SET actor = 'x'"),
                      Catch::Contains("append-only"));
    CHECK_THROWS_WITH(test::sql_exec(c.db_file, "DELETE FROM audit_event"),
                      Catch::Contains("append-only"));
}

TEST_CASE("audit: a change without an audit event cannot be committed", "[audit]") {
    community c(0);
    auto ctx = c.open();
    detail::write_transaction tx(ctx);
    CHECK_THROWS_AS(tx.commit(), internal_error);
}

TEST_CASE("audit: an uncommitted change leaves nothing behind", "[audit]") {
    community c(0);
    auto ctx = c.open();
    {
        detail::write_transaction tx(ctx);
        tx.audit("test.event", "thing", "1", {});
    }
    CHECK(list_audit(ctx.db()).size() == 1);
}

TEST_CASE("audit: the log filters by record, time and count", "[audit]") {
    community c(4);
    auto ctx = c.open();
    audit_filter f;
    f.record_kind = "thing";
    f.record_id = "2";
    auto one = list_audit(ctx.db(), f);
    REQUIRE(one.size() == 1);
    CHECK(one[0].seq == 3);
    audit_filter last2;
    last2.limit = 2;
    auto two = list_audit(ctx.db(), last2);
    REQUIRE(two.size() == 2);
    CHECK(two[0].seq == 4);
    CHECK(two[1].seq == 5);
    audit_filter later;
    later.since = *parse_timestamp("2026-11-28T00:00:00Z");
    CHECK(list_audit(ctx.db(), later).empty());
}

TEST_CASE("audit: init refuses to overwrite and leaves nothing half-made", "[audit]") {
    community c(0);
    CHECK_THROWS_AS(init_community(c.dir.path(), "again", test_clock, "tester"), conflict);
    test::temp_dir d;
    d.write("gov.db", "x");
    CHECK_THROWS_AS(init_community(d.path(), "new", test_clock, "tester"), conflict);
    CHECK_FALSE(std::filesystem::exists(d / "gov.toml"));
}
