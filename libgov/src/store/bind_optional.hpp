#pragma once
// Private to libgov: binding a value that may be missing, as NULL.

#include <optional>

#include <SQLiteCpp/SQLiteCpp.h>

namespace gov::detail {

template <class T>
void bind_optional(SQLite::Statement& s, int index, const std::optional<T>& v) {
    if (v)
        s.bind(index, *v);
    else
        s.bind(index);
}

}  // namespace gov::detail
