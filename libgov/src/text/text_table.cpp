// text_table: a terminal table's text cells, stored back to back.
#include <algorithm>
#include <limits>

#include <fmt/format.h>

#include "gov/text/table.hpp"
#include "gov/values/date.hpp"
#include "gov/values/error.hpp"

namespace gov {

void text_table::add(std::string_view text) {
    // Offsets are 32-bit (half the memory of a listing's index of cells); a
    // terminal table of 4 GiB is a caller's bug, not a listing.
    if (text.size() > std::numeric_limits<std::uint32_t>::max() - m_text.size())
        throw internal_error("text_table: more than 4 GiB of text");
    m_text.append(text);
    m_ends.push_back(static_cast<std::uint32_t>(m_text.size()));
}

void text_table::add_cell(const cell& c) {
    if (const auto* text = std::get_if<std::string>(&c))
        add(*text);
    else
        add(cell_text(c));  // a number or a boolean, or "" for an empty cell
}

void text_table::end_row() {
    const std::size_t cells = m_ends.size() - m_rows * columns.size();
    if (cells != columns.size())
        throw internal_error(fmt::format("table row {} has {} cells but the table has {} columns",
                                         m_rows + 1, cells, columns.size()));
    ++m_rows;
}

std::string_view text_table::at(std::size_t row, std::size_t col) const {
    const std::size_t k = row * columns.size() + col;
    const std::uint32_t begin = k == 0 ? 0 : m_ends[k - 1];
    return std::string_view(m_text).substr(begin, m_ends[k] - begin);
}

void text_table::keep_columns(const std::vector<bool>& keep) {
    const std::size_t n = columns.size();
    if (keep.size() != n || m_ends.size() != m_rows * n)
        throw internal_error("text_table: keep_columns needs one flag a column and whole rows");
    // In place: what is kept only ever moves towards the front.
    std::size_t write = 0, kept = 0;
    std::uint32_t begin = 0;
    for (std::size_t k = 0; k < m_ends.size(); ++k) {
        const std::uint32_t end = m_ends[k];
        if (keep[k % n]) {
            if (write != begin)
                std::copy(m_text.begin() + begin, m_text.begin() + end, m_text.begin() + write);
            write += end - begin;
            m_ends[kept++] = static_cast<std::uint32_t>(write);
        }
        begin = end;
    }
    m_text.resize(write);
    m_ends.resize(kept);
    std::vector<column> shown;
    for (std::size_t c = 0; c < n; ++c)
        if (keep[c]) shown.push_back(std::move(columns[c]));
    columns = std::move(shown);
}

void show_local_times(table& t, std::chrono::minutes utc_offset) {
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
        if (!t.columns[c].instant) continue;
        for (auto& row : t.rows)
            if (auto* text = std::get_if<std::string>(&row[c]))
                *text = local_time_text(*text, utc_offset);
    }
}

}  // namespace gov
