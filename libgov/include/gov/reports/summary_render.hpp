#pragma once
/// \file
/// A summary as people and machines read it: aligned text for a terminal,
/// Markdown for a CI job summary ($GITHUB_STEP_SUMMARY), JSON (the stable
/// contract, documented in docs/summary-metrics.md), CSV (one long table of
/// section, item, metric, value) and one self-contained HTML page with
/// inline CSS and SVG charts that prints well. Rendering is pure: a summary
/// and gate results in, text out.

#include <string>
#include <string_view>
#include <vector>

#include "gov/reports/gate.hpp"
#include "gov/reports/summary.hpp"
#include "gov/text/table.hpp"

namespace gov {

enum class summary_format { text, markdown, json, csv, html };

/// Parses "text", "markdown", "json", "csv" or "html".
/// \throws usage_error listing the formats.
summary_format parse_summary_format(std::string_view name);

/// One titled part of a summary as a listing ("issues by building", …).
struct summary_section {
    std::string key;    ///< stable, e.g. "by_building" (the CSV's section column)
    std::string title;  ///< translated heading
    table rows;
};

/// The sections every format but JSON shows, in order; gates (if any) last.
std::vector<summary_section> summary_sections(const summary& s,
                                              const std::vector<gate_result>& gates = {});

/// The whole summary in a format; `gates` are shown too (text, Markdown,
/// HTML: a section; JSON: a "gates" array; CSV: rows of section "gates").
std::string render_summary(const summary& s, summary_format format,
                           const std::vector<gate_result>& gates = {});

/// The JSON document (docs/summary-metrics.md), pretty-printed.
std::string render_summary_json(const summary& s, const std::vector<gate_result>& gates = {});

/// The self-contained HTML page.
std::string render_summary_html(const summary& s, const std::vector<gate_result>& gates = {});

}  // namespace gov
