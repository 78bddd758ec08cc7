#include <catch2/catch.hpp>
#include <sstream>
#include <string>

#include "gov/text/csv_writer.hpp"

TEST_CASE("csv_writer: plain fields are written as they are", "[csv_writer]") {
    CHECK(gov::csv_field("3-1-502") == "3-1-502");
    CHECK(gov::csv_field("王芳") == "王芳");
    CHECK(gov::csv_field("") == "");
    CHECK(gov::csv_field("a b") == "a b");
}

TEST_CASE("csv_writer: fields with comma, quote, CR or LF are quoted", "[csv_writer]") {
    CHECK(gov::csv_field("a,b") == "\"a,b\"");
    CHECK(gov::csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(gov::csv_field("line1\nline2") == "\"line1\nline2\"");
    CHECK(gov::csv_field("line1\r\nline2") == "\"line1\r\nline2\"");
    CHECK(gov::csv_field("\"") == "\"\"\"\"");
}

TEST_CASE("csv_writer: formula-like text is neutralised", "[csv_writer]") {
    CHECK(gov::csv_field("=SUM(A1:A9)") == "'=SUM(A1:A9)");
    CHECK(gov::csv_field("+86 138") == "'+86 138");
    CHECK(gov::csv_field("-cmd") == "'-cmd");
    CHECK(gov::csv_field("@import") == "'@import");
    CHECK(gov::csv_field("\t=1") == "'\t=1");
    // The prefix comes before quoting, so it lands inside the quotes.
    CHECK(gov::csv_field("=HYPERLINK(\"x\",\"y\")") == "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"");
    CHECK(gov::csv_field("\r=1") == "\"'\r=1\"");
    // Only the first character matters.
    CHECK(gov::csv_field("a=b") == "a=b");
}

TEST_CASE("csv_writer: plain decimals are not neutralised", "[csv_writer]") {
    CHECK(gov::csv_field("-5") == "-5");
    CHECK(gov::csv_field("-12.50") == "-12.50");
    CHECK(gov::csv_field("-12.") == "'-12.");
    CHECK(gov::csv_field("-1+2") == "'-1+2");
    CHECK(gov::csv_field("-179/2") == "'-179/2");
    CHECK(gov::csv_field("-") == "'-");
}

TEST_CASE("csv_writer: neutralising can be switched off", "[csv_writer]") {
    CHECK(gov::csv_field("=1+1", false) == "=1+1");
    CHECK(gov::csv_field("=1,1", false) == "\"=1,1\"");
}

TEST_CASE("csv_writer: rows end in CRLF", "[csv_writer]") {
    std::ostringstream out;
    gov::csv_writer writer(out);
    writer.write_row({"house", "owner", "note"});
    writer.write_row({"3-1-502", "王芳", "a,b"});
    writer.write_row({"", "=cmd", "x\ny"});
    CHECK(out.str() ==
          "house,owner,note\r\n"
          "3-1-502,王芳,\"a,b\"\r\n"
          ",'=cmd,\"x\ny\"\r\n");
}

TEST_CASE("csv_writer: a lone empty field is quoted so the row is not blank", "[csv_writer]") {
    std::ostringstream out;
    gov::csv_writer writer(out, false);
    writer.write_row({""});
    writer.write_row({"=x"});
    CHECK(out.str() == "\"\"\r\n=x\r\n");
}
