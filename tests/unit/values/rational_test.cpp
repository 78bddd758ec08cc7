#include <cstdint>
#include <limits>

#include <catch2/catch.hpp>

#include "gov/values/error.hpp"
#include "gov/values/rational.hpp"

using gov::rational;

TEST_CASE("rational: fractions are kept in lowest terms with a positive denominator",
          "[rational]") {
    CHECK(rational(6, 8) == rational(3, 4));
    CHECK(rational(6, 8).num() == 3);
    CHECK(rational(6, 8).den() == 4);
    CHECK(rational(3, -6).str() == "-1/2");
    CHECK(rational(0, -5) == rational(0));
    CHECK(rational(0, -5).den() == 1);
    CHECK(rational(10, 5).str() == "2");
    CHECK(rational(179, 2).str() == "179/2");
    CHECK_THROWS_AS(rational(1, 0), gov::input_error);
}

TEST_CASE("rational: parse reads fractions, integers and exact decimals", "[rational]") {
    CHECK(rational::parse("2/3") == rational(2, 3));
    CHECK(rational::parse("4/6") == rational(2, 3));
    CHECK(rational::parse("-1/2") == rational(-1, 2));
    CHECK(rational::parse("3") == rational(3));
    CHECK(rational::parse("0.75") == rational(3, 4));
    CHECK(rational::parse("0.5000") == rational(1, 2));
    CHECK(rational::parse("1.0") == rational(1));
    for (const char* bad : {"", "-", "1/0", "a", "1.", ".5", "1/", "/2", "2/3/4", " 1", "1 ", "+1",
                            "1e3", "0x10", "-1/-2", "99999999999999999999"}) {
        INFO(bad);
        CHECK_THROWS_AS(rational::parse(bad), gov::input_error);
    }
}

TEST_CASE("rational: comparison is exact where floating point is not", "[rational]") {
    CHECK(rational(2, 3) == rational(200, 300));
    CHECK(rational(2, 3) > rational(666666666666, 1000000000000));
    CHECK(rational(2, 3) < rational(666666666667, 1000000000000));
    // 0.1 + 0.2 is 0.3 exactly, not 0.30000000000000004.
    CHECK(rational(1, 10) + rational(2, 10) == rational(3, 10));
    CHECK(rational(1, 10) + rational(2, 10) >= rational::parse("0.3"));
    // Cross products of the largest 64-bit values still compare correctly.
    const std::int64_t big = std::numeric_limits<std::int64_t>::max();
    CHECK(rational(big, big - 1) > rational(1));
    CHECK(rational(big - 1, big) < rational(1));
    CHECK(rational(big - 2, big - 1) < rational(big - 1, big));
    CHECK(rational(-big, 3) < rational(big, 3));
}

TEST_CASE("rational: arithmetic is exact and refuses to overflow", "[rational]") {
    CHECK(rational(1, 2) + rational(1, 3) == rational(5, 6));
    CHECK(rational(1, 2) - rational(1, 3) == rational(1, 6));
    CHECK(rational(2, 3) * rational(3, 4) == rational(1, 2));
    CHECK(rational(2, 3) / rational(4, 3) == rational(1, 2));
    CHECK(-rational(2, 3) == rational(-2, 3));
    CHECK_THROWS_AS(rational(1, 2) / rational(0), gov::input_error);
    const std::int64_t big = std::numeric_limits<std::int64_t>::max();
    CHECK_THROWS_AS(rational(big) + rational(1), gov::input_error);
    CHECK_THROWS_AS(rational(big) * rational(2), gov::input_error);
    CHECK_THROWS_AS(rational(1, big) * rational(1, 2), gov::input_error);
}

TEST_CASE("rational: decimal amounts parse to exact hundredths", "[rational]") {
    CHECK(gov::parse_hundredths("88.5") == 8850);
    CHECK(gov::parse_hundredths("88.50") == 8850);
    CHECK(gov::parse_hundredths("100") == 10000);
    CHECK(gov::parse_hundredths("0.07") == 7);
    CHECK(gov::parse_hundredths("0.1") == 10);
    CHECK(gov::parse_hundredths("0") == 0);
    CHECK(gov::parse_hundredths("007.10") == 710);
    CHECK(gov::parse_hundredths("92233720368547758.07") ==
          std::numeric_limits<std::int64_t>::max());
    for (const char* bad : {"", "88.505", "-1", "-0.5", ".5", "5.", "1e3", "+1", "1,5", " 1", "1 ",
                            "abc", "1.2.3", "92233720368547758.08", "99999999999999999999"}) {
        INFO(bad);
        CHECK_THROWS_AS(gov::parse_hundredths(bad), gov::input_error);
    }
    CHECK_THROWS_WITH(gov::parse_hundredths("88.505"),
                      "\"88.505\" is not a valid amount: more than 2 decimal places");
    CHECK_THROWS_WITH(gov::parse_hundredths("-1"),
                      "\"-1\" is not a valid amount: negative amounts are not allowed");
}

TEST_CASE("rational: hundredths format with two decimals", "[rational]") {
    CHECK(gov::format_hundredths(123450) == "1234.50");
    CHECK(gov::format_hundredths(7) == "0.07");
    CHECK(gov::format_hundredths(0) == "0.00");
    CHECK(gov::format_hundredths(-5) == "-0.05");
    CHECK(gov::format_hundredths(std::numeric_limits<std::int64_t>::min()) ==
          "-92233720368547758.08");
}

TEST_CASE("rational: percentages are rounded for display with integer arithmetic", "[rational]") {
    CHECK(gov::format_percent(rational(2, 3)) == "66.67%");
    CHECK(gov::format_percent(rational(1, 3)) == "33.33%");
    CHECK(gov::format_percent(rational(1, 2)) == "50.00%");
    CHECK(gov::format_percent(rational(1, 8)) == "12.50%");
    CHECK(gov::format_percent(rational(1)) == "100.00%");
    CHECK(gov::format_percent(rational(0)) == "0.00%");
    CHECK(gov::format_percent(rational(1, 20000)) == "0.01%");  // 0.005% rounds half up
    CHECK(gov::format_percent(rational(1, 20001)) == "0.00%");
    CHECK(gov::format_percent(rational(-2, 3)) == "-66.67%");
    CHECK(gov::format_percent(rational(2, 3), 0) == "67%");
    CHECK(gov::format_percent(rational(2, 3), 4) == "66.6667%");
}
