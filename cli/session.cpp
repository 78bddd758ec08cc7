#include "session.hpp"

#include <pwd.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <ostream>

#include <fmt/format.h>

#include "gov/values/date.hpp"
#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"

namespace gov::cli {

std::optional<std::string> env(const char* name) {
    const char* v = std::getenv(name);
    if (!v) return std::nullopt;
    return std::string(v);
}

session::session(std::ostream& out, std::ostream& err) : m_out(out), m_err(err) {}

const clock& session::clk() {
    if (!m_clock) {
        if (auto now = env("GOV_NOW"); now && !now->empty()) {
            // Without an offset it is the community's local time, as every
            // time typed on the command line is.
            auto t = parse_timestamp(*now, utc_offset());
            if (!t)
                throw usage_error(fmt::format(
                    fmt::runtime(
                        tr("GOV_NOW: \"{}\" is not an ISO-8601 time like 2026-11-27T09:00:00Z or "
                           "2026-11-27T17:00 (local)")),
                    *now));
            m_clock = std::make_unique<fixed_clock>(*t);
        } else {
            m_clock = std::make_unique<system_clock>();
        }
    }
    return *m_clock;
}

std::string session::actor() const {
    if (!options.actor.empty()) return options.actor;
    if (auto a = env("GOV_ACTOR"); a && !a->empty()) return *a;
    if (const passwd* pw = ::getpwuid(::geteuid()); pw && pw->pw_name) return pw->pw_name;
    if (auto u = env("USER"); u && !u->empty()) return *u;
    return "unknown";
}

const config& session::cfg() {
    if (!m_cfg) {
        std::optional<std::filesystem::path> explicit_path;
        if (!options.config_path.empty()) explicit_path = options.config_path;
        auto file = find_config(explicit_path, env("GOV_CONFIG"), std::filesystem::current_path());
        m_cfg = load_config(file);
    }
    return *m_cfg;
}

context& session::ctx() {
    if (!m_ctx) {
        const config& c = cfg();  // first: GOV_NOW is read at its offset
        m_ctx.emplace(open_context(c, clk(), actor()));
    }
    return *m_ctx;
}

bool session::out_is_terminal() const {
    return ::isatty(STDOUT_FILENO) == 1;
}

bool session::color() const {
    auto no_color = env("NO_COLOR");
    return out_is_terminal() && !(no_color && !no_color->empty());
}

void session::emit(const std::string& text, const std::string& file) {
    if (file.empty()) {
        m_out << text;
        return;
    }
    std::ofstream f(file, std::ios::binary | std::ios::trunc);
    f << text;
    f.close();
    if (!f) throw storage_error(fmt::format(fmt::runtime(tr("{}: cannot write")), file));
}

table_style session::style() {
    table_style style;
    if (out_is_terminal()) {
        winsize ws{};
        if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) style.width = ws.ws_col;
    }
    // COLUMNS lets scripts and tests ask for a width even without a terminal.
    if (auto cols = env("COLUMNS")) {
        try {
            style.width = std::stoi(*cols);
        } catch (...) {
        }
    }
    style.color = color();
    return style;
}

std::chrono::minutes session::utc_offset() const {
    // Before a config is read (gov init), the offset a new community gets.
    return m_cfg ? m_cfg->utc_offset : config{}.utc_offset;
}

std::string session::local_time(timestamp t) const {
    return format_local_time(t, utc_offset());
}

std::string session::local_time(const std::string& iso) const {
    return local_time_text(iso, utc_offset());
}

void session::print(const table& t, output_format format) {
    const bool for_people = format == output_format::table || format == output_format::markdown;
    if (for_people && std::any_of(t.columns.begin(), t.columns.end(),
                                  [](const column& c) { return c.instant; })) {
        table shown = t;
        show_local_times(shown, utc_offset());
        m_out << render(shown, format, style());
        return;
    }
    m_out << render(t, format, style());
}

void session::print(const text_table& t) {
    m_out << render_table(t, style());
}

}  // namespace gov::cli
