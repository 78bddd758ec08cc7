#pragma once
// What every command shares: the global options, the environment gov honours
// (GOV_CONFIG, GOV_NOW, GOV_ACTOR, NO_COLOR, COLUMNS), the output streams,
// and the community context, opened only when a command needs it.

#include <iosfwd>
#include <memory>
#include <optional>
#include <string>

#include "gov/store/context.hpp"
#include "gov/text/table.hpp"
#include "gov/values/clock.hpp"

namespace gov::cli {

struct global_options {
    std::string config_path;  ///< --config
    std::string actor;        ///< --as
};

class session {
  public:
    session(std::ostream& out, std::ostream& err);

    global_options options;

    std::ostream& out() { return m_out; }
    std::ostream& err() { return m_err; }

    /// GOV_NOW when set (ISO-8601; throws usage_error when malformed), else the system time.
    const clock& clk();
    /// --as, else GOV_ACTOR, else the login name.
    std::string actor() const;
    /// The configuration found by --config, GOV_CONFIG or walking up from here.
    const config& cfg();
    /// The open community (configuration + database).
    context& ctx();

    /// The community's UTC offset ([community] utc_offset; +08:00 before a
    /// configuration is read).
    std::chrono::minutes utc_offset() const;
    /// An instant as people read it: local time, "2026-12-07 09:00".
    std::string local_time(timestamp t) const;
    /// The same for an instant's text ("" stays "").
    std::string local_time(const std::string& iso) const;

    /// Prints a listing in the chosen format, sized to the terminal; its
    /// instant columns in local time for a table or Markdown.
    void print(const table& t, output_format format);
    /// Prints a terminal table, sized to the terminal.
    void print(const text_table& t);
    /// Writes a rendered document to stdout, or to `file` (`-o FILE`),
    /// replacing it; a file that cannot be written is a storage error (7).
    void emit(const std::string& text, const std::string& file);
    /// Whether stdout is a terminal (progress bars and colour only then).
    bool out_is_terminal() const;
    bool color() const;

  private:
    /// How listings are drawn here: the terminal's width (or COLUMNS), colour.
    table_style style();

    std::ostream& m_out;
    std::ostream& m_err;
    std::unique_ptr<clock> m_clock;
    std::optional<config> m_cfg;
    std::optional<context> m_ctx;
};

/// The value of an environment variable, if set.
std::optional<std::string> env(const char* name);

}  // namespace gov::cli
