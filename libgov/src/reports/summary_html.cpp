// A summary as one self-contained HTML page: inline CSS, inline SVG charts
// (issues opened and resolved per month, open issues by category), no
// scripts, no external fonts or images, so it can be mailed, archived as a
// CI artifact and printed. Chart geometry is integer arithmetic.
#include <algorithm>

#include <fmt/format.h>

#include "gov/reports/summary_render.hpp"
#include "gov/values/i18n.hpp"
#include "text/interface.hpp"

namespace gov {
namespace {

std::string esc(std::string_view s) {
    return detail::html_escape(s);
}

constexpr const char* style = R"css(
:root { --ink: #1f2933; --muted: #616e7c; --line: #d9dee3; --open: #c2410c; --done: #2f855a;
        --bar: #2b6cb0; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1040px; padding: 24px 28px; color: var(--ink);
       font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
                    "WenQuanYi Micro Hei", "Helvetica Neue", Arial, sans-serif;
       font-size: 14px; line-height: 1.5; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
.sub { color: var(--muted); margin: 0 0 18px; }
.kpis { display: grid; grid-template-columns: repeat(6, 1fr); gap: 10px; }
.kpi { border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; }
.kpi .n { font-size: 26px; font-weight: 700; font-variant-numeric: tabular-nums; }
.kpi .l { color: var(--muted); font-size: 12px; }
.kpi.alert .n { color: var(--open); }
.charts { display: grid; grid-template-columns: 3fr 2fr; gap: 18px; margin-top: 8px; }
figure { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: 10px; }
figcaption { font-weight: 600; margin-bottom: 6px; }
svg { width: 100%; height: auto; display: block; }
svg text { font-family: inherit; font-size: 11px; fill: var(--ink); }
table { border-collapse: collapse; width: 100%; margin: 4px 0 8px; }
th, td { padding: 4px 8px; border-bottom: 1px solid var(--line); text-align: left;
         vertical-align: top; }
th { background: #f4f6f8; font-weight: 600; }
td.r, th.r { text-align: right; font-variant-numeric: tabular-nums; }
tr.fail td { color: var(--open); font-weight: 600; }
.none { color: var(--muted); font-style: italic; }
footer { margin-top: 28px; color: var(--muted); font-size: 12px; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  .kpis { grid-template-columns: repeat(6, 1fr); }
  h2 { break-after: avoid; }
  figure, table, .kpis { break-inside: avoid; }
  th { background: none; }
}
)css";

std::int64_t nice_max(std::int64_t v) {
    if (v <= 5) return 5;
    std::int64_t step = 1;
    while (step * 10 < v) step *= 10;
    for (std::int64_t m : {1, 2, 5, 10})
        if (step * m >= v) return step * m;
    return step * 10;
}

std::string months_chart(const summary& s) {
    const int width = 600, height = 250, left = 40, bottom = 40, top = 26;
    const int plot_h = height - bottom - top;
    std::int64_t peak = 0;
    for (const auto& m : s.months) peak = std::max({peak, m.opened, m.resolved});
    const std::int64_t ymax = nice_max(peak);
    const int n = std::max<int>(1, static_cast<int>(s.months.size()));
    const int slot = (width - left - 10) / n;
    const int bar = std::max(4, (slot - 8) / 2);
    std::string svg = fmt::format("<svg viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}\">",
                                  width, height, esc(tr("Issues opened and resolved per month")));
    for (int i = 0; i <= 5; ++i) {
        int y = top + plot_h - plot_h * i / 5;
        svg += fmt::format(
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#d9dee3\"/>"
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            left, y, width - 6, y, left - 6, y + 4, ymax * i / 5);
    }
    for (int i = 0; i < static_cast<int>(s.months.size()); ++i) {
        const auto& m = s.months[static_cast<std::size_t>(i)];
        int x = left + i * slot + 4;
        auto h = [&](std::int64_t v) { return static_cast<int>(v * plot_h / ymax); };
        int ho = h(m.opened), hr = h(m.resolved);
        svg += fmt::format(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#c2410c\"><title>{} {}: "
            "{}</title></rect>",
            x, top + plot_h - ho, bar, ho, esc(m.month), esc(tr("opened")), m.opened);
        svg += fmt::format(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#2f855a\"><title>{} {}: "
            "{}</title></rect>",
            x + bar, top + plot_h - hr, bar, hr, esc(m.month), esc(tr("resolved")), m.resolved);
        // "11" under each bar pair, the year under January and the first month.
        std::string label = m.month.substr(5);
        svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>", x + bar,
                           top + plot_h + 15, esc(label));
        if (i == 0 || label == "01")
            svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>", x + bar,
                               top + plot_h + 30, esc(m.month.substr(0, 4)));
    }
    svg += fmt::format(
        "<rect x=\"{0}\" y=\"6\" width=\"12\" height=\"12\" fill=\"#c2410c\"/>"
        "<text x=\"{1}\" y=\"16\">{2}</text>"
        "<rect x=\"{3}\" y=\"6\" width=\"12\" height=\"12\" fill=\"#2f855a\"/>"
        "<text x=\"{4}\" y=\"16\">{5}</text></svg>",
        left, left + 16, esc(tr("opened")), left + 96, left + 112, esc(tr("resolved")));
    return svg;
}

std::string category_chart(const summary_totals& t) {
    std::vector<const named_count*> rows;
    for (const auto& c : t.by_category)
        if (c.open > 0) rows.push_back(&c);
    if (rows.empty()) return "<p class=\"none\">" + esc(tr("No open issues.")) + "</p>";
    const int width = 400, label_w = 110, row_h = 24, top = 8;
    const int height = top + row_h * static_cast<int>(rows.size()) + 8;
    std::int64_t peak = 1;
    for (const auto* c : rows) peak = std::max(peak, c->open);
    const int plot_w = width - label_w - 110;  // room for "12 (3 overdue)"
    std::string svg = fmt::format("<svg viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}\">",
                                  width, height, esc(tr("Open issues by category")));
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& c = *rows[i];
        int y = top + static_cast<int>(i) * row_h;
        int w = std::max(2, static_cast<int>(c.open * plot_w / peak));
        int wo = static_cast<int>(c.overdue * plot_w / peak);
        svg += fmt::format(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>"
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"16\" fill=\"#2b6cb0\"/>",
            label_w - 6, y + 13, esc(c.name), label_w, y + 1, w);
        if (wo > 0)
            svg +=
                fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"16\" fill=\"#c2410c\"/>",
                            label_w, y + 1, wo);
        svg += fmt::format("<text x=\"{}\" y=\"{}\">{}</text>", label_w + w + 5, y + 13,
                           c.overdue ? fmt::format("{} ({} {})", c.open, c.overdue, tr("overdue"))
                                     : std::to_string(c.open));
    }
    return svg + "</svg>";
}

std::string project_chart(const summary& s) {
    if (s.projects.empty()) return "<p class=\"none\">" + esc(tr("No projects.")) + "</p>";
    const int width = 600, label_w = 200, row_h = 24, top = 8;
    const int height = top + row_h * static_cast<int>(s.projects.size()) + 8;
    const int plot_w = width - label_w - 110;  // room for "100% (manual)"
    std::string svg = fmt::format("<svg viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}\">",
                                  width, height, esc(tr("Project progress")));
    for (std::size_t i = 0; i < s.projects.size(); ++i) {
        const auto& p = s.projects[i];
        const int y = top + static_cast<int>(i) * row_h;
        const int percent = p.progress.value_or(0);
        const int w = percent * plot_w / 100;
        const std::string fill = p.overdue || p.overdue_milestones > 0
                                     ? "#c2410c"
                                     : (percent == 100 ? "#2f855a" : "#2b6cb0");
        svg += fmt::format(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>"
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"16\" fill=\"#eef1f4\"/>",
            label_w - 6, y + 13, esc(p.title), label_w, y + 1, plot_w);
        if (w > 0)
            svg += fmt::format(
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"16\" fill=\"{}\"><title>{}: "
                "{}%</title></rect>",
                label_w, y + 1, w, fill, esc(p.title), percent);
        std::string label = p.progress ? fmt::format("{}%", *p.progress) : std::string("–");
        if (p.manual) label += fmt::format(" ({})", tr("manual"));
        svg += fmt::format("<text x=\"{}\" y=\"{}\">{}</text>", label_w + plot_w + 5, y + 13,
                           esc(label));
    }
    return svg + "</svg>";
}

std::string html_table(const table& t, const std::string& section) {
    if (t.rows.empty()) return "<p class=\"none\">" + esc(tr("(none)")) + "</p>\n";
    std::string out = "<table><thead><tr>";
    for (const auto& c : t.columns)
        out += fmt::format("<th{}>{}</th>", c.alignment == align::right ? " class=\"r\"" : "",
                           esc(c.header));
    out += "</tr></thead><tbody>\n";
    for (const auto& row : t.rows) {
        bool fail = section == "gates" && cell_text(row.back()) == "FAIL";
        out += fail ? "<tr class=\"fail\">" : "<tr>";
        for (std::size_t i = 0; i < row.size(); ++i)
            out += fmt::format("<td{}>{}</td>",
                               t.columns[i].alignment == align::right ? " class=\"r\"" : "",
                               esc(cell_text(row[i])));
        out += "</tr>\n";
    }
    return out + "</tbody></table>\n";
}

std::string kpi(const std::string& label, const std::string& value, bool alert = false) {
    return fmt::format(
        "<div class=\"kpi{}\"><div class=\"n\">{}</div><div class=\"l\">{}</div></div>",
        alert ? " alert" : "", esc(value), esc(label));
}

std::string number_or_dash(const std::optional<std::int64_t>& v) {
    return v ? std::to_string(*v) : std::string("–");
}

}  // namespace

std::string render_summary_html(const summary& s, const std::vector<gate_result>& gates) {
    const summary_totals t = summary_figures(s);
    std::string title = fmt::format(fmt::runtime(tr("{} — status summary")), s.community);
    std::string out = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n";
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out += "<title>" + esc(title) + "</title>\n<style>" + style + "</style>\n</head>\n<body>\n";
    out += "<header><h1>" + esc(title) + "</h1>\n<p class=\"sub\">";
    out += esc(fmt::format(fmt::runtime(tr("Period {} to {}, as of {}")), format_date(s.since),
                           format_date(s.until), format_date(s.today)));
    if (!s.scope.empty()) out += esc(fmt::format(fmt::runtime(tr(" · only {}")), s.scope));
    out += "</p></header>\n<section class=\"kpis\">";
    out += kpi(tr("open issues"), std::to_string(t.open));
    out += kpi(tr("overdue"), std::to_string(t.overdue), t.overdue > 0);
    out += kpi(tr("opened in period"), std::to_string(t.opened));
    out += kpi(tr("resolved in period"), std::to_string(t.resolved));
    out += kpi(tr("median days to resolve"), number_or_dash(t.median_days_to_resolve));
    out += kpi(tr("90th percentile days"), number_or_dash(t.p90_days_to_resolve));
    out += "</section>\n<section class=\"charts\">\n<figure><figcaption>" +
           esc(tr("Issues opened and resolved per month")) + "</figcaption>" + months_chart(s) +
           "</figure>\n<figure><figcaption>" + esc(tr("Open issues by category")) +
           "</figcaption>" + category_chart(t) + "</figure>\n</section>\n";
    out += "<section><figure><figcaption>" + esc(tr("Project progress")) + "</figcaption>" +
           project_chart(s) + "</figure></section>\n";
    for (const auto& sec : summary_sections(s, gates)) {
        if (sec.key == "overview" || sec.key == "months") continue;  // cards and chart above
        out += "<section><h2>" + esc(sec.title) + "</h2>\n" + html_table(sec.rows, sec.key) +
               "</section>\n";
    }
    out += "<footer>" +
           esc(fmt::format(fmt::runtime(tr("Made by gov report summary on {}.")),
                           format_date(s.today))) +
           "</footer>\n</body>\n</html>\n";
    return out;
}

}  // namespace gov
