#include "gov/text/encoding.hpp"

#include <iconv.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstring>
#include <istream>

#include <fmt/format.h>

#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"

namespace gov {

namespace {

/// The outcome of scanning bytes as UTF-8.
struct utf8_scan {
    enum status_t { ok, invalid, truncated };
    status_t status = ok;
    std::size_t done = 0;          ///< length of the prefix of whole, valid characters
    std::size_t bad_size = 0;      ///< invalid/truncated: bytes of the bad sequence to show
    std::uint64_t line_feeds = 0;  ///< LF bytes within the first `done` bytes
};

constexpr std::uint64_t high_bits = 0x8080808080808080ULL;
constexpr std::uint64_t low_bits = 0x7F7F7F7F7F7F7F7FULL;
constexpr std::uint64_t all_lf = 0x0A0A0A0A0A0A0A0AULL;

/// Counts the LF bytes in a word of eight ASCII bytes.
inline int count_lf_ascii(std::uint64_t word) noexcept {
    // Bytes equal to LF become 0; every byte stays below 0x80, so adding 0x7F
    // sets the high bit of exactly the non-zero bytes and never carries.
    const std::uint64_t x = word ^ all_lf;
    return 8 - std::popcount((x + low_bits) & high_bits);
}

/// Scans `n` bytes as UTF-8. Without `at_end`, a character cut off by the end
/// of the bytes is not an error: `done` stops before it.
/// The number of multi-byte characters in `n` bytes of valid UTF-8.
std::size_t count_multibyte(const unsigned char* p, std::size_t n) noexcept {
    std::size_t leads = 0;
    for (std::size_t i = 0; i < n; ++i) leads += p[i] >= 0xC0;
    return leads;
}

utf8_scan scan_utf8(const unsigned char* p, std::size_t n, bool at_end) noexcept {
    utf8_scan r;
    std::size_t i = 0;
    std::uint64_t lf = 0;
    while (i < n) {
        unsigned c = p[i];
        if (c < 0x80) {
            // ASCII fast path: eight bytes at a time while they stay ASCII.
            while (i + 8 <= n) {
                std::uint64_t word;
                std::memcpy(&word, p + i, 8);
                if (word & high_bits) break;
                lf += static_cast<std::uint64_t>(count_lf_ascii(word));
                i += 8;
            }
            while (i < n && p[i] < 0x80) {
                lf += p[i] == '\n';
                ++i;
            }
            continue;
        }
        std::size_t len = 0;
        unsigned lo = 0x80;
        unsigned hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            if (c == 0xE0) lo = 0xA0;  // overlong
            if (c == 0xED) hi = 0x9F;  // surrogates
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            if (c == 0xF0) lo = 0x90;  // overlong
            if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
        } else {
            r.status = utf8_scan::invalid;
            r.bad_size = 1;
            break;
        }
        const std::size_t avail = std::min(len, n - i);
        std::size_t good = 1;
        if (good < avail && p[i + 1] >= lo && p[i + 1] <= hi) {
            ++good;
            while (good < avail && p[i + good] >= 0x80 && p[i + good] <= 0xBF) ++good;
        }
        if (good < avail) {
            r.status = utf8_scan::invalid;
            r.bad_size = good + 1;
            break;
        }
        if (avail < len) {
            if (at_end) {
                r.status = utf8_scan::truncated;
                r.bad_size = avail;
            }
            break;
        }
        i += len;
    }
    r.done = i;
    r.line_feeds = lf;
    return r;
}

std::string hex_bytes(const unsigned char* p, std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) {
        if (i) out += ' ';
        out += fmt::format("0x{:02X}", p[i]);
    }
    return out;
}

/// The length of the GB18030 sequence to show for an invalid one at `p`.
std::size_t gb18030_bad_size(const unsigned char* p, std::size_t n) noexcept {
    if (n < 2 || p[0] < 0x81 || p[0] > 0xFE) return 1;
    if (p[1] >= 0x30 && p[1] <= 0x39) return std::min<std::size_t>(4, n);
    return 2;
}

std::uint64_t count_lf(const char* p, std::size_t n) noexcept {
    std::uint64_t lf = 0;
    if (n == 0) return 0;
    const char* end = p + n;
    while ((p = static_cast<const char*>(
                std::memchr(p, '\n', static_cast<std::size_t>(end - p)))) != nullptr) {
        ++lf;
        ++p;
    }
    return lf;
}

const unsigned char* as_bytes(const char* p) noexcept {
    return reinterpret_cast<const unsigned char*>(p);
}

}  // namespace

std::string_view encoding_name(text_encoding encoding) noexcept {
    switch (encoding) {
        case text_encoding::utf8:
            return "utf-8";
        case text_encoding::utf8_bom:
            return "utf-8-bom";
        case text_encoding::gb18030:
            return "gb18030";
    }
    return "utf-8";
}

std::optional<text_encoding> parse_encoding_name(std::string_view name) {
    std::string lower(name);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; });
    if (lower == "auto") return std::nullopt;
    if (lower == "utf-8" || lower == "utf8") return text_encoding::utf8;
    if (lower == "gb18030" || lower == "gbk" || lower == "gb2312") return text_encoding::gb18030;
    throw usage_error(fmt::format(
        fmt::runtime(tr("unknown encoding \"{}\"; valid encodings: auto, utf-8 (or utf8), "
                        "gb18030 (or gbk, gb2312)")),
        name));
}

text_encoding detect_encoding(std::string_view head, bool head_is_whole_input,
                              std::string_view source_name) {
    if (head.starts_with("\xEF\xBB\xBF")) return text_encoding::utf8_bom;
    if (head.starts_with("\x84\x31\x95\x33")) return text_encoding::gb18030;
    if (head.starts_with("\xFF\xFE") || head.starts_with("\xFE\xFF")) {
        throw input_error(fmt::format(
            fmt::runtime(tr("{}:1: the file is UTF-16 (Excel \"Unicode text\"), which is not "
                            "supported; save it as \"CSV UTF-8\" or \"CSV\"")),
            source_name));
    }
    // Valid UTF-8 throughout is UTF-8. Otherwise weigh the evidence: Chinese
    // text in GB18030 almost never forms valid multi-byte UTF-8, while a
    // UTF-8 file with a stray bad byte is mostly valid multi-byte sequences.
    // Reading such a file as UTF-8 lets the decoder name the line of the bad
    // byte instead of turning every character into the wrong one.
    const unsigned char* p = as_bytes(head.data());
    std::size_t n = head.size(), pos = 0, valid_multibyte = 0, invalid = 0;
    while (pos < n) {
        utf8_scan r = scan_utf8(p + pos, n - pos, head_is_whole_input);
        valid_multibyte += count_multibyte(p + pos, r.done);
        pos += r.done;
        if (r.status == utf8_scan::ok) break;
        ++invalid;  // a character cut by the end of the whole input is invalid too
        if (r.status == utf8_scan::truncated) break;
        pos += std::max<std::size_t>(1, r.bad_size);
    }
    if (invalid == 0) return text_encoding::utf8;
    return valid_multibyte >= 8 * invalid ? text_encoding::utf8 : text_encoding::gb18030;
}

bool is_valid_utf8(std::string_view bytes) noexcept {
    return scan_utf8(as_bytes(bytes.data()), bytes.size(), true).status == utf8_scan::ok;
}

// ---------------------------------------------------------------------------------------------

struct text_decoder::iconv_handle {
    iconv_t cd;
    iconv_handle() : cd(iconv_open("UTF-8", "GB18030")) {}
    ~iconv_handle() {
        if (cd != reinterpret_cast<iconv_t>(-1)) iconv_close(cd);
    }
    iconv_handle(const iconv_handle&) = delete;
    iconv_handle& operator=(const iconv_handle&) = delete;
};

text_decoder::text_decoder(text_encoding encoding, std::string source_name)
    : m_encoding(encoding), m_source_name(std::move(source_name)) {
    if (m_encoding == text_encoding::gb18030) {
        m_iconv = std::make_unique<iconv_handle>();
        if (m_iconv->cd == reinterpret_cast<iconv_t>(-1)) {
            throw internal_error(
                fmt::format(fmt::runtime(tr("{}: the C library cannot convert GB18030 to "
                                            "UTF-8 (iconv_open failed; are gconv modules "
                                            "installed?)")),
                            m_source_name));
        }
    }
}

text_decoder::~text_decoder() = default;
text_decoder::text_decoder(text_decoder&&) noexcept = default;
text_decoder& text_decoder::operator=(text_decoder&&) noexcept = default;

void text_decoder::fail(std::string_view what, std::string_view bytes) const {
    // Errors are only ever raised for bytes at the start of the current input,
    // so the counters say exactly where they are.
    const char* name = m_encoding == text_encoding::gb18030 ? "GB18030" : "UTF-8";
    const std::string hex = hex_bytes(as_bytes(bytes.data()), bytes.size());
    if (what == "truncated") {
        throw input_error(fmt::format(
            fmt::runtime(tr("{}:{}: the input ends inside a {} character ({}) at byte offset {}")),
            m_source_name, m_line_feeds + 1, name, hex, m_offset));
    }
    throw input_error(
        fmt::format(fmt::runtime(tr("{}:{}: invalid {} byte sequence ({}) at byte offset {}")),
                    m_source_name, m_line_feeds + 1, name, hex, m_offset));
}

std::size_t text_decoder::validate_utf8(std::string_view bytes, bool at_end) {
    const utf8_scan r = scan_utf8(as_bytes(bytes.data()), bytes.size(), at_end);
    m_offset += r.done;
    m_line_feeds += r.line_feeds;
    if (r.done == 0 && r.status == utf8_scan::invalid) fail("invalid", bytes.substr(0, r.bad_size));
    if (r.done == 0 && r.status == utf8_scan::truncated) {
        fail("truncated", bytes.substr(0, r.bad_size));
    }
    return r.done;
}

text_decoder::prefix_result text_decoder::convert_gb18030(std::string_view bytes, char* out,
                                                          bool at_end) {
    char* in = const_cast<char*>(bytes.data());  // iconv's signature; it does not write
    std::size_t in_left = bytes.size();
    char* const out_start = out;
    std::size_t out_left = max_output_size(bytes.size());
    const std::size_t rc = iconv(m_iconv->cd, &in, &in_left, &out, &out_left);
    const auto done = static_cast<std::size_t>(in - bytes.data());
    if (rc == static_cast<std::size_t>(-1) && done == 0) {
        // A cut character is at most 3 bytes; more left over cannot be one.
        if (errno == EILSEQ || (errno == EINVAL && in_left > 3)) {
            fail("invalid", bytes.substr(0, gb18030_bad_size(as_bytes(bytes.data()), in_left)));
        }
        if (errno == EINVAL && at_end) fail("truncated", bytes);
        if (errno != EINVAL) {
            throw internal_error(
                fmt::format("{}: iconv failed: {}", m_source_name, std::strerror(errno)));
        }
    }
    m_offset += done;
    m_line_feeds += count_lf(bytes.data(), done);
    return {done, static_cast<std::size_t>(out - out_start)};
}

text_decoder::prefix_result text_decoder::decode_prefix(std::string_view bytes, char* out,
                                                        bool at_end) {
    if (!passes_through()) return convert_gb18030(bytes, out, at_end);
    const std::size_t n = validate_utf8(bytes, at_end);
    if (n > 0) std::memcpy(out, bytes.data(), n);
    return {n, n};
}

std::size_t text_decoder::validate_in_place(std::string_view bytes, bool at_end) {
    if (!passes_through()) {
        throw internal_error("text_decoder::validate_in_place called for GB18030 input");
    }
    return validate_utf8(bytes, at_end);
}

std::size_t text_decoder::decode(std::string_view chunk, char* out) {
    std::size_t written = 0;
    // Complete the held-back character one byte at a time, so that exactly
    // that character is decoded (or found invalid).
    while (m_held_size > 0 && !chunk.empty()) {
        if (m_held_size == sizeof m_held) throw internal_error("text_decoder: held bytes overflow");
        m_held[m_held_size++] = chunk.front();
        chunk.remove_prefix(1);
        const prefix_result r = decode_prefix(std::string_view(m_held, m_held_size), out, false);
        written += r.written;
        out += r.written;
        m_held_size -= r.consumed;
        std::memmove(m_held, m_held + r.consumed, m_held_size);
    }
    if (m_held_size > 0 || chunk.empty()) return written;
    const prefix_result r = decode_prefix(chunk, out, false);
    written += r.written;
    const std::string_view rest = chunk.substr(r.consumed);
    if (!rest.empty()) {
        // The rest starts with an invalid sequence (this throws) or is a
        // character cut by the end of the chunk (this consumes nothing).
        decode_prefix(rest, out + r.written, false);
        if (rest.size() > 3) throw internal_error("text_decoder: unexpected left-over bytes");
        std::memcpy(m_held, rest.data(), rest.size());
        m_held_size = rest.size();
    }
    return written;
}

void text_decoder::decode(std::string_view chunk, std::string& out) {
    const std::size_t old_size = out.size();
    out.resize(old_size + max_output_size(chunk.size()));
    out.resize(old_size + decode(chunk, out.data() + old_size));
}

void text_decoder::finish() {
    if (m_held_size == 0) return;
    char scratch[max_output_size(sizeof m_held)];
    decode_prefix(std::string_view(m_held, m_held_size), scratch, true);  // throws
    throw internal_error("text_decoder: held bytes decoded at the end");
}

std::string read_text(std::istream& in, std::string_view source_name,
                      std::optional<text_encoding> encoding) {
    std::string bytes;
    char buffer[64 * 1024];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        bytes.append(buffer, static_cast<std::size_t>(in.gcount()));
    }
    if (in.bad()) {
        throw input_error(fmt::format(fmt::runtime(tr("{}: read error")), source_name));
    }
    const std::string_view head = std::string_view(bytes).substr(0, encoding_sample_bytes);
    const text_encoding enc =
        encoding ? *encoding
                 : detect_encoding(head, bytes.size() <= encoding_sample_bytes, source_name);
    text_decoder decoder(enc, std::string(source_name));
    std::string text;
    if (decoder.passes_through()) {
        // Each call consumes something or throws, since no more input follows.
        for (std::size_t pos = 0; pos < bytes.size();) {
            pos += decoder.validate_in_place(std::string_view(bytes).substr(pos), true);
        }
        text = std::move(bytes);
    } else {
        decoder.decode(bytes, text);
        decoder.finish();
    }
    if (std::string_view(text).starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
    return text;
}

}  // namespace gov
