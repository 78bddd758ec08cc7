// gov init [DIR] --name NAME
#include <fmt/format.h>

#include "commands.hpp"
#include "gov/store/context.hpp"
#include "gov/values/i18n.hpp"

namespace gov::cli {

void register_init(CLI::App& app, session& s) {
    struct opts {
        std::string dir = ".";
        std::string name;
    };
    auto o = std::make_shared<opts>();
    auto* cmd = app.add_subcommand("init", tr("create gov.toml and the database in a folder"));
    cmd->add_option("dir", o->dir, tr("folder for the community (default: here)"));
    cmd->add_option("--name", o->name, tr("the community's name"))->required();
    cmd->footer(tr("Example: gov init ./binhu --name 滨湖明珠社区"));
    cmd->callback([o, &s] {
        auto made = init_community(o->dir, o->name, s.clk(), s.actor());
        s.out() << fmt::format(fmt::runtime(tr("created {}\ncreated {}\n")),
                               made.config_file.string(), made.database.string());
    });
}

}  // namespace gov::cli
