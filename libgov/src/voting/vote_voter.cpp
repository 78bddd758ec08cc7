// Naming voters: from what people write ("12-3-1502", a phone, "#42") to a
// voter of one proposal's frozen electorate, or to the reason there is none.

#include <algorithm>

#include <fmt/format.h>

#include "gov/values/i18n.hpp"
#include "gov/values/person.hpp"
#include "roster/interface.hpp"
#include "voting/proposal_internal.hpp"

namespace gov::detail {

namespace {

std::uint32_t hash_text(std::string_view s) {
    // FNV-1a: labels are short, and this is all the mixing they need.
    std::uint32_t h = 2166136261U;
    for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 16777619U;
    return h;
}

}  // namespace

void label_index::reserve(std::size_t entries, std::size_t text_bytes) {
    m_text.reserve(text_bytes);
    m_end.reserve(entries);
    m_seq.reserve(entries);
}

void label_index::add(std::string_view label, std::int64_t seq) {
    m_text.append(label);
    m_end.push_back(m_text.size());
    m_seq.push_back(seq);
}

std::string_view label_index::label(std::size_t entry) const {
    std::size_t begin = entry == 0 ? 0 : m_end[entry - 1];
    return std::string_view(m_text).substr(begin, m_end[entry] - begin);
}

void label_index::finish() {
    std::size_t capacity = 16;
    while (capacity < m_end.size() * 2) capacity *= 2;
    m_slots.assign(capacity, 0);
    for (std::size_t i = 0; i < m_end.size(); ++i) {
        std::uint32_t h = hash_text(label(i));
        std::size_t slot = h & (capacity - 1);
        while (m_slots[slot] != 0) slot = (slot + 1) & (capacity - 1);
        m_slots[slot] = (std::uint64_t{h} << 32) | (i + 1);
    }
}

std::optional<std::int64_t> label_index::find(std::string_view text) const {
    if (m_slots.empty()) return std::nullopt;
    std::uint32_t h = hash_text(text);
    std::size_t mask = m_slots.size() - 1;
    std::optional<std::int64_t> found;
    for (std::size_t slot = h & mask; m_slots[slot] != 0; slot = (slot + 1) & mask) {
        if (static_cast<std::uint32_t>(m_slots[slot] >> 32) != h) continue;
        std::size_t entry = (m_slots[slot] & 0xffffffffU) - 1;
        if (label(entry) != text) continue;
        if (found) return std::nullopt;  // shared by two voters: not a name
        found = m_seq[entry];
    }
    return found;
}

voter_directory::voter_directory(SQLite::Database& db, const proposal_info& p, bool bulk)
    : m_db(db),
      m_proposal(p.id),
      m_proposal_name(p.name()),
      m_kind(p.electorate.voters),
      m_by_id(db, "SELECT seq, label FROM proposal_voter WHERE proposal_id = ? AND voter_id = ?") {
    if (bulk && m_kind == voter_kind::household) {
        // Paper ballots name rooms exactly as the frozen labels do; one scan
        // here saves a roster query for each of a million rows.
        SQLite::Statement q(db, "SELECT seq, label FROM proposal_voter WHERE proposal_id = ?");
        q.bind(1, p.id);
        auto n = static_cast<std::size_t>(p.voters);
        m_labels.reserve(n, n * 12);
        while (q.executeStep()) {
            const SQLite::Column label = q.getColumn(1);
            m_labels.add(
                std::string_view(label.getText(), static_cast<std::size_t>(label.getBytes())),
                q.getColumn(0).getInt64());
        }
        m_labels.finish();
    }
}

voter_lookup voter_directory::find(std::string_view name) {
    if (auto seq = m_labels.find(name)) return {*seq, std::string(name), error_kind::not_found, {}};
    if (auto it = m_cache.find(name); it != m_cache.end()) return it->second;
    voter_lookup found = find_uncached(name);
    m_cache.emplace(std::string(name), found);
    return found;
}

voter_lookup voter_directory::find_uncached(std::string_view name) {
    voter_lookup out;
    // A phone a spreadsheet turned into a number, or a masked one, says so.
    if (auto why = explain_bad_phone(name, "gov roster export")) {
        out.problem_kind = error_kind::input;
        out.problem = std::move(*why);
        return out;
    }
    const bool phone = name.size() == 11 && name[0] == '1' && is_valid_phone(name);
    const std::string shown = phone ? mask_phone(name) : std::string(name);
    std::vector<std::int64_t> ids;  // households or residents, as the electorate counts
    try {
        bool by_id = !name.empty() &&
                     (name[0] == '#' ||
                      (!phone && name.find_first_not_of("0123456789") == std::string_view::npos));
        if (m_kind == voter_kind::household &&
            (by_id || name.find('-') != std::string_view::npos)) {
            ids.push_back(resolve_household(m_db, name));
        } else if (m_kind == voter_kind::resident && by_id) {
            ids.push_back(resolve_resident(m_db, name));
        } else {
            // A phone or a name. One person may have several rows (an owner of
            // several rooms): the voter is whichever of them the electorate holds.
            // `phone <> ''` lets SQLite use the partial index resident_phone
            // (without it, a scan of every resident).
            SQLite::Statement q(m_db, phone ? "SELECT id, household_id FROM resident WHERE "
                                              "phone = ? AND phone <> '' AND active = 1 "
                                              "ORDER BY id"
                                            : "SELECT id, household_id FROM resident "
                                              "WHERE name = ? AND active = 1 ORDER BY id");
            q.bind(1, std::string(name));
            while (q.executeStep()) {
                std::int64_t id = q.getColumn(m_kind == voter_kind::resident ? 0 : 1).getInt64();
                if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
            }
            if (ids.empty())
                throw not_found(
                    m_kind == voter_kind::resident
                        ? fmt::format(fmt::runtime(tr("no active resident {} (the voters of "
                                                      "proposal {} are residents: name them by "
                                                      "id, phone or unique name)")),
                                      shown, m_proposal_name)
                        : fmt::format(fmt::runtime(tr("no active resident {}")), shown));
        }
    } catch (const error& e) {
        if (e.kind() != error_kind::not_found && e.kind() != error_kind::input) throw;
        out.problem_kind = e.kind();
        out.problem = e.what();
        return out;
    }
    std::vector<std::pair<std::int64_t, std::string>> found;
    for (std::int64_t id : ids) {
        m_by_id.bind(1, m_proposal);
        m_by_id.bind(2, id);
        if (m_by_id.executeStep())
            found.emplace_back(m_by_id.getColumn(0).getInt64(), m_by_id.getColumn(1).getString());
        m_by_id.reset();
    }
    if (found.size() == 1) {
        out.seq = found.front().first;
        out.label = found.front().second;
    } else if (found.empty()) {
        out.problem_kind = error_kind::conflict;
        out.problem = fmt::format(fmt::runtime(tr("{} is not in the electorate of proposal {}")),
                                  shown, m_proposal_name);
    } else {
        std::string labels;
        for (const auto& f : found) {
            if (!labels.empty()) labels += ", ";
            labels += f.second;
        }
        out.problem_kind = error_kind::input;
        out.problem = fmt::format(
            fmt::runtime(tr("{} names {} voters of proposal {}: {}; name the {} instead")), shown,
            found.size(), m_proposal_name, labels,
            m_kind == voter_kind::household ? tr("room") : tr("resident by id (#id)"));
    }
    return out;
}

}  // namespace gov::detail
