#pragma once
/// \file
/// Streaming RFC 4180 CSV input, as spreadsheets export it.
///
/// A csv_reader pulls one record at a time from a std::istream, decoding it
/// to UTF-8 on the way (gov/encoding.hpp). Memory stays bounded whatever the
/// file size: the reader holds one chunk of input plus the record being read,
/// and both are capped by csv_options. Every error is an input_error whose
/// message starts with "<source>:<line>:", the physical line (1-based) in the
/// file where the problem is.

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "gov/text/encoding.hpp"

namespace gov {

/// How a csv_reader reads its input.
struct csv_options {
    /// The file's encoding; std::nullopt detects it from the first 64 KiB
    /// (detect_encoding). A leading byte order mark is dropped in any case.
    std::optional<text_encoding> encoding = std::nullopt;
    /// The field separator: any ASCII character except '"', CR, LF and NUL.
    char delimiter = ',';
    /// Bytes read from the stream at a time. Tests set it tiny to split
    /// characters and records at every position.
    std::size_t chunk_bytes = 1024 * 1024;
    /// The longest field accepted, in bytes of UTF-8 as written in the file
    /// without its surrounding quotes (doubled quotes count twice). Longer is
    /// an error, never an out-of-memory.
    std::size_t max_field_bytes = 64 * 1024;
    /// The longest record accepted, in bytes, separators included.
    std::size_t max_record_bytes = 4 * 1024 * 1024;
    /// Strict (false, the default): a '"' inside an unquoted field, or
    /// anything but a separator or line end after a closing quote, is an
    /// error. Lenient (true): such a quote is an ordinary character, and text
    /// after a closing quote is appended to the field, so `"ab"cd` reads
    /// `abcd` and `5" floppy` reads `5" floppy`.
    bool lenient_quotes = false;
    /// Skip empty lines (nothing between two line ends) instead of returning
    /// a record with one empty field. Skipped lines still count for line
    /// numbers.
    bool skip_blank_lines = true;
};

/// One record of a CSV file: its fields and where it starts.
///
/// Fields are std::string_view into the reader's buffer, valid until the next
/// call to csv_reader::next() or the reader's destruction. That saves an
/// allocation and a copy for each of the ~14 million fields of a 1M-row
/// roster; a caller that keeps a value copies it (or calls to_strings()).
/// Field values are unquoted: surrounding quotes removed, doubled quotes
/// made single, line breaks inside quotes kept byte for byte (LF or CR LF).
/// The reader does not check that every record has the same number of
/// fields: size() shows it, and the caller decides.
class csv_record {
  public:
    /// Number of fields: at least 1 for a record read (an empty line kept as a
    /// record is one empty field), 0 after next() returned false.
    std::size_t size() const noexcept { return m_fields.size(); }
    bool empty() const noexcept { return m_fields.empty(); }
    std::string_view operator[](std::size_t i) const noexcept { return m_fields[i]; }
    std::span<const std::string_view> fields() const noexcept { return m_fields; }
    auto begin() const noexcept { return m_fields.begin(); }
    auto end() const noexcept { return m_fields.end(); }
    /// The physical line (1-based) where the record starts; the header is line 1.
    std::uint64_t line() const noexcept { return m_line; }
    /// Copies the fields out of the reader's buffer.
    std::vector<std::string> to_strings() const;

  private:
    friend class csv_reader;
    std::vector<std::string_view> m_fields;
    std::uint64_t m_line = 0;
};

/// A pull-based streaming CSV reader (RFC 4180, as Excel writes it).
///
/// Accepts CRLF and LF line ends (mixed too) and a last record without a
/// line end; quoted fields may hold separators, doubled quotes and line
/// breaks. Errors (input_error, "<source>:<line>: ..."): a quoted field still
/// open at the end of the file (naming the line it opened on), a stray quote
/// (strict mode, see csv_options::lenient_quotes), a NUL byte, a CR that is
/// not part of a CR LF outside quotes, a field or record over the limits,
/// invalid bytes in the file's encoding, and a read error of the stream.
/// Each error is raised at the byte that causes it, so a file with several
/// problems always reports the first one in file order, whatever the chunk
/// size. After an error the reader is not usable any more.
///
/// \code
///   std::ifstream file(path, std::ios::binary);
///   gov::csv_reader reader(file, "roster.csv");
///   gov::csv_record row;
///   while (reader.next(row)) use(row.line(), row[0], row[1]);
/// \endcode
class csv_reader {
  public:
    /// Reads from `in`, which must be opened in binary mode. With automatic
    /// encoding detection the constructor reads the first 64 KiB.
    /// \throws usage_error for invalid options; input_error for a UTF-16 file.
    csv_reader(std::istream& in, std::string source_name, csv_options options = {});
    ~csv_reader();
    csv_reader(const csv_reader&) = delete;
    csv_reader& operator=(const csv_reader&) = delete;

    /// Reads the next record into `record`; false at the end of the input.
    /// \throws input_error as described for the class.
    bool next(csv_record& record);

    /// The encoding in use, chosen or detected.
    text_encoding encoding() const noexcept { return m_decoder.encoding(); }
    const std::string& source_name() const noexcept { return m_source_name; }
    /// The line where the next record would start (after the end: lines + 1).
    std::uint64_t line() const noexcept { return m_line; }
    /// Records returned so far.
    std::uint64_t records_read() const noexcept { return m_records; }

  private:
    /// Where a field lies in the buffer, relative to the record's start.
    struct field_span {
        std::size_t begin;
        std::size_t end;
        bool quoted;   ///< begins with a quote
        bool complex;  ///< needs rewriting: doubled quotes or text after the closing quote
    };
    enum class scan_result { record, blank, need_more };

    static text_encoding choose_encoding(std::istream& in, const std::string& source_name,
                                         const csv_options& options, std::string& sample);
    scan_result scan_record(std::size_t& record_end, std::uint64_t& lines_in_record);
    void build_record(csv_record& record);
    void fill();
    std::size_t read_raw(char* out, std::size_t size);
    void reserve(std::size_t free_bytes);
    [[noreturn]] void fail(std::uint64_t line, const std::string& message) const;

    std::istream& m_in;
    std::string m_source_name;
    csv_options m_options;
    std::string m_sample;  ///< bytes read for detection, not yet decoded
    text_decoder m_decoder;
    std::size_t m_sample_pos = 0;
    unsigned char m_class[256] = {};  ///< byte → what it means outside quotes
    std::string m_raw;                ///< GB18030: a chunk of bytes before conversion
    std::size_t m_raw_kept = 0;       ///< GB18030: bytes at the front of m_raw not yet decoded
    std::unique_ptr<char[]> m_buf;    ///< decoded text; UTF-8 input is read into it directly
    std::size_t m_capacity = 0;
    std::size_t m_pos = 0;       ///< start of the next record
    std::size_t m_text_end = 0;  ///< end of the decoded, valid text
    std::size_t m_raw_end = 0;   ///< UTF-8: end of the bytes read, validated or not
    bool m_stream_done = false;
    bool m_text_done = false;  ///< everything decoded; m_text_end is the end
    bool m_bom_checked = false;
    std::uint64_t m_line = 1;
    std::uint64_t m_records = 0;
    std::vector<field_span> m_spans;
};

/// A logical column a caller wants from a CSV file, with the header texts
/// that name it. Header cells are compared after trimming surrounding
/// whitespace (ASCII, U+3000 ideographic space, U+00A0, U+FEFF), ASCII
/// letters ignoring case.
struct csv_column {
    std::string key;                 ///< logical name, e.g. "name"
    std::vector<std::string> names;  ///< accepted header texts, e.g. {"姓名", "name"}
    bool required = true;
};

/// A header cell that names none of the wanted columns.
struct csv_unknown_column {
    std::size_t index = 0;  ///< the 0-based field index
    std::string header;     ///< the cell, trimmed
    /// The accepted name of a wanted column the file lacks that this cell
    /// looks like, or "" for none: a part of the name ("面积" for 建筑面积),
    /// or a near spelling ("stauts" for status). A cell that is a wanted
    /// column with a unit, a note or spaces added is no unknown column but
    /// an error (map_csv_header).
    std::string likely;
};

/// Where the wanted columns are in a file.
struct csv_header_map {
    /// For each wanted column, in the order given: the 0-based index of the
    /// field holding it, or std::nullopt for an optional column not present.
    std::vector<std::optional<std::size_t>> index;
    /// Field indices of header cells that matched no wanted column.
    std::vector<std::size_t> unmapped;
    /// The same cells, each with what it looks like.
    std::vector<csv_unknown_column> unknown;
    /// The keys of the wanted columns, in the order given.
    std::vector<std::string> keys;
    /// The header's line in the file.
    std::uint64_t line = 1;

    /// The index of the column with logical name `key`, if present.
    /// \throws internal_error when `key` was not among the wanted columns.
    std::optional<std::size_t> find(std::string_view key) const;
};

/// Maps a header record to the wanted columns.
/// \throws input_error "<source>:<line>: ..." when required columns are
///         missing (the message lists the header's columns), when a column
///         appears twice (under the same or another accepted name), or when
///         a cell is a wanted column the file lacks with a unit, a note in
///         brackets or spaces added — "建筑面积(㎡)", "面积（平方米）", "面积 m2",
///         "出生 年份" — which would otherwise be dropped ("… looks like
///         建筑面积 with a unit: rename the column to 建筑面积"); with several
///         problems, details() has one message per problem.
/// \throws internal_error when one header text is accepted for two columns.
csv_header_map map_csv_header(const csv_record& header, std::span<const csv_column> wanted,
                              std::string_view source_name);

/// What an import says about the header cells it does not read
/// (csv_header_map::unknown): one message per column, "<source>:<line>:
/// column 12 (L) "楼层" is not <what>; ignored", with "(did you mean 建筑面积?)"
/// when it looks like a column the file lacks; columns without a header are
/// named together. `what` is the phrase for the file's columns ("a roster
/// column"). With `strict`, any such column is an input_error instead
/// (every message in details()), so that nothing is read from a file with a
/// column gov would drop.
std::vector<std::string> unknown_column_warnings(const csv_header_map& map,
                                                 std::string_view source_name,
                                                 std::string_view what, bool strict);

}  // namespace gov
