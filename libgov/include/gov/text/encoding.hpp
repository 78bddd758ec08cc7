#pragma once
/// \file
/// Text encodings of imported files, and a streaming decoder to UTF-8.
///
/// Everything inside libgov is UTF-8. Files exported by spreadsheets in
/// Chinese offices arrive as UTF-8 (with or without a byte order mark) or as
/// GB18030 (what Excel calls "ANSI" or GBK on a Chinese Windows). This header
/// names those encodings, guesses one from the first bytes of a file, and
/// converts chunks of bytes to validated UTF-8. It never opens files.

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace gov {

/// The encoding of a text file.
///
/// `utf8_bom` decodes exactly like `utf8`: the decoder is faithful and passes
/// the byte order mark through as U+FEFF; readers (csv_reader, read_text)
/// drop a leading U+FEFF whatever the encoding. The distinction exists so an
/// import can record what it saw.
enum class text_encoding {
    utf8,      ///< UTF-8 without a byte order mark (pure ASCII counts as this)
    utf8_bom,  ///< UTF-8 starting with EF BB BF
    gb18030,   ///< GB18030, a superset of GBK and GB2312
};

/// The canonical name of an encoding: "utf-8", "utf-8-bom" or "gb18030".
std::string_view encoding_name(text_encoding encoding) noexcept;

/// Parses an encoding name as a user gives it on the command line or in
/// gov.toml, ignoring ASCII case: "utf-8"/"utf8", "gb18030"/"gbk"/"gb2312"
/// (read as GB18030, their superset) or "auto". Returns std::nullopt for
/// "auto", meaning: detect from the file (detect_encoding).
/// \throws usage_error for any other name; the message lists the valid ones.
std::optional<text_encoding> parse_encoding_name(std::string_view name);

/// How many leading bytes of a file detect_encoding() should be given.
inline constexpr std::size_t encoding_sample_bytes = 64 * 1024;

/// Guesses the encoding of a file from its first bytes (`head`, ideally
/// encoding_sample_bytes of them). A UTF-8 byte order mark gives `utf8_bom`;
/// a GB18030 one (84 31 95 33) gives `gb18030`; a sample that is valid UTF-8
/// gives `utf8`; anything else `gb18030`. Unless `head_is_whole_input`, the
/// sample may end in the middle of a UTF-8 character. A file whose first
/// 64 KiB are ASCII is taken as UTF-8, and a GB18030 byte further on is then
/// reported by the decoder as invalid UTF-8, naming its line.
/// \throws input_error, prefixed "<source_name>:1:", when `head` starts with a
///         UTF-16 byte order mark (Excel's "Unicode text"), which is unsupported.
text_encoding detect_encoding(std::string_view head, bool head_is_whole_input,
                              std::string_view source_name = "<input>");

/// Checks that `bytes` is complete, valid UTF-8 (no overlong forms, no
/// surrogates, nothing above U+10FFFF). A pure function, for short strings.
bool is_valid_utf8(std::string_view bytes) noexcept;

/// Converts a stream of byte chunks in one encoding to UTF-8.
///
/// Chunks may split a character anywhere (including inside a 4-byte GB18030
/// sequence). UTF-8 input is validated, never rewritten; GB18030 is
/// converted with the C library's iconv. The decoder counts line feeds so an
/// error names the line: invalid or truncated input throws input_error
/// "<source>:<line>: invalid UTF-8 byte sequence (0xC3 0x28) at byte offset
/// <n>", where the offset counts bytes from the start of the input (0-based,
/// a byte order mark included). LF (0x0A) is never part of a multi-byte
/// character in either encoding, so counting it in the raw bytes is exact.
///
/// Two ways to feed it, not to be mixed on one decoder:
/// - decode() + finish(): the decoder holds back a character cut by the end
///   of a chunk and completes it with the next; any invalid byte throws at
///   once.
/// - decode_prefix() / validate_in_place(): the caller keeps its buffer.
///   They consume the longest prefix of whole, valid characters and stop
///   before a cut character or an invalid sequence; the caller passes the
///   rest again, followed by more input. They throw only when the input
///   starts with an invalid sequence (or, `at_end`, a cut character), so a
///   reader sees all the valid text before an error, in file order, however
///   the input was chunked.
///
/// A decoder is single-use and move-only. It never opens files.
class text_decoder {
  public:
    /// `source_name` (a file name) prefixes error messages.
    explicit text_decoder(text_encoding encoding, std::string source_name = "<input>");
    ~text_decoder();
    text_decoder(text_decoder&&) noexcept;
    text_decoder& operator=(text_decoder&&) noexcept;
    text_decoder(const text_decoder&) = delete;
    text_decoder& operator=(const text_decoder&) = delete;

    text_encoding encoding() const noexcept { return m_encoding; }

    /// True for UTF-8 input, which needs no conversion: a caller that owns its
    /// buffer can then call validate_in_place() and save a copy of every byte.
    bool passes_through() const noexcept { return m_encoding != text_encoding::gb18030; }

    /// The most bytes decoding `input_size` input bytes can write.
    static constexpr std::size_t max_output_size(std::size_t input_size) noexcept {
        return input_size * 2 + 8;
    }

    /// Decodes the next chunk into `out`, which must have room for
    /// max_output_size(chunk.size()) bytes; returns the number written.
    /// \throws input_error on an invalid byte sequence.
    std::size_t decode(std::string_view chunk, char* out);

    /// Decodes the next chunk, appending the UTF-8 to `out`.
    void decode(std::string_view chunk, std::string& out);

    /// Declares the end of input given to decode().
    /// \throws input_error when the input ended inside a character.
    void finish();

    /// What decode_prefix() did.
    struct prefix_result {
        std::size_t consumed = 0;  ///< input bytes decoded; pass the rest again
        std::size_t written = 0;   ///< UTF-8 bytes written
    };

    /// Decodes the longest prefix of `bytes` made of whole, valid characters
    /// into `out` (room for max_output_size(bytes.size()) bytes).
    /// \throws input_error when `bytes` starts with an invalid sequence, or
    ///         with a cut character and `at_end` (no more input follows).
    prefix_result decode_prefix(std::string_view bytes, char* out, bool at_end);

    /// The zero-copy form of decode_prefix() for UTF-8 input
    /// (passes_through()): validates `bytes` where they lie and returns the
    /// length of the prefix that is whole, valid characters.
    /// \throws input_error as decode_prefix(); internal_error for GB18030.
    std::size_t validate_in_place(std::string_view bytes, bool at_end);

    /// Input bytes decoded so far (bytes held back or not consumed excluded).
    std::uint64_t bytes_done() const noexcept { return m_offset; }
    /// Line feeds in the input decoded so far.
    std::uint64_t line_feeds() const noexcept { return m_line_feeds; }

  private:
    struct iconv_handle;

    std::size_t validate_utf8(std::string_view bytes, bool at_end);
    prefix_result convert_gb18030(std::string_view bytes, char* out, bool at_end);
    [[noreturn]] void fail(std::string_view what, std::string_view bytes) const;

    text_encoding m_encoding;
    std::string m_source_name;
    std::unique_ptr<iconv_handle> m_iconv;
    char m_held[8] = {};
    std::size_t m_held_size = 0;
    std::uint64_t m_offset = 0;
    std::uint64_t m_line_feeds = 0;
};

/// Reads a whole (small) stream and returns it as UTF-8 without a leading
/// byte order mark, detecting the encoding when `encoding` is std::nullopt.
/// For large files use csv_reader or text_decoder, which stream.
/// \throws input_error on invalid input or a read error.
std::string read_text(std::istream& in, std::string_view source_name,
                      std::optional<text_encoding> encoding = std::nullopt);

}  // namespace gov
