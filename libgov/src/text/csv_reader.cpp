#include "gov/text/csv_reader.hpp"

#include <algorithm>
#include <cstring>
#include <istream>

#include <fmt/format.h>

#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"

namespace gov {

namespace {

// What a byte means outside quotes (csv_reader::m_class); 0 is "ordinary".
enum : unsigned char { k_plain = 0, k_delim, k_quote, k_lf, k_cr, k_nul };

// Bytes that stop the scan inside a quoted field.
constexpr auto k_quoted_stop = [] {
    struct table {
        bool stop[256] = {};
    } t;
    t.stop[static_cast<unsigned char>('"')] = true;
    t.stop[static_cast<unsigned char>('\n')] = true;
    t.stop[0] = true;
    return t;
}();

inline unsigned char byte_at(const char* p) noexcept {
    return static_cast<unsigned char>(*p);
}

}  // namespace

std::vector<std::string> csv_record::to_strings() const {
    return std::vector<std::string>(m_fields.begin(), m_fields.end());
}

// ---------------------------------------------------------------------------------------------

text_encoding csv_reader::choose_encoding(std::istream& in, const std::string& source_name,
                                          const csv_options& options, std::string& sample) {
    if (in.fail()) {
        throw input_error(fmt::format(fmt::runtime(tr("{}: cannot read the file")), source_name));
    }
    if (options.encoding) return *options.encoding;
    sample.resize(encoding_sample_bytes);
    in.read(sample.data(), static_cast<std::streamsize>(sample.size()));
    if (in.bad()) {
        throw input_error(fmt::format(fmt::runtime(tr("{}: read error")), source_name));
    }
    sample.resize(static_cast<std::size_t>(in.gcount()));
    return detect_encoding(sample, in.eof(), source_name);
}

csv_reader::csv_reader(std::istream& in, std::string source_name, csv_options options)
    : m_in(in),
      m_source_name(std::move(source_name)),
      m_options(options),
      m_decoder(choose_encoding(m_in, m_source_name, m_options, m_sample), m_source_name) {
    const auto delim = static_cast<unsigned char>(m_options.delimiter);
    if (delim == '"' || delim == '\r' || delim == '\n' || delim == 0 || delim >= 0x80) {
        throw usage_error(fmt::format(
            fmt::runtime(tr("invalid CSV delimiter (byte 0x{:02X}): use an ASCII character "
                            "other than a quote or a line end")),
            delim));
    }
    if (m_options.chunk_bytes == 0 || m_options.max_field_bytes == 0 ||
        m_options.max_record_bytes == 0) {
        throw usage_error(
            "csv_options: chunk_bytes, max_field_bytes and max_record_bytes "
            "must be positive");
    }
    // "Unlimited" (SIZE_MAX) must not overflow the scanner's arithmetic.
    m_options.max_field_bytes = std::min(m_options.max_field_bytes, SIZE_MAX / 4);
    m_options.max_record_bytes = std::min(m_options.max_record_bytes, SIZE_MAX / 4);
    m_stream_done = m_in.eof();
    m_class[delim] = k_delim;
    m_class[static_cast<unsigned char>('"')] = k_quote;
    m_class[static_cast<unsigned char>('\n')] = k_lf;
    m_class[static_cast<unsigned char>('\r')] = k_cr;
    m_class[0] = k_nul;
}

csv_reader::~csv_reader() = default;

void csv_reader::fail(std::uint64_t line, const std::string& message) const {
    throw input_error(fmt::format("{}:{}: {}", m_source_name, line, message));
}

std::size_t csv_reader::read_raw(char* out, std::size_t size) {
    std::size_t got = 0;
    if (m_sample_pos < m_sample.size()) {
        got = std::min(size, m_sample.size() - m_sample_pos);
        std::memcpy(out, m_sample.data() + m_sample_pos, got);
        m_sample_pos += got;
        if (m_sample_pos == m_sample.size()) std::string().swap(m_sample);
    }
    if (got < size && !m_stream_done) {
        m_in.read(out + got, static_cast<std::streamsize>(size - got));
        if (m_in.bad()) {
            throw input_error(fmt::format(fmt::runtime(tr("{}: read error")), m_source_name));
        }
        got += static_cast<std::size_t>(m_in.gcount());
        if (got < size) m_stream_done = true;
    }
    return got;
}

void csv_reader::reserve(std::size_t free_bytes) {
    if (m_capacity - m_raw_end >= free_bytes) return;
    const std::size_t capacity = std::max(m_capacity * 2, m_raw_end + free_bytes);
    std::unique_ptr<char[]> buf(new char[capacity]);
    if (m_raw_end > 0) std::memcpy(buf.get(), m_buf.get(), m_raw_end);
    m_buf = std::move(buf);
    m_capacity = capacity;
}

void csv_reader::fill() {
    // Move the unfinished record to the front, then append one chunk.
    if (m_pos > 0) {
        std::memmove(m_buf.get(), m_buf.get() + m_pos, m_raw_end - m_pos);
        m_text_end -= m_pos;
        m_raw_end -= m_pos;
        m_pos = 0;
    }
    // The decoder consumes whole, valid characters and stops before a cut
    // character or an invalid sequence, which stay for the next round (where
    // an invalid one throws): all text before an error is parsed first, so
    // errors come in file order whatever the chunk size.
    const std::size_t chunk = m_options.chunk_bytes;
    if (m_decoder.passes_through()) {
        reserve(chunk);
        const std::size_t got = read_raw(m_buf.get() + m_raw_end, chunk);
        const bool at_end = got < chunk;
        m_raw_end += got;
        m_text_end += m_decoder.validate_in_place(
            std::string_view(m_buf.get() + m_text_end, m_raw_end - m_text_end), at_end);
        m_text_done = at_end && m_text_end == m_raw_end;
    } else {
        if (m_raw.size() < m_raw_kept + chunk) m_raw.resize(m_raw_kept + chunk);
        const std::size_t got = read_raw(m_raw.data() + m_raw_kept, chunk);
        const bool at_end = got < chunk;
        const std::size_t size = m_raw_kept + got;
        reserve(text_decoder::max_output_size(size));
        const text_decoder::prefix_result r = m_decoder.decode_prefix(
            std::string_view(m_raw.data(), size), m_buf.get() + m_text_end, at_end);
        m_text_end += r.written;
        m_raw_end = m_text_end;
        m_raw_kept = size - r.consumed;
        std::memmove(m_raw.data(), m_raw.data() + r.consumed, m_raw_kept);
        m_text_done = at_end && m_raw_kept == 0;
    }
}

bool csv_reader::next(csv_record& record) {
    record.m_fields.clear();
    for (;;) {
        if (!m_bom_checked) {
            // Decoded text holds whole characters only, so a first byte 0xEF
            // means the whole first (3-byte) character is there.
            if (m_text_end == 0 && !m_text_done) {
                fill();
                continue;
            }
            if (std::string_view(m_buf.get(), m_text_end).starts_with("\xEF\xBB\xBF")) m_pos = 3;
            m_bom_checked = true;
        }
        if (m_pos == m_text_end) {
            if (m_text_done) return false;
            fill();
            continue;
        }
        std::size_t record_end = 0;
        std::uint64_t lines = 0;
        const scan_result r = scan_record(record_end, lines);
        if (r == scan_result::need_more) {
            fill();
            continue;
        }
        if (r == scan_result::record) {
            record.m_line = m_line;
            build_record(record);
        }
        m_pos += record_end;
        m_line += lines;
        if (r == scan_result::record) {
            ++m_records;
            return true;
        }
    }
}

// One pass over a record's bytes, a field at a time (quoted or not, each
// scanned with its table of stop bytes), kept in one function on purpose:
// every byte of every import goes through it, and its pointers and limits
// stay in registers only while it is one function.
csv_reader::scan_result csv_reader::scan_record(std::size_t& record_end,
                                                std::uint64_t& lines_in_record) {
    const char* const base = m_buf.get() + m_pos;
    const char* const end = m_buf.get() + m_text_end;
    const bool at_eof = m_text_done;
    const std::size_t max_field = m_options.max_field_bytes;
    const std::size_t max_record = m_options.max_record_bytes;
    const bool lenient = m_options.lenient_quotes;
    const char* p = base;
    std::uint64_t lines = 0;
    m_spans.clear();

    if (m_options.skip_blank_lines) {
        if (*p == '\n') {
            record_end = 1;
            lines_in_record = 1;
            return scan_result::blank;
        }
        if (*p == '\r') {
            if (p + 1 == end && !at_eof) return scan_result::need_more;
            if (p + 1 < end && p[1] == '\n') {
                record_end = 2;
                lines_in_record = 1;
                return scan_result::blank;
            }
        }
    }

    // Limits are checked at the byte that breaks them, so that which error a
    // file gets never depends on how it was chunked. `field_limit` is the
    // first position that may not hold content of the current field; the
    // record may not have content at `record_limit` or after.
    const char* const record_limit = base + std::min(max_record, m_text_end - m_pos);
    auto too_long = [&](const char* field_limit, bool quoted, std::uint64_t open_line) {
        if (p < field_limit) {
            fail(m_line + lines,
                 fmt::format(fmt::runtime(tr("record is longer than {} bytes")), max_record));
        }
        fail(m_line + lines,
             fmt::format(fmt::runtime(tr("field {} is longer than {} bytes{}")), m_spans.size() + 1,
                         max_field,
                         quoted
                             ? fmt::format(fmt::runtime(tr(" (quoted field opened on line {}; is a "
                                                           "closing quote missing?)")),
                                           open_line)
                             : std::string()));
    };
    auto bare_cr = [&]() {
        fail(m_line + lines,
             tr("carriage return (CR) without a line feed outside quotes; save the file with "
                "Windows (CR LF) or Unix (LF) line ends"));
    };
    auto nul_byte = [&](std::size_t field_number) {
        fail(m_line + lines,
             fmt::format(fmt::runtime(tr("NUL byte in field {} (is the file UTF-16 or not text?)")),
                         field_number));
    };

    for (;;) {
        const char* const field_start = p;
        bool quoted = false;
        bool closed = false;
        bool complex = false;
        std::uint64_t open_line = 0;
        // Bytes of content allowed: max_field, after an opening quote if any.
        const std::size_t room = static_cast<std::size_t>(end - field_start);
        const char* field_limit = field_start + std::min(room, max_field);
        if (p < end && *p == '"') {
            quoted = true;
            open_line = m_line + lines;
            ++p;
            field_limit = field_start + std::min(room, max_field + 1);
            const char* const limit = std::min(field_limit, record_limit);
            for (;;) {
                const char* const scan_end = limit < end ? limit : end;
                while (p < scan_end && !k_quoted_stop.stop[byte_at(p)]) ++p;
                if (p == end) {
                    if (at_eof) {
                        const std::uint64_t last_line = m_line + lines - (p[-1] == '\n' ? 1 : 0);
                        fail(last_line,
                             fmt::format(fmt::runtime(tr("unterminated quoted field (opened on "
                                                         "line {})")),
                                         open_line));
                    }
                    return scan_result::need_more;
                }
                if (*p == '\n') {
                    if (p >= limit) too_long(field_limit, true, open_line);
                    ++lines;
                    ++p;
                } else if (*p == 0) {
                    nul_byte(m_spans.size() + 1);
                } else if (*p != '"') {
                    too_long(field_limit, true, open_line);  // stopped at the limit
                } else if (p + 1 == end && !at_eof) {
                    return scan_result::need_more;  // a closing or a doubled quote?
                } else if (p + 1 < end && p[1] == '"') {
                    if (p + 1 >= limit) too_long(field_limit, true, open_line);
                    complex = true;
                    p += 2;
                } else {
                    ++p;
                    closed = true;
                    break;
                }
            }
            field_limit = field_start + std::min(room, max_field + 2);
        }
        // After a closing quote only a separator or a line end may follow;
        // lenient mode reads anything else as more of the field.
        bool unquoted_text = !quoted;
        if (closed && p < end) {
            const unsigned char cls = m_class[byte_at(p)];
            if (cls == k_plain || cls == k_quote) {
                if (!lenient) {
                    fail(m_line + lines,
                         fmt::format(fmt::runtime(tr("unexpected text after the closing quote "
                                                     "of field {}; a quote inside a quoted "
                                                     "field is written as two quotes")),
                                     m_spans.size() + 1));
                }
                complex = true;
                unquoted_text = true;
            }
        }
        const char* const limit = std::min(field_limit, record_limit);
        while (unquoted_text) {
            const char* const scan_end = limit < end ? limit : end;
            while (p < scan_end && m_class[byte_at(p)] == k_plain) ++p;
            if (p == end) break;
            const unsigned char cls = m_class[byte_at(p)];
            if (cls == k_plain) too_long(field_limit, false, 0);  // stopped at the limit
            if (cls != k_quote) break;
            if (!lenient) {
                fail(m_line + lines,
                     fmt::format(fmt::runtime(tr("quote inside unquoted field {}; quote the "
                                                 "whole field and write the quote as two "
                                                 "quotes")),
                                 m_spans.size() + 1));
            }
            if (p >= limit) too_long(field_limit, false, 0);
            ++p;
        }
        if (p == end && !at_eof) return scan_result::need_more;
        m_spans.push_back({static_cast<std::size_t>(field_start - base),
                           static_cast<std::size_t>(p - base), quoted, complex});
        if (p == end) {  // end of input ends the last record
            record_end = static_cast<std::size_t>(p - base);
            lines_in_record = lines;
            return scan_result::record;
        }
        switch (m_class[byte_at(p)]) {
            case k_delim:
                if (p >= record_limit) too_long(field_limit, false, 0);
                ++p;
                continue;
            case k_lf:
                record_end = static_cast<std::size_t>(p + 1 - base);
                lines_in_record = lines + 1;
                return scan_result::record;
            case k_cr:
                if (p + 1 == end) {
                    if (!at_eof) return scan_result::need_more;
                    bare_cr();
                }
                if (p[1] != '\n') bare_cr();
                record_end = static_cast<std::size_t>(p + 2 - base);
                lines_in_record = lines + 1;
                return scan_result::record;
            default:
                nul_byte(m_spans.size());
        }
    }
}

void csv_reader::build_record(csv_record& record) {
    char* const base = m_buf.get() + m_pos;
    for (const field_span& s : m_spans) {
        char* const begin = base + s.begin;
        if (!s.quoted) {
            record.m_fields.emplace_back(begin, s.end - s.begin);
        } else if (!s.complex) {
            record.m_fields.emplace_back(begin + 1, s.end - s.begin - 2);
        } else {
            // Unquote in place: the text only shrinks, so writing never
            // overtakes reading.
            const char* r = begin + 1;
            const char* const e = base + s.end;
            char* w = begin;
            bool in_quotes = true;
            while (r < e) {
                if (in_quotes && *r == '"') {
                    if (r + 1 < e && r[1] == '"') {
                        *w++ = '"';
                        r += 2;
                    } else {
                        in_quotes = false;
                        ++r;
                    }
                } else {
                    *w++ = *r++;
                }
            }
            record.m_fields.emplace_back(begin, static_cast<std::size_t>(w - begin));
        }
    }
}

}  // namespace gov
