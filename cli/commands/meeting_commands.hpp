#pragma once
// What the meeting command files share.

#include <cstdint>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "session.hpp"

namespace gov::cli {

/// "12", "#12", or "next" (the next planned meeting, of `type` if given).
std::int64_t meeting_ref(session& s, const std::string& text, const std::string& type);

/// Names given as "张三,李四" (also "，" and "、"), repeatable.
std::vector<std::string> split_names(const std::vector<std::string>& given);

/// `gov meeting agenda`, `item`, `minutes`: meeting_agenda.cpp.
void register_meeting_agenda(CLI::App& grp, session& s);

}  // namespace gov::cli
