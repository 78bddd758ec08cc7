#pragma once
// One file per command group; each registers its subcommands on the root app.

#include <CLI/CLI.hpp>

#include "formats.hpp"
#include "session.hpp"

namespace gov::cli {

void register_init(CLI::App& app, session& s);
void register_config(CLI::App& app, session& s);
void register_audit(CLI::App& app, session& s);
void register_db(CLI::App& app, session& s);
void register_issue(CLI::App& app, session& s);
void register_meeting(CLI::App& app, session& s);
void register_proposal(CLI::App& app, session& s);
/// `gov project`: new, list, show, update, status, milestone, deliver, fund, note, link.
void register_project(CLI::App& app, session& s);
void register_vote(CLI::App& app, session& s);
void register_tally(CLI::App& app, session& s);
/// The `roster` group (list, show, stats, export); `import` joins it afterwards.
void register_roster(CLI::App& app, session& s);
void register_resident(CLI::App& app, session& s);
void register_building(CLI::App& app, session& s);
void register_party(CLI::App& app, session& s);
void register_org(CLI::App& app, session& s);
/// `gov report summary`.
void register_report(CLI::App& app, session& s);
/// `gov export DIR` and `gov import DIR` (records as text).
void register_export(CLI::App& app, session& s);
/// Adds `import` to the `roster` group: must come after register_roster.
void register_roster_import(CLI::App& app, session& s);

}  // namespace gov::cli
