#pragma once
/// \file
/// gov.toml: the one configuration file of a community. Every key is
/// validated; problems are reported together, each with file, line, column
/// and key path, as a config_error (exit 3 in the tool).

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace gov {

/// The effective configuration: every key with its default filled in.
/// Paths are absolute, resolved against the folder of gov.toml.
struct config {
    std::filesystem::path file;                    ///< gov.toml itself (absolute)
    std::string name;                              ///< [community] name
    std::chrono::minutes utc_offset{8 * 60};       ///< [community] utc_offset
    std::filesystem::path database;                ///< [database] path
    std::chrono::milliseconds busy_timeout{5000};  ///< [database] busy_timeout_ms

    std::filesystem::path dir() const { return file.parent_path(); }
};

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
