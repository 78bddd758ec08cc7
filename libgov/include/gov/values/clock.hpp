#pragma once
/// \file
/// Time is injected: the library asks a `clock` for "now" and never reads the
/// system time or the environment itself, so every output can be reproduced
/// (the tool fixes it with GOV_NOW).

#include <chrono>

namespace gov {

/// A point in time, to the second, in UTC.
using timestamp = std::chrono::sys_seconds;

/// Where "now" comes from.
class clock {
  public:
    virtual ~clock() = default;
    virtual timestamp now() const = 0;
};

/// The real time.
class system_clock final : public clock {
  public:
    timestamp now() const override;
};

/// A time fixed once, for tests and reproducible runs.
class fixed_clock final : public clock {
  public:
    explicit fixed_clock(timestamp t) : m_now(t) {}
    timestamp now() const override { return m_now; }

  private:
    timestamp m_now;
};

}  // namespace gov
