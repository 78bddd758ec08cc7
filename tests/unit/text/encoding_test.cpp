#include "gov/text/encoding.hpp"

#include <sstream>
#include <string>

#include <catch2/catch.hpp>

#include "gov/values/error.hpp"

namespace {

// "中文𪚥€" in GB18030: 𪚥 (U+2A6A5, CJK Ext B) is a 4-byte sequence
// (checked with `printf '𪚥' | iconv -f UTF-8 -t GB18030 | xxd`).
const std::string gb_text = "\xD6\xD0\xCE\xC4\x98\x35\xEE\x37\xA2\xE3";
const std::string utf8_text = "中文𪚥€";

/// Feeds `bytes` to a decoder in the given pieces and returns the output.
std::string decode_pieces(gov::text_encoding encoding, const std::string& bytes,
                          std::size_t first_piece, std::size_t piece) {
    gov::text_decoder decoder(encoding, "t.csv");
    std::string out;
    decoder.decode(std::string_view(bytes).substr(0, first_piece), out);
    for (std::size_t i = first_piece; i < bytes.size(); i += piece) {
        decoder.decode(std::string_view(bytes).substr(i, piece), out);
    }
    decoder.finish();
    return out;
}

template <typename F>
std::string error_of(F&& f) {
    try {
        f();
    } catch (const gov::error& e) {
        return e.what();
    }
    return "no error";
}

}  // namespace

TEST_CASE("encoding: names parse, ignoring case, and gbk reads as gb18030", "[encoding]") {
    CHECK(gov::parse_encoding_name("utf-8") == gov::text_encoding::utf8);
    CHECK(gov::parse_encoding_name("UTF8") == gov::text_encoding::utf8);
    CHECK(gov::parse_encoding_name("gb18030") == gov::text_encoding::gb18030);
    CHECK(gov::parse_encoding_name("GBK") == gov::text_encoding::gb18030);
    CHECK(gov::parse_encoding_name("gb2312") == gov::text_encoding::gb18030);
    CHECK_FALSE(gov::parse_encoding_name("auto").has_value());
    CHECK(gov::encoding_name(gov::text_encoding::utf8) == "utf-8");
    CHECK(gov::encoding_name(gov::text_encoding::utf8_bom) == "utf-8-bom");
    CHECK(gov::encoding_name(gov::text_encoding::gb18030) == "gb18030");
}

TEST_CASE("encoding: an unknown name is a usage error listing the valid names", "[encoding]") {
    CHECK_THROWS_AS(gov::parse_encoding_name("latin1"), gov::usage_error);
    CHECK(error_of([] { gov::parse_encoding_name("latin1"); }) ==
          "unknown encoding \"latin1\"; valid encodings: auto, utf-8 (or utf8), "
          "gb18030 (or gbk, gb2312)");
}

TEST_CASE("encoding: detection from the first bytes", "[encoding]") {
    using gov::text_encoding;
    CHECK(gov::detect_encoding("\xEF\xBB\xBF姓名,房号\n", true) == text_encoding::utf8_bom);
    CHECK(gov::detect_encoding("\x84\x31\x95\x33"
                               "abc",
                               true) == text_encoding::gb18030);
    CHECK(gov::detect_encoding("name,room\n", true) == text_encoding::utf8);
    CHECK(gov::detect_encoding("", true) == text_encoding::utf8);
    CHECK(gov::detect_encoding("姓名,房号\n", true) == text_encoding::utf8);
    CHECK(gov::detect_encoding(gb_text, true) == text_encoding::gb18030);
    // A sample cut inside "文" (E6 96 87) is still UTF-8 unless it is the whole file.
    const std::string cut = std::string("中文").substr(0, 5);
    CHECK(gov::detect_encoding(cut, false) == text_encoding::utf8);
    CHECK(gov::detect_encoding(cut, true) == text_encoding::gb18030);
}

TEST_CASE("encoding: UTF-8 with a stray bad byte is still detected as UTF-8", "[encoding]") {
    using gov::text_encoding;
    // The decoder then names the line of the bad byte, instead of the whole
    // file being read as GB18030 mojibake.
    std::string text = "姓名,性别,小区,楼栋,单元,房号\n周\xff三,男,幸福里,1,1,101\n";
    CHECK(gov::detect_encoding(text, true) == text_encoding::utf8);
    CHECK(gov::detect_encoding("\xd6\xd0\xce\xc4\xff", true) == text_encoding::gb18030);
}

TEST_CASE("encoding: a UTF-16 file is rejected with a hint", "[encoding]") {
    CHECK(error_of([] { gov::detect_encoding("\xFF\xFEn\0a\0", true, "roster.csv"); }) ==
          "roster.csv:1: the file is UTF-16 (Excel \"Unicode text\"), which is not supported; "
          "save it as \"CSV UTF-8\" or \"CSV\"");
}

TEST_CASE("encoding: UTF-8 validation rejects overlongs, surrogates and cut characters",
          "[encoding]") {
    CHECK(gov::is_valid_utf8(""));
    CHECK(gov::is_valid_utf8("plain ascii, long enough for the word loop\n\n"));
    CHECK(gov::is_valid_utf8("\xF0\xAA\x9A\xA5"));  // 𪚥
    CHECK(gov::is_valid_utf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF
    CHECK_FALSE(gov::is_valid_utf8("\xC0\x80"));
    CHECK_FALSE(gov::is_valid_utf8("\xE0\x80\xAF"));
    CHECK_FALSE(gov::is_valid_utf8("\xED\xA0\x80"));
    CHECK_FALSE(gov::is_valid_utf8("\xF4\x90\x80\x80"));
    CHECK_FALSE(gov::is_valid_utf8("\xF5\x80\x80\x80"));
    CHECK_FALSE(gov::is_valid_utf8("\xE4\xB8"));
    CHECK_FALSE(gov::is_valid_utf8("\x80"));
}

TEST_CASE("encoding: UTF-8 decodes unchanged whatever the chunk splits", "[encoding]") {
    const std::string text = "姓名,备注\n张三,\"𪚥 ok\"\r\n" + utf8_text + "\n";
    for (std::size_t first = 0; first <= text.size(); ++first) {
        for (std::size_t piece : {1u, 2u, 3u, 5u}) {
            INFO("first piece " << first << ", then " << piece);
            CHECK(decode_pieces(gov::text_encoding::utf8, text, first, piece) == text);
        }
    }
}

TEST_CASE("encoding: invalid UTF-8 names the line and byte offset", "[encoding]") {
    gov::text_decoder decoder(gov::text_encoding::utf8, "roster.csv");
    std::string out;
    decoder.decode("a,b\n中,d\n", out);
    CHECK(decoder.line_feeds() == 2);
    CHECK(decoder.bytes_done() == 10);
    CHECK(error_of([&] { decoder.decode("xy\xC3\x28", out); }) ==
          "roster.csv:3: invalid UTF-8 byte sequence (0xC3 0x28) at byte offset 12");
}

TEST_CASE("encoding: UTF-8 cut off at the end of the input is an error", "[encoding]") {
    gov::text_decoder decoder(gov::text_encoding::utf8, "t.csv");
    std::string out;
    decoder.decode("a\nb\xE4\xB8", out);
    CHECK(out == "a\nb");
    CHECK(error_of([&] { decoder.finish(); }) ==
          "t.csv:2: the input ends inside a UTF-8 character (0xE4 0xB8) at byte offset 3");
}

TEST_CASE("encoding: in-place validation returns the whole-character prefix", "[encoding]") {
    gov::text_decoder decoder(gov::text_encoding::utf8_bom, "t.csv");
    REQUIRE(decoder.passes_through());
    const std::string bytes = "ab中";  // 61 62 E4 B8 AD
    CHECK(decoder.validate_in_place(std::string_view(bytes).substr(0, 4), false) == 2);
    CHECK(decoder.validate_in_place(std::string_view(bytes).substr(2), false) == 3);
    CHECK(decoder.bytes_done() == 5);
    // At the end, a cut character is an error once it is all that is left.
    CHECK(decoder.validate_in_place("\n\xE4", true) == 1);
    CHECK(error_of([&] { decoder.validate_in_place("\xE4", true); }) ==
          "t.csv:2: the input ends inside a UTF-8 character (0xE4) at byte offset 6");
}

TEST_CASE("encoding: prefix decoding stops before an invalid sequence and throws on it",
          "[encoding]") {
    gov::text_decoder utf8(gov::text_encoding::utf8, "u.csv");
    CHECK(utf8.validate_in_place("ab\n\xFF\ncd", false) == 3);
    CHECK(utf8.bytes_done() == 3);
    CHECK(error_of([&] { utf8.validate_in_place("\xFF\ncd", false); }) ==
          "u.csv:2: invalid UTF-8 byte sequence (0xFF) at byte offset 3");

    gov::text_decoder gb(gov::text_encoding::gb18030, "g.csv");
    char out[64];
    const auto r = gb.decode_prefix("\xD0\xD5\n\x80\xD0\xD5", out, true);
    CHECK(r.consumed == 3);
    CHECK(std::string(out, r.written) == "姓\n");
    CHECK(error_of([&] { gb.decode_prefix("\x80\xD0\xD5", out, true); }) ==
          "g.csv:2: invalid GB18030 byte sequence (0x80) at byte offset 3");
    // A cut 4-byte character is kept for more input, or an error at the end.
    gov::text_decoder cut(gov::text_encoding::gb18030, "c.csv");
    const auto c = cut.decode_prefix("a\x98\x35\xEE", out, false);
    CHECK(c.consumed == 1);
    CHECK(cut.decode_prefix("\x98\x35\xEE", out, false).consumed == 0);
    const auto whole = cut.decode_prefix("\x98\x35\xEE\x37", out, true);
    CHECK(whole.consumed == 4);
    CHECK(std::string(out, whole.written) == "𪚥");
    CHECK(error_of([&] { cut.decode_prefix("\x98\x35", out, true); }) ==
          "c.csv:1: the input ends inside a GB18030 character (0x98 0x35) at byte offset 5");
}

TEST_CASE("encoding: in-place validation is refused for GB18030", "[encoding]") {
    gov::text_decoder decoder(gov::text_encoding::gb18030, "t.csv");
    CHECK_FALSE(decoder.passes_through());
    CHECK_THROWS_AS(decoder.validate_in_place("abc", true), gov::internal_error);
}

TEST_CASE("encoding: GB18030 with a 4-byte character converts at every split", "[encoding]") {
    const std::string bytes = "a\n" + gb_text + "\r\nz";
    const std::string expected = "a\n" + utf8_text + "\r\nz";
    CHECK(decode_pieces(gov::text_encoding::gb18030, bytes, bytes.size(), 1) == expected);
    for (std::size_t first = 0; first <= bytes.size(); ++first) {
        for (std::size_t piece : {1u, 2u, 3u, 4u, 7u}) {
            INFO("first piece " << first << ", then " << piece);
            CHECK(decode_pieces(gov::text_encoding::gb18030, bytes, first, piece) == expected);
        }
    }
}

TEST_CASE("encoding: invalid GB18030 names the line and byte offset", "[encoding]") {
    gov::text_decoder decoder(gov::text_encoding::gb18030, "roster.csv");
    std::string out;
    decoder.decode("\xD0\xD5\xC3\xFB\n\xD5\xC5", out);
    CHECK(out == "姓名\n张");
    CHECK(decoder.line_feeds() == 1);
    CHECK(error_of([&] { decoder.decode("\xC8\xFD,\n\x80x", out); }) ==
          "roster.csv:3: invalid GB18030 byte sequence (0x80) at byte offset 11");
}

TEST_CASE("encoding: a GB18030 lead byte followed by a line feed across chunks is invalid",
          "[encoding]") {
    gov::text_decoder decoder(gov::text_encoding::gb18030, "t.csv");
    std::string out;
    decoder.decode("ab\n\x81", out);
    CHECK(out == "ab\n");
    CHECK(error_of([&] { decoder.decode("\ncd", out); }) ==
          "t.csv:2: invalid GB18030 byte sequence (0x81 0x0A) at byte offset 3");
}

TEST_CASE("encoding: GB18030 cut inside a 4-byte character at the end is an error", "[encoding]") {
    gov::text_decoder decoder(gov::text_encoding::gb18030, "t.csv");
    std::string out;
    decoder.decode("x\x98\x35", out);
    decoder.decode("\xEE", out);
    CHECK(out == "x");
    CHECK(error_of([&] { decoder.finish(); }) ==
          "t.csv:1: the input ends inside a GB18030 character (0x98 0x35 0xEE) at byte offset 1");
}

TEST_CASE("encoding: read_text detects the encoding and drops a byte order mark", "[encoding]") {
    std::istringstream gb(gb_text, std::ios::binary);
    CHECK(gov::read_text(gb, "t.txt") == utf8_text);
    std::istringstream bom("\xEF\xBB\xBF" + utf8_text, std::ios::binary);
    CHECK(gov::read_text(bom, "t.txt") == utf8_text);
    std::istringstream forced(gb_text, std::ios::binary);
    CHECK(error_of([&] { gov::read_text(forced, "t.txt", gov::text_encoding::utf8); }) ==
          "t.txt:1: invalid UTF-8 byte sequence (0xD6 0xD0) at byte offset 0");
}
