// The named whitespace rules of detail::trim (text/interface.hpp): each
// removes what its text carries by accident, and nothing that is data.
#include <catch2/catch.hpp>

#include "text/interface.hpp"

using gov::detail::trim;
using gov::detail::whitespace;

TEST_CASE("blanks: spaces and tabs only") {
    CHECK(trim(" \t张三\t ") == "张三");
    CHECK(trim("a b") == "a b");
    CHECK(trim("\r\nx\r\n") == "\r\nx\r\n");
    CHECK(trim("\u3000x\u3000") == "\u3000x\u3000");
    CHECK(trim("   ").empty());
    CHECK(trim("").empty());
}

TEST_CASE("typed: blanks and the full-width space, in any mix") {
    CHECK(trim("\u3000 痛点\t\u3000 ", whitespace::typed) == "痛点");
    CHECK(trim(" \u3000\u3000", whitespace::typed).empty());
    CHECK(trim("a\u3000b", whitespace::typed) == "a\u3000b");
    CHECK(trim("\r\nx", whitespace::typed) == "\r\nx");
}

TEST_CASE("line_ends: blanks and a line end") {
    CHECK(trim(" 12-3-1502\r\n", whitespace::line_ends) == "12-3-1502");
    CHECK(trim("\u3000x", whitespace::line_ends) == "\u3000x");
}

TEST_CASE("choice: line ends and the full-width space around a typed choice") {
    CHECK(trim("\u3000同意\r\n", whitespace::choice) == "同意");
    CHECK(trim("\r\n\u3000 \tP2025-001\u3000\n", whitespace::choice) == "P2025-001");
    CHECK(trim("1 > 2", whitespace::choice) == "1 > 2");
    CHECK(trim("\xC2\xA0同意", whitespace::choice) == "\xC2\xA0同意");  // no-break space is data
}

TEST_CASE("header: what spreadsheets leave around a column name") {
    CHECK(trim("\xEF\xBB\xBF 姓名\xC2\xA0\u3000\v\f\r\n", whitespace::header) == "姓名");
    CHECK(trim("\xC2\xA0 \xC2\xA0电话", whitespace::header) == "电话");
    CHECK(trim("建筑 面积", whitespace::header) == "建筑 面积");
}
