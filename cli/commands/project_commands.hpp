#pragma once
// The `gov project` group, split by concept: changing projects
// (project.cpp), the records they accumulate (project_records.cpp), and
// reading them (project_show.cpp).

#include <cstdint>
#include <string>

#include <CLI/CLI.hpp>

#include "gov/projects/project.hpp"
#include "session.hpp"

namespace gov::cli {

void register_project_records(CLI::App& grp, session& s);
void register_project_show(CLI::App& grp, session& s);

/// "3" or "#3"; throws usage_error otherwise. `what` names the record in
/// the message ("a project", "an issue").
std::int64_t parse_record_id(const std::string& text, const char* what = "a project");

/// "健身器材=6" as a deliverable and its target; throws usage_error.
deliverable_target parse_target_option(const std::string& text);

}  // namespace gov::cli
