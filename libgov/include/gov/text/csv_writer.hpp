#pragma once
/// \file
/// RFC 4180 CSV output, safe to open in a spreadsheet.

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace gov {

/// The UTF-8 byte order mark. gov writes it first in every CSV meant for a
/// spreadsheet — `gov roster export`, `gov issue export`, the `--errors`
/// file of `gov roster import` — unless `--no-bom`: Excel on a Chinese
/// Windows reads a UTF-8 file without one as GB18030 and shows mojibake.
/// Every gov import reads files with or without it.
inline constexpr std::string_view byte_order_mark = "\xEF\xBB\xBF";

/// Quotes a field when it holds a comma, quote, CR or LF (quotes doubled).
/// When `neutralise` is set, a field that begins with '=', '+', '-', '@',
/// tab or CR (OWASP's list) is prefixed with a single quote so spreadsheets
/// show it as text instead of running it as a formula. A plain decimal such
/// as "-5" or "-12.50" is left alone: spreadsheets read it as a number, and
/// negative amounts must stay numbers.
std::string csv_field(std::string_view value, bool neutralise = true);

/// Writes CSV rows to a stream, CRLF-terminated. A row of one empty field is
/// written as `""` so it does not read as a blank line.
class csv_writer {
  public:
    explicit csv_writer(std::ostream& out, bool neutralise = true)
        : m_out(out), m_neutralise(neutralise) {}
    void write_row(const std::vector<std::string>& fields);

  private:
    std::ostream& m_out;
    bool m_neutralise;
};

}  // namespace gov
