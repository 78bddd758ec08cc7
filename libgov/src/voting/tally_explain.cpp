// The plain-text explanation of a tally for residents. Fractions are exact;
// the percentage beside each is rounded with integer arithmetic, for reading.

#include <algorithm>

#include <fmt/format.h>

#include "gov/voting/tally_file.hpp"

namespace gov {

namespace {

// "33/38 (86.84%)"; the base being zero has no ratio.
std::string fraction_text(const std::optional<rational>& r) {
    if (!r) return "no ratio (nothing to measure)";
    return fmt::format("{} ({})", r->str(), format_percent(*r));
}

std::string fraction_text(std::int64_t value, std::int64_t base) {
    if (base == 0) return fraction_text(std::nullopt);
    return fraction_text(rational(value, base));
}

std::string threshold_text(const rational& t) {
    return fmt::format("{} ({})", t.str(), format_percent(t));
}

// Rows of right-aligned numbers followed by a left-aligned label, so names of
// any script (and display width) never disturb the columns.
struct number_table {
    std::vector<std::string> headers;
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> labels;

    void add(std::vector<std::string> cells, std::string label) {
        rows.push_back(std::move(cells));
        labels.push_back(std::move(label));
    }

    std::string render(std::string_view label_header, std::string_view indent = "  ") const {
        std::vector<std::size_t> width(headers.size());
        for (std::size_t c = 0; c < headers.size(); ++c) {
            width[c] = headers[c].size();
            for (const auto& row : rows) width[c] = std::max(width[c], row[c].size());
        }
        auto line = [&](const std::vector<std::string>& cells, std::string_view label) {
            std::string l(indent);
            for (std::size_t c = 0; c < cells.size(); ++c)
                l += fmt::format("{:>{}}  ", cells[c], width[c]);
            l += label;
            while (!l.empty() && l.back() == ' ') l.pop_back();
            return l + "\n";
        };
        std::string out = line(headers, label_header);
        for (std::size_t i = 0; i < rows.size(); ++i) out += line(rows[i], labels[i]);
        return out;
    }
};

std::vector<std::string> cells(const measured& m) {
    return {std::to_string(m.voters), std::to_string(m.heads), format_hundredths(m.weight)};
}

std::string counts_text(const tally_result& r) {
    const ballot_counts& c = r.counts;
    number_table t;
    t.headers = {"voters", "heads", "weight"};
    t.add(cells(c.entitled), "entitled (the whole electorate)");
    t.add(cells(c.cast), "cast (participating)");
    t.add(cells(c.valid), "valid");
    if (r.method == tally_method::yes_no) {
        t.add(cells(c.yes), "yes");
        t.add(cells(c.no), "no");
        t.add(cells(c.abstain), "abstain");
    }
    t.add(cells(c.invalid), "invalid");
    t.add(cells(c.spoiled), "spoiled");
    std::string out = "Ballots:\n" + t.render("");
    out += fmt::format("Participation: heads {} of {} = {}; weight {} of {} = {}.\n", c.cast.heads,
                       c.entitled.heads, fraction_text(c.cast.heads, c.entitled.heads),
                       format_hundredths(c.cast.weight), format_hundredths(c.entitled.weight),
                       fraction_text(c.cast.weight, c.entitled.weight));
    if (c.mixed_heads > 0) {
        out += fmt::format(
            "Mixed: {} head(s) whose ballots differ count as participating and valid, toward no "
            "choice:",
            c.mixed_heads);
        for (const auto& g : r.mixed_groups) out += " " + g;
        out += "\n";
    }
    return out;
}

std::string conditions_text(const tally_result& r) {
    if (r.conditions.empty()) return "Conditions: none.\n";
    std::string out = "Conditions (all must hold):\n";
    for (const auto& c : r.conditions) {
        std::string word = c.what == measure::weight ? "weight" : "heads";
        out += fmt::format("  [{}] {}: {} {} {} of {} {} = {}; required {} {}\n",
                           c.met ? "met" : "NOT MET", to_string(c.kind), c.subject, word,
                           format_amount(c.what, c.value), c.base_name,
                           format_amount(c.what, c.base), fraction_text(c.ratio()),
                           c.cmp == comparison::at_least ? "≥" : ">", threshold_text(c.threshold));
    }
    return out;
}

std::string option_totals_text(const tally_result& r) {
    if (r.option_totals.empty()) return "";
    number_table t;
    t.headers = {"voters", "heads", "weight"};
    for (std::size_t o = 0; o < r.option_totals.size(); ++o)
        t.add(cells(r.option_totals[o]), r.options[o]);
    std::string what = r.method == tally_method::approval ? "Approvals" : "First preferences";
    return what + ":\n" + t.render("option");
}

std::string_view count_word_text(measure m) {
    return m == measure::weight ? "weight" : "votes";
}

std::string rounds_text(const tally_result& r) {
    measure by = r.rule.count_by;
    std::string out = "Instant-runoff rounds:\n";
    for (std::size_t i = 0; i < r.rounds.size(); ++i) {
        const irv_round& rd = r.rounds[i];
        out += fmt::format("  Round {}: {} continuing {}, {} exhausted\n", i + 1,
                           format_amount(by, rd.continuing_total), count_word_text(by),
                           format_amount(by, rd.exhausted));
        number_table t;
        t.headers = {std::string(count_word_text(by)), "share of continuing"};
        for (std::size_t o = 0; o < rd.votes.size(); ++o)
            if (rd.continuing[o])
                t.add({format_amount(by, rd.votes[o]),
                       fraction_text(rd.votes[o], rd.continuing_total)},
                      r.options[o]);
        out += t.render("option", "    ");
        if (rd.lowest.size() > 1) {
            std::string names;
            for (std::size_t k = 0; k < rd.lowest.size(); ++k)
                names += (k ? ", " : "") + r.options[rd.lowest[k]];
            std::string how;
            switch (rd.broken_by) {
                case tie_break::earlier_round:
                    how = fmt::format("broken by the tallies of round {}", rd.tie_round);
                    break;
                case tie_break::tie_order:
                    how = "broken by the rule's tie order";
                    break;
                case tie_break::no_votes:
                    how = "none has any vote, so the order cannot change the outcome";
                    break;
                case tie_break::unresolved:
                    how = "UNRESOLVED: the count stops here";
                    break;
                case tie_break::none:
                    break;
            }
            out += fmt::format("    tie for fewest votes between {}: {}\n", names, how);
        }
        if (rd.eliminated) out += fmt::format("    eliminated: {}\n", r.options[*rd.eliminated]);
        if (rd.elected)
            out += fmt::format("    elected: {}, more than half of the continuing {}\n",
                               r.options[*rd.elected], count_word_text(by));
    }
    return out;
}

std::string matrix_text(const std::vector<std::vector<std::int64_t>>& m, measure by) {
    std::size_t width = 3;
    for (const auto& row : m)
        for (std::int64_t v : row) width = std::max(width, format_amount(by, v).size());
    std::string out = "    " + std::string(width, ' ');
    for (std::size_t j = 0; j < m.size(); ++j) out += fmt::format("  {:>{}}", j + 1, width);
    out += "\n";
    for (std::size_t i = 0; i < m.size(); ++i) {
        out += fmt::format("    {:>{}}", i + 1, width);
        for (std::size_t j = 0; j < m.size(); ++j)
            out += fmt::format("  {:>{}}", i == j ? "-" : format_amount(by, m[i][j]), width);
        out += "\n";
    }
    return out;
}

std::string schulze_text(const tally_result& r) {
    std::string out = "Schulze (winning votes); options numbered:";
    for (std::size_t o = 0; o < r.options.size(); ++o)
        out += fmt::format(" {} = {}{}", o + 1, r.options[o], o + 1 < r.options.size() ? "," : "");
    out += "\n  d[i][j], ballots ranking row i above column j:\n";
    out += matrix_text(r.pairwise, r.rule.count_by);
    out += "  p[i][j], strength of the strongest path from row i to column j:\n";
    out += matrix_text(r.strongest_paths, r.rule.count_by);
    return out;
}

}  // namespace

std::string explain(const tally_result& r) {
    std::string out;
    if (!r.title.empty()) out += "Vote: " + r.title + "\n";
    out += fmt::format("Method: {}. Rule: {}; heads counted by {}.\n", to_string(r.method),
                       r.rule.name, to_string(r.rule.headcount));
    if (r.method != tally_method::yes_no)
        out += fmt::format("The winner is chosen by {}.\n",
                           r.rule.count_by == measure::weight ? "weight" : "heads");
    out += fmt::format("\n{}", counts_text(r));
    if (r.method != tally_method::yes_no) {
        out += fmt::format("\n{}", option_totals_text(r));
        if (r.method == tally_method::irv) out += fmt::format("\n{}", rounds_text(r));
        if (r.method == tally_method::schulze) out += fmt::format("\n{}", schulze_text(r));
        std::string names;
        for (std::size_t k = 0; k < r.winners.size(); ++k)
            names += (k ? ", " : "") + r.options[r.winners[k]];
        if (r.winners.empty())
            out += "\nWinner: none" + std::string(r.tie ? " (unresolved tie)" : "") + "\n";
        else
            out += fmt::format("\n{}: {}\n", r.tie ? "Tied winners" : "Winner", names);
    }
    out += fmt::format("\n{}", conditions_text(r));
    out += fmt::format("\nOutcome: {}\nReason: {}\n", r.passed ? "PASSED" : "NOT PASSED", r.reason);
    return out;
}

}  // namespace gov
