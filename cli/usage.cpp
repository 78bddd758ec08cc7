#include "usage.hpp"

#include <unistd.h>

#include <algorithm>
#include <memory>
#include <regex>

#include <fmt/args.h>
#include <fmt/format.h>

#include "commands/cells.hpp"
#include "exit_codes.hpp"
#include "gov/text/edit_distance.hpp"
#include "gov/values/i18n.hpp"

namespace gov::cli {
namespace {

char lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// ASCII letters compared without case.
bool same_letter(char a, char b) {
    return lower(a) == lower(b);
}

bool begins_with(std::string_view name, std::string_view word) {
    if (word.size() > name.size()) return false;
    for (std::size_t i = 0; i < word.size(); ++i)
        if (lower(name[i]) != lower(word[i])) return false;
    return true;
}

// "a", "b" or "c"
std::string quoted_choices(const std::vector<std::string>& names) {
    std::string list;
    for (std::size_t i = 0; i + 1 < names.size(); ++i) {
        if (!list.empty()) list += ", ";
        list += fmt::format("\"{}\"", names[i]);
    }
    std::string last = fmt::format("\"{}\"", names.back());
    return names.size() > 1 ? fmt::format(fmt::runtime(tr("{} or {}")), list, last) : last;
}

// The subcommands `gov … --help` lists.
std::vector<CLI::App*> visible_subcommands(CLI::App& app) {
    return app.get_subcommands([](CLI::App* sub) { return !sub->get_group().empty(); });
}

std::vector<std::string> visible_names(CLI::App& app) {
    std::vector<std::string> out;
    for (auto* sub : visible_subcommands(app)) out.push_back(sub->get_name());
    return out;
}

CLI::App* find_subcommand(CLI::App& app, const std::string& name) {
    for (auto* sub : visible_subcommands(app))
        if (sub->check_name(name)) return sub;
    return nullptr;
}

// What `gov … --help` prints for `app`, whose full name is `path`.
std::string help_of(CLI::App& app, const std::string& path) {
    return app.get_formatter()->make_help(&app, path, CLI::AppFormatMode::Normal);
}

std::string unexpected(const std::vector<std::string>& args) {
    std::string list;
    for (const auto& a : args) list += (list.empty() ? "" : " ") + a;
    return fmt::format(
        fmt::runtime(args.size() > 1 ? tr("The following arguments were not expected: {}")
                                     : tr("The following argument was not expected: {}")),
        list);
}

// CLI11's messages, in the user's language. The English msgids are CLI11's
// own wording, so English output is CLI11's; what no pattern matches is
// shown as CLI11 wrote it.
struct cli11_wording {
    const char* pattern;
    const char* message;
};
const cli11_wording cli11_wordings[] = {
    {"(.+) is required", tr_noop("{} is required")},
    {"(.+): (\\d+) required (\\S+) missing", tr_noop("{}: {} required {} missing")},
    {"Could not convert: (.+) = (.*)", tr_noop("Could not convert: {} = {}")},
    {"The value (.+) is not an allowed value for (.+)",
     tr_noop("The value {} is not an allowed value for {}")},
    {"(.+) requires (.+)", tr_noop("{} requires {}")},
    {"(.+) excludes (.+)", tr_noop("{} excludes {}")},
    {"(.+): too many inputs for a flag", tr_noop("{}: too many inputs for a flag")},
    {"(.+): Should be true/false or a number", tr_noop("{}: Should be true/false or a number")},
    {"Expected exactly (\\d+) arguments to (.+), got (\\d+)",
     tr_noop("Expected exactly {} arguments to {}, got {}")},
    {"(.+): At least (\\d+) required but received (\\d+)",
     tr_noop("{}: At least {} required but received {}")},
    {"(.+): At Most (\\d+) required but received (\\d+)",
     tr_noop("{}: At Most {} required but received {}")},
    {"(.+) not found", tr_noop("{} not found")},
};

// A word CLI11 put in a message that is one of its help labels (TEXT, INT).
std::string label_word(const std::string& word) {
    for (const char* label : {"TEXT", "INT", "UINT", "FLOAT"})
        if (word == label) return tr(label);
    return word;
}

std::string cli11_message(const std::string& what) {
    for (const auto& w : cli11_wordings) {
        std::smatch m;
        if (!std::regex_match(what, m, std::regex(w.pattern))) continue;
        fmt::dynamic_format_arg_store<fmt::format_context> args;
        for (std::size_t i = 1; i < m.size(); ++i) args.push_back(label_word(m[i].str()));
        return fmt::vformat(tr(w.message), args);
    }
    return what;
}

}  // namespace

std::string usage_hint(std::string_view command) {
    return fmt::format(fmt::runtime(tr("run \"{} --help\" for usage")), command);
}

void print_error(std::ostream& err, const std::string& message,
                 const std::vector<std::string>& details) {
    bool color = ::isatty(STDERR_FILENO) == 1 && !env("NO_COLOR").value_or("").size();
    const char* prefix = tr("gov: error:");
    if (color)
        err << "\x1b[31m" << prefix << "\x1b[0m " << message << '\n';
    else
        err << prefix << ' ' << message << '\n';
    for (const auto& d : details) err << "  " << d << '\n';
}

std::vector<std::string> nearest_names(std::string_view word,
                                       const std::vector<std::string>& names) {
    // Short words are easily near anything: one edit for up to 3 letters,
    // two up to 6, three beyond.
    const std::size_t near = word.size() <= 3 ? 1 : word.size() <= 6 ? 2 : 3;
    std::size_t best = near + 1;
    for (const auto& n : names)
        best = std::min(best, edit_distance(word, std::string_view(n), same_letter));
    std::vector<std::string> out;
    for (const auto& n : names)
        if (best <= near && edit_distance(word, std::string_view(n), same_letter) == best)
            out.push_back(n);
    if (word.size() >= 2)
        for (const auto& n : names)
            if (begins_with(n, word) && std::find(out.begin(), out.end(), n) == out.end())
                out.push_back(n);
    return out;
}

usage_error unknown_command(std::string_view word, std::string_view group,
                            const std::vector<std::string>& names) {
    std::string message =
        group.empty()
            ? fmt::format(fmt::runtime(tr("unknown command \"{}\"")), word)
            : fmt::format(fmt::runtime(tr("unknown command \"{}\" in \"{}\"")), word, group);
    auto near = nearest_names(word, names);
    if (!near.empty())
        message += fmt::format(fmt::runtime(tr("; did you mean {}?")), quoted_choices(near));
    return usage_error(message,
                       {fmt::format(fmt::runtime(tr("commands: {}")), joined(names, ", "))});
}

void add_help_command(CLI::App& app, session& s, std::vector<std::string> top_level) {
    auto words = std::make_shared<std::vector<std::string>>();
    auto* cmd = app.add_subcommand(
        "help", tr("print the help of gov or of a command, as --help does there"));
    cmd->add_option("command", *words, tr("a command and its subcommands, e.g. meeting item"));
    cmd->footer(tr("Example: gov help issue list  (the same as gov issue list --help)"));
    cmd->callback([&app, &s, words, top_level] {
        CLI::App* cur = &app;
        std::string path = app.get_name();
        for (const auto& w : *words) {
            CLI::App* next = find_subcommand(*cur, w);
            if (!next)
                throw cur == &app ? unknown_command(w, "", top_level)
                                  : unknown_command(w, path, visible_names(*cur));
            cur = next;
            path += " " + cur->get_name();
        }
        s.out() << help_of(*cur, path);
    });
}

int answer_parse_error(CLI::App& app, const CLI::ParseError& e, std::ostream& out,
                       std::ostream& err) {
    // --help and --version arrive here too, with exit code 0.
    if (e.get_exit_code() == 0) return app.exit(e, out, err);
    // The command the error is about: the last one the command line named.
    CLI::App* cur = &app;
    std::string path = app.get_name();
    while (!cur->get_subcommands().empty()) {
        cur = cur->get_subcommands().front();
        path += " " + cur->get_name();
    }
    // What the command line has that no command took, in its order (CLI11's
    // own message lists it backwards).
    auto rest = app.remaining(true);
    std::string message = cli11_message(e.what());
    if (cur->get_require_subcommand_min() > 0 && cur->get_subcommands().empty()) {
        // A group, and none of its commands: `gov issue` shows the group's
        // help, `gov issue lsit` what is near "lsit".
        auto here = cur->remaining();
        if (here.empty() && dynamic_cast<const CLI::RequiredError*>(&e)) {
            err << help_of(*cur, path);
            return exit_usage;
        }
        if (!here.empty() && !here.front().empty() && here.front()[0] != '-') {
            auto u = unknown_command(here.front(), cur == &app ? "" : path, visible_names(*cur));
            print_error(err, u.what(), u.details());
            return exit_usage;
        }
        // An option the group does not take: CLI11 says first that a
        // subcommand is required, which hides what was wrong.
        if (!here.empty()) message = unexpected(rest);
    } else if (dynamic_cast<const CLI::ExtrasError*>(&e) && !rest.empty()) {
        message = unexpected(rest);
    }
    print_error(err, message, {usage_hint(path)});
    return exit_usage;
}

}  // namespace gov::cli
