#include <catch2/catch.hpp>

#include "gov/text/json.hpp"

using gov::json_layout;
using gov::receipt;
using gov::render_json;

TEST_CASE("a receipt is one line of JSON in the order written") {
    CHECK(render_json(receipt{{"id", 42}}) == "{\"id\":42}\n");
    CHECK(render_json(receipt{{"id", 3}, {"milestone", "2"}, {"done", true}}) ==
          "{\"id\":3,\"milestone\":\"2\",\"done\":true}\n");
    // Names keep their order even when another would sort first.
    CHECK(render_json(receipt{{"z", 1}, {"a", 2}}) == "{\"z\":1,\"a\":2}\n");
}

TEST_CASE("a receipt's integers are 64-bit and absent values are null") {
    const std::int64_t big = 9'007'199'254'740'993;  // past a double's exact range
    CHECK(render_json(receipt().add("id", big)) == "{\"id\":9007199254740993}\n");
    CHECK(render_json(receipt().add("issue", std::optional<std::int64_t>{})) ==
          "{\"issue\":null}\n");
    CHECK(render_json(receipt().add("issue", std::optional<std::int64_t>{7})) == "{\"issue\":7}\n");
}

TEST_CASE("a receipt indented, with text as it is and bad bytes replaced") {
    CHECK(render_json(receipt{{"id", 1}, {"item", "健身器材"}}, json_layout::indented) ==
          "{\n  \"id\": 1,\n  \"item\": \"健身器材\"\n}\n");
    CHECK(render_json(receipt{{"text", std::string("a\xff")}}) == "{\"text\":\"a\xEF\xBF\xBD\"}\n");
    CHECK(render_json(receipt{}) == "{}\n");
}
