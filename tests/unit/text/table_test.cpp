#include <catch2/catch.hpp>
#include <cstdint>
#include <random>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "gov/text/table.hpp"
#include "gov/values/error.hpp"

namespace {

using Catch::Matchers::Contains;

gov::table households() {
    gov::table t;
    t.columns = {{"house", "房号"}, {"owner", "业主"}, {"area", "面积", gov::align::right}};
    t.rows = {{std::string("3-1-502"), std::string("王芳"), std::string("88.50")},
              {std::string("12-2-1101"), std::string("欧阳建国"), std::string("120.00")}};
    return t;
}

/// Every line of `text` is at most `width` display columns.
bool fits(const std::string& text, int width) {
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        if (gov::display_width(line) > width) return false;
    }
    return true;
}

}  // namespace

TEST_CASE("table: output formats are parsed by name", "[table]") {
    CHECK(gov::parse_output_format("table") == gov::output_format::table);
    CHECK(gov::parse_output_format("json") == gov::output_format::json);
    CHECK(gov::parse_output_format("csv") == gov::output_format::csv);
    CHECK(gov::parse_output_format("markdown") == gov::output_format::markdown);
}

TEST_CASE("table: an unknown output format is a usage error naming the choices", "[table]") {
    CHECK_THROWS_AS(gov::parse_output_format("xml"), gov::usage_error);
    CHECK_THROWS_AS(gov::parse_output_format("JSON"), gov::usage_error);
    CHECK_THROWS_AS(gov::parse_output_format(""), gov::usage_error);
    CHECK_THROWS_WITH(gov::parse_output_format("xml"), Contains("'xml'"));
    CHECK_THROWS_WITH(gov::parse_output_format("xml"), Contains("table") && Contains("json") &&
                                                           Contains("csv") && Contains("markdown"));
}

TEST_CASE("table: cell text of each kind", "[table]") {
    CHECK(gov::cell_text(gov::cell{}).empty());
    CHECK(gov::cell_text(gov::cell{std::int64_t{-42}}) == "-42");
    CHECK(gov::cell_text(gov::cell{true}) == "true");
    CHECK(gov::cell_text(gov::cell{false}) == "false");
    CHECK(gov::cell_text(gov::cell{std::string("179/2")}) == "179/2");
}

TEST_CASE("table: CJK columns align by display width", "[table]") {
    CHECK(gov::render_table(households()) ==
          "房号       业主        面积\n"
          "---------  --------  ------\n"
          "3-1-502    王芳       88.50\n"
          "12-2-1101  欧阳建国  120.00\n");
}

TEST_CASE("table: integers right-aligned under their heading", "[table]") {
    gov::table t;
    t.columns = {{"name", "楼栋"}, {"count", "户数", gov::align::right}, {"ok", "ok"}};
    t.rows = {{std::string("1号楼"), std::int64_t{7}, true},
              {std::string("10号楼"), std::int64_t{120}, gov::cell{}}};
    CHECK(gov::render_table(t) ==
          "楼栋    户数  ok\n"
          "------  ----  ----\n"
          "1号楼      7  true\n"
          "10号楼   120\n");
}

TEST_CASE("table: an empty table still shows its heading", "[table]") {
    gov::table t;
    t.columns = {{"a", "名称"}, {"b", "数量", gov::align::right}};
    CHECK(gov::render_table(t) == "名称  数量\n----  ----\n");
    CHECK(gov::render_table(gov::table{}).empty());
}

TEST_CASE("table: line breaks and control characters stay on one line", "[table]") {
    gov::table t;
    t.columns = {{"note", "备注"}, {"n", "n"}};
    t.rows = {{std::string("一\n二"), std::int64_t{1}},
              {std::string("a\r\nb\tc"), std::int64_t{2}},
              {std::string("\x1b[31mred"), std::int64_t{3}},
              {std::string("bad\xFF"), std::int64_t{4}}};
    CHECK(gov::render_table(t) ==
          "备注      n\n"
          "--------  -\n"
          "一↵二     1\n"
          "a↵b c     2\n"
          "\xEF\xBF\xBD[31mred  3\n"
          "bad\xEF\xBF\xBD      4\n");
}

TEST_CASE("table: C1 controls, DEL and a lone CR are replaced; other text passes whole",
          "[table]") {
    gov::table t;
    t.columns = {{"note", "note"}};
    t.rows = {{std::string("a\xC2\x85"
                           "b")},                    // U+0085, a C1 control
              {std::string("x\x7Fy\rz")},            // DEL and a carriage return alone
              {std::string("\xC2\xA0é𠀀😀楼\xE9")}};  // NBSP, 4-byte CJK, emoji, cut sequence
    CHECK(gov::render_table(t) ==
          "note\n"
          "---------\n"
          "a\xEF\xBF\xBD"
          "b\n"
          "x\xEF\xBF\xBDy↵z\n"
          "\xC2\xA0é𠀀😀楼\xEF\xBF\xBD\n");
}

TEST_CASE("table: lines carry no trailing whitespace", "[table]") {
    gov::table t;
    t.columns = {{"a", "A"}, {"b", "B"}};
    t.rows = {{std::string("long value"), gov::cell{}}, {std::string("x "), std::string("")}};
    CHECK(gov::render_table(t) ==
          "A           B\n"
          "----------  -\n"
          "long value\n"
          "x\n");
}

TEST_CASE("table: colour makes headings bold without changing widths", "[table]") {
    gov::table t;
    t.columns = {{"a", "楼长"}, {"b", "n", gov::align::right}};
    t.rows = {{std::string("王"), std::int64_t{7}}};
    CHECK(gov::render_table(t, {0, true}) ==
          "\x1b[1m楼长\x1b[0m  \x1b[1mn\x1b[0m\n"
          "----  -\n"
          "王    7\n");
}

TEST_CASE("table: a wide table is fitted to the terminal width", "[table]") {
    gov::table t;
    t.columns = {{"id", "ID"}, {"name", "姓名"}, {"note", "备注"}};
    t.rows = {{std::int64_t{1}, std::string("王芳"),
               std::string("请于下周一前缴纳物业费并到物业办公室登记")}};
    const std::string out = gov::render_table(t, {30, false});
    CHECK(out ==
          "ID  姓名  备注\n"
          "--  ----  --------------------\n"
          "1   王芳  请于下周一前缴纳物…\n");
    CHECK(fits(out, 30));
    // Unlimited width and a width that already fits leave the cell whole.
    CHECK_THAT(gov::render_table(t), Contains("办公室登记\n"));
    CHECK(gov::render_table(t, {50, false}) == gov::render_table(t));
}

TEST_CASE("table: the widest column gives way first", "[table]") {
    gov::table t;
    t.columns = {{"a", "A"}, {"b", "B"}};
    t.rows = {{std::string(20, 'a'), std::string(10, 'b')}};
    CHECK(gov::render_table(t, {26, false}) ==
          "A               B\n"
          "--------------  ----------\n"
          "aaaaaaaaaaaaa…  bbbbbbbbbb\n");
    // Once level, columns shrink in turn and end up equal.
    CHECK(gov::render_table(t, {20, false}) ==
          "A          B\n"
          "---------  ---------\n"
          "aaaaaaaa…  bbbbbbbb…\n");
}

TEST_CASE("table: of equally wide columns the rightmost gives way first", "[table]") {
    // The leftmost columns usually identify the record (house, name).
    gov::table t;
    t.columns = {{"a", "A"}, {"b", "B"}};
    t.rows = {{std::string(10, 'a'), std::string(10, 'b')}};
    CHECK(gov::render_table(t, {21, false}) ==
          "A           B\n"
          "----------  ---------\n"
          "aaaaaaaaaa  bbbbbbbb…\n");
}

TEST_CASE("table: headings are kept whole before they are cut", "[table]") {
    gov::table t;
    t.columns = {{"a", "Household"}, {"b", "Note"}};
    t.rows = {{std::string("abcdefghijklmnopqr"), std::string("ABCDEFGHIJKLMNOPQR")}};
    CHECK(gov::render_table(t, {16, false}) ==
          "Household  Note\n"
          "---------  -----\n"
          "abcdefgh…  ABCD…\n");
    CHECK(gov::render_table(t, {12, false}) ==
          "House…  Note\n"
          "------  ----\n"
          "abcde…  ABC…\n");
    // Below four columns a cell is unreadable, so the table overflows instead.
    CHECK(gov::render_table(t, {5, false}) ==
          "Hou…  Note\n"
          "----  ----\n"
          "abc…  ABC…\n");
}

TEST_CASE("table: fitting CJK text never exceeds the width", "[table]") {
    gov::table t;
    t.columns = {{"house", "房号"}, {"owner", "业主"}, {"note", "备注"}};
    t.rows = {{std::string("3-1-502"), std::string("欧阳建国"),
               std::string("请于下周一前缴纳物业费\n并到物业办公室登记")},
              {std::string("12-2-1101"), std::string("王芳"), std::string("无")}};
    for (int width = 22; width <= 60; ++width) {
        INFO("width " << width);
        CHECK(fits(gov::render_table(t, {width, false}), width));
    }
}

TEST_CASE("table: a ragged row is a bug in the caller", "[table]") {
    gov::table t;
    t.columns = {{"a", "A"}, {"b", "B"}};
    t.rows = {{std::string("x")}};
    CHECK_THROWS_AS(gov::render_table(t), gov::internal_error);
    CHECK_THROWS_AS(gov::render_json(t), gov::internal_error);
    CHECK_THROWS_AS(gov::render_csv(t), gov::internal_error);
    CHECK_THROWS_AS(gov::render_markdown(t), gov::internal_error);
}

TEST_CASE("table: JSON keeps column order, types and null", "[table][json]") {
    gov::table t;
    t.columns = {{"house", "房号"}, {"count", "户数"}, {"paid", "已缴"}, {"note", "备注"}};
    t.rows = {
        {std::string("3-1-502"), std::int64_t{3}, true, gov::cell{}},
        {std::string("楼长"), std::int64_t{-9007199254740993}, false, std::string("a\"b\nc")}};
    CHECK(gov::render_json(t) ==
          "[\n"
          "  {\n"
          "    \"house\": \"3-1-502\",\n"
          "    \"count\": 3,\n"
          "    \"paid\": true,\n"
          "    \"note\": null\n"
          "  },\n"
          "  {\n"
          "    \"house\": \"楼长\",\n"
          "    \"count\": -9007199254740993,\n"
          "    \"paid\": false,\n"
          "    \"note\": \"a\\\"b\\nc\"\n"
          "  }\n"
          "]\n");
}

TEST_CASE("table: JSON of an empty table is an empty array", "[table][json]") {
    gov::table t;
    t.columns = {{"a", "A"}};
    CHECK(gov::render_json(t) == "[]\n");
}

TEST_CASE("table: JSON replaces invalid UTF-8 instead of throwing", "[table][json]") {
    gov::table t;
    t.columns = {{"k", "K"}};
    t.rows = {
        {std::string("a\xFF"
                     "b")}};
    CHECK(gov::render_json(t) ==
          "[\n  {\n    \"k\": \"a\xEF\xBF\xBD"
          "b\"\n  }\n]\n");
}

TEST_CASE("table: JSON is what nlohmann's dump(2) of the rows would be", "[table][json]") {
    // render_json writes the text itself; any string, escaped or not, and
    // any shape must come out as the document tree it replaced did.
    std::mt19937 rng(7);
    const std::vector<std::string> pieces = {"a",    "楼",       "\"",   "\\",   "\n",
                                             "\t",   "\x01",     "\x1f", "\x7f", "/",
                                             "\xff", "\xe6\xa5", " ",    "{}",   "😀"};
    for (int round = 0; round < 200; ++round) {
        gov::table t;
        const auto columns = rng() % 4;
        for (std::uint32_t c = 0; c < columns; ++c)
            t.columns.push_back({c == 1 ? std::string("k\"ey") : fmt::format("c{}", c), "H"});
        nlohmann::ordered_json expected = nlohmann::ordered_json::array();
        for (auto r = rng() % 4; r > 0; --r) {
            std::vector<gov::cell> row;
            nlohmann::ordered_json object = nlohmann::ordered_json::object();
            for (const auto& c : t.columns) {
                gov::cell v;
                nlohmann::ordered_json j;  // null
                if (const auto kind = rng() % 4; kind == 1) {
                    const auto n = static_cast<std::int64_t>(rng()) - 2147483648LL;
                    v = n;
                    j = n;
                } else if (kind == 2) {
                    const bool b = rng() % 2 == 0;
                    v = b;
                    j = b;
                } else if (kind == 3) {
                    std::string text;
                    for (auto k = rng() % 6; k > 0; --k) text.append(pieces[rng() % pieces.size()]);
                    j = text;
                    v = std::move(text);
                }
                row.push_back(std::move(v));
                object[c.key] = std::move(j);
            }
            t.rows.push_back(std::move(row));
            expected.push_back(std::move(object));
        }
        INFO("round " << round);
        CHECK(gov::render_json(t) ==
              expected.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) +
                  "\n");
    }
}

TEST_CASE("table: CSV has column keys, CRLF and neutralised text", "[table][csv]") {
    gov::table t;
    t.columns = {
        {"house", "房号"}, {"amount", "金额"}, {"delta", "差额"}, {"ok", "ok"}, {"note", "备注"}};
    t.rows = {{std::string("3-1-502"), std::string("-12.50"), std::int64_t{-5}, true,
               std::string("=HYPERLINK(\"http://x\")")},
              {std::string("+1"), std::string("@x"), std::int64_t{0}, false,
               std::string("line1\r\nline2,")},
              {gov::cell{}, std::string("-"), gov::cell{}, gov::cell{}, std::string("\t=1")}};
    CHECK(gov::render_csv(t) ==
          "house,amount,delta,ok,note\r\n"
          "3-1-502,-12.50,-5,true,\"'=HYPERLINK(\"\"http://x\"\")\"\r\n"
          "'+1,'@x,0,false,\"line1\r\nline2,\"\r\n"
          ",'-,,,'\t=1\r\n");
}

TEST_CASE("table: CSV of an empty table is its header row", "[table][csv]") {
    gov::table t;
    t.columns = {{"house", "房号"}, {"owner", "业主"}};
    CHECK(gov::render_csv(t) == "house,owner\r\n");
    CHECK(gov::render_csv(gov::table{}).empty());
}

TEST_CASE("table: CSV keeps a one-column row with an empty value", "[table][csv]") {
    gov::table t;
    t.columns = {{"note", "备注"}};
    t.rows = {{gov::cell{}}, {std::string("x")}};
    CHECK(gov::render_csv(t) == "note\r\n\"\"\r\nx\r\n");
}

TEST_CASE("table: Markdown escapes pipes, backslashes and line breaks", "[table][markdown]") {
    gov::table t;
    t.columns = {{"house", "房号"}, {"note", "备注 | 说明"}, {"n", "户数", gov::align::right}};
    t.rows = {{std::string("3-1-502"), std::string("a|b\nc"), std::int64_t{12}},
              {std::string("楼"), std::string("C:\\path"), gov::cell{}}};
    CHECK(gov::render_markdown(t) ==
          "| 房号    | 备注 \\| 说明 | 户数 |\n"
          "| ------- | ------------ | ---: |\n"
          "| 3-1-502 | a\\|b<br>c    |   12 |\n"
          "| 楼      | C:\\\\path     |      |\n");
}

TEST_CASE("table: Markdown of an empty table is its heading", "[table][markdown]") {
    gov::table t;
    t.columns = {{"a", "A"}, {"n", "N", gov::align::right}};
    CHECK(gov::render_markdown(t) ==
          "| A   |    N |\n"
          "| --- | ---: |\n");
    CHECK(gov::render_markdown(gov::table{}).empty());
}

TEST_CASE("table: render dispatches on the format", "[table]") {
    const gov::table t = households();
    CHECK(gov::render(t, gov::output_format::table) == gov::render_table(t));
    CHECK(gov::render(t, gov::output_format::table, {20, true}) ==
          gov::render_table(t, {20, true}));
    CHECK(gov::render(t, gov::output_format::json) == gov::render_json(t));
    CHECK(gov::render(t, gov::output_format::csv) == gov::render_csv(t));
    CHECK(gov::render(t, gov::output_format::markdown) == gov::render_markdown(t));
}

namespace {

/// The text_table holding the text of each of `t`'s cells.
gov::text_table as_text(const gov::table& t) {
    gov::text_table out;
    out.columns = t.columns;
    for (const auto& row : t.rows) {
        for (const auto& c : row) out.add_cell(c);
        out.end_row();
    }
    return out;
}

}  // namespace

TEST_CASE("text table: cells are kept in order and read back", "[table][text]") {
    gov::text_table t;
    t.columns = {{"a", "A"}, {"b", "B"}};
    t.add("");
    t.add("楼栋");
    t.end_row();
    t.add("x,y");
    t.add("");
    t.end_row();
    REQUIRE(t.rows() == 2);
    CHECK(t.at(0, 0).empty());
    CHECK(t.at(0, 1) == "楼栋");
    CHECK(t.at(1, 0) == "x,y");
    CHECK(t.at(1, 1).empty());
}

TEST_CASE("text table: a row of the wrong width is a bug in the caller", "[table][text]") {
    gov::text_table t;
    t.columns = {{"a", "A"}, {"b", "B"}};
    t.add("1");
    CHECK_THROWS_AS(t.end_row(), gov::internal_error);
    gov::text_table u;
    u.columns = {{"a", "A"}};
    u.add("1");
    u.add("2");
    CHECK_THROWS_WITH(u.end_row(), Contains("2 cells") && Contains("1 columns"));
}

TEST_CASE("text table: columns can be left out after the rows are in", "[table][text]") {
    gov::text_table t;
    t.columns = {{"a", "A"}, {"b", "B"}, {"c", "C"}};
    for (const auto* row : {"1,22,333", "4444,,5", ",6,"}) {
        std::string_view rest(row);
        for (int c = 0; c < 3; ++c) {
            const auto comma = rest.find(',');
            t.add(rest.substr(0, comma));
            rest = comma == std::string_view::npos ? "" : rest.substr(comma + 1);
        }
        t.end_row();
    }
    t.keep_columns({true, false, true});
    REQUIRE(t.columns.size() == 2);
    CHECK(t.columns[0].key == "a");
    CHECK(t.columns[1].key == "c");
    REQUIRE(t.rows() == 3);
    CHECK(t.at(0, 0) == "1");
    CHECK(t.at(0, 1) == "333");
    CHECK(t.at(1, 0) == "4444");
    CHECK(t.at(1, 1) == "5");
    CHECK(t.at(2, 0).empty());
    CHECK(t.at(2, 1).empty());
    t.keep_columns({false, true});
    CHECK(gov::render_table(t) == "C\n---\n333\n5\n\n");
    CHECK_THROWS_AS(t.keep_columns({true, true}), gov::internal_error);
}

TEST_CASE("text table: renders as the table of the same text does", "[table][text]") {
    // Every way a cell can be drawn: plain, cut to fit, made safe (line
    // breaks, controls, invalid UTF-8), wide and right-aligned, numbers,
    // booleans and empty cells.
    std::mt19937 rng(11);
    const std::vector<std::string> pieces = {"a",        "楼",   "\n",   "\r\n",     "\t",
                                             "\x01",     "\x7f", "\xff", " ",        "\u00e9",
                                             "\xe6\xa5", "😀",    "12",   "欧阳建国", "\xc2\x85"};
    for (int round = 0; round < 300; ++round) {
        gov::table t;
        const auto columns = rng() % 5;
        for (std::uint32_t c = 0; c < columns; ++c)
            t.columns.push_back({fmt::format("c{}", c), c == 2 ? "数量" : fmt::format("H{}", c),
                                 c % 2 ? gov::align::right : gov::align::left});
        for (auto r = rng() % 5; r > 0; --r) {
            std::vector<gov::cell> row;
            for (std::size_t c = 0; c < t.columns.size(); ++c) {
                if (const auto kind = rng() % 6; kind == 0) {
                    row.emplace_back(std::monostate{});
                } else if (kind == 1) {
                    row.emplace_back(static_cast<std::int64_t>(rng()) - 2147483648LL);
                } else if (kind == 2) {
                    row.emplace_back(rng() % 2 == 0);
                } else {
                    std::string text;
                    for (auto k = rng() % 5; k > 0; --k) text.append(pieces[rng() % pieces.size()]);
                    row.emplace_back(std::move(text));
                }
            }
            t.rows.push_back(std::move(row));
        }
        const gov::table_style style{static_cast<int>(rng() % 3 == 0 ? 0 : rng() % 40),
                                     rng() % 2 == 0};
        INFO("round " << round);
        CHECK(gov::render_table(as_text(t), style) == gov::render_table(t, style));
    }
    CHECK(gov::render_table(as_text(households())) == gov::render_table(households()));
    CHECK(gov::render_table(gov::text_table{}).empty());
}

TEST_CASE("table: instant columns shown in local time, others untouched", "[table]") {
    gov::table t;
    t.columns = {
        {"id", "Id", gov::align::right}, gov::instant_column("at", "At"), {"note", "Note"}};
    t.rows = {
        {std::int64_t{1}, std::string("2026-12-05T11:00:00Z"), std::string("2026-12-05T11:00:00Z")},
        {std::int64_t{2}, gov::cell{}, std::string("x")}};
    gov::show_local_times(t, std::chrono::minutes{480});
    CHECK(std::get<std::string>(t.rows[0][1]) == "2026-12-05 19:00");
    CHECK(std::get<std::string>(t.rows[0][2]) == "2026-12-05T11:00:00Z");  // not an instant column
    CHECK(std::holds_alternative<std::monostate>(t.rows[1][1]));
}
