// Proposal records: making one, finding and showing them, and the status
// steps draft → open (freezing the electorate) and → withdrawn. Tallying and
// closing are in proposal_tally.cpp.

#include "gov/voting/proposal.hpp"

#include <charconv>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "gov/store/context.hpp"
#include "gov/store/store.hpp"
#include "gov/values/date.hpp"
#include "gov/values/i18n.hpp"
#include "gov/voting/tally_file.hpp"
#include "roster/interface.hpp"
#include "store/interface.hpp"
#include "voting/proposal_internal.hpp"

namespace gov {

namespace {

using nlohmann::json;

template <class Enum, std::size_t N>
Enum parse_name(std::string_view name, const std::pair<Enum, std::string_view> (&names)[N],
                const char* what) {
    std::string valid;
    for (const auto& [value, n] : names) {
        if (n == name) return value;
        if (!valid.empty()) valid += ", ";
        valid += n;
    }
    throw usage_error(
        fmt::format(fmt::runtime(tr("unknown {} \"{}\"; use one of: {}")), tr(what), name, valid));
}

constexpr std::pair<proposal_status, std::string_view> status_names[] = {
    {proposal_status::draft, "draft"},
    {proposal_status::open, "open"},
    {proposal_status::closed, "closed"},
    {proposal_status::withdrawn, "withdrawn"},
};
constexpr std::pair<proposal_outcome, std::string_view> outcome_names[] = {
    {proposal_outcome::passed, "passed"},
    {proposal_outcome::rejected, "rejected"},
    {proposal_outcome::quorum_not_met, "quorum_not_met"},
};
constexpr std::pair<revote_policy, std::string_view> revote_names[] = {
    {revote_policy::replace, "replace"},
    {revote_policy::refuse, "refuse"},
};
constexpr std::pair<tally_method, std::string_view> method_names[] = {
    {tally_method::yes_no, "yes-no"},
    {tally_method::approval, "approval"},
    {tally_method::irv, "irv"},
    {tally_method::schulze, "schulze"},
};

template <class Enum, std::size_t N>
std::string_view name_of(Enum v, const std::pair<Enum, std::string_view> (&names)[N]) {
    for (const auto& [value, n] : names)
        if (value == v) return n;
    return "?";
}

std::optional<std::string> opt_text(const SQLite::Column& c) {
    if (c.isNull()) return std::nullopt;
    return c.getString();
}

std::optional<std::int64_t> parse_id(std::string_view ref) {
    if (!ref.empty() && ref[0] == '#') ref.remove_prefix(1);
    std::int64_t id = 0;
    auto [p, ec] = std::from_chars(ref.data(), ref.data() + ref.size(), id);
    if (ref.empty() || ec != std::errc{} || p != ref.data() + ref.size()) return std::nullopt;
    return id;
}

void require_status(const proposal_info& p, std::initializer_list<proposal_status> allowed,
                    std::string_view action) {
    for (auto s : allowed)
        if (p.status == s) return;
    throw conflict(fmt::format(fmt::runtime(tr("cannot {} proposal {}: it is {}")), action,
                               p.name(), to_string(p.status)));
}

// The rule as stored: a preset name becomes a JSON string, an object stays.
std::string normalise_rule(const std::string& rule, tally_method method,
                           const electorate_spec& electorate) {
    if (rule.empty()) {
        if (method != tally_method::yes_no) return R"({"name":"none"})";
        return electorate.weighted() ? R"("civil-code-278")" : R"("simple-majority")";
    }
    std::size_t first = rule.find_first_not_of(" \t\r\n");
    if (first != std::string::npos && (rule[first] == '{' || rule[first] == '"')) {
        try {
            return json::parse(rule).dump();
        } catch (const json::parse_error& e) {
            std::string what = e.what();
            if (auto p = what.find("] "); p != std::string::npos) what.erase(0, p + 2);
            throw input_error(fmt::format("rule: invalid JSON: {}", what));
        }
    }
    return json(rule).dump();
}

}  // namespace

std::string_view to_string(proposal_status s) {
    return name_of(s, status_names);
}
std::string_view to_string(proposal_outcome o) {
    return name_of(o, outcome_names);
}
std::string_view to_string(revote_policy p) {
    return name_of(p, revote_names);
}
proposal_status parse_proposal_status(std::string_view name) {
    return parse_name(name, status_names, "status");
}
revote_policy parse_revote_policy(std::string_view name) {
    return parse_name(name, revote_names, "revote policy");
}
tally_method parse_tally_method(std::string_view name) {
    return parse_name(name, method_names, "method");
}

std::string proposal_info::name() const {
    return code.empty() ? fmt::format("#{}", id) : code;
}

namespace detail {

std::int64_t resolve_proposal(SQLite::Database& db, std::string_view ref) {
    SQLite::Statement by_code(db, "SELECT id FROM proposal WHERE code = ?");
    by_code.bind(1, std::string(ref));
    if (by_code.executeStep()) return by_code.getColumn(0).getInt64();
    if (auto id = parse_id(ref)) {
        SQLite::Statement q(db, "SELECT 1 FROM proposal WHERE id = ?");
        q.bind(1, *id);
        if (q.executeStep()) return *id;
    }
    SQLite::Statement recent(
        db, "SELECT coalesce(code, '#' || id) FROM proposal ORDER BY id DESC LIMIT 8");
    std::string known;
    while (recent.executeStep()) {
        if (!known.empty()) known += ", ";
        known += recent.getColumn(0).getString();
    }
    throw not_found(fmt::format(fmt::runtime(tr("no proposal \"{}\"; recent proposals: {}")), ref,
                                known.empty() ? tr("(none)") : known));
}

std::string resident_room_label(SQLite::Database& db, std::int64_t resident_id) {
    SQLite::Statement q(db,
                        "SELECT r.name, u.building_id, u.name, h.room FROM resident r "
                        "JOIN household h ON h.id = r.household_id JOIN unit u ON u.id = h.unit_id "
                        "WHERE r.id = ?");
    q.bind(1, resident_id);
    if (!q.executeStep()) return fmt::format("#{}", resident_id);
    auto prefixes = building_prefixes(db);
    auto it = prefixes.find(q.getColumn(1).getInt64());
    return fmt::format("{} ({}-{}-{})", q.getColumn(0).getString(),
                       it == prefixes.end() ? "?" : it->second, q.getColumn(2).getString(),
                       q.getColumn(3).getString());
}

tally_rule parse_rule(std::string_view rule_json, tally_method method,
                      const std::vector<std::string>& options, std::string_view source) {
    // The tally file reader is the one parser of rules: give it a file with
    // nobody in it, and let the engine check the rule against the method.
    json doc = {{"method", to_string(method)},
                {"electorate", {{"voters", json::array()}}},
                {"ballots", json::array()}};
    if (!options.empty()) doc["options"] = options;
    try {
        doc["rule"] = json::parse(rule_json);
    } catch (const json::parse_error&) {
        throw input_error(fmt::format("{}: invalid JSON", source));
    }
    tally_input input = parse_tally_input(doc.dump(), source);
    try {
        tally(input);
    } catch (const input_error& e) {
        throw input_error(fmt::format("{}: {}", source, e.what()));
    }
    return input.rule;
}

bool rule_uses_weight(const tally_rule& r) {
    for (const auto& q : r.quorum)
        if (q.what == measure::weight) return true;
    for (const auto& p : r.pass)
        if (p.what == measure::weight) return true;
    return r.count_by == measure::weight;
}

std::string voter_key(voter_kind kind, std::int64_t id) {
    return fmt::format("{}:{}", kind == voter_kind::household ? "household" : "resident", id);
}

std::string tally_title(const proposal_info& p) {
    return p.code.empty() ? p.title : p.code + " " + p.title;
}

proposal_info load_proposal(SQLite::Database& db, std::int64_t id) {
    SQLite::Statement q(db,
                        "SELECT id, coalesce(code, ''), title, text, status, outcome, method, "
                        "options, rule, electorate, revote, proposer_id, meeting_id, created_at, "
                        "created_by, opened_at, closes_at, closed_at, withdrawn_at, "
                        "withdraw_reason FROM proposal WHERE id = ?");
    q.bind(1, id);
    if (!q.executeStep()) throw not_found(fmt::format(fmt::runtime(tr("no proposal #{}")), id));
    proposal_info p;
    p.id = q.getColumn(0).getInt64();
    p.code = q.getColumn(1).getString();
    p.title = q.getColumn(2).getString();
    p.text = q.getColumn(3).getString();
    p.status = parse_proposal_status(q.getColumn(4).getString());
    if (!q.getColumn(5).isNull()) {
        std::string o = q.getColumn(5).getString();
        for (const auto& [value, n] : outcome_names)
            if (n == o) p.outcome = value;
    }
    p.method = parse_tally_method(q.getColumn(6).getString());
    p.options = json::parse(q.getColumn(7).getString()).get<std::vector<std::string>>();
    p.rule_json = q.getColumn(8).getString();
    p.electorate = parse_electorate_spec(q.getColumn(9).getString());
    p.revote = parse_revote_policy(q.getColumn(10).getString());
    if (!q.getColumn(11).isNull()) p.proposer_id = q.getColumn(11).getInt64();
    if (!q.getColumn(12).isNull()) p.meeting = q.getColumn(12).getInt64();
    p.created_at = q.getColumn(13).getString();
    p.created_by = q.getColumn(14).getString();
    p.opened_at = opt_text(q.getColumn(15));
    p.closes_at = opt_text(q.getColumn(16));
    p.closed_at = opt_text(q.getColumn(17));
    p.withdrawn_at = opt_text(q.getColumn(18));
    p.withdraw_reason = q.getColumn(19).getString();

    p.rule_name = parse_rule(p.rule_json, p.method, p.options, "rule").name;
    p.electorate_text = describe_electorate(db, p.electorate);
    if (p.proposer_id) p.proposer = resident_room_label(db, *p.proposer_id);
    SQLite::Statement sec(
        db, "SELECT resident_id FROM proposal_seconder WHERE proposal_id = ? ORDER BY resident_id");
    sec.bind(1, id);
    while (sec.executeStep()) {
        p.seconder_ids.push_back(sec.getColumn(0).getInt64());
        p.seconders.push_back(resident_room_label(db, p.seconder_ids.back()));
    }
    SQLite::Statement iss(
        db, "SELECT issue_id FROM proposal_issue WHERE proposal_id = ? ORDER BY issue_id");
    iss.bind(1, id);
    while (iss.executeStep()) p.issue_ids.push_back(iss.getColumn(0).getInt64());
    // The primary keys make both counts cheap even for a million voters.
    SQLite::Statement voters(db,
                             "SELECT coalesce(max(seq) + 1, 0) FROM proposal_voter "
                             "WHERE proposal_id = ?");
    voters.bind(1, id);
    voters.executeStep();
    p.voters = voters.getColumn(0).getInt64();
    SQLite::Statement ballots(db, "SELECT count(*) FROM ballot WHERE proposal_id = ?");
    ballots.bind(1, id);
    ballots.executeStep();
    p.ballots = ballots.getColumn(0).getInt64();
    return p;
}

}  // namespace detail

namespace {

// A proposal's code: free, and not a bare number, #N, or text with spaces
// or commas (what names a proposal by id or separates a list).
void check_code(SQLite::Database& db, const std::string& code) {
    if (code.empty()) return;
    if (code[0] == '#' || parse_id(code) || code.find_first_of(" \t\r\n,") != std::string::npos)
        throw input_error(fmt::format(
            fmt::runtime(tr("code: \"{}\" cannot be a code: it must not be a bare number, "
                            "start with # or contain spaces or commas (e.g. P2025-001)")),
            code));
    SQLite::Statement dup(db, "SELECT id FROM proposal WHERE code = ?");
    dup.bind(1, code);
    if (dup.executeStep())
        throw conflict(fmt::format(fmt::runtime(tr("code {} is already used by proposal #{}")),
                                   code, dup.getColumn(0).getInt64()));
}

// The seconders, each once, none of them the proposer.
std::vector<std::int64_t> resolve_seconders(SQLite::Database& db, const proposal_request& req,
                                            const std::optional<std::int64_t>& proposer) {
    std::vector<std::int64_t> seconders;
    for (const auto& s : req.seconders) {
        std::int64_t id = detail::resolve_resident(db, s, detail::resident_match::person);
        if (std::find(seconders.begin(), seconders.end(), id) != seconders.end()) continue;
        if (proposer && id == *proposer)
            throw input_error(fmt::format(
                fmt::runtime(tr("seconder: {} is the proposer; a seconder is someone else")), s));
        seconders.push_back(id);
    }
    return seconders;
}

// The issues the proposal is about, each once, each one that exists.
std::vector<std::int64_t> resolve_issues(SQLite::Database& db, const proposal_request& req) {
    std::vector<std::int64_t> issues;
    for (const auto& ref : req.issues) {
        auto id = parse_id(ref);
        if (!id)
            throw input_error(fmt::format(
                fmt::runtime(tr("issue: \"{}\" is not an issue id like 12 or #12")), ref));
        SQLite::Statement q(db, "SELECT 1 FROM issue WHERE id = ?");
        q.bind(1, *id);
        if (!q.executeStep()) throw not_found(fmt::format(fmt::runtime(tr("no issue #{}")), *id));
        if (std::find(issues.begin(), issues.end(), *id) == issues.end()) issues.push_back(*id);
    }
    return issues;
}

// Rows of a link table (proposal_seconder, proposal_issue) for the proposal.
void insert_links(SQLite::Database& db, const char* sql, std::int64_t proposal,
                  const std::vector<std::int64_t>& ids) {
    SQLite::Statement ins(db, sql);
    for (auto other : ids) {
        ins.bind(1, proposal);
        ins.bind(2, other);
        ins.exec();
        ins.reset();
    }
}

}  // namespace

std::int64_t create_proposal(context& ctx, const proposal_request& req) {
    return detail::guard_sqlite(ctx.db().path(), [&]() -> std::int64_t {
        detail::write_transaction tx(ctx);
        auto& db = tx.db();
        if (req.title.find_first_not_of(" \t\r\n") == std::string::npos)
            throw input_error(tr("title: a proposal needs a title"));
        check_code(db, req.code);
        electorate_spec spec = detail::resolve_electorate(db, req.electorate);
        std::string rule_json = normalise_rule(req.rule, req.method, spec);
        tally_rule rule = detail::parse_rule(rule_json, req.method, req.options, "rule");
        if (detail::rule_uses_weight(rule) && !spec.weighted())
            throw input_error(fmt::format(
                fmt::runtime(tr("rule: \"{}\" measures floor area (weight), but an electorate of "
                                "{} has no areas; use --electorate owners or a rule by heads")),
                rule.name, to_string(spec.kind)));
        if (req.closes_at && *req.closes_at <= ctx.now())
            throw usage_error(fmt::format(fmt::runtime(tr("--closes: {} is already past")),
                                          format_timestamp(*req.closes_at)));
        std::optional<std::int64_t> proposer;
        if (req.proposer)
            proposer = detail::resolve_resident(db, *req.proposer, detail::resident_match::person);
        const std::vector<std::int64_t> seconders = resolve_seconders(db, req, proposer);
        const std::vector<std::int64_t> issues = resolve_issues(db, req);

        SQLite::Statement ins(
            db,
            "INSERT INTO proposal(code, title, text, proposer_id, meeting_id, method, options, "
            "rule, electorate, revote, created_at, created_by, closes_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        if (!req.code.empty()) ins.bind(1, req.code);
        ins.bind(2, req.title);
        ins.bind(3, req.text);
        if (proposer) ins.bind(4, *proposer);
        if (req.meeting) ins.bind(5, *req.meeting);
        ins.bind(6, std::string(to_string(req.method)));
        ins.bind(7, json(req.options).dump());
        ins.bind(8, rule_json);
        ins.bind(9, detail::electorate_spec_json(spec));
        ins.bind(10, std::string(to_string(req.revote)));
        ins.bind(11, format_timestamp(ctx.now()));
        ins.bind(12, ctx.actor());
        if (req.closes_at) ins.bind(13, format_timestamp(*req.closes_at));
        ins.exec();
        std::int64_t id = db.getLastInsertRowid();
        insert_links(db, "INSERT INTO proposal_seconder(proposal_id, resident_id) VALUES (?, ?)",
                     id, seconders);
        insert_links(db, "INSERT INTO proposal_issue(proposal_id, issue_id) VALUES (?, ?)", id,
                     issues);
        json payload = {{"title", req.title},
                        {"method", to_string(req.method)},
                        {"options", req.options},
                        {"rule", json::parse(rule_json)},
                        {"electorate", json::parse(detail::electorate_spec_json(spec))},
                        {"revote", to_string(req.revote)},
                        {"seconders", seconders},
                        {"issues", issues}};
        if (!req.code.empty()) payload["code"] = req.code;
        if (proposer) payload["proposer"] = *proposer;
        if (req.meeting) payload["meeting"] = *req.meeting;
        if (req.closes_at) payload["closes_at"] = format_timestamp(*req.closes_at);
        tx.audit("proposal.add", "proposal", std::to_string(id), payload);
        tx.commit();
        return id;
    });
}

std::vector<proposal_info> list_proposals(context& ctx, const proposal_filter& filter) {
    return detail::guard_sqlite(ctx.db().path(), [&] {
        auto& db = ctx.db().impl().db();
        detail::read_snapshot snapshot(db);
        SQLite::Statement q(db, filter.status
                                    ? "SELECT id FROM proposal WHERE status = ? ORDER BY id DESC"
                                    : "SELECT id FROM proposal ORDER BY id DESC");
        if (filter.status) q.bind(1, std::string(to_string(*filter.status)));
        std::vector<std::int64_t> ids;
        while (q.executeStep()) ids.push_back(q.getColumn(0).getInt64());
        std::vector<proposal_info> out;
        for (auto id : ids) out.push_back(detail::load_proposal(db, id));
        return out;
    });
}

proposal_info get_proposal(context& ctx, std::string_view ref) {
    return detail::guard_sqlite(ctx.db().path(), [&] {
        auto& db = ctx.db().impl().db();
        detail::read_snapshot snapshot(db);
        return detail::load_proposal(db, detail::resolve_proposal(db, ref));
    });
}

proposal_info open_proposal(context& ctx, std::string_view ref,
                            std::optional<timestamp> closes_at) {
    return detail::guard_sqlite(ctx.db().path(), [&] {
        detail::write_transaction tx(ctx);
        auto& db = tx.db();
        proposal_info p = detail::load_proposal(db, detail::resolve_proposal(db, ref));
        require_status(p, {proposal_status::draft}, tr("open"));
        std::optional<std::string> deadline = p.closes_at;
        if (closes_at) deadline = format_timestamp(*closes_at);
        if (deadline && *deadline <= format_timestamp(ctx.now()))
            throw usage_error(fmt::format(
                fmt::runtime(tr("the deadline {} is already past; give a later one with "
                                "--closes")),
                *deadline));
        std::int64_t voters = detail::freeze_electorate(db, p.id, p.electorate, ctx.today());
        SQLite::Statement upd(db,
                              "UPDATE proposal SET status = 'open', opened_at = ?, closes_at = ? "
                              "WHERE id = ?");
        upd.bind(1, format_timestamp(ctx.now()));
        if (deadline) upd.bind(2, *deadline);
        upd.bind(3, p.id);
        upd.exec();
        json payload = {{"voters", voters}, {"electorate", p.electorate_text}};
        if (deadline) payload["closes_at"] = *deadline;
        tx.audit("proposal.open", "proposal", std::to_string(p.id), payload);
        tx.commit();
        return detail::load_proposal(ctx.db().impl().db(), p.id);
    });
}

proposal_info withdraw_proposal(context& ctx, std::string_view ref, const std::string& reason) {
    return detail::guard_sqlite(ctx.db().path(), [&] {
        detail::write_transaction tx(ctx);
        auto& db = tx.db();
        proposal_info p = detail::load_proposal(db, detail::resolve_proposal(db, ref));
        require_status(p, {proposal_status::draft, proposal_status::open}, tr("withdraw"));
        SQLite::Statement upd(db,
                              "UPDATE proposal SET status = 'withdrawn', withdrawn_at = ?, "
                              "withdraw_reason = ? WHERE id = ?");
        upd.bind(1, format_timestamp(ctx.now()));
        upd.bind(2, reason);
        upd.bind(3, p.id);
        upd.exec();
        tx.audit("proposal.withdraw", "proposal", std::to_string(p.id),
                 {{"from", to_string(p.status)}, {"reason", reason}, {"ballots", p.ballots}});
        tx.commit();
        return detail::load_proposal(ctx.db().impl().db(), p.id);
    });
}

}  // namespace gov
