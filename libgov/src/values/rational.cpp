#include "gov/values/rational.hpp"

#include <algorithm>
#include <limits>

#include <fmt/format.h>

#include "gov/values/error.hpp"

namespace gov {

namespace {

// __int128 is a GCC/Clang extension; __extension__ keeps -Wpedantic quiet about
// it. Every product of two 64-bit values fits, which is what makes exact
// comparison by cross-multiplication safe.
__extension__ using i128 = __int128;
__extension__ using u128 = unsigned __int128;

constexpr i128 k_int64_max = std::numeric_limits<std::int64_t>::max();
constexpr i128 k_int64_min = std::numeric_limits<std::int64_t>::min();

u128 magnitude(i128 v) {
    return v < 0 ? u128(0) - static_cast<u128>(v) : static_cast<u128>(v);
}

u128 gcd(u128 a, u128 b) {
    while (b != 0) {
        u128 t = a % b;
        a = b;
        b = t;
    }
    return a;
}

std::string to_decimal(i128 v) {
    if (v == 0) return "0";
    u128 m = magnitude(v);
    std::string digits;
    while (m != 0) {
        digits.push_back(static_cast<char>('0' + static_cast<int>(m % 10)));
        m /= 10;
    }
    if (v < 0) digits.push_back('-');
    std::reverse(digits.begin(), digits.end());
    return digits;
}

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// Reads a run of digits into `out`; false when empty or beyond `limit`.
bool read_digits(std::string_view s, i128 limit, i128& out) {
    if (s.empty()) return false;
    out = 0;
    for (char c : s) {
        if (!is_digit(c)) return false;
        out = out * 10 + (c - '0');
        if (out > limit) return false;
    }
    return true;
}

[[noreturn]] void bad_fraction(std::string_view text, std::string_view why) {
    throw input_error(fmt::format("\"{}\" is not an exact fraction: {}", text, why));
}

}  // namespace

rational::rational(std::int64_t num, std::int64_t den) {
    if (den == 0) throw input_error(fmt::format("exact fraction {}/0 has a zero denominator", num));
    i128 n = num;
    i128 d = den;
    if (d < 0) {
        n = -n;
        d = -d;
    }
    u128 g = gcd(magnitude(n), magnitude(d));
    if (g > 1) {
        n /= static_cast<i128>(g);
        d /= static_cast<i128>(g);
    }
    // Only INT64_MIN over -1 (or similar) can leave the 64-bit range here.
    if (n > k_int64_max || d > k_int64_max)
        throw input_error(fmt::format("exact fraction {}/{} is too large", num, den));
    m_num = static_cast<std::int64_t>(n);
    m_den = static_cast<std::int64_t>(d);
}

rational rational::parse(std::string_view text) {
    std::string_view s = text;
    bool negative = false;
    if (!s.empty() && s.front() == '-') {
        negative = true;
        s.remove_prefix(1);
    }
    if (s.empty()) bad_fraction(text, "no digits");
    i128 num = 0;
    i128 den = 1;
    if (auto slash = s.find('/'); slash != std::string_view::npos) {
        if (!read_digits(s.substr(0, slash), k_int64_max, num))
            bad_fraction(text, "expected digits before '/'");
        if (!read_digits(s.substr(slash + 1), k_int64_max, den))
            bad_fraction(text, "expected digits after '/'");
        if (den == 0) bad_fraction(text, "zero denominator");
    } else if (auto dot = s.find('.'); dot != std::string_view::npos) {
        std::string_view whole = s.substr(0, dot);
        std::string_view frac = s.substr(dot + 1);
        if (frac.empty() || frac.size() > 18) bad_fraction(text, "expected 1 to 18 decimals");
        i128 w = 0;
        i128 f = 0;
        if (!read_digits(whole, k_int64_max, w)) bad_fraction(text, "expected digits before '.'");
        if (!read_digits(frac, k_int64_max, f)) bad_fraction(text, "expected digits after '.'");
        for (std::size_t i = 0; i < frac.size(); ++i) den *= 10;
        num = w * den + f;
        // Reduce before the 64-bit range check: "0.500000000000000000" is 1/2.
        u128 g = gcd(magnitude(num), magnitude(den));
        num /= static_cast<i128>(g);
        den /= static_cast<i128>(g);
        if (num > k_int64_max) bad_fraction(text, "too large");
    } else if (!read_digits(s, k_int64_max, num)) {
        bad_fraction(text, "expected digits, \"a/b\" or a decimal");
    }
    return rational(static_cast<std::int64_t>(negative ? -num : num),
                    static_cast<std::int64_t>(den));
}

std::string rational::str() const {
    if (m_den == 1) return std::to_string(m_num);
    return fmt::format("{}/{}", m_num, m_den);
}

std::strong_ordering operator<=>(const rational& a, const rational& b) noexcept {
    // Denominators are positive, so cross-multiplying preserves the order.
    i128 lhs = static_cast<i128>(a.m_num) * b.m_den;
    i128 rhs = static_cast<i128>(b.m_num) * a.m_den;
    return lhs < rhs ? std::strong_ordering::less
                     : (lhs > rhs ? std::strong_ordering::greater : std::strong_ordering::equal);
}

namespace {

// Builds a reduced rational from 128-bit parts, throwing if it does not fit.
rational from_wide(i128 n, i128 d) {
    if (d == 0) throw input_error("division by zero in exact arithmetic");
    if (d < 0) {
        n = -n;
        d = -d;
    }
    u128 g = gcd(magnitude(n), magnitude(d));
    if (g > 1) {
        n /= static_cast<i128>(g);
        d /= static_cast<i128>(g);
    }
    if (n > k_int64_max || n < k_int64_min || d > k_int64_max)
        throw input_error(fmt::format("exact arithmetic overflow: {}/{} does not fit in 64 bits",
                                      to_decimal(n), to_decimal(d)));
    // Already reduced with a positive denominator; the constructor re-checks cheaply.
    return rational(static_cast<std::int64_t>(n), static_cast<std::int64_t>(d));
}

}  // namespace

// Each sum or product of two 64-bit values stays below 2^127 in magnitude, so
// the 128-bit intermediates never overflow before the final range check.
rational operator+(const rational& a, const rational& b) {
    return from_wide(static_cast<i128>(a.m_num) * b.m_den + static_cast<i128>(b.m_num) * a.m_den,
                     static_cast<i128>(a.m_den) * b.m_den);
}

rational operator-(const rational& a, const rational& b) {
    return from_wide(static_cast<i128>(a.m_num) * b.m_den - static_cast<i128>(b.m_num) * a.m_den,
                     static_cast<i128>(a.m_den) * b.m_den);
}

rational operator*(const rational& a, const rational& b) {
    return from_wide(static_cast<i128>(a.m_num) * b.m_num, static_cast<i128>(a.m_den) * b.m_den);
}

rational operator/(const rational& a, const rational& b) {
    if (b.m_num == 0) throw input_error("division by zero in exact arithmetic");
    return from_wide(static_cast<i128>(a.m_num) * b.m_den, static_cast<i128>(a.m_den) * b.m_num);
}

rational rational::operator-() const {
    return from_wide(-static_cast<i128>(m_num), m_den);
}

std::int64_t parse_hundredths(std::string_view text) {
    auto fail = [&](std::string_view why) -> std::int64_t {
        throw input_error(fmt::format("\"{}\" is not a valid amount: {}", text, why));
    };
    if (text.empty()) return fail("empty");
    if (text.front() == '-') return fail("negative amounts are not allowed");
    std::string_view whole = text;
    std::string_view frac;
    if (auto dot = text.find('.'); dot != std::string_view::npos) {
        whole = text.substr(0, dot);
        frac = text.substr(dot + 1);
        if (frac.empty()) return fail("expected digits after '.'");
        if (frac.size() > 2) return fail("more than 2 decimal places");
    }
    i128 w = 0;
    if (!read_digits(whole, k_int64_max, w)) {
        if (whole.empty()) return fail("expected digits before '.'");
        if (std::all_of(whole.begin(), whole.end(), is_digit)) return fail("too large");
        return fail("expected digits with an optional '.' and up to 2 decimals");
    }
    i128 f = 0;
    if (!frac.empty() && !read_digits(frac, 99, f))
        return fail("expected digits with an optional '.' and up to 2 decimals");
    if (frac.size() == 1) f *= 10;  // "88.5" means 88.50
    i128 value = w * 100 + f;
    if (value > k_int64_max) return fail("too large");
    return static_cast<std::int64_t>(value);
}

std::string format_hundredths(std::int64_t hundredths) {
    i128 v = hundredths;
    u128 m = magnitude(v);
    return fmt::format("{}{}.{:02}", v < 0 ? "-" : "", to_decimal(static_cast<i128>(m / 100)),
                       static_cast<int>(m % 100));
}

std::string format_percent(const rational& r, int decimals) {
    decimals = std::clamp(decimals, 0, 6);
    i128 scale = 100;
    for (int i = 0; i < decimals; ++i) scale *= 10;
    // |num| < 2^63 and scale <= 10^8 < 2^27, so the product fits in 128 bits.
    i128 n = static_cast<i128>(r.num()) * scale;
    i128 d = r.den();
    u128 m = magnitude(n);
    u128 q = m / static_cast<u128>(d);
    u128 rem = m % static_cast<u128>(d);
    if (rem * 2 >= static_cast<u128>(d)) ++q;  // half away from zero
    std::string digits = to_decimal(static_cast<i128>(q));
    if (decimals > 0) {
        auto places = static_cast<std::size_t>(decimals);
        if (digits.size() <= places) digits.insert(0, places + 1 - digits.size(), '0');
        // One char, not ".": GCC 12 warns falsely of the latter (bug 105329).
        digits.insert(digits.size() - places, 1, '.');
    }
    bool negative = n < 0 && q != 0;
    return (negative ? "-" : "") + digits + "%";
}

}  // namespace gov
