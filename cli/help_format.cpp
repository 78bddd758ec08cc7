#include "help_format.hpp"

#include <memory>
#include <sstream>
#include <string>

#include "gov/text/table.hpp"
#include "gov/values/i18n.hpp"

namespace gov::cli {
namespace {

// CLI11's format_help with the name column padded by display width, not by
// bytes: "--voter-column TEXT=房号" is 25 columns wide but 29 bytes long.
std::string help_line(const std::string& name, const std::string& description, std::size_t width) {
    std::string out = "  " + name;
    auto shown = static_cast<std::size_t>(display_width(out));
    if (!description.empty()) {
        if (shown >= width) {
            out += '\n';
            shown = 0;
        }
        out.append(width - shown, ' ');
        for (char c : description) {
            out += c;
            if (c == '\n') out.append(width, ' ');
        }
    } else if (shown < width) {
        out.append(width - shown, ' ');
    }
    return out + '\n';
}

class help_formatter : public CLI::Formatter {
  public:
    help_formatter() {
        // The words CLI11 writes itself, looked up through get_label().
        for (const char* word :
             {tr_noop("Usage"), tr_noop("OPTIONS"), tr_noop("SUBCOMMAND"), tr_noop("SUBCOMMANDS"),
              tr_noop("Positionals"), tr_noop("REQUIRED"), tr_noop("Env"), tr_noop("Needs"),
              tr_noop("Excludes"), tr_noop("TEXT"), tr_noop("INT"), tr_noop("UINT"),
              tr_noop("FLOAT")})
            label(word, tr(word));
    }

    std::string make_option(const CLI::Option* opt, bool is_positional) const override {
        return help_line(make_option_name(opt, is_positional) + make_option_opts(opt),
                         make_option_desc(opt), get_column_width());
    }

    std::string make_subcommand(const CLI::App* sub) const override {
        return help_line(sub->get_display_name(true), sub->get_description(), get_column_width());
    }
};

}  // namespace

void prepare_help(CLI::App& app) {
    app.formatter(std::make_shared<help_formatter>());
    app.group(tr("Subcommands"));
    app.set_help_flag("-h,--help", tr("Print this help message and exit"));
}

void translate_option_groups(CLI::App& app) {
    // CLI11 gives each subcommand's help flag the group "Options" before it
    // copies the parent's defaults, so the group is renamed where it ended up.
    const std::string options = tr("Options");
    for (CLI::Option* opt : app.get_options())
        if (opt->get_group() == "Options") opt->group(options);
    for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; }))
        translate_option_groups(*sub);
}

}  // namespace gov::cli
