#pragma once
/// \file
/// An open community: its configuration, its database, where "now" comes
/// from and who is acting. Every libgov operation on records takes one, so
/// nothing in the library reaches for globals.

#include <filesystem>
#include <string>
#include <string_view>

#include "gov/store/config.hpp"
#include "gov/store/store.hpp"
#include "gov/values/clock.hpp"
#include "gov/values/date.hpp"

namespace gov {

class context {
  public:
    /// `clk` must outlive the context.
    context(config cfg, store db, const clock& clk, std::string actor);

    const config& cfg() const { return m_cfg; }
    store& db() { return m_db; }
    const clock& clk() const { return *m_clock; }
    const std::string& actor() const { return m_actor; }

    timestamp now() const { return m_clock->now(); }
    /// Today's date in the community's local time.
    date today() const { return local_date(now(), m_cfg.utc_offset); }

  private:
    config m_cfg;
    store m_db;
    const clock* m_clock;
    std::string m_actor;
};

/// Opens the database named by a configuration.
context open_context(const config& cfg, const clock& clk, std::string actor);

/// What `gov init` made.
struct init_result {
    std::filesystem::path config_file;
    std::filesystem::path database;
};

/// Creates a community in `dir` (made if missing): a commented gov.toml and
/// its database, with an audit event recording the creation. Refuses (throws
/// conflict) when either file exists, and then writes nothing.
init_result init_community(const std::filesystem::path& dir, std::string_view name,
                           const clock& clk, const std::string& actor);

}  // namespace gov
