#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>
#include <vector>

#include "bulk/row_pipeline.hpp"

using gov::detail::row_pipeline;

namespace {

// Reads "row 1" … "row n" (the rows of a file of n rows).
auto numbered(int n, int& made) {
    return [n, &made](std::string& row) {
        if (made == n) return false;
        row = "row " + std::to_string(++made);
        return true;
    };
}

std::vector<std::string> drain(row_pipeline<std::string>& p) {
    std::vector<std::string> out;
    while (std::string* r = p.next()) out.push_back(*r);
    return out;
}

}  // namespace

TEST_CASE("row_pipeline: every row once, in order, across many batches", "[row_pipeline]") {
    for (int n : {0, 1, 3, 4, 5, 12, 13, 1000}) {
        int made = 0;
        row_pipeline<std::string> p(numbered(n, made), 4, 3);  // 3 batches of 4 rows
        auto rows = drain(p);
        REQUIRE(rows.size() == static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i)
            CHECK(rows[static_cast<std::size_t>(i)] == "row " + std::to_string(i + 1));
        CHECK(p.next() == nullptr);  // and stays at the end
    }
}

TEST_CASE("row_pipeline: an error comes after the rows read before it", "[row_pipeline]") {
    int made = 0;
    row_pipeline<std::string> p(
        [&](std::string& row) {
            if (made == 6) throw std::runtime_error("line 7: a stray quote");
            row = "row " + std::to_string(++made);
            return true;
        },
        4, 2);
    std::vector<std::string> rows;
    try {
        while (std::string* r = p.next()) rows.push_back(*r);
        FAIL("no error");
    } catch (const std::runtime_error& e) {
        CHECK(std::string(e.what()) == "line 7: a stray quote");
    }
    CHECK(rows == std::vector<std::string>{"row 1", "row 2", "row 3", "row 4", "row 5", "row 6"});
}

TEST_CASE("row_pipeline: the reader stays a bounded way ahead, and stops with its owner",
          "[row_pipeline]") {
    int made = 0;
    {
        row_pipeline<std::string> p(numbered(1000000, made), 8, 2);
        std::string* first = p.next();
        REQUIRE(first != nullptr);
        CHECK(*first == "row 1");
        // The owner gives up (an error while writing): the destructor stops
        // the reader, which has read at most its two batches and one more.
    }
    CHECK(made <= 3 * 8);
}
