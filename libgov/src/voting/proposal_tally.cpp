// Tallying proposals from the database with the pure engine (tally.hpp),
// closing them with a stored result, and exporting their ballots as the
// self-contained file `gov tally` re-checks (docs/tally-format.md).
//
// Loading is the part that must be fast: a million ballots under
// civil-code-278 are two sequential primary-key scans (voters in seq order,
// ballots in voter order) mapped straight to the engine's dense indices.

#include <sqlite3.h>

#include <cstring>
#include <ostream>
#include <unordered_map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "bulk/interface.hpp"
#include "gov/store/context.hpp"
#include "gov/store/store.hpp"
#include "gov/text/sha256.hpp"
#include "gov/values/date.hpp"
#include "gov/values/i18n.hpp"
#include "gov/voting/tally_file.hpp"
#include "store/interface.hpp"
#include "voting/proposal_internal.hpp"

namespace gov {

namespace {

using nlohmann::json;

choice choice_from_text(const char* text) {
    // The schema allows exactly these five words.
    if (std::strcmp(text, "yes") == 0) return choice::yes;
    if (std::strcmp(text, "no") == 0) return choice::no;
    if (std::strcmp(text, "abstain") == 0) return choice::abstain;
    if (std::strcmp(text, "invalid") == 0) return choice::invalid;
    if (std::strcmp(text, "spoiled") == 0) return choice::spoiled;
    throw internal_error(fmt::format("stored ballot has an unknown choice \"{}\"", text));
}

std::size_t option_index(const std::unordered_map<std::string, std::size_t>& options,
                         const std::string& name) {
    auto it = options.find(name);
    if (it == options.end())
        throw internal_error(fmt::format("stored ballot names an unknown option \"{}\"", name));
    return it->second;
}

void load_option_ballots(SQLite::Database& db, const proposal_info& p, tally_input& in) {
    std::unordered_map<std::string, std::size_t> options;
    for (std::size_t i = 0; i < p.options.size(); ++i) options.emplace(p.options[i], i);
    SQLite::Statement q(db,
                        "SELECT voter, choice, approve, ranking FROM ballot WHERE proposal_id = ?");
    q.bind(1, p.id);
    while (q.executeStep()) {
        option_ballot b;
        b.voter = static_cast<std::size_t>(q.getColumn(0).getInt64());
        if (!q.getColumn(1).isNull()) {
            choice c = choice_from_text(q.getColumn(1).getText());
            b.status = c == choice::spoiled ? ballot_status::spoiled : ballot_status::invalid;
        } else if (!q.getColumn(2).isNull()) {
            for (const auto& name : json::parse(q.getColumn(2).getString()))
                b.approved.push_back(option_index(options, name.get<std::string>()));
        } else {
            for (const auto& tier : json::parse(q.getColumn(3).getString())) {
                std::vector<std::size_t> t;
                if (tier.is_array())
                    for (const auto& name : tier)
                        t.push_back(option_index(options, name.get<std::string>()));
                else
                    t.push_back(option_index(options, tier.get<std::string>()));
                b.ranking.push_back(std::move(t));
            }
        }
        in.option_ballots.push_back(std::move(b));
    }
}

std::string stored_result(SQLite::Database& db, std::int64_t id) {
    SQLite::Statement q(db, "SELECT result FROM proposal WHERE id = ?");
    q.bind(1, id);
    if (!q.executeStep() || q.getColumn(0).isNull())
        throw internal_error(fmt::format("closed proposal #{} has no stored result", id));
    return q.getColumn(0).getString();
}

proposal_outcome outcome_of(const tally_result& r) {
    if (!r.quorum_met) return proposal_outcome::quorum_not_met;
    return r.passed ? proposal_outcome::passed : proposal_outcome::rejected;
}

// A JSON string literal. Labels come from the roster and may hold anything.
void put_string(std::ostream& out, std::string_view s) {
    out << json(s).dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

namespace detail {

tally_input load_tally_input(SQLite::Database& db, const proposal_info& p) {
    tally_input in;
    in.method = p.method;
    in.title = tally_title(p);
    in.options = p.options;
    in.rule = parse_rule(p.rule_json, p.method, p.options, "rule");
    electorate& e = in.voters;
    auto n = static_cast<std::size_t>(p.voters);
    // Entries are named only in messages about inconsistent input, which the
    // schema rules out (one ballot per voter, voters from the electorate), so
    // a million labels need not be read; groups are named only when they hold
    // several voters, the only ones that can show up as mixed.
    e.ids.resize(n);
    e.weights.reserve(n);
    e.groups.reserve(n);
    e.group_names.reserve(n);
    // The two loops below run a million times each: they call SQLite
    // directly rather than through SQLiteCpp's per-column objects.
    detail::raw_statement v(db,
                            "SELECT weight, grp, group_key FROM proposal_voter "
                            "WHERE proposal_id = ? ORDER BY seq");
    sqlite3_stmt* vs = v.get();
    sqlite3_bind_int64(vs, 1, p.id);
    std::size_t seen = 0;
    while (v.step()) {
        auto grp = static_cast<std::size_t>(sqlite3_column_int64(vs, 1));
        // Groups are numbered in order of first appearance when frozen.
        if (grp == e.group_names.size()) {
            if (sqlite3_column_type(vs, 2) == SQLITE_NULL)
                e.group_names.emplace_back();
            else
                e.group_names.emplace_back(
                    reinterpret_cast<const char*>(sqlite3_column_text(vs, 2)),
                    static_cast<std::size_t>(sqlite3_column_bytes(vs, 2)));
        } else if (grp > e.group_names.size()) {
            throw internal_error(fmt::format("proposal #{}: voter groups out of order", p.id));
        }
        e.weights.push_back(sqlite3_column_int64(vs, 0));
        e.groups.push_back(grp);
        ++seen;
    }
    if (seen != n)
        throw internal_error(fmt::format("proposal #{}: {} voters, {} expected", p.id, seen, n));
    if (p.method == tally_method::yes_no) {
        in.yes_no_ballots.reserve(static_cast<std::size_t>(p.ballots));
        detail::raw_statement b(db, "SELECT voter, choice FROM ballot WHERE proposal_id = ?");
        sqlite3_stmt* bs = b.get();
        sqlite3_bind_int64(bs, 1, p.id);
        while (b.step())
            in.yes_no_ballots.push_back(
                {static_cast<std::size_t>(sqlite3_column_int64(bs, 0)),
                 choice_from_text(reinterpret_cast<const char*>(sqlite3_column_text(bs, 1)))});
    } else {
        load_option_ballots(db, p, in);
    }
    return in;
}

}  // namespace detail

proposal_tally tally_proposal(context& ctx, std::string_view ref) {
    return detail::guard_sqlite(ctx.db().path(), [&] {
        auto& db = ctx.db().impl().db();
        detail::read_snapshot snapshot(db);
        proposal_tally t;
        t.proposal = detail::load_proposal(db, detail::resolve_proposal(db, ref));
        const proposal_info& p = t.proposal;
        if (p.status == proposal_status::closed) {
            t.result = parse_tally_result_json(stored_result(db, p.id));
            t.final = true;
            return t;
        }
        if (p.status != proposal_status::open)
            throw conflict(
                fmt::format(fmt::runtime(tr("proposal {} is {}: there is nothing to tally")),
                            p.name(), to_string(p.status)));
        t.result = tally(detail::load_tally_input(db, p));
        return t;
    });
}

proposal_tally close_proposal(context& ctx, std::string_view ref) {
    return detail::guard_sqlite(ctx.db().path(), [&] {
        detail::write_transaction tx(ctx);
        auto& db = tx.db();
        proposal_tally t;
        t.proposal = detail::load_proposal(db, detail::resolve_proposal(db, ref));
        proposal_info& p = t.proposal;
        if (p.status != proposal_status::open)
            throw conflict(fmt::format(fmt::runtime(tr("cannot close proposal {}: it is {}")),
                                       p.name(), to_string(p.status)));
        t.result = tally(detail::load_tally_input(db, p));
        t.final = true;
        proposal_outcome outcome = outcome_of(t.result);
        std::string result_json = tally_result_json(t.result);
        std::string now = format_timestamp(ctx.now());
        SQLite::Statement upd(db,
                              "UPDATE proposal SET status = 'closed', closed_at = ?, outcome = ?, "
                              "result = ? WHERE id = ?");
        upd.bind(1, now);
        upd.bind(2, std::string(to_string(outcome)));
        upd.bind(3, result_json);
        upd.bind(4, p.id);
        upd.exec();
        tx.audit("proposal.close", "proposal", std::to_string(p.id),
                 {{"outcome", to_string(outcome)},
                  {"reason", t.result.reason},
                  {"voters", p.voters},
                  {"ballots", p.ballots},
                  {"result_sha256", sha256_hex(result_json)}});
        tx.commit();
        p.status = proposal_status::closed;
        p.outcome = outcome;
        p.closed_at = now;
        return t;
    });
}

namespace {

// The voters of the frozen electorate, written as the file's "voters"; the
// ids written, by seq, for the ballots. Pseudonyms "v1", "v2", … follow the
// frozen order; revealed labels are made unique if two voters ever share one.
std::vector<std::string> write_voters(SQLite::Database& db, const proposal_info& p, bool reveal_pii,
                                      std::ostream& out) {
    std::vector<std::string> ids;
    ids.reserve(static_cast<std::size_t>(p.voters));
    std::unordered_map<std::string, int> seen;
    SQLite::Statement v(db,
                        "SELECT seq, voter_id, label, weight, group_key FROM proposal_voter "
                        "WHERE proposal_id = ? ORDER BY seq");
    v.bind(1, p.id);
    bool first = true;
    while (v.executeStep()) {
        std::string id;
        if (reveal_pii) {
            id = v.getColumn(2).getString();
            if (int n = ++seen[id]; n > 1)
                id += fmt::format(
                    " ({})", detail::voter_key(p.electorate.voters, v.getColumn(1).getInt64()));
        } else {
            id = fmt::format("v{}", v.getColumn(0).getInt64() + 1);
        }
        out << (first ? "\n    " : ",\n    ") << "{\"id\": ";
        first = false;
        put_string(out, id);
        if (p.electorate.weighted())
            out << ", \"weight\": \"" << format_hundredths(v.getColumn(3).getInt64()) << '"';
        if (!v.getColumn(4).isNull()) {
            out << ", \"group\": ";
            put_string(out, v.getColumn(4).getText());
        }
        out << '}';
        ids.push_back(std::move(id));
    }
    return ids;
}

// The "ballots" array's entries; whether any was written.
bool write_ballots(SQLite::Database& db, std::int64_t proposal_id,
                   const std::vector<std::string>& ids, std::ostream& out) {
    SQLite::Statement b(db,
                        "SELECT voter, choice, approve, ranking FROM ballot "
                        "WHERE proposal_id = ?");
    b.bind(1, proposal_id);
    bool first = true;
    while (b.executeStep()) {
        out << (first ? "\n    " : ",\n    ") << "{\"voter\": ";
        first = false;
        put_string(out, ids.at(static_cast<std::size_t>(b.getColumn(0).getInt64())));
        if (!b.getColumn(1).isNull())
            out << ", \"choice\": \"" << b.getColumn(1).getText() << '"';
        else if (!b.getColumn(2).isNull())
            out << ", \"approve\": " << b.getColumn(2).getText();
        else
            out << ", \"ranking\": " << b.getColumn(3).getText();
        out << '}';
    }
    return !first;
}

}  // namespace

void export_ballots(context& ctx, std::string_view ref, std::ostream& out,
                    const ballot_export_options& options) {
    detail::guard_sqlite(ctx.db().path(), [&] {
        auto& db = ctx.db().impl().db();
        proposal_info p = detail::load_proposal(db, detail::resolve_proposal(db, ref));
        if (!p.opened_at)
            throw conflict(
                fmt::format(fmt::runtime(tr("proposal {} was never opened: it has no electorate or "
                                            "ballots to export")),
                            p.name()));
        if (options.reveal_pii) {
            // Revealing who voted how is itself a recorded act.
            detail::write_transaction tx(ctx);
            tx.audit("proposal.export_ballots", "proposal", std::to_string(p.id),
                     {{"reveal_pii", true}, {"voters", p.voters}, {"ballots", p.ballots}});
            tx.commit();
        }
        out << "{\n  \"title\": ";
        put_string(out, detail::tally_title(p));
        out << ",\n  \"comment\": ";
        put_string(out, fmt::format("gov proposal export-ballots {}: status {}, exported {}; {}",
                                    p.name(), to_string(p.status), format_timestamp(ctx.now()),
                                    options.reveal_pii ? "voters named by their labels"
                                                       : "voters pseudonymised"));
        out << ",\n  \"method\": \"" << to_string(p.method) << "\"";
        if (!p.options.empty()) out << ",\n  \"options\": " << json(p.options).dump();
        out << ",\n  \"rule\": " << json::parse(p.rule_json).dump();
        out << ",\n  \"electorate\": {\"voters\": [";
        const std::vector<std::string> ids = write_voters(db, p, options.reveal_pii, out);
        out << "\n  ]},\n  \"ballots\": [";
        out << (write_ballots(db, p.id, ids, out) ? "\n  ]\n}\n" : "]\n}\n");
    });
}

}  // namespace gov
