#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include "bulk/batched_insert.hpp"
#include "gov/values/error.hpp"

using gov::detail::batched_insert;

namespace {

// Every row of t as text, NULL as "NULL" and the storage class marked.
std::vector<std::string> rows(SQLite::Database& db) {
    std::vector<std::string> out;
    SQLite::Statement q(db,
                        "SELECT id || ':' || coalesce(quote(a), 'NULL') || ':' || "
                        "coalesce(quote(b), 'NULL') FROM t ORDER BY id");
    while (q.executeStep()) out.push_back(q.getColumn(0).getString());
    return out;
}

}  // namespace

TEST_CASE("batched insert: rows queued copied or borrowed, inserted in batches",
          "[batched_insert]") {
    SQLite::Database db(":memory:", SQLite::OPEN_READWRITE);
    db.exec("CREATE TABLE t(id INTEGER PRIMARY KEY, a, b)");
    batched_insert insert(db, "t", {"a", "b"});
    using value = batched_insert::value;
    using borrowed = batched_insert::borrowed;

    // Copied: the caller's string may change once add() returns.
    std::string text = "first";
    CHECK(insert.add({value(std::string_view(text)), value(std::int64_t{7})}) == 1);
    text = "changed";
    // Borrowed: read when inserted; an empty text is '' (not NULL).
    std::string kept = "queued", empty;
    const std::array<borrowed, 2> row = {borrowed(std::cref(kept)), borrowed(std::cref(empty))};
    CHECK(insert.add_borrowed(row) == 2);
    const std::array<borrowed, 2> nulls = {borrowed(), borrowed(std::int64_t{-1})};
    CHECK(insert.add_borrowed(nulls) == 3);
    CHECK(rows(db).empty());  // queued only
    kept = "as inserted";     // not copied: what the string holds at the flush counts
    insert.flush();
    CHECK(rows(db) == std::vector<std::string>{"1:'first':7", "2:'as inserted':''", "3:NULL:-1"});

    // Past a statement's worth, full batches go in as they fill.
    std::vector<std::string> texts(100);
    for (std::size_t i = 0; i < texts.size(); ++i) {
        texts[i] = "row " + std::to_string(i);
        const std::array<borrowed, 2> r = {borrowed(std::cref(texts[i])),
                                           borrowed(static_cast<std::int64_t>(i))};
        CHECK(insert.add_borrowed(r) == static_cast<std::int64_t>(4 + i));
    }
    CHECK(db.execAndGet("SELECT count(*) FROM t").getInt64() ==
          3 + static_cast<std::int64_t>(texts.size() / 32 * 32));
    insert.flush();
    CHECK(db.execAndGet("SELECT count(*) FROM t").getInt64() == 103);
    CHECK(db.execAndGet("SELECT a || '/' || b FROM t WHERE id = 103").getString() == "row 99/99");

    // Rows that came in another way between batches: ids follow them.
    db.exec("INSERT INTO t(id, a) VALUES (200, 'other')");
    CHECK(insert.add({value(), value()}) == 201);
    insert.flush();

    CHECK_THROWS_AS(insert.add({value()}), gov::internal_error);
    CHECK_THROWS_AS(insert.add_borrowed(std::span<const borrowed>(row.data(), 1)),
                    gov::internal_error);
}
