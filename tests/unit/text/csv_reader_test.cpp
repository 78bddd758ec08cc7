#include "gov/text/csv_reader.hpp"

#include <iconv.h>

#include <sstream>
#include <streambuf>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "gov/values/error.hpp"

namespace {

using rows = std::vector<std::vector<std::string>>;

struct parsed {
    rows fields;
    std::vector<std::uint64_t> lines;
};

parsed read_all(const std::string& bytes, gov::csv_options options = {}) {
    std::istringstream in(bytes, std::ios::binary);
    gov::csv_reader reader(in, "t.csv", options);
    parsed out;
    gov::csv_record record;
    while (reader.next(record)) {
        out.fields.push_back(record.to_strings());
        out.lines.push_back(record.line());
    }
    CHECK_FALSE(reader.next(record));
    CHECK(record.empty());
    CHECK(reader.records_read() == out.fields.size());
    return out;
}

std::string error_of(const std::string& bytes, gov::csv_options options = {}) {
    try {
        read_all(bytes, options);
    } catch (const gov::input_error& e) {
        return e.what();
    }
    return "no error";
}

/// Encodes UTF-8 as GB18030 with the C library, as a spreadsheet would.
std::string to_gb18030(const std::string& utf8) {
    iconv_t cd = iconv_open("GB18030", "UTF-8");
    REQUIRE(cd != reinterpret_cast<iconv_t>(-1));
    std::string out(utf8.size() * 2 + 8, '\0');
    std::string in_copy = utf8;
    char* in = in_copy.data();
    std::size_t in_left = in_copy.size();
    char* o = out.data();
    std::size_t out_left = out.size();
    REQUIRE(iconv(cd, &in, &in_left, &o, &out_left) == 0);
    iconv_close(cd);
    out.resize(out.size() - out_left);
    return out;
}

/// An endless stream of one byte, to show the reader does not buffer it all.
class endless_buf : public std::streambuf {
  public:
    explicit endless_buf(char c) : m_block(4096, c) {}

  protected:
    int_type underflow() override {
        setg(m_block.data(), m_block.data(), m_block.data() + m_block.size());
        return traits_type::to_int_type(m_block[0]);
    }

  private:
    std::string m_block;
};

}  // namespace

TEST_CASE("csv: quoted field keeps commas, quotes and line breaks", "[csv_reader]") {
    const parsed p = read_all(
        "姓名,备注\n"
        "张三,\"住 3 栋, 2 单元\"\n"
        "李四,\"他说\"\"好\"\"\"\n"
        "王五,\"第一行\n第二行\r\n第三行\"\n");
    CHECK(p.fields == rows{{"姓名", "备注"},
                           {"张三", "住 3 栋, 2 单元"},
                           {"李四", "他说\"好\""},
                           {"王五", "第一行\n第二行\r\n第三行"}});
    CHECK(p.lines == std::vector<std::uint64_t>{1, 2, 3, 4});
}

TEST_CASE("csv: CRLF and LF line ends give the same records", "[csv_reader]") {
    const rows expected{{"a", "b"}, {"1", "2"}, {"3", ""}};
    CHECK(read_all("a,b\r\n1,2\r\n3,\r\n").fields == expected);
    CHECK(read_all("a,b\n1,2\n3,\n").fields == expected);
    CHECK(read_all("a,b\r\n1,2\n3,\r\n").fields == expected);
}

TEST_CASE("csv: the last record may lack a line end", "[csv_reader]") {
    CHECK(read_all("a,b\n1,2").fields == rows{{"a", "b"}, {"1", "2"}});
    CHECK(read_all("a,b\n1,\"2\"").fields == rows{{"a", "b"}, {"1", "2"}});
    CHECK(read_all("a,b\n1,").fields == rows{{"a", "b"}, {"1", ""}});
}

TEST_CASE("csv: empty fields, quoted or not, are empty strings", "[csv_reader]") {
    CHECK(read_all(",,\n\"\",x,\"\"\n").fields == rows{{"", "", ""}, {"", "x", ""}});
}

TEST_CASE("csv: a UTF-8 byte order mark is stripped from the first header", "[csv_reader]") {
    std::istringstream in("\xEF\xBB\xBF姓名,房号\n张三,101\n", std::ios::binary);
    gov::csv_reader reader(in, "t.csv");
    CHECK(reader.encoding() == gov::text_encoding::utf8_bom);
    gov::csv_record header;
    REQUIRE(reader.next(header));
    CHECK(header.to_strings() == std::vector<std::string>{"姓名", "房号"});
}

TEST_CASE("csv: an empty file has no records", "[csv_reader]") {
    CHECK(read_all("").fields.empty());
    CHECK(read_all("\xEF\xBB\xBF").fields.empty());
    CHECK(read_all("\n\r\n").fields.empty());
}

TEST_CASE("csv: a header-only file has one record", "[csv_reader]") {
    CHECK(read_all("姓名,房号\r\n").fields == rows{{"姓名", "房号"}});
    CHECK(read_all("姓名,房号").fields == rows{{"姓名", "房号"}});
}

TEST_CASE("csv: ragged rows are returned with their own field count", "[csv_reader]") {
    std::istringstream in("a,b,c\n1,2\n1,2,3,4\n", std::ios::binary);
    gov::csv_reader reader(in, "t.csv");
    gov::csv_record r;
    std::vector<std::size_t> sizes;
    while (reader.next(r)) sizes.push_back(r.size());
    CHECK(sizes == std::vector<std::size_t>{3, 2, 4});
}

TEST_CASE("csv: record lines count line breaks inside quotes and skipped blank lines",
          "[csv_reader]") {
    const parsed p = read_all("h\n\"a\nb\"\n\nc\r\n\r\nd\n");
    CHECK(p.fields == rows{{"h"}, {"a\nb"}, {"c"}, {"d"}});
    CHECK(p.lines == std::vector<std::uint64_t>{1, 2, 5, 7});
}

TEST_CASE("csv: blank lines are records of one empty field when not skipped", "[csv_reader]") {
    gov::csv_options options;
    options.skip_blank_lines = false;
    const parsed p = read_all("a\n\nb\r\n\r\n", options);
    CHECK(p.fields == rows{{"a"}, {""}, {"b"}, {""}});
    CHECK(p.lines == std::vector<std::uint64_t>{1, 2, 3, 4});
}

TEST_CASE("csv: unterminated quote at end of file names the line it opened on", "[csv_reader]") {
    CHECK(error_of("a,b\n1,\"open\n2,3\n4,5\n") ==
          "t.csv:4: unterminated quoted field (opened on line 2)");
    CHECK(error_of("a,b\n1,\"open") == "t.csv:2: unterminated quoted field (opened on line 2)");
}

TEST_CASE("csv: strict mode rejects stray quotes, lenient mode keeps them", "[csv_reader]") {
    CHECK(error_of("a,b\n5\" floppy,x\n") ==
          "t.csv:2: quote inside unquoted field 1; quote the whole field and write the quote "
          "as two quotes");
    CHECK(error_of("a,b\nx,\"ab\"cd\n") ==
          "t.csv:2: unexpected text after the closing quote of field 2; a quote inside a "
          "quoted field is written as two quotes");
    CHECK(error_of("a,b\nx,\"a\"\"b\" \n") ==
          "t.csv:2: unexpected text after the closing quote of field 2; a quote inside a "
          "quoted field is written as two quotes");
    gov::csv_options lenient;
    lenient.lenient_quotes = true;
    CHECK(read_all("5\" floppy,\"ab\"cd,\"a\"\"b\" \"x\"\n", lenient).fields ==
          rows{{"5\" floppy", "abcd", "a\"b \"x\""}});
}

TEST_CASE("csv: a carriage return without a line feed outside quotes is an error", "[csv_reader]") {
    const std::string expected =
        "t.csv:2: carriage return (CR) without a line feed outside quotes; save the file with "
        "Windows (CR LF) or Unix (LF) line ends";
    CHECK(error_of("a\rb\n") ==
          "t.csv:1: carriage return (CR) without a line feed outside "
          "quotes; save the file with Windows (CR LF) or Unix (LF) line "
          "ends");
    CHECK(error_of("a\n\"b\"\r") == expected);
    CHECK(read_all("\"a\rb\"\n").fields == rows{{"a\rb"}});
}

TEST_CASE("csv: a NUL byte is an error", "[csv_reader]") {
    CHECK(error_of(std::string("a,b\nx,y\0z\n", 10)) ==
          "t.csv:2: NUL byte in field 2 (is the file UTF-16 or not text?)");
    CHECK(error_of(std::string("a,b\n\"x\n\0\"\n", 10)) ==
          "t.csv:3: NUL byte in field 1 (is the file UTF-16 or not text?)");
}

TEST_CASE("csv: a 1 MB field is an error, not an OOM", "[csv_reader]") {
    const std::string big(1024 * 1024, 'x');
    CHECK(error_of("a,b\n1," + big + "\n") == "t.csv:2: field 2 is longer than 65536 bytes");
    CHECK(error_of("a,b\n\"" + big + "\n") ==
          "t.csv:2: field 1 is longer than 65536 bytes (quoted field opened on line 2; is a "
          "closing quote missing?)");
    // A field of exactly the limit is fine, quoted or not.
    const std::string limit(65536, 'y');
    CHECK(read_all(limit + ",\"" + limit + "\"\n").fields == rows{{limit, limit}});
    // An endless line is stopped at the limit, not read into memory.
    endless_buf buf('z');
    std::istream endless(&buf);
    gov::csv_reader reader(endless, "endless.csv",
                           gov::csv_options{.encoding = gov::text_encoding::utf8});
    gov::csv_record r;
    CHECK_THROWS_WITH(reader.next(r), "endless.csv:1: field 1 is longer than 65536 bytes");
}

TEST_CASE("csv: field limits count content bytes, doubled quotes twice", "[csv_reader]") {
    gov::csv_options options;
    options.max_field_bytes = 4;
    options.lenient_quotes = true;
    CHECK(read_all("abcd,\"ab\"\"\",\"a\nb\",\"ab\"cd\n", options).fields ==
          rows{{"abcd", "ab\"", "a\nb", "abcd"}});
    CHECK(error_of("x\nabcde\n", options) == "t.csv:2: field 1 is longer than 4 bytes");
    CHECK(error_of("x\n1,\"ab\"\"c\"\n", options) ==
          "t.csv:2: field 2 is longer than 4 bytes (quoted field opened on line 2; is a "
          "closing quote missing?)");
    // The fifth byte of content is the line feed that ends line 3.
    CHECK(error_of("x\n\"a\nbc\nd\"\n", options) ==
          "t.csv:3: field 1 is longer than 4 bytes (quoted field opened on line 2; is a "
          "closing quote missing?)");
    CHECK(error_of("x\n\"ab\"cde\n", options) == "t.csv:2: field 1 is longer than 4 bytes");
}

TEST_CASE("csv: a record over max_record_bytes is an error", "[csv_reader]") {
    gov::csv_options options;
    options.max_record_bytes = 10;
    CHECK(read_all("1234,67890\n", options).fields == rows{{"1234", "67890"}});
    CHECK(error_of("a\n1234,678901\n", options) == "t.csv:2: record is longer than 10 bytes");
    CHECK(read_all("1234,6789,\n", options).fields == rows{{"1234", "6789", ""}});
    CHECK(error_of("1234,67890,\n", options) == "t.csv:1: record is longer than 10 bytes");
    CHECK(error_of("\"1\n2\",\"3\n45678\"\n", options) ==
          "t.csv:3: record is longer than 10 bytes");
}

TEST_CASE("csv: invalid UTF-8 names the line", "[csv_reader]") {
    gov::csv_options options;
    options.encoding = gov::text_encoding::utf8;
    CHECK(error_of("姓名,房号\n张三,101\n李\xFF,102\n", options) ==
          "t.csv:3: invalid UTF-8 byte sequence (0xFF) at byte offset 28");
}

TEST_CASE("csv: GB18030 input with rare 4-byte characters", "[csv_reader]") {
    const std::string utf8 = "姓名,备注\r\n𪚥,\"中, 文\"\r\n张三,€\r\n";
    const std::string gb = to_gb18030(utf8);
    CHECK(gb.find("\x98\x35\xEE\x37") != std::string::npos);
    gov::csv_options options;
    options.encoding = gov::text_encoding::gb18030;
    const rows expected{{"姓名", "备注"}, {"𪚥", "中, 文"}, {"张三", "€"}};
    CHECK(read_all(gb, options).fields == expected);
    CHECK(read_all(gb).fields == expected);  // detected
    CHECK(error_of(gb + "\x80\n", options) ==
          "t.csv:4: invalid GB18030 byte sequence (0x80) at byte offset " +
              std::to_string(gb.size()));
}

TEST_CASE("csv: every chunk split gives the same records", "[csv_reader]") {
    const std::string utf8 =
        "\xEF\xBB\xBF姓名,备注\r\n"
        "𪚥,\"他说\"\"好\"\"\r\n第二行\"\r\n"
        "\"\",x\n"
        "\n"
        "张三,\"a,b\"";
    const rows expected{
        {"姓名", "备注"}, {"𪚥", "他说\"好\"\r\n第二行"}, {"", "x"}, {"张三", "a,b"}};
    const std::vector<std::uint64_t> lines{1, 2, 4, 6};
    const std::string gb = to_gb18030(utf8);
    for (std::size_t chunk = 1; chunk <= utf8.size() + 1; ++chunk) {
        INFO("chunk of " << chunk << " bytes");
        gov::csv_options options;
        options.chunk_bytes = chunk;
        options.encoding = gov::text_encoding::utf8;
        const parsed u = read_all(utf8, options);
        CHECK(u.fields == expected);
        CHECK(u.lines == lines);
        options.encoding = gov::text_encoding::gb18030;
        const parsed g = read_all(gb, options);
        CHECK(g.fields == expected);
        CHECK(g.lines == lines);
        options.encoding = std::nullopt;
        CHECK(read_all(gb, options).fields == expected);
        CHECK(error_of(utf8 + "\n\"open", options) ==
              "t.csv:7: unterminated quoted field (opened on line 7)");
    }
}

TEST_CASE("csv: errors come in file order whatever the chunk size", "[csv_reader]") {
    for (std::size_t chunk = 1; chunk <= 24; ++chunk) {
        INFO("chunk of " << chunk << " bytes");
        gov::csv_options options;
        options.chunk_bytes = chunk;
        options.encoding = gov::text_encoding::utf8;
        CHECK(error_of("a,b\n1,\"x\"y\n\xFF\n", options) ==
              "t.csv:2: unexpected text after the closing quote of field 2; a quote inside a "
              "quoted field is written as two quotes");
        CHECK(error_of("a,b\n1,\xFF\n\"open", options) ==
              "t.csv:2: invalid UTF-8 byte sequence (0xFF) at byte offset 6");
        options.encoding = gov::text_encoding::gb18030;
        CHECK(error_of("a,b\n1,\"x\"y\n\x80\n", options) ==
              "t.csv:2: unexpected text after the closing quote of field 2; a quote inside a "
              "quoted field is written as two quotes");
        CHECK(error_of("a,b\n1,\x80\n\"open", options) ==
              "t.csv:2: invalid GB18030 byte sequence (0x80) at byte offset 6");
        CHECK(error_of("a,b\n1,\x98\x35\xEE", options) ==
              "t.csv:2: the input ends inside a GB18030 character (0x98 0x35 0xEE) at byte "
              "offset 6");
    }
}

TEST_CASE("csv: the encoding is detected from the first bytes", "[csv_reader]") {
    std::istringstream utf8("姓名\n", std::ios::binary);
    CHECK(gov::csv_reader(utf8, "a.csv").encoding() == gov::text_encoding::utf8);
    std::istringstream gb(to_gb18030("姓名\n"), std::ios::binary);
    CHECK(gov::csv_reader(gb, "b.csv").encoding() == gov::text_encoding::gb18030);
    std::istringstream utf16(
        "\xFF\xFE"
        "a",
        std::ios::binary);
    CHECK_THROWS_AS(gov::csv_reader(utf16, "c.csv"), gov::input_error);
}

TEST_CASE("csv: another delimiter, and invalid ones", "[csv_reader]") {
    gov::csv_options tab;
    tab.delimiter = '\t';
    CHECK(read_all("a\tb,c\n\"x\ty\"\tz\n", tab).fields == rows{{"a", "b,c"}, {"x\ty", "z"}});
    std::istringstream in("a", std::ios::binary);
    gov::csv_options quote;
    quote.delimiter = '"';
    CHECK_THROWS_AS(gov::csv_reader(in, "t.csv", quote), gov::usage_error);
}

// ---------------------------------------------------------------------------------------------

namespace {

const std::vector<gov::csv_column> roster_columns{
    {"name", {"姓名", "name"}, true},
    {"room", {"房号", "room"}, true},
    {"phone", {"电话", "phone"}, false},
};

gov::csv_record header_of(const std::string& line, std::istringstream& holder,
                          std::unique_ptr<gov::csv_reader>& reader) {
    holder.clear();
    holder.str(line);
    reader = std::make_unique<gov::csv_reader>(holder, "roster.csv");
    gov::csv_record header;
    REQUIRE(reader->next(header));
    return header;
}

}  // namespace

TEST_CASE("csv: header mapping finds columns by any accepted name, trimmed", "[csv_reader]") {
    std::istringstream holder;
    std::unique_ptr<gov::csv_reader> reader;
    const auto header =
        header_of("序号, Name ,\xE3\x80\x80房号\xE3\x80\x80,备注\n", holder, reader);
    const gov::csv_header_map map = gov::map_csv_header(header, roster_columns, "roster.csv");
    CHECK(map.index == std::vector<std::optional<std::size_t>>{1, 2, std::nullopt});
    CHECK(map.find("room") == std::optional<std::size_t>{2});
    CHECK_FALSE(map.find("phone").has_value());
    CHECK(map.unmapped == std::vector<std::size_t>{0, 3});
    CHECK_THROWS_AS(map.find("nope"), gov::internal_error);
}

TEST_CASE("csv: header mapping lists the found columns when one is missing", "[csv_reader]") {
    std::istringstream holder;
    std::unique_ptr<gov::csv_reader> reader;
    const auto header = header_of("序号,名字,房号\n", holder, reader);
    try {
        gov::map_csv_header(header, roster_columns, "roster.csv");
        FAIL("no error");
    } catch (const gov::input_error& e) {
        CHECK(std::string(e.what()) ==
              "roster.csv:1: missing required column(s): name (姓名 / name); the header has: "
              "序号, 名字, 房号");
        CHECK(e.details().empty());
    }
}

TEST_CASE("csv: header mapping rejects a column given twice", "[csv_reader]") {
    std::istringstream holder;
    std::unique_ptr<gov::csv_reader> reader;
    const auto header = header_of("姓名,房号,NAME\n", holder, reader);
    CHECK_THROWS_WITH(gov::map_csv_header(header, roster_columns, "roster.csv"),
                      "roster.csv:1: column \"name\" appears more than once: \"姓名\" in column "
                      "1 (A) and \"NAME\" in column 3 (C)");

    const auto header2 = header_of("电话,电话\n", holder, reader);
    try {
        gov::map_csv_header(header2, roster_columns, "roster.csv");
        FAIL("no error");
    } catch (const gov::input_error& e) {
        const std::vector<std::string> expected{
            "roster.csv:1: missing required column(s): name (姓名 / name), room (房号 / room); "
            "the header has: 电话, 电话",
            "roster.csv:1: column \"phone\" appears more than once: \"电话\" in column 1 (A) "
            "and \"电话\" in column 2 (B)"};
        CHECK(e.details() == expected);
        CHECK(std::string(e.what()) == expected[0] + " (and 1 more)");
    }
}

TEST_CASE("csv: header mapping refuses one header name for two columns", "[csv_reader]") {
    std::istringstream holder;
    std::unique_ptr<gov::csv_reader> reader;
    const auto header = header_of("a\n", holder, reader);
    const std::vector<gov::csv_column> clash{{"x", {"a"}, true}, {"y", {"A"}, true}};
    CHECK_THROWS_AS(gov::map_csv_header(header, clash, "t.csv"), gov::internal_error);
}

namespace {

const std::vector<gov::csv_column> area_columns{
    {"name", {"姓名", "name"}, true},
    {"area", {"建筑面积", "area"}, false},
    {"birth_year", {"出生年份", "birth_year"}, false},
    {"phone", {"电话", "phone"}, false},
    {"status", {"状态", "status"}, false},
};

// The problem map_csv_header finds with `line` as the header, or "".
std::string header_problem(const std::string& line) {
    std::istringstream holder;
    std::unique_ptr<gov::csv_reader> reader;
    const auto header = header_of(line, holder, reader);
    try {
        gov::map_csv_header(header, area_columns, "r.csv");
    } catch (const gov::input_error& e) {
        return e.what();
    }
    return "";
}

gov::csv_header_map mapped(const std::string& line) {
    std::istringstream holder;
    std::unique_ptr<gov::csv_reader> reader;
    const auto header = header_of(line, holder, reader);
    return gov::map_csv_header(header, area_columns, "r.csv");
}

}  // namespace

TEST_CASE("csv: a known column with a unit, a note or spaces in its name is an error naming it",
          "[csv_reader]") {
    CHECK(header_problem("姓名,建筑面积(㎡)\n") ==
          "r.csv:1: column 2 (B) \"建筑面积(㎡)\" looks like 建筑面积 with a unit: rename the "
          "column to 建筑面积");
    CHECK(header_problem("姓名,面积（平方米）\n") ==
          "r.csv:1: column 2 (B) \"面积（平方米）\" looks like 建筑面积 with a unit: rename the "
          "column to 建筑面积");
    CHECK(header_problem("姓名,面积 m2\n") ==
          "r.csv:1: column 2 (B) \"面积 m2\" looks like 建筑面积 with a unit: rename the column "
          "to 建筑面积");
    CHECK(header_problem("姓名,建筑面积㎡\n").find("looks like 建筑面积 with a unit") !=
          std::string::npos);
    CHECK(header_problem("姓名,【建筑面积】\n") ==
          "r.csv:1: column 2 (B) \"【建筑面积】\" looks like 建筑面积 with a note: rename the "
          "column to 建筑面积");
    CHECK(header_problem("name,Area (m2)\n") ==
          "r.csv:1: column 2 (B) \"Area (m2)\" looks like area with a unit: rename the column "
          "to area");
    CHECK(header_problem("姓名,电话（手机）\n") ==
          "r.csv:1: column 2 (B) \"电话（手机）\" looks like 电话 with a note: rename the column "
          "to 电话");
    CHECK(header_problem("姓名,出生 年份\n") ==
          "r.csv:1: column 2 (B) \"出生 年份\" looks like 出生年份: rename the column to 出生年份");
    CHECK(header_problem("姓名,*电话\n").find("looks like 电话: rename") != std::string::npos);
    CHECK(header_problem("姓名,Birth Year\n")
              .find("looks like birth_year: rename the column to "
                    "birth_year") != std::string::npos);
    // What is missing is said too, after what to rename.
    try {
        mapped("姓名（全名）,电话\n");
        FAIL("no error");
    } catch (const gov::input_error& e) {
        REQUIRE(e.details().size() == 2);
        CHECK(e.details()[0] ==
              "r.csv:1: column 1 (A) \"姓名（全名）\" looks like 姓名 with a note: rename the "
              "column to 姓名");
        CHECK(e.details()[1].find("missing required column(s): name") != std::string::npos);
    }
}

TEST_CASE("csv: a unit-like cell is no error when the file has the column it looks like",
          "[csv_reader]") {
    auto map = mapped("姓名,建筑面积,建筑面积(㎡)\n");
    REQUIRE(map.unknown.size() == 1);
    CHECK(map.unknown[0].index == 2);
    CHECK(map.unknown[0].header == "建筑面积(㎡)");
    CHECK(map.unknown[0].likely.empty());
    // Nor a cell that only ends in what could be a unit.
    CHECK(mapped("姓名,room2\n").unknown[0].likely.empty());
}

TEST_CASE("csv: unknown columns are reported with what they may be, or refused when strict",
          "[csv_reader]") {
    auto map = mapped("姓名,楼层,联系电话,stauts,,面积\n");
    REQUIRE(map.unknown.size() == 5);
    CHECK(map.unknown[0].header == "楼层");
    CHECK(map.unknown[0].likely.empty());
    CHECK(map.unknown[1].likely == "电话");    // a name ending in a known one
    CHECK(map.unknown[2].likely == "status");  // a near spelling
    CHECK(map.unknown[3].header.empty());
    CHECK(map.unknown[4].likely == "建筑面积");  // a part of a known one
    const std::vector<std::string> expected{
        "r.csv:1: column 2 (B) \"楼层\" is not a roster column; ignored",
        "r.csv:1: column 3 (C) \"联系电话\" is not a roster column; ignored (did you mean 电话?)",
        "r.csv:1: column 4 (D) \"stauts\" is not a roster column; ignored (did you mean status?)",
        "r.csv:1: column 6 (F) \"面积\" is not a roster column; ignored (did you mean 建筑面积?)",
        "r.csv:1: column 5 (E) has no header; ignored"};
    CHECK(gov::unknown_column_warnings(map, "r.csv", "a roster column", false) == expected);
    try {
        gov::unknown_column_warnings(map, "r.csv", "a roster column", true);
        FAIL("no error");
    } catch (const gov::input_error& e) {
        CHECK(std::string(e.what()) ==
              "r.csv: 5 column(s) that gov does not read; nothing was imported (--strict)");
        REQUIRE(e.details().size() == 5);
        CHECK(e.details()[1] ==
              "r.csv:1: column 3 (C) \"联系电话\" is not a roster column (did you mean 电话?)");
        CHECK(e.details()[4] == "r.csv:1: column 5 (E) has no header");
    }
    // Several columns without a header are named together; none is nothing to say.
    CHECK(gov::unknown_column_warnings(mapped("姓名,,\n"), "r.csv", "x", false) ==
          std::vector<std::string>{"r.csv:1: columns 2 (B), 3 (C) have no header; ignored"});
    CHECK(gov::unknown_column_warnings(mapped("姓名,电话\n"), "r.csv", "x", true).empty());
    // A suggestion is only ever a column the file lacks.
    CHECK(mapped("姓名,电话,联系电话\n").unknown[0].likely.empty());
}
