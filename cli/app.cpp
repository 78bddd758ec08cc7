#include "app.hpp"

#include <unistd.h>

#include <exception>
#include <iostream>

#include <fmt/format.h>
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

// The command groups, in the order `gov --help` lists them.
constexpr registrar command_groups[] = {
    register_init,          register_config,   register_audit, register_db,  register_roster,
    register_roster_import,  // after register_roster, whose group it joins
    register_resident,      register_building, register_party, register_org, register_issue,
    register_proposal,      register_vote,     register_tally,
};

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
    for (registrar r : command_groups) r(app, s);
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
