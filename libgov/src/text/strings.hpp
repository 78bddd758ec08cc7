#pragma once
// Small text helpers the packages share (private to libgov).

#include <string>
#include <string_view>
#include <vector>

namespace gov::detail {

/// The items with `sep` between them ("a, b"); "" for none.
inline std::string joined(const std::vector<std::string>& items, std::string_view sep = ", ") {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i) out += sep;
        out += items[i];
    }
    return out;
}

}  // namespace gov::detail
