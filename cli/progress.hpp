#pragma once
// Progress of a long import or export, the same way for every command: one
// line on stderr, redrawn as the percentage changes and cleared at the end:
//
//   reading roster.csv [#########.....................]  31%  12/38 MiB
//
// Only when stderr is a terminal (never into a pipe or a file, so scripts
// and logs never see it) and only once the work has run for a second
// (GOV_PROGRESS_AFTER seconds; 0 shows it at once), so quick runs show
// nothing. No colour. The library reports through the callback it is given
// (gov/progress.hpp); this draws it.

#include <chrono>
#include <cstdint>
#include <string>

#include "gov/text/progress.hpp"

namespace gov::cli {

class progress_meter {
  public:
    enum class unit { bytes, rows };

    /// `what`: the line's label ("reading roster.csv", "writing issues").
    /// `allowed` false keeps it off, e.g. while an export writes to stdout
    /// on the same terminal.
    progress_meter(std::string what, unit u, bool allowed = true);
    ~progress_meter();
    progress_meter(const progress_meter&) = delete;
    progress_meter& operator=(const progress_meter&) = delete;

    /// The callback for a library request; valid while this meter lives.
    progress_callback callback();
    /// Clears the line: before the command prints its result.
    void done();

  private:
    void update(std::uint64_t done, std::uint64_t total);

    std::string m_what;
    unit m_unit;
    bool m_enabled;
    std::chrono::steady_clock::time_point m_start;
    std::chrono::steady_clock::duration m_after;
    int m_last = -1;          // the percentage drawn last
    std::size_t m_drawn = 0;  // the display width of the line drawn, 0 for none
};

}  // namespace gov::cli
