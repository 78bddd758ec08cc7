#pragma once
/// \file
/// The one exception hierarchy of libgov. The library never prints or exits:
/// it throws one of these, and the tool maps each kind to its exit code
/// (docs/cli.md). Messages name the file, line, field or record involved.

#include <stdexcept>
#include <string>
#include <vector>

namespace gov {

/// What went wrong, as far as a caller needs to decide what to do about it.
enum class error_kind {
    check_failed,  ///< a check ran and found a problem (gate tripped, audit broken)
    usage,         ///< a bad option or argument value
    config,        ///< gov.toml missing, unreadable or invalid
    input,         ///< invalid input data: a CSV row, a JSON file, a field value
    not_found,     ///< a named record does not exist
    conflict,      ///< conflict or illegal state change
    storage,       ///< database busy, corrupt, too new, I/O
    internal,      ///< a bug
};

/// Base of every error libgov throws. `details()` carries further lines (for
/// example every bad row of an import), each a complete message of its own.
class error : public std::runtime_error {
  public:
    error(error_kind kind, const std::string& message, std::vector<std::string> details = {});
    error_kind kind() const noexcept { return m_kind; }
    const std::vector<std::string>& details() const noexcept { return m_details; }

  private:
    error_kind m_kind;
    std::vector<std::string> m_details;
};

class check_failed : public error {
  public:
    explicit check_failed(const std::string& m, std::vector<std::string> d = {})
        : error(error_kind::check_failed, m, std::move(d)) {}
};
class usage_error : public error {
  public:
    explicit usage_error(const std::string& m, std::vector<std::string> d = {})
        : error(error_kind::usage, m, std::move(d)) {}
};
class config_error : public error {
  public:
    explicit config_error(const std::string& m, std::vector<std::string> d = {})
        : error(error_kind::config, m, std::move(d)) {}
};
class input_error : public error {
  public:
    explicit input_error(const std::string& m, std::vector<std::string> d = {})
        : error(error_kind::input, m, std::move(d)) {}
};
class not_found : public error {
  public:
    explicit not_found(const std::string& m, std::vector<std::string> d = {})
        : error(error_kind::not_found, m, std::move(d)) {}
};
class conflict : public error {
  public:
    explicit conflict(const std::string& m, std::vector<std::string> d = {})
        : error(error_kind::conflict, m, std::move(d)) {}
};
class storage_error : public error {
  public:
    explicit storage_error(const std::string& m, std::vector<std::string> d = {})
        : error(error_kind::storage, m, std::move(d)) {}
};
class internal_error : public error {
  public:
    explicit internal_error(const std::string& m, std::vector<std::string> d = {})
        : error(error_kind::internal, m, std::move(d)) {}
};

}  // namespace gov
