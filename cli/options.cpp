#include "options.hpp"

#include "commands/project_commands.hpp"
#include "dates.hpp"
#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"

namespace gov::cli {

CLI::Option* status_option(CLI::App& cmd, std::function<void(const std::string&)> add) {
    return cmd.add_option_function<std::vector<std::string>>(
        "--status",
        [add = std::move(add)](const std::vector<std::string>& names) {
            for (const auto& n : names) add(n);
        },
        tr("in this status (repeatable: any of them)"));
}

void place_options(CLI::App& cmd, std::optional<std::string>& compound,
                   std::optional<std::string>& building, const char* compound_help,
                   const char* building_help) {
    cmd.add_option("--compound", compound, compound_help);
    cmd.add_option("--building", building, building_help);
}

CLI::Option* limit_option(CLI::App& cmd, std::optional<std::int64_t>& limit, const char* help) {
    return cmd.add_option_function<std::int64_t>(
        "--limit",
        [&limit](std::int64_t n) {
            if (n < 0) throw usage_error(tr("--limit must not be negative"));
            limit = n;
        },
        help);
}

CLI::Option* date_filter_option(CLI::App& cmd, const std::string& name, std::optional<date>& day,
                                const char* help, bool empty_unsets) {
    return cmd.add_option_function<std::string>(
        name,
        [&day, name, empty_unsets](const std::string& text) {
            day = empty_unsets ? optional_date_option(name.c_str(), text)
                               : std::optional(date_option(name.c_str(), text));
        },
        help);
}

CLI::Option* record_option(CLI::App& cmd, const std::string& name, std::optional<std::int64_t>& id,
                           const char* what, const char* help) {
    return cmd.add_option_function<std::string>(
        name,
        [&id, what](const std::string& text) {
            id = text.empty() ? std::nullopt : std::optional(parse_record_id(text, what));
        },
        help);
}

}  // namespace gov::cli
