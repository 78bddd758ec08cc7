// gov tally FILE [--format text|json]: re-check a vote from its self-contained
// file, without a database (docs/tally-format.md).
#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "commands.hpp"
#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"
#include "gov/voting/tally_file.hpp"

namespace gov::cli {

void register_tally(CLI::App& app, session& s) {
    struct opts {
        std::string file;
        std::string format = "text";
    };
    auto o = std::make_shared<opts>();
    auto* cmd = app.add_subcommand(
        "tally", tr("tally a self-contained vote file and explain the result (no database)"));
    cmd->add_option("file", o->file,
                    tr("the vote file (JSON, see docs/tally-format.md); - reads standard input"))
        ->required();
    format_option(*cmd, o->format, result_formats);
    cmd->footer(
        tr("Exit 0 when the file was tallied, whatever the outcome; 4 when it is not a valid "
           "vote file.\nExample: gov tally P2025-001.json --format json"));
    cmd->callback([o, &s] {
        tally_result r;
        if (o->file == "-") {
            r = run_tally_file(std::cin, "<stdin>");
        } else {
            std::ifstream in(o->file, std::ios::binary);
            if (!in)
                throw input_error(
                    fmt::format(fmt::runtime(tr("{}: cannot read the vote file")), o->file));
            r = run_tally_file(in, o->file);
        }
        s.out() << (o->format == "json" ? tally_result_json(r) : explain(r));
    });
}

}  // namespace gov::cli
