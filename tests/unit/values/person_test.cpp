#include <catch2/catch.hpp>

#include "gov/values/person.hpp"

using namespace gov;

TEST_CASE("person: mainland mobiles and landlines are valid phones", "[person]") {
    CHECK(is_valid_phone("13812345678"));
    CHECK(is_valid_phone("19912345678"));
    CHECK(is_valid_phone("0551-62345678"));
    CHECK(is_valid_phone("010-6234567"));
    CHECK(is_valid_phone("055162345678"));
    CHECK(is_valid_phone("62345678"));
    CHECK(is_valid_phone("0551-62345678-123"));
}

TEST_CASE("person: malformed phones are refused", "[person]") {
    CHECK_FALSE(is_valid_phone("1381234567"));    // 10 digits
    CHECK_FALSE(is_valid_phone("138123456789"));  // 12 digits
    CHECK_FALSE(is_valid_phone("12812345678"));   // no such prefix
    CHECK_FALSE(is_valid_phone("138****5678"));   // a masked number
    CHECK_FALSE(is_valid_phone("138 1234 5678"));
    CHECK_FALSE(is_valid_phone("abc"));
    CHECK_FALSE(is_valid_phone("05-62345678"));
    CHECK_FALSE(is_valid_phone(""));
}

TEST_CASE("person: phones a spreadsheet or a masked export spoiled are explained", "[person]") {
    auto why = [](std::string_view t) {
        return explain_bad_phone(t, "gov roster export").value_or("");
    };
    CHECK_THAT(why("1.38E+10"), Catch::Contains("scientific notation") &&
                                    Catch::Contains("format the column as Text"));
    CHECK_THAT(why("1.38001E+10"), Catch::Contains("scientific notation"));
    CHECK_THAT(why("1.3800138E10"), Catch::Contains("scientific notation"));
    CHECK_THAT(why("13800138000.0"), Catch::Contains("turned the phone into a number"));
    CHECK_THAT(why("13,800,138,000"), Catch::Contains("turned the phone into a number"));
    CHECK_THAT(why("137****6768"),
               Catch::Contains("this phone is masked (137****6768), as gov roster export writes "
                               "it without --reveal-pii") &&
                   Catch::Contains("import an export made with --reveal-pii"));
    CHECK_THAT(why("0551-****5678"), Catch::Contains("masked"));
    CHECK_THAT(why("****5678"), Catch::Contains("masked"));
    // Anything else is not explained.
    CHECK_FALSE(explain_bad_phone("1381234567", "x"));
    CHECK_FALSE(explain_bad_phone("abc", "x"));
    CHECK_FALSE(explain_bad_phone("1.5", "x"));
    CHECK_FALSE(explain_bad_phone("13800138000.5", "x"));
    CHECK_FALSE(explain_bad_phone("1,38,00", "x"));
    CHECK_FALSE(explain_bad_phone("2.5E+3", "x"));
    CHECK_FALSE(explain_bad_phone("****", "x"));
    CHECK_FALSE(explain_bad_phone("", "x"));
}

TEST_CASE("person: phones are masked keeping what identifies them to their owner", "[person]") {
    CHECK(mask_phone("13812345678") == "138****5678");
    CHECK(mask_phone("0551-62345678") == "0551-****5678");
    CHECK(mask_phone("62345678") == "****5678");
    CHECK(mask_phone("123") == "****");
    CHECK(mask_phone("") == "");
}

TEST_CASE("person: yes/no as spreadsheets write it", "[person]") {
    for (auto y : {"是", "yes", "YES", "Y", "y", "1", "true"}) CHECK(parse_yes_no(y) == true);
    for (auto n : {"否", "no", "N", "0", "", "false"}) CHECK(parse_yes_no(n) == false);
    CHECK_FALSE(parse_yes_no("maybe"));
    CHECK_FALSE(parse_yes_no("是的"));
}

TEST_CASE("person: gender", "[person]") {
    CHECK(parse_gender("男") == "男");
    CHECK(parse_gender("F") == "女");
    CHECK(parse_gender("") == "");
    CHECK_FALSE(parse_gender("x"));
}
