#pragma once
/// \file
/// gov.toml: the one configuration file of a community. Every key is
/// validated; problems are reported together, each with file, line, column
/// and key path, as a config_error (exit 3 in the tool). docs/config.md
/// documents every key.

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gov {

/// [roster]: how roster files are read and residents matched.
struct roster_config {
    /// Roles in a household (身份); the first is the owner role unless owner_role says otherwise.
    std::vector<std::string> roles{"业主", "家属", "租户", "陪读家庭"};
    /// The role whose residents are owners (one head per owner in votes).
    std::string owner_role = "业主";
    /// How a file row finds its stored resident: "name+phone" (falling back to
    /// name+room for a row without a phone) or "name+room".
    std::string match = "name+phone";
    /// Default encoding of roster files: "auto", "utf-8" or "gb18030".
    std::string encoding = "auto";
    /// [roster.columns]: logical field → header name in the file. English
    /// field names (name, phone, …) are always accepted as headers too.
    std::map<std::string, std::string> columns;
};

/// One issue category with its deadline.
struct issue_category {
    std::string name;
    int deadline_days = 0;
};

/// [issues]: categories, severities, priorities and the status workflow.
struct issues_config {
    std::vector<issue_category> categories;
    std::vector<std::string> severities{"小事", "大事", "难事"};
    std::vector<std::string> priorities{"紧急", "高", "中", "低"};
    std::string default_priority = "中";
    /// [issues.workflow]
    std::string initial_status = "open";
    /// Statuses in which an issue no longer counts as open (never overdue).
    std::vector<std::string> done_statuses{"resolved", "closed", "rejected"};
    /// Statuses that need a resolution text to enter.
    std::vector<std::string> resolution_required{"resolved"};
    /// status → statuses it may move to; its keys are all the statuses.
    std::map<std::string, std::vector<std::string>> transitions;
    /// [issues.columns]: logical field → header name for `gov issue import`.
    std::map<std::string, std::string> columns;

    const issue_category* category(std::string_view name) const;
    bool is_status(std::string_view s) const { return transitions.count(std::string(s)) > 0; }
    bool is_done(std::string_view s) const;
};

/// [projects]: how the progress of projects is measured.
struct projects_config {
    /// What progress is derived from: "milestones" (done of all) or
    /// "deliverables" (items delivered of items targeted). See
    /// gov/project_progress.hpp.
    std::string progress = "deliverables";
};

/// One section of a meeting type's agenda template: a heading, a time box
/// and the rule that selects its items (see gov/agenda.hpp).
struct agenda_section_config {
    std::string key;    ///< stable name, e.g. "follow-up"; items added by hand name it
    std::string title;  ///< heading, e.g. "上次会议行动项跟进"
    int minutes = 0;    ///< time box of the section; 0 = none
    /// "follow-up", "new", "overdue", "decisions", "projects" or "other"
    /// (only items added by hand).
    std::string rule;
};

/// [meetings.types.KEY]: one kind of meeting.
struct meeting_type_config {
    std::string key;   ///< e.g. "leaders"
    std::string name;  ///< e.g. "楼长见面会"
    /// Title of a new meeting: {year}, {month}, {day}, {date} and {name} are filled in.
    std::string title;
    int duration_minutes = 60;
    std::string start = "19:00";  ///< default local start time, "HH:MM"
    std::string place;
    /// Who must be there: party kinds ("community", "owners_committee",
    /// "property_management", …) and "residents" for resident representatives.
    std::vector<std::string> parties;
    /// "none", "all-parties" (each of `parties` present) or
    /// "leaders-majority" (more than half of the building leaders present).
    std::string quorum = "none";
    std::vector<agenda_section_config> sections;
};

/// [meetings]: meeting types, their agenda templates and quorum rules.
struct meetings_config {
    /// The type `gov meeting agenda next` means when no --type is given.
    std::string default_type = "leaders";
    /// The issue category of action items made from minutes.
    std::string action_category = "其他";
    /// The types by key.
    std::map<std::string, meeting_type_config> types;

    /// The type named `key`, or nullptr.
    const meeting_type_config* type(std::string_view key) const;
};

/// The effective configuration: every key with its default filled in.
/// Paths are absolute, resolved against the folder of gov.toml.
struct config {
    std::filesystem::path file;                    ///< gov.toml itself (absolute)
    std::string name;                              ///< [community] name
    std::chrono::minutes utc_offset{8 * 60};       ///< [community] utc_offset
    std::filesystem::path database;                ///< [database] path
    std::chrono::milliseconds busy_timeout{5000};  ///< [database] busy_timeout_ms
    roster_config roster;
    issues_config issues;
    projects_config projects;
    meetings_config meetings;

    config();
    std::filesystem::path dir() const { return file.parent_path(); }
};

/// Default header names of the roster file, by logical field, in file order.
const std::vector<std::pair<std::string, std::string>>& default_roster_columns();

/// Default header names of the issue file, by logical field, in file order.
const std::vector<std::pair<std::string, std::string>>& default_issue_columns();

/// Parses and validates configuration text. `file` names it in messages and
/// anchors relative paths. Throws config_error listing every problem.
config parse_config(std::string_view text, const std::filesystem::path& file);

/// Reads and validates a gov.toml. Throws config_error when it is missing,
/// unreadable or invalid.
config load_config(const std::filesystem::path& file);

/// Where the configuration is: `explicit_path` (--config) if given, else
/// `env_path` (GOV_CONFIG) if given, else the nearest gov.toml in `start` or
/// one of its parents. Throws config_error when none is found.
std::filesystem::path find_config(const std::optional<std::filesystem::path>& explicit_path,
                                  const std::optional<std::string>& env_path,
                                  const std::filesystem::path& start);

/// The effective configuration as TOML (what `gov config show` prints).
std::string render_config(const config& cfg);

/// The commented gov.toml that `gov init` writes for a new community.
std::string config_template(std::string_view name);

}  // namespace gov
