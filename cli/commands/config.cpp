// gov config check | show
#include <fmt/format.h>

#include "commands.hpp"
#include "gov/store/config.hpp"
#include "gov/values/i18n.hpp"

namespace gov::cli {

void register_config(CLI::App& app, session& s) {
    auto* grp = app.add_subcommand("config", tr("check or show the configuration"));
    grp->require_subcommand(1);
    grp->add_subcommand("check", tr("validate every key of gov.toml (exit 3 on a problem)"))
        ->callback(
            [&s] { s.out() << fmt::format(fmt::runtime(tr("{}: ok\n")), s.cfg().file.string()); });
    grp->add_subcommand("show", tr("print the effective configuration, defaults included"))
        ->callback([&s] { s.out() << render_config(s.cfg()); });
}

}  // namespace gov::cli
