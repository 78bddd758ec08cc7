#include "roster/roster_row.hpp"
#include "text/interface.hpp"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"
#include "gov/values/person.hpp"
#include "gov/values/rational.hpp"

namespace gov::detail {
namespace {

constexpr roster_field required_fields[] = {f_name, f_compound, f_building, f_unit, f_room, f_role};

// Surrounding spaces are noise from hand-edited spreadsheets in every field
// but the remark, which is kept exactly as written.
// A leading apostrophe before = + - @ is the mark gov's CSV export puts on
// such cells so spreadsheets do not run them as formulas; it is not data.
std::string unmark(std::string_view s) {
    if (s.size() >= 2 && s[0] == '\'' &&
        std::string_view("=+-@\t\r").find(s[1]) != std::string_view::npos)
        s.remove_prefix(1);
    return std::string(s);
}

}  // namespace

roster_layout map_roster_header(const csv_record& header, const roster_config& cfg,
                                std::string_view source_name) {
    const auto& defaults = default_roster_columns();
    std::vector<csv_column> wanted;
    for (std::size_t f = 0; f < roster_field_count; ++f) {
        const std::string& key = defaults[f].first;
        auto it = cfg.columns.find(key);
        std::string configured = it != cfg.columns.end() ? it->second : defaults[f].second;
        bool required = std::find(std::begin(required_fields), std::end(required_fields),
                                  static_cast<roster_field>(f)) != std::end(required_fields);
        std::vector<std::string> names{configured};
        if (configured != key) names.push_back(key);
        wanted.push_back({key, names, required});
    }
    csv_header_map m = map_csv_header(header, wanted, source_name);
    roster_layout layout;
    layout.width = header.size();
    layout.index = m.index;
    layout.columns = std::move(m);
    layout.header.resize(roster_field_count);
    for (std::size_t f = 0; f < roster_field_count; ++f)
        layout.header[f] =
            layout.index[f] ? std::string(trim(header[*layout.index[f]])) : wanted[f].names[0];
    return layout;
}

// Long on purpose (~100 lines): one CSV record into a roster_row, a field
// at a time in the order of the columns, on the reading thread of a 1M-row
// import. Each field is a few lines under its name; as functions each would
// take the record, the layout and the problems again.
bool read_roster_row(const csv_record& rec, const roster_layout& layout, const roster_config& cfg,
                     const date& today, roster_row& row, std::vector<roster_problem>& problems) {
    row = roster_row{};
    row.line = rec.line();
    std::size_t before = problems.size();
    if (rec.size() != layout.width) {
        problems.push_back({rec.line(), "",
                            fmt::format(fmt::runtime(tr("has {} fields, the header has {}")),
                                        rec.size(), layout.width)});
        return false;
    }
    auto raw = [&](roster_field f) -> std::string_view {
        return layout.index[f] ? rec[*layout.index[f]] : std::string_view{};
    };
    auto field = [&](roster_field f) { return trim(raw(f)); };
    auto bad = [&](roster_field f, std::string reason) {
        problems.push_back({rec.line(), layout.header[f], std::move(reason)});
    };
    auto required = [&](roster_field f, std::string& out) {
        out = std::string(field(f));
        if (out.empty()) bad(f, tr("required"));
    };
    required(f_name, row.name);
    required(f_compound, row.compound);
    required(f_building, row.building);
    required(f_unit, row.unit);
    required(f_room, row.room);
    required(f_role, row.role);
    if (!row.role.empty() &&
        std::find(cfg.roles.begin(), cfg.roles.end(), row.role) == cfg.roles.end()) {
        std::string valid;
        for (const auto& r : cfg.roles) valid += (valid.empty() ? "" : ", ") + r;
        bad(f_role,
            fmt::format(fmt::runtime(tr("\"{}\" is not a role; roles are: {}")), row.role, valid));
    }
    if (auto g = parse_gender(field(f_gender)))
        row.gender = *g;
    else
        bad(f_gender, fmt::format(fmt::runtime(tr("\"{}\" is not 男 or 女")), field(f_gender)));
    if (auto y = field(f_birth_year); !y.empty()) {
        int v = 0;
        auto [p, ec] = std::from_chars(y.data(), y.data() + y.size(), v);
        int this_year = static_cast<int>(today.year());
        if (ec != std::errc{} || p != y.data() + y.size() || v < 1900 || v > this_year)
            bad(f_birth_year,
                fmt::format(fmt::runtime(tr("\"{}\" is not a year between 1900 and {}")), y,
                            this_year));
        else
            row.birth_year = v;
    }
    row.phone = std::string(field(f_phone));
    if (!row.phone.empty() && !is_valid_phone(row.phone)) {
        if (auto why = explain_bad_phone(row.phone, "gov roster export"))
            bad(f_phone, std::move(*why));
        else
            bad(f_phone,
                fmt::format(fmt::runtime(tr("\"{}\" is not an 11-digit mobile or a landline")),
                            row.phone.size() == 11 ? mask_phone(row.phone) : row.phone));
    }
    if (auto a = field(f_area); !a.empty()) {
        try {
            row.area = parse_hundredths(a);
            if (*row.area == 0) {
                bad(f_area, tr("must be more than 0"));
                row.area.reset();
            }
        } catch (const input_error&) {
            bad(f_area,
                fmt::format(fmt::runtime(tr("\"{}\" is not an area in m² with at most 2 decimals")),
                            a));
        }
    }
    auto yes_no = [&](roster_field f, bool& out) {
        if (auto v = parse_yes_no(field(f)))
            out = *v;
        else
            bad(f,
                fmt::format(fmt::runtime(tr("\"{}\" is not 是/否, yes/no, Y/N or 1/0")), field(f)));
    };
    yes_no(f_party_member, row.party_member);
    yes_no(f_building_leader, row.building_leader);
    yes_no(f_volunteer, row.volunteer);
    yes_no(f_committee_member, row.committee_member);
    auto a_date = [&](roster_field f, std::optional<std::string>& out) {
        auto t = field(f);
        if (t.empty()) return;
        if (auto d = parse_date(t)) {
            if (*d > today)
                bad(f, fmt::format(fmt::runtime(tr("{} is in the future")), t));
            else
                out = format_date(*d);
        } else {
            bad(f, fmt::format(fmt::runtime(tr("\"{}\" is not a real date (YYYY-MM-DD)")), t));
        }
    };
    a_date(f_moved_in, row.moved_in);
    a_date(f_moved_out, row.moved_out);
    row.remark = unmark(raw(f_remark));
    return problems.size() == before;
}

}  // namespace gov::detail
