#pragma once
/// \file
/// Exact numbers for tallies. A `rational` is a fraction in lowest terms
/// (thresholds such as 2/3, ratios such as 179/200); decimal amounts such as
/// floor areas are held as integer hundredths ("88.50" is 8850). Nothing here
/// ever passes through floating point: a ratio that reaches exactly 3/4 compares
/// equal to 3/4, and rounding happens only when a percentage is formatted for
/// people to read.

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

namespace gov {

/// An exact fraction num/den, always in lowest terms with den > 0, so two
/// equal values have equal members. Comparisons are exact for any two values
/// (cross products are formed in 128 bits and cannot overflow). Construction
/// and arithmetic throw input_error when the denominator is zero or when a
/// result does not fit in 64-bit numerator and denominator: such values only
/// arise from absurdly large input numbers.
class rational {
  public:
    constexpr rational() noexcept = default;
    /// An integer is the fraction value/1 (implicit on purpose: `r >= 1`).
    constexpr rational(std::int64_t value) noexcept : m_num(value) {}  // NOLINT
    /// num/den reduced to lowest terms. Throws input_error if den is zero.
    rational(std::int64_t num, std::int64_t den);

    /// Parses "2/3", "-1/2", "3" or an exact decimal "0.75" (no spaces, no
    /// exponent). Throws input_error naming the text.
    static rational parse(std::string_view text);

    std::int64_t num() const noexcept { return m_num; }
    std::int64_t den() const noexcept { return m_den; }

    /// "2/3", "-1/2", or "3" when the denominator is 1.
    std::string str() const;

    friend bool operator==(const rational&, const rational&) = default;
    friend std::strong_ordering operator<=>(const rational& a, const rational& b) noexcept;

    friend rational operator+(const rational& a, const rational& b);
    friend rational operator-(const rational& a, const rational& b);
    friend rational operator*(const rational& a, const rational& b);
    /// Throws input_error when dividing by zero.
    friend rational operator/(const rational& a, const rational& b);
    rational operator-() const;

  private:
    std::int64_t m_num = 0;
    std::int64_t m_den = 1;
};

/// Parses a non-negative decimal with at most two decimal places into
/// hundredths: "88.5" → 8850, "88.50" → 8850, "100" → 10000, "0.07" → 7.
/// Rejects signs, spaces, exponents, a bare or trailing point, more than two
/// decimals and values beyond 64 bits, throwing input_error that quotes the text.
std::int64_t parse_hundredths(std::string_view text);

/// Hundredths as a decimal with exactly two places: 123450 → "1234.50",
/// 7 → "0.07", -5 → "-0.05".
std::string format_hundredths(std::int64_t hundredths);

/// A fraction as a percentage for reading, rounded half away from zero with
/// integer arithmetic: 2/3 → "66.67%", 1/2 → "50.00%", 1/8 → "12.50%".
/// `decimals` is clamped to 0..6.
std::string format_percent(const rational& r, int decimals = 2);

}  // namespace gov
