#include <utf8proc.h>

#include <cstddef>
#include <string>
#include <string_view>

#include "gov/text/table.hpp"

namespace gov {

namespace {

/// One step through UTF-8 text: how many bytes the next character takes and
/// how many terminal columns it occupies.
struct step {
    std::size_t bytes;
    int columns;
};

step next_char(std::string_view text, std::size_t pos) {
    // Fast paths for what tables mostly hold — ASCII and the CJK Unified
    // Ideographs (U+4E00–U+9FFF, lead bytes E4–E9, always two columns) —
    // which were most of the cost of rendering a long listing.
    const auto lead = static_cast<unsigned char>(text[pos]);
    if (lead < 0x80) return {1, lead >= 0x20 && lead < 0x7f ? 1 : 0};
    if (lead >= 0xe4 && lead <= 0xe9 && text.size() - pos >= 3 &&
        (static_cast<unsigned char>(text[pos + 1]) & 0xc0) == 0x80 &&
        (static_cast<unsigned char>(text[pos + 2]) & 0xc0) == 0x80 &&
        (lead > 0xe4 || static_cast<unsigned char>(text[pos + 1]) >= 0xb8))
        return {3, 2};
    utf8proc_int32_t codepoint = 0;
    // utf8proc reads unsigned bytes; std::string_view hands out char, so the
    // reinterpretation is the one place the two meet.
    const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data() + pos);
    const auto length = static_cast<utf8proc_ssize_t>(text.size() - pos);
    const utf8proc_ssize_t used = utf8proc_iterate(bytes, length, &codepoint);
    if (used <= 0) {
        // A terminal shows one replacement glyph per bad byte, so a broken
        // sequence advances a single byte and costs one column.
        return {1, 1};
    }
    return {static_cast<std::size_t>(used), utf8proc_charwidth(codepoint)};
}

}  // namespace

int display_width(std::string_view utf8) {
    int width = 0;
    for (std::size_t pos = 0; pos < utf8.size();) {
        const step s = next_char(utf8, pos);
        width += s.columns;
        pos += s.bytes;
    }
    return width;
}

std::string truncate_to_width(std::string_view utf8, int width) {
    if (width <= 0) return {};
    if (display_width(utf8) <= width) return std::string(utf8);

    constexpr std::string_view ellipsis = "…";
    const int budget = width - display_width(ellipsis);
    int used = 0;
    std::size_t pos = 0;
    while (pos < utf8.size()) {
        const step s = next_char(utf8, pos);
        // Stopping at the first character that does not fit (rather than
        // skipping it for a narrower one later) keeps the kept text a prefix;
        // zero-width marks after the last kept character still fit, so
        // accents stay with their base letter.
        if (used + s.columns > budget) break;
        used += s.columns;
        pos += s.bytes;
    }
    std::string out(utf8.substr(0, pos));
    out += ellipsis;
    return out;
}

}  // namespace gov
