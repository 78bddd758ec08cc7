#pragma once
/// \file
/// How long work says how far it has come. Imports and exports that can
/// take more than a second on a large community (a roster of a million
/// residents, 200k issues, a ballot file, the records of `gov export`) take
/// a callback in their options; the library calls it now and then — every
/// MiB read, every few thousand rows written, never per row — and never
/// prints. The command line draws it (cli/progress.hpp).

#include <cstdint>
#include <functional>

namespace gov {

/// Called with the units done so far and the total: bytes of the file read
/// for an import, rows written for an export (0 for an unknown total).
/// Never called by two threads at once, but maybe not from the caller's.
using progress_callback = std::function<void(std::uint64_t done, std::uint64_t total)>;

/// Rows an export writes between two calls of its progress callback.
inline constexpr std::uint64_t progress_rows = 4096;

}  // namespace gov
