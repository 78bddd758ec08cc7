#include "app.hpp"

#include <unistd.h>

#include <algorithm>
#include <exception>
#include <iostream>
#include <string_view>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <CLI/CLI.hpp>

#include "commands/commands.hpp"
#include "exit_codes.hpp"
#include "gov/error.hpp"
#include "gov/i18n.hpp"
#include "gov/version.hpp"
#include "session.hpp"

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

// The top-level command names of the groups, each once, in table order.
std::vector<std::string_view> command_names() {
    std::vector<std::string_view> out;
    for (const auto& g : command_groups)
        for (auto name : split_names(g.names))
            if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
    return out;
}

// The command a command line asks for: its first word that is neither a
// global option nor an option's value. Empty for `gov`, `gov --help`, …
std::string_view requested_command(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        if (arg == "--config" || arg == "--as") {
            ++i;
            continue;
        }
        if (!arg.empty() && arg[0] == '-') continue;
        return arg;
    }
    return {};
}

// Only the group a command belongs to is built: constructing every
// command's options cost a third of a command's start-up, and grows with
// each group. `gov`, `gov --help` and the like get them all.
void add_command_groups(CLI::App& app, session& s, std::string_view command) {
    for (const auto& g : command_groups)
        if (command.empty() || names_command(g.names, command)) g.add(app, s);
}

void print_error(std::ostream& err, const std::string& message,
                 const std::vector<std::string>& details) {
    bool color = ::isatty(STDERR_FILENO) == 1 && !env("NO_COLOR").value_or("").size();
    err << (color ? "\x1b[31mgov: error:\x1b[0m " : "gov: error: ") << message << '\n';
    for (const auto& d : details) err << "  " << d << '\n';
}

}  // namespace

CLI::Option* add_format_option(CLI::App& cmd, std::string& format) {
    return cmd.add_option("--format", format, tr("output format: table, json, csv or markdown"))
        ->default_str("table");
}

int run(int argc, char** argv) {
    session s(std::cout, std::cerr);
    CLI::App app{tr("gov — records of a residential community's self-governance"), "gov"};
    app.set_version_flag("--version", fmt::format("gov {}", version()));
    app.add_option("--config", s.options.config_path,
                   tr("gov.toml to use (else GOV_CONFIG, else the nearest one above here)"));
    app.add_option("--as", s.options.actor,
                   tr("who is acting, for the audit log (else GOV_ACTOR, else the login name)"));
    app.require_subcommand(1);
    app.footer(
        tr("Exit codes: 0 ok, 1 check failed, 2 usage, 3 configuration, 4 invalid input,\n"
           "5 not found, 6 conflict, 7 storage, 70 internal error. See docs/cli.md."));
    std::string_view command = requested_command(argc, argv);
    auto names = command_names();
    if (!command.empty() && std::find(names.begin(), names.end(), command) == names.end()) {
        print_error(std::cerr, fmt::format(fmt::runtime(tr("unknown command \"{}\"")), command),
                    {fmt::format(fmt::runtime(tr("commands: {}")), fmt::join(names, ", "))});
        return exit_usage;
    }
    add_command_groups(app, s, command);
    try {
        app.parse(argc, argv);
        return exit_ok;
    } catch (const CLI::ParseError& e) {
        // --help and --version arrive here too, with exit code 0.
        if (e.get_exit_code() == 0) return app.exit(e, std::cout, std::cerr);
        app.exit(e, std::cout, std::cerr);
        return exit_usage;
    } catch (const gov::error& e) {
        print_error(std::cerr, e.what(), e.details());
        return exit_code_for(e.kind());
    } catch (const std::exception& e) {
        print_error(std::cerr, fmt::format("internal error: {}", e.what()), {});
        return exit_internal;
    }
}

}  // namespace gov::cli
