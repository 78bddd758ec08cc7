// Importing paper ballots: a CSV file (by default the columns 提案编号, 房号,
// 意见) read in one pass, every row checked, then written in one transaction
// — all or nothing — with one audit event per proposal it touches.
//
// Built for a million rows: rooms resolve through the frozen labels loaded
// once (voter_directory in bulk mode), duplicates are found with one slot per
// voter, and the rows are written sorted by voter so that the ballot table's
// primary key grows in order.

#include <algorithm>
#include <map>
#include <memory>

#include <fmt/format.h>

#include "bulk/interface.hpp"
#include "gov/store/context.hpp"
#include "gov/store/store.hpp"
#include "gov/text/csv_reader.hpp"
#include "gov/values/date.hpp"
#include "gov/values/i18n.hpp"
#include "gov/voting/vote.hpp"
#include "store/interface.hpp"
#include "text/interface.hpp"
#include "voting/proposal_internal.hpp"

namespace gov {

namespace {

// At most this many problems are listed; the count covers all of them.
constexpr std::size_t max_listed_problems = 200;

// The choices as stored; a row refers to one by index, so a million rows
// hold no strings.
const std::string choice_text[] = {"yes", "no", "abstain", "invalid", "spoiled"};
constexpr std::uint8_t no_choice = 0xff;

std::uint8_t choice_code(std::string_view canonical) {
    for (std::uint8_t i = 0; i < 5; ++i)
        if (choice_text[i] == canonical) return i;
    return no_choice;
}

struct import_row {
    std::int64_t seq = 0;
    std::uint8_t choice = no_choice;  // index into choice_text, or no_choice: see marks
    bool ranking = false;             // marks holds a ranking, else approvals
    std::int32_t marks = -1;          // index into target::marks
};

// One proposal the file has rows for.
struct target {
    proposal_info p;
    tally_rule rule;
    std::unique_ptr<detail::voter_directory> voters;
    std::vector<std::uint64_t> first_line;  // by seq: the file line of its row, 0 if none
    std::vector<bool> has_ballot;           // by seq: voted before this import
    std::vector<import_row> rows;
    std::vector<std::string> marks;  // approvals or rankings as JSON
    bool usable = true;              // false: not taking ballots (reported once)
    std::int64_t added = 0, replaced = 0;
};

class importer {
  public:
    importer(context& ctx, const ballot_import_request& req, detail::write_transaction& tx)
        : m_ctx(ctx), m_req(req), m_tx(tx), m_db(tx.db()), m_source(req.file.filename().string()) {}

    ballot_import_result run() {
        if (!m_req.all) {
            // The named proposal must take ballots before the file is even read.
            target& t = target_for(detail::resolve_proposal(m_db, m_req.proposal));
            detail::require_taking_ballots(t.p, m_ctx.now());
            m_only = &t;
        }
        ballot_import_result result;
        // Read once: hashed and reported on as it goes.
        detail::import_file file(m_ctx.db().path(), m_req.file, m_req.progress,
                                 tr("{}: cannot read the ballot file"));
        std::istream& in = file.in();
        csv_options opts;
        opts.encoding = m_req.encoding;
        csv_reader reader(in, m_source, opts);
        csv_record row;
        if (!reader.next(row))
            throw input_error(fmt::format(
                fmt::runtime(tr("{}: the file is empty; it needs a header row ({}, {}, {})")),
                m_source, m_req.proposal_column, m_req.voter_column, m_req.choice_column));
        result.warnings = read_header(row);
        while (reader.next(row)) {
            ++result.rows;
            read_row(row);
        }
        result.sha256 = file.digest();
        if (m_problem_count > 0) {
            if (m_problem_count > m_problems.size())
                m_problems.push_back(fmt::format(fmt::runtime(tr("… and {} more")),
                                                 m_problem_count - m_problems.size()));
            throw input_error(
                fmt::format(fmt::runtime(tr("{}: {} problem(s) in {} row(s); nothing was "
                                            "imported")),
                            m_source, m_problem_count, result.rows),
                m_problems);
        }
        write(result);
        return result;
    }

  private:
    std::vector<std::string> read_header(const csv_record& header) {
        // The default Chinese headers also answer to their English names; a
        // header the user names is taken exactly.
        auto names = [](const std::string& given, std::string_view fallback,
                        std::initializer_list<const char*> english) {
            std::vector<std::string> out{given};
            if (given == fallback) out.insert(out.end(), english.begin(), english.end());
            return out;
        };
        const csv_column wanted[] = {
            {"proposal", names(m_req.proposal_column, "提案编号", {"proposal"}), m_req.all},
            {"voter", names(m_req.voter_column, "房号", {"room", "voter"}), true},
            {"choice", names(m_req.choice_column, "意见", {"choice"}), true},
        };
        csv_header_map map = map_csv_header(header, wanted, m_source);
        m_proposal_col = map.find("proposal");
        m_voter_col = *map.find("voter");
        m_choice_col = *map.find("choice");
        return unknown_column_warnings(map, m_source, tr("a ballot column"), m_req.strict);
    }

    void problem(std::uint64_t line, const std::string& column, const std::string& why) {
        ++m_problem_count;
        if (m_problems.size() < max_listed_problems)
            m_problems.push_back(fmt::format("{}:{}: {}: {}", m_source, line, column, why));
    }

    target& target_for(std::int64_t id) {
        auto it = m_targets.find(id);
        if (it != m_targets.end()) return *it->second;
        auto t = std::make_unique<target>();
        t->p = detail::load_proposal(m_db, id);
        t->rule = detail::parse_rule(t->p.rule_json, t->p.method, t->p.options, "rule");
        m_order.push_back(id);
        return *m_targets.emplace(id, std::move(t)).first->second;
    }

    // Readies a proposal for rows on first use; false when it takes no ballots.
    bool prepare(target& t, std::uint64_t line) {
        if (t.voters) return t.usable;
        try {
            detail::require_taking_ballots(t.p, m_ctx.now());
        } catch (const conflict& e) {
            problem(line, m_req.proposal_column, e.what());
            t.usable = false;
        }
        t.voters = std::make_unique<detail::voter_directory>(m_db, t.p, true);
        if (!t.usable) return false;
        auto n = static_cast<std::size_t>(t.p.voters);
        t.first_line.assign(n, 0);
        t.rows.reserve(n);
        t.has_ballot.assign(n, false);
        SQLite::Statement q(m_db, "SELECT voter FROM ballot WHERE proposal_id = ?");
        q.bind(1, t.p.id);
        while (q.executeStep())
            t.has_ballot[static_cast<std::size_t>(q.getColumn(0).getInt64())] = true;
        return true;
    }

    // Which proposal a row is for, or nullptr after reporting why not.
    target* row_target(const csv_record& row) {
        if (!m_proposal_col) return m_only;
        std::string_view text = *m_proposal_col < row.size()
                                    ? detail::trim(row[*m_proposal_col], detail::whitespace::choice)
                                    : "";
        if (text.empty()) {
            problem(row.line(), m_req.proposal_column, tr("empty"));
            return nullptr;
        }
        // Files list one proposal for many rows: the last answer is the likely one.
        if (m_last_target != nullptr && text == m_last_text) return m_last_target;
        auto it = m_by_text.find(text);
        if (it == m_by_text.end()) {
            std::optional<std::int64_t> id;
            std::string why;
            try {
                id = detail::resolve_proposal(m_db, text);
            } catch (const not_found& e) {
                why = e.what();
            }
            it = m_by_text.emplace(std::string(text), std::make_pair(id, why)).first;
        }
        const auto& [id, why] = it->second;
        if (!id) {
            problem(row.line(), m_req.proposal_column, why);
            return nullptr;
        }
        if (m_only && *id != m_only->p.id) {
            problem(row.line(), m_req.proposal_column,
                    fmt::format(fmt::runtime(tr("\"{}\" is another proposal than {}; import only "
                                                "its rows, or all rows with --all")),
                                text, m_only->p.name()));
            return nullptr;
        }
        m_last_text = it->first;
        m_last_target = &target_for(*id);
        return m_last_target;
    }

    void read_row(const csv_record& row) {
        target* t = row_target(row);
        if (t == nullptr || !prepare(*t, row.line())) return;
        auto field = [&](std::size_t col) {
            return col < row.size() ? detail::trim(row[col], detail::whitespace::choice)
                                    : std::string_view();
        };
        import_row r;
        std::string_view voter = field(m_voter_col);
        bool ok = true;
        if (voter.empty()) {
            problem(row.line(), m_req.voter_column, tr("empty"));
            ok = false;
        } else {
            detail::voter_lookup v = t->voters->find(voter);
            if (!v.seq) {
                problem(row.line(), m_req.voter_column, v.problem);
                ok = false;
            } else {
                r.seq = *v.seq;
                auto& first = t->first_line[static_cast<std::size_t>(r.seq)];
                if (first != 0) {
                    problem(row.line(), m_req.voter_column,
                            fmt::format(fmt::runtime(tr("second ballot from {} in this file "
                                                        "(first: line {})")),
                                        v.label, first));
                    ok = false;
                } else {
                    first = row.line();
                    if (t->has_ballot[static_cast<std::size_t>(r.seq)] &&
                        t->p.revote == revote_policy::refuse) {
                        problem(row.line(), m_req.voter_column,
                                fmt::format(fmt::runtime(tr("{} has already voted on proposal {} "
                                                            "and its revote policy is refuse")),
                                            v.label, t->p.name()));
                        ok = false;
                    }
                }
            }
        }
        std::string_view cell = field(m_choice_col);
        std::optional<std::string_view> c;
        if (t->p.method == tally_method::yes_no) c = parse_ballot_choice(cell);
        if (c) {
            r.choice = choice_code(*c);  // the common case, without building marks
        } else {
            try {
                detail::ballot_marks m = detail::marks_from_cell(t->p, t->rule, cell);
                if (m.choice) {
                    r.choice = choice_code(*m.choice);
                } else {
                    r.ranking = m.ranking.has_value();
                    r.marks = static_cast<std::int32_t>(t->marks.size());
                    t->marks.push_back(m.ranking ? std::move(*m.ranking) : std::move(*m.approve));
                }
            } catch (const input_error& e) {
                problem(row.line(), m_req.choice_column, e.what());
                ok = false;
            }
        }
        if (ok) t->rows.push_back(std::move(r));
    }

    void write(ballot_import_result& result) {
        // New ballots and replacements apart: a plain INSERT is the fast path
        // a million paper ballots take.
        SQLite::Statement add(m_db,
                              "INSERT INTO ballot(choice, approve, ranking, channel, at, "
                              "proposal_id, voter) VALUES (?, ?, ?, ?, ?, ?, ?)");
        SQLite::Statement replace(m_db,
                                  "UPDATE ballot SET choice = ?, approve = ?, ranking = ?, "
                                  "channel = ?, at = ?, proxy_id = NULL "
                                  "WHERE proposal_id = ? AND voter = ?");
        const std::string channel(to_string(m_req.channel));
        const std::string now = format_timestamp(m_ctx.now());
        for (std::int64_t id : m_order) {
            target& t = *m_targets.at(id);
            if (t.rows.empty()) continue;
            std::sort(t.rows.begin(), t.rows.end(),
                      [](const import_row& a, const import_row& b) { return a.seq < b.seq; });
            for (const import_row& r : t.rows) {
                bool again = t.has_ballot[static_cast<std::size_t>(r.seq)];
                SQLite::Statement& put = again ? replace : add;
                put.bind(1);
                put.bind(2);
                put.bind(3);
                if (r.choice != no_choice)
                    put.bindNoCopy(1, choice_text[r.choice]);
                else
                    put.bindNoCopy(r.ranking ? 3 : 2, t.marks[static_cast<std::size_t>(r.marks)]);
                put.bindNoCopy(4, channel);
                put.bindNoCopy(5, now);
                put.bind(6, t.p.id);
                put.bind(7, r.seq);
                put.exec();
                put.reset();
                ++(again ? t.replaced : t.added);
            }
            m_tx.audit("vote.import", "proposal", std::to_string(t.p.id),
                       {{"file", m_source},
                        {"sha256", result.sha256},
                        {"rows", static_cast<std::int64_t>(t.rows.size())},
                        {"added", t.added},
                        {"replaced", t.replaced},
                        {"channel", channel}});
            result.proposals.push_back({t.p.id, t.p.name(), t.added, t.replaced});
        }
    }

    context& m_ctx;
    const ballot_import_request& m_req;
    detail::write_transaction& m_tx;
    SQLite::Database& m_db;
    std::string m_source;
    std::optional<std::size_t> m_proposal_col;
    std::size_t m_voter_col = 0, m_choice_col = 0;
    target* m_only = nullptr;
    std::map<std::int64_t, std::unique_ptr<target>> m_targets;
    std::vector<std::int64_t> m_order;  // proposals in order of first appearance
    std::unordered_map<std::string, std::pair<std::optional<std::int64_t>, std::string>,
                       detail::text_hash, std::equal_to<>>
        m_by_text;
    std::string m_last_text;
    target* m_last_target = nullptr;
    std::vector<std::string> m_problems;
    std::size_t m_problem_count = 0;
};

}  // namespace

ballot_import_result import_ballots(context& ctx, const ballot_import_request& req) {
    if (req.all == !req.proposal.empty())
        throw usage_error(
            tr("name the proposal the ballots are for, or give --all to import "
               "the rows of every proposal the file names"));
    return detail::guard_sqlite(ctx.db().path(), [&] {
        // Each ballot fires the triggers that keep a closed vote closed, so
        // each INSERT keeps a statement journal: in memory (statement_journals.hpp).
        detail::bulk_write write(ctx, {.memory_statement_journals = true});
        ballot_import_result result = importer(ctx, req, write.tx()).run();
        if (!result.proposals.empty()) write.commit();
        return result;
    });
}

}  // namespace gov
