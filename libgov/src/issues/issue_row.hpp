#pragma once
// Private to libgov: one row of an issue file, checked against the
// configuration and the roster and written — shared by the CSV and JSON
// Lines readers of `gov issue import`, and naming the columns `gov issue
// export` writes.

#include <array>
#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <SQLiteCpp/SQLiteCpp.h>

#include "bulk/interface.hpp"
#include "gov/issues/issue_import.hpp"
#include "gov/values/clock.hpp"

namespace gov {
class context;
}

namespace gov::detail::issues {

/// The logical fields of an issue file, in the order export writes them.
enum class issue_field : std::size_t {
    title,
    category,
    building,
    raised_by_phone,
    status,
    priority,
    created,
    resolved,
    severity,
    description,
    assignee,
    due,
    tags,
    room,
    resolution,
};
inline constexpr std::size_t issue_field_count = 15;

/// The logical names ("title", "raised_by_phone", …), by issue_field.
const std::array<std::string_view, issue_field_count>& issue_field_keys();

/// The fields of a file: how it names each (its header text, or the
/// logical name) and which it has at all.
struct issue_file_fields {
    std::array<std::string, issue_field_count> names;
    std::array<bool, issue_field_count> present{};
};

/// One row's values by field; a field the file does not have is empty.
using issue_row_values = std::array<std::string_view, issue_field_count>;

/// The same, owned: what a reader on another thread hands over (take()).
using issue_row_strings = std::array<std::string, issue_field_count>;

/// Copies a row's values into `out`, each trimmed of spaces and tabs as the
/// importer takes them.
void copy_trimmed(const issue_row_values& row, issue_row_strings& out);

/// What a row's fields give without the database: the checks of title,
/// category, severity, status, priority, dates, resolution and tags, and
/// the times written. issue_row_importer::prepare() makes it, touching
/// nothing the importer changes, so a reading thread can make it while the
/// importer's thread writes the rows before.
struct prepared_row {
    // The row's problems found here, in the order a row's problems are
    // reported: before those found with the database (building, phone,
    // assignee) and after them.
    std::vector<issue_import_problem> before, after;
    std::string created_text, due_text;  // due_text empty: no due date
    std::string resolved_text;           // empty: not resolved
    bool due_explicit = false;
    bool done = false;       // the status is a done one
    bool resolving = false;  // … and one that needs a resolution (not closed yet)
    std::vector<std::string> tags;
    // The building and raiser, when prepare() could find them: once the
    // phone directory exists, a clean row's look-ups are made on the
    // reading thread too. Unset: check() looks them up (and says why not).
    std::optional<std::int64_t> building_id, raised_by;
};

/// Checks rows and, while every row so far was good and `write` is set,
/// inserts them (the caller holds the transaction). Lookups of buildings,
/// phones and parties are cached for the whole file. Rows are taken in
/// batches, so that the phones of a batch are looked up in one query (one
/// query per phone costs several times as much on a large roster); a file
/// of more than one batch, or one the caller knows is large, reads the
/// whole phone directory instead (or loads the stored one, if the file is
/// large), and from then on each row is checked as it comes, its look-ups
/// made by prepare() on the reading thread.
class issue_row_importer {
  public:
    /// `fields.names` names each field in problem messages. `large`: the
    /// caller knows the file is large (by its size), so the stored phone
    /// directory is loaded at once, or, if none is stored, the directory
    /// is read as soon as a few rows have come, not after a batch.
    issue_row_importer(context& ctx, SQLite::Database& db, bool write,
                       const issue_file_fields& fields, bool large = false);

    /// Checks what needs no database (prepared_row); safe to call on
    /// another thread while this importer works, for values trimmed
    /// already (copy_trimmed).
    void prepare(std::uint64_t line, const issue_row_strings& values, prepared_row& out) const;

    /// Takes one row, trimmed and prepared already (on the reading thread),
    /// checks and maybe writes it, appending its problems in file order.
    /// Either it is checked at once and its texts inserted from where they
    /// are — `values`, `prepared` and `room` (a string for the importer to
    /// use) must then stay as they are until release() — or, while rows
    /// wait for the phone directory, its values are swapped in to wait
    /// with them, leaving the caller's objects with others.
    void take(std::uint64_t line, issue_row_strings& values, prepared_row& prepared,
              std::string& room, std::vector<issue_import_problem>& problems);

    /// Writes the rows take() queued from the caller's objects: call it
    /// before changing or reusing any of them.
    void release();

    /// Checks and maybe writes the rows still waiting; call at the end.
    void finish(std::vector<issue_import_problem>& problems);

    /// Stores the phone directory this importer read, if it read one (it
    /// was not stored), for the next large import; the roster must not
    /// have changed in this transaction.
    void store_directory();

    std::uint64_t imported() const { return m_imported; }
    std::int64_t first_id() const { return m_first_id; }
    std::int64_t last_id() const { return m_last_id; }

  private:
    struct pending_row {
        std::uint64_t line = 0;
        issue_row_strings values;
        prepared_row prepared;
        std::string room;  // as resolve_place() gave it: queued rows view it
    };

    pending_row& next_row(std::uint64_t line);
    void added(std::vector<issue_import_problem>& problems);

    // A row wherever it is: in m_batch, or where the caller keeps it.
    struct row_view {
        std::uint64_t line;
        const issue_row_strings& values;
        const prepared_row& prepared;
        std::string& room;  // as resolve_place() gave it: queued rows view it
    };
    void check(const row_view& row, std::vector<issue_import_problem>& problems);
    void look_up_phones();
    std::string median_phone() const;
    void check_waiting(std::vector<issue_import_problem>& problems);
    std::optional<std::int64_t> building(std::string_view ref, std::string& problem);
    std::optional<std::int64_t> resident_by_phone(std::string_view phone, std::string& problem);

    context& m_ctx;
    SQLite::Database& m_db;
    bool m_write;
    std::size_t m_directory_after;  // rows: read the directory once this many wait
    std::array<std::string, issue_field_count> m_columns;
    std::vector<std::string> m_statuses, m_categories;
    // Hashes std::string and std::string_view alike, so lookups need no copy.
    struct text_hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept {
            return std::hash<std::string_view>{}(s);
        }
    };
    template <class V>
    using text_map = std::unordered_map<std::string, V, text_hash, std::equal_to<>>;

    // Every unambiguous name of a building, made by the constructor and
    // not changed after, so the reading thread may read it; other ways of
    // naming one that a file used, found by the importer's thread.
    short_key_map m_buildings, m_more_buildings;
    text_map<std::string> m_building_problems;
    struct phone_match {
        std::optional<std::int64_t> id, born;
    };
    // Keys view the phone column of m_batch, valid while the batch is.
    std::unordered_map<std::string_view, phone_match> m_phones;
    text_map<std::int64_t> m_parties;
    std::optional<phone_directory> m_directory;  // once the file is known to be large
    // The same directory for prepare() on the reading thread: set once it
    // is complete, and not changed after.
    std::atomic<const phone_directory*> m_shared_directory{nullptr};
    bool m_directory_stored = false;  // m_directory is the one the database holds
    SQLite::Statement m_phone_query;
    // The issue columns written (by their place in the full list): those
    // of fields the file does not have keep their defaults, and SQLite
    // then has fewer values to bind and copy per row.
    std::vector<std::size_t> m_written;
    batched_insert m_insert;
    SQLite::Statement m_insert_tag;
    timestamp m_now;                   // of issues the file gives no creation time
    std::vector<pending_row> m_batch;  // reused: its strings keep their capacity
    std::size_t m_waiting = 0;         // rows of m_batch in use
    std::uint64_t m_imported = 0;
    std::int64_t m_first_id = 0, m_last_id = 0;
    bool m_clean = true;
    bool m_borrowing = false;  // rows queued from the caller's objects (take())
};

}  // namespace gov::detail::issues
