#pragma once
/// \file
/// How far one word is from another, for "did you mean" suggestions: an
/// unknown command or option (the CLI), a CSV heading that resembles a
/// known column (imports). One definition for both, so that what counts as
/// a near miss is the same everywhere.

#include <algorithm>
#include <cstddef>
#include <functional>
#include <vector>

namespace gov {

/// Edits (insert, delete, replace, swap two neighbours) that turn `a` into
/// `b`: the optimal string alignment distance. Any two sequences of the
/// same element type (a string_view's bytes, a vector of UTF-8 characters);
/// `same` compares two elements (e.g. without case).
template <class Sequence, class Same = std::equal_to<>>
std::size_t edit_distance(const Sequence& a, const Sequence& b, Same same = {}) {
    const std::size_t n = a.size(), m = b.size();
    std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
    for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= n; ++i)
        for (std::size_t j = 1; j <= m; ++j) {
            std::size_t cost = same(a[i - 1], b[j - 1]) ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && same(a[i - 1], b[j - 2]) && same(a[i - 2], b[j - 1]))
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    return d[n][m];
}

}  // namespace gov
