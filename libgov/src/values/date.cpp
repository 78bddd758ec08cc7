#include "gov/values/date.hpp"

#include <charconv>

#include <fmt/format.h>

namespace gov {
namespace {

using namespace std::chrono;

// Reads an unsigned decimal of 1..max_len digits at pos; advances pos.
std::optional<int> read_number(std::string_view s, std::size_t& pos, std::size_t min_len,
                               std::size_t max_len) {
    std::size_t start = pos;
    while (pos < s.size() && pos - start < max_len && s[pos] >= '0' && s[pos] <= '9') ++pos;
    if (pos - start < min_len) return std::nullopt;
    int v = 0;
    std::from_chars(s.data() + start, s.data() + pos, v);
    return v;
}

bool expect(std::string_view s, std::size_t& pos, char c) {
    if (pos < s.size() && s[pos] == c) {
        ++pos;
        return true;
    }
    return false;
}

bool expect(std::string_view s, std::size_t& pos, std::string_view word) {
    if (s.substr(pos).starts_with(word)) {
        pos += word.size();
        return true;
    }
    return false;
}

// The characters of a Chinese date, 2027年1月30日 (or 30号).
constexpr std::string_view year_sign = "年", month_sign = "月", day_sign = "日",
                           day_sign_spoken = "号";

// Parses a date at the start of s; pos is left after it.
std::optional<date> read_date(std::string_view s, std::size_t& pos) {
    auto y = read_number(s, pos, 4, 4);
    if (!y || pos >= s.size()) return std::nullopt;
    std::optional<int> m, d;
    if (expect(s, pos, year_sign)) {
        m = read_number(s, pos, 1, 2);
        if (!m || !expect(s, pos, month_sign)) return std::nullopt;
        d = read_number(s, pos, 1, 2);
        if (!d || !(expect(s, pos, day_sign) || expect(s, pos, day_sign_spoken)))
            return std::nullopt;
    } else {
        char sep = s[pos];
        if (sep != '-' && sep != '/' && sep != '.') return std::nullopt;
        ++pos;
        m = read_number(s, pos, 1, 2);
        if (!m || !expect(s, pos, sep)) return std::nullopt;
        d = read_number(s, pos, 1, 2);
        if (!d) return std::nullopt;
    }
    date ymd{year{*y}, month{static_cast<unsigned>(*m)}, day{static_cast<unsigned>(*d)}};
    if (!ymd.ok()) return std::nullopt;
    return ymd;
}

// Full-width digits and separators (０-９ ／ － ． ：, and the ideographic
// space), as a Chinese input method types them, made ASCII; false when the
// text has none, so ASCII text is never copied.
bool ascii_forms(std::string_view s, std::string& out) {
    if (s.find("\xEF\xBC") == std::string_view::npos && s.find("\xE3\x80\x80") == s.npos)
        return false;
    out.clear();
    for (std::size_t i = 0; i < s.size(); ++i) {
        auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
        if (i + 2 < s.size() && b(0) == 0xEF && b(1) == 0xBC && b(2) >= 0x8D && b(2) <= 0x9A) {
            out += static_cast<char>(b(2) - 0x8D + '-');  // U+FF0D..U+FF1A: - . / 0-9 :
            i += 2;
        } else if (i + 2 < s.size() && b(0) == 0xE3 && b(1) == 0x80 && b(2) == 0x80) {
            out += ' ';
            i += 2;
        } else {
            out += s[i];
        }
    }
    return true;
}

}  // namespace

std::optional<date> parse_date(std::string_view text) {
    if (std::string ascii; ascii_forms(text, ascii)) return parse_date(ascii);
    std::size_t pos = 0;
    auto d = read_date(text, pos);
    if (!d || pos != text.size()) return std::nullopt;
    return d;
}

namespace {
// Writes `value` as exactly `digits` decimal digits ending just before `end`.
void put_digits(char* end, unsigned value, int digits) {
    for (int i = 0; i < digits; ++i, value /= 10) *--end = static_cast<char>('0' + value % 10);
}
}  // namespace

// By hand rather than through fmt: listings format a date or two per row.
std::string format_date(const date& d) {
    std::string out;
    format_date_to(d, out);
    return out;
}

void format_date_to(const date& d, std::string& out) {
    const int y = static_cast<int>(d.year());
    if (y < 0 || y > 9999) {
        out = fmt::format("{:04}-{:02}-{:02}", y, static_cast<unsigned>(d.month()),
                          static_cast<unsigned>(d.day()));
        return;
    }
    out.assign(10, '-');
    put_digits(out.data() + 4, static_cast<unsigned>(y), 4);
    put_digits(out.data() + 7, static_cast<unsigned>(d.month()), 2);
    put_digits(out.data() + 10, static_cast<unsigned>(d.day()), 2);
}

std::optional<minutes> parse_utc_offset(std::string_view text) {
    if (text == "Z" || text == "UTC") return minutes{0};
    if (text.size() != 6 || (text[0] != '+' && text[0] != '-') || text[3] != ':')
        return std::nullopt;
    std::size_t pos = 1;
    auto h = read_number(text, pos, 2, 2);
    ++pos;
    auto m = read_number(text, pos, 2, 2);
    if (!h || !m || *h > 14 || *m > 59) return std::nullopt;
    minutes off{*h * 60 + *m};
    return text[0] == '-' ? -off : off;
}

std::string format_utc_offset(minutes offset) {
    char sign = offset.count() < 0 ? '-' : '+';
    auto a = offset.count() < 0 ? -offset.count() : offset.count();
    return fmt::format("{}{:02}:{:02}", sign, a / 60, a % 60);
}

std::optional<timestamp> parse_timestamp(std::string_view text, minutes utc_offset) {
    if (std::string ascii; ascii_forms(text, ascii)) return parse_timestamp(ascii, utc_offset);
    std::size_t pos = 0;
    auto d = read_date(text, pos);
    if (!d) return std::nullopt;
    seconds tod{0};
    if (pos < text.size()) {
        if (text[pos] != 'T' && text[pos] != ' ') return std::nullopt;
        ++pos;
        auto h = read_number(text, pos, 2, 2);
        if (!h || !expect(text, pos, ':')) return std::nullopt;
        auto mi = read_number(text, pos, 2, 2);
        if (!mi) return std::nullopt;
        int sec = 0;
        if (expect(text, pos, ':')) {
            auto s = read_number(text, pos, 2, 2);
            if (!s) return std::nullopt;
            sec = *s;
        }
        if (*h > 23 || *mi > 59 || sec > 60) return std::nullopt;
        tod = hours{*h} + minutes{*mi} + seconds{sec};
        if (pos < text.size()) {
            auto off = parse_utc_offset(text.substr(pos));
            if (!off) return std::nullopt;
            utc_offset = *off;
            pos = text.size();
        }
    }
    return timestamp{sys_days{*d}.time_since_epoch() + tod - utc_offset};
}

std::string format_timestamp(timestamp t) {
    std::string out;
    format_timestamp_to(t, out);
    return out;
}

void format_timestamp_to(timestamp t, std::string& out) {
    auto dp = floor<days>(t);
    date d{dp};
    hh_mm_ss hms{t - dp};
    format_date_to(d, out);
    out += "T00:00:00Z";
    char* time = out.data() + out.size() - 9;
    put_digits(time + 2, static_cast<unsigned>(hms.hours().count()), 2);
    put_digits(time + 5, static_cast<unsigned>(hms.minutes().count()), 2);
    put_digits(time + 8, static_cast<unsigned>(hms.seconds().count()), 2);
}

std::string format_local_time(timestamp t, minutes utc_offset) {
    const timestamp local = t + utc_offset;
    auto dp = floor<days>(local);
    hh_mm_ss hms{local - dp};
    std::string out;
    format_date_to(date{dp}, out);
    out += " 00:00";
    put_digits(out.data() + out.size() - 3, static_cast<unsigned>(hms.hours().count()), 2);
    put_digits(out.data() + out.size(), static_cast<unsigned>(hms.minutes().count()), 2);
    return out;
}

std::string local_time_text(std::string_view iso, minutes utc_offset) {
    // Only full instants: a bare date ("2026-12-05") is a day, not a time.
    if (iso.size() < 16) return std::string(iso);
    auto t = parse_timestamp(iso);
    return t ? format_local_time(*t, utc_offset) : std::string(iso);
}

date local_date(timestamp t, minutes utc_offset) {
    return date{floor<days>(t + utc_offset)};
}

timestamp local_midnight(const date& d, minutes utc_offset) {
    return time_point_cast<seconds>(sys_days{d} - utc_offset);
}

int days_between(const date& from, const date& to) {
    return static_cast<int>((sys_days{to} - sys_days{from}).count());
}

date add_days(const date& d, int n) {
    return date{sys_days{d} + days{n}};
}

}  // namespace gov
