#include <catch2/catch.hpp>
#include <string>

#include <utf8proc.h>
#include <algorithm>

#include "gov/text/table.hpp"

TEST_CASE("text_width: ASCII counts one column per character", "[text_width]") {
    CHECK(gov::display_width("") == 0);
    CHECK(gov::display_width("a") == 1);
    CHECK(gov::display_width("3-1-502") == 7);
}

TEST_CASE("text_width: CJK characters count two columns", "[text_width]") {
    CHECK(gov::display_width("楼长") == 4);
    CHECK(gov::display_width("3号楼") == 5);
    // Full-width Latin letter and the ideographic space are wide too.
    CHECK(gov::display_width("Ａ") == 2);
    CHECK(gov::display_width("\u3000") == 2);
}

TEST_CASE("text_width: a four-byte CJK Extension B character counts two", "[text_width]") {
    const std::string ext_b = "\xF0\xAA\x9A\xA5";  // U+2A6A5 𪚥
    REQUIRE(ext_b.size() == 4);
    CHECK(gov::display_width(ext_b) == 2);
}

TEST_CASE("text_width: combining marks take no columns", "[text_width]") {
    CHECK(gov::display_width("e\u0301") == 1);  // e + COMBINING ACUTE ACCENT
    CHECK(gov::display_width("\u0301") == 0);
}

TEST_CASE("text_width: emoji count two columns", "[text_width]") {
    CHECK(gov::display_width("\U0001F600") == 2);
    CHECK(gov::display_width("ok\U0001F44D") == 4);
}

TEST_CASE("text_width: invalid bytes count one column each", "[text_width]") {
    CHECK(gov::display_width("\xFF") == 1);
    CHECK(gov::display_width("a\xC3") == 2);         // truncated two-byte sequence
    CHECK(gov::display_width("\xE6\xA5\xFF") == 3);  // broken three-byte sequence
    CHECK(gov::display_width("\xED\xA0\x80") == 3);  // encoded surrogate is not UTF-8
}

TEST_CASE("text_width: text that fits is returned unchanged", "[text_width]") {
    CHECK(gov::truncate_to_width("楼长", 4) == "楼长");
    CHECK(gov::truncate_to_width("abc", 10) == "abc");
    CHECK(gov::truncate_to_width("", 3).empty());
}

TEST_CASE("text_width: cut text ends in an ellipsis within the width", "[text_width]") {
    CHECK(gov::truncate_to_width("abcdef", 4) == "abc…");
    CHECK(gov::truncate_to_width("abcdef", 1) == "…");
    CHECK(gov::truncate_to_width("abcdef", 0).empty());
    CHECK(gov::truncate_to_width("abcdef", -3).empty());
    // A wide character that would straddle the limit is dropped whole.
    CHECK(gov::truncate_to_width("楼长会议", 4) == "楼…");
    CHECK(gov::truncate_to_width("楼长会议", 5) == "楼长…");
}

TEST_CASE("text_width: truncation never exceeds the width", "[text_width]") {
    const std::string samples[] = {"楼长会议纪要",
                                   "a楼b长c",
                                   "\xF0\xAA\x9A\xA5\xF0\xAA\x9A\xA5x",
                                   "e\u0301e\u0301e\u0301e\u0301",
                                   "\xFF\xFE\xFDzz",
                                   "\U0001F600\U0001F600\U0001F600"};
    for (const auto& s : samples) {
        for (int w = 0; w <= gov::display_width(s) + 1; ++w) {
            const std::string cut = gov::truncate_to_width(s, w);
            INFO("text " << s << " width " << w << " gave " << cut);
            CHECK(gov::display_width(cut) <= w);
            if (gov::display_width(s) > w && w > 0) CHECK(cut.size() >= 3);
        }
    }
}

TEST_CASE("text_width: truncation keeps combining marks with their letter", "[text_width]") {
    CHECK(gov::truncate_to_width("e\u0301e\u0301e\u0301", 2) == "e\u0301…");
}

TEST_CASE("text_width: truncation never splits a multi-byte character", "[text_width]") {
    const std::string cut = gov::truncate_to_width("\xF0\xAA\x9A\xA5\xF0\xAA\x9A\xA5", 3);
    CHECK(cut == "\xF0\xAA\x9A\xA5…");
}

TEST_CASE("text_width: the fast paths agree with utf8proc on every code point they take",
          "[text_width]") {
    auto encode = [](char32_t cp) {
        std::string s;
        if (cp < 0x80) {
            s += static_cast<char>(cp);
        } else {
            s += static_cast<char>(0xe0 | (cp >> 12));
            s += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
            s += static_cast<char>(0x80 | (cp & 0x3f));
        }
        return s;
    };
    int mismatches = 0;
    for (char32_t cp = 0; cp < 0x80; ++cp)
        if (gov::display_width(encode(cp)) !=
            std::max(0, utf8proc_charwidth(static_cast<utf8proc_int32_t>(cp))))
            ++mismatches;
    for (char32_t cp = 0x4e00; cp <= 0x9fff; ++cp)
        if (gov::display_width(encode(cp)) != utf8proc_charwidth(static_cast<utf8proc_int32_t>(cp)))
            ++mismatches;
    CHECK(mismatches == 0);
}
