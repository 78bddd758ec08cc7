#pragma once
// The store's offer to the other packages of libgov (not public: it holds
// SQLiteCpp types). Every record package reaches the database only through
// what is here: the SQLite connection behind gov::store and the errors its
// failures become; read_snapshot for reads and write_transaction, which
// carries the change's audit events, for writes; binding and reading stored
// values; and the meeting types of [meetings] that config.cpp validates.
// Every other header in libgov/src/store/ is the store's own.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <SQLiteCpp/SQLiteCpp.h>
#include <nlohmann/json.hpp>

#include "gov/store/config.hpp"
#include "gov/text/progress.hpp"
#include "gov/values/clock.hpp"
#include "gov/values/date.hpp"
#include "gov/values/error.hpp"
#include "text/interface.hpp"

namespace gov {
class context;
}

namespace gov::detail {

// --- The connection and its failures ----------------------------------------

class store_impl {
  public:
    store_impl(const std::filesystem::path& file, int flags);
    SQLite::Database& db() { return m_db; }
    const std::filesystem::path& path() const { return m_path; }

  private:
    std::filesystem::path m_path;
    SQLite::Database m_db;
};

/// Sets the connection's journal mode ("wal", "delete"): the mode it is in
/// after, or nullopt when another connection's lock stopped the change
/// (SQLITE_BUSY; SQLite does not wait for it). Other failures throw.
std::optional<std::string> set_journal_mode(SQLite::Database& db, const char* mode);

/// Throws the gov error that fits a SQLite failure: busy, locked, corrupt,
/// I/O and full are storage errors; anything else is a bug (internal).
[[noreturn]] void rethrow_sqlite(const SQLite::Exception& e, const std::filesystem::path& file);

/// Runs f, turning SQLite exceptions into gov errors.
template <class F>
auto guard_sqlite(const std::filesystem::path& file, F&& f) -> decltype(f()) {
    try {
        return f();
    } catch (const SQLite::Exception& e) {
        rethrow_sqlite(e, file);
    }
}

/// One state of the database for every statement of a read. Between two
/// statements another process may commit (a bulk import, most often), and a
/// command that lists the buildings with one statement and counts their
/// residents with the next would mix two rosters. Begins a deferred
/// transaction unless one is open (which then is the snapshot already) and
/// ends it when it goes. For functions that only read: a write inside
/// would fail to begin its own transaction, and be rolled back here.
class read_snapshot {
  public:
    explicit read_snapshot(SQLite::Database& db);
    ~read_snapshot();
    read_snapshot(const read_snapshot&) = delete;
    read_snapshot& operator=(const read_snapshot&) = delete;

  private:
    SQLite::Database& m_db;
    bool m_began = false;
};

/// Throws input_error when `input`, a file an import is about to read, is
/// the database at `database` or one of its companion files (-wal, -shm,
/// -journal): reading it would open and close a descriptor of the file,
/// and closing one drops every POSIX lock the process holds on it —
/// SQLite's too, while the import's transaction holds them.
void refuse_database_file(const std::filesystem::path& database,
                          const std::filesystem::path& input);

/// The file an import reads, once: refused when it is the database itself
/// (refuse_database_file), opened (input_error with `cannot_read`, a
/// message whose {} is the file, when it cannot be), and read through a
/// hashing_reader, so that the import records its SHA-256 and reports
/// progress against its size. The size is 0, "unknown", when the file has
/// none to give (a pipe): progress then counts bytes without a total.
class import_file {
  public:
    import_file(const std::filesystem::path& database, const std::filesystem::path& file,
                progress_callback progress, std::string_view cannot_read);
    import_file(const import_file&) = delete;
    import_file& operator=(const import_file&) = delete;

    std::istream& in() { return m_in; }
    std::uint64_t size() const { return m_size; }
    /// The SHA-256 of the whole file (what was not read yet is read first).
    std::string digest() { return m_buf.digest(); }

  private:
    std::ifstream m_file;
    std::uint64_t m_size = 0;
    progress_callback m_progress;
    hashing_reader m_buf;
    std::istream m_in;
};

/// The gov application id ("GOVD") in the SQLite header, so gov can tell its
/// own files from other SQLite files.
inline constexpr int application_id = 0x474F5644;

/// The highest schema level this binary knows (migrations.cpp).
int latest_migration();

// --- Writing: one transaction per change, with its audit events -------------

/// Appends one event to the chain. Must run inside a write transaction.
void append_audit(SQLite::Database& db, timestamp at, const std::string& actor,
                  const std::string& action, const std::string& record_kind,
                  const std::string& record_id, const nlohmann::json& payload);

class write_transaction {
  public:
    explicit write_transaction(context& ctx);
    write_transaction(const write_transaction&) = delete;
    write_transaction& operator=(const write_transaction&) = delete;
    ~write_transaction();

    SQLite::Database& db() { return m_db; }

    /// Records what this change did; at least one event before commit().
    void audit(const std::string& action, const std::string& record_kind,
               const std::string& record_id, const nlohmann::json& payload);

    void commit();

  private:
    context& m_ctx;
    SQLite::Database& m_db;
    bool m_done = false;
    int m_events = 0;
};

// --- Binding and reading stored values ---------------------------------------

template <class T>
void bind_optional(SQLite::Statement& s, int index, const std::optional<T>& v) {
    if (v)
        s.bind(index, *v);
    else
        s.bind(index);
}

/// " AND …" conditions of a query with the values they bind, in order: how
/// a listing's filter becomes SQL without pasting values into it.
struct sql_conditions {
    std::string sql;
    std::vector<std::variant<std::int64_t, std::string>> values;

    void add(std::string clause) { sql += " AND " + std::move(clause); }
    template <class... V>
    void add(std::string clause, V... v) {
        add(std::move(clause));
        (values.emplace_back(std::move(v)), ...);
    }
    /// Binds the values from parameter `first` on; returns the next free one.
    int bind(SQLite::Statement& q, int first = 1) const;
};

/// A stored time ("YYYY-MM-DDTHH:MM:SSZ"); throws internal_error when malformed.
timestamp stored_time(std::string_view text);

/// A stored date ("YYYY-MM-DD"); throws internal_error when malformed.
date stored_date(std::string_view text);

/// An optional column: nullopt for NULL.
std::optional<std::string> optional_text(const SQLite::Column& c);
std::optional<std::int64_t> optional_id(const SQLite::Column& c);
std::optional<date> optional_date(const SQLite::Column& c);

/// Reads the database through memory mapping while it lives, so pages are
/// not copied one by one. The status summary uses it for its whole-community
/// passes; issue listings do not (measured: no faster, three times the
/// memory). Restores the connection's setting afterwards.
class mapped_reads {
  public:
    explicit mapped_reads(SQLite::Database& db);
    ~mapped_reads();
    mapped_reads(const mapped_reads&) = delete;
    mapped_reads& operator=(const mapped_reads&) = delete;

  private:
    SQLite::Database& m_db;
    std::int64_t m_previous = 0;
};

// --- The meeting types of [meetings] (config_meetings.cpp) -------------------
// config.cpp checks a gov.toml's [meetings] against these; the meetings
// package schedules and names meetings with them.

/// The four built-in types: leaders (楼长见面会), joint (四方联席会议),
/// assembly (业主大会) and adhoc (临时会议).
meetings_config default_meetings_config();

/// The built-in type `key` (its defaults for keys a gov.toml leaves out), or
/// a type with generic defaults for a key that is not built in.
meeting_type_config default_meeting_type(const std::string& key);

/// Selection rules of agenda sections: follow-up, new, overdue, decisions, projects, other.
const std::vector<std::string>& agenda_rules();

/// Quorum rules: none, all-parties, leaders-majority.
const std::vector<std::string>& quorum_rules();

/// What `parties` may list: the party kinds of the roster and "residents".
const std::vector<std::string>& required_party_names();

/// A local time of day "HH:MM" (also "H:MM") as minutes after midnight.
std::optional<int> parse_clock_time(std::string_view text);

/// Fills a title pattern; {year}, {month}, {day}, {date} and {name} are known.
/// Throws fmt::format_error for a pattern with other fields.
std::string fill_title(std::string_view pattern, const date& day, std::string_view name);

/// Why a title pattern cannot be used, or "" when it can.
std::string title_pattern_problem(std::string_view pattern);

}  // namespace gov::detail
