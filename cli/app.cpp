#include "app.hpp"

#include <algorithm>
#include <exception>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "commands/commands.hpp"
#include "exit_codes.hpp"
#include "gov/store/version.hpp"
#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"
#include "help_format.hpp"
#include "language.hpp"
#include "session.hpp"
#include "usage.hpp"

namespace gov::cli {
namespace {

using registrar = void (*)(CLI::App&, session&);

struct command_group {
    std::string_view names;  // the top-level commands it adds, space-separated
    registrar add;
};

// The command groups, in the order `gov --help` lists them.
constexpr command_group command_groups[] = {
    {"init", register_init},
    {"config", register_config},
    {"audit", register_audit},
    {"db", register_db},
    {"roster", register_roster},
    {"roster", register_roster_import},  // after register_roster, whose group it joins
    {"resident", register_resident},
    {"building", register_building},
    {"party", register_party},
    {"org", register_org},
    {"issue", register_issue},
    {"meeting", register_meeting},
    {"proposal", register_proposal},
    {"vote", register_vote},
    {"tally", register_tally},
    {"project", register_project},
    {"report", register_report},
    {"export import", register_export},
};

std::vector<std::string_view> split_names(std::string_view names) {
    std::vector<std::string_view> out;
    while (!names.empty()) {
        auto space = names.find(' ');
        out.push_back(names.substr(0, space));
        names.remove_prefix(space == std::string_view::npos ? names.size() : space + 1);
    }
    return out;
}

bool names_command(std::string_view names, std::string_view command) {
    auto all = split_names(names);
    return std::find(all.begin(), all.end(), command) != all.end();
}

// The top-level command names, as `gov --help` lists them: those of the
// groups, each once, in table order, then `help`.
std::vector<std::string> command_names() {
    std::vector<std::string> out;
    for (const auto& g : command_groups)
        for (auto name : split_names(g.names))
            if (std::find(out.begin(), out.end(), name) == out.end()) out.emplace_back(name);
    out.emplace_back("help");
    return out;
}

// The words of a command line that are neither a global option nor an
// option's value, from the first: `gov --as 王 issue list` gives issue, list.
std::vector<std::string_view> command_words(const std::vector<std::string>& args) {
    std::vector<std::string_view> out;
    for (std::size_t i = 1; i < args.size(); ++i) {
        std::string_view arg = args[i];
        if (out.empty() && (arg == "--config" || arg == "--as")) {
            ++i;
            continue;
        }
        if (!arg.empty() && arg[0] == '-') continue;
        out.push_back(arg);
    }
    return out;
}

// Only the group a command belongs to is built: constructing every
// command's options cost a third of a command's start-up, and grows with
// each group. `gov`, `gov --help` and the like get them all.
void add_command_groups(CLI::App& app, session& s, std::string_view command) {
    for (const auto& g : command_groups)
        if (command.empty() || names_command(g.names, command)) g.add(app, s);
}

// Chooses the language before anything is said: --lang, taken out of the
// command line here, else the environment's. A bad --lang is reported in
// the environment's language.
std::optional<int> set_up_language(std::vector<std::string>& args, std::ostream& err) {
    try {
        auto chosen = take_lang_option(args);
        use_language(chosen.value_or(language_from_environment()));
        return std::nullopt;
    } catch (const gov::error& e) {
        use_language(language_from_environment());
        print_error(err, e.what(), e.details());
        return exit_code_for(e.kind());
    }
}

}  // namespace

int run(int argc, char** argv) {
    std::vector<std::string> args(argv, argv + argc);
    if (auto failed = set_up_language(args, std::cerr)) return *failed;
    session s(std::cout, std::cerr);
    CLI::App app{tr("gov — records of a residential community's self-governance"), "gov"};
    prepare_help(app);
    app.set_version_flag("--version", fmt::format("gov {}", version()),
                         tr("Display program version information and exit"));
    app.add_option("--config", s.options.config_path,
                   tr("gov.toml to use (else GOV_CONFIG, else the nearest one above here)"));
    app.add_option("--as", s.options.actor,
                   tr("who is acting, for the audit log (else GOV_ACTOR, else the login name)"));
    // Read and taken out of the command line by set_up_language, so it may
    // stand anywhere; declared here only for --help.
    std::string lang_for_help;
    app.add_option(
        "--lang", lang_for_help,
        tr("language of messages: en or zh_CN (else LANGUAGE, LC_ALL, LC_MESSAGES, LANG)"));
    app.require_subcommand(1);
    app.footer(
        tr("Exit codes: 0 ok, 1 check failed, 2 usage, 3 configuration, 4 invalid input,\n"
           "5 not found, 6 conflict, 7 storage, 70 internal error. See docs/cli.md."));
    try {
        auto words = command_words(args);
        std::string_view command = words.empty() ? std::string_view() : words[0];
        auto names = command_names();
        if (!command.empty() && std::find(names.begin(), names.end(), command) == names.end())
            throw unknown_command(command, "", names);
        // `gov help issue` needs the issue group; `gov help`, all of them.
        if (command == "help") command = words.size() > 1 ? words[1] : std::string_view();
        add_command_groups(app, s, command);
        add_help_command(app, s, names);
        translate_option_groups(app);
        // CLI11 takes the arguments last first.
        std::vector<std::string> reversed(args.rbegin(), args.rend() - 1);
        app.parse(reversed);
        return exit_ok;
    } catch (const CLI::ParseError& e) {
        return answer_parse_error(app, e, std::cout, std::cerr);
    } catch (const gov::error& e) {
        print_error(std::cerr, e.what(), e.details());
        return exit_code_for(e.kind());
    } catch (const std::exception& e) {
        print_error(std::cerr, fmt::format(fmt::runtime(tr("internal error: {}")), e.what()), {});
        return exit_internal;
    }
}

}  // namespace gov::cli
