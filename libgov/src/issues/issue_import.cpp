// `gov issue import`: reading CSV and JSON Lines issue files, all or nothing.
#include "gov/issues/issue_import.hpp"

#include <algorithm>
#include <map>
#include <streambuf>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "bulk/interface.hpp"
#include "gov/store/config.hpp"
#include "gov/store/context.hpp"
#include "gov/text/csv_reader.hpp"
#include "gov/text/encoding.hpp"
#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"
#include "issues/issue_internal.hpp"
#include "issues/issue_row.hpp"
#include "store/interface.hpp"
#include "text/interface.hpp"

namespace gov {
namespace {

using detail::issues::issue_field;
using detail::issues::issue_field_count;
using detail::issues::issue_field_keys;

issue_file_format choose_format(const issue_import_options& o) {
    if (o.format == "csv") return issue_file_format::csv;
    if (o.format == "jsonl") return issue_file_format::jsonl;
    if (!o.format.empty())
        throw usage_error(
            fmt::format(fmt::runtime(tr("--format: \"{}\" is not csv or jsonl")), o.format));
    std::string ext = o.file.extension().string();
    for (auto& ch : ext) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return ext == ".jsonl" || ext == ".ndjson" ? issue_file_format::jsonl : issue_file_format::csv;
}

// Undoes the formula neutralisation of `gov issue export` ('=… → =…).
std::string_view unneutralise(std::string_view v) {
    if (v.size() >= 2 && v[0] == '\'' && std::string_view("=+-@\t\r").find(v[1]) != v.npos)
        v.remove_prefix(1);
    return v;
}

// A row as the reading thread hands it over: the problems that kept it
// from being read (a CSV record of the wrong width, a line that is not a
// JSON object), or its values, trimmed and checked as far as that needs no
// database (issue_row_importer::prepare).
struct read_row {
    std::uint64_t line = 0;
    std::vector<issue_import_problem> problems;
    detail::issues::issue_row_strings values;
    detail::issues::prepared_row prepared;
    std::string room;  // the importer's, while the row is its (take())
};

// Rows are read, their fields copied out and prepared on a second thread —
// which alone uses the file from here on — while this one finds what
// prepare() could not and writes the rows before them; then the last rows.
void take_rows(const std::function<bool(read_row&)>& read,
               detail::issues::issue_row_importer& importer, issue_import_result& r) {
    {
        detail::row_pipeline<read_row> rows(read);
        while (read_row* row = rows.next()) {
            ++r.rows;
            if (!row->problems.empty())
                r.problems.insert(r.problems.end(), row->problems.begin(), row->problems.end());
            else
                importer.take(row->line, row->values, row->prepared, row->room, r.problems);
            // The next call hands this batch's rows back to the reading
            // thread: the importer must be done with them.
            if (rows.batch_done()) importer.release();
        }
    }  // the reading thread has ended: the file is this thread's again
    importer.finish(r.problems);
}

void read_csv(std::istream& in, const issue_import_options& o, const context& ctx,
              issue_import_result& r,
              const std::function<detail::issues::issue_row_importer&(
                  const detail::issues::issue_file_fields&)>& make) {
    csv_options opts;
    opts.encoding = parse_encoding_name(o.encoding.empty() ? "auto" : o.encoding);
    csv_reader reader(in, r.file, opts);
    r.encoding = std::string(encoding_name(reader.encoding()));
    csv_record record;
    if (!reader.next(record))
        throw input_error(fmt::format(fmt::runtime(tr("{}: the file is empty")), r.file));

    const auto& columns = ctx.cfg().issues.columns;
    std::vector<csv_column> wanted;
    for (std::string_view key : issue_field_keys()) {
        csv_column c;
        c.key = std::string(key);
        if (auto it = columns.find(c.key); it != columns.end()) c.names.push_back(it->second);
        c.names.push_back(c.key);
        c.required = key == "title" || key == "category";
        wanted.push_back(std::move(c));
    }
    csv_header_map map = map_csv_header(record, wanted, r.file);
    detail::issues::issue_file_fields fields;
    for (std::size_t f = 0; f < issue_field_count; ++f) {
        fields.present[f] = map.index[f].has_value();
        fields.names[f] =
            map.index[f] ? std::string(record[*map.index[f]]) : wanted[f].names.front();
    }
    for (std::size_t i : map.unmapped) r.ignored_columns.emplace_back(record[i]);
    r.warnings = unknown_column_warnings(map, r.file, tr("an issue column"), o.strict);
    const std::size_t width = record.size();
    auto& importer = make(fields);

    take_rows(
        [&](read_row& out) {
            if (!reader.next(record)) return false;
            out.line = record.line();
            out.problems.clear();
            if (record.size() != width) {
                out.problems.push_back(
                    {out.line, "",
                     fmt::format(fmt::runtime(tr("{} fields, but the header has {}")),
                                 record.size(), width)});
                return true;
            }
            detail::issues::issue_row_values row;
            for (std::size_t f = 0; f < issue_field_count; ++f)
                row[f] = map.index[f] ? unneutralise(record[*map.index[f]]) : std::string_view{};
            detail::issues::copy_trimmed(row, out.values);
            importer.prepare(out.line, out.values, out.prepared);
            return true;
        },
        importer, r);
}

// One line of a JSON Lines issue file, read into the fields as the parser
// goes (no document tree: building one and taking it apart was half of a
// 200k-line import's reading). What it accepts and says matches reading
// the object whole: a later duplicate key replaces an earlier one, and
// problems come in the order of their keys.
class jsonl_line_reader {
  public:
    using json = nlohmann::json;

    /// Reads `text` into `values` (cleared first). False when it is not a
    /// JSON object; otherwise `problems` holds each bad key's problem, by key.
    bool read(const std::string& text, std::array<std::string, issue_field_count>& values,
              std::map<std::string, std::string>& problems) {
        m_values = &values;
        m_problems = &problems;
        for (auto& v : values) v.clear();
        problems.clear();
        m_depth = 0;
        m_skip = 0;
        m_object = false;
        m_in_tags = m_tags_failed = false;
        return json::sax_parse(text, this) && m_object;
    }

    // The SAX interface (nlohmann::json_sax).
    bool null() { return value(kind::null); }
    bool boolean(bool) { return value(kind::other); }
    bool number_integer(json::number_integer_t n) { return number(std::to_string(n)); }
    bool number_unsigned(json::number_unsigned_t n) { return number(std::to_string(n)); }
    bool number_float(json::number_float_t, const std::string&) { return value(kind::other); }
    bool binary(json::binary_t&) { return value(kind::other); }
    bool string(std::string& s) {
        if (m_skip > 0 || m_depth == 0) return top_level();
        if (m_in_tags) {
            if (m_tags_failed) return true;
            std::string& tags = (*m_values)[m_field];
            if (!tags.empty()) tags += ',';
            tags += s;
            return true;
        }
        if (m_field != unknown) (*m_values)[m_field] = std::move(s);
        return true;
    }
    bool start_object(std::size_t) {
        if (m_depth == 0) {
            if (m_object) return false;  // a second value on the line
            m_object = true;
            m_depth = 1;
            return true;
        }
        return nested();
    }
    bool end_object() {
        if (!skipped_to_end()) m_depth = 0;  // the line's object
        return true;
    }
    bool start_array(std::size_t) {
        if (m_depth == 0) return top_level();
        if (m_skip == 0 && !m_in_tags && m_field == tags_field) {
            m_in_tags = true;
            m_tags_failed = false;
            return true;
        }
        return nested();
    }
    bool end_array() {
        if (!skipped_to_end()) m_in_tags = false;  // the tags' array
        return true;
    }
    bool key(std::string& k) {
        if (m_skip > 0) return true;
        auto at = std::find(issue_field_keys().begin(), issue_field_keys().end(), k);
        m_problems->erase(k);  // a later duplicate replaces what an earlier one gave
        if (at == issue_field_keys().end()) {
            m_field = unknown;
            (*m_problems)[k] = fmt::format(fmt::runtime(tr("unknown key; keys are: {}")),
                                           fmt::join(issue_field_keys(), ", "));
        } else {
            m_field = static_cast<std::size_t>(at - issue_field_keys().begin());
            (*m_values)[m_field].clear();
        }
        m_key = std::move(k);
        return true;
    }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) {
        return false;
    }

  private:
    enum class kind { null, other };
    static constexpr std::size_t unknown = issue_field_count;
    static constexpr auto tags_field = static_cast<std::size_t>(issue_field::tags);

    bool top_level() { return m_depth != 0 || m_skip != 0; }  // a bare value: not an object
    bool number(std::string text) {
        if (m_skip > 0 || m_depth == 0) return top_level();
        if (m_in_tags) return value(kind::other);
        if (m_field != unknown) (*m_values)[m_field] = std::move(text);
        return true;
    }
    bool value(kind k) {
        if (m_skip > 0 || m_depth == 0) return top_level();
        if (m_in_tags) {
            tag_problem();
            return true;
        }
        if (k == kind::other) wrong_type();
        return true;
    }
    // The end of a level of a nested value being skipped, if it is one.
    bool skipped_to_end() {
        if (m_skip == 0) return false;
        --m_skip;
        return true;
    }
    // An object or array where a string was wanted: skipped to its end.
    bool nested() {
        if (m_skip == 0) {
            if (m_in_tags)
                tag_problem();
            else
                wrong_type();
        }
        ++m_skip;
        return true;
    }
    void tag_problem() {
        if (m_tags_failed) return;
        m_tags_failed = true;
        (*m_problems)[m_key] = tr("expected an array of strings");
    }
    void wrong_type() {
        if (m_field == unknown) return;  // said already
        (*m_problems)[m_key] = m_field == tags_field
                                   ? tr("expected a string or an array of strings")
                                   : tr("expected a string");
    }

    std::array<std::string, issue_field_count>* m_values = nullptr;
    std::map<std::string, std::string>* m_problems = nullptr;
    int m_depth = 0;  // 1 inside the line's object
    int m_skip = 0;   // levels of a nested value being skipped
    bool m_object = false, m_in_tags = false, m_tags_failed = false;
    std::size_t m_field = unknown;
    std::string m_key;
};

void read_jsonl(std::istream& in, issue_import_result& r,
                const std::function<detail::issues::issue_row_importer&(
                    const detail::issues::issue_file_fields&)>& make) {
    r.encoding = "utf-8";
    detail::issues::issue_file_fields fields;  // any line may have any key
    for (std::size_t f = 0; f < issue_field_count; ++f) {
        fields.names[f] = issue_field_keys()[f];
        fields.present[f] = true;
    }
    auto& importer = make(fields);

    // As with CSV, on the reading thread (parsing JSON was two thirds of a
    // 200k-line import on one thread).
    std::string text;
    std::uint64_t line = 0;
    std::array<std::string, issue_field_count> values;
    detail::issues::issue_row_values row;
    jsonl_line_reader line_reader;
    std::map<std::string, std::string> key_problems;
    auto parse = [&](read_row& out) {
        auto fail = [&](std::string column, std::string reason) {
            out.problems.push_back({line, std::move(column), std::move(reason)});
        };
        if (!is_valid_utf8(text)) {
            fail("", tr("not valid UTF-8 (JSON Lines files are UTF-8)"));
            return;
        }
        if (!line_reader.read(text, values, key_problems)) {
            fail("", tr("not a JSON object"));
            return;
        }
        for (auto& [key, problem] : key_problems) fail(key, std::move(problem));
        if (!out.problems.empty()) return;
        for (std::size_t f = 0; f < issue_field_count; ++f) row[f] = values[f];
        detail::issues::copy_trimmed(row, out.values);
        importer.prepare(line, out.values, out.prepared);
    };
    take_rows(
        [&](read_row& out) {
            while (std::getline(in, text)) {
                ++line;
                if (line == 1 && text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
                if (!text.empty() && text.back() == '\r') text.pop_back();
                if (text.find_first_not_of(" \t") == std::string::npos) continue;
                out.line = line;
                out.problems.clear();
                parse(out);
                return true;
            }
            return false;
        },
        importer, r);
    if (in.bad()) throw input_error(fmt::format(fmt::runtime(tr("{}: read error")), r.file));
}

// A file's rows, by its size: the bench file's rows have ~93 bytes, a
// short row 128.
std::uint64_t rows_by_size(std::uint64_t file_bytes) {
    return file_bytes / 128;
}

// Whether a file is large: enough rows to be worth loading the whole
// phone directory before the first one.
bool is_large(std::uint64_t file_bytes) {
    return rows_by_size(file_bytes) >= 20000;
}

// Whether a file is a bulk import: large, and more issues than are stored.
bool is_bulk(SQLite::Database& db, std::uint64_t file_bytes) {
    return is_large(file_bytes) &&
           rows_by_size(file_bytes) >=
               static_cast<std::uint64_t>(
                   db.execAndGet("SELECT coalesce(max(id), 0) FROM issue").getInt64());
}

// The audit event of an earlier import of the same bytes, if any.
std::optional<std::pair<std::int64_t, std::string>> earlier_import(SQLite::Database& db,
                                                                   const std::string& sha) {
    SQLite::Statement q(db,
                        "SELECT seq, at FROM audit_event WHERE action = 'issue.import' "
                        "AND json_extract(payload, '$.sha256') = ? ORDER BY seq LIMIT 1");
    q.bind(1, sha);
    if (!q.executeStep()) return std::nullopt;
    return std::pair{q.getColumn(0).getInt64(), q.getColumn(1).getString()};
}

}  // namespace

issue_import_result import_issues(context& ctx, const issue_import_options& o) {
    issue_import_result r;
    r.file = o.file.string();
    issue_file_format format = choose_format(o);
    r.format = format == issue_file_format::csv ? "csv" : "jsonl";
    detail::import_file file(ctx.db().path(), o.file, o.progress, tr("{}: cannot read the file"));
    std::istream& in = file.in();

    auto& db = ctx.db().impl().db();
    detail::guard_sqlite(ctx.db().path(), [&] {
        const bool bulk = !o.dry_run && is_bulk(db, file.size());
        detail::bulk_write write(ctx, {.bypass_log = bulk,
                                       .unchecked_foreign_keys = true,
                                       .big_cache_with_log = true,
                                       .write = !o.dry_run});
        // Inserting many rows into a table whose indexes are kept up to
        // date row by row costs a random index page per row and index.
        if (bulk) write.defer_indexes({"issue"}, false);
        std::optional<detail::issues::issue_row_importer> importer;
        auto make = [&](const detail::issues::issue_file_fields& fields)
            -> detail::issues::issue_row_importer& {
            return importer.emplace(ctx, db, !o.dry_run, fields, is_large(file.size()));
        };
        if (format == issue_file_format::csv)
            read_csv(in, o, ctx, r, make);
        else
            read_jsonl(in, r, make);
        r.sha256 = file.digest();
        // Rows are checked in batches, unreadable ones at once: file order again.
        std::stable_sort(r.problems.begin(), r.problems.end(),
                         [](const auto& a, const auto& b) { return a.line < b.line; });
        std::uint64_t last_line = 0;
        for (const auto& p : r.problems)
            if (p.line != last_line) {
                ++r.invalid;
                last_line = p.line;
            }
        if (!r.problems.empty() || r.rows == 0) return;
        if (!o.allow_reimport)
            if (auto earlier = earlier_import(db, r.sha256))
                throw conflict(fmt::format(
                    fmt::runtime(tr("{}: this file was imported already (audit event {}, {}); "
                                    "--again imports it a second time")),
                    r.file, earlier->first, earlier->second));
        if (o.dry_run) return;
        importer->store_directory();
        r.imported = importer->imported();
        r.first_id = importer->first_id();
        r.last_id = importer->last_id();
        write.rows_written();
        write.tx().audit("issue.import", "issue_import",
                         fmt::format("{}..{}", r.first_id, r.last_id),
                         {{"file", o.file.filename().string()},
                          {"sha256", r.sha256},
                          {"format", r.format},
                          {"encoding", r.encoding},
                          {"rows", r.rows},
                          {"imported", r.imported},
                          {"first_id", r.first_id},
                          {"last_id", r.last_id}});
        write.commit();
        r.committed = true;
    });
    return r;
}

std::vector<std::string> problem_messages(const issue_import_result& r) {
    std::vector<std::string> out;
    out.reserve(r.problems.size());
    for (const auto& p : r.problems)
        out.push_back(p.column.empty()
                          ? fmt::format("{}:{}: {}", r.file, p.line, p.reason)
                          : fmt::format("{}:{}: {}: {}", r.file, p.line, p.column, p.reason));
    return out;
}

}  // namespace gov
