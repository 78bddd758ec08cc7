// One row of an issue file: checked against the configuration and the
// roster, then written. Built for files of a few hundred thousand rows: every
// statement is prepared once, and buildings, phones and parties are looked
// up once per distinct value.
#include "issues/issue_row.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "gov/store/context.hpp"
#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"
#include "gov/values/person.hpp"
#include "issues/issue_internal.hpp"

namespace gov::detail::issues {
namespace {

bool contains(const std::vector<std::string>& v, std::string_view s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

// A date ("2026-11-27", read as local midnight) or an ISO-8601 time.
std::optional<timestamp> parse_when(std::string_view text, std::chrono::minutes offset) {
    if (auto d = parse_date(text)) return local_midnight(*d, offset);
    return parse_timestamp(text, offset);
}

}  // namespace

void copy_trimmed(const issue_row_values& row, issue_row_strings& out) {
    for (std::size_t f = 0; f < issue_field_count; ++f) out[f].assign(trim(row[f]));
}

const std::array<std::string_view, issue_field_count>& issue_field_keys() {
    static const std::array<std::string_view, issue_field_count> keys = {
        "title",   "category", "building",  "raised_by_phone", "status",   "priority",
        "created", "resolved", "severity",  "description",     "assignee", "due",
        "tags",    "room",     "resolution"};
    return keys;
}

namespace {

// Rows checked together before the directory exists: their phones are
// looked up in one query.
constexpr std::size_t batch_rows = 8192;

// Every column an imported issue may set, in the order check() gives their
// values, and the field a column's value comes from when it is only ever
// set from that field (else std::nullopt: written always).
struct insert_column {
    const char* name;
    std::optional<issue_field> from;
};
constexpr std::array<insert_column, 21> insert_columns = {{
    {"title", std::nullopt},
    {"description", issue_field::description},
    {"category", std::nullopt},
    {"severity", issue_field::severity},
    {"priority", std::nullopt},
    {"status", std::nullopt},
    {"building_id", std::nullopt},  // from the building or the room
    {"household_id", issue_field::room},
    {"unit_id", issue_field::room},
    {"room", issue_field::room},
    {"raised_by", issue_field::raised_by_phone},
    {"assignee_party_id", issue_field::assignee},
    {"assignee_resident_id", issue_field::assignee},
    {"due", std::nullopt},
    {"due_explicit", issue_field::due},  // 0, the default, without a due date
    {"resolution", issue_field::resolution},
    {"created_at", std::nullopt},
    {"created_by", std::nullopt},
    {"updated_at", std::nullopt},
    {"resolved_at", issue_field::resolved},
    {"closed_at", issue_field::resolved},
}};

std::vector<std::size_t> written_columns(const issue_file_fields& fields) {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < insert_columns.size(); ++i)
        if (const auto& from = insert_columns[i].from;
            !from || fields.present[static_cast<std::size_t>(*from)])
            out.push_back(i);
    return out;
}

std::vector<std::string> column_names(const std::vector<std::size_t>& columns) {
    std::vector<std::string> out;
    for (std::size_t i : columns) out.emplace_back(insert_columns[i].name);
    return out;
}

}  // namespace

issue_row_importer::issue_row_importer(context& ctx, SQLite::Database& db, bool write,
                                       const issue_file_fields& fields, bool large)
    : m_ctx(ctx),
      m_db(db),
      m_write(write),
      // Enough phones to split the directory's reading near their median.
      m_directory_after(large ? 512 : batch_rows),
      m_columns(fields.names),
      m_statuses(issue_statuses(ctx.cfg().issues)),
      m_categories(category_names(ctx.cfg().issues)),
      // `phone <> ''` lets SQLite use the partial index resident_phone.
      m_phone_query(db,
                    "SELECT phone, id, birth_year FROM resident "
                    "WHERE phone IN (SELECT value FROM json_each(?)) AND phone <> '' "
                    "AND active = 1"),
      m_written(written_columns(fields)),
      // Many rows to a statement (batched_insert.hpp): one a row cost
      // SQLite a statement's fixed work per issue.
      m_insert(db, "issue", column_names(m_written)),
      m_insert_tag(db, "INSERT OR IGNORE INTO issue_tag(issue_id, tag) VALUES (?, ?)"),
      m_now(ctx.now()) {
    // Buildings are few: every unambiguous way of naming one, up front.
    SQLite::Statement b(db,
                        "SELECT b.id, b.name, c.name, count(*) OVER (PARTITION BY b.name) "
                        "FROM building b JOIN compound c ON c.id = b.compound_id");
    while (b.executeStep()) {
        std::int64_t id = b.getColumn(0).getInt64();
        std::string name = b.getColumn(1).getString();
        m_buildings.put(b.getColumn(2).getString() + "/" + name, id);
        m_buildings.put(fmt::format("#{}", id), id);
        if (b.getColumn(3).getInt64() == 1) m_buildings.put(name, id);
    }
    SQLite::Statement p(db, "SELECT id, name FROM party");
    while (p.executeStep()) m_parties[p.getColumn(1).getString()] = p.getColumn(0).getInt64();
    // A large file looks up its raisers in the directory a roster import
    // (or an earlier issue import) stored, if it is still there: then the
    // reading thread finds them from the first row.
    if (large)
        if (auto stored = phone_directory::stored(db)) {
            m_directory.emplace(std::move(*stored));
            m_shared_directory.store(&*m_directory, std::memory_order_release);
            m_directory_stored = true;
        }
}

void issue_row_importer::store_directory() {
    if (m_directory && !m_directory_stored) m_directory->store(m_db);
}

std::optional<std::int64_t> issue_row_importer::building(std::string_view ref,
                                                         std::string& problem) {
    if (const std::int64_t* id = m_buildings.find(ref)) return *id;
    if (const std::int64_t* id = m_more_buildings.find(ref)) return *id;
    auto known = m_building_problems.find(ref);
    if (known == m_building_problems.end()) {
        std::string key(ref);
        std::string message;
        try {
            std::int64_t id = resolve_building_ref(m_db, ref);
            m_more_buildings.put(key, id);
            return id;
        } catch (const input_error& e) {
            message = e.what();
        }
        // Without the "building: " prefix: the column is named already.
        if (auto colon = message.find(": "); colon != std::string::npos)
            message = message.substr(colon + 2);
        known = m_building_problems.emplace(key, std::move(message)).first;
    }
    problem = known->second;
    return std::nullopt;
}

std::optional<std::int64_t> issue_row_importer::resident_by_phone(std::string_view phone,
                                                                  std::string& problem) {
    if (m_directory) {
        if (auto id = m_directory->find(phone)) return id;
    } else if (auto it = m_phones.find(phone); it != m_phones.end() && it->second.id) {
        return it->second.id;
    }
    problem =
        fmt::format(fmt::runtime(tr("no active resident has the phone {}")), mask_phone(phone));
    return std::nullopt;
}

// The phones of one batch (most phones occur once in a file, so a map per
// batch stays small and in cache).
void issue_row_importer::look_up_phones() {
    constexpr auto column = static_cast<std::size_t>(issue_field::raised_by_phone);
    m_phones.clear();
    if (m_directory) return;
    std::string wanted = "[";  // a JSON array; valid phones need no escaping
    for (std::size_t i = 0; i < m_waiting; ++i) {
        const std::string& phone = m_batch[i].values[column];  // trimmed when taken
        if (phone.empty() || !is_valid_phone(phone)) continue;
        if (!m_phones.try_emplace(phone).second) continue;
        if (wanted.size() > 1) wanted += ',';
        wanted += '"';
        wanted += phone;
        wanted += '"';
    }
    wanted += ']';
    if (m_phones.empty()) return;
    // The person whose phone it is: children and second rooms repeat a
    // phone, so the earliest born (then the first recorded) is taken.
    m_phone_query.bind(1, wanted);
    while (m_phone_query.executeStep()) {
        const char* text = m_phone_query.getColumn(0).getText();
        std::int64_t id = m_phone_query.getColumn(1).getInt64();
        std::optional<std::int64_t> year;
        if (!m_phone_query.getColumn(2).isNull()) year = m_phone_query.getColumn(2).getInt64();
        auto it = m_phones.find(std::string_view(text));
        if (it == m_phones.end()) continue;  // cannot happen: it was asked for
        phone_match& m = it->second;
        if (!m.id || (year && (!m.born || *year < *m.born)) || (year == m.born && id < *m.id)) {
            m.id = id;
            m.born = year;
        }
    }
    m_phone_query.reset();
}

issue_row_importer::pending_row& issue_row_importer::next_row(std::uint64_t line) {
    if (m_batch.size() <= m_waiting) m_batch.resize(m_waiting + 1);
    pending_row& p = m_batch[m_waiting++];
    p.line = line;
    return p;
}

void issue_row_importer::take(std::uint64_t line, issue_row_strings& values, prepared_row& prepared,
                              std::string& room, std::vector<issue_import_problem>& problems) {
    // Once the directory exists and no row waits, a row is checked where
    // the reading thread left it, and its texts are inserted from there:
    // swapping each row into m_batch was a tenth of this thread's rows
    // phase at 200k issues.
    if (m_directory && m_waiting == 0) {
        check({line, values, prepared, room}, problems);
        m_borrowing = true;
        return;
    }
    pending_row& p = next_row(line);
    std::swap(p.values, values);
    std::swap(p.prepared, prepared);
    added(problems);
}

void issue_row_importer::release() {
    if (!m_borrowing) return;
    m_insert.flush();
    m_borrowing = false;
}

void issue_row_importer::added(std::vector<issue_import_problem>& problems) {
    // Rows wait here only until the directory exists (take() checks the
    // others where they are); then a batch's phones are looked up in one
    // query — or, for a large file, whose phones cover much of the roster,
    // the whole directory is read, one pass over the roster costing less
    // than a search of the index for each.
    if (m_waiting != m_directory_after) return;
    if (!m_directory) {
        m_directory.emplace(m_db, median_phone());
        m_shared_directory.store(&*m_directory, std::memory_order_release);
    }
    check_waiting(problems);
}

// The middle one of the batch's phones: where the directory splits its
// reading in two (the raisers of a file are spread over the roster much as
// its residents are).
std::string issue_row_importer::median_phone() const {
    constexpr auto column = static_cast<std::size_t>(issue_field::raised_by_phone);
    std::vector<std::string_view> phones;
    phones.reserve(m_waiting);
    for (std::size_t i = 0; i < m_waiting; ++i)
        if (const std::string& p = m_batch[i].values[column]; is_valid_phone(p))
            phones.push_back(p);
    if (phones.empty()) return {};
    auto middle = phones.begin() + static_cast<std::ptrdiff_t>(phones.size() / 2);
    std::nth_element(phones.begin(), middle, phones.end());
    return std::string(*middle);
}

void issue_row_importer::finish(std::vector<issue_import_problem>& problems) {
    release();
    check_waiting(problems);
}

void issue_row_importer::check_waiting(std::vector<issue_import_problem>& problems) {
    look_up_phones();
    constexpr auto phone = static_cast<std::size_t>(issue_field::raised_by_phone);
    constexpr std::size_t ahead = 8;  // rows: the directory's cache misses overlap the checks
    for (std::size_t i = 0; i < m_waiting; ++i) {
        if (m_directory && i + ahead < m_waiting && !m_batch[i + ahead].prepared.raised_by)
            m_directory->prefetch(m_batch[i + ahead].values[phone]);
        pending_row& row = m_batch[i];
        check({row.line, row.values, row.prepared, row.room}, problems);
    }
    m_insert.flush();  // the queued rows view the strings of m_batch, reused next
    m_waiting = 0;
}

// Long on purpose (~110 lines): every check of one row that needs no
// database, in the order of the row's columns, on the reading thread of a
// bulk import — the path each of 200k rows takes. Each check is a few
// lines under its column's name; split into functions it would pass the
// row, its problems and the prepared values through each one.
void issue_row_importer::prepare(std::uint64_t line, const issue_row_strings& values,
                                 prepared_row& out) const {
    const issues_config& cfg = m_ctx.cfg().issues;
    const auto offset = m_ctx.cfg().utc_offset;
    out.before.clear();
    out.after.clear();
    out.tags.clear();
    out.created_text.clear();
    out.due_text.clear();
    out.building_id.reset();
    out.raised_by.reset();
    std::vector<issue_import_problem>* into = &out.before;
    auto get = [&](issue_field f) -> const std::string& {
        return values[static_cast<std::size_t>(f)];
    };
    auto problem = [&](issue_field f, std::string reason) {
        into->push_back({line, m_columns[static_cast<std::size_t>(f)], std::move(reason)});
    };
    auto choice = [&](issue_field f, std::string_view value,
                      const std::vector<std::string>& choices) {
        if (!contains(choices, value))
            problem(f, fmt::format(fmt::runtime(tr("\"{}\" is not one of: {}")), value,
                                   detail::joined(choices)));
    };

    // Looked up at the end (once the directory exists): its memory loads
    // while the row is checked.
    const phone_directory* directory = m_shared_directory.load(std::memory_order_acquire);
    if (directory) directory->prefetch(get(issue_field::raised_by_phone));

    const std::string& title = get(issue_field::title);
    if (title.empty())
        problem(issue_field::title, tr("an issue needs a title"));
    else if (title.find_first_of("\r\n") != std::string::npos)
        problem(issue_field::title, tr("a title is one line; put details in the description"));
    const std::string& category = get(issue_field::category);
    if (category.empty())
        problem(issue_field::category,
                fmt::format(fmt::runtime(tr("missing; one of: {}")), detail::joined(m_categories)));
    else
        choice(issue_field::category, category, m_categories);
    const std::string& severity = get(issue_field::severity);
    if (!severity.empty()) choice(issue_field::severity, severity, cfg.severities);
    const std::string& status =
        get(issue_field::status).empty() ? cfg.initial_status : get(issue_field::status);
    choice(issue_field::status, status, m_statuses);
    const std::string& priority =
        get(issue_field::priority).empty() ? cfg.default_priority : get(issue_field::priority);
    choice(issue_field::priority, priority, cfg.priorities);

    into = &out.after;  // the building, phone and assignee come between
    std::optional<timestamp> created = m_now;
    std::optional<timestamp> resolved;
    if (std::string_view c = get(issue_field::created); !c.empty()) {
        created = parse_when(c, offset);
        if (!created)
            problem(issue_field::created,
                    fmt::format(fmt::runtime(tr("\"{}\" is not a date like 2026-11-27")), c));
    }
    out.done = cfg.is_done(status);
    out.resolving = contains(cfg.resolution_required, status);
    if (std::string_view r = get(issue_field::resolved); !r.empty()) {
        resolved = parse_when(r, offset);
        if (!resolved)
            problem(issue_field::resolved,
                    fmt::format(fmt::runtime(tr("\"{}\" is not a date like 2026-11-27")), r));
        else if (!out.done)
            problem(issue_field::resolved,
                    fmt::format(fmt::runtime(tr("given for an issue that is {}, not done ({})")),
                                status, detail::joined(cfg.done_statuses)));
        else if (created && *resolved < *created)
            problem(issue_field::resolved,
                    fmt::format(fmt::runtime(tr("{} is before the issue was created ({})")), r,
                                get(issue_field::created)));
    }
    if (!get(issue_field::resolution).empty() && !out.done)
        problem(issue_field::resolution,
                fmt::format(fmt::runtime(tr("given for an issue that is {}, not done ({})")),
                            status, detail::joined(cfg.done_statuses)));
    std::optional<date> due;
    out.due_explicit = false;
    if (std::string_view d = get(issue_field::due); !d.empty()) {
        due = parse_date(d);
        out.due_explicit = true;
        if (!due)
            problem(issue_field::due,
                    fmt::format(fmt::runtime(tr("\"{}\" is not a date like 2026-11-27")), d));
    } else if (created) {
        due = category_due(cfg, category, local_date(*created, offset));
    }
    if (std::string_view t = get(issue_field::tags); !t.empty()) {
        try {
            out.tags = normalise_tags(split_tags(t));
        } catch (const input_error& e) {
            std::string m = e.what();
            problem(issue_field::tags, m.substr(m.find(": ") + 2));
        }
    }
    // Formatted into the strings the row had (the reading thread reuses
    // its rows): no allocation a row.
    if (!resolved || !out.before.empty() || !out.after.empty()) out.resolved_text.clear();
    if (!out.before.empty() || !out.after.empty()) return;
    format_timestamp_to(*created, out.created_text);
    if (resolved) format_timestamp_to(*resolved, out.resolved_text);
    if (due) format_date_to(*due, out.due_text);
    // What the importer's thread would look up, here where there is time
    // to spare: only what is found (check() says why the rest is not).
    if (directory) {
        if (std::string_view b = get(issue_field::building); !b.empty())
            if (const std::int64_t* id = m_buildings.find(b)) out.building_id = *id;
        if (std::string_view p = get(issue_field::raised_by_phone); !p.empty() && is_valid_phone(p))
            out.raised_by = directory->find(p);
    }
}

// The row is prepared already (prepare()); here what needs the database:
// the building, raiser and assignee are found (unless prepare() found
// them), and the row is queued for insertion many to a statement (flushed
// when a statement's worth is queued, before the row's tags, and at the
// end of check_waiting()).
// Long on purpose (~110 lines), as prepare() and for the same reason: the
// per-row path of a bulk import, one short step per column.
void issue_row_importer::check(const row_view& row, std::vector<issue_import_problem>& problems) {
    const std::uint64_t line = row.line;
    const issues_config& cfg = m_ctx.cfg().issues;
    const prepared_row& pre = row.prepared;
    const std::size_t before = problems.size();
    auto get = [&](issue_field f) -> const std::string& {
        return row.values[static_cast<std::size_t>(f)];
    };
    auto problem = [&](issue_field f, std::string reason) {
        problems.push_back({line, m_columns[static_cast<std::size_t>(f)], std::move(reason)});
    };
    problems.insert(problems.end(), pre.before.begin(), pre.before.end());

    std::string why;
    std::optional<std::int64_t> building_id, raised_by, party, resident;
    if (std::string_view b = get(issue_field::building); !b.empty()) {
        building_id = pre.building_id ? pre.building_id : building(b, why);
        if (!building_id) problem(issue_field::building, why);
    }
    if (pre.raised_by) {
        raised_by = pre.raised_by;
    } else if (std::string_view phone = get(issue_field::raised_by_phone); !phone.empty()) {
        if (!is_valid_phone(phone))
            problem(issue_field::raised_by_phone,
                    explain_bad_phone(phone, "gov issue export")
                        .value_or(
                            fmt::format(fmt::runtime(tr("\"{}\" is not a phone number")), phone)));
        else if (!(raised_by = resident_by_phone(phone, why)))
            problem(issue_field::raised_by_phone, why);
    }
    if (std::string_view a = get(issue_field::assignee); !a.empty()) {
        if (auto it = m_parties.find(a); it != m_parties.end()) {
            party = it->second;
        } else {
            try {
                auto who = resolve_assignee(m_db, a);
                party = who.party;
                resident = who.resident;
            } catch (const input_error& e) {
                std::string m = e.what();  // the column is named already
                std::string prefix = std::string(tr("assignee")) + ": ";
                if (m.starts_with(prefix)) m.erase(0, prefix.size());
                problem(issue_field::assignee, m);
            }
        }
    }
    issue_place place;
    if (std::string_view room = get(issue_field::room); !room.empty()) {
        place = resolve_place(m_db, building_id ? fmt::format("#{}", *building_id) : std::string{},
                              "", room);
        if (!building_id) building_id = place.building;
    }
    row.room = std::move(place.room);

    problems.insert(problems.end(), pre.after.begin(), pre.after.end());

    if (problems.size() != before) {
        m_clean = false;
        return;
    }
    if (!m_write || !m_clean) return;

    using value = batched_insert::borrowed;
    auto opt = [](const auto& v) { return v ? value(*v) : value(); };
    const std::string& status =
        get(issue_field::status).empty() ? cfg.initial_status : get(issue_field::status);
    const std::string& priority =
        get(issue_field::priority).empty() ? cfg.default_priority : get(issue_field::priority);
    const std::string& resolved_text = pre.resolved_text;
    const std::string& updated =
        resolved_text > pre.created_text ? resolved_text : pre.created_text;  // "" sorts first
    const std::array<value, insert_columns.size()> all = {
        get(issue_field::title),
        get(issue_field::description),
        get(issue_field::category),
        get(issue_field::severity),
        priority,
        status,
        opt(building_id),
        opt(place.household),
        opt(place.unit),
        row.room,
        opt(raised_by),
        opt(party),
        opt(resident),
        pre.due_text.empty() ? value() : value(pre.due_text),
        value(std::int64_t{pre.due_explicit ? 1 : 0}),
        get(issue_field::resolution),
        pre.created_text,
        m_ctx.actor(),
        updated,
        resolved_text.empty() ? value() : value(resolved_text),
        pre.done && !pre.resolving && !resolved_text.empty() ? value(resolved_text)
                                                             : value()};  // closed_at
    std::array<value, insert_columns.size()> written;
    for (std::size_t i = 0; i < m_written.size(); ++i) written[i] = all[m_written[i]];
    // Every text viewed lives in the row (or the configuration) until
    // check_waiting() has flushed the rows it checked.
    const std::int64_t id =
        m_insert.add_borrowed(std::span<const value>(written.data(), m_written.size()));
    if (!pre.tags.empty()) {
        m_insert.flush();  // a tag names its issue, which must be in the table
        for (const auto& t : pre.tags) {
            m_insert_tag.bind(1, id);
            m_insert_tag.bind(2, t);
            m_insert_tag.exec();
            m_insert_tag.reset();
        }
    }
    if (m_imported++ == 0) m_first_id = id;
    m_last_id = id;
}

}  // namespace gov::detail::issues
