#include "progress.hpp"

#include <unistd.h>

#include <cstdio>

#include <fmt/format.h>

#include "gov/text/table.hpp"
#include "session.hpp"

namespace gov::cli {
namespace {

std::chrono::steady_clock::duration delay() {
    std::chrono::duration<double> seconds{1.0};
    if (auto v = env("GOV_PROGRESS_AFTER"); v && !v->empty()) {
        try {
            seconds = std::chrono::duration<double>{std::stod(*v)};
        } catch (...) {
        }
    }
    return std::chrono::duration_cast<std::chrono::steady_clock::duration>(seconds);
}

}  // namespace

progress_meter::progress_meter(std::string what, unit u, bool allowed)
    : m_what(std::move(what)),
      m_unit(u),
      m_enabled(allowed && ::isatty(STDERR_FILENO) == 1),
      m_start(std::chrono::steady_clock::now()),
      m_after(m_enabled ? delay() : std::chrono::steady_clock::duration{}) {}

progress_meter::~progress_meter() {
    done();
}

progress_callback progress_meter::callback() {
    if (!m_enabled) return {};
    return [this](std::uint64_t done, std::uint64_t total) { update(done, total); };
}

void progress_meter::done() {
    if (m_drawn == 0) return;
    fmt::print(stderr, "\r{:{}}\r", "", m_drawn);
    std::fflush(stderr);
    m_drawn = 0;
}

void progress_meter::update(std::uint64_t done, std::uint64_t total) {
    // Called every MiB or every few thousand rows: a clock read is cheap.
    if (std::chrono::steady_clock::now() - m_start < m_after) return;
    int pct = total > 0 ? static_cast<int>(std::min<std::uint64_t>(done, total) * 100 / total) : 0;
    if (pct == m_last && total > 0) return;
    m_last = pct;
    std::string amount = m_unit == unit::bytes ? fmt::format("{}/{} MiB", done >> 20, total >> 20)
                                               : (total > 0 ? fmt::format("{}/{}", done, total)
                                                            : fmt::format("{}", done));
    std::string line;
    if (total > 0) {
        int filled = pct * 30 / 100;
        line = fmt::format("{} [{}{}] {:3}%  {}", m_what,
                           std::string(static_cast<std::size_t>(filled), '#'),
                           std::string(static_cast<std::size_t>(30 - filled), '.'), pct, amount);
    } else {
        line = fmt::format("{}  {}", m_what, amount);
    }
    auto width = static_cast<std::size_t>(display_width(line));
    // Padded to the line before, which may have been longer.
    fmt::print(stderr, "\r{}{:{}}", line, "", m_drawn > width ? m_drawn - width : 0);
    std::fflush(stderr);
    m_drawn = std::max(m_drawn, width);
}

}  // namespace gov::cli
